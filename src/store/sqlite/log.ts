/** The acknowledgement log on SQLite: appends serialized by BEGIN IMMEDIATE across processes. */
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
import { isUniqueViolation, type SqliteContext } from './context';

interface LogDbRow {
  seq: number;
  id: string;
  kind: string;
  user_id: string;
  user_ref: string;
  created_at: string;
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
  seq: number;
  count: number;
  head_hash: string;
  created_at: string;
  signature: string;
  public_key: string;
}

const PAGE = 500;

export function fromDbRow(r: LogDbRow): StoredLogRow {
  return {
    id: r.id,
    seq: r.seq,
    kind: r.kind as StoredLogRow['kind'],
    userId: r.user_id,
    userRef: r.user_ref,
    createdAt: r.created_at,
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
    seq: r.seq,
    count: r.count,
    headHash: r.head_hash,
    createdAt: r.created_at,
    signature: r.signature,
    publicKey: r.public_key,
  };
}

function publicCheckpoint(cp: StoredCheckpoint): SignedCheckpoint {
  const { kind: _kind, ...rest } = cp;
  return rest;
}

export class SqliteAckLog implements AcknowledgementLog {
  constructor(private readonly c: SqliteContext) {}

  private lookup(userId: string): string {
    return hmacHex(this.c.keys.hmacKey, `user:${userId}`);
  }

  private userKey(userId: string, create: boolean): Buffer | null {
    const { t } = this.c;
    const row = this.c.stmt(`SELECT key FROM ${t.userKeys} WHERE lookup = ?`).get(this.lookup(userId)) as { key: string } | undefined;
    if (row) return Buffer.from(row.key, 'hex');
    if (!create) return null;
    const key = newUserKey();
    this.c.stmt(`INSERT INTO ${t.userKeys} (lookup, key, created_at) VALUES (?, ?, ?)`).run(this.lookup(userId), key.toString('hex'), new Date().toISOString());
    return key;
  }

  private latestAnchor(): StoredCheckpoint | null {
    const r = this.c.stmt(`SELECT * FROM ${this.c.t.checkpoints} WHERE kind = 'anchor' ORDER BY rowid_ DESC LIMIT 1`).get() as CheckpointDbRow | undefined;
    return r ? toCheckpoint(r) : null;
  }

  private head(): { seq: number; hash: string } {
    const r = this.c.stmt(`SELECT seq, hash FROM ${this.c.t.log} ORDER BY seq DESC LIMIT 1`).get() as { seq: number; hash: string } | undefined;
    if (r) return r;
    const anchor = this.latestAnchor();
    return anchor ? { seq: anchor.seq, hash: anchor.headHash } : { seq: 0, hash: GENESIS_HASH };
  }

  private extras(row: StoredLogRow): PersonalExtras {
    return row.personalEnc ? (JSON.parse(decrypt(this.c.keys.encryptionKey, row.personalEnc, `ack:${row.id}:personal`)) as PersonalExtras) : {};
  }

  private record(row: StoredLogRow): AcknowledgementRecord {
    return toRecord(row, this.extras(row));
  }

  /** Inserts the next row; must run inside an IMMEDIATE transaction. */
  private insertNext(
    kind: StoredLogRow['kind'],
    userId: string,
    userKey: Buffer | null,
    noticeHash: string,
    input: Parameters<typeof buildRow>[0]['input'],
  ): StoredLogRow {
    const head = this.head();
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
    this.c
      .stmt(
        `INSERT INTO ${this.c.t.log} (seq, id, kind, user_id, user_ref, created_at, policy_version, notice_hash, notice_version, locale,
          method, reason, content_hash, fields, findings, action, personal_ref, personal_enc, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        row.seq, row.id, row.kind, row.userId, row.userRef, row.createdAt, row.policyVersion, row.noticeHash, row.noticeVersion, row.locale,
        row.method, row.reason, row.contentHash, JSON.stringify(row.fields), JSON.stringify(row.findings), row.action, row.personalRef,
        row.personalEnc, row.prevHash, row.hash,
      );
    return row;
  }

  private systemRecord(kind: 'purge' | 'erasure', userId: string, note: string): StoredLogRow {
    return this.insertNext(kind, userId, null, '', {
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
      const { tokenId: _t, tokenExpiresAt: _e, noticeText: _n, userId: _u, ...rest } = inp;
      return this.insertNext('ack', inp.userId, this.userKey(inp.userId, true), noticeHash, rest);
    }).immediate;
    const tx = this.appendTx;
    return this.record(this.c.runSync(() => tx(input)));
  }

  async get(id: string): Promise<AcknowledgementRecord | null> {
    const r = this.c.runSync(() => this.c.stmt(`SELECT * FROM ${this.c.t.log} WHERE id = ?`).get(id) as LogDbRow | undefined);
    return r ? this.record(fromDbRow(r)) : null;
  }

  /** The notice text for a notice hash (texts are stored once). */
  async notice(hash: string): Promise<string | null> {
    const r = this.c.runSync(() => this.c.stmt(`SELECT text FROM ${this.c.t.notices} WHERE hash = ?`).get(hash) as { text: string } | undefined);
    return r ? r.text : null;
  }

  private page(query: Omit<ListQuery, 'cursor' | 'limit'>, afterSeq: number, limit: number): StoredLogRow[] {
    const where: string[] = ['seq > ?'];
    const params: (string | number)[] = [afterSeq];
    if (query.userId !== undefined) {
      where.push('user_id = ?');
      params.push(query.userId);
    }
    if (query.from) {
      where.push('created_at >= ?');
      params.push(query.from.toISOString());
    }
    if (query.to) {
      where.push('created_at <= ?');
      params.push(query.to.toISOString());
    }
    params.push(limit);
    const rows = this.c.runSync(() => this.c.stmt(`SELECT * FROM ${this.c.t.log} WHERE ${where.join(' AND ')} ORDER BY seq LIMIT ?`).all(...params) as LogDbRow[]);
    return rows.map(fromDbRow);
  }

  async list(query: ListQuery = {}): Promise<Page<AcknowledgementRecord>> {
    const limit = clampLimit(query.limit);
    let after = 0;
    if (query.cursor) {
      const c = decodeCursor(query.cursor);
      if (typeof c.s !== 'number') throw new PreflightError('invalid_input', 'The cursor is not valid for this list.');
      after = c.s;
    }
    const rows = this.page(query, after, limit + 1);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items: items.map((r) => this.record(r)), nextCursor: rows.length > limit && last ? encodeCursor({ s: last.seq }) : null };
  }

  async countSince(userId: string, since: Date): Promise<number> {
    const r = this.c.runSync(
      () => this.c.stmt(`SELECT COUNT(*) AS n FROM ${this.c.t.log} WHERE user_id = ? AND kind = 'ack' AND created_at >= ?`).get(userId, since.toISOString()) as { n: number },
    );
    return r.n;
  }

  private allCheckpoints(): StoredCheckpoint[] {
    return this.c.runSync(() => (this.c.stmt(`SELECT * FROM ${this.c.t.checkpoints} ORDER BY rowid_`).all() as CheckpointDbRow[]).map(toCheckpoint));
  }

  private async *allRows(): AsyncIterable<StoredLogRow> {
    let after = -1;
    for (;;) {
      const batch = this.page({}, after, PAGE);
      yield* batch;
      const last = batch[batch.length - 1];
      if (!last || batch.length < PAGE) return;
      after = last.seq;
    }
  }

  async verify(): Promise<VerifyResult> {
    return verifyLog({
      checkpoints: async () => this.allCheckpoints(),
      rows: () => this.allRows(),
      userKey: async (userId) => this.c.runSync(() => this.userKey(userId, false)),
      extras: (row) => this.extras(row),
    });
  }

  private writeCheckpoint(kind: 'anchor' | 'manual', seq: number, count: number, headHash: string): StoredCheckpoint {
    const createdAt = new Date().toISOString();
    const signature = signCheckpoint(this.c.keys, { seq, count, headHash, createdAt });
    const cp: StoredCheckpoint = { kind, seq, count, headHash, createdAt, signature, publicKey: this.c.keys.publicKeyPem };
    this.c
      .stmt(`INSERT INTO ${this.c.t.checkpoints} (kind, seq, count, head_hash, created_at, signature, public_key) VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(kind, seq, count, headHash, createdAt, signature, cp.publicKey);
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
    if (typeof userId !== 'string' || userId === '') throw new PreflightError('invalid_input', 'eraseUser: userId must be a non-empty string.');
    const { db, t } = this.c;
    return this.c.runSync(() =>
      db
        .transaction(() => {
          const key = this.userKey(userId, false);
          let erased = 0;
          let name = 'system';
          if (key) {
            name = pseudonym(userRef(userId, key));
            erased = this.c.stmt(`UPDATE ${t.log} SET user_id = ?, personal_enc = NULL WHERE user_id = ? AND kind = 'ack'`).run(name, userId).changes;
            this.c.stmt(`DELETE FROM ${t.userKeys} WHERE lookup = ?`).run(this.lookup(userId));
          }
          this.c.stmt(`DELETE FROM ${t.preferences} WHERE user_id = ?`).run(userId);
          this.c.stmt(`DELETE FROM ${t.warnings} WHERE user_lookup = ?`).run(this.lookup(userId));
          this.systemRecord('erasure', name, `erased ${erased} record(s)`);
          return { erased };
        })
        .immediate(),
    );
  }

  async purge(options: { olderThan: Date }): Promise<{ purged: number }> {
    if (!options || !(options.olderThan instanceof Date) || Number.isNaN(options.olderThan.getTime())) {
      throw new PreflightError('invalid_input', 'purge: olderThan must be a valid Date.');
    }
    const cutoff = options.olderThan.toISOString();
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

  async *export(format: 'jsonl' | 'csv', query: Omit<ListQuery, 'cursor' | 'limit'> = {}): AsyncIterable<string> {
    if (format !== 'jsonl' && format !== 'csv') throw new PreflightError('invalid_input', `export: format must be jsonl or csv (got ${String(format)}).`);
    if (format === 'csv') yield csvHeader();
    let after = 0;
    for (;;) {
      const batch = this.page(query, after, PAGE);
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
