/**
 * The backend-independent half of the review queue: row → ReviewItem, the open/claim/version
 * checks, the resolution (and redaction) a moderator's action produces, audit entries, the
 * argument checks and paging. Each backend keeps only its SQL, its locks and its transactions.
 */
import { randomUUID } from 'node:crypto';
import { PreflightError } from '../errors';
import { decrypt, encrypt, type StoreKeys } from './crypto';
import { decodeCursor, encodeCursor } from './cursor';
import { maskFields, redactFields } from './review-text';
import type { AuditEntry, Page, ReviewActInput, ReviewItem, ReviewItemInput, ReviewQuery, ReviewResolution, ReviewStatus, StoredFinding } from './types';
import { MAX_REVIEW_FINDINGS, REVIEW_STATUSES } from './validate';

/**
 * A review row as the database returns it: `Findings` is the JSON text (SQLite) or the parsed
 * array (JSONB); `Time` is an ISO string (SQLite) or a Date (PostgreSQL).
 */
export interface ReviewRowOf<Findings extends string | StoredFinding[], Time extends string | Date> {
  id: string;
  post_ref: string;
  author_id: string;
  status: string;
  version: number;
  format: string;
  fields_enc: string;
  findings: Findings;
  held_enc: string;
  acknowledgement_id: string | null;
  claimed_by: string | null;
  created_at: Time;
  updated_at: Time;
  resolved_at: Time | null;
  resolved_by: string | null;
  resolution_enc: string | null;
}

type AnyReviewRow = ReviewRowOf<string | StoredFinding[], string | Date>;

/** An audit row as the database returns it (see ReviewRowOf for `Time`). */
export interface AuditRowOf<Time extends string | Date> {
  id: string;
  item_id: string;
  moderator_id: string;
  action: string;
  reason_enc: string | null;
  details_enc: string | null;
  created_at: Time;
}

/** What the resolution blob holds: the public resolution plus the findings left after a redaction. */
interface StoredResolution extends ReviewResolution {
  remaining?: StoredFinding[];
}

const OPEN: ReviewStatus[] = ['pending', 'escalated'];
const ACTIONS = ['approve', 'reject', 'redact', 'escalate'];
const STATUS_OF: Record<string, ReviewStatus> = { approve: 'approved', reject: 'rejected', redact: 'redacted', escalate: 'escalated' };

export function conflict(message: string): PreflightError {
  return new PreflightError('conflict', message);
}

/** The conflict an optimistic UPDATE that matched no row reports. */
export function changedConflict(): PreflightError {
  return conflict('The item was changed by someone else.');
}

function iso(t: string | Date): string {
  return typeof t === 'string' ? t : t.toISOString();
}

export function isOpenStatus(status: string): boolean {
  return OPEN.includes(status as ReviewStatus);
}

function encJson(keys: StoreKeys, value: unknown, context: string): string {
  return encrypt(keys, JSON.stringify(value), context);
}

function decJson<T>(keys: StoreKeys, blob: string, context: string): T {
  return JSON.parse(decrypt(keys, blob, context)) as T;
}

function rowFindings(r: AnyReviewRow): StoredFinding[] {
  return typeof r.findings === 'string' ? (JSON.parse(r.findings) as StoredFinding[]) : r.findings;
}

function rowFields(keys: StoreKeys, r: AnyReviewRow): Record<string, string> {
  return decJson<Record<string, string>>(keys, r.fields_enc, `review:${r.id}:fields`);
}

/** The encrypted fields and hold reasons of an item (written by upsert). */
export function encryptReviewInput(keys: StoreKeys, id: string, input: ReviewItemInput): { fieldsEnc: string; heldEnc: string } {
  const held = input.findings.length > MAX_REVIEW_FINDINGS ? { ...input.heldBecause, truncated: true } : input.heldBecause;
  return { fieldsEnc: encJson(keys, input.fields, `review:${id}:fields`), heldEnc: encJson(keys, held, `review:${id}:held`) };
}

/**
 * An existing item may be edited only by its author: one user's request never overwrites another
 * user's item, and an item's author never changes (a host that runs the guard before checking
 * that the requester owns the post would otherwise let anyone take over a held post).
 */
export function checkSameAuthor(existingAuthor: string, input: ReviewItemInput): void {
  if (existingAuthor !== input.authorId) {
    throw conflict('This post reference is held for review under another author; only its author can edit it.');
  }
}

/** The audit details of an author's edit of an existing item (a resolved item is reopened). */
export function editAudit(previousStatus: string): { reopen: boolean; action: 'reopen' | 'update'; details: Record<string, unknown> } {
  const reopen = !isOpenStatus(previousStatus);
  return reopen
    ? { reopen, action: 'reopen', details: { previousStatus, by: 'author edit' } }
    : { reopen, action: 'update', details: { by: 'author edit' } };
}

/** The item a moderator sees: fields masked unless `reveal`. */
export function reviewItemFromRow(keys: StoreKeys, r: AnyReviewRow, reveal: boolean): ReviewItem {
  const findings = rowFindings(r);
  const fields = rowFields(keys, r);
  let resolution: ReviewResolution | null = null;
  if (r.resolution_enc) {
    const { remaining, ...res } = decJson<StoredResolution>(keys, r.resolution_enc, `review:${r.id}:resolution`);
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
    heldBecause: decJson(keys, r.held_enc, `review:${r.id}:held`),
    acknowledgementId: r.acknowledgement_id,
    claimedBy: r.claimed_by,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    resolvedAt: r.resolved_at ? iso(r.resolved_at) : null,
    resolvedBy: r.resolved_by,
    resolution,
  };
}

/** Checks that the item exists, is open, is not claimed by another moderator and is at `version`. */
export function checkOpen<R extends AnyReviewRow>(r: R | undefined, id: string, moderatorId: string, version: number | undefined): R {
  if (!r) throw new PreflightError('not_found', `No review item ${id}.`);
  if (!isOpenStatus(r.status)) throw conflict(`The item is already resolved (${r.status}).`);
  if (r.claimed_by !== null && r.claimed_by !== moderatorId) throw conflict('The item is claimed by another moderator.');
  if (version !== undefined && version !== r.version) throw conflict(`The item changed (version ${r.version}, you saw ${version}).`);
  return r;
}

export function requireModerator(moderatorId: string): void {
  if (typeof moderatorId !== 'string' || moderatorId === '') throw new PreflightError('invalid_input', 'moderatorId must be a non-empty string.');
}

/** Checks act()'s input (before any database work). */
export function validateActInput(input: ReviewActInput): void {
  if (!input || !ACTIONS.includes(input.action)) throw new PreflightError('invalid_input', `action must be one of ${ACTIONS.join(', ')}.`);
  requireModerator(input.moderatorId);
  if (input.reason !== undefined && typeof input.reason !== 'string') throw new PreflightError('invalid_input', 'reason must be a string.');
}

/** What a moderator's action writes: the new status, whether it resolves, the encrypted resolution and the audit details. */
export interface ActOutcome {
  status: ReviewStatus;
  resolved: boolean;
  resolutionEnc: string;
  details: Record<string, unknown> | undefined;
}

/** The outcome of `input` on the open item `r` (redaction included); throws invalid_input for bad finding indexes. */
export function actOutcome(keys: StoreKeys, r: AnyReviewRow, input: ReviewActInput): ActOutcome {
  const status = STATUS_OF[input.action] as ReviewStatus;
  const resolved = status !== 'escalated';
  const resolution: StoredResolution = { action: input.action };
  if (input.reason !== undefined) resolution.reason = input.reason;
  let details: Record<string, unknown> | undefined;
  if (input.action === 'redact') {
    const findings = rowFindings(r);
    const chosen = input.findings ?? findings.map((_, i) => i);
    if (!Array.isArray(chosen) || chosen.some((i) => !Number.isInteger(i) || i < 0 || i >= findings.length)) {
      throw new PreflightError('invalid_input', `findings must be indexes 0..${findings.length - 1} into item.findings.`);
    }
    const fields = rowFields(keys, r);
    const red = redactFields(fields, findings, chosen);
    resolution.fields = red.fields;
    resolution.remaining = red.remaining;
    details = { findings: chosen, before: maskFields(fields, findings), after: maskFields(red.fields, red.remaining) };
  }
  return { status, resolved, resolutionEnc: encJson(keys, resolution, `review:${r.id}:resolution`), details };
}

/** The original text of one finding and the audit details of revealing it; throws not_found / invalid_input. */
export function revealFinding(keys: StoreKeys, r: AnyReviewRow | undefined, id: string, findingIndex: number): { value: string; details: Record<string, unknown> } {
  if (!r) throw new PreflightError('not_found', `No review item ${id}.`);
  const findings = rowFindings(r);
  const f = findings[findingIndex];
  if (!f) throw new PreflightError('invalid_input', `findingIndex must be 0..${findings.length - 1}.`);
  const fields = rowFields(keys, r);
  return { value: (fields[f.field] ?? '').slice(f.start, f.end), details: { findingIndex, field: f.field, type: f.type, masked: f.masked } };
}

/** The audit table's columns, in the order of auditInsertValues. */
export const AUDIT_COLUMNS = 'id, item_id, moderator_id, action, reason_enc, details_enc, created_at';

/** A new audit entry's column values (reason and details encrypted). */
export function auditInsertValues(
  keys: StoreKeys,
  itemId: string,
  moderatorId: string,
  action: AuditEntry['action'],
  reason?: string,
  details?: Record<string, unknown>,
): (string | null)[] {
  const id = randomUUID();
  return [
    id,
    itemId,
    moderatorId,
    action,
    reason === undefined ? null : encJson(keys, reason, `audit:${id}:reason`),
    details === undefined ? null : encJson(keys, details, `audit:${id}:details`),
    new Date().toISOString(),
  ];
}

export function auditEntryFromRow(keys: StoreKeys, a: AuditRowOf<string | Date>): AuditEntry {
  const e: AuditEntry = { id: a.id, itemId: a.item_id, moderatorId: a.moderator_id, action: a.action as AuditEntry['action'], createdAt: iso(a.created_at) };
  if (a.reason_enc) e.reason = decJson<string>(keys, a.reason_enc, `audit:${a.id}:reason`);
  if (a.details_enc) e.details = decJson<Record<string, unknown>>(keys, a.details_enc, `audit:${a.id}:details`);
  return e;
}

/** list()'s sort order; throws invalid_input for anything but oldest/newest. */
export function reviewListSort(query: ReviewQuery): 'oldest' | 'newest' {
  const sort = query.sort ?? 'oldest';
  if (sort !== 'oldest' && sort !== 'newest') throw new PreflightError('invalid_input', 'reviews.list: sort must be oldest or newest.');
  return sort;
}

/** list()'s filters that both backends write alike, as [column, operator, value]. */
export function reviewColumnFilters(query: ReviewQuery): [string, string, string][] {
  const out: [string, string, string][] = [];
  if (query.author !== undefined) out.push(['author_id', '=', query.author]);
  if (query.postRef !== undefined) out.push(['post_ref', '=', query.postRef]);
  if (query.from) out.push(['created_at', '>=', query.from.toISOString()]);
  if (query.to) out.push(['created_at', '<=', query.to.toISOString()]);
  return out;
}

/** list()'s status filter, checked; empty for all statuses. */
export function reviewListStatuses(query: ReviewQuery): ReviewStatus[] {
  const statuses = query.status === undefined ? [] : Array.isArray(query.status) ? query.status : [query.status];
  for (const s of statuses) {
    if (!REVIEW_STATUSES.includes(s)) throw new PreflightError('invalid_input', `reviews.list: unknown status ${JSON.stringify(s)}.`);
  }
  return statuses;
}

/** A list cursor's created_at and id; `checkTime` also refuses a created_at that is not a time. */
export function reviewCursor(cursor: string, checkTime: boolean): { c: string; i: string } {
  const c = decodeCursor(cursor);
  if (typeof c.c !== 'string' || typeof c.i !== 'string' || (checkTime && Number.isNaN(new Date(c.c).getTime()))) {
    throw new PreflightError('invalid_input', 'The cursor is not valid for this list.');
  }
  return { c: c.c, i: c.i };
}

/** A page of masked items from `limit + 1` rows, with the counts per status. */
export function reviewPage(
  keys: StoreKeys,
  rows: AnyReviewRow[],
  limit: number,
  countRows: { status: ReviewStatus; n: number | string }[],
): Page<ReviewItem> & { counts: Record<ReviewStatus, number> } {
  const counts = Object.fromEntries(REVIEW_STATUSES.map((s) => [s, 0])) as Record<ReviewStatus, number>;
  for (const r of countRows) counts[r.status] = Number(r.n);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map((r) => reviewItemFromRow(keys, r, false)),
    nextCursor: rows.length > limit && last ? encodeCursor({ c: iso(last.created_at), i: last.id }) : null,
    counts,
  };
}
