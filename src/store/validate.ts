/** Argument checks shared by every backend (same errors, same messages). */
import { PreflightError } from '../errors';
import { sanitizeFinding } from './chain';
import { requireOrdinaryUserId } from './log-records';
import type { AcknowledgementInput, ReviewItemInput, ReviewStatus, StatEvent, StoredFinding } from './types';

export const REVIEW_STATUSES: ReviewStatus[] = ['pending', 'approved', 'rejected', 'redacted', 'escalated'];
export const STAT_EVENTS: StatEvent[] = ['scanned', 'warned', 'acknowledged', 'edited_away', 'blocked', 'held', 'allowed'];
const METHODS = ['json', 'form', 'widget'];
const REASONS = ['intended', 'not_personal', 'other', 'unspecified'];

function requireString(value: unknown, name: string, allowEmpty = false): string {
  if (typeof value !== 'string' || (!allowEmpty && value === '')) {
    throw new PreflightError('invalid_input', `acknowledgements.append: \`${name}\` must be a ${allowEmpty ? '' : 'non-empty '}string.`);
  }
  return value;
}

export function validateAckInput(input: AcknowledgementInput): void {
  if (!input || typeof input !== 'object') throw new PreflightError('invalid_input', 'acknowledgements.append: input must be an object.');
  requireString(input.userId, 'userId');
  requireOrdinaryUserId(input.userId, 'acknowledgements.append');
  requireString(input.tokenId, 'tokenId');
  requireString(input.policyVersion, 'policyVersion', true);
  requireString(input.noticeText, 'noticeText', true);
  requireString(input.noticeVersion, 'noticeVersion', true);
  requireString(input.locale, 'locale', true);
  requireString(input.contentHash, 'contentHash', true);
  if (!METHODS.includes(input.method)) throw new PreflightError('invalid_input', `acknowledgements.append: \`method\` must be one of ${METHODS.join(', ')}.`);
  if (!REASONS.includes(input.reason)) throw new PreflightError('invalid_input', `acknowledgements.append: \`reason\` must be one of ${REASONS.join(', ')}.`);
  if (input.action !== 'warn' && input.action !== 'review') throw new PreflightError('invalid_input', 'acknowledgements.append: `action` must be warn or review.');
  if (!Array.isArray(input.fields) || !Array.isArray(input.findings)) {
    throw new PreflightError('invalid_input', 'acknowledgements.append: `fields` and `findings` must be arrays.');
  }
  for (const f of input.findings) sanitizeFinding(f, false);
  for (const k of ['note', 'ipPrefix', 'userAgent'] as const) {
    if (input[k] !== undefined && typeof input[k] !== 'string') throw new PreflightError('invalid_input', `acknowledgements.append: \`${k}\` must be a string.`);
  }
}

/** At most this many findings are stored with a review item (the first, by position). */
export const MAX_REVIEW_FINDINGS = 500;

/** Letters and digits only, lower-cased: "212-555-0107" and "(212) 555 0107" compare equal. */
function alnum(s: string): string {
  let out = '';
  for (const ch of s.toLowerCase()) if (/[\p{L}\p{N}]/u.test(ch)) out += ch;
  return out;
}

/**
 * Whether `postRef` spells out a value found in the post (a title slug such as
 * `call-kim-212-555-0107`): compared on letters and digits only, for values of 5 or more of them.
 * A reference must identify the post (ids), never repeat its content: the reference is stored
 * and shown in plain text.
 */
export function postRefHoldsFinding(postRef: string, fields: Record<string, string>, findings: ReadonlyArray<{ field: string; start: number; end: number }>): boolean {
  const ref = alnum(postRef);
  if (ref.length < 5) return false;
  for (const f of findings) {
    const text = fields[f.field];
    if (typeof text !== 'string') continue;
    const value = alnum(text.slice(f.start, f.end));
    if (value.length >= 5 && ref.includes(value)) return true;
  }
  return false;
}

export function validateReviewInput(input: ReviewItemInput): StoredFinding[] {
  if (!input || typeof input !== 'object') throw new PreflightError('invalid_input', 'reviews.upsert: input must be an object.');
  for (const k of ['postRef', 'authorId'] as const) {
    if (typeof input[k] !== 'string' || input[k] === '') throw new PreflightError('invalid_input', `reviews.upsert: \`${k}\` must be a non-empty string.`);
  }
  requireOrdinaryUserId(input.authorId, 'reviews.upsert');
  if (!input.fields || typeof input.fields !== 'object' || Object.values(input.fields).some((v) => typeof v !== 'string')) {
    throw new PreflightError('invalid_input', 'reviews.upsert: `fields` must map field names to strings.');
  }
  if (!Array.isArray(input.findings)) throw new PreflightError('invalid_input', 'reviews.upsert: `findings` must be an array.');
  if (!input.heldBecause || typeof input.heldBecause.rule !== 'string') throw new PreflightError('invalid_input', 'reviews.upsert: `heldBecause.rule` is required.');
  if (input.postRef.length > 512) throw new PreflightError('invalid_input', 'reviews.upsert: `postRef` must be at most 512 characters.');
  if (postRefHoldsFinding(input.postRef, input.fields, input.findings)) {
    throw new PreflightError('invalid_input', 'reviews.upsert: `postRef` contains a value found in the post; build it from ids only (it is stored and shown unencrypted).');
  }
  return input.findings.slice(0, MAX_REVIEW_FINDINGS).map((f) => sanitizeFinding(f, true));
}
