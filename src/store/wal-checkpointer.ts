import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** How often the background thread copies the write-ahead log into the database file. */
export const CHECKPOINT_EVERY_MS = 100;

/**
 * WAL pages past which the connection itself checkpoints (SQLite's own
 * automatic checkpoint), kept as a backstop while the thread runs: 64 MB.
 */
export const BACKSTOP_PAGES = 16_384;

/** SQLite's default automatic checkpoint, restored if the thread stops on its own. */
const SQLITE_DEFAULT_PAGES = 1000;

/**
 * The thread's code (a CommonJS script, so it needs no TypeScript loader):
 * its own connection to the file, a PASSIVE checkpoint on a timer (it
 * never waits for or blocks the writer or a reader), one last one on 'stop'.
 */
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const step = () => { db.pragma('wal_checkpoint(PASSIVE)'); };
const timer = setInterval(step, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  try { step(); } finally { db.close(); parentPort.close(); }
});
`;

/**
 * Checkpoints of an SQLite database in WAL mode, off the main thread.
 *
 * better-sqlite3 is synchronous: SQLite's automatic checkpoint runs inside
 * the COMMIT that pushes the log past 1,000 pages and copies those pages into
 * the database file, with an fsync, on the thread that serves every request.
 * Under 50 concurrent submissions that was a pause of hundreds of ms every
 * few commits (write p99 634-981 ms, max 5 s on 100,000 stored applications;
 * 276-280 ms with no checkpoint at all). Here a worker thread with its own
 * connection checkpoints every CHECKPOINT_EVERY_MS (under that load the log is copied as it is written, and the connection restarts it at the backstop with little left to copy), and the main connection
 * checkpoints by itself only past BACKSTOP_PAGES (or at SQLite's default
 * again if the thread fails). A crash loses nothing either way: committed
 * transactions are in the log until copied, and SQLite replays it on open.
 */
export class WalCheckpointer {
  private readonly worker: Worker;
  private stopped = false;
  private readonly exited: Promise<void>;

  constructor(private readonly database: Database.Database, file: string, everyMs = CHECKPOINT_EVERY_MS) {
    database.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
    // After a checkpoint the log starts again from its beginning; the file is cut back to this size.
    database.pragma(`journal_size_limit = ${BACKSTOP_PAGES * 4096}`);
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(THREAD, { eval: true, workerData: { driver, file, everyMs } });
    this.worker.unref();
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.once('error', () => this.fallBack());
    this.worker.once('exit', () => this.fallBack());
  }

  /** The thread stopped without being asked: the connection checkpoints by itself again. */
  private fallBack(): void {
    if (this.stopped || !this.database.open) return;
    this.database.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_PAGES}`);
  }

  /** One last checkpoint, then the thread ends (before the main connection closes). */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.worker.postMessage('stop');
    await this.exited;
  }
}
