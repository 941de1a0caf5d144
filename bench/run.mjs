// npm run bench — prints latency and throughput of the scanner, and, in the same run and on the
// same posts, of redact-pii and @redactpii/node, as ratios. Then the middleware and store benches
// when present (bench/middleware.mjs, bench/store.mjs). Numbers, not assertions: machines are noisy.
//
//   node bench/run.mjs [--quick] [--only scanner|adversarial|pool|middleware|store]
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;

function loadCorpus() {
  const dir = join(root, 'fixtures', 'posts');
  const posts = [];
  if (!existsSync(dir)) return posts;
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.jsonl')).sort()) {
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
      if (line.trim()) posts.push(JSON.parse(line));
    }
  }
  return posts;
}

/** Concatenates posts until the text is about `size` UTF-16 units. */
function compose(posts, size) {
  let text = '';
  for (let i = 0; text.length < size; i++) text += posts[i % posts.length].text + '\n\n';
  return text.slice(0, size);
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Per-call latency in µs over `iterations` calls cycling through texts. */
function latency(fn, texts, iterations) {
  for (let i = 0; i < Math.min(200, iterations); i++) fn(texts[i % texts.length]);
  const times = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    const t = texts[i % texts.length];
    const a = process.hrtime.bigint();
    fn(t);
    times[i] = Number(process.hrtime.bigint() - a) / 1000;
  }
  const sorted = Array.from(times).sort((x, y) => x - y);
  return { median: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

/** MB/s (UTF-16 units counted as bytes of UTF-8 text) scanning `text` for about `ms`. */
function throughput(fn, text, ms) {
  const bytes = Buffer.byteLength(text);
  for (let i = 0; i < 50; i++) fn(text);
  let n = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(ms) * 1000000n;
  while (process.hrtime.bigint() - start < budget) {
    fn(text);
    n++;
  }
  const secs = Number(process.hrtime.bigint() - start) / 1e9;
  return (bytes * n) / secs / 1e6;
}

function importTime(spec) {
  const runs = [];
  for (let i = 0; i < (quick ? 3 : 7); i++) {
    const out = execFileSync(process.execPath, ['-e', `const t=process.hrtime.bigint();require(${JSON.stringify(spec)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`], { cwd: root });
    runs.push(Number(out.toString()));
  }
  runs.sort((a, b) => a - b);
  return runs[Math.floor(runs.length / 2)];
}

const f1 = (x) => x.toFixed(1);
const f2 = (x) => x.toFixed(2);

function scannerBench() {
  const { createScanner } = require(join(root, 'dist/cjs/index.js'));
  const posts = loadCorpus();
  if (posts.length === 0) throw new Error('no fixtures in fixtures/posts');
  const clean = posts.filter((p) => p.labels.length === 0);
  const dense = posts.filter((p) => p.labels.length > 0);
  const clean15 = compose(clean, 1536);
  const dense15 = compose(dense, 1536);
  const iterations = quick ? 5000 : 30000;
  const ms = quick ? 400 : 1500;

  const scanners = new Map();
  const scannerFor = (locale) => {
    if (!scanners.has(locale)) scanners.set(locale, createScanner({ locales: [locale] }));
    return scanners.get(locale);
  };
  const en = scannerFor('en-US');

  const { SyncRedactor } = require('redact-pii');
  const redactPii = new SyncRedactor();
  const { Redactor } = require('@redactpii/node');
  const redactpiiNode = new Redactor();

  const libs = [
    ['pii-preflight', (t) => en.scan(t)],
    ['redact-pii', (t) => redactPii.redact(t)],
    ['@redactpii/node', (t) => redactpiiNode.redact(t)],
  ];

  console.log(`\nScanner — ${posts.length} corpus posts (${clean.length} without PII), Node ${process.version}`);
  // Per-post latency over the real corpus, each post in its own locale and format.
  const corpusLat = latency((p) => scannerFor(p.locale).scan(p.text, { format: p.format }), posts, Math.max(posts.length * (quick ? 3 : 10), 2000));
  console.log(`  pii-preflight, corpus posts (own locale/format): median ${f1(corpusLat.median)} µs, p99 ${f1(corpusLat.p99)} µs`);

  const rows = [];
  for (const [name, fn] of libs) {
    const lc = latency(fn, [clean15], iterations);
    const ld = latency(fn, [dense15], iterations);
    const tc = throughput(fn, clean15, ms);
    const td = throughput(fn, dense15, ms);
    rows.push({ name, lc, ld, tc, td });
  }
  const ours = rows[0];
  console.log('\n  1.5 KB post               median µs   p99 µs    MB/s   (PII-free | PII-dense)');
  for (const r of rows) {
    console.log(`  ${r.name.padEnd(18)} free  ${f1(r.lc.median).padStart(9)} ${f1(r.lc.p99).padStart(8)} ${f2(r.tc).padStart(7)}`);
    console.log(`  ${''.padEnd(18)} dense ${f1(r.ld.median).padStart(9)} ${f1(r.ld.p99).padStart(8)} ${f2(r.td).padStart(7)}`);
  }
  console.log('\n  Ratios (pii-preflight MB/s ÷ theirs; targets: ≥ 3× redact-pii, ≥ 0.25× @redactpii/node)');
  for (const r of rows.slice(1)) {
    console.log(`  vs ${r.name.padEnd(16)} PII-free ${f2(ours.tc / r.tc)}×   PII-dense ${f2(ours.td / r.td)}×`);
  }
  console.log('\n  Import time (median of runs, fresh process)');
  console.log(`  pii-preflight      ${f1(importTime(join(root, 'dist/cjs/index.js')))} ms`);
  console.log(`  redact-pii         ${f1(importTime('redact-pii'))} ms`);
  console.log(`  @redactpii/node    ${f1(importTime('@redactpii/node'))} ms`);
  const mem = process.memoryUsage();
  console.log(`\n  Memory after the run: rss ${f1(mem.rss / 1048576)} MiB, heap used ${f1(mem.heapUsed / 1048576)} MiB`);
}

if (!only || only === 'scanner') scannerBench();
for (const [name, file] of [['adversarial', 'bench/adversarial.mjs'], ['pool', 'bench/pool.mjs'], ['middleware', 'bench/middleware.mjs'], ['store', 'bench/store.mjs']]) {
  if ((!only || only === name) && existsSync(join(root, file))) {
    console.log('');
    execFileSync(process.execPath, [join(root, file), ...(quick ? ['--quick'] : [])], { stdio: 'inherit', cwd: root });
  }
}
