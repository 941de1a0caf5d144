/**
 * `createStore(options)`: opens the store named by `options.url` (or `DATABASE_URL`, else
 * `sqlite:./data/preflight.sqlite`): SQLite for `sqlite:`/`file:` URLs, PostgreSQL for `postgres://`.
 */
import { parseStoreUrl, validateStoreOptions } from './options';
import type { Store, StoreOptions } from './types';

export type * from './types';
export { DEFAULT_SQLITE_URL, parseStoreUrl, validateStoreOptions } from './options';
export { canonicalJson, computeHash, GENESIS_HASH } from './chain';
export { verifyCheckpointSignature } from './crypto';

export async function createStore(options: StoreOptions): Promise<Store> {
  const resolved = validateStoreOptions(options);
  if (options.database) {
    const { SqliteStore } = await import('./sqlite');
    return SqliteStore.open(options.database, resolved);
  }
  if (options.pool) {
    const { PostgresStore } = await import('./postgres');
    return PostgresStore.open(options.pool, resolved);
  }
  const parsed = parseStoreUrl(resolved.url);
  if (parsed.backend === 'sqlite') {
    // Loaded on first use, so importing the scanner never loads the native SQLite module.
    const { SqliteStore } = await import('./sqlite');
    return SqliteStore.open(parsed.filename, resolved);
  }
  // Loaded on first use: SQLite-only apps never load pg.
  const { PostgresStore } = await import('./postgres');
  return PostgresStore.open(parsed.connectionString, resolved);
}
