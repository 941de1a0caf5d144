/**
 * Server-rendered HTML of the moderator dashboard: the queue (filters, counts per status, bulk
 * actions) beside the open item (the post with its findings highlighted, reveal buttons, actions,
 * history). Everything that comes from a post, an author, a finding or a moderator is escaped with
 * `escapeHtml`; URLs are built only from the router's base path and `encodeURIComponent`. The page
 * has no inline script or style (the CSP forbids them): CSS and JS are served by the router.
 */
import type { AuditEntry, ReviewItem, ReviewStatus, StoredFinding } from '../store/types';
import { escapeHtml as e } from './html';
import { ackReasonText, heldRuleText, humanReasons, typeName, whyText, type DashboardLanguage } from '../core/review-text';

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
  /** The cursors of the pages before this one, oldest first ('0' for the first page), joined by '.'. */
  back?: string;
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
  cannedReasons: CannedReasons;
  /** A fixed message key (never user input). */
  notice?: string;
  /** Page size of the list (for the page count). */
  limit: number;
  /** The moderator's language for the held-because sentence. */
  lang: DashboardLanguage;
  /** The host's link to a post, already checked to be http(s) or a path. */
  postUrl?: (item: ReviewItem) => string | undefined;
  /** A form error shown inline (a bulk action or the item's actions), with what the moderator had entered. */
  formError?: { form: 'bulk' | 'act'; message: string; ids?: readonly string[]; action?: string; reason?: string };
  /** The next open item after the selected one in the list (for "approve and go to the next"). */
  nextId?: string;
  /** The item just decided before moving to this one (a link back to it in the notice). */
  prevId?: string;
}

/** Canned reasons per action: reject reasons go to the author. */
export interface CannedReasons {
  approve: readonly string[];
  reject: readonly string[];
  escalate: readonly string[];
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
  reveal_once: 'A revealed value is shown once and was not kept. Reveal it again to see it (each reveal is logged).',
};
const WARNING_NOTICES = new Set(['bulk_partial', 'conflict', 'reveal_once']);

/** The known notice keys (the router only passes these through). */
export const NOTICE_KEYS: readonly string[] = Object.keys(NOTICES);

const FILTER_KEYS = ['status', 'type', 'subject', 'author', 'from', 'to', 'sort'] as const;
/** The query keys that carry the list's page (cursor and the cursors before it). */
export const PAGE_KEYS = ['cursor', 'back'] as const;

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

const SUBJECT_WORDS: Record<string, string> = { self: "the author's own", third_party: "someone else's", unknown: 'owner unclear' };

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
    const reasons = humanReasons(f.reasons).map((r) => `<li>${e(r)}</li>`).join('');
    out += e(maskedText.slice(pos, p.start));
    out +=
      `<mark class="finding ${e(typeClass(f.type))}${isRevealed ? ' revealed' : ''}" tabindex="0" data-index="${p.index}" data-rule="${e(f.ruleId)}" aria-describedby="tip-${p.index}">` +
      `${e(shown)}<span class="tip" id="tip-${p.index}" aria-hidden="true"><strong>${e(typeName(f.type))}</strong> · ${pct(f.confidence)} sure · ${e(SUBJECT_WORDS[f.subject] ?? label(f.subject))}` +
      `${reasons ? `<ul>${reasons}</ul>` : ''}</span></mark>`;
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

/** The post's title (masked like every field), else the start of its first field, else its reference. */
export function itemTitle(item: ReviewItem): string {
  const f = item.fields;
  const title = (f.title ?? f.subject ?? f.name ?? '').trim();
  if (title) return title.length > 120 ? `${title.slice(0, 120)}…` : title;
  const first = Object.values(f).find((t) => t.trim() !== '');
  if (first) {
    const words = first.split(WHITESPACE_RE).filter(Boolean).join(' ');
    return words.length > 80 ? `${words.slice(0, 80)}…` : words;
  }
  return item.postRef;
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
  const active = Boolean(f.type || f.subject || f.author || f.from || f.to || f.sort === 'newest');
  return `<details class="filter-box" id="filter-box" open${active ? ' data-active' : ''}><summary>Filters${active ? ' (active)' : ''}</summary><form class="filters" method="get" action="${e(`${v.base}/`)}" role="search" aria-label="Filter the queue">
${hidden('status', f.status)}
<label>Type <select name="type">${options(KNOWN_TYPES, f.type, 'any')}</select></label>
<label>Subject <select name="subject">${options(SUBJECTS, f.subject, 'any')}</select></label>
<label>Author <input name="author" value="${e(f.author ?? '')}" maxlength="200" autocomplete="off"></label>
<label>From <input type="date" name="from" value="${e(f.from ?? '')}"></label>
<label>To <input type="date" name="to" value="${e(f.to ?? '')}"></label>
<label>Sort <select name="sort"><option value="oldest"${f.sort !== 'newest' ? ' selected' : ''}>oldest first</option><option value="newest"${f.sort === 'newest' ? ' selected' : ''}>newest first</option></select></label>
<button type="submit">Filter</button>
</form></details>`;
}

function snippet(item: ReviewItem): string {
  const text = Object.entries(item.fields)
    .filter(([k]) => k !== 'title')
    .map(([, t]) => t)
    .join(' — ')
    .split(WHITESPACE_RE)
    .filter(Boolean)
    .join(' ');
  return text.length > 140 ? `${text.slice(0, 140)}…` : text;
}

function types(item: ReviewItem): string {
  const seen = [...new Set(item.findings.map((f) => f.type))];
  return seen.map((t) => `<span class="chip ${e(typeClass(t))}">${e(label(t))}</span>`).join('');
}

/** The page links: "Previous" (the cursors before this page ride along in `back`), "Page n of m", "Next". */
function renderPager(v: DashboardView, total: number): string {
  const trail = v.filters.back ? v.filters.back.split('.') : [];
  const page = v.filters.cursor ? trail.length + 1 : 1;
  const pages = Math.max(1, Math.ceil(total / v.limit));
  const first = (page - 1) * v.limit + 1;
  const last = first + v.list.items.length - 1;
  let prev = '';
  if (page > 1) {
    const prevCursor = trail[trail.length - 1];
    const before = trail.slice(0, -1).join('.');
    const href = `${v.base}/?${filtersQuery(v.filters, { cursor: prevCursor && prevCursor !== '0' ? prevCursor : undefined, back: before || undefined })}`;
    prev = `<a class="prev" rel="prev" href="${e(href)}">← Previous page</a>`;
  }
  let next = '';
  if (v.list.nextCursor) {
    const back = [...(v.filters.cursor ? trail : []), v.filters.cursor ?? '0'].join('.');
    next = `<a class="next" rel="next" href="${e(`${v.base}/?${filtersQuery(v.filters, { cursor: v.list.nextCursor, back })}`)}">Next page →</a>`;
  }
  const where = v.list.items.length ? `Page ${page} of ${Math.max(pages, page)} · items ${first}–${last} of ${Math.max(total, last)}` : `Page ${page}`;
  return `<nav class="pager" aria-label="Pages">${prev}<span class="where">${e(where)}</span>${next}</nav>`;
}

function renderBulk(v: DashboardView, returnQs: string): string {
  const err = v.formError?.form === 'bulk' ? v.formError : undefined;
  const action = err?.action ?? 'approve';
  const opt = (value: string, text: string): string => `<option value="${value}"${action === value ? ' selected' : ''}>${text}</option>`;
  return `<form id="bulk" class="bulk" method="post" action="${e(`${v.base}/queue/bulk`)}" aria-label="Bulk action on the checked items">
${hidden('_csrf', v.csrfToken)}${hidden('return', returnQs)}
<label class="all" hidden><input type="checkbox" id="select-all"> Select all on this page</label>
<span class="selected-count" id="selected-count" aria-live="polite"></span>
<select name="action" aria-label="Bulk action">${opt('approve', 'Approve checked')}${opt('reject', 'Reject checked')}${opt('escalate', 'Escalate checked')}</select>
<input name="reason" id="bulk-reason" maxlength="1000" value="${e(err?.reason ?? '')}" placeholder="Reason (needed to reject; sent to the authors)" aria-label="Reason for the bulk action" aria-describedby="bulk-error"${err ? ' aria-invalid="true"' : ''}>
<button type="submit">Apply</button>
<p class="hint" id="bulk-error" role="alert"${err ? '' : ' hidden'}>${err ? e(err.message) : ''}</p>
</form>`;
}

function renderList(v: DashboardView): string {
  const returnQs = filtersQuery(v.filters, { cursor: v.filters.cursor, back: v.filters.back });
  const statuses = v.filters.status === 'all' ? Object.keys(v.list.counts) : v.filters.status.split(',');
  const total = statuses.reduce((n, s) => n + (v.list.counts[s] ?? 0), 0);
  if (v.list.items.length === 0) {
    return `<h2 class="queue-title" id="queue-title">Queue</h2><p class="empty">No ${v.filters.status === 'all' ? '' : e(label(v.filters.status)) + ' '}items match these filters.</p>${v.filters.cursor ? renderPager(v, total) : ''}`;
  }
  const checked = new Set(v.formError?.form === 'bulk' ? (v.formError.ids ?? []) : []);
  const rows = v.list.items.map((item) => {
    const selected = v.selected?.id === item.id;
    const href = `${v.base}/items/${encodeURIComponent(item.id)}?${returnQs}`;
    const title = itemTitle(item);
    return `<li class="row${selected ? ' selected' : ''}" data-id="${e(item.id)}">
<label class="pick"><input type="checkbox" name="ids" value="${e(item.id)}" form="bulk"${checked.has(item.id) ? ' checked' : ''}><span class="sr-only">Select “${e(title)}”</span></label>
<a class="open" href="${e(href)}"${selected ? ' aria-current="true"' : ''}>
<span class="line1"><span class="title">${e(title)}</span>${statusBadge(item.status)}</span>
<span class="line2">by <span class="author">${e(item.authorId)}</span> · ${fmtDate(item.createdAt)}${item.claimedBy ? ` · claimed by <span class="claimer">${e(item.claimedBy)}</span>` : ''}</span>
<span class="chips">${types(item)}</span>
<span class="snippet">${e(snippet(item))}</span>
</a></li>`;
  });
  return `<h2 class="queue-title" id="queue-title">Queue</h2>${renderBulk(v, returnQs)}<ol class="items" id="items">${rows.join('\n')}</ol>${renderPager(v, total)}`;
}

function renderFindingsTable(v: DashboardView, item: ReviewItem, returnQs: string): string {
  if (item.findings.length === 0) return '<p class="empty">No findings recorded.</p>';
  const rows = item.findings.map((f, i) => {
    const revealed = v.revealed?.index === i;
    const name = `${i + 1}: ${typeName(f.type).toLowerCase()}`;
    const value = revealed
      ? `<code class="raw">${e(v.revealed?.value ?? '')}</code> <span class="logged">(reveal logged; shown once)</span>`
      : `<code>${e(f.masked)}</code> <form method="post" action="${e(`${v.base}/queue/${encodeURIComponent(item.id)}/reveal`)}" class="inline">${hidden('_csrf', v.csrfToken)}${hidden('finding', String(i))}${hidden('return', returnQs)}<button type="submit" class="reveal" title="Shows the raw value once; the reveal is written to the audit trail">Reveal<span class="sr-only"> finding ${e(name)}</span></button></form>`;
    return `<tr data-index="${i}" id="finding-${i + 1}"><td data-label="#">${i + 1}</td><td data-label="Type"><span class="chip ${e(typeClass(f.type))}">${e(label(f.type))}</span></td><td data-label="Field">${e(f.field)}</td><td data-label="Value" class="value">${value}</td><td data-label="Confidence">${pct(f.confidence)}</td><td data-label="Why" class="why" data-rule="${e(f.ruleId)}">${e(whyText(f))}</td></tr>`;
  });
  return `<table class="findings"><caption class="sr-only">Findings of this post</caption><thead><tr><th scope="col">#</th><th scope="col">Type</th><th scope="col">Field</th><th scope="col">Value</th><th scope="col">Confidence</th><th scope="col">Why flagged</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function cannedOptions(c: CannedReasons, chosen: string | undefined): string {
  const group = (label: string, action: string, list: readonly string[]): string =>
    list.length ? `<optgroup label="${e(label)}" data-action="${action}">${list.map((r) => `<option value="${e(r)}"${r === chosen ? ' selected' : ''}>${e(r)}</option>`).join('')}</optgroup>` : '';
  return group('To reject (sent to the author)', 'reject', c.reject) + group('To approve', 'approve', c.approve) + group('To escalate', 'escalate', c.escalate);
}

function renderActions(v: DashboardView, item: ReviewItem, returnQs: string): string {
  const base = `${v.base}/queue/${encodeURIComponent(item.id)}`;
  if (!OPEN_STATUSES.includes(item.status)) return '';
  const mine = item.claimedBy === v.moderator.id;
  const other = item.claimedBy !== null && !mine;
  const err = v.formError?.form === 'act' ? v.formError : undefined;
  const claimForm = `<form method="post" action="${e(`${base}/${mine ? 'unclaim' : 'claim'}`)}" class="claim">${hidden('_csrf', v.csrfToken)}${hidden('return', returnQs)}${hidden('version', String(item.version))}<button type="submit"${other ? ' disabled' : ''}>${mine ? 'Release' : 'Claim'}</button>${other ? ` <span class="muted">claimed by ${e(item.claimedBy ?? '')}</span>` : ''}</form>`;
  const redactChoices = item.findings
    .map((f, i) => `<label class="check"><input type="checkbox" name="findings" value="${i}" checked> ${i + 1}. ${e(label(f.type))} <code>${e(f.masked)}</code></label>`)
    .join('');
  const dis = other ? ' disabled' : '';
  return `<section class="actions" aria-labelledby="actions-title">
<h3 id="actions-title" class="sr-only">Decision</h3>
${claimForm}
<form method="post" action="${e(`${base}/actions`)}" id="act" data-title="${e(itemTitle(item))}">
${hidden('_csrf', v.csrfToken)}${hidden('return', returnQs)}${hidden('version', String(item.version))}<input type="hidden" name="next" value="" data-next="${e(v.nextId ?? '')}">
<div class="reason">
<label for="canned">Reason</label>
<select name="cannedReason" id="canned" aria-describedby="reason-hint"><option value="">— choose a reason —</option>${cannedOptions(v.cannedReasons, undefined)}</select>
<label for="reason" class="sr-only">Or write a reason</label>
<textarea name="reason" id="reason" rows="2" maxlength="1000" placeholder="Or write a reason (sent to the author when rejecting)" aria-describedby="reason-hint"${err ? ' aria-invalid="true"' : ''}>${e(err?.reason ?? '')}</textarea>
</div>
${item.findings.length ? `<fieldset class="redact-choice"><legend>Redact these findings</legend>${redactChoices}</fieldset>` : ''}
<div class="buttons">
<button type="submit" name="action" value="approve" class="approve"${dis} aria-keyshortcuts="a">Approve <kbd aria-hidden="true">a</kbd></button>
<button type="submit" name="action" value="reject" class="reject"${dis} aria-keyshortcuts="r">Reject <kbd aria-hidden="true">r</kbd></button>
<button type="submit" name="action" value="redact" class="redact"${dis}>Redact &amp; publish</button>
${item.status === 'escalated' ? '' : `<button type="submit" name="action" value="escalate" class="escalate"${dis} aria-keyshortcuts="e">Escalate <kbd aria-hidden="true">e</kbd></button>`}
</div>
<p class="hint" id="reason-hint" role="alert"${err ? '' : ' hidden'}>${err ? e(err.message) : 'Choose or write a reason before rejecting: it is sent to the author.'}</p>
</form>
</section>`;
}

function renderAudit(entries: readonly AuditEntry[] | undefined): string {
  if (!entries || entries.length === 0) return '';
  const rows = entries.map(
    (a) => `<li>${fmtDate(a.createdAt)} <strong>${e(label(a.action))}</strong> by <span class="who">${e(a.moderatorId)}</span>${a.reason ? ` — <q>${e(a.reason)}</q>` : ''}</li>`,
  );
  return `<section class="history" aria-labelledby="history-title"><h3 id="history-title">History</h3><ol>${rows.join('')}</ol></section>`;
}

function renderHeld(v: DashboardView, item: ReviewItem): string {
  const held = item.heldBecause;
  const rule = heldRuleText(held.rule, v.lang);
  const ack = ackReasonText(held, v.lang);
  const langAttr = v.lang === 'en' ? '' : ` lang="${v.lang}"`;
  return `<span class="held" data-rule="${e(held.rule)}"${langAttr}>${e(rule.text)}${ack ? ` ${e(ack)}.` : ''}</span>${held.note ? ` <span class="note">Author's note: <q>${e(held.note)}</q></span>` : ''}${
    held.truncated ? ` <strong class="truncated">Only the first ${item.findings.length} findings are listed and masked: the post holds more.</strong>` : ''
  }`;
}

/** The host's post link, only when it is an http(s) URL or a same-site path (never javascript: and the like). */
function safePostUrl(v: DashboardView, item: ReviewItem): string | undefined {
  const url = v.postUrl?.(item);
  if (typeof url !== 'string' || url.length > 2000) return undefined;
  const lower = url.trim().toLowerCase();
  if (lower.startsWith('https://') || lower.startsWith('http://') || (lower.startsWith('/') && !lower.startsWith('//'))) return url.trim();
  return undefined;
}

function renderItem(v: DashboardView, item: ReviewItem): string {
  const returnQs = filtersQuery(v.filters, { cursor: v.filters.cursor, back: v.filters.back, item: item.id });
  const fields = Object.entries(item.fields)
    .map(([name, text]) => `<section class="field" aria-label="${e(`Post ${name}`)}"><h3>${e(name)}</h3><div class="post" data-field="${e(name)}">${renderField(text, item.findings, name, v.revealed)}</div></section>`)
    .join('\n');
  const res = item.resolution;
  const resolution = res
    ? `<section class="resolution" aria-labelledby="resolution-title"><h3 id="resolution-title">Resolution</h3><p>${statusBadge(item.status)} ${item.resolvedBy ? `by <span class="who">${e(item.resolvedBy)}</span>` : ''} ${fmtDate(item.resolvedAt)}</p>${res.reason ? `<p>Reason: <q class="res-reason">${e(res.reason)}</q></p>` : ''}${
        res.fields
          ? `<h4>Published version</h4>${Object.entries(res.fields).map(([n, t]) => `<div class="post redacted" data-field="${e(n)}"><span class="fname">${e(n)}</span>${e(t)}</div>`).join('')}`
          : ''
      }</section>`
    : '';
  const url = safePostUrl(v, item);
  return `<article class="item" data-id="${e(item.id)}" data-version="${item.version}" data-status="${e(item.status)}" aria-labelledby="item-title">
<header>
<h2 id="item-title"><span class="item-title">${e(itemTitle(item))}</span> ${statusBadge(item.status)}</h2>
<p class="refline">${url ? `<a class="post-link" href="${e(url)}" rel="noopener noreferrer" target="_blank">Open the post<span class="sr-only"> (new tab)</span></a> · ` : ''}<span class="ref">${e(item.postRef)}</span></p>
<dl class="meta">
<div class="wide"><dt>Held because</dt><dd>${renderHeld(v, item)}</dd></div>
<div><dt>Author</dt><dd class="author">${e(item.authorId)}</dd></div>
<div><dt>Submitted</dt><dd>${fmtDate(item.createdAt)}</dd></div>
<div><dt>Format</dt><dd>${e(item.format)}</dd></div>
<div><dt>Claimed by</dt><dd>${item.claimedBy ? e(item.claimedBy) : '<span class="muted">nobody</span>'}</dd></div>
</dl>
</header>
${renderActions(v, item, returnQs)}
<section class="content" aria-label="The post"><p class="muted small">Values are masked. Hover or focus a highlight for the type, confidence and why it was flagged.</p>${fields}</section>
<section aria-labelledby="findings-title"><h3 id="findings-title">Findings</h3>${renderFindingsTable(v, item, returnQs)}</section>
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
  const back = v.prevId ? ` <a href="${e(`${v.base}/items/${encodeURIComponent(v.prevId)}?${filtersQuery(v.filters, { cursor: v.filters.cursor, back: v.filters.back })}`)}">Open the item you just decided</a>` : '';
  const notice = v.notice && NOTICES[v.notice] ? `<p class="flash${WARNING_NOTICES.has(v.notice) ? ' warning' : ''}" role="status">${e(NOTICES[v.notice] ?? '')}${back}</p>` : '';
  const main = v.selected
    ? renderItem(v, v.selected)
    : '<div class="placeholder"><p>Select an item to review it.</p><p class="muted">Press <kbd>j</kbd> to open the first one.</p></div>';
  const skips = v.selected
    ? '<a class="skip" href="#item">Skip to the open item</a><a class="skip" href="#queue">Skip to the queue</a>'
    : '<a class="skip" href="#queue">Skip to the queue</a>';
  const body = `${skips}
<header class="top">
<p class="brand">Review queue</p>
<span class="me">Signed in as <strong>${e(who)}</strong></span>
</header>
${renderTabs(v)}
${renderFilters(v)}
<main class="panes${v.selected ? ' has-item' : ''}" id="main">
<h1 class="sr-only">Review queue${v.selected ? `: ${e(itemTitle(v.selected))}` : ''}</h1>
${notice}
<section class="queue" id="queue" tabindex="-1" aria-labelledby="queue-title">${renderList(v)}</section>
<section class="detail" id="item" tabindex="-1" aria-label="${v.selected ? 'Open item' : 'No item open'}">${main}</section>
</main>
<footer class="help" id="help"><strong>Keyboard:</strong> <kbd>j</kbd>/<kbd>k</kbd> next/previous item · <kbd>a</kbd> approve and go to the next (undo for 5 s) · <kbd>r</kbd> reject · <kbd>e</kbd> escalate · <kbd>?</kbd> show or hide this help</footer>
<div class="toast" id="toast" role="status" aria-live="polite" hidden></div>`;
  return layout(v.base, v.selected ? `Review: ${itemTitle(v.selected)}` : 'Review queue', body);
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
