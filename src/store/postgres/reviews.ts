/**
 * The review queue on PostgreSQL: encrypted fields, an append-only audit trail, and races
 * between moderators on several instances settled by a row lock (`SELECT … FOR UPDATE`) plus an
 * optimistic version check in the UPDATE: of two moderators acting on one item, exactly one wins,
 * the other gets `conflict`.
 */
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
import type { AuditEntry, Page, ReviewActInput, ReviewItem, ReviewItemInput, ReviewQuery, ReviewQueue, ReviewStatus, StoredFinding } from '../types';
import { validateReviewInput } from '../validate';
import type { PgContext, Query } from './context';

type ReviewRow = ReviewRowOf<StoredFinding[], Date>;
type AuditRow = AuditRowOf<Date>;

export class PgReviewQueue implements ReviewQueue {
  constructor(private readonly c: PgContext) {}

  private async row(q: Query, id: string, forUpdate = false): Promise<ReviewRow | undefined> {
    return (await q<ReviewRow>(`SELECT * FROM ${this.c.t.reviews} WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]))[0];
  }

  private toItem(r: ReviewRow, reveal: boolean): ReviewItem {
    return reviewItemFromRow(this.c.keys, r, reveal);
  }

  private async addAudit(q: Query, itemId: string, moderatorId: string, action: AuditEntry['action'], reason?: string, details?: Record<string, unknown>): Promise<void> {
    await q(
      `INSERT INTO ${this.c.t.audit} (${AUDIT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      auditInsertValues(this.c.keys, itemId, moderatorId, action, reason, details),
    );
  }

  private async mustRow(q: Query, id: string): Promise<ReviewRow> {
    const r = await this.row(q, id);
    if (!r) throw new PreflightError('store_unavailable', 'The review item vanished while it was written.');
    return r;
  }

  async upsert(input: ReviewItemInput): Promise<ReviewItem> {
    const findings = validateReviewInput(input);
    const { t } = this.c;
    const format = String(input.format ?? 'plain');
    const r = await this.c.tx(async (q) => {
      const now = new Date().toISOString();
      let existing = (await q<ReviewRow>(`SELECT * FROM ${t.reviews} WHERE post_ref = $1 FOR UPDATE`, [input.postRef]))[0];
      if (!existing) {
        const id = randomUUID();
        const { fieldsEnc, heldEnc } = encryptReviewInput(this.c.keys, id, input);
        const inserted = await q<{ id: string }>(
          `INSERT INTO ${t.reviews} (id, post_ref, author_id, status, version, format, fields_enc, findings, held_enc, acknowledgement_id,
            claimed_by, created_at, updated_at, resolved_at, resolved_by, resolution_enc)
           VALUES ($1, $2, $3, 'pending', 1, $4, $5, $6::jsonb, $7, $8, NULL, $9, $9, NULL, NULL, NULL)
           ON CONFLICT (post_ref) DO NOTHING RETURNING id`,
          [id, input.postRef, input.authorId, format, fieldsEnc, JSON.stringify(findings), heldEnc, input.acknowledgementId ?? null, now],
        );
        if (inserted[0]) return this.mustRow(q, id);
        // Another instance created it meanwhile: this call becomes an edit of that item.
        existing = (await q<ReviewRow>(`SELECT * FROM ${t.reviews} WHERE post_ref = $1 FOR UPDATE`, [input.postRef]))[0];
        if (!existing) throw new PreflightError('store_unavailable', 'The review item vanished while it was written.');
      }
      checkSameAuthor(existing.author_id, input);
      const id = existing.id;
      const edit = editAudit(existing.status);
      const { fieldsEnc, heldEnc } = encryptReviewInput(this.c.keys, id, input);
      await q(
        `UPDATE ${t.reviews} SET format = $1, fields_enc = $2, findings = $3::jsonb, held_enc = $4, acknowledgement_id = $5,
          status = CASE WHEN $6 THEN 'pending' ELSE status END,
          claimed_by = CASE WHEN $6 THEN NULL ELSE claimed_by END,
          resolved_at = CASE WHEN $6 THEN NULL ELSE resolved_at END,
          resolved_by = CASE WHEN $6 THEN NULL ELSE resolved_by END,
          resolution_enc = CASE WHEN $6 THEN NULL ELSE resolution_enc END,
          version = version + 1, updated_at = $7 WHERE id = $8`,
        [format, fieldsEnc, JSON.stringify(findings), heldEnc, input.acknowledgementId ?? existing.acknowledgement_id, edit.reopen, now, id],
      );
      await this.addAudit(q, id, 'system', edit.action, undefined, edit.details);
      return this.mustRow(q, id);
    });
    return this.toItem(r, false);
  }

  async get(id: string, options: { reveal?: boolean } = {}): Promise<ReviewItem | null> {
    const r = await this.row(this.c.q, id);
    return r ? this.toItem(r, options.reveal === true) : null;
  }

  async list(query: ReviewQuery = {}): Promise<Page<ReviewItem> & { counts: Record<ReviewStatus, number> }> {
    const limit = clampLimit(query.limit);
    const sort = reviewListSort(query);
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (query.type !== undefined) add((n) => `EXISTS (SELECT 1 FROM jsonb_array_elements(findings) j WHERE j->>'type' = ${n})`, query.type);
    if (query.subject !== undefined) add((n) => `EXISTS (SELECT 1 FROM jsonb_array_elements(findings) j WHERE j->>'subject' = ${n})`, query.subject);
    for (const [col, op, value] of reviewColumnFilters(query)) add((n) => `${col} ${op} ${n}`, value);
    // Counts per status honour every filter except status itself (the dashboard's tabs).
    const countWhere = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const countParams = [...params];
    const statuses = reviewListStatuses(query);
    if (statuses.length) add((n) => `status = ANY(${n}::text[])`, statuses);
    const cmp = sort === 'oldest' ? '>' : '<';
    if (query.cursor) {
      const c = reviewCursor(query.cursor, true);
      params.push(c.c, c.i);
      const [pc, pi] = [`$${params.length - 1}::timestamptz`, `$${params.length}`];
      where.push(`(created_at ${cmp} ${pc} OR (created_at = ${pc} AND id ${cmp} ${pi}))`);
    }
    const dir = sort === 'oldest' ? 'ASC' : 'DESC';
    const { t } = this.c;
    params.push(limit + 1);
    const [rows, countRows] = await Promise.all([
      this.c.q<ReviewRow>(`SELECT * FROM ${t.reviews} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at ${dir}, id ${dir} LIMIT $${params.length}`, params),
      this.c.q<{ status: ReviewStatus; n: string }>(`SELECT status, COUNT(*) AS n FROM ${t.reviews} ${countWhere} GROUP BY status`, countParams),
    ]);
    return reviewPage(this.c.keys, rows, limit, countRows);
  }

  /** Locks an open item's row and checks the claim and version; throws not_found / conflict. */
  private async open(q: Query, id: string, moderatorId: string, version: number | undefined): Promise<ReviewRow> {
    return checkOpen(await this.row(q, id, true), id, moderatorId, version);
  }

  async claim(id: string, moderatorId: string, version?: number): Promise<ReviewItem> {
    requireModerator(moderatorId);
    const r = await this.c.tx(async (q) => {
      const cur = await this.open(q, id, moderatorId, version);
      if (cur.claimed_by === moderatorId) return cur;
      const res = await q(
        `UPDATE ${this.c.t.reviews} SET claimed_by = $1, version = version + 1, updated_at = $2 WHERE id = $3 AND version = $4 AND claimed_by IS NULL RETURNING id`,
        [moderatorId, new Date().toISOString(), id, cur.version],
      );
      if (res.length !== 1) throw changedConflict();
      await this.addAudit(q, id, moderatorId, 'claim');
      return this.mustRow(q, id);
    });
    return this.toItem(r, false);
  }

  async unclaim(id: string, moderatorId: string): Promise<ReviewItem> {
    requireModerator(moderatorId);
    const r = await this.c.tx(async (q) => {
      const cur = await this.open(q, id, moderatorId, undefined);
      if (cur.claimed_by === null) return cur;
      const res = await q(
        `UPDATE ${this.c.t.reviews} SET claimed_by = NULL, version = version + 1, updated_at = $1 WHERE id = $2 AND version = $3 RETURNING id`,
        [new Date().toISOString(), id, cur.version],
      );
      if (res.length !== 1) throw changedConflict();
      await this.addAudit(q, id, moderatorId, 'unclaim');
      return this.mustRow(q, id);
    });
    return this.toItem(r, false);
  }

  async act(id: string, input: ReviewActInput): Promise<ReviewItem> {
    validateActInput(input);
    const r = await this.c.tx(async (q) => {
      const cur = await this.open(q, id, input.moderatorId, input.version);
      const now = new Date().toISOString();
      const out = actOutcome(this.c.keys, cur, input);
      const res = await q(
        `UPDATE ${this.c.t.reviews} SET status = $1, version = version + 1, updated_at = $2, claimed_by = NULL,
          resolved_at = $3, resolved_by = $4, resolution_enc = $5 WHERE id = $6 AND version = $7 RETURNING id`,
        [out.status, now, out.resolved ? now : null, out.resolved ? input.moderatorId : null, out.resolutionEnc, id, cur.version],
      );
      if (res.length !== 1) throw changedConflict();
      await this.addAudit(q, id, input.moderatorId, input.action, input.reason, out.details);
      return this.mustRow(q, id);
    });
    return this.toItem(r, false);
  }

  async reveal(id: string, moderatorId: string, findingIndex: number): Promise<string> {
    requireModerator(moderatorId);
    return this.c.tx(async (q) => {
      const { value, details } = revealFinding(this.c.keys, await this.row(q, id), id, findingIndex);
      await this.addAudit(q, id, moderatorId, 'reveal', undefined, details);
      return value;
    });
  }

  async audit(id: string): Promise<AuditEntry[]> {
    const rows = await this.c.q<AuditRow>(`SELECT * FROM ${this.c.t.audit} WHERE item_id = $1 ORDER BY seq`, [id]);
    return rows.map((a) => auditEntryFromRow(this.c.keys, a));
  }
}
