/**
 * `pii-preflight/widget`: the composer widget. A standalone ES module, no framework.
 *
 *   import { attach } from '/assets/pii-preflight/widget.mjs';
 *   const w = attach(document.querySelector('textarea[name=body]'), { endpoint: '/preflight/check' });
 *
 * It checks the draft (debounced) against `checkRoute()`, highlights each finding in a backdrop
 * behind the transparent textarea, lists one message per finding with a "mask it" fix, announces
 * findings in a polite live region, and on submit posts the form with fetch: a 422 from
 * `preflight()` opens the acknowledgement step, which re-posts with the token. All user text goes
 * into the DOM through text nodes, never as HTML.
 */
import { carrySpans, replaceRange } from './offsets';
import { messagesFor, pickLocale, type WidgetMessages } from './strings';

export type { WidgetMessages } from './strings';

/** One finding, as `checkRoute()` and the 422 answer give it. */
export interface WidgetFinding {
  field?: string;
  type: string;
  start: number;
  end: number;
  masked: string;
  message: string;
}

type TextInput = HTMLTextAreaElement | HTMLInputElement;

export interface AttachOptions {
  /** URL of the `checkRoute()` endpoint, e.g. `/preflight/check`. */
  endpoint: string;
  /** Format of the text: `plain` (default), `markdown`, `html` or `bbcode`. */
  format?: 'plain' | 'markdown' | 'html' | 'bbcode';
  /** `en`, `de`, `fr` or `es` (or a tag like `de-AT`). Default: `<html lang>`, then the browser's language. */
  locale?: string;
  /** Wait this long after the last keystroke before checking. Default 500 ms. */
  debounceMs?: number;
  /** Other inputs checked with the draft, by field name, e.g. `{ title: titleInput }`. */
  fields?: Record<string, TextInput>;
  /** The textarea's field name in findings. Default its `name` attribute, else `body`. */
  field?: string;
  /** Called with the current findings after each check. */
  onFindings?: (findings: WidgetFinding[]) => void;
  /** Replace any text (notice, labels, finding messages by type). */
  messages?: Partial<WidgetMessages>;
  /** Post the surrounding form with fetch and handle the acknowledgement step. Default true. */
  interceptSubmit?: boolean;
}

export interface AttachedWidget {
  /** Removes the widget and restores the textarea. */
  detach(): void;
  /** Checks now (no debounce); resolves with the findings. */
  check(): Promise<WidgetFinding[]>;
}

interface Found extends WidgetFinding {
  field: string;
}

interface Problem {
  error: string;
  message?: string;
  notice?: string;
  findings?: WidgetFinding[];
  /** The server stopped at its findings cap: there are more than `findings` lists. */
  truncated?: boolean;
  acknowledgement?: { token: string; expiresAt?: string };
}

let uid = 0;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}

function fill(template: string, values: Record<string, string | number>): string {
  // Accepts the placeholders "{n}" and "{value}" only; leaves any other brace text alone.
  return template.replace(/\{(n|value)\}/g, (_m: string, k: string) => String(values[k] ?? ''));
}

// Layout properties copied from the textarea to the mirror so that text wraps identically.
const COPY = [
  'fontFamily', 'fontSize', 'fontWeight', 'fontStyle', 'fontVariant', 'fontStretch', 'fontKerning', 'fontFeatureSettings',
  'letterSpacing', 'wordSpacing', 'lineHeight', 'textTransform', 'textIndent', 'textAlign', 'tabSize', 'direction',
  'whiteSpace', 'wordBreak', 'overflowWrap', 'hyphens', 'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft',
] as const;

/** Attaches the widget to a `<textarea>`. */
export function attach(textarea: HTMLTextAreaElement, options: AttachOptions): AttachedWidget {
  if (!(textarea instanceof HTMLTextAreaElement)) throw new TypeError('pii-preflight attach(): the first argument must be a <textarea>.');
  if (!options || typeof options.endpoint !== 'string' || options.endpoint.length === 0) {
    throw new TypeError('pii-preflight attach(): options.endpoint is required, e.g. { endpoint: "/preflight/check" }.');
  }
  const id = `pii-pf-${++uid}`;
  const locale = pickLocale(options.locale ?? (document.documentElement.lang || navigator.language));
  const m = messagesFor(locale, options.messages);
  const debounceMs = options.debounceMs ?? 500;
  const mainField = options.field ?? (textarea.name || 'body');
  const others: Record<string, TextInput> = { ...(options.fields ?? {}) };
  delete others[mainField];
  const inputs: Record<string, TextInput> = { ...others, [mainField]: textarea };
  const useFields = Object.keys(others).length > 0;

  // --- DOM: wrapper with the backdrop behind the textarea, the panel and the live region after it.
  const wrap = el('div', 'pii-pf-wrap');
  const backdrop = el('div', 'pii-pf-backdrop');
  const mirror = el('div', 'pii-pf-mirror');
  backdrop.setAttribute('aria-hidden', 'true');
  backdrop.append(mirror);
  const old = { background: textarea.style.background, position: textarea.style.position, zIndex: textarea.style.zIndex };
  const taStyle = getComputedStyle(textarea);
  const bg = taStyle.backgroundColor;
  wrap.style.position = 'relative';
  // A textarea that fills its line (width: 100%, display: block) gets a block wrapper; one sized
  // by cols or a fixed width keeps an inline-block wrapper of its own size.
  const parent = textarea.parentElement;
  const ps = parent ? getComputedStyle(parent) : undefined;
  const line = parent && ps ? parent.clientWidth - parseFloat(ps.paddingLeft) - parseFloat(ps.paddingRight) : 0;
  const fills = taStyle.display === 'block' || (line > 0 && textarea.offsetWidth >= line - 1);
  wrap.style.display = fills ? 'block' : 'inline-block';
  wrap.style.verticalAlign = 'top';
  Object.assign(backdrop.style, { position: 'absolute', overflow: 'hidden', pointerEvents: 'none', color: 'transparent', boxSizing: 'border-box', borderStyle: 'solid', borderColor: 'transparent', zIndex: '0', backgroundColor: bg === 'rgba(0, 0, 0, 0)' ? '#fff' : bg });
  Object.assign(mirror.style, { boxSizing: 'border-box', margin: '0', border: '0' });
  textarea.parentNode?.insertBefore(wrap, textarea);
  wrap.append(backdrop, textarea);
  textarea.style.background = 'transparent';
  // The textarea must paint above the absolutely positioned backdrop.
  if (taStyle.position === 'static') textarea.style.position = 'relative';
  textarea.style.zIndex = '1';
  textarea.classList.add('pii-pf-input');

  const panel = el('div', 'pii-pf-panel');
  panel.id = `${id}-panel`;
  panel.hidden = true;
  const title = el('p', 'pii-pf-title', m.title);
  title.id = `${id}-title`;
  title.tabIndex = -1;
  title.setAttribute('role', 'heading');
  title.setAttribute('aria-level', '2');
  panel.setAttribute('role', 'region');
  panel.setAttribute('aria-labelledby', title.id);
  const notice = el('p', 'pii-pf-notice', m.notice);
  const list = el('ul', 'pii-pf-list');
  const error = el('p', 'pii-pf-error');
  error.setAttribute('role', 'alert');
  error.hidden = true;
  const ack = el('div', 'pii-pf-ack');
  ack.hidden = true;
  // "Only the first N findings are shown" when the server stopped at its findings cap.
  const more = el('p', 'pii-pf-more');
  more.hidden = true;
  panel.append(title, notice, list, more, ack, error);
  const status = el('div', 'pii-pf-status');
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  status.setAttribute('aria-atomic', 'true');
  wrap.after(panel);
  panel.after(status);
  const describedBy = textarea.getAttribute('aria-describedby');
  textarea.setAttribute('aria-describedby', `${describedBy ? describedBy + ' ' : ''}${panel.id}`);

  // --- State.
  let findings: Found[] = [];
  /** The last server answer said it stopped at its findings cap. */
  let truncated = false;
  let snapshot: Record<string, string> = current();
  let lastKey = '';
  let lastAnnounced = '';
  let controller: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let token: string | undefined;
  let busy = false;
  let detached = false;

  function current(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, input] of Object.entries(inputs)) out[name] = input.value;
    return out;
  }

  /** Carries findings made on `from` over to the current values. */
  function carry(list: Found[], from: Record<string, string>): Found[] {
    const now = current();
    const out: Found[] = [];
    for (const name of Object.keys(inputs)) {
      const mine = list.filter((f) => f.field === name);
      out.push(...carrySpans(mine, from[name] ?? '', now[name] ?? ''));
    }
    return out.sort((a, b) => (a.field === b.field ? a.start - b.start : a.field === mainField ? -1 : 1));
  }

  // --- Layout: the mirror copies the textarea's box and font so its text wraps the same way.
  function layout(): void {
    if (detached) return;
    const cs = getComputedStyle(textarea);
    for (const prop of COPY) mirror.style[prop] = cs[prop];
    Object.assign(backdrop.style, {
      top: `${textarea.offsetTop}px`, left: `${textarea.offsetLeft}px`,
      width: `${textarea.offsetWidth}px`, height: `${textarea.offsetHeight}px`,
      borderTopWidth: cs.borderTopWidth, borderRightWidth: cs.borderRightWidth, borderBottomWidth: cs.borderBottomWidth, borderLeftWidth: cs.borderLeftWidth,
      borderRadius: cs.borderRadius,
    });
    mirror.style.width = `${textarea.clientWidth}px`;
    mirror.style.minHeight = `${textarea.clientHeight}px`;
    syncScroll();
  }

  function syncScroll(): void {
    backdrop.scrollTop = textarea.scrollTop;
    backdrop.scrollLeft = textarea.scrollLeft;
  }

  function renderHighlights(): void {
    const text = textarea.value;
    const nodes: Node[] = [];
    let at = 0;
    findings.forEach((f, i) => {
      if (f.field !== mainField || f.start < at || f.end > text.length) return;
      // Class names: keep a-z and "_" of the type ("payment_card"); drops anything else a server might send.
      nodes.push(document.createTextNode(text.slice(at, f.start)));
      const mark = el('mark', `pii-pf-mark pii-pf-${f.type.replace(/[^a-z_]/g, '')}`, text.slice(f.start, f.end));
      mark.dataset.index = String(i);
      nodes.push(mark);
      at = f.end;
    });
    // A trailing newline needs a character after it to take up its line.
    nodes.push(document.createTextNode(text.slice(at) + (text.endsWith('\n') ? ' ' : '')));
    mirror.replaceChildren(...nodes);
    syncScroll();
  }

  function messageOf(f: WidgetFinding): string {
    const base = f.message || m.findings[f.type] || m.findings.default || '';
    return base.includes(m.hint) ? base : `${base} ${m.hint}`;
  }

  function renderList(focusIndex?: number): void {
    const items = findings.map((f, i) => {
      const li = el('li', 'pii-pf-item');
      // Same class-name filter as the marks: a-z and "_" only.
      li.append(el('span', `pii-pf-dot pii-pf-${f.type.replace(/[^a-z_]/g, '')}`));
      const body = el('div', 'pii-pf-body');
      body.append(el('p', 'pii-pf-msg', messageOf(f)));
      const value = el('code', 'pii-pf-value', f.masked);
      body.append(value);
      if (f.field !== mainField) body.append(el('span', 'pii-pf-field', ` (${f.field})`));
      const actions = el('div', 'pii-pf-actions');
      const show = el('button', 'pii-pf-btn pii-pf-show', m.show);
      show.type = 'button';
      show.addEventListener('click', () => reveal(f));
      const fix = el('button', 'pii-pf-btn pii-pf-mask', m.maskIt);
      fix.type = 'button';
      fix.setAttribute('aria-label', fill(m.maskLabel, { value: f.masked }));
      fix.addEventListener('click', () => maskFinding(i));
      actions.append(show, fix);
      li.append(body, actions);
      return li;
    });
    list.replaceChildren(...items);
    more.hidden = !truncated || findings.length === 0;
    more.textContent = more.hidden ? '' : fill(m.truncated, { n: findings.length });
    panel.hidden = findings.length === 0 && ack.hidden && error.hidden;
    if (focusIndex !== undefined) {
      const buttons = list.querySelectorAll<HTMLButtonElement>('.pii-pf-mask');
      const next = buttons[Math.min(focusIndex, buttons.length - 1)];
      if (next) next.focus();
      else textarea.focus();
    }
  }

  function announce(): void {
    const key = findings.map((f) => `${f.field}:${f.type}:${f.masked}`).join('|');
    if (key === lastAnnounced) return;
    const had = lastAnnounced !== '';
    lastAnnounced = key;
    if (findings.length === 0) {
      if (had) status.textContent = m.none;
      return;
    }
    const head = findings.length === 1 ? m.foundOne : fill(m.found, { n: findings.length });
    status.textContent = `${head} ${findings.map((f) => `${messageOf(f)} (${f.masked})`).join(' ')}${truncated ? ` ${fill(m.truncated, { n: findings.length })}` : ''}`;
  }

  function update(next: Found[], focusIndex?: number): void {
    findings = next;
    snapshot = current();
    renderHighlights();
    renderList(focusIndex);
    announce();
    const pub: WidgetFinding[] = findings.map((f) => ({ ...f }));
    options.onFindings?.(pub);
    textarea.dispatchEvent(new CustomEvent('pii-preflight:findings', { detail: { findings: pub } }));
  }

  /** Selects a finding in its input, so keyboard users can see where it is. */
  function reveal(f: Found): void {
    const input = inputs[f.field];
    if (!input) return;
    input.focus();
    input.setSelectionRange(f.start, f.end);
  }

  function maskFinding(index: number): void {
    const f = findings[index];
    const input = f && inputs[f.field];
    if (!f || !input) return;
    const before = current();
    const res = replaceRange(input.value, f.start, f.end, f.masked, input.selectionStart ?? 0, input.selectionEnd ?? 0);
    input.value = res.text;
    input.setSelectionRange(res.selStart, res.selEnd);
    const rest = carry(findings.filter((_, i) => i !== index), before);
    update(rest, index);
    textarea.dispatchEvent(new CustomEvent('pii-preflight:masked', { detail: { field: f.field, type: f.type, masked: f.masked } }));
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }

  // --- Live check.
  async function check(): Promise<WidgetFinding[]> {
    if (timer !== undefined) { clearTimeout(timer); timer = undefined; }
    const sent = current();
    const format = options.format ?? 'plain';
    const payload = useFields ? { fields: sent, format } : { text: sent[mainField] ?? '', format };
    const key = JSON.stringify(payload);
    if (key === lastKey) return findings.map((f) => ({ ...f }));
    lastKey = key;
    controller?.abort();
    if (Object.values(sent).every((v) => v.trim().length === 0)) {
      controller = undefined;
      truncated = false;
      update([]);
      return [];
    }
    const mine = new AbortController();
    controller = mine;
    try {
      const res = await fetch(options.endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Accept-Language': locale },
        body: key,
        credentials: 'same-origin',
        signal: mine.signal,
      });
      if (!res.ok) {
        // Rate-limited or too large: keep what we have; the server still checks on submit.
        lastKey = '';
        return findings.map((f) => ({ ...f }));
      }
      const data = (await res.json()) as { findings?: WidgetFinding[]; truncated?: boolean };
      if (mine !== controller || detached) return findings.map((f) => ({ ...f }));
      const found: Found[] = (data.findings ?? []).map((f) => ({ ...f, field: f.field ?? mainField }));
      truncated = data.truncated === true;
      update(carry(found, sent));
      return findings.map((f) => ({ ...f }));
    } catch {
      if (mine === controller) lastKey = '';
      return findings.map((f) => ({ ...f }));
    }
  }

  function onInput(): void {
    const next = carry(findings, snapshot);
    if (next.length !== findings.length || next.some((f, i) => f.start !== findings[i]?.start)) update(next);
    else {
      snapshot = current();
      renderHighlights();
    }
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => { void check(); }, debounceMs);
  }

  // --- Submit and the acknowledgement step.
  const form = textarea.form;
  let submitter: HTMLElement | null = null;

  function showError(text: string): void {
    error.textContent = text;
    error.hidden = false;
    panel.hidden = false;
  }

  function setBusy(on: boolean): void {
    busy = on;
    panel.setAttribute('aria-busy', String(on));
    if (form) for (const b of Array.from(form.querySelectorAll<HTMLButtonElement | HTMLInputElement>('button[type=submit], button:not([type]), input[type=submit]'))) b.disabled = on;
    for (const b of Array.from(ack.querySelectorAll('button'))) b.disabled = on;
  }

  function buildBody(extra: Record<string, string>): FormData | URLSearchParams {
    if (!form) return new URLSearchParams(extra);
    let fd: FormData;
    try {
      fd = submitter ? new FormData(form, submitter) : new FormData(form);
    } catch {
      fd = new FormData(form);
    }
    for (const [k, v] of Object.entries(extra)) fd.set(k, v);
    if (form.enctype === 'multipart/form-data') return fd;
    const params = new URLSearchParams();
    fd.forEach((v, k) => { if (typeof v === 'string') params.append(k, v); });
    return params;
  }

  async function send(extra: Record<string, string> = {}): Promise<void> {
    if (!form) return;
    error.hidden = true;
    setBusy(true);
    status.textContent = m.sending;
    const target = submitter?.getAttribute('formaction') ? (submitter as HTMLButtonElement).formAction : form.action;
    let res: Response;
    try {
      res = await fetch(target, {
        method: 'POST', body: buildBody(extra), credentials: 'same-origin', redirect: 'follow',
        headers: { Accept: 'application/json', 'Accept-Language': locale, 'PII-Acknowledgement-Method': 'widget' },
      });
    } catch {
      setBusy(false);
      showError(m.failed);
      status.textContent = m.failed;
      return;
    }
    const type = res.headers.get('content-type') ?? '';
    if (res.ok) {
      const event = new CustomEvent('pii-preflight:submitted', { cancelable: true, detail: { response: res } });
      if (!textarea.dispatchEvent(event)) { setBusy(false); return; }
      if (res.redirected) { window.location.assign(res.url); return; }
      if (type.includes('text/html')) {
        const html = await res.text();
        document.open();
        document.write(html);
        document.close();
        return;
      }
      setBusy(false);
      hideAck(false);
      truncated = false;
      update([]);
      return;
    }
    setBusy(false);
    let problem: Problem | undefined;
    if (type.includes('json')) {
      try { problem = (await res.json()) as Problem; } catch { problem = undefined; }
    }
    if (res.status === 422 && problem) {
      const found: Found[] = (problem.findings ?? []).map((f) => ({ ...f, field: f.field ?? mainField }));
      truncated = problem.truncated === true;
      update(found);
      if (problem.notice) notice.textContent = problem.notice;
      if (problem.acknowledgement?.token) {
        token = problem.acknowledgement.token;
        showAck(problem.error !== 'pii_acknowledgement_required' ? problem.message : undefined);
        return;
      }
      hideAck(false);
      showError(problem.error === 'pii_blocked' ? m.blocked : problem.message ?? m.failed);
      return;
    }
    showError(problem?.message ?? m.failed);
    status.textContent = problem?.message ?? m.failed;
  }

  // The acknowledgement step, built once and shown on demand. Its inputs belong to no form
  // (form="…" names no element), so they are never posted with the host form.
  const detachedForm = `${id}-none`;
  ack.setAttribute('role', 'group');
  ack.setAttribute('aria-labelledby', title.id);
  const ackMessage = el('p', 'pii-pf-ack-message');
  ackMessage.hidden = true;
  const fieldset = el('fieldset', 'pii-pf-reasons');
  fieldset.append(el('legend', undefined, m.reasonLegend));
  const reasons: HTMLInputElement[] = [];
  const note = el('textarea', 'pii-pf-note');
  note.setAttribute('form', detachedForm);
  note.rows = 2;
  note.maxLength = 500;
  note.setAttribute('aria-label', m.reasonOther);
  note.hidden = true;
  for (const [value, label] of [['intended', m.reasonIntended], ['not_personal', m.reasonNotPersonal], ['other', m.reasonOther]] as const) {
    const lab = el('label', 'pii-pf-choice');
    const radio = el('input');
    radio.type = 'radio';
    radio.name = `${id}-reason`;
    radio.value = value;
    radio.setAttribute('form', detachedForm);
    radio.addEventListener('change', () => {
      note.hidden = !(value === 'other' && radio.checked);
      if (!note.hidden) note.focus();
    });
    reasons.push(radio);
    lab.append(radio, document.createTextNode(' ' + label));
    fieldset.append(lab);
  }
  fieldset.append(note);
  const understandLabel = el('label', 'pii-pf-understand');
  const understand = el('input');
  understand.type = 'checkbox';
  understand.setAttribute('form', detachedForm);
  understandLabel.append(understand, document.createTextNode(' ' + m.understand));
  const ackError = el('p', 'pii-pf-ack-error');
  ackError.id = `${id}-ack-error`;
  ackError.setAttribute('role', 'alert');
  const publish = el('button', 'pii-pf-btn pii-pf-primary', m.publish);
  publish.type = 'button';
  const back = el('button', 'pii-pf-btn', m.edit);
  back.type = 'button';
  const buttons = el('div', 'pii-pf-ack-actions');
  buttons.append(publish, back);
  ack.append(ackMessage, fieldset, understandLabel, ackError, buttons);

  function showAck(message?: string): void {
    ackMessage.textContent = message ?? '';
    ackMessage.hidden = !message;
    ackError.textContent = '';
    error.hidden = true;
    ack.hidden = false;
    panel.hidden = false;
    panel.classList.add('pii-pf-acking');
    title.focus();
    status.textContent = `${m.title}. ${notice.textContent ?? ''}`;
  }

  function hideAck(focus: boolean): void {
    ack.hidden = true;
    panel.classList.remove('pii-pf-acking');
    panel.hidden = findings.length === 0 && error.hidden;
    if (focus) {
      const first = findings.find((f) => f.field === mainField);
      if (first) reveal(first);
      else textarea.focus();
    }
  }

  publish.addEventListener('click', () => {
    if (busy || !token) return;
    if (!understand.checked) {
      ackError.textContent = m.understandRequired;
      understand.setAttribute('aria-describedby', ackError.id);
      understand.focus();
      return;
    }
    const reason = reasons.find((r) => r.checked)?.value;
    const extra: Record<string, string> = { piiAcknowledgement: token, piiAcknowledgementMethod: 'widget' };
    if (reason) extra.piiAcknowledgementReason = reason;
    if (reason === 'other' && note.value.trim()) extra.piiAcknowledgementNote = note.value.trim();
    void send(extra);
  });
  back.addEventListener('click', () => hideAck(true));
  panel.addEventListener('keydown', (e: KeyboardEvent) => {
    if (e.key === 'Escape' && !ack.hidden) { e.preventDefault(); hideAck(true); }
  });
  understand.addEventListener('change', () => { if (understand.checked) ackError.textContent = ''; });

  function onSubmit(e: SubmitEvent): void {
    if (e.defaultPrevented) return;
    const method = (form?.getAttribute('method') ?? 'get').toLowerCase();
    if (method !== 'post') return;
    e.preventDefault();
    if (busy) return;
    submitter = e.submitter;
    void send();
  }

  // --- Wiring.
  const onScroll = (): void => syncScroll();
  const onResize = (): void => layout();
  const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(() => layout()) : undefined;
  observer?.observe(textarea);
  textarea.addEventListener('scroll', onScroll);
  window.addEventListener('resize', onResize);
  for (const input of Object.values(inputs)) input.addEventListener('input', onInput);
  const intercept = options.interceptSubmit !== false && form !== null;
  if (intercept) form?.addEventListener('submit', onSubmit);
  layout();
  renderHighlights();
  void document.fonts?.ready.then(() => layout());
  if (textarea.value.trim()) timer = setTimeout(() => { void check(); }, 0);

  return {
    check,
    detach(): void {
      if (detached) return;
      detached = true;
      controller?.abort();
      if (timer !== undefined) clearTimeout(timer);
      observer?.disconnect();
      textarea.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', onResize);
      for (const input of Object.values(inputs)) input.removeEventListener('input', onInput);
      if (intercept) form?.removeEventListener('submit', onSubmit);
      wrap.before(textarea);
      wrap.remove();
      panel.remove();
      status.remove();
      Object.assign(textarea.style, old);
      textarea.classList.remove('pii-pf-input');
      if (describedBy === null) textarea.removeAttribute('aria-describedby');
      else textarea.setAttribute('aria-describedby', describedBy);
    },
  };
}
