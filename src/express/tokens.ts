/**
 * Acknowledgement tokens: compact `base64url(payload).base64url(HMAC-SHA256(payload))`.
 * The payload binds a random token id, the user, a keyed hash of the scanned content, the policy
 * version, the notice version and an expiry. Tokens are stateless; single use is enforced by the
 * store (appending an acknowledgement with a token id already used throws `pii_ack_replayed`).
 */
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'crypto';
import { PreflightError } from '../errors';

export interface TokenPayload {
  /** Format version. */
  v: 1;
  /** Random token id (base64url, 128 bits): the single-use key. */
  jti: string;
  /** User id. */
  sub: string;
  /** Keyed content hash (hex). */
  ch: string;
  /** Policy version. */
  pv: string;
  /** Notice version. */
  nv: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

export interface TokenBinding {
  userId: string;
  contentHash: string;
  /** The content's hash under previous secrets (rotation): a token carrying one of them matches too. */
  earlierContentHashes?: string[];
  policyVersion: string;
  noticeVersion: string;
}

export interface IssuedToken {
  token: string;
  tokenId: string;
  expiresAt: Date;
}

export interface TokenSigner {
  issue(binding: TokenBinding, ttlSeconds: number, now?: Date): IssuedToken;
  /**
   * Checks a token against the current request. Throws `PreflightError` with code
   * `pii_ack_invalid` (malformed, bad signature), `pii_ack_expired`, or `pii_ack_mismatch`
   * (user, content, policy or notice changed; `details.mismatch` names what).
   */
  verify(token: string, expected: TokenBinding, now?: Date): TokenPayload;
}

/** Longest token accepted before any parsing (a real one is ~250 characters). */
const MAX_TOKEN_LENGTH = 2048;
// Accepts: base64url payload, a dot, base64url signature (each 1..2048 chars of A-Z a-z 0-9 - _).
// Rejects: padding (=), standard base64 (+ /), whitespace, extra dots, empty parts.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{1,2048}\.[A-Za-z0-9_-]{1,2048}$/;

function invalid(message = 'The acknowledgement token is not valid.'): never {
  throw new PreflightError('pii_ack_invalid', message);
}

function isPayload(value: unknown): value is TokenPayload {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  return p.v === 1 && typeof p.jti === 'string' && typeof p.sub === 'string' && typeof p.ch === 'string'
    && typeof p.pv === 'string' && typeof p.nv === 'string' && typeof p.exp === 'number' && Number.isFinite(p.exp);
}

function tokenKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), 'pii-preflight ack-token v1', 32));
}

/**
 * Creates a signer whose key is derived (HKDF-SHA256) from the middleware secret. Tokens are
 * signed with `secret`; a token signed with one of `previousSecrets` (key rotation) still verifies.
 */
export function createTokenSigner(secret: string, previousSecrets: readonly string[] = []): TokenSigner {
  const keys = [secret, ...previousSecrets].map(tokenKey);
  const hmacWith = (key: Buffer, payloadPart: string): Buffer => createHmac('sha256', key).update(payloadPart, 'utf8').digest();
  const sign = (payloadPart: string): Buffer => hmacWith(keys[0] as Buffer, payloadPart);

  return {
    issue(binding, ttlSeconds, now = new Date()) {
      const exp = Math.floor(now.getTime() / 1000) + Math.max(1, Math.floor(ttlSeconds));
      const payload: TokenPayload = {
        v: 1,
        jti: randomBytes(16).toString('base64url'),
        sub: binding.userId,
        ch: binding.contentHash,
        pv: binding.policyVersion,
        nv: binding.noticeVersion,
        exp,
      };
      const payloadPart = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
      const token = `${payloadPart}.${sign(payloadPart).toString('base64url')}`;
      return { token, tokenId: payload.jti, expiresAt: new Date(exp * 1000) };
    },

    verify(token, expected, now = new Date()) {
      if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH || !TOKEN_SHAPE.test(token)) invalid();
      const dot = token.indexOf('.');
      const payloadPart = token.slice(0, dot);
      const sigPart = token.slice(dot + 1);
      const given = Buffer.from(sigPart, 'base64url');
      // Strict decoding: the last character of unpadded base64url carries spare bits that a lax
      // decoder ignores, so four spellings of one signature would verify. Only the canonical one does.
      if (given.toString('base64url') !== sigPart) invalid();
      // Every key is tried (no early exit), so timing does not tell which one matched.
      let matched = false;
      for (const key of keys) {
        const wanted = hmacWith(key, payloadPart);
        if (given.length === wanted.length && timingSafeEqual(given, wanted)) matched = true;
      }
      if (!matched) invalid();
      let payload: unknown;
      try {
        payload = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8'));
      } catch {
        invalid();
      }
      if (!isPayload(payload)) invalid();
      if (payload.exp * 1000 <= now.getTime()) throw new PreflightError('pii_ack_expired');
      const mismatch: string[] = [];
      if (payload.sub !== expected.userId) mismatch.push('user');
      if (payload.ch !== expected.contentHash && !(expected.earlierContentHashes ?? []).includes(payload.ch)) mismatch.push('content');
      if (payload.pv !== expected.policyVersion) mismatch.push('policy');
      if (payload.nv !== expected.noticeVersion) mismatch.push('notice');
      if (mismatch.length > 0) {
        throw new PreflightError('pii_ack_mismatch', `The acknowledgement token does not match this ${mismatch.join(', ')}.`, { mismatch });
      }
      return payload;
    },
  };
}

/**
 * The canonical form of the scanned content, for the keyed content hash: format plus the fields
 * sorted by name, as JSON. Same fields in any order give the same string.
 */
export function canonicalContent(fields: Record<string, string>, format: string): string {
  const entries = Object.keys(fields).sort().map((k) => [k, fields[k] ?? '']);
  return JSON.stringify({ v: 1, format, fields: entries });
}
