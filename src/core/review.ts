/**
 * `createReviewService({ store, onResolved?, logger? })`: the moderator review queue without a web
 * framework — what `reviewRouter()` does, as plain async functions. Each takes the moderator (the
 * host has already decided that this person may review) and plain inputs, and answers plain data or
 * throws a `PreflightError` with the contract's codes: `forbidden` (no moderator), `invalid_input`
 * (a bad argument, a reject without a reason, findings that do not exist), `not_found`, `conflict`
 * (an item another moderator holds, a stale version, an item already resolved).
 *
 * `reviewRouter()` is an adapter over it: authorization, CSRF, body parsing and rendering stay in
 * `pii-preflight/express`; every read and decision goes through these functions.
 */
import { PreflightError, isPreflightError } from '../errors';
import { suggest, type PreflightLogger } from '../express/options';
import type { AuditEntry, HeldBecause, ReviewAction, ReviewItem, ReviewQuery, ReviewStatus, Store, StoredFinding } from '../store/types';
import type { Subject } from '../types';
import { ackReasonText, heldRuleText, pickLanguage, whyText, type DashboardLanguage } from './review-text';

/** Who is reviewing: the host's moderator (an id, and a display name if it has one). */
export interface ReviewModerator {
  id: string;
  name?: string;
  /** The moderator's language (BCP 47, e.g. `de-DE`) for the dashboard's held-because sentences; default: the browser's Accept-Language. */
  locale?: string;
}

/** The actions after which `onResolved` is called. */
export type ResolvedAction = 'approve' | 'reject' | 'redact';

export interface ReviewServiceOptions {
  /** The store holding the review queue (from `createStore()`). Required. */
  store: Store;
  /**
   * Called after approve, reject and redact, with the item (raw fields: it runs on the server, so
   * the host can publish the redacted text) and the action; a rejection's reason is in
   * `item.resolution.reason`. Errors are logged, never thrown to the moderator.
   */
  onResolved?: (item: ReviewItem, action: ResolvedAction) => void | Promise<void>;
  /** Gets errors of `onResolved` (never raw values). Default console. */
  logger?: PreflightLogger;
}

/** The queue filters of `list()` (all optional; the same as `GET /queue`'s query). */
export interface ReviewListQuery {
  status?: ReviewStatus | ReviewStatus[];
  type?: string;
  subject?: Subject;
  author?: string;
  from?: Date;
  to?: Date;
  sort?: 'oldest' | 'newest';
  /** The `nextCursor` of the previous page. */
  cursor?: string;
  /** 1 to 100 (default: the store's, 50). */
  limit?: number;
}

export interface ReviewListResult {
  items: ReviewItem[];
  nextCursor: string | null;
  /** Items per status over the whole queue. */
  counts: Record<ReviewStatus, number>;
}

/** A moderator's decision on one item. */
export interface ReviewDecision {
  action: ReviewAction;
  /** Required to reject (it is sent to the author); at most 1000 characters; trimmed. */
  reason?: string;
  /** For `redact`: indexes into `item.findings` (default: all of them; never an empty list). */
  findings?: number[];
  /** Optimistic lock: the item's version the moderator saw (a stale one is a `conflict`). */
  version?: number;
}

/** One item's outcome in a bulk decision: `status` is 200 or the error's HTTP status. */
export interface BulkResult {
  id: string;
  status: number;
  item?: ReviewItem;
  error?: string;
  message?: string;
}

export interface ReviewService {
  /** A page of the queue (masked items), the next cursor and the counts per status. */
  list(moderator: ReviewModerator, query?: ReviewListQuery): Promise<ReviewListResult>;
  /** One item, masked. `not_found` for an unknown id. */
  get(moderator: ReviewModerator, id: string): Promise<ReviewItem>;
  /** The item's audit trail (claims, decisions, reveals). `not_found` for an unknown id. */
  audit(moderator: ReviewModerator, id: string): Promise<AuditEntry[]>;
  /** Takes the item: other moderators then get `conflict` until it is unclaimed or decided. */
  claim(moderator: ReviewModerator, id: string, options?: { version?: number }): Promise<ReviewItem>;
  unclaim(moderator: ReviewModerator, id: string): Promise<ReviewItem>;
  /** Approve, reject (with a reason), redact (which findings) or escalate; then `onResolved`. */
  decide(moderator: ReviewModerator, id: string, decision: ReviewDecision): Promise<ReviewItem>;
  /** One decision over 1 to 100 items; each item succeeds or fails on its own. */
  bulk(moderator: ReviewModerator, input: { ids: string[]; action: ReviewAction; reason?: string }): Promise<{ results: BulkResult[] }>;
  /** The raw value of one finding; every reveal is written to the item's audit trail. */
  reveal(moderator: ReviewModerator, id: string, finding: number): Promise<{ finding: number; value: string }>;
}

export const REVIEW_ACTIONS: readonly ReviewAction[] = ['approve', 'reject', 'redact', 'escalate'];
export const REVIEW_LIST_STATUSES: readonly ReviewStatus[] = ['pending', 'escalated', 'approved', 'rejected', 'redacted'];
export const REVIEW_SUBJECTS: readonly Subject[] = ['self', 'third_party', 'unknown'];
export const MAX_REASON = 1000;
export const MAX_BULK = 100;
export const MAX_LIMIT = 100;
/** Item ids are the store's UUIDs; anything longer than this is no item's id. */
const MAX_ID = 200;
const KNOWN_OPTIONS = ['store', 'onResolved', 'logger'] as const;
const LIST_KEYS = ['status', 'type', 'subject', 'author', 'from', 'to', 'sort', 'cursor', 'limit'] as const;

const consoleLogger: PreflightLogger = {
  warn: (message, meta) => console.warn(`[pii-preflight] ${message}`, meta ?? ''),
  error: (message, meta) => console.error(`[pii-preflight] ${message}`, meta ?? ''),
};

function bad(message: string): PreflightError {
  return new PreflightError('invalid_input', message);
}

/** True for an object that looks like a Store with a review queue. */
export function isReviewStore(store: unknown): store is Store {
  if (!store || typeof store !== 'object') return false;
  const reviews = (store as { reviews?: unknown }).reviews;
  return typeof reviews === 'object' && reviews !== null && typeof (reviews as { list?: unknown }).list === 'function';
}

/** Checks the moderator given to every call: an object with a non-empty string id. */
function moderatorId(moderator: unknown): string {
  const id = typeof moderator === 'object' && moderator !== null ? (moderator as { id?: unknown }).id : undefined;
  if (typeof id !== 'string' || id === '') throw new PreflightError('forbidden', 'A moderator account is required to use the review queue.');
  return id;
}

/** An item id; anything that cannot be one is `not_found` (without asking the store). */
function itemId(id: unknown): string {
  if (typeof id !== 'string' || id === '' || id.length > MAX_ID) throw new PreflightError('not_found', 'No review item with this id.');
  return id;
}

function checkAction(value: unknown): ReviewAction {
  if (typeof value !== 'string' || !REVIEW_ACTIONS.includes(value as ReviewAction)) {
    throw bad(`\`action\` must be one of ${REVIEW_ACTIONS.join(', ')}${value === undefined ? '' : `, got ${JSON.stringify(value)}`}.`);
  }
  return value as ReviewAction;
}

/** The reason trimmed (undefined when empty); refuses non-strings and oversize reasons, and a reject without one. */
function checkReason(value: unknown, action: ReviewAction): string | undefined {
  if (value !== undefined && value !== null && typeof value !== 'string') throw bad('`reason` must be a string.');
  const text = typeof value === 'string' ? value.trim() : '';
  if (text.length > MAX_REASON) throw bad(`\`reason\` is too long (${MAX_REASON} characters at most).`);
  const reason = text === '' ? undefined : text;
  if (action === 'reject' && !reason) throw bad('A reason is required to reject: it is sent to the author.');
  return reason;
}

function checkVersion(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  throw bad(`\`version\` must be a non-negative integer (the item's version you saw), got ${JSON.stringify(value)}.`);
}

function isIndex(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

function checkFindings(value: unknown): number[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every(isIndex)) throw bad('`findings` must be an array of finding indexes (integers ≥ 0) into item.findings.');
  if (value.length === 0) throw bad('Choose at least one finding to redact.');
  return [...value];
}

function checkDate(name: string, value: unknown): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw bad(`\`${name}\` must be a valid Date.`);
  return value;
}

/** Checks list()'s filters and copies the known ones into a store query. */
function checkListQuery(q: unknown): ReviewQuery {
  if (q === undefined || q === null) return {};
  if (typeof q !== 'object' || Array.isArray(q)) throw bad('The list query must be an object.');
  const input = q as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if ((LIST_KEYS as readonly string[]).includes(key)) continue;
    const hint = suggest(key, LIST_KEYS);
    throw bad(`unknown list filter \`${key}\`.${hint ? ` Did you mean \`${hint}\`?` : ` Known filters: ${LIST_KEYS.join(', ')}.`}`);
  }
  const query: ReviewQuery = {};
  if (input.status !== undefined) {
    const statuses = Array.isArray(input.status) ? (input.status as unknown[]) : [input.status];
    for (const s of statuses) {
      if (typeof s !== 'string' || !REVIEW_LIST_STATUSES.includes(s as ReviewStatus)) {
        throw bad(`\`status\` must be one of ${REVIEW_LIST_STATUSES.join(', ')} (comma-separated for several), got ${JSON.stringify(s)}.`);
      }
    }
    if (statuses.length > 0) query.status = statuses.length === 1 ? (statuses[0] as ReviewStatus) : (statuses as ReviewStatus[]);
  }
  if (input.type !== undefined) {
    if (typeof input.type !== 'string') throw bad('`type` must be a string.');
    if (input.type.length > 64) throw bad('`type` is too long.');
    if (input.type !== '') query.type = input.type;
  }
  if (input.subject !== undefined) {
    if (typeof input.subject !== 'string' || !REVIEW_SUBJECTS.includes(input.subject as Subject)) {
      throw bad(`\`subject\` must be one of ${REVIEW_SUBJECTS.join(', ')}, got ${JSON.stringify(input.subject)}.`);
    }
    query.subject = input.subject as Subject;
  }
  if (input.author !== undefined) {
    if (typeof input.author !== 'string') throw bad('`author` must be a string.');
    if (input.author.length > 200) throw bad('`author` is too long (200 characters at most).');
    if (input.author !== '') query.author = input.author;
  }
  if (input.from !== undefined) query.from = checkDate('from', input.from);
  if (input.to !== undefined) query.to = checkDate('to', input.to);
  if (input.sort !== undefined) {
    if (input.sort !== 'oldest' && input.sort !== 'newest') throw bad(`\`sort\` must be oldest or newest, got ${JSON.stringify(input.sort)}.`);
    query.sort = input.sort;
  }
  if (input.cursor !== undefined) {
    if (typeof input.cursor !== 'string' || input.cursor.length > 500) throw bad('`cursor` is not valid: pass back the nextCursor of the previous page.');
    if (input.cursor !== '') query.cursor = input.cursor;
  }
  if (input.limit !== undefined) {
    if (!isIndex(input.limit) || input.limit < 1 || input.limit > MAX_LIMIT) {
      throw bad(`\`limit\` must be an integer from 1 to ${MAX_LIMIT}, got ${JSON.stringify(input.limit)}.`);
    }
    query.limit = input.limit;
  }
  return query;
}

interface ResolvedReviewService {
  store: Store;
  onResolved: ReviewServiceOptions['onResolved'];
  logger: PreflightLogger;
}

function fail(message: string): never {
  throw new PreflightError('invalid_options', `createReviewService(): ${message}`);
}

/** Validates the options once, when the service is created. */
function resolveServiceOptions(input: unknown): ResolvedReviewService {
  if (typeof input !== 'object' || input === null) fail('pass an options object: createReviewService({ store, onResolved }).');
  const o = input as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if ((KNOWN_OPTIONS as readonly string[]).includes(key)) continue;
    const hint = suggest(key, KNOWN_OPTIONS);
    fail(`unknown option \`${key}\`.${hint ? ` Did you mean \`${hint}\`?` : ` Known options: ${KNOWN_OPTIONS.join(', ')}.`}`);
  }
  if (!isReviewStore(o.store)) fail("`store` is required: `const store = await createStore({ url: 'sqlite:./data/preflight.sqlite', secret })`, then createReviewService({ store }).");
  if (o.onResolved !== undefined && typeof o.onResolved !== 'function') fail('`onResolved` must be a function (item, action) => void | Promise<void>.');
  let logger = consoleLogger;
  if (o.logger !== undefined) {
    const l = o.logger as Record<string, unknown>;
    if (typeof l !== 'object' || l === null || typeof l.warn !== 'function' || typeof l.error !== 'function') fail('`logger` must have warn() and error() methods (info() optional), e.g. pino or console.');
    logger = o.logger as PreflightLogger;
  }
  return { store: o.store, onResolved: o.onResolved as ResolvedReviewService['onResolved'], logger };
}

/** The review service over checked options; `label` names the caller in log messages. */
export function buildReviewService(o: ResolvedReviewService, label: string): ReviewService {
  const { store, logger } = o;

  const load = async (id: string): Promise<ReviewItem> => {
    const item = await store.reviews.get(itemId(id));
    if (!item) throw new PreflightError('not_found', 'No review item with this id.');
    return item;
  };

  const notifyResolved = async (item: ReviewItem, action: ReviewAction): Promise<void> => {
    if (!o.onResolved || action === 'escalate') return;
    try {
      const full = (await store.reviews.get(item.id, { reveal: true })) ?? item;
      await o.onResolved(full, action);
    } catch (err) {
      logger.error(`${label}: onResolved() failed; the moderator action itself is saved.`, {
        itemId: item.id,
        action,
        error: err instanceof Error ? `${err.name}: ${err.message}` : typeof err,
      });
    }
  };

  return {
    async list(moderator, query) {
      moderatorId(moderator);
      const page = await store.reviews.list(checkListQuery(query));
      return { items: page.items, nextCursor: page.nextCursor, counts: page.counts };
    },

    async get(moderator, id) {
      moderatorId(moderator);
      return load(id);
    },

    async audit(moderator, id) {
      moderatorId(moderator);
      const item = await load(id);
      return store.reviews.audit(item.id);
    },

    async claim(moderator, id, options) {
      const who = moderatorId(moderator);
      const version = checkVersion(options?.version);
      return store.reviews.claim(itemId(id), who, version);
    },

    async unclaim(moderator, id) {
      const who = moderatorId(moderator);
      return store.reviews.unclaim(itemId(id), who);
    },

    async decide(moderator, id, decision) {
      const who = moderatorId(moderator);
      if (typeof decision !== 'object' || decision === null) throw bad('Pass the decision: { action, reason?, findings?, version? }.');
      const action = checkAction(decision.action);
      const reason = checkReason(decision.reason, action);
      const version = checkVersion(decision.version);
      const findings = action === 'redact' ? checkFindings(decision.findings) : undefined;
      const item = await store.reviews.act(itemId(id), {
        action,
        moderatorId: who,
        ...(reason !== undefined ? { reason } : {}),
        ...(findings !== undefined ? { findings } : {}),
        ...(version !== undefined ? { version } : {}),
      });
      await notifyResolved(item, action);
      return item;
    },

    async bulk(moderator, input) {
      const who = moderatorId(moderator);
      if (typeof input !== 'object' || input === null) throw bad('Pass { ids, action, reason? }.');
      const rawIds: unknown = input.ids;
      if (!Array.isArray(rawIds) || rawIds.length === 0 || rawIds.length > MAX_BULK || !rawIds.every((id) => typeof id === 'string' && id.length > 0 && id.length <= MAX_ID)) {
        throw bad(`\`ids\` must be an array of 1 to ${MAX_BULK} item ids.`);
      }
      const ids = [...new Set(rawIds as string[])];
      const action = checkAction(input.action);
      const reason = checkReason(input.reason, action);
      const results: BulkResult[] = [];
      for (const id of ids) {
        try {
          const item = await store.reviews.act(id, { action, moderatorId: who, ...(reason !== undefined ? { reason } : {}) });
          results.push({ id, status: 200, item });
          await notifyResolved(item, action);
        } catch (err) {
          if (!isPreflightError(err)) throw err;
          results.push({ id, status: err.status, error: err.code, message: err.message });
        }
      }
      return { results };
    },

    async reveal(moderator, id, finding) {
      const who = moderatorId(moderator);
      if (!isIndex(finding)) throw bad('`finding` must be the index (integer ≥ 0) of a finding in item.findings.');
      const value = await store.reviews.reveal(itemId(id), who, finding);
      return { finding, value };
    },
  };
}

/**
 * The review queue as plain functions:
 *
 *   const reviews = createReviewService({ store, onResolved: (item, action) => publish(item) });
 *   const { items, counts } = await reviews.list({ id: 'mod-1' }, { status: 'pending' });
 *   await reviews.decide({ id: 'mod-1' }, items[0].id, { action: 'reject', reason: 'Someone else’s number' });
 *
 * The host decides who is a moderator; the service checks every argument and the item's state.
 */
export function createReviewService(options: ReviewServiceOptions): ReviewService {
  return buildReviewService(resolveServiceOptions(options), 'reviewService');
}

/** Why an item was held, in plain language (what the dashboard shows). */
export interface HoldExplanation {
  /** The language chosen from `locales` among en, de, fr, es, it, nl, pt (default en). */
  language: DashboardLanguage;
  /** The policy rule's sentence (for an unknown custom rule: a generic sentence naming it). */
  text: string;
  /** False for a custom rule without a written sentence. */
  knownRule: boolean;
  /** The author's acknowledgement reason in words ('' when none). */
  acknowledgement: string;
  /** The author's own note, when they gave one (their words, unescaped: escape it where you render it). */
  note?: string;
  /** True when the post held more findings than were stored. */
  truncated: boolean;
  /** One line per finding: its type, whose it seems to be and the detector's readable reasons. */
  findings: string[];
}

/** The plain-language "held because" of an item, for a moderator whose languages are `locales` (BCP 47, preferred first). */
export function explainHold(item: { heldBecause: HeldBecause; findings: readonly Pick<StoredFinding, 'type' | 'subject' | 'reasons'>[] }, locales: readonly string[] = []): HoldExplanation {
  const language = pickLanguage(locales);
  const held = item.heldBecause;
  const rule = heldRuleText(held.rule, language);
  return {
    language,
    text: rule.text,
    knownRule: rule.known,
    acknowledgement: ackReasonText(held, language),
    ...(held.note ? { note: held.note } : {}),
    truncated: held.truncated === true,
    findings: item.findings.map((f) => whyText(f, language)),
  };
}
