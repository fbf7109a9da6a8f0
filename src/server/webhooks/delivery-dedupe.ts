import type { HirewatchStore } from '../../store/index.js';

/**
 * Deliveries already handled, by organisation, vendor and the vendor's
 * delivery id. ATS vendors retry on timeouts, so one event can arrive more
 * than once. The ids are kept in the database (webhook_deliveries), not in
 * memory: a retry is recognised after a restart and by every server process.
 * A delivery is recorded in the transaction that stores what it brought, so
 * a crash between the two cannot lose it (nor record it without its change).
 *
 * A delivery id is the vendor's and is not covered by every vendor's
 * signature (Greenhouse sends it as a header): it spares a retry the work,
 * it does not stop a replay under a new id. That is the source time's job
 * (ImportOptions.sourceTime): an update older than the one stored is stale.
 */
export class DeliveryDedupe {
  /** How long a delivery id is remembered (default 30 days; vendors retry for hours). */
  constructor(private readonly retentionMs = 30 * 24 * 3_600_000) {}

  /** Whether this delivery was handled before (a read; the answer is final only inside the transaction: `claim`). */
  async seen(store: HirewatchStore, vendor: string, deliveryId: string | undefined): Promise<boolean> {
    return deliveryId !== undefined && store.admin.webhookDeliveries.seen(vendor, deliveryId);
  }

  /**
   * Record the delivery in the caller's transaction (`tx`: the store given by
   * store.transaction). False when it was recorded before: a duplicate. A
   * delivery without an id is never a duplicate.
   */
  async claim(tx: HirewatchStore, vendor: string, deliveryId: string | undefined, now: Date): Promise<boolean> {
    if (deliveryId === undefined) return true;
    const forgetBefore = new Date(now.getTime() - this.retentionMs).toISOString();
    return tx.admin.webhookDeliveries.record(vendor, deliveryId, now.toISOString(), forgetBefore);
  }
}
