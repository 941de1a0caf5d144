import { createHash } from 'crypto';
import express, { type Request } from 'express';
import request from 'supertest';
import { Registry } from 'prom-client';
import { preflight, type PreflightOptions } from '../../src/express';
import { createStore } from '../../src/store';
import type { Store } from '../../src/store/types';
import { createTokenSigner, canonicalContent } from '../../src/express/tokens';
import { defaultPolicy } from '../../src/policy';
import { DEFAULT_NOTICE_VERSION, defaultNotice } from '../../src/express/notice';
import { createScanner } from '../../src/scanner';
import { PreflightError } from '../../src/errors';

// Accepts: a compact token, base64url payload "." base64url signature (1..2048 chars each).
// Rejects: padding, standard base64 characters, whitespace, a missing part.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{1,2048}\.[A-Za-z0-9_-]{1,2048}$/;
// Accepts: a 64-character lowercase hex digest. Rejects: anything shorter, longer or non-hex.
const HEX64 = /^[0-9a-f]{64}$/;
const SECRET = 'KsDY8VeHgDeRsPG3wDhtlWy6aA3-soTP57NSD3X79r8';
// Fake values: a checksum-valid test IBAN and the standard Visa test card number.
const IBAN = 'DE89 3704 0044 0532 0130 00';
const IBAN_BODY = `Please pay the deposit to ${IBAN} by Friday.`;
const CARD_BODY = 'Charge my card 4111 1111 1111 1111 for the tickets.';
const CLEAN = 'The meetup starts at seven; bring snacks.';
const EN_NOTICE = 'This post will be public. Anyone can read, collect or use the personal information in it, and it could be used to send you unsolicited messages. You are responsible for using this forum in line with its Terms of Use.';

interface Published { preflight: unknown; body: Record<string, unknown> }

const stores: Store[] = [];
afterAll(async () => {
  for (const s of stores) await s.close().catch(() => undefined);
});

async function setup(extra: Partial<PreflightOptions> = {}, storeOverride?: Store) {
  const store = storeOverride ?? await createStore({ url: 'sqlite::memory:', secret: SECRET });
  stores.push(store);
  const published: Published[] = [];
  const app = express();
  app.set('trust proxy', true);
  app.use((req, _res, next) => {
    const u = req.get('x-test-user');
    if (u) (req as Request & { user?: { id: string } }).user = { id: u };
    next();
  });
  const mw = preflight({ store, secret: SECRET, logger: { warn: jest.fn(), error: jest.fn() }, ...extra });
  const handler = (req: Request, res: express.Response) => {
    published.push({ preflight: req.preflight, body: req.body as Record<string, unknown> });
    res.status(201).json({ preflight: req.preflight, body: req.body });
  };
  app.post('/posts', express.json(), express.urlencoded({ extended: false }), mw, handler);
  app.post('/posts/:id', express.json(), mw, handler);
  app.post('/raw', mw, handler);
  return { app, store, published };
}

const post = (app: express.Express, body: object, user = 'u1') =>
  request(app).post('/posts').set('x-test-user', user).set('Accept', 'application/json').send(body);

describe('service phone numbers (phoneKind)', () => {
  test('a toll-free number alone is published without a warning; the finding carries its kind', async () => {
    const { app, published } = await setup({ locales: ['en-AU'] });
    const res = await post(app, { title: 'Bookings', body: 'Call the club on 1800 020 080 to book.' });
    expect(res.status).toBe(201);
    expect(published[0]?.preflight).toEqual({ action: 'allow', findings: [] });
  });

  test('a mobile beside a toll-free number warns about the mobile only', async () => {
    const { app } = await setup({ locales: ['en-AU'] });
    const res = await post(app, { title: 'Bookings', body: 'Call 1800 020 080, or text me on 0491 570 156.' });
    expect(res.status).toBe(422);
    expect(res.body.error).toBe('pii_acknowledgement_required');
    expect(res.body.findings.map((f: { masked: string }) => f.masked)).toEqual(['•••• ••0 156']);
  });

  test('servicePhones: "warn" makes service numbers need an acknowledgement', async () => {
    const { app } = await setup({ locales: ['en-AU'], servicePhones: 'warn' });
    const res = await post(app, { title: 'Bookings', body: 'Call the club on 1800 020 080 to book.' });
    expect(res.status).toBe(422);
    expect(res.body.policy.version).toBe(`${defaultPolicy.version}+service-phones-warn`);
    expect(res.body.findings).toHaveLength(1);
  });

  test('servicePhones is checked at setup', async () => {
    const { store } = await setup();
    expect(() => preflight({ store, secret: SECRET, servicePhones: 'sometimes' as never })).toThrow(/servicePhones/);
  });
});

describe('setup-time validation', () => {
  let store: Store;
  beforeAll(async () => {
    store = await createStore({ url: 'sqlite::memory:', secret: SECRET });
    stores.push(store);
  });
  const attempt = (o: unknown) => {
    try { preflight(o as PreflightOptions); } catch (err) { return err as PreflightError; }
    return undefined;
  };

  test('a misspelled key suggests the right one', () => {
    const err = attempt({ store, secret: SECRET, feilds: ['title'] });
    expect(err?.code).toBe('invalid_options');
    expect(err?.message).toContain('Did you mean `fields`?');
    expect(attempt({ store, secret: SECRET, tokenTTLSeconds: 60 })?.message).toContain('Did you mean `tokenTtlSeconds`?');
  });
  test('a missing or short secret says how to fix it', () => {
    expect(attempt({ store })?.message).toContain('`secret` is required and must be at least 32 characters');
    expect(attempt({ store })?.message).toContain('randomBytes(32)');
    expect(attempt({ store, secret: 'short' })?.message).toContain('(got 5)');
  });
  test('store is required', () => {
    expect(attempt({ secret: SECRET })?.message).toContain('`store` is required');
    expect(attempt({ secret: SECRET })?.message).toContain('createStore(');
  });
  test.each([
    [{ fields: [] }, /fields/],
    [{ format: 'rtf' }, /format/],
    [{ onScanError: 'ignore' }, /onScanError/],
    [{ tokenTtlSeconds: 1 }, /tokenTtlSeconds/],
    [{ repeatBypass: { max: -1, windowSeconds: 10 } }, /repeatBypass/],
    [{ ipPrefix: { ipv4: 40 } }, /ipPrefix/],
    [{ notice: { version: '1', texts: {} } }, /notice/],
    [{ metrics: {} }, /Registry/],
    [{ logger: { info: () => undefined } }, /logger/],
    [{ anonymous: 'allow' }, /anonymous/],
  ])('rejects %j', (extra, message) => {
    const err = attempt({ store, secret: SECRET, ...extra });
    expect(err?.code).toBe('invalid_options');
    expect(err?.message).toMatch(message);
  });
  test('an invalid policy fails with invalid_rule naming the rule', () => {
    const err = attempt({ store, secret: SECRET, policy: { version: 'v', rules: [{ id: 'oops', action: 'maybe' }] } });
    expect(err?.code).toBe('invalid_rule');
    expect(err?.message).toContain('oops');
  });
  test('valid options give a named middleware', () => {
    expect(preflight({ store, secret: SECRET }).name).toBe('preflightMiddleware');
  });
});

describe('allow', () => {
  test('a clean post passes with { action: allow, findings: [] }', async () => {
    const { app, store, published } = await setup();
    const res = await post(app, { title: 'Meetup', body: CLEAN });
    expect(res.status).toBe(201);
    expect(res.body.preflight).toEqual({ action: 'allow', findings: [] });
    expect(published).toHaveLength(1);
    const stats = await store.stats();
    expect(stats).toMatchObject({ scanned: 1, allowed: 1, warned: 0 });
  });

  test('on a store with synchronous calls (SQLite) a clean post reaches next() in the same tick', async () => {
    const store = await createStore({ url: 'sqlite::memory:', secret: SECRET });
    stores.push(store);
    expect(store.sync).toBeDefined();
    const mw = preflight({ store, secret: SECRET });
    const req = { body: { title: 'Meetup', body: CLEAN }, headers: { 'content-type': 'application/json', 'content-length': '60' }, user: { id: 'u1' }, get: () => undefined };
    const next = jest.fn();
    mw(req as never, {} as never, next);
    expect(next).toHaveBeenCalledTimes(1);
    expect(next).toHaveBeenCalledWith();
    expect((req as unknown as Request).preflight).toEqual({ action: 'allow', findings: [] });
    expect(await store.stats()).toMatchObject({ scanned: 1, allowed: 1 });
  });

  test('a store without synchronous calls (as PostgreSQL) gives the same answers through promises, edited away included', async () => {
    const sqlite = await createStore({ url: 'sqlite::memory:', secret: SECRET });
    const asyncOnly = new Proxy(sqlite, { get: (target, key) => (key === 'sync' ? undefined : Reflect.get(target, key, target) as unknown) });
    const { app, store } = await setup({}, asyncOnly);
    expect(store.sync).toBeUndefined();
    const warned = await post(app, { body: IBAN_BODY });
    expect(warned.status).toBe(422);
    const res = await post(app, { title: 'Meetup', body: CLEAN });
    expect(res.status).toBe(201);
    expect(res.body.preflight).toEqual({ action: 'allow', findings: [] });
    expect(await store.stats()).toMatchObject({ scanned: 2, warned: 1, allowed: 1, editedAway: 1 });
  });

  test('edited away without the token: a clean post after a warning closes it (synchronous path)', async () => {
    const { app, store } = await setup();
    expect((await post(app, { body: IBAN_BODY })).status).toBe(422);
    expect((await post(app, { body: CLEAN })).status).toBe(201);
    expect((await post(app, { body: CLEAN })).status).toBe(201);
    expect(await store.stats()).toMatchObject({ scanned: 3, warned: 1, allowed: 2, editedAway: 1 });
  });
});

describe('warn → acknowledge (JSON)', () => {
  test('422 pii_acknowledgement_required with the contract shape; nothing published', async () => {
    const { app, published, store } = await setup();
    const res = await post(app, { title: 'Deposit', body: IBAN_BODY });
    expect(res.status).toBe(422);
    expect(published).toHaveLength(0);
    expect(Object.keys(res.body).sort()).toEqual(['acknowledgement', 'action', 'error', 'findings', 'message', 'notice', 'policy']);
    // The author is told beforehand what happens: published after the acknowledgement, no moderator.
    expect(res.body.action).toBe('warn');
    expect(res.body.held).toBeUndefined();
    expect(res.body.error).toBe('pii_acknowledgement_required');
    expect(res.body.notice).toBe(EN_NOTICE);
    expect(res.body.policy).toEqual({ version: defaultPolicy.version, url: null });
    const start = IBAN_BODY.indexOf(IBAN);
    expect(res.body.findings).toEqual([{
      field: 'body', type: 'iban', start, end: start + IBAN.length, masked: expect.any(String), message: 'This looks like a bank account number (IBAN).', subject: 'unknown', action: 'warn',
    }]);
    expect(res.body.findings[0].masked).not.toContain('3704 0044');
    expect(res.body.acknowledgement.token).toMatch(TOKEN_SHAPE);
    const ttl = Date.parse(res.body.acknowledgement.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(1700_000);
    expect(ttl).toBeLessThanOrEqual(1800_000);
    expect(res.headers['content-language']).toBe('en');
    expect(res.headers['cache-control']).toBe('no-store');
    expect((await store.stats()).warned).toBe(1);
  });

  test('acknowledging with the body token publishes, logs every contract field, strips pii fields', async () => {
    const { app, store, published } = await setup();
    const first = await post(app, { title: 'Deposit', body: IBAN_BODY });
    const res = await post(app, {
      title: 'Deposit', body: IBAN_BODY, extra: 'kept', piiAcknowledgement: first.body.acknowledgement.token,
      piiAcknowledgementReason: 'intended',
    }).set('User-Agent', 'jest-agent/1.0').set('X-Forwarded-For', '203.0.113.77');
    expect(res.status).toBe(201);
    expect(published).toHaveLength(1);
    expect(res.body.body).toEqual({ title: 'Deposit', body: IBAN_BODY, extra: 'kept' });
    expect(res.body.preflight).toMatchObject({ action: 'acknowledged', acknowledgementId: expect.any(String), policyAction: 'warn', reason: 'intended' });
    expect(res.body.preflight.findings).toHaveLength(1);
    expect(res.body.preflight.review).toBeUndefined();

    const { items } = await store.acknowledgements.list({ userId: 'u1' });
    expect(items).toHaveLength(1);
    const rec = items[0]!;
    expect(rec.id).toBe(res.body.preflight.acknowledgementId);
    expect(rec).toMatchObject({
      userId: 'u1', policyVersion: defaultPolicy.version, noticeVersion: DEFAULT_NOTICE_VERSION, locale: 'en', method: 'json',
      reason: 'intended', action: 'warn', fields: ['title', 'body'], ipPrefix: '203.0.113.0/24', userAgent: 'jest-agent/1.0',
      noticeHash: createHash('sha256').update(EN_NOTICE).digest('hex'),
      contentHash: store.hmac(canonicalContent({ title: 'Deposit', body: IBAN_BODY }, 'plain')),
    });
    expect(rec.findings).toEqual([expect.objectContaining({ field: 'body', type: 'iban', ruleId: 'iban/mod97', masked: expect.any(String), valueHash: expect.stringMatching(HEX64) })]);
    const dump = JSON.stringify(items);
    expect(dump).not.toContain(IBAN);
    expect(dump).not.toContain(IBAN.replace(/ /g, ''));
    expect(await store.acknowledgements.verify()).toMatchObject({ ok: true, count: 1 });
    expect(await store.stats()).toMatchObject({ warned: 1, acknowledged: 1, acknowledgedByReason: { intended: 1 } });
  });

  test('token and reason by header; widget method by header', async () => {
    const { app, store } = await setup();
    const first = await post(app, { body: IBAN_BODY });
    const res = await post(app, { body: IBAN_BODY })
      .set('PII-Acknowledgement', first.body.acknowledgement.token)
      .set('PII-Acknowledgement-Reason', 'not_personal')
      .set('PII-Acknowledgement-Method', 'widget');
    expect(res.status).toBe(201);
    const { items } = await store.acknowledgements.list();
    expect(items[0]).toMatchObject({ method: 'widget', reason: 'not_personal' });
  });

  test('reason other with a note; the note is masked before it is stored', async () => {
    const { app, store } = await setup();
    const first = await post(app, { body: IBAN_BODY });
    const res = await post(app, {
      body: IBAN_BODY, piiAcknowledgement: first.body.acknowledgement.token, piiAcknowledgementReason: 'other',
      piiAcknowledgementNote: `It is the club account ${IBAN}`,
    });
    expect(res.status).toBe(201);
    const rec = (await store.acknowledgements.list()).items[0]!;
    expect(rec.reason).toBe('other');
    expect(rec.note?.startsWith('It is the club account ')).toBe(true);
    expect(rec.note).not.toContain('3704 0044');
  });

  test('an unknown reason is a 400 invalid_input', async () => {
    const { app } = await setup();
    const first = await post(app, { body: IBAN_BODY });
    const res = await post(app, { body: IBAN_BODY, piiAcknowledgement: first.body.acknowledgement.token, piiAcknowledgementReason: 'because' });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_input');
  });

  test('Accept-Language picks the notice; the log stores the text shown', async () => {
    const { app, store } = await setup();
    const first = await post(app, { body: IBAN_BODY }).set('Accept-Language', 'fr-CH;q=0.5, de-AT;q=0.9, en;q=0.1');
    expect(first.body.notice).toBe(defaultNotice.texts.de);
    expect(first.body.findings[0].message).toBe('Das sieht nach einer Kontonummer (IBAN) aus.');
    expect(first.headers['content-language']).toBe('de');
    await post(app, { body: IBAN_BODY, piiAcknowledgement: first.body.acknowledgement.token }).set('Accept-Language', 'de-AT;q=0.9').expect(201);
    const rec = (await store.acknowledgements.list()).items[0]!;
    expect(rec.locale).toBe('de');
    expect(rec.reason).toBe('unspecified');
    expect(rec.noticeHash).toBe(createHash('sha256').update(defaultNotice.texts.de!).digest('hex'));
  });
});

describe('token errors', () => {
  test('replayed: a used token is refused with a fresh one that works', async () => {
    const { app, published } = await setup();
    const first = await post(app, { body: IBAN_BODY });
    const token = first.body.acknowledgement.token;
    await post(app, { body: IBAN_BODY, piiAcknowledgement: token }).expect(201);
    const again = await post(app, { body: IBAN_BODY, piiAcknowledgement: token });
    expect(again.status).toBe(422);
    expect(again.body.error).toBe('pii_ack_replayed');
    expect(again.body.findings).toHaveLength(1);
    expect(again.body.notice).toBe(EN_NOTICE);
    expect(again.body.acknowledgement.token).not.toBe(token);
    expect(published).toHaveLength(1);
    await post(app, { body: IBAN_BODY, piiAcknowledgement: again.body.acknowledgement.token }).expect(201);
  });

  test('mismatch (other user) does not use the token up', async () => {
    const { app } = await setup();
    const first = await post(app, { body: IBAN_BODY }, 'alice');
    const token = first.body.acknowledgement.token;
    const stolen = await post(app, { body: IBAN_BODY, piiAcknowledgement: token }, 'mallory');
    expect(stolen.status).toBe(422);
    expect(stolen.body.error).toBe('pii_ack_mismatch');
    expect(stolen.body.acknowledgement.token).toEqual(expect.any(String));
    await post(app, { body: IBAN_BODY, piiAcknowledgement: token }, 'alice').expect(201);
  });

  test('mismatch (content changed, still PII) re-scans and returns findings with a fresh token', async () => {
    const { app } = await setup();
    const first = await post(app, { body: IBAN_BODY });
    const changed = `Updated: ${IBAN_BODY}`;
    const res = await post(app, { body: changed, piiAcknowledgement: first.body.acknowledgement.token });
    expect(res.status).toBe(422);
    expect(res.body.error).toBe('pii_ack_mismatch');
    expect(res.body.findings[0].start).toBe(changed.indexOf(IBAN));
    await post(app, { body: changed, piiAcknowledgement: res.body.acknowledgement.token }).expect(201);
  });

  test('content changed and now clean → allowed, counted as edited away', async () => {
    const { app, store } = await setup();
    const first = await post(app, { body: IBAN_BODY });
    const res = await post(app, { body: CLEAN, piiAcknowledgement: first.body.acknowledgement.token });
    expect(res.status).toBe(201);
    expect(res.body.preflight).toEqual({ action: 'allow', findings: [] });
    expect(res.body.body).toEqual({ body: CLEAN });
    expect(await store.stats()).toMatchObject({ warned: 1, editedAway: 1, allowed: 1 });
  });

  test('expired', async () => {
    const { app, store } = await setup();
    const signer = createTokenSigner(SECRET);
    const expired = signer.issue({
      userId: 'u1', contentHash: store.hmac(canonicalContent({ body: IBAN_BODY }, 'plain')),
      policyVersion: defaultPolicy.version, noticeVersion: DEFAULT_NOTICE_VERSION,
    }, 60, new Date(Date.now() - 3600_000));
    const res = await post(app, { body: IBAN_BODY, piiAcknowledgement: expired.token });
    expect(res.status).toBe(422);
    expect(res.body.error).toBe('pii_ack_expired');
    expect(res.body.acknowledgement.token).not.toBe(expired.token);
  });

  test('invalid (malformed or forged)', async () => {
    const { app } = await setup();
    for (const token of ['not-a-token', createTokenSigner('x'.repeat(40)).issue({ userId: 'u1', contentHash: 'h', policyVersion: 'p', noticeVersion: 'n' }, 60).token]) {
      const res = await post(app, { body: IBAN_BODY, piiAcknowledgement: token });
      expect(res.status).toBe(422);
      expect(res.body.error).toBe('pii_ack_invalid');
      expect(res.body.findings).toHaveLength(1);
      expect(res.body.acknowledgement.token).toEqual(expect.any(String));
    }
  });
});

describe('block and review', () => {
  test('payment card → 422 pii_blocked without a token; nothing published', async () => {
    const { app, store, published } = await setup();
    const res = await post(app, { title: 'Tickets', body: CARD_BODY });
    expect(res.status).toBe(422);
    expect(res.body.error).toBe('pii_blocked');
    expect(res.body.acknowledgement).toBeUndefined();
    expect(res.body.findings).toEqual([expect.objectContaining({ field: 'body', type: 'payment_card', masked: '•••• •••• •••• 1111', action: 'block' })]);
    expect(res.body.action).toBe('block');
    expect(published).toHaveLength(0);
    expect((await store.stats()).blocked).toBe(1);
    // Editing the card away afterwards counts as edited away.
    await post(app, { title: 'Tickets', body: CLEAN }).expect(201);
    expect((await store.stats()).editedAway).toBe(1);
  });

  const reviewPolicy = {
    version: 'test-review-1', url: 'https://forum.example.com/rules',
    rules: [
      { id: 'hold-iban', types: ['iban'], action: 'review' as const },
      { id: 'not-personal-to-review', reasons: ['not_personal' as const], action: 'review' as const },
    ],
    defaultAction: 'warn' as const,
  };

  test('review: acknowledged post is queued pending under the host\'s postRef (the post id of an edit route)', async () => {
    const { app, store } = await setup({ policy: reviewPolicy, postRef: (req) => `post:${String(req.params.id)}` });
    const first = await request(app).post('/posts/p-42').set('x-test-user', 'u1').send({ title: 'Deposit', body: IBAN_BODY });
    expect(first.status).toBe(422);
    expect(first.body.policy).toEqual({ version: 'test-review-1', url: 'https://forum.example.com/rules' });
    // Told beforehand that a moderator checks the post, and why (a policy rule, not "someone else's").
    expect(first.body.action).toBe('review');
    expect(first.body.held).toEqual({ because: 'policy', message: 'A moderator will check this post before it appears. The forum\'s rules send posts like this to a moderator first.' });
    const res = await request(app).post('/posts/p-42').set('x-test-user', 'u1')
      .send({ title: 'Deposit', body: IBAN_BODY, piiAcknowledgement: first.body.acknowledgement.token, piiAcknowledgementReason: 'intended' });
    expect(res.status).toBe(201);
    expect(res.body.preflight.review).toEqual({ id: expect.any(String), status: 'pending', postRef: 'post:p-42', because: 'policy' });
    expect(res.body.preflight.policyAction).toBe('review');
    const item = await store.reviews.get(res.body.preflight.review.id);
    expect(item).toMatchObject({
      status: 'pending', postRef: 'post:p-42', authorId: 'u1', acknowledgementId: res.body.preflight.acknowledgementId,
      heldBecause: { rule: 'hold-iban', reason: 'intended' },
    });
    expect(item!.fields.body).not.toContain('3704 0044');
    const revealed = await store.reviews.get(res.body.preflight.review.id, { reveal: true });
    expect(revealed!.fields.body).toBe(IBAN_BODY);
    expect((await store.acknowledgements.list()).items[0]!.action).toBe('review');
    expect(await store.stats()).toMatchObject({ acknowledged: 1, held: 1 });
  });

  test('a reason can route a warned post to review', async () => {
    const policy = { ...reviewPolicy, rules: [{ id: 'not-personal-to-review', reasons: ['not_personal' as const], action: 'review' as const }] };
    const { app, store } = await setup({ policy, postRef: (req) => String(req.body.slug) });
    const first = await post(app, { slug: 's-1', body: IBAN_BODY });
    const res = await post(app, { slug: 's-1', body: IBAN_BODY, piiAcknowledgement: first.body.acknowledgement.token, piiAcknowledgementReason: 'not_personal' });
    expect(res.status).toBe(201);
    expect(res.body.preflight.review.postRef).toBe('s-1');
    const item = await store.reviews.get(res.body.preflight.review.id);
    expect(item?.heldBecause).toMatchObject({ rule: 'not-personal-to-review', reason: 'not_personal' });
  });

  // Fictional 555-01xx numbers (reserved for fiction in the North American plan).
  test('self-disclosed phone (default policy) → warn; acknowledged without review', async () => {
    const { app, store, published } = await setup();
    const body = 'Call me at (201) 555-0123 after six.';
    const first = await post(app, { body });
    expect(first.status).toBe(422);
    expect(first.body.error).toBe('pii_acknowledgement_required');
    const start = body.indexOf('(201)');
    expect(first.body.findings).toEqual([{
      field: 'body', type: 'phone', start, end: start + '(201) 555-0123'.length, masked: expect.any(String), message: 'This looks like a phone number.', subject: 'self', action: 'warn',
    }]);
    expect(first.body.action).toBe('warn');
    expect(first.body.findings[0].masked).not.toContain('555-0123');
    const done = await post(app, { body, piiAcknowledgement: first.body.acknowledgement.token, piiAcknowledgementReason: 'intended' });
    expect(done.status).toBe(201);
    expect(done.body.preflight).toMatchObject({ action: 'acknowledged', policyAction: 'warn', reason: 'intended' });
    expect(done.body.preflight.review).toBeUndefined();
    expect(published).toHaveLength(1);
    expect((await store.reviews.list()).items).toHaveLength(0);
    const rec = (await store.acknowledgements.list()).items[0]!;
    expect(rec).toMatchObject({ action: 'warn', findings: [expect.objectContaining({ type: 'phone', subject: 'self' })] });
    expect(JSON.stringify(rec)).not.toContain('555-0123');
  });

  test('third-party phone ("his number is …", default policy) → review: req.preflight.review set, a pending item in store.reviews under a fresh postRef', async () => {
    const { app, store, published } = await setup();
    const body = 'His number is (201) 555-0123 if you want to reach him.';
    const first = await request(app).post('/posts/t-9').set('x-test-user', 'u1').send({ body });
    expect(first.status).toBe(422);
    expect(first.body.findings).toEqual([expect.objectContaining({ type: 'phone', message: 'This looks like a phone number.', subject: 'third_party' })]);
    expect(first.body.action).toBe('review');
    expect(first.body.held).toEqual({ because: 'third_party', message: expect.stringContaining("someone else's details") });
    expect(published).toHaveLength(0);
    const done = await request(app).post('/posts/t-9').set('x-test-user', 'u1').send({ body, piiAcknowledgement: first.body.acknowledgement.token });
    expect(done.status).toBe(201);
    expect(done.body.preflight).toMatchObject({ action: 'acknowledged', policyAction: 'review' });
    // Without a postRef option every held post gets its own random reference: the route's `:id`
    // may name a topic, not the post (two replies must never share an item).
    expect(done.body.preflight.review).toEqual({ id: expect.any(String), status: 'pending', postRef: expect.stringMatching(/^[0-9a-f-]{36}$/), because: 'third_party' });
    const { items, counts } = await store.reviews.list({ status: 'pending' });
    expect(items.map((i) => i.id)).toEqual([done.body.preflight.review.id]);
    expect(counts.pending).toBe(1);
    expect(items[0]).toMatchObject({
      status: 'pending', postRef: done.body.preflight.review.postRef, authorId: 'u1', findings: [expect.objectContaining({ type: 'phone', subject: 'third_party' })],
    });
    expect(items[0]!.fields.body).not.toContain('555-0123');
    expect((await store.reviews.get(items[0]!.id, { reveal: true }))!.fields.body).toBe(body);
    expect(await store.stats()).toMatchObject({ acknowledged: 1, held: 1 });
  });

  test('repeat bypassers are held for review', async () => {
    const { app, store } = await setup({ repeatBypass: { max: 1, windowSeconds: 3600 } });
    const ack = async (body: string) => {
      const first = await post(app, { body });
      return post(app, { body, piiAcknowledgement: first.body.acknowledgement.token });
    };
    const one = await ack(IBAN_BODY);
    expect(one.body.preflight.review).toBeUndefined();
    // The next warning already says the post will be held, and why: the repeats, not "someone else's".
    const warned = await request(app).post('/posts').set('x-test-user', 'u1').set('Accept', 'application/json').set('Accept-Language', 'de-DE')
      .send({ body: `Again: ${IBAN_BODY}` });
    expect(warned.body).toMatchObject({ action: 'review', held: { because: 'repeat' } });
    expect(warned.body.held.message).toBe('Das Moderationsteam prüft diesen Beitrag, bevor er erscheint. Du hast in kurzer Zeit oft persönliche Daten veröffentlicht.');
    const two = await ack(`Again: ${IBAN_BODY}`);
    expect(two.status).toBe(201);
    expect(two.body.preflight.review).toMatchObject({ status: 'pending', because: 'repeat' });
    expect((await store.reviews.get(two.body.preflight.review.id))?.heldBecause.rule).toBe('repeat-bypass');
  });
});

describe("don't warn me about this again", () => {
  test('remembered values are honoured for that user only', async () => {
    const { app, store } = await setup();
    const first = await post(app, { body: IBAN_BODY }, 'alice');
    await post(app, { body: IBAN_BODY, piiAcknowledgement: first.body.acknowledgement.token, piiRememberValues: 'true' }, 'alice').expect(201);
    const prefs = await store.preferences.list('alice');
    expect(prefs).toEqual([expect.objectContaining({ type: 'iban', valueHash: expect.stringMatching(HEX64) })]);
    expect(JSON.stringify(prefs)).not.toContain('3704');
    const later = await post(app, { body: `New post, same account: ${IBAN}` }, 'alice');
    expect(later.status).toBe(201);
    expect(later.body.preflight).toEqual({ action: 'allow', findings: [] });
    const other = await post(app, { body: `New post, same account: ${IBAN}` }, 'bob');
    expect(other.status).toBe(422);
  });
});

describe('HTML warning page for form posts', () => {
  const form = {
    title: 'Deposit <script>alert("x")</script>', body: IBAN_BODY, _csrf: 'tok"en<&>', tags: ['a', 'b&c'],
  };
  const encode = (pairs: Array<[string, string]>) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  const formBody = encode([['title', form.title], ['body', form.body], ['_csrf', form._csrf], ['tags', 'a'], ['tags', 'b&c']]);
  const decode = (s: string) => s.split('&quot;').join('"').split('&#39;').join("'").split('&#96;').join('`').split('&lt;').join('<').split('&gt;').join('>').split('&amp;').join('&');

  test('renders escaped content, notice, reasons and a re-post form; the re-post publishes exactly what was sent', async () => {
    const { app, store, published } = await setup();
    const res = await request(app).post('/posts').set('x-test-user', 'u1')
      .set('Accept', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8')
      .type('form').send(formBody);
    expect(res.status).toBe(422);
    expect(String(res.headers['content-type']).startsWith('text/html')).toBe(true);
    expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(res.headers['content-security-policy']).toMatch(/script-src 'none'/);
    expect(res.headers['content-security-policy']).toMatch(/form-action 'self'/);
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.text).not.toContain('<script>alert');
    expect(res.text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(res.text).toContain(`<mark title="This looks like a bank account number (IBAN)." data-type="iban">${IBAN}</mark>`);
    expect(res.text).toContain(EN_NOTICE);
    expect(res.text).toContain('value="intended"');
    expect(res.text).toContain('value="not_personal"');
    expect(res.text).toContain('value="other"');
    expect(res.text).toContain('name="piiUnderstood" value="true" required');
    expect(published).toHaveLength(0);

    // Accepts: a hidden input with a double-quoted name and value (no quotes inside; escaped).
    // Rejects: inputs of other types, unquoted attributes.
    const hiddenRe = /<input type="hidden" name="([^"]{0,200})" value="([^"]{0,2000})">/g;
    const hidden = [...res.text.matchAll(hiddenRe)].map((m) => [decode(m[1]!), decode(m[2]!)] as [string, string]);
    expect(hidden.filter(([n]) => n !== 'piiAcknowledgement')).toEqual([
      ['title', form.title], ['body', form.body], ['_csrf', form._csrf], ['tags', 'a'], ['tags', 'b&c'],
    ]);
    const repost: Array<[string, string]> = [...hidden, ['piiAcknowledgementReason', 'intended'], ['piiUnderstood', 'true']];
    const done = await request(app).post('/posts').set('x-test-user', 'u1').set('Accept', 'text/html').type('form').send(encode(repost));
    expect(done.status).toBe(201);
    expect(done.body.body).toEqual({ title: form.title, body: form.body, _csrf: form._csrf, tags: ['a', 'b&c'] });
    expect((await store.acknowledgements.list()).items[0]).toMatchObject({ method: 'form', reason: 'intended' });
  });

  test('"I understand" is enforced by the server for form acknowledgements; the token is not used up', async () => {
    const { app, store, published } = await setup();
    const first = await request(app).post('/posts').set('x-test-user', 'u1').set('Accept', 'text/html').type('form').send(encode([['body', IBAN_BODY]]));
    expect(first.status).toBe(422);
    // Accepts: the hidden token input of the page. Rejects: any other input.
    const token = /name="piiAcknowledgement" value="([A-Za-z0-9_.-]{1,2048})"/.exec(first.text)?.[1];
    expect(token).toBeDefined();
    const attempt = (extra: Array<[string, string]>, accept = 'text/html') => request(app).post('/posts').set('x-test-user', 'u1').set('Accept', accept)
      .type('form').send(encode([['body', IBAN_BODY], ['piiAcknowledgement', token!], ['piiAcknowledgementReason', 'intended'], ...extra]));

    for (const extra of [[], [['piiUnderstood', '']], [['piiUnderstood', 'no']]] as Array<Array<[string, string]>>) {
      const refused = await attempt(extra);
      expect(refused.status).toBe(422);
      expect(refused.text).toContain('data-error="pii_acknowledgement_required"');
      expect(refused.text).toContain('<p class="problem" role="alert">Please tick “I understand” to publish: the post was not published.</p>');
      expect(refused.text).toContain('name="piiAcknowledgement" value="');
    }
    const refusedJson = await attempt([], 'application/json');
    expect(refusedJson.status).toBe(422);
    expect(refusedJson.body).toMatchObject({ error: 'pii_acknowledgement_required', message: expect.stringContaining('I understand') });
    expect(refusedJson.body.acknowledgement.token).toMatch(TOKEN_SHAPE);
    const de = await attempt([], 'text/html').set('Accept-Language', 'de');
    expect(de.text).toContain('Bitte setze den Haken bei „Ich verstehe“');
    expect(published).toHaveLength(0);
    expect((await store.acknowledgements.list()).items).toHaveLength(0);

    // The same token still works once the box is ticked (browsers send "on" without a value attribute).
    const done = await attempt([['piiUnderstood', 'on']]);
    expect(done.status).toBe(201);
    expect(done.body.preflight).toMatchObject({ action: 'acknowledged', reason: 'intended' });
    expect(done.body.body).toEqual({ body: IBAN_BODY });
    expect((await store.acknowledgements.list()).items).toHaveLength(1);
  });

  test('JSON and widget acknowledgements do not need piiUnderstood (their UI confirms)', async () => {
    const { app } = await setup();
    const first = await post(app, { body: IBAN_BODY });
    const json = await post(app, { body: IBAN_BODY, piiAcknowledgement: first.body.acknowledgement.token });
    expect(json.status).toBe(201);
    const second = await post(app, { body: IBAN_BODY }, 'u2');
    const widget = await request(app).post('/posts').set('x-test-user', 'u2').set('Accept', 'application/json').type('form')
      .send(encode([['body', IBAN_BODY], ['piiAcknowledgement', second.body.acknowledgement.token], ['piiAcknowledgementMethod', 'widget']]));
    expect(widget.status).toBe(201);
    expect(widget.body.preflight.action).toBe('acknowledged');
  });

  test('a form post that prefers JSON gets JSON; a JSON post that accepts HTML gets JSON', async () => {
    const { app } = await setup();
    const a = await request(app).post('/posts').set('x-test-user', 'u1').set('Accept', 'application/json').type('form').send(formBody);
    expect(a.status).toBe(422);
    expect(a.body.error).toBe('pii_acknowledgement_required');
    const b = await request(app).post('/posts').set('x-test-user', 'u1').set('Accept', 'text/html').send({ body: IBAN_BODY });
    expect(b.headers['content-type']).toMatch(/json/);
  });

  test('a form content type with parameters or in another case still gets the page', async () => {
    const { app } = await setup();
    const res = await request(app).post('/posts').set('x-test-user', 'u1').set('Accept', 'text/html')
      .set('Content-Type', 'Application/X-WWW-Form-Urlencoded; charset=UTF-8').send(encode([['body', IBAN_BODY]]));
    expect(res.status).toBe(422);
    expect(String(res.headers['content-type'])).toMatch(/^text\/html/);
    expect(res.text).toContain('name="piiUnderstood"');
  });

  test('blocked form posts get the page without an acknowledgement form', async () => {
    const { app } = await setup();
    const res = await request(app).post('/posts').set('x-test-user', 'u1').set('Accept', 'text/html').type('form').send(encode([['body', CARD_BODY]]));
    expect(res.status).toBe(422);
    expect(res.text).toContain('data-error="pii_blocked"');
    expect(res.text).not.toContain('name="piiAcknowledgement"');
  });

  test('warningPage: the host layout wraps the page, readable field labels, edit forms post the text (and a masked copy) to the composer', async () => {
    const layout = jest.fn((parts: { head: string; main: string; lang: string; title: string }, req: Request) =>
      `<!doctype html><html lang="${parts.lang}"><head>${parts.head}<link rel="stylesheet" href="/forum.css"></head><body><header id="forum">Forum for ${String(req.get('x-test-user'))}</header><main>${parts.main}</main></body></html>`);
    const { app } = await setup({ warningPage: { layout, editAction: (req) => `/compose/${String(req.get('x-test-user'))}`, fieldLabels: { body: 'Your post' } } });
    const res = await request(app).post('/posts').set('x-test-user', 'u1').set('Accept', 'text/html').type('form')
      .send(encode([['title', 'Hi <b>'], ['body', IBAN_BODY]]));
    expect(res.status).toBe(422);
    expect(res.text).toContain('<header id="forum">Forum for u1</header>');
    expect(res.headers['content-security-policy']).toMatch(/style-src 'self' 'nonce-[^']+'; img-src 'self'; script-src 'none'/);
    expect(res.text).toContain('<h2>Title</h2>');
    expect(res.text).toContain('<h2>Your post</h2>');
    expect(res.text).not.toContain('Field:');
    // Two edit forms to the composer: the text as sent, and with the IBAN masked.
    const forms = [...res.text.matchAll(/<form method="post" action="\/compose\/u1">([\s\S]*?)<\/form>/g)].map((m) => m[1]!);
    expect(forms).toHaveLength(2);
    expect(forms[0]).toContain(`value="${IBAN_BODY}"`);
    expect(forms[0]).toContain('value="Hi &lt;b&gt;"');
    expect(forms[1]).not.toContain(IBAN);
    expect(forms[1]).toMatch(/name="body" value="Please pay the deposit to DE/);
    // The reason is optional, as in the widget; the note has a label.
    expect(res.text).not.toMatch(/name="piiAcknowledgementReason"[^>]*required/);
    expect(res.text).toContain('<label for="pii-note"');
    // An edit action off this origin is refused at setup, and one a function returns is ignored.
    await expect(setup({ warningPage: { editAction: '//evil.example/x' } })).rejects.toThrow(/same-origin path/);
    await expect(setup({ warningPage: { layout: 'x' as never } })).rejects.toThrow(/layout/);
    const off = await setup({ warningPage: { editAction: () => 'https://evil.example/' } });
    const page = await request(off.app).post('/posts').set('x-test-user', 'u1').set('Accept', 'text/html').type('form').send(encode([['body', IBAN_BODY]]));
    expect(page.text).not.toContain('evil.example');
  });
});

describe('users', () => {
  test('no user → 401 unauthenticated', async () => {
    const { app } = await setup();
    const res = await request(app).post('/posts').send({ body: CLEAN });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'unauthenticated', message: 'A signed-in user is required.' });
  });
  test('anonymous function gives an id that tokens and the log are bound to', async () => {
    const { app, store } = await setup({ anonymous: (req) => `anon:${req.get('x-session') ?? ''}` });
    const first = await request(app).post('/posts').set('x-session', 's1').send({ body: IBAN_BODY });
    expect(first.status).toBe(422);
    const other = await request(app).post('/posts').set('x-session', 's2').send({ body: IBAN_BODY, piiAcknowledgement: first.body.acknowledgement.token });
    expect(other.body.error).toBe('pii_ack_mismatch');
    await request(app).post('/posts').set('x-session', 's1').send({ body: IBAN_BODY, piiAcknowledgement: first.body.acknowledgement.token }).expect(201);
    expect((await store.acknowledgements.list()).items[0]!.userId).toBe('anon:s1');
  });
  test('a throwing host callback → 500 invalid_options naming it, never next()', async () => {
    const logger = { warn: jest.fn(), error: jest.fn() };
    const { app, published } = await setup({ userId: () => { throw new Error('session store down'); }, logger });
    const res = await request(app).post('/posts').send({ body: CLEAN });
    expect(res.status).toBe(500);
    expect(res.body.error).toBe('invalid_options');
    expect(res.body.message).toContain('`userId`');
    expect(published).toHaveLength(0);
    expect(logger.error).toHaveBeenCalledTimes(1);
  });
  test('custom userId', async () => {
    const { app } = await setup({ userId: (req) => req.get('x-other-user') });
    await request(app).post('/posts').set('x-other-user', 'z').send({ body: CLEAN }).expect(201);
    await request(app).post('/posts').set('x-test-user', 'z').send({ body: CLEAN }).expect(401);
  });
});

describe('fields', () => {
  test('dotted paths', async () => {
    const { app } = await setup({ fields: ['post.title', 'post.body'] });
    const res = await post(app, { post: { title: 'x', body: IBAN_BODY }, body: 'ignored' });
    expect(res.status).toBe(422);
    expect(res.body.findings[0].field).toBe('post.body');
    await post(app, { post: { title: 'x', body: CLEAN }, body: IBAN_BODY }).expect(201);
  });
  test('a function', async () => {
    const { app } = await setup({ fields: (req) => ({ text: (req.body as { content?: string }).content }) });
    const res = await post(app, { content: IBAN_BODY });
    expect(res.body.findings[0].field).toBe('text');
  });
  test('a function handing back parsed fields with an own "__proto__" key → 400, never published unscanned', async () => {
    const { app, published } = await setup({ fields: (req) => (req.body as { fields: Record<string, string> }).fields });
    const res = await request(app).post('/posts').set('x-test-user', 'u1').set('Accept', 'application/json').type('json')
      .send(`{"fields":{"title":"hi","__proto__":"${IBAN_BODY}"}}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_input');
    expect(published).toHaveLength(0);
    await post(app, { fields: { title: 'hi', body: CLEAN } }).expect(201);
  });
  test('a non-string field → 400 invalid_input', async () => {
    const { app } = await setup();
    const res = await post(app, { body: { nested: IBAN_BODY } });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_input');
    expect(res.body.message).not.toContain('3704');
  });
  test('too large → 413', async () => {
    const { app } = await setup({ maxLength: 100 });
    const res = await post(app, { body: 'a'.repeat(101) });
    expect(res.status).toBe(413);
    expect(res.body.error).toBe('input_too_large');
  });
  test('no body parser → 500 invalid_options, never next()', async () => {
    const { app, published } = await setup();
    const res = await request(app).post('/raw').set('x-test-user', 'u1').set('Content-Type', 'application/json').send(JSON.stringify({ body: IBAN_BODY }));
    expect(res.status).toBe(500);
    expect(res.body.error).toBe('invalid_options');
    expect(published).toHaveLength(0);
  });
});

describe('failures', () => {
  const throwingScanner = () => {
    const real = createScanner();
    return { options: real.options, scan: real.scan.bind(real), scanFields: (): never => { throw new TypeError('detector crashed'); } };
  };

  test('scanner throws → 503 scan_failed with Retry-After (fail closed)', async () => {
    const logger = { warn: jest.fn(), error: jest.fn() };
    const { app, published } = await setup({ scanner: throwingScanner(), logger });
    const res = await post(app, { body: IBAN_BODY });
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('10');
    expect(res.body.error).toBe('scan_failed');
    expect(published).toHaveLength(0);
    expect(logger.error).toHaveBeenCalled();
    expect(JSON.stringify(logger.error.mock.calls)).not.toContain('3704');
  });

  test("onScanError: 'fail-open' → next() with allow and a logged warning", async () => {
    const logger = { warn: jest.fn(), error: jest.fn() };
    const { app } = await setup({ scanner: throwingScanner(), logger, onScanError: 'fail-open' });
    const res = await post(app, { body: IBAN_BODY, piiAcknowledgement: 'x' });
    expect(res.status).toBe(201);
    expect(res.body.preflight).toEqual({ action: 'allow', findings: [], scanError: true });
    expect(res.body.body).toEqual({ body: IBAN_BODY });
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });

  test('store closed → 503 store_unavailable with Retry-After, never next()', async () => {
    const store = await createStore({ url: 'sqlite::memory:', secret: SECRET });
    const { app, published } = await setup({}, store);
    await store.close();
    for (const body of [{ body: CLEAN }, { body: IBAN_BODY }]) {
      const res = await post(app, body);
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('10');
      expect(res.body.error).toBe('store_unavailable');
    }
    expect(published).toHaveLength(0);
  });

  test('store failing during the acknowledgement (append throws) → 503, nothing published', async () => {
    const real = await createStore({ url: 'sqlite::memory:', secret: SECRET });
    const failingLog = Object.create(real.acknowledgements) as Store['acknowledgements'];
    failingLog.append = async () => { throw new PreflightError('store_unavailable'); };
    const store = Object.create(real, { acknowledgements: { value: failingLog } }) as Store;
    const { app, published } = await setup({}, store);
    stores.push(real);
    const first = await post(app, { body: IBAN_BODY });
    expect(first.status).toBe(422);
    const res = await post(app, { body: IBAN_BODY, piiAcknowledgement: first.body.acknowledgement.token });
    expect(res.status).toBe(503);
    expect(res.body.error).toBe('store_unavailable');
    expect(published).toHaveLength(0);
  });
});

describe('metrics', () => {
  test('prom-client counters follow the flow', async () => {
    const registry = new Registry();
    const { app } = await setup({ metrics: registry });
    preflight({ store: stores[stores.length - 1]!, secret: SECRET, metrics: registry }); // a second instance reuses the counters
    await post(app, { body: CLEAN });
    const first = await post(app, { body: IBAN_BODY });
    await post(app, { body: IBAN_BODY, piiAcknowledgement: first.body.acknowledgement.token, piiAcknowledgementReason: 'intended' });
    await post(app, { body: CARD_BODY });
    const text = await registry.metrics();
    expect(text).toContain('pii_preflight_events_total{event="scanned",reason=""} 4');
    expect(text).toContain('pii_preflight_events_total{event="allowed",reason=""} 1');
    expect(text).toContain('pii_preflight_events_total{event="warned",reason=""} 1');
    expect(text).toContain('pii_preflight_events_total{event="acknowledged",reason="intended"} 1');
    expect(text).toContain('pii_preflight_events_total{event="blocked",reason=""} 1');
    expect(text).toContain('pii_preflight_findings_total{type="payment_card",action="block"} 1');
  });
});
