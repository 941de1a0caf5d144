/**
 * The state shared by the parts of the PostgreSQL store: the pool, the (quoted, schema-qualified)
 * table names, the keys, transactions and the mapping of connection failures to
 * `store_unavailable`.
 */
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { PreflightError, isPreflightError } from '../../errors';
import type { StoreKeys } from '../crypto';
import { tableNames, type Tables } from '../tables';

/** Runs one statement and returns its rows. */
export type Query = <R extends QueryResultRow = QueryResultRow>(sql: string, params?: unknown[]) => Promise<R[]>;

// Accepts a lowercase SQL identifier: a letter or underscore, then up to 40 lowercase letters,
// digits or underscores. Rejects uppercase (PostgreSQL folds unquoted names), quotes, dots,
// spaces, dashes and longer names.
const PG_IDENTIFIER = /^[a-z_][a-z0-9_]{0,40}$/;

/** Checks a schema name or table prefix for PostgreSQL (they are also quoted when used). */
export function checkIdentifier(value: string, what: 'schema' | 'tablePrefix'): string {
  if (!PG_IDENTIFIER.test(value)) {
    throw new PreflightError(
      'invalid_options',
      `createStore: \`${what}\` must be a lowercase PostgreSQL identifier (a-z, 0-9, _; starting with a letter or _; at most 41 characters), got ${JSON.stringify(value)}.`,
    );
  }
  return value;
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The store's tables as quoted, schema-qualified SQL names (plus the bare names, for indexes). */
export function pgTables(schema: string | undefined, prefix: string): { q: Tables; bare: Tables } {
  const bare = tableNames(prefix);
  const q = Object.fromEntries(
    Object.entries(bare).map(([k, v]) => [k, schema ? `${quoteIdent(schema)}.${quoteIdent(v)}` : quoteIdent(v)]),
  ) as unknown as Tables;
  return { q, bare };
}

// Node socket errors that mean the server cannot be reached.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);
// SQLSTATEs of a server that went away or cannot serve now: 57P01 admin_shutdown, 57P02
// crash_shutdown, 57P03 cannot_connect_now, 53300 too_many_connections, 40P01 deadlock (retry).
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '57P04', '53000', '53100', '53200', '53300', '40P01', '55P03', '58000', '58030']);
// Messages of pg itself when the socket closes under it (no code attached).
const CONNECTION_MESSAGES = ['Connection terminated', 'Client has encountered a connection error', 'timeout exceeded when trying to connect', 'Client was closed', 'Cannot use a pool after calling end'];

/** True when `err` says the database connection is gone (the client must not go back to the pool). */
export function isConnectionError(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const { code, message } = err as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || UNAVAILABLE_STATES.has(code)) return true;
    // Class 08: connection exception.
    if (code.startsWith('08')) return true;
  }
  return typeof message === 'string' && CONNECTION_MESSAGES.some((m) => message.includes(m));
}

export function unavailable(err?: unknown): PreflightError {
  const code = err && typeof err === 'object' ? (err as { code?: unknown }).code : undefined;
  return new PreflightError('store_unavailable', `The PostgreSQL store is unavailable${typeof code === 'string' ? ` (${code})` : ''}.`);
}

/** Maps a pg error: connection failures become `store_unavailable`, others pass through. */
export function mapPgError(err: unknown): unknown {
  if (isPreflightError(err)) return err;
  return isConnectionError(err) ? unavailable(err) : err;
}

export function isUniqueViolation(err: unknown): boolean {
  return !!err && typeof err === 'object' && (err as { code?: unknown }).code === '23505';
}

// Two-key advisory locks: the first key marks pii-preflight ("PIIP" in ASCII), the second is
// hashtext() of the schema-qualified table name, so two stores in one database do not collide.
const LOCK_CLASS = 0x50494950;

export class PgContext {
  closed = false;

  constructor(
    readonly pool: Pool,
    readonly t: Tables,
    readonly keys: StoreKeys,
    /** `schema.prefix`, the name the log's advisory lock is derived from. */
    readonly lockName: string,
    /** The schema (or '' for the search_path): migrations lock per schema, since they may create it. */
    readonly schemaName: string,
  ) {}

  /** One statement on any pooled connection. */
  readonly q: Query = async <R extends QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> => {
    if (this.closed) throw new PreflightError('store_unavailable', 'The store is closed.');
    try {
      return (await this.pool.query<R>(sql, params)).rows;
    } catch (err) {
      throw mapPgError(err);
    }
  };

  /**
   * Runs `fn` in a transaction on one connection: COMMIT on success, ROLLBACK on any error. A
   * connection that failed is destroyed rather than returned to the pool; the next call opens a
   * fresh one (so the store recovers when the server comes back).
   */
  async tx<T>(fn: (q: Query) => Promise<T>): Promise<T> {
    if (this.closed) throw new PreflightError('store_unavailable', 'The store is closed.');
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      throw unavailable(err);
    }
    let broken: Error | undefined;
    // A server-side termination can arrive between two statements: keep it from crashing the process.
    const onError = (err: Error) => {
      broken = err;
    };
    client.on('error', onError);
    const q: Query = async <R extends QueryResultRow>(sql: string, params: unknown[] = []) => (await client.query<R>(sql, params)).rows;
    try {
      await client.query('BEGIN');
      const result = await fn(q);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      if (isConnectionError(err)) broken ??= err as Error;
      if (!broken) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackErr) {
          broken = rollbackErr as Error;
        }
      }
      throw broken && !isPreflightError(err) ? unavailable(err) : mapPgError(err);
    } finally {
      client.removeListener('error', onError);
      client.release(broken ?? false);
    }
  }

  /** Serializes the caller's transaction with every other writer of the same lock, across processes. */
  async lock(q: Query, what: 'log' | 'migrations'): Promise<void> {
    await q(`SELECT ${this.lockExpr('$1', '$2')}`, this.lockParams(what));
  }

  /** The SQL expression that takes the lock, given two parameter placeholders (see lockParams). */
  lockExpr(p1: string, p2: string): string {
    return `pg_advisory_xact_lock(${p1}::int, hashtext(${p2}::text))`;
  }

  lockParams(what: 'log' | 'migrations'): [number, string] {
    return [LOCK_CLASS, what === 'migrations' ? `${this.schemaName}:migrations` : `${this.lockName}:${what}`];
  }
}
