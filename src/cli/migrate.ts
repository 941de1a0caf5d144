/**
 * `pii-preflight migrate [--db URL] [--schema NAME] [--table-prefix PREFIX] [--json]`: applies the
 * store's pending migrations (SQLite or PostgreSQL) and says which. Run it once per deploy when
 * several app instances share one database and they start with `migrate: false`; running it again
 * applies nothing. Exit status: 0 done (or nothing to do), 2 usage error or database unreachable.
 */
import { isPreflightError } from '../errors';
import { randomBytes } from 'node:crypto';
import { createStore } from '../store';
import { DEFAULT_SQLITE_URL, didYouMean } from '../store/options';
import type { Store, StoreOptions } from '../store/types';

export interface MigrateIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

const VALUE_FLAGS = ['--db', '--schema', '--table-prefix', '--secret-env'] as const;
const BOOL_FLAGS = ['--json', '--help'] as const;
type ValueFlag = (typeof VALUE_FLAGS)[number];

// Migrations write no keyed or encrypted data, so they need no secret: a throwaway random one
// stands in when none is set (the store opens with migrate: false, so nothing is sealed with it).
const migrationOnlySecret = (): string => randomBytes(32).toString('base64url');

export const MIGRATE_USAGE = `Usage: pii-preflight migrate [options]

Applies pending store migrations (SQLite or PostgreSQL); safe to run again and from several
hosts at once (PostgreSQL takes an advisory lock).

Options:
  --db URL                   database (default: $DATABASE_URL or ${DEFAULT_SQLITE_URL})
  --schema NAME              PostgreSQL schema (created if missing)
  --table-prefix PREFIX      table-name prefix (default pii_)
  --secret-env NAME          environment variable holding the secret (optional: migrations need none)
  --json                     print { "applied": [...] }
`;

class UsageError extends Error {}

function parseArgs(args: string[]): { values: Partial<Record<ValueFlag, string>>; json: boolean } | 'help' {
  const out: { values: Partial<Record<ValueFlag, string>>; json: boolean } = { values: {}, json: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (name === '--help' || name === '-h' || name === 'help') return 'help';
    if (name === '--json') {
      out.json = true;
      continue;
    }
    if (!(VALUE_FLAGS as readonly string[]).includes(name)) {
      const hint = arg.startsWith('--') ? didYouMean(name, [...VALUE_FLAGS, ...BOOL_FLAGS]) : undefined;
      throw new UsageError(`unknown ${arg.startsWith('-') ? 'option' : 'argument'} "${arg}".${hint ? ` Did you mean "${hint}"?` : ''}`);
    }
    const value = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || value === '') throw new UsageError(`${name} needs a value.`);
    out.values[name as ValueFlag] = value;
  }
  return out;
}

/** Runs `pii-preflight migrate …` with the arguments after `migrate`. */
export async function runMigrate(args: string[], io: MigrateIo): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(args);
  } catch (err) {
    io.stderr.write(`pii-preflight migrate: ${(err as Error).message}\n\n${MIGRATE_USAGE}`);
    return 2;
  }
  if (parsed === 'help') {
    io.stdout.write(MIGRATE_USAGE);
    return 0;
  }
  const { values } = parsed;
  const secretEnv = values['--secret-env'];
  const secret = secretEnv ? io.env[secretEnv] : io.env.PII_PREFLIGHT_SECRET;
  if (secretEnv && !secret) {
    io.stderr.write(`pii-preflight migrate: ${secretEnv} is not set.\n`);
    return 2;
  }
  const url = values['--db'] ?? (io.env.DATABASE_URL || DEFAULT_SQLITE_URL);
  const options: StoreOptions = { url, secret: secret || migrationOnlySecret(), migrate: false };
  if (values['--schema'] !== undefined) options.schema = values['--schema'];
  if (values['--table-prefix'] !== undefined) options.tablePrefix = values['--table-prefix'];
  let store: Store | undefined;
  try {
    store = await createStore(options);
    const { applied } = await store.migrate();
    if (parsed.json) io.stdout.write(`${JSON.stringify({ applied })}\n`);
    else io.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'up to date: no migration to apply\n');
    return 0;
  } catch (err) {
    const message = isPreflightError(err) ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err);
    io.stderr.write(`pii-preflight migrate: ${message}\n`);
    return 2;
  } finally {
    if (store) await store.close().catch(() => undefined);
  }
}
