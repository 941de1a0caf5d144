/** Validation of StoreOptions and parsing of store URLs (shared by every backend). */
import { fileURLToPath } from 'node:url';
import { PreflightError } from '../errors';
import type { StoreOptions } from './types';
import { assertStrongSecret, checkPreviousSecrets } from '../secret-strength';

export { MIN_SECRET_LENGTH } from '../secret-strength';
export const DEFAULT_SQLITE_URL = 'sqlite:./data/preflight.sqlite';
const KNOWN_KEYS: (keyof StoreOptions)[] = ['url', 'pool', 'database', 'secret', 'previousSecrets', 'encryptionKey', 'tablePrefix', 'schema', 'migrate'];

function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] ?? 0;
      const cost = a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1;
      prev[j] = Math.min(up + 1, (prev[j - 1] ?? 0) + 1, diag + cost);
      diag = up;
    }
  }
  return prev[b.length] ?? 0;
}

/** The closest known name, if it is close enough to be a typo. */
export function didYouMean(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = distance(name, k);
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

// Accepts a letter or underscore followed by up to 30 letters, digits or underscores (an SQL
// identifier that needs no quoting); rejects spaces, quotes, dots, dashes and longer names.
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,30}$/;

export interface ResolvedStoreOptions {
  url: string;
  secret: string;
  /** Secrets used before `secret` (rotation): read, decrypt and verify only. */
  previousSecrets: string[];
  encryptionKey?: string;
  tablePrefix: string;
  schema?: string;
  migrate: boolean;
}

export function validateStoreOptions(options: StoreOptions, env: NodeJS.ProcessEnv = process.env): ResolvedStoreOptions {
  if (!options || typeof options !== 'object') {
    throw new PreflightError('invalid_options', 'createStore(options): options must be an object like { url, secret }.');
  }
  for (const key of Object.keys(options)) {
    if (!(KNOWN_KEYS as string[]).includes(key)) {
      const hint = didYouMean(key, KNOWN_KEYS);
      throw new PreflightError(
        'invalid_options',
        `createStore: unknown option \`${key}\`.${hint ? ` Did you mean \`${hint}\`?` : ''} Known options: ${KNOWN_KEYS.join(', ')}.`,
      );
    }
  }
  const { secret } = options;
  assertStrongSecret(secret, 'createStore: `secret`');
  const previousSecrets = checkPreviousSecrets(options.previousSecrets, 'createStore: `previousSecrets`');
  if (options.url !== undefined && (typeof options.url !== 'string' || options.url === '')) {
    throw new PreflightError('invalid_options', 'createStore: `url` must be a non-empty string such as "sqlite:./data/preflight.sqlite" or "postgres://…".');
  }
  const given = (['url', 'pool', 'database'] as const).filter((k) => options[k] !== undefined);
  if (given.length > 1) {
    throw new PreflightError('invalid_options', `createStore: give one of \`url\`, \`pool\` or \`database\`, not ${given.map((k) => `\`${k}\``).join(' and ')}.`);
  }
  const isFn = (v: unknown, ...names: string[]) => typeof v === 'object' && v !== null && names.every((n) => typeof (v as Record<string, unknown>)[n] === 'function');
  if (options.pool !== undefined && !isFn(options.pool, 'connect', 'query', 'end', 'on')) {
    throw new PreflightError('invalid_options', 'createStore: `pool` must be a pg Pool (new Pool({ connectionString }) from the "pg" package).');
  }
  if (options.database !== undefined && !isFn(options.database, 'prepare', 'exec', 'pragma', 'transaction', 'close')) {
    throw new PreflightError('invalid_options', 'createStore: `database` must be a better-sqlite3 Database (new Database(file) from the "better-sqlite3" package).');
  }
  if (options.encryptionKey !== undefined && typeof options.encryptionKey !== 'string') {
    throw new PreflightError('invalid_options', 'createStore: `encryptionKey` must be a string (32 bytes as hex or base64).');
  }
  const tablePrefix = options.tablePrefix ?? 'pii_';
  if (typeof tablePrefix !== 'string' || !IDENTIFIER.test(tablePrefix)) {
    throw new PreflightError('invalid_options', `createStore: \`tablePrefix\` must be letters, digits and underscores, starting with a letter or underscore (got ${JSON.stringify(tablePrefix)}).`);
  }
  if (options.schema !== undefined && (typeof options.schema !== 'string' || !IDENTIFIER.test(options.schema))) {
    throw new PreflightError('invalid_options', `createStore: \`schema\` must be an SQL identifier (got ${JSON.stringify(options.schema)}).`);
  }
  if (options.migrate !== undefined && typeof options.migrate !== 'boolean') {
    throw new PreflightError('invalid_options', 'createStore: `migrate` must be true or false.');
  }
  const url = options.url ?? (env.DATABASE_URL || DEFAULT_SQLITE_URL);
  const resolved: ResolvedStoreOptions = { url, secret, previousSecrets, tablePrefix, migrate: options.migrate ?? true };
  if (options.encryptionKey !== undefined) resolved.encryptionKey = options.encryptionKey;
  if (options.schema !== undefined) resolved.schema = options.schema;
  return resolved;
}

export type ParsedStoreUrl = { backend: 'sqlite'; filename: string } | { backend: 'postgres'; connectionString: string };

/** `sqlite:path`, `sqlite://path`, `sqlite::memory:`, `file:path` or `file:///abs`, `postgres://`, `postgresql://`. */
export function parseStoreUrl(url: string): ParsedStoreUrl {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return { backend: 'postgres', connectionString: url };
  if (url.startsWith('sqlite:')) {
    let rest = url.slice('sqlite:'.length);
    if (rest.startsWith('//')) rest = rest.slice(2);
    if (rest === '' ) throw new PreflightError('invalid_options', 'createStore: the sqlite URL names no file; use "sqlite:./data/preflight.sqlite" or "sqlite::memory:".');
    return { backend: 'sqlite', filename: rest };
  }
  if (url.startsWith('file:')) {
    const filename = url.startsWith('file://') ? fileURLToPath(url) : url.slice('file:'.length);
    if (filename === '') throw new PreflightError('invalid_options', 'createStore: the file URL names no file.');
    return { backend: 'sqlite', filename };
  }
  const scheme = url.split(':')[0] ?? url;
  throw new PreflightError(
    'invalid_options',
    `createStore: unsupported database URL scheme "${scheme}:". Use "sqlite:./data/preflight.sqlite", "sqlite::memory:", "file:…" or "postgres://user@host/db".`,
  );
}
