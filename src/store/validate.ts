/** Argument checks shared by every backend (same errors, same messages). */
import { PreflightError } from '../errors';
import { sanitizeFinding } from './chain';
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

export function validateReviewInput(input: ReviewItemInput): StoredFinding[] {
  if (!input || typeof input !== 'object') throw new PreflightError('invalid_input', 'reviews.upsert: input must be an object.');
  for (const k of ['postRef', 'authorId'] as const) {
    if (typeof input[k] !== 'string' || input[k] === '') throw new PreflightError('invalid_input', `reviews.upsert: \`${k}\` must be a non-empty string.`);
  }
  if (!input.fields || typeof input.fields !== 'object' || Object.values(input.fields).some((v) => typeof v !== 'string')) {
    throw new PreflightError('invalid_input', 'reviews.upsert: `fields` must map field names to strings.');
  }
  if (!Array.isArray(input.findings)) throw new PreflightError('invalid_input', 'reviews.upsert: `findings` must be an array.');
  if (!input.heldBecause || typeof input.heldBecause.rule !== 'string') throw new PreflightError('invalid_input', 'reviews.upsert: `heldBecause.rule` is required.');
  return input.findings.map((f) => sanitizeFinding(f, true));
}
