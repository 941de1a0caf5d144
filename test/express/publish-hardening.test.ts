/**
 * The publish flow against hostile users (issue 12): remembered values never skip review, nobody
 * takes over another user's review item, the policy holds doxxing however it is worded, no raw
 * personal data in `postRef`, findings capped and `truncated` reported, bad media types answered
 * with a code, strict token decoding. Everything through the HTTP surface (supertest, real SQLite).
 */
import express, { type Request } from 'express';
import request from 'supertest';
import { preflight, checkRoute, reviewRouter, type PreflightOptions } from '../../src/express';
import { createStore, createScanner, findingValue, canonicalJson, ERROR_CODES, type Store, type Scanner } from '../../src';

const SECRET = 'hqy0kZmOkscEMFARMcfFqytogMTAdtdJ0FigW-PKUgY';
// Fictional values: NANP 555-01xx numbers, example.com mail, the usual Springfield address.
const THIRD_PARTY_PHONE = 'His number is (201) 555-0123 if you want to reach him.';
const OWN_PHONE = 'Call me at (201) 555-0123 after six.';
const ADDRESS = '1234 Elm Street, Springfield, IL 62704';

const stores: Store[] = [];
afterAll(async () => { for (const s of stores) await s.close().catch(() => undefined); });

interface Published { user: string; body: Record<string, unknown>; preflight: unknown }

async function setup(extra: Partial<PreflightOptions> = {}) {
  const store = await createStore({ url: 'sqlite::memory:', secret: SECRET });
  stores.push(store);
  const published: Published[] = [];
  const logger = { warn: jest.fn(), error: jest.fn() };
  const owners = new Map<string, string>();
  const app = express();
  app.use((req, _res, next) => {
    const u = req.get('x-test-user');
    if (u) (req as Request & { user?: { id: string } }).user = { id: u };
    next();
  });
  const guard = preflight({ store, secret: SECRET, logger, ...extra });
  const handler = (req: Request, res: express.Response) => {
    const user = (req as Request & { user?: { id: string } }).user?.id ?? '';
    published.push({ user, body: req.body as Record<string, unknown>, preflight: req.preflight });
    res.status(201).json({ preflight: req.preflight });
  };
  app.post('/posts', express.json(), express.urlencoded({ extended: false }), guard, handler);
  app.post('/raw', guard, handler);
  app.post('/t/:id/replies', express.json(), guard, handler);
  // The README's edit route, mounted the wrong way round: the guard runs before the host checks
  // that the requester owns the post (the host answers 403 afterwards).
  app.post('/posts/:id/edit', express.json(), guard, (req, res) => {
    const user = (req as Request & { user?: { id: string } }).user?.id ?? '';
    const owner = owners.get(String(req.params.id));
    if (owner !== undefined && owner !== user) { res.status(403).json({ error: 'forbidden' }); return; }
    owners.set(String(req.params.id), user);
    handler(req, res);
  });
  return { app, store, published, logger };
}

function send(app: express.Express, path: string, body: object, user: string) {
  return request(app).post(path).set('x-test-user', user).set('Accept', 'application/json').send(body);
}

/** Posts, then acknowledges with the token of the 422. */
async function acknowledge(app: express.Express, body: Record<string, unknown>, user = 'u1', path = '/posts', extra: Record<string, unknown> = {}) {
  const first = await send(app, path, body, user);
  expect(first.status).toBe(422);
  expect(first.body.acknowledgement?.token).toEqual(expect.any(String));
  return send(app, path, { ...body, piiAcknowledgement: first.body.acknowledgement.token, ...extra }, user);
}

describe('item 1: "don\'t warn me again" never skips review', () => {
  test('a held post remembers nothing: after a rejection the same values are held again, not published', async () => {
    const { app, store, published } = await setup();
    const done = await acknowledge(app, { body: THIRD_PARTY_PHONE }, 'mallory', '/posts', { piiRememberValues: 'true' });
    expect(done.status).toBe(201);
    expect(done.body.preflight.policyAction).toBe('review');
    expect(await store.preferences.list('mallory')).toEqual([]);
    await store.reviews.act(done.body.preflight.review.id, { action: 'reject', moderatorId: 'mod', reason: 'doxxing' });
    const again = await send(app, '/posts', { body: THIRD_PARTY_PHONE }, 'mallory');
    expect(again.status).toBe(422);
    expect(again.body.error).toBe('pii_acknowledgement_required');
    expect(published).toHaveLength(1);
  });

  test('a remembered value is not filtered out where policy holds it for review or blocks it', async () => {
    const { app, store } = await setup();
    // The value is remembered (say, from an older version of the library, or a warn-level post).
    const scanner = createScanner();
    const [phone] = scanner.scanFields({ body: THIRD_PARTY_PHONE }).findings;
    await store.preferences.add('mallory', { type: 'phone', masked: phone!.masked, valueHash: store.hmac(findingValue(phone!)) });
    const res = await send(app, '/posts', { body: THIRD_PARTY_PHONE }, 'mallory');
    expect(res.status).toBe(422);
    expect(res.body.findings).toEqual([expect.objectContaining({ type: 'phone' })]);
    const done = await send(app, '/posts', { body: THIRD_PARTY_PHONE, piiAcknowledgement: res.body.acknowledgement.token }, 'mallory');
    expect(done.body.preflight.policyAction).toBe('review');
  });

  test('the author\'s own warn-level value is remembered and skipped later; next to hostile cues it is held all the same', async () => {
    const { app, store } = await setup();
    const done = await acknowledge(app, { body: OWN_PHONE }, 'alice', '/posts', { piiRememberValues: 'true' });
    expect(done.body.preflight.policyAction).toBe('warn');
    expect(await store.preferences.list('alice')).toEqual([expect.objectContaining({ type: 'phone' })]);
    const later = await send(app, '/posts', { body: `New post. ${OWN_PHONE}` }, 'alice');
    expect(later.status).toBe(201);
    expect(later.body.preflight).toEqual({ action: 'allow', findings: [] });
    const hostile = await send(app, '/posts', { body: `${OWN_PHONE} Spread it.` }, 'alice');
    expect(hostile.status).toBe(422);
  });
});

describe('item 2: nobody takes over another user\'s review item', () => {
  const postRef = (req: Request) => (req.params.id ? `post:${String(req.params.id)}` : undefined);

  test('"editing" someone else\'s held post answers 409 and leaves the item, its author and its text alone', async () => {
    const { app, store, published } = await setup({ postRef });
    const alice = await acknowledge(app, { body: THIRD_PARTY_PHONE }, 'alice', '/posts/7/edit');
    expect(alice.status).toBe(201);
    const itemId = alice.body.preflight.review.id as string;
    const mallory = await acknowledge(app, { body: 'His number is (201) 555-0199, call him at night.' }, 'mallory', '/posts/7/edit');
    expect(mallory.status).toBe(409);
    expect(mallory.body.error).toBe('conflict');
    // Refused before anything was written: no acknowledgement logged for Mallory.
    expect((await store.acknowledgements.list({ userId: 'mallory' })).items).toEqual([]);
    const item = await store.reviews.get(itemId, { reveal: true });
    expect(item).toMatchObject({ authorId: 'alice', version: 1, status: 'pending' });
    expect(item!.fields.body).toBe(THIRD_PARTY_PHONE);
    expect(published.map((p) => p.user)).toEqual(['alice']);
    // A redaction publishes Alice's text, never Mallory's.
    let resolved: string | undefined;
    const mod = express();
    mod.use('/mod', reviewRouter({ store, authorize: () => ({ id: 'mod' }), onResolved: (it) => { resolved = `${it.authorId}:${it.resolution?.fields?.body ?? ''}`; }, logger: { warn: () => undefined, error: () => undefined } }));
    await request(mod).post(`/mod/queue/${itemId}/actions`).set('Content-Type', 'application/json').send({ action: 'redact', reason: 'masked' }).expect(200);
    expect(resolved).toMatch(/^alice:His number is /);
  });

  test('without a postRef option, two users\' held replies in one topic are two items', async () => {
    const { app, store } = await setup();
    const a = await acknowledge(app, { body: THIRD_PARTY_PHONE }, 'alice', '/t/42/replies');
    const b = await acknowledge(app, { body: 'Her number is (201) 555-0188, she sells the bike.' }, 'bob', '/t/42/replies');
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(a.body.preflight.review.postRef).not.toBe(b.body.preflight.review.postRef);
    const { items } = await store.reviews.list();
    expect(items.map((i) => i.authorId).sort()).toEqual(['alice', 'bob']);
  });
});

describe('item 5: doxxing is held whatever the wording', () => {
  test.each([
    ['a role noun, read as the author\'s own', `Address of the mod who banned me: ${ADDRESS}`],
    ['"found the guy who…", unknown subject', `Found the guy who keyed my car. ${ADDRESS}`],
    ['"<handle> = <name>" and "spread it"', 'u/throwaway123 = John Smith, phone (212) 555-0107. Spread it.'],
    ['"do what you want with that"', 'Here is the number (212) 555-0107, do what you want with that.'],
  ])('%s → review', async (_name, body) => {
    const { app, store } = await setup();
    const done = await acknowledge(app, { body }, 'u1', '/posts', { piiAcknowledgementReason: 'intended' });
    expect(done.status).toBe(201);
    expect(done.body.preflight.policyAction).toBe('review');
    const item = await store.reviews.get(done.body.preflight.review.id);
    expect(item?.heldBecause.rule).toBe('review-contact-exposing-cues');
  });

  test('someone else\'s email claimed `not_personal` is held for a moderator to confirm', async () => {
    const { app, store } = await setup();
    const body = 'His email is kim.ortega@example.com if you need him.';
    const done = await acknowledge(app, { body }, 'u1', '/posts', { piiAcknowledgementReason: 'not_personal' });
    expect(done.body.preflight.policyAction).toBe('review');
    expect((await store.reviews.get(done.body.preflight.review.id))?.heldBecause).toMatchObject({ rule: 'review-not-personal-third-party', reason: 'not_personal' });
    // The same email acknowledged as `intended` stays a warning (the author's choice to publish).
    const { app: app2 } = await setup();
    expect((await acknowledge(app2, { body }, 'u1', '/posts', { piiAcknowledgementReason: 'intended' })).body.preflight.policyAction).toBe('warn');
  });

  test('friendly wording next to the author\'s own number stays a warning', async () => {
    const { app } = await setup();
    const done = await acknowledge(app, { body: 'Call me at (201) 555-0123 and spread the news about the bake sale.' });
    expect(done.body.preflight.policyAction).toBe('warn');
  });
});

describe('item 6: no raw personal data at rest through postRef', () => {
  test('a postRef that repeats a value of the post is refused before anything is written', async () => {
    const slug = (req: Request) => `call-kim-${String((req.body as { body: string }).body).toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
    const { app, store, published, logger } = await setup({ postRef: slug });
    const done = await acknowledge(app, { body: THIRD_PARTY_PHONE });
    expect(done.status).toBe(500);
    expect(done.body).toMatchObject({ error: 'invalid_options' });
    expect(done.body.message).toContain('`postRef`');
    expect(published).toHaveLength(0);
    expect((await store.reviews.list()).items).toHaveLength(0);
    expect((await store.acknowledgements.list()).items).toHaveLength(0);
    expect(JSON.stringify(logger.error.mock.calls)).not.toContain('555');
  });
});

/** A real scanner whose results say they were cut at the findings cap (as the scanner's `maxFindings` does). */
function truncatingScanner(): Scanner {
  const real = createScanner();
  return {
    options: real.options,
    scan: (text, o) => ({ ...real.scan(text, o), truncated: true }),
    scanFields: (fields, o) => ({ ...real.scanFields(fields, o), truncated: true }),
  };
}

describe('item 12: findings capped, `truncated` reported', () => {
  test('a truncated scan: 422 says `truncated: true`, and the post is held (more contact values than counted)', async () => {
    const { app, store } = await setup({ scanner: truncatingScanner() });
    const first = await send(app, '/posts', { body: OWN_PHONE }, 'u1');
    expect(first.status).toBe(422);
    expect(first.body.truncated).toBe(true);
    const done = await send(app, '/posts', { body: OWN_PHONE, piiAcknowledgement: first.body.acknowledgement.token }, 'u1');
    expect(done.body.preflight.policyAction).toBe('review');
    const item = await store.reviews.get(done.body.preflight.review.id);
    expect(item?.heldBecause).toMatchObject({ rule: 'review-many-contacts', truncated: true });
    // The moderator's page says the list is incomplete.
    const mod = express();
    mod.use('/mod', reviewRouter({ store, authorize: () => ({ id: 'mod' }), logger: { warn: () => undefined, error: () => undefined } }));
    const page = await request(mod).get(`/mod/items/${item!.id}`).set('Accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Only the first 1 findings are listed and masked: the post holds more.');
    // Not truncated: no `truncated` key at all.
    const { app: plain } = await setup();
    expect((await send(plain, '/posts', { body: OWN_PHONE }, 'u1')).body).not.toHaveProperty('truncated');
  });

  test('filler that uses up the scanner\'s work budget never publishes what follows it unread', async () => {
    // Harmless look-alikes (dates) before the contact details: the scanner stops before reaching
    // them and reports nothing but `truncated`. That must not mean "allow".
    const { app, store, published } = await setup();
    const body = `Race results: ${'2024-01-02 '.repeat(8000)}\n\nCall me at 415 555 0132 or jane.doe@example.com`;
    const first = await send(app, '/posts', { body }, 'u1');
    expect(first.status).toBe(422);
    expect(first.body).toMatchObject({ error: 'pii_acknowledgement_required', truncated: true });
    expect(published).toHaveLength(0);
    const done = await send(app, '/posts', { body, piiAcknowledgement: first.body.acknowledgement.token }, 'u1');
    expect(done.status).toBe(201);
    expect(done.body.preflight).toMatchObject({ action: 'acknowledged', policyAction: 'review' });
    const item = await store.reviews.get(done.body.preflight.review.id);
    expect(item?.heldBecause).toMatchObject({ rule: 'review-many-contacts', truncated: true });
  });

  test('the HTML warning page says only the first findings are shown', async () => {
    const { app } = await setup({ scanner: truncatingScanner() });
    const res = await request(app).post('/posts').set('x-test-user', 'u1').set('Accept', 'text/html').type('form').send(`body=${encodeURIComponent(OWN_PHONE)}`);
    expect(res.status).toBe(422);
    expect(res.text).toContain('<p class="truncated">Only the first 1 findings are shown: the post holds more.</p>');
  });

  test('the live check says `truncated: true`', async () => {
    const app = express();
    app.post('/check', checkRoute({ rateLimit: false, scanner: truncatingScanner() }));
    const res = await request(app).post('/check').send({ text: OWN_PHONE });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ findings: [expect.objectContaining({ type: 'phone' })], truncated: true });
    expect(() => checkRoute({ scanner: truncatingScanner(), locales: ['de-DE'] })).toThrow(/cannot be combined with `locales`/);
  });

  test('a post listing many contact values is held (spam or a list of people); its acknowledgement stores at most 100 findings', async () => {
    const { app, store } = await setup();
    const body = Array.from({ length: 120 }, (_, i) => `member${i}@example.com`).join(', ');
    const done = await acknowledge(app, { body }, 'u1', '/posts', { piiAcknowledgementReason: 'intended' });
    expect(done.status).toBe(201);
    expect(done.body.preflight.policyAction).toBe('review');
    const item = await store.reviews.get(done.body.preflight.review.id);
    expect(item?.heldBecause.rule).toBe('review-many-contacts');
    expect(item?.findings).toHaveLength(120);
    const [record] = (await store.acknowledgements.list()).items;
    expect(record!.findings).toHaveLength(100);
    // A handful of contact values is an ordinary post.
    const { app: app2 } = await setup();
    const few = Array.from({ length: 5 }, (_, i) => `member${i}@example.com`).join(', ');
    expect((await acknowledge(app2, { body: few })).body.preflight.policyAction).toBe('warn');
  });
});

describe('item 13: media types, tokens, exports', () => {
  test('text/plain or no Content-Type → 415 unsupported_media_type, never next(), nothing logged as an error', async () => {
    const { app, published, logger } = await setup();
    const plain = await request(app).post('/posts').set('x-test-user', 'u1').set('Content-Type', 'text/plain').send(`body=${OWN_PHONE}`);
    expect(plain.status).toBe(415);
    expect(plain.body).toMatchObject({ error: 'unsupported_media_type', message: expect.stringContaining('text/plain') });
    const none = await request(app).post('/raw').set('x-test-user', 'u1').send(Buffer.from(OWN_PHONE));
    expect(none.status).toBe(415);
    expect(none.body.error).toBe('unsupported_media_type');
    expect(ERROR_CODES.unsupported_media_type.status).toBe(415);
    expect(published).toHaveLength(0);
    expect(logger.error).not.toHaveBeenCalled();
  });

  test('only the canonical spelling of a token\'s last base64url character verifies', async () => {
    const { app } = await setup();
    const first = await send(app, '/posts', { body: OWN_PHONE }, 'u1');
    const token = first.body.acknowledgement.token as string;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(token.slice(-1));
    // A 32-byte signature is 43 characters: the last one carries 4 bits and 2 spare bits.
    const variants = [1, 2, 3].map((spare) => token.slice(0, -1) + alphabet[(last & ~3) | ((last + spare) & 3)]);
    for (const v of variants) {
      expect(Buffer.from(v.split('.')[1]!, 'base64url')).toEqual(Buffer.from(token.split('.')[1]!, 'base64url'));
      const res = await send(app, '/posts', { body: OWN_PHONE, piiAcknowledgement: v }, 'u1');
      expect(res.body.error).toBe('pii_ack_invalid');
    }
    await send(app, '/posts', { body: OWN_PHONE, piiAcknowledgement: token }, 'u1').expect(201);
  });

  test('canonicalJson is exported for outside verifiers', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: undefined })).toBe('{"a":[true,null,"x"],"b":1}');
  });
});
