/**
 * The server-rendered warning page for plain HTML form posts (no JavaScript needed): the post with
 * its findings highlighted, the notice, a reason choice, an "I understand" checkbox and a form that
 * re-posts exactly the fields the author sent plus the acknowledgement token. Every piece of user
 * content is escaped; the page carries a strict Content-Security-Policy (no script at all).
 */
import { randomBytes } from 'crypto';
import type { Request } from 'express';
import type { ResolvedNotice } from './notice';

/** A same-origin path ("/compose", "/t/1/reply?x=1"); not "//host", "/\\host" or an absolute URL. */
export function isLocalPath(value: unknown): value is string {
  // Accepts: "/" then no second "/" or "\\", no whitespace or control characters. Rejects "//evil", "/\\evil", "https://…".
  return typeof value === 'string' && value.length <= 2048 && /^\/(?![/\\])[^\s\u0000-\u001f]*$/.test(value);
}

/** What the host's layout hook gets: the page's parts, ready to place in the forum's own page. */
export interface WarningPageParts {
  /** The page title (localized), plain text. */
  title: string;
  /** The page's language tag, for `<html lang>`. */
  lang: string;
  /** Escaped HTML for `<head>`: charset, viewport, robots, title and the page's own `<style nonce>`. */
  head: string;
  /** Escaped HTML of the warning itself (headings, findings, the forms): put it in the forum's `<main>`. */
  main: string;
  /** The nonce of the page's style element: give it to any `<style>` the layout adds inline. */
  nonce: string;
}

/** How the no-JavaScript warning page fits into the forum (option `warningPage` of `preflight()`). */
export interface WarningPageOptions {
  /**
   * Returns the whole HTML document around `parts.main` (the forum's header, navigation, footer).
   * Escape anything of your own you put in. The page's CSP allows same-origin stylesheets and
   * images and the nonced styles; no script runs on it. Default: a plain page.
   */
  layout?: (parts: WarningPageParts, req: Request) => string;
  /**
   * Where "Go back and edit" posts the author's fields (method POST, same origin): the composer,
   * which shows them prefilled. A same-origin path such as `/compose`, or a function of the request
   * (e.g. the reply composer of the topic). Without it the page falls back to a same-origin
   * Referer link, if the browser sent one.
   */
  editAction?: string | ((req: Request) => string | undefined);
  /** Readable names of the fields, e.g. `{ title: 'Title', body: 'Your post' }`. Default: localized "Title"/"Post" for `title`/`body`, else the name. */
  fieldLabels?: Record<string, string>;
}

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(value: string): string {
  let out = '';
  for (const ch of value) {
    switch (ch) {
      case '&': out += '&amp;'; break;
      case '<': out += '&lt;'; break;
      case '>': out += '&gt;'; break;
      case '"': out += '&quot;'; break;
      case "'": out += '&#39;'; break;
      case '`': out += '&#96;'; break;
      default: out += ch;
    }
  }
  return out;
}

/**
 * Flattens a parsed form body back into name/value pairs that `express.urlencoded()` parses to the
 * same object, with the simple parser (`extended: false`) and with `qs` (`extended: true`):
 * top-level arrays of strings become repeated names, nested objects `a[b]`, arrays of objects `a[0][b]`.
 */
export function flattenForm(body: unknown, skip: ReadonlySet<string> = new Set()): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const walk = (value: unknown, name: string, depth: number): void => {
    if (depth > 20) return;
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) {
      const primitive = value.every((v) => typeof v !== 'object' || v === null);
      value.forEach((v, i) => walk(v, primitive && depth === 0 ? name : `${name}[${i}]`, depth + 1));
      return;
    }
    if (typeof value === 'object') {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) walk(v, `${name}[${k}]`, depth + 1);
      return;
    }
    out.push([name, String(value)]);
  };
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      if (!skip.has(k)) walk(v, k, 0);
    }
  }
  return out;
}

export interface PageFinding {
  field: string;
  start: number;
  end: number;
  type: string;
  masked: string;
  message: string;
  /** `self`, `third_party` or `unknown`: whose details the scanner thinks they are. */
  subject?: string;
}

/** The text of `fields` with every finding replaced by its masked form. */
export function maskedFields(fields: Record<string, string>, findings: ReadonlyArray<PageFinding>): Record<string, string> {
  const out: Record<string, string> = { ...fields };
  for (const name of Object.keys(fields)) {
    const spans = findings.filter((f) => f.field === name).sort((a, b) => b.start - a.start);
    let text = fields[name] as string;
    let limit = text.length;
    for (const f of spans) {
      if (f.end > limit || f.start < 0) continue;
      text = text.slice(0, f.start) + f.masked + text.slice(f.end);
      limit = f.start;
    }
    out[name] = text;
  }
  return out;
}

/** The form name of a dotted field path: `post.body` → `post[body]`. */
function formName(path: string): string {
  const [head, ...rest] = path.split('.');
  return `${head ?? ''}${rest.map((p) => `[${p}]`).join('')}`;
}

export interface WarningPageInput {
  /** The scanned fields, raw: shown escaped with findings highlighted. */
  fields: Record<string, string>;
  findings: PageFinding[];
  notice: ResolvedNotice;
  /** The error code that led here (pii_acknowledgement_required, pii_ack_*, pii_blocked). */
  error: string;
  /** Message for the error (already localized or generic). */
  message: string;
  /** `warn` | `review` | `block`. */
  action: string;
  policyUrl: string | null;
  /** Where the form posts to (the request's own URL). */
  formAction: string;
  /** Every body field the author sent, flattened (pii* fields excluded). */
  repost: Array<[string, string]>;
  token?: string;
  /** Re-post as multipart when the author's post was multipart (so the same body parser reads it). */
  multipart?: boolean;
  /** A same-origin path to go back and edit (from the Referer), if known. */
  backUrl?: string;
  /** What was wrong with the author's last attempt (e.g. "I understand" not ticked), shown as an alert. */
  problem?: string;
  /** The scan stopped at its findings cap: a line says only the first ones are shown. */
  truncated?: boolean;
  /** A moderator will check the post: why, in the author's language. */
  held?: { message: string; because: string };
  /** The host's layout (already bound to the request) and field labels. */
  page?: { layout?: (parts: WarningPageParts) => string; fieldLabels?: Record<string, string> };
  /** Where the edit form posts (resolved from `page.editAction`): same-origin path. */
  editAction?: string;
}

/** Highlights findings in one field: escaped text with `<mark>` around each (non-overlapping) span. */
export function highlight(text: string, spans: ReadonlyArray<{ start: number; end: number; message: string; type: string }>): string {
  const sorted = [...spans].filter((s) => s.start >= 0 && s.end <= text.length && s.end > s.start).sort((a, b) => a.start - b.start);
  let out = '';
  let pos = 0;
  for (const s of sorted) {
    if (s.start < pos) continue;
    out += escapeHtml(text.slice(pos, s.start));
    out += `<mark title="${escapeHtml(s.message)}" data-type="${escapeHtml(s.type)}">${escapeHtml(text.slice(s.start, s.end))}</mark>`;
    pos = s.end;
  }
  return out + escapeHtml(text.slice(pos));
}

export interface RenderedPage {
  html: string;
  /** The Content-Security-Policy header value for this page (nonce for its one style element). */
  csp: string;
}

/** Renders the warning page. */
export function renderWarningPage(input: WarningPageInput): RenderedPage {
  const nonce = randomBytes(16).toString('base64');
  const { ui } = input.notice;
  const e = escapeHtml;
  const blocked = input.action === 'block';
  const labels: Record<string, string> = { title: ui.fieldTitle, body: ui.fieldBody, ...(input.page?.fieldLabels ?? {}) };
  const label = (name: string): string => labels[name] ?? name;
  const thirdParty = input.findings.some((f) => f.subject === 'third_party');

  const fieldsHtml = Object.entries(input.fields).map(([name, text]) => {
    const spans = input.findings.filter((f) => f.field === name);
    return `<section class="field"><h2>${e(label(name))}</h2><pre>${highlight(text, spans)}</pre></section>`;
  }).join('\n');
  const list = input.findings.map((f) => `<li><strong>${e(f.masked)}</strong> — ${e(f.message)} <small>(${e(label(f.field))})</small></li>`).join('');
  const hidden = (pairs: Array<[string, string]>): string => pairs.map(([n, v]) => `<input type="hidden" name="${e(n)}" value="${e(v)}">`).join('\n');
  // Accepts: a URL starting with http:// or https:// (any case). Rejects: javascript:, data:, relative URLs.
  const policyLink = input.policyUrl && /^https?:\/\//i.test(input.policyUrl) ? `<p><a href="${e(input.policyUrl)}" rel="noopener">${e(ui.policy)}</a></p>` : '';
  const enctype = input.multipart ? ' enctype="multipart/form-data"' : '';

  // The same choices as the widget: an optional reason (for someone else's details, "not
  // personal" and "they agreed" first), "don't warn me again" (never skips review), "I understand".
  const reasonChoices: Array<[string, string]> = thirdParty
    ? [['not_personal', ui.reasonNotPersonal], ['intended', ui.reasonConsent], ['other', ui.reasonOther]]
    : [['intended', ui.reasonIntended], ['not_personal', ui.reasonNotPersonal], ['other', ui.reasonOther]];
  const ackForm = blocked || !input.token ? '' : `
<form method="post" action="${e(input.formAction)}"${enctype} class="ack">
${hidden(input.repost)}
<input type="hidden" name="piiAcknowledgement" value="${e(input.token)}">
<fieldset>
<legend>${e(ui.reasonLegend)}</legend>
${reasonChoices.map(([value, text]) => `<label><input type="radio" name="piiAcknowledgementReason" value="${value}"> ${e(text)}</label>`).join('\n')}
<label for="pii-note" class="visually-hidden">${e(ui.reasonOther)}</label>
<textarea id="pii-note" name="piiAcknowledgementNote" maxlength="500" rows="2"></textarea>
</fieldset>
<label><input type="checkbox" name="piiRememberValues" value="true"> ${e(ui.remember)}</label>
<label><input type="checkbox" name="piiUnderstood" value="true" required> ${e(ui.understand)}</label>
<button type="submit">${e(ui.publish)}</button>
</form>`;

  // "Go back and edit": posts the author's text to the composer (no Referer needed); a second
  // form posts it with every finding masked.
  let editForms = '';
  if (input.editAction) {
    const masked = maskedFields(input.fields, input.findings);
    const names = new Map(Object.keys(input.fields).map((k) => [formName(k), k]));
    const maskedPairs = input.repost.map(([n, v]): [string, string] => {
      const key = names.get(n);
      return key !== undefined ? [n, masked[key] as string] : [n, v];
    });
    editForms = `<div class="edit">
<form method="post" action="${e(input.editAction)}"${enctype}>
${hidden(input.repost)}
<button type="submit" class="secondary">${e(ui.edit)}</button>
</form>
<form method="post" action="${e(input.editAction)}"${enctype}>
${hidden(maskedPairs)}
<button type="submit" class="secondary">${e(ui.maskAndEdit)}</button>
</form>
</div>`;
  } else if (input.backUrl) {
    editForms = `<p><a href="${e(input.backUrl)}">${e(ui.edit)}</a></p>`;
  }

  const title = ui.title;
  const head = `<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${e(title)}</title>
<style nonce="${nonce}">
.pii-warning{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}
.pii-warning pre{white-space:pre-wrap;word-break:break-word;background:#f6f6f6;padding:.75rem;border-radius:4px}
.pii-warning mark{background:#ffe08a;color:#1a1a1a;outline:2px solid #c98a00;border-radius:2px}
.pii-warning .notice{border-left:4px solid #c98a00;padding:.5rem 1rem;background:#fff8e6}
.pii-warning .blocked{border-left-color:#b00020;background:#fdecee}
.pii-warning .held{font-weight:600}
.pii-warning .problem{border:2px solid #b00020;padding:.5rem 1rem;color:#b00020;font-weight:600}
.pii-warning h2{font-size:1.1rem;margin:1rem 0 .25rem}
.pii-warning fieldset{border:1px solid #ccc;margin:1rem 0}.pii-warning label{display:block;margin:.25rem 0;font-weight:400}
.pii-warning textarea{width:100%;box-sizing:border-box;min-height:0}.pii-warning button{font-size:1rem;padding:.5rem 1rem;min-height:44px}
.pii-warning .edit{display:flex;flex-wrap:wrap;gap:.5rem;margin:1rem 0}
.pii-warning .visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
</style>`;
  const main = `<div class="pii-warning">
<h1>${e(title)}</h1>
${input.problem ? `<p class="problem" role="alert">${e(input.problem)}</p>\n` : ''}<p class="error" data-error="${e(input.error)}">${e(blocked ? ui.blocked : ui.intro)}</p>
<div class="notice${blocked ? ' blocked' : ''}">${input.held ? `<p class="held" data-because="${e(input.held.because)}">${e(input.held.message)}</p>` : ''}${thirdParty && !blocked ? `<p class="third-party">${e(ui.thirdParty)}</p>` : ''}<p>${e(input.notice.text)}</p></div>
<ul class="findings">${list}</ul>
${input.truncated ? `<p class="truncated">${e(ui.truncated.replace('{n}', String(input.findings.length)))}</p>\n` : ''}${fieldsHtml}
${policyLink}
${ackForm}
${editForms}
</div>`;
  const layout = input.page?.layout;
  const html = layout
    ? layout({ title, lang: input.notice.locale, head, main, nonce })
    : `<!doctype html>
<html lang="${e(input.notice.locale)}">
<head>
${head}
</head>
<body>
<main>
${main}
</main>
</body>
</html>
`;
  // With a host layout, same-origin stylesheets and images (the forum's own) are allowed too.
  const self = layout ? "'self' " : '';
  const csp = `default-src 'none'; style-src ${self}'nonce-${nonce}'; img-src ${layout ? "'self'" : "'none'"}; script-src 'none'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;
  return { html, csp };
}
