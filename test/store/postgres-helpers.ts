/**
 * Helpers for the tests that need a real PostgreSQL server.
 *
 * The server is `PII_TEST_PG_URL` (default postgres://postgres@127.0.0.1:5432/test, what `.ci/run`
 * starts). Without a server: in CI (`CI=true`) the test file fails with a clear message; outside
 * CI its PostgreSQL tests are skipped and a notice is printed.
 *
 * Each test file works in its own schema (`pii_test_<pid>_<random>`), dropped in afterAll, and
 * tags its connections with that name as `application_name`, so terminating "our" backends never
 * touches anyone else's connections on the shared server.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export const PG_BASE_URL = process.env.PII_TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/test';

/** Checks synchronously (test collection cannot await) that the server answers. */
function probe(url: string): string | null {
  const script = `
    const { Client } = require('pg');
    const c = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
    c.connect().then(() => c.query('SELECT 1')).then(() => c.end()).then(() => process.exit(0),
      (e) => { process.stderr.write(String(e && e.message || e)); process.exit(1); });`;
  try {
    execFileSync(process.execPath, ['-e', script, url], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 10_000, cwd: __dirname });
    return null;
  } catch (err) {
    const stderr = (err as { stderr?: Buffer }).stderr?.toString().trim();
    return stderr || (err as Error).message;
  }
}

/**
 * `describe`, or — outside CI, without a server — `describe.skip` after a visible notice. In CI
 * a missing server throws here, which fails the test file with the message.
 */
export function describePg(fileLabel: string): jest.Describe {
  const problem = probe(PG_BASE_URL);
  if (problem === null) return describe;
  // Masks a password in the URL: accepts ":secret@" (1..200 characters without ':', '@' or '/'),
  // rejects "host:5432/" (no '@' after it), so only the password part is replaced.
  const message =
    `PostgreSQL is not reachable at ${PG_BASE_URL.replace(/:[^:@/]{1,200}@/, ':***@')} (${problem}). ` +
    'Start it (e.g. `pg_ctlcluster 15 main start`) or point PII_TEST_PG_URL at a server.';
  if (process.env.CI === 'true') {
    throw new Error(`${fileLabel}: the PostgreSQL tests need a server in CI. ${message}`);
  }
  console.warn(`\n*** ${fileLabel}: SKIPPED — ${message} (outside CI only; in CI this fails.)\n`);
  return describe.skip;
}

/** A fresh schema name for this test file. */
export function testSchema(tag = 'test'): string {
  return `pii_${tag}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/** The base URL with `application_name` set (to find and terminate our own backends). */
export function urlWithApp(appName: string, base = PG_BASE_URL): string {
  const u = new URL(base);
  u.searchParams.set('application_name', appName);
  return u.toString();
}

export async function adminClient(): Promise<Client> {
  const c = new Client({ connectionString: PG_BASE_URL, application_name: 'pii_test_admin' });
  await c.connect();
  return c;
}

export async function dropSchema(schema: string): Promise<void> {
  const c = await adminClient();
  try {
    await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await c.end();
  }
}

/** Terminates every backend of `appName` (never the caller's own connection). Returns how many. */
export async function terminateBackends(admin: Client, appName: string): Promise<number> {
  const r = await admin.query(
    'SELECT pg_terminate_backend(pid) AS t FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name = $1',
    [appName],
  );
  return r.rowCount ?? 0;
}

export async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
