/** The review queue on SQLite: encrypted fields, optimistic locking, append-only audit trail. */
import { randomUUID } from 'node:crypto';
import { PreflightError } from '../../errors';
import { clampLimit } from '../cursor';
import {
  AUDIT_COLUMNS,
  actOutcome,
  auditEntryFromRow,
  auditInsertValues,
  changedConflict,
  checkOpen,
  checkSameAuthor,
  editAudit,
  encryptReviewInput,
  requireModerator,
  revealFinding,
  reviewColumnFilters,
  reviewCursor,
  reviewItemFromRow,
  reviewListSort,
  reviewListStatuses,
  reviewPage,
  validateActInput,
  type AuditRowOf,
  type ReviewRowOf,
} from '../review-logic';
import type { AuditEntry, Page, ReviewActInput, ReviewItem, ReviewItemInput, ReviewQuery, ReviewQueue, ReviewStatus } from '../types';
import { validateReviewInput } from '../validate';
import type { SqliteContext } from './context';

type ReviewRow = ReviewRowOf<string, string>;
type AuditRow = AuditRowOf<string>;

export class SqliteReviewQueue implements ReviewQueue {
  constructor(private readonly c: SqliteContext) {}

  private row(id: string): ReviewRow | undefined {
    return this.c.stmt(`SELECT * FROM ${this.c.t.reviews} WHERE id = ?`).get(id) as ReviewRow | undefined;
  }

  private toItem(r: ReviewRow, reveal: boolean): ReviewItem {
    return reviewItemFromRow(this.c.keys, r, reveal);
  }

  private addAudit(itemId: string, moderatorId: string, action: AuditEntry['action'], reason?: string, details?: Record<string, unknown>): void {
    this.c
      .stmt(`INSERT INTO ${this.c.t.audit} (${AUDIT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(...auditInsertValues(this.c.keys, itemId, moderatorId, action, reason, details));
  }

  async upsert(input: ReviewItemInput): Promise<ReviewItem> {
    const findings = validateReviewInput(input);
    const { db, t } = this.c;
    return this.c.runSync(() =>
      db
        .transaction(() => {
          const now = new Date().toISOString();
          const existing = this.c.stmt(`SELECT * FROM ${t.reviews} WHERE post_ref = ?`).get(input.postRef) as ReviewRow | undefined;
          if (existing) checkSameAuthor(existing.author_id, input);
          const id = existing ? existing.id : randomUUID();
          const { fieldsEnc, heldEnc } = encryptReviewInput(this.c.keys, id, input);
          if (!existing) {
            this.c
              .stmt(
                `INSERT INTO ${t.reviews} (id, post_ref, author_id, status, version, format, fields_enc, findings, held_enc, acknowledgement_id,
                  claimed_by, created_at, updated_at, resolved_at, resolved_by, resolution_enc)
                 VALUES (?, ?, ?, 'pending', 1, ?, ?, ?, ?, ?, NULL, ?, ?, NULL, NULL, NULL)`,
              )
              .run(id, input.postRef, input.authorId, String(input.format ?? 'plain'), fieldsEnc, JSON.stringify(findings), heldEnc, input.acknowledgementId ?? null, now, now);
          } else {
            const edit = editAudit(existing.status);
            const reopen = edit.reopen ? 1 : 0;
            this.c
              .stmt(
                `UPDATE ${t.reviews} SET format = ?, fields_enc = ?, findings = ?, held_enc = ?, acknowledgement_id = ?,
                  status = CASE WHEN ? THEN 'pending' ELSE status END,
                  claimed_by = CASE WHEN ? THEN NULL ELSE claimed_by END,
                  resolved_at = CASE WHEN ? THEN NULL ELSE resolved_at END,
                  resolved_by = CASE WHEN ? THEN NULL ELSE resolved_by END,
                  resolution_enc = CASE WHEN ? THEN NULL ELSE resolution_enc END,
                  version = version + 1, updated_at = ? WHERE id = ?`,
              )
              .run(
                String(input.format ?? 'plain'), fieldsEnc, JSON.stringify(findings), heldEnc,
                input.acknowledgementId ?? existing.acknowledgement_id, reopen, reopen, reopen, reopen, reopen, now, id,
              );
            this.addAudit(id, 'system', edit.action, undefined, edit.details);
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
    const sort = reviewListSort(query);
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
    for (const [col, op, value] of reviewColumnFilters(query)) {
      where.push(`${col} ${op} ?`);
      params.push(value);
    }
    // Counts per status honour every filter except status itself (the dashboard's tabs).
    const countWhere = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const countParams = [...params];
    const statuses = reviewListStatuses(query);
    if (statuses.length) {
      where.push(`status IN (${statuses.map(() => '?').join(', ')})`);
      params.push(...statuses);
    }
    const cmp = sort === 'oldest' ? '>' : '<';
    if (query.cursor) {
      const c = reviewCursor(query.cursor, false);
      where.push(`(created_at ${cmp} ? OR (created_at = ? AND id ${cmp} ?))`);
      params.push(c.c, c.c, c.i);
    }
    const dir = sort === 'oldest' ? 'ASC' : 'DESC';
    const { t } = this.c;
    return this.c.runSync(() => {
      const rows = this.c
        .stmt(`SELECT * FROM ${t.reviews} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at ${dir}, id ${dir} LIMIT ?`)
        .all(...params, limit + 1) as ReviewRow[];
      const countRows = this.c.stmt(`SELECT status, COUNT(*) AS n FROM ${t.reviews} ${countWhere} GROUP BY status`).all(...countParams) as { status: ReviewStatus; n: number }[];
      return reviewPage(this.c.keys, rows, limit, countRows);
    });
  }

  /** Loads an open item and checks the lock; throws not_found / conflict. */
  private open(id: string, moderatorId: string, version: number | undefined): ReviewRow {
    return checkOpen(this.row(id), id, moderatorId, version);
  }

  async claim(id: string, moderatorId: string, version?: number): Promise<ReviewItem> {
    requireModerator(moderatorId);
    return this.c.runSync(() =>
      this.c.db
        .transaction(() => {
          const r = this.open(id, moderatorId, version);
          if (r.claimed_by === moderatorId) return this.toItem(r, false);
          const res = this.c
            .stmt(`UPDATE ${this.c.t.reviews} SET claimed_by = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ? AND claimed_by IS NULL`)
            .run(moderatorId, new Date().toISOString(), id, r.version);
          if (res.changes !== 1) throw changedConflict();
          this.addAudit(id, moderatorId, 'claim');
          return this.toItem(this.row(id) as ReviewRow, false);
        })
        .immediate(),
    );
  }

  async unclaim(id: string, moderatorId: string): Promise<ReviewItem> {
    requireModerator(moderatorId);
    return this.c.runSync(() =>
      this.c.db
        .transaction(() => {
          const r = this.open(id, moderatorId, undefined);
          if (r.claimed_by === null) return this.toItem(r, false);
          const res = this.c
            .stmt(`UPDATE ${this.c.t.reviews} SET claimed_by = NULL, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`)
            .run(new Date().toISOString(), id, r.version);
          if (res.changes !== 1) throw changedConflict();
          this.addAudit(id, moderatorId, 'unclaim');
          return this.toItem(this.row(id) as ReviewRow, false);
        })
        .immediate(),
    );
  }

  async act(id: string, input: ReviewActInput): Promise<ReviewItem> {
    validateActInput(input);
    return this.c.runSync(() =>
      this.c.db
        .transaction(() => {
          const r = this.open(id, input.moderatorId, input.version);
          const now = new Date().toISOString();
          const out = actOutcome(this.c.keys, r, input);
          const res = this.c
            .stmt(
              `UPDATE ${this.c.t.reviews} SET status = ?, version = version + 1, updated_at = ?, claimed_by = NULL,
                resolved_at = ?, resolved_by = ?, resolution_enc = ? WHERE id = ? AND version = ?`,
            )
            .run(out.status, now, out.resolved ? now : null, out.resolved ? input.moderatorId : null, out.resolutionEnc, id, r.version);
          if (res.changes !== 1) throw changedConflict();
          this.addAudit(id, input.moderatorId, input.action, input.reason, out.details);
          return this.toItem(this.row(id) as ReviewRow, false);
        })
        .immediate(),
    );
  }

  async reveal(id: string, moderatorId: string, findingIndex: number): Promise<string> {
    requireModerator(moderatorId);
    return this.c.runSync(() =>
      this.c.db
        .transaction(() => {
          const { value, details } = revealFinding(this.c.keys, this.row(id), id, findingIndex);
          this.addAudit(id, moderatorId, 'reveal', undefined, details);
          return value;
        })
        .immediate(),
    );
  }

  async audit(id: string): Promise<AuditEntry[]> {
    const rows = this.c.runSync(() => this.c.stmt(`SELECT * FROM ${this.c.t.audit} WHERE item_id = ? ORDER BY seq`).all(id) as AuditRow[]);
    return rows.map((a) => auditEntryFromRow(this.c.keys, a));
  }
}
