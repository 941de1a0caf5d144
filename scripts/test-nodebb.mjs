// npm run test:nodebb — installs NodeBB 4.15.1 with nodebb-plugin-pii-preflight (and the packed
// pii-preflight it depends on) through ../shared/nodebb/setup-nodebb.sh, starts it on loopback and
// proves the publish flow through NodeBB's write API (issue 15). Exits non-zero on any failure and
// always stops the NodeBB it started.
//
// Environment: NODEBB_SHARED (default ../shared/nodebb), NODEBB_WORK (default $TMPDIR/pii-nodebb),
// NODEBB_TEST_DB (default pii_nodebb_test, dropped and created), NODEBB_PORT (default 4567),
// NODEBB_SKIP_SETUP=1 with NBB_PID to reuse a running forum (development only).
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(new URL('..', import.meta.url).pathname);
const shared = resolve(process.env.NODEBB_SHARED || join(root, '..', 'shared', 'nodebb'));
const work = resolve(process.env.NODEBB_WORK || join(tmpdir(), 'pii-nodebb'));
const db = process.env.NODEBB_TEST_DB || 'pii_nodebb_test';
const port = Number(process.env.NODEBB_PORT || 4567);
const adminPassword = process.env.NODEBB_ADMIN_PASSWORD || 'Adm1nPassw0rd!x';
const secret = process.env.PII_PREFLIGHT_SECRET || randomBytes(32).toString('base64url');
const storeUrl = `postgres://postgres@127.0.0.1:5432/${db}`;
process.env.NBB_URL = `http://127.0.0.1:${port}`;

if (!existsSync(join(shared, 'setup-nodebb.sh'))) {
  console.error(`test:nodebb: ${shared}/setup-nodebb.sh not found (set NODEBB_SHARED)`);
  process.exit(1);
}

let pid = process.env.NBB_PID ? Number(process.env.NBB_PID) : undefined;
const stop = () => { if (pid && process.env.NODEBB_SKIP_SETUP !== '1') { try { process.kill(pid); } catch { /* gone */ } pid = undefined; } };
process.on('exit', stop);
process.on('SIGINT', () => { stop(); process.exit(130); });

let failures = 0;
let passed = 0;
function check(name, ok, detail) {
  if (ok) { passed++; console.log(`  ok   ${name}`); } else { failures++; console.log(`  FAIL ${name}${detail ? `: ${detail}` : ''}`); }
}
const brief = (r) => `HTTP ${r.status} ${JSON.stringify(r.json).slice(0, 300)}`;

if (process.env.NODEBB_SKIP_SETUP !== '1') {
  console.log('== build and pack pii-preflight');
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const packDir = join(work, 'pack');
  rmSync(packDir, { recursive: true, force: true });
  mkdirSync(packDir, { recursive: true });
  execFileSync('npm', ['pack', '--pack-destination', packDir], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const tgz = join(packDir, readdirSync(packDir).find((f) => f.endsWith('.tgz')));

  // Setting NodeBB up is infrastructure, not what is tested: a start that did not answer in time
  // (seen once on this shared machine) gets one more try; every assertion below runs once.
  for (let attempt = 1; ; attempt++) {
    console.log(`== install and start NodeBB${attempt > 1 ? ` (attempt ${attempt})` : ''}`);
    const setup = spawnSync('bash', [join(shared, 'setup-nodebb.sh'), work, db, join(root, 'integrations', 'nodebb'), String(port)], {
      cwd: root, encoding: 'utf8', env: { ...process.env, NODEBB_PREINSTALL: tgz, PII_PREFLIGHT_SECRET: secret, PII_PREFLIGHT_DB: storeUrl },
    });
    process.stdout.write(setup.stdout);
    const m = /pid=(\d+)\s*$/.exec(setup.stdout);
    if (setup.status === 0 && m) {
      pid = Number(m[1]);
      break;
    }
    console.error(setup.stderr.slice(-2000));
    console.error(`test:nodebb: setup failed (exit ${setup.status}); logs in ${work}`);
    if (attempt >= 2) process.exit(1);
  }
}

const { Session, bearer, createToken } = await import(pathToFileURL(join(shared, 'http-client.mjs')).href);

try {
  console.log('== the publish flow through the write API');
  const admin = new Session();
  const login = await admin.login('admin', adminPassword);
  check('admin logs in', login.loggedIn === true, JSON.stringify(login));
  const token = await createToken(admin, 'admin', adminPassword, login.uid);
  const cid = 2;

  const clean = await bearer(token, 'POST', '/topics', { cid, title: 'Release notes', content: 'Version 2.4.1 is out; the match ended 3-1 on 2024-05-01.' });
  check('clean topic → 200', clean.status === 200, brief(clean));
  const cleanTid = clean.json?.response?.tid;
  const cleanPid = clean.json?.response?.mainPid;

  const own = { cid, title: 'Selling my bike', content: 'Call me at (201) 555-0123 or mail jane.doe@example.com about it.' };
  const refused = await bearer(token, 'POST', '/topics', own);
  const msg = refused.json?.status?.message || '';
  check('topic with the author\'s phone and email → 400 with the notice', refused.status === 400 && /personal|phone/i.test(msg), brief(refused));
  check('the refusal does not echo the raw values', !msg.includes('555-0123') && !msg.includes('jane.doe'), msg);

  const chk = await bearer(token, 'POST', '/plugins/pii-preflight/check', { title: own.title, content: own.content });
  const findings = chk.json?.response?.findings || [];
  const ackToken = chk.json?.response?.acknowledgement?.token;
  check('check route → findings (phone, email) + token', chk.status === 200 && findings.some((f) => f.type === 'phone') && findings.some((f) => f.type === 'email') && typeof ackToken === 'string', brief(chk));
  check('check findings carry field, offsets, masked value, message', findings.every((f) => f.field && Number.isInteger(f.start) && f.end > f.start && f.masked && f.message), JSON.stringify(findings[0]));

  const live = await bearer(token, 'POST', '/plugins/pii-preflight/check', { title: own.title, content: own.content, live: true });
  const liveFindings = live.json?.response?.findings || [];
  check('live check (live: true) → findings with masked values, no token', live.status === 200 && live.json?.response?.live === true
    && liveFindings.some((f) => f.type === 'phone') && live.json?.response?.acknowledgement === undefined && !JSON.stringify(live.json).includes('555-0123'), brief(live));

  const acked = await bearer(token, 'POST', '/topics', { ...own, piiAcknowledgement: ackToken, piiAcknowledgementReason: 'intended' });
  check('with the token → 200', acked.status === 200, brief(acked));
  const again = await bearer(token, 'POST', '/topics', { ...own, piiAcknowledgement: ackToken });
  check('same token again → 400', again.status === 400, brief(again));

  const reply = await bearer(token, 'POST', `/topics/${cleanTid}`, { content: 'Text me on (201) 555-0123 tonight.' });
  check('a reply with a phone → 400', reply.status === 400, brief(reply));

  const edit = await bearer(token, 'PUT', `/posts/${cleanPid}`, { content: 'Version 2.4.1 is out. Questions: (201) 555-0123.', title: 'Release notes' });
  check('an edit adding a phone → 400', edit.status === 400, brief(edit));

  const third = { cid, title: 'About my landlord', content: 'His address is 1234 Elm Street, Springfield, IL 62704, go and tell him what you think.' };
  const t3 = (await bearer(token, 'POST', '/plugins/pii-preflight/check', { title: third.title, content: third.content })).json?.response?.acknowledgement?.token;
  const queued = await bearer(token, 'POST', '/topics', { ...third, piiAcknowledgement: t3 });
  check('someone else\'s address acknowledged → queued (202)', queued.status === 202, brief(queued));

  const thirdReply = { content: 'Her address is 1234 Elm Street, Springfield, IL 62704, go and see her.' };
  const r3 = (await bearer(token, 'POST', '/plugins/pii-preflight/check', thirdReply)).json?.response?.acknowledgement?.token;
  const queuedReply = await bearer(token, 'POST', `/topics/${cleanTid}`, { ...thirdReply, piiAcknowledgement: r3 });
  check('a reply with someone else\'s address acknowledged → queued: true', queuedReply.status === 200 && queuedReply.json?.response?.queued === true, brief(queuedReply));

  console.log('== Chromium: composer (live warning, notice, acknowledge, published), quick reply (notice, text kept, acknowledge, published), an edit');
  const ui = spawnSync(process.execPath, [join(root, 'scripts', 'nodebb-composer.mjs')], {
    cwd: root, encoding: 'utf8', timeout: 180_000, env: { ...process.env, SCREENSHOT: join(work, 'nodebb-composer.png') },
  });
  process.stdout.write(ui.stdout.split('\n').map((l) => (l ? `       ${l}` : l)).join('\n'));
  check('composer: live warning while typing, notice on submit, "Publish anyway" publishes the topic', ui.status === 0 && /^live: /m.test(ui.stdout) && /published: .*\/topic\//.test(ui.stdout), `${ui.stdout}${ui.stderr}`.slice(-600));
  check('quick reply: notice shown, text kept, acknowledged reply published', ui.status === 0 && /^quick reply published: /m.test(ui.stdout), `${ui.stdout}${ui.stderr}`.slice(-600));
  check('check route unreachable: quick reply refused by the server, its alert shows the notice, text kept', ui.status === 0 && /^quick reply refused without the check route: /m.test(ui.stdout), `${ui.stdout}${ui.stderr}`.slice(-600));
  check('composer edit of that reply with a new number: notice, acknowledged, saved', ui.status === 0 && /^edit published: /m.test(ui.stdout), `${ui.stdout}${ui.stderr}`.slice(-600));
} catch (err) {
  failures++;
  console.log(`  FAIL the flow threw: ${err && err.stack}`);
} finally {
  stop();
}

console.log('== the log verifies');
const verify = spawnSync(process.execPath, [join(root, 'bin', 'pii-preflight.js'), 'log', 'verify', '--db', storeUrl], {
  cwd: root, encoding: 'utf8', env: { ...process.env, PII_PREFLIGHT_SECRET: secret },
});
check('pii-preflight log verify --db $PII_PREFLIGHT_DB', verify.status === 0, `${verify.stdout}${verify.stderr}`.slice(0, 500));

console.log(`test:nodebb: ${passed} passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
