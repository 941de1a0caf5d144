// reviewRouter() on Express 4, with the router built from Express 4 itself (what an integrator
// gets when express@4 is the installed peer). Express 4 ignores a promise rejected by a route
// handler: the router must pass those errors on itself, or a lost race hangs the request and the
// unhandled rejection kills the host's process.
jest.mock('express', () => jest.requireActual('express4'));

import express4 from 'express4';
import request from 'supertest';
import { createStore } from '../../src/store';
import type { Store } from '../../src/store/types';
import { reviewRouter } from '../../src/express/review';
import { seedDemoReviews } from '../../src/express/review-demo';

const SECRET = 'IinnOuv1Jnwj7hZdl39ABUUMWt7We1wjrNC7iAQEjs8';
let store: Store;
let app: ReturnType<typeof express4>;
let ids: string[];

beforeAll(async () => {
  store = await createStore({ url: 'sqlite::memory:', secret: SECRET });
  ids = (await seedDemoReviews(store)).map((i) => i.id);
  app = express4();
  const router = reviewRouter({ store, authorize: (req) => (req.get('x-moderator') ? { id: String(req.get('x-moderator')) } : null), logger: { info: () => undefined, warn: () => undefined, error: () => undefined } });
  // Typed against Express 5 (the repo's @types/express); at run time it is Express 4's Router.
  app.use('/mod', router as unknown as express4.RequestHandler);
});
afterAll(async () => {
  await store.close().catch(() => undefined);
});

test('the router is Express 4’s own (the mock is in effect)', () => {
  expect((jest.requireActual('express4') as { Router: unknown }).Router).toBe((jest.requireMock('express') as { Router: unknown }).Router);
});

test('acting on an item another moderator resolved answers 409 conflict (not a hung request)', async () => {
  const id = ids[0] as string;
  await request(app).post(`/mod/queue/${id}/actions`).set('x-moderator', 'mod-1').send({ action: 'approve' }).timeout(5000).expect(200);
  const lost = await request(app).post(`/mod/queue/${id}/actions`).set('x-moderator', 'mod-2').send({ action: 'reject', reason: 'Private' }).timeout(5000);
  expect([lost.status, lost.body.error]).toEqual([409, 'conflict']);
  const claim = await request(app).post(`/mod/queue/${id}/claim`).set('x-moderator', 'mod-2').send({}).timeout(5000);
  expect(claim.status).toBe(409);
});

test('an unknown item is 404, and a stopped store is 503, on every kind of route', async () => {
  const missing = await request(app).get('/mod/queue/no-such-item').set('x-moderator', 'mod-1').timeout(5000);
  expect(missing.status).toBe(404);
  await store.close();
  const down = await request(app).get('/mod/queue').set('x-moderator', 'mod-1').timeout(5000);
  expect([down.status, down.body.error]).toEqual([503, 'store_unavailable']);
  const act = await request(app).post(`/mod/queue/${ids[1] as string}/actions`).set('x-moderator', 'mod-1').send({ action: 'approve' }).timeout(5000);
  expect(act.status).toBe(503);
});
