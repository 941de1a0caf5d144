// The main publish flows against an Express 4 app (`express4`: npm alias of express@4), proving
// that preflight() is a plain (req, res, next) middleware that works on Express 4 and 5 alike.
import express4 from 'express4';
import { readFileSync } from 'fs';
import request from 'supertest';
import { preflight, type PreflightOptions } from '../../src/express';
import { createStore } from '../../src/store';
import type { Store } from '../../src/store/types';
import { canonicalContent, createTokenSigner } from '../../src/express/tokens';
import { defaultPolicy } from '../../src/policy';
import { DEFAULT_NOTICE_VERSION } from '../../src/express/notice';

const SECRET = 'xXWkYld2M-zFNLml5SIQ5vZh1FA9IDXPQo4LRFMEng0';
// Fake values: a checksum-valid test IBAN, the standard Visa test card, a fictional 555-01xx number.
const IBAN = 'DE89 3704 0044 0532 0130 00';
const IBAN_BODY = `Please pay the deposit to ${IBAN} by Friday.`;
const CARD_BODY = 'Charge my card 4111 1111 1111 1111 for the tickets.';
const THIRD_PARTY_PHONE = 'His number is (201) 555-0123 if you want to reach him.';
const CLEAN = 'The meetup starts at seven; bring snacks.';
// Accepts: a compact token, base64url payload "." base64url signature (1..2048 chars each).
// Rejects: padding, standard base64 characters, whitespace, a missing part.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{1,2048}\.[A-Za-z0-9_-]{1,2048}$/;

const stores: Store[] = [];
afterAll(async () => {
  for (const s of stores) await s.close().catch(() => undefined);
});

interface Published { preflight: unknown; body: unknown }

async function setup(extra: Partial<PreflightOptions> = {}, storeOverride?: Store) {
  const store = storeOverride ?? await createStore({ url: 'sqlite::memory:', secret: SECRET });
  stores.push(store);
  const published: Published[] = [];
  const app = express4();
  app.use((req, _res, next) => {
    const u = req.get('x-test-user');
    if (u) (req as express4.Request & { user?: { id: string } }).user = { id: u };
    next();
  });
  // preflight() is typed with Express 5's RequestHandler; at run time it is the same (req, res, next).
  const mw = preflight({ store, secret: SECRET, logger: { warn: jest.fn(), error: jest.fn() }, ...extra }) as unknown as express4.RequestHandler;
  const handler = (req: express4.Request, res: express4.Response) => {
    // `req.preflight` is typed on Express 4's Request too (global Express namespace).
    published.push({ preflight: req.preflight, body: req.body as unknown });
    res.status(201).json({ preflight: req.preflight, body: req.body as unknown });
  };
  app.post('/posts', express4.json(), express4.urlencoded({ extended: false }), mw, handler);
  app.post('/posts/:id', express4.json(), mw, handler);
  return { app, store, published };
}

const post = (app: express4.Express, body: object, user = 'u1') =>
  request(app).post('/posts').set('x-test-user', user).set('Accept', 'application/json').send(body);

const encode = (pairs: Array<[string, string]>) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');

describe('preflight() on Express 4: bodies it cannot read', () => {
  test('text/plain (Express 4 leaves {} behind) and a string body from express.text() → 415, never next()', async () => {
    const { app, published } = await setup();
    const plain = await request(app).post('/posts').set('x-test-user', 'u1').set('Content-Type', 'text/plain').send('Call me at (201) 555-0123 after six.');
    expect(plain.status).toBe(415);
    expect(plain.body.error).toBe('unsupported_media_type');
    const textApp = express4();
    textApp.use((req, _res, next) => { (req as express4.Request & { user?: { id: string } }).user = { id: 'u1' }; next(); });
    const store = await createStore({ url: 'sqlite::memory:', secret: SECRET });
    stores.push(store);
    textApp.post('/posts', express4.text(), preflight({ store, secret: SECRET, fields: ['body'] }) as unknown as express4.RequestHandler, (req, res) => {
      published.push({ preflight: req.preflight, body: req.body as unknown });
      res.status(201).end();
    });
    const text = await request(textApp).post('/posts').set('Content-Type', 'text/plain').send('Call me at (201) 555-0123 after six.');
    expect(text.status).toBe(415);
    expect(published).toHaveLength(0);
  });
});

describe('preflight() on Express 4', () => {
  test('the app really is Express 4', () => {
    const pkg = JSON.parse(readFileSync(require.resolve('express4/package.json'), 'utf8')) as { version: string };
    expect(pkg.version).toMatch(/^4\./);
  });

  test('allow: a clean post reaches next() with { action: allow, findings: [] }', async () => {
    const { app, store, published } = await setup();
    const res = await post(app, { title: 'Meetup', body: CLEAN });
    expect(res.status).toBe(201);
    expect(res.body.preflight).toEqual({ action: 'allow', findings: [] });
    expect(published).toHaveLength(1);
    expect(await store.stats()).toMatchObject({ scanned: 1, allowed: 1 });
  });

  test('422 pii_acknowledgement_required → acknowledge → next() with the log record', async () => {
    const { app, store, published } = await setup();
    const first = await post(app, { title: 'Deposit', body: IBAN_BODY });
    expect(first.status).toBe(422);
    expect(Object.keys(first.body).sort()).toEqual(['acknowledgement', 'action', 'error', 'findings', 'message', 'notice', 'policy']);
    expect(first.body.error).toBe('pii_acknowledgement_required');
    expect(first.body.findings).toEqual([expect.objectContaining({ field: 'body', type: 'iban', start: IBAN_BODY.indexOf(IBAN) })]);
    expect(first.body.acknowledgement.token).toMatch(TOKEN_SHAPE);
    expect(first.headers['cache-control']).toBe('no-store');
    expect(published).toHaveLength(0);

    const done = await post(app, { title: 'Deposit', body: IBAN_BODY, piiAcknowledgement: first.body.acknowledgement.token, piiAcknowledgementReason: 'intended' });
    expect(done.status).toBe(201);
    expect(done.body.preflight).toMatchObject({ action: 'acknowledged', acknowledgementId: expect.any(String), reason: 'intended' });
    expect(done.body.body).toEqual({ title: 'Deposit', body: IBAN_BODY });
    const { items } = await store.acknowledgements.list({ userId: 'u1' });
    expect(items.map((r) => r.id)).toEqual([done.body.preflight.acknowledgementId]);
  });

  test('token by header (PII-Acknowledgement) works too', async () => {
    const { app } = await setup();
    const first = await post(app, { body: IBAN_BODY });
    const done = await post(app, { body: IBAN_BODY }).set('PII-Acknowledgement', first.body.acknowledgement.token).set('PII-Acknowledgement-Reason', 'not_personal');
    expect(done.status).toBe(201);
    expect(done.body.preflight.reason).toBe('not_personal');
  });

  test('block: payment card → 422 pii_blocked without a token', async () => {
    const { app, published } = await setup();
    const res = await post(app, { body: CARD_BODY });
    expect(res.status).toBe(422);
    expect(res.body.error).toBe('pii_blocked');
    expect(res.body.acknowledgement).toBeUndefined();
    expect(published).toHaveLength(0);
  });

  test('review: a third-party phone is held pending after the acknowledgement, under the host\'s postRef', async () => {
    const { app, store } = await setup({ postRef: (req) => `post:${String(req.params.id)}` });
    const first = await request(app).post('/posts/p-42').set('x-test-user', 'u1').send({ body: THIRD_PARTY_PHONE });
    expect(first.status).toBe(422);
    expect(first.body.findings).toEqual([expect.objectContaining({ type: 'phone' })]);
    const done = await request(app).post('/posts/p-42').set('x-test-user', 'u1').send({ body: THIRD_PARTY_PHONE, piiAcknowledgement: first.body.acknowledgement.token });
    expect(done.status).toBe(201);
    expect(done.body.preflight.review).toEqual({ id: expect.any(String), status: 'pending', postRef: 'post:p-42', because: 'third_party' });
    const item = await store.reviews.get(done.body.preflight.review.id);
    expect(item).toMatchObject({ status: 'pending', postRef: 'post:p-42', authorId: 'u1' });
  });

  test('token errors: invalid, expired, mismatch, replayed — each with findings and a fresh token', async () => {
    const { app, store, published } = await setup();
    const invalid = await post(app, { body: IBAN_BODY, piiAcknowledgement: 'not-a-token' });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error).toBe('pii_ack_invalid');
    expect(invalid.body.findings).toHaveLength(1);
    expect(invalid.body.acknowledgement.token).toMatch(TOKEN_SHAPE);

    const expired = createTokenSigner(SECRET).issue({
      userId: 'u1', contentHash: store.hmac(canonicalContent({ body: IBAN_BODY }, 'plain')),
      policyVersion: defaultPolicy.version, noticeVersion: DEFAULT_NOTICE_VERSION,
    }, 60, new Date(Date.now() - 3600_000));
    const exp = await post(app, { body: IBAN_BODY, piiAcknowledgement: expired.token });
    expect(exp.status).toBe(422);
    expect(exp.body.error).toBe('pii_ack_expired');

    const token = invalid.body.acknowledgement.token as string;
    const stolen = await post(app, { body: IBAN_BODY, piiAcknowledgement: token }, 'mallory');
    expect(stolen.status).toBe(422);
    expect(stolen.body.error).toBe('pii_ack_mismatch');
    expect(published).toHaveLength(0);

    await post(app, { body: IBAN_BODY, piiAcknowledgement: token }).expect(201);
    const replayed = await post(app, { body: IBAN_BODY, piiAcknowledgement: token });
    expect(replayed.status).toBe(422);
    expect(replayed.body.error).toBe('pii_ack_replayed');
    expect(replayed.body.acknowledgement.token).not.toBe(token);
    expect(published).toHaveLength(1);
  });

  test('413 input_too_large', async () => {
    const { app } = await setup({ maxLength: 100 });
    const res = await post(app, { body: 'a'.repeat(101) });
    expect(res.status).toBe(413);
    expect(res.body.error).toBe('input_too_large');
  });

  test('503 store_unavailable with Retry-After when the store is closed; never next()', async () => {
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

  test('urlencoded form post: HTML warning page; "I understand" enforced; the re-post publishes what was typed', async () => {
    const { app, published } = await setup();
    const page = await request(app).post('/posts').set('x-test-user', 'u1').set('Accept', 'text/html').type('form')
      .send(encode([['title', 'Deposit'], ['body', IBAN_BODY]]));
    expect(page.status).toBe(422);
    expect(String(page.headers['content-type'])).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'none'/);
    expect(page.text).toContain('data-error="pii_acknowledgement_required"');
    expect(page.text).toContain('<input type="hidden" name="title" value="Deposit">');
    // Accepts: the hidden token input of the page. Rejects: any other input.
    const token = /name="piiAcknowledgement" value="([A-Za-z0-9_.-]{1,2048})"/.exec(page.text)?.[1];
    expect(token).toMatch(TOKEN_SHAPE);

    const base: Array<[string, string]> = [['title', 'Deposit'], ['body', IBAN_BODY], ['piiAcknowledgement', token!], ['piiAcknowledgementReason', 'intended']];
    const unticked = await request(app).post('/posts').set('x-test-user', 'u1').set('Accept', 'text/html').type('form').send(encode(base));
    expect(unticked.status).toBe(422);
    expect(unticked.text).toContain('class="problem"');
    expect(published).toHaveLength(0);

    const done = await request(app).post('/posts').set('x-test-user', 'u1').set('Accept', 'text/html').type('form')
      .send(encode([...base, ['piiUnderstood', 'true']]));
    expect(done.status).toBe(201);
    expect(done.body.body).toEqual({ title: 'Deposit', body: IBAN_BODY });
    expect(done.body.preflight).toMatchObject({ action: 'acknowledged', reason: 'intended' });
  });
});
