/**
 * Retries with exponential backoff and a cap (docs/ALERTS.md): attempt 1 at
 * once, then after base, 2 x base, 4 x base ... never more than `capMs`
 * between two attempts. A permanent failure (a receiver that refuses the
 * event itself: 4xx other than 408 and 429) is not retried. `sleep` is
 * injectable so tests run without waiting.
 */
export interface RetryPolicy {
  /** Attempts in all, the first included (at least 1). */
  readonly attempts: number;
  readonly baseMs: number;
  readonly capMs: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseMs: 1000, capMs: 60_000 };

/** A failed delivery: `permanent` when trying again cannot help. The message names no secret. */
export class DeliveryError extends Error {
  constructor(message: string, readonly permanent = false) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms).unref());

/** The wait before attempt `n` (2, 3, ...): base x 2^(n-2), at most the cap. */
export function backoffMs(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 2));
}

export interface RetryOutcome {
  readonly ok: boolean;
  readonly attempts: number;
  readonly error?: string;
}

export async function withRetries(policy: RetryPolicy, attempt: (n: number) => Promise<void>): Promise<RetryOutcome> {
  const sleep = policy.sleep ?? defaultSleep;
  const total = Math.max(1, Math.floor(policy.attempts));
  let error = 'not attempted';
  for (let n = 1; n <= total; n++) {
    if (n > 1) await sleep(backoffMs(policy, n));
    try {
      await attempt(n);
      return { ok: true, attempts: n };
    } catch (err) {
      error = err instanceof DeliveryError ? err.message : 'delivery failed';
      if (err instanceof DeliveryError && err.permanent) return { ok: false, attempts: n, error };
    }
  }
  return { ok: false, attempts: total, error };
}
