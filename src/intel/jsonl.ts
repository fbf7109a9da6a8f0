import type { SharedIndicator, SharingMode } from './sharing.js';

/**
 * Shared indicators as JSON Lines: a first line naming the producer, the
 * mode, the key (its public id, in private mode), the time and the count,
 * then one indicator per line (SharedIndicator: `value` in clear mode,
 * `hash` in private mode).
 */
export function* indicatorLines(input: {
  readonly org: string;
  readonly mode: SharingMode;
  readonly keyId?: string | undefined;
  readonly indicators: readonly SharedIndicator[];
  readonly now: string;
}): Generator<string> {
  const header = { type: 'hirewatch-indicators', version: 1, producer: input.org, mode: input.mode, ...(input.keyId ? { keyId: input.keyId } : {}), generatedAt: input.now, count: input.indicators.length };
  yield `${JSON.stringify(header)}\n`;
  for (const i of input.indicators) yield `${JSON.stringify(i)}\n`;
}
