/**
 * reviewRouter() over HTTP with supertest and a real SQLite store: every route, every error code,
 * deny by default, CSRF, security headers, escaping of hostile posts.
 */
import express from 'express';
import request from 'supertest';
import { isPreflightError } from '../../src/errors';
import { reviewRouter } from '../../src/express/review';
import { placeFindings, renderField } from '../../src/express/review-page';
import type { ReviewItem, StoredFinding } from '../../src/store/types';
import { RAW_EMAIL, RAW_PHONE, extractCsrf, makeHarness, seedHostile, type Harness } from './review-helpers';

const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
const MOD = { 'X-Moderator': 'mod-1' };
const OTHER = { 'X-Moderator': 'mod-2' };
const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(async () => {
  await h.store.close();
});

/** The reveal cookie of a Set-Cookie header: its `name=value` pair and attributes. */
function revealCookieOf(setCookie: string[] | string | undefined): { pair: string; attributes: string[] } {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const line = all.find((c) => c.startsWith('pii_review_reveal='));
  if (!line) throw new Error(`no reveal cookie in ${JSON.stringify(all)}`);
  const [pair, ...attributes] = line.split(';').map((p) => p.trim());
  return { pair: pair as string, attributes };
}

function first(): ReviewItem {
  return h.items[0] as ReviewItem;
}

async function formSession(moderator = MOD, itemId?: string): Promise<{ cookie: string; token: string }> {
  const res = await request(h.app).get(`/mod/${itemId ? `?item=${itemId}` : ''}`).set(moderator).set('Accept', BROWSER);
  expect(res.status).toBe(200);
  const s = extractCsrf(res.text, res.headers['set-cookie']);
  expect(s.cookie).toMatch(/^pii_review_csrf=/);
  expect(s.token.length).toBeGreaterThan(20);
  return s;
}

describe('options', () => {
  test('unknown option names a suggestion', async () => {
    expect(() => reviewRouter({ store: h.store, authorise: () => null } as never)).toThrow(/unknown option `authorise`\. Did you mean `authorize`\?/);
    expect(() => reviewRouter({ store: h.store, onResolve: () => undefined } as never)).toThrow(/Did you mean `onResolved`/);
  });
  test('invalid values fail at setup with invalid_options', () => {
    const cases: unknown[] = [
      undefined,
      {},
      { store: {} },
      { store: h.store, authorize: 'yes' },
      { store: h.store, onResolved: 1 },
      { store: h.store, csrfSecret: 'short' },
      { store: h.store, cannedReasons: [''] },
      { store: h.store, cannedReasons: { reject: ['ok'], publish: ['?'] } },
      { store: h.store, cannedReasons: { approve: [1] } },
      { store: h.store, postUrl: '/posts/' },
      { store: h.store, logger: { warn: 1 } },
    ];
    for (const c of cases) {
      let err: unknown;
      try {
        reviewRouter(c as never);
      } catch (e) {
        err = e;
      }
      expect(isPreflightError(err) && err.code === 'invalid_options').toBe(true);
    }
  });
  test('cannedReasons per action (or one array, offered for rejecting) and postUrl', async () => {
    const app = express();
    app.use('/m', reviewRouter({ store: h.store, authorize: () => ({ id: 'mod-1' }), cannedReasons: ['Only this'], postUrl: (item) => `https://forum.example.org/p/${encodeURIComponent(item.postRef)}` }));
    const page = (await request(app).get(`/m/items/${first().id}`).set('Accept', BROWSER)).text;
    expect(page).toContain('<optgroup label="To reject (sent to the author)" data-action="reject"><option value="Only this">Only this</option></optgroup></select>');
    expect(page).toContain('href="https://forum.example.org/p/forum%2Fgarden-club%2F1042"');
  });
  test('a missing authorize is logged at setup (and denies, below)', () => {
    const warned: string[] = [];
    reviewRouter({ store: h.store, logger: { warn: (m) => warned.push(m), error: () => undefined } });
    expect(warned.join('\n')).toMatch(/deny by default/);
  });
});

describe('deny by default', () => {
  const routes = (id: string): Array<[string, string]> => [
    ['get', '/mod/'],
    ['get', `/mod/?item=${id}`],
    ['get', `/mod/items/${id}`],
    ['get', '/mod/assets/dashboard.js'],
    ['get', '/mod/assets/dashboard.css'],
    ['get', '/mod/queue'],
    ['get', `/mod/queue/${id}`],
    ['get', `/mod/queue/${id}/audit`],
    ['post', `/mod/queue/${id}/claim`],
    ['post', `/mod/queue/${id}/unclaim`],
    ['post', `/mod/queue/${id}/actions`],
    ['post', `/mod/queue/${id}/reveal`],
    ['post', '/mod/queue/bulk'],
    ['get', '/mod/no-such-route'],
  ];

  test('every route answers 403 JSON without a moderator, and nothing changes', async () => {
    for (const [method, path] of routes(first().id)) {
      const req = method === 'get' ? request(h.app).get(path) : request(h.app).post(path).send({ action: 'approve', ids: [first().id], finding: 0 });
      const res = await req;
      expect([path, res.status]).toEqual([path, 403]);
      expect(res.body).toEqual({ error: 'forbidden', message: expect.any(String) });
      expect(res.headers['content-security-policy']).toBe(CSP);
      expect(res.text).not.toContain(RAW_PHONE);
    }
    const item = await h.store.reviews.get(first().id);
    expect(item?.status).toBe('pending');
    expect(await h.store.reviews.audit(first().id)).toEqual([]);
    expect(h.resolved).toEqual([]);
  });

  test('browsers get a small HTML 403 page that loads nothing', async () => {
    for (const [method, path] of routes(first().id)) {
      if (method !== 'get') continue;
      const res = await request(h.app).get(path).set('Accept', BROWSER);
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('Not authorized');
      expect(res.text).not.toMatch(/<script|<link|dashboard\.(js|css)/);
    }
  });

  test('without an authorize option, even a would-be moderator gets 403', async () => {
    const bare = await makeHarness({ authorize: undefined });
    for (const [method, path] of routes(bare.items[0]?.id as string)) {
      const res = method === 'get' ? await request(bare.app).get(path).set(MOD) : await request(bare.app).post(path).set(MOD).send({ action: 'approve' });
      expect([path, res.status]).toEqual([path, 403]);
    }
    await bare.store.close();
  });

  test('async authorize, null, a bad shape or a throw all deny', async () => {
    const variants = [
      async () => null,
      () => ({ id: '' }),
      () => ({ id: 42 }) as never,
      () => {
        throw new Error('session store down');
      },
    ];
    for (const authorize of variants) {
      const x = await makeHarness({ authorize });
      const res = await request(x.app).get('/mod/queue').set(MOD);
      expect(res.status).toBe(403);
      await x.store.close();
    }
    const ok = await makeHarness({ authorize: async () => ({ id: 'async-mod' }) });
    expect((await request(ok.app).get('/mod/queue')).status).toBe(200);
    await ok.store.close();
  });
});

describe('security headers', () => {
  test('pages, assets and JSON carry CSP, nosniff, no-referrer and no-store', async () => {
    for (const path of ['/mod/', '/mod/assets/dashboard.js', '/mod/assets/dashboard.css', '/mod/queue', `/mod/items/${first().id}`]) {
      const res = await request(h.app).get(path).set(MOD);
      expect([path, res.status]).toEqual([path, 200]);
      expect(res.headers['content-security-policy']).toBe(CSP);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });
  test('assets have the right types and the page has no inline script or style', async () => {
    expect((await request(h.app).get('/mod/assets/dashboard.js').set(MOD)).headers['content-type']).toMatch(/^text\/javascript/);
    expect((await request(h.app).get('/mod/assets/dashboard.css').set(MOD)).headers['content-type']).toMatch(/^text\/css/);
    const page = await request(h.app).get(`/mod/items/${first().id}`).set(MOD);
    expect(page.text).not.toMatch(/<style|style="|<script>|<script [^s]|\son[a-z]{1,20}=/i);
    expect(page.text.match(/<script/g)).toHaveLength(1);
    expect(page.text).toContain('<script src="/mod/assets/dashboard.js" defer></script>');
  });
});

describe('GET /queue', () => {
  test('lists masked items with counts and no raw value', async () => {
    const res = await request(h.app).get('/mod/queue').set(MOD);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(4);
    expect(res.body.counts).toEqual({ pending: 4, approved: 0, rejected: 0, redacted: 0, escalated: 0 });
    expect(res.body.nextCursor).toBeNull();
    expect(res.text).not.toContain(RAW_PHONE);
    expect(res.text).not.toContain(RAW_EMAIL);
    const item = res.body.items[0] as ReviewItem;
    for (const k of ['id', 'status', 'version', 'postRef', 'authorId', 'fields', 'findings', 'heldBecause', 'claimedBy', 'createdAt', 'resolvedAt', 'resolvedBy', 'resolution']) {
      expect(item).toHaveProperty(k);
    }
  });

  test('filters by status, type, subject, author and dates; sorts; paginates', async () => {
    await request(h.app).post(`/mod/queue/${first().id}/actions`).set(MOD).send({ action: 'approve' }).expect(200);
    const approved = await request(h.app).get('/mod/queue?status=approved').set(MOD);
    expect(approved.body.items.map((i: ReviewItem) => i.id)).toEqual([first().id]);
    expect(approved.body.counts.approved).toBe(1);
    const several = await request(h.app).get('/mod/queue?status=approved,pending').set(MOD);
    expect(several.body.items).toHaveLength(4);

    const addresses = await request(h.app).get('/mod/queue?type=address').set(MOD);
    expect(addresses.body.items.map((i: ReviewItem) => i.postRef)).toEqual(['forum/garden-club/1042']);
    const self = await request(h.app).get('/mod/queue?subject=self').set(MOD);
    expect(self.body.items.map((i: ReviewItem) => i.postRef)).toEqual(['forum/market/311']);
    const byAuthor = await request(h.app).get('/mod/queue?author=newbie42').set(MOD);
    expect(byAuthor.body.items.map((i: ReviewItem) => i.authorId)).toEqual(['newbie42']);
    expect((await request(h.app).get('/mod/queue?from=2000-01-01&to=2999-12-31').set(MOD)).body.items).toHaveLength(4);
    expect((await request(h.app).get('/mod/queue?to=2000-01-01').set(MOD)).body.items).toHaveLength(0);
    expect((await request(h.app).get('/mod/queue?from=2999-01-01T00:00:00Z').set(MOD)).body.items).toHaveLength(0);

    const oldest = (await request(h.app).get('/mod/queue?sort=oldest').set(MOD)).body.items.map((i: ReviewItem) => i.id);
    const newest = (await request(h.app).get('/mod/queue?sort=newest').set(MOD)).body.items.map((i: ReviewItem) => i.id);
    expect(newest).toEqual([...oldest].reverse());

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: request.Response = await request(h.app).get(`/mod/queue?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`).set(MOD);
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((i: ReviewItem) => i.id));
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(2);
    expect(seen).toEqual(oldest);
  });

  test('bad filters answer 400 with a clear message', async () => {
    const cases: Array<[string, RegExp]> = [
      ['status=open', /status.{0,200}pending/],
      ['subject=me', /subject/],
      ['sort=up', /sort/],
      ['limit=0', /limit/],
      ['limit=abc', /limit/],
      ['limit=1000', /limit/],
      ['from=yesterday', /from/],
      ['cursor=not-a-cursor', /cursor/],
    ];
    for (const [qs, message] of cases) {
      const res = await request(h.app).get(`/mod/queue?${qs}`).set(MOD);
      expect([qs, res.status]).toEqual([qs, 400]);
      expect(res.body.error).toBe('invalid_input');
      expect(res.body.message).toMatch(message);
    }
  });
});

describe('GET /queue/:id and audit', () => {
  test('answers the masked item, 404 for an unknown id', async () => {
    const res = await request(h.app).get(`/mod/queue/${first().id}`).set(MOD);
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(first().id);
    expect(res.body.fields.body).toContain('(•••) •••-4477');
    expect(res.text).not.toContain(RAW_PHONE);
    const missing = await request(h.app).get('/mod/queue/nope').set(MOD);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toBe('not_found');
    expect((await request(h.app).get('/mod/queue/nope/audit').set(MOD)).status).toBe(404);
  });

  test('the audit trail records who did what, with the reason', async () => {
    await request(h.app).post(`/mod/queue/${first().id}/claim`).set(MOD).send({}).expect(200);
    await request(h.app).post(`/mod/queue/${first().id}/actions`).set(MOD).send({ action: 'reject', reason: 'Private address' }).expect(200);
    const res = await request(h.app).get(`/mod/queue/${first().id}/audit`).set(MOD);
    expect(res.status).toBe(200);
    expect(res.body.entries.map((e: { action: string; moderatorId: string }) => [e.action, e.moderatorId])).toEqual([
      ['claim', 'mod-1'],
      ['reject', 'mod-1'],
    ]);
    expect(res.body.entries[1].reason).toBe('Private address');
  });
});

describe('claim and unclaim', () => {
  test('claim, 409 for another moderator, release, 404 unknown', async () => {
    const id = first().id;
    const claimed = await request(h.app).post(`/mod/queue/${id}/claim`).set(MOD).send({});
    expect(claimed.status).toBe(200);
    expect(claimed.body.claimedBy).toBe('mod-1');
    const again = await request(h.app).post(`/mod/queue/${id}/claim`).set(OTHER).send({});
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('conflict');
    expect((await request(h.app).post(`/mod/queue/${id}/unclaim`).set(OTHER).send({})).status).toBe(409);
    expect((await request(h.app).post(`/mod/queue/${id}/actions`).set(OTHER).send({ action: 'approve' })).status).toBe(409);
    const released = await request(h.app).post(`/mod/queue/${id}/unclaim`).set(MOD).send({});
    expect(released.status).toBe(200);
    expect(released.body.claimedBy).toBeNull();
    expect((await request(h.app).post('/mod/queue/nope/claim').set(MOD).send({})).status).toBe(404);
  });

  test('a stale version answers 409, a bad one 400', async () => {
    const id = first().id;
    const stale = await request(h.app).post(`/mod/queue/${id}/claim`).set(MOD).send({ version: first().version + 5 });
    expect(stale.status).toBe(409);
    const bad = await request(h.app).post(`/mod/queue/${id}/claim`).set(MOD).send({ version: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/version/);
  });

  test('two moderators claiming at once: exactly one wins', async () => {
    const id = first().id;
    const [a, b] = await Promise.all([
      request(h.app).post(`/mod/queue/${id}/claim`).set(MOD).send({ version: first().version }),
      request(h.app).post(`/mod/queue/${id}/claim`).set(OTHER).send({ version: first().version }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
  });
});

describe('POST /queue/:id/actions', () => {
  test('approve answers the item and calls onResolved', async () => {
    const res = await request(h.app).post(`/mod/queue/${first().id}/actions`).set(MOD).send({ action: 'approve', version: first().version });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('approved');
    expect(res.body.resolvedBy).toBe('mod-1');
    expect(h.resolved.map((r) => [r.item.id, r.action])).toEqual([[first().id, 'approve']]);
  });

  test('reject needs a reason, which reaches the host through onResolved', async () => {
    const none = await request(h.app).post(`/mod/queue/${first().id}/actions`).set(MOD).send({ action: 'reject' });
    expect(none.status).toBe(400);
    expect(none.body.message).toMatch(/reason is required/);
    const res = await request(h.app).post(`/mod/queue/${first().id}/actions`).set(MOD).send({ action: 'reject', reason: 'Someone else’s address' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('rejected');
    expect(res.body.resolution).toEqual({ action: 'reject', reason: 'Someone else’s address' });
    expect(h.resolved[0]?.item.resolution?.reason).toBe('Someone else’s address');
  });

  test('redact returns the redacted content (masked); the host gets the publishable text', async () => {
    const item = h.items[1] as ReviewItem; // email + phone
    const res = await request(h.app).post(`/mod/queue/${item.id}/actions`).set(MOD).send({ action: 'redact', findings: [0], reason: 'third-party email' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('redacted');
    expect(res.body.resolution.fields.body).toContain('[removed]');
    expect(res.body.resolution.fields.body).toContain('•••-0199');
    expect(res.text).not.toContain(RAW_EMAIL);
    expect(res.text).not.toContain('555-0199');
    const host = h.resolved[0];
    expect(host?.action).toBe('redact');
    expect(host?.item.resolution?.fields?.body).toBe('The owner of the blue van is Sam Lee, [removed], 555-0199. Everyone should tell him what they think.');
  });

  test('escalate does not resolve and does not call onResolved', async () => {
    const res = await request(h.app).post(`/mod/queue/${first().id}/actions`).set(MOD).send({ action: 'escalate', reason: 'unsure' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('escalated');
    expect(h.resolved).toEqual([]);
    expect((await request(h.app).post(`/mod/queue/${first().id}/actions`).set(OTHER).send({ action: 'approve' })).status).toBe(200);
  });

  test('already resolved, stale version → 409; unknown id → 404', async () => {
    const id = first().id;
    await request(h.app).post(`/mod/queue/${id}/actions`).set(MOD).send({ action: 'approve' }).expect(200);
    const again = await request(h.app).post(`/mod/queue/${id}/actions`).set(OTHER).send({ action: 'reject', reason: 'x' });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/already resolved/);
    const other = h.items[1] as ReviewItem;
    expect((await request(h.app).post(`/mod/queue/${other.id}/actions`).set(MOD).send({ action: 'approve', version: other.version + 1 })).status).toBe(409);
    expect((await request(h.app).post('/mod/queue/nope/actions').set(MOD).send({ action: 'approve' })).status).toBe(404);
    expect(h.resolved).toHaveLength(1);
  });

  test('a lost race answers 409: two approvals of one version, one wins', async () => {
    const item = h.items[2] as ReviewItem;
    const results = await Promise.all(
      [MOD, OTHER, MOD].map((who, i) => request(h.app).post(`/mod/queue/${item.id}/actions`).set(who).send({ action: i === 1 ? 'reject' : 'approve', reason: 'r', version: item.version })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect(h.resolved).toHaveLength(1);
  });

  test('bad bodies answer 400 with a clear message', async () => {
    const id = first().id;
    const cases: Array<[unknown, RegExp]> = [
      [{}, /action.{0,200}approve, reject, redact, escalate/],
      [{ action: 'delete' }, /action.{0,200}got "delete"/],
      [{ action: 'approve', reason: 5 }, /reason` must be a string/],
      [{ action: 'approve', reason: 'x'.repeat(1001) }, /too long/],
      [{ action: 'approve', version: -1 }, /version/],
      [{ action: 'redact', findings: ['a'] }, /findings/],
      [{ action: 'redact', findings: [] }, /at least one finding/],
      [{ action: 'redact', findings: [9] }, /findings must be indexes/],
      [[1, 2], /JSON object/],
    ];
    for (const [body, message] of cases) {
      const res = await request(h.app).post(`/mod/queue/${id}/actions`).set(MOD).send(body as object);
      expect([JSON.stringify(body).slice(0, 40), res.status]).toEqual([JSON.stringify(body).slice(0, 40), 400]);
      expect(res.body.error).toBe('invalid_input');
      expect(res.body.message).toMatch(message);
    }
    const malformed = await request(h.app).post(`/mod/queue/${id}/actions`).set(MOD).set('Content-Type', 'application/json').send('{"action":');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toBe('invalid_input');
    expect((await h.store.reviews.get(id))?.status).toBe('pending');
  });

  test('an onResolved error is logged, not sent to the moderator', async () => {
    const x = await makeHarness({
      onResolved: () => {
        throw new Error('publish failed');
      },
    });
    const res = await request(x.app).post(`/mod/queue/${x.items[0]?.id}/actions`).set(MOD).send({ action: 'approve' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('approved');
    expect(x.logged.some((l) => l.level === 'error' && /onResolved/.test(l.message) && /publish failed/.test(String(l.meta?.error)))).toBe(true);
    const rejected = await makeHarness({ onResolved: async () => Promise.reject(new Error('async publish failed')) });
    expect((await request(rejected.app).post(`/mod/queue/${rejected.items[0]?.id}/actions`).set(MOD).send({ action: 'approve' })).status).toBe(200);
    expect(rejected.logged.some((l) => l.level === 'error')).toBe(true);
    await x.store.close();
    await rejected.store.close();
  });
});

describe('POST /queue/bulk', () => {
  test('answers per-item results', async () => {
    const [a, b] = h.items as [ReviewItem, ReviewItem];
    await request(h.app).post(`/mod/queue/${b.id}/claim`).set(OTHER).send({}).expect(200);
    const res = await request(h.app).post('/mod/queue/bulk').set(MOD).send({ ids: [a.id, b.id, 'nope'], action: 'reject', reason: 'spam' });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { id: string; status: number; error?: string }) => [r.id, r.status, r.error])).toEqual([
      [a.id, 200, undefined],
      [b.id, 409, 'conflict'],
      ['nope', 404, 'not_found'],
    ]);
    expect(res.body.results[0].item.status).toBe('rejected');
    expect(h.resolved.map((r) => r.item.id)).toEqual([a.id]);
  });

  test('bad bulk bodies answer 400', async () => {
    const cases: unknown[] = [{ ids: [], action: 'approve' }, { ids: 'x', action: 'approve' }, { ids: [first().id], action: 'nuke' }, { ids: [first().id], action: 'reject' }, { ids: Array.from({ length: 101 }, (_, i) => `id${i}`), action: 'approve' }];
    for (const body of cases) {
      const res = await request(h.app).post('/mod/queue/bulk').set(MOD).send(body as object);
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('invalid_input');
    }
  });
});

describe('POST /queue/:id/reveal', () => {
  test('answers the raw value and logs the reveal', async () => {
    const res = await request(h.app).post(`/mod/queue/${first().id}/reveal`).set(MOD).send({ finding: 0 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ finding: 0, value: RAW_PHONE });
    const audit = await h.store.reviews.audit(first().id);
    expect(audit.map((a) => [a.action, a.moderatorId])).toEqual([['reveal', 'mod-1']]);
  });
  test('400 bad index, 404 unknown item', async () => {
    expect((await request(h.app).post(`/mod/queue/${first().id}/reveal`).set(MOD).send({ finding: 'x' })).status).toBe(400);
    expect((await request(h.app).post(`/mod/queue/${first().id}/reveal`).set(MOD).send({ finding: 7 })).status).toBe(400);
    expect((await request(h.app).post('/mod/queue/nope/reveal').set(MOD).send({ finding: 0 })).status).toBe(404);
    expect(await h.store.reviews.audit(first().id)).toEqual([]);
  });
});

describe('CSRF on the dashboard forms', () => {
  test('a form post with a valid token is done and redirects back with 303', async () => {
    const s = await formSession(MOD, first().id);
    const res = await request(h.app)
      .post(`/mod/queue/${first().id}/actions`)
      .set(MOD)
      .set('Cookie', s.cookie)
      .set('Accept', BROWSER)
      .type('form')
      .send({ _csrf: s.token, action: 'approve', version: String(first().version), return: `status=pending&type=phone&item=${first().id}&evil=https://attacker.example.com` });
    expect(res.status).toBe(303);
    const location = new URL(res.headers.location as string, 'http://x');
    expect(location.pathname).toBe('/mod/');
    expect(location.searchParams.get('item')).toBe(first().id);
    expect(location.searchParams.get('type')).toBe('phone');
    expect(location.searchParams.get('done')).toBe('approve');
    expect(location.searchParams.get('evil')).toBeNull();
    expect((await h.store.reviews.get(first().id))?.status).toBe('approved');
  });

  test('a form reject takes the canned reason when no text is written', async () => {
    const s = await formSession();
    const res = await request(h.app).post(`/mod/queue/${first().id}/actions`).set(MOD).set('Cookie', s.cookie).type('form').send({ _csrf: s.token, action: 'reject', cannedReason: 'Needs a second opinion', reason: '' });
    expect(res.status).toBe(303);
    expect((await h.store.reviews.get(first().id))?.resolution?.reason).toBe('Needs a second opinion');
  });

  test('a form redact takes the checked findings', async () => {
    const item = h.items[1] as ReviewItem;
    const s = await formSession();
    const res = await request(h.app).post(`/mod/queue/${item.id}/actions`).set(MOD).set('Cookie', s.cookie).type('form').send(`_csrf=${encodeURIComponent(s.token)}&action=redact&findings=0&findings=1`);
    expect(res.status).toBe(303);
    expect((await h.store.reviews.get(item.id, { reveal: true }))?.resolution?.fields?.body).toBe('The owner of the blue van is Sam Lee, [removed], [removed]. Everyone should tell him what they think.');
  });

  test('missing, wrong, foreign and cross-cookie tokens answer 403 csrf_invalid; nothing changes', async () => {
    const s = await formSession(MOD);
    const other = await formSession(OTHER);
    const attempts: Array<{ cookie?: string; token?: string; who?: Record<string, string>; type?: string }> = [
      { cookie: s.cookie },
      { cookie: s.cookie, token: 'x'.repeat(43) },
      { cookie: s.cookie, token: `${s.token}x` },
      { token: s.token },
      { cookie: other.cookie, token: s.token },
      { cookie: other.cookie, token: other.token },
      { cookie: s.cookie, token: s.token, who: OTHER },
    ];
    for (const a of attempts) {
      let req = request(h.app).post(`/mod/queue/${first().id}/actions`).set(a.who ?? MOD);
      if (a.cookie) req = req.set('Cookie', a.cookie);
      const res = await req.type('form').send({ ...(a.token ? { _csrf: a.token } : {}), action: 'approve' });
      expect(res.status).toBe(403);
      expect(res.body.error).toBe('csrf_invalid');
    }
    // text/plain (what a cross-site form can also send) and no body at all need the token too.
    const plain = await request(h.app).post(`/mod/queue/${first().id}/actions`).set(MOD).set('Cookie', s.cookie).set('Content-Type', 'text/plain').send('{"action":"approve"}');
    expect(plain.status).toBe(403);
    const empty = await request(h.app).post(`/mod/queue/${first().id}/claim`).set(MOD).set('Cookie', s.cookie);
    expect(empty.status).toBe(403);
    expect(empty.body.error).toBe('csrf_invalid');
    // A browser gets the 403 as a page.
    const page = await request(h.app).post(`/mod/queue/${first().id}/actions`).set(MOD).set('Accept', BROWSER).type('form').send({ action: 'approve' });
    expect(page.status).toBe(403);
    expect(page.text).toContain('csrf_invalid');
    expect((await h.store.reviews.get(first().id))?.status).toBe('pending');
    expect(await h.store.reviews.audit(first().id)).toEqual([]);
  });

  test('the token header works for scripted form posts; JSON needs no token', async () => {
    const s = await formSession();
    const viaHeader = await request(h.app).post(`/mod/queue/${first().id}/claim`).set(MOD).set('Cookie', s.cookie).set('X-CSRF-Token', s.token).type('form').send({});
    expect(viaHeader.status).toBe(303);
    const json = await request(h.app).post(`/mod/queue/${first().id}/unclaim`).set(MOD).set('Content-Type', 'application/json; charset=utf-8').send('{}');
    expect(json.status).toBe(200);
    expect(json.body.claimedBy).toBeNull();
  });

  test('a form that loses a race goes back to the item with a conflict notice', async () => {
    const s = await formSession(MOD, first().id);
    await request(h.app).post(`/mod/queue/${first().id}/actions`).set(OTHER).send({ action: 'approve' }).expect(200);
    const res = await request(h.app)
      .post(`/mod/queue/${first().id}/actions`)
      .set(MOD)
      .set('Cookie', s.cookie)
      .set('Accept', BROWSER)
      .type('form')
      .send({ _csrf: s.token, action: 'reject', reason: 'x', version: String(first().version) });
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/done=conflict/);
    const page = await request(h.app).get(res.headers.location as string).set(MOD);
    expect(page.text).toContain('class="flash warning"');
    expect(page.text).toContain('data-status="approved"');
    expect((await h.store.reviews.get(first().id))?.resolvedBy).toBe('mod-2');
  });

  test('form claim, unclaim, bulk and reveal work without JavaScript', async () => {
    const s = await formSession();
    const post = (path: string, body: string): request.Test =>
      request(h.app).post(`/mod${path}`).set(MOD).set('Cookie', s.cookie).set('Accept', BROWSER).type('form').send(`_csrf=${encodeURIComponent(s.token)}&${body}`);
    expect((await post(`/queue/${first().id}/claim`, '')).status).toBe(303);
    expect((await h.store.reviews.get(first().id))?.claimedBy).toBe('mod-1');
    expect((await post(`/queue/${first().id}/unclaim`, '')).status).toBe(303);
    const [, b, c] = h.items as [ReviewItem, ReviewItem, ReviewItem];
    const bulk = await post('/queue/bulk', `ids=${b.id}&ids=${c.id}&action=escalate`);
    expect(bulk.status).toBe(303);
    expect(bulk.headers.location).toMatch(/done=bulk(&|$)/);
    expect((await h.store.reviews.get(c.id))?.status).toBe('escalated');
    // Reveal: POST → 303 → GET shows the value once; the URL carries a one-time id, never the value;
    // the value waits in a sealed cookie scoped to the item's page.
    const reveal = await post(`/queue/${first().id}/reveal`, 'finding=0');
    expect(reveal.status).toBe(303);
    const shownAt = reveal.headers.location as string;
    expect(shownAt).toMatch(/\/mod\/items\/[^?]+\?.*shown=[A-Za-z0-9_-]{20,}/);
    expect(shownAt).not.toContain('555');
    const sealed = revealCookieOf(reveal.headers['set-cookie']);
    expect(sealed.attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', `Path=/mod/items/${encodeURIComponent(first().id)}`, 'Max-Age=60']));
    for (const raw of [RAW_PHONE, '010-4477', '4477']) expect(sealed.pair).not.toContain(raw);
    const shown = await request(h.app).get(shownAt).set(MOD).set('Cookie', `${s.cookie}; ${sealed.pair}`).set('Accept', BROWSER);
    expect(shown.status).toBe(200);
    expect(shown.text).toContain(`<code class="raw">${RAW_PHONE}</code>`);
    expect(shown.headers['cache-control']).toBe('no-store');
    // The page clears the cookie.
    expect(revealCookieOf(shown.headers['set-cookie']).pair).toBe('pii_review_reveal=');
    // A reload (the browser no longer has the cookie): the value is gone (masked, with a note), and no second reveal is logged.
    const reload = await request(h.app).get(shownAt).set(MOD).set('Cookie', s.cookie).set('Accept', BROWSER);
    expect(reload.status).toBe(200);
    expect(reload.text).not.toContain(RAW_PHONE);
    expect(reload.text).toContain('shown once');
    // The same cookie replayed to this instance shows nothing either.
    const replay = await request(h.app).get(shownAt).set(MOD).set('Cookie', `${s.cookie}; ${sealed.pair}`).set('Accept', BROWSER);
    expect(replay.text).not.toContain(RAW_PHONE);
    // Another moderator cannot use the id and cookie either (bound to the moderator), nor another item's page.
    const again = await post(`/queue/${first().id}/reveal`, 'finding=0');
    const againCookie = revealCookieOf(again.headers['set-cookie']).pair;
    const stolen = await request(h.app).get(again.headers.location as string).set('X-Moderator', 'mod-2').set('Cookie', againCookie).set('Accept', BROWSER);
    expect(stolen.text).not.toContain(RAW_PHONE);
    const shownId = new URL(again.headers.location as string, 'http://x').searchParams.get('shown') as string;
    const elsewhere = await request(h.app).get(`/mod/items/${h.items[1]!.id}?shown=${shownId}`).set(MOD).set('Cookie', againCookie).set('Accept', BROWSER);
    expect(elsewhere.text).not.toContain(RAW_PHONE);
    // A tampered cookie shows nothing.
    const [name, value] = againCookie.split('=') as [string, string];
    const flipped = `${name}=${value.slice(0, 30)}${value[30] === 'A' ? 'B' : 'A'}${value.slice(31)}`;
    const tampered = await request(h.app).get(again.headers.location as string).set(MOD).set('Cookie', flipped).set('Accept', BROWSER);
    expect(tampered.text).not.toContain(RAW_PHONE);
    expect(tampered.text).toContain('shown once');
    expect((await h.store.reviews.audit(first().id)).map((a) => a.action)).toEqual(['claim', 'unclaim', 'reveal', 'reveal']);
    const noIds = await post('/queue/bulk', 'action=approve');
    expect(noIds.status).toBe(400);
    expect(noIds.text).toContain('select at least one item');
  });
});

describe('dashboard page', () => {
  test('lists items with counts and opens one with its findings highlighted', async () => {
    const res = await request(h.app).get(`/mod/?item=${first().id}`).set(MOD).set('Accept', BROWSER);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<span class="count" data-status="pending">4</span>');
    expect(res.text).toContain('forum/garden-club/1042');
    expect(res.text).toMatch(/<mark class="finding t-phone" tabindex="0" data-index="0"[^>]*>\(•••\) •••-4477<span class="tip"/);
    expect(res.text).toContain('valid US number');
    expect(res.text).not.toContain(RAW_PHONE);
    expect(res.text).toContain('Signed in as <strong>Moderator mod-1</strong>');
    const same = await request(h.app).get(`/mod/items/${first().id}`).set(MOD);
    expect(same.text).toContain(`data-id="${first().id}" data-version`);
  });

  test('unknown item: 404 page; bad filter: 400 page; unknown notice keys are not reflected', async () => {
    expect((await request(h.app).get('/mod/items/nope').set(MOD).set('Accept', BROWSER)).status).toBe(404);
    expect((await request(h.app).get('/mod/?status=bogus').set(MOD).set('Accept', BROWSER)).status).toBe(400);
    const res = await request(h.app).get('/mod/?done=%3Cscript%3Ex').set(MOD);
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('<script>x');
    expect(res.text).not.toContain('class="flash"');
    expect((await request(h.app).get('/mod/?done=approve').set(MOD)).text).toContain('class="flash"');
  });

  test('escapes everything from a hostile post', async () => {
    const hostile = await seedHostile(h.store);
    await h.store.reviews.act(hostile.id, { action: 'escalate', moderatorId: '<img src=x onerror=alert(1)>', reason: '<script>alert("reason")</script>' });
    for (const path of [`/mod/?status=all&item=${hostile.id}`, `/mod/?status=escalated`]) {
      const res = await request(h.app).get(path).set(MOD);
      expect(res.status).toBe(200);
      expect(res.text.match(/<script/g)).toHaveLength(1);
      expect(res.text).not.toMatch(/<img|<svg|<a href="javascript|onerror="|onload="/i);
      expect(res.text).not.toContain('</textarea></mark>');
    }
    const page = (await request(h.app).get(`/mod/items/${hostile.id}?status=all`).set(MOD)).text;
    expect(page).toContain('&lt;script&gt;window.__pwned=&quot;ref&quot;&lt;/script&gt;');
    expect(page).toContain('&lt;img src=x onerror=&quot;window.__pwned=&#39;author&#39;&quot;&gt;');
    expect(page).toContain('&lt;b&gt;rule&lt;/b&gt;');
    expect(page).toContain('&lt;script&gt;alert(&quot;reason&quot;)&lt;/script&gt;');
  });
});

describe('placeFindings (highlights in masked text)', () => {
  const f = (start: number, end: number, masked: string, field = 'body'): StoredFinding => ({
    field, type: 'email', start, end, masked, ruleId: 'r', confidence: 0.9, subject: 'self', valueHash: 'h',
  });
  test('shifts offsets by the length changes of earlier masks', () => {
    // raw: "a jane@example.com b +1 555 0134 c"
    const raw = 'a jane@example.com b +1 555 0134 c';
    const e1 = f(2, 18, 'j•••@example.com');
    const p1 = f(21, 32, '+1 ••• 0134');
    const masked = raw.slice(0, 2) + e1.masked + raw.slice(18, 21) + p1.masked + raw.slice(32);
    const placed = placeFindings(masked, [p1, e1], 'body');
    expect(placed.map((p) => masked.slice(p.start, p.end))).toEqual(['j•••@example.com', '+1 ••• 0134']);
    expect(placed.map((p) => p.index)).toEqual([1, 0]);
  });
  test('falls back to searching when offsets do not fit, skips overlaps and other fields', () => {
    const masked = 'xx A••• yy B•••';
    const placed = placeFindings(masked, [f(0, 3, 'A•••'), f(1, 2, 'Z'), f(5, 9, 'B•••'), f(0, 1, 'x', 'title')], 'body');
    expect(placed.map((p) => [p.index, masked.slice(p.start, p.end)])).toEqual([
      [0, 'A•••'],
      [2, 'B•••'],
    ]);
  });
  test('renderField escapes around and inside highlights', () => {
    const html = renderField('<b>x</b> M•••', [f(9, 14, 'M•••')], 'body');
    expect(html.startsWith('&lt;b&gt;x&lt;/b&gt; <mark')).toBe(true);
    expect(html).toContain('>M•••<span class="tip"');
  });
});

describe('reveal across instances', () => {
  test('reveal on instance A, the GET lands on instance B (two routers, two store handles on one database): shown once, one reveal logged', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { createStore } = await import('../../src/store');
    const { seedDemoReviews } = await import('../../src/express/review-demo');
    const { SECRET } = await import('./review-helpers');
    const dir = mkdtempSync(join(tmpdir(), 'pii-reveal-'));
    const url = `sqlite:${join(dir, 'queue.sqlite')}`;
    const storeA = await createStore({ url, secret: SECRET });
    const storeB = await createStore({ url, secret: SECRET });
    try {
      const [item] = await seedDemoReviews(storeA);
      const mount = (store: typeof storeA): express.Express => {
        const app = express();
        app.use('/mod', reviewRouter({
          store,
          authorize: (req) => (req.get('x-moderator') ? { id: req.get('x-moderator') as string } : null),
          csrfSecret: 'wuVtRD1etvvmEcFBJ7yISpy1LgadW6J3J3J0oXjIVFs',
          logger: { warn: () => undefined, error: () => undefined },
        }));
        return app;
      };
      const a = mount(storeA);
      const b = mount(storeB);
      const id = (item as ReviewItem).id;
      const page = await request(a).get(`/mod/items/${id}`).set(MOD).set('Accept', BROWSER);
      const s = extractCsrf(page.text, page.headers['set-cookie']);
      const reveal = await request(a).post(`/mod/queue/${id}/reveal`).set(MOD).set('Cookie', s.cookie).set('Accept', BROWSER).type('form')
        .send(`_csrf=${encodeURIComponent(s.token)}&finding=0`);
      expect(reveal.status).toBe(303);
      const sealed = revealCookieOf(reveal.headers['set-cookie']).pair;
      const shown = await request(b).get(reveal.headers.location as string).set(MOD).set('Cookie', `${s.cookie}; ${sealed}`).set('Accept', BROWSER);
      expect(shown.status).toBe(200);
      expect(shown.text).toContain(`<code class="raw">${RAW_PHONE}</code>`);
      // A reload on either instance (the cookie is gone) shows the masked value, and logs nothing.
      for (const app of [a, b]) {
        const reload = await request(app).get(reveal.headers.location as string).set(MOD).set('Cookie', s.cookie).set('Accept', BROWSER);
        expect(reload.text).not.toContain(RAW_PHONE);
        expect(reload.text).toContain('shown once');
      }
      expect((await storeB.reviews.audit(id)).map((x) => x.action)).toEqual(['reveal']);
      // The database file holds no raw value.
      await storeA.close();
      await storeB.close();
      const { readFileSync, readdirSync } = await import('node:fs');
      for (const f of readdirSync(dir)) expect(readFileSync(join(dir, f)).includes(Buffer.from('010-4477'))).toBe(false);
    } finally {
      await storeA.close().catch(() => undefined);
      await storeB.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
