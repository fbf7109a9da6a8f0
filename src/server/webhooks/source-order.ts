import type { HirewatchStore } from '../../store/index.js';

/**
 * The store as the webhook route hands it to Screening.submit: the same
 * store (the same transaction), whose writes of records carry their source
 * time (ImportOptions.sourceTime), so the write path refuses an update older
 * than the one it holds (status 'unchanged', `stale: true`).
 *
 * The service layer builds the import options itself and has no place for
 * the source time yet; when Screening.submit takes it, this view goes.
 */
export function withSourceTime(store: HirewatchStore, sourceUpdatedAt: string | undefined): HirewatchStore {
  if (sourceUpdatedAt === undefined) return store;
  const sourceTime = () => sourceUpdatedAt;
  const view = Object.create(store) as HirewatchStore;
  return Object.defineProperties(view, {
    importBatch: { value: ((records, options = {}) => store.importBatch(records, { ...options, sourceTime })) satisfies HirewatchStore['importBatch'] },
    putVersion: { value: ((record, options = {}) => store.putVersion(record, { ...options, sourceTime })) satisfies HirewatchStore['putVersion'] },
  });
}
