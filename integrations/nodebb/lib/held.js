'use strict';
/**
 * Why a post is in NodeBB's post queue, for the moderators who review it at /post-queue: a note
 * (masked findings, the hold reason, the author's reason) made when the plugin queues a post,
 * saved with the queued item (`filter:post-queue.save`) and shown above its content
 * (`filter:post-queue.get`). Only masked values ever go into the note.
 */

const { createHash } = require('crypto');

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
function heldNote(result, message, fields) {
  const findings = Array.isArray(result.findings) ? result.findings : [];
  // Where each finding is (offsets) and a digest of each field's text: /post-queue masks the
  // queued text by these while it is unchanged. Offsets and digests hold no personal data beyond
  // the queued text NodeBB stores beside them.
  const digests = {};
  for (const [k, v] of Object.entries(fields || {})) if (typeof v === 'string') digests[k] = digest(v);
  return {
    v: NOTE_VERSION,
    reviewId: result.review ? str(result.review.id) : '',
    because: result.review ? str(result.review.because, 40) : '',
    reason: str(result.reason, 40),
    total: findings.length,
    // `masked` only: never `text`, the raw value.
    findings: findings.slice(0, MAX_NOTE_FINDINGS).map((f) => ({ field: str(f.field, 40), type: str(f.type, 40), masked: str(f.masked), message: str(message(f.type)) })),
    spans: findings.map((f) => ({ field: str(f.field, 40), start: f.start, end: f.end, masked: str(f.masked) })).filter(isSpan),
    digests,
  };
}

function digest(text) {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function isSpan(s) {
  return typeof s === 'object' && s !== null && typeof s.field === 'string' && Number.isInteger(s.start) && Number.isInteger(s.end)
    && s.start >= 0 && s.end > s.start && typeof s.masked === 'string';
}

/**
 * `text` with each span [start, end) replaced by its masked value; overlapping spans are merged
 * (the earlier one's mask stands for the union). Spans outside the text are ignored.
 * @param {string} text
 * @param {Array<{ start: number, end: number, masked: string }>} spans
 */
function maskSpans(text, spans) {
  const sorted = spans.filter((s) => s.end <= text.length).sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  for (const s of sorted) {
    if (s.start < at) {
      // Overlaps the span already replaced: extend it over this one's tail.
      if (s.end > at) at = s.end;
      continue;
    }
    out += text.slice(at, s.start) + s.masked;
    at = s.end;
  }
  return out + text.slice(at);
}

/**
 * Masks a queued post's fields: the note's spans where the field is unchanged since it was held
 * (same digest), plus what the scanner finds now (an edited text, or values the note could not list).
 * @param {Record<string, string>} fields
 * @param {{ spans?: Array<{ field: string, start: number, end: number, masked: string }>, digests?: Record<string, string> } | undefined} note
 * @param {Array<{ field: string, start: number, end: number, masked: string }>} found the scanner's findings now
 */
function maskFields(fields, note, found) {
  const out = {};
  for (const [name, text] of Object.entries(fields)) {
    if (typeof text !== 'string') continue;
    const spans = found.filter((f) => f.field === name);
    if (note && note.digests && note.digests[name] === digest(text)) spans.push(...(note.spans || []).filter((s) => s.field === name));
    out[name] = maskSpans(text, spans);
  }
  return out;
}

/** A stored note back from the database (a JSON string), or undefined when it is not one of ours. */
function parseNote(value) {
  if (typeof value !== 'string' || value.length > 20000) return undefined;
  let n;
  try { n = JSON.parse(value); } catch { return undefined; }
  if (typeof n !== 'object' || n === null || n.v !== NOTE_VERSION || !Array.isArray(n.findings)) return undefined;
  const digests = {};
  if (typeof n.digests === 'object' && n.digests !== null) {
    for (const [k, v] of Object.entries(n.digests)) if (typeof v === 'string' && /^[0-9a-f]{64}$/.test(v)) digests[k] = v;
  }
  return {
    v: NOTE_VERSION,
    spans: Array.isArray(n.spans) ? n.spans.filter(isSpan).slice(0, 1000).map((s) => ({ field: s.field.slice(0, 40), start: s.start, end: s.end, masked: str(s.masked) })) : [],
    digests,
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
  const items = note.findings.map((f) => `<li><code>${escapeHtml(f.masked)}</code> — ${escapeHtml(f.message || f.type)}${f.field ? ` <span class="text-muted">(in the ${escapeHtml(f.field)})</span>` : ''}</li>`).join('');
  const more = note.total > note.findings.length ? `<li>${escapeHtml(`… and ${note.total - note.findings.length} more`)}</li>` : '';
  return `<div class="alert alert-warning pii-preflight-held mb-2" data-pii-preflight="held">`
    + `<p class="mb-1"><strong>Held by pii-preflight.</strong> ${escapeHtml(because)}${reason ? ` ${escapeHtml(reason)}` : ''}</p>`
    + `<p class="mb-1">Personal information found (masked):</p><ul class="mb-0">${items}${more}</ul>`
    + (note.reviewId ? `<p class="mb-0 small text-muted">Review item ${escapeHtml(note.reviewId)} in the pii-preflight log.</p>` : '')
    + '</div>';
}

module.exports = { heldNote, parseNote, renderNote, maskSpans, maskFields, escapeHtml, BECAUSE, AUTHOR_REASON };
