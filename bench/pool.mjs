// node bench/pool.mjs [--quick] — overhead of createScanPool (scans of long posts in worker
// threads) against inline scans of the same posts: median latency per post size, corpus text.
// Build first (npm run build). Also run by `npm run bench` (section "pool"). Numbers, not assertions.
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const root = new URL('..', import.meta.url).pathname;
const quick = process.argv.includes('--quick');
const { createScanner, createScanPool } = require(join(root, 'dist/cjs/index.js'));

const posts = [];
for (const f of readdirSync(join(root, 'fixtures', 'posts')).filter((n) => n.endsWith('.jsonl')).sort()) {
  for (const line of readFileSync(join(root, 'fixtures', 'posts', f), 'utf8').split('\n')) if (line.trim()) posts.push(JSON.parse(line).text);
}
function compose(size) {
  let text = '';
  for (let i = 0; text.length < size; i++) text += posts[i % posts.length] + '\n\n';
  return text.slice(0, size);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const inline = createScanner();
const pool = createScanPool({ minLength: 0, maxThreads: 1 });
console.log(`Worker pool (createScanPool, piscina, 1 thread) vs inline scan — median ms per post, corpus text`);
console.log('  size        inline     pool   overhead');
for (const size of [1536, 16384, 65536, 262144]) {
  const text = compose(size);
  const n = quick ? 10 : size > 65536 ? 20 : 60;
  // Warm-up: both sides' JIT (the worker compiles on its own).
  for (let i = 0; i < (size > 65536 ? 8 : 30); i++) {
    inline.scan(text);
    await pool.scan(text);
  }
  const a = [];
  const b = [];
  for (let i = 0; i < n; i++) {
    let t = process.hrtime.bigint();
    inline.scan(text);
    a.push(Number(process.hrtime.bigint() - t) / 1e6);
    t = process.hrtime.bigint();
    await pool.scan(text);
    b.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const ma = median(a);
  const mb = median(b);
  console.log(`  ${String(size).padStart(6)}  ${ma.toFixed(2).padStart(8)} ${mb.toFixed(2).padStart(8)} ${(mb - ma).toFixed(2).padStart(9)}`);
}
await pool.close();
console.log('  (posts shorter than the pool\'s minLength, default 65536, are scanned inline: no overhead)');
