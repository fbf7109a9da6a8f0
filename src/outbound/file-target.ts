import { appendFile, chmod, open } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { OcsfFinding } from '../service/findings.js';
import { DeliveryError } from './retry.js';
import { destinationId, type Target } from './target.js';

/**
 * Lines appended to a file created readable by its owner alone (0600; an
 * existing file is narrowed to 0600 too, since every line names people under
 * verification). Appends are chained, so two events never interleave.
 */
export class AppendOnlyFile {
  private chain: Promise<void> = Promise.resolve();
  private prepared = false;

  constructor(readonly path: string) {}

  private async prepare(): Promise<void> {
    if (this.prepared) return;
    const handle = await open(this.path, 'a', 0o600);
    await handle.close();
    await chmod(this.path, 0o600);
    this.prepared = true;
  }

  append(line: string): Promise<void> {
    const next = this.chain.then(async () => {
      await this.prepare();
      await appendFile(this.path, `${line}\n`, { mode: 0o600 });
    });
    this.chain = next.catch(() => undefined);
    return next;
  }
}

/** Findings as JSON Lines, one event a line. */
export function fileTarget(path: string): Target {
  const file = new AppendOnlyFile(resolve(path));
  return {
    kind: 'file',
    label: `file ${file.path}`,
    id: destinationId('file', file.path),
    async send(event: OcsfFinding) {
      try {
        await file.append(JSON.stringify(event));
      } catch (err) {
        throw new DeliveryError(`${file.path} could not be written (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
      }
    },
  };
}
