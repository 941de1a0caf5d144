/**
 * The demo forum end to end over HTTP (the browser suite drives the same app in Chromium): sign in,
 * a post with the author's phone number → 422 → acknowledged → published and logged; someone
 * else's address → held as pending → a moderator approves → visible.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startDemo, type DemoForum } from '../../src/demo/forum';

let forum: DemoForum;
const dataDir = mkdtempSync(join(tmpdir(), 'pii-demo-'));

beforeAll(async () => {
  forum = await startDemo({ port: 0, dataDir, log: () => undefined, widgetDir: join(__dirname, '..', '..', 'dist', 'widget') });
});
afterAll(async () => {
  await forum.close();
});

async function signIn(user: string): Promise<string> {
  const res = await request(forum.url).post('/signin').type('form').send({ user, next: '/' });
  expect(res.status).toBe(303);
  return String(res.headers['set-cookie']?.[0] ?? '').split(';')[0] as string;
}

test('pages render, seeded topics are listed, the held seed post is hidden from others', async () => {
  const res = await request(forum.url).get('/');
  expect(res.status).toBe(200);
  expect(res.headers['content-security-policy']).toContain("script-src 'self'");
  expect(res.text).toContain('Welcome to the pii-preflight demo forum');
  expect(res.text).not.toContain('Cheap car for sale');
  const bob = await signIn('bob');
  expect((await request(forum.url).get('/').set('Cookie', bob)).text).toContain('Cheap car for sale');
});

test('writing needs a signed-in user', async () => {
  const res = await request(forum.url).post('/topics').send({ title: 't', body: 'b' });
  expect(res.status).toBe(401);
});

test("the author's phone number: 422 with notice and token, then acknowledged, published and logged", async () => {
  const alice = await signIn('alice');
  const post = { title: 'Selling my bike', body: 'Good condition. Call me on 020 7946 0958 after six.' };
  const first = await request(forum.url).post('/topics').set('Cookie', alice).set('Accept-Language', 'en-GB').send(post);
  expect(first.status).toBe(422);
  expect(first.body.error).toBe('pii_acknowledgement_required');
  expect(first.body.notice).toMatch(/This post will be public/);
  expect(first.body.findings).toEqual([expect.objectContaining({ field: 'body', type: 'phone', start: 27, end: 40 })]);
  const token = first.body.acknowledgement.token as string;

  const second = await request(forum.url).post('/topics').set('Cookie', alice).send({ ...post, piiAcknowledgement: token, piiAcknowledgementReason: 'intended' });
  expect(second.status).toBe(201);
  expect(second.body.status).toBe('published');
  const page = await request(forum.url).get(second.body.url as string);
  expect(page.text).toContain('Call me on 020 7946 0958');

  const log = await forum.store.acknowledgements.list({ userId: 'alice' });
  expect(log.items).toHaveLength(1);
  expect(log.items[0]).toMatchObject({ reason: 'intended', action: 'warn' });
  expect(JSON.stringify(log.items[0])).not.toContain('7946 0958');
  expect((await forum.store.acknowledgements.verify()).ok).toBe(true);

  const replay = await request(forum.url).post('/topics').set('Cookie', alice).send({ ...post, piiAcknowledgement: token, piiAcknowledgementReason: 'intended' });
  expect(replay.status).toBe(422);
  expect(replay.body.error).toBe('pii_ack_replayed');
});

test("someone else's address is held for review, shown as pending to its author, and published once approved", async () => {
  const bob = await signIn('bob');
  const post = { title: 'Noise at night', body: 'My neighbour never answers the door. He lives at 1234 Elm St Apt 5, Springfield, IL 62704 if anyone wants to complain.' };
  const first = await request(forum.url).post('/topics').set('Cookie', bob).send(post);
  expect(first.status).toBe(422);
  expect(first.body.findings.some((f: { type: string }) => f.type === 'address')).toBe(true);
  const ack = await request(forum.url).post('/topics').set('Cookie', bob).send({ ...post, piiAcknowledgement: first.body.acknowledgement.token, piiAcknowledgementReason: 'intended' });
  expect(ack.status).toBe(201);
  expect(ack.body.status).toBe('pending');

  expect((await request(forum.url).get(ack.body.url as string)).status).toBe(404);
  expect((await request(forum.url).get(ack.body.url as string).set('Cookie', bob)).text).toContain('Pending review');

  const morgan = await signIn('morgan');
  const alice = await signIn('alice');
  expect((await request(forum.url).get('/moderation/queue').set('Cookie', alice)).status).toBe(403);
  const queue = await request(forum.url).get('/moderation/queue?status=pending').set('Cookie', morgan);
  expect(queue.status).toBe(200);
  const item = (queue.body.items as { id: string; fields: Record<string, string>; authorId: string }[]).find((i) => i.fields.body?.includes('never answers the door'));
  expect(item).toBeDefined();
  expect(item!.fields.body).not.toContain('1234 Elm St');
  const done = await request(forum.url).post(`/moderation/queue/${item!.id}/actions`).set('Cookie', morgan).send({ action: 'approve', reason: 'ok' });
  expect(done.status).toBe(200);
  expect(done.body.status).toBe('approved');
  expect((await request(forum.url).get(ack.body.url as string)).text).toContain('never answers the door');
});

test('a form post from a browser without JavaScript gets the server-rendered warning page, nothing published', async () => {
  const alice = await signIn('alice');
  const res = await request(forum.url)
    .post('/topics')
    .set('Cookie', alice)
    .set('Accept', 'text/html')
    .type('form')
    .send({ title: 'Contact', body: 'Mail me: alice.w@example.com' });
  expect(res.status).toBe(422);
  expect(res.headers['content-type']).toMatch(/html/);
  expect(res.text).toContain('This post will be public');
  expect(res.text).toContain('name="piiAcknowledgement"');
  expect(res.text).toContain('alice.w@example.com');
  const topics = await request(forum.url).get('/');
  expect(topics.text).not.toContain('>Contact<');
});

test('a held post\'s review reference is built from ids only, never from the title', async () => {
  const alice = await signIn('alice');
  const post = { title: 'Call Kim 212 555 0107 tonight', body: 'Her number is (212) 555-0107, she sells the sofa.' };
  const first = await request(forum.url).post('/topics').set('Cookie', alice).send(post);
  expect(first.status).toBe(422);
  const ack = await request(forum.url).post('/topics').set('Cookie', alice).send({ ...post, piiAcknowledgement: first.body.acknowledgement.token, piiAcknowledgementReason: 'intended' });
  expect(ack.status).toBe(201);
  expect(ack.body.status).toBe('pending');
  const { items } = await forum.store.reviews.list({ author: 'alice' });
  expect(items.length).toBeGreaterThan(0);
  for (const item of items) {
    expect(item.postRef).toMatch(/^(t\/[0-9a-f-]+\/)?p\/[0-9a-f]+$/);
    expect(item.postRef).not.toMatch(/555|kim/i);
  }
  // The seeded held post too.
  const seeded = (await forum.store.reviews.list({ author: 'bob' })).items;
  for (const item of seeded) expect(item.postRef).toMatch(/^(t\/[0-9a-f-]+\/)?p\/[0-9a-f]+$/);
});

test.each([
  ['/\\evil.example/phish'], ['//evil.example/x'], ['/.//evil.example'], ['https://evil.example/'], ['javascript:alert(1)'], ['\\\\evil.example'],
])('sign-in never redirects off-site: next=%s → /', async (next) => {
  const res = await request(forum.url).post('/signin').type('form').send({ user: 'alice', next });
  expect(res.status).toBe(303);
  expect(res.headers.location).toBe('/');
  const page = await request(forum.url).get(`/signin?next=${encodeURIComponent(next)}`);
  expect(page.text).not.toContain('evil.example');
});

test('sign-in keeps a same-site next path', async () => {
  const res = await request(forum.url).post('/signin').type('form').send({ user: 'alice', next: '/new?draft=1' });
  expect(res.headers.location).toBe('/new?draft=1');
});
