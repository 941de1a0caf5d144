// Requests per second of a POST route with and without preflight() (autocannon on 127.0.0.1,
// bounded duration). Numbers, not assertions. Uses dist/ when built (npm run build), else the
// TypeScript sources through tsx (`--src` forces the sources).
//
// Two routes are measured, each with and without the middleware:
//   - "empty": express.json() and a constant JSON answer. Nothing else happens per request, so this
//     is the worst case for the ratio: all the route's own time is Express, HTTP and JSON parsing.
//   - "post": what a forum's create-post route does at least: the topic and its first post are
//     inserted into the forum's own SQLite file (WAL, synchronous=NORMAL, one transaction), then
//     201 with the new id.
//
// Each server runs in its own child process (autocannon stays in this one, so the load generator
// does not share an event loop with the server it measures). The sides are measured in turns —
// without, with, without, with… — and each ratio is the median over the runs of (with ÷ the
// "without" run just before it): the machine is shared and noisy, and adjacent runs see the same
// noise. Server CPU per request (user + system) is reported too. On Linux with 2+ CPUs the servers
// are pinned to CPU 1 and autocannon to CPU 0 (taskset; --no-pin turns it off).
//
//   node bench/middleware.mjs [--quick] [--src] [--runs 5] [--duration 4] [--store memory|file]
//                             [--routes empty,post] [--sides base,clean,warn] [--no-pin]
//                             [--profile DIR]   (writes .cpuprofiles of the empty-route servers: DIR/with, DIR/base)
//                             [--baseline DIR]  (also measures, interleaved, the clean post through an
//                                                older build: DIR holds its express.js and index.js,
//                                                e.g. a copy of a previous dist/cjs: before/after)
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, tmpdir } from 'node:os';
import { execFileSync, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = new URL('..', import.meta.url).pathname;
const self = fileURLToPath(import.meta.url);
const args = process.argv.slice(2);
const arg = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const quick = args.includes('--quick');
const secret = '_vLPNKcbVvDQL-HAvuPdzYho-V4d09Zq0r3PqiTAmsg';

function hasTaskset() {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function useDist() {
  return !args.includes('--src') && existsSync(join(root, 'dist/cjs/express.js')) && existsSync(join(root, 'dist/cjs/index.js'));
}

// ---------------------------------------------------------------------------------------------
// Child: one server, `--serve base|with`; sends its port to the parent, stops on 'stop'.
if (args.includes('--serve')) {
  const mode = arg('--serve');
  const route = arg('--route', 'empty');
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
  const dir = mkdtempSync(join(tmpdir(), 'pii-preflight-bench-'));
  const url = storeKind === 'file' ? `sqlite:${join(dir, 'bench.sqlite')}` : 'sqlite::memory:';
  // The "post" route's own database: the forum's topics and posts, as in the demo forum.
  let savePost;
  if (route === 'post') {
    const Database = require('better-sqlite3');
    const forum = new Database(join(dir, 'forum.sqlite'));
    forum.pragma('journal_mode = WAL');
    forum.pragma('synchronous = NORMAL');
    forum.exec(`CREATE TABLE topics (id INTEGER PRIMARY KEY, title TEXT NOT NULL, author TEXT NOT NULL, created_at TEXT NOT NULL);
      CREATE TABLE posts (id INTEGER PRIMARY KEY, topic_id INTEGER NOT NULL REFERENCES topics(id), author TEXT NOT NULL,
        body TEXT NOT NULL, status TEXT NOT NULL, created_at TEXT NOT NULL);
      CREATE INDEX posts_topic ON posts (topic_id, created_at);`);
    const topic = forum.prepare('INSERT INTO topics (title, author, created_at) VALUES (?, ?, ?)');
    const post = forum.prepare('INSERT INTO posts (topic_id, author, body, status, created_at) VALUES (?, ?, ?, ?, ?)');
    savePost = forum.transaction((author, title, body, status) => {
      const now = new Date().toISOString();
      const topicId = Number(topic.run(title, author, now).lastInsertRowid);
      post.run(topicId, author, body, status, now);
      return topicId;
    });
    process.on('exit', () => forum.close());
  }

  const store = await createStore({ url, secret });
  const a = express();
  let served = 0;
  a.use((req, _res, next) => { served++; req.user = { id: 'bench-user' }; next(); });
  const chain = [express.json()];
  if (mode === 'with' || mode === 'baseline') chain.push(preflight({ store, secret, repeatBypass: false }));
  a.post('/posts', ...chain, route === 'post'
    ? (req, res) => {
      const status = req.preflight?.review ? 'pending' : 'published';
      const id = savePost(req.user.id, String(req.body.title ?? ''), String(req.body.body ?? ''), status);
      res.status(201).json({ id, status });
    }
    : (req, res) => res.status(201).json({ ok: true, action: req.preflight?.action ?? null }));
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
    rmSync(dir, { recursive: true, force: true });
    process.send({ stats }, () => process.exit(0));
  });
} else {
  await main();
}

// ---------------------------------------------------------------------------------------------
// Parent: start the servers, run autocannon in turns, print medians of paired ratios.
async function main() {
  const autocannon = require('autocannon');
  const runs = Number(arg('--runs', quick ? 2 : 5));
  const duration = Number(arg('--duration', quick ? 2 : 4));
  const connections = 10;
  const storeKind = arg('--store', 'memory');
  const profileDir = arg('--profile');
  const from = useDist() ? 'dist' : 'src (tsx)';
  const wanted = new Set(arg('--sides', 'base,clean,warn').split(','));
  const routes = new Set(arg('--routes', 'empty,post').split(','));
  const baselineDir = arg('--baseline');
  // Pinned by default where it can be (Linux with taskset, 2+ CPUs): --no-pin turns it off.
  const pin = !args.includes('--no-pin') && cpus().length >= 2 && hasTaskset();
  if (pin) execFileSync('taskset', ['-cp', '0', String(process.pid)], { stdio: 'ignore' });

  const start = (mode, route) => new Promise((resolve, reject) => {
    const execArgv = [];
    if (!useDist() && mode !== 'baseline') execArgv.push('--import', 'tsx');
    if (profileDir && route === 'empty' && (mode === 'with' || mode === 'base')) execArgv.push('--cpu-prof', `--cpu-prof-dir=${join(profileDir, mode)}`);
    const baselineArgs = mode === 'baseline' ? ['--baseline', baselineDir] : [];
    // Pinned: each server on CPU 1, the load generator on CPU 0 (Linux taskset), so the two never
    // share a core and do not trade places between runs (much less run-to-run noise).
    const pinned = pin ? { execPath: 'taskset', execArgv: ['-c', '1', process.execPath, ...execArgv] } : { execArgv };
    const child = fork(self, ['--serve', mode, '--route', route, '--store', storeKind, ...baselineArgs, ...(args.includes('--src') ? ['--src'] : [])], {
      cwd: root, ...pinned,
      // A baseline build outside the checkout still finds express, better-sqlite3… here.
      env: { ...process.env, NODE_PATH: [join(root, 'node_modules'), process.env.NODE_PATH].filter(Boolean).join(':') },
    });
    child.once('message', (m) => resolve({ child, port: m.port, mode, route }));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench server (${mode}, ${route}) exited with ${code}`)));
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

  // Sides: [name, server, body, the side whose runs it is compared with].
  const plan = [];
  const servers = [];
  const add = async (mode, route) => {
    const s = await start(mode, route);
    servers.push(s);
    return s;
  };
  if (routes.has('empty')) {
    const base = await add('base', 'empty');
    const withMw = await add('with', 'empty');
    plan.push(['base', base, clean, null]);
    if (baselineDir) plan.push(['older', await add('baseline', 'empty'), clean, 'base']);
    if (wanted.has('clean')) plan.push(['clean', withMw, clean, 'base']);
    if (wanted.has('warn')) plan.push(['warn', withMw, warned, 'base']);
  }
  if (routes.has('post')) {
    const base = await add('base', 'post');
    const withMw = await add('with', 'post');
    plan.push(['post-base', base, clean, null]);
    if (wanted.has('clean')) plan.push(['post-clean', withMw, clean, 'post-base']);
  }
  // Warm-up (JIT, statement cache), not counted.
  for (const [, server, body] of plan) await cannon(server.port, body, 1);

  const sides = Object.fromEntries(plan.map(([side]) => [side, []]));
  for (let i = 0; i < runs; i++) {
    for (const [side, server, body] of plan) {
      const before = await sample(server);
      const r = await cannon(server.port, body, duration);
      const after = await sample(server);
      const cpuPerReq = (after.cpu - before.cpu) / Math.max(1, after.served - before.served);
      sides[side].push({ rps: r.requests.average, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors, cpu: cpuPerReq });
    }
  }
  const stats = {};
  for (const s of servers) {
    const st = await stop(s);
    if (s.mode === 'with') stats[s.route] = st;
  }

  const median = (xs) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : NaN);
  const summary = (side, against) => {
    const rs = sides[side];
    const out = {
      rps: median(rs.map((r) => r.rps)),
      p99: median(rs.map((r) => r.p99)),
      all: rs.map((r) => r.rps.toFixed(0)).join(' / '),
      cpu: median(rs.map((r) => r.cpu)),
      non2xx: rs.reduce((n, r) => n + r.non2xx, 0),
      errors: rs.reduce((n, r) => n + r.errors, 0),
    };
    if (against) {
      const bs = sides[against];
      out.ratio = median(rs.map((r, i) => r.rps / bs[i].rps));
      out.ratios = rs.map((r, i) => (r.rps / bs[i].rps).toFixed(2)).join(' ');
      out.cpuRatio = median(rs.map((r, i) => bs[i].cpu / r.cpu));
    }
    return out;
  };
  const f = (n) => n.toFixed(0).padStart(6);
  const line = (label, side, against, note = '') => {
    const x = summary(side, against);
    const ratio = against ? `  ratio ${x.ratio.toFixed(2)} (runs ${x.ratios})  CPU ratio ${x.cpuRatio.toFixed(2)}` : '';
    console.log(`  ${label.padEnd(34)} ${f(x.rps)} req/s  p99 ${String(x.p99).padStart(2)} ms  CPU/req ${f(x.cpu)} µs${ratio}${note}`);
    return x;
  };
  console.log(`Middleware bench (${from}): autocannon, ${connections} connections, ${runs} × ${duration} s per side in turns, preflight store: SQLite ${storeKind === 'file' ? 'file (WAL)' : 'in memory'}, servers in child processes`);
  console.log(`  ${pin ? 'servers pinned to CPU 1, autocannon to CPU 0 (taskset)' : 'not pinned to CPUs'}`);
  console.log('  ratio = median over the runs of (with ÷ the "without" run just before it); CPU ratio likewise, of server CPU µs per request');
  const errs = [];
  if (routes.has('empty')) {
    console.log(' empty route (express.json + constant answer: the worst case)');
    errs.push(line('without preflight', 'base', null).errors);
    if (baselineDir) errs.push(line('baseline build (clean → allow)', 'older', 'base', `  [${baselineDir}]`).errors);
    if (wanted.has('clean')) errs.push(line('with preflight (clean → allow)', 'clean', 'base').errors);
    if (wanted.has('warn')) { const w = line('with preflight (IBAN → 422 warn)', 'warn', 'base'); errs.push(w.errors); console.log(`    (non-2xx expected on the warn side: ${w.non2xx})`); }
  }
  if (routes.has('post')) {
    console.log(' post route (inserts the topic and post into the forum\'s SQLite file, 201)');
    errs.push(line('without preflight', 'post-base', null).errors);
    if (wanted.has('clean')) errs.push(line('with preflight (clean → allow)', 'post-clean', 'post-base').errors);
  }
  for (const [route, st] of Object.entries(stats)) console.log(`  store.stats() of the ${route}-route server: scanned ${st.scanned}, allowed ${st.allowed}, warned ${st.warned}`);
  if (errs.some((n) => n > 0)) console.log(`  connection errors: ${errs.join(' / ')}`);
  if (profileDir) console.log(`  CPU profiles: ${profileDir}/with/*.cpuprofile (middleware server), ${profileDir}/base/*.cpuprofile (without)`);
}
