/**
 * The PostgreSQL store against a real server: the shared store suite (unchanged), then what only
 * a shared database has — several instances, migrations racing, schema/prefix options, and
 * faults (backends terminated mid-request, the server unreachable and back).
 */
import { createServer, Socket, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Client } from 'pg';
import { createStore } from '../../src/store';
import { PostgresStore } from '../../src/store/postgres';
import type { Store } from '../../src/store/types';
import { RAW_EMAIL, SECRET, ackInput, expectCode, reviewInput, runStoreSuite, type RawLogAccess, type TamperAction } from './store-suite';
import { CHECKPOINT_COLUMNS, LOG_COLUMNS, checkpointFromDb, checkpointInsertValues, logInsertValues, logRowFromDb } from '../../src/store/log-records';
import { adminClient, describePg, dropSchema, terminateBackends, testSchema, urlWithApp, waitFor } from './postgres-helpers';

const d = describePg('test/store/postgres.test.ts');
const schema = testSchema();
const APP = schema;
const URL_ = urlWithApp(APP);
let n = 0;
const prefix = () => `t${++n}_`;

afterAll(async () => {
  if (d === describe) await dropSchema(schema);
});

const COLUMNS: Record<'reason' | 'userId' | 'prevHash', string> = { reason: 'reason', userId: 'user_id', prevHash: 'prev_hash' };

async function tamper(store: Store, action: TamperAction): Promise<void> {
  const s = store as PostgresStore;
  if (action.kind === 'delete') await s.pool.query(`DELETE FROM ${s.tables.log} WHERE seq = $1`, [action.seq]);
  else await s.pool.query(`UPDATE ${s.tables.log} SET ${COLUMNS[action.column]} = $1 WHERE seq = $2`, [action.value, action.seq]);
}

/** Every row of every table of the store, as PostgreSQL's text form of the row. */
async function rawDump(store: Store): Promise<string> {
  const s = store as PostgresStore;
  const tables = await s.pool.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name LIKE $2 || '%'",
    [s.schema, s.tablePrefix.replaceAll('_', '\\_')],
  );
  let out = '';
  for (const { table_name } of tables.rows) {
    const rows = await s.pool.query<{ r: string }>(`SELECT t::text AS r FROM "${s.schema}"."${table_name}" t`);
    out += rows.rows.map((r) => r.r).join('\n');
  }
  return out;
}

const raw: RawLogAccess = {
  rows: async (store) => {
    const s = store as PostgresStore;
    return (await s.pool.query<Parameters<typeof logRowFromDb>[0]>(`SELECT * FROM ${s.tables.log} ORDER BY seq`)).rows.map(logRowFromDb);
  },
  put: async (store, row) => {
    const s = store as PostgresStore;
    await s.pool.query(`DELETE FROM ${s.tables.log} WHERE seq = $1`, [row.seq]);
    await s.pool.query(`INSERT INTO ${s.tables.log} (${LOG_COLUMNS}) VALUES (${LOG_COLUMNS.split(',').map((_, i) => `$${i + 1}`).join(', ')})`, logInsertValues(row));
  },
  checkpoints: async (store) => {
    const s = store as PostgresStore;
    return (await s.pool.query<Parameters<typeof checkpointFromDb>[0]>(`SELECT * FROM ${s.tables.checkpoints} ORDER BY rowid_`)).rows.map(checkpointFromDb);
  },
  setCheckpoints: async (store, cps) => {
    const s = store as PostgresStore;
    await s.pool.query(`DELETE FROM ${s.tables.checkpoints}`);
    for (const cp of cps) await s.pool.query(`INSERT INTO ${s.tables.checkpoints} (${CHECKPOINT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, checkpointInsertValues(cp));
  },
  userKeys: async (store) => {
    const s = store as PostgresStore;
    return (await s.pool.query<{ key: string }>(`SELECT key FROM ${s.tables.userKeys}`)).rows.map((r) => r.key);
  },
};

const open = (over: { tablePrefix?: string; url?: string; migrate?: boolean } = {}) =>
  createStore({ url: URL_, secret: SECRET, schema, tablePrefix: prefix(), ...over });

d('PostgreSQL store', () => {
  runStoreSuite('postgres', () => open(), {
    tamper,
    rawDump,
    raw,
    reopen: (store, secrets) => createStore({ url: URL_, schema, tablePrefix: (store as PostgresStore).tablePrefix, ...secrets }),
  });

  describe('options, schema and migrations', () => {
    test('lives in its own schema with a prefix; migrations recorded once; the audit trail is append-only', async () => {
      const p = prefix();
      const store = (await open({ tablePrefix: p })) as PostgresStore;
      expect(store.kind).toBe('postgres');
      const admin = await adminClient();
      try {
        const ids = await admin.query(`SELECT id FROM "${schema}"."${p}migrations"`);
        expect(ids.rows).toEqual([{ id: '001_initial' }, { id: '002_keyed_chain' }]);
        const tables = await admin.query<{ table_name: string }>(
          "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name LIKE $2 ORDER BY table_name",
          [schema, `${p.replace('_', '\\_')}%`],
        );
        expect(tables.rows.map((r) => r.table_name)).toEqual(
          ['ack_log', 'checkpoints', 'migrations', 'notices', 'preferences', 'review_audit', 'reviews', 'stats_daily', 'used_tokens', 'user_keys', 'warnings'].map((x) => p + x),
        );
        const item = await store.reviews.upsert(reviewInput(store));
        await store.reviews.claim(item.id, 'mod-1');
        await expect(admin.query(`UPDATE "${schema}"."${p}review_audit" SET moderator_id = 'x'`)).rejects.toThrow(/append-only/);
      } finally {
        await admin.end();
      }
      await store.close();
      const again = await open({ tablePrefix: p });
      expect(await again.migrate()).toEqual({ applied: [] });
      await again.close();
    });

    test('migrate: false does not touch the database; migrate() later applies', async () => {
      const p = prefix();
      const store = await open({ tablePrefix: p, migrate: false });
      await expect(store.acknowledgements.list()).rejects.toThrow(/does not exist/);
      expect(await store.migrate()).toEqual({ applied: ['001_initial', '002_keyed_chain'] });
      expect((await store.acknowledgements.list()).items).toEqual([]);
      await store.close();
    });

    test('several instances starting at once migrate exactly once', async () => {
      const p = prefix();
      const stores = await Promise.all([1, 2, 3].map(() => open({ tablePrefix: p, migrate: false })));
      const results = await Promise.all(stores.map((s) => s.migrate()));
      expect(results.map((r) => r.applied).flat()).toEqual(['001_initial', '002_keyed_chain']);
      await Promise.all(stores.map((s) => s.close()));
    });

    test('two stores with different prefixes creating one new schema at once both succeed', async () => {
      const fresh = `${schema}_new`;
      try {
        const stores = await Promise.all(['a_', 'b_', 'c_'].map((p) => createStore({ url: URL_, secret: SECRET, schema: fresh, tablePrefix: p })));
        for (const s of stores) expect(await s.migrate()).toEqual({ applied: [] });
        await Promise.all(stores.map((s) => s.close()));
      } finally {
        await dropSchema(fresh);
      }
    });

    test('schema and tablePrefix must be safe lowercase identifiers', async () => {
      await expectCode(createStore({ url: URL_, secret: SECRET, schema: 'Forum' }), 'invalid_options');
      await expectCode(createStore({ url: URL_, secret: SECRET, schema: 'a"; DROP SCHEMA public; --' }), 'invalid_options');
      await expectCode(createStore({ url: URL_, secret: SECRET, schema, tablePrefix: 'Pii_' }), 'invalid_options');
      await expectCode(createStore({ url: URL_, secret: SECRET, schema, tablePrefix: 'x-y' }), 'invalid_options');
      await expectCode(createStore({ url: `${URL_}&pool_max=0`, secret: SECRET, schema }), 'invalid_options');
    });

    test('DATABASE_URL selects PostgreSQL; pool_max in the URL sizes the pool', async () => {
      const before = process.env.DATABASE_URL;
      process.env.DATABASE_URL = `${URL_}&pool_max=3`;
      try {
        const store = (await createStore({ secret: SECRET, schema, tablePrefix: prefix() })) as PostgresStore;
        expect(store.kind).toBe('postgres');
        expect(store.pool.options.max).toBe(3);
        await store.close();
      } finally {
        if (before === undefined) delete process.env.DATABASE_URL;
        else process.env.DATABASE_URL = before;
      }
    });

    test('an unreachable server is store_unavailable at open', async () => {
      await expectCode(createStore({ url: 'postgres://postgres@127.0.0.1:1/test', secret: SECRET }), 'store_unavailable');
    });
  });

  describe('several instances on one database', () => {
    let a: Store;
    let b: Store;
    beforeEach(async () => {
      const p = prefix();
      a = await open({ tablePrefix: p });
      b = await open({ tablePrefix: p });
    });
    afterEach(async () => {
      await a.close();
      await b.close();
    });

    test('a token is accepted once, whichever instance sees it', async () => {
      const input = ackInput(a);
      const results = await Promise.allSettled([a.acknowledgements.append(input), b.acknowledgements.append({ ...input })]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect((lost.reason as { code: string }).code).toBe('pii_ack_replayed');
      await expectCode(a.acknowledgements.append({ ...input }), 'pii_ack_replayed');
    });

    test('concurrent appends from two instances form one chain', async () => {
      await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).acknowledgements.append(ackInput(a, { userId: `user-${i % 3}` }))));
      const v = await b.acknowledgements.verify();
      expect(v).toEqual({ ok: true, count: 40 });
      const seqs = (await a.acknowledgements.list({ limit: 100 })).items.map((r) => r.seq);
      expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    });

    test('two moderators on two instances: exactly one claim wins, exactly one action wins', async () => {
      const item = await a.reviews.upsert(reviewInput(a));
      const claims = await Promise.allSettled([a.reviews.claim(item.id, 'mod-1', 1), b.reviews.claim(item.id, 'mod-2', 1)]);
      expect(claims.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(((claims.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason as { code: string }).code).toBe('conflict');

      const other = await a.reviews.upsert(reviewInput(a, { postRef: 'post-2' }));
      const acts = await Promise.allSettled([
        a.reviews.act(other.id, { action: 'approve', moderatorId: 'mod-1' }),
        b.reviews.act(other.id, { action: 'reject', moderatorId: 'mod-2' }),
      ]);
      expect(acts.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(((acts.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason as { code: string }).code).toBe('conflict');
      const audit = await b.reviews.audit(other.id);
      expect(audit).toHaveLength(1);
    });

    test('counters from two instances add up; a warning opened on one is closed on the other', async () => {
      await Promise.all([a.recordEvent('scanned'), a.recordEvent('scanned'), a.recordEvent('scanned'), b.recordEvent('scanned'), b.recordEvent('scanned')]);
      await b.stats(); // reading flushes b's buffered counters
      expect((await a.stats()).scanned).toBe(5);
      await a.openWarning('user-1', new Date(Date.now() + 60_000));
      expect(await b.closeWarning('user-1')).toBe(true);
      expect(await a.closeWarning('user-1')).toBe(false);
    });

    test('the same post held on two instances at once is one item', async () => {
      const [x, y] = await Promise.all([a.reviews.upsert(reviewInput(a)), b.reviews.upsert(reviewInput(b))]);
      expect(x.id).toBe(y.id);
      expect((await a.reviews.list()).items).toHaveLength(1);
      expect((await a.reviews.get(x.id))?.version).toBe(2);
    });
  });

  describe('faults', () => {
    let admin: Client;
    beforeEach(async () => {
      admin = await adminClient();
    });
    afterEach(async () => {
      await admin.end();
    });

    test('backends terminated mid-append: store_unavailable, nothing half-written, the next call succeeds', async () => {
      const app = `${APP}_f1`;
      const p = prefix();
      const store = (await open({ tablePrefix: p, url: urlWithApp(app) })) as PostgresStore;
      await store.acknowledgements.append(ackInput(store));
      const input = ackInput(store, { note: `mail ${RAW_EMAIL}` });
      // Hold the log table so the append waits inside its transaction (after using the token).
      await admin.query('BEGIN');
      await admin.query(`LOCK TABLE "${schema}"."${p}ack_log" IN ACCESS EXCLUSIVE MODE`);
      const pending = store.acknowledgements.append(input);
      await waitFor('the append to block', async () => {
        const r = await admin.query("SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'", [app]);
        return (r.rowCount ?? 0) > 0;
      });
      expect(await terminateBackends(admin, app)).toBeGreaterThan(0);
      await expectCode(pending, 'store_unavailable');
      await admin.query('ROLLBACK');
      // Nothing half-written: the token is still unused and the chain has one record.
      const used = await admin.query(`SELECT 1 FROM "${schema}"."${p}used_tokens" WHERE token_id = $1`, [input.tokenId]);
      expect(used.rowCount).toBe(0);
      expect(await store.acknowledgements.verify()).toEqual({ ok: true, count: 1 });
      // The same store (no restart) works again, and the same token is accepted now.
      const rec = await store.acknowledgements.append(input);
      expect(rec).toMatchObject({ seq: 2, note: `mail ${RAW_EMAIL}` });
      expect(await store.acknowledgements.verify()).toEqual({ ok: true, count: 2 });
      await store.close();
    });

    test('idle connections terminated: the pool drops them and the next calls succeed', async () => {
      const app = `${APP}_f2`;
      const store = (await open({ url: urlWithApp(app) })) as PostgresStore;
      await Promise.all([store.ping(), store.ping(), store.acknowledgements.append(ackInput(store))]);
      expect(store.pool.idleCount).toBeGreaterThan(0);
      expect(await terminateBackends(admin, app)).toBeGreaterThan(0);
      await waitFor('the pool to drop the dead connections', () => store.pool.totalCount === 0);
      await expect(store.ping()).resolves.toBeUndefined();
      await expect(store.acknowledgements.append(ackInput(store))).resolves.toMatchObject({ seq: 2 });
      await store.close();
    });

    test('the server goes away (connections cut, connects refused) and comes back: 503s, then success without a restart', async () => {
      const target = new URL(URL_);
      const proxy = await startProxy(target.hostname, Number(target.port || 5432));
      const url = new URL(URL_);
      url.host = `127.0.0.1:${proxy.port}`;
      const store = await open({ url: url.toString() });
      await store.acknowledgements.append(ackInput(store));
      await proxy.stop();
      await expectCode(store.ping(), 'store_unavailable');
      await expectCode(store.acknowledgements.append(ackInput(store)), 'store_unavailable');
      await expectCode(store.reviews.list(), 'store_unavailable');
      await proxy.start();
      await expect(store.ping()).resolves.toBeUndefined();
      await expect(store.acknowledgements.append(ackInput(store))).resolves.toMatchObject({ seq: 2 });
      expect(await store.acknowledgements.verify()).toEqual({ ok: true, count: 2 });
      await store.close();
      await proxy.stop();
    });

    test('a closed store is store_unavailable', async () => {
      const store = await open();
      await store.close();
      await expectCode(store.reviews.list(), 'store_unavailable');
      await expect(store.close()).resolves.toBeUndefined();
    });
  });
});

/** A TCP proxy to the real server that can be stopped (cut every connection, refuse new ones) and started again on the same port. */
async function startProxy(host: string, port: number): Promise<{ port: number; stop: () => Promise<void>; start: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let listenPort = 0;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer((client) => {
        const upstream = new Socket();
        sockets.add(client);
        sockets.add(upstream);
        const drop = () => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on('error', drop).on('close', drop);
        upstream.on('error', drop).on('close', drop);
        upstream.connect(port, host, () => {
          client.pipe(upstream);
          upstream.pipe(client);
        });
      });
      s.once('error', reject);
      s.listen(listenPort, '127.0.0.1', () => {
        listenPort = (s.address() as AddressInfo).port;
        server = s;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      sockets.clear();
      if (!server) return resolve();
      const s = server;
      server = null;
      s.close(() => resolve());
    });
  await start();
  return { port: listenPort, stop, start };
}
