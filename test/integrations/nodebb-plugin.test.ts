/**
 * The NodeBB plugin's logic (integrations/nodebb/lib/logic.js) driven the way NodeBB 4 calls its
 * hooks (payload shapes from src/api/topics.js, src/posts/queue.js, src/posts/edit.js), over the
 * real publish core and a SQLite store. The real-NodeBB run is `npm run test:nodebb`.
 */
import { checkDraft, createPublishGuard, createStore, defaultNotice, resolveNotice, type PublishGuard, type Store } from '../../src';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createPiiHooks, PiiRefusal } = require('../../integrations/nodebb/lib/logic.js') as {
  createPiiHooks: (o: { getGuard: () => Promise<PublishGuard>; logger?: unknown; lib?: unknown; checkRateLimit?: { windowMs: number; limit: number } }) => Hooks;
  PiiRefusal: new (...a: never[]) => Error;
};
interface Hooks {
  shouldQueue(h: { shouldQueue: boolean; uid: number; data: Record<string, unknown> }): Promise<{ shouldQueue: boolean }>;
  topicPost(d: Record<string, unknown>): Promise<Record<string, unknown>>;
  postEdit(h: { req?: unknown; post?: unknown; data: Record<string, unknown>; uid: number }): Promise<unknown>;
  check(uid: number, body: unknown, req?: unknown): Promise<CheckOut>;
}

interface CheckOut {
  status: number;
  response?: { findings: Array<Record<string, unknown>>; acknowledgement?: { token: string }; notice?: string; live?: boolean; action?: string; held?: string; ui?: Record<string, string> };
  error?: string;
}
const lib = { checkDraft, resolveNotice, defaultNotice };

const SECRET = 'hqy0kZmOkscEMFARMcfFqytogMTAdtdJ0FigW-PKUgY';
const PHONE_POST = { title: 'Selling my bike', content: 'Call me at (201) 555-0123 or mail jane.doe@example.com.' };
const THIRD_POST = { title: 'About the landlord', content: 'His address is 1234 Elm Street, Springfield, IL 62704, go and tell him.' };
const quiet = { warn: () => undefined, error: () => undefined };
const stores: Store[] = [];
afterAll(async () => { for (const s of stores) await s.close().catch(() => undefined); });

async function setup(extra: { checkRateLimit?: { windowMs: number; limit: number } } = {}): Promise<{ hooks: Hooks; store: Store }> {
  const store = await createStore({ url: 'sqlite::memory:', secret: SECRET });
  stores.push(store);
  const guard = createPublishGuard({ store, secret: SECRET, format: 'markdown', logger: quiet });
  return { hooks: createPiiHooks({ getGuard: async () => guard, logger: quiet, lib, ...extra }), store };
}

/** NodeBB's topic create: shouldQueue, then (unless queued) filter:topic.post on the same payload. */
async function createTopic(hooks: Hooks, uid: number, body: Record<string, unknown>): Promise<{ queued: boolean; payload: Record<string, unknown> }> {
  const payload: Record<string, unknown> = { ...body, cid: 1, uid, ip: '203.0.113.5', fromQueue: false, req: { headers: { 'accept-language': 'en' } } };
  const r = await hooks.shouldQueue({ shouldQueue: false, uid, data: payload });
  if (r.shouldQueue) return { queued: true, payload };
  return { queued: false, payload: await hooks.topicPost(payload) };
}

test('a clean topic goes through', async () => {
  const { hooks } = await setup();
  await expect(createTopic(hooks, 2, { title: 'Version 2.4.1 released', content: 'Scores: 3-1, see 2024-05-01.' })).resolves.toMatchObject({ queued: false });
});

test('own phone and email: refused with the notice (an Error NodeBB answers 400); the token from the check route acknowledges once', async () => {
  const { hooks, store } = await setup();
  const refused = createTopic(hooks, 2, PHONE_POST);
  await expect(refused).rejects.toBeInstanceOf(PiiRefusal);
  await expect(refused).rejects.toThrow(/phone number/);
  await expect(refused).rejects.not.toThrow(/555-0123|jane\.doe/);

  const check = await hooks.check(2, PHONE_POST);
  expect(check.status).toBe(200);
  expect(check.response?.findings.map((f) => [f.field, f.type])).toEqual([['content', 'phone'], ['content', 'email']]);
  const token = check.response?.acknowledgement?.token as string;
  expect(typeof token).toBe('string');

  const ok = await createTopic(hooks, 2, { ...PHONE_POST, piiAcknowledgement: token, piiAcknowledgementReason: 'intended' });
  expect(ok.queued).toBe(false);
  expect(ok.payload).not.toHaveProperty('piiAcknowledgement');
  expect(ok.payload).not.toHaveProperty('piiAcknowledgementReason');
  await expect(createTopic(hooks, 2, { ...PHONE_POST, piiAcknowledgement: token })).rejects.toBeInstanceOf(PiiRefusal);
  // Another user cannot use it either.
  expect((await store.acknowledgements.list({ limit: 10 })).items).toHaveLength(1);
  expect((await store.acknowledgements.verify()).ok).toBe(true);
});

test('a token of one user does not acknowledge another user\'s post', async () => {
  const { hooks } = await setup();
  const token = (await hooks.check(2, PHONE_POST)).response?.acknowledgement?.token as string;
  await expect(createTopic(hooks, 3, { ...PHONE_POST, piiAcknowledgement: token })).rejects.toBeInstanceOf(PiiRefusal);
});

test('someone else\'s address acknowledged: sent to the post queue; the moderator\'s approval (fromQueue) passes', async () => {
  const { hooks, store } = await setup();
  await expect(createTopic(hooks, 2, THIRD_POST)).rejects.toBeInstanceOf(PiiRefusal);
  const token = (await hooks.check(2, THIRD_POST)).response?.acknowledgement?.token as string;
  const r = await createTopic(hooks, 2, { ...THIRD_POST, piiAcknowledgement: token });
  expect(r.queued).toBe(true);
  expect((await store.reviews.list({ limit: 5 })).items).toHaveLength(1);
  // posts.submitFromQueue → topics.post({ ...stored data, fromQueue: true }): a new object.
  await expect(hooks.topicPost({ ...r.payload, fromQueue: true })).resolves.toBeDefined();
});

test('a reply or edit adding a phone is refused; the same edit with a token goes through', async () => {
  const { hooks } = await setup();
  const reply = { tid: 1, content: 'Text me: (201) 555-0123', uid: 2, fromQueue: false };
  await expect(hooks.shouldQueue({ shouldQueue: false, uid: 2, data: reply })).rejects.toBeInstanceOf(PiiRefusal);
  // filter:topic.reply without shouldQueue first (another code path) is checked too.
  await expect(hooks.topicPost({ ...reply })).rejects.toBeInstanceOf(PiiRefusal);

  const edit = { pid: 5, content: 'Updated: call (201) 555-0123', uid: 2 };
  await expect(hooks.postEdit({ data: { ...edit }, uid: 2, post: { pid: 5 } })).rejects.toBeInstanceOf(PiiRefusal);
  const token = (await hooks.check(2, { content: edit.content })).response?.acknowledgement?.token as string;
  await expect(hooks.postEdit({ data: { ...edit, piiAcknowledgement: token }, uid: 2, post: { pid: 5 } })).resolves.toBeDefined();
});

test('a card number is blocked: refused, and the check route offers no token', async () => {
  const { hooks } = await setup();
  const post = { title: 'Payment', content: 'Card 4111 1111 1111 1111' };
  await expect(createTopic(hooks, 2, post)).rejects.toBeInstanceOf(PiiRefusal);
  const check = await hooks.check(2, post);
  expect(check.response?.findings).toHaveLength(1);
  expect(check.response?.acknowledgement).toBeUndefined();
});

test('without a guard (no secret, store down) every post is refused with the error getGuard gives', async () => {
  const hooks = createPiiHooks({ getGuard: () => Promise.reject(new Error('the administrator must set PII_PREFLIGHT_SECRET')), logger: quiet });
  await expect(createTopic(hooks, 2, { title: 'Hello', content: 'Nothing personal here.' })).rejects.toThrow(/PII_PREFLIGHT_SECRET/);
});

test('the check route refuses a malformed body', async () => {
  const { hooks } = await setup();
  expect((await hooks.check(2, { title: 'x' })).status).toBe(400);
  expect((await hooks.check(2, { content: 'fine, 1.2.3' })).response?.findings).toEqual([]);
});

test('the live check (live: true) answers findings with masked values, localized messages and actions, stores nothing and mints no token', async () => {
  const { hooks, store } = await setup();
  const before = await store.stats();
  const out = await hooks.check(2, { ...PHONE_POST, live: true }, { headers: { 'accept-language': 'de-DE,de;q=0.9' } });
  expect(out.status).toBe(200);
  const r = out.response;
  expect(r?.live).toBe(true);
  expect(r?.acknowledgement).toBeUndefined();
  expect(r?.findings.map((f) => [f.field, f.type, f.action])).toEqual([['content', 'phone', 'warn'], ['content', 'email', 'warn']]);
  expect(JSON.stringify(r)).not.toMatch(/555-0123|jane\.doe/);
  const phone = r?.findings[0] as { start: number; end: number; message: string };
  expect(PHONE_POST.content.slice(phone.start, phone.end)).toBe('(201) 555-0123');
  expect(phone.message).toMatch(/Telefonnummer/);
  expect(r?.ui?.publish).toBe('Trotzdem veröffentlichen');
  expect(r?.notice).toMatch(/öffentlich/);
  expect(r?.action).toBe('warn');
  const after = await store.stats();
  expect(after).toEqual(before);
  expect((await store.acknowledgements.list({ limit: 5 })).items).toHaveLength(0);
});

test('live check: someone else\'s address is review, a card block; a clean draft has no findings', async () => {
  const { hooks } = await setup();
  expect((await hooks.check(2, { ...THIRD_POST, live: true })).response?.action).toBe('review');
  const card = await hooks.check(2, { content: 'Card 4111 1111 1111 1111', live: true });
  expect(card.response?.action).toBe('block');
  expect(card.response?.findings[0]?.action).toBe('block');
  const clean = await hooks.check(2, { content: 'Version 2.4.1, score 3-1.', live: true });
  expect(clean.response?.findings).toEqual([]);
  expect(clean.response?.action).toBeUndefined();
});

test('the submit check (no live) counts one warning and mints a token, with the localized labels and why a post is held', async () => {
  const { hooks, store } = await setup();
  const out = await hooks.check(2, PHONE_POST, { headers: { 'accept-language': 'fr' } });
  expect(typeof out.response?.acknowledgement?.token).toBe('string');
  expect(out.response?.ui?.edit).toBeTruthy();
  expect(out.response?.ui?.edit).not.toBe('Go back and edit');
  expect((await store.stats()).warned).toBe(1);
  const held = await hooks.check(2, THIRD_POST);
  expect(held.response?.action).toBe('review');
  expect(held.response?.held).toMatch(/moderator/i);
});

test('guests (uid 0, shared by all of them) get no check and no token; their posts with findings are refused', async () => {
  const { hooks } = await setup();
  expect((await hooks.check(0, PHONE_POST)).status).toBe(401);
  expect((await hooks.check(0, { ...PHONE_POST, live: true })).status).toBe(401);
  expect((await hooks.check(-1, PHONE_POST)).status).toBe(401);
  // A token minted for a signed-in user does not acknowledge a guest's post either.
  const token = (await hooks.check(2, PHONE_POST)).response?.acknowledgement?.token as string;
  await expect(createTopic(hooks, 0, { ...PHONE_POST, piiAcknowledgement: token })).rejects.toBeInstanceOf(PiiRefusal);
});

test('a token bound to uid 0 (minted elsewhere with the same secret) does not acknowledge a guest\'s post', async () => {
  const store = await createStore({ url: 'sqlite::memory:', secret: SECRET });
  stores.push(store);
  const guard = createPublishGuard({ store, secret: SECRET, format: 'markdown', logger: quiet });
  const hooks = createPiiHooks({ getGuard: async () => guard, logger: quiet, lib });
  const minted = await guard.evaluate({ userId: '0', fields: PHONE_POST, format: 'markdown' });
  expect(minted.outcome).toBe('warning');
  const token = minted.outcome === 'warning' ? minted.acknowledgement.token : '';
  await expect(createTopic(hooks, 0, { ...PHONE_POST, piiAcknowledgement: token })).rejects.toBeInstanceOf(PiiRefusal);
  expect((await store.acknowledgements.list({ limit: 5 })).items).toHaveLength(0);
  // The same token is valid for uid 0 at the core: only the plugin's guest rule refuses it.
  await expect(guard.evaluate({ userId: '0', fields: PHONE_POST, format: 'markdown', acknowledgement: { token } })).resolves.toMatchObject({ outcome: 'acknowledged' });
});

test('the check route is rate-limited per user (429), other users keep their budget; live must be a boolean', async () => {
  const { hooks } = await setup({ checkRateLimit: { windowMs: 60_000, limit: 3 } });
  for (let i = 0; i < 3; i++) expect((await hooks.check(2, { content: 'hello', live: true })).status).toBe(200);
  expect((await hooks.check(2, { content: 'hello', live: true })).status).toBe(429);
  expect((await hooks.check(2, { content: 'hello' })).status).toBe(429);
  expect((await hooks.check(3, { content: 'hello', live: true })).status).toBe(200);
  expect((await hooks.check(3, { content: 'hello', live: 'yes' })).status).toBe(400);
});

test('createLimiter: a new window restores the budget', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createLimiter } = require('../../integrations/nodebb/lib/logic.js') as { createLimiter: (o: { windowMs: number; limit: number }) => { take(k: string, now?: number): boolean } };
  const l = createLimiter({ windowMs: 1000, limit: 2 });
  expect([l.take('a', 0), l.take('a', 10), l.take('a', 20)]).toEqual([true, true, false]);
  expect(l.take('a', 1000)).toBe(true);
});
