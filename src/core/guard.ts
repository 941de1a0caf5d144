/**
 * `createPublishGuard(options)`: the publish decision without a web framework. Scan → remembered
 * values → policy → token check → acknowledgement log → review queue, on plain inputs (user id,
 * fields, acknowledgement, language), answered as a plain result. `preflight()` (Express) and the
 * NodeBB plugin are adapters over it: they read their request, call `evaluate()` and render the
 * result in their own way.
 */
import { randomUUID } from 'crypto';
import { ERROR_CODES, PreflightError, isPreflightError, type ErrorCode } from '../errors';
import { createScanner, findingValue } from '../scanner';
import { evaluatePolicy, findCues, withoutWarnings, type CueKind, type PolicyContext, type PolicyDecision } from '../policy';
import type { FieldFinding, Format, PiiType, Scanner } from '../types';
import type { AckMethod, AckReason, StoredFinding, SyncStoreCalls } from '../store/types';
import { postRefHoldsFinding } from '../store/validate';
import { resolveOptions, type PreflightLogger, type ResolvedOptions } from '../express/options';
import type { MetricsRegistry } from '../express/metrics';
import { createMetrics, type PreflightMetrics } from '../express/metrics';
import { canonicalContent, createTokenSigner, type TokenBinding } from '../express/tokens';
import { findingMessage, resolveNotice, tokenErrorMessage, type NoticeOptions, type ResolvedNotice } from '../express/notice';
import type { Policy, PolicyAction } from '../policy';
import type { Store } from '../store/types';

/** At most this many findings are written to one acknowledgement record (the first, by position). */
export const MAX_LOGGED_FINDINGS = 100;
const REASONS: readonly AckReason[] = ['intended', 'not_personal', 'other'];
const MAX_NOTE_LENGTH = 500;

/** Options of {@link createPublishGuard}: the request-independent options of `preflight()`. */
export interface PublishGuardOptions {
  /** The store (acknowledgement log, review queue, preferences, stats). Required. */
  store: Store;
  /** A strong random string of at least 32 characters; signs acknowledgement tokens. Required. */
  secret: string;
  /** Secrets used before `secret` (rotation), newest first: tokens they signed still verify. */
  previousSecrets?: string[];
  /** Default input format of the fields. Default `'plain'`. */
  format?: Format;
  /** Scanner locales (BCP 47). Default `['en-US']`. */
  locales?: string[];
  /** The publish policy. Default rules/policy.default.json. */
  policy?: Policy;
  /** The action for service phone numbers (toll free, premium rate…), overriding the policy's rules for them. */
  servicePhones?: PolicyAction;
  /** Acknowledgement token lifetime. Default 1800 s. */
  tokenTtlSeconds?: number;
  /** Maximum input length in UTF-16 units (scanner default 262144). */
  maxLength?: number;
  /** Notice texts per language and their version. Default: the shipped en/de/fr/es/it/nl/pt texts. */
  notice?: NoticeOptions;
  /** When the scanner throws: `'fail-closed'` (default, an `error` result) or `'fail-open'` (allow, `scanError: true`). */
  onScanError?: 'fail-closed' | 'fail-open';
  /** Gets warnings and errors (never raw values). Default: console.warn / console.error. */
  logger?: PreflightLogger;
  /** More than `max` acknowledgements by one user in `windowSeconds` → review. Default `{ max: 20, windowSeconds: 86400 }`. */
  repeatBypass?: { max: number; windowSeconds: number } | false;
  /** A prom-client Registry: counters are registered on it. */
  metrics?: MetricsRegistry;
  /** Bits of the client IP kept in the log. Default `{ ipv4: 24, ipv6: 48 }`; `false` keeps none. */
  ipPrefix?: { ipv4?: number; ipv6?: number } | false;
  /** A ready scanner (e.g. with an allow-list), instead of one built from `locales` and `maxLength`. */
  scanner?: Scanner;
}

/** The author's acknowledgement of a warning, as the client sent it. */
export interface AcknowledgementInput {
  /** The token of the warning being acknowledged. */
  token?: string;
  /** `intended`, `not_personal` or `other`; anything else is an `invalid_input` error. Default `unspecified`. */
  reason?: string;
  /** A free-text note (masked before it is stored, at most 500 characters kept). */
  note?: string;
  /** How the author acknowledged. Default `'json'`. */
  method?: AckMethod;
  /** "Don't warn me again about these values" (own, warn-level values only). */
  remember?: boolean;
  /** `method: 'form'` only: the "I understand" box was ticked. */
  understood?: boolean;
}

/** One post to decide on. */
export interface EvaluateInput {
  /** The author (a signed-in user id, or a stable pseudonymous id). Required. */
  userId: string | number;
  /** The post's text fields, e.g. `{ title, body }`. */
  fields: Record<string, string>;
  /** Input format; default the guard's `format`. */
  format?: Format;
  acknowledgement?: AcknowledgementInput;
  /** The client's Accept-Language header (the notice's language is negotiated from it). */
  acceptLanguage?: string;
  /** Or a locale to use directly, e.g. `'de'` (wins over `acceptLanguage`). */
  locale?: string;
  /** The client's IP: only its prefix (`ipPrefix`) is logged. */
  clientIp?: string;
  /** The client's user agent (first 512 characters logged). */
  userAgent?: string;
  /**
   * The review item's reference (see `preflight()`'s `postRef`): built from ids, identifying the
   * post. A function is called only when the post is held. Default: a random id per held post.
   */
  postRef?: string | (() => string | undefined);
}

/** One finding as a warning shows it: offsets into its field, masked value, localized message, its own action. */
export interface GuardFinding {
  field: string;
  type: PiiType;
  start: number;
  end: number;
  masked: string;
  message: string;
  subject: FieldFinding['subject'];
  action: string;
}

/** Why a moderator will check a post: someone else's details, many acknowledgements in a short while, another policy rule. */
export type HoldReason = 'third_party' | 'repeat' | 'policy';

/** The post can be published: nothing to acknowledge. */
export interface GuardAllow {
  outcome: 'allow';
  findings: [];
  /** The scanner failed and `onScanError: 'fail-open'` let the post through unchecked. */
  scanError?: true;
}

/** The author acknowledged the notice: logged; publish (as pending when `review` is set). */
export interface GuardAcknowledged {
  outcome: 'acknowledged';
  /** The acknowledged findings (raw text included: it is the author's own post). */
  findings: FieldFinding[];
  acknowledgementId: string;
  policyAction: 'warn' | 'review';
  reason: AckReason;
  /** Present when policy held the post for a moderator: publish it as pending, not visible. */
  review?: { id: string; status: 'pending'; postRef: string; because: HoldReason };
}

/** Show the notice; the author may acknowledge with `acknowledgement.token`. */
export interface GuardWarning {
  outcome: 'warning';
  /** `pii_acknowledgement_required`, or why the acknowledgement sent was not accepted. */
  code: ErrorCode;
  message: string;
  action: 'warn' | 'review';
  notice: ResolvedNotice;
  policy: { version: string; url: string | null };
  findings: GuardFinding[];
  /** The flagged findings with their raw text (the author's own post; never log them). */
  flagged: FieldFinding[];
  acknowledgement: { token: string; expiresAt: string };
  /** With `action: 'review'`: "A moderator will check this post before it appears." and why. */
  held?: { because: HoldReason; message: string };
  /** What was wrong with the last attempt (e.g. the "I understand" box). */
  problem?: string;
  /** The scanner stopped at its findings cap. */
  truncated?: true;
}

/** A type the policy blocks: the post cannot be published as it is. */
export interface GuardBlocked {
  outcome: 'blocked';
  code: 'pii_blocked';
  message: string;
  action: 'block';
  notice: ResolvedNotice;
  policy: { version: string; url: string | null };
  findings: GuardFinding[];
  flagged: FieldFinding[];
  truncated?: true;
}

/** The post cannot be decided now: invalid input, a failed scan, the store unavailable, a conflict. */
export interface GuardError {
  outcome: 'error';
  code: ErrorCode;
  status: number;
  message: string;
  /** The `PreflightError` behind it (its `details` name fields and limits, never content). */
  error: PreflightError;
}

export type GuardResult = GuardAllow | GuardAcknowledged | GuardWarning | GuardBlocked | GuardError;

export interface PublishGuard {
  /** Decides on one post. Never throws for a post: failures are `{ outcome: 'error' }` (never publish). */
  evaluate(input: EvaluateInput): Promise<GuardResult>;
  /** The scanner the guard uses (share it with `checkDraft()` / `checkRoute({ scanner })`). */
  readonly scanner: Scanner;
  readonly store: Store;
  readonly policy: Policy;
}

/** A host callback (postRef) failed: a bug in the host, not in the store. */
export class CallbackError extends Error {
  constructor(readonly option: string, readonly original: unknown) {
    super(`preflight(): the \`${option}\` callback threw`);
  }
}

function toError(err: PreflightError): GuardError {
  return { outcome: 'error', code: err.code, status: err.status, message: err.message, error: err };
}

/** What the synchronous first half found: the post's fields, scanned. */
export interface Scanned {
  userId: string;
  ack: NormalizedAck;
  fields: Record<string, string>;
  format: Format;
  scanned: FieldFinding[];
  truncated: boolean;
}

export interface NormalizedAck {
  token?: string;
  reason: AckReason;
  note?: string;
  method: AckMethod;
  remember: boolean;
  understood: boolean;
}

/** Checks and normalizes an acknowledgement. Throws `PreflightError('invalid_input')` on a bad reason. */
export function normalizeAck(input: AcknowledgementInput | undefined): NormalizedAck {
  const a = input ?? {};
  let reason: AckReason = 'unspecified';
  if (a.reason !== undefined) {
    if (!REASONS.includes(a.reason as AckReason)) throw new PreflightError('invalid_input', `piiAcknowledgementReason must be one of ${REASONS.join(', ')}.`);
    reason = a.reason as AckReason;
  }
  const method: AckMethod = a.method === 'widget' || a.method === 'form' ? a.method : 'json';
  const out: NormalizedAck = { reason, method, remember: a.remember === true, understood: a.understood === true };
  if (typeof a.token === 'string' && a.token.length > 0) out.token = a.token;
  if (typeof a.note === 'string' && a.note.trim().length > 0) out.note = a.note.trim().slice(0, MAX_NOTE_LENGTH);
  return out;
}

/** Per-request context an adapter hands to the second half. */
export interface FinishContext {
  acceptLanguage?: string;
  locale?: string;
  clientIp?: string;
  userAgent?: string;
  postRef?: string | (() => string | undefined);
}

/** The engine behind {@link createPublishGuard} and `preflight()` (internal). */
export interface GuardEngine {
  opts: ResolvedOptions;
  scanner: Scanner;
  metrics: PreflightMetrics;
  /** Scans (synchronous). Throws the scanner's `input_too_large` / `invalid_input`; other scanner failures per `onScanError`. */
  scan(fields: Record<string, string>, format: Format): { scanned: FieldFinding[]; truncated: boolean } | GuardAllow | GuardError;
  /** A clean post on a synchronous store: counted and allowed in the same tick. */
  allowSync(sync: SyncStoreCalls, userId: string): GuardAllow;
  /** Policy, warning, token, acknowledgement, review. Throws `CallbackError` or store errors. */
  finish(s: Scanned, ctx: FinishContext): Promise<GuardResult>;
  /** Maps what `finish` threw to a result (logs, counts a store failure). */
  failure(err: unknown): GuardError;
}

export function createGuardEngine(opts: ResolvedOptions): GuardEngine {
  const { store, policy, logger } = opts;
  const scanner: Scanner = opts.scanner ?? createScanner({ locales: opts.locales, ...(opts.maxLength !== undefined ? { maxLength: opts.maxLength } : {}) });
  const signer = createTokenSigner(opts.secret, opts.previousSecrets);
  const metrics: PreflightMetrics = createMetrics(opts.metrics);
  const policyInfo = { version: policy.version, url: policy.url };
  const usesCues = policy.rules.some((r) => r.cues !== undefined);

  const record = async (event: Parameters<PreflightMetrics['event']>[0], userId: string, reason?: string): Promise<void> => {
    await store.recordEvent(event, reason !== undefined ? { userId, reason } : { userId });
    metrics.event(event, reason);
  };
  const valueHash = (f: FieldFinding): string => store.hmac(findingValue(f));
  const toStored = (f: FieldFinding): StoredFinding => ({
    field: f.field, type: f.type, start: f.start, end: f.end, ruleId: f.ruleId, confidence: f.confidence,
    subject: f.subject, masked: f.masked, valueHash: valueHash(f), reasons: f.reasons,
  });

  /** Masks anything the scanner finds in the author's free-text note before it is stored. */
  const maskNote = (note: string): string => {
    try {
      const found = scanner.scan(note).findings;
      let out = note;
      for (const f of [...found].sort((a, b) => b.start - a.start)) out = out.slice(0, f.start) + f.masked + out.slice(f.end);
      return out;
    } catch {
      return '[note not stored: could not be checked]';
    }
  };

  interface Warning {
    code: ErrorCode;
    message?: string;
    action: 'warn' | 'review' | 'block';
    flagged: FieldFinding[];
    notice: ResolvedNotice;
    binding?: TokenBinding;
    problem?: string;
    truncated?: boolean;
    /** Why a moderator will check the post (only with `action: 'review'`). */
    because?: HoldReason;
    /** Each finding's own action (a blocked one is marked in the answer). */
    decisions?: ReadonlyArray<{ finding: FieldFinding; action: string }>;
  }

  /** The `held` part of a warning: "A moderator will check this post before it appears." and why. */
  const heldInfo = (notice: ResolvedNotice, because: HoldReason): { because: HoldReason; message: string } => {
    const why = because === 'third_party' ? notice.ui.heldThirdParty : because === 'repeat' ? notice.ui.heldRepeat : notice.ui.heldPolicy;
    return { because, message: `${notice.ui.review} ${why}` };
  };

  /** A warning (with a fresh token, the user's warning opened) or a block. */
  const warning = async (w: Warning): Promise<GuardWarning | GuardBlocked> => {
    const findings = w.flagged.map((f) => ({
      field: f.field, type: f.type, start: f.start, end: f.end, masked: f.masked, message: findingMessage(f.type, w.notice.locale), subject: f.subject,
      action: w.decisions?.find((d) => d.finding === f)?.action ?? w.action,
    }));
    const message = w.message ?? ERROR_CODES[w.code].message;
    if (!w.binding || w.action === 'block') {
      return {
        outcome: 'blocked', code: 'pii_blocked', message, action: 'block', notice: w.notice, policy: policyInfo, findings, flagged: w.flagged,
        ...(w.truncated ? { truncated: true as const } : {}),
      };
    }
    const issued = signer.issue(w.binding, opts.tokenTtlSeconds);
    await store.openWarning(w.binding.userId, issued.expiresAt);
    return {
      outcome: 'warning', code: w.code, message, action: w.action, notice: w.notice, policy: policyInfo, findings, flagged: w.flagged,
      acknowledgement: { token: issued.token, expiresAt: issued.expiresAt.toISOString() },
      ...(w.action === 'review' ? { held: heldInfo(w.notice, w.because ?? 'policy') } : {}),
      ...(w.problem ? { problem: w.problem } : {}), ...(w.truncated ? { truncated: true as const } : {}),
    };
  };

  const scan: GuardEngine['scan'] = (fields, format) => {
    try {
      const result = scanner.scanFields(fields, { format });
      return { scanned: result.findings, truncated: result.truncated === true };
    } catch (err) {
      if (isPreflightError(err) && (err.code === 'input_too_large' || err.code === 'invalid_input')) return toError(err);
      metrics.failure('scan_failed');
      if (opts.onScanError === 'fail-open') {
        logger.warn('scanner failed; the post was let through unchecked (onScanError: fail-open)', { error: err instanceof Error ? err.name : typeof err });
        return { outcome: 'allow', findings: [], scanError: true };
      }
      logger.error('scanner failed; the post was refused (onScanError: fail-closed)', { error: err instanceof Error ? err.name : typeof err });
      return toError(new PreflightError('scan_failed'));
    }
  };

  const allowSync: GuardEngine['allowSync'] = (sync, userId) => {
    sync.recordEvent('scanned', { userId });
    metrics.event('scanned');
    if (sync.closeWarning(userId)) {
      sync.recordEvent('edited_away', { userId });
      metrics.event('edited_away');
    }
    sync.recordEvent('allowed', { userId });
    metrics.event('allowed');
    return { outcome: 'allow', findings: [] };
  };

  const ownerConflict = (): GuardError => {
    logger.warn('a post was refused: its postRef is held for review under another author', { code: 'conflict' });
    return toError(new PreflightError('conflict', 'This post is held for review under another author; it cannot be changed by this user.'));
  };

  /**
   * The policy over the scanned findings, without the values this user asked not to be warned
   * about again. Only warn-level findings that are not someone else's can be dropped: whatever
   * policy holds for review or blocks stays, remembered or not.
   */
  const decide = async (userId: string, scanned: FieldFinding[], context: PolicyContext): Promise<{ decision: PolicyDecision<FieldFinding>; drop: (f: FieldFinding) => boolean }> => {
    const full = evaluatePolicy(policy, scanned, context);
    const candidates = full.decisions.filter((d) => d.action === 'warn' && d.finding.subject !== 'third_party').map((d) => d.finding);
    if (candidates.length === 0) return { decision: full, drop: () => false };
    // Under every secret of the keyring: values remembered before a rotation still match.
    const hashesOf = (f: FieldFinding): string[] => store.hmacs(findingValue(f));
    const remembered = await store.preferences.matching(userId, [...new Set(candidates.flatMap(hashesOf))]);
    if (remembered.size === 0) return { decision: full, drop: () => false };
    const drop = (f: FieldFinding): boolean => f.subject !== 'third_party' && hashesOf(f).some((h) => remembered.has(h));
    return { decision: withoutWarnings(full, drop), drop };
  };

  const finish: GuardEngine['finish'] = async ({ userId, ack, fields, format, scanned, truncated }, ctx) => {
    if (scanned.length === 0 && !truncated) {
      // The common case, kept short (it runs on every clean post).
      await store.recordEvent('scanned', { userId });
      metrics.event('scanned');
      if (await store.closeWarning(userId)) await record('edited_away', userId);
      await store.recordEvent('allowed', { userId });
      metrics.event('allowed');
      return { outcome: 'allow', findings: [] };
    }

    await record('scanned', userId);

    const cues: CueKind[] = usesCues ? [...new Set(findCues(fields).map((c) => c.kind))] : [];
    const context: PolicyContext = { cues, truncated };
    const { decision, drop } = await decide(userId, scanned, context);
    if (decision.action === 'allow') {
      if (await store.closeWarning(userId)) await record('edited_away', userId);
      await record('allowed', userId);
      return { outcome: 'allow', findings: [] };
    }

    for (const d of decision.decisions) if (d.action !== 'allow') metrics.finding(d.finding.type, d.action);
    const notice = resolveNotice(opts.notice, ctx.locale ?? ctx.acceptLanguage);
    // Under every secret of the keyring: a token issued before a rotation still matches its content.
    const [contentHash = '', ...earlierContentHashes] = store.hmacs(canonicalContent(fields, format));
    const binding: TokenBinding = {
      userId, contentHash, earlierContentHashes, policyVersion: policy.version, noticeVersion: notice.version,
    };
    const warningBase = { notice, ...(truncated ? { truncated: true } : {}) };

    if (decision.action === 'block') {
      await store.openWarning(userId, new Date(Date.now() + opts.tokenTtlSeconds * 1000));
      await record('blocked', userId);
      return warning({ ...warningBase, code: 'pii_blocked', action: 'block', flagged: decision.flagged, decisions: decision.decisions });
    }

    const action = decision.action;
    // What the author is told beforehand: will a moderator check the post, and why.
    const because: HoldReason = decision.flagged.some((f) => f.subject === 'third_party') ? 'third_party' : 'policy';
    const repeated = async (): Promise<boolean> => {
      if (!opts.repeatBypass) return false;
      const since = new Date(Date.now() - opts.repeatBypass.windowSeconds * 1000);
      return (await store.acknowledgements.countSince(userId, since)) >= opts.repeatBypass.max;
    };
    const told = async (): Promise<{ action: 'warn' | 'review'; because?: HoldReason }> => {
      if (action === 'review') return { action, because };
      return (await repeated()) ? { action: 'review', because: 'repeat' } : { action };
    };
    if (ack.token === undefined) {
      await record('warned', userId);
      return warning({ ...warningBase, code: 'pii_acknowledgement_required', ...(await told()), flagged: decision.flagged, decisions: decision.decisions, binding });
    }

    let tokenId: string;
    let tokenExpiresAt: Date;
    try {
      const payload = signer.verify(ack.token, binding);
      tokenId = payload.jti;
      tokenExpiresAt = new Date(payload.exp * 1000);
    } catch (err) {
      // In the author's language; the warning page also says what to do (confirm again).
      if (isPreflightError(err)) {
        return warning({
          ...warningBase, code: err.code, message: tokenErrorMessage(err.code, notice.locale) ?? err.message, problem: notice.ui.ackRetry,
          ...(await told()), flagged: decision.flagged, decisions: decision.decisions, binding,
        });
      }
      throw err;
    }

    // A form acknowledgement (the HTML warning page) needs its "I understand" box ticked: the
    // browser's `required` is not enough. Refused without using up the token.
    if (ack.method === 'form' && !ack.understood) {
      return warning({
        ...warningBase, code: 'pii_acknowledgement_required', message: notice.ui.understandRequired, problem: notice.ui.understandRequired,
        ...(await told()), flagged: decision.flagged, decisions: decision.decisions, binding,
      });
    }

    // The reason can route the post (policy rules that name reasons).
    const final = withoutWarnings(evaluatePolicy(policy, scanned, { ...context, reason: ack.reason }), drop);
    if (final.action === 'block') {
      await record('blocked', userId);
      return warning({ ...warningBase, code: 'pii_blocked', action: 'block', flagged: final.flagged, decisions: final.decisions });
    }
    let ackAction: 'warn' | 'review' = final.action === 'review' || action === 'review' ? 'review' : 'warn';
    let heldRule = final.action === 'review' ? final.ruleId : decision.ruleId;
    if (ackAction === 'warn' && (await repeated())) {
      ackAction = 'review';
      heldRule = 'repeat-bypass';
    }

    // The review item's reference: from the host (it must identify the post), else a fresh id per
    // held post. Checked before anything is written: a reference that repeats a value of the post
    // would put it in plain text at rest.
    let postRef: string | undefined;
    if (ackAction === 'review') {
      const given = ctx.postRef;
      let ref: unknown;
      try {
        ref = typeof given === 'function' ? given() : given;
      } catch (err) {
        if (isPreflightError(err)) throw err;
        throw new CallbackError('postRef', err);
      }
      postRef = (ref as string | undefined) ?? randomUUID();
      if (typeof postRef !== 'string' || postRef.length === 0 || postRef.length > 512) {
        throw new CallbackError('postRef', new TypeError('postRef must return a non-empty string of at most 512 characters'));
      }
      if (postRefHoldsFinding(postRef, fields, scanned)) {
        throw new CallbackError('postRef', new TypeError('postRef repeats a value found in the post: build it from ids'));
      }
      // Someone else's item: refused before anything is written or the token used up.
      const existing = (await store.reviews.list({ postRef, limit: 1 })).items[0];
      if (existing && existing.authorId !== userId) return ownerConflict();
    }

    const stored = decision.flagged.slice(0, MAX_LOGGED_FINDINGS).map(toStored);
    const ipPrefix = opts.ipPrefix ? truncateIp(ctx.clientIp, opts.ipPrefix) : undefined;
    const userAgent = ctx.userAgent?.slice(0, 512);
    const note = ack.note !== undefined ? maskNote(ack.note) : undefined;
    let ackRecord;
    try {
      ackRecord = await store.acknowledgements.append({
        userId, policyVersion: policy.version, noticeText: notice.text, noticeVersion: notice.version, locale: notice.locale,
        method: ack.method, reason: ack.reason, ...(note !== undefined ? { note } : {}), contentHash: binding.contentHash,
        fields: Object.keys(fields), findings: stored, action: ackAction,
        ...(ipPrefix !== undefined ? { ipPrefix } : {}), ...(userAgent ? { userAgent } : {}), tokenId, tokenExpiresAt,
      });
    } catch (err) {
      if (isPreflightError(err) && err.code === 'pii_ack_replayed') {
        return warning({
          ...warningBase, code: 'pii_ack_replayed', message: tokenErrorMessage('pii_ack_replayed', notice.locale), problem: notice.ui.ackRetry,
          ...(await told()), flagged: decision.flagged, decisions: decision.decisions, binding,
        });
      }
      throw err;
    }

    // Acknowledged: the open warning is closed without counting as edited away.
    await store.closeWarning(userId);
    await record('acknowledged', userId, ack.reason);
    // "Don't warn me again" keeps only the author's own warn-level values, and nothing from a
    // post that was held: a remembered value must never skip review.
    if (ack.remember && ackAction === 'warn') {
      const seen = new Set<string>();
      for (const d of final.decisions) {
        if (d.action !== 'warn' || d.finding.subject === 'third_party') continue;
        const hash = valueHash(d.finding);
        if (seen.has(hash)) continue;
        seen.add(hash);
        await store.preferences.add(userId, { type: d.finding.type, masked: d.finding.masked, valueHash: hash });
      }
    }

    const result: GuardAcknowledged = {
      outcome: 'acknowledged', acknowledgementId: ackRecord.id, findings: decision.flagged, policyAction: ackAction, reason: ack.reason,
    };
    if (ackAction === 'review' && postRef !== undefined) {
      let item;
      try {
        item = await store.reviews.upsert({
          postRef, authorId: userId, fields, format, findings: decision.flagged.map(toStored),
          heldBecause: {
            rule: heldRule ?? 'policy', reason: ack.reason, ...(note !== undefined ? { note } : {}),
            ...(truncated ? { truncated: true } : {}),
          },
          acknowledgementId: ackRecord.id,
        });
      } catch (err) {
        // The reference is held for review under another author: never overwrite their item.
        if (isPreflightError(err) && err.code === 'conflict') return ownerConflict();
        throw err;
      }
      await record('held', userId);
      result.review = {
        id: item.id, status: 'pending', postRef: item.postRef,
        because: heldRule === 'repeat-bypass' ? 'repeat' : final.flagged.some((f) => f.subject === 'third_party') ? 'third_party' : 'policy',
      };
    }
    return result;
  };

  const failure: GuardEngine['failure'] = (err) => {
    if (err instanceof CallbackError) {
      logger.error(err.message, { error: err.original instanceof Error ? err.original.name : typeof err.original });
      return toError(new PreflightError('invalid_options', `The server is misconfigured: the \`${err.option}\` callback of preflight() failed.`));
    }
    // A user id in the erasure namespace: refused (400), not a store failure.
    if (isPreflightError(err) && err.code === 'reserved_user_id') return toError(err);
    // Anything else thrown past the handled cases comes from the store: never publish.
    const code = isPreflightError(err) ? err.code : undefined;
    logger.error('store unavailable; the post was refused', { error: err instanceof Error ? err.name : typeof err, ...(code ? { code } : {}) });
    metrics.failure('store_unavailable');
    return toError(new PreflightError('store_unavailable'));
  };

  return { opts, scanner, metrics, scan, allowSync, finish, failure };
}

/**
 * Creates a publish guard. Options are checked now: an unknown key, a weak secret or a missing
 * store throws a `PreflightError('invalid_options')` that says how to fix it.
 *
 * ```ts
 * const guard = createPublishGuard({ store, secret, locales: ['en-US'] });
 * const result = await guard.evaluate({ userId: '42', fields: { title, body }, acceptLanguage });
 * if (result.outcome === 'warning') showNotice(result.notice.text, result.findings, result.acknowledgement.token);
 * ```
 */
export function createPublishGuard(options: PublishGuardOptions): PublishGuard {
  if (typeof options === 'object' && options !== null) {
    for (const key of ['rateLimit', 'fields', 'userId', 'anonymous', 'postRef'] as const) {
      if (Object.prototype.hasOwnProperty.call(options, key)) {
        throw new PreflightError('invalid_options', `createPublishGuard(): \`${key}\` is a preflight() option; pass the value to evaluate() instead.`);
      }
    }
  }
  const engine = createGuardEngine(resolveOptions(options, 'createPublishGuard()'));
  const { opts } = engine;
  const evaluate = async (input: EvaluateInput): Promise<GuardResult> => {
    try {
      if (typeof input !== 'object' || input === null) throw new PreflightError('invalid_input', 'evaluate() takes { userId, fields }.');
      const userId = typeof input.userId === 'number' && Number.isFinite(input.userId) ? String(input.userId) : input.userId;
      if (typeof userId !== 'string' || userId.length === 0) return toError(new PreflightError('unauthenticated'));
      const format = input.format ?? opts.format;
      const fields: Record<string, string> = {};
      if (typeof input.fields !== 'object' || input.fields === null) throw new PreflightError('invalid_input', 'fields must be an object of field name → string.');
      for (const [name, value] of Object.entries(input.fields)) {
        if (value === undefined || value === null) continue;
        if (typeof value !== 'string') throw new PreflightError('invalid_input', `Field \`${name}\` must be a string.`, { field: name });
        // JSON.parse makes "__proto__" an own key, but assigning it sets no field: it would go unscanned and be published.
        if (name === '__proto__') throw new PreflightError('invalid_input', 'A field cannot be named `__proto__`.');
        fields[name] = value;
      }
      const ack = normalizeAck(input.acknowledgement);
      const scanned = engine.scan(fields, format);
      if ('outcome' in scanned) return scanned;
      const ctx: FinishContext = {};
      if (input.acceptLanguage !== undefined) ctx.acceptLanguage = input.acceptLanguage;
      if (input.locale !== undefined) ctx.locale = input.locale;
      if (input.clientIp !== undefined) ctx.clientIp = input.clientIp;
      if (input.userAgent !== undefined) ctx.userAgent = input.userAgent;
      if (input.postRef !== undefined) ctx.postRef = input.postRef;
      try {
        return await engine.finish({ userId, ack, fields, format, ...scanned }, ctx);
      } catch (err) {
        return engine.failure(err);
      }
    } catch (err) {
      if (isPreflightError(err) && err.code === 'invalid_input') return toError(err);
      return engine.failure(err);
    }
  };
  return { evaluate, scanner: engine.scanner, store: opts.store, policy: opts.policy };
}

/** Truncates an IP address to a prefix: `203.0.113.0/24`, `2001:db8:1:0:0:0:0:0/48`. */
export { truncateIp } from './ip';
import { truncateIp } from './ip';
