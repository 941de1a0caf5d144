/**
 * The acknowledgement log on PostgreSQL. Every write to the chain (append, erasure, purge,
 * checkpoint) takes one transaction-scoped advisory lock before it reads the head, so appends
 * from any number of app instances form one line; `seq` is the primary key besides, so a fork
 * could not be stored even without the lock. Tokens are single-use by the `used_tokens` primary
 * key, inside the same transaction: a refused or failed append leaves the token unused.
 */
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
import type { PgContext, Query } from './context';

type LogDbRow = LogDbRowOf<string, Date>;
type CheckpointDbRow = CheckpointDbRowOf<string, Date>;

const LOG_PLACEHOLDERS = LOG_COLUMNS.split(',').map((_, i) => `$${i + 1}`).join(', ');

export class PgAckLog implements AcknowledgementLog {
  constructor(private readonly c: PgContext) {}

  private lookup(userId: string): string {
    return userLookup(this.c.keys, userId);
  }

  /** The user's key and the row it was found in, under the lookup of any secret of the keyring (current first). */
  private async userKeyRow(q: Query, userId: string): Promise<{ lookup: string; stored: string; key: Buffer } | null> {
    const lookups = userLookups(this.c.keys, userId);
    const rows = await q<{ lookup: string; key: string }>(`SELECT lookup, key FROM ${this.c.t.userKeys} WHERE lookup = ANY($1::text[])`, [lookups]);
    const row = lookups.map((l) => rows.find((r) => r.lookup === l)).find((r) => r !== undefined);
    return row ? { lookup: row.lookup, stored: row.key, key: openUserKey(this.c.keys, row.lookup, row.key) } : null;
  }

  private async userKey(q: Query, userId: string): Promise<Buffer | null> {
    return (await this.userKeyRow(q, userId))?.key ?? null;
  }

  /** Seals every per-user key still stored in the clear (stores written before 0.2); returns how many. */
  async sealPlainUserKeys(): Promise<number> {
    const { t, keys } = this.c;
    return this.c.tx(async (q) => {
      const plain = await q<{ lookup: string; key: string }>(`SELECT lookup, key FROM ${t.userKeys} WHERE length(key) = 64 FOR UPDATE`);
      for (const r of plain) await q(`UPDATE ${t.userKeys} SET key = $1 WHERE lookup = $2`, [sealUserKey(keys, r.lookup, openUserKey(keys, r.lookup, r.key)), r.lookup]);
      return plain.length;
    });
  }

  private async latestAnchor(q: Query): Promise<StoredCheckpoint | null> {
    const rows = await q<CheckpointDbRow>(`SELECT * FROM ${this.c.t.checkpoints} WHERE kind = 'anchor' ORDER BY rowid_ DESC LIMIT 1`);
    return rows[0] ? checkpointFromDb(rows[0]) : null;
  }

  private async head(q: Query): Promise<{ seq: number; hash: string }> {
    const rows = await q<{ seq: string; hash: string }>(`SELECT seq, hash FROM ${this.c.t.log} ORDER BY seq DESC LIMIT 1`);
    if (rows[0]) return { seq: Number(rows[0].seq), hash: rows[0].hash };
    return chainHead(null, await this.latestAnchor(q));
  }

  /** Inserts the next row; the caller holds the log lock in its transaction. */
  private async insertNext(
    q: Query,
    kind: StoredLogRow['kind'],
    userId: string,
    userKey: Buffer | null,
    noticeHash: string,
    input: RowInput,
    knownHead?: { seq: number; hash: string },
  ): Promise<StoredLogRow> {
    const row = nextLogRow(this.c.keys, knownHead ?? (await this.head(q)), kind, userId, userKey, noticeHash, input);
    await q(`INSERT INTO ${this.c.t.log} (${LOG_COLUMNS}) VALUES (${LOG_PLACEHOLDERS})`, logInsertValues(row));
    return row;
  }

  private systemRecord(q: Query, kind: 'purge' | 'erasure', userId: string, note: string): Promise<StoredLogRow> {
    return this.insertNext(q, kind, userId, null, '', systemRowInput(kind, note));
  }

  /**
   * One acknowledgement, one transaction, five round trips: BEGIN; use the token and take the
   * log lock; store the notice, fetch (or create) the user's key and read the head; insert; COMMIT.
   */
  async append(input: AcknowledgementInput): Promise<AcknowledgementRecord> {
    validateAckInput(input);
    const { t } = this.c;
    const row = await this.c.tx(async (q) => {
      const now = new Date().toISOString();
      const used = await q<{ used: number }>(
        `WITH tok AS (INSERT INTO ${t.usedTokens} (token_id, used_at, expires_at) VALUES ($1, $2, $3) ON CONFLICT (token_id) DO NOTHING RETURNING 1)
         SELECT (SELECT COUNT(*) FROM tok)::int AS used, ${this.c.lockExpr('$4', '$5')} AS locked`,
        [input.tokenId, now, input.tokenExpiresAt ? input.tokenExpiresAt.toISOString() : null, ...this.c.lockParams('log')],
      );
      if (used[0]?.used !== 1) throw new PreflightError('pii_ack_replayed');
      // A new statement: its snapshot is taken after the lock was granted, so the head is current.
      const noticeHash = sha256Hex(input.noticeText);
      const lookup = this.lookup(input.userId);
      // A key under an old secret's lookup (or in the clear) is sealed again under the current one first.
      const older = this.c.keys.ring.length > 1 ? await this.userKeyRow(q, input.userId) : null;
      if (older && userKeyNeedsReseal(this.c.keys, lookup, older.lookup, older.stored)) {
        await q(`UPDATE ${t.userKeys} SET lookup = $1, key = $2 WHERE lookup = $3`, [lookup, sealUserKey(this.c.keys, lookup, older.key), older.lookup]);
      }
      const fresh = newUserKey();
      const state = await q<{ new_key: string | null; old_key: string | null; head_seq: string | null; head_hash: string | null; anchor_seq: string | null; anchor_hash: string | null }>(
        `WITH n AS (INSERT INTO ${t.notices} (hash, text, created_at) VALUES ($1, $2, $3) ON CONFLICT (hash) DO NOTHING),
              k AS (INSERT INTO ${t.userKeys} (lookup, key, created_at) VALUES ($4, $5, $3) ON CONFLICT (lookup) DO NOTHING RETURNING key)
         SELECT (SELECT key FROM k) AS new_key,
                (SELECT key FROM ${t.userKeys} WHERE lookup = $4) AS old_key,
                h.seq AS head_seq, h.hash AS head_hash, a.seq AS anchor_seq, a.head_hash AS anchor_hash
         FROM (SELECT 1) one
         LEFT JOIN (SELECT seq, hash FROM ${t.log} ORDER BY seq DESC LIMIT 1) h ON true
         LEFT JOIN (SELECT seq, head_hash FROM ${t.checkpoints} WHERE kind = 'anchor' ORDER BY rowid_ DESC LIMIT 1) a ON true`,
        [noticeHash, input.noticeText, now, lookup, sealUserKey(this.c.keys, lookup, fresh)],
      );
      const st = state[0];
      const stored = st?.old_key ?? st?.new_key;
      if (!st || !stored) throw new PreflightError('store_unavailable', 'The user key could not be stored.');
      const head = chainHead(
        st.head_seq !== null && st.head_hash !== null ? { seq: Number(st.head_seq), hash: st.head_hash } : null,
        st.anchor_seq !== null && st.anchor_hash !== null ? { seq: Number(st.anchor_seq), headHash: st.anchor_hash } : null,
      );
      return this.insertNext(q, 'ack', input.userId, openUserKey(this.c.keys, lookup, stored), noticeHash, ackRowInput(input), head);
    });
    return logRecord(this.c.keys, row);
  }

  async get(id: string): Promise<AcknowledgementRecord | null> {
    const rows = await this.c.q<LogDbRow>(`SELECT * FROM ${this.c.t.log} WHERE id = $1`, [id]);
    return rows[0] ? logRecord(this.c.keys, logRowFromDb(rows[0])) : null;
  }

  /** The notice text for a notice hash (texts are stored once). */
  async notice(hash: string): Promise<string | null> {
    const rows = await this.c.q<{ text: string }>(`SELECT text FROM ${this.c.t.notices} WHERE hash = $1`, [hash]);
    return rows[0] ? rows[0].text : null;
  }

  private async page(query: Omit<ListQuery, 'cursor' | 'limit'>, afterSeq: number, limit: number): Promise<StoredLogRow[]> {
    const filters = logFilters(query);
    const desc = query.order === 'desc';
    const where = [desc ? 'seq < $1' : 'seq > $1', ...filters.map(([col, op], i) => `${col} ${op} $${i + 2}`)];
    const params: unknown[] = [afterSeq, ...filters.map(([, , v]) => v), limit];
    const rows = await this.c.q<LogDbRow>(`SELECT * FROM ${this.c.t.log} WHERE ${where.join(' AND ')} ORDER BY seq${desc ? ' DESC' : ''} LIMIT $${params.length}`, params);
    return rows.map(logRowFromDb);
  }

  async list(query: ListQuery = {}): Promise<Page<AcknowledgementRecord>> {
    const limit = clampLimit(query.limit);
    const after = listAfterSeq(query.cursor, query.order);
    return logPage(this.c.keys, await this.page(query, after, limit + 1), limit, query.order);
  }

  async countSince(userId: string, since: Date): Promise<number> {
    const rows = await this.c.q<{ n: string }>(
      `SELECT COUNT(*) AS n FROM ${this.c.t.log} WHERE user_id = $1 AND kind = 'ack' AND created_at >= $2`,
      [userId, since.toISOString()],
    );
    return Number(rows[0]?.n ?? 0);
  }

  private async allCheckpoints(): Promise<StoredCheckpoint[]> {
    return (await this.c.q<CheckpointDbRow>(`SELECT * FROM ${this.c.t.checkpoints} ORDER BY rowid_`)).map(checkpointFromDb);
  }

  private allRows(): AsyncIterable<StoredLogRow> {
    return logRowsAfter(-1, (after, limit) => this.page({}, after, limit));
  }

  async verify(options: { checkpoints?: SignedCheckpoint[] } = {}): Promise<VerifyResult> {
    return verifyLog({
      keys: this.c.keys,
      checkpoints: () => this.allCheckpoints(),
      rows: () => this.allRows(),
      userKey: (userId) => this.userKey(this.c.q, userId),
      extras: (row) => personalExtras(this.c.keys, row),
    }, options.checkpoints);
  }

  private async writeCheckpoint(q: Query, kind: 'anchor' | 'manual', seq: number, count: number, headHash: string): Promise<StoredCheckpoint> {
    const cp = newCheckpoint(this.c.keys, kind, seq, count, headHash);
    await q(`INSERT INTO ${this.c.t.checkpoints} (${CHECKPOINT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, checkpointInsertValues(cp));
    return cp;
  }

  async checkpoint(): Promise<SignedCheckpoint> {
    const { t } = this.c;
    return this.c.tx(async (q) => {
      await this.c.lock(q, 'log');
      const anchor = await this.latestAnchor(q);
      const head = await this.head(q);
      const live = await q<{ n: string }>(`SELECT COUNT(*) AS n FROM ${t.log} WHERE seq > $1`, [anchor ? anchor.seq : 0]);
      return publicCheckpoint(await this.writeCheckpoint(q, 'manual', head.seq, (anchor ? anchor.count : 0) + Number(live[0]?.n ?? 0), head.hash));
    });
  }

  async checkpoints(): Promise<SignedCheckpoint[]> {
    return (await this.allCheckpoints()).map(publicCheckpoint);
  }

  async eraseUser(userId: string): Promise<{ erased: number }> {
    requireEraseUserId(userId);
    const { t } = this.c;
    return this.c.tx(async (q) => {
      await this.c.lock(q, 'log');
      const key = await this.userKey(q, userId);
      let erased = 0;
      let name = 'system';
      if (key) {
        name = pseudonym(userRef(userId, key));
        const res = await q<{ n: string }>(
          `WITH u AS (UPDATE ${t.log} SET user_id = $1, personal_enc = NULL WHERE user_id = $2 AND kind = 'ack' RETURNING 1) SELECT COUNT(*) AS n FROM u`,
          [name, userId],
        );
        erased = Number(res[0]?.n ?? 0);
      }
      const lookups = userLookups(this.c.keys, userId);
      await q(`DELETE FROM ${t.userKeys} WHERE lookup = ANY($1::text[])`, [lookups]);
      await q(`DELETE FROM ${t.preferences} WHERE user_id = $1`, [userId]);
      await q(`DELETE FROM ${t.warnings} WHERE user_lookup = ANY($1::text[])`, [lookups]);
      await this.systemRecord(q, 'erasure', name, `erased ${erased} record(s)`);
      return { erased };
    });
  }

  async purge(options: { olderThan: Date }): Promise<{ purged: number }> {
    const cutoff = purgeCutoff(options);
    const { t } = this.c;
    return this.c.tx(async (q) => {
      await this.c.lock(q, 'log');
      const now = new Date().toISOString();
      await q(`DELETE FROM ${t.usedTokens} WHERE (expires_at IS NOT NULL AND expires_at < $1) OR (expires_at IS NULL AND used_at < $2)`, [now, cutoff]);
      // Only a prefix of the chain can go: stop at the first record that must be kept.
      const keep = await q<{ s: string | null }>(`SELECT MIN(seq) AS s FROM ${t.log} WHERE created_at >= $1`, [cutoff]);
      const keepSeq = keep[0]?.s ?? null;
      const lastRows = keepSeq === null
        ? await q<LogDbRow>(`SELECT * FROM ${t.log} ORDER BY seq DESC LIMIT 1`)
        : await q<LogDbRow>(`SELECT * FROM ${t.log} WHERE seq < $1 ORDER BY seq DESC LIMIT 1`, [keepSeq]);
      const last = lastRows[0];
      if (!last) return { purged: 0 };
      const anchor = await this.latestAnchor(q);
      const del = await q<{ n: string }>(`WITH d AS (DELETE FROM ${t.log} WHERE seq <= $1 RETURNING 1) SELECT COUNT(*) AS n FROM d`, [last.seq]);
      const purged = Number(del[0]?.n ?? 0);
      await this.writeCheckpoint(q, 'anchor', Number(last.seq), (anchor ? anchor.count : 0) + purged, last.hash);
      await this.systemRecord(q, 'purge', 'system', `purged ${purged} record(s) created before ${cutoff}`);
      return { purged };
    });
  }

  export(format: 'jsonl' | 'csv', query: Omit<ListQuery, 'cursor' | 'limit'> = {}): AsyncIterable<string> {
    return exportLines(this.c.keys, format, () => logRowsAfter(0, (after, limit) => this.page(query, after, limit)));
  }
}
