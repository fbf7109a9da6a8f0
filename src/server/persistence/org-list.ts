import { connect } from '../../store/connect.js';
import type { StoreTarget } from '../../store/index.js';

/**
 * The organisations that have an audit log or API keys. The store's
 * interface is bound to one organisation and offers no listing, and the
 * store object does not expose its Kysely instance, so this opens a second,
 * short-lived connection through the store's own `connect` (same schema,
 * same migrations) for one read-only query. Used by `hirewatch audit
 * verify` to check every organisation's chain.
 */
export async function listOrganisations(target: StoreTarget, schema?: string): Promise<string[]> {
  const { db } = await connect(target, schema ? { schema } : {});
  try {
    const fromAudit = await db.selectFrom('audit_log').select('org_id').distinct().execute();
    const fromKeys = await db.selectFrom('api_keys').select('org_id').distinct().execute();
    return [...new Set([...fromAudit, ...fromKeys].map((r) => r.org_id))].sort();
  } finally {
    await db.destroy();
  }
}
