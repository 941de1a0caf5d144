/**
 * `createStore(options)`: opens the store named by `options.url` (or `DATABASE_URL`, else
 * `sqlite:./data/preflight.sqlite`): SQLite for `sqlite:`/`file:` URLs, PostgreSQL for `postgres://`.
 */
import { PreflightError } from '../errors';
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
    const { PostgresStore } = await loadPostgres();
    return PostgresStore.open(options.pool, resolved);
  }
  const parsed = parseStoreUrl(resolved.url);
  if (parsed.backend === 'sqlite') {
    // Loaded on first use, so importing the scanner never loads the native SQLite module.
    const { SqliteStore } = await import('./sqlite');
    return SqliteStore.open(parsed.filename, resolved);
  }
  // Loaded on first use: SQLite-only apps never load pg.
  const { PostgresStore } = await loadPostgres();
  return PostgresStore.open(parsed.connectionString, resolved);
}

/** The PostgreSQL backend; `pg` is an optional peer dependency, installed by PostgreSQL users only. */
async function loadPostgres(): Promise<typeof import('./postgres')> {
  try {
    return await import('./postgres');
  } catch (err) {
    if ((err as { code?: unknown }).code === 'MODULE_NOT_FOUND' && /'pg'/.test((err as Error).message)) {
      throw new PreflightError('invalid_options', 'createStore: a postgres:// store needs the "pg" package: npm install pg');
    }
    throw err;
  }
}
