/**
 * The review service (issue 15): createReviewService() through the main entry, the way a
 * non-Express host uses it, on SQLite and PostgreSQL. Items are held by the publish guard (an
 * author acknowledging someone else's address), then decided by moderators — honest and hostile.
 */
import {
  createPublishGuard, createReviewService, createStore, explainHold, isPreflightError,
  type GuardResult, type ReviewItem, type ReviewService, type Store, type PreflightError, type ResolvedAction,
} from '../../src';
import { describePg, dropSchema, testSchema, urlWithApp } from '../store/postgres-helpers';

const SECRET = 'kP2v7Qm3xWz9LrT1bN8cYd4FhJ6sGa0E-uViOyRt5wQ';
const ADDRESS = '1234 Elm Street, Springfield, IL 62704';
const PHONE = '(201) 555-0123';
const quiet = { warn: () => undefined, error: () => undefined };
const A = { id: 'mod-a', name: 'Alex' };
const B = { id: 'mod-b' };

async function expectCode(p: Promise<unknown>, code: string, message?: RegExp): Promise<PreflightError> {
  let caught: unknown;
  try {
    await p;
  } catch (err) {
    caught = err;
  }
  expect(isPreflightError(caught)).toBe(true);
  const e = caught as PreflightError;
  expect(e.code).toBe(code);
  if (message) expect(e.message).toMatch(message);
  return e;
}

function outcome<K extends GuardResult['outcome']>(r: GuardResult, k: K): Extract<GuardResult, { outcome: K }> {
  expect(r.outcome).toBe(k);
  return r as Extract<GuardResult, { outcome: K }>;
}

interface Env {
  store: Store;
  service: ReviewService;
  resolved: Array<{ item: ReviewItem; action: ResolvedAction }>;
  logged: string[];
  /** Holds a post by `author` through the publish guard (someone else's address and phone, acknowledged); answers its review id. */
  hold(postRef: string, author?: string): Promise<string>;
}

function suite(label: string, open: () => Promise<Store>): void {
  describe(`createReviewService() on ${label}`, () => {
    const stores: Store[] = [];
    afterAll(async () => {
      for (const s of stores) await s.close().catch(() => undefined);
    });

    async function env(onResolved?: (item: ReviewItem, action: ResolvedAction) => void | Promise<void>): Promise<Env> {
      const store = await open();
      stores.push(store);
      const resolved: Env['resolved'] = [];
      const logged: string[] = [];
      const service = createReviewService({
        store,
        onResolved: onResolved ?? ((item, action) => void resolved.push({ item, action })),
        logger: { warn: (m) => void logged.push(m), error: (m, meta) => void logged.push(`${m} ${JSON.stringify(meta)}`) },
      });
      const guard = createPublishGuard({ store, secret: SECRET, logger: quiet });
      const hold = async (postRef: string, author = 'author-1'): Promise<string> => {
        const fields = { title: 'Found him', body: `He lives at ${ADDRESS}, phone ${PHONE}, go and see him.` };
        const w = outcome(await guard.evaluate({ userId: author, fields, postRef }), 'warning');
        const a = outcome(await guard.evaluate({ userId: author, fields, postRef, acknowledgement: { token: w.acknowledgement.token } }), 'acknowledged');
        expect(a.review?.status).toBe('pending');
        return (a.review as { id: string }).id;
      };
      return { store, service, resolved, logged, hold };
    }

    test('list, get and explain: masked items, paging by cursor, counts per status, plain-language reasons', async () => {
      const { service, hold } = await env();
      const ids = [await hold('p:1'), await hold('p:2', 'author-2'), await hold('p:3', 'author-3')];
      const first = await service.list(A, { status: 'pending', limit: 2 });
      expect(first.items.map((i) => i.id)).toEqual(ids.slice(0, 2));
      expect(first.counts).toEqual({ pending: 3, escalated: 0, approved: 0, rejected: 0, redacted: 0 });
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = await service.list(A, { status: 'pending', limit: 2, cursor: first.nextCursor as string });
      expect(second.items.map((i) => i.id)).toEqual([ids[2]]);
      expect(second.nextCursor).toBeNull();
      expect((await service.list(A, { author: 'author-2' })).items.map((i) => i.id)).toEqual([ids[1]]);
      expect((await service.list(A, { status: ['approved', 'rejected'] })).items).toEqual([]);

      const item = await service.get(A, ids[0] as string);
      expect(item.fields.body).not.toContain(ADDRESS);
      expect(item.fields.body).not.toContain('555-0123');
      expect(item.findings.map((f) => f.type).sort()).toEqual(['address', 'phone']);
      const why = explainHold(item, ['de-DE', 'en']);
      expect(why.language).toBe('de');
      expect(why.knownRule).toBe(true);
      expect(item.heldBecause.rule).toBe('review-contact-exposing-cues'); // "go and see him"
      expect(why.text).toMatch(/bloßstellen/);
      expect(why.acknowledgement).toBe('Bestätigt: Der Autor nennt keinen Grund');
      expect(why.findings).toHaveLength(2);
      expect(why.findings.join(' ')).not.toContain(ADDRESS);
      // The findings' lines are in the same language as the rule's sentence (they were English).
      expect(why.findings.join(' ')).toMatch(/Telefonnummer/);
      expect(why.findings.join(' ')).not.toMatch(/Phone number/);
      expect(explainHold(item).language).toBe('en');
    });

    test('claim, decide, audit: approve calls onResolved with the raw item; reject needs a reason; redact chooses findings', async () => {
      const { service, resolved, hold } = await env();
      const [x, y, z] = [await hold('p:1'), await hold('p:2'), await hold('p:3')];
      const claimed = await service.claim(A, x);
      expect(claimed.claimedBy).toBe('mod-a');
      const approved = await service.decide(A, x, { action: 'approve', version: claimed.version });
      expect(approved).toMatchObject({ status: 'approved', resolvedBy: 'mod-a' });
      expect(resolved).toHaveLength(1);
      expect(resolved[0]?.action).toBe('approve');
      expect(resolved[0]?.item.fields.body).toContain(ADDRESS); // the host gets the raw post to publish

      await expectCode(service.decide(A, y, { action: 'reject' }), 'invalid_input', /reason is required/);
      await expectCode(service.decide(A, y, { action: 'reject', reason: '   ' }), 'invalid_input', /reason is required/);
      const rejected = await service.decide(A, y, { action: 'reject', reason: "  Someone else's address.  " });
      expect(rejected.resolution?.reason).toBe("Someone else's address.");

      const item = await service.get(B, z);
      const phone = item.findings.findIndex((f) => f.type === 'phone');
      const redacted = await service.decide(B, z, { action: 'redact', findings: [phone] });
      expect(redacted.status).toBe('redacted');
      const published = resolved.find((r) => r.action === 'redact')?.item.resolution?.fields?.body ?? '';
      expect(published).toContain(ADDRESS);
      expect(published).not.toContain(PHONE);

      const audit = await service.audit(A, x);
      expect(audit.map((e) => e.action)).toEqual(['claim', 'approve']);
    });

    test('escalate does not resolve nor call onResolved; an onResolved error is logged and the decision stands', async () => {
      const failing = await env(() => Promise.reject(new Error('publish failed')));
      const id = await failing.hold('p:1');
      const esc = await failing.service.decide(A, id, { action: 'escalate', reason: 'second opinion' });
      expect(esc.status).toBe('escalated');
      expect(failing.logged).toEqual([]);
      const ok = await failing.service.decide(B, id, { action: 'approve' });
      expect(ok.status).toBe('approved');
      expect(failing.logged.some((l) => /onResolved\(\) failed/.test(l) && /publish failed/.test(l))).toBe(true);
      expect((await failing.service.get(A, id)).status).toBe('approved');
    });

    test('reveal: the raw value of one finding, written to the audit trail each time', async () => {
      const { service, hold } = await env();
      const id = await hold('p:1');
      const item = await service.get(A, id);
      const i = item.findings.findIndex((f) => f.type === 'address');
      expect(await service.reveal(A, id, i)).toEqual({ finding: i, value: ADDRESS });
      const reveals = (await service.audit(A, id)).filter((e) => e.action === 'reveal');
      expect(reveals).toHaveLength(1);
      expect(reveals[0]?.moderatorId).toBe('mod-a');
      expect(JSON.stringify(reveals)).not.toContain(ADDRESS);
    });

    test('bulk: each item succeeds or fails on its own; duplicates count once', async () => {
      const { service, resolved, hold } = await env();
      const [x, y] = [await hold('p:1'), await hold('p:2')];
      await service.claim(B, y);
      const { results } = await service.bulk(A, { ids: [x, x, y, 'no-such-item'], action: 'approve' });
      expect(results.map((r) => [r.id, r.status, r.error])).toEqual([
        [x, 200, undefined],
        [y, 409, 'conflict'],
        ['no-such-item', 404, 'not_found'],
      ]);
      expect(resolved.map((r) => r.item.id)).toEqual([x]);
      await expectCode(service.bulk(A, { ids: [y], action: 'reject' }), 'invalid_input', /reason is required/);
      await expectCode(service.bulk(A, { ids: [], action: 'approve' }), 'invalid_input', /ids/);
      await expectCode(service.bulk(A, { ids: Array.from({ length: 101 }, (_, n) => `id-${n}`), action: 'approve' }), 'invalid_input', /1 to 100/);
      await expectCode(service.bulk(A, { ids: ['x'.repeat(201)], action: 'approve' }), 'invalid_input', /ids/);
      await expectCode(service.bulk(A, { ids: [x], action: 'delete' as never }), 'invalid_input', /action/);
    });

    test('a hostile moderator: another moderator\'s item, deciding twice, stale versions, bad ids, bad findings, oversize input', async () => {
      const { service, resolved, hold } = await env();
      const [x, y] = [await hold('p:1'), await hold('p:2')];
      const held = await service.claim(B, x);
      // Someone else holds it: no claim, no decision, no unclaim on their behalf.
      await expectCode(service.claim(A, x), 'conflict', /another moderator/);
      await expectCode(service.decide(A, x, { action: 'approve' }), 'conflict', /another moderator/);
      await expectCode(service.decide(A, x, { action: 'reject', reason: 'mine now' }), 'conflict');
      expect((await service.bulk(A, { ids: [x], action: 'approve' })).results[0]).toMatchObject({ status: 409, error: 'conflict' });
      await expectCode(service.unclaim(A, x), 'conflict');
      expect((await service.get(A, x)).claimedBy).toBe('mod-b');
      // A stale version: the item changed since the moderator looked.
      await expectCode(service.decide(B, x, { action: 'approve', version: held.version - 1 }), 'conflict', /version/);
      await service.decide(B, x, { action: 'approve', version: held.version });
      // Deciding twice, by anyone.
      await expectCode(service.decide(B, x, { action: 'approve' }), 'conflict', /already resolved/);
      await expectCode(service.decide(A, x, { action: 'reject', reason: 'too late' }), 'conflict', /already resolved/);
      await expectCode(service.claim(A, x), 'conflict');
      expect(resolved).toHaveLength(1);

      // Bad ids: unknown, empty, not a string, absurdly long — all not_found, for every call.
      for (const bad of ['00000000-0000-0000-0000-000000000000', 'nope', '', 'x'.repeat(5000), 42 as unknown as string, null as unknown as string]) {
        await expectCode(service.get(A, bad), 'not_found');
        await expectCode(service.audit(A, bad), 'not_found');
        await expectCode(service.claim(A, bad), 'not_found');
        await expectCode(service.decide(A, bad, { action: 'approve' }), 'not_found');
        await expectCode(service.reveal(A, bad, 0), 'not_found');
      }

      // Findings that do not exist, or are not indexes; an empty redaction.
      await expectCode(service.decide(A, y, { action: 'redact', findings: [99] }), 'invalid_input', /findings/);
      await expectCode(service.decide(A, y, { action: 'redact', findings: [-1] }), 'invalid_input', /findings/);
      await expectCode(service.decide(A, y, { action: 'redact', findings: [0.5] }), 'invalid_input', /findings/);
      await expectCode(service.decide(A, y, { action: 'redact', findings: ['0'] as never }), 'invalid_input', /findings/);
      await expectCode(service.decide(A, y, { action: 'redact', findings: [] }), 'invalid_input', /at least one finding/);
      await expectCode(service.reveal(A, y, 99), 'invalid_input');
      await expectCode(service.reveal(A, y, -1), 'invalid_input', /finding/);
      await expectCode(service.reveal(A, y, Number.NaN), 'invalid_input', /finding/);

      // Oversize and ill-typed input.
      await expectCode(service.decide(A, y, { action: 'reject', reason: 'x'.repeat(1001) }), 'invalid_input', /too long/);
      await expectCode(service.decide(A, y, { action: 'approve', reason: { toString: () => 'hi' } as never }), 'invalid_input', /reason/);
      await expectCode(service.decide(A, y, { action: 'publish' as never }), 'invalid_input', /action/);
      await expectCode(service.decide(A, y, { action: 'approve', version: -1 }), 'invalid_input', /version/);
      await expectCode(service.decide(A, y, { action: 'approve', version: '1' as never }), 'invalid_input', /version/);
      await expectCode(service.decide(A, y, null as never), 'invalid_input');
      await expectCode(service.list(A, { limit: 0 }), 'invalid_input', /limit/);
      await expectCode(service.list(A, { limit: 101 }), 'invalid_input', /limit/);
      await expectCode(service.list(A, { status: 'deleted' as never }), 'invalid_input', /status/);
      await expectCode(service.list(A, { subject: 'everyone' as never }), 'invalid_input', /subject/);
      await expectCode(service.list(A, { author: 'a'.repeat(201) }), 'invalid_input', /author/);
      await expectCode(service.list(A, { cursor: 'c'.repeat(501) }), 'invalid_input', /cursor/);
      await expectCode(service.list(A, { cursor: 'not-a-cursor' }), 'invalid_input');
      await expectCode(service.list(A, { from: new Date('nope') }), 'invalid_input', /from/);
      await expectCode(service.list(A, { statuses: 'pending' } as never), 'invalid_input', /Did you mean `status`/);
      await expectCode(service.list(A, 'pending' as never), 'invalid_input');
      // None of this touched the open item.
      const still = await service.get(A, y);
      expect(still).toMatchObject({ status: 'pending', claimedBy: null, resolution: null });
      expect((await service.audit(A, y)).filter((e) => e.action !== 'reveal')).toEqual([]);
    });

    test('two moderators deciding the same item at once: exactly one wins, the other gets conflict', async () => {
      const { service, resolved, hold } = await env();
      const ids = [await hold('p:1'), await hold('p:2')];
      for (const id of ids) {
        const outcomes = await Promise.allSettled([
          service.decide(A, id, { action: 'approve' }),
          service.decide(B, id, { action: 'reject', reason: 'no' }),
          service.claim(B, id),
        ]);
        const won = outcomes.filter((o) => o.status === 'fulfilled' && (o.value as ReviewItem).resolvedBy !== null);
        expect(won).toHaveLength(1);
        for (const o of outcomes) {
          if (o.status === 'rejected') expect((o.reason as PreflightError).code).toBe('conflict');
        }
        const final = await service.get(A, id);
        expect(['approved', 'rejected']).toContain(final.status);
        expect((await service.audit(A, id)).filter((e) => e.action === 'approve' || e.action === 'reject')).toHaveLength(1);
      }
      expect(resolved).toHaveLength(2);
    });

    test('explainHold() names an unknown rule and ignores an acknowledgement reason it does not know', () => {
      const why = explainHold({ heldBecause: { rule: 'forum-custom', reason: '__proto__' as never, note: '<b>hi</b>' }, findings: [] }, ['fr-CA']);
      expect(why).toEqual({ language: 'fr', text: expect.stringContaining('(forum-custom)'), knownRule: false, acknowledgement: '', note: '<b>hi</b>', truncated: false, findings: [] });
    });

    test('without a moderator every call is forbidden', async () => {
      const { service, hold } = await env();
      const id = await hold('p:1');
      for (const who of [null, undefined, {}, { id: '' }, { id: 7 }, 'mod-a']) {
        const m = who as never;
        await expectCode(service.list(m), 'forbidden');
        await expectCode(service.get(m, id), 'forbidden');
        await expectCode(service.claim(m, id), 'forbidden');
        await expectCode(service.decide(m, id, { action: 'approve' }), 'forbidden');
        await expectCode(service.bulk(m, { ids: [id], action: 'approve' }), 'forbidden');
        await expectCode(service.reveal(m, id, 0), 'forbidden');
      }
      expect((await service.get(A, id)).status).toBe('pending');
      expect(await service.audit(A, id)).toEqual([]);
    });
  });
}

describe('createReviewService() options', () => {
  test('a missing store, unknown keys and bad callbacks throw invalid_options at setup', async () => {
    const store = await createStore({ url: 'sqlite::memory:', secret: SECRET });
    try {
      const code = (f: () => unknown): string | undefined => {
        try {
          f();
        } catch (err) {
          return isPreflightError(err) ? `${err.code}: ${err.message}` : 'not a PreflightError';
        }
        return undefined;
      };
      expect(code(() => createReviewService(undefined as never))).toMatch(/^invalid_options/);
      expect(code(() => createReviewService({} as never))).toMatch(/^invalid_options: .*`store` is required/);
      expect(code(() => createReviewService({ store, onResolve: () => undefined } as never))).toMatch(/Did you mean `onResolved`/);
      expect(code(() => createReviewService({ store, onResolved: 1 } as never))).toMatch(/^invalid_options/);
      expect(code(() => createReviewService({ store, logger: console.log } as never))).toMatch(/^invalid_options/);
      expect(code(() => createReviewService({ store }))).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});

suite('SQLite', () => createStore({ url: 'sqlite::memory:', secret: SECRET }));

const d = describePg('test/core/review.test.ts');
const schema = testSchema('review');
let prefixes = 0;
afterAll(async () => {
  if (d === describe) await dropSchema(schema);
});
d('PostgreSQL', () => {
  suite('PostgreSQL', () => createStore({ url: urlWithApp(schema), secret: SECRET, schema, tablePrefix: `r${++prefixes}_` }));
});
