import type { Manifest } from './manifest.js';

/** One line of `hirewatch data status`. Pure: `today` is passed in by the shell. */
export interface DatasetStatus {
  readonly name: string;
  readonly title: string;
  readonly asOf: string;
  readonly retrieved: string;
  readonly records: number;
  readonly ageDays: number;
  readonly stale: boolean;
  readonly updater?: string;
}

export const STALE_AFTER_DAYS = 30;

function daysBetween(from: string, to: Date): number {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number | undefined];
  // A month-precision date counts from the month's last day: the list was current until then.
  const start = d === undefined ? Date.UTC(y, m, 0) : Date.UTC(y, m - 1, d);
  return Math.floor((to.getTime() - start) / 86_400_000);
}

export function datasetStatus(manifest: Manifest, today: Date): DatasetStatus[] {
  return Object.entries(manifest.datasets).map(([name, ds]) => {
    const ageDays = daysBetween(ds.asOf, today);
    return {
      name,
      title: ds.title,
      asOf: ds.asOf,
      retrieved: ds.retrieved,
      records: ds.records,
      ageDays,
      stale: ageDays > STALE_AFTER_DAYS,
      ...(ds.updater ? { updater: ds.updater } : {}),
    };
  });
}
