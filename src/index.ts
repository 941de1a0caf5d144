/**
 * pii-preflight: find personal information in forum and blog posts before they are published.
 * The scanner lives here; the Express middleware is in `pii-preflight/express`.
 */
export { createScanner, findingValue, DEFAULT_MAX_LENGTH, DEFAULT_MAX_FINDINGS } from './scanner';
export { createScanPool, DEFAULT_POOL_MIN_LENGTH } from './pool';
export type { ScanPool, ScanPoolOptions } from './pool';
export { PreflightError, isPreflightError, ERROR_CODES } from './errors';
export type { ErrorCode } from './errors';
export { mask, normalizeValue } from './mask';
export { SUPPORTED_LOCALES } from './detect/locale';
export { createStore, verifyCheckpointSignature, canonicalJson } from './store';
export type {
  Store, StoreOptions, AcknowledgementLog, AcknowledgementInput, AcknowledgementRecord, AckReason, AckMethod, LogRecordKind, ListQuery, Page,
  VerifyResult, SignedCheckpoint, ReviewQueue, ReviewItem, ReviewItemInput, ReviewQuery, ReviewActInput, ReviewResolution, ReviewStatus,
  ReviewAction, HeldBecause, AuditEntry, PreferenceStore, PreferenceRecord, StatEvent, Stats, StoredFinding, SyncStoreCalls, PgPoolLike, SqliteDatabaseLike,
} from './store/types';
export type {
  PiiType, PhoneKind, Format, Subject, Finding, FieldFinding, ScanResult, ScanFieldsResult, AllowList, ScannerOptions, ScanOptions, Scanner,
} from './types';
