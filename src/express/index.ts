/** `pii-preflight/express`: the Express integration. */
export { preflight, truncateIp, ACK_FIELDS, type PreflightMiddleware, type PreflightResult, type HoldReason, type PreflightOptions, type PreflightLogger } from './preflight';
export { createTokenSigner, canonicalContent, type TokenSigner, type TokenPayload, type TokenBinding } from './tokens';
export { defaultNotice, DEFAULT_NOTICE_VERSION, negotiateLocale, parseAcceptLanguage, resolveNotice, findingMessage, SHIPPED_LOCALES, acknowledgementLogStrings, type NoticeOptions, type AcknowledgementLogStrings } from './notice';
export { checkRoute, checkMessage, type CheckRouteOptions, type CheckFinding } from './check';
export { escapeHtml, type WarningPageOptions, type WarningPageParts } from './html';
export { METRIC_NAMES } from './metrics';
export { defaultPolicy, evaluatePolicy, validatePolicy, findCues, CUE_KINDS, withServicePhones, SERVICE_PHONE_KINDS, type Policy, type PolicyRule, type PolicyAction, type PolicyContext, type CueKind, type CueHit } from '../policy';
export { reviewRouter, DEFAULT_CANNED_REASONS, type ReviewRouterOptions, type ReviewModerator, type ResolvedAction } from './review';
export type { CannedReasons } from './review-page';
