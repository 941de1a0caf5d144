/**
 * `reviewRouter()`: the moderator review queue over HTTP — a JSON API and a server-rendered
 * dashboard, behind the host's `authorize(req)` (deny by default), with CSRF tokens on the
 * dashboard's forms, a strict Content-Security-Policy and optimistic locking (409 on a lost race).
 */
import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import type { RouteParameters } from 'express-serve-static-core';
import { PreflightError, isPreflightError } from '../errors';
import type { ReviewAction, ReviewItem, ReviewQuery, ReviewStatus, Store } from '../store/types';
import { MAX_BULK, MAX_LIMIT, MAX_REASON, REVIEW_ACTIONS, buildReviewService, isReviewStore, type ResolvedAction, type ReviewModerator } from '../core/review';
import { createCsrf, parseCookies } from './csrf';
import { REVEAL_COOKIE, REVEAL_TTL_MS, openReveal, revealKey, sealReveal } from './reveal-cookie';
import { assertStrongSecret } from '../secret-strength';
import type { PreflightLogger } from './options';
import { suggest } from './options';
import {
  NOTICE_KEYS,
  REVIEW_STATUSES,
  SUBJECTS,
  renderDashboard,
  renderErrorPage,
  type CannedReasons,
  type DashboardFilters,
  type DashboardView,
  type Moderator,
} from './review-page';
import { pickLanguage, type DashboardLanguage } from '../core/review-text';
import { dashboardStrings } from '../core/review-i18n';
import { DASHBOARD_CSS } from './assets/dashboard-css';
import { DASHBOARD_JS } from './assets/dashboard-js';

/** Who is reviewing (`authorize(req)` returns this for a moderator, `null` for anyone else), and the actions after which `onResolved` is called. */
export type { ReviewModerator, ResolvedAction };

export interface ReviewRouterOptions {
  /** The store holding the review queue (from `createStore()`). Required. */
  store: Store;
  /**
   * Returns the moderator for a request, or `null`/`undefined` to refuse (403). May be async.
   * Without it every route answers 403: the router denies by default.
   */
  authorize?: (req: Request) => ReviewModerator | null | undefined | Promise<ReviewModerator | null | undefined>;
  /**
   * Called after approve, reject and redact, with the item (raw fields: it runs on the server, so
   * the host can publish the redacted text) and the action; a rejection's reason is in
   * `item.resolution.reason`. Errors are logged, never sent to the moderator.
   */
  onResolved?: (item: ReviewItem, action: ResolvedAction) => void | Promise<void>;
  /** Keys the dashboard's CSRF tokens (≥ 32 characters). Default: random per process (tokens then do not survive a restart or cross instances). */
  csrfSecret?: string;
  /**
   * Reasons offered in the dashboard's reason menu, per action (`{ reject, approve, escalate }`;
   * reject reasons are sent to the author). A plain array is offered for rejecting.
   */
  cannedReasons?: string[] | { reject?: string[]; approve?: string[]; escalate?: string[] };
  /**
   * The link to a post on your site, for the dashboard's "Open the post" (e.g.
   * `(item) => \`/posts/${item.postRef.slice(5)}\``). Only `http(s)://` URLs and paths starting with
   * one `/` are linked; anything else (or `undefined`) shows no link.
   */
  postUrl?: (item: ReviewItem) => string | undefined;
  /** Gets warnings and errors (never raw values). Default console. */
  logger?: PreflightLogger;
}

/** The default canned reasons (English); without the `cannedReasons` option each moderator gets them in their language. */
export const DEFAULT_CANNED_REASONS: Readonly<CannedReasons> = dashboardStrings('en').cannedReasons;

const KNOWN_OPTIONS = ['store', 'authorize', 'onResolved', 'csrfSecret', 'cannedReasons', 'postUrl', 'logger'] as const;
/** Ids of revealed values this instance has shown (a cookie replayed to it shows nothing). */
const MAX_SHOWN_IDS = 1000;
const ACTIONS: readonly ReviewAction[] = REVIEW_ACTIONS;

const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const consoleLogger: PreflightLogger = {
  warn: (message, meta) => console.warn(`[pii-preflight] ${message}`, meta ?? ''),
  error: (message, meta) => console.error(`[pii-preflight] ${message}`, meta ?? ''),
};

interface Resolved {
  store: Store;
  authorize: ReviewRouterOptions['authorize'];
  onResolved: ReviewRouterOptions['onResolved'];
  csrfSecret: string | undefined;
  cannedReasons: CannedReasons;
  postUrl: ReviewRouterOptions['postUrl'];
  logger: PreflightLogger;
}

function fail(message: string): never {
  throw new PreflightError('invalid_options', `reviewRouter(): ${message}`);
}

/** Validates the options once, when the router is created. */
export function resolveReviewOptions(input: unknown): Resolved {
  if (typeof input !== 'object' || input === null) fail('pass an options object: reviewRouter({ store, authorize, onResolved }).');
  const o = input as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if ((KNOWN_OPTIONS as readonly string[]).includes(key)) continue;
    const hint = suggest(key, KNOWN_OPTIONS);
    fail(`unknown option \`${key}\`.${hint ? ` Did you mean \`${hint}\`?` : ` Known options: ${KNOWN_OPTIONS.join(', ')}.`}`);
  }
  const store = o.store;
  if (!isReviewStore(store)) {
    fail("`store` is required: `const store = await createStore({ url: 'sqlite:./data/preflight.sqlite', secret })`, then reviewRouter({ store, authorize }).");
  }
  if (o.authorize !== undefined && typeof o.authorize !== 'function') {
    fail('`authorize` must be a function (req) => ({ id, name? }) | null, e.g. (req) => req.user?.isModerator ? { id: req.user.id } : null.');
  }
  if (o.onResolved !== undefined && typeof o.onResolved !== 'function') fail('`onResolved` must be a function (item, action) => void | Promise<void>.');
  // A random string of at least 32 characters (weak ones are refused), or leave it out for a random per-process key.
  if (o.csrfSecret !== undefined) assertStrongSecret(o.csrfSecret, 'reviewRouter(): `csrfSecret`');
  let cannedReasons: CannedReasons = DEFAULT_CANNED_REASONS;
  if (o.cannedReasons !== undefined) {
    const okList = (l: unknown): l is string[] => Array.isArray(l) && l.every((r) => typeof r === 'string' && r.length > 0 && r.length <= MAX_REASON);
    const shape = `\`cannedReasons\` must be { reject?, approve?, escalate? } (or one array, for rejecting) of non-empty strings (at most ${MAX_REASON} characters each).`;
    if (Array.isArray(o.cannedReasons)) {
      if (!okList(o.cannedReasons)) fail(shape);
      cannedReasons = { reject: [...o.cannedReasons], approve: [], escalate: [] };
    } else {
      const c = o.cannedReasons as Record<string, unknown>;
      if (typeof c !== 'object' || c === null || Object.keys(c).some((k) => !['reject', 'approve', 'escalate'].includes(k))) fail(shape);
      const list = (k: string): string[] => {
        const l = c[k];
        if (l === undefined) return [];
        if (!okList(l)) fail(shape);
        return [...l];
      };
      cannedReasons = { reject: list('reject'), approve: list('approve'), escalate: list('escalate') };
    }
  }
  if (o.postUrl !== undefined && typeof o.postUrl !== 'function') fail('`postUrl` must be a function (item) => string, e.g. (item) => `/posts/${item.postRef}`.');
  let logger = consoleLogger;
  if (o.logger !== undefined) {
    const l = o.logger as Record<string, unknown>;
    if (typeof l !== 'object' || l === null || typeof l.warn !== 'function' || typeof l.error !== 'function') fail('`logger` must have warn() and error() methods (info() optional), e.g. pino or console.');
    logger = o.logger as PreflightLogger;
  }
  const authorize = o.authorize as Resolved['authorize'];
  if (!authorize) logger.warn('reviewRouter(): no `authorize` option: every route answers 403 (deny by default).');
  return {
    store,
    authorize,
    onResolved: o.onResolved as Resolved['onResolved'],
    csrfSecret: o.csrfSecret as string | undefined,
    cannedReasons,
    postUrl: o.postUrl as Resolved['postUrl'],
    logger,
  };
}

// ---------------------------------------------------------------------------------------------
// Small request helpers

function wantsHtml(req: Request): boolean {
  return req.accepts(['json', 'html']) === 'html';
}

/** The media type of the request body, lower-cased, without parameters. */
function mediaType(req: Request): string {
  const header = req.headers['content-type'] ?? '';
  return (header.split(';')[0] ?? '').trim().toLowerCase();
}

function isJsonRequest(req: Request): boolean {
  return mediaType(req) === 'application/json';
}

function moderatorOf(res: Response): Moderator {
  return res.locals.piiModerator as Moderator;
}

function bad(message: string): PreflightError {
  return new PreflightError('invalid_input', message);
}

function bodyOf(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw bad('The request body must be a JSON object.');
  return body as Record<string, unknown>;
}

/** One query value (the first when repeated). */
function one(value: unknown): string | undefined {
  if (Array.isArray(value)) return one(value[0]);
  return typeof value === 'string' ? value : undefined;
}

// Accepts 1 to 4 decimal digits (a small non-negative integer); rejects signs, spaces, decimals, exponents.
const SMALL_INT_RE = /^[0-9]{1,4}$/;
// Accepts 1 to 9 decimal digits (a version number); rejects signs, spaces, decimals, exponents.
const VERSION_RE = /^[0-9]{1,9}$/;
// Accepts the dashboard's page trail: base64url cursors (or '0') joined by dots; rejects anything
// else. One character class repeated, no nesting: linear. Length is checked before (MAX_BACK).
const BACK_RE = /^[A-Za-z0-9_.-]+$/;
const MAX_BACK = 8000;
// Accepts a calendar date YYYY-MM-DD (exactly 4-2-2 digits); rejects times, other separators, extra text.
const DATE_ONLY_RE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

function parseDate(name: string, value: string, endOfDay: boolean): Date {
  if (value.length > 40) throw bad(`\`${name}\` must be an ISO 8601 date or date-time (e.g. 2026-11-01).`);
  const dateOnly = DATE_ONLY_RE.test(value);
  const d = new Date(dateOnly ? `${value}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}Z` : value);
  if (Number.isNaN(d.getTime())) throw bad(`\`${name}\` must be an ISO 8601 date or date-time (e.g. 2026-11-01), got ${JSON.stringify(value)}.`);
  return d;
}

interface ParsedList {
  query: ReviewQuery;
  filters: DashboardFilters;
}

/** Parses the list filters of GET /queue and the dashboard. `defaultStatus` is the dashboard's tab. */
function parseListQuery(q: Record<string, unknown>, defaultStatus?: string): ParsedList {
  const query: ReviewQuery = {};
  const statusRaw = one(q.status) ?? defaultStatus;
  const filters: DashboardFilters = { status: statusRaw ?? 'all' };
  if (statusRaw !== undefined && statusRaw !== '' && statusRaw !== 'all') {
    const statuses = (Array.isArray(q.status) ? q.status.filter((s): s is string => typeof s === 'string') : statusRaw.split(','))
      .flatMap((s) => s.split(','))
      .map((s) => s.trim())
      .filter(Boolean);
    for (const s of statuses) {
      if (!REVIEW_STATUSES.includes(s as ReviewStatus)) throw bad(`\`status\` must be one of ${REVIEW_STATUSES.join(', ')} (comma-separated for several), got ${JSON.stringify(s)}.`);
    }
    query.status = statuses.length === 1 ? (statuses[0] as ReviewStatus) : (statuses as ReviewStatus[]);
    filters.status = statuses.join(',');
  }
  const type = one(q.type);
  if (type) {
    if (type.length > 64) throw bad('`type` is too long.');
    query.type = type;
    filters.type = type;
  }
  const subject = one(q.subject);
  if (subject) {
    if (!SUBJECTS.includes(subject)) throw bad(`\`subject\` must be one of ${SUBJECTS.join(', ')}, got ${JSON.stringify(subject)}.`);
    query.subject = subject as ReviewQuery['subject'];
    filters.subject = subject;
  }
  const author = one(q.author);
  if (author) {
    if (author.length > 200) throw bad('`author` is too long (200 characters at most).');
    query.author = author;
    filters.author = author;
  }
  const from = one(q.from);
  if (from) {
    query.from = parseDate('from', from, false);
    filters.from = from;
  }
  const to = one(q.to);
  if (to) {
    query.to = parseDate('to', to, true);
    filters.to = to;
  }
  const sort = one(q.sort);
  if (sort) {
    if (sort !== 'oldest' && sort !== 'newest') throw bad(`\`sort\` must be oldest or newest, got ${JSON.stringify(sort)}.`);
    query.sort = sort;
    filters.sort = sort;
  }
  const cursor = one(q.cursor);
  if (cursor) {
    if (cursor.length > 500) throw bad('`cursor` is not valid: pass back the nextCursor of the previous page.');
    query.cursor = cursor;
    filters.cursor = cursor;
    const back = one(q.back);
    if (back && back.length <= MAX_BACK && BACK_RE.test(back)) filters.back = back;
  }
  const limit = one(q.limit);
  if (limit !== undefined && limit !== '') {
    const n = SMALL_INT_RE.test(limit) ? Number(limit) : NaN;
    if (!Number.isInteger(n) || n < 1 || n > MAX_LIMIT) throw bad(`\`limit\` must be an integer from 1 to ${MAX_LIMIT}, got ${JSON.stringify(limit)}.`);
    query.limit = n;
  }
  return { query, filters };
}

function parseVersion(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  if (typeof value === 'string' && VERSION_RE.test(value)) return Number(value);
  throw bad(`\`version\` must be a non-negative integer (the item's version you saw), got ${JSON.stringify(value)}.`);
}

function parseReason(body: Record<string, unknown>, form: boolean): string | undefined {
  let reason: unknown = body.reason;
  if (reason !== undefined && reason !== null && typeof reason !== 'string') throw bad('`reason` must be a string.');
  let text = typeof reason === 'string' ? reason.trim() : '';
  if (form && text === '') {
    const canned = body.cannedReason;
    if (canned !== undefined && typeof canned !== 'string') throw bad('`cannedReason` must be a string.');
    text = typeof canned === 'string' ? canned.trim() : '';
  }
  reason = text === '' ? undefined : text;
  if (typeof reason === 'string' && reason.length > MAX_REASON) throw bad(`\`reason\` is too long (${MAX_REASON} characters at most).`);
  return reason as string | undefined;
}

function parseAction(value: unknown, allowed: readonly ReviewAction[] = ACTIONS): ReviewAction {
  if (typeof value !== 'string' || !allowed.includes(value as ReviewAction)) {
    throw bad(`\`action\` must be one of ${allowed.join(', ')}${value === undefined ? '' : `, got ${JSON.stringify(value)}`}.`);
  }
  return value as ReviewAction;
}

function parseFindingIndexes(value: unknown): number[] | undefined {
  if (value === undefined || value === null) return undefined;
  const list = Array.isArray(value) ? value : [value];
  const out: number[] = [];
  for (const v of list) {
    const n = typeof v === 'number' ? v : typeof v === 'string' && SMALL_INT_RE.test(v) ? Number(v) : NaN;
    if (!Number.isInteger(n) || n < 0) throw bad('`findings` must be an array of finding indexes (integers ≥ 0) into item.findings.');
    out.push(n);
  }
  return out;
}

/** Rebuilds a dashboard query string from a form's `return` field, keeping known keys only. */
function returnQuery(value: unknown, extra: Record<string, string> = {}): string {
  const keep = ['status', 'type', 'subject', 'author', 'from', 'to', 'sort', 'cursor', 'back', 'item'];
  const params = new URLSearchParams();
  if (typeof value === 'string' && value.length <= MAX_BACK + 2000) {
    const given = new URLSearchParams(value);
    for (const k of keep) {
      const v = given.get(k);
      if (v !== null && v !== '' && v.length <= (k === 'back' ? MAX_BACK : 500)) params.set(k, v);
    }
  }
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
}

// ---------------------------------------------------------------------------------------------

/**
 * The review queue's router: mount it where moderators work, e.g.
 * `app.use('/moderation', reviewRouter({ store, authorize, onResolved }))`.
 */
export function reviewRouter(options: ReviewRouterOptions): Router {
  const o = resolveReviewOptions(options);
  const { store, logger } = o;
  // Every read and decision goes through the review service; this router adds HTTP (auth, CSRF, parsing, rendering).
  const service = buildReviewService({ store, onResolved: o.onResolved, logger }, 'reviewRouter');
  const csrf = createCsrf(o.csrfSecret);
  const router = express.Router();
  // Express 4 does not catch a promise rejected by a route handler (Express 5 does): without this,
  // a lost race (409) or a store outage thrown from an async handler would crash the host's process.
  const routes = asyncRoutes(router);

  /** The moderator's language: the host's `locale` from authorize(), then Accept-Language. */
  const langOf = (req: Request, res: Response): DashboardLanguage => {
    const locale = res.locals.piiModeratorLocale as string | undefined;
    return pickLanguage([...(locale ? [locale] : []), ...req.acceptsLanguages()]);
  };
  /** The canned reasons for a moderator: the host's own as given, else the defaults in the moderator's language. */
  const cannedFor = (lang: DashboardLanguage): CannedReasons => (o.cannedReasons === DEFAULT_CANNED_REASONS ? dashboardStrings(lang).cannedReasons : o.cannedReasons);

  const sendError = (req: Request, res: Response, status: number, code: string, message: string): void => {
    if (wantsHtml(req)) {
      const back = status === 403 ? undefined : `${req.baseUrl}/`;
      res.status(status).type('html').send(renderErrorPage(req.baseUrl, status, code, message, back, langOf(req, res)));
    } else {
      res.status(status).json({ error: code, message });
    }
  };

  // Security headers on every response, the 403s included.
  router.use(function reviewSecurityHeaders(_req: Request, res: Response, next: NextFunction) {
    res.set({
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
      'X-Frame-Options': 'DENY',
      'Cross-Origin-Resource-Policy': 'same-origin',
    });
    next();
  });

  // Deny by default: every route, the page and its assets need an authorized moderator.
  router.use(async function reviewAuthorize(req: Request, res: Response, next: NextFunction) {
    let who: ReviewModerator | null | undefined = null;
    if (o.authorize) {
      try {
        who = await o.authorize(req);
      } catch (err) {
        logger.error('reviewRouter: authorize() threw; denying the request.', { error: err instanceof Error ? err.message : String(err) });
        who = null;
      }
    }
    if (!who || typeof who !== 'object' || typeof who.id !== 'string' || who.id === '') {
      sendError(req, res, 403, 'forbidden', 'A moderator account is required to use the review queue.');
      return;
    }
    const moderator: Moderator = { id: who.id };
    if (typeof who.name === 'string' && who.name !== '') moderator.name = who.name;
    res.locals.piiModerator = moderator;
    if (typeof who.locale === 'string' && who.locale.length <= 35) res.locals.piiModeratorLocale = who.locale;
    next();
  });

  router.use(express.json({ limit: '100kb' }));
  router.use(express.urlencoded({ extended: false, limit: '100kb', parameterLimit: 500 }));

  // CSRF: anything that changes state and is not a JSON request must carry the form token.
  router.use(function reviewCsrf(req: Request, res: Response, next: NextFunction) {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    if (isJsonRequest(req)) return next();
    if (csrf.verify(req, moderatorOf(res).id)) return next();
    return next(new PreflightError('csrf_invalid', 'The form token is missing or not valid: reload the review page and try again.'));
  });

  // ---- assets ----------------------------------------------------------------------------------
  routes.get('/assets/dashboard.css', (_req, res) => {
    res.type('text/css; charset=utf-8').send(DASHBOARD_CSS);
  });
  routes.get('/assets/dashboard.js', (_req, res) => {
    res.type('text/javascript; charset=utf-8').send(DASHBOARD_JS);
  });

  // ---- dashboard -------------------------------------------------------------------------------
  /**
   * A revealed value waits for its one GET (POST → 303 → GET) in a sealed, item-scoped cookie
   * (./reveal-cookie.ts), so the GET may land on any instance that shares the store.
   */
  const revealKeyBuf = revealKey((v) => store.hmac(v));
  const shownIds = new Map<string, number>();
  const itemPath = (req: Request, itemId: string): string => `${req.baseUrl}/items/${encodeURIComponent(itemId)}`;
  const revealCookie = (req: Request, itemId: string) => ({ httpOnly: true, sameSite: 'strict' as const, secure: req.secure, path: itemPath(req, itemId) });
  const takeReveal = (req: Request, res: Response, id: string, moderatorId: string, itemId: string): { index: number; value: string } | undefined => {
    const now = Date.now();
    const sealed = parseCookies(req.headers.cookie)[REVEAL_COOKIE];
    if (sealed === undefined) return undefined;
    const opened = openReveal(revealKeyBuf, sealed, id, moderatorId, itemId, now);
    // The value is shown once: the cookie goes with this answer, whatever it held.
    res.clearCookie(REVEAL_COOKIE, revealCookie(req, itemId));
    if (!opened || shownIds.has(id)) return undefined;
    for (const [k, expires] of shownIds) {
      if (expires < now || shownIds.size >= MAX_SHOWN_IDS) shownIds.delete(k);
      else break;
    }
    shownIds.set(id, now + REVEAL_TTL_MS);
    return opened;
  };

  interface PageExtras {
    revealed?: { index: number; value: string };
    formError?: DashboardView['formError'];
    status?: number;
    notice?: string;
  }

  const renderPage = async (req: Request, res: Response, q: Record<string, unknown>, itemId: string | undefined, extra: PageExtras = {}): Promise<void> => {
    const moderator = moderatorOf(res);
    const { query, filters } = parseListQuery(q, 'pending');
    const limit = query.limit ?? 50;
    const list = await service.list(moderator, { ...query, limit });
    let selected: ReviewItem | undefined;
    let audit;
    let nextId: string | undefined;
    let revealed = extra.revealed;
    let notice = extra.notice;
    if (itemId) {
      const item = await service.get(moderator, itemId);
      selected = item;
      audit = await service.audit(moderator, itemId);
      // "Approve and go to the next": the next open item of this page after the open one (else before it).
      const at = list.items.findIndex((i) => i.id === item.id);
      const order = at < 0 ? list.items : [...list.items.slice(at + 1), ...list.items.slice(0, at)];
      nextId = order.find((i) => i.id !== item.id && (i.status === 'pending' || i.status === 'escalated'))?.id;
      const shown = one(q.shown);
      if (!revealed && shown) {
        revealed = takeReveal(req, res, shown, moderator.id, item.id);
        if (!revealed) notice = 'reveal_once';
      }
    }
    const nonce = csrf.ensureNonce(req, res);
    const done = notice ?? one(q.done);
    const prevRaw = one(q.prev);
    const prevId = prevRaw && prevRaw.length <= 200 && done && ['approve', 'reject', 'redact', 'escalate'].includes(done) ? prevRaw : undefined;
    const lang = langOf(req, res);
    const html = renderDashboard({
      base: req.baseUrl,
      moderator,
      csrfToken: csrf.token(moderator.id, nonce),
      filters,
      list,
      limit,
      lang,
      ...(o.postUrl ? { postUrl: o.postUrl } : {}),
      ...(selected ? { selected } : {}),
      ...(audit ? { audit } : {}),
      ...(revealed ? { revealed } : {}),
      ...(nextId ? { nextId } : {}),
      ...(prevId ? { prevId } : {}),
      ...(extra.formError ? { formError: extra.formError } : {}),
      cannedReasons: cannedFor(lang),
      ...(done && NOTICE_KEYS.includes(done) ? { notice: done } : {}),
    });
    res.status(extra.status ?? 200).type('html').send(html);
  };

  /** A dashboard form with a mistake: the same page again (400) with the error inline and what was entered kept. */
  const formError = async (req: Request, res: Response, body: Record<string, unknown>, err: NonNullable<DashboardView['formError']>): Promise<void> => {
    const q = Object.fromEntries(new URLSearchParams(returnQuery(body.return)).entries());
    await renderPage(req, res, q, q.item || (err.form === 'act' ? (req.params.id as string) : undefined), { formError: err, status: 400 });
  };

  routes.get('/', async (req, res) => {
    const q = req.query as Record<string, unknown>;
    const item = one(q.item);
    await renderPage(req, res, q, item || undefined);
  });
  routes.get('/items/:id', async (req, res) => {
    await renderPage(req, res, req.query as Record<string, unknown>, req.params.id);
  });

  // ---- JSON API --------------------------------------------------------------------------------
  routes.get('/queue', async (req, res) => {
    const { query } = parseListQuery(req.query as Record<string, unknown>);
    const page = await service.list(moderatorOf(res), query);
    res.json({ items: page.items, nextCursor: page.nextCursor, counts: page.counts });
  });

  routes.get('/queue/:id', async (req, res) => {
    res.json(await service.get(moderatorOf(res), req.params.id));
  });

  routes.get('/queue/:id/audit', async (req, res) => {
    res.json({ entries: await service.audit(moderatorOf(res), req.params.id) });
  });

  /** After a form post: 303 back to the dashboard (same filters, the item open, a notice). */
  const redirectBack = (req: Request, res: Response, body: Record<string, unknown>, notice: string, itemId?: string, extraParams: Record<string, string> = {}): void => {
    const extra: Record<string, string> = { done: notice, ...extraParams };
    if (itemId) extra.item = itemId;
    res.redirect(303, `${req.baseUrl}/?${returnQuery(body.return, extra)}`);
  };

  /**
   * Runs a change; for a dashboard form that loses a race (409), redirects back to the item with a
   * notice instead (the moderator then sees its current state) and answers undefined. JSON clients
   * get the 409.
   */
  const formConflict = async (req: Request, res: Response, body: Record<string, unknown>, change: () => Promise<ReviewItem>): Promise<ReviewItem | undefined> => {
    try {
      return await change();
    } catch (err) {
      if (isJsonRequest(req) || !isPreflightError(err) || err.code !== 'conflict') throw err;
      redirectBack(req, res, body, 'conflict', req.params.id as string);
      return undefined;
    }
  };

  routes.post('/queue/bulk', async (req, res) => {
    const body = bodyOf(req);
    const form = !isJsonRequest(req);
    const rawIds = form && typeof body.ids === 'string' ? [body.ids] : form && body.ids === undefined ? [] : body.ids;
    if (!Array.isArray(rawIds) || rawIds.length > MAX_BULK || !rawIds.every((id) => typeof id === 'string' && id.length > 0 && id.length <= 200)) {
      throw bad(`\`ids\` must be an array of 1 to ${MAX_BULK} item ids${form ? ' (select at least one item)' : ''}.`);
    }
    const ids = [...new Set(rawIds as string[])];
    const action = parseAction(body.action);
    const reason = parseReason(body, form);
    if (form && wantsHtml(req) && (ids.length === 0 || (action === 'reject' && !reason))) {
      // Inline, on the same page, with the checked items still checked (no dead-end 400 page).
      const words = dashboardStrings(langOf(req, res));
      const message = ids.length === 0 ? words.errPickItem : words.errBulkReason;
      await formError(req, res, body, { form: 'bulk', message, ids, action, ...(typeof body.reason === 'string' ? { reason: body.reason.slice(0, MAX_REASON) } : {}) });
      return;
    }
    if (ids.length === 0) throw bad(`\`ids\` must be an array of 1 to ${MAX_BULK} item ids${form ? ' (select at least one item)' : ''}.`);
    const { results } = await service.bulk(moderatorOf(res), { ids, action, ...(reason !== undefined ? { reason } : {}) });
    if (form) {
      redirectBack(req, res, body, results.every((r) => r.status === 200) ? 'bulk' : 'bulk_partial');
      return;
    }
    res.json({ results });
  });

  routes.post('/queue/:id/claim', async (req, res) => {
    const body = bodyOf(req);
    const version = parseVersion(body.version);
    const item = await formConflict(req, res, body, () => service.claim(moderatorOf(res), req.params.id as string, version !== undefined ? { version } : {}));
    if (!item) return;
    if (!isJsonRequest(req)) return redirectBack(req, res, body, 'claim', item.id);
    res.json(item);
  });

  routes.post('/queue/:id/unclaim', async (req, res) => {
    const body = bodyOf(req);
    const item = await formConflict(req, res, body, () => service.unclaim(moderatorOf(res), req.params.id as string));
    if (!item) return;
    if (!isJsonRequest(req)) return redirectBack(req, res, body, 'unclaim', item.id);
    res.json(item);
  });

  routes.post('/queue/:id/actions', async (req, res) => {
    const body = bodyOf(req);
    const form = !isJsonRequest(req);
    const action = parseAction(body.action);
    const reason = parseReason(body, form);
    if (form && wantsHtml(req)) {
      const canned = typeof body.cannedReason === 'string' ? body.cannedReason : '';
      const written = typeof body.reason === 'string' ? body.reason.trim() : '';
      const lang = langOf(req, res);
      const words = dashboardStrings(lang);
      let message: string | undefined;
      if (action === 'reject' && !reason) message = words.errRejectReason;
      else if (action === 'reject' && !written && canned && !cannedFor(lang).reject.includes(canned)) message = words.errNotRejectReason;
      if (message) {
        await formError(req, res, body, { form: 'act', message, action, ...(written ? { reason: written.slice(0, MAX_REASON) } : {}) });
        return;
      }
    }
    const version = parseVersion(body.version);
    let findings: number[] | undefined;
    if (action === 'redact') {
      findings = parseFindingIndexes(body.findings);
      // A dashboard form with no finding checked sends none: the service refuses an empty choice.
      if (form && findings === undefined) findings = [];
    }
    const item = await formConflict(req, res, body, () =>
      service.decide(moderatorOf(res), req.params.id as string, {
        action,
        ...(reason !== undefined ? { reason } : {}),
        ...(findings !== undefined ? { findings } : {}),
        ...(version !== undefined ? { version } : {}),
      }),
    );
    if (!item) return;
    if (form) {
      // "Approve and go to the next" (the `a` key): the next item opens, with a link back to this one.
      const next = typeof body.next === 'string' && body.next.length > 0 && body.next.length <= 200 ? body.next : undefined;
      return next ? redirectBack(req, res, body, action, next, { prev: item.id }) : redirectBack(req, res, body, action, item.id);
    }
    res.json(item);
  });

  routes.post('/queue/:id/reveal', async (req, res) => {
    const body = bodyOf(req);
    const raw = body.finding;
    const index = typeof raw === 'number' ? raw : typeof raw === 'string' && SMALL_INT_RE.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(index) || index < 0) throw bad('`finding` must be the index (integer ≥ 0) of a finding in item.findings.');
    const { value } = await service.reveal(moderatorOf(res), req.params.id as string, index);
    if (isJsonRequest(req)) {
      res.json({ finding: index, value });
      return;
    }
    // A form post: POST → 303 → GET. The value waits for that one GET in a sealed cookie scoped to
    // the item's page (any instance can open it; never the value in a URL, never cached); a reload
    // finds the cookie gone and shows the masked value with a note, so it neither re-posts nor
    // logs a second reveal.
    const itemId = req.params.id as string;
    const { id, sealed } = sealReveal(revealKeyBuf, moderatorOf(res).id, itemId, index, value);
    res.cookie(REVEAL_COOKIE, sealed, { ...revealCookie(req, itemId), maxAge: REVEAL_TTL_MS });
    res.redirect(303, `${itemPath(req, itemId)}?${returnQuery(body.return, { shown: id })}#finding-${index + 1}`);
  });

  // Errors of this router: JSON `{ error, message }`, or a small HTML page for browsers.
  router.use(function reviewErrors(err: unknown, req: Request, res: Response, next: NextFunction) {
    if (res.headersSent) return next(err);
    if (isPreflightError(err)) return sendError(req, res, err.status, err.code, err.message);
    const e = err as { type?: unknown; status?: unknown } | null;
    if (e && typeof e === 'object' && e.type === 'entity.too.large') return sendError(req, res, 413, 'input_too_large', 'The request body is too large.');
    if (e && typeof e === 'object' && typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      return sendError(req, res, 400, 'invalid_input', 'The request body could not be parsed: send JSON (Content-Type: application/json) or a form.');
    }
    logger.error('reviewRouter: unexpected error.', { error: err instanceof Error ? err.name : typeof err });
    return next(err);
  });

  return router;
}

type RouteHandler<P extends string = string> = (req: Request<RouteParameters<P>>, res: Response, next: NextFunction) => unknown;

interface AsyncRoutes {
  get<P extends string>(path: P, ...handlers: RouteHandler<P>[]): void;
  post<P extends string>(path: P, ...handlers: RouteHandler<P>[]): void;
}

/** `get`/`post` on `router` whose handlers' thrown errors and rejected promises go to `next(err)`. */
function asyncRoutes(router: Router): AsyncRoutes {
  const wrap = <P extends string>(handler: RouteHandler<P>): RequestHandler<RouteParameters<P>> => (req, res, next) => {
    try {
      const result = handler(req, res, next);
      if (result instanceof Promise) result.catch(next);
    } catch (err) {
      next(err);
    }
  };
  return {
    get: (path, ...handlers) => void router.get(path, ...handlers.map(wrap)),
    post: (path, ...handlers) => void router.post(path, ...handlers.map(wrap)),
  };
}
