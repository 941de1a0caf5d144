/** `pii-preflight migrate`: SQLite and PostgreSQL, through the CLI entry point. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { main, type CliIO } from '../../src/cli';
import { createStore } from '../../src/store';
import { SECRET } from './store-suite';
import { PG_BASE_URL, adminClient, describePg, dropSchema, testSchema } from './postgres-helpers';

async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const io: CliIO = { stdout, stderr, stdin: Readable.from(['']), env };
  const code = await main(args, io);
  return { code, out, err };
}

describe('pii-preflight migrate (SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pii-migrate-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('applies once, then reports up to date; the store opens without migrating', async () => {
    const url = `sqlite:${join(dir, 'm.sqlite')}`;
    expect(await cli(['migrate', '--db', url])).toEqual({ code: 0, out: 'applied: 001_initial, 002_keyed_chain\n', err: '' });
    expect(await cli(['migrate', `--db=${url}`, '--json'])).toEqual({ code: 0, out: '{"applied":[]}\n', err: '' });
    const store = await createStore({ url, secret: SECRET, migrate: false });
    expect((await store.acknowledgements.list()).items).toEqual([]);
    await store.close();
  });

  test('DATABASE_URL is the default; a table prefix is honoured', async () => {
    const url = `sqlite:${join(dir, 'env.sqlite')}`;
    const r = await cli(['migrate', '--table-prefix', 'forum_pii_'], { DATABASE_URL: url });
    expect(r).toEqual({ code: 0, out: 'applied: 001_initial, 002_keyed_chain\n', err: '' });
    const store = await createStore({ url, secret: SECRET, tablePrefix: 'forum_pii_', migrate: false });
    expect(await store.migrate()).toEqual({ applied: [] });
    await store.close();
  });

  test('usage errors exit 2 with a hint; --help exits 0', async () => {
    const r = await cli(['migrate', '--dbb', 'x']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown option "--dbb"\. Did you mean "--db"\?/);
    expect((await cli(['migrate', '--db'])).err).toMatch(/--db needs a value/);
    expect((await cli(['migrate', '--db', 'mysql://x/y'])).err).toMatch(/unsupported database URL scheme/);
    expect((await cli(['migrate', '--secret-env', 'NOPE_NOT_SET'])).code).toBe(2);
    const help = await cli(['migrate', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage: pii-preflight migrate/);
  });
});

const d = describePg('test/store/postgres-cli-migrate.test.ts');
d('pii-preflight migrate (PostgreSQL)', () => {
  const schema = testSchema('cli');
  afterAll(() => dropSchema(schema));

  test('creates the schema and tables once; instances opened with migrate: false use them', async () => {
    const r = await cli(['migrate', '--db', PG_BASE_URL, '--schema', schema, '--table-prefix', 'forum_pii_']);
    expect(r).toEqual({ code: 0, out: 'applied: 001_initial, 002_keyed_chain\n', err: '' });
    expect((await cli(['migrate', '--db', PG_BASE_URL, '--schema', schema, '--table-prefix', 'forum_pii_'])).out).toBe('up to date: no migration to apply\n');
    const admin = await adminClient();
    try {
      const ids = await admin.query(`SELECT id FROM "${schema}"."forum_pii_migrations"`);
      expect(ids.rows).toEqual([{ id: '001_initial' }, { id: '002_keyed_chain' }]);
    } finally {
      await admin.end();
    }
    const store = await createStore({ url: PG_BASE_URL, secret: SECRET, schema, tablePrefix: 'forum_pii_', migrate: false });
    expect(await store.acknowledgements.verify()).toEqual({ ok: true, count: 0 });
    await store.close();
  });

  test('an unreachable server or a bad schema name exits 2 with the reason', async () => {
    const down = await cli(['migrate', '--db', 'postgres://postgres@127.0.0.1:1/test']);
    expect(down.code).toBe(2);
    expect(down.err).toMatch(/store_unavailable/);
    const bad = await cli(['migrate', '--db', PG_BASE_URL, '--schema', 'Bad']);
    expect(bad.code).toBe(2);
    // Accepts the code, then up to 300 characters on the same line, then the option's name; rejects other codes.
    expect(bad.err).toMatch(/invalid_options: [^\n]{0,300}schema/);
  });
});
