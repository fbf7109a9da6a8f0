/**
 * The tables of the hirewatch database, as Kysely sees them. Every table
 * carries `org_id` and every primary key starts with it, so a Citus cluster
 * can distribute all tables by organisation and co-locate their joins.
 *
 * Portable column types only: times are ISO 8601 UTC text (they sort as
 * text), JSON documents are text (kept byte for byte as written), counters
 * are integers. `bigint` columns come back from PostgreSQL as strings, so
 * their type here is `number | string` and the query layer converts them.
 */

/** One application (the key of its versions): the latest version and result are kept here for listing. */
export interface ApplicationsTable {
  org_id: string;
  /** `source` of the record, '' when the record names none (records.md: id is unique within its source). */
  source: string;
  application_id: string;
  full_name: string;
  submitted_at: string;
  latest_version: number;
  /** Result number of the latest version's newest result; 0 until it is screened. */
  latest_result_no: number;
  first_received_at: string;
  last_received_at: string;
  /** Added by migration 2026_005: the newest time the source system said it changed the application (ISO, UTC); null when it never said. */
  source_updated_at?: string | null;
  /** Added by migration 2026_010: the order the organisation's applications arrived in (1, 2, ...; 0: stored before it). */
  arrival?: number;
}

/** Each version of an application as received. */
export interface ApplicationVersionsTable {
  org_id: string;
  source: string;
  application_id: string;
  version: number;
  /** sha256 (hex) of the record's canonical JSON (keys sorted): same content, same hash. */
  content_hash: string;
  raw_json: string;
  received_at: string;
}

/** The normalised form of a version (what detectors saw). */
export interface NormalisedApplicationsTable {
  org_id: string;
  source: string;
  application_id: string;
  version: number;
  normalised_json: string;
}

/** A screening of a version; a version re-screened under a newer catalogue gets result_no 2, 3, ... */
export interface ScreeningResultsTable {
  org_id: string;
  source: string;
  application_id: string;
  version: number;
  result_no: number;
  screened_at: string;
  score: number;
  band: string;
  log_odds: number;
  /** The rule that decided the band, in a sentence (null: stored before 2026_007). */
  band_reason: string | null;
  signals_json: string;
  /** Detectors that failed on the record, when any did. */
  skipped_json: string | null;
  cluster_id: string | null;
  cluster_size: number | null;
  /** Hash of the signal catalogue (ids, families, weights) that produced the result. */
  catalogue_version: string;
  /** Hash of the scoring configuration (prior, thresholds, caps, weights). */
  scoring_version: string;
  /** Hash of reference_versions_json. */
  reference_version: string;
  /** Each reference dataset: its date (asOf), when it was fetched and a digest of its files. */
  reference_versions_json: string;
}

/** One identifier two applications share. The value itself is not stored: only its fingerprint. */
export interface LinksTable {
  org_id: string;
  source: string;
  application_id: string;
  other_source: string;
  other_id: string;
  kind: string;
  value_fingerprint: string;
  linked_at: string;
}

/** Cluster membership. */
export interface ClustersTable {
  org_id: string;
  cluster_id: string;
  member_source: string;
  member_id: string;
  joined_at: string;
}

export interface ApiKeysTable {
  org_id: string;
  key_id: string;
  /** sha256 of the secret; the secret itself is shown once and never stored. */
  key_hash: string;
  role: string;
  label: string | null;
  created_at: string;
  revoked_at: string | null;
}

/** Append-only, hash-chained per organisation: hash = sha256(prev_hash + canonical entry). */
export interface AuditLogTable {
  org_id: string;
  seq: number | string;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  detail_json: string;
  prev_hash: string;
  hash: string;
  /** Added by migration 2026_004: id of the audit key the hash was made with (HMAC-SHA256); null for an entry from before keyed audit (SHA-256). */
  key_id?: string | null;
}

export interface AlertsTable {
  org_id: string;
  /** 'employee' or 'application'. */
  subject_kind: string;
  subject_id: string;
  signal_id: string;
  evidence: string;
  first_seen: string;
  last_seen: string;
  count: number;
  /** Added by migration 2026_002: the last sighting that was reported (null before it). */
  last_notified?: string | null;
}

export interface TelemetryAggregatesTable {
  org_id: string;
  device_id: string;
  /** YYYY-MM-DD (UTC). */
  day: string;
  aggregate_json: string;
  updated_at: string;
}

export interface TelemetryCheckpointsTable {
  org_id: string;
  /** A telemetry consumer's name (the durable consumer of a stream, or a file import). */
  consumer: string;
  last_sequence: number | string;
  updated_at: string;
}

export interface EmployeesTable {
  org_id: string;
  employee_id: string;
  application_id: string | null;
  /** The employee event's facts as folded (records.md section 2). */
  info_json: string;
  updated_at: string;
}

/** Added by migration 2026_003: each organisation's last audit sequence and hash (see src/store/audit-chain.ts). */
export interface AuditHeadsTable {
  org_id: string;
  seq: number | string;
  hash: string;
  /** Added by migration 2026_004: the audit key the log continues under; null until its first keyed entry. */
  key_id?: string | null;
}

/** Added by migration 2026_005: ATS deliveries handled, by organisation, vendor and the vendor's delivery id. */
export interface WebhookDeliveriesTable {
  org_id: string;
  vendor: string;
  delivery_id: string;
  received_at: string;
}

/** Added by migration 2026_006 (docs/CASES.md): a case, with what the queue filters and sorts on. */
export interface CasesTable {
  org_id: string;
  case_id: string;
  status: string;
  /** 1 while open or verifying, 0 once decided: the queue's indexes start with it. */
  is_open: number;
  band: string;
  score: number;
  priority: number;
  subject_kind: string;
  subject_name: string | null;
  employee_id: string | null;
  job_title: string | null;
  /** The first members' application ids (JSON array, at most 50) and how many there are. */
  member_ids_json: string;
  member_count: number;
  families_json: string;
  signals_json: string;
  assignee: string | null;
  opened_at: string;
  due_at: string;
  decided_at: string | null;
  outcome: string | null;
  decision_json: string | null;
  pending_json: string | null;
  /** At the decision: each member's signal ids (the labels export). */
  snapshot_json: string | null;
  next_seq: number;
  updated_at: string;
}

export interface CaseMembersTable {
  org_id: string;
  case_id: string;
  source: string;
  application_id: string;
  joined_at: string;
}

export interface CaseEventsTable {
  org_id: string;
  case_id: string;
  seq: number;
  at: string;
  actor: string;
  type: string;
  detail_json: string;
}

export interface CaseStepsTable {
  org_id: string;
  case_id: string;
  step_id: string;
  position: number;
  step_json: string;
}

export interface CaseNotesTable {
  org_id: string;
  case_id: string;
  note_id: string;
  actor: string;
  at: string;
  text: string;
}

export interface CaseAttachmentsTable {
  org_id: string;
  case_id: string;
  attachment_id: string;
  name: string;
  size: number;
  sha256: string;
  actor: string;
  at: string;
  content_base64: string;
}

export interface CasePoliciesTable {
  org_id: string;
  policy_json: string;
  updated_at: string;
  updated_by: string;
}

/** Added by migration 2026_008 (docs/RETENTION.md): an organisation's retention periods. */
export interface RetentionPoliciesTable {
  org_id: string;
  policy_json: string;
  updated_at: string;
  updated_by: string;
}

/** Added by migration 2026_008: an application under legal hold is kept whatever retention or an erasure request says. */
export interface LegalHoldsTable {
  org_id: string;
  source: string;
  application_id: string;
  reason: string;
  set_at: string;
  set_by: string;
}

/** Added by migration 2026_011 (docs/SHARING.md): indicators other organisations share, one watchlist per sharer. */
export interface TaxiiStatusesTable {
  org_id: string;
  status_id: string;
  created_at: string;
  status_json: string;
}

/** A finding a stored change sends out, kept until delivered or dead-lettered (migration 2026_014). */
export interface OutboxTable {
  org_id: string;
  /** The finding's metadata.uid. */
  event_uid: string;
  created_at: string;
  /** Until then the process that wrote or claimed it is sending it. */
  lease_until: string;
  event_json: string;
}

export interface SharedIntelVersionsTable {
  org_id: string;
  version: number;
}

export interface SharedIndicatorsTable {
  org_id: string;
  sharer_id: string;
  kind: string;
  keyed: number;
  value: string;
  match_class: string;
  sharer_name: string;
  collection_id: string;
  source_url: string;
  key_id: string | null;
  first_seen: string;
  last_seen: string;
  count: number;
  decided_at: string | null;
  object_id: string;
  first_pulled_at: string;
  pulled_at: string;
}

export interface HirewatchDatabase {
  applications: ApplicationsTable;
  application_versions: ApplicationVersionsTable;
  normalised_applications: NormalisedApplicationsTable;
  screening_results: ScreeningResultsTable;
  links: LinksTable;
  clusters: ClustersTable;
  api_keys: ApiKeysTable;
  audit_log: AuditLogTable;
  audit_heads: AuditHeadsTable;
  alerts: AlertsTable;
  telemetry_aggregates: TelemetryAggregatesTable;
  telemetry_checkpoints: TelemetryCheckpointsTable;
  employees: EmployeesTable;
  webhook_deliveries: WebhookDeliveriesTable;
  cases: CasesTable;
  case_members: CaseMembersTable;
  case_events: CaseEventsTable;
  case_steps: CaseStepsTable;
  case_notes: CaseNotesTable;
  case_attachments: CaseAttachmentsTable;
  case_policies: CasePoliciesTable;
  retention_policies: RetentionPoliciesTable;
  legal_holds: LegalHoldsTable;
  shared_indicators: SharedIndicatorsTable;
  shared_intel_versions: SharedIntelVersionsTable;
  taxii_statuses: TaxiiStatusesTable;
  outbox: OutboxTable;
}
