/**
 * The Store interface: everything pii-preflight persists. SQLite (better-sqlite3) is the embedded
 * default, PostgreSQL (pg) the multi-instance one; both implement exactly this interface and run
 * the same test suite. No raw personal data is ever written: findings keep masks, keyed hashes and
 * offsets; held post content is encrypted at rest.
 */
import type { PiiType, Subject } from '../types';

export type AckReason = 'intended' | 'not_personal' | 'other' | 'unspecified';
export type AckMethod = 'json' | 'form' | 'widget';
export type ReviewStatus = 'pending' | 'approved' | 'rejected' | 'redacted' | 'escalated';
export type ReviewAction = 'approve' | 'reject' | 'redact' | 'escalate';

/** A finding as it may be stored: never the raw value. */
export interface StoredFinding {
  field: string;
  type: PiiType;
  start: number;
  end: number;
  ruleId: string;
  confidence: number;
  subject: Subject;
  masked: string;
  /** HMAC-SHA256 of the normalized value under the store's key (hex). */
  valueHash: string;
  reasons?: string[];
}

export interface AcknowledgementInput {
  userId: string;
  policyVersion: string;
  /** The exact notice text shown; the store keeps it once, by SHA-256. */
  noticeText: string;
  noticeVersion: string;
  locale: string;
  method: AckMethod;
  reason: AckReason;
  note?: string;
  /** Keyed HMAC of the scanned content. */
  contentHash: string;
  fields: string[];
  findings: StoredFinding[];
  action: 'warn' | 'review';
  ipPrefix?: string;
  userAgent?: string;
  /** The token's id: appending with an id already used throws `pii_ack_replayed` (single use across instances). */
  tokenId: string;
  /** Optional: when the token expires, so used-token bookkeeping can be purged after. */
  tokenExpiresAt?: Date;
}

export type LogRecordKind = 'ack' | 'purge' | 'erasure';

export interface AcknowledgementRecord {
  id: string;
  seq: number;
  kind: LogRecordKind;
  /** The user id, or a pseudonym after `eraseUser`. */
  userId: string;
  createdAt: string;
  policyVersion: string;
  noticeHash: string;
  noticeVersion: string;
  locale: string;
  method: AckMethod | 'system';
  reason: AckReason;
  note?: string;
  contentHash: string;
  fields: string[];
  findings: Omit<StoredFinding, 'reasons'>[];
  action: 'warn' | 'review' | 'purge' | 'erasure';
  ipPrefix?: string;
  userAgent?: string;
  prevHash: string;
  hash: string;
}

export interface ListQuery {
  userId?: string;
  from?: Date;
  to?: Date;
  limit?: number;
  cursor?: string;
  /** `asc` (default): oldest first, the log's order. `desc`: newest first (an author's own list). */
  order?: 'asc' | 'desc';
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface VerifyResult {
  ok: boolean;
  count: number;
  firstBroken?: { id: string; seq: number; problem: string };
  /**
   * Records of chain version 1 (written before the chain was keyed, SHA-256 only): verified as
   * before, but a database writer could have recomputed them. Present only when there are any.
   */
  unkeyed?: number;
}

export interface SignedCheckpoint {
  seq: number;
  count: number;
  headHash: string;
  createdAt: string;
  /**
   * Ed25519 signature (base64) over `pii-preflight checkpoint v2:${kind}:${keyId}:${seq}:${count}:${headHash}:${createdAt}`
   * (version 2), or `${seq}:${count}:${headHash}:${createdAt}` (checkpoints written before version 2).
   */
  signature: string;
  /** The Ed25519 public key (PEM) of the signer. Pin it: a checkpoint proves nothing against a key you did not pin. */
  publicKey: string;
  /** 2 for checkpoints written by this version (absent on older ones). */
  version?: number;
  /** `manual` (checkpoint()) or `anchor` (written by purge); covered by a version 2 signature. */
  kind?: 'anchor' | 'manual';
  /** Id of the signing key (first 16 hex digits of SHA-256 over the public key's DER). */
  keyId?: string;
}

export interface AcknowledgementLog {
  append(input: AcknowledgementInput): Promise<AcknowledgementRecord>;
  get(id: string): Promise<AcknowledgementRecord | null>;
  list(query?: ListQuery): Promise<Page<AcknowledgementRecord>>;
  /** Acknowledgements by one user since a time (repeat-bypasser policy). */
  countSince(userId: string, since: Date): Promise<number>;
  /**
   * Walks the chain and checks it against the stored checkpoints (verified with the keys derived
   * from the secrets, never the stored public key). Pass `checkpoints` kept outside the database
   * (`pii-preflight log export-checkpoints`): each is checked the same way, so a tail truncated
   * together with every stored checkpoint is detected.
   */
  verify(options?: { checkpoints?: SignedCheckpoint[] }): Promise<VerifyResult>;
  checkpoint(): Promise<SignedCheckpoint>;
  checkpoints(): Promise<SignedCheckpoint[]>;
  eraseUser(userId: string): Promise<{ erased: number }>;
  purge(options: { olderThan: Date }): Promise<{ purged: number }>;
  export(format: 'jsonl' | 'csv', query?: Omit<ListQuery, 'cursor' | 'limit'>): AsyncIterable<string>;
}

/** Why a post was held: the policy rule, the author's reason and note. */
export interface HeldBecause {
  rule: string;
  reason?: AckReason;
  note?: string;
  /** The post has more findings than the item lists (the scanner's or the store's cap). */
  truncated?: boolean;
}

export interface ReviewItemInput {
  /** The host's reference to the post (id or URL); one item per postRef. */
  postRef: string;
  authorId: string;
  /** The submitted fields, raw: the store encrypts them at rest. */
  fields: Record<string, string>;
  format: string;
  findings: StoredFinding[];
  heldBecause: HeldBecause;
  acknowledgementId?: string;
}

export interface ReviewResolution {
  action: ReviewAction;
  reason?: string;
  /** For redactions: the redacted fields (remaining findings masked, like `ReviewItem.fields`, unless revealed). */
  fields?: Record<string, string>;
}

export interface ReviewItem {
  id: string;
  status: ReviewStatus;
  version: number;
  postRef: string;
  authorId: string;
  format: string;
  /** Masked unless revealed. */
  fields: Record<string, string>;
  findings: StoredFinding[];
  heldBecause: HeldBecause;
  acknowledgementId: string | null;
  claimedBy: string | null;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: ReviewResolution | null;
}

export interface ReviewQuery {
  status?: ReviewStatus | ReviewStatus[];
  type?: PiiType;
  subject?: Subject;
  author?: string;
  /** The item of one post reference (at most one item). */
  postRef?: string;
  from?: Date;
  to?: Date;
  sort?: 'oldest' | 'newest';
  limit?: number;
  cursor?: string;
}

export interface ReviewActInput {
  action: ReviewAction;
  moderatorId: string;
  reason?: string;
  /** Indexes into item.findings to redact (default: all), for `redact`. */
  findings?: number[];
  /** Optimistic lock: the version the moderator saw. */
  version?: number;
}

export interface AuditEntry {
  id: string;
  itemId: string;
  moderatorId: string;
  action: ReviewAction | 'claim' | 'unclaim' | 'reveal' | 'reopen' | 'update';
  reason?: string;
  /** Before/after for redactions (masked), or other details. */
  details?: Record<string, unknown>;
  createdAt: string;
}

export interface ReviewQueue {
  /** Creates the item for postRef, or updates it (an edit); a resolved item is reopened. */
  upsert(input: ReviewItemInput): Promise<ReviewItem>;
  get(id: string, options?: { reveal?: boolean }): Promise<ReviewItem | null>;
  list(query?: ReviewQuery): Promise<Page<ReviewItem> & { counts: Record<ReviewStatus, number> }>;
  /** Throws PreflightError `conflict` when claimed by another moderator or the version is stale. */
  claim(id: string, moderatorId: string, version?: number): Promise<ReviewItem>;
  unclaim(id: string, moderatorId: string): Promise<ReviewItem>;
  /** Throws `conflict` on a lost race, `not_found` for an unknown id. */
  act(id: string, input: ReviewActInput): Promise<ReviewItem>;
  /** The raw value of one finding; the reveal is written to the audit trail. */
  reveal(id: string, moderatorId: string, findingIndex: number): Promise<string>;
  audit(id: string): Promise<AuditEntry[]>;
}

export interface PreferenceRecord {
  id: string;
  userId: string;
  type: PiiType;
  masked: string;
  valueHash: string;
  createdAt: string;
}

/** "Don't warn me about this again": per-user, keyed hashes only. */
export interface PreferenceStore {
  add(userId: string, entry: { type: PiiType; masked: string; valueHash: string }): Promise<PreferenceRecord>;
  list(userId: string): Promise<PreferenceRecord[]>;
  remove(userId: string, id: string): Promise<boolean>;
  /** The subset of valueHashes this user marked as intentionally public. */
  matching(userId: string, valueHashes: string[]): Promise<Set<string>>;
}

export type StatEvent = 'scanned' | 'warned' | 'acknowledged' | 'edited_away' | 'blocked' | 'held' | 'allowed';

export interface Stats {
  scanned: number;
  allowed: number;
  warned: number;
  acknowledged: number;
  acknowledgedByReason: Record<string, number>;
  editedAway: number;
  blocked: number;
  held: number;
}

/**
 * Synchronous forms of the store calls a clean post makes, offered by stores whose database calls
 * are synchronous anyway (SQLite through better-sqlite3). Same effects and errors as the async
 * methods of the same names; `recordEvent` only counts in memory (a batch write it triggers runs
 * in the background, and a failed one keeps its counts for the next).
 */
export interface SyncStoreCalls {
  recordEvent(event: StatEvent, options?: { reason?: string; userId?: string }): void;
  closeWarning(userId: string): boolean;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /**
   * Present when the store's calls are synchronous (SQLite): `preflight()` then lets a clean post
   * through without waiting on a promise. Absent on PostgreSQL.
   */
  readonly sync?: SyncStoreCalls;
  readonly acknowledgements: AcknowledgementLog;
  readonly reviews: ReviewQueue;
  readonly preferences: PreferenceStore;
  /** Keyed HMAC-SHA256 (hex) with the store's key: for value and content hashes. */
  hmac(value: string): string;
  /** `hmac(value)` under the current secret and each of `previousSecrets`, current first (matching values hashed before a rotation). */
  hmacs(value: string): string[];
  recordEvent(event: StatEvent, options?: { reason?: string; userId?: string; at?: Date }): Promise<void>;
  /** Opens a warning for a user (edited-away tracking); a later clean post by them closes it. */
  openWarning(userId: string, expiresAt: Date): Promise<void>;
  /** Closes the user's open, unexpired warning; true when there was one (counts as edited away: the caller then calls `recordEvent('edited_away')`). */
  closeWarning(userId: string): Promise<boolean>;
  stats(range?: { from?: Date; to?: Date }): Promise<Stats>;
  /** Throws PreflightError `store_unavailable` when the database cannot be reached. */
  ping(): Promise<void>;
  migrate(): Promise<{ applied: string[] }>;
  close(): Promise<void>;
}

/**
 * The part of a `pg` Pool the store uses (pg 8). Structural, so the types never require `pg`: pass
 * your app's `new Pool(…)`.
 */
export interface PgPoolLike {
  connect(): Promise<{ query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>; release(err?: Error | boolean): void }>;
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  end(): Promise<void>;
  on(event: 'error', listener: (err: Error) => void): unknown;
}

/**
 * The part of a better-sqlite3 `Database` the store uses (better-sqlite3 12). Structural: pass your
 * app's `new Database(file)`.
 */
export interface SqliteDatabaseLike {
  readonly open: boolean;
  readonly name: string;
  readonly memory: boolean;
  prepare(source: string): unknown;
  exec(source: string): unknown;
  pragma(source: string, options?: { simple?: boolean }): unknown;
  transaction(fn: (...args: never[]) => unknown): unknown;
  close(): unknown;
}

export interface StoreOptions {
  /** `sqlite:./data/preflight.sqlite`, `sqlite::memory:`, `postgres://…`; default `DATABASE_URL`. */
  url?: string;
  /**
   * An existing pg Pool to use instead of `url` (the store runs its migrations on it). The store
   * takes it over: `store.close()` ends it.
   */
  pool?: PgPoolLike;
  /**
   * An existing better-sqlite3 Database to use instead of `url`. The store takes it over:
   * `store.close()` closes it. Foreign keys are switched on; journal mode is left as you set it.
   */
  database?: SqliteDatabaseLike;
  /** ≥ 32 characters; keys for HMACs, encryption at rest (AES-256-GCM) and checkpoint signing are derived from it. */
  secret: string;
  /**
   * Secrets used before `secret`, newest first (key rotation): data they sealed still decrypts,
   * their checkpoints and keyed records still verify, values they hashed still match. New data
   * always uses `secret`. Drop an old secret once nothing written with it is kept.
   */
  previousSecrets?: string[];
  /** A separate encryption key for held content (32 bytes, base64 or hex), instead of one derived from the secret. */
  encryptionKey?: string;
  /** Table-name prefix (default `pii_`); PostgreSQL also takes `schema`. */
  tablePrefix?: string;
  schema?: string;
  /** Run migrations on open (default true). */
  migrate?: boolean;
}
