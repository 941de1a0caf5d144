/**
 * The shared Store test suite: every backend runs it unchanged, against a real database.
 *
 *   runStoreSuite('sqlite', () => createStore({ url: 'sqlite:/tmp/x.sqlite', secret }), hooks);
 *
 * `hooks.tamper` edits stored log records behind the store's back (through a raw connection);
 * `hooks.rawDump` returns every stored byte as text, to check nothing raw is at rest.
 */
import { PreflightError, isPreflightError } from '../../src/errors';
import { GENESIS_HASH, canonicalJson, verifyCheckpointSignature } from '../../src/store';
import type { AcknowledgementInput, ReviewItemInput, Store, StoredFinding } from '../../src/store/types';
import { createHash, createHmac, generateKeyPairSync, hkdfSync, sign as edSign } from 'node:crypto';
import { computeHash, type StoredCheckpoint, type StoredLogRow } from '../../src/store/chain';
import { checkpointMessage } from '../../src/store/crypto';

export type TamperAction =
  | { kind: 'set'; seq: number; column: 'reason' | 'userId' | 'prevHash'; value: string }
  | { kind: 'delete'; seq: number };

/** Raw access to the log's tables, as a database writer without the secret has it. */
export interface RawLogAccess {
  rows(store: Store): Promise<StoredLogRow[]>;
  /** Replaces the row with the same seq (or inserts it). */
  put(store: Store, row: StoredLogRow): Promise<void>;
  checkpoints(store: Store): Promise<StoredCheckpoint[]>;
  /** Deletes every checkpoint and stores these instead. */
  setCheckpoints(store: Store, cps: StoredCheckpoint[]): Promise<void>;
  /** The stored per-user keys, as stored. */
  userKeys(store: Store): Promise<string[]>;
}

export interface StoreSuiteHooks {
  tamper?: (store: Store, action: TamperAction) => Promise<void>;
  rawDump?: (store: Store) => Promise<string>;
  raw?: RawLogAccess;
  /** Opens the same database again with other secrets (key rotation). */
  reopen?: (store: Store, secrets: { secret: string; previousSecrets?: string[] }) => Promise<Store>;
}

export const SECRET = 'H4HccrQLeZLMPoqJgZSjNNesecrwgny-jdHR-x4Fq-I';
export const RAW_EMAIL = 'jane.roe@example.com';
export const RAW_PHONE = '+1 555-0134';
export const NOTICE = 'This post will be public. Anyone can read, collect or use the personal information in it.';

let tokenCounter = 0;

export function finding(store: Store, over: Partial<StoredFinding> & { raw?: string } = {}): StoredFinding {
  const { raw = RAW_EMAIL, ...rest } = over;
  return {
    field: 'body',
    type: 'email',
    start: 0,
    end: raw.length,
    ruleId: 'email/validator',
    confidence: 0.95,
    subject: 'self',
    masked: `${raw.charAt(0)}•••`,
    valueHash: store.hmac(raw),
    reasons: ['validator'],
    ...rest,
  };
}

export function ackInput(store: Store, over: Partial<AcknowledgementInput> = {}): AcknowledgementInput {
  tokenCounter += 1;
  return {
    userId: 'user-1',
    policyVersion: 'p1',
    noticeText: NOTICE,
    noticeVersion: 'n1',
    locale: 'en-US',
    method: 'json',
    reason: 'intended',
    contentHash: store.hmac(`content ${tokenCounter}`),
    fields: ['body'],
    findings: [finding(store)],
    action: 'warn',
    tokenId: `tok-${process.pid}-${Date.now()}-${tokenCounter}`,
    ...over,
  };
}

/** A post body with an email and a phone, and findings pointing at them. */
export function reviewInput(store: Store, over: Partial<ReviewItemInput> = {}): ReviewItemInput {
  const body = `Mail me at ${RAW_EMAIL} or call ${RAW_PHONE} today.`;
  const e = body.indexOf(RAW_EMAIL);
  const p = body.indexOf(RAW_PHONE);
  return {
    postRef: 'post-1',
    authorId: 'author-1',
    fields: { title: 'Hello', body },
    format: 'plain',
    findings: [
      finding(store, { start: e, end: e + RAW_EMAIL.length, masked: 'j•••@example.com', subject: 'self' }),
      finding(store, { raw: RAW_PHONE, type: 'phone', start: p, end: p + RAW_PHONE.length, masked: '+1 •••-0134', subject: 'third_party', ruleId: 'phone/libphonenumber' }),
    ],
    heldBecause: { rule: 'third_party_phone' },
    ...over,
  };
}

export async function expectCode(p: Promise<unknown>, code: string): Promise<PreflightError> {
  try {
    await p;
  } catch (err) {
    expect(isPreflightError(err)).toBe(true);
    expect((err as PreflightError).code).toBe(code);
    return err as PreflightError;
  }
  throw new Error(`expected PreflightError ${code}, but the call succeeded`);
}

/**
 * The test's clock, injected through Jest's fake `Date` (timers, microtasks and I/O stay real, so
 * database drivers are unaffected): `tick(ms)` moves every timestamp the store takes forward, so
 * tests order records by time without sleeping.
 */
function useClock(): { tick(ms: number): void; restore(): void } {
  jest.useFakeTimers({
    now: Date.now(),
    doNotFake: [
      'hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback',
      'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout',
    ],
  });
  return { tick: (ms) => jest.setSystemTime(Date.now() + ms), restore: () => jest.useRealTimers() };
}

async function collect(it: AsyncIterable<string>): Promise<string> {
  let s = '';
  for await (const chunk of it) s += chunk;
  return s;
}

export function runStoreSuite(name: string, makeStore: () => Promise<Store>, hooks: StoreSuiteHooks = {}): void {
  describe(`Store suite: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await store.close();
    });

    describe('basics', () => {
      test('hmac is keyed, deterministic hex', () => {
        expect(store.hmac('a')).toMatch(/^[0-9a-f]{64}$/);
        expect(store.hmac('a')).toBe(store.hmac('a'));
        expect(store.hmac('a')).not.toBe(createHash('sha256').update('a').digest('hex'));
      });
      test('ping works, and a closed store is store_unavailable', async () => {
        await expect(store.ping()).resolves.toBeUndefined();
        await store.close();
        await expectCode(store.ping(), 'store_unavailable');
        await expectCode(store.acknowledgements.append(ackInput(store)), 'store_unavailable');
      });
      test('migrate is idempotent', async () => {
        expect((await store.migrate()).applied).toEqual([]);
      });
    });

    describe('acknowledgements', () => {
      test('append chains records and stores the notice by hash', async () => {
        const a = await store.acknowledgements.append(ackInput(store, { note: 'my own shop, on purpose', ipPrefix: '203.0.113.0/24', userAgent: 'UA/1' }));
        const b = await store.acknowledgements.append(ackInput(store));
        expect(a.seq).toBe(1);
        expect(a.prevHash).toBe(GENESIS_HASH);
        expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
        expect(b.seq).toBe(2);
        expect(b.prevHash).toBe(a.hash);
        expect(a.noticeHash).toBe(createHash('sha256').update(NOTICE).digest('hex'));
        expect(a).toMatchObject({ kind: 'ack', userId: 'user-1', note: 'my own shop, on purpose', ipPrefix: '203.0.113.0/24', userAgent: 'UA/1', action: 'warn', method: 'json' });
        expect(a.findings[0]).not.toHaveProperty('reasons');
        expect(a.findings[0]?.masked).toBe('j•••');
        expect(await store.acknowledgements.get(a.id)).toEqual(a);
        expect(await store.acknowledgements.get('no-such-id')).toBeNull();
      });

      test('a used token is refused (pii_ack_replayed); a refused append does not use it up', async () => {
        const input = ackInput(store);
        await store.acknowledgements.append(input);
        await expectCode(store.acknowledgements.append({ ...input }), 'pii_ack_replayed');
        const other = ackInput(store);
        const bad = { ...other, findings: [{ ...finding(store), text: RAW_EMAIL } as StoredFinding] };
        await expectCode(store.acknowledgements.append(bad), 'invalid_input');
        await expect(store.acknowledgements.append(other)).resolves.toMatchObject({ seq: 2 });
        expect((await store.acknowledgements.verify()).count).toBe(2);
      });

      test('refuses raw values in findings and bad input', async () => {
        await expectCode(store.acknowledgements.append(ackInput(store, { findings: [{ ...finding(store), value: RAW_PHONE } as StoredFinding] })), 'invalid_input');
        await expectCode(store.acknowledgements.append(ackInput(store, { findings: [{ ...finding(store), valueHash: RAW_EMAIL }] })), 'invalid_input');
        await expectCode(store.acknowledgements.append(ackInput(store, { userId: '' })), 'invalid_input');
        await expectCode(store.acknowledgements.append(ackInput(store, { method: 'fax' as 'json' })), 'invalid_input');
        expect((await store.acknowledgements.list()).items).toHaveLength(0);
      });

      test('list: cursor pagination and filters; countSince', async () => {
        for (let i = 0; i < 5; i++) await store.acknowledgements.append(ackInput(store, { userId: i % 2 ? 'user-2' : 'user-1' }));
        const seen: number[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await store.acknowledgements.list({ limit: 2, ...(cursor ? { cursor } : {}) });
          seen.push(...page.items.map((r) => r.seq));
          cursor = page.nextCursor ?? undefined;
          pages += 1;
        } while (cursor);
        expect(seen).toEqual([1, 2, 3, 4, 5]);
        expect(pages).toBe(3);
        expect((await store.acknowledgements.list({ userId: 'user-2' })).items.map((r) => r.seq)).toEqual([2, 4]);
        expect((await store.acknowledgements.list({ from: new Date(Date.now() + 60_000) })).items).toHaveLength(0);
        expect((await store.acknowledgements.list({ to: new Date(Date.now() - 60_000) })).items).toHaveLength(0);
        expect(await store.acknowledgements.countSince('user-1', new Date(Date.now() - 60_000))).toBe(3);
        expect(await store.acknowledgements.countSince('user-1', new Date(Date.now() + 60_000))).toBe(0);
        await expectCode(store.acknowledgements.list({ cursor: 'not a cursor' }), 'invalid_input');
        // Newest first (an author's own list), paged, with the filters.
        const newest: number[] = [];
        let back: string | undefined;
        do {
          const page = await store.acknowledgements.list({ order: 'desc', limit: 2, ...(back ? { cursor: back } : {}) });
          newest.push(...page.items.map((r) => r.seq));
          back = page.nextCursor ?? undefined;
        } while (back);
        expect(newest).toEqual([5, 4, 3, 2, 1]);
        const mine = await store.acknowledgements.list({ userId: 'user-1', order: 'desc', limit: 2 });
        expect(mine.items.map((r) => r.seq)).toEqual([5, 3]);
        expect((await store.acknowledgements.list({ userId: 'user-1', order: 'desc', limit: 2, cursor: mine.nextCursor! })).items.map((r) => r.seq)).toEqual([1]);
        // A cursor of one order is refused by the other.
        const asc = await store.acknowledgements.list({ limit: 2 });
        await expectCode(store.acknowledgements.list({ order: 'desc', cursor: asc.nextCursor! }), 'invalid_input');
        await expectCode(store.acknowledgements.list({ order: 'sideways' as never }), 'invalid_input');
      });

      test('verify: ok on an intact chain', async () => {
        expect(await store.acknowledgements.verify()).toEqual({ ok: true, count: 0 });
        for (let i = 0; i < 4; i++) await store.acknowledgements.append(ackInput(store));
        expect(await store.acknowledgements.verify()).toEqual({ ok: true, count: 4 });
      });

      test('checkpoint: Ed25519 over seq:count:head:createdAt, verifiable with its public key', async () => {
        const empty = await store.acknowledgements.checkpoint();
        expect(empty).toMatchObject({ seq: 0, count: 0, headHash: GENESIS_HASH });
        expect(await store.acknowledgements.verify()).toEqual({ ok: true, count: 0 });
        for (let i = 0; i < 3; i++) await store.acknowledgements.append(ackInput(store));
        const cp = await store.acknowledgements.checkpoint();
        const head = (await store.acknowledgements.list()).items[2];
        expect(cp).toMatchObject({ seq: 3, count: 3, headHash: head?.hash });
        expect(cp.publicKey).toContain('BEGIN PUBLIC KEY');
        expect(verifyCheckpointSignature(cp)).toBe(true);
        expect(verifyCheckpointSignature({ ...cp, count: 2 })).toBe(false);
        expect(await store.acknowledgements.checkpoints()).toEqual([empty, cp]);
        await store.acknowledgements.append(ackInput(store));
        expect(await store.acknowledgements.verify()).toEqual({ ok: true, count: 4 });
      });

      test('eraseUser pseudonymizes the user, drops personal extras, and the chain still verifies', async () => {
        await store.acknowledgements.append(ackInput(store, { userId: 'user-9', note: 'call me', userAgent: 'UA/9' }));
        await store.acknowledgements.append(ackInput(store, { userId: 'user-2' }));
        await store.acknowledgements.append(ackInput(store, { userId: 'user-9' }));
        await store.preferences.add('user-9', { type: 'email', masked: 'j•••', valueHash: store.hmac(RAW_EMAIL) });
        expect(await store.acknowledgements.eraseUser('user-9')).toEqual({ erased: 2 });
        const items = (await store.acknowledgements.list()).items;
        expect(items).toHaveLength(4);
        const [r1, r2, r3, r4] = items;
        expect(r1?.userId).toMatch(/^erased:[0-9a-f]{16}$/);
        expect(r3?.userId).toBe(r1?.userId);
        expect(r1?.note).toBeUndefined();
        expect(r1?.userAgent).toBeUndefined();
        expect(r2?.userId).toBe('user-2');
        expect(r4).toMatchObject({ kind: 'erasure', action: 'erasure', userId: r1?.userId, method: 'system' });
        expect((await store.acknowledgements.list({ userId: 'user-9' })).items).toHaveLength(0);
        expect(await store.acknowledgements.countSince('user-9', new Date(0))).toBe(0);
        expect(await store.preferences.list('user-9')).toEqual([]);
        expect(await store.acknowledgements.verify()).toEqual({ ok: true, count: 4 });
        // A user who comes back gets a fresh key: new records are not linkable to the pseudonym.
        await store.acknowledgements.append(ackInput(store, { userId: 'user-9' }));
        expect(await store.acknowledgements.eraseUser('user-9')).toEqual({ erased: 1 });
        const last = (await store.acknowledgements.list()).items;
        expect(last[4]?.userId).toMatch(/^erased:/);
        expect(last[4]?.userId).not.toBe(r1?.userId);
        expect((await store.acknowledgements.verify()).ok).toBe(true);
      });

      test('purge removes a prefix, anchors the chain with a signed checkpoint and logs itself', async () => {
        const clock = useClock();
        let keep: Awaited<ReturnType<Store['acknowledgements']['append']>>;
        let cutoff: Date;
        try {
          await store.acknowledgements.append(ackInput(store));
          await store.acknowledgements.append(ackInput(store));
          clock.tick(1000);
          cutoff = new Date();
          clock.tick(1000);
          await store.acknowledgements.append(ackInput(store));
          keep = await store.acknowledgements.append(ackInput(store));
        } finally {
          clock.restore();
        }
        expect(await store.acknowledgements.purge({ olderThan: cutoff })).toEqual({ purged: 2 });
        const items = (await store.acknowledgements.list()).items;
        expect(items.map((r) => [r.seq, r.kind])).toEqual([[3, 'ack'], [4, 'ack'], [5, 'purge']]);
        expect(items[2]?.prevHash).toBe(keep.hash);
        const cps = await store.acknowledgements.checkpoints();
        expect(cps).toHaveLength(1);
        expect(cps[0]).toMatchObject({ seq: 2, count: 2, headHash: items[0]?.prevHash });
        expect(verifyCheckpointSignature(cps[0] as NonNullable<(typeof cps)[0]>)).toBe(true);
        expect(await store.acknowledgements.verify()).toEqual({ ok: true, count: 3 });
        expect(await store.acknowledgements.purge({ olderThan: cutoff })).toEqual({ purged: 0 });
        // Everything goes: the log restarts from the anchor.
        expect(await store.acknowledgements.purge({ olderThan: new Date(Date.now() + 60_000) })).toEqual({ purged: 3 });
        expect(await store.acknowledgements.verify()).toEqual({ ok: true, count: 1 });
        const next = await store.acknowledgements.append(ackInput(store));
        expect(next.seq).toBe(7);
        const cp = await store.acknowledgements.checkpoint();
        expect(cp).toMatchObject({ seq: 7, count: 7, headHash: next.hash });
        expect(await store.acknowledgements.verify()).toEqual({ ok: true, count: 2 });
        await expectCode(store.acknowledgements.purge({ olderThan: new Date('nope') }), 'invalid_input');
      });

      test('export: JSONL and CSV with proper quoting, filtered', async () => {
        await store.acknowledgements.append(ackInput(store, { reason: 'other', note: 'He said "hi", ok\nbye' }));
        await store.acknowledgements.append(ackInput(store, { userId: 'user-2', note: '=cmd()' }));
        const jsonl = await collect(store.acknowledgements.export('jsonl'));
        const lines = jsonl.trim().split('\n').map((l) => JSON.parse(l) as { seq: number; note?: string });
        expect(lines.map((l) => l.seq)).toEqual([1, 2]);
        expect(lines[0]?.note).toBe('He said "hi", ok\nbye');
        const csv = await collect(store.acknowledgements.export('csv'));
        const rows = csv.split('\r\n');
        expect(rows[0]).toMatch(/^id,seq,kind,userId,createdAt,/);
        expect(csv).toContain('"He said ""hi"", ok\nbye"');
        expect(csv).toContain(",'=cmd(),");
        expect(csv).toContain('"[""body""]"');
        // Anyone can follow the links; recomputing a hash needs the chain key derived from the
        // secret (an auditor given the secret does it like this), a plain SHA-256 does not match.
        const chainKey = Buffer.from(hkdfSync('sha256', Buffer.from(SECRET, 'utf8'), 'pii-preflight/store/v1', 'chain-hmac', 32));
        let prev = GENESIS_HASH;
        for (const line of jsonl.trim().split('\n')) {
          const rec = JSON.parse(line) as Record<string, unknown> & { hash: string; prevHash: string };
          expect(rec.prevHash).toBe(prev);
          expect(rec.chainVersion).toBe(2);
          const body = { ...rec } as Record<string, unknown>;
          for (const k of ['hash', 'userId', 'note', 'ipPrefix', 'userAgent']) delete body[k];
          expect(createHmac('sha256', chainKey).update(canonicalJson(body)).digest('hex')).toBe(rec.hash);
          expect(createHash('sha256').update(canonicalJson(body)).digest('hex')).not.toBe(rec.hash);
          prev = rec.hash;
        }
        const only2 = await collect(store.acknowledgements.export('jsonl', { userId: 'user-2' }));
        expect(only2.trim().split('\n')).toHaveLength(1);
      });

      if (hooks.tamper) {
        const tamper = hooks.tamper;
        const three = async () => {
          for (let i = 0; i < 3; i++) await store.acknowledgements.append(ackInput(store, { userId: i === 2 ? 'user-2' : 'user-1' }));
          return (await store.acknowledgements.list()).items;
        };
        test('tamper: an edited field is a hash mismatch at that record', async () => {
          const items = await three();
          await tamper(store, { kind: 'set', seq: 2, column: 'reason', value: 'not_personal' });
          expect(await store.acknowledgements.verify()).toEqual({ ok: false, count: 1, firstBroken: { id: items[1]?.id, seq: 2, problem: 'hash mismatch' } });
        });
        test('tamper: a changed prevHash is named', async () => {
          await three();
          await tamper(store, { kind: 'set', seq: 3, column: 'prevHash', value: GENESIS_HASH });
          expect((await store.acknowledgements.verify()).firstBroken).toMatchObject({ seq: 3, problem: 'prevHash mismatch' });
        });
        test('tamper: a deleted record is a sequence gap', async () => {
          await three();
          await tamper(store, { kind: 'delete', seq: 2 });
          expect((await store.acknowledgements.verify()).firstBroken).toMatchObject({ seq: 3, problem: 'sequence gap' });
        });
        test('tamper: a swapped plain user id is detected while the user key exists', async () => {
          await three();
          await tamper(store, { kind: 'set', seq: 1, column: 'userId', value: 'user-2' });
          expect((await store.acknowledgements.verify()).firstBroken).toMatchObject({ seq: 1, problem: 'userId mismatch' });
        });
        test('tamper: truncating the tail after a checkpoint is detected', async () => {
          await three();
          await store.acknowledgements.checkpoint();
          await tamper(store, { kind: 'delete', seq: 3 });
          const v = await store.acknowledgements.verify();
          expect(v.ok).toBe(false);
          expect(v.firstBroken?.seq).toBe(3);
          expect(v.firstBroken?.problem).toMatch(/truncated/);
        });
        test('tamper: detected after a purge too', async () => {
          await three();
          await store.acknowledgements.purge({ olderThan: new Date(Date.now() + 60_000) });
          await store.acknowledgements.append(ackInput(store));
          await tamper(store, { kind: 'set', seq: 5, column: 'reason', value: 'other' });
          expect((await store.acknowledgements.verify()).firstBroken).toMatchObject({ seq: 5, problem: 'hash mismatch' });
        });
      }
    });

    if (hooks.raw) {
      const raw = hooks.raw;
      /** A database writer's own Ed25519 key: it can sign, but it is not derived from the secret. */
      const forged = (cp: Omit<StoredCheckpoint, 'signature' | 'publicKey'>): StoredCheckpoint => {
        const { privateKey, publicKey } = generateKeyPairSync('ed25519');
        const signature = edSign(null, Buffer.from(checkpointMessage(cp), 'utf8'), privateKey).toString('base64');
        return { ...cp, signature, publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
      };
      /** Rewrites record `from` (reason changed) and re-links every later one with `rehash`. */
      const rewrite = async (from: number, rehash: (row: StoredLogRow) => StoredLogRow) => {
        const rows = await raw.rows(store);
        let prev = rows.find((r) => r.seq === from - 1)?.hash ?? GENESIS_HASH;
        for (const row of rows.filter((r) => r.seq >= from)) {
          const changed = rehash({ ...row, reason: row.seq === from ? 'not_personal' : row.reason, prevHash: prev });
          await raw.put(store, changed);
          prev = changed.hash;
        }
        return prev;
      };
      const asV1 = (row: StoredLogRow): StoredLogRow => {
        const v1 = { ...row, chainVersion: 1 as const, keyId: null };
        return { ...v1, hash: computeHash(v1) };
      };

      describe('a database writer without the secret', () => {
        test('cannot recompute the keyed chain: a guessed chain key is a hash mismatch', async () => {
          for (let i = 0; i < 3; i++) await store.acknowledgements.append(ackInput(store));
          await rewrite(2, (row) => ({ ...row, hash: computeHash(row, Buffer.alloc(32, 1)) }));
          expect((await store.acknowledgements.verify()).firstBroken).toMatchObject({ seq: 2, problem: 'hash mismatch' });
        });
        test('cannot downgrade records to the unkeyed SHA-256 chain', async () => {
          for (let i = 0; i < 3; i++) await store.acknowledgements.append(ackInput(store));
          await rewrite(2, asV1);
          expect((await store.acknowledgements.verify()).firstBroken).toMatchObject({ seq: 2, problem: 'unkeyed record after keyed records' });
        });
        test('cannot replace a checkpoint with one signed by a key of its own', async () => {
          for (let i = 0; i < 4; i++) await store.acknowledgements.append(ackInput(store));
          const cp = await store.acknowledgements.checkpoint();
          expect(cp).toMatchObject({ version: 2, kind: 'manual' });
          expect(cp.keyId).toMatch(/^[0-9a-f]{16}$/);
          const head = await rewrite(1, asV1);
          expect((await store.acknowledgements.verify()).firstBroken).toMatchObject({ seq: 4, problem: 'checkpoint mismatch' });
          const fake = forged({ kind: 'manual', version: 2, keyId: cp.keyId ?? '', seq: 4, count: 4, headHash: head, createdAt: cp.createdAt });
          // The forged checkpoint is self-consistent: checked against its own stored key it passes…
          expect(verifyCheckpointSignature(fake)).toBe(true);
          // …but not against the key pinned from a genuine checkpoint, nor in verify().
          expect(verifyCheckpointSignature(fake, cp.publicKey)).toBe(false);
          await raw.setCheckpoints(store, [fake]);
          expect((await store.acknowledgements.verify()).firstBroken).toMatchObject({ problem: 'checkpoint signature invalid' });
          // With every checkpoint deleted the rewrite is not detectable from inside (documented); the
          // records are reported as unkeyed, and the exported checkpoint still exposes it.
          await raw.setCheckpoints(store, []);
          const v = await store.acknowledgements.verify();
          expect(v).toMatchObject({ ok: true, unkeyed: 4 });
          expect(head).not.toBe(cp.headHash);
        });
        test('cannot insert a self-signed anchor to make verify() skip older records', async () => {
          for (let i = 0; i < 3; i++) await store.acknowledgements.append(ackInput(store));
          const rows = await raw.rows(store);
          const anchor = forged({ kind: 'anchor', version: 2, keyId: '', seq: 2, count: 2, headHash: rows[1]?.hash ?? '', createdAt: new Date().toISOString() });
          await raw.setCheckpoints(store, [anchor]);
          expect((await store.acknowledgements.verify()).firstBroken).toMatchObject({ problem: 'checkpoint signature invalid' });
        });
        test('a relabelled checkpoint (manual → anchor) fails its signature', async () => {
          for (let i = 0; i < 3; i++) await store.acknowledgements.append(ackInput(store));
          await store.acknowledgements.checkpoint();
          const [cp] = await raw.checkpoints(store);
          await raw.setCheckpoints(store, [{ ...(cp as StoredCheckpoint), kind: 'anchor' }]);
          expect((await store.acknowledgements.verify()).firstBroken).toMatchObject({ problem: 'checkpoint signature invalid' });
        });
        test('records put back below a genuine purge anchor are flagged', async () => {
          for (let i = 0; i < 2; i++) await store.acknowledgements.append(ackInput(store));
          const before = await raw.rows(store);
          await store.acknowledgements.purge({ olderThan: new Date(Date.now() + 60_000) });
          expect(await store.acknowledgements.verify()).toMatchObject({ ok: true });
          await raw.put(store, { ...(before[0] as StoredLogRow), reason: 'other' });
          expect((await store.acknowledgements.verify()).firstBroken).toMatchObject({ seq: 1, problem: 'hash mismatch' });
          await raw.put(store, before[0] as StoredLogRow);
          expect((await store.acknowledgements.verify()).firstBroken).toMatchObject({ seq: 1, problem: 'record below the purge anchor' });
        });
        test('per-user keys are not stored in plain form', async () => {
          await store.acknowledgements.append(ackInput(store));
          await store.acknowledgements.append(ackInput(store, { userId: 'user-2' }));
          const stored = await raw.userKeys(store);
          expect(stored).toHaveLength(2);
          for (const k of stored) expect(k).toMatch(/^v2:[0-9a-f]{16}:/);
        });
      });
    }

    describe('masked emails at rest', () => {
      test('a personal domain is masked in the log, the review queue and preferences; a provider domain stays readable', async () => {
        const family = 'kim@ortega-family.net';
        const rec = await store.acknowledgements.append(ackInput(store, {
          findings: [finding(store, { raw: family, masked: 'k•••@ortega-family.net' }), finding(store, { raw: 'jo@gmail.com', masked: 'j•••@gmail.com' })],
        }));
        expect(rec.findings.map((f) => f.masked)).toEqual(['k•••@o•••.net', 'j•••@gmail.com']);
        expect((await store.acknowledgements.get(rec.id))?.findings[0]?.masked).toBe('k•••@o•••.net');
        const body = `Write to ${family} now`;
        const start = body.indexOf(family);
        const item = await store.reviews.upsert(reviewInput(store, {
          postRef: 'post-mask',
          fields: { body },
          findings: [finding(store, { raw: family, start, end: start + family.length, masked: 'k•••@ortega-family.net' })],
        }));
        const got = await store.reviews.get(item.id);
        expect(got?.findings[0]?.masked).toBe('k•••@o•••.net');
        expect(got?.fields.body).toBe('Write to k•••@o•••.net now');
        const pref = await store.preferences.add('user-1', { type: 'email', masked: 'k•••@mail.ortega.co.uk', valueHash: store.hmac(family) });
        expect(pref.masked).toBe('k•••@m•••.co.uk');
        if (hooks.rawDump) expect(await hooks.rawDump(store)).not.toContain('ortega');
      });
    });

    describe('the erasure namespace', () => {
      test('user ids starting with erased: are refused with reserved_user_id', async () => {
        const taken = 'erased:0123456789abcdef';
        await expectCode(store.acknowledgements.append(ackInput(store, { userId: taken })), 'reserved_user_id');
        await expectCode(store.acknowledgements.append(ackInput(store, { userId: 'ERASED:0123456789abcdef' })), 'reserved_user_id');
        await expectCode(store.preferences.add(taken, { type: 'email', masked: 'x', valueHash: store.hmac('x') }), 'reserved_user_id');
        await expectCode(store.reviews.upsert(reviewInput(store, { authorId: taken })), 'reserved_user_id');
        await expectCode(store.acknowledgements.eraseUser(taken), 'reserved_user_id');
      });
      test('a later user cannot receive an erased user\'s records, and verify() still holds', async () => {
        await store.acknowledgements.append(ackInput(store, { userId: 'alice' }));
        await store.acknowledgements.eraseUser('alice');
        const { items } = await store.acknowledgements.list();
        const pseudo = items.find((r) => r.kind === 'ack')?.userId ?? '';
        expect(pseudo).toMatch(/^erased:[0-9a-f]{16}$/);
        await expectCode(store.acknowledgements.append(ackInput(store, { userId: pseudo })), 'reserved_user_id');
        expect((await store.acknowledgements.list({ userId: pseudo })).items.map((r) => r.kind)).toEqual(['ack', 'erasure']);
        expect(await store.acknowledgements.verify()).toMatchObject({ ok: true });
      });
    });

    if (hooks.reopen) {
      const reopen = hooks.reopen;
      describe('secret rotation (previousSecrets)', () => {
        const NEW_SECRET = 'r0tated-Vq7LmZ2xKp9TfWc4NbHs8JdYe3GaUo6R';
        test('log, checkpoints, held posts and remembered values survive a rotation; without the old secret they do not', async () => {
          await store.acknowledgements.append(ackInput(store));
          await store.acknowledgements.checkpoint();
          const item = await store.reviews.upsert(reviewInput(store));
          await store.preferences.add('user-1', { type: 'email', masked: 'j•••', valueHash: store.hmac(RAW_EMAIL) });

          const rotated = await reopen(store, { secret: NEW_SECRET, previousSecrets: [SECRET] });
          try {
            expect(await rotated.acknowledgements.verify()).toMatchObject({ ok: true, count: 1 });
            expect((await rotated.reviews.get(item.id, { reveal: true }))?.fields.body).toContain(RAW_EMAIL);
            expect(rotated.hmac(RAW_EMAIL)).not.toBe(store.hmac(RAW_EMAIL));
            const matched = await rotated.preferences.matching('user-1', rotated.hmacs(RAW_EMAIL));
            expect(matched.size).toBe(1);
            // New writes use the new secret, and the whole log still verifies.
            await rotated.acknowledgements.append(ackInput(rotated));
            const cp = await rotated.acknowledgements.checkpoint();
            expect(await rotated.acknowledgements.verify()).toMatchObject({ ok: true, count: 2 });
            const cps = await rotated.acknowledgements.checkpoints();
            expect(new Set(cps.map((c) => c.keyId)).size).toBe(2);
            expect(cp.keyId).toBe(cps[cps.length - 1]?.keyId);
            await rotated.reviews.upsert(reviewInput(rotated, { postRef: 'post-2' }));
          } finally {
            await rotated.close();
          }

          const forgot = await reopen(store, { secret: NEW_SECRET });
          try {
            expect((await forgot.acknowledgements.verify()).ok).toBe(false);
            await expectCode(forgot.reviews.get(item.id), 'store_unavailable');
            expect((await forgot.preferences.matching('user-1', forgot.hmacs(RAW_EMAIL))).size).toBe(0);
          } finally {
            await forgot.close();
          }
        });
        test('weak secrets are refused, in previousSecrets too', async () => {
          await expect(reopen(store, { secret: 'changeme-changeme-changeme-changeme' })).rejects.toMatchObject({ code: 'invalid_options' });
          await expect(reopen(store, { secret: NEW_SECRET, previousSecrets: ['a'.repeat(40)] })).rejects.toMatchObject({ code: 'invalid_options' });
        });
      });
    }

    describe('reviews', () => {
      test('upsert creates a pending item; get masks fields unless revealed', async () => {
        const item = await store.reviews.upsert(reviewInput(store, { acknowledgementId: 'ack-1' }));
        expect(item).toMatchObject({ status: 'pending', version: 1, postRef: 'post-1', authorId: 'author-1', claimedBy: null, resolution: null, acknowledgementId: 'ack-1' });
        expect(item.fields.body).toBe('Mail me at j•••@e•••.com or call +1 •••-0134 today.');
        expect(item.fields.title).toBe('Hello');
        expect(item.findings[0]).not.toHaveProperty('text');
        const raw = await store.reviews.get(item.id, { reveal: true });
        expect(raw?.fields.body).toContain(RAW_EMAIL);
        expect((await store.reviews.get(item.id))?.fields.body).not.toContain(RAW_EMAIL);
        expect(await store.reviews.get('nope')).toBeNull();
        await expectCode(store.reviews.upsert({ ...reviewInput(store), findings: [{ ...finding(store), text: RAW_EMAIL } as StoredFinding] }), 'invalid_input');
      });

      test('one item per postRef: an edit updates it, a resolved item is reopened', async () => {
        const a = await store.reviews.upsert(reviewInput(store));
        const b = await store.reviews.upsert(reviewInput(store, { fields: { title: 'Edited', body: 'nothing' }, findings: [] }));
        expect(b.id).toBe(a.id);
        expect(b.version).toBe(2);
        expect(b.fields).toEqual({ title: 'Edited', body: 'nothing' });
        const done = await store.reviews.act(a.id, { action: 'approve', moderatorId: 'mod-1', reason: 'fine' });
        expect(done).toMatchObject({ status: 'approved', resolvedBy: 'mod-1', resolution: { action: 'approve', reason: 'fine' } });
        expect(done.resolvedAt).not.toBeNull();
        const reopened = await store.reviews.upsert(reviewInput(store));
        expect(reopened).toMatchObject({ id: a.id, status: 'pending', resolution: null, resolvedAt: null, resolvedBy: null });
        expect(reopened.version).toBe(done.version + 1);
        expect((await store.reviews.audit(a.id)).map((e) => e.action)).toEqual(['update', 'approve', 'reopen']);
        expect((await store.reviews.list()).items).toHaveLength(1);
      });

      test("an item's author never changes: another user's upsert of the same postRef is refused, the item untouched", async () => {
        const a = await store.reviews.upsert(reviewInput(store));
        const mallory = reviewInput(store, { authorId: 'mallory', fields: { title: 'Mine now', body: 'nothing' }, findings: [] });
        await expectCode(store.reviews.upsert(mallory), 'conflict');
        const done = await store.reviews.act(a.id, { action: 'approve', moderatorId: 'mod-1', reason: 'fine' });
        // Not even a resolved item is reopened by someone else.
        await expectCode(store.reviews.upsert(mallory), 'conflict');
        const item = await store.reviews.get(a.id, { reveal: true });
        expect(item).toMatchObject({ authorId: 'author-1', status: 'approved', version: done.version });
        expect(item!.fields.title).toBe('Hello');
        expect((await store.reviews.audit(a.id)).map((e) => e.action)).toEqual(['approve']);
        expect((await store.reviews.list({ postRef: 'post-1' })).items.map((i) => i.id)).toEqual([a.id]);
        expect((await store.reviews.list({ postRef: 'post-2' })).items).toEqual([]);
      });

      test('a postRef that spells out a value of the post is refused (it is stored unencrypted)', async () => {
        // A title slug with the phone number in it, written with dashes.
        await expectCode(store.reviews.upsert(reviewInput(store, { postRef: 'call-kim-1-555-0134-now/42' })), 'invalid_input');
        await expectCode(store.reviews.upsert(reviewInput(store, { postRef: 'forum/jane-roe-example-com' })), 'invalid_input');
        expect((await store.reviews.list()).items).toHaveLength(0);
        expect((await store.reviews.upsert(reviewInput(store, { postRef: 't/9f2c/p/42' }))).postRef).toBe('t/9f2c/p/42');
      });

      test('at most 500 findings are stored with an item; the item says it is truncated', async () => {
        const body = 'x '.repeat(600);
        const many = Array.from({ length: 600 }, (_, i) => finding(store, { raw: `v${i}`, start: i * 2, end: i * 2 + 1, masked: '•' }));
        const item = await store.reviews.upsert(reviewInput(store, { fields: { body }, findings: many }));
        expect(item.findings).toHaveLength(500);
        expect(item.heldBecause).toMatchObject({ rule: 'third_party_phone', truncated: true });
      });

      test('list: filters, sort, cursor pagination and counts', async () => {
        const clock = useClock();
        try {
          for (let i = 0; i < 5; i++) {
            await store.reviews.upsert(reviewInput(store, { postRef: `post-${i}`, authorId: i < 2 ? 'author-a' : 'author-b', findings: i === 4 ? [] : reviewInput(store).findings }));
            clock.tick(1000);
          }
        } finally {
          clock.restore();
        }
        const first = (await store.reviews.list({ sort: 'oldest' })).items[0];
        await store.reviews.act(first?.id ?? '', { action: 'reject', moderatorId: 'mod-1' });
        const all = await store.reviews.list();
        expect(all.counts).toEqual({ pending: 4, approved: 0, rejected: 1, redacted: 0, escalated: 0 });
        expect(all.items.map((i) => i.postRef)).toEqual(['post-0', 'post-1', 'post-2', 'post-3', 'post-4']);
        expect((await store.reviews.list({ sort: 'newest' })).items.map((i) => i.postRef)).toEqual(['post-4', 'post-3', 'post-2', 'post-1', 'post-0']);
        expect((await store.reviews.list({ status: 'pending' })).items).toHaveLength(4);
        expect((await store.reviews.list({ status: ['rejected', 'approved'] })).items.map((i) => i.postRef)).toEqual(['post-0']);
        expect((await store.reviews.list({ author: 'author-a' })).items).toHaveLength(2);
        expect((await store.reviews.list({ type: 'phone' })).items).toHaveLength(4);
        expect((await store.reviews.list({ subject: 'third_party', status: 'pending' })).items.map((i) => i.postRef)).toEqual(['post-1', 'post-2', 'post-3']);
        expect((await store.reviews.list({ from: new Date(Date.now() + 60_000) })).items).toHaveLength(0);
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page: Awaited<ReturnType<Store['reviews']['list']>> = await store.reviews.list({ sort: 'newest', limit: 2, ...(cursor ? { cursor } : {}) });
          seen.push(...page.items.map((i) => i.postRef));
          cursor = page.nextCursor;
        } while (cursor);
        expect(seen).toEqual(['post-4', 'post-3', 'post-2', 'post-1', 'post-0']);
      });

      test('claim, unclaim and conflicts (claimed by another, stale version, resolved)', async () => {
        const item = await store.reviews.upsert(reviewInput(store));
        const claimed = await store.reviews.claim(item.id, 'mod-1', item.version);
        expect(claimed).toMatchObject({ claimedBy: 'mod-1', version: 2 });
        expect((await store.reviews.claim(item.id, 'mod-1')).version).toBe(2);
        await expectCode(store.reviews.claim(item.id, 'mod-2'), 'conflict');
        await expectCode(store.reviews.act(item.id, { action: 'approve', moderatorId: 'mod-2' }), 'conflict');
        await expectCode(store.reviews.unclaim(item.id, 'mod-2'), 'conflict');
        await expectCode(store.reviews.act(item.id, { action: 'approve', moderatorId: 'mod-1', version: 1 }), 'conflict');
        const un = await store.reviews.unclaim(item.id, 'mod-1');
        expect(un).toMatchObject({ claimedBy: null, version: 3 });
        const esc = await store.reviews.act(item.id, { action: 'escalate', moderatorId: 'mod-2', version: 3 });
        expect(esc).toMatchObject({ status: 'escalated', resolvedAt: null, version: 4 });
        const rej = await store.reviews.act(item.id, { action: 'reject', moderatorId: 'lead-1', reason: 'doxxing' });
        expect(rej).toMatchObject({ status: 'rejected', resolvedBy: 'lead-1', version: 5 });
        await expectCode(store.reviews.act(item.id, { action: 'approve', moderatorId: 'lead-1' }), 'conflict');
        await expectCode(store.reviews.claim(item.id, 'mod-1'), 'conflict');
        await expectCode(store.reviews.act('nope', { action: 'approve', moderatorId: 'mod-1' }), 'not_found');
        await expectCode(store.reviews.act(item.id, { action: 'delete' as 'approve', moderatorId: 'mod-1' }), 'invalid_input');
        const audit = await store.reviews.audit(item.id);
        expect(audit.map((e) => [e.action, e.moderatorId])).toEqual([['claim', 'mod-1'], ['unclaim', 'mod-1'], ['escalate', 'mod-2'], ['reject', 'lead-1']]);
        expect(audit[3]?.reason).toBe('doxxing');
      });

      test('racing moderators: exactly one wins', async () => {
        const item = await store.reviews.upsert(reviewInput(store));
        const results = await Promise.allSettled([
          store.reviews.act(item.id, { action: 'approve', moderatorId: 'mod-1', version: 1 }),
          store.reviews.act(item.id, { action: 'reject', moderatorId: 'mod-2', version: 1 }),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
        expect((lost.reason as PreflightError).code).toBe('conflict');
      });

      test('redact replaces chosen spans (from the end) and audits masked before/after', async () => {
        const item = await store.reviews.upsert(reviewInput(store));
        const red = await store.reviews.act(item.id, { action: 'redact', moderatorId: 'mod-1', findings: [1] });
        expect(red.status).toBe('redacted');
        expect(red.resolution?.fields?.body).toBe('Mail me at j•••@e•••.com or call [removed] today.');
        const revealed = await store.reviews.get(item.id, { reveal: true });
        expect(revealed?.resolution?.fields?.body).toBe(`Mail me at ${RAW_EMAIL} or call [removed] today.`);
        const audit = await store.reviews.audit(item.id);
        expect(audit[0]).toMatchObject({ action: 'redact', moderatorId: 'mod-1' });
        expect(JSON.stringify(audit)).not.toContain(RAW_EMAIL);
        expect(audit[0]?.details).toMatchObject({ findings: [1], after: { body: 'Mail me at j•••@e•••.com or call [removed] today.' } });

        const all = await store.reviews.upsert(reviewInput(store, { postRef: 'post-2' }));
        const red2 = await store.reviews.act(all.id, { action: 'redact', moderatorId: 'mod-1' });
        expect(red2.resolution?.fields?.body).toBe('Mail me at [removed] or call [removed] today.');
        await expectCode(store.reviews.act((await store.reviews.upsert(reviewInput(store, { postRef: 'post-3' }))).id, { action: 'redact', moderatorId: 'mod-1', findings: [7] }), 'invalid_input');
      });

      test('reveal returns the raw value and is audited', async () => {
        const item = await store.reviews.upsert(reviewInput(store));
        expect(await store.reviews.reveal(item.id, 'mod-1', 1)).toBe(RAW_PHONE);
        const audit = await store.reviews.audit(item.id);
        expect(audit).toHaveLength(1);
        expect(audit[0]).toMatchObject({ action: 'reveal', moderatorId: 'mod-1', details: { findingIndex: 1, type: 'phone', masked: '+1 •••-0134' } });
        await expectCode(store.reviews.reveal(item.id, 'mod-1', 9), 'invalid_input');
        await expectCode(store.reviews.reveal('nope', 'mod-1', 0), 'not_found');
      });
    });

    describe('preferences', () => {
      test('add (idempotent), list, matching, remove', async () => {
        const h1 = store.hmac(RAW_EMAIL);
        const h2 = store.hmac(RAW_PHONE);
        const a = await store.preferences.add('user-1', { type: 'email', masked: 'j•••', valueHash: h1 });
        expect(a).toMatchObject({ userId: 'user-1', type: 'email', masked: 'j•••', valueHash: h1 });
        expect((await store.preferences.add('user-1', { type: 'email', masked: 'j•••', valueHash: h1 })).id).toBe(a.id);
        await store.preferences.add('user-2', { type: 'phone', masked: '+1 •••', valueHash: h2 });
        expect(await store.preferences.list('user-1')).toEqual([a]);
        expect(await store.preferences.matching('user-1', [h1, h2])).toEqual(new Set([h1]));
        expect(await store.preferences.matching('user-1', [])).toEqual(new Set());
        expect(await store.preferences.remove('user-2', a.id)).toBe(false);
        expect(await store.preferences.remove('user-1', a.id)).toBe(true);
        expect(await store.preferences.list('user-1')).toEqual([]);
      });
    });

    describe('stats and warnings', () => {
      test('recordEvent / stats by range', async () => {
        const d1 = new Date('2026-03-01T10:00:00Z');
        const d2 = new Date('2026-03-05T10:00:00Z');
        await store.recordEvent('scanned', { at: d1 });
        await store.recordEvent('scanned', { at: d2 });
        await store.recordEvent('warned', { at: d1 });
        await store.recordEvent('acknowledged', { at: d1, reason: 'intended' });
        await store.recordEvent('acknowledged', { at: d2, reason: 'not_personal' });
        await store.recordEvent('acknowledged', { at: d2, reason: 'not_personal' });
        await store.recordEvent('edited_away', { at: d2 });
        await store.recordEvent('held', { at: d2 });
        expect(await store.stats()).toEqual({
          scanned: 2, allowed: 0, warned: 1, acknowledged: 3, acknowledgedByReason: { intended: 1, not_personal: 2 }, editedAway: 1, blocked: 0, held: 1,
        });
        expect(await store.stats({ from: new Date('2026-03-02T00:00:00Z') })).toMatchObject({ scanned: 1, warned: 0, acknowledged: 2, acknowledgedByReason: { not_personal: 2 } });
        expect(await store.stats({ to: new Date('2026-03-01T23:00:00Z') })).toMatchObject({ scanned: 1, acknowledged: 1, editedAway: 0 });
        await expectCode(store.recordEvent('bogus' as 'scanned'), 'invalid_input');
      });

      test('openWarning / closeWarning', async () => {
        await store.openWarning('user-1', new Date(Date.now() + 60_000));
        await store.openWarning('user-2', new Date(Date.now() - 1000));
        expect(await store.closeWarning('user-1')).toBe(true);
        expect(await store.closeWarning('user-1')).toBe(false);
        expect(await store.closeWarning('user-2')).toBe(false);
        expect(await store.closeWarning('user-3')).toBe(false);
      });
    });

    if (hooks.rawDump) {
      const rawDump = hooks.rawDump;
      test('nothing raw at rest: acks, notes and held posts are hashed, masked or encrypted', async () => {
        const e = RAW_EMAIL;
        await store.acknowledgements.append(ackInput(store, { note: `reach me at ${e}`, userAgent: 'UA', ipPrefix: '198.51.100.0/24' }));
        const item = await store.reviews.upsert(reviewInput(store, { heldBecause: { rule: 'x', note: `phone ${RAW_PHONE}` } }));
        await store.reviews.reveal(item.id, 'mod-1', 0);
        await store.reviews.act(item.id, { action: 'redact', moderatorId: 'mod-1', findings: [1], reason: `kept ${e}` });
        const dump = await rawDump(store);
        expect(dump.length).toBeGreaterThan(1000);
        expect(dump).not.toContain(e);
        expect(dump).not.toContain(RAW_PHONE);
        expect(dump).not.toContain('Mail me at');
        expect(dump).toContain(store.hmac(e));
      });
    }
  });
}
