// Requests per second of a POST route with and without preflight() (autocannon on 127.0.0.1,
// bounded duration). Numbers, not assertions. Uses dist/ when built (npm run build), else the
// TypeScript sources through tsx.
//
//   node bench/middleware.mjs [--quick] [--src]
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const duration = quick ? 2 : 5;
const connections = 10;

async function load() {
  const distExpress = join(root, 'dist/cjs/express.js');
  const distIndex = join(root, 'dist/cjs/index.js');
  if (!args.includes('--src') && existsSync(distExpress) && existsSync(distIndex)) {
    const { preflight } = require(distExpress);
    const { createStore } = require(distIndex);
    if (typeof preflight === 'function' && typeof createStore === 'function') return { preflight, createStore, from: 'dist' };
  }
  if (!process.execArgv.some((a) => a.includes('tsx'))) {
    // Re-run under the tsx loader to read the TypeScript sources.
    execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), ...args.filter((a) => a !== '--src'), '--src'], { stdio: 'inherit', cwd: root });
    process.exit(0);
  }
  const { preflight } = await import(join(root, 'src/express/index.ts'));
  const { createStore } = await import(join(root, 'src/store/index.ts'));
  return { preflight, createStore, from: 'src (tsx)' };
}

const express = require('express');
const autocannon = require('autocannon');
const { preflight, createStore, from } = await load();
const secret = 'bench-secret-0123456789-abcdefghijklmnopqrstuv';
const store = await createStore({ url: 'sqlite::memory:', secret });

function app(withMiddleware) {
  const a = express();
  a.use((req, _res, next) => { req.user = { id: 'bench-user' }; next(); });
  const chain = [express.json()];
  if (withMiddleware) chain.push(preflight({ store, secret, repeatBypass: false }));
  a.post('/posts', ...chain, (req, res) => res.status(201).json({ ok: true, action: req.preflight?.action ?? null }));
  return a;
}

// A typical clean forum post (~600 characters): the common path (scan, allow, stats).
const clean = JSON.stringify({
  title: 'Weekend ride: the lake loop',
  body: 'Thanks to everyone who came out on Saturday. We did the full lake loop in a bit under four hours, '
    + 'stopped at the bakery at kilometre 42 and regrouped twice on the climbs. Version 2 of the route file is '
    + 'attached in the club folder; it fixes the detour near the bridge works. Next ride: Sunday the 14th, '
    + 'meet 8:30 at the usual car park. Bring lights, the forecast says fog until ten. If you have questions, '
    + 'reply here rather than by private message so everyone sees the answer.',
});
// A post with an IBAN (fictional test value): the warn path (scan, policy, token, 422).
const warned = JSON.stringify({ title: 'Club fees', body: 'Please pay the season fee to DE89 3704 0044 0532 0130 00 before March.' });

function run(port, body) {
  return new Promise((resolve, reject) => {
    autocannon({
      url: `http://127.0.0.1:${port}/posts`, method: 'POST', duration, connections,
      headers: { 'content-type': 'application/json' }, body,
    }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

async function measure(withMiddleware, body) {
  const server = app(withMiddleware).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address();
  try {
    const r = await run(port, body);
    return { rps: r.requests.average, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
  } finally {
    await new Promise((r) => server.close(r));
  }
}

console.log(`Middleware bench (${from}): autocannon, ${connections} connections, ${duration} s per run, SQLite in memory`);
const base = await measure(false, clean);
const withClean = await measure(true, clean);
const withWarn = await measure(true, warned);
const f = (n) => n.toFixed(0).padStart(8);
console.log(`  without preflight (clean post)   ${f(base.rps)} req/s  p99 ${base.p99} ms`);
console.log(`  with preflight (clean → allow)    ${f(withClean.rps)} req/s  p99 ${withClean.p99} ms  ratio ${(withClean.rps / base.rps).toFixed(2)}`);
console.log(`  with preflight (IBAN → 422 warn)  ${f(withWarn.rps)} req/s  p99 ${withWarn.p99} ms  ratio ${(withWarn.rps / base.rps).toFixed(2)}  (non-2xx expected: ${withWarn.non2xx})`);
if (base.errors || withClean.errors || withWarn.errors) console.log(`  connection errors: ${base.errors} / ${withClean.errors} / ${withWarn.errors}`);
await store.close();
