/**
 * CSRF protection for the review dashboard's HTML forms.
 *
 * A form token is an HMAC-SHA256 (keyed with the router's CSRF secret) of the moderator id and a
 * per-session random nonce kept in an HttpOnly, SameSite=Strict cookie. A cross-site page can make
 * the browser send the cookie (with SameSite=Lax browsers or old ones) but can neither read it nor
 * compute the HMAC, so it cannot produce the token; and the token of one moderator is useless to
 * another. Tokens are compared with `crypto.timingSafeEqual`.
 *
 * JSON requests (`Content-Type: application/json`) need no token: a cross-site HTML form cannot
 * send that type, and a cross-site `fetch` with it needs a CORS preflight the router never grants.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'crypto';
import type { Request, Response } from 'express';

/** The nonce cookie's name. */
export const CSRF_COOKIE = 'pii_review_csrf';
/** The form field that carries the token. */
export const CSRF_FIELD = '_csrf';
/** The header that may carry the token instead (scripts posting forms). */
export const CSRF_HEADER = 'x-csrf-token';

// Accepts a base64url nonce of 16..64 characters (what randomBytes(32) gives, 43 chars);
// rejects anything else (other alphabets, padding, separators, overlong values).
const NONCE_RE = /^[A-Za-z0-9_-]{16,64}$/;

/** Parses a Cookie header into name → value (first occurrence wins; values not decoded beyond %xx). */
export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    if (name && !(name in out)) {
      try {
        out[name] = decodeURIComponent(value);
      } catch {
        out[name] = value;
      }
    }
  }
  return out;
}

export interface Csrf {
  /** The request's nonce, set as a cookie on the response when missing or malformed. */
  ensureNonce(req: Request, res: Response): string;
  /** The form token for a moderator and nonce. */
  token(moderatorId: string, nonce: string): string;
  /** True when the request carries a valid token for this moderator (body `_csrf` or header). */
  verify(req: Request, moderatorId: string): boolean;
}

/** Creates the CSRF helper; `secret` keys the HMAC (a random one when omitted: tokens then last as long as the process). */
export function createCsrf(secret?: string): Csrf {
  const key = secret === undefined ? randomBytes(32) : Buffer.from(secret, 'utf8');

  const tokenFor = (moderatorId: string, nonce: string): string =>
    createHmac('sha256', key).update(`csrf\n${moderatorId}\n${nonce}`, 'utf8').digest('base64url');

  const nonceOf = (req: Request): string | undefined => {
    const value = parseCookies(req.headers.cookie)[CSRF_COOKIE];
    return value !== undefined && NONCE_RE.test(value) ? value : undefined;
  };

  return {
    ensureNonce(req, res) {
      const existing = nonceOf(req);
      if (existing) return existing;
      const nonce = randomBytes(32).toString('base64url');
      res.cookie(CSRF_COOKIE, nonce, {
        httpOnly: true,
        sameSite: 'strict',
        secure: req.secure,
        path: req.baseUrl || '/',
      });
      return nonce;
    },
    token: tokenFor,
    verify(req, moderatorId) {
      const nonce = nonceOf(req);
      if (!nonce) return false;
      const body = req.body as Record<string, unknown> | undefined;
      const fromBody = body && typeof body === 'object' ? body[CSRF_FIELD] : undefined;
      const fromHeader = req.get(CSRF_HEADER);
      const given = typeof fromBody === 'string' ? fromBody : fromHeader;
      if (typeof given !== 'string' || given.length === 0 || given.length > 128) return false;
      const expected = Buffer.from(tokenFor(moderatorId, nonce), 'utf8');
      const actual = Buffer.from(given, 'utf8');
      if (actual.length !== expected.length) return false;
      return timingSafeEqual(actual, expected);
    },
  };
}
