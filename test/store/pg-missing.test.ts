// `pg` is an optional peer dependency: SQLite-only apps do not install it. A postgres:// store
// without it is a clear invalid_options error naming the package, not a bare MODULE_NOT_FOUND.
jest.mock('pg', () => {
  throw Object.assign(new Error("Cannot find module 'pg' from 'src/store/postgres/index.ts'"), { code: 'MODULE_NOT_FOUND' });
});

import { createStore, isPreflightError } from '../../src';

const SECRET = 'ZwoGI45ow9bTH7Bg6rF3BVguENaYk_zCj-waMhaqlqQ';

test('a postgres:// URL without pg installed says to install pg', async () => {
  const err: unknown = await createStore({ url: 'postgres://app@127.0.0.1:5432/app', secret: SECRET }).then(() => null, (e: unknown) => e);
  expect(isPreflightError(err) && err.code).toBe('invalid_options');
  expect((err as Error).message).toContain('npm install pg');
});

test('SQLite works without pg', async () => {
  const store = await createStore({ url: 'sqlite::memory:', secret: SECRET });
  expect(store.kind).toBe('sqlite');
  await store.close();
});
