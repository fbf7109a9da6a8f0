import pg from 'pg';

/**
 * A PostgreSQL session holding advisory locks as leases (docs/SCALE.md):
 * `hirewatch worker` owns a partition while this session holds the
 * partition's lock. The lock lives as long as the session: a worker killed
 * by any signal, or cut off from the database, loses its connection and with
 * it every lock at once, and another worker takes the partition at its next
 * heartbeat; no clock, no time to live to tune. A worker that loses the
 * session (`lost`) must stop at once: another may own its partitions.
 */
export interface LeaseSession {
  /** Take the lock of `key` if no session holds it (never waits). */
  tryTake(key: bigint): Promise<boolean>;
  release(key: bigint): Promise<void>;
  /** How many of `keys` some session holds (this one included). */
  heldCount(keys: readonly bigint[]): Promise<number>;
  /** Settles with the error that ended the session. */
  readonly lost: Promise<Error>;
  close(): Promise<void>;
}

/** A lock key of a name: the top 63 bits of FNV-1a 64 (non-negative, so pg_locks' two halves read back simply). */
export function leaseKey(name: string): bigint {
  let h = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(name, 'utf8')) {
    h ^= BigInt(byte);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h >> 1n;
}

export async function openLeaseSession(url: string): Promise<LeaseSession> {
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error('hirewatch worker needs a postgres:// database: partition leases are PostgreSQL advisory locks');
  // Keepalives: a session whose peer vanished (a cut network) is noticed and its locks freed.
  const client = new pg.Client({ connectionString: url, keepAlive: true, keepAliveInitialDelayMillis: 5000 });
  let closing = false;
  const lost = new Promise<Error>((resolve) => {
    client.on('error', (err) => resolve(err));
    client.on('end', () => resolve(new Error(closing ? 'lease session closed' : 'lease session ended')));
  });
  await client.connect();
  // A worker whose queries hang holds its partitions hostage: bound every lease query.
  await client.query("set statement_timeout = '10s'");
  return {
    async tryTake(key) {
      const r = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1::bigint) as ok', [key.toString()]);
      return r.rows[0]!.ok;
    },
    async release(key) {
      await client.query('select pg_advisory_unlock($1::bigint)', [key.toString()]);
    },
    async heldCount(keys) {
      if (keys.length === 0) return 0;
      const r = await client.query<{ n: number }>(
        `select count(*)::int as n from pg_locks
          where locktype = 'advisory' and granted and objsubid = 1
            and database = (select oid from pg_database where datname = current_database())
            and ((classid::bigint << 32) | objid::bigint) = any($1::bigint[])`,
        [keys.map(String)],
      );
      return r.rows[0]!.n;
    },
    lost,
    async close() {
      closing = true;
      await client.end();
    },
  };
}
