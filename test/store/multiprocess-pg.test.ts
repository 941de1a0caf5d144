/**
 * Several app instances appending to one acknowledgement log at once: 4 processes, each append its
 * own transaction (as in production, nothing batched) → no record lost, one unbroken hash chain.
 * Against PostgreSQL (one schema, four pools) and against SQLite (four connections on one file).
 *
 * `npm test` runs 4 × 150 appends; `npm run test:stress` (PII_STRESS=1, run by .ci/run after
 * `npm test`) runs the long version, 4 × 2,500 → 10,000 records, and also checks that the
 * workers' records interleave.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createStore } from '../../src/store';
import type { PostgresStore } from '../../src/store/postgres';
import type { SqliteStore } from '../../src/store/sqlite';
import type { Store, StoreOptions } from '../../src/store/types';
import { SECRET } from './store-suite';
import { PG_BASE_URL, describePg, dropSchema, testSchema } from './postgres-helpers';

const WORKERS = 4;
const STRESS = process.env.PII_STRESS === '1';
const PER_WORKER = STRESS ? 2500 : 150;
const TOTAL = WORKERS * PER_WORKER;
// Generous: the test asserts behaviour, and a loaded machine is slow, not wrong.
const TIMEOUT = 600_000;

const tsx = join(__dirname, '../../node_modules/.bin/tsx');
const worker = join(__dirname, 'multiprocess-worker.ts');

function runWorkers(options: StoreOptions): Promise<{ code: number | null; stderr: string }[]> {
  // A start barrier: every worker opens its store, then all start appending together.
  const barrier = mkdtempSync(join(tmpdir(), 'pii-mp-barrier-'));
  const run = (w: number) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(tsx, [worker, JSON.stringify(options), String(w), String(PER_WORKER), barrier], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code, stderr }));
    });
  const all = Promise.all(Array.from({ length: WORKERS }, (_, i) => run(i + 1)));
  const go = setInterval(() => {
    if (Array.from({ length: WORKERS }, (_, i) => existsSync(join(barrier, `ready-${i + 1}`))).every(Boolean)) {
      writeFileSync(join(barrier, 'go'), '');
      clearInterval(go);
    }
  }, 10);
  return all.finally(() => {
    clearInterval(go);
    rmSync(barrier, { recursive: true, force: true });
  });
}

async function expectOneChain(store: Store): Promise<void> {
  expect(await store.acknowledgements.verify()).toEqual({ ok: true, count: TOTAL });
  for (let w = 1; w <= WORKERS; w++) expect(await store.acknowledgements.countSince(`user-${w}`, new Date(0))).toBe(PER_WORKER);
  // The workers wrote at the same time (not one after another): some worker's records lie within
  // another's range in the one chain. Only with the long run: 150 appends may finish before the
  // next process has started. (Which worker starts first, and how far ahead, depends on process
  // start-up on a loaded machine, so the test looks at the whole log, not at its first records.)
  if (STRESS) {
    const order: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.acknowledgements.list({ limit: 1000, ...(cursor ? { cursor } : {}) });
      for (const r of page.items) order.push(r.userId);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(order).toHaveLength(TOTAL);
    let switches = 0;
    for (let i = 1; i < order.length; i++) if (order[i] !== order[i - 1]) switches++;
    // One worker after another would switch WORKERS - 1 times.
    expect(switches).toBeGreaterThan(WORKERS - 1);
  }
}

describe('several processes, one SQLite file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pii-mp-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test(`${WORKERS} processes × ${PER_WORKER} appends → ${TOTAL} records, the chain verifies`, async () => {
    const options: StoreOptions = { url: `sqlite:${join(dir, 'mp.sqlite')}`, secret: SECRET };
    await (await createStore(options)).close();
    const results = await runWorkers(options);
    expect(results).toEqual(Array.from({ length: WORKERS }, () => ({ code: 0, stderr: '' })));
    const store = (await createStore(options)) as SqliteStore;
    await expectOneChain(store);
    const raw = new Database(store.db.name, { readonly: true });
    expect(raw.prepare('SELECT COUNT(DISTINCT seq) AS n, MIN(seq) AS lo, MAX(seq) AS hi FROM pii_ack_log').get()).toEqual({ n: TOTAL, lo: 1, hi: TOTAL });
    expect(raw.prepare('SELECT COUNT(*) AS n FROM pii_used_tokens').get()).toEqual({ n: TOTAL });
    raw.close();
    await store.close();
  }, TIMEOUT);
});

const d = describePg('test/store/multiprocess-pg.test.ts');
d('several processes, one PostgreSQL database', () => {
  const schema = testSchema('mp');
  afterAll(() => dropSchema(schema));

  test(`${WORKERS} processes × ${PER_WORKER} appends → ${TOTAL} records, the chain verifies`, async () => {
    const options: StoreOptions = { url: PG_BASE_URL, secret: SECRET, schema };
    await (await createStore(options)).close();
    const results = await runWorkers(options);
    expect(results).toEqual(Array.from({ length: WORKERS }, () => ({ code: 0, stderr: '' })));
    const store = (await createStore(options)) as PostgresStore;
    await expectOneChain(store);
    const r = await store.pool.query<{ n: string; lo: string; hi: string }>(`SELECT COUNT(DISTINCT seq) AS n, MIN(seq) AS lo, MAX(seq) AS hi FROM ${store.tables.log}`);
    expect(r.rows[0]).toEqual({ n: String(TOTAL), lo: '1', hi: String(TOTAL) });
    const tokens = await store.pool.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${store.tables.usedTokens}`);
    expect(tokens.rows[0]?.n).toBe(String(TOTAL));
    await store.close();
  }, TIMEOUT);
});
