/**
 * The acknowledgement log on PostgreSQL. Every write to the chain (append, erasure, purge,
 * checkpoint) takes one transaction-scoped advisory lock before it reads the head, so appends
 * from any number of app instances form one line; `seq` is the primary key besides, so a fork
 * could not be stored even without the lock. Tokens are single-use by the `used_tokens` primary
 * key, inside the same transaction: a refused or failed append leaves the token unused.
 */
import { randomUUID } from 'node:crypto';
import { PreflightError } from '../../errors';
import {
  GENESIS_HASH,
  buildRow,
  pseudonym,
  toExportedRecord,
  toRecord,
  userRef,
  verifyLog,
  type PersonalExtras,
  type StoredCheckpoint,
  type StoredLogRow,
} from '../chain';
import { decrypt, encrypt, hmacHex, newUserKey, sha256Hex, signCheckpoint } from '../crypto';
import { csvHeader, csvRow } from '../csv';
import { clampLimit, decodeCursor, encodeCursor } from '../cursor';
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

interface LogDbRow {
  seq: string;
  id: string;
  kind: string;
  user_id: string;
  user_ref: string;
  created_at: Date;
  policy_version: string;
  notice_hash: string;
  notice_version: string;
  locale: string;
  method: string;
  reason: string;
  content_hash: string;
  fields: string;
  findings: string;
  action: string;
  personal_ref: string;
  personal_enc: string | null;
  prev_hash: string;
  hash: string;
}

interface CheckpointDbRow {
  kind: string;
  seq: string;
  count: string;
  head_hash: string;
  created_at: Date;
  signature: string;
  public_key: string;
}

const PAGE = 500;

export function fromPgRow(r: LogDbRow): StoredLogRow {
  return {
    id: r.id,
    seq: Number(r.seq),
    kind: r.kind as StoredLogRow['kind'],
    userId: r.user_id,
    userRef: r.user_ref,
    createdAt: r.created_at.toISOString(),
    policyVersion: r.policy_version,
    noticeHash: r.notice_hash,
    noticeVersion: r.notice_version,
    locale: r.locale,
    method: r.method as StoredLogRow['method'],
    reason: r.reason as StoredLogRow['reason'],
    contentHash: r.content_hash,
    fields: JSON.parse(r.fields) as string[],
    findings: JSON.parse(r.findings) as StoredLogRow['findings'],
    action: r.action as StoredLogRow['action'],
    personalRef: r.personal_ref,
    personalEnc: r.personal_enc,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

function toCheckpoint(r: CheckpointDbRow): StoredCheckpoint {
  return {
    kind: r.kind === 'anchor' ? 'anchor' : 'manual',
    seq: Number(r.seq),
    count: Number(r.count),
    headHash: r.head_hash,
    createdAt: r.created_at.toISOString(),
    signature: r.signature,
    publicKey: r.public_key,
  };
}

function publicCheckpoint(cp: StoredCheckpoint): SignedCheckpoint {
  const { kind: _kind, ...rest } = cp;
  return rest;
}

type RowInput = Parameters<typeof buildRow>[0]['input'];

export class PgAckLog implements AcknowledgementLog {
  constructor(private readonly c: PgContext) {}

  private lookup(userId: string): string {
    return hmacHex(this.c.keys.hmacKey, `user:${userId}`);
  }

  private async userKey(q: Query, userId: string): Promise<Buffer | null> {
    const rows = await q<{ key: string }>(`SELECT key FROM ${this.c.t.userKeys} WHERE lookup = $1`, [this.lookup(userId)]);
    return rows[0] ? Buffer.from(rows[0].key, 'hex') : null;
  }

  private async latestAnchor(q: Query): Promise<StoredCheckpoint | null> {
    const rows = await q<CheckpointDbRow>(`SELECT * FROM ${this.c.t.checkpoints} WHERE kind = 'anchor' ORDER BY rowid_ DESC LIMIT 1`);
    return rows[0] ? toCheckpoint(rows[0]) : null;
  }

  private async head(q: Query): Promise<{ seq: number; hash: string }> {
    const rows = await q<{ seq: string; hash: string }>(`SELECT seq, hash FROM ${this.c.t.log} ORDER BY seq DESC LIMIT 1`);
    if (rows[0]) return { seq: Number(rows[0].seq), hash: rows[0].hash };
    const anchor = await this.latestAnchor(q);
    return anchor ? { seq: anchor.seq, hash: anchor.headHash } : { seq: 0, hash: GENESIS_HASH };
  }

  private extras(row: StoredLogRow): PersonalExtras {
    return row.personalEnc ? (JSON.parse(decrypt(this.c.keys.encryptionKey, row.personalEnc, `ack:${row.id}:personal`)) as PersonalExtras) : {};
  }

  private record(row: StoredLogRow): AcknowledgementRecord {
    return toRecord(row, this.extras(row));
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
    const head = knownHead ?? (await this.head(q));
    const row = buildRow({
      id: randomUUID(),
      seq: head.seq + 1,
      prevHash: head.hash,
      createdAt: new Date().toISOString(),
      kind,
      userId,
      userKey,
      noticeHash,
      input,
      encryptPersonal: (json, id) => encrypt(this.c.keys.encryptionKey, json, `ack:${id}:personal`),
    });
    await q(
      `INSERT INTO ${this.c.t.log} (seq, id, kind, user_id, user_ref, created_at, policy_version, notice_hash, notice_version, locale,
        method, reason, content_hash, fields, findings, action, personal_ref, personal_enc, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)`,
      [
        row.seq, row.id, row.kind, row.userId, row.userRef, row.createdAt, row.policyVersion, row.noticeHash, row.noticeVersion, row.locale,
        row.method, row.reason, row.contentHash, JSON.stringify(row.fields), JSON.stringify(row.findings), row.action, row.personalRef,
        row.personalEnc, row.prevHash, row.hash,
      ],
    );
    return row;
  }

  private systemRecord(q: Query, kind: 'purge' | 'erasure', userId: string, note: string): Promise<StoredLogRow> {
    return this.insertNext(q, kind, userId, null, '', {
      policyVersion: '',
      noticeVersion: '',
      locale: '',
      method: 'system',
      reason: 'unspecified',
      note,
      contentHash: '',
      fields: [],
      findings: [],
      action: kind,
    });
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
      const state = await q<{ new_key: string | null; old_key: string | null; head_seq: string | null; head_hash: string | null; anchor_seq: string | null; anchor_hash: string | null }>(
        `WITH n AS (INSERT INTO ${t.notices} (hash, text, created_at) VALUES ($1, $2, $3) ON CONFLICT (hash) DO NOTHING),
              k AS (INSERT INTO ${t.userKeys} (lookup, key, created_at) VALUES ($4, $5, $3) ON CONFLICT (lookup) DO NOTHING RETURNING key)
         SELECT (SELECT key FROM k) AS new_key,
                (SELECT key FROM ${t.userKeys} WHERE lookup = $4) AS old_key,
                h.seq AS head_seq, h.hash AS head_hash, a.seq AS anchor_seq, a.head_hash AS anchor_hash
         FROM (SELECT 1) one
         LEFT JOIN (SELECT seq, hash FROM ${t.log} ORDER BY seq DESC LIMIT 1) h ON true
         LEFT JOIN (SELECT seq, head_hash FROM ${t.checkpoints} WHERE kind = 'anchor' ORDER BY rowid_ DESC LIMIT 1) a ON true`,
        [noticeHash, input.noticeText, now, lookup, newUserKey().toString('hex')],
      );
      const st = state[0];
      const keyHex = st?.old_key ?? st?.new_key;
      if (!st || !keyHex) throw new PreflightError('store_unavailable', 'The user key could not be stored.');
      const head = st.head_seq !== null && st.head_hash !== null
        ? { seq: Number(st.head_seq), hash: st.head_hash }
        : st.anchor_seq !== null && st.anchor_hash !== null ? { seq: Number(st.anchor_seq), hash: st.anchor_hash } : { seq: 0, hash: GENESIS_HASH };
      const { tokenId: _t, tokenExpiresAt: _e, noticeText: _n, userId: _u, ...rest } = input;
      return this.insertNext(q, 'ack', input.userId, Buffer.from(keyHex, 'hex'), noticeHash, rest, head);
    });
    return this.record(row);
  }

  async get(id: string): Promise<AcknowledgementRecord | null> {
    const rows = await this.c.q<LogDbRow>(`SELECT * FROM ${this.c.t.log} WHERE id = $1`, [id]);
    return rows[0] ? this.record(fromPgRow(rows[0])) : null;
  }

  /** The notice text for a notice hash (texts are stored once). */
  async notice(hash: string): Promise<string | null> {
    const rows = await this.c.q<{ text: string }>(`SELECT text FROM ${this.c.t.notices} WHERE hash = $1`, [hash]);
    return rows[0] ? rows[0].text : null;
  }

  private async page(query: Omit<ListQuery, 'cursor' | 'limit'>, afterSeq: number, limit: number): Promise<StoredLogRow[]> {
    const params: unknown[] = [afterSeq];
    const where: string[] = ['seq > $1'];
    if (query.userId !== undefined) {
      params.push(query.userId);
      where.push(`user_id = $${params.length}`);
    }
    if (query.from) {
      params.push(query.from.toISOString());
      where.push(`created_at >= $${params.length}`);
    }
    if (query.to) {
      params.push(query.to.toISOString());
      where.push(`created_at <= $${params.length}`);
    }
    params.push(limit);
    const rows = await this.c.q<LogDbRow>(`SELECT * FROM ${this.c.t.log} WHERE ${where.join(' AND ')} ORDER BY seq LIMIT $${params.length}`, params);
    return rows.map(fromPgRow);
  }

  async list(query: ListQuery = {}): Promise<Page<AcknowledgementRecord>> {
    const limit = clampLimit(query.limit);
    let after = 0;
    if (query.cursor) {
      const c = decodeCursor(query.cursor);
      if (typeof c.s !== 'number') throw new PreflightError('invalid_input', 'The cursor is not valid for this list.');
      after = c.s;
    }
    const rows = await this.page(query, after, limit + 1);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items: items.map((r) => this.record(r)), nextCursor: rows.length > limit && last ? encodeCursor({ s: last.seq }) : null };
  }

  async countSince(userId: string, since: Date): Promise<number> {
    const rows = await this.c.q<{ n: string }>(
      `SELECT COUNT(*) AS n FROM ${this.c.t.log} WHERE user_id = $1 AND kind = 'ack' AND created_at >= $2`,
      [userId, since.toISOString()],
    );
    return Number(rows[0]?.n ?? 0);
  }

  private async allCheckpoints(): Promise<StoredCheckpoint[]> {
    return (await this.c.q<CheckpointDbRow>(`SELECT * FROM ${this.c.t.checkpoints} ORDER BY rowid_`)).map(toCheckpoint);
  }

  private async *allRows(): AsyncIterable<StoredLogRow> {
    let after = -1;
    for (;;) {
      const batch = await this.page({}, after, PAGE);
      yield* batch;
      const last = batch[batch.length - 1];
      if (!last || batch.length < PAGE) return;
      after = last.seq;
    }
  }

  async verify(): Promise<VerifyResult> {
    return verifyLog({
      checkpoints: () => this.allCheckpoints(),
      rows: () => this.allRows(),
      userKey: (userId) => this.userKey(this.c.q, userId),
      extras: (row) => this.extras(row),
    });
  }

  private async writeCheckpoint(q: Query, kind: 'anchor' | 'manual', seq: number, count: number, headHash: string): Promise<StoredCheckpoint> {
    const createdAt = new Date().toISOString();
    const signature = signCheckpoint(this.c.keys, { seq, count, headHash, createdAt });
    const cp: StoredCheckpoint = { kind, seq, count, headHash, createdAt, signature, publicKey: this.c.keys.publicKeyPem };
    await q(
      `INSERT INTO ${this.c.t.checkpoints} (kind, seq, count, head_hash, created_at, signature, public_key) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [kind, seq, count, headHash, createdAt, signature, cp.publicKey],
    );
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
    if (typeof userId !== 'string' || userId === '') throw new PreflightError('invalid_input', 'eraseUser: userId must be a non-empty string.');
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
        await q(`DELETE FROM ${t.userKeys} WHERE lookup = $1`, [this.lookup(userId)]);
      }
      await q(`DELETE FROM ${t.preferences} WHERE user_id = $1`, [userId]);
      await q(`DELETE FROM ${t.warnings} WHERE user_lookup = $1`, [this.lookup(userId)]);
      await this.systemRecord(q, 'erasure', name, `erased ${erased} record(s)`);
      return { erased };
    });
  }

  async purge(options: { olderThan: Date }): Promise<{ purged: number }> {
    if (!options || !(options.olderThan instanceof Date) || Number.isNaN(options.olderThan.getTime())) {
      throw new PreflightError('invalid_input', 'purge: olderThan must be a valid Date.');
    }
    const cutoff = options.olderThan.toISOString();
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

  async *export(format: 'jsonl' | 'csv', query: Omit<ListQuery, 'cursor' | 'limit'> = {}): AsyncIterable<string> {
    if (format !== 'jsonl' && format !== 'csv') throw new PreflightError('invalid_input', `export: format must be jsonl or csv (got ${String(format)}).`);
    if (format === 'csv') yield csvHeader();
    let after = 0;
    for (;;) {
      const batch = await this.page(query, after, PAGE);
      for (const row of batch) {
        const rec = toExportedRecord(row, this.extras(row));
        yield format === 'csv' ? csvRow(rec) : `${JSON.stringify(rec)}\n`;
      }
      const last = batch[batch.length - 1];
      if (!last || batch.length < PAGE) return;
      after = last.seq;
    }
  }
}
