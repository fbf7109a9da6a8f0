/**
 * Deliveries already handled, by vendor, organisation and the vendor's
 * delivery id: ATS vendors retry on timeouts, so one event can arrive more
 * than once. Bounded (oldest forgotten first) and per process; a retry that
 * reaches another process, or arrives after a restart, is still harmless:
 * the store keeps identical content as a no-op (no new version, no
 * re-screening), so the duplicate costs one read.
 */
export class DeliveryDedupe {
  private readonly seen = new Map<string, number>();

  constructor(private readonly capacity = 50_000, private readonly ttlMs = 24 * 3_600_000, private readonly now: () => number = Date.now) {}

  private key(vendor: string, org: string, deliveryId: string): string {
    return `${vendor}\u0000${org}\u0000${deliveryId}`;
  }

  has(vendor: string, org: string, deliveryId: string | undefined): boolean {
    if (deliveryId === undefined) return false;
    const at = this.seen.get(this.key(vendor, org, deliveryId));
    return at !== undefined && this.now() - at < this.ttlMs;
  }

  remember(vendor: string, org: string, deliveryId: string | undefined): void {
    if (deliveryId === undefined) return;
    const key = this.key(vendor, org, deliveryId);
    this.seen.delete(key);
    this.seen.set(key, this.now());
    while (this.seen.size > this.capacity) {
      const oldest = this.seen.keys().next().value;
      if (oldest === undefined) break;
      this.seen.delete(oldest);
    }
  }
}
