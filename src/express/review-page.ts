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
import { dashboardStrings, fillText, type DashboardStrings } from '../core/review-i18n';

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
  /** The moderator's language: every word of the page (the host's own canned reasons stay as given). */
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

const WARNING_NOTICES = new Set(['bulk_partial', 'conflict', 'reveal_once']);

/** The known notice keys (the router only passes these through). */
export const NOTICE_KEYS: readonly string[] = Object.keys(dashboardStrings('en').notices);

/** A word from one of the dictionary's maps (status, type, subject, audit action), else the key made readable. */
function word(map: Record<string, string>, key: string): string {
  return Object.prototype.hasOwnProperty.call(map, key) ? (map[key] as string) : label(key);
}

/** A template with escaped text and `{name}` placeholders filled with already-escaped HTML. */
function tpl(template: string, html: Record<string, string | number>): string {
  return fillText(e(template), html);
}

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


function pct(confidence: number): string {
  return `${Math.round(Math.max(0, Math.min(1, confidence)) * 100)}%`;
}

/** One field of the post: escaped text with each finding in a focusable <mark> and a tooltip. */
export function renderField(maskedText: string, findings: readonly StoredFinding[], field: string, revealed?: { index: number; value: string }, lang: DashboardLanguage = 'en'): string {
  const s = dashboardStrings(lang);
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
      `${e(shown)}<span class="tip" id="tip-${p.index}" aria-hidden="true"><strong>${e(typeName(f.type, lang))}</strong> · ${tpl(s.sure, { pct: pct(f.confidence) })} · ${e(word(s.subjectWhy, f.subject))}` +
      `${reasons ? `<ul>${reasons}</ul>` : ''}</span></mark>`;
    pos = p.end;
  }
  return out + e(maskedText.slice(pos));
}

function hidden(name: string, value: string): string {
  return `<input type="hidden" name="${e(name)}" value="${e(value)}">`;
}

function statusBadge(status: string, s: DashboardStrings): string {
  return `<span class="badge s-${e(status)}">${e(word(s.status, status))}</span>`;
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
  const s = dashboardStrings(v.lang);
  const tabs = REVIEW_STATUSES.map((st) => {
    const current = v.filters.status === st;
    const qs = filtersQuery(v.filters, { status: st });
    return `<a class="tab${current ? ' current' : ''}" href="${e(`${v.base}/?${qs}`)}"${current ? ' aria-current="page"' : ''}>${e(word(s.status, st))} <span class="count" data-status="${e(st)}">${v.list.counts[st] ?? 0}</span></a>`;
  });
  const allCurrent = v.filters.status === 'all';
  const total = Object.values(v.list.counts).reduce((a, b) => a + b, 0);
  tabs.push(`<a class="tab${allCurrent ? ' current' : ''}" href="${e(`${v.base}/?${filtersQuery(v.filters, { status: 'all' })}`)}"${allCurrent ? ' aria-current="page"' : ''}>${e(s.status.all)} <span class="count" data-status="all">${total}</span></a>`);
  return `<nav class="tabs" aria-label="${e(s.statusNav)}">${tabs.join('')}</nav>`;
}

function options(values: readonly string[], current: string | undefined, anyLabel: string, words: Record<string, string>): string {
  return [`<option value="">${e(anyLabel)}</option>`]
    .concat(values.map((x) => `<option value="${e(x)}"${x === current ? ' selected' : ''}>${e(word(words, x))}</option>`))
    .join('');
}

function renderFilters(v: DashboardView): string {
  const f = v.filters;
  const s = dashboardStrings(v.lang);
  const active = Boolean(f.type || f.subject || f.author || f.from || f.to || f.sort === 'newest');
  return `<details class="filter-box" id="filter-box" open${active ? ' data-active' : ''}><summary>${e(active ? s.filtersActive : s.filters)}</summary><form class="filters" method="get" action="${e(`${v.base}/`)}" role="search" aria-label="${e(s.filterForm)}">
${hidden('status', f.status)}
<label>${e(s.type)} <select name="type">${options(KNOWN_TYPES, f.type, s.any, s.types)}</select></label>
<label>${e(s.subject)} <select name="subject">${options(SUBJECTS, f.subject, s.any, s.subjects)}</select></label>
<label>${e(s.author)} <input name="author" value="${e(f.author ?? '')}" maxlength="200" autocomplete="off"></label>
<label>${e(s.from)} <input type="date" name="from" value="${e(f.from ?? '')}"></label>
<label>${e(s.to)} <input type="date" name="to" value="${e(f.to ?? '')}"></label>
<label>${e(s.sort)} <select name="sort"><option value="oldest"${f.sort !== 'newest' ? ' selected' : ''}>${e(s.oldestFirst)}</option><option value="newest"${f.sort === 'newest' ? ' selected' : ''}>${e(s.newestFirst)}</option></select></label>
<button type="submit">${e(s.filterButton)}</button>
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

function types(item: ReviewItem, lang: DashboardLanguage): string {
  const seen = [...new Set(item.findings.map((f) => f.type))];
  return seen.map((t) => `<span class="chip ${e(typeClass(t))}">${e(typeName(t, lang))}</span>`).join('');
}

/** The page links: "Previous" (the cursors before this page ride along in `back`), "Page n of m", "Next". */
function renderPager(v: DashboardView, total: number): string {
  const s = dashboardStrings(v.lang);
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
    prev = `<a class="prev" rel="prev" href="${e(href)}">${e(s.previousPage)}</a>`;
  }
  let next = '';
  if (v.list.nextCursor) {
    const back = [...(v.filters.cursor ? trail : []), v.filters.cursor ?? '0'].join('.');
    next = `<a class="next" rel="next" href="${e(`${v.base}/?${filtersQuery(v.filters, { cursor: v.list.nextCursor, back })}`)}">${e(s.nextPage)}</a>`;
  }
  const where = v.list.items.length
    ? fillText(s.pageOf, { page, pages: Math.max(pages, page), first, last, total: Math.max(total, last) })
    : fillText(s.pageOnly, { page });
  return `<nav class="pager" aria-label="${e(s.pages)}">${prev}<span class="where">${e(where)}</span>${next}</nav>`;
}

function renderBulk(v: DashboardView, returnQs: string): string {
  const s = dashboardStrings(v.lang);
  const err = v.formError?.form === 'bulk' ? v.formError : undefined;
  const action = err?.action ?? 'approve';
  const opt = (value: string, text: string): string => `<option value="${value}"${action === value ? ' selected' : ''}>${e(text)}</option>`;
  return `<form id="bulk" class="bulk" method="post" action="${e(`${v.base}/queue/bulk`)}" aria-label="${e(s.bulkForm)}">
${hidden('_csrf', v.csrfToken)}${hidden('return', returnQs)}
<label class="all" hidden><input type="checkbox" id="select-all"> ${e(s.selectAll)}</label>
<span class="selected-count" id="selected-count" aria-live="polite"></span>
<select name="action" aria-label="${e(s.bulkAction)}">${opt('approve', s.approveChecked)}${opt('reject', s.rejectChecked)}${opt('escalate', s.escalateChecked)}</select>
<input name="reason" id="bulk-reason" maxlength="1000" value="${e(err?.reason ?? '')}" placeholder="${e(s.bulkReasonPlaceholder)}" aria-label="${e(s.bulkReasonLabel)}" aria-describedby="bulk-error"${err ? ' aria-invalid="true"' : ''}>
<button type="submit">${e(s.apply)}</button>
<p class="hint" id="bulk-error" role="alert"${err ? '' : ' hidden'}>${err ? e(err.message) : ''}</p>
</form>`;
}

function renderList(v: DashboardView): string {
  const s = dashboardStrings(v.lang);
  const returnQs = filtersQuery(v.filters, { cursor: v.filters.cursor, back: v.filters.back });
  const statuses = v.filters.status === 'all' ? Object.keys(v.list.counts) : v.filters.status.split(',');
  const total = statuses.reduce((n, s) => n + (v.list.counts[s] ?? 0), 0);
  if (v.list.items.length === 0) {
    return `<h2 class="queue-title" id="queue-title">${e(s.queue)}</h2><p class="empty">${e(s.emptyQueue)}</p>${v.filters.cursor ? renderPager(v, total) : ''}`;
  }
  const checked = new Set(v.formError?.form === 'bulk' ? (v.formError.ids ?? []) : []);
  const rows = v.list.items.map((item) => {
    const selected = v.selected?.id === item.id;
    const href = `${v.base}/items/${encodeURIComponent(item.id)}?${returnQs}`;
    const title = itemTitle(item);
    return `<li class="row${selected ? ' selected' : ''}" data-id="${e(item.id)}">
<label class="pick"><input type="checkbox" name="ids" value="${e(item.id)}" form="bulk"${checked.has(item.id) ? ' checked' : ''}><span class="sr-only">${tpl(s.selectItem, { title: e(title) })}</span></label>
<a class="open" href="${e(href)}"${selected ? ' aria-current="true"' : ''}>
<span class="line1"><span class="title">${e(title)}</span>${statusBadge(item.status, s)}</span>
<span class="line2">${tpl(s.by, { author: `<span class="author">${e(item.authorId)}</span>` })} · ${fmtDate(item.createdAt)}${item.claimedBy ? ` · ${tpl(s.claimedBy, { who: `<span class="claimer">${e(item.claimedBy)}</span>` })}` : ''}</span>
<span class="chips">${types(item, v.lang)}</span>
<span class="snippet">${e(snippet(item))}</span>
</a></li>`;
  });
  return `<h2 class="queue-title" id="queue-title">${e(s.queue)}</h2>${renderBulk(v, returnQs)}<ol class="items" id="items">${rows.join('\n')}</ol>${renderPager(v, total)}`;
}

function renderFindingsTable(v: DashboardView, item: ReviewItem, returnQs: string): string {
  const s = dashboardStrings(v.lang);
  if (item.findings.length === 0) return `<p class="empty">${e(s.noFindings)}</p>`;
  const rows = item.findings.map((f, i) => {
    const revealed = v.revealed?.index === i;
    const name = `${i + 1}: ${typeName(f.type, v.lang).toLowerCase()}`;
    const value = revealed
      ? `<code class="raw">${e(v.revealed?.value ?? '')}</code> <span class="logged">${e(s.revealLogged)}</span>`
      : `<code>${e(f.masked)}</code> <form method="post" action="${e(`${v.base}/queue/${encodeURIComponent(item.id)}/reveal`)}" class="inline">${hidden('_csrf', v.csrfToken)}${hidden('finding', String(i))}${hidden('return', returnQs)}<button type="submit" class="reveal" title="${e(s.revealTitle)}">${e(s.reveal)}<span class="sr-only">${tpl(s.revealWhich, { name: e(name) })}</span></button></form>`;
    return `<tr data-index="${i}" id="finding-${i + 1}"><td data-label="#">${i + 1}</td><td data-label="${e(s.colType)}"><span class="chip ${e(typeClass(f.type))}">${e(typeName(f.type, v.lang))}</span></td><td data-label="${e(s.colField)}">${e(f.field)}</td><td data-label="${e(s.colValue)}" class="value">${value}</td><td data-label="${e(s.colConfidence)}">${pct(f.confidence)}</td><td data-label="${e(s.colWhy)}" class="why" data-rule="${e(f.ruleId)}">${e(whyText(f, v.lang))}</td></tr>`;
  });
  return `<table class="findings"><caption class="sr-only">${e(s.findingsCaption)}</caption><thead><tr><th scope="col">#</th><th scope="col">${e(s.colType)}</th><th scope="col">${e(s.colField)}</th><th scope="col">${e(s.colValue)}</th><th scope="col">${e(s.colConfidence)}</th><th scope="col">${e(s.colWhy)}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function cannedOptions(c: CannedReasons, chosen: string | undefined, s: DashboardStrings): string {
  const group = (label: string, action: string, list: readonly string[]): string =>
    list.length ? `<optgroup label="${e(label)}" data-action="${action}">${list.map((r) => `<option value="${e(r)}"${r === chosen ? ' selected' : ''}>${e(r)}</option>`).join('')}</optgroup>` : '';
  return group(s.cannedReject, 'reject', c.reject) + group(s.cannedApprove, 'approve', c.approve) + group(s.cannedEscalate, 'escalate', c.escalate);
}

function renderActions(v: DashboardView, item: ReviewItem, returnQs: string): string {
  const s = dashboardStrings(v.lang);
  const base = `${v.base}/queue/${encodeURIComponent(item.id)}`;
  if (!OPEN_STATUSES.includes(item.status)) return '';
  const mine = item.claimedBy === v.moderator.id;
  const other = item.claimedBy !== null && !mine;
  const err = v.formError?.form === 'act' ? v.formError : undefined;
  const claimForm = `<form method="post" action="${e(`${base}/${mine ? 'unclaim' : 'claim'}`)}" class="claim">${hidden('_csrf', v.csrfToken)}${hidden('return', returnQs)}${hidden('version', String(item.version))}<button type="submit"${other ? ' disabled' : ''}>${e(mine ? s.release : s.claim)}</button>${other ? ` <span class="muted">${tpl(s.claimedBy, { who: e(item.claimedBy ?? '') })}</span>` : ''}</form>`;
  const redactChoices = item.findings
    .map((f, i) => `<label class="check"><input type="checkbox" name="findings" value="${i}" checked> ${i + 1}. ${e(typeName(f.type, v.lang))} <code>${e(f.masked)}</code></label>`)
    .join('');
  const dis = other ? ' disabled' : '';
  return `<section class="actions" aria-labelledby="actions-title">
<h3 id="actions-title" class="sr-only">${e(s.decision)}</h3>
${claimForm}
<form method="post" action="${e(`${base}/actions`)}" id="act" data-title="${e(itemTitle(item))}">
${hidden('_csrf', v.csrfToken)}${hidden('return', returnQs)}${hidden('version', String(item.version))}<input type="hidden" name="next" value="" data-next="${e(v.nextId ?? '')}">
<div class="reason">
<label for="canned">${e(s.reason)}</label>
<select name="cannedReason" id="canned" aria-describedby="reason-hint"><option value="">${e(s.chooseReason)}</option>${cannedOptions(v.cannedReasons, undefined, s)}</select>
<label for="reason" class="sr-only">${e(s.writeReason)}</label>
<textarea name="reason" id="reason" rows="2" maxlength="1000" placeholder="${e(s.writeReasonPlaceholder)}" aria-describedby="reason-hint"${err ? ' aria-invalid="true"' : ''}>${e(err?.reason ?? '')}</textarea>
</div>
${item.findings.length ? `<fieldset class="redact-choice"><legend>${e(s.redactThese)}</legend>${redactChoices}</fieldset>` : ''}
<div class="buttons">
<button type="submit" name="action" value="approve" class="approve"${dis} aria-keyshortcuts="a">${e(s.approve)} <kbd aria-hidden="true">a</kbd></button>
<button type="submit" name="action" value="reject" class="reject"${dis} aria-keyshortcuts="r">${e(s.reject)} <kbd aria-hidden="true">r</kbd></button>
<button type="submit" name="action" value="redact" class="redact"${dis}>${e(s.redactPublish)}</button>
${item.status === 'escalated' ? '' : `<button type="submit" name="action" value="escalate" class="escalate"${dis} aria-keyshortcuts="e">${e(s.escalate)} <kbd aria-hidden="true">e</kbd></button>`}
</div>
<p class="hint" id="reason-hint" role="alert"${err ? '' : ' hidden'}>${err ? e(err.message) : e(s.rejectHint)}</p>
</form>
</section>`;
}

function renderAudit(entries: readonly AuditEntry[] | undefined, s: DashboardStrings): string {
  if (!entries || entries.length === 0) return '';
  const rows = entries.map(
    (a) => `<li>${fmtDate(a.createdAt)} <strong>${e(word(s.audit, a.action))}</strong> ${tpl(s.by, { author: `<span class="who">${e(a.moderatorId)}</span>` })}${a.reason ? ` — <q>${e(a.reason)}</q>` : ''}</li>`,
  );
  return `<section class="history" aria-labelledby="history-title"><h3 id="history-title">${e(s.history)}</h3><ol>${rows.join('')}</ol></section>`;
}

function renderHeld(v: DashboardView, item: ReviewItem): string {
  const held = item.heldBecause;
  const rule = heldRuleText(held.rule, v.lang);
  const ack = ackReasonText(held, v.lang);
  const s = dashboardStrings(v.lang);
  // The sentence's language, also when the page around it is the same (hosts may embed it elsewhere).
  return `<span class="held" data-rule="${e(held.rule)}"${v.lang === 'en' ? '' : ` lang="${e(v.lang)}"`}>${e(rule.text)}${ack ? ` ${e(ack)}.` : ''}</span>${held.note ? ` <span class="note">${tpl(s.authorNote, { note: `<q>${e(held.note)}</q>` })}</span>` : ''}${
    held.truncated ? ` <strong class="truncated">${tpl(s.truncated, { n: item.findings.length })}</strong>` : ''
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
  const s = dashboardStrings(v.lang);
  const returnQs = filtersQuery(v.filters, { cursor: v.filters.cursor, back: v.filters.back, item: item.id });
  const fields = Object.entries(item.fields)
    .map(([name, text]) => `<section class="field" aria-label="${e(fillText(s.postField, { name }))}"><h3>${e(name)}</h3><div class="post" data-field="${e(name)}">${renderField(text, item.findings, name, v.revealed, v.lang)}</div></section>`)
    .join('\n');
  const res = item.resolution;
  const resolution = res
    ? `<section class="resolution" aria-labelledby="resolution-title"><h3 id="resolution-title">${e(s.resolution)}</h3><p>${statusBadge(item.status, s)} ${item.resolvedBy ? tpl(s.by, { author: `<span class="who">${e(item.resolvedBy)}</span>` }) : ''} ${fmtDate(item.resolvedAt)}</p>${res.reason ? `<p>${e(s.reasonLabel)} <q class="res-reason">${e(res.reason)}</q></p>` : ''}${
        res.fields
          ? `<h4>${e(s.publishedVersion)}</h4>${Object.entries(res.fields).map(([n, t]) => `<div class="post redacted" data-field="${e(n)}"><span class="fname">${e(n)}</span>${e(t)}</div>`).join('')}`
          : ''
      }</section>`
    : '';
  const url = safePostUrl(v, item);
  return `<article class="item" data-id="${e(item.id)}" data-version="${item.version}" data-status="${e(item.status)}" aria-labelledby="item-title">
<header>
<h2 id="item-title"><span class="item-title">${e(itemTitle(item))}</span> ${statusBadge(item.status, s)}</h2>
<p class="refline">${url ? `<a class="post-link" href="${e(url)}" rel="noopener noreferrer" target="_blank">${e(s.openPost)}<span class="sr-only">${e(s.newTab)}</span></a> · ` : ''}<span class="ref">${e(item.postRef)}</span></p>
<dl class="meta">
<div class="wide"><dt>${e(s.heldBecause)}</dt><dd>${renderHeld(v, item)}</dd></div>
<div><dt>${e(s.author)}</dt><dd class="author">${e(item.authorId)}</dd></div>
<div><dt>${e(s.submitted)}</dt><dd>${fmtDate(item.createdAt)}</dd></div>
<div><dt>${e(s.format)}</dt><dd>${e(item.format)}</dd></div>
<div><dt>${e(s.claimedByLabel)}</dt><dd>${item.claimedBy ? e(item.claimedBy) : `<span class="muted">${e(s.nobody)}</span>`}</dd></div>
</dl>
</header>
${renderActions(v, item, returnQs)}
<section class="content" aria-label="${e(s.thePost)}"><p class="muted small">${e(s.masked)}</p>${fields}</section>
<section aria-labelledby="findings-title"><h3 id="findings-title">${e(s.findings)}</h3>${renderFindingsTable(v, item, returnQs)}</section>
${resolution}
${renderAudit(v.audit, s)}
</article>`;
}

function layout(base: string, title: string, body: string, lang: DashboardLanguage = 'en', script?: Record<string, string>): string {
  return `<!doctype html>
<html lang="${e(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="referrer" content="no-referrer">
<title>${e(title)}</title>
<link rel="stylesheet" href="${e(`${base}/assets/dashboard.css`)}">
<script src="${e(`${base}/assets/dashboard.js`)}" defer></script>
</head>
<body${script ? ` data-strings="${e(JSON.stringify(script))}"` : ''}>
${body}
</body>
</html>
`;
}

/** The whole dashboard page. */
export function renderDashboard(v: DashboardView): string {
  const s = dashboardStrings(v.lang);
  const notices = s.notices as Record<string, string>;
  const who = v.moderator.name ?? v.moderator.id;
  const back = v.prevId ? ` <a href="${e(`${v.base}/items/${encodeURIComponent(v.prevId)}?${filtersQuery(v.filters, { cursor: v.filters.cursor, back: v.filters.back })}`)}">${e(s.openJustDecided)}</a>` : '';
  const notice = v.notice && Object.prototype.hasOwnProperty.call(notices, v.notice)
    ? `<p class="flash${WARNING_NOTICES.has(v.notice) ? ' warning' : ''}" role="status">${e(notices[v.notice] ?? '')}${back}</p>` : '';
  const main = v.selected
    ? renderItem(v, v.selected)
    : `<div class="placeholder"><p>${e(s.selectToReview)}</p><p class="muted">${tpl(s.pressToOpen, { key: '<kbd>j</kbd>' })}</p></div>`;
  const skips = v.selected
    ? `<a class="skip" href="#item">${e(s.skipItem)}</a><a class="skip" href="#queue">${e(s.skipQueue)}</a>`
    : `<a class="skip" href="#queue">${e(s.skipQueue)}</a>`;
  const body = `${skips}
<header class="top">
<p class="brand">${e(s.reviewQueue)}</p>
<span class="me">${e(s.signedInAs)} <strong>${e(who)}</strong></span>
</header>
${renderTabs(v)}
${renderFilters(v)}
<main class="panes${v.selected ? ' has-item' : ''}" id="main">
<h1 class="sr-only">${e(s.reviewQueue)}${v.selected ? `: ${e(itemTitle(v.selected))}` : ''}</h1>
${notice}
<section class="queue" id="queue" tabindex="-1" aria-labelledby="queue-title">${renderList(v)}</section>
<section class="detail" id="item" tabindex="-1" aria-label="${e(v.selected ? s.openItem : s.noItemOpen)}">${main}</section>
</main>
<footer class="help" id="help"><strong>${e(s.keyboard)}</strong> <kbd>j</kbd>/<kbd>k</kbd> ${e(s.keyNextPrev)} · <kbd>a</kbd> ${e(s.keyApprove)} · <kbd>r</kbd> ${e(s.keyReject)} · <kbd>e</kbd> ${e(s.keyEscalate)} · <kbd>?</kbd> ${e(s.keyHelp)}</footer>
<div class="toast" id="toast" role="status" aria-live="polite" hidden></div>`;
  const script = { approving: s.jsApproving, approvingShort: s.jsApprovingShort, undo: s.jsUndo, undone: s.jsUndone, checked: s.jsChecked, pickItem: s.errPickItem, bulkReason: s.errBulkReason };
  return layout(v.base, v.selected ? fillText(s.reviewTitle, { title: itemTitle(v.selected) }) : s.reviewQueue, body, v.lang, script);
}

/** A small HTML error page (403, 404, 409…), with a link back to the dashboard when allowed. */
export function renderErrorPage(base: string, status: number, code: string, message: string, backHref?: string, lang: DashboardLanguage = 'en'): string {
  const s = dashboardStrings(lang);
  const heading = status === 403 ? s.notAuthorized : status === 404 ? s.notFound : status === 409 ? s.changed : s.wentWrong;
  const body = `<main class="error-page">
<h1>${e(heading)}</h1>
<p class="code">${e(String(status))} · <code>${e(code)}</code></p>
<p>${e(message)}</p>
${backHref ? `<p><a href="${e(backHref)}">${e(s.backToQueue)}</a></p>` : ''}
</main>`;
  // The 403 page must not load assets (they are behind authorization too).
  if (status === 403) {
    return `<!doctype html>
<html lang="${e(lang)}"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>${e(s.notAuthorized)}</title></head>
<body>${body}</body></html>
`;
  }
  return layout(base, `${status} ${code}`, body, lang);
}
