/** The SQLite store (better-sqlite3): WAL, busy_timeout, versioned migrations. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { PreflightError } from '../../errors';
import { maskForStorage } from '../../mask';
import { deriveKeys, hmacAll, hmacHex } from '../crypto';
import type { ResolvedStoreOptions } from '../options';
import type { PreferenceRecord, PreferenceStore, SqliteDatabaseLike, StatEvent, Stats, Store, SyncStoreCalls } from '../types';
import { checkPreferenceEntry, checkStatEvent, drainStats, prefFromRow, statDay, statsFromSums, type PrefRowOf } from '../store-logic';
import { tableNames } from '../tables';
import { SqliteContext, mapError } from './context';
import { SqliteAckLog } from './log';
import { migrations } from './migrations';
import { SqliteReviewQueue } from './reviews';
import { StatsBuffer, type StatDelta } from '../stats-buffer';

/** Expired rows of the warnings table are deleted at most this often (ms). */
const WARNING_PURGE_INTERVAL_MS = 60_000;

class SqlitePreferences implements PreferenceStore {
  constructor(private readonly c: SqliteContext) {}

  async add(userId: string, entry: { type: string; masked: string; valueHash: string }): Promise<PreferenceRecord> {
    checkPreferenceEntry(userId, entry);
    const { t } = this.c;
    return this.c.runSync(() => {
      this.c
        .stmt(`INSERT OR IGNORE INTO ${t.preferences} (id, user_id, type, masked, value_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)`)
        .run(randomUUID(), userId, entry.type, maskForStorage(entry.type, entry.masked), entry.valueHash, new Date().toISOString());
      return prefFromRow(this.c.stmt(`SELECT * FROM ${t.preferences} WHERE user_id = ? AND value_hash = ?`).get(userId, entry.valueHash) as PrefRow);
    });
  }

  async list(userId: string): Promise<PreferenceRecord[]> {
    return this.c.runSync(() => (this.c.stmt(`SELECT * FROM ${this.c.t.preferences} WHERE user_id = ? ORDER BY created_at, id`).all(userId) as PrefRow[]).map(prefFromRow));
  }

  async remove(userId: string, id: string): Promise<boolean> {
    return this.c.runSync(() => this.c.stmt(`DELETE FROM ${this.c.t.preferences} WHERE user_id = ? AND id = ?`).run(userId, id).changes > 0);
  }

  async matching(userId: string, valueHashes: string[]): Promise<Set<string>> {
    const out = new Set<string>();
    if (valueHashes.length === 0) return out;
    const stmt = `SELECT value_hash FROM ${this.c.t.preferences} WHERE user_id = ? AND value_hash IN (SELECT value FROM json_each(?))`;
    const rows = this.c.runSync(() => this.c.stmt(stmt).all(userId, JSON.stringify(valueHashes)) as { value_hash: string }[]);
    for (const r of rows) out.add(r.value_hash);
    return out;
  }
}

type PrefRow = PrefRowOf<string>;


/** `user:<id>` lookups (HMAC) of recent users: the flow computes one per post. Bounded. */
const LOOKUP_CACHE_SIZE = 1000;

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly acknowledgements: SqliteAckLog;
  readonly reviews: SqliteReviewQueue;
  readonly preferences: SqlitePreferences;
  /** The raw better-sqlite3 connection (tests, maintenance). */
  readonly db: Database.Database;
  readonly tablePrefix: string;
  private readonly c: SqliteContext;
  /** Stat counters are added up in memory and written in one transaction (see ../stats-buffer.ts). */
  private readonly statsBuffer: StatsBuffer;
  private readonly lookups = new Map<string, string>();
  private lastWarningPurge = 0;
  /** `closeWarning`'s existence check (prepared on first use). */
  private hasWarning: Database.Statement | undefined;

  private constructor(db: Database.Database, options: ResolvedStoreOptions) {
    this.db = db;
    this.tablePrefix = options.tablePrefix;
    this.c = new SqliteContext(db, tableNames(options.tablePrefix), deriveKeys(options.secret, options.encryptionKey, options.previousSecrets));
    this.acknowledgements = new SqliteAckLog(this.c);
    this.reviews = new SqliteReviewQueue(this.c);
    this.preferences = new SqlitePreferences(this.c);
    this.statsBuffer = new StatsBuffer({ write: (deltas) => this.writeStats(deltas) });
  }

  /** Opens `filename`, or takes over the host's `SqliteDatabaseLike` database. */
  static async open(file: string | SqliteDatabaseLike, options: ResolvedStoreOptions): Promise<SqliteStore> {
    if (typeof file !== 'string') {
      const db = file as unknown as Database.Database;
      try {
        db.pragma('foreign_keys = ON');
      } catch (err) {
        throw new PreflightError('store_unavailable', `Cannot use the SQLite database ${JSON.stringify(db.name)}: ${(err as Error).message}`);
      }
      const store = new SqliteStore(db, options);
      if (options.migrate) {
        await store.migrate();
        store.acknowledgements.sealPlainUserKeys();
      }
      return store;
    }
    const filename = file;
    let db: Database.Database;
    try {
      if (filename !== ':memory:' && !filename.startsWith('file:')) mkdirSync(dirname(filename), { recursive: true });
      db = new Database(filename);
      db.pragma('busy_timeout = 10000');
      if (filename !== ':memory:') db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
    } catch (err) {
      throw new PreflightError('store_unavailable', `Cannot open the SQLite database ${JSON.stringify(filename)}: ${(err as Error).message}`);
    }
    const store = new SqliteStore(db, options);
    if (options.migrate) {
      await store.migrate();
      // Per-user keys written in the clear by versions before 0.2 are sealed now.
      store.acknowledgements.sealPlainUserKeys();
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
    return this.c.runSync(() =>
      this.db
        .transaction(() => {
          this.db.exec(`CREATE TABLE IF NOT EXISTS ${t.migrations} (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`);
          const done = new Set((this.db.prepare(`SELECT id FROM ${t.migrations}`).all() as { id: string }[]).map((r) => r.id));
          const applied: string[] = [];
          for (const m of migrations) {
            if (done.has(m.id)) continue;
            this.db.exec(m.up(this.tablePrefix));
            this.db.prepare(`INSERT INTO ${t.migrations} (id, applied_at) VALUES (?, ?)`).run(m.id, new Date().toISOString());
            applied.push(m.id);
          }
          return { applied };
        })
        .immediate(),
    );
  }

  /**
   * Counts an event. The counters are buffered in memory and written in one transaction every
   * second or 500 events, before `stats()` and on `close()`: a clean post costs no write.
   */
  recordEvent(event: StatEvent, options: { reason?: string; userId?: string; at?: Date } = {}): Promise<void> {
    try {
      this.checkEvent(event);
    } catch (err) {
      return Promise.reject(err);
    }
    return this.statsBuffer.add(event, options.reason ?? '', options.at);
  }

  /** Synchronous forms of a clean post's calls (better-sqlite3 is synchronous): see `SyncStoreCalls`. */
  readonly sync: SyncStoreCalls = {
    recordEvent: (event, options = {}) => {
      this.checkEvent(event);
      this.statsBuffer.addNow(event, options.reason ?? '');
    },
    closeWarning: (userId) => this.closeWarningNow(userId),
  };

  private checkEvent(event: StatEvent): void {
    checkStatEvent(event);
    if (!this.db.open) throw new PreflightError('store_unavailable', 'The store is closed.');
  }

  private writeStats(deltas: StatDelta[]): void {
    this.c.runSync(() => {
      const upsert = this.c.stmt(
        `INSERT INTO ${this.c.t.stats} (day, event, reason, count) VALUES (?, ?, ?, ?) ON CONFLICT (day, event, reason) DO UPDATE SET count = count + excluded.count`,
      );
      this.db
        .transaction(() => {
          for (const d of deltas) upsert.run(d.day, d.event, d.reason, d.count);
        })
        .immediate();
    });
  }

  async stats(range: { from?: Date; to?: Date } = {}): Promise<Stats> {
    if (this.db.open) await this.statsBuffer.flush();
    const rows = this.c.runSync(
      () =>
        this.c
          .stmt(`SELECT event, reason, SUM(count) AS n FROM ${this.c.t.stats} WHERE day >= ? AND day <= ? GROUP BY event, reason`)
          .all(range.from ? statDay(range.from) : '0000-00-00', range.to ? statDay(range.to) : '9999-99-99') as { event: StatEvent; reason: string; n: number }[],
    );
    return statsFromSums(rows);
  }

  /** HMAC of `user:<id>` (the warnings table's key), cached for recent users. */
  private userLookup(userId: string): string {
    let lookup = this.lookups.get(userId);
    if (lookup === undefined) {
      lookup = this.hmac(`user:${userId}`);
      if (this.lookups.size >= LOOKUP_CACHE_SIZE) this.lookups.clear();
      this.lookups.set(userId, lookup);
    }
    return lookup;
  }

  async openWarning(userId: string, expiresAt: Date): Promise<void> {
    const { t } = this.c;
    this.c.runSync(() => {
      this.c
        .stmt(`INSERT INTO ${t.warnings} (user_lookup, expires_at) VALUES (?, ?) ON CONFLICT (user_lookup) DO UPDATE SET expires_at = excluded.expires_at`)
        .run(this.userLookup(userId), expiresAt.toISOString());
      // Expired warnings of users who never came back: swept now and then, not on every post.
      const nowMs = Date.now();
      if (nowMs - this.lastWarningPurge >= WARNING_PURGE_INTERVAL_MS) {
        this.lastWarningPurge = nowMs;
        this.c.stmt(`DELETE FROM ${t.warnings} WHERE expires_at <= ?`).run(new Date(nowMs).toISOString());
      }
    });
  }

  /**
   * Reads the user's warning row first (a primary-key read, no write lock) and deletes only when
   * there is one: the common clean post by a user with no open warning writes nothing. Always
   * asks the database, never an in-process cache: other processes sharing the file open warnings
   * too.
   */
  async closeWarning(userId: string): Promise<boolean> {
    return this.closeWarningNow(userId);
  }

  private closeWarningNow(userId: string): boolean {
    const { t } = this.c;
    return this.c.runSync(() => {
      const lookup = this.userLookup(userId);
      // Runs on every clean post: a prepared statement kept on the store, one plucked column.
      this.hasWarning ??= this.db.prepare(`SELECT 1 FROM ${t.warnings} WHERE user_lookup = ?`).pluck();
      if (this.hasWarning.get(lookup) === undefined) return false;
      const now = new Date().toISOString();
      if (this.c.stmt(`DELETE FROM ${t.warnings} WHERE user_lookup = ? AND expires_at > ?`).run(lookup, now).changes > 0) return true;
      // The row had expired (or another process just closed it): tidy it up, nothing edited away.
      this.c.stmt(`DELETE FROM ${t.warnings} WHERE user_lookup = ? AND expires_at <= ?`).run(lookup, now);
      return false;
    });
  }

  async ping(): Promise<void> {
    this.c.runSync(() => this.db.prepare('SELECT 1').get());
  }

  /** Folds the WAL into the main file (before copying it, and in tests). */
  checkpointWal(): void {
    this.c.runSync(() => this.db.pragma('wal_checkpoint(TRUNCATE)'));
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    const flushError = await drainStats(this.statsBuffer);
    try {
      this.db.close();
    } catch (err) {
      throw mapError(err, false);
    }
    if (flushError !== undefined) throw flushError;
  }
}
