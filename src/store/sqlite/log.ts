/** The acknowledgement log on SQLite: appends serialized by BEGIN IMMEDIATE across processes. */
import { PreflightError } from '../../errors';
import { pseudonym, userRef, verifyLog, type StoredCheckpoint, type StoredLogRow } from '../chain';
import { newUserKey, sha256Hex } from '../crypto';
import { clampLimit } from '../cursor';
import {
  CHECKPOINT_COLUMNS,
  LOG_COLUMNS,
  ackRowInput,
  chainHead,
  checkpointFromDb,
  checkpointInsertValues,
  exportLines,
  listAfterSeq,
  logFilters,
  logInsertValues,
  logPage,
  logRecord,
  logRowFromDb,
  logRowsAfter,
  newCheckpoint,
  nextLogRow,
  openUserKey,
  sealUserKey,
  userKeyNeedsReseal,
  userLookups,
  personalExtras,
  publicCheckpoint,
  purgeCutoff,
  requireEraseUserId,
  systemRowInput,
  userLookup,
  type CheckpointDbRowOf,
  type LogDbRowOf,
  type RowInput,
} from '../log-records';
import type {
  AcknowledgementInput,
  AcknowledgementLog,
  AcknowledgementRecord,
  ListQuery,
  Page,
  SignedCheckpoint,
  VerifyResult,
} from '../types';
import { validateAckInput } from '../validate';
import { isUniqueViolation, type SqliteContext } from './context';

type LogDbRow = LogDbRowOf<number, string>;
type CheckpointDbRow = CheckpointDbRowOf<number, string>;

const LOG_PLACEHOLDERS = LOG_COLUMNS.split(',').map(() => '?').join(', ');

/** A SQLite log row as a StoredLogRow (tests read raw rows through it). */
export function fromDbRow(r: LogDbRow): StoredLogRow {
  return logRowFromDb(r);
}

export class SqliteAckLog implements AcknowledgementLog {
  constructor(private readonly c: SqliteContext) {}

  private lookup(userId: string): string {
    return userLookup(this.c.keys, userId);
  }

  /**
   * The user's key, found under the lookup of any secret of the keyring. With `create` (inside a
   * write transaction) a missing key is made, and one stored in the clear or under an old
   * secret's lookup is sealed again under the current one.
   */
  private userKey(userId: string, create: boolean): Buffer | null {
    const { t, keys } = this.c;
    let row: { lookup: string; key: string } | undefined;
    const current = this.lookup(userId);
    if (keys.ring.length === 1) {
      // One secret: one primary-key read (the common case, on every acknowledgement).
      row = this.c.stmt(`SELECT lookup, key FROM ${t.userKeys} WHERE lookup = ?`).get(current) as typeof row;
    } else {
      const lookups = userLookups(keys, userId);
      const rows = this.c.stmt(`SELECT lookup, key FROM ${t.userKeys} WHERE lookup IN (SELECT value FROM json_each(?))`).all(JSON.stringify(lookups)) as { lookup: string; key: string }[];
      row = lookups.map((l) => rows.find((r) => r.lookup === l)).find((r) => r !== undefined);
    }
    if (row) {
      const key = this.openKey(row.lookup, row.key);
      if (create && userKeyNeedsReseal(keys, current, row.lookup, row.key)) {
        this.c.stmt(`UPDATE ${t.userKeys} SET lookup = ?, key = ? WHERE lookup = ?`).run(current, sealUserKey(keys, current, key), row.lookup);
      }
      return key;
    }
    if (!create) return null;
    const key = newUserKey();
    this.c.stmt(`INSERT INTO ${t.userKeys} (lookup, key, created_at) VALUES (?, ?, ?)`).run(current, sealUserKey(keys, current, key), new Date().toISOString());
    return key;
  }

  /** Opened per-user keys by their sealed form (unique per row: random IV); cleared on erasure. */
  private readonly openedKeys = new Map<string, Buffer>();

  private openKey(lookup: string, stored: string): Buffer {
    let key = this.openedKeys.get(stored);
    if (!key) {
      key = openUserKey(this.c.keys, lookup, stored);
      if (this.openedKeys.size >= 1000) this.openedKeys.clear();
      this.openedKeys.set(stored, key);
    }
    return key;
  }

  /** Seals every per-user key still stored in the clear (stores written before 0.2); returns how many. */
  sealPlainUserKeys(): number {
    const { db, t, keys } = this.c;
    return this.c.runSync(() =>
      db
        .transaction(() => {
          const plain = this.c.stmt(`SELECT lookup, key FROM ${t.userKeys} WHERE length(key) = 64`).all() as { lookup: string; key: string }[];
          const update = this.c.stmt(`UPDATE ${t.userKeys} SET key = ? WHERE lookup = ?`);
          for (const r of plain) update.run(sealUserKey(keys, r.lookup, openUserKey(keys, r.lookup, r.key)), r.lookup);
          return plain.length;
        })
        .immediate(),
    );
  }

  private latestAnchor(): StoredCheckpoint | null {
    const r = this.c.stmt(`SELECT * FROM ${this.c.t.checkpoints} WHERE kind = 'anchor' ORDER BY rowid_ DESC LIMIT 1`).get() as CheckpointDbRow | undefined;
    return r ? checkpointFromDb(r) : null;
  }

  private head(): { seq: number; hash: string } {
    const r = this.c.stmt(`SELECT seq, hash FROM ${this.c.t.log} ORDER BY seq DESC LIMIT 1`).get() as { seq: number; hash: string } | undefined;
    return chainHead(r ?? null, r ? null : this.latestAnchor());
  }

  /** Inserts the next row; must run inside an IMMEDIATE transaction. */
  private insertNext(kind: StoredLogRow['kind'], userId: string, userKey: Buffer | null, noticeHash: string, input: RowInput): StoredLogRow {
    const row = nextLogRow(this.c.keys, this.head(), kind, userId, userKey, noticeHash, input);
    this.c.stmt(`INSERT INTO ${this.c.t.log} (${LOG_COLUMNS}) VALUES (${LOG_PLACEHOLDERS})`).run(...logInsertValues(row));
    return row;
  }

  private systemRecord(kind: 'purge' | 'erasure', userId: string, note: string): StoredLogRow {
    return this.insertNext(kind, userId, null, '', systemRowInput(kind, note));
  }

  private appendTx: ((input: AcknowledgementInput) => StoredLogRow) | undefined;

  async append(input: AcknowledgementInput): Promise<AcknowledgementRecord> {
    validateAckInput(input);
    const { db, t } = this.c;
    this.appendTx ??= db.transaction((inp: AcknowledgementInput) => {
      const now = new Date().toISOString();
      try {
        this.c.stmt(`INSERT INTO ${t.usedTokens} (token_id, used_at, expires_at) VALUES (?, ?, ?)`).run(inp.tokenId, now, inp.tokenExpiresAt ? inp.tokenExpiresAt.toISOString() : null);
      } catch (err) {
        if (isUniqueViolation(err)) throw new PreflightError('pii_ack_replayed');
        throw err;
      }
      const noticeHash = sha256Hex(inp.noticeText);
      this.c.stmt(`INSERT OR IGNORE INTO ${t.notices} (hash, text, created_at) VALUES (?, ?, ?)`).run(noticeHash, inp.noticeText, now);
      return this.insertNext('ack', inp.userId, this.userKey(inp.userId, true), noticeHash, ackRowInput(inp));
    }).immediate;
    const tx = this.appendTx;
    return logRecord(this.c.keys, this.c.runSync(() => tx(input)));
  }

  async get(id: string): Promise<AcknowledgementRecord | null> {
    const r = this.c.runSync(() => this.c.stmt(`SELECT * FROM ${this.c.t.log} WHERE id = ?`).get(id) as LogDbRow | undefined);
    return r ? logRecord(this.c.keys, logRowFromDb(r)) : null;
  }

  /** The notice text for a notice hash (texts are stored once). */
  async notice(hash: string): Promise<string | null> {
    const r = this.c.runSync(() => this.c.stmt(`SELECT text FROM ${this.c.t.notices} WHERE hash = ?`).get(hash) as { text: string } | undefined);
    return r ? r.text : null;
  }

  private page(query: Omit<ListQuery, 'cursor' | 'limit'>, afterSeq: number, limit: number): StoredLogRow[] {
    const filters = logFilters(query);
    const desc = query.order === 'desc';
    const where = [desc ? 'seq < ?' : 'seq > ?', ...filters.map(([col, op]) => `${col} ${op} ?`)];
    const params: (string | number)[] = [afterSeq, ...filters.map(([, , v]) => v), limit];
    const rows = this.c.runSync(() => this.c.stmt(`SELECT * FROM ${this.c.t.log} WHERE ${where.join(' AND ')} ORDER BY seq${desc ? ' DESC' : ''} LIMIT ?`).all(...params) as LogDbRow[]);
    return rows.map(logRowFromDb);
  }

  async list(query: ListQuery = {}): Promise<Page<AcknowledgementRecord>> {
    const limit = clampLimit(query.limit);
    const after = listAfterSeq(query.cursor, query.order);
    return logPage(this.c.keys, this.page(query, after, limit + 1), limit, query.order);
  }

  async countSince(userId: string, since: Date): Promise<number> {
    const r = this.c.runSync(
      () => this.c.stmt(`SELECT COUNT(*) AS n FROM ${this.c.t.log} WHERE user_id = ? AND kind = 'ack' AND created_at >= ?`).get(userId, since.toISOString()) as { n: number },
    );
    return r.n;
  }

  private allCheckpoints(): StoredCheckpoint[] {
    return this.c.runSync(() => (this.c.stmt(`SELECT * FROM ${this.c.t.checkpoints} ORDER BY rowid_`).all() as CheckpointDbRow[]).map(checkpointFromDb));
  }

  private allRows(): AsyncIterable<StoredLogRow> {
    return logRowsAfter(-1, (after, limit) => this.page({}, after, limit));
  }

  async verify(options: { checkpoints?: SignedCheckpoint[] } = {}): Promise<VerifyResult> {
    return verifyLog({
      keys: this.c.keys,
      checkpoints: async () => this.allCheckpoints(),
      rows: () => this.allRows(),
      userKey: async (userId) => this.c.runSync(() => this.userKey(userId, false)),
      extras: (row) => personalExtras(this.c.keys, row),
    }, options.checkpoints);
  }

  private writeCheckpoint(kind: 'anchor' | 'manual', seq: number, count: number, headHash: string): StoredCheckpoint {
    const cp = newCheckpoint(this.c.keys, kind, seq, count, headHash);
    this.c.stmt(`INSERT INTO ${this.c.t.checkpoints} (${CHECKPOINT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(...checkpointInsertValues(cp));
    return cp;
  }

  async checkpoint(): Promise<SignedCheckpoint> {
    const { db, t } = this.c;
    return this.c.runSync(() =>
      db
        .transaction(() => {
          const anchor = this.latestAnchor();
          const head = this.head();
          const live = this.c.stmt(`SELECT COUNT(*) AS n FROM ${t.log} WHERE seq > ?`).get(anchor ? anchor.seq : 0) as { n: number };
          return publicCheckpoint(this.writeCheckpoint('manual', head.seq, (anchor ? anchor.count : 0) + live.n, head.hash));
        })
        .immediate(),
    );
  }

  async checkpoints(): Promise<SignedCheckpoint[]> {
    return this.allCheckpoints().map(publicCheckpoint);
  }

  async eraseUser(userId: string): Promise<{ erased: number }> {
    requireEraseUserId(userId);
    const { db, t } = this.c;
    return this.c.runSync(() =>
      db
        .transaction(() => {
          const key = this.userKey(userId, false);
          this.openedKeys.clear();
          let erased = 0;
          let name = 'system';
          if (key) {
            name = pseudonym(userRef(userId, key));
            erased = this.c.stmt(`UPDATE ${t.log} SET user_id = ?, personal_enc = NULL WHERE user_id = ? AND kind = 'ack'`).run(name, userId).changes;
          }
          const lookups = JSON.stringify(userLookups(this.c.keys, userId));
          this.c.stmt(`DELETE FROM ${t.userKeys} WHERE lookup IN (SELECT value FROM json_each(?))`).run(lookups);
          this.c.stmt(`DELETE FROM ${t.preferences} WHERE user_id = ?`).run(userId);
          this.c.stmt(`DELETE FROM ${t.warnings} WHERE user_lookup IN (SELECT value FROM json_each(?))`).run(lookups);
          this.systemRecord('erasure', name, `erased ${erased} record(s)`);
          return { erased };
        })
        .immediate(),
    );
  }

  async purge(options: { olderThan: Date }): Promise<{ purged: number }> {
    const cutoff = purgeCutoff(options);
    const { db, t } = this.c;
    return this.c.runSync(() =>
      db
        .transaction(() => {
          const now = new Date().toISOString();
          this.c.stmt(`DELETE FROM ${t.usedTokens} WHERE (expires_at IS NOT NULL AND expires_at < ?) OR (expires_at IS NULL AND used_at < ?)`).run(now, cutoff);
          // Only a prefix of the chain can go: stop at the first record that must be kept.
          const keep = this.c.stmt(`SELECT MIN(seq) AS s FROM ${t.log} WHERE created_at >= ?`).get(cutoff) as { s: number | null };
          const last = (keep.s === null
            ? this.c.stmt(`SELECT * FROM ${t.log} ORDER BY seq DESC LIMIT 1`).get()
            : this.c.stmt(`SELECT * FROM ${t.log} WHERE seq < ? ORDER BY seq DESC LIMIT 1`).get(keep.s)) as LogDbRow | undefined;
          if (!last) return { purged: 0 };
          const anchor = this.latestAnchor();
          const purged = this.c.stmt(`DELETE FROM ${t.log} WHERE seq <= ?`).run(last.seq).changes;
          this.writeCheckpoint('anchor', last.seq, (anchor ? anchor.count : 0) + purged, last.hash);
          this.systemRecord('purge', 'system', `purged ${purged} record(s) created before ${cutoff}`);
          return { purged };
        })
        .immediate(),
    );
  }

  export(format: 'jsonl' | 'csv', query: Omit<ListQuery, 'cursor' | 'limit'> = {}): AsyncIterable<string> {
    return exportLines(this.c.keys, format, () => logRowsAfter(0, (after, limit) => this.page(query, after, limit)));
  }
}
