/**
 * `preflight()` options: typed, validated once when the middleware is created (never per
 * request), with errors that say how to fix the mistake.
 */
import { isLocalPath, type WarningPageOptions } from './html';
import type { Request } from 'express';
import type { MetricsRegistry } from './metrics';
import { PreflightError } from '../errors';
import type { Format, Scanner } from '../types';
import type { Store } from '../store/types';
import { defaultPolicy, validatePolicy, withServicePhones, type Policy, type PolicyAction } from '../policy';
import { defaultNotice, validateNotice, type NoticeOptions } from './notice';
import { checkRateLimitOption, type RateLimitOptions } from './limiter';
import { assertStrongSecret, checkPreviousSecrets } from '../secret-strength';

export interface PreflightLogger {
  info?(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

export interface PreflightOptions {
  /** The store (acknowledgement log, review queue, preferences, stats). Required. */
  store: Store;
  /**
   * A random string of at least 32 characters (weak ones — repeats, dictionary words, `changeme…`
   * — are refused); signs acknowledgement tokens. Required.
   */
  secret: string;
  /** Secrets used before `secret` (rotation), newest first: tokens they signed still verify. */
  previousSecrets?: string[];
  /**
   * Limits warnings per user (or per IP without a user): every 422 answer runs a full scan and
   * mints a token. Only 422 answers count; once `limit` is reached in `windowMs`, posts are
   * answered 429 `rate_limited` before any scan. `store` (e.g. rate-limit-redis) shares the
   * budget between instances. Default: off.
   */
  rateLimit?: RateLimitOptions | false;
  /** Body fields to scan: dotted paths into `req.body`, or a function. Default `['title', 'body']`. */
  fields?: string[] | ((req: Request) => Record<string, string | undefined | null>);
  /** Input format of the fields. Default `'plain'`. */
  format?: Format;
  /** Scanner locales (BCP 47). Default `['en-US']`. */
  locales?: string[];
  /** The signed-in user's id. Default `req.user?.id`. */
  userId?: (req: Request) => string | undefined;
  /**
   * Posts without a user: `'reject'` (default) answers 401; a function gives an anonymous id
   * (tokens, remembered values and the log are then bound to it). Use a pseudonymous, stable id,
   * never a raw IP address (the log must hold no raw personal data), e.g. the session id:
   * `(req) => req.session?.id && 'anon:' + req.session.id`, or a keyed hash of the IP prefix:
   * `(req) => 'anon:' + createHmac('sha256', secret).update(truncateIp(req.ip, { ipv4: 24, ipv6: 48 }) ?? '').digest('hex').slice(0, 16)`.
   */
  anonymous?: 'reject' | ((req: Request) => string | undefined);
  /** The publish policy. Default rules/policy.default.json. */
  policy?: Policy;
  /**
   * The action for service phone numbers (toll free, premium rate, shared cost, UAN, short codes),
   * overriding the policy's rules for them. Default: what the policy says (`allow` in the default policy).
   */
  servicePhones?: PolicyAction;
  /** Acknowledgement token lifetime. Default 1800 s. */
  tokenTtlSeconds?: number;
  /** Maximum input length in UTF-16 units (scanner default 262144). */
  maxLength?: number;
  /** Notice texts per language and their version. Default: the shipped en/de/fr/es/it/nl/pt texts. */
  notice?: NoticeOptions;
  /** When the scanner throws: `'fail-closed'` (default, 503) or `'fail-open'` (publish, log a warning). */
  onScanError?: 'fail-closed' | 'fail-open';
  /** Gets warnings and errors (never raw values). Default: console.warn / console.error. */
  logger?: PreflightLogger;
  /** More than `max` acknowledgements by one user in `windowSeconds` → review. Default `{ max: 20, windowSeconds: 86400 }`; `false` turns it off. */
  repeatBypass?: { max: number; windowSeconds: number } | false;
  /**
   * The review item's reference to the post: it must identify the post itself (e.g.
   * `(req) => 'post:' + req.params.postId` on an edit route), never the topic or thread it is in,
   * and must be built from ids only, never from the title or text (it is stored and shown
   * unencrypted; a reference that repeats a value found in the post is refused). One item per
   * reference, and only its author can change it. Default: a new random id for every held post
   * (edits then create a new item: give `postRef` on edit routes).
   */
  postRef?: (req: Request) => string | undefined;
  /** A prom-client Registry: counters are registered on it. */
  metrics?: MetricsRegistry;
  /** Bits of the client IP kept in the log. Default `{ ipv4: 24, ipv6: 48 }`; `false` keeps none. */
  ipPrefix?: { ipv4?: number; ipv6?: number } | false;
  /** A ready scanner (e.g. with an allow-list), instead of one built from `locales` and `maxLength`. */
  scanner?: Scanner;
  /** The no-JavaScript warning page: the forum's layout, the composer's edit action, field labels. */
  warningPage?: WarningPageOptions;
}

export interface ResolvedOptions {
  store: Store;
  secret: string;
  previousSecrets: string[];
  rateLimit: RateLimitOptions | false;
  fields: string[] | ((req: Request) => Record<string, string | undefined | null>);
  format: Format;
  locales: string[];
  userId: (req: Request) => string | undefined;
  anonymous: 'reject' | ((req: Request) => string | undefined);
  policy: Policy;
  tokenTtlSeconds: number;
  maxLength: number | undefined;
  notice: NoticeOptions;
  onScanError: 'fail-closed' | 'fail-open';
  logger: PreflightLogger;
  repeatBypass: { max: number; windowSeconds: number } | false;
  postRef: ((req: Request) => string | undefined) | undefined;
  metrics: MetricsRegistry | undefined;
  ipPrefix: { ipv4: number; ipv6: number } | false;
  scanner: Scanner | undefined;
  warningPage: WarningPageOptions;
}

const KNOWN = [
  'store', 'secret', 'previousSecrets', 'rateLimit', 'fields', 'format', 'locales', 'userId', 'anonymous', 'policy', 'servicePhones', 'tokenTtlSeconds', 'maxLength',
  'notice', 'onScanError', 'logger', 'repeatBypass', 'postRef', 'metrics', 'ipPrefix', 'scanner', 'warningPage',
] as const;
const FORMATS: readonly Format[] = ['plain', 'markdown', 'html', 'bbcode'];

/** Levenshtein distance, for "Did you mean" suggestions (inputs are short option names). */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j] as number;
      prev[j] = Math.min((prev[j] as number) + 1, (prev[j - 1] as number) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length] as number;
}

/** The closest known name, when it is close enough to be a likely typo. */
export function suggest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = k.toLowerCase() === name.toLowerCase() ? 0 : editDistance(name.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) { best = k; bestDistance = d; }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

let label = 'preflight()';

function fail(message: string): never {
  throw new PreflightError('invalid_options', `${label}: ${message}`);
}

function defaultUserId(req: Request): string | undefined {
  const user = (req as Request & { user?: { id?: unknown } }).user;
  const id = user?.id;
  if (typeof id === 'string' && id.length > 0) return id;
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  return undefined;
}

const consoleLogger: PreflightLogger = {
  warn: (message, meta) => console.warn(`[pii-preflight] ${message}`, meta ?? ''),
  error: (message, meta) => console.error(`[pii-preflight] ${message}`, meta ?? ''),
};

function isFunction(v: unknown): v is (...args: never[]) => unknown {
  return typeof v === 'function';
}

/** Validates and completes the options. Throws `PreflightError('invalid_options')`. */
export function resolveOptions(input: unknown, name = 'preflight()'): ResolvedOptions {
  label = name;
  if (typeof input !== 'object' || input === null) fail('pass an options object: preflight({ store, secret }).');
  const o = input as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if ((KNOWN as readonly string[]).includes(key)) continue;
    const hint = suggest(key, KNOWN);
    fail(`unknown option \`${key}\`.${hint ? ` Did you mean \`${hint}\`?` : ` Known options: ${KNOWN.join(', ')}.`}`);
  }

  const store = o.store as Store | undefined;
  if (!store || typeof store !== 'object' || !isFunction(store.hmac) || typeof store.acknowledgements !== 'object') {
    fail('`store` is required: `const store = await createStore({ url: \'sqlite:./data/preflight.sqlite\', secret })`, then preflight({ store, secret }).');
  }
  assertStrongSecret(o.secret, `${label}: \`secret\``);
  const previousSecrets = checkPreviousSecrets(o.previousSecrets, 'preflight(): `previousSecrets`');
  const rateLimit = o.rateLimit === undefined || o.rateLimit === false ? false : checkRateLimitOption(o.rateLimit, fail);

  let fields: ResolvedOptions['fields'] = ['title', 'body'];
  if (o.fields !== undefined) {
    if (isFunction(o.fields)) fields = o.fields as ResolvedOptions['fields'];
    else if (Array.isArray(o.fields) && o.fields.length > 0 && o.fields.every((f) => typeof f === 'string' && f.length > 0 && !f.startsWith('.') && !f.endsWith('.'))) fields = [...(o.fields as string[])];
    else fail('`fields` must be a non-empty array of body paths (e.g. [\'title\', \'post.body\']) or a function (req) => ({ title, body }).');
  }

  const format = (o.format ?? 'plain') as Format;
  if (!FORMATS.includes(format)) fail(`\`format\` must be one of ${FORMATS.join(', ')}, got ${JSON.stringify(o.format)}.`);

  let locales = ['en-US'];
  if (o.locales !== undefined) {
    if (!Array.isArray(o.locales) || o.locales.length === 0 || !o.locales.every((l) => typeof l === 'string' && l.length > 0)) fail('`locales` must be a non-empty array of BCP 47 tags, e.g. [\'en-US\'].');
    locales = [...(o.locales as string[])];
  }

  for (const fn of ['userId', 'postRef'] as const) {
    if (o[fn] !== undefined && !isFunction(o[fn])) fail(`\`${fn}\` must be a function (req) => string | undefined.`);
  }
  if (o.anonymous !== undefined && o.anonymous !== 'reject' && !isFunction(o.anonymous)) fail('`anonymous` must be \'reject\' or a function (req) => string giving an anonymous id.');

  let policy = o.policy === undefined ? defaultPolicy : validatePolicy(o.policy);
  if (o.servicePhones !== undefined) {
    if (!['allow', 'warn', 'review', 'block'].includes(o.servicePhones as string)) fail(`\`servicePhones\` must be 'allow', 'warn', 'review' or 'block', got ${JSON.stringify(o.servicePhones)}.`);
    policy = withServicePhones(policy, o.servicePhones as PolicyAction);
  }

  const ttl = o.tokenTtlSeconds ?? 1800;
  if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 10 || ttl > 7 * 86400) fail('`tokenTtlSeconds` must be an integer from 10 to 604800.');

  if (o.maxLength !== undefined && (typeof o.maxLength !== 'number' || !Number.isInteger(o.maxLength) || o.maxLength < 1)) fail('`maxLength` must be a positive integer.');

  const notice = o.notice === undefined ? defaultNotice : validateNotice(o.notice);

  const onScanError = o.onScanError ?? 'fail-closed';
  if (onScanError !== 'fail-closed' && onScanError !== 'fail-open') fail(`\`onScanError\` must be 'fail-closed' or 'fail-open', got ${JSON.stringify(o.onScanError)}.`);

  let logger = consoleLogger;
  if (o.logger !== undefined) {
    const l = o.logger as Record<string, unknown>;
    if (typeof l !== 'object' || l === null || !isFunction(l.warn) || !isFunction(l.error)) fail('`logger` must have warn() and error() methods (info() optional), e.g. pino or console.');
    logger = o.logger as PreflightLogger;
  }

  let repeatBypass: ResolvedOptions['repeatBypass'] = { max: 20, windowSeconds: 86400 };
  if (o.repeatBypass === false) repeatBypass = false;
  else if (o.repeatBypass !== undefined) {
    const r = o.repeatBypass as Record<string, unknown>;
    if (typeof r !== 'object' || r === null || !Number.isInteger(r.max) || (r.max as number) < 0 || !Number.isInteger(r.windowSeconds) || (r.windowSeconds as number) < 1) {
      fail('`repeatBypass` must be { max: integer ≥ 0, windowSeconds: integer ≥ 1 } or false.');
    }
    repeatBypass = { max: r.max as number, windowSeconds: r.windowSeconds as number };
  }

  if (o.metrics !== undefined) {
    const m = o.metrics as Record<string, unknown>;
    if (typeof m !== 'object' || m === null || !isFunction(m.getSingleMetric) || !isFunction(m.registerMetric)) fail('`metrics` must be a prom-client Registry (e.g. `new Registry()` or `register`).');
  }

  let ipPrefix: ResolvedOptions['ipPrefix'] = { ipv4: 24, ipv6: 48 };
  if (o.ipPrefix === false) ipPrefix = false;
  else if (o.ipPrefix !== undefined) {
    const p = o.ipPrefix as Record<string, unknown>;
    const v4 = p?.ipv4 ?? 24;
    const v6 = p?.ipv6 ?? 48;
    if (typeof p !== 'object' || p === null || !Number.isInteger(v4) || (v4 as number) < 0 || (v4 as number) > 32 || !Number.isInteger(v6) || (v6 as number) < 0 || (v6 as number) > 128) {
      fail('`ipPrefix` must be { ipv4?: 0..32, ipv6?: 0..128 } (bits kept) or false.');
    }
    ipPrefix = { ipv4: v4 as number, ipv6: v6 as number };
  }

  if (o.scanner !== undefined) {
    const s = o.scanner as Record<string, unknown>;
    if (typeof s !== 'object' || s === null || !isFunction(s.scanFields)) fail('`scanner` must come from createScanner().');
  }

  const warningPage: WarningPageOptions = {};
  if (o.warningPage !== undefined) {
    const w = o.warningPage as Record<string, unknown>;
    if (typeof w !== 'object' || w === null) fail('`warningPage` must be { layout?, editAction?, fieldLabels? }.');
    for (const key of Object.keys(w)) if (!['layout', 'editAction', 'fieldLabels'].includes(key)) fail(`\`warningPage\` has an unknown property \`${key}\` (layout, editAction, fieldLabels).`);
    if (w.layout !== undefined) {
      if (!isFunction(w.layout)) fail('`warningPage.layout` must be a function (parts) => html.');
      warningPage.layout = w.layout as WarningPageOptions['layout'];
    }
    if (w.editAction !== undefined) {
      if (!isFunction(w.editAction) && !isLocalPath(w.editAction)) fail('`warningPage.editAction` must be a same-origin path such as "/compose", or a function (req) => path.');
      warningPage.editAction = w.editAction as WarningPageOptions['editAction'];
    }
    if (w.fieldLabels !== undefined) {
      const l = w.fieldLabels as Record<string, unknown>;
      if (typeof l !== 'object' || l === null || !Object.values(l).every((v) => typeof v === 'string')) fail('`warningPage.fieldLabels` must map field names to strings.');
      warningPage.fieldLabels = { ...(l as Record<string, string>) };
    }
  }

  return {
    warningPage,
    store: store as Store,
    secret: o.secret,
    previousSecrets,
    rateLimit,
    fields,
    format,
    locales,
    userId: (o.userId as ResolvedOptions['userId'] | undefined) ?? defaultUserId,
    anonymous: (o.anonymous as ResolvedOptions['anonymous'] | undefined) ?? 'reject',
    policy,
    tokenTtlSeconds: ttl as number,
    maxLength: o.maxLength as number | undefined,
    notice,
    onScanError,
    logger,
    repeatBypass,
    postRef: o.postRef as ResolvedOptions['postRef'],
    metrics: o.metrics as MetricsRegistry | undefined,
    ipPrefix,
    scanner: o.scanner as Scanner | undefined,
  };
}
