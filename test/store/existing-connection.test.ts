/**
 * createStore({ database }) and createStore({ pool }): a host that already has a better-sqlite3
 * Database or a pg Pool hands it over instead of a URL (the types are structural, so any copy of
 * those packages fits). The store migrates it, uses it, and closes it on close().
 */
import Database from 'better-sqlite3';
import { Pool } from 'pg';
import { createStore, type StoreOptions } from '../../src';
import { describePg, PG_BASE_URL, testSchema } from './postgres-helpers';
import { SECRET, ackInput, expectCode, reviewInput } from './store-suite';

describe('createStore({ database }) with the host’s better-sqlite3 Database', () => {
  test('migrates it, keeps a verifiable log and a review queue in it, and closes it on close()', async () => {
    const db = new Database(':memory:');
    const options: StoreOptions = { database: db, secret: SECRET };
    const store = await createStore(options);
    expect(store.kind).toBe('sqlite');
    const first = ackInput(store);
    expect((await store.acknowledgements.append(first)).seq).toBe(1);
    await expectCode(store.acknowledgements.append(ackInput(store, { tokenId: first.tokenId })), 'pii_ack_replayed');
    const item = await store.reviews.upsert(reviewInput(store));
    expect((await store.reviews.get(item.id))?.status).toBe('pending');
    expect((await store.acknowledgements.verify()).ok).toBe(true);
    // The tables are in the host's own database, under the default prefix.
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'pii_%'").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['pii_ack_log', 'pii_reviews']));
    await store.close();
    expect(db.open).toBe(false);
    await expectCode(store.acknowledgements.append(ackInput(store)), 'store_unavailable');
  });

  test('a closed Database is store_unavailable; a wrong object, or two connections, are invalid_options', async () => {
    const closed = new Database(':memory:');
    closed.close();
    await expectCode(createStore({ database: closed, secret: SECRET }), 'store_unavailable');
    await expectCode(createStore({ database: {} as never, secret: SECRET }), 'invalid_options');
    await expectCode(createStore({ pool: { query: () => undefined } as never, secret: SECRET }), 'invalid_options');
    const db = new Database(':memory:');
    await expectCode(createStore({ database: db, url: 'sqlite::memory:', secret: SECRET }), 'invalid_options');
    db.close();
  });
});

describePg('existing-connection.test.ts')('createStore({ pool }) with the host’s pg Pool', () => {
  const schema = testSchema('pool');
  let admin: Pool;
  beforeAll(() => {
    admin = new Pool({ connectionString: PG_BASE_URL, max: 1 });
  });
  afterAll(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  });

  test('migrates into the schema, appends and verifies, and ends the pool on close()', async () => {
    const pool = new Pool({ connectionString: PG_BASE_URL, max: 2 });
    const store = await createStore({ pool, schema, secret: SECRET });
    expect(store.kind).toBe('postgres');
    const first = ackInput(store);
    await store.acknowledgements.append(first);
    await expectCode(store.acknowledgements.append(ackInput(store, { tokenId: first.tokenId })), 'pii_ack_replayed');
    expect((await store.acknowledgements.verify()).ok).toBe(true);
    const { rows } = await admin.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}".pii_ack_log`);
    expect(rows[0]?.n).toBe('1');
    await store.close();
    expect(pool.ended).toBe(true);
    await expectCode(store.ping(), 'store_unavailable');
  });
});
