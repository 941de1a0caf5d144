/**
 * Server-rendered HTML of the moderator dashboard: the queue (filters, counts per status, bulk
 * actions) beside the open item (the post with its findings highlighted, reveal buttons, actions,
 * history). Everything that comes from a post, an author, a finding or a moderator is escaped with
 * `escapeHtml`; URLs are built only from the router's base path and `encodeURIComponent`. The page
 * has no inline script or style (the CSP forbids them): CSS and JS are served by the router.
 */
import type { AuditEntry, ReviewItem, ReviewStatus, StoredFinding } from '../store/types';
import { escapeHtml as e } from './html';

export const REVIEW_STATUSES: readonly ReviewStatus[] = ['pending', 'escalated', 'approved', 'rejected', 'redacted'];
export const KNOWN_TYPES: readonly string[] = ['email', 'phone', 'address', 'payment_card', 'iban', 'national_id'];
export const SUBJECTS: readonly string[] = ['self', 'third_party', 'unknown'];
const OPEN_STATUSES: readonly ReviewStatus[] = ['pending', 'escalated'];

/** Dashboard list filters, as strings from the query (already validated). */
export interface DashboardFilters {
  /** A status, or 'all'. */
  status: string;
  type?: string;
  subject?: string;
  author?: string;
  from?: string;
  to?: string;
  sort?: string;
  cursor?: string;
}

export interface Moderator {
  id: string;
  name?: string;
}

export interface DashboardView {
  base: string;
  moderator: Moderator;
  csrfToken: string;
  filters: DashboardFilters;
  list: { items: ReviewItem[]; nextCursor: string | null; counts: Record<string, number> };
  selected?: ReviewItem;
  audit?: AuditEntry[];
  revealed?: { index: number; value: string };
  cannedReasons: readonly string[];
  /** A fixed message key (never user input). */
  notice?: string;
}

const NOTICES: Record<string, string> = {
  approve: 'Approved.',
  reject: 'Rejected; the reason goes to the author.',
  redact: 'Redacted; the redacted version will be published.',
  escalate: 'Escalated for a second opinion.',
  claim: 'Claimed: other moderators cannot act on it until you release it.',
  unclaim: 'Released.',
  bulk: 'Bulk action done.',
  bulk_partial: 'Bulk action done; some items could not be changed (already resolved or claimed by someone else).',
  conflict: 'Not done: the item was changed by someone else (claimed, resolved or edited). This is its current state.',
};
const WARNING_NOTICES = new Set(['bulk_partial', 'conflict']);

/** The known notice keys (the router only passes these through). */
export const NOTICE_KEYS: readonly string[] = Object.keys(NOTICES);

const FILTER_KEYS = ['status', 'type', 'subject', 'author', 'from', 'to', 'sort'] as const;

/** The list's query string (filters only, no cursor), with overrides; undefined/'' values are dropped. */
export function filtersQuery(filters: DashboardFilters, overrides: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = k in overrides ? overrides[k] : filters[k];
    if (v !== undefined && v !== '') params.set(k, v);
  }
  for (const [k, v] of Object.entries(overrides)) {
    if (!(FILTER_KEYS as readonly string[]).includes(k) && v !== undefined && v !== '') params.set(k, v);
  }
  return params.toString();
}

// Accepts a single underscore (global replace); nothing to reject (a one-character literal).
const UNDERSCORE_RE = /_/g;
// Accepts one character outside [a-z0-9_] (global, case-insensitive): stripped from CSS class names;
// letters, digits and underscores are kept, so `t-phone` stays and `x" onclick` cannot form.
const NOT_CLASS_CHAR_RE = /[^a-z0-9_]/gi;
// Accepts one whitespace character (used to split); no quantifier, nothing to backtrack.
const WHITESPACE_RE = /\s/;

function label(s: string): string {
  return s.replace(UNDERSCORE_RE, ' ');
}

function typeClass(type: string): string {
  return `t-${type.replace(NOT_CLASS_CHAR_RE, '')}`;
}

function fmtDate(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return e(iso);
  const text = d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  return `<time datetime="${e(d.toISOString())}">${e(text)}</time>`;
}

interface Placed {
  index: number;
  finding: StoredFinding;
  /** Offsets into the MASKED field text. */
  start: number;
  end: number;
}

/**
 * Where each finding's masked value sits in a masked field. The store masks a field by replacing
 * each (non-overlapping) finding span of the raw text with its masked value, whose length may
 * differ; so the masked offset of a finding is its raw start shifted by the length changes of the
 * spans before it. Each computed position is checked against the masked value; when that fails
 * (e.g. data masked differently), the masked value is searched for after the previous one.
 */
export function placeFindings(maskedText: string, findings: readonly StoredFinding[], field: string): Placed[] {
  const candidates = findings
    .map((finding, index) => ({ finding, index }))
    .filter(({ finding }) => finding.field === field && finding.start >= 0 && finding.start < finding.end)
    .sort((a, b) => a.finding.start - b.finding.start);
  const out: Placed[] = [];
  let lastRawEnd = -1;
  let shift = 0;
  let cursor = 0;
  for (const { finding, index } of candidates) {
    if (finding.start < lastRawEnd) continue; // overlaps a kept span: the store did not mask it separately
    lastRawEnd = finding.end;
    const masked = finding.masked;
    let start = finding.start + shift;
    shift += masked.length - (finding.end - finding.start);
    if (masked.length === 0) continue;
    if (start < cursor || maskedText.slice(start, start + masked.length) !== masked) {
      start = maskedText.indexOf(masked, cursor);
      if (start < 0) continue;
    }
    out.push({ index, finding, start, end: start + masked.length });
    cursor = start + masked.length;
  }
  return out;
}

function pct(confidence: number): string {
  return `${Math.round(Math.max(0, Math.min(1, confidence)) * 100)}%`;
}

/** One field of the post: escaped text with each finding in a focusable <mark> and a tooltip. */
export function renderField(maskedText: string, findings: readonly StoredFinding[], field: string, revealed?: { index: number; value: string }): string {
  let out = '';
  let pos = 0;
  for (const p of placeFindings(maskedText, findings, field)) {
    const f = p.finding;
    const isRevealed = revealed !== undefined && revealed.index === p.index;
    const shown = isRevealed ? revealed.value : maskedText.slice(p.start, p.end);
    const reasons = (f.reasons ?? []).map((r) => `<li>${e(r)}</li>`).join('');
    out += e(maskedText.slice(pos, p.start));
    out +=
      `<mark class="finding ${e(typeClass(f.type))}${isRevealed ? ' revealed' : ''}" tabindex="0" data-index="${p.index}" aria-describedby="tip-${p.index}">` +
      `${e(shown)}<span class="tip" role="tooltip" id="tip-${p.index}"><strong>${e(label(f.type))}</strong> · ${pct(f.confidence)} · ${e(label(f.subject))}` +
      `<span class="rule">${e(f.ruleId)}</span>${reasons ? `<ul>${reasons}</ul>` : ''}</span></mark>`;
    pos = p.end;
  }
  return out + e(maskedText.slice(pos));
}

function hidden(name: string, value: string): string {
  return `<input type="hidden" name="${e(name)}" value="${e(value)}">`;
}

function statusBadge(status: string): string {
  return `<span class="badge s-${e(status)}">${e(label(status))}</span>`;
}

function renderTabs(v: DashboardView): string {
  const tabs = REVIEW_STATUSES.map((s) => {
    const current = v.filters.status === s;
    const qs = filtersQuery(v.filters, { status: s });
    return `<a class="tab${current ? ' current' : ''}" href="${e(`${v.base}/?${qs}`)}"${current ? ' aria-current="page"' : ''}>${e(label(s))} <span class="count" data-status="${e(s)}">${v.list.counts[s] ?? 0}</span></a>`;
  });
  const allCurrent = v.filters.status === 'all';
  const total = Object.values(v.list.counts).reduce((a, b) => a + b, 0);
  tabs.push(`<a class="tab${allCurrent ? ' current' : ''}" href="${e(`${v.base}/?${filtersQuery(v.filters, { status: 'all' })}`)}"${allCurrent ? ' aria-current="page"' : ''}>all <span class="count" data-status="all">${total}</span></a>`);
  return `<nav class="tabs" aria-label="Status">${tabs.join('')}</nav>`;
}

function options(values: readonly string[], current: string | undefined, anyLabel: string): string {
  return [`<option value="">${e(anyLabel)}</option>`]
    .concat(values.map((x) => `<option value="${e(x)}"${x === current ? ' selected' : ''}>${e(label(x))}</option>`))
    .join('');
}

function renderFilters(v: DashboardView): string {
  const f = v.filters;
  return `<form class="filters" method="get" action="${e(`${v.base}/`)}" role="search">
${hidden('status', f.status)}
<label>Type <select name="type">${options(KNOWN_TYPES, f.type, 'any')}</select></label>
<label>Subject <select name="subject">${options(SUBJECTS, f.subject, 'any')}</select></label>
<label>Author <input name="author" value="${e(f.author ?? '')}" maxlength="200" autocomplete="off"></label>
<label>From <input type="date" name="from" value="${e(f.from ?? '')}"></label>
<label>To <input type="date" name="to" value="${e(f.to ?? '')}"></label>
<label>Sort <select name="sort"><option value="oldest"${f.sort !== 'newest' ? ' selected' : ''}>oldest first</option><option value="newest"${f.sort === 'newest' ? ' selected' : ''}>newest first</option></select></label>
<button type="submit">Filter</button>
</form>`;
}

function snippet(item: ReviewItem): string {
  const text = Object.values(item.fields).join(' — ').split(WHITESPACE_RE).filter(Boolean).join(' ');
  return text.length > 140 ? `${text.slice(0, 140)}…` : text;
}

function types(item: ReviewItem): string {
  const seen = [...new Set(item.findings.map((f) => f.type))];
  return seen.map((t) => `<span class="chip ${e(typeClass(t))}">${e(label(t))}</span>`).join('');
}

function renderList(v: DashboardView): string {
  const returnQs = filtersQuery(v.filters, { cursor: v.filters.cursor });
  if (v.list.items.length === 0) {
    return `<p class="empty">No ${v.filters.status === 'all' ? '' : e(label(v.filters.status)) + ' '}items match these filters.</p>`;
  }
  const rows = v.list.items.map((item) => {
    const selected = v.selected?.id === item.id;
    const href = `${v.base}/items/${encodeURIComponent(item.id)}?${filtersQuery(v.filters, { cursor: v.filters.cursor })}`;
    return `<li class="row${selected ? ' selected' : ''}" data-id="${e(item.id)}">
<input type="checkbox" name="ids" value="${e(item.id)}" form="bulk" aria-label="Select ${e(item.postRef)}">
<a class="open" href="${e(href)}"${selected ? ' aria-current="true"' : ''}>
<span class="line1"><span class="ref">${e(item.postRef)}</span>${statusBadge(item.status)}</span>
<span class="line2">by <span class="author">${e(item.authorId)}</span> · ${fmtDate(item.createdAt)}${item.claimedBy ? ` · claimed by <span class="claimer">${e(item.claimedBy)}</span>` : ''}</span>
<span class="chips">${types(item)}</span>
<span class="snippet">${e(snippet(item))}</span>
</a></li>`;
  });
  const next = v.list.nextCursor
    ? `<a class="next" rel="next" href="${e(`${v.base}/?${filtersQuery(v.filters, { cursor: v.list.nextCursor })}`)}">Next page →</a>`
    : '';
  const bulk = `<form id="bulk" class="bulk" method="post" action="${e(`${v.base}/queue/bulk`)}">
${hidden('_csrf', v.csrfToken)}${hidden('return', returnQs)}
<select name="action" aria-label="Bulk action"><option value="approve">Approve selected</option><option value="reject">Reject selected</option><option value="escalate">Escalate selected</option></select>
<input name="reason" maxlength="1000" placeholder="Reason (required to reject)" aria-label="Bulk reason">
<button type="submit">Apply</button>
</form>`;
  return `<ol class="items" id="items">${rows.join('\n')}</ol>${next}${bulk}`;
}

function renderFindingsTable(v: DashboardView, item: ReviewItem, returnQs: string): string {
  if (item.findings.length === 0) return '<p class="empty">No findings recorded.</p>';
  const rows = item.findings.map((f, i) => {
    const revealed = v.revealed?.index === i;
    const value = revealed ? `<code class="raw">${e(v.revealed?.value ?? '')}</code> <span class="logged">(reveal logged)</span>` : `<code>${e(f.masked)}</code>`;
    const reveal = revealed
      ? ''
      : `<form method="post" action="${e(`${v.base}/queue/${encodeURIComponent(item.id)}/reveal`)}" class="inline">${hidden('_csrf', v.csrfToken)}${hidden('finding', String(i))}${hidden('return', returnQs)}<button type="submit" class="link" title="Shows the raw value; the reveal is written to the audit trail">Reveal</button></form>`;
    return `<tr data-index="${i}"><td>${i + 1}</td><td><span class="chip ${e(typeClass(f.type))}">${e(label(f.type))}</span></td><td>${e(f.field)}</td><td>${value}</td><td>${pct(f.confidence)}</td><td>${e(label(f.subject))}</td><td class="why"><span class="rule">${e(f.ruleId)}</span>${(f.reasons ?? []).length ? `<br>${(f.reasons ?? []).map((r) => e(r)).join('; ')}` : ''}</td><td>${reveal}</td></tr>`;
  });
  return `<table class="findings"><thead><tr><th>#</th><th>Type</th><th>Field</th><th>Value</th><th>Confidence</th><th>Subject</th><th>Why</th><th></th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function renderActions(v: DashboardView, item: ReviewItem, returnQs: string): string {
  const base = `${v.base}/queue/${encodeURIComponent(item.id)}`;
  if (!OPEN_STATUSES.includes(item.status)) return '';
  const mine = item.claimedBy === v.moderator.id;
  const other = item.claimedBy !== null && !mine;
  const claimForm = `<form method="post" action="${e(`${base}/${mine ? 'unclaim' : 'claim'}`)}" class="claim">${hidden('_csrf', v.csrfToken)}${hidden('return', returnQs)}${hidden('version', String(item.version))}<button type="submit"${other ? ' disabled' : ''}>${mine ? 'Release' : 'Claim'}</button>${other ? ` <span class="muted">claimed by ${e(item.claimedBy ?? '')}</span>` : ''}</form>`;
  const canned = v.cannedReasons.map((r) => `<option value="${e(r)}">${e(r)}</option>`).join('');
  const redactChoices = item.findings
    .map((f, i) => `<label class="check"><input type="checkbox" name="findings" value="${i}" checked> ${i + 1}. ${e(label(f.type))} <code>${e(f.masked)}</code></label>`)
    .join('');
  return `<section class="actions" aria-label="Actions">
${claimForm}
<form method="post" action="${e(`${base}/actions`)}" id="act">
${hidden('_csrf', v.csrfToken)}${hidden('return', returnQs)}${hidden('version', String(item.version))}
<div class="reason">
<label for="canned">Reason</label>
<select name="cannedReason" id="canned"><option value="">— choose a canned reason —</option>${canned}</select>
<textarea name="reason" id="reason" rows="2" maxlength="1000" placeholder="Or write a reason (sent to the author when rejecting)"></textarea>
</div>
${item.findings.length ? `<fieldset class="redact-choice"><legend>Redact these findings</legend>${redactChoices}</fieldset>` : ''}
<div class="buttons">
<button type="submit" name="action" value="approve" class="approve"${other ? ' disabled' : ''}>Approve <kbd>a</kbd></button>
<button type="submit" name="action" value="reject" class="reject"${other ? ' disabled' : ''}>Reject <kbd>r</kbd></button>
<button type="submit" name="action" value="redact" class="redact"${other ? ' disabled' : ''}>Redact &amp; publish</button>
${item.status === 'escalated' ? '' : `<button type="submit" name="action" value="escalate" class="escalate"${other ? ' disabled' : ''}>Escalate <kbd>e</kbd></button>`}
</div>
<p class="hint" id="reason-hint" hidden>Choose or write a reason before rejecting.</p>
</form>
</section>`;
}

function renderAudit(entries: readonly AuditEntry[] | undefined): string {
  if (!entries || entries.length === 0) return '';
  const rows = entries.map(
    (a) => `<li>${fmtDate(a.createdAt)} <strong>${e(label(a.action))}</strong> by <span class="who">${e(a.moderatorId)}</span>${a.reason ? ` — <q>${e(a.reason)}</q>` : ''}</li>`,
  );
  return `<section class="history"><h3>History</h3><ol>${rows.join('')}</ol></section>`;
}

function renderItem(v: DashboardView, item: ReviewItem): string {
  const returnQs = filtersQuery(v.filters, { cursor: v.filters.cursor, item: item.id });
  const held = item.heldBecause;
  const fields = Object.entries(item.fields)
    .map(([name, text]) => `<section class="field"><h3>${e(name)}</h3><div class="post" data-field="${e(name)}">${renderField(text, item.findings, name, v.revealed)}</div></section>`)
    .join('\n');
  const res = item.resolution;
  const resolution = res
    ? `<section class="resolution"><h3>Resolution</h3><p>${statusBadge(item.status)} ${item.resolvedBy ? `by <span class="who">${e(item.resolvedBy)}</span>` : ''} ${fmtDate(item.resolvedAt)}</p>${res.reason ? `<p>Reason: <q class="res-reason">${e(res.reason)}</q></p>` : ''}${
        res.fields
          ? `<h4>Published version</h4>${Object.entries(res.fields).map(([n, t]) => `<div class="post redacted" data-field="${e(n)}"><span class="fname">${e(n)}</span>${e(t)}</div>`).join('')}`
          : ''
      }</section>`
    : '';
  return `<article class="item" data-id="${e(item.id)}" data-version="${item.version}" data-status="${e(item.status)}">
<header>
<h2><span class="ref">${e(item.postRef)}</span> ${statusBadge(item.status)}</h2>
<dl class="meta">
<div><dt>Author</dt><dd class="author">${e(item.authorId)}</dd></div>
<div><dt>Held because</dt><dd>${e(label(held.rule))}${held.reason ? ` · author said <em>${e(label(held.reason))}</em>` : ''}${held.note ? ` — <q>${e(held.note)}</q>` : ''}${held.truncated ? ` <strong class="truncated">· only the first ${item.findings.length} findings are listed and masked: the post holds more</strong>` : ''}</dd></div>
<div><dt>Submitted</dt><dd>${fmtDate(item.createdAt)}</dd></div>
<div><dt>Format</dt><dd>${e(item.format)}</dd></div>
<div><dt>Claimed by</dt><dd>${item.claimedBy ? e(item.claimedBy) : '<span class="muted">nobody</span>'}</dd></div>
</dl>
</header>
${renderActions(v, item, returnQs)}
<section class="content"><p class="muted small">Values are masked. Hover or focus a highlight for the type, confidence and why it was flagged.</p>${fields}</section>
<section><h3>Findings</h3>${renderFindingsTable(v, item, returnQs)}</section>
${resolution}
${renderAudit(v.audit)}
</article>`;
}

function layout(base: string, title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="referrer" content="no-referrer">
<title>${e(title)}</title>
<link rel="stylesheet" href="${e(`${base}/assets/dashboard.css`)}">
<script src="${e(`${base}/assets/dashboard.js`)}" defer></script>
</head>
<body>
${body}
</body>
</html>
`;
}

/** The whole dashboard page. */
export function renderDashboard(v: DashboardView): string {
  const who = v.moderator.name ?? v.moderator.id;
  const notice = v.notice && NOTICES[v.notice] ? `<p class="flash${WARNING_NOTICES.has(v.notice) ? ' warning' : ''}" role="status">${e(NOTICES[v.notice] ?? '')}</p>` : '';
  const main = v.selected
    ? renderItem(v, v.selected)
    : '<div class="placeholder"><p>Select an item to review it.</p><p class="muted">Press <kbd>j</kbd> to open the first one.</p></div>';
  const body = `<header class="top">
<h1>Review queue</h1>
<span class="me">Signed in as <strong>${e(who)}</strong></span>
</header>
${renderTabs(v)}
${renderFilters(v)}
${notice}
<div class="panes">
<section class="queue" aria-label="Queue">${renderList(v)}</section>
<main class="detail">${main}</main>
</div>
<footer class="help" id="help"><strong>Keyboard:</strong> <kbd>j</kbd>/<kbd>k</kbd> next/previous item · <kbd>a</kbd> approve · <kbd>r</kbd> reject · <kbd>e</kbd> escalate · <kbd>?</kbd> show or hide this help</footer>`;
  return layout(v.base, v.selected ? `Review ${v.selected.postRef}` : 'Review queue', body);
}

/** A small HTML error page (403, 404, 409…), with a link back to the dashboard when allowed. */
export function renderErrorPage(base: string, status: number, code: string, message: string, backHref?: string): string {
  const body = `<main class="error-page">
<h1>${status === 403 ? 'Not authorized' : status === 404 ? 'Not found' : status === 409 ? 'Changed by someone else' : 'Something went wrong'}</h1>
<p class="code">${e(String(status))} · <code>${e(code)}</code></p>
<p>${e(message)}</p>
${backHref ? `<p><a href="${e(backHref)}">Back to the review queue</a></p>` : ''}
</main>`;
  // The 403 page must not load assets (they are behind authorization too).
  if (status === 403) {
    return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>Not authorized</title></head>
<body>${body}</body></html>
`;
  }
  return layout(base, `${status} ${code}`, body);
}
