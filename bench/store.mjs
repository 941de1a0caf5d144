// Store bench: acknowledgements per second (one app instance, then four instances appending to
// one log at once, each instance its own process with its own pool/connection, each append its
// own transaction) and review-queue list latency (median/p99 of a 50-item page with 2,000 items
// in the queue), for SQLite (a file, WAL) and PostgreSQL. Numbers, not assertions.
// Uses dist/ when built (npm run build), else the TypeScript sources through tsx.
//
//   node bench/store.mjs [--quick] [--src] [--only sqlite|postgres]
//   PostgreSQL: PII_BENCH_PG_URL, else DATABASE_URL when it is postgres://…, else
//   postgres://postgres@127.0.0.1:5432/test. The bench works in a scratch schema it drops after.
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { execFileSync, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = new URL('..', import.meta.url).pathname;
const self = fileURLToPath(import.meta.url);
const args = process.argv.slice(2);
const arg = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const quick = args.includes('--quick');
const secret = '_vLPNKcbVvDQL-HAvuPdzYho-V4d09Zq0r3PqiTAmsg';

function useDist() {
  return !args.includes('--src') && existsSync(join(root, 'dist/cjs/index.js'));
}

async function loadCreateStore() {
  if (useDist()) return require(join(root, 'dist/cjs/index.js')).createStore;
  if (!process.execArgv.some((a) => a.includes('tsx'))) {
    // Re-run under the tsx loader to read the TypeScript sources.
    execFileSync(process.execPath, ['--import', 'tsx', self, ...args.filter((a) => a !== '--src'), '--src'], { stdio: 'inherit', cwd: root });
    process.exit(0);
  }
  return (await import(join(root, 'src/store/index.ts'))).createStore;
}

function ackInput(store, worker, i) {
  return {
    userId: `bench-user-${worker}-${i % 50}`,
    policyVersion: 'p1',
    noticeText: 'This post will be public. Anyone can read, collect or use the personal information in it.',
    noticeVersion: 'n1',
    locale: 'en-US',
    method: 'json',
    reason: 'intended',
    contentHash: store.hmac(`content ${worker} ${i}`),
    fields: ['title', 'body'],
    findings: [{ field: 'body', type: 'email', start: 11, end: 31, ruleId: 'email/validator', confidence: 0.95, subject: 'self', masked: 'j•••@example.com', valueHash: store.hmac('jane.roe@example.com') }],
    action: 'warn',
    ipPrefix: '203.0.113.0/24',
    userAgent: 'bench/1.0',
    tokenId: `bench-${process.pid}-${worker}-${i}-${randomBytes(4).toString('hex')}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Child: one app instance. Opens its store, says ready, appends on 'go', reports its finish time.
if (args.includes('--worker')) {
  const options = JSON.parse(arg('--options'));
  const count = Number(arg('--count'));
  const worker = arg('--worker');
  const createStore = await loadCreateStore();
  const store = await createStore({ ...options, migrate: false });
  process.on('message', async (m) => {
    if (m !== 'go') return;
    for (let i = 0; i < count; i++) await store.acknowledgements.append(ackInput(store, worker, i));
    const done = performance.timeOrigin + performance.now();
    await store.close();
    process.send({ done }, () => process.exit(0));
  });
  process.send({ ready: true });
} else {
  await main();
}

// ---------------------------------------------------------------------------------------------
// Parent.
function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Starts `instances` worker processes, releases them together, returns acknowledgements per second. */
async function ackRate(options, instances, perInstance) {
  const children = await Promise.all(
    Array.from({ length: instances }, (_, w) => new Promise((resolve, reject) => {
      const execArgv = useDist() ? [] : ['--import', 'tsx'];
      const child = fork(self, ['--worker', String(w), '--count', String(perInstance), '--options', JSON.stringify(options), ...(args.includes('--src') ? ['--src'] : [])], { cwd: root, execArgv });
      child.once('message', () => resolve(child));
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`bench worker exited with ${code}`)));
    })),
  );
  const finished = children.map((c) => new Promise((resolve) => {
    c.removeAllListeners('exit');
    c.once('message', (m) => resolve(m.done));
  }));
  const start = performance.timeOrigin + performance.now();
  for (const c of children) c.send('go');
  const end = Math.max(...(await Promise.all(finished)));
  return (instances * perInstance) / ((end - start) / 1000);
}

function reviewInput(store, i) {
  const email = 'jane.roe@example.com';
  const phone = '+1 555-0134';
  const body = `Item ${i}: mail me at ${email} or call ${phone} today.`;
  const e = body.indexOf(email);
  const p = body.indexOf(phone);
  return {
    postRef: `bench-post-${i}`,
    authorId: `author-${i % 40}`,
    fields: { title: `Post ${i}`, body },
    format: 'plain',
    findings: [
      { field: 'body', type: 'email', start: e, end: e + email.length, ruleId: 'email/validator', confidence: 0.95, subject: 'self', masked: 'j•••@example.com', valueHash: store.hmac(email) },
      ...(i % 2 ? [{ field: 'body', type: 'phone', start: p, end: p + phone.length, ruleId: 'phone/libphonenumber', confidence: 0.9, subject: 'third_party', masked: '+1 •••-0134', valueHash: store.hmac(phone) }] : []),
    ],
    heldBecause: { rule: 'third_party_phone' },
  };
}

/** Fills the queue with `size` items (a few writers at once), then times list() pages. */
async function listLatency(createStore, options, size, iterations) {
  const store = await createStore(options);
  let next = 0;
  const writer = async () => {
    while (next < size) await store.reviews.upsert(reviewInput(store, next++));
  };
  await Promise.all(Array.from({ length: store.kind === 'postgres' ? 8 : 1 }, writer));
  const time = async (query) => {
    for (let i = 0; i < Math.min(20, iterations); i++) await store.reviews.list(query); // warm-up
    const times = [];
    for (let i = 0; i < iterations; i++) {
      const a = process.hrtime.bigint();
      const page = await store.reviews.list(query);
      times.push(Number(process.hrtime.bigint() - a) / 1e6);
      if (page.items.length !== 50) throw new Error(`expected 50 items, got ${page.items.length}`);
    }
    times.sort((x, y) => x - y);
    return { median: percentile(times, 50), p99: percentile(times, 99) };
  };
  const first = await time({ limit: 50 });
  const page3 = (await store.reviews.list({ limit: 50, status: 'pending', type: 'phone', sort: 'newest' })).nextCursor;
  const filtered = await time({ limit: 50, status: 'pending', type: 'phone', sort: 'newest', cursor: page3 });
  const counts = (await store.reviews.list({ limit: 1 })).counts;
  await store.close();
  if (counts.pending !== size) throw new Error(`queue holds ${counts.pending} items, expected ${size}`);
  return { first, filtered };
}

async function pgReachable(url) {
  const { Client } = require('pg');
  const c = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.end();
    return null;
  } catch (err) {
    return err.message;
  }
}

async function main() {
  const createStore = await loadCreateStore();
  const only = arg('--only');
  const single = quick ? 300 : 2000;
  const perInstance = quick ? 150 : 1000;
  const iterations = quick ? 50 : 300;
  const queueSize = 2000;
  const rows = [];

  if (!only || only === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'pii-bench-store-'));
    try {
      const one = { url: `sqlite:${join(dir, 'acks1.sqlite')}`, secret };
      await (await createStore(one)).close();
      const four = { url: `sqlite:${join(dir, 'acks4.sqlite')}`, secret };
      await (await createStore(four)).close();
      const lat = await listLatency(createStore, { url: `sqlite:${join(dir, 'queue.sqlite')}`, secret }, queueSize, iterations);
      rows.push({ name: 'SQLite (file, WAL)', one: await ackRate(one, 1, single), four: await ackRate(four, 4, perInstance), ...lat });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  if (!only || only === 'postgres') {
    // Accepts a URL starting postgres:// or postgresql://; rejects sqlite:, file: and anything else.
    const envUrl = process.env.DATABASE_URL && /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL) ? process.env.DATABASE_URL : undefined;
    const url = process.env.PII_BENCH_PG_URL || envUrl || 'postgres://postgres@127.0.0.1:5432/test';
    const problem = await pgReachable(url);
    if (problem) {
      rows.push({ name: 'PostgreSQL', skipped: `not reachable (${problem})` });
    } else {
      const schema = `pii_bench_${process.pid}`;
      const base = { url, secret, schema };
      try {
        await (await createStore({ ...base, tablePrefix: 'one_' })).close();
        await (await createStore({ ...base, tablePrefix: 'four_' })).close();
        const lat = await listLatency(createStore, { ...base, tablePrefix: 'queue_' }, queueSize, iterations);
        rows.push({
          name: 'PostgreSQL',
          one: await ackRate({ ...base, tablePrefix: 'one_' }, 1, single),
          four: await ackRate({ ...base, tablePrefix: 'four_' }, 4, perInstance),
          ...lat,
        });
      } finally {
        const { Client } = require('pg');
        const c = new Client({ connectionString: url });
        await c.connect();
        await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await c.end();
      }
    }
  }

  const f0 = (x) => x.toFixed(0).padStart(7);
  const f2 = (x) => x.toFixed(2).padStart(7);
  console.log(`Store bench (${useDist() ? 'dist' : 'src (tsx)'}), Node ${process.version}: acknowledgements/s (each its own transaction; `
    + `1 instance × ${single}, 4 instances × ${perInstance} in separate processes) and reviews.list() latency in ms `
    + `(50-item page, ${queueSize} items queued, ${iterations} calls)`);
  console.log('  store                 acks/s 1 inst  acks/s 4 inst   list p50   list p99   filtered+cursor p50   p99');
  for (const r of rows) {
    if (r.skipped) {
      console.log(`  ${r.name.padEnd(20)}  skipped: ${r.skipped}`);
      continue;
    }
    console.log(`  ${r.name.padEnd(20)}  ${f0(r.one)}        ${f0(r.four)}        ${f2(r.first.median)}    ${f2(r.first.p99)}    ${f2(r.filtered.median)}             ${f2(r.filtered.p99)}`);
  }
}
