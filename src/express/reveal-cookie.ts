/**
 * The dashboard's revealed value between the reveal form's POST and the page that shows it
 * (POST → 303 → GET), independent of the instance that answers the GET.
 *
 * The value travels in a cookie sealed with AES-256-GCM under a key derived from the store's
 * secret (every instance sharing the store derives the same key): HttpOnly, SameSite=Strict,
 * scoped to the item's page, gone after a minute. The moderator and the item are bound as
 * additional authenticated data, and a random id ties the cookie to the redirect's `shown=`
 * parameter. The GET that shows the value clears the cookie, so a reload shows the masked value
 * (and logs nothing: reloading a GET never reveals again); an id once shown is also refused again
 * by the instance that showed it. Nothing is kept in memory for the GET, nothing raw at rest.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** The cookie's name. */
export const REVEAL_COOKIE = 'pii_review_reveal';
/** How long a revealed value waits for its page, in ms. */
export const REVEAL_TTL_MS = 60_000;
const ID_RE = /^[A-Za-z0-9_-]{24}$/;
const SEALED_RE = /^[A-Za-z0-9_-]{40,6000}$/;

interface Sealed { t: string; i: number; v: string; e: number }

/**
 * Derives the cookie key from the store's keyed HMAC of a fixed label. The label holds a NUL, which
 * no normalized finding value holds, so the HMAC is never one of the value hashes kept in the store.
 */
export function revealKey(hmac: (value: string) => string): Buffer {
  return createHash('sha256').update('pii-preflight reveal cookie v1\n').update(hmac('\u0000pii-preflight/reveal-cookie/v1'), 'utf8').digest();
}

const aad = (moderatorId: string, itemId: string): Buffer => Buffer.from(`reveal\n${moderatorId}\n${itemId}`, 'utf8');

export function sealReveal(key: Buffer, moderatorId: string, itemId: string, index: number, value: string, now = Date.now()): { id: string; sealed: string } {
  const id = randomBytes(18).toString('base64url');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad(moderatorId, itemId));
  const body: Sealed = { t: id, i: index, v: value, e: now + REVEAL_TTL_MS };
  const ct = Buffer.concat([cipher.update(JSON.stringify(body), 'utf8'), cipher.final()]);
  return { id, sealed: Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64url') };
}

/** The value a sealed cookie holds for this moderator, item and id, or `undefined` (tampered, expired, another's). */
export function openReveal(key: Buffer, sealed: string | undefined, id: string, moderatorId: string, itemId: string, now = Date.now()): { index: number; value: string } | undefined {
  if (!sealed || !SEALED_RE.test(sealed) || !ID_RE.test(id)) return undefined;
  const raw = Buffer.from(sealed, 'base64url');
  if (raw.length < 29) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(aad(moderatorId, itemId));
    decipher.setAuthTag(raw.subarray(12, 28));
    const body = JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')) as Partial<Sealed>;
    if (body.t !== id || typeof body.e !== 'number' || body.e < now || typeof body.v !== 'string' || !Number.isInteger(body.i)) return undefined;
    return { index: body.i as number, value: body.v };
  } catch {
    return undefined;
  }
}
