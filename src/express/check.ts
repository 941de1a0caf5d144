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
import type { AllowList, Format, PiiType, Scanner } from '../types';
import { checkDraft } from '../core/check';
import { MESSAGES_HEADER } from './notice';
import { suggest, type PreflightLogger } from './options';
import { defaultPolicy, validatePolicy, type Policy } from '../policy';

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
   * The publish policy: each finding carries its `action`, so the widget marks a finding the forum
   * will not publish (`block`) while the author types. Default: the default policy — the one
   * `preflight()` uses when it is given none. With a custom policy (or `servicePhones`), pass the
   * publish route's own: `checkRoute({ scanner: publish.scanner, policy: publish.policy })` where
   * `publish = preflight({ … })`. `false`: findings carry no action.
   */
  policy?: Policy | false;
}

export { checkMessage, type CheckFinding } from '../core/check';
export { MESSAGES_HEADER } from './notice';

const KNOWN = ['locales', 'types', 'minConfidence', 'allow', 'maxLength', 'format', 'rateLimit', 'userId', 'logger', 'scanner', 'policy'] as const;
const FORMATS: readonly Format[] = ['plain', 'markdown', 'html', 'bbcode'];
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
  policy: Policy | false;
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
  let policy: Policy | false = defaultPolicy;
  if (o.policy === false) policy = false;
  else if (o.policy !== undefined) {
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
    // The widget asks once for its texts in the negotiated language (it bundles English only).
    const wantsMessages = req.get(MESSAGES_HEADER) === '1';
    const result = checkDraft(scanner, req.body, {
      format: opts.format, acceptLanguage: req.get('accept-language'), messages: wantsMessages, policy: opts.policy,
    });
    if (result.outcome === 'error') {
      if (result.code === 'scan_failed') logger?.error('checkRoute: scan failed', { code: 'scan_failed', error: result.errorName });
      // The scanner's message names lengths and field names only, never content.
      sendError(res, result.code, result.message);
      return;
    }
    const { findings, locale, truncated, messages } = result;
    logger?.info?.('checkRoute: checked', { findings: findings.length, types: [...new Set(findings.map((f) => f.type))] });
    res.set('Cache-Control', 'no-store');
    res.set('Content-Language', locale);
    res.vary('Accept-Language');
    res.vary(MESSAGES_HEADER);
    res.status(200).json({ findings, ...(truncated ? { truncated: true } : {}), ...(messages ? { locale, messages } : {}) });
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
