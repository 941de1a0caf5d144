/** The review queue on SQLite: encrypted fields, optimistic locking, append-only audit trail. */
import { randomUUID } from 'node:crypto';
import { PreflightError } from '../../errors';
import { decrypt, encrypt } from '../crypto';
import { clampLimit, decodeCursor, encodeCursor } from '../cursor';
import { maskFields, redactFields } from '../review-text';
import type {
  AuditEntry,
  Page,
  ReviewActInput,
  ReviewItem,
  ReviewItemInput,
  ReviewQuery,
  ReviewQueue,
  ReviewResolution,
  ReviewStatus,
  StoredFinding,
} from '../types';
import { REVIEW_STATUSES, validateReviewInput } from '../validate';
import type { SqliteContext } from './context';

interface ReviewRow {
  id: string;
  post_ref: string;
  author_id: string;
  status: string;
  version: number;
  format: string;
  fields_enc: string;
  findings: string;
  held_enc: string;
  acknowledgement_id: string | null;
  claimed_by: string | null;
  created_at: string;
  updated_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
  resolution_enc: string | null;
}

interface AuditRow {
  id: string;
  item_id: string;
  moderator_id: string;
  action: string;
  reason_enc: string | null;
  details_enc: string | null;
  created_at: string;
}

/** What the resolution blob holds: the public resolution plus the findings left after a redaction. */
interface StoredResolution extends ReviewResolution {
  remaining?: StoredFinding[];
}

const OPEN: ReviewStatus[] = ['pending', 'escalated'];
const ACTIONS = ['approve', 'reject', 'redact', 'escalate'];
const STATUS_OF: Record<string, ReviewStatus> = { approve: 'approved', reject: 'rejected', redact: 'redacted', escalate: 'escalated' };

function conflict(message: string): PreflightError {
  return new PreflightError('conflict', message);
}

export class SqliteReviewQueue implements ReviewQueue {
  constructor(private readonly c: SqliteContext) {}

  private enc(value: unknown, context: string): string {
    return encrypt(this.c.keys.encryptionKey, JSON.stringify(value), context);
  }

  private dec<T>(blob: string, context: string): T {
    return JSON.parse(decrypt(this.c.keys.encryptionKey, blob, context)) as T;
  }

  private row(id: string): ReviewRow | undefined {
    return this.c.stmt(`SELECT * FROM ${this.c.t.reviews} WHERE id = ?`).get(id) as ReviewRow | undefined;
  }

  private toItem(r: ReviewRow, reveal: boolean): ReviewItem {
    const findings = JSON.parse(r.findings) as StoredFinding[];
    const fields = this.dec<Record<string, string>>(r.fields_enc, `review:${r.id}:fields`);
    let resolution: ReviewResolution | null = null;
    if (r.resolution_enc) {
      const { remaining, ...res } = this.dec<StoredResolution>(r.resolution_enc, `review:${r.id}:resolution`);
      resolution = res;
      if (res.fields && !reveal) resolution = { ...res, fields: maskFields(res.fields, remaining ?? []) };
    }
    return {
      id: r.id,
      status: r.status as ReviewStatus,
      version: r.version,
      postRef: r.post_ref,
      authorId: r.author_id,
      format: r.format,
      fields: reveal ? fields : maskFields(fields, findings),
      findings,
      heldBecause: this.dec(r.held_enc, `review:${r.id}:held`),
      acknowledgementId: r.acknowledgement_id,
      claimedBy: r.claimed_by,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      resolvedAt: r.resolved_at,
      resolvedBy: r.resolved_by,
      resolution,
    };
  }

  private addAudit(itemId: string, moderatorId: string, action: AuditEntry['action'], reason?: string, details?: Record<string, unknown>): void {
    const id = randomUUID();
    this.c
      .stmt(`INSERT INTO ${this.c.t.audit} (id, item_id, moderator_id, action, reason_enc, details_enc, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(
        id,
        itemId,
        moderatorId,
        action,
        reason === undefined ? null : this.enc(reason, `audit:${id}:reason`),
        details === undefined ? null : this.enc(details, `audit:${id}:details`),
        new Date().toISOString(),
      );
  }

  async upsert(input: ReviewItemInput): Promise<ReviewItem> {
    const findings = validateReviewInput(input);
    const { db, t } = this.c;
    return this.c.runSync(() =>
      db
        .transaction(() => {
          const now = new Date().toISOString();
          const existing = this.c.stmt(`SELECT * FROM ${t.reviews} WHERE post_ref = ?`).get(input.postRef) as ReviewRow | undefined;
          const id = existing ? existing.id : randomUUID();
          const fieldsEnc = this.enc(input.fields, `review:${id}:fields`);
          const heldEnc = this.enc(input.heldBecause, `review:${id}:held`);
          if (!existing) {
            this.c
              .stmt(
                `INSERT INTO ${t.reviews} (id, post_ref, author_id, status, version, format, fields_enc, findings, held_enc, acknowledgement_id,
                  claimed_by, created_at, updated_at, resolved_at, resolved_by, resolution_enc)
                 VALUES (?, ?, ?, 'pending', 1, ?, ?, ?, ?, ?, NULL, ?, ?, NULL, NULL, NULL)`,
              )
              .run(id, input.postRef, input.authorId, String(input.format ?? 'plain'), fieldsEnc, JSON.stringify(findings), heldEnc, input.acknowledgementId ?? null, now, now);
          } else {
            const reopen = !OPEN.includes(existing.status as ReviewStatus);
            this.c
              .stmt(
                `UPDATE ${t.reviews} SET author_id = ?, format = ?, fields_enc = ?, findings = ?, held_enc = ?, acknowledgement_id = ?,
                  status = CASE WHEN ? THEN 'pending' ELSE status END,
                  claimed_by = CASE WHEN ? THEN NULL ELSE claimed_by END,
                  resolved_at = CASE WHEN ? THEN NULL ELSE resolved_at END,
                  resolved_by = CASE WHEN ? THEN NULL ELSE resolved_by END,
                  resolution_enc = CASE WHEN ? THEN NULL ELSE resolution_enc END,
                  version = version + 1, updated_at = ? WHERE id = ?`,
              )
              .run(
                input.authorId, String(input.format ?? 'plain'), fieldsEnc, JSON.stringify(findings), heldEnc,
                input.acknowledgementId ?? existing.acknowledgement_id, reopen ? 1 : 0, reopen ? 1 : 0, reopen ? 1 : 0, reopen ? 1 : 0, reopen ? 1 : 0, now, id,
              );
            this.addAudit(id, 'system', reopen ? 'reopen' : 'update', undefined, reopen ? { previousStatus: existing.status, by: 'author edit' } : { by: 'author edit' });
          }
          const r = this.row(id);
          if (!r) throw new PreflightError('store_unavailable', 'The review item vanished while it was written.');
          return this.toItem(r, false);
        })
        .immediate(),
    );
  }

  async get(id: string, options: { reveal?: boolean } = {}): Promise<ReviewItem | null> {
    const r = this.c.runSync(() => this.row(id));
    return r ? this.toItem(r, options.reveal === true) : null;
  }

  async list(query: ReviewQuery = {}): Promise<Page<ReviewItem> & { counts: Record<ReviewStatus, number> }> {
    const limit = clampLimit(query.limit);
    const sort = query.sort ?? 'oldest';
    if (sort !== 'oldest' && sort !== 'newest') throw new PreflightError('invalid_input', 'reviews.list: sort must be oldest or newest.');
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (query.type !== undefined) {
      where.push(`EXISTS (SELECT 1 FROM json_each(findings) j WHERE json_extract(j.value, '$.type') = ?)`);
      params.push(query.type);
    }
    if (query.subject !== undefined) {
      where.push(`EXISTS (SELECT 1 FROM json_each(findings) j WHERE json_extract(j.value, '$.subject') = ?)`);
      params.push(query.subject);
    }
    if (query.author !== undefined) {
      where.push('author_id = ?');
      params.push(query.author);
    }
    if (query.from) {
      where.push('created_at >= ?');
      params.push(query.from.toISOString());
    }
    if (query.to) {
      where.push('created_at <= ?');
      params.push(query.to.toISOString());
    }
    // Counts per status honour every filter except status itself (the dashboard's tabs).
    const countWhere = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const countParams = [...params];
    const statuses = query.status === undefined ? [] : Array.isArray(query.status) ? query.status : [query.status];
    for (const s of statuses) {
      if (!REVIEW_STATUSES.includes(s)) throw new PreflightError('invalid_input', `reviews.list: unknown status ${JSON.stringify(s)}.`);
    }
    if (statuses.length) {
      where.push(`status IN (${statuses.map(() => '?').join(', ')})`);
      params.push(...statuses);
    }
    const cmp = sort === 'oldest' ? '>' : '<';
    if (query.cursor) {
      const c = decodeCursor(query.cursor);
      if (typeof c.c !== 'string' || typeof c.i !== 'string') throw new PreflightError('invalid_input', 'The cursor is not valid for this list.');
      where.push(`(created_at ${cmp} ? OR (created_at = ? AND id ${cmp} ?))`);
      params.push(c.c, c.c, c.i);
    }
    const dir = sort === 'oldest' ? 'ASC' : 'DESC';
    const { t } = this.c;
    return this.c.runSync(() => {
      const rows = this.c
        .stmt(`SELECT * FROM ${t.reviews} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at ${dir}, id ${dir} LIMIT ?`)
        .all(...params, limit + 1) as ReviewRow[];
      const counts = Object.fromEntries(REVIEW_STATUSES.map((s) => [s, 0])) as Record<ReviewStatus, number>;
      for (const r of this.c.stmt(`SELECT status, COUNT(*) AS n FROM ${t.reviews} ${countWhere} GROUP BY status`).all(...countParams) as { status: ReviewStatus; n: number }[]) {
        counts[r.status] = r.n;
      }
      const items = rows.slice(0, limit);
      const last = items[items.length - 1];
      return {
        items: items.map((r) => this.toItem(r, false)),
        nextCursor: rows.length > limit && last ? encodeCursor({ c: last.created_at, i: last.id }) : null,
        counts,
      };
    });
  }

  /** Loads an open item and checks the lock; throws not_found / conflict. */
  private open(id: string, moderatorId: string, version: number | undefined): ReviewRow {
    const r = this.row(id);
    if (!r) throw new PreflightError('not_found', `No review item ${id}.`);
    if (!OPEN.includes(r.status as ReviewStatus)) throw conflict(`The item is already resolved (${r.status}).`);
    if (r.claimed_by !== null && r.claimed_by !== moderatorId) throw conflict('The item is claimed by another moderator.');
    if (version !== undefined && version !== r.version) throw conflict(`The item changed (version ${r.version}, you saw ${version}).`);
    return r;
  }

  private requireModerator(moderatorId: string): void {
    if (typeof moderatorId !== 'string' || moderatorId === '') throw new PreflightError('invalid_input', 'moderatorId must be a non-empty string.');
  }

  async claim(id: string, moderatorId: string, version?: number): Promise<ReviewItem> {
    this.requireModerator(moderatorId);
    return this.c.runSync(() =>
      this.c.db
        .transaction(() => {
          const r = this.open(id, moderatorId, version);
          if (r.claimed_by === moderatorId) return this.toItem(r, false);
          const res = this.c
            .stmt(`UPDATE ${this.c.t.reviews} SET claimed_by = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ? AND claimed_by IS NULL`)
            .run(moderatorId, new Date().toISOString(), id, r.version);
          if (res.changes !== 1) throw conflict('The item was changed by someone else.');
          this.addAudit(id, moderatorId, 'claim');
          return this.toItem(this.row(id) as ReviewRow, false);
        })
        .immediate(),
    );
  }

  async unclaim(id: string, moderatorId: string): Promise<ReviewItem> {
    this.requireModerator(moderatorId);
    return this.c.runSync(() =>
      this.c.db
        .transaction(() => {
          const r = this.open(id, moderatorId, undefined);
          if (r.claimed_by === null) return this.toItem(r, false);
          const res = this.c
            .stmt(`UPDATE ${this.c.t.reviews} SET claimed_by = NULL, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`)
            .run(new Date().toISOString(), id, r.version);
          if (res.changes !== 1) throw conflict('The item was changed by someone else.');
          this.addAudit(id, moderatorId, 'unclaim');
          return this.toItem(this.row(id) as ReviewRow, false);
        })
        .immediate(),
    );
  }

  async act(id: string, input: ReviewActInput): Promise<ReviewItem> {
    if (!input || !ACTIONS.includes(input.action)) throw new PreflightError('invalid_input', `action must be one of ${ACTIONS.join(', ')}.`);
    this.requireModerator(input.moderatorId);
    if (input.reason !== undefined && typeof input.reason !== 'string') throw new PreflightError('invalid_input', 'reason must be a string.');
    return this.c.runSync(() =>
      this.c.db
        .transaction(() => {
          const r = this.open(id, input.moderatorId, input.version);
          const now = new Date().toISOString();
          const status = STATUS_OF[input.action] as ReviewStatus;
          const resolved = status !== 'escalated';
          const resolution: StoredResolution = { action: input.action };
          if (input.reason !== undefined) resolution.reason = input.reason;
          let details: Record<string, unknown> | undefined;
          if (input.action === 'redact') {
            const findings = JSON.parse(r.findings) as StoredFinding[];
            const chosen = input.findings ?? findings.map((_, i) => i);
            if (!Array.isArray(chosen) || chosen.some((i) => !Number.isInteger(i) || i < 0 || i >= findings.length)) {
              throw new PreflightError('invalid_input', `findings must be indexes 0..${findings.length - 1} into item.findings.`);
            }
            const fields = this.dec<Record<string, string>>(r.fields_enc, `review:${id}:fields`);
            const red = redactFields(fields, findings, chosen);
            resolution.fields = red.fields;
            resolution.remaining = red.remaining;
            details = { findings: chosen, before: maskFields(fields, findings), after: maskFields(red.fields, red.remaining) };
          }
          const res = this.c
            .stmt(
              `UPDATE ${this.c.t.reviews} SET status = ?, version = version + 1, updated_at = ?, claimed_by = NULL,
                resolved_at = ?, resolved_by = ?, resolution_enc = ? WHERE id = ? AND version = ?`,
            )
            .run(status, now, resolved ? now : null, resolved ? input.moderatorId : null, this.enc(resolution, `review:${id}:resolution`), id, r.version);
          if (res.changes !== 1) throw conflict('The item was changed by someone else.');
          this.addAudit(id, input.moderatorId, input.action, input.reason, details);
          return this.toItem(this.row(id) as ReviewRow, false);
        })
        .immediate(),
    );
  }

  async reveal(id: string, moderatorId: string, findingIndex: number): Promise<string> {
    this.requireModerator(moderatorId);
    return this.c.runSync(() =>
      this.c.db
        .transaction(() => {
          const r = this.row(id);
          if (!r) throw new PreflightError('not_found', `No review item ${id}.`);
          const findings = JSON.parse(r.findings) as StoredFinding[];
          const f = findings[findingIndex];
          if (!f) throw new PreflightError('invalid_input', `findingIndex must be 0..${findings.length - 1}.`);
          const fields = this.dec<Record<string, string>>(r.fields_enc, `review:${id}:fields`);
          this.addAudit(id, moderatorId, 'reveal', undefined, { findingIndex, field: f.field, type: f.type, masked: f.masked });
          return (fields[f.field] ?? '').slice(f.start, f.end);
        })
        .immediate(),
    );
  }

  async audit(id: string): Promise<AuditEntry[]> {
    const rows = this.c.runSync(() => this.c.stmt(`SELECT * FROM ${this.c.t.audit} WHERE item_id = ? ORDER BY seq`).all(id) as AuditRow[]);
    return rows.map((a) => {
      const e: AuditEntry = { id: a.id, itemId: a.item_id, moderatorId: a.moderator_id, action: a.action as AuditEntry['action'], createdAt: a.created_at };
      if (a.reason_enc) e.reason = this.dec<string>(a.reason_enc, `audit:${a.id}:reason`);
      if (a.details_enc) e.details = this.dec<Record<string, unknown>>(a.details_enc, `audit:${a.id}:details`);
      return e;
    });
  }
}
