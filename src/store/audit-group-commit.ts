import { AuditInputSchema, type AuditEntry, type AuditInput } from './audit-chain.js';

/** Entries one transaction appends at most. */
export const MAX_GROUP = 256;

interface Waiting {
  readonly input: AuditInput;
  readonly resolve: (entry: AuditEntry) => void;
  readonly reject: (err: unknown) => void;
}

/**
 * Audit entries appended outside a change's own transaction (reads, sessions,
 * keys), committed in groups: while one transaction appends, the entries
 * that arrive meanwhile wait and go into the next one, together. Each caller
 * still learns its entry only once it is committed, so nothing is answered
 * before its audit entry is stored; what changes is that fifty analysts
 * reading at once cost a few transactions instead of fifty queued on the
 * organisation's audit head. Nothing waits for a timer: a lone entry is
 * committed at once. An input the schema refuses fails only its caller; if a
 * group's transaction fails, its entries are retried one by one, so one bad
 * entry cannot fail the others.
 */
export class AuditGroupCommit {
  private readonly waiting: Waiting[] = [];
  private running = false;

  constructor(private readonly commit: (inputs: readonly AuditInput[]) => Promise<AuditEntry[]>) {}

  append(input: AuditInput): Promise<AuditEntry> {
    const checked = AuditInputSchema.safeParse(input);
    if (!checked.success) return Promise.reject(checked.error);
    return new Promise((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.waiting.length > 0) {
        const group = this.waiting.splice(0, MAX_GROUP);
        try {
          const entries = await this.commit(group.map((w) => w.input));
          group.forEach((w, i) => w.resolve(entries[i]!));
        } catch (err) {
          if (group.length === 1) group[0]!.reject(err);
          else for (const w of group) await this.commitAlone(w);
        }
      }
    } finally {
      this.running = false;
    }
  }

  private async commitAlone(w: Waiting): Promise<void> {
    try {
      w.resolve((await this.commit([w.input]))[0]!);
    } catch (err) {
      w.reject(err);
    }
  }
}
