/**
 * The hash chain of the acknowledgement log, independent of the database.
 *
 * Each record's `hash` is SHA-256 over the canonical JSON (sorted keys, no whitespace) of its
 * {@link HashedBody}: every field of the record **except** the plain `userId` and the personal
 * extras (`note`, `ipPrefix`, `userAgent`). Those are covered indirectly:
 *
 * - `userRef = HMAC-SHA256(perUserKey, userId)` is in the hash; the per-user random key lives in
 *   a separate table. Erasure deletes the key and replaces the plain `userId` by
 *   `erased:<first 16 hex of userRef>`: the chain still verifies, and nobody (not even the holder of
 *   the secret) can link the pseudonym back to the user.
 * - `personalRef = HMAC-SHA256(perUserKey, canonical({ note, ipPrefix, userAgent }))` is in the
 *   hash; the extras themselves are stored encrypted and are deleted on erasure.
 *
 * While the per-user key exists, `verify()` recomputes both refs, so editing the plain `userId`
 * or the extras is detected too. System records (`purge`, `erasure`) use `userRef = userId`
 * and a plain SHA-256 `personalRef`.
 *
 * Chain version 2 (every record written by this version) keys the chain: `hash =
 * HMAC-SHA256(chainKey, canonical(body))`, the body carrying `chainVersion: 2` and the `keyId` of the secret
 * whose chain key made it, so recomputing a record needs the secret. Version 1 records (written
 * before) stay SHA-256 and are verified as before, but reported as `unkeyed`.
 */
import type { AcknowledgementInput, AcknowledgementRecord, LogRecordKind, SignedCheckpoint, StoredFinding, VerifyResult } from './types';
import { hmacHex, sha256Hex, verifyCheckpointWithRing, type StoreKeys } from './crypto';
import { PreflightError } from '../errors';
import { maskForStorage } from '../mask';

export const GENESIS_HASH = '0'.repeat(64);

/** Canonical JSON: object keys sorted, `undefined` members dropped, no whitespace. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('canonicalJson: non-finite number');
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

export type LogFinding = Omit<StoredFinding, 'reasons'>;

/** The personal extras of a record: encrypted at rest, erasable, covered via `personalRef`. */
export interface PersonalExtras {
  note?: string;
  ipPrefix?: string;
  userAgent?: string;
}

/** A log record as a backend stores it (one row). */
export interface StoredLogRow {
  id: string;
  seq: number;
  kind: LogRecordKind;
  userId: string;
  userRef: string;
  createdAt: string;
  policyVersion: string;
  noticeHash: string;
  noticeVersion: string;
  locale: string;
  method: AcknowledgementRecord['method'];
  reason: AcknowledgementRecord['reason'];
  contentHash: string;
  fields: string[];
  findings: LogFinding[];
  action: AcknowledgementRecord['action'];
  personalRef: string;
  /** `encrypt(JSON of PersonalExtras)`, or null once erased. */
  personalEnc: string | null;
  prevHash: string;
  hash: string;
  /** 1: SHA-256 chain (records written before 0.2); 2: keyed (HMAC) chain. */
  chainVersion: 1 | 2;
  /** Version 2: the id of the key set whose chain key made `hash`. */
  keyId: string | null;
}

/** The chain version new records get. */
export const CHAIN_VERSION = 2;

/** What the chained hash covers. */
export function hashedBody(row: Omit<StoredLogRow, 'hash' | 'chainVersion' | 'keyId'> & Partial<Pick<StoredLogRow, 'chainVersion' | 'keyId'>>): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id: row.id,
    seq: row.seq,
    kind: row.kind,
    userRef: row.userRef,
    createdAt: row.createdAt,
    policyVersion: row.policyVersion,
    noticeHash: row.noticeHash,
    noticeVersion: row.noticeVersion,
    locale: row.locale,
    method: row.method,
    reason: row.reason,
    contentHash: row.contentHash,
    fields: row.fields,
    findings: row.findings,
    action: row.action,
    personalRef: row.personalRef,
    prevHash: row.prevHash,
  };
  // Version 2 (keyed) bodies also carry the version and the key id (canonicalJson sorts the keys).
  if (row.chainVersion === 2) {
    body.chainVersion = 2;
    body.keyId = row.keyId;
  }
  return body;
}

/**
 * A record's hash: SHA-256 of the canonical body (chain version 1, anyone can recompute it), or
 * HMAC-SHA256 with the chain key derived from the secret (version 2: pass `chainKey`).
 */
export function computeHash(row: Omit<StoredLogRow, 'hash' | 'chainVersion' | 'keyId'> & Partial<Pick<StoredLogRow, 'chainVersion' | 'keyId'>>, chainKey?: Buffer): string {
  const body = canonicalJson(hashedBody(row));
  if (row.chainVersion !== 2) return sha256Hex(body);
  if (!chainKey) throw new TypeError('computeHash: a version 2 record needs the chain key (derived from the secret).');
  return hmacHex(chainKey, body);
}

export function personalRef(extras: PersonalExtras, userKey: Buffer | null): string {
  const body = canonicalJson(extras);
  return userKey ? hmacHex(userKey, body) : sha256Hex(body);
}

export function userRef(userId: string, userKey: Buffer): string {
  return hmacHex(userKey, userId);
}

/** The namespace of erasure pseudonyms; user ids in it are refused (`reserved_user_id`). */
export const PSEUDONYM_PREFIX = 'erased:';

export function pseudonym(ref: string): string {
  return `${PSEUDONYM_PREFIX}${ref.slice(0, 16)}`;
}

const FINDING_KEYS = ['field', 'type', 'start', 'end', 'ruleId', 'confidence', 'subject', 'masked', 'valueHash'] as const;
// Accepts a lowercase or uppercase hex digest of 32 to 128 digits; rejects anything else (raw values, empty strings).
const HEX_DIGEST = /^[0-9a-fA-F]{32,128}$/;

/**
 * Checks a finding carries no raw value and keeps only the storable members. Throws
 * `invalid_input` for an object with a `text` or `value` member or a valueHash that is not a hex digest.
 */
export function sanitizeFinding(f: StoredFinding, keepReasons: boolean): StoredFinding {
  const raw = f as unknown as Record<string, unknown>;
  if ('text' in raw || 'value' in raw) {
    throw new PreflightError('invalid_input', 'A stored finding must not carry the raw value (`text`/`value`): pass `masked` and `valueHash` only.');
  }
  if (typeof f.valueHash !== 'string' || !HEX_DIGEST.test(f.valueHash)) {
    throw new PreflightError('invalid_input', 'A stored finding needs `valueHash`: the hex HMAC of the value (store.hmac(value)).');
  }
  if (typeof f.masked !== 'string') throw new PreflightError('invalid_input', 'A stored finding needs `masked`.');
  const out: Record<string, unknown> = {};
  for (const k of FINDING_KEYS) out[k] = f[k];
  // A personal domain is often the surname: masked at rest unless it is a mail provider's.
  out.masked = maskForStorage(String(f.type), f.masked);
  if (keepReasons && Array.isArray(f.reasons)) out.reasons = f.reasons.map(String);
  return out as unknown as StoredFinding;
}

/** Builds the next row of the chain (the backend supplies head, id, time and the user's key). */
export function buildRow(args: {
  id: string;
  seq: number;
  prevHash: string;
  createdAt: string;
  kind: LogRecordKind;
  userId: string;
  userKey: Buffer | null;
  noticeHash: string;
  input: Omit<AcknowledgementInput, 'tokenId' | 'tokenExpiresAt' | 'noticeText' | 'userId' | 'action' | 'method'> & {
    action: AcknowledgementRecord['action'];
    method: AcknowledgementRecord['method'];
  };
  encryptPersonal: (json: string, id: string) => string;
  /** The current key set's id and chain key. */
  keyId: string;
  chainKey: Buffer;
}): StoredLogRow {
  const { input } = args;
  const extras: PersonalExtras = { note: input.note, ipPrefix: input.ipPrefix, userAgent: input.userAgent };
  const base: Omit<StoredLogRow, 'hash'> = {
    id: args.id,
    seq: args.seq,
    kind: args.kind,
    userId: args.userId,
    userRef: args.userKey ? userRef(args.userId, args.userKey) : args.userId,
    createdAt: args.createdAt,
    policyVersion: input.policyVersion,
    noticeHash: args.noticeHash,
    noticeVersion: input.noticeVersion,
    locale: input.locale,
    method: input.method,
    reason: input.reason,
    contentHash: input.contentHash,
    fields: input.fields.map(String),
    findings: input.findings.map((f) => {
      const { reasons: _r, ...rest } = sanitizeFinding(f, false);
      return rest;
    }),
    action: input.action,
    personalRef: personalRef(extras, args.userKey),
    personalEnc: extras.note === undefined && extras.ipPrefix === undefined && extras.userAgent === undefined
      ? null
      : args.encryptPersonal(canonicalJson(extras), args.id),
    prevHash: args.prevHash,
    chainVersion: 2,
    keyId: args.keyId,
  };
  return { ...base, hash: computeHash(base, args.chainKey) };
}

export function toRecord(row: StoredLogRow, extras: PersonalExtras | null): AcknowledgementRecord {
  const rec: AcknowledgementRecord = {
    id: row.id,
    seq: row.seq,
    kind: row.kind,
    userId: row.userId,
    createdAt: row.createdAt,
    policyVersion: row.policyVersion,
    noticeHash: row.noticeHash,
    noticeVersion: row.noticeVersion,
    locale: row.locale,
    method: row.method,
    reason: row.reason,
    contentHash: row.contentHash,
    fields: row.fields,
    findings: row.findings,
    action: row.action,
    prevHash: row.prevHash,
    hash: row.hash,
  };
  if (extras?.note !== undefined) rec.note = extras.note;
  if (extras?.ipPrefix !== undefined) rec.ipPrefix = extras.ipPrefix;
  if (extras?.userAgent !== undefined) rec.userAgent = extras.userAgent;
  return rec;
}

/**
 * A record as exported: the public record plus `userRef` and `personalRef`, so that an outside
 * party can recompute every hash (`computeHash` over `hashedBody`) and check it against a signed
 * checkpoint without the secret.
 */
export type ExportedRecord = AcknowledgementRecord & { userRef: string; personalRef: string; chainVersion: 1 | 2; keyId?: string };

export function toExportedRecord(row: StoredLogRow, extras: PersonalExtras | null): ExportedRecord {
  const rec = toRecord(row, extras);
  // Keep the hash-chain members last, in a stable order.
  const { prevHash, hash, ...rest } = rec;
  const out: ExportedRecord = { ...rest, userRef: row.userRef, personalRef: row.personalRef, chainVersion: row.chainVersion, prevHash, hash };
  if (row.keyId !== null) {
    const { prevHash: p, hash: h, ...front } = out;
    return { ...front, keyId: row.keyId, prevHash: p, hash: h };
  }
  return out;
}

export interface StoredCheckpoint extends SignedCheckpoint {
  /** `anchor`: written by purge, the chain's new start; `manual`: from checkpoint(). */
  kind: 'anchor' | 'manual';
}

/** What verifyLog needs from a backend. */
export interface LogReader {
  /** The keyring: checkpoints and keyed records are verified with it, never with stored keys. */
  keys: StoreKeys;
  /** All checkpoints, oldest first. */
  checkpoints(): Promise<StoredCheckpoint[]>;
  /** The live records in ascending seq order. */
  rows(): AsyncIterable<StoredLogRow>;
  /** The per-user key for a plain user id, or null when erased/unknown. */
  userKey(userId: string): Promise<Buffer | null>;
  /** Decrypts a row's personal extras. */
  extras(row: StoredLogRow): PersonalExtras;
}

/** The problem with a record's own hash, or null when it holds. */
function hashProblem(row: StoredLogRow, keys: StoreKeys): string | null {
  if (row.chainVersion === 2) {
    const ks = keys.ring.find((k) => k.kid === row.keyId);
    if (!ks) return 'unknown key id (a record keyed by a secret not in the keyring: add it to previousSecrets)';
    return computeHash(row, ks.chainKey) === row.hash ? null : 'hash mismatch';
  }
  if (row.chainVersion !== 1) return 'unknown chain version';
  return computeHash(row) === row.hash ? null : 'hash mismatch';
}

/**
 * Walks the chain from its anchor (genesis, or the latest purge checkpoint) and names the first
 * broken record; then checks the latest checkpoint against the walked chain (truncation).
 * Checkpoints count only when signed by a key derived from the secrets; a record left (or put)
 * below the anchor is flagged; an unkeyed (version 1) record after a keyed one is a downgrade.
 */
export async function verifyLog(reader: LogReader, external?: SignedCheckpoint[]): Promise<VerifyResult> {
  const { keys } = reader;
  const cps = await reader.checkpoints();
  for (const cp of cps) {
    if (!verifyCheckpointWithRing(keys, cp)) {
      return { ok: false, count: 0, firstBroken: { id: '', seq: cp.seq, problem: 'checkpoint signature invalid' } };
    }
  }
  const anchors = cps.filter((c) => c.kind === 'anchor');
  const anchor = anchors[anchors.length - 1];
  let prevHash = anchor ? anchor.headHash : GENESIS_HASH;
  let expectedSeq = anchor ? anchor.seq + 1 : 1;
  const baseCount = anchor ? anchor.count : 0;
  // Checkpoints kept outside (verify({ checkpoints })): signed by a key derived from the secrets, or broken.
  const outside = external ?? [];
  if (!Array.isArray(outside) || outside.some((c) => !c || typeof c !== 'object' || !Number.isInteger(c.seq) || !Number.isInteger(c.count) || typeof c.headHash !== 'string' || typeof c.signature !== 'string' || typeof c.createdAt !== 'string')) {
    throw new PreflightError('invalid_input', 'verify({ checkpoints }): each checkpoint needs seq, count, headHash, createdAt and signature (as export-checkpoints writes them).');
  }
  for (const cp of outside) {
    if (!verifyCheckpointWithRing(keys, cp)) {
      return { ok: false, count: 0, firstBroken: { id: '', seq: cp.seq, problem: 'outside checkpoint signature invalid' } };
    }
    if (cp.kind === 'anchor' && cp.seq > expectedSeq - 1) {
      return { ok: false, count: 0, firstBroken: { id: '', seq: cp.seq, problem: 'purge anchor missing' } };
    }
  }
  // Every checkpoint above the anchor is compared with the record at its seq (one at or below it
  // covers records purged since): the latest stored one, and every outside one.
  const latest = cps.filter((c) => c.kind === 'manual' && c.seq > expectedSeq - 1).sort((a, b) => a.seq - b.seq).pop();
  const pending = new Map<number, SignedCheckpoint[]>();
  for (const cp of [...(latest ? [latest] : []), ...outside.filter((c) => c.seq > expectedSeq - 1)]) {
    pending.set(cp.seq, [...(pending.get(cp.seq) ?? []), cp]);
  }
  let count = 0;
  let unkeyed = 0;
  let keyedSeen = false;
  const keyCache = new Map<string, Buffer | null>();
  const result = (r: VerifyResult): VerifyResult => (unkeyed > 0 ? { ...r, unkeyed } : r);
  for await (const row of reader.rows()) {
    const broken = (problem: string): VerifyResult => result({ ok: false, count, firstBroken: { id: row.id, seq: row.seq, problem } });
    // Purge deletes every record up to its anchor in the same transaction: one still there was put back.
    if (row.seq < expectedSeq) return broken(hashProblem(row, keys) ?? 'record below the purge anchor');
    if (row.seq !== expectedSeq) return broken('sequence gap');
    if (row.prevHash !== prevHash) return broken('prevHash mismatch');
    const hp = hashProblem(row, keys);
    if (hp) return broken(hp);
    if (row.chainVersion === 2) keyedSeen = true;
    else if (keyedSeen) return broken('unkeyed record after keyed records');
    else unkeyed += 1;
    if (row.kind === 'ack') {
      let key = keyCache.get(row.userId);
      if (key === undefined) {
        key = await reader.userKey(row.userId);
        keyCache.set(row.userId, key);
      }
      if (key) {
        if (userRef(row.userId, key) !== row.userRef) return broken('userId mismatch');
        const extras = row.personalEnc ? reader.extras(row) : {};
        if (personalRef(extras, key) !== row.personalRef) return broken('personal data mismatch');
      } else if (row.userId !== pseudonym(row.userRef)) {
        return broken('userId mismatch');
      }
    } else {
      if (row.userRef !== row.userId) return broken('userId mismatch');
      const extras = row.personalEnc ? reader.extras(row) : {};
      if (personalRef(extras, null) !== row.personalRef) return broken('personal data mismatch');
    }
    const due = pending.get(row.seq);
    if (due) {
      pending.delete(row.seq);
      if (due.some((cp) => row.hash !== cp.headHash || baseCount + count + 1 !== cp.count)) return broken('checkpoint mismatch');
    }
    prevHash = row.hash;
    expectedSeq += 1;
    count += 1;
  }
  const missing = [...pending.keys()].sort((x, y) => x - y)[0];
  if (missing !== undefined) {
    return result({ ok: false, count, firstBroken: { id: '', seq: missing, problem: 'truncated: checkpointed record missing' } });
  }
  return result({ ok: true, count });
}
