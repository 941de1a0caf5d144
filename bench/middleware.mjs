// Requests per second of a POST route with and without preflight() (autocannon on 127.0.0.1,
// bounded duration). Numbers, not assertions. Uses dist/ when built (npm run build), else the
// TypeScript sources through tsx (`--src` forces the sources).
//
// Each server runs in its own child process (autocannon stays in this one, so the load generator
// does not share an event loop with the server it measures). The sides are measured in turns —
// without, with (clean), with (warn), then again — and the median of the runs of each side is
// reported: the machine is shared and noisy, and a median of interleaved runs is the fairest
// ratio it gives.
//
//   node bench/middleware.mjs [--quick] [--src] [--runs 3] [--duration 5] [--store memory|file]
//                             [--profile DIR]   (writes .cpuprofiles of both servers: DIR/with, DIR/base)
//                             [--sides base,clean,warn]
//                             [--baseline DIR]  (also measures, interleaved, the clean post through an
//                                                older build: DIR holds its express.js and index.js,
//                                                e.g. a copy of a previous dist/cjs: before/after)
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = new URL('..', import.meta.url).pathname;
const self = fileURLToPath(import.meta.url);
const args = process.argv.slice(2);
const arg = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const quick = args.includes('--quick');
const secret = 'bench-secret-0123456789-abcdefghijklmnopqrstuv';

function useDist() {
  return !args.includes('--src') && existsSync(join(root, 'dist/cjs/express.js')) && existsSync(join(root, 'dist/cjs/index.js'));
}

// ---------------------------------------------------------------------------------------------
// Child: one server, `--serve base|with`; sends its port to the parent, stops on 'stop'.
if (args.includes('--serve')) {
  const mode = arg('--serve');
  const storeKind = arg('--store', 'memory');
  let preflight;
  let createStore;
  if (mode === 'baseline') {
    ({ preflight } = require(join(arg('--baseline'), 'express.js')));
    ({ createStore } = require(join(arg('--baseline'), 'index.js')));
  } else if (useDist()) {
    ({ preflight } = require(join(root, 'dist/cjs/express.js')));
    ({ createStore } = require(join(root, 'dist/cjs/index.js')));
  } else {
    ({ preflight } = await import(join(root, 'src/express/index.ts')));
    ({ createStore } = await import(join(root, 'src/store/index.ts')));
  }
  const express = require('express');
  let dir;
  let url = 'sqlite::memory:';
  if (storeKind === 'file') {
    dir = mkdtempSync(join(tmpdir(), 'pii-preflight-bench-'));
    url = `sqlite:${join(dir, 'bench.sqlite')}`;
  }
  const store = await createStore({ url, secret });
  const a = express();
  let served = 0;
  a.use((req, _res, next) => { served++; req.user = { id: 'bench-user' }; next(); });
  const chain = [express.json()];
  if (mode === 'with' || mode === 'baseline') chain.push(preflight({ store, secret, repeatBypass: false }));
  a.post('/posts', ...chain, (req, res) => res.status(201).json({ ok: true, action: req.preflight?.action ?? null }));
  const server = a.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
  process.on('message', async (m) => {
    if (m === 'sample') {
      const { user, system } = process.cpuUsage();
      process.send({ cpu: user + system, served });
      return;
    }
    if (m !== 'stop') return;
    server.close();
    const stats = await store.stats();
    await store.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    process.send({ stats }, () => process.exit(0));
  });
} else {
  await main();
}

// ---------------------------------------------------------------------------------------------
// Parent: start the servers, run autocannon in turns, print medians.
async function main() {
  const autocannon = require('autocannon');
  const runs = Number(arg('--runs', quick ? 1 : 3));
  const duration = Number(arg('--duration', quick ? 2 : 5));
  const connections = 10;
  const storeKind = arg('--store', 'memory');
  const profileDir = arg('--profile');
  const from = useDist() ? 'dist' : 'src (tsx)';
  const wanted = new Set(arg('--sides', 'base,clean,warn').split(','));

  const start = (mode) => new Promise((resolve, reject) => {
    const execArgv = [];
    if (!useDist() && mode !== 'baseline') execArgv.push('--import', 'tsx');
    if (profileDir && (mode === 'with' || mode === 'base')) execArgv.push('--cpu-prof', `--cpu-prof-dir=${join(profileDir, mode)}`);
    const baselineArgs = mode === 'baseline' ? ['--baseline', arg('--baseline')] : [];
    const child = fork(self, ['--serve', mode, '--store', storeKind, ...baselineArgs, ...(args.includes('--src') ? ['--src'] : [])], {
      cwd: root, execArgv,
      // A baseline build outside the checkout still finds express, better-sqlite3… here.
      env: { ...process.env, NODE_PATH: [join(root, 'node_modules'), process.env.NODE_PATH].filter(Boolean).join(':') },
    });
    child.once('message', (m) => resolve({ child, port: m.port, mode }));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench server (${mode}) exited with ${code}`)));
  });
  // Server CPU time (user + system) and requests served so far: CPU µs per request is a steadier
  // figure than req/s on a loaded machine.
  const sample = (s) => new Promise((resolve) => {
    s.child.once('message', resolve);
    s.child.send('sample');
  });
  const stop = (s) => new Promise((resolve) => {
    s.child.removeAllListeners('exit');
    s.child.once('message', (m) => resolve(m.stats));
    s.child.send('stop');
  });

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

  const cannon = (port, body, seconds) => new Promise((resolve, reject) => {
    autocannon({
      url: `http://127.0.0.1:${port}/posts`, method: 'POST', duration: seconds, connections,
      headers: { 'content-type': 'application/json' }, body,
    }, (err, result) => (err ? reject(err) : resolve(result)));
  });

  const baselineDir = arg('--baseline');
  const base = await start('base');
  const withMw = await start('with');
  const older = baselineDir ? await start('baseline') : undefined;
  // Warm-up (JIT, statement cache), not counted.
  const plan = [['base', base, clean], ...(older ? [['older', older, clean]] : []), ['clean', withMw, clean], ['warn', withMw, warned]]
    .filter(([side]) => side === 'older' || wanted.has(side));
  for (const [, server, body] of plan) await cannon(server.port, body, 1);

  const sides = { base: [], older: [], clean: [], warn: [] };
  for (let i = 0; i < runs; i++) {
    for (const [side, server, body] of plan) {
      const before = await sample(server);
      const r = await cannon(server.port, body, duration);
      const after = await sample(server);
      const cpuPerReq = (after.cpu - before.cpu) / Math.max(1, after.served - before.served);
      sides[side].push({ rps: r.requests.average, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors, cpu: cpuPerReq });
    }
  }
  await stop(base);
  if (older) await stop(older);
  const stats = await stop(withMw);

  const median = (xs) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : NaN);
  const summary = (side) => ({
    rps: median(sides[side].map((r) => r.rps)),
    p99: median(sides[side].map((r) => r.p99)),
    all: sides[side].map((r) => r.rps.toFixed(0)).join(' / '),
    cpu: median(sides[side].map((r) => r.cpu)),
    non2xx: sides[side].reduce((n, r) => n + r.non2xx, 0),
    errors: sides[side].reduce((n, r) => n + r.errors, 0),
  });
  const b = summary('base');
  const c = summary('clean');
  const w = summary('warn');
  const f = (n) => n.toFixed(0).padStart(8);
  console.log(`Middleware bench (${from}): autocannon, ${connections} connections, ${runs} × ${duration} s per side (median), SQLite ${storeKind === 'file' ? 'file (WAL)' : 'in memory'}, servers in child processes`);
  console.log(`  without preflight (clean post)   ${f(b.rps)} req/s  p99 ${b.p99} ms  runs ${b.all}`);
  if (older) {
    const o = summary('older');
    console.log(`  baseline build (clean → allow)   ${f(o.rps)} req/s  p99 ${o.p99} ms  runs ${o.all}  ratio ${(o.rps / b.rps).toFixed(2)}  CPU/req ${o.cpu.toFixed(0)} µs (ratio ${(b.cpu / o.cpu).toFixed(2)})  [${baselineDir}]`);
  }
  console.log(`  with preflight (clean → allow)   ${f(c.rps)} req/s  p99 ${c.p99} ms  runs ${c.all}  ratio ${(c.rps / b.rps).toFixed(2)}`);
  if (wanted.has('warn')) console.log(`  with preflight (IBAN → 422 warn) ${f(w.rps)} req/s  p99 ${w.p99} ms  runs ${w.all}  ratio ${(w.rps / b.rps).toFixed(2)}  (non-2xx expected: ${w.non2xx})`);
  const warnCpu = wanted.has('warn') ? `, warn ${w.cpu.toFixed(0)} µs (ratio ${(b.cpu / w.cpu).toFixed(2)})` : '';
  console.log(`  server CPU per request (median): without ${b.cpu.toFixed(0)} µs, clean ${c.cpu.toFixed(0)} µs (ratio ${(b.cpu / c.cpu).toFixed(2)})${warnCpu}`);
  console.log(`  store.stats() after the runs: scanned ${stats.scanned}, allowed ${stats.allowed}, warned ${stats.warned}`);
  if (b.errors || c.errors || w.errors) console.log(`  connection errors: ${b.errors} / ${c.errors} / ${w.errors}`);
  if (profileDir) console.log(`  CPU profiles: ${profileDir}/with/*.cpuprofile (middleware server), ${profileDir}/base/*.cpuprofile (without)`);
}
