/**
 * Rate limiters of `checkRoute()` and `preflight()`, over express-rate-limit. Both accept the
 * library's `store` (e.g. rate-limit-redis), so several app instances share one budget instead of
 * each allowing the full limit.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit, type Store as RateLimitStore } from 'express-rate-limit';

export type { RateLimitStore };

export interface RateLimitOptions {
  /** The window, in milliseconds. */
  windowMs: number;
  /** Requests counted per key and window. */
  limit: number;
  /**
   * An express-rate-limit store shared by every instance, e.g.
   * `new RedisStore({ sendCommand: (...a) => redis.call(...a), prefix: 'pii-check:' })` from
   * rate-limit-redis. Default: a memory store per process. Give each limiter its own store object
   * (and prefix): express-rate-limit refuses one store used by two limiters.
   */
  store?: RateLimitStore;
}

const KEYS = ['windowMs', 'limit', 'store'] as const;

/** Checks a `rateLimit` option; `fail` throws the caller's `invalid_options`. */
export function checkRateLimitOption(value: unknown, fail: (message: string) => never): RateLimitOptions {
  const r = value as Record<string, unknown>;
  const shape = '{ windowMs: integer ≥ 1, limit: integer ≥ 1, store?: an express-rate-limit store }';
  if (typeof r !== 'object' || r === null || !Number.isInteger(r.windowMs) || (r.windowMs as number) < 1 || !Number.isInteger(r.limit) || (r.limit as number) < 1) {
    fail(`\`rateLimit\` must be ${shape} or false.`);
  }
  for (const k of Object.keys(r)) if (!(KEYS as readonly string[]).includes(k)) fail(`\`rateLimit\` has an unknown property \`${k}\`; it takes ${shape}.`);
  const store = r.store as Record<string, unknown> | undefined;
  if (store !== undefined && (typeof store !== 'object' || store === null || typeof store.increment !== 'function')) {
    fail('`rateLimit.store` must be an express-rate-limit store (an object with increment(key)), e.g. a RedisStore from rate-limit-redis.');
  }
  const out: RateLimitOptions = { windowMs: r.windowMs as number, limit: r.limit as number };
  if (store !== undefined) out.store = store as unknown as RateLimitStore;
  return out;
}

/** The limiter key: the user id when there is one, else the client address (IPv6 by /56). */
export function limiterKey(userId: string | undefined, req: Request): string {
  return userId ? `user:${userId}` : `ip:${ipKeyGenerator(req.ip ?? '')}`;
}

export function createLimiter(args: {
  options: RateLimitOptions;
  key: (req: Request) => string;
  onLimited: (req: Request, res: Response) => void;
  /** Count only answers for which this is true (the others are given back), e.g. 422 warnings. */
  counts?: (req: Request, res: Response) => boolean;
}): RequestHandler {
  const { options, counts } = args;
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    ...(options.store ? { store: options.store } : {}),
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: args.key,
    handler: args.onLimited,
    // A shared store that fails must not take the site down: the request goes through uncounted.
    passOnStoreError: true,
    ...(counts ? { skipSuccessfulRequests: true, requestWasSuccessful: (req: Request, res: Response) => !counts(req, res) } : {}),
  });
}

/**
 * Puts `preflight()`'s warnings limiter in front of its middleware: only 422 answers count, and a
 * user (or address) over the budget is answered by `onLimited` (429) before anything is scanned
 * or signed.
 */
export function withWarningLimit(
  run: (req: Request, res: Response, next: NextFunction) => void,
  options: RateLimitOptions,
  userId: (req: Request) => string | undefined,
  onLimited: (res: Response) => void,
): RequestHandler {
  const userOf = (req: Request): string | undefined => {
    try {
      const id: unknown = userId(req);
      return typeof id === 'string' && id !== '' ? id : typeof id === 'number' ? String(id) : undefined;
    } catch {
      return undefined; // the middleware itself reports a failing callback
    }
  };
  const limiter = createLimiter({
    options,
    key: (req) => limiterKey(userOf(req), req),
    onLimited: (_req, res) => onLimited(res),
    counts: (_req, res) => res.statusCode === 422,
  });
  return function preflightMiddleware(req: Request, res: Response, next: NextFunction): void {
    void Promise.resolve(
      limiter(req, res, (err?: unknown) => {
        if (err) next(err);
        else run(req, res, next);
      }),
    ).catch(next);
  };
}
