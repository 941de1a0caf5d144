/**
 * The server-rendered warning page for plain HTML form posts (no JavaScript needed): the post with
 * its findings highlighted, the notice, a reason choice, an "I understand" checkbox and a form that
 * re-posts exactly the fields the author sent plus the acknowledgement token. Every piece of user
 * content is escaped; the page carries a strict Content-Security-Policy (no script at all).
 */
import { randomBytes } from 'crypto';
import type { ResolvedNotice } from './notice';

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

  const fieldsHtml = Object.entries(input.fields).map(([name, text]) => {
    const spans = input.findings.filter((f) => f.field === name);
    return `<section class="field"><h2>${e(ui.field)}: ${e(name)}</h2><pre>${highlight(text, spans)}</pre></section>`;
  }).join('\n');
  const list = input.findings.map((f) => `<li><strong>${e(f.masked)}</strong> — ${e(f.message)} <small>(${e(f.field)})</small></li>`).join('');
  const hidden = input.repost.map(([n, v]) => `<input type="hidden" name="${e(n)}" value="${e(v)}">`).join('\n');
  // Accepts: a URL starting with http:// or https:// (any case). Rejects: javascript:, data:, relative URLs.
  const policyLink = input.policyUrl && /^https?:\/\//i.test(input.policyUrl) ? `<p><a href="${e(input.policyUrl)}" rel="noopener">${e(ui.policy)}</a></p>` : '';

  const ackForm = blocked || !input.token ? '' : `
<form method="post" action="${e(input.formAction)}"${input.multipart ? ' enctype="multipart/form-data"' : ''}>
${hidden}
<input type="hidden" name="piiAcknowledgement" value="${e(input.token)}">
<fieldset>
<legend>${e(ui.reasonLegend)}</legend>
<label><input type="radio" name="piiAcknowledgementReason" value="intended" required> ${e(ui.reasonIntended)}</label>
<label><input type="radio" name="piiAcknowledgementReason" value="not_personal"> ${e(ui.reasonNotPersonal)}</label>
<label><input type="radio" name="piiAcknowledgementReason" value="other"> ${e(ui.reasonOther)}</label>
<textarea name="piiAcknowledgementNote" maxlength="500" rows="2"></textarea>
</fieldset>
<label><input type="checkbox" name="piiRememberValues" value="true"> ${e(ui.remember)}</label>
<label><input type="checkbox" name="piiUnderstood" value="true" required> ${e(ui.understand)}</label>
<button type="submit">${e(ui.publish)}</button>
</form>`;

  const html = `<!doctype html>
<html lang="${e(input.notice.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${e(ui.title)}</title>
<style nonce="${nonce}">
body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}
pre{white-space:pre-wrap;word-break:break-word;background:#f6f6f6;padding:.75rem;border-radius:4px}
mark{background:#ffe08a;outline:2px solid #c98a00;border-radius:2px}
.notice{border-left:4px solid #c98a00;padding:.5rem 1rem;background:#fff8e6}
.blocked{border-left-color:#b00020;background:#fdecee}
.problem{border:2px solid #b00020;padding:.5rem 1rem;color:#b00020;font-weight:600}
fieldset{border:1px solid #ccc;margin:1rem 0}label{display:block;margin:.25rem 0}
textarea{width:100%}button{font-size:1rem;padding:.5rem 1rem}
</style>
</head>
<body>
<main>
<h1>${e(ui.title)}</h1>
${input.problem ? `<p class="problem" role="alert">${e(input.problem)}</p>\n` : ''}<p class="error" data-error="${e(input.error)}">${e(blocked ? ui.blocked : ui.intro)}</p>
<div class="notice${blocked ? ' blocked' : ''}"><p>${e(input.notice.text)}</p>${input.action === 'review' ? `<p>${e(ui.review)}</p>` : ''}</div>
<ul class="findings">${list}</ul>
${input.truncated ? `<p class="truncated">${e(ui.truncated.replace('{n}', String(input.findings.length)))}</p>\n` : ''}${fieldsHtml}
${policyLink}
${ackForm}
${input.backUrl ? `<p><a href="${e(input.backUrl)}">${e(ui.edit)}</a></p>` : ''}
</main>
</body>
</html>
`;
  const csp = `default-src 'none'; style-src 'nonce-${nonce}'; img-src 'none'; script-src 'none'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;
  return { html, csp };
}
