/**
 * The real preflight() middleware over the PostgreSQL store: the database going away in the
 * middle of an acknowledged request answers 503 with Retry-After and publishes nothing; the next
 * request succeeds on the same app (no restart), with the same token (it was not used up).
 */
import express, { type Request } from 'express';
import request from 'supertest';
import type { Client } from 'pg';
import { preflight } from '../../src/express';
import { createStore } from '../../src/store';
import type { PostgresStore } from '../../src/store/postgres';
import { adminClient, describePg, dropSchema, terminateBackends, testSchema, urlWithApp, waitFor } from './postgres-helpers';

const d = describePg('test/store/postgres-http.test.ts');
const schema = testSchema('http');
const SECRET = 'sw8hOGPKqEkIOfRgVD-z5qvk8TTwBvvy6mUOCP9LMsk';
const BODY = { title: 'Bike for sale', body: 'Write to me at jane.roe@example.com about the bike.' };

afterAll(async () => {
  if (d === describe) await dropSchema(schema);
});

d('preflight() over PostgreSQL: faults', () => {
  let store: PostgresStore;
  let admin: Client;
  let app: express.Express;
  const published: unknown[] = [];
  const APP = `${schema}_app`;

  beforeAll(async () => {
    store = (await createStore({ url: urlWithApp(APP), secret: SECRET, schema })) as PostgresStore;
    admin = await adminClient();
    app = express();
    app.use((req, _res, next) => {
      (req as Request & { user?: { id: string } }).user = { id: 'user-1' };
      next();
    });
    app.post('/posts', express.json(), preflight({ store, secret: SECRET, logger: { warn: () => undefined, error: () => undefined } }), (req, res) => {
      published.push(req.preflight);
      res.status(201).json({ preflight: req.preflight });
    });
  });
  afterAll(async () => {
    await admin.end();
    await store.close();
  });

  const post = (body: object) => request(app).post('/posts').set('Accept', 'application/json').send(body);

  test('backends terminated mid-request → 503 with Retry-After, nothing logged; the next request succeeds', async () => {
    const first = await post(BODY);
    expect(first.status).toBe(422);
    expect(first.body.error).toBe('pii_acknowledgement_required');
    const token = first.body.acknowledgement.token as string;

    // Hold the log table: the acknowledged request waits inside its append transaction.
    await admin.query('BEGIN');
    await admin.query(`LOCK TABLE ${store.tables.log} IN ACCESS EXCLUSIVE MODE`);
    const pending = post({ ...BODY, piiAcknowledgement: token }).then((r) => r);
    await waitFor('the request to block in the store', async () => {
      const r = await admin.query("SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'", [APP]);
      return (r.rowCount ?? 0) > 0;
    });
    expect(await terminateBackends(admin, APP)).toBeGreaterThan(0);
    const res = await pending;
    await admin.query('ROLLBACK');
    expect(res.status).toBe(503);
    // Accepts a delay in seconds (1 to 4 digits); rejects an HTTP date, a negative or an empty value.
    expect(res.headers['retry-after']).toMatch(/^\d{1,4}$/);
    expect(res.body.error).toBe('store_unavailable');
    expect(published).toHaveLength(0);
    expect(await store.acknowledgements.verify()).toEqual({ ok: true, count: 0 });

    // Back: the same app, the same token.
    const again = await post({ ...BODY, piiAcknowledgement: token });
    expect(again.status).toBe(201);
    expect(again.body.preflight).toMatchObject({ action: 'acknowledged' });
    expect(published).toHaveLength(1);
    expect(await store.acknowledgements.verify()).toEqual({ ok: true, count: 1 });
    // And the token is used up now.
    const replay = await post({ ...BODY, piiAcknowledgement: token });
    expect(replay.status).toBe(422);
    expect(replay.body.error).toBe('pii_ack_replayed');
  });

  test('idle connections terminated between requests: the next request succeeds', async () => {
    await post(BODY);
    expect(await terminateBackends(admin, APP)).toBeGreaterThan(0);
    await waitFor('the pool to drop the dead connections', () => store.pool.totalCount === 0);
    const res = await post({ title: 'Hello', body: 'Nothing personal here.' });
    expect(res.status).toBe(201);
    expect(res.body.preflight).toEqual({ action: 'allow', findings: [] });
  });
});
