import { createHmac, hkdfSync } from 'crypto';
import { canonicalContent, createTokenSigner } from '../src/express/tokens';
import { PreflightError } from '../src/errors';

// Accepts: a compact token, base64url payload "." base64url signature (1..2048 chars each).
// Rejects: padding, standard base64 characters, whitespace, a missing part.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{1,2048}\.[A-Za-z0-9_-]{1,2048}$/;
const SECRET = 'H4HccrQLeZLMPoqJgZSjNNesecrwgny-jdHR-x4Fq-I';
const binding = { userId: 'u1', contentHash: 'c'.repeat(64), policyVersion: 'p1', noticeVersion: 'n1' };
const now = new Date('2026-11-29T10:00:00Z');

function codeOf(fn: () => unknown): string | undefined {
  try { fn(); } catch (err) { return err instanceof PreflightError ? err.code : 'other'; }
  return undefined;
}

describe('acknowledgement tokens', () => {
  const signer = createTokenSigner(SECRET);

  test('issue → verify round trip binds every field', () => {
    const t = signer.issue(binding, 1800, now);
    expect(t.token).toMatch(TOKEN_SHAPE);
    expect(t.expiresAt.toISOString()).toBe('2026-11-29T10:30:00.000Z');
    const p = signer.verify(t.token, binding, now);
    expect(p).toMatchObject({ v: 1, jti: t.tokenId, sub: 'u1', ch: binding.contentHash, pv: 'p1', nv: 'n1' });
    expect(p.exp).toBe(t.expiresAt.getTime() / 1000);
  });

  test('token ids are random', () => {
    expect(signer.issue(binding, 60, now).tokenId).not.toBe(signer.issue(binding, 60, now).tokenId);
  });

  test('expired', () => {
    const t = signer.issue(binding, 60, now);
    expect(codeOf(() => signer.verify(t.token, binding, new Date(now.getTime() + 59_000)))).toBeUndefined();
    expect(codeOf(() => signer.verify(t.token, binding, new Date(now.getTime() + 60_000)))).toBe('pii_ack_expired');
  });

  test.each([
    ['userId', 'user'], ['contentHash', 'content'], ['policyVersion', 'policy'], ['noticeVersion', 'notice'],
  ] as const)('%s changed → pii_ack_mismatch naming %s', (key, name) => {
    const t = signer.issue(binding, 60, now);
    let caught: unknown;
    try { signer.verify(t.token, { ...binding, [key]: 'other' }, now); } catch (err) { caught = err; }
    expect((caught as PreflightError).code).toBe('pii_ack_mismatch');
    expect((caught as PreflightError).details).toEqual({ mismatch: [name] });
  });

  test('a token signed with another secret is invalid', () => {
    const other = createTokenSigner('another-secret-0123456789-abcdefghijklmn');
    expect(codeOf(() => signer.verify(other.issue(binding, 60, now).token, binding, now))).toBe('pii_ack_invalid');
  });

  test('a tampered payload is invalid', () => {
    const t = signer.issue(binding, 60, now).token;
    const [payload, sig] = t.split('.') as [string, string];
    const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    decoded.exp = 9_999_999_999;
    const forged = `${Buffer.from(JSON.stringify(decoded)).toString('base64url')}.${sig}`;
    expect(codeOf(() => signer.verify(forged, binding, now))).toBe('pii_ack_invalid');
  });

  test.each(['', 'abc', 'a.b.c', 'a b.c', 'abc=.def', 'x'.repeat(3000) + '.y', '.abc', 'abc.'])('malformed %p', (token) => {
    expect(codeOf(() => signer.verify(token, binding, now))).toBe('pii_ack_invalid');
  });

  test('a correctly signed but malformed payload is invalid', () => {
    // Sign "{}" with the same derived key the signer uses: the signature passes, the payload does not.
    const key = Buffer.from(hkdfSync('sha256', Buffer.from(SECRET, 'utf8'), Buffer.alloc(0), 'pii-preflight ack-token v1', 32));
    const part = Buffer.from('{}').toString('base64url');
    const sig = createHmac('sha256', key).update(part).digest('base64url');
    expect(codeOf(() => signer.verify(`${part}.${sig}`, binding, now))).toBe('pii_ack_invalid');
    const notJson = Buffer.from('not json').toString('base64url');
    const sig2 = createHmac('sha256', key).update(notJson).digest('base64url');
    expect(codeOf(() => signer.verify(`${notJson}.${sig2}`, binding, now))).toBe('pii_ack_invalid');
  });
});

describe('canonicalContent', () => {
  test('is independent of field order and includes the format', () => {
    expect(canonicalContent({ a: '1', b: '2' }, 'plain')).toBe(canonicalContent({ b: '2', a: '1' }, 'plain'));
    expect(canonicalContent({ a: '1' }, 'plain')).not.toBe(canonicalContent({ a: '1' }, 'markdown'));
    expect(canonicalContent({ a: '1', b: '' }, 'plain')).not.toBe(canonicalContent({ a: '1' }, 'plain'));
  });
});
