import type { StoreCounts } from '../../store/index.js';

/**
 * Prometheus metrics in the text exposition format, without a client
 * library: request counts by route, method and status, a latency histogram
 * by route, and the stored applications of the caller's organisation by band.
 * Requests and latencies are the whole service's, every organisation's
 * together: the route needs `metrics:read`, which only admins hold.
 */
export const LATENCY_BUCKETS_SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

interface Histogram {
  readonly counts: number[];
  sum: number;
  count: number;
}

const escapeLabel = (v: string): string => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const labels = (pairs: Record<string, string>): string =>
  `{${Object.entries(pairs).map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}`;

export class RequestMetrics {
  private readonly requests = new Map<string, number>();
  private readonly latency = new Map<string, Histogram>();
  private readonly startedAt = Date.now();

  /** `route` is the route pattern (never the raw URL: ids would explode the label set). */
  observe(route: string, method: string, status: number, seconds: number): void {
    const key = `${route}\u0000${method}\u0000${status}`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    let h = this.latency.get(route);
    if (!h) {
      h = { counts: new Array<number>(LATENCY_BUCKETS_SECONDS.length).fill(0), sum: 0, count: 0 };
      this.latency.set(route, h);
    }
    for (let i = 0; i < LATENCY_BUCKETS_SECONDS.length; i++) if (seconds <= LATENCY_BUCKETS_SECONDS[i]!) h.counts[i]!++;
    h.sum += seconds;
    h.count++;
  }

  render(org: string, counts: StoreCounts | undefined): string {
    const out: string[] = [];
    out.push('# HELP hirewatch_http_requests_total HTTP requests by route pattern, method and status.');
    out.push('# TYPE hirewatch_http_requests_total counter');
    for (const [key, n] of [...this.requests].sort()) {
      const [route, method, status] = key.split('\u0000') as [string, string, string];
      out.push(`hirewatch_http_requests_total${labels({ route, method, status })} ${n}`);
    }
    out.push('# HELP hirewatch_http_request_duration_seconds Time from request received to response sent.');
    out.push('# TYPE hirewatch_http_request_duration_seconds histogram');
    for (const [route, h] of [...this.latency].sort(([a], [b]) => (a < b ? -1 : 1))) {
      LATENCY_BUCKETS_SECONDS.forEach((le, i) => out.push(`hirewatch_http_request_duration_seconds_bucket${labels({ route, le: String(le) })} ${h.counts[i]}`));
      out.push(`hirewatch_http_request_duration_seconds_bucket${labels({ route, le: '+Inf' })} ${h.count}`);
      out.push(`hirewatch_http_request_duration_seconds_sum${labels({ route })} ${h.sum}`);
      out.push(`hirewatch_http_request_duration_seconds_count${labels({ route })} ${h.count}`);
    }
    if (counts) {
      out.push('# HELP hirewatch_applications_stored Applications stored for the organisation.');
      out.push('# TYPE hirewatch_applications_stored gauge');
      out.push(`hirewatch_applications_stored${labels({ org })} ${counts.applications}`);
      out.push('# HELP hirewatch_applications_by_band Applications by the band of their latest result.');
      out.push('# TYPE hirewatch_applications_by_band gauge');
      for (const band of ['clear', 'review', 'hold'] as const) out.push(`hirewatch_applications_by_band${labels({ org, band })} ${counts.byBand[band]}`);
    }
    out.push('# HELP hirewatch_process_uptime_seconds Seconds since the server started.');
    out.push('# TYPE hirewatch_process_uptime_seconds gauge');
    out.push(`hirewatch_process_uptime_seconds ${((Date.now() - this.startedAt) / 1000).toFixed(0)}`);
    return `${out.join('\n')}\n`;
  }
}
