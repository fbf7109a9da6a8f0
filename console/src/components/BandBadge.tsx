import type { Band } from '../api';

export function BandBadge({ band }: { band: Band | string }) {
  return <span className={`band band-${band}`}>{band}</span>;
}
