/**
 * The application layer: every entry point (CLI commands, API routes, ATS
 * webhooks, stream consumers) calls these and nothing below them for what
 * it changes. See docs/ARCHITECTURE.md.
 */
export { Screening, type Prepared, type Screened, type ScreeningOptions, type Submitted } from './screening.js';
export { Monitoring, ASSESS_DAYS, type AlertCounts, type IngestOptions, type TelemetryOutcome } from './monitoring.js';
export { importChunks, DEFAULT_CHUNK_SIZE, type ChunkReport, type ImportTotals } from './import-stream.js';
export { buildScreenContext, type ContextOptions } from './screen-context.js';
export { DetectPool, type DetectPoolOptions } from './detect-pool.js';
export { jobsOf, type PreparedRecord } from './detect-jobs.js';
export { buildMonitorReference, type MonitorReferenceOptions } from './monitor-reference.js';
export type { Actor } from './audit-entry.js';
export { summaryOf } from './case-views.js';
export { Cases, CaseConflict, type CaseView, type Dashboard, type DecisionInput, type Label, type VerificationView } from './cases.js';
export { Retention, type ErasureReport, type ErasureSubject, type Kept, type RetentionReport } from './retention.js';
export { backtestWeights, type Backtest, type BacktestOptions, type BacktestRow } from './backtest.js';
export { buildFindings, type FindingSink } from './finding-sink.js';
export { OUTBOX_LEASE_MS, OUTBOX_SWEEP_MS, sendLeftovers, sweepLeftovers } from './finding-outbox.js';
export { alertFinding, decisionFinding, holdFinding, OCSF_VERSION, type AlertFact, type DecisionFact, type HoldFact, type OcsfFinding, type Producer } from './findings.js';
