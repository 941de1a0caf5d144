/**
 * The NodeBB plugin's logic (integrations/nodebb/lib/logic.js) driven the way NodeBB 4 calls its
 * hooks (payload shapes from src/api/topics.js, src/posts/queue.js, src/posts/edit.js), over the
 * real publish core and a SQLite store. The real-NodeBB run is `npm run test:nodebb`.
 */
import { createPublishGuard, createStore, type PublishGuard, type Store } from '../../src';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createPiiHooks, PiiRefusal } = require('../../integrations/nodebb/lib/logic.js') as {
  createPiiHooks: (o: { getGuard: () => Promise<PublishGuard>; logger?: unknown }) => Hooks;
  PiiRefusal: new (...a: never[]) => Error;
};
interface Hooks {
  shouldQueue(h: { shouldQueue: boolean; uid: number; data: Record<string, unknown> }): Promise<{ shouldQueue: boolean }>;
  topicPost(d: Record<string, unknown>): Promise<Record<string, unknown>>;
  postEdit(h: { req?: unknown; post?: unknown; data: Record<string, unknown>; uid: number }): Promise<unknown>;
  check(uid: number, body: unknown, req?: unknown): Promise<{ status: number; response?: { findings: Array<Record<string, unknown>>; acknowledgement?: { token: string }; notice?: string }; error?: string }>;
}

const SECRET = 'hqy0kZmOkscEMFARMcfFqytogMTAdtdJ0FigW-PKUgY';
const PHONE_POST = { title: 'Selling my bike', content: 'Call me at (201) 555-0123 or mail jane.doe@example.com.' };
const THIRD_POST = { title: 'About the landlord', content: 'His address is 1234 Elm Street, Springfield, IL 62704, go and tell him.' };
const quiet = { warn: () => undefined, error: () => undefined };
const stores: Store[] = [];
afterAll(async () => { for (const s of stores) await s.close().catch(() => undefined); });

async function setup(): Promise<{ hooks: Hooks; store: Store }> {
  const store = await createStore({ url: 'sqlite::memory:', secret: SECRET });
  stores.push(store);
  const guard = createPublishGuard({ store, secret: SECRET, format: 'markdown', logger: quiet });
  return { hooks: createPiiHooks({ getGuard: async () => guard, logger: quiet }), store };
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
