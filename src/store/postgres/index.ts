/**
 * The PostgreSQL store (pg): one pool per store, versioned migrations under an advisory lock,
 * optional `schema` and `tablePrefix` so it can live in the forum's own database. Several app
 * instances can share one database: tokens are single-use by a primary key, the log's chain is
 * serialized by an advisory lock, moderator races are settled by row locks and version checks.
 *
 * Connection failures (server stopped, backends terminated, network down) throw
 * `store_unavailable`; the broken connection is dropped and the pool opens a fresh one on the
 * next call, so the app recovers without a restart.
 */
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { PreflightError } from '../../errors';
import { maskForStorage } from '../../mask';
import { deriveKeys, hmacAll, hmacHex } from '../crypto';
import type { ResolvedStoreOptions } from '../options';
import type { PgPoolLike, PreferenceRecord, PreferenceStore, StatEvent, Stats, Store } from '../types';
import { StatsBuffer, type StatDelta } from '../stats-buffer';
import { checkPreferenceEntry, checkStatEvent, drainStats, prefFromRow, statDay, statsFromSums, type PrefRowOf } from '../store-logic';
import { PgContext, checkIdentifier, mapPgError, pgTables, quoteIdent } from './context';
import { PgAckLog } from './log';
import { pgMigrations } from './migrations';
import { PgReviewQueue } from './reviews';

export { isConnectionError } from './context';

/** Expired rows of the warnings table are deleted at most this often (ms). */
const WARNING_PURGE_INTERVAL_MS = 60_000;

/** Default pool size per app instance (override with `?pool_max=N` in the URL). */
export const DEFAULT_POOL_MAX = 10;

type PrefRow = PrefRowOf<Date>;

class PgPreferences implements PreferenceStore {
  constructor(private readonly c: PgContext) {}

  async add(userId: string, entry: { type: string; masked: string; valueHash: string }): Promise<PreferenceRecord> {
    checkPreferenceEntry(userId, entry);
    const { t } = this.c;
    const rows = await this.c.q<PrefRow>(
      `WITH ins AS (
         INSERT INTO ${t.preferences} (id, user_id, type, masked, value_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (user_id, value_hash) DO NOTHING RETURNING *)
       SELECT * FROM ins UNION ALL SELECT * FROM ${t.preferences} WHERE user_id = $2 AND value_hash = $5 LIMIT 1`,
      [randomUUID(), userId, entry.type, maskForStorage(entry.type, entry.masked), entry.valueHash, new Date().toISOString()],
    );
    const r = rows[0];
    if (!r) throw new PreflightError('store_unavailable', 'The preference vanished while it was written.');
    return prefFromRow(r);
  }

  async list(userId: string): Promise<PreferenceRecord[]> {
    return (await this.c.q<PrefRow>(`SELECT * FROM ${this.c.t.preferences} WHERE user_id = $1 ORDER BY created_at, id`, [userId])).map(prefFromRow);
  }

  async remove(userId: string, id: string): Promise<boolean> {
    return (await this.c.q(`DELETE FROM ${this.c.t.preferences} WHERE user_id = $1 AND id = $2 RETURNING id`, [userId, id])).length > 0;
  }

  async matching(userId: string, valueHashes: string[]): Promise<Set<string>> {
    const out = new Set<string>();
    if (valueHashes.length === 0) return out;
    const rows = await this.c.q<{ value_hash: string }>(
      `SELECT value_hash FROM ${this.c.t.preferences} WHERE user_id = $1 AND value_hash = ANY($2::text[])`,
      [userId, valueHashes],
    );
    for (const r of rows) out.add(r.value_hash);
    return out;
  }
}


/** Splits our own `pool_max` parameter off the connection string (pg does not know it). */
export function poolConfig(connectionString: string): { connectionString: string; max: number } {
  let max = DEFAULT_POOL_MAX;
  if (!connectionString.includes('pool_max')) return { connectionString, max };
  try {
    const u = new URL(connectionString);
    const v = u.searchParams.get('pool_max');
    if (v !== null) {
      max = Number(v);
      if (!Number.isInteger(max) || max < 1 || max > 1000) {
        throw new PreflightError('invalid_options', `createStore: pool_max in the database URL must be an integer 1..1000 (got ${JSON.stringify(v)}).`);
      }
      u.searchParams.delete('pool_max');
      connectionString = u.toString();
    }
  } catch (err) {
    if (err instanceof PreflightError) throw err;
    throw new PreflightError('invalid_options', 'createStore: the PostgreSQL URL is not valid (expected postgres://user:password@host:5432/database).');
  }
  return { connectionString, max };
}

function newPool(connectionString: string): Pool {
  const config = poolConfig(connectionString);
  return new Pool({
    connectionString: config.connectionString,
    max: config.max,
    // Fail fast (→ 503) when the server cannot be reached, instead of queueing forever.
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    fallback_application_name: 'pii-preflight',
  });
}

export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  readonly acknowledgements: PgAckLog;
  readonly reviews: PgReviewQueue;
  readonly preferences: PgPreferences;
  /** The pg pool (tests, maintenance). */
  readonly pool: Pool;
  readonly schema: string | undefined;
  readonly tablePrefix: string;
  /** Quoted, schema-qualified table names. */
  readonly tables: PgContext['t'];
  private readonly c: PgContext;
  private readonly bare: PgContext['t'];
  /** Stat counters are added up in memory and written in one statement (see ../stats-buffer.ts). */
  private readonly statsBuffer: StatsBuffer;
  private lastWarningPurge = 0;

  private constructor(pool: Pool, options: ResolvedStoreOptions) {
    this.pool = pool;
    this.schema = options.schema === undefined ? undefined : checkIdentifier(options.schema, 'schema');
    this.tablePrefix = checkIdentifier(options.tablePrefix, 'tablePrefix');
    const { q, bare } = pgTables(this.schema, this.tablePrefix);
    this.tables = q;
    this.bare = bare;
    this.c = new PgContext(pool, q, deriveKeys(options.secret, options.encryptionKey, options.previousSecrets), `${this.schema ?? ''}.${this.tablePrefix}`, this.schema ?? '');
    this.acknowledgements = new PgAckLog(this.c);
    this.reviews = new PgReviewQueue(this.c);
    this.preferences = new PgPreferences(this.c);
    this.statsBuffer = new StatsBuffer({ write: (deltas) => this.writeStats(deltas) });
  }

  /** Opens a pool for `connectionString`, or takes over the host's `PgPoolLike` pool. */
  static async open(connection: string | PgPoolLike, options: ResolvedStoreOptions): Promise<PostgresStore> {
    // Checked before any connection is made.
    if (options.schema !== undefined) checkIdentifier(options.schema, 'schema');
    checkIdentifier(options.tablePrefix, 'tablePrefix');
    const pool = typeof connection === 'string' ? newPool(connection) : (connection as unknown as Pool);
    // An idle connection the server closes emits 'error' on the pool: the pool drops it; the
    // next query opens a new one. Without a listener the process would exit.
    pool.on('error', () => undefined);
    const store = new PostgresStore(pool, options);
    try {
      // Any failure to connect at open (refused, unknown database, authentication) is `store_unavailable`, with pg's reason.
      try {
        (await pool.connect()).release();
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        throw new PreflightError(
          'store_unavailable',
          `Cannot connect to PostgreSQL${typeof code === 'string' ? ` (${code})` : ''}: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
      if (options.migrate) {
        await store.migrate();
        // Per-user keys written in the clear by versions before 0.2 are sealed now.
        await store.acknowledgements.sealPlainUserKeys();
      } else await store.ping();
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw err;
    }
    return store;
  }

  hmac(value: string): string {
    return hmacHex(this.c.keys.hmacKey, value);
  }

  hmacs(value: string): string[] {
    return hmacAll(this.c.keys, value);
  }

  async migrate(): Promise<{ applied: string[] }> {
    const { t } = this.c;
    const fn = (name: string) => (this.schema ? `${quoteIdent(this.schema)}.${quoteIdent(name)}` : quoteIdent(name));
    return this.c.tx(async (q) => {
      // Several instances starting at once: one migrates, the others wait and find it done.
      await this.c.lock(q, 'migrations');
      if (this.schema) await q(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(this.schema)}`);
      await q(`CREATE TABLE IF NOT EXISTS ${t.migrations} (id TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)`);
      const done = new Set((await q<{ id: string }>(`SELECT id FROM ${t.migrations}`)).map((r) => r.id));
      const applied: string[] = [];
      for (const m of pgMigrations) {
        if (done.has(m.id)) continue;
        await q(m.up({ q: t, bare: this.bare, fn }));
        await q(`INSERT INTO ${t.migrations} (id, applied_at) VALUES ($1, $2)`, [m.id, new Date().toISOString()]);
        applied.push(m.id);
      }
      return { applied };
    });
  }

  /**
   * Counts an event. The counters are buffered in memory and written in one statement every
   * second or 500 events, before `stats()` and on `close()`: a clean post costs no write.
   */
  /** Counted in memory and written in batches (see ../stats-buffer.ts): no database call per event. */
  recordEvent(event: StatEvent, options: { reason?: string; userId?: string; at?: Date } = {}): Promise<void> {
    try {
      checkStatEvent(event);
      if (this.c.closed) throw new PreflightError('store_unavailable', 'The store is closed.');
    } catch (err) {
      return Promise.reject(err);
    }
    return this.statsBuffer.add(event, options.reason ?? '', options.at);
  }

  private async writeStats(deltas: StatDelta[]): Promise<void> {
    await this.c.q(
      `INSERT INTO ${this.c.t.stats} AS s (day, event, reason, count)
       SELECT * FROM unnest($1::date[], $2::text[], $3::text[], $4::bigint[])
       ON CONFLICT (day, event, reason) DO UPDATE SET count = s.count + excluded.count`,
      [deltas.map((d) => d.day), deltas.map((d) => d.event), deltas.map((d) => d.reason), deltas.map((d) => d.count)],
    );
  }

  async stats(range: { from?: Date; to?: Date } = {}): Promise<Stats> {
    if (!this.c.closed) await this.statsBuffer.flush();
    const where: string[] = [];
    const params: string[] = [];
    if (range.from) {
      params.push(statDay(range.from));
      where.push(`day >= $${params.length}::date`);
    }
    if (range.to) {
      params.push(statDay(range.to));
      where.push(`day <= $${params.length}::date`);
    }
    const rows = await this.c.q<{ event: StatEvent; reason: string; n: string }>(
      `SELECT event, reason, SUM(count) AS n FROM ${this.c.t.stats} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} GROUP BY event, reason`,
      params,
    );
    return statsFromSums(rows);
  }

  async openWarning(userId: string, expiresAt: Date): Promise<void> {
    const { t } = this.c;
    await this.c.q(
      `INSERT INTO ${t.warnings} (user_lookup, expires_at) VALUES ($1, $2) ON CONFLICT (user_lookup) DO UPDATE SET expires_at = excluded.expires_at`,
      [this.hmac(`user:${userId}`), expiresAt.toISOString()],
    );
    // Expired warnings of users who never came back: swept now and then, not on every post.
    const nowMs = Date.now();
    if (nowMs - this.lastWarningPurge >= WARNING_PURGE_INTERVAL_MS) {
      this.lastWarningPurge = nowMs;
      await this.c.q(`DELETE FROM ${t.warnings} WHERE expires_at <= $1`, [new Date(nowMs).toISOString()]);
    }
  }

  /**
   * One primary-key statement: removes the user's warning row (open or expired) and says whether
   * it was still open. A user with no warning (the common clean post) changes nothing.
   */
  async closeWarning(userId: string): Promise<boolean> {
    const rows = await this.c.q<{ open: boolean }>(
      `DELETE FROM ${this.c.t.warnings} WHERE user_lookup = $1 RETURNING expires_at > $2 AS open`,
      [this.hmac(`user:${userId}`), new Date().toISOString()],
    );
    return rows[0]?.open === true;
  }

  async ping(): Promise<void> {
    await this.c.q('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.c.closed) return;
    const flushError = await drainStats(this.statsBuffer);
    this.c.closed = true;
    try {
      await this.pool.end();
    } catch (err) {
      throw mapPgError(err);
    }
    if (flushError !== undefined) throw flushError;
  }
}
