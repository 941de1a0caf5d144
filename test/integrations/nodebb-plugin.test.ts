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
  // A copy flagged fromQueue without the accept hook (a body may carry fromQueue: true) is checked.
  await expect(hooks.topicPost({ ...r.payload, fromQueue: true })).rejects.toBeInstanceOf(PiiRefusal);
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

test('sourceContent (shown by NodeBB instead of content) is checked; a title or text that is not a string is refused', async () => {
  const { hooks } = await setup();
  // posts.create stores the body's sourceContent and posts.parsePost renders it in place of content.
  await expect(createTopic(hooks, 2, { title: 'Hello', content: 'Nothing here.', sourceContent: PHONE_POST.content })).rejects.toThrow(/phone number/);
  const reply = { tid: 1, content: 'Nothing here.', sourceContent: PHONE_POST.content, uid: 2, fromQueue: false };
  await expect(hooks.shouldQueue({ shouldQueue: false, uid: 2, data: reply })).rejects.toBeInstanceOf(PiiRefusal);
  await expect(hooks.postEdit({ data: { pid: 5, content: 'ok', sourceContent: PHONE_POST.content, uid: 2 }, uid: 2, post: { pid: 5 } })).rejects.toBeInstanceOf(PiiRefusal);
  // NodeBB turns these into text with String() / toString() (topics.post, posts.create).
  for (const body of [
    { title: 'Hello', content: [PHONE_POST.content] },
    { title: [PHONE_POST.content], content: 'Nothing here.' },
    { title: 'Hello', content: 'Nothing here.', sourceContent: [PHONE_POST.content] },
    { title: 'Hello', content: 2015550123 },
  ]) {
    await expect(createTopic(hooks, 2, body)).rejects.toThrow(/plain text/);
  }
  await expect(hooks.postEdit({ data: { pid: 5, content: [PHONE_POST.content], uid: 2 }, uid: 2, post: { pid: 5 } })).rejects.toThrow(/plain text/);
  // A clean sourceContent passes, and an acknowledged one needs the token for the same fields.
  await expect(createTopic(hooks, 2, { title: 'Hello', content: 'Nothing here.', sourceContent: 'Still nothing.' })).resolves.toMatchObject({ queued: false });
  const body = { title: 'Hello', content: 'Nothing here.', sourceContent: PHONE_POST.content };
  const token = (await hooks.check(2, body)).response?.acknowledgement?.token as string;
  await expect(createTopic(hooks, 2, { ...body, piiAcknowledgement: token })).resolves.toMatchObject({ queued: false });
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

// ---- issue 15: held posts at /post-queue, ACP settings and page data ----

/* eslint-disable @typescript-eslint/no-require-imports */
const { createPiiHooks: createHooksWithNotes } = require('../../integrations/nodebb/lib/logic.js') as {
  createPiiHooks: (o: {
    getGuard: () => Promise<PublishGuard>; logger?: unknown; findingMessage?: (t: string) => string;
    scanFields?: (f: Record<string, string>) => Promise<Array<{ field: string; start: number; end: number; masked: string }>>; renderMarkdown?: (t: string) => Promise<string>;
    resolveReview?: (id: string, action: 'approve' | 'reject') => Promise<unknown>;
  }) => QueueHooks;
};
const { validateSettings, resolveSettings, MAX_POLICY_CHARS } = require('../../integrations/nodebb/lib/settings.js') as {
  validateSettings: (input: unknown, lib: SettingsLib) => { ok: true; stored: { locales: string; policyMode: string; policyJson: string } } | { ok: false; errors: string[] };
  resolveSettings: (stored: unknown, lib: SettingsLib, env?: string) => { locales: string[]; localesFrom: string; policy?: Policy; policyMode: string };
  MAX_POLICY_CHARS: number;
};
const { renderNote, parseNote, maskSpans } = require('../../integrations/nodebb/lib/held.js') as {
  maskSpans: (text: string, spans: Array<{ start: number; end: number; masked: string }>) => string;
  renderNote: (n: unknown) => string;
  parseNote: (s: unknown) => Record<string, unknown> | undefined;
};
const { adminPageData } = require('../../integrations/nodebb/lib/admin.js') as {
  adminPageData: (i: Record<string, unknown>) => Promise<AdminData>;
};
/* eslint-enable @typescript-eslint/no-require-imports */
import { SUPPORTED_LOCALES, validatePolicy, defaultPolicy, findingMessage, findingValue, createScanner, type Policy, type ReviewItem } from '../../src';

interface SettingsLib { supportedLocales: readonly string[]; validatePolicy: (i: unknown) => unknown }
interface QueuedItem { id: string; canEdit?: boolean; piiPreflight?: unknown; data: { content: string; rawContent?: string; title?: string; sourceContent?: string } }
interface QueueHooks extends Hooks {
  postQueueSave(p: { id: string; uid: number; type: string; data: Record<string, unknown>; piiPreflight?: string }): Promise<{ piiPreflight?: string }>;
  postQueueGet(h: { posts: QueuedItem[]; req?: unknown }): Promise<{ posts: QueuedItem[] }>;
  postQueueResolved(h: { data?: Record<string, unknown> }, action: 'approve' | 'reject'): Promise<void>;
  postQueueSubmit(h: { data: Record<string, unknown> }): Promise<{ data: Record<string, unknown> }>;
  postQueueRemove(h: { data: Record<string, unknown> }): Promise<{ data: Record<string, unknown> }>;
  notificationCreate(h: { data: Record<string, unknown> }): Promise<{ data: Record<string, unknown> }>;
  notificationPush(h: { notification: Record<string, unknown>; uids: number[] }): Promise<{ notification: Record<string, unknown> }>;
}
interface AdminData {
  counts: Array<{ key: string; value: number }>;
  reviewCounts: Array<{ status: string; value: number }>;
  verify: { ok: boolean; count: number; checked: boolean; problem: string };
  held: Array<{ id: string; status: string; findings: string; excerpt: string; authorId: string; rule: string }>;
  env: { secretSet: boolean; dbSet: boolean };
  settings: { locales: string; policyCustom: boolean; effectiveLocales: string; error: string };
  storeOk: boolean;
  storeError: string;
}
const LIB: SettingsLib = { supportedLocales: SUPPORTED_LOCALES, validatePolicy };

async function setupWithNotes(policy?: Policy): Promise<{ hooks: QueueHooks; store: Store }> {
  const store = await createStore({ url: 'sqlite::memory:', secret: SECRET });
  stores.push(store);
  const guard = createPublishGuard({ store, secret: SECRET, format: 'markdown', logger: quiet, ...(policy ? { policy } : {}) });
  const scanner = createScanner({ locales: ['en-US'] });
  return {
    hooks: createHooksWithNotes({
      getGuard: async () => guard, logger: quiet, findingMessage: (t) => findingMessage(t, 'en'),
      scanFields: async (fields) => scanner.scanFields(fields, { format: 'markdown' }).findings,
      renderMarkdown: async (text) => `<md>${text.replace(/</g, '&lt;')}</md>`,
    }),
    store,
  };
}

/** NodeBB's api/topics.create → posts.shouldQueue → posts.addToQueue (filter:post-queue.save on { id, uid, type, data: payload }). */
async function queueTopic(hooks: QueueHooks, uid: number, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const payload: Record<string, unknown> = { ...body, cid: 1, uid, fromQueue: false, req: { headers: {} } };
  const r = await hooks.shouldQueue({ shouldQueue: false, uid, data: payload });
  expect(r.shouldQueue).toBe(true);
  return hooks.postQueueSave({ id: `topic-${Date.now()}`, uid, type: 'topic', data: payload });
}

test('a post the plugin queues carries a masked note; /post-queue shows it (escaped) above the content', async () => {
  const { hooks, store } = await setupWithNotes();
  const token = (await hooks.check(2, THIRD_POST)).response?.acknowledgement?.token as string;
  const saved = await queueTopic(hooks, 2, { ...THIRD_POST, piiAcknowledgement: token, piiAcknowledgementReason: 'intended' });
  expect(typeof saved.piiPreflight).toBe('string');
  const raw = (await createScannerValues(THIRD_POST.content));
  expect(raw.length).toBeGreaterThan(0);
  for (const value of raw) expect(saved.piiPreflight).not.toContain(value);
  const review = (await store.reviews.list({ limit: 1 })).items[0] as ReviewItem;
  const finding = review.findings[0] as ReviewItem['findings'][number];
  expect(JSON.parse(saved.piiPreflight as string)).toMatchObject({ reviewId: review.id, because: 'third_party', reason: 'intended', findings: [{ type: 'address', field: 'content' }] });

  // What getQueuedPosts hands to filter:post-queue.get: the stored hash fields, the content parsed
  // (NodeBB's markdown), rawContent the text as submitted (the edit box).
  const items: QueuedItem[] = [
    { id: 'topic-1', canEdit: true, piiPreflight: saved.piiPreflight, data: { title: THIRD_POST.title, rawContent: THIRD_POST.content, content: `<p>${THIRD_POST.content}</p>` } },
    { id: 'topic-2', canEdit: true, data: { rawContent: 'queued by NodeBB itself', content: '<p>queued by NodeBB itself</p>' } },
  ];
  const [held, plain] = (await hooks.postQueueGet({ posts: items })).posts as [QueuedItem, QueuedItem];
  expect(held.data.content).toMatch(/^<div class="alert alert-warning pii-preflight-held/);
  expect(held.data.content).toContain('someone else');
  expect(held.data.content).toContain('meant to be public');
  expect(held.data.content).toContain(finding.masked.replace(/&/g, '&#38;'));
  expect(held.data.content).toContain('<md>His address is ');
  expect(held.data.rawContent).toMatch(/^His address is .*•.*, go and tell him\.$/);
  for (const value of raw) expect(JSON.stringify(held)).not.toContain(value);
  expect(held.canEdit).toBe(false);
  expect(held.piiPreflight).toMatchObject({ because: 'third_party' });
  expect(held.piiPreflight).not.toHaveProperty('spans');
  expect(plain.data.content).toBe('<p>queued by NodeBB itself</p>');
  expect(plain.canEdit).toBe(true);
  expect(plain).not.toHaveProperty('piiPreflight');

  // Edited in the queue since (the note's offsets no longer apply): the scanner's findings mask it.
  const edited: QueuedItem = { id: 'topic-3', piiPreflight: saved.piiPreflight, data: { rawContent: `Update. ${THIRD_POST.content}`, content: '' } };
  const [e] = (await hooks.postQueueGet({ posts: [edited] })).posts as [QueuedItem];
  for (const value of raw) expect(JSON.stringify(e)).not.toContain(value);
  expect(e.data.rawContent?.startsWith('Update. His address is ')).toBe(true);
  // Without a scanner, the note's own offsets still mask the unchanged text.
  const bare = createHooksWithNotes({ getGuard: async () => { throw new Error('unused'); }, logger: quiet });
  const [b] = (await bare.postQueueGet({ posts: [{ id: 'topic-4', piiPreflight: saved.piiPreflight, data: { rawContent: THIRD_POST.content, content: '' } }] })).posts as [QueuedItem];
  for (const value of raw) expect(JSON.stringify(b)).not.toContain(value);
});

test('accepting or removing a held post at /post-queue resolves its review item (approve / reject); a second time only logs', async () => {
  const store = await createStore({ url: 'sqlite::memory:', secret: SECRET });
  stores.push(store);
  const guard = createPublishGuard({ store, secret: SECRET, format: 'markdown', logger: quiet });
  const warnings: string[] = [];
  const hooks = createHooksWithNotes({
    getGuard: async () => guard, logger: { warn: (m: string) => warnings.push(m), error: () => undefined },
    resolveReview: (id, action) => store.reviews.act(id, { action, moderatorId: 'nodebb-post-queue' }),
  });
  const held = async (uid: number) => {
    const token = (await hooks.check(uid, THIRD_POST)).response?.acknowledgement?.token as string;
    return queueTopic(hooks, uid, { ...THIRD_POST, piiAcknowledgement: token });
  };
  const a = await held(2);
  const b = await held(3);
  // NodeBB's getParsedObject(id): the stored hash, `data` parsed; piiPreflight as stored.
  await hooks.postQueueResolved({ data: { id: 'topic-a', type: 'topic', piiPreflight: a.piiPreflight } }, 'approve');
  await hooks.postQueueResolved({ data: { id: 'topic-b', type: 'topic', piiPreflight: b.piiPreflight } }, 'reject');
  const { items, counts } = await store.reviews.list({ limit: 10 });
  expect(counts).toMatchObject({ pending: 0, approved: 1, rejected: 1 });
  expect(items.map((i) => i.resolvedBy)).toEqual(['nodebb-post-queue', 'nodebb-post-queue']);
  await expect(hooks.postQueueResolved({ data: { piiPreflight: a.piiPreflight } }, 'reject')).resolves.toBeUndefined();
  expect(warnings.join(' ')).toMatch(/not marked reject: conflict/);
  // Items NodeBB queued for its own reasons have no note: nothing to resolve.
  await expect(hooks.postQueueResolved({ data: { id: 'x', type: 'reply' } }, 'approve')).resolves.toBeUndefined();
});

test('a held item whose text cannot be scanned is hidden at /post-queue, not shown raw', async () => {
  const { hooks } = await setupWithNotes();
  const token = (await hooks.check(2, THIRD_POST)).response?.acknowledgement?.token as string;
  const saved = await queueTopic(hooks, 2, { ...THIRD_POST, piiAcknowledgement: token });
  const failing = createHooksWithNotes({ getGuard: async () => { throw new Error('unused'); }, logger: quiet, scanFields: async () => { throw Object.assign(new Error('too big'), { code: 'input_too_large' }); } });
  const [p] = (await failing.postQueueGet({ posts: [{ id: 't', piiPreflight: saved.piiPreflight, data: { title: THIRD_POST.title, rawContent: `x ${THIRD_POST.content}`, content: 'raw html' } }] })).posts as [QueuedItem];
  expect(p.data.rawContent).toBe('');
  expect(p.data.content).toContain('hidden');
  expect(p.data.content).not.toContain('raw html');
  expect(p.canEdit).toBe(false);
  const [q] = (await failing.postQueueGet({ posts: [{ id: 't', piiPreflight: saved.piiPreflight, data: { rawContent: THIRD_POST.content, content: 'raw html', sourceContent: THIRD_POST.content } }] })).posts as [QueuedItem];
  expect(q.data.sourceContent).toBe('');
});

test('a held item with sourceContent: /post-queue (and its API) get that field masked too', async () => {
  const { hooks } = await setupWithNotes();
  const body = { title: 'Hello', content: 'Nothing here.', sourceContent: THIRD_POST.content };
  const token = (await hooks.check(2, body)).response?.acknowledgement?.token as string;
  const saved = await queueTopic(hooks, 2, { ...body, piiAcknowledgement: token });
  // posts.getQueuedPosts: content = sourceContent || content; rawContent = content; sourceContent kept.
  const [p] = (await hooks.postQueueGet({ posts: [{ id: 't', piiPreflight: saved.piiPreflight, data: { title: 'Hello', content: THIRD_POST.content, rawContent: THIRD_POST.content, sourceContent: THIRD_POST.content } }] })).posts as [QueuedItem];
  const raw = await createScannerValues(THIRD_POST.content);
  expect(raw.length).toBeGreaterThan(0);
  for (const r of raw) expect(JSON.stringify(p)).not.toContain(r);
  expect(p.data.sourceContent).toBe(p.data.rawContent);
});

test('maskSpans: replaces spans, merges overlaps, ignores spans past the end', () => {
  expect(maskSpans('call 555 0123 or 555 9999', [{ start: 5, end: 13, masked: '•A' }, { start: 17, end: 25, masked: '•B' }])).toBe('call •A or •B');
  expect(maskSpans('abcdefgh', [{ start: 4, end: 8, masked: 'Y' }, { start: 1, end: 6, masked: 'X' }])).toBe('aX');
  expect(maskSpans('abc', [{ start: 1, end: 9, masked: 'Z' }])).toBe('abc');
});

/** The raw values the scanner finds in a text (to prove they are absent elsewhere). */
async function createScannerValues(text: string): Promise<string[]> {
  return createScanner({ locales: ['en-US'] }).scan(text, { format: 'markdown' }).findings.map((f) => findingValue(f));
}

/** NodeBB's storage of a queued item (db.setObject with data as JSON) and posts.submitFromQueue up to topics.post. */
async function acceptQueued(hooks: QueueHooks, saved: Record<string, unknown>, edit?: Record<string, string>): Promise<Record<string, unknown>> {
  const stored = JSON.parse(JSON.stringify({ ...saved, data: JSON.stringify(saved.data) })) as Record<string, unknown>;
  const data = JSON.parse(stored.data as string) as Record<string, unknown>;
  Object.assign(data, edit ?? {}); // posts.editQueuedContent (PUT /api/v3/posts/queue/:id): no hook runs
  data.fromQueue = true;
  const { data: item } = await hooks.postQueueSubmit({ data: { ...stored, data } });
  // Another plugin's filter may copy the payload on its way to topics.post.
  return hooks.topicPost({ ...(item.data as Record<string, unknown>) });
}

test('an accepted queued post is published unchecked only if its text is the one checked when it was queued', async () => {
  const { hooks } = await setupWithNotes();
  // Held by the plugin (acknowledged third-party address): accepted as is.
  const token = (await hooks.check(2, THIRD_POST)).response?.acknowledgement?.token as string;
  const held = await queueTopic(hooks, 2, { ...THIRD_POST, piiAcknowledgement: token });
  await expect(acceptQueued(hooks, held)).resolves.toMatchObject({ content: THIRD_POST.content });
  // The author edits the held item (allowed for their own queued post): another person's data, unchecked.
  await expect(acceptQueued(hooks, held, { content: `${THIRD_POST.content} Her number is (201) 555-0123.` })).rejects.toBeInstanceOf(PiiRefusal);
  await expect(acceptQueued(hooks, held, { title: 'Call (201) 555-0123' })).rejects.toBeInstanceOf(PiiRefusal);

  // Queued by NodeBB (new user), clean when checked, then edited to hold a phone number.
  const payload: Record<string, unknown> = { title: 'Hello', content: 'Nothing personal.', cid: 1, uid: 3 };
  expect((await hooks.shouldQueue({ shouldQueue: true, uid: 3, data: payload })).shouldQueue).toBe(true);
  const plain = await hooks.postQueueSave({ id: 'topic-2', uid: 3, type: 'topic', data: payload }) as Record<string, unknown>;
  await expect(acceptQueued(hooks, plain)).resolves.toBeDefined();
  await expect(acceptQueued(hooks, plain, { content: PHONE_POST.content })).rejects.toThrow(/phone number/);
  await expect(acceptQueued(hooks, plain, { content: 'Edited, still nothing personal.' })).resolves.toBeDefined();
  // A body cannot forge the record of what was checked (it lives beside data, and the mark is a Symbol).
  await expect(acceptQueued(hooks, { ...plain, piiPreflightChecked: 'x'.repeat(64) })).resolves.toBeDefined();
  await expect(acceptQueued(hooks, { ...plain, piiPreflightChecked: undefined }, { content: PHONE_POST.content })).rejects.toBeInstanceOf(PiiRefusal);
});

test('the moderators\' notification and email about a held post carry the masked text, not the raw values', async () => {
  const { hooks } = await setupWithNotes();
  const raw = await createScannerValues(`${THIRD_POST.title} ${THIRD_POST.content}`);
  expect(raw.length).toBeGreaterThan(0);
  const hasRaw = (v: unknown): boolean => raw.some((r) => JSON.stringify(v).includes(r));
  const titled = { title: 'His number is (201) 555-0123', content: THIRD_POST.content };
  const rawTitled = await createScannerValues(titled.title);
  expect(rawTitled.length).toBeGreaterThan(0);
  const token = (await hooks.check(2, titled)).response?.acknowledgement?.token as string;
  const payload: Record<string, unknown> = { ...titled, cid: 1, uid: 2, fromQueue: false, piiAcknowledgement: token };
  expect((await hooks.shouldQueue({ shouldQueue: false, uid: 2, data: payload })).shouldQueue).toBe(true);
  await hooks.postQueueSave({ id: 'topic-77', uid: 2, type: 'topic', data: payload });
  // posts.addToQueue: notifications.create({ bodyLong: escaped title }), then push({ ...notif, content, topic: { title } }).
  const created = await hooks.notificationCreate({ data: { type: 'post-queue', nid: 'post-queue-topic-77', bodyLong: titled.title, path: '/post-queue/topic-77' } });
  expect(created.data.bodyLong).not.toContain(rawTitled[0]);
  const pushed = await hooks.notificationPush({ notification: { ...created.data, content: `<p>${titled.content}</p>`, topic: { cid: 1, title: titled.title } }, uids: [1] });
  expect(hasRaw(pushed.notification) || rawTitled.some((r) => JSON.stringify(pushed.notification).includes(r))).toBe(false);
  expect(String(pushed.notification.content)).toContain('<md>');

  // A reply: bodyLong is the rendered content.
  const t2 = (await hooks.check(3, { content: THIRD_POST.content })).response?.acknowledgement?.token as string;
  const reply: Record<string, unknown> = { tid: 4, content: THIRD_POST.content, uid: 3, fromQueue: false, piiAcknowledgement: t2 };
  expect((await hooks.shouldQueue({ shouldQueue: false, uid: 3, data: reply })).shouldQueue).toBe(true);
  await hooks.postQueueSave({ id: 'reply-78', uid: 3, type: 'reply', data: reply });
  const c2 = await hooks.notificationCreate({ data: { type: 'post-queue', nid: 'post-queue-reply-78', bodyLong: `<p>${THIRD_POST.content}</p>` } });
  expect(hasRaw(c2.data)).toBe(false);
  const p2 = await hooks.notificationPush({ notification: { ...c2.data, content: `<p>${THIRD_POST.content}</p>`, topic: { title: 'Existing topic', tid: 4 } }, uids: [1] });
  expect(hasRaw(p2.notification)).toBe(false);
  expect((p2.notification.topic as { title: string }).title).toBe('Existing topic');
  // Other notifications are left alone.
  const other = await hooks.notificationPush({ notification: { type: 'new-reply', nid: 'x', bodyLong: THIRD_POST.content }, uids: [1] });
  expect(other.notification.bodyLong).toBe(THIRD_POST.content);
});

test('a held item removed at /post-queue reaches NodeBB\'s event log masked; other items are untouched', async () => {
  const { hooks } = await setupWithNotes();
  const body = { title: 'His number is (201) 555-0123', content: THIRD_POST.content };
  const token = (await hooks.check(2, body)).response?.acknowledgement?.token as string;
  const saved = await queueTopic(hooks, 2, { ...body, piiAcknowledgement: token });
  const item = JSON.parse(JSON.stringify({ ...saved, data: { ...(saved.data as Record<string, unknown>), req: undefined } })) as Record<string, unknown>;
  const { data: removed } = await hooks.postQueueRemove({ data: item });
  const raw = await createScannerValues(`${body.title}\n\n${body.content}`);
  expect(raw.length).toBeGreaterThan(1);
  const inner = removed.data as { title: string; content: string; cid: number };
  for (const r of raw) expect(`${inner.title} ${inner.content}`).not.toContain(r);
  expect(inner.cid).toBe(1);
  const plain = { id: 'topic-9', type: 'topic', data: { title: 'Call (201) 555-0123', content: 'x' } };
  expect((await hooks.postQueueRemove({ data: plain })).data.data).toEqual({ title: 'Call (201) 555-0123', content: 'x' });
});

test('a post NodeBB queues for its own reasons (no acknowledgement by the plugin) gets no note', async () => {
  const { hooks } = await setupWithNotes();
  const payload: Record<string, unknown> = { title: 'Hello', content: 'Nothing personal.', cid: 1, uid: 2 };
  const r = await hooks.shouldQueue({ shouldQueue: true, uid: 2, data: payload });
  expect(r.shouldQueue).toBe(true);
  const saved = await hooks.postQueueSave({ id: 'topic-1', uid: 2, type: 'topic', data: payload });
  expect(saved).not.toHaveProperty('piiPreflight');
});

test('stored notes are treated as untrusted: markup is escaped, foreign or broken values are dropped', async () => {
  const { hooks } = await setupWithNotes();
  const hostile = JSON.stringify({ v: 1, reviewId: '"><img src=x onerror=alert(1)>', because: 'third_party', reason: 'other', total: 30,
    findings: [{ field: 'content<b>', type: 'phone', masked: '<script>alert(1)</script>', message: 'A phone <i>number</i>' }] });
  const html = renderNote(parseNote(hostile));
  expect(html).not.toMatch(/<script|<img|<b>|<i>/);
  expect(html).toContain('&#60;script&#62;');
  expect(html).toContain('29 more');
  const items: QueuedItem[] = [
    { id: 'a', piiPreflight: '{not json', data: { content: 'x' } },
    { id: 'b', piiPreflight: JSON.stringify({ v: 99, findings: [] }), data: { content: 'y' } },
    { id: 'c', piiPreflight: JSON.stringify({ v: 1, findings: 'nope' }), data: { content: 'z' } },
  ];
  const { posts } = await hooks.postQueueGet({ posts: items });
  expect(posts.map((p) => p.data.content)).toEqual(['x', 'y', 'z']);
  expect(posts.some((p) => 'piiPreflight' in p)).toBe(false);
  await expect(hooks.postQueueGet({ posts: [null as unknown as QueuedItem] })).resolves.toBeDefined();
});

test('ACP settings: locales are checked against the supported list and written canonically', () => {
  const ok = validateSettings({ locales: ' de_de, en-US ,de-DE,', policyMode: 'default', policyJson: '' }, LIB);
  expect(ok).toEqual({ ok: true, stored: { locales: 'de-DE,en-US', policyMode: 'default', policyJson: '' } });
  const bad = validateSettings({ locales: 'en-US, xx-YY', policyMode: 'default' }, LIB);
  expect(bad.ok).toBe(false);
  expect(!bad.ok && bad.errors.join(' ')).toMatch(/Unknown locale "xx-YY".*supported are en-US/);
  expect(validateSettings({ locales: 42 }, LIB).ok).toBe(false);
  const flood = validateSettings({ locales: 'xx,'.repeat(10000) }, LIB);
  expect(!flood.ok && flood.errors).toEqual(['At most 11 locales.']);
  expect(validateSettings(null, LIB).ok).toBe(false);
  expect(validateSettings({ policyMode: 'strict' }, LIB).ok).toBe(false);
});

test('ACP settings: a custom policy must be JSON that validatePolicy accepts; the reasons are given', () => {
  const syntax = validateSettings({ policyMode: 'custom', policyJson: '{ "version": ' }, LIB);
  expect(!syntax.ok && syntax.errors[0]).toMatch(/not valid JSON/);
  const schema = validateSettings({ policyMode: 'custom', policyJson: JSON.stringify({ version: 'x', rules: [{ id: 'r', action: 'explode' }] }) }, LIB);
  expect(!schema.ok && schema.errors[0]).toMatch(/Policy rule `r`: `action` must be one of/);
  const empty = validateSettings({ policyMode: 'custom', policyJson: '   ' }, LIB);
  expect(empty.ok).toBe(false);
  const huge = validateSettings({ policyMode: 'default', policyJson: ' '.repeat(MAX_POLICY_CHARS + 1) }, LIB);
  expect(huge.ok).toBe(false);
  // The shipped policy chosen: a draft in the custom box is kept as typed, even if not valid yet.
  expect(validateSettings({ policyMode: 'default', policyJson: '{ draft' }, LIB)).toMatchObject({ ok: true, stored: { policyJson: '{ draft' } });
  const custom = validateSettings({ policyMode: 'custom', policyJson: JSON.stringify(defaultPolicy) }, LIB);
  expect(custom.ok).toBe(true);
});

test('resolveSettings: stored locales win over PII_PREFLIGHT_LOCALES, else en-US; a stored policy that no longer validates throws', () => {
  expect(resolveSettings({}, LIB, undefined)).toMatchObject({ locales: ['en-US'], localesFrom: 'default', policyMode: 'default' });
  expect(resolveSettings({}, LIB, 'fr-FR,de-DE')).toMatchObject({ locales: ['fr-FR', 'de-DE'], localesFrom: 'environment' });
  expect(resolveSettings({ locales: 'de-DE' }, LIB, 'fr-FR')).toMatchObject({ locales: ['de-DE'], localesFrom: 'settings' });
  expect(() => resolveSettings({}, LIB, 'klingon')).toThrow(/PII_PREFLIGHT_LOCALES: Unknown locale/);
  expect(() => resolveSettings({ policyMode: 'custom', policyJson: '{"version":"1","rules":[{"id":"a","action":"nope"}]}' }, LIB)).toThrow(/custom policy is not valid/);
  const policy = { ...defaultPolicy, version: 'forum-1' };
  expect(resolveSettings({ policyMode: 'custom', policyJson: JSON.stringify(policy) }, LIB).policy?.version).toBe('forum-1');
});

test('the settings change behaviour: de-DE finds a German national number en-US does not; a custom policy blocks phones', async () => {
  const post = { title: 'Treffen', content: 'Ruf mich an: 030 12345678' };
  const store = await createStore({ url: 'sqlite::memory:', secret: SECRET });
  stores.push(store);
  const guardFor = (stored: Record<string, string>) => {
    const eff = resolveSettings(stored, LIB);
    return createPublishGuard({ store, secret: SECRET, format: 'markdown', logger: quiet, locales: eff.locales, ...(eff.policy ? { policy: eff.policy } : {}) });
  };
  const en = createPiiHooks({ getGuard: async () => guardFor({ locales: 'en-US' }), logger: quiet });
  await expect(createTopic(en, 2, post)).resolves.toMatchObject({ queued: false });
  const de = createPiiHooks({ getGuard: async () => guardFor({ locales: 'de-DE' }), logger: quiet });
  await expect(createTopic(de, 2, post)).rejects.toThrow(/phone/i);

  const strict: Policy = { ...defaultPolicy, version: 'no-phones-1', rules: [{ id: 'phones-blocked', types: ['phone'], action: 'block' }, ...defaultPolicy.rules] };
  const blocked = createPiiHooks({ getGuard: async () => guardFor({ locales: 'de-DE', policyMode: 'custom', policyJson: JSON.stringify(strict) }), logger: quiet });
  const check = await blocked.check(2, post);
  expect(check.response).toMatchObject({ action: 'block' });
  expect(check.response?.acknowledgement).toBeUndefined();
});

test('ACP page data: counts, verify() ok, latest held items masked, environment only as set / not set', async () => {
  const { hooks, store } = await setupWithNotes();
  await createTopic(hooks, 2, { title: 'Hi', content: 'Nothing personal, version 1.2.3.' });
  await expect(createTopic(hooks, 2, PHONE_POST)).rejects.toBeInstanceOf(PiiRefusal);
  const t1 = (await hooks.check(2, PHONE_POST)).response?.acknowledgement?.token as string;
  await createTopic(hooks, 2, { ...PHONE_POST, piiAcknowledgement: t1, piiAcknowledgementReason: 'intended' });
  const t2 = (await hooks.check(3, THIRD_POST)).response?.acknowledgement?.token as string;
  await queueTopic(hooks, 3, { ...THIRD_POST, piiAcknowledgement: t2 });

  const data = await adminPageData({ store, env: { secretSet: true, dbSet: false, storeKind: 'SQLite beside NodeBB' }, stored: { locales: 'en-US' },
    effective: { locales: ['en-US'], localesFrom: 'settings', policyMode: 'default' }, supportedLocales: SUPPORTED_LOCALES, shippedPolicyVersion: defaultPolicy.version });
  expect(data.storeOk).toBe(true);
  expect(data.verify).toMatchObject({ ok: true, count: 2, checked: true });
  const count = (key: string) => data.counts.find((c) => c.key === key)?.value;
  expect(count('acknowledged')).toBe(2);
  expect(count('held')).toBe(1);
  expect(data.reviewCounts.find((c) => c.status === 'pending')?.value).toBe(1);
  expect(data.held).toHaveLength(1);
  expect(data.held[0]).toMatchObject({ status: 'pending', authorId: '3', findings: expect.stringMatching(/^address /) });
  const json = JSON.stringify(data);
  for (const value of [...await createScannerValues(THIRD_POST.content), ...await createScannerValues(PHONE_POST.content)]) expect(json).not.toContain(value);
  expect(json).not.toContain(SECRET);
});

test('ACP page data without a store: the reason, no counts, verify not run', async () => {
  const data = await adminPageData({ storeError: 'PII_PREFLIGHT_SECRET is not set', env: { secretSet: false, dbSet: false }, stored: {}, settingsError: 'bad', supportedLocales: SUPPORTED_LOCALES, shippedPolicyVersion: '1' });
  expect(data).toMatchObject({ storeOk: false, storeError: 'PII_PREFLIGHT_SECRET is not set', counts: [], held: [], verify: { checked: false }, settings: { error: 'bad' } });
});

test('ACP page data: a broken chain shows verify not ok with where it broke; a failing call is named', async () => {
  const { store } = await setupWithNotes();
  const broken = {
    stats: () => store.stats(),
    reviews: { list: () => Promise.reject(Object.assign(new Error('down'), { code: 'store_unavailable' })) },
    acknowledgements: { verify: async () => ({ ok: false, count: 7, firstBroken: { id: 'x', seq: 4, problem: 'hash mismatch' } }) },
  } as unknown as Store;
  const data = await adminPageData({ store: broken, env: { secretSet: true, dbSet: true }, stored: {}, supportedLocales: SUPPORTED_LOCALES, shippedPolicyVersion: '1' });
  expect(data.verify).toEqual({ ok: false, count: 7, problem: 'record 4: hash mismatch', checked: true });
  // One failing call does not hide the others; the page says which error, not a stack.
  expect(data.counts.length).toBeGreaterThan(0);
  expect(data).toMatchObject({ storeOk: false, storeError: 'The store answered with an error (store_unavailable).', held: [] });
});
