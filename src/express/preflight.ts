/**
 * `preflight(options)`: the publish-flow middleware. Scans the post, applies the policy, answers
 * 422 with the notice and an acknowledgement token (JSON, or an HTML warning page for plain form
 * posts), and on a valid acknowledgement logs it (and queues the post for review when policy holds
 * it) before calling `next()`. Plain `(req, res, next)`: works on Express 4 and 5.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ERROR_CODES, PreflightError, isPreflightError, type ErrorCode } from '../errors';
import type { FieldFinding, Scanner } from '../types';
import type { Policy } from '../policy';
import type { AckMethod, AckReason } from '../store/types';
import { resolveOptions, type PreflightOptions, type ResolvedOptions } from './options';
import { withWarningLimit } from './limiter';
import { MESSAGES_HEADER, widgetMessages } from './notice';
import { flattenForm, isLocalPath, renderWarningPage, type WarningPageParts } from './html';
import { CallbackError, createGuardEngine, type GuardBlocked, type GuardResult, type GuardWarning, type HoldReason, type NormalizedAck, type Scanned } from '../core/guard';

export type { HoldReason } from '../core/guard';

export { truncateIp } from '../core/ip';
export { MAX_LOGGED_FINDINGS } from '../core/guard';
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
/** Body media types the middleware reads (after express.json() / express.urlencoded() / multer). */
const BODY_TYPES = new Set(['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data']);
const MAX_NOTE_LENGTH = 500;

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
  // Copied key by key (Object.assign would drop an own "__proto__" key, which must be refused below).
  if (typeof spec === 'function') {
    const given = callHost('fields', () => spec(req));
    if (typeof given === 'object' && given !== null) for (const name of Object.keys(given)) Object.defineProperty(raw, name, { value: given[name], enumerable: true, writable: true, configurable: true });
  }
  else for (const path of spec) raw[path] = readPath(req.body, path);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined || value === null) continue;
    // JSON.parse makes "__proto__" an own key, but assigning it sets no field: it would go unscanned and be published.
    if (name === '__proto__') throw new PreflightError('invalid_input', 'A field cannot be named `__proto__`.');
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

/** The acknowledgement fields of the request (body or headers), in the core's shape; `understood` is the warning page's "I understand" box (`piiUnderstood=on`). */
function readAck(req: Request, isForm: boolean): NormalizedAck {
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
  const out: NormalizedAck = { reason, method, remember, understood };
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
 * The middleware `preflight()` returns, with the scanner and policy it decides with: hand both to
 * `checkRoute({ scanner, policy })` so the live check marks what publishing would block.
 */
export type PreflightMiddleware = RequestHandler & { readonly scanner: Scanner; readonly policy: Policy };

/**
 * Creates the publish-flow middleware. Options are checked now: an unknown key, a short secret or
 * a missing store throws a `PreflightError('invalid_options')` that says how to fix it.
 *
 * An adapter over the framework-agnostic core (`createPublishGuard`, src/core/guard.ts): it reads
 * the user, the fields and the acknowledgement from the request, and renders the core's result
 * (422 JSON or the HTML warning page, errors, or `req.preflight` and `next()`).
 */
export function preflight(options: PreflightOptions): PreflightMiddleware {
  const opts = resolveOptions(options);
  const engine = createGuardEngine(opts);
  const { store, policy, logger } = opts;
  /** The post's fields, for the HTML warning page (which shows them again). */
  const currentFields = new WeakMap<Request, Record<string, string>>();

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

  /** Answers a 422 warning (JSON or the HTML page). */
  const sendWarning = (req: Request, res: Response, w: GuardWarning | GuardBlocked): void => {
    const acknowledgement = w.outcome === 'warning' ? w.acknowledgement : undefined;
    const held = w.outcome === 'warning' ? w.held : undefined;
    res.status(422);
    res.set('Cache-Control', 'no-store');
    res.set('Content-Language', w.notice.locale);
    res.vary('Accept');
    res.vary('Accept-Language');
    const fields = currentFields.get(req) ?? {};
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
        fields, findings: w.findings, notice: w.notice, error: w.code, message: w.message,
        action: w.action, policyUrl: policy.url, formAction: req.originalUrl, repost: flattenForm(req.body, ACK_FIELD_SET),
        ...(acknowledgement ? { token: acknowledgement.token } : {}), ...(backUrl ? { backUrl } : {}),
        ...(bodyMediaType(req) === 'multipart/form-data' ? { multipart: true } : {}),
        ...(w.outcome === 'warning' && w.problem ? { problem: w.problem } : {}), ...(w.truncated ? { truncated: true } : {}),
        ...(held ? { held } : {}), page: pageFor(req), ...editActionOf(req),
      });
      res.set('Content-Security-Policy', page.csp);
      res.set('X-Content-Type-Options', 'nosniff');
      res.set('Referrer-Policy', 'no-referrer');
      res.set('X-Frame-Options', 'DENY');
      res.type('html').send(page.html);
      return;
    }
    // The widget bundles English only: it asks (PII-Messages: 1) for its texts in the author's language.
    const messages = req.get(MESSAGES_HEADER) === '1' ? { locale: w.notice.locale, messages: widgetMessages(w.notice.locale, w.notice.text) } : {};
    res.vary(MESSAGES_HEADER);
    res.json(errorJson(w.code, w.message, {
      notice: w.notice.text, policy: w.policy, action: w.action, ...(held ? { held } : {}), findings: w.findings,
      ...(w.truncated ? { truncated: true } : {}), ...(acknowledgement ? { acknowledgement } : {}), ...messages,
    }));
  };

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
    let ack: NormalizedAck;
    let fields: Record<string, string>;
    try {
      ack = readAck(req, isForm);
      fields = extractFields(req, opts.fields);
    } catch (err) {
      if (isPreflightError(err)) { sendError(res, err); return false; }
      throw err;
    }

    const scanned = engine.scan(fields, opts.format);
    if ('outcome' in scanned) {
      if (scanned.outcome === 'error') { sendError(res, scanned.error); return false; }
      stripAckFields(req);
      req.preflight = { action: 'allow', findings: [], scanError: true };
      return true;
    }
    return { userId, ack, fields, format: opts.format, ...scanned };
  };

  /** Renders the core's result: `true` to call `next()`. */
  const render = (req: Request, res: Response, result: GuardResult): boolean => {
    switch (result.outcome) {
      case 'allow':
        stripAckFields(req);
        req.preflight = { action: 'allow', findings: [] };
        return true;
      case 'acknowledged': {
        const out: PreflightResult = {
          action: 'acknowledged', acknowledgementId: result.acknowledgementId, findings: result.findings, policyAction: result.policyAction, reason: result.reason,
        };
        if (result.review) out.review = result.review;
        stripAckFields(req);
        req.preflight = out;
        return true;
      }
      case 'warning':
      case 'blocked':
        sendWarning(req, res, result);
        return false;
      case 'error':
        if (!res.headersSent) sendError(res, result.error);
        return false;
    }
  };

  /** The rest of the flow, after the scan: the core's second half, rendered. */
  const finish = async (req: Request, res: Response, state: Scanned): Promise<boolean> => {
    currentFields.set(req, state.fields);
    const result = await engine.finish(state, {
      acceptLanguage: req.get('accept-language'),
      clientIp: req.ip,
      userAgent: req.get('user-agent'),
      postRef: () => callHost('postRef', () => opts.postRef?.(req)),
    });
    return render(req, res, result);
  };

  /** Answers what the flow threw: a host callback's failure, or else the store's: never publish. */
  const fail = (res: Response, err: unknown): void => {
    const result = engine.failure(err);
    if (!res.headersSent) sendError(res, result.error);
  };

  const run = function preflightMiddleware(req: Request, res: Response, next: NextFunction): void {
    let state: Scanned | boolean;
    try {
      state = begin(req, res);
      if (typeof state !== 'boolean' && state.scanned.length === 0 && !state.truncated && store.sync) {
        // A clean post on a synchronous store (SQLite): allowed without a promise, so `next()`
        // runs in the same tick, as after any synchronous middleware.
        engine.allowSync(store.sync, state.userId);
        stripAckFields(req);
        req.preflight = { action: 'allow', findings: [] };
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
  const handler = opts.rateLimit === false ? run : withWarningLimit(run, opts.rateLimit, opts.userId, (res) => {
    logger.warn('preflight: warnings rate limited', { code: 'rate_limited' });
    sendError(res, new PreflightError('rate_limited', 'Too many posts needed a warning; wait a few minutes and try again.'));
  });
  return Object.assign(handler, { scanner: engine.scanner, policy });
}
