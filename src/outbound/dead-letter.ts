import { createReadStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import type { OcsfFinding } from '../service/findings.js';
import { AppendOnlyFile } from './file-target.js';
import { withRetries, type RetryPolicy } from './retry.js';
import type { Target } from './target.js';

/**
 * The dead-letter file (docs/ALERTS.md): a finding whose last attempt at a
 * destination failed is appended here, one JSON line, with the destination's
 * id and label, when, how many attempts and why (never a credential). The
 * file is created 0600. `replayDeadLetters` sends them again.
 */
export const DeadLetterSchema = z.object({
  destination: z.string().min(1).max(200),
  label: z.string().max(500),
  failedAt: z.string().max(40),
  attempts: z.number().int().min(0),
  error: z.string().max(1000),
  event: z.looseObject({ metadata: z.looseObject({ uid: z.string().min(1).max(200) }) }),
});
export type DeadLetter = z.infer<typeof DeadLetterSchema>;

/** A dead letter's line is at most this long (an event is a few kilobytes). */
export const DEAD_LETTER_LINE_LIMIT = 1024 * 1024;

export function deadLetter(target: Target, event: OcsfFinding, attempts: number, error: string, at: Date): DeadLetter {
  return { destination: target.id, label: target.label, failedAt: at.toISOString(), attempts, error, event: event as unknown as DeadLetter['event'] };
}

export interface ReplayReport {
  /** Delivered now and gone from the file. */
  delivered: number;
  /** Failed again: back in the file. */
  failed: number;
  /** For a destination not configured now, or unreadable: back in the file untouched. */
  kept: number;
}

/**
 * Send every dead letter again to the configured destination it names. The
 * file is first moved aside (so a running process appending to it loses
 * nothing), then what is not delivered is appended back, and the moved file
 * removed.
 */
export async function replayDeadLetters(path: string, targets: readonly Target[], retry: RetryPolicy, log: (message: string) => void = () => {}): Promise<ReplayReport> {
  const report: ReplayReport = { delivered: 0, failed: 0, kept: 0 };
  try {
    if ((await stat(path)).size === 0) return report;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return report;
    throw err;
  }
  const aside = `${path}.replaying-${process.pid}-${Date.now()}`;
  await rename(path, aside);
  const back = new AppendOnlyFile(path);
  const byId = new Map(targets.map((t) => [t.id, t]));
  const lines = createInterface({ input: createReadStream(aside, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const parsed = line.length <= DEAD_LETTER_LINE_LIMIT ? safeParse(line) : undefined;
    const target = parsed ? byId.get(parsed.destination) : undefined;
    if (!parsed || !target) {
      report.kept++;
      await back.append(line);
      continue;
    }
    const event = parsed.event as unknown as OcsfFinding;
    const outcome = await withRetries(retry, () => target.send(event));
    if (outcome.ok) {
      report.delivered++;
      continue;
    }
    report.failed++;
    log(`${target.label}: ${outcome.error ?? 'failed'} after ${outcome.attempts} attempt(s); event ${event.metadata.uid} stays in ${path}`);
    await back.append(JSON.stringify(deadLetter(target, event, parsed.attempts + outcome.attempts, outcome.error ?? 'failed', new Date())));
  }
  await rm(aside);
  return report;
}

function safeParse(line: string): DeadLetter | undefined {
  try {
    const parsed = DeadLetterSchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
