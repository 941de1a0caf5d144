/**
 * The backend-independent half of the acknowledgement log: database row ↔ StoredLogRow ↔
 * AcknowledgementRecord, the next hashed row from an AcknowledgementInput, checkpoints, the
 * argument checks, cursors and paging. Each backend keeps only its SQL and its transactions.
 */
import { randomUUID } from 'node:crypto';
import { PreflightError } from '../errors';
import { GENESIS_HASH, buildRow, toExportedRecord, toRecord, type PersonalExtras, type StoredCheckpoint, type StoredLogRow } from './chain';
import { decrypt, encrypt, hmacHex, signCheckpoint, type StoreKeys } from './crypto';
import { PSEUDONYM_PREFIX } from './chain';
import { csvHeader, csvRow } from './csv';
import { decodeCursor, encodeCursor } from './cursor';
import type { AcknowledgementInput, AcknowledgementRecord, ListQuery, Page, SignedCheckpoint } from './types';

/** Rows read per batch when the whole log is walked (verify, export). */
export const LOG_PAGE = 500;

/** A log row as the database returns it: `Seq` is number (SQLite) or string (BIGINT); `Time` is string or Date. */
export interface LogDbRowOf<Seq extends number | string, Time extends string | Date> {
  seq: Seq;
  id: string;
  kind: string;
  user_id: string;
  user_ref: string;
  created_at: Time;
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
  /** Added by migration 002 (1 for records written before it). */
  chain_version: Seq;
  key_id: string | null;
}

/** A checkpoint row as the database returns it (see LogDbRowOf for the type parameters). */
export interface CheckpointDbRowOf<Num extends number | string, Time extends string | Date> {
  kind: string;
  seq: Num;
  count: Num;
  head_hash: string;
  created_at: Time;
  signature: string;
  public_key: string;
  /** Added by migration 002 (1 for checkpoints written before it). */
  version: Num;
  key_id: string | null;
}

/** What buildRow hashes besides the backend-supplied head, id, time and key. */
export type RowInput = Parameters<typeof buildRow>[0]['input'];

function iso(t: string | Date): string {
  return typeof t === 'string' ? t : t.toISOString();
}

export function logRowFromDb(r: LogDbRowOf<number | string, string | Date>): StoredLogRow {
  return {
    id: r.id,
    seq: Number(r.seq),
    kind: r.kind as StoredLogRow['kind'],
    userId: r.user_id,
    userRef: r.user_ref,
    createdAt: iso(r.created_at),
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
    chainVersion: Number(r.chain_version) === 2 ? 2 : 1,
    keyId: r.key_id,
  };
}

export function checkpointFromDb(r: CheckpointDbRowOf<number | string, string | Date>): StoredCheckpoint {
  return {
    kind: r.kind === 'anchor' ? 'anchor' : 'manual',
    seq: Number(r.seq),
    count: Number(r.count),
    headHash: r.head_hash,
    createdAt: iso(r.created_at),
    signature: r.signature,
    publicKey: r.public_key,
    ...(Number(r.version) === 2 ? { version: 2, keyId: r.key_id ?? '' } : {}),
  };
}

/** A checkpoint as handed out: a version 1 one without `kind` (its signature does not cover it). */
export function publicCheckpoint(cp: StoredCheckpoint): SignedCheckpoint {
  if (cp.version === 2) return { ...cp };
  const { kind: _kind, ...rest } = cp;
  return rest;
}

/** The `user:<id>` HMAC that keys the user_keys and warnings tables. */
export function userLookup(keys: StoreKeys, userId: string): string {
  return hmacHex(keys.hmacKey, `user:${userId}`);
}

/** The user's lookups under every key of the ring, the current one first (rows written before a rotation). */
export function userLookups(keys: StoreKeys, userId: string): string[] {
  return keys.ring.map((k) => hmacHex(k.hmacKey, `user:${userId}`));
}

// A per-user key stored before 0.2: 64 hex digits in the clear.
const PLAIN_USER_KEY = /^[0-9a-f]{64}$/;

/** The per-user key as stored: sealed with the encryption key, bound to its lookup. */
export function sealUserKey(keys: StoreKeys, lookup: string, key: Buffer): string {
  return encrypt(keys, key.toString('hex'), `userkey:${lookup}`);
}

/** Opens a stored per-user key (sealed, or plain hex from before 0.2) found under `lookup`. */
export function openUserKey(keys: StoreKeys, lookup: string, stored: string): Buffer {
  return Buffer.from(PLAIN_USER_KEY.test(stored) ? stored : decrypt(keys, stored, `userkey:${lookup}`), 'hex');
}

/** True when a stored per-user key is in the clear or under an old lookup, so it should be sealed again. */
export function userKeyNeedsReseal(keys: StoreKeys, currentLookup: string, lookup: string, stored: string): boolean {
  return lookup !== currentLookup || !stored.startsWith(`v2:${keys.encryptionKid}:`) || PLAIN_USER_KEY.test(stored);
}

/** Refuses a user id in the namespace erasure pseudonyms use (`erased:…`): a later user must not take an erased user's records. */
export function requireOrdinaryUserId(userId: string, where: string): void {
  if (typeof userId === 'string' && userId.toLowerCase().startsWith(PSEUDONYM_PREFIX)) {
    throw new PreflightError(
      'reserved_user_id',
      `${where}: user ids starting with "${PSEUDONYM_PREFIX}" are reserved for erased users' pseudonyms; map such an id to another one (e.g. prefix your ids).`,
    );
  }
}

/** The decrypted personal extras (note, IP prefix, user agent) of a row; `{}` once erased. */
export function personalExtras(keys: StoreKeys, row: StoredLogRow): PersonalExtras {
  return row.personalEnc ? (JSON.parse(decrypt(keys, row.personalEnc, `ack:${row.id}:personal`)) as PersonalExtras) : {};
}

export function logRecord(keys: StoreKeys, row: StoredLogRow): AcknowledgementRecord {
  return toRecord(row, personalExtras(keys, row));
}

/** The next row of the chain after `head` (new id, now, personal extras encrypted). */
export function nextLogRow(
  keys: StoreKeys,
  head: { seq: number; hash: string },
  kind: StoredLogRow['kind'],
  userId: string,
  userKey: Buffer | null,
  noticeHash: string,
  input: RowInput,
): StoredLogRow {
  return buildRow({
    id: randomUUID(),
    seq: head.seq + 1,
    prevHash: head.hash,
    createdAt: new Date().toISOString(),
    kind,
    userId,
    userKey,
    noticeHash,
    input,
    encryptPersonal: (json, id) => encrypt(keys, json, `ack:${id}:personal`),
    keyId: keys.kid,
    chainKey: keys.chainKey,
  });
}

/** The log table's columns, in the order of logInsertValues. */
export const LOG_COLUMNS =
  'seq, id, kind, user_id, user_ref, created_at, policy_version, notice_hash, notice_version, locale, method, reason, content_hash, fields, findings, action, personal_ref, personal_enc, prev_hash, hash, chain_version, key_id';

export function logInsertValues(row: StoredLogRow): (string | number | null)[] {
  return [
    row.seq, row.id, row.kind, row.userId, row.userRef, row.createdAt, row.policyVersion, row.noticeHash, row.noticeVersion, row.locale,
    row.method, row.reason, row.contentHash, JSON.stringify(row.fields), JSON.stringify(row.findings), row.action, row.personalRef,
    row.personalEnc, row.prevHash, row.hash, row.chainVersion, row.keyId,
  ];
}

/** The hashed fields of an acknowledgement: the input without token, notice text and user id. */
export function ackRowInput(input: AcknowledgementInput): RowInput {
  const { tokenId: _t, tokenExpiresAt: _e, noticeText: _n, userId: _u, ...rest } = input;
  return rest;
}

/** The hashed fields of a system record (purge, erasure). */
export function systemRowInput(kind: 'purge' | 'erasure', note: string): RowInput {
  return {
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
  };
}

/** A new signed checkpoint (version 2: the signature covers kind and key id) over the chain up to `seq`. */
export function newCheckpoint(keys: StoreKeys, kind: 'anchor' | 'manual', seq: number, count: number, headHash: string): StoredCheckpoint {
  const createdAt = new Date().toISOString();
  const fields = { version: 2, kind, keyId: keys.kid, seq, count, headHash, createdAt };
  const signature = signCheckpoint(keys, fields);
  return { ...fields, signature, publicKey: keys.publicKeyPem };
}

/** The checkpoint table's columns, in the order of checkpointInsertValues. */
export const CHECKPOINT_COLUMNS = 'kind, seq, count, head_hash, created_at, signature, public_key, version, key_id';

export function checkpointInsertValues(cp: StoredCheckpoint): (string | number | null)[] {
  return [cp.kind, cp.seq, cp.count, cp.headHash, cp.createdAt, cp.signature, cp.publicKey, cp.version ?? 1, cp.keyId ?? null];
}

/** The head a new row follows: the newest row, else the latest purge anchor, else genesis. */
export function chainHead(
  row: { seq: number; hash: string } | null,
  anchor: { seq: number; headHash: string } | null,
): { seq: number; hash: string } {
  if (row) return row;
  return anchor ? { seq: anchor.seq, hash: anchor.headHash } : { seq: 0, hash: GENESIS_HASH };
}

export function requireEraseUserId(userId: string): void {
  if (typeof userId !== 'string' || userId === '') throw new PreflightError('invalid_input', 'eraseUser: userId must be a non-empty string.');
  requireOrdinaryUserId(userId, 'eraseUser');
}

/** Checks purge's options and returns the cutoff as an ISO time. */
export function purgeCutoff(options: { olderThan: Date }): string {
  if (!options || !(options.olderThan instanceof Date) || Number.isNaN(options.olderThan.getTime())) {
    throw new PreflightError('invalid_input', 'purge: olderThan must be a valid Date.');
  }
  return options.olderThan.toISOString();
}

/** The `seq` a list page starts after (0 without a cursor). */
export function listAfterSeq(cursor: string | undefined, order: 'asc' | 'desc' = 'asc'): number {
  if (order !== 'asc' && order !== 'desc') throw new PreflightError('invalid_input', `order must be 'asc' or 'desc' (got ${String(order)}).`);
  if (!cursor) return order === 'desc' ? Number.MAX_SAFE_INTEGER : 0;
  const c = decodeCursor(cursor);
  if (typeof c.s !== 'number' || (c.d === 1) !== (order === 'desc')) throw new PreflightError('invalid_input', 'The cursor is not valid for this list.');
  return c.s;
}

/** A page of records from `limit + 1` rows (the extra row says there is a next page). */
export function logPage(keys: StoreKeys, rows: StoredLogRow[], limit: number, order: 'asc' | 'desc' = 'asc'): Page<AcknowledgementRecord> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const cursor: Record<string, number> = order === 'desc' ? { s: last?.seq ?? 0, d: 1 } : { s: last?.seq ?? 0 };
  return { items: items.map((r) => logRecord(keys, r)), nextCursor: rows.length > limit && last ? encodeCursor(cursor) : null };
}

/** The log's filters besides the cursor, as [column, operator, value] for the backend to render. */
export function logFilters(query: Omit<ListQuery, 'cursor' | 'limit'>): [string, string, string][] {
  const out: [string, string, string][] = [];
  if (query.userId !== undefined) out.push(['user_id', '=', query.userId]);
  if (query.from) out.push(['created_at', '>=', query.from.toISOString()]);
  if (query.to) out.push(['created_at', '<=', query.to.toISOString()]);
  return out;
}

/** Every row after `afterSeq`, read LOG_PAGE at a time through `page`. */
export async function* logRowsAfter(
  afterSeq: number,
  page: (afterSeq: number, limit: number) => StoredLogRow[] | Promise<StoredLogRow[]>,
): AsyncIterable<StoredLogRow> {
  let after = afterSeq;
  for (;;) {
    const batch = await page(after, LOG_PAGE);
    yield* batch;
    const last = batch[batch.length - 1];
    if (!last || batch.length < LOG_PAGE) return;
    after = last.seq;
  }
}

/** The export's lines: JSON Lines, or CSV with a header. */
export async function* exportLines(keys: StoreKeys, format: 'jsonl' | 'csv', rows: () => AsyncIterable<StoredLogRow>): AsyncIterable<string> {
  if (format !== 'jsonl' && format !== 'csv') throw new PreflightError('invalid_input', `export: format must be jsonl or csv (got ${String(format)}).`);
  if (format === 'csv') yield csvHeader();
  for await (const row of rows()) {
    const rec = toExportedRecord(row, personalExtras(keys, row));
    yield format === 'csv' ? csvRow(rec) : `${JSON.stringify(rec)}\n`;
  }
}
