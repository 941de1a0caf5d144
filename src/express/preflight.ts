/**
 * `preflight(options)`: the publish-flow middleware. Scans the post, applies the policy, answers
 * 422 with the notice and an acknowledgement token (JSON, or an HTML warning page for plain form
 * posts), and on a valid acknowledgement logs it (and queues the post for review when policy holds
 * it) before calling `next()`. Plain `(req, res, next)`: works on Express 4 and 5.
 */
import { isIP } from 'net';
import { randomUUID } from 'crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ERROR_CODES, PreflightError, isPreflightError, type ErrorCode } from '../errors';
import { createScanner, findingValue } from '../scanner';
import { evaluatePolicy, findCues, withoutWarnings, type CueKind, type PolicyContext, type PolicyDecision } from '../policy';
import type { FieldFinding, Scanner } from '../types';
import type { AckMethod, AckReason, StoredFinding, SyncStoreCalls } from '../store/types';
import { postRefHoldsFinding } from '../store/validate';
import { resolveOptions, type PreflightOptions, type ResolvedOptions } from './options';
import { withWarningLimit } from './limiter';
import { canonicalContent, createTokenSigner, type TokenBinding } from './tokens';
import { findingMessage, resolveNotice, type ResolvedNotice } from './notice';
import { flattenForm, isLocalPath, renderWarningPage, type WarningPageParts } from './html';
import { createMetrics, type PreflightMetrics } from './metrics';

export type { PreflightOptions, PreflightLogger } from './options';

/** What `req.preflight` holds after the middleware called `next()`. */
export interface PreflightResult {
  /** `allow`: nothing to acknowledge. `acknowledged`: the author acknowledged the notice. */
  action: 'allow' | 'acknowledged';
  /** The findings the author acknowledged (raw text included: it is the author's own post); `[]` on allow. */
  findings: FieldFinding[];
  /** The acknowledgement log record id. */
  acknowledgementId?: string;
  /** Present when policy held the post for a moderator: publish it as pending, not visible. */
  review?: { id: string; status: 'pending'; postRef: string; because: HoldReason };
  /** The policy action that was acknowledged. */
  policyAction?: 'warn' | 'review';
  /** The reason the author gave. */
  reason?: AckReason;
  /** True when the scanner failed and `onScanError: 'fail-open'` let the post through unchecked. */
  scanError?: true;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Set by pii-preflight's `preflight()` middleware before `next()`. */
      preflight?: PreflightResult;
    }
  }
}

/** Body fields the middleware reads and removes before `next()`. */
export const ACK_FIELDS = [
  'piiAcknowledgement', 'piiAcknowledgementReason', 'piiAcknowledgementNote', 'piiAcknowledgementMethod', 'piiRememberValues', 'piiUnderstood',
] as const;
const ACK_FIELD_SET: ReadonlySet<string> = new Set(ACK_FIELDS);
const REASONS: readonly AckReason[] = ['intended', 'not_personal', 'other'];
const TRUE_VALUES = new Set(['true', 'on', '1', 'yes']);
const RETRY_AFTER_SECONDS = 10;
/** At most this many findings are written to one acknowledgement record (the first, by position). */
export const MAX_LOGGED_FINDINGS = 100;
/** Body media types the middleware reads (after express.json() / express.urlencoded() / multer). */
const BODY_TYPES = new Set(['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data']);
const MAX_NOTE_LENGTH = 500;

/** Truncates an IP address to a prefix: `203.0.113.0/24`, `2001:db8:1:0:0:0:0:0/48`. */
export function truncateIp(ip: string | undefined, bits: { ipv4: number; ipv6: number }): string | undefined {
  if (!ip) return undefined;
  let addr = ip.split('%')[0] ?? '';
  if (addr.toLowerCase().startsWith('::ffff:') && isIP(addr.slice(7)) === 4) addr = addr.slice(7);
  const kind = isIP(addr);
  if (kind === 4) {
    const n = addr.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
    const keep = bits.ipv4 === 0 ? 0 : n - (n % 2 ** (32 - bits.ipv4));
    return `${[24, 16, 8, 0].map((s) => Math.floor(keep / 2 ** s) % 256).join('.')}/${bits.ipv4}`;
  }
  if (kind === 6) {
    const [head = '', tail] = addr.split('::');
    const toGroups = (s: string): number[] => {
      if (!s) return [];
      const out: number[] = [];
      for (const part of s.split(':')) {
        if (part.includes('.')) {
          const b = part.split('.').map(Number);
          out.push(((b[0] ?? 0) << 8) | (b[1] ?? 0), ((b[2] ?? 0) << 8) | (b[3] ?? 0));
        } else out.push(parseInt(part, 16));
      }
      return out;
    };
    const left = toGroups(head);
    const right = tail === undefined ? [] : toGroups(tail);
    const groups = [...left, ...new Array<number>(Math.max(0, 8 - left.length - right.length)).fill(0), ...right];
    const masked = groups.map((g, i) => {
      const keep = Math.max(0, Math.min(16, bits.ipv6 - i * 16));
      return keep === 0 ? 0 : g & (0xffff << (16 - keep)) & 0xffff;
    });
    return `${masked.map((g) => g.toString(16)).join(':')}/${bits.ipv6}`;
  }
  return undefined;
}

/** A host callback (userId, anonymous, fields, postRef) threw: a bug in the host, answered 500, not 503. */
class CallbackError extends Error {
  constructor(readonly option: string, readonly original: unknown) {
    super(`preflight(): the \`${option}\` callback threw`);
  }
}

function callHost<T>(option: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (isPreflightError(err)) throw err;
    throw new CallbackError(option, err);
  }
}

/** Dotted paths split once: `fields` is read on every post. */
const splitPaths = new Map<string, string[]>();

function readPath(body: unknown, path: string): unknown {
  let segs = splitPaths.get(path);
  if (!segs) {
    segs = path.split('.');
    if (splitPaths.size < 1000) splitPaths.set(path, segs);
  }
  let cur: unknown = body;
  for (const seg of segs) {
    if (typeof cur !== 'object' || cur === null || !Object.prototype.hasOwnProperty.call(cur, seg)) return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

function extractFields(req: Request, spec: ResolvedOptions['fields']): Record<string, string> {
  const raw: Record<string, unknown> = {};
  if (typeof spec === 'function') Object.assign(raw, callHost('fields', () => spec(req)));
  else for (const path of spec) raw[path] = readPath(req.body, path);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined || value === null) continue;
    if (typeof value === 'string') out[name] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') out[name] = String(value);
    else throw new PreflightError('invalid_input', `Field \`${name}\` must be a string.`, { field: name });
  }
  return out;
}

function bodyField(req: Request, name: string): unknown {
  const body = req.body as unknown;
  if (typeof body !== 'object' || body === null) return undefined;
  return Object.prototype.hasOwnProperty.call(body, name) ? (body as Record<string, unknown>)[name] : undefined;
}

function stringInput(req: Request, field: string, header: string): string | undefined {
  const v = bodyField(req, field);
  if (typeof v === 'string' && v.length > 0) return v;
  if (typeof v === 'boolean') return String(v);
  // Direct header read: `header` is given lower-cased, as Node stores incoming header names.
  const h = req.headers[header];
  return typeof h === 'string' && h.length > 0 ? h : undefined;
}

interface AckInput {
  token?: string;
  reason: AckReason;
  note?: string;
  method: AckMethod;
  remember: boolean;
  /** The "I understand" checkbox of the HTML warning page (`piiUnderstood=on`). */
  understood: boolean;
}

function readAck(req: Request, isForm: boolean): AckInput {
  const token = stringInput(req, 'piiAcknowledgement', 'pii-acknowledgement');
  const rawReason = stringInput(req, 'piiAcknowledgementReason', 'pii-acknowledgement-reason');
  let reason: AckReason = 'unspecified';
  if (rawReason !== undefined) {
    if (!REASONS.includes(rawReason as AckReason)) {
      throw new PreflightError('invalid_input', `piiAcknowledgementReason must be one of ${REASONS.join(', ')}.`);
    }
    reason = rawReason as AckReason;
  }
  const note = stringInput(req, 'piiAcknowledgementNote', 'pii-acknowledgement-note');
  const method: AckMethod = stringInput(req, 'piiAcknowledgementMethod', 'pii-acknowledgement-method')?.toLowerCase() === 'widget'
    ? 'widget' : isForm ? 'form' : 'json';
  const remember = TRUE_VALUES.has((stringInput(req, 'piiRememberValues', 'pii-remember-values') ?? '').toLowerCase());
  // Body only: the checkbox is part of the HTML form; there is no header for it.
  const rawUnderstood = bodyField(req, 'piiUnderstood');
  const understood = typeof rawUnderstood === 'string' ? TRUE_VALUES.has(rawUnderstood.toLowerCase()) : rawUnderstood === true;
  const out: AckInput = { reason, method, remember, understood };
  if (token !== undefined) out.token = token;
  if (note !== undefined && note.trim().length > 0) out.note = note.trim().slice(0, MAX_NOTE_LENGTH);
  return out;
}

function stripAckFields(req: Request): void {
  const body = req.body as unknown;
  if (typeof body !== 'object' || body === null) return;
  // Only delete what is there: `delete` can turn the body into a slow dictionary-mode object.
  for (const k of ACK_FIELDS) if (Object.prototype.hasOwnProperty.call(body, k)) delete (body as Record<string, unknown>)[k];
}

/** The media type of the request body, lower-cased, without parameters ('' when there is no body). */
function bodyMediaType(req: Request): string {
  const ct = req.headers['content-type'];
  if (typeof ct !== 'string' || !hasBody(req)) return '';
  const semi = ct.indexOf(';');
  return (semi === -1 ? ct : ct.slice(0, semi)).trim().toLowerCase();
}

/** A form post (urlencoded or multipart). Same answer as `req.is(...)`, without its parsing cost on every post. */
function isFormRequest(req: Request): boolean {
  const type = bodyMediaType(req);
  return type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data';
}

function hasBody(req: Request): boolean {
  const len = req.headers['content-length'];
  return (len !== undefined && len !== '0') || req.headers['transfer-encoding'] !== undefined;
}

/** Why a moderator will check a post: someone else's details, many acknowledgements in a short while, another policy rule. */
export type HoldReason = 'third_party' | 'repeat' | 'policy';

/** The `held` part of a 422 answer: "A moderator will check this post before it appears." and why. */
function heldInfo(notice: ResolvedNotice, because: HoldReason): { because: HoldReason; message: string } {
  const why = because === 'third_party' ? notice.ui.heldThirdParty : because === 'repeat' ? notice.ui.heldRepeat : notice.ui.heldPolicy;
  return { because, message: `${notice.ui.review} ${why}` };
}

/** `{ error, message, ...extra }`: the JSON shape of every error answer. */
function errorJson(code: ErrorCode, message?: string, extra?: Record<string, unknown>): Record<string, unknown> {
  return { error: code, message: message ?? ERROR_CODES[code].message, ...extra };
}

function sendError(res: Response, err: PreflightError, extra?: Record<string, unknown>): void {
  if (err.status === 503) res.set('Retry-After', String(RETRY_AFTER_SECONDS));
  res.set('Cache-Control', 'no-store');
  const details = err.details && err.code !== 'pii_ack_mismatch' ? err.details : undefined;
  res.status(err.status).json(errorJson(err.code, err.message, { ...details, ...extra }));
}

/**
 * Creates the publish-flow middleware. Options are checked now: an unknown key, a short secret or
 * a missing store throws a `PreflightError('invalid_options')` that says how to fix it.
 */
export function preflight(options: PreflightOptions): RequestHandler {
  const opts = resolveOptions(options);
  const { store, policy, logger } = opts;
  const scanner: Scanner = opts.scanner ?? createScanner({ locales: opts.locales, ...(opts.maxLength !== undefined ? { maxLength: opts.maxLength } : {}) });
  const signer = createTokenSigner(opts.secret, opts.previousSecrets);
  const metrics: PreflightMetrics = createMetrics(opts.metrics);
  const policyInfo = { version: policy.version, url: policy.url };

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
    fields: Record<string, string>;
    binding?: TokenBinding;
    /** Shown on the HTML page as an alert (what was wrong with the last attempt). */
    problem?: string;
    /** The scan stopped at the findings cap: the answer says so. */
    truncated?: boolean;
    /** Why a moderator will check the post (only with `action: 'review'`). */
    because?: HoldReason;
    /** Each finding's own action (a blocked one is marked in the answer). */
    decisions?: ReadonlyArray<{ finding: FieldFinding; action: string }>;
  }

  /** Where the warning page's "edit" forms post: the host's composer path, if it gave one. */
  const editActionOf = (req: Request): { editAction?: string } => {
    const given = opts.warningPage.editAction;
    const path = typeof given === 'function' ? callHost('warningPage.editAction', () => given(req)) : given;
    return isLocalPath(path) ? { editAction: path } : {};
  };

  /** The host's layout hook bound to this request (the forum's header knows the signed-in user). */
  const pageFor = (req: Request): { layout?: (parts: WarningPageParts) => string; fieldLabels?: Record<string, string> } => {
    const { layout, fieldLabels } = opts.warningPage;
    return {
      ...(fieldLabels ? { fieldLabels } : {}),
      ...(layout ? { layout: (parts: WarningPageParts) => callHost('warningPage.layout', () => layout(parts, req)) } : {}),
    };
  };

  /** Answers a 422 warning (JSON or the HTML page), with a fresh token unless blocked. */
  const sendWarning = async (req: Request, res: Response, w: Warning): Promise<void> => {
    let acknowledgement: { token: string; expiresAt: string } | undefined;
    if (w.binding && w.action !== 'block') {
      const issued = signer.issue(w.binding, opts.tokenTtlSeconds);
      acknowledgement = { token: issued.token, expiresAt: issued.expiresAt.toISOString() };
      await store.openWarning(w.binding.userId, issued.expiresAt);
    }
    const findings = w.flagged.map((f) => ({
      field: f.field, type: f.type, start: f.start, end: f.end, masked: f.masked, message: findingMessage(f.type, w.notice.locale), subject: f.subject,
      action: w.decisions?.find((d) => d.finding === f)?.action ?? w.action,
    }));
    const held = w.action === 'review' ? heldInfo(w.notice, w.because ?? 'policy') : undefined;
    res.status(422);
    res.set('Cache-Control', 'no-store');
    res.set('Content-Language', w.notice.locale);
    res.vary('Accept');
    res.vary('Accept-Language');
    if (isFormRequest(req) && req.accepts(['json', 'html']) === 'html') {
      const referer = req.get('referer');
      let backUrl: string | undefined;
      if (referer) {
        try {
          const u = new URL(referer);
          if (u.host === req.get('host')) backUrl = u.pathname + u.search;
        } catch { /* not a URL: no back link */ }
      }
      const page = renderWarningPage({
        fields: w.fields, findings, notice: w.notice, error: w.code, message: w.message ?? ERROR_CODES[w.code].message,
        action: w.action, policyUrl: policy.url, formAction: req.originalUrl, repost: flattenForm(req.body, ACK_FIELD_SET),
        ...(acknowledgement ? { token: acknowledgement.token } : {}), ...(backUrl ? { backUrl } : {}),
        ...(bodyMediaType(req) === 'multipart/form-data' ? { multipart: true } : {}),
        ...(w.problem ? { problem: w.problem } : {}), ...(w.truncated ? { truncated: true } : {}),
        ...(held ? { held } : {}), page: pageFor(req), ...editActionOf(req),
      });
      res.set('Content-Security-Policy', page.csp);
      res.set('X-Content-Type-Options', 'nosniff');
      res.set('Referrer-Policy', 'no-referrer');
      res.set('X-Frame-Options', 'DENY');
      res.type('html').send(page.html);
      return;
    }
    res.json(errorJson(w.code, w.message, {
      notice: w.notice.text, policy: policyInfo, action: w.action, ...(held ? { held } : {}), findings,
      ...(w.truncated ? { truncated: true } : {}), ...(acknowledgement ? { acknowledgement } : {}),
    }));
  };

  /** What the synchronous first half of the flow found: the post's fields, scanned. */
  interface Scanned {
    userId: string;
    ack: AckInput;
    fields: Record<string, string>;
    scanned: FieldFinding[];
    /** The scanner stopped at its findings cap. */
    truncated: boolean;
  }

  /**
   * The synchronous first half: user, acknowledgement fields, the fields, the scan. Answers the
   * request itself and returns `false` when it cannot go on, `true` when the post goes through
   * unchecked (`onScanError: 'fail-open'`).
   */
  const begin = (req: Request, res: Response): Scanned | boolean => {
    if (typeof opts.fields !== 'function' && hasBody(req)) {
      // Field paths are read from a JSON or form body. Any client can send text/plain or no
      // Content-Type (the client's mistake, not the host's): Express 5 leaves such a body
      // undefined, Express 4 sets {}, express.text() a string — a post nobody scanned.
      const type = bodyMediaType(req);
      if (!BODY_TYPES.has(type) && !type.endsWith('+json')) {
        sendError(res, new PreflightError('unsupported_media_type', `Send the post as JSON or a form${type ? `, not ${type}` : ' (the request has no Content-Type)'}.`));
        return false;
      }
    }
    if (req.body === undefined && typeof opts.fields !== 'function' && hasBody(req)) {
      logger.error('preflight() ran before a body parser: mount express.json() / express.urlencoded() before it.');
      sendError(res, new PreflightError('invalid_options', 'The server is misconfigured: the post body was not parsed.'));
      return false;
    }

    let userId = callHost('userId', () => opts.userId(req));
    if (!userId && opts.anonymous !== 'reject') {
      const anonymous = opts.anonymous;
      userId = callHost('anonymous', () => anonymous(req));
    }
    // Hosts written in JavaScript may hand back numeric ids: tokens and the log compare strings.
    if (typeof userId === 'number') userId = String(userId);
    if (typeof userId !== 'string' || userId.length === 0) {
      sendError(res, new PreflightError('unauthenticated'));
      return false;
    }

    const isForm = isFormRequest(req);
    let ack: AckInput;
    let fields: Record<string, string>;
    try {
      ack = readAck(req, isForm);
      fields = extractFields(req, opts.fields);
    } catch (err) {
      if (isPreflightError(err)) { sendError(res, err); return false; }
      throw err;
    }

    let scanned: FieldFinding[];
    let truncated = false;
    try {
      const result = scanner.scanFields(fields, { format: opts.format });
      scanned = result.findings;
      truncated = result.truncated === true;
    } catch (err) {
      if (isPreflightError(err) && (err.code === 'input_too_large' || err.code === 'invalid_input')) {
        sendError(res, err);
        return false;
      }
      metrics.failure('scan_failed');
      if (opts.onScanError === 'fail-open') {
        logger.warn('scanner failed; the post was let through unchecked (onScanError: fail-open)', { error: err instanceof Error ? err.name : typeof err });
        stripAckFields(req);
        req.preflight = { action: 'allow', findings: [], scanError: true };
        return true;
      }
      logger.error('scanner failed; the post was refused (onScanError: fail-closed)', { error: err instanceof Error ? err.name : typeof err });
      sendError(res, new PreflightError('scan_failed'));
      return false;
    }
    return { userId, ack, fields, scanned, truncated };
  };

  /**
   * A clean post on a store whose calls are synchronous (`store.sync`, SQLite): counted, an open
   * warning of this user closed (edited away), allowed — without a promise, so `next()` runs in
   * the same tick, as after any synchronous middleware. The same steps as the clean branch of
   * `finish`.
   */
  const allowSync = (req: Request, sync: SyncStoreCalls, userId: string): void => {
    sync.recordEvent('scanned', { userId });
    metrics.event('scanned');
    if (sync.closeWarning(userId)) {
      sync.recordEvent('edited_away', { userId });
      metrics.event('edited_away');
    }
    sync.recordEvent('allowed', { userId });
    metrics.event('allowed');
    stripAckFields(req);
    req.preflight = { action: 'allow', findings: [] };
  };

  const usesCues = policy.rules.some((r) => r.cues !== undefined);

  /** The post's `postRef` names a review item of another author: never overwrite it. */
  const sendOwnerConflict = (res: Response): void => {
    logger.warn('a post was refused: its postRef is held for review under another author', { code: 'conflict' });
    sendError(res, new PreflightError('conflict', 'This post is held for review under another author; it cannot be changed by this user.'));
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

  /** The rest of the flow, after the scan: policy, warning, token, acknowledgement, review. */
  const finish = async (req: Request, res: Response, { userId, ack, fields, scanned, truncated }: Scanned): Promise<boolean> => {
    if (scanned.length === 0 && !truncated) {
      // The common case, kept short (it runs on every clean post): counted, an open warning of
      // this user closed (edited away), allowed.
      await store.recordEvent('scanned', { userId });
      metrics.event('scanned');
      if (await store.closeWarning(userId)) await record('edited_away', userId);
      await store.recordEvent('allowed', { userId });
      metrics.event('allowed');
      stripAckFields(req);
      req.preflight = { action: 'allow', findings: [] };
      return true;
    }

    await record('scanned', userId);

    const cues: CueKind[] = usesCues ? [...new Set(findCues(fields).map((c) => c.kind))] : [];
    const context: PolicyContext = { cues, truncated };
    const { decision, drop } = await decide(userId, scanned, context);
    if (decision.action === 'allow') {
      if (await store.closeWarning(userId)) await record('edited_away', userId);
      await record('allowed', userId);
      stripAckFields(req);
      req.preflight = { action: 'allow', findings: [] };
      return true;
    }

    for (const d of decision.decisions) if (d.action !== 'allow') metrics.finding(d.finding.type, d.action);
    const notice = resolveNotice(opts.notice, req.get('accept-language'));
    // Under every secret of the keyring: a token issued before a rotation still matches its content.
    const [contentHash = '', ...earlierContentHashes] = store.hmacs(canonicalContent(fields, opts.format));
    const binding: TokenBinding = {
      userId, contentHash, earlierContentHashes, policyVersion: policy.version, noticeVersion: notice.version,
    };
    const warningBase = { notice, fields, ...(truncated ? { truncated: true } : {}) };

    if (decision.action === 'block') {
      await store.openWarning(userId, new Date(Date.now() + opts.tokenTtlSeconds * 1000));
      await record('blocked', userId);
      await sendWarning(req, res, { ...warningBase, code: 'pii_blocked', action: 'block', flagged: decision.flagged, decisions: decision.decisions });
      return false;
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
      await sendWarning(req, res, { ...warningBase, code: 'pii_acknowledgement_required', ...(await told()), flagged: decision.flagged, decisions: decision.decisions, binding });
      return false;
    }

    let tokenId: string;
    let tokenExpiresAt: Date;
    try {
      const payload = signer.verify(ack.token, binding);
      tokenId = payload.jti;
      tokenExpiresAt = new Date(payload.exp * 1000);
    } catch (err) {
      if (isPreflightError(err)) {
        await sendWarning(req, res, { ...warningBase, code: err.code, message: err.message, ...(await told()), flagged: decision.flagged, decisions: decision.decisions, binding });
        return false;
      }
      throw err;
    }

    // A form acknowledgement (the HTML warning page) needs its "I understand" box ticked: the
    // browser's `required` is not enough. Refused without using up the token; the page is shown
    // again with a fresh one. JSON and widget clients confirm in their own UI (docs/http.md).
    if (ack.method === 'form' && !ack.understood) {
      await sendWarning(req, res, {
        ...warningBase, code: 'pii_acknowledgement_required', message: notice.ui.understandRequired, problem: notice.ui.understandRequired,
        ...(await told()), flagged: decision.flagged, decisions: decision.decisions, binding,
      });
      return false;
    }

    // The reason can route the post (policy rules that name reasons).
    const final = withoutWarnings(evaluatePolicy(policy, scanned, { ...context, reason: ack.reason }), drop);
    if (final.action === 'block') {
      await record('blocked', userId);
      await sendWarning(req, res, { ...warningBase, code: 'pii_blocked', action: 'block', flagged: final.flagged, decisions: final.decisions });
      return false;
    }
    let ackAction: 'warn' | 'review' = final.action === 'review' || action === 'review' ? 'review' : 'warn';
    let heldRule = final.action === 'review' ? final.ruleId : decision.ruleId;
    if (ackAction === 'warn' && (await repeated())) {
      ackAction = 'review';
      heldRule = 'repeat-bypass';
    }

    // The review item's reference: from the host's `postRef` (it must identify the post), else a
    // fresh id per held post. Checked before anything is written: a reference that repeats a
    // value of the post would put it in plain text at rest.
    let postRef: string | undefined;
    if (ackAction === 'review') {
      postRef = callHost('postRef', () => opts.postRef?.(req)) ?? randomUUID();
      if (typeof postRef !== 'string' || postRef.length === 0 || postRef.length > 512) {
        throw new CallbackError('postRef', new TypeError('postRef must return a non-empty string of at most 512 characters'));
      }
      if (postRefHoldsFinding(postRef, fields, scanned)) {
        throw new CallbackError('postRef', new TypeError('postRef repeats a value found in the post: build it from ids'));
      }
      // Someone else's item: refused before anything is written or the token used up. (The
      // store checks again, atomically, when the item is written.)
      const existing = (await store.reviews.list({ postRef, limit: 1 })).items[0];
      if (existing && existing.authorId !== userId) {
        sendOwnerConflict(res);
        return false;
      }
    }

    const stored = decision.flagged.slice(0, MAX_LOGGED_FINDINGS).map(toStored);
    const ipPrefix = opts.ipPrefix ? truncateIp(req.ip, opts.ipPrefix) : undefined;
    const userAgent = req.get('user-agent')?.slice(0, 512);
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
        await sendWarning(req, res, { ...warningBase, code: 'pii_ack_replayed', ...(await told()), flagged: decision.flagged, decisions: decision.decisions, binding });
        return false;
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

    const result: PreflightResult = {
      action: 'acknowledged', acknowledgementId: ackRecord.id, findings: decision.flagged, policyAction: ackAction, reason: ack.reason,
    };
    if (ackAction === 'review' && postRef !== undefined) {
      let item;
      try {
        item = await store.reviews.upsert({
          postRef, authorId: userId, fields, format: opts.format, findings: decision.flagged.map(toStored),
          heldBecause: {
            rule: heldRule ?? 'policy', reason: ack.reason, ...(note !== undefined ? { note } : {}),
            ...(truncated ? { truncated: true } : {}),
          },
          acknowledgementId: ackRecord.id,
        });
      } catch (err) {
        // The reference is held for review under another author: never overwrite their item.
        if (isPreflightError(err) && err.code === 'conflict') {
          sendOwnerConflict(res);
          return false;
        }
        throw err;
      }
      await record('held', userId);
      result.review = {
        id: item.id, status: 'pending', postRef: item.postRef,
        because: heldRule === 'repeat-bypass' ? 'repeat' : final.flagged.some((f) => f.subject === 'third_party') ? 'third_party' : 'policy',
      };
    }
    stripAckFields(req);
    req.preflight = result;
    return true;
  };

  /** Answers what the flow threw: a host callback's failure, or else the store's: never publish. */
  const fail = (res: Response, err: unknown): void => {
    if (err instanceof CallbackError) {
      logger.error(err.message, { error: err.original instanceof Error ? err.original.name : typeof err.original });
      if (!res.headersSent) sendError(res, new PreflightError('invalid_options', `The server is misconfigured: the \`${err.option}\` callback of preflight() failed.`));
      return;
    }
    // A user id in the erasure namespace: refused (400), not a store failure.
    if (isPreflightError(err) && err.code === 'reserved_user_id') {
      if (!res.headersSent) sendError(res, err);
      return;
    }
    // Anything else thrown past the handled cases comes from the store: never publish.
    const code = isPreflightError(err) ? err.code : undefined;
    logger.error('store unavailable; the post was refused', { error: err instanceof Error ? err.name : typeof err, ...(code ? { code } : {}) });
    metrics.failure('store_unavailable');
    if (res.headersSent) return;
    sendError(res, new PreflightError('store_unavailable'));
  };

  const run = function preflightMiddleware(req: Request, res: Response, next: NextFunction): void {
    let state: Scanned | boolean;
    try {
      state = begin(req, res);
      if (typeof state !== 'boolean' && state.scanned.length === 0 && !state.truncated && store.sync) {
        allowSync(req, store.sync, state.userId);
        state = true;
      }
    } catch (err) {
      fail(res, err);
      return;
    }
    // Outside the try: an error thrown by the route after us is the host's, not the store's.
    if (state === true) next();
    if (typeof state === 'boolean') return;
    finish(req, res, state).then((proceed) => { if (proceed) next(); }, (err: unknown) => fail(res, err));
  };
  return opts.rateLimit === false ? run : withWarningLimit(run, opts.rateLimit, opts.userId, (res) => {
    logger.warn('preflight: warnings rate limited', { code: 'rate_limited' });
    sendError(res, new PreflightError('rate_limited', 'Too many posts needed a warning; wait a few minutes and try again.'));
  });
}
