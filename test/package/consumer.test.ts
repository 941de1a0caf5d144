/**
 * The package as integrators install it: `npm pack`, install the tarball into scratch apps outside
 * the repo, and run the README's "Integrating it" example as written —
 *
 *   ESM app and CommonJS app × Express 4 and Express 5 × SQLite and PostgreSQL (pairwise), each
 *   through the whole flow over HTTP: 422 with a token → acknowledged publish → replayed token
 *   422 pii_ack_replayed → a third party's address held for review → two moderators race, one
 *   gets 409 → the store stopped gets 503;
 *   a TypeScript app type-checked with moduleResolution node16 and bundler (strict, no skipLibCheck);
 *   attw and publint --strict on the tarball.
 *
 * `npm test` builds dist/ before jest runs; the scratch install is shared by every app here and
 * reused between runs (see consumer-helpers.ts).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { describePg, PG_BASE_URL, testSchema } from '../store/postgres-helpers';
import { ROOT, cjsApp, esmApp, installFlavor, packTarball, tsApp, tsconfig, type AppOptions, type Flavor } from './consumer-helpers';

jest.setTimeout(120_000);

const SECRET = '3lZn3Oh7MjJsx4ll3XNycad7M4_eU0Bww7Kh0f47wxY';
const IBAN_POST = { title: 'Deposit', body: 'Please pay the deposit to GB82 WEST 1234 5698 7654 32 by Friday.' };
const THIRD_PARTY_ADDRESS = { title: 'Found her', body: 'She lives at 55 W 81st St, New York, NY 10024 if anyone wants to visit.' };

let tarball = '';
const installed = new Map<Flavor, string>();
let installError: unknown;

beforeAll(() => {
  try {
    tarball = packTarball();
    for (const flavor of ['express5', 'express4'] as const) installed.set(flavor, installFlavor(flavor, tarball));
  } catch (err) {
    installError = err;
  }
}, 600_000);

function scratch(flavor: Flavor): string {
  const dir = installed.get(flavor);
  if (!dir) throw new Error(`the scratch install failed: ${installError instanceof Error ? installError.message : String(installError)}`);
  return dir;
}

const children: ChildProcess[] = [];
const tempDirs: string[] = [];
afterAll(() => {
  for (const c of children) c.kill();
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
});

interface Started { base: string; crossFormat: unknown }
/** Each running app's stderr, by base URL, for failure messages. */
const appErrors = new Map<string, () => string>();

/** Writes the app into the flavor's scratch dir and starts it with a fresh working dir (./data). */
async function startApp(flavor: Flavor, file: string, code: string): Promise<Started> {
  const dir = scratch(flavor);
  writeFileSync(join(dir, file), code);
  const cwd = mkdtempSync(join(tmpdir(), 'pii-consumer-run-'));
  tempDirs.push(cwd);
  const child = spawn(process.execPath, [join(dir, file)], { cwd, env: { ...process.env, PII_PREFLIGHT_SECRET: SECRET, NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise<Started>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
      const line = stdout.split('\n').find((l) => l.startsWith('{"port"'));
      if (line) {
        const { port, crossFormat } = JSON.parse(line) as { port: number; crossFormat: unknown };
        const base = `http://127.0.0.1:${port}`;
        appErrors.set(base, () => stderr);
        resolve({ base, crossFormat });
      }
    });
    child.on('exit', (code) => reject(new Error(`${file} exited with ${code}:\n${stderr}\n${stdout}`)));
  });
}

interface Answer { status: number; body: Record<string, unknown> }

async function call(base: string, method: 'GET' | 'POST', path: string, user: string, body?: unknown): Promise<Answer> {
  let res: Response;
  try {
    res = await fetch(`${base}${path}`, {
      method,
      headers: { 'x-user': user, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new Error(`${method} ${path} failed (${(err as Error).message}); the app's stderr:\n${appErrors.get(base)?.() ?? ''}`);
  }
  const text = await res.text();
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    parsed = { text };
  }
  return { status: res.status, body: parsed };
}

const token = (a: Answer) => (a.body.acknowledgement as { token?: string } | undefined)?.token;

/** The integrator's flow, over HTTP, against a running app. */
async function runFlow(base: string): Promise<void> {
  // 0. The live check (README: checkRoute() with no policy option) marks what publishing would
  // block: a payment card (a test number) is `block` while the author types.
  const live = await call(base, 'POST', '/preflight/check', 'u-1', { fields: { title: 'Refund', body: 'My card is 4111 1111 1111 1111.' } });
  expect(live.status).toBe(200);
  expect(live.body.findings).toEqual([expect.objectContaining({ field: 'body', type: 'payment_card', action: 'block' })]);

  // 1. A post with personal data: 422 with the notice and a token.
  const warned = await call(base, 'POST', '/posts', 'u-1', IBAN_POST);
  expect([warned.status, warned.body.error]).toEqual([422, 'pii_acknowledgement_required']);
  const tok = token(warned);
  expect(typeof tok).toBe('string');

  // 2. Acknowledged: published, with the acknowledgement logged.
  const published = await call(base, 'POST', '/posts', 'u-1', { ...IBAN_POST, piiAcknowledgement: tok });
  expect(published.status).toBe(201);
  expect(published.body.preflight).toMatchObject({ action: 'acknowledged', acknowledgementId: expect.any(String) });

  // 3. The same token again: 422 pii_ack_replayed (not 503, not a different class of error).
  const replayed = await call(base, 'POST', '/posts', 'u-1', { ...IBAN_POST, piiAcknowledgement: tok });
  expect([replayed.status, replayed.body.error]).toEqual([422, 'pii_ack_replayed']);

  // 4. Someone else's address: acknowledged, but held for a moderator.
  const held1 = await call(base, 'POST', '/posts/p-7/edit', 'u-2', THIRD_PARTY_ADDRESS);
  expect([held1.status, held1.body.error]).toEqual([422, 'pii_acknowledgement_required']);
  const held = await call(base, 'POST', '/posts/p-7/edit', 'u-2', { ...THIRD_PARTY_ADDRESS, piiAcknowledgement: token(held1) });
  expect(held.status).toBe(200);
  expect(held.body.preflight).toMatchObject({ action: 'acknowledged', review: { status: 'pending', postRef: 'post:p-7' } });
  const reviewId = (held.body.preflight as { review: { id: string } }).review.id;

  // Issue 12 through the installed package: another user cannot take over the held item (409)…
  const takeover1 = await call(base, 'POST', '/posts/p-7/edit', 'u-3', THIRD_PARTY_ADDRESS);
  const takeover = takeover1.status === 422
    ? await call(base, 'POST', '/posts/p-7/edit', 'u-3', { ...THIRD_PARTY_ADDRESS, piiAcknowledgement: token(takeover1) })
    : takeover1;
  expect([takeover.status, takeover.body.error]).toEqual([409, 'conflict']);
  // …"don't warn me again" never skips review: the same someone-else's address is asked about again…
  const remembered1 = await call(base, 'POST', '/posts', 'u-4', THIRD_PARTY_ADDRESS);
  const remembered = await call(base, 'POST', '/posts', 'u-4', { ...THIRD_PARTY_ADDRESS, piiAcknowledgement: token(remembered1), piiRememberValues: 'true' });
  expect(remembered.status).toBe(201);
  expect(remembered.body.preflight).toMatchObject({ action: 'acknowledged', review: { status: 'pending' } });
  const again = await call(base, 'POST', '/posts', 'u-4', THIRD_PARTY_ADDRESS);
  expect([again.status, again.body.error]).toEqual([422, 'pii_acknowledgement_required']);
  // …and a body that is neither JSON nor a form gets 415, not a 500.
  const plain = await fetch(`${base}/posts`, { method: 'POST', headers: { 'x-user': 'u-1', accept: 'application/json', 'content-type': 'text/plain' }, body: 'call me at 415 555 0132' });
  expect(plain.status).toBe(415);
  expect(((await plain.json()) as { error?: string }).error).toBe('unsupported_media_type');

  // 5. Two moderators act on it at once: one wins, the other gets 409 conflict.
  const queue = await call(base, 'GET', '/moderation/queue?status=pending', 'mod-1');
  expect(queue.status).toBe(200);
  const item = (queue.body.items as { id: string; version: number }[]).find((i) => i.id === reviewId);
  expect(item).toBeDefined();
  const [a, b] = await Promise.all([
    call(base, 'POST', `/moderation/queue/${reviewId}/actions`, 'mod-1', { action: 'approve', version: item?.version }),
    call(base, 'POST', `/moderation/queue/${reviewId}/actions`, 'mod-2', { action: 'reject', reason: 'Private address', version: item?.version }),
  ]);
  expect([a.status, b.status].sort()).toEqual([200, 409]);
  expect([a, b].find((x) => x.status === 409)?.body.error).toBe('conflict');
  // Not a moderator: 403.
  expect((await call(base, 'GET', '/moderation/queue', 'u-1')).status).toBe(403);

  // 6. The store stopped: 503 store_unavailable — nothing is published unlogged.
  expect((await call(base, 'POST', '/__test/stop-store', 'u-1', {})).status).toBe(200);
  const down = await call(base, 'POST', '/posts', 'u-1', IBAN_POST);
  expect([down.status, down.body.error]).toEqual([503, 'store_unavailable']);
}

describe('the packed package, installed into scratch apps (SQLite)', () => {
  test.each([
    ['ESM', 'express5', 'app.mjs'],
    ['CommonJS', 'express4', 'app.cjs'],
  ] as const)('%s app on %s: the README flow end to end', async (_kind, flavor, file) => {
    const app = await startApp(flavor, file, file.endsWith('.mjs') ? esmApp() : cjsApp());
    // An error thrown by the other module format's copy of the entry point is a PreflightError here.
    expect(app.crossFormat).toBe(true);
    await runFlow(app.base);
  });

  test.each([
    ['node16', 'express5', 'app.mts'],
    ['bundler', 'express5', 'app.ts'],
    ['node16', 'express4', 'app.mts'],
  ] as const)('TypeScript app type-checks with moduleResolution %s on %s (strict, no skipLibCheck)', (resolution, flavor, file) => {
    const dir = scratch(flavor);
    writeFileSync(join(dir, file), tsApp());
    const config = `tsconfig.${resolution}.json`;
    writeFileSync(join(dir, config), tsconfig(resolution, file));
    try {
      execFileSync(process.execPath, [join(dir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', config], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
    } catch (err) {
      throw new Error(`tsc (${resolution}, ${flavor}) failed:\n${(err as { stdout?: string }).stdout ?? ''}${(err as { stderr?: string }).stderr ?? ''}`);
    }
  });

  test.each([
    ['ESM', 'express5', 'review-service.mjs'],
    ['CommonJS', 'express4', 'review-service.cjs'],
  ] as const)('%s: the review service from the main entry decides a held post without Express', (_kind, flavor, file) => {
    const dir = scratch(flavor);
    writeFileSync(join(dir, file), reviewServiceScript(file.endsWith('.mjs')));
    const out = execFileSync(process.execPath, [file], { cwd: dir, encoding: 'utf8', stdio: 'pipe', timeout: 60_000 });
    expect(JSON.parse(out.trim().split('\n').pop() ?? '')).toEqual({
      held: 'pending',
      pending: 1,
      masked: true,
      takenBy: 'conflict 409',
      status: 'approved',
      published: [['approve', THIRD_PARTY_ADDRESS.body]],
      twice: 'conflict',
      why: expect.stringMatching(/may expose or target someone/), // "if anyone wants to visit"
    });
  });

  test('attw: types resolve for every entry point under node10, node16 (CJS and ESM) and bundler', () => {
    if (!tarball) scratch('express5');
    const out = run(join(ROOT, 'node_modules', '@arethetypeswrong', 'cli', 'dist', 'index.js'), [tarball, '--exclude-entrypoints', 'widget.css', '--format', 'json']);
    const report = JSON.parse(out) as { analysis: { problems: unknown[]; entrypoints: Record<string, unknown> } };
    expect(report.analysis.problems).toEqual([]);
    expect(Object.keys(report.analysis.entrypoints).sort()).toEqual(['.', './express', './package.json', './widget']);
  });

  test('publint --strict: no errors, warnings or suggestions', () => {
    if (!tarball) scratch('express5');
    const out = run(join(ROOT, 'node_modules', 'publint', 'src', 'cli.js'), ['run', tarball, '--strict']);
    expect(out).toContain('All good!');
  });
});

describePg('consumer.test.ts')('the packed package, installed into scratch apps (PostgreSQL)', () => {
  const schemas: string[] = [];
  afterAll(async () => {
    const c = new Client({ connectionString: PG_BASE_URL });
    await c.connect();
    for (const s of schemas) await c.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
    await c.end();
  });

  test.each([
    ['ESM', 'express4', 'app-pg.mjs'],
    ['CommonJS', 'express5', 'app-pg.cjs'],
  ] as const)('%s app on %s: the README flow end to end', async (_kind, flavor, file) => {
    const schema = testSchema('consumer');
    schemas.push(schema);
    const options: AppOptions = { storeOptions: `url: ${JSON.stringify(PG_BASE_URL)}, schema: ${JSON.stringify(schema)}` };
    const app = await startApp(flavor, file, file.endsWith('.mjs') ? esmApp(options) : cjsApp(options));
    expect(app.crossFormat).toBe(true);
    await runFlow(app.base);
  });
});

/** A host without Express: the publish guard holds a post, two moderators decide it through createReviewService(). */
function reviewServiceScript(esm: boolean): string {
  const body = `
  const secret = ${JSON.stringify(SECRET)};
  const store = await createStore({ url: 'sqlite::memory:', secret });
  const guard = createPublishGuard({ store, secret, logger: { warn() {}, error() {} } });
  const fields = ${JSON.stringify(THIRD_PARTY_ADDRESS)};
  const w = await guard.evaluate({ userId: 'u1', fields, postRef: 'post:1' });
  const a = await guard.evaluate({ userId: 'u1', fields, postRef: 'post:1', acknowledgement: { token: w.acknowledgement.token } });
  const published = [];
  const reviews = createReviewService({ store, onResolved: (item, action) => { published.push([action, item.fields.body]); } });
  const { items, counts } = await reviews.list({ id: 'm1' }, { status: 'pending' });
  const id = items[0].id;
  await reviews.claim({ id: 'm1' }, id);
  const code = (p) => p.then(() => 'no error', (e) => (isPreflightError(e) ? e.code + ' ' + e.status : String(e)));
  const takenBy = await code(reviews.decide({ id: 'm2' }, id, { action: 'approve' }));
  const done = await reviews.decide({ id: 'm1' }, id, { action: 'approve' });
  const twice = (await code(reviews.decide({ id: 'm1' }, id, { action: 'approve' }))).split(' ')[0];
  await store.close();
  console.log(JSON.stringify({ held: a.review && a.review.status, pending: counts.pending, masked: !items[0].fields.body.includes(fields.body.slice(13, 31)),
    takenBy, status: done.status, published, twice, why: explainHold(items[0]).text }));`;
  return esm
    ? `import { createStore, createPublishGuard, createReviewService, explainHold, isPreflightError } from 'pii-preflight';\n${body}\n`
    : `const { createStore, createPublishGuard, createReviewService, explainHold, isPreflightError } = require('pii-preflight');\n(async () => {${body}\n})().catch((e) => { console.error(e); process.exit(1); });\n`;
}

function run(script: string, args: string[]): string {
  try {
    return execFileSync(process.execPath, [script, ...args], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe', env: { ...process.env, NO_COLOR: '1' } });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    throw new Error(`${script} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}
