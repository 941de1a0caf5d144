import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createStore, parseStoreUrl } from '../../src/store';
import { computeHash } from '../../src/store/chain';
import { fromDbRow } from '../../src/store/sqlite/log';
import { SqliteStore } from '../../src/store/sqlite';
import type { Store } from '../../src/store/types';
import { RAW_EMAIL, RAW_PHONE, SECRET, ackInput, expectCode, reviewInput, runStoreSuite, type RawLogAccess, type StoreSuiteHooks, type TamperAction } from './store-suite';
import { CHECKPOINT_COLUMNS, LOG_COLUMNS, checkpointFromDb, checkpointInsertValues, logInsertValues, openUserKey } from '../../src/store/log-records';
import { deriveKeys } from '../../src/store/crypto';

const dir = mkdtempSync(join(tmpdir(), 'pii-store-'));
let n = 0;
const tempUrl = () => `sqlite:${join(dir, `t${process.pid}-${++n}.sqlite`)}`;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const COLUMNS: Record<'reason' | 'userId' | 'prevHash', string> = { reason: 'reason', userId: 'user_id', prevHash: 'prev_hash' };

async function tamper(store: Store, action: TamperAction): Promise<void> {
  const s = store as SqliteStore;
  const table = `${s.tablePrefix}ack_log`;
  if (action.kind === 'delete') s.db.prepare(`DELETE FROM ${table} WHERE seq = ?`).run(action.seq);
  else s.db.prepare(`UPDATE ${table} SET ${COLUMNS[action.column]} = ? WHERE seq = ?`).run(action.value, action.seq);
}

/** Every byte of the database file (after folding the WAL in), as latin1 and UTF-8 text. */
function fileBytes(store: Store): string {
  const s = store as SqliteStore;
  s.checkpointWal();
  const buf = readFileSync(s.db.name);
  return buf.toString('latin1') + buf.toString('utf8');
}

/** The log's tables through the raw connection: what a database writer without the secret can do. */
const raw: RawLogAccess = {
  rows: async (store) => {
    const s = store as SqliteStore;
    return (s.db.prepare(`SELECT * FROM ${s.tablePrefix}ack_log ORDER BY seq`).all() as Parameters<typeof fromDbRow>[0][]).map(fromDbRow);
  },
  put: async (store, row) => {
    const s = store as SqliteStore;
    s.db.prepare(`DELETE FROM ${s.tablePrefix}ack_log WHERE seq = ?`).run(row.seq);
    s.db.prepare(`INSERT INTO ${s.tablePrefix}ack_log (${LOG_COLUMNS}) VALUES (${LOG_COLUMNS.split(',').map(() => '?').join(', ')})`).run(...logInsertValues(row));
  },
  checkpoints: async (store) => {
    const s = store as SqliteStore;
    return (s.db.prepare(`SELECT * FROM ${s.tablePrefix}checkpoints ORDER BY rowid_`).all() as Parameters<typeof checkpointFromDb>[0][]).map(checkpointFromDb);
  },
  setCheckpoints: async (store, cps) => {
    const s = store as SqliteStore;
    s.db.prepare(`DELETE FROM ${s.tablePrefix}checkpoints`).run();
    for (const cp of cps) s.db.prepare(`INSERT INTO ${s.tablePrefix}checkpoints (${CHECKPOINT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(...checkpointInsertValues(cp));
  },
  userKeys: async (store) => {
    const s = store as SqliteStore;
    return (s.db.prepare(`SELECT key FROM ${s.tablePrefix}user_keys`).all() as { key: string }[]).map((r) => r.key);
  },
};

const reopen: StoreSuiteHooks['reopen'] = (store, secrets) => createStore({ url: `sqlite:${(store as SqliteStore).db.name}`, ...secrets });

runStoreSuite('sqlite', () => createStore({ url: tempUrl(), secret: SECRET }), { tamper, rawDump: async (s) => fileBytes(s), raw, reopen });
runStoreSuite('sqlite :memory: with a table prefix', () => createStore({ url: 'sqlite::memory:', secret: SECRET, tablePrefix: 'app_pii_' }), { tamper, raw });

describe('createStore options', () => {
  test('secret is required, 32+ characters, with a hint', async () => {
    const err = await expectCode(createStore({ url: 'sqlite::memory:', secret: 'short' }), 'invalid_options');
    expect(err.message).toMatch(/at least 32 characters \(got 5\)/);
    expect(err.message).toMatch(/randomBytes/);
  });
  test('unknown keys name the closest known one', async () => {
    const err = await expectCode(createStore({ url: 'sqlite::memory:', secret: SECRET, tablePrefx: 'x_' } as never), 'invalid_options');
    expect(err.message).toMatch(/unknown option `tablePrefx`\. Did you mean `tablePrefix`\?/);
    const err2 = await expectCode(createStore({ secret: SECRET, zzzzzzzzzz: 1 } as never), 'invalid_options');
    expect(err2.message).not.toMatch(/Did you mean/);
  });
  test('bad tablePrefix, encryptionKey, URL scheme; an unreachable PostgreSQL is store_unavailable', async () => {
    await expectCode(createStore({ url: 'sqlite::memory:', secret: SECRET, tablePrefix: 'x; DROP' }), 'invalid_options');
    await expectCode(createStore({ url: 'sqlite::memory:', secret: SECRET, encryptionKey: 'abcd' }), 'invalid_options');
    const err = await expectCode(createStore({ url: 'mysql://localhost/db', secret: SECRET }), 'invalid_options');
    expect(err.message).toMatch(/unsupported database URL scheme "mysql:"/);
    await expectCode(createStore({ url: 'postgres://postgres@127.0.0.1:1/db', secret: SECRET }), 'store_unavailable');
  });
  test('URL forms', () => {
    expect(parseStoreUrl('sqlite::memory:')).toEqual({ backend: 'sqlite', filename: ':memory:' });
    expect(parseStoreUrl('sqlite:./data/x.sqlite')).toEqual({ backend: 'sqlite', filename: './data/x.sqlite' });
    expect(parseStoreUrl('sqlite:///var/x.sqlite')).toEqual({ backend: 'sqlite', filename: '/var/x.sqlite' });
    expect(parseStoreUrl('file:/var/x.sqlite')).toEqual({ backend: 'sqlite', filename: '/var/x.sqlite' });
    expect(parseStoreUrl('file:///var/x.sqlite')).toEqual({ backend: 'sqlite', filename: '/var/x.sqlite' });
    expect(parseStoreUrl('postgresql://u@h/db')).toEqual({ backend: 'postgres', connectionString: 'postgresql://u@h/db' });
  });
  test('DATABASE_URL is the default URL', async () => {
    const url = tempUrl();
    const before = process.env.DATABASE_URL;
    process.env.DATABASE_URL = url;
    try {
      const store = (await createStore({ secret: SECRET })) as SqliteStore;
      expect(store.db.name).toBe(url.slice('sqlite:'.length));
      await store.close();
    } finally {
      if (before === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = before;
    }
  });
});

describe('SQLite specifics', () => {
  test('WAL mode, migrations recorded under the prefix, audit trail is append-only', async () => {
    const store = (await createStore({ url: tempUrl(), secret: SECRET, tablePrefix: 'fx_' })) as SqliteStore;
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.prepare('SELECT id FROM fx_migrations').all()).toEqual([{ id: '001_initial' }, { id: '002_keyed_chain' }]);
    const item = await store.reviews.upsert(reviewInput(store));
    await store.reviews.claim(item.id, 'mod-1');
    expect(() => store.db.prepare("UPDATE fx_review_audit SET moderator_id = 'x'").run()).toThrow(/append-only/);
    await store.close();
  });

  test('the database file holds no raw email or phone (acks, notes, review items, audit)', async () => {
    const store = await createStore({ url: tempUrl(), secret: SECRET });
    for (let i = 0; i < 3; i++) await store.acknowledgements.append(ackInput(store, { note: `write to ${RAW_EMAIL} or ${RAW_PHONE}` }));
    const item = await store.reviews.upsert(reviewInput(store));
    await store.reviews.upsert(reviewInput(store, { postRef: 'post-9' }));
    await store.reviews.act(item.id, { action: 'redact', moderatorId: 'mod-1', findings: [0] });
    await store.reviews.reveal(item.id, 'mod-1', 1);
    const bytes = fileBytes(store);
    const files = readdirSync(dir);
    expect(files.length).toBeGreaterThan(0);
    expect(bytes).not.toContain(RAW_EMAIL);
    expect(bytes).not.toContain(RAW_PHONE);
    expect(bytes).not.toContain('jane.roe');
    expect(bytes).not.toContain('555-0134');
    // The store still reads it all back.
    expect(await store.reviews.reveal(item.id, 'mod-1', 0)).toBe(RAW_EMAIL);
    await store.close();
  });

  test('held content needs the right key: another secret cannot read it', async () => {
    const url = tempUrl();
    const key = Buffer.alloc(32, 7).toString('base64');
    const a = await createStore({ url, secret: SECRET, encryptionKey: key });
    const item = await a.reviews.upsert(reviewInput(a));
    await a.close();
    const b = await createStore({ url, secret: SECRET });
    await expect(b.reviews.get(item.id)).rejects.toThrow(/could not be decrypted/);
    await b.close();
    const c = await createStore({ url, secret: `${SECRET}-other`, encryptionKey: Buffer.alloc(32, 7).toString('hex') });
    expect((await c.reviews.get(item.id, { reveal: true }))?.fields.body).toContain(RAW_EMAIL);
    await c.close();
  });

  test('two connections on one file: single-use tokens and one chain', async () => {
    const url = tempUrl();
    const a = await createStore({ url, secret: SECRET });
    const b = await createStore({ url, secret: SECRET });
    const input = ackInput(a);
    await a.acknowledgements.append(input);
    await expectCode(b.acknowledgements.append({ ...input }), 'pii_ack_replayed');
    for (let i = 0; i < 10; i++) await (i % 2 ? a : b).acknowledgements.append(ackInput(a));
    expect(await b.acknowledgements.verify()).toEqual({ ok: true, count: 11 });
    await a.close();
    await b.close();
  });

  test('a v1 log (written before the keyed chain) still verifies, reported as unkeyed; new records are keyed', async () => {
    const url = tempUrl();
    const store = (await createStore({ url, secret: SECRET })) as SqliteStore;
    for (let i = 0; i < 3; i++) await store.acknowledgements.append(ackInput(store));
    // Turn the log into what 0.1 wrote: SHA-256 chain, version 1 rows and checkpoint, plain user keys.
    const rows = (store.db.prepare('SELECT * FROM pii_ack_log ORDER BY seq').all() as Parameters<typeof fromDbRow>[0][]).map(fromDbRow);
    let prev = rows[0]?.prevHash ?? '';
    for (const row of rows) {
      const v1 = { ...row, prevHash: prev, chainVersion: 1 as const, keyId: null };
      const hash = computeHash(v1);
      store.db.prepare('UPDATE pii_ack_log SET prev_hash = ?, hash = ?, chain_version = 1, key_id = NULL WHERE seq = ?').run(prev, hash, row.seq);
      prev = hash;
    }
    const keys = deriveKeys(SECRET);
    for (const k of store.db.prepare('SELECT lookup, key FROM pii_user_keys').all() as { lookup: string; key: string }[]) {
      store.db.prepare('UPDATE pii_user_keys SET key = ? WHERE lookup = ?').run(openUserKey(keys, k.lookup, k.key).toString('hex'), k.lookup);
    }
    await store.close();
    // Reopened: the plain key is sealed, v1 records verify (reported unkeyed), appends are keyed.
    const again = (await createStore({ url, secret: SECRET })) as SqliteStore;
    const stored = again.db.prepare('SELECT key FROM pii_user_keys').all() as { key: string }[];
    expect(stored.length).toBe(1);
    expect(stored.every((k) => k.key.startsWith('v2:'))).toBe(true);
    expect(await again.acknowledgements.verify()).toEqual({ ok: true, count: 3, unkeyed: 3 });
    await again.acknowledgements.append(ackInput(again));
    expect(await again.acknowledgements.verify()).toEqual({ ok: true, count: 4, unkeyed: 3 });
    const last = again.db.prepare('SELECT chain_version, key_id FROM pii_ack_log WHERE seq = 4').get() as { chain_version: number; key_id: string };
    expect(last.chain_version).toBe(2);
    await again.close();
  });

  test('a file that is not a database is store_unavailable', async () => {
    const path = join(dir, 'not-a-db.sqlite');
    writeFileSync(path, 'this is not sqlite '.repeat(200));
    await expectCode(createStore({ url: `sqlite:${path}`, secret: SECRET }), 'store_unavailable');
  });

  test('4 processes x 250 appends on one file: 1000 records, the chain verifies', async () => {
    const url = tempUrl();
    const init = await createStore({ url, secret: SECRET });
    await init.close();
    const tsx = join(__dirname, '../../node_modules/.bin/tsx');
    const worker = join(__dirname, 'fixtures/append-worker.ts');
    const run = (w: number) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(tsx, [worker, url, SECRET, String(w), '250'], { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('close', (code) => resolve({ code, stderr }));
      });
    const results = await Promise.all([1, 2, 3, 4].map(run));
    expect(results).toEqual([1, 2, 3, 4].map(() => ({ code: 0, stderr: '' })));
    const store = await createStore({ url, secret: SECRET });
    expect(await store.acknowledgements.verify()).toEqual({ ok: true, count: 1000 });
    for (const w of [1, 2, 3, 4]) expect(await store.acknowledgements.countSince(`user-${w}`, new Date(0))).toBe(250);
    const raw = new Database((store as SqliteStore).db.name, { readonly: true });
    expect(raw.prepare('SELECT COUNT(DISTINCT seq) AS n, MAX(seq) AS m FROM pii_ack_log').get()).toEqual({ n: 1000, m: 1000 });
    raw.close();
    await store.close();
  }, 120_000);
});
