/**
 * The review queue on PostgreSQL: encrypted fields, an append-only audit trail, and races
 * between moderators on several instances settled by a row lock (`SELECT … FOR UPDATE`) plus an
 * optimistic version check in the UPDATE: of two moderators acting on one item, exactly one wins,
 * the other gets `conflict`.
 */
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
import type { PgContext, Query } from './context';

interface ReviewRow {
  id: string;
  post_ref: string;
  author_id: string;
  status: string;
  version: number;
  format: string;
  fields_enc: string;
  findings: StoredFinding[];
  held_enc: string;
  acknowledgement_id: string | null;
  claimed_by: string | null;
  created_at: Date;
  updated_at: Date;
  resolved_at: Date | null;
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
  created_at: Date;
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

export class PgReviewQueue implements ReviewQueue {
  constructor(private readonly c: PgContext) {}

  private enc(value: unknown, context: string): string {
    return encrypt(this.c.keys.encryptionKey, JSON.stringify(value), context);
  }

  private dec<T>(blob: string, context: string): T {
    return JSON.parse(decrypt(this.c.keys.encryptionKey, blob, context)) as T;
  }

  private async row(q: Query, id: string, forUpdate = false): Promise<ReviewRow | undefined> {
    return (await q<ReviewRow>(`SELECT * FROM ${this.c.t.reviews} WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]))[0];
  }

  private toItem(r: ReviewRow, reveal: boolean): ReviewItem {
    const findings = r.findings;
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
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
      resolvedAt: r.resolved_at ? r.resolved_at.toISOString() : null,
      resolvedBy: r.resolved_by,
      resolution,
    };
  }

  private async addAudit(q: Query, itemId: string, moderatorId: string, action: AuditEntry['action'], reason?: string, details?: Record<string, unknown>): Promise<void> {
    const id = randomUUID();
    await q(
      `INSERT INTO ${this.c.t.audit} (id, item_id, moderator_id, action, reason_enc, details_enc, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        id,
        itemId,
        moderatorId,
        action,
        reason === undefined ? null : this.enc(reason, `audit:${id}:reason`),
        details === undefined ? null : this.enc(details, `audit:${id}:details`),
        new Date().toISOString(),
      ],
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
        const inserted = await q<{ id: string }>(
          `INSERT INTO ${t.reviews} (id, post_ref, author_id, status, version, format, fields_enc, findings, held_enc, acknowledgement_id,
            claimed_by, created_at, updated_at, resolved_at, resolved_by, resolution_enc)
           VALUES ($1, $2, $3, 'pending', 1, $4, $5, $6::jsonb, $7, $8, NULL, $9, $9, NULL, NULL, NULL)
           ON CONFLICT (post_ref) DO NOTHING RETURNING id`,
          [id, input.postRef, input.authorId, format, this.enc(input.fields, `review:${id}:fields`), JSON.stringify(findings),
            this.enc(input.heldBecause, `review:${id}:held`), input.acknowledgementId ?? null, now],
        );
        if (inserted[0]) return this.mustRow(q, id);
        // Another instance created it meanwhile: this call becomes an edit of that item.
        existing = (await q<ReviewRow>(`SELECT * FROM ${t.reviews} WHERE post_ref = $1 FOR UPDATE`, [input.postRef]))[0];
        if (!existing) throw new PreflightError('store_unavailable', 'The review item vanished while it was written.');
      }
      const id = existing.id;
      const reopen = !OPEN.includes(existing.status as ReviewStatus);
      await q(
        `UPDATE ${t.reviews} SET author_id = $1, format = $2, fields_enc = $3, findings = $4::jsonb, held_enc = $5, acknowledgement_id = $6,
          status = CASE WHEN $7 THEN 'pending' ELSE status END,
          claimed_by = CASE WHEN $7 THEN NULL ELSE claimed_by END,
          resolved_at = CASE WHEN $7 THEN NULL ELSE resolved_at END,
          resolved_by = CASE WHEN $7 THEN NULL ELSE resolved_by END,
          resolution_enc = CASE WHEN $7 THEN NULL ELSE resolution_enc END,
          version = version + 1, updated_at = $8 WHERE id = $9`,
        [input.authorId, format, this.enc(input.fields, `review:${id}:fields`), JSON.stringify(findings), this.enc(input.heldBecause, `review:${id}:held`),
          input.acknowledgementId ?? existing.acknowledgement_id, reopen, now, id],
      );
      await this.addAudit(q, id, 'system', reopen ? 'reopen' : 'update', undefined, reopen ? { previousStatus: existing.status, by: 'author edit' } : { by: 'author edit' });
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
    const sort = query.sort ?? 'oldest';
    if (sort !== 'oldest' && sort !== 'newest') throw new PreflightError('invalid_input', 'reviews.list: sort must be oldest or newest.');
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (query.type !== undefined) add((n) => `EXISTS (SELECT 1 FROM jsonb_array_elements(findings) j WHERE j->>'type' = ${n})`, query.type);
    if (query.subject !== undefined) add((n) => `EXISTS (SELECT 1 FROM jsonb_array_elements(findings) j WHERE j->>'subject' = ${n})`, query.subject);
    if (query.author !== undefined) add((n) => `author_id = ${n}`, query.author);
    if (query.from) add((n) => `created_at >= ${n}`, query.from.toISOString());
    if (query.to) add((n) => `created_at <= ${n}`, query.to.toISOString());
    // Counts per status honour every filter except status itself (the dashboard's tabs).
    const countWhere = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const countParams = [...params];
    const statuses = query.status === undefined ? [] : Array.isArray(query.status) ? query.status : [query.status];
    for (const s of statuses) {
      if (!REVIEW_STATUSES.includes(s)) throw new PreflightError('invalid_input', `reviews.list: unknown status ${JSON.stringify(s)}.`);
    }
    if (statuses.length) add((n) => `status = ANY(${n}::text[])`, statuses);
    const cmp = sort === 'oldest' ? '>' : '<';
    if (query.cursor) {
      const c = decodeCursor(query.cursor);
      if (typeof c.c !== 'string' || typeof c.i !== 'string' || Number.isNaN(new Date(c.c).getTime())) {
        throw new PreflightError('invalid_input', 'The cursor is not valid for this list.');
      }
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
    const counts = Object.fromEntries(REVIEW_STATUSES.map((s) => [s, 0])) as Record<ReviewStatus, number>;
    for (const r of countRows) counts[r.status] = Number(r.n);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map((r) => this.toItem(r, false)),
      nextCursor: rows.length > limit && last ? encodeCursor({ c: last.created_at.toISOString(), i: last.id }) : null,
      counts,
    };
  }

  /** Locks an open item's row and checks the claim and version; throws not_found / conflict. */
  private async open(q: Query, id: string, moderatorId: string, version: number | undefined): Promise<ReviewRow> {
    const r = await this.row(q, id, true);
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
    const r = await this.c.tx(async (q) => {
      const cur = await this.open(q, id, moderatorId, version);
      if (cur.claimed_by === moderatorId) return cur;
      const res = await q(
        `UPDATE ${this.c.t.reviews} SET claimed_by = $1, version = version + 1, updated_at = $2 WHERE id = $3 AND version = $4 AND claimed_by IS NULL RETURNING id`,
        [moderatorId, new Date().toISOString(), id, cur.version],
      );
      if (res.length !== 1) throw conflict('The item was changed by someone else.');
      await this.addAudit(q, id, moderatorId, 'claim');
      return this.mustRow(q, id);
    });
    return this.toItem(r, false);
  }

  async unclaim(id: string, moderatorId: string): Promise<ReviewItem> {
    this.requireModerator(moderatorId);
    const r = await this.c.tx(async (q) => {
      const cur = await this.open(q, id, moderatorId, undefined);
      if (cur.claimed_by === null) return cur;
      const res = await q(
        `UPDATE ${this.c.t.reviews} SET claimed_by = NULL, version = version + 1, updated_at = $1 WHERE id = $2 AND version = $3 RETURNING id`,
        [new Date().toISOString(), id, cur.version],
      );
      if (res.length !== 1) throw conflict('The item was changed by someone else.');
      await this.addAudit(q, id, moderatorId, 'unclaim');
      return this.mustRow(q, id);
    });
    return this.toItem(r, false);
  }

  async act(id: string, input: ReviewActInput): Promise<ReviewItem> {
    if (!input || !ACTIONS.includes(input.action)) throw new PreflightError('invalid_input', `action must be one of ${ACTIONS.join(', ')}.`);
    this.requireModerator(input.moderatorId);
    if (input.reason !== undefined && typeof input.reason !== 'string') throw new PreflightError('invalid_input', 'reason must be a string.');
    const r = await this.c.tx(async (q) => {
      const cur = await this.open(q, id, input.moderatorId, input.version);
      const now = new Date().toISOString();
      const status = STATUS_OF[input.action] as ReviewStatus;
      const resolved = status !== 'escalated';
      const resolution: StoredResolution = { action: input.action };
      if (input.reason !== undefined) resolution.reason = input.reason;
      let details: Record<string, unknown> | undefined;
      if (input.action === 'redact') {
        const findings = cur.findings;
        const chosen = input.findings ?? findings.map((_, i) => i);
        if (!Array.isArray(chosen) || chosen.some((i) => !Number.isInteger(i) || i < 0 || i >= findings.length)) {
          throw new PreflightError('invalid_input', `findings must be indexes 0..${findings.length - 1} into item.findings.`);
        }
        const fields = this.dec<Record<string, string>>(cur.fields_enc, `review:${id}:fields`);
        const red = redactFields(fields, findings, chosen);
        resolution.fields = red.fields;
        resolution.remaining = red.remaining;
        details = { findings: chosen, before: maskFields(fields, findings), after: maskFields(red.fields, red.remaining) };
      }
      const res = await q(
        `UPDATE ${this.c.t.reviews} SET status = $1, version = version + 1, updated_at = $2, claimed_by = NULL,
          resolved_at = $3, resolved_by = $4, resolution_enc = $5 WHERE id = $6 AND version = $7 RETURNING id`,
        [status, now, resolved ? now : null, resolved ? input.moderatorId : null, this.enc(resolution, `review:${id}:resolution`), id, cur.version],
      );
      if (res.length !== 1) throw conflict('The item was changed by someone else.');
      await this.addAudit(q, id, input.moderatorId, input.action, input.reason, details);
      return this.mustRow(q, id);
    });
    return this.toItem(r, false);
  }

  async reveal(id: string, moderatorId: string, findingIndex: number): Promise<string> {
    this.requireModerator(moderatorId);
    return this.c.tx(async (q) => {
      const r = await this.row(q, id);
      if (!r) throw new PreflightError('not_found', `No review item ${id}.`);
      const f = r.findings[findingIndex];
      if (!f) throw new PreflightError('invalid_input', `findingIndex must be 0..${r.findings.length - 1}.`);
      const fields = this.dec<Record<string, string>>(r.fields_enc, `review:${id}:fields`);
      await this.addAudit(q, id, moderatorId, 'reveal', undefined, { findingIndex, field: f.field, type: f.type, masked: f.masked });
      return (fields[f.field] ?? '').slice(f.start, f.end);
    });
  }

  async audit(id: string): Promise<AuditEntry[]> {
    const rows = await this.c.q<AuditRow>(`SELECT * FROM ${this.c.t.audit} WHERE item_id = $1 ORDER BY seq`, [id]);
    return rows.map((a) => {
      const e: AuditEntry = { id: a.id, itemId: a.item_id, moderatorId: a.moderator_id, action: a.action as AuditEntry['action'], createdAt: a.created_at.toISOString() };
      if (a.reason_enc) e.reason = this.dec<string>(a.reason_enc, `audit:${a.id}:reason`);
      if (a.details_enc) e.details = this.dec<Record<string, unknown>>(a.details_enc, `audit:${a.id}:details`);
      return e;
    });
  }
}
