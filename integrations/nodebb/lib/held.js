'use strict';
/**
 * Why a post is in NodeBB's post queue, for the moderators who review it at /post-queue: a note
 * (masked findings, the hold reason, the author's reason) made when the plugin queues a post,
 * saved with the queued item (`filter:post-queue.save`) and shown above its content
 * (`filter:post-queue.get`). Only masked values ever go into the note.
 */

const NOTE_VERSION = 1;
const MAX_NOTE_FINDINGS = 20;
const MAX_STRING = 200;

const BECAUSE = {
  third_party: 'The author acknowledged personal information that appears to be about someone else; the forum holds such posts for a moderator.',
  repeat: 'The author has acknowledged many privacy warnings in a short time; the forum holds further posts for a moderator.',
  policy: 'A rule of the forum\'s privacy policy holds posts like this for a moderator.',
};
const AUTHOR_REASON = {
  intended: 'The author says the details are meant to be public.',
  not_personal: 'The author says this is not personal information (business or fictional details).',
  other: 'The author gave another reason.',
  unspecified: 'The author gave no reason.',
};

function escapeHtml(s) {
  return String(s).replace(/[&<>"'`=]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function str(v, max = MAX_STRING) {
  return typeof v === 'string' ? v.slice(0, max) : '';
}

/**
 * The note for a post the guard acknowledged with a review (`result.review` set).
 * @param {{ findings: Array<{ field: string, type: string, masked: string }>, reason?: string, review?: { id: string, because: string } }} result
 * @param {(type: string) => string} message the plain-language message of a finding type
 */
function heldNote(result, message) {
  const findings = Array.isArray(result.findings) ? result.findings : [];
  return {
    v: NOTE_VERSION,
    reviewId: result.review ? str(result.review.id) : '',
    because: result.review ? str(result.review.because, 40) : '',
    reason: str(result.reason, 40),
    total: findings.length,
    // `masked` only: never `text`, the raw value.
    findings: findings.slice(0, MAX_NOTE_FINDINGS).map((f) => ({ field: str(f.field, 40), type: str(f.type, 40), masked: str(f.masked), message: str(message(f.type)) })),
  };
}

/** A stored note back from the database (a JSON string), or undefined when it is not one of ours. */
function parseNote(value) {
  if (typeof value !== 'string' || value.length > 20000) return undefined;
  let n;
  try { n = JSON.parse(value); } catch { return undefined; }
  if (typeof n !== 'object' || n === null || n.v !== NOTE_VERSION || !Array.isArray(n.findings)) return undefined;
  return {
    v: NOTE_VERSION,
    reviewId: str(n.reviewId),
    because: str(n.because, 40),
    reason: str(n.reason, 40),
    total: Number.isInteger(n.total) && n.total >= 0 ? n.total : n.findings.length,
    findings: n.findings.slice(0, MAX_NOTE_FINDINGS).filter((f) => typeof f === 'object' && f !== null)
      .map((f) => ({ field: str(f.field, 40), type: str(f.type, 40), masked: str(f.masked), message: str(f.message) })),
  };
}

/** The note as HTML (every value escaped), shown above the queued post's content. */
function renderNote(note) {
  const because = BECAUSE[note.because] || BECAUSE.policy;
  const reason = AUTHOR_REASON[note.reason] || '';
  const items = note.findings.map((f) => `<li>${escapeHtml(f.message || f.type)}: <code>${escapeHtml(f.masked)}</code>${f.field ? ` <span class="text-muted">(${escapeHtml(f.field)})</span>` : ''}</li>`).join('');
  const more = note.total > note.findings.length ? `<li>${escapeHtml(`… and ${note.total - note.findings.length} more`)}</li>` : '';
  return `<div class="alert alert-warning pii-preflight-held mb-2" data-pii-preflight="held">`
    + `<p class="mb-1"><strong>Held by pii-preflight.</strong> ${escapeHtml(because)}${reason ? ` ${escapeHtml(reason)}` : ''}</p>`
    + `<p class="mb-1">Personal information found (masked):</p><ul class="mb-0">${items}${more}</ul>`
    + (note.reviewId ? `<p class="mb-0 small text-muted">Review item ${escapeHtml(note.reviewId)} in the pii-preflight log.</p>` : '')
    + '</div>';
}

module.exports = { heldNote, parseNote, renderNote, escapeHtml, BECAUSE, AUTHOR_REASON };
