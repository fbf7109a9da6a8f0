/** The hirewatch store: one interface, SQLite by default, PostgreSQL at scale. */
export { openStore, type OpenStoreOptions } from './open-store.js';
export { StoreError, type HirewatchStore, type ImportOptions, type RecordLinks, type Screener, type ScreenedRecord, type StoreErrorCode, type WrittenRecord } from './store.js';
export { CASE_SORTS, type CaseFilter, type CaseMemberRef, type CasePage, type CaseSort, type CaseStore, type DayCounts, type MemberSnapshot, type StoredCase } from './case-contract.js';
export { type AuditInput } from './audit-chain.js';
export * from './store-contract.js';
export { DEFAULT_DB_FILE, describeStoreTarget, parseStoreTarget, resolveStoreTarget, type StoreTarget } from './store-target.js';
export { screeningProvenance, catalogueVersion, scoringVersion } from './provenance.js';
export { contentHash, canonicalJson, valueFingerprint } from './content-hash.js';
export { ROLES, RoleSchema, type AdminStore, type ApiKeyInfo, type AuditEntry, type AlertRow, type Role } from './admin-queries.js';
export { type MonitorStore, type StoredDeviceDay, type StoredEmployee } from './monitor-queries.js';
export { EMPLOYEE_SORTS, type EmployeeFilter, type EmployeePage, type EmployeeSort, type EmployeeSummaryRow } from './employee-queries.js';
export { type LatestRecord } from './latest-records.js';
export { ERASED_MENTION, type ErasedCounts } from './erase-queries.js';
export { RetentionPolicySchema, LegalHoldSchema, type AppRef, type LegalHold, type RetentionPolicy, type RetentionStore } from './retention-queries.js';
export { type SharedIndicatorRow, type SharedIntelStore, type StoredSharedIndicator } from './intel-queries.js';
export { type OutboxRow, type OutboxStore } from './outbox-queries.js';
