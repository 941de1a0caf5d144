/**
 * pii-preflight: find personal information in forum and blog posts before they are published.
 * The scanner and the framework-agnostic publish core live here; the Express adapters are in
 * `pii-preflight/express`.
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
export { createPublishGuard, normalizeAck, MAX_LOGGED_FINDINGS } from './core/guard';
export type {
  PublishGuard, PublishGuardOptions, EvaluateInput, AcknowledgementInput as GuardAcknowledgementInput, GuardResult, GuardAllow, GuardAcknowledged,
  GuardWarning, GuardBlocked, GuardError, GuardFinding,
} from './core/guard';
export { checkDraft, checkMessage } from './core/check';
export type { CheckDraftResult, CheckFinding } from './core/check';
export { truncateIp } from './core/ip';
export { createReviewService, explainHold } from './core/review';
export type {
  ReviewService, ReviewServiceOptions, ReviewModerator, ResolvedAction, ReviewListQuery, ReviewListResult, ReviewDecision, BulkResult, HoldExplanation,
} from './core/review';
export { defaultPolicy, evaluatePolicy, validatePolicy, findCues, CUE_KINDS } from './policy';
export type { Policy, PolicyRule, PolicyAction, PolicyContext, CueKind, CueHit } from './policy';
export { createTokenSigner, canonicalContent } from './express/tokens';
export type { TokenSigner, TokenPayload, TokenBinding } from './express/tokens';
export { defaultNotice, DEFAULT_NOTICE_VERSION, negotiateLocale, parseAcceptLanguage, resolveNotice, findingMessage, SHIPPED_LOCALES, acknowledgementLogStrings } from './express/notice';
export type { NoticeOptions, ResolvedNotice, AcknowledgementLogStrings } from './express/notice';
export type { PreflightLogger } from './express/options';
