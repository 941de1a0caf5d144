/**
 * The framework-agnostic core (issue 15): createPublishGuard().evaluate() and checkDraft(), used
 * the way a non-Express host (the NodeBB plugin) uses them — through the main entry, real SQLite.
 */
import {
  createPublishGuard, checkDraft, createStore, createScanner,
  type GuardResult, type PublishGuard, type Store,
} from '../../src';

const SECRET = 'hqy0kZmOkscEMFARMcfFqytogMTAdtdJ0FigW-PKUgY';
const OWN = { title: 'Meetup', body: 'Call me at (201) 555-0123 after six.' };
const THIRD = { title: 'Found him', body: 'His address is 1234 Elm Street, Springfield, IL 62704, go and see him.' };

const stores: Store[] = [];
afterAll(async () => { for (const s of stores) await s.close().catch(() => undefined); });

async function setup(extra: Record<string, unknown> = {}): Promise<{ guard: PublishGuard; store: Store }> {
  const store = await createStore({ url: 'sqlite::memory:', secret: SECRET });
  stores.push(store);
  const guard = createPublishGuard({ store, secret: SECRET, logger: { warn: () => undefined, error: () => undefined }, ...extra });
  return { guard, store };
}

function expectOutcome<K extends GuardResult['outcome']>(r: GuardResult, k: K): Extract<GuardResult, { outcome: K }> {
  expect(r.outcome).toBe(k);
  return r as Extract<GuardResult, { outcome: K }>;
}

describe('createPublishGuard().evaluate()', () => {
  test('a clean post is allowed', async () => {
    const { guard } = await setup();
    expectOutcome(await guard.evaluate({ userId: 'u1', fields: { title: 'Release 2.4.1', body: 'Scored 3-1 on 2024-05-01.' } }), 'allow');
  });

  test('own phone: a warning with the localized notice, findings per field and a token; the token acknowledges once', async () => {
    const { guard, store } = await setup();
    const w = expectOutcome(await guard.evaluate({ userId: 42, fields: OWN, acceptLanguage: 'de-DE,de;q=0.9' }), 'warning');
    expect(w.code).toBe('pii_acknowledgement_required');
    expect(w.notice.locale).toBe('de');
    expect(w.findings).toEqual([expect.objectContaining({ field: 'body', type: 'phone', start: 11, end: 25 })]);
    expect(w.findings[0]?.masked).not.toContain('555-0123');
    expect(typeof w.acknowledgement.token).toBe('string');

    const ack = { token: w.acknowledgement.token, reason: 'intended' };
    const a = expectOutcome(await guard.evaluate({ userId: '42', fields: OWN, acknowledgement: ack, clientIp: '203.0.113.9' }), 'acknowledged');
    expect(a.policyAction).toBe('warn');
    expect(a.reason).toBe('intended');
    const rec = await store.acknowledgements.get(a.acknowledgementId);
    expect(rec?.ipPrefix).toBe('203.0.113.0/24');
    expect(JSON.stringify(rec)).not.toContain('555-0123');

    const again = expectOutcome(await guard.evaluate({ userId: '42', fields: OWN, acknowledgement: ack }), 'warning');
    expect(again.code).toBe('pii_ack_replayed');
    expect((await store.acknowledgements.verify()).ok).toBe(true);
  });

  test('the token is bound to the user and the content', async () => {
    const { guard } = await setup();
    const w = expectOutcome(await guard.evaluate({ userId: 'u1', fields: OWN }), 'warning');
    const token = w.acknowledgement.token;
    expect(expectOutcome(await guard.evaluate({ userId: 'u2', fields: OWN, acknowledgement: { token } }), 'warning').code).toBe('pii_ack_mismatch');
    const edited = { ...OWN, body: `${OWN.body} See you.` };
    expect(expectOutcome(await guard.evaluate({ userId: 'u1', fields: edited, acknowledgement: { token } }), 'warning').code).toBe('pii_ack_mismatch');
  });

  test('someone else\'s address acknowledged: held for review under the postRef given', async () => {
    const { guard, store } = await setup();
    const w = expectOutcome(await guard.evaluate({ userId: 'u1', fields: THIRD }), 'warning');
    expect(w.action).toBe('review');
    const a = expectOutcome(await guard.evaluate({ userId: 'u1', fields: THIRD, acknowledgement: { token: w.acknowledgement.token }, postRef: 'post:7' }), 'acknowledged');
    expect(a.policyAction).toBe('review');
    expect(a.review).toEqual({ id: expect.any(String), status: 'pending', postRef: 'post:7', because: 'third_party' });
    expect(w.held?.because).toBe('third_party');
    const held = await store.reviews.list({ postRef: 'post:7', limit: 5 });
    expect(held.items).toHaveLength(1);
    // Another author cannot take the item over.
    const w2 = expectOutcome(await guard.evaluate({ userId: 'u9', fields: THIRD }), 'warning');
    const c = expectOutcome(await guard.evaluate({ userId: 'u9', fields: THIRD, acknowledgement: { token: w2.acknowledgement.token }, postRef: 'post:7' }), 'error');
    expect(c.code).toBe('conflict');
  });

  test('a postRef repeating a value of the post is an error, nothing written', async () => {
    const { guard, store } = await setup();
    const w = expectOutcome(await guard.evaluate({ userId: 'u1', fields: THIRD }), 'warning');
    const e = expectOutcome(await guard.evaluate({ userId: 'u1', fields: THIRD, acknowledgement: { token: w.acknowledgement.token }, postRef: () => `post-${THIRD.body.toLowerCase().replace(/[^a-z0-9]+/g, '-')}` }), 'error');
    expect(e.code).toBe('invalid_options');
    expect((await store.acknowledgements.list({ limit: 5 })).items).toHaveLength(0);
  });

  test('a blocked type (a card number, default policy) is blocked, with no token', async () => {
    const { guard } = await setup();
    const b = expectOutcome(await guard.evaluate({ userId: 'u1', fields: { body: 'Card: 4111 1111 1111 1111' } }), 'blocked');
    expect(b.code).toBe('pii_blocked');
    expect(b).not.toHaveProperty('acknowledgement');
  });

  test('remembered values: no warning the next time', async () => {
    const { guard } = await setup();
    const w = expectOutcome(await guard.evaluate({ userId: 'u1', fields: OWN }), 'warning');
    expectOutcome(await guard.evaluate({ userId: 'u1', fields: OWN, acknowledgement: { token: w.acknowledgement.token, remember: true } }), 'acknowledged');
    expectOutcome(await guard.evaluate({ userId: 'u1', fields: { body: 'Again: (201) 555-0123.' } }), 'allow');
  });

  test('invalid input and failures are results, not throws; no store → store_unavailable', async () => {
    const { guard, store } = await setup();
    expect(expectOutcome(await guard.evaluate({ userId: '', fields: OWN }), 'error').code).toBe('unauthenticated');
    expect(expectOutcome(await guard.evaluate({ userId: 'u1', fields: OWN, acknowledgement: { reason: 'because' } }), 'error').code).toBe('invalid_input');
    expect(expectOutcome(await guard.evaluate({ userId: 'u1', fields: { body: 5 as unknown as string } }), 'error').code).toBe('invalid_input');
    // A parsed JSON "__proto__" field is an own key a host may publish; assigning it would drop it unscanned.
    const proto = (JSON.parse('{"fields":{"title":"hi","__proto__":"Card 4111 1111 1111 1111"}}') as { fields: Record<string, string> }).fields;
    expect(expectOutcome(await guard.evaluate({ userId: 'u1', fields: proto }), 'error').code).toBe('invalid_input');
    await store.close();
    const e = expectOutcome(await guard.evaluate({ userId: 'u1', fields: OWN }), 'error');
    expect(e.code).toBe('store_unavailable');
    expect(e.status).toBe(503);
  });

  test('tokens signed under a previous secret verify with previousSecrets (rotation), not without', async () => {
    const NEW = 'Zt0Qb8mX2vR5nL7pK4jH9gF3dS6aW1eY0uI8oP2cV5b';
    const { guard: before, store } = await setup();
    const after = createPublishGuard({ store, secret: NEW, previousSecrets: [SECRET] });
    const without = createPublishGuard({ store, secret: NEW });
    const t1 = expectOutcome(await before.evaluate({ userId: 'u1', fields: OWN }), 'warning').acknowledgement.token;
    expect(expectOutcome(await without.evaluate({ userId: 'u1', fields: OWN, acknowledgement: { token: t1 } }), 'warning').code).toMatch(/^pii_ack_/);
    expectOutcome(await after.evaluate({ userId: 'u1', fields: OWN, acknowledgement: { token: t1 } }), 'acknowledged');
  });

  test('options are checked: preflight-only options name evaluate()', async () => {
    const store = await createStore({ url: 'sqlite::memory:', secret: SECRET });
    stores.push(store);
    expect(() => createPublishGuard({ store, secret: SECRET, fields: ['title'] } as never)).toThrow(/createPublishGuard\(\): `fields` is a preflight\(\) option/);
    expect(() => createPublishGuard({ store, secret: 'short' })).toThrow(/createPublishGuard\(\)/);
  });
});

describe('checkDraft()', () => {
  const scanner = createScanner({ locales: ['en-US'] });
  test('fields: findings with offsets into the field and a localized message', () => {
    const r = checkDraft(scanner, { fields: { title: 'Hi', content: 'Mail me: jane.doe@example.com' } }, { acceptLanguage: 'fr' });
    expect(r.outcome).toBe('ok');
    if (r.outcome !== 'ok') return;
    expect(r.locale).toBe('fr');
    expect(r.findings).toEqual([expect.objectContaining({ field: 'content', type: 'email', start: 9, end: 29 })]);
    expect(r.findings[0]?.masked).not.toBe('jane.doe@example.com');
  });
  test('an invalid draft is an invalid_input result', () => {
    expect(checkDraft(scanner, { text: 'a', fields: {} })).toEqual(expect.objectContaining({ outcome: 'error', code: 'invalid_input' }));
    expect(checkDraft(scanner, JSON.parse('{"fields":{"__proto__":"jane.doe@example.com"}}'))).toEqual(expect.objectContaining({ outcome: 'error', code: 'invalid_input' }));
  });
});
