/**
 * `checkRoute(options)`: the live check behind the composer widget. `POST` a draft, get the
 * findings back in the same shape as the 422 findings of `preflight()`. It stores nothing and logs
 * no value: only counts, types and error codes reach the logger. Rate-limited per user or IP with
 * express-rate-limit; the JSON body is parsed here, with a limit derived from `maxLength`, so an
 * oversized draft gets our 413 JSON answer rather than the parser's HTML error page.
 */
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { checkRateLimitOption, createLimiter, limiterKey, type RateLimitOptions } from './limiter';
import { ERROR_CODES, PreflightError, isPreflightError, type ErrorCode } from '../errors';
import { createScanner, DEFAULT_MAX_LENGTH } from '../scanner';
import type { AllowList, FieldFinding, Finding, Format, PiiType, Scanner } from '../types';
import { findingMessage, negotiateLocale } from './notice';
import { suggest, type PreflightLogger } from './options';
import { evaluatePolicy, validatePolicy, type Policy, type PolicyAction } from '../policy';

/** Options of {@link checkRoute}. Validated once, when `checkRoute()` is called. */
export interface CheckRouteOptions {
  /** Scanner locales (BCP 47). Default `['en-US']`. */
  locales?: string[];
  /** Types to detect. Default: all. */
  types?: PiiType[];
  /** Findings below this confidence are dropped. Default 0.5. */
  minConfidence?: number;
  /** Values never reported (the forum's own support address and phone). */
  allow?: AllowList;
  /** Maximum length of one text or field, in UTF-16 units. Default 262144. */
  maxLength?: number;
  /** Format used when the request names none. Default `'plain'`. */
  format?: Format;
  /**
   * Requests per user (or per IP without a user) and window. Default `{ windowMs: 60000, limit: 60 }`;
   * `false` turns the limiter off (e.g. when a gateway limits already). `store`: an
   * express-rate-limit store (e.g. rate-limit-redis) so that all app instances share one budget.
   */
  rateLimit?: RateLimitOptions | false;
  /** The signed-in user's id, the rate-limit key. Default `req.user?.id`; without one, the IP. */
  userId?: (req: Request) => string | undefined;
  /** Gets counts, types and error codes — never a value from a draft. Default: none. */
  logger?: PreflightLogger;
  /**
   * A ready scanner from `createScanner()` (the same one `preflight()` uses, say), instead of one
   * built from `locales`, `types`, `minConfidence`, `allow` and `maxLength` (not allowed with it).
   */
  scanner?: Scanner;
  /**
   * The publish policy (the one `preflight()` uses): each finding then carries its `action`, so
   * the widget marks a finding the forum will not publish (`block`) while the author types.
   */
  policy?: Policy;
}

/** One finding as the live check answers it. */
export interface CheckFinding {
  field?: string;
  type: PiiType;
  start: number;
  end: number;
  masked: string;
  message: string;
  /** With the `policy` option: this finding's own action (`warn`, `review` or `block`). */
  action?: PolicyAction;
}

const KNOWN = ['locales', 'types', 'minConfidence', 'allow', 'maxLength', 'format', 'rateLimit', 'userId', 'logger', 'scanner', 'policy'] as const;
const FORMATS: readonly Format[] = ['plain', 'markdown', 'html', 'bbcode'];
const MAX_FIELDS = 32;
const LOCALES = ['en', 'de', 'fr', 'es'] as const;

/** The second sentence of each finding message: why it matters. */
const PUBLIC_HINT: Record<(typeof LOCALES)[number], string> = {
  en: 'Anyone who reads the post can see it.',
  de: 'Alle, die den Beitrag lesen, können diese Angabe sehen.',
  fr: 'Toute personne qui lit le message pourra voir cette information.',
  es: 'Cualquiera que lea la publicación podrá ver este dato.',
};

/** The localized message for one finding, e.g. "This looks like a phone number. Anyone who reads the post can see it." */
export function checkMessage(type: PiiType, locale: string): string {
  const lang = (LOCALES as readonly string[]).includes(locale) ? (locale as (typeof LOCALES)[number]) : 'en';
  return `${findingMessage(type, lang)} ${PUBLIC_HINT[lang]}`;
}

function fail(message: string): never {
  throw new PreflightError('invalid_options', `checkRoute(): ${message}`);
}

interface Resolved {
  scanner: Scanner;
  format: Format;
  maxLength: number;
  rateLimit: RateLimitOptions | false;
  userId: (req: Request) => string | undefined;
  logger: PreflightLogger | undefined;
  policy: Policy | undefined;
}

function defaultUserId(req: Request): string | undefined {
  const id = (req as Request & { user?: { id?: unknown } }).user?.id;
  if (typeof id === 'string' && id.length > 0) return id;
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  return undefined;
}

function resolve(input: unknown): Resolved {
  if (input === undefined) input = {};
  if (typeof input !== 'object' || input === null || Array.isArray(input)) fail('options must be an object, e.g. checkRoute({ locales: [\'en-US\'] }).');
  const o = input as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if ((KNOWN as readonly string[]).includes(key)) continue;
    const hint = suggest(key, KNOWN);
    fail(`unknown option \`${key}\`.${hint ? ` Did you mean \`${hint}\`?` : ` Known options: ${KNOWN.join(', ')}.`}`);
  }
  const format = (o.format ?? 'plain') as Format;
  if (!FORMATS.includes(format)) fail(`\`format\` must be one of ${FORMATS.join(', ')}, got ${JSON.stringify(o.format)}.`);

  let limit: Resolved['rateLimit'] = { windowMs: 60_000, limit: 60 };
  if (o.rateLimit === false) limit = false;
  else if (o.rateLimit !== undefined) {
    limit = checkRateLimitOption(o.rateLimit, fail);
  }
  if (o.userId !== undefined && typeof o.userId !== 'function') fail('`userId` must be a function (req) => string | undefined.');
  if (o.logger !== undefined) {
    const l = o.logger as Record<string, unknown>;
    if (typeof l !== 'object' || l === null || typeof l.warn !== 'function' || typeof l.error !== 'function') fail('`logger` must have warn() and error() methods (info() optional).');
  }
  const scannerOptions: Record<string, unknown> = {};
  for (const k of ['locales', 'types', 'minConfidence', 'allow', 'maxLength'] as const) if (o[k] !== undefined) scannerOptions[k] = o[k];
  let scanner: Scanner;
  if (o.scanner !== undefined) {
    const given = o.scanner as Partial<Scanner> | null;
    if (typeof given !== 'object' || given === null || typeof given.scan !== 'function' || typeof given.scanFields !== 'function') fail('`scanner` must come from createScanner().');
    const clash = Object.keys(scannerOptions);
    if (clash.length > 0) fail(`\`scanner\` cannot be combined with ${clash.map((k) => `\`${k}\``).join(', ')}: give those to createScanner().`);
    scanner = given as Scanner;
  } else {
    try {
      scanner = createScanner(scannerOptions);
    } catch (err) {
      if (isPreflightError(err)) fail(err.message.replace(/^createScanner:\s?/, ''));
      throw err;
    }
  }
  let policy: Policy | undefined;
  if (o.policy !== undefined) {
    try {
      policy = validatePolicy(o.policy);
    } catch (err) {
      if (isPreflightError(err)) fail(err.message);
      throw err;
    }
  }
  return {
    policy,
    scanner,
    format,
    maxLength: (o.maxLength as number | undefined) ?? scanner.options?.maxLength ?? DEFAULT_MAX_LENGTH,
    rateLimit: limit,
    userId: (o.userId as Resolved['userId'] | undefined) ?? defaultUserId,
    logger: o.logger as PreflightLogger | undefined,
  };
}

function sendError(res: Response, code: ErrorCode, message?: string): void {
  if (!res.headersSent) {
    res.set('Cache-Control', 'no-store');
    res.status(ERROR_CODES[code].status).json({ error: code, message: message ?? ERROR_CODES[code].message });
  }
}

interface Draft {
  text?: string;
  fields?: Record<string, string>;
  format: Format;
}

function readDraft(body: unknown, defaultFormat: Format): Draft {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new PreflightError('invalid_input', 'Send a JSON object: { "text": "…" } or { "fields": { "title": "…", "body": "…" } }.');
  }
  const b = body as Record<string, unknown>;
  const format = (b.format ?? defaultFormat) as Format;
  if (!FORMATS.includes(format)) throw new PreflightError('invalid_input', `format must be one of ${FORMATS.join(', ')}.`);
  const hasText = b.text !== undefined;
  const hasFields = b.fields !== undefined;
  if (hasText === hasFields) throw new PreflightError('invalid_input', 'Send exactly one of "text" or "fields".');
  if (hasText) {
    if (typeof b.text !== 'string') throw new PreflightError('invalid_input', '"text" must be a string.');
    return { text: b.text, format };
  }
  const f = b.fields;
  if (typeof f !== 'object' || f === null || Array.isArray(f)) throw new PreflightError('invalid_input', '"fields" must be an object of field name → string.');
  const entries = Object.entries(f as Record<string, unknown>);
  if (entries.length > MAX_FIELDS) throw new PreflightError('invalid_input', `"fields" may hold at most ${MAX_FIELDS} fields.`);
  const fields: Record<string, string> = {};
  for (const [name, value] of entries) {
    if (value === null || value === undefined) continue;
    if (typeof value !== 'string') throw new PreflightError('invalid_input', 'Each field in "fields" must be a string.');
    fields[name] = value;
  }
  return { fields, format };
}

/** The body-parser error (a plain Error with `status` and `type`). */
function parserError(err: unknown): { status?: number; type?: string } | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { status?: unknown; type?: unknown };
  return { ...(typeof e.status === 'number' ? { status: e.status } : {}), ...(typeof e.type === 'string' ? { type: e.type } : {}) };
}

/**
 * Creates the live-check handler: `app.post('/preflight/check', checkRoute({ locales: ['en-US'] }))`.
 * It parses the JSON body itself (no `express.json()` needed in front; an already parsed body is
 * used as is). Options are checked now: an unknown key throws `PreflightError('invalid_options')`
 * with a suggestion.
 */
export function checkRoute(options: CheckRouteOptions = {}): RequestHandler {
  const opts = resolve(options);
  const { scanner, logger } = opts;
  // A text of maxLength UTF-16 units takes up to 3 bytes per unit in UTF-8; 64 KiB more for the
  // JSON around it and a title. Anything larger cannot be a draft we would scan: 413 early.
  const bodyLimit = opts.maxLength * 3 + 65_536;
  const parse = express.json({ limit: bodyLimit, strict: true });
  const limiter: RequestHandler | undefined = opts.rateLimit === false ? undefined : createLimiter({
    options: opts.rateLimit,
    key: (req: Request) => limiterKey(opts.userId(req), req),
    onLimited: (_req: Request, res: Response) => {
      logger?.warn('checkRoute: rate limited', { code: 'rate_limited' });
      sendError(res, 'rate_limited', 'Too many checks; wait a moment and keep typing.');
    },
  });

  const answer = (req: Request, res: Response): void => {
    let draft: Draft;
    try {
      draft = readDraft(req.body, opts.format);
    } catch (err) {
      if (isPreflightError(err)) { sendError(res, err.code, err.message); return; }
      throw err;
    }
    const locale = negotiateLocale(req.get('accept-language'), LOCALES, 'en');
    let found: Array<Finding | FieldFinding>;
    let truncated = false;
    try {
      const result = draft.fields !== undefined
        ? scanner.scanFields(draft.fields, { format: draft.format })
        : scanner.scan(draft.text as string, { format: draft.format });
      found = result.findings;
      truncated = result.truncated === true;
    } catch (err) {
      if (isPreflightError(err) && (err.code === 'input_too_large' || err.code === 'invalid_input')) {
        // The scanner's message names lengths and field names only, never content.
        sendError(res, err.code, err.message);
        return;
      }
      logger?.error('checkRoute: scan failed', { code: 'scan_failed', error: err instanceof Error ? err.name : typeof err });
      sendError(res, 'scan_failed');
      return;
    }
    const actions = opts.policy ? evaluatePolicy(opts.policy, found).decisions : undefined;
    const findings: CheckFinding[] = found.map((f, i) => {
      const action = actions?.[i]?.finding === f ? actions[i]?.action : actions?.find((d) => d.finding === f)?.action;
      return {
        ...('field' in f ? { field: f.field } : {}),
        type: f.type, start: f.start, end: f.end, masked: f.masked, message: checkMessage(f.type, locale),
        ...(action && action !== 'allow' ? { action } : {}),
      };
    });
    logger?.info?.('checkRoute: checked', { findings: findings.length, types: [...new Set(findings.map((f) => f.type))] });
    res.set('Cache-Control', 'no-store');
    res.set('Content-Language', locale);
    res.vary('Accept-Language');
    res.status(200).json(truncated ? { findings, truncated: true } : { findings });
  };

  const afterLimit = (req: Request, res: Response, next: NextFunction): void => {
    parse(req, res, (err?: unknown) => {
      if (err) {
        const e = parserError(err);
        if (e?.status === 413 || e?.type === 'entity.too.large') {
          sendError(res, 'input_too_large', `The draft is larger than ${bodyLimit} bytes.`);
        } else {
          sendError(res, 'invalid_input', e?.type === 'entity.parse.failed' ? 'The body is not valid JSON.' : 'The body could not be read as JSON.');
        }
        return;
      }
      if (req.body === undefined && !req.is('application/json')) {
        sendError(res, 'invalid_input', 'Send the draft as JSON (Content-Type: application/json).');
        return;
      }
      try {
        answer(req, res);
      } catch (error) {
        next(error);
      }
    });
  };

  return function piiPreflightCheck(req: Request, res: Response, next: NextFunction): void {
    if (req.method !== 'POST') {
      res.set('Allow', 'POST');
      sendError(res, 'invalid_input', 'Use POST with a JSON body.');
      return;
    }
    if (!limiter) { afterLimit(req, res, next); return; }
    void Promise.resolve(limiter(req, res, (err?: unknown) => {
      if (err) { next(err); return; }
      afterLimit(req, res, next);
    })).catch(next);
  };
}
