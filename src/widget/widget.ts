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
import { carrySpans, diffEdit, replaceRange } from './offsets';
import { acceptLanguage, messagesFor, type WidgetMessages } from './strings';

export type { WidgetMessages } from './strings';

/** One finding, as `checkRoute()` and the 422 answer give it. */
export interface WidgetFinding {
  field?: string;
  type: string;
  start: number;
  end: number;
  masked: string;
  message: string;
  /** `self`, `third_party` or `unknown` (the 422 answer gives it). */
  subject?: string;
  /** The policy's action for this finding, when the server gives it: `block` is never publishable. */
  action?: string;
}

type TextInput = HTMLTextAreaElement | HTMLInputElement;

export interface AttachOptions {
  /** URL of the `checkRoute()` endpoint, e.g. `/preflight/check`. */
  endpoint: string;
  /** Format of the text: `plain` (default), `markdown`, `html` or `bbcode`. */
  format?: 'plain' | 'markdown' | 'html' | 'bbcode';
  /**
   * The author's language, from the host's user settings (a tag like `de`, `pt-BR` or `nl-BE`).
   * Default: the browser's languages (`navigator.languages`), then the page's `<html lang>`. The
   * server picks the closest language it has (en, de, fr, es, it, nl, pt) and sends the widget its
   * texts in it; the bundle itself holds English only.
   */
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
  /** `warn`, `review` or `block`: what happens to the post. */
  action?: string;
  /** The widget's texts in the negotiated language, when it asked for them. */
  locale?: string;
  messages?: WidgetMessages;
  /** Present when a moderator will check the post: why. */
  held?: { because: string; message?: string };
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

interface Piece { node: Text; start: number; end: number }

/** One input's highlight layer. */
interface Layer {
  /** The input and its field name. */
  i: TextInput;
  f: string;
  /** Wrapper, backdrop, mirror. */
  w: HTMLElement;
  b: HTMLElement;
  m: HTMLElement;
  /** The mirror's text pieces, the text they mirror, a scroll sync queued. */
  p: Piece[];
  t: string;
  q: boolean;
  /** The input's own background, position and z-index, restored on detach. */
  o: Partial<CSSStyleDeclaration>;
  /** A one-line `<input>`. */
  l: boolean;
  /** The host's aria-describedby. */
  d: string | null;
}

/** Wraps an input: a backdrop (with the mirror) behind it, the input made transparent above. */
function wrapInput(input: TextInput, f: string): Layer {
  const w = el('div', 'pii-pf-wrap');
  const b = el('div', 'pii-pf-backdrop');
  const m = el('div', 'pii-pf-mirror');
  b.setAttribute('aria-hidden', 'true');
  b.append(m);
  const s = input.style;
  const L: Layer = { i: input, f, w, b, m, p: [], t: '', q: false, o: { background: s.background, position: s.position, zIndex: s.zIndex }, l: input.tagName === 'INPUT', d: input.getAttribute('aria-describedby') };
  const cs = getComputedStyle(input);
  const bg = cs.backgroundColor;
  // An input that fills its line (width: 100%, display: block) gets a block wrapper; one sized by
  // cols or a fixed width keeps an inline-block wrapper of its own size.
  const parent = input.parentElement;
  const ps = parent ? getComputedStyle(parent) : undefined;
  const line = parent && ps ? parent.clientWidth - parseFloat(ps.paddingLeft) - parseFloat(ps.paddingRight) : 0;
  Object.assign(w.style, { position: 'relative', verticalAlign: 'top', display: cs.display === 'block' || (line > 0 && input.offsetWidth >= line - 1) ? 'block' : 'inline-block' });
  Object.assign(b.style, { position: 'absolute', overflow: 'hidden', pointerEvents: 'none', color: 'transparent', boxSizing: 'border-box', borderStyle: 'solid', borderColor: 'transparent', zIndex: '0', backgroundColor: bg === 'rgba(0, 0, 0, 0)' ? '#fff' : bg });
  Object.assign(m.style, { boxSizing: 'border-box', margin: '0', border: '0' });
  input.before(w);
  w.append(b, input);
  s.background = 'transparent';
  // The input must paint above the absolutely positioned backdrop.
  if (cs.position === 'static') s.position = 'relative';
  s.zIndex = '1';
  input.classList.add('pii-pf-input');
  return L;
}

/** Attaches the widget to a `<textarea>`. */
export function attach(textarea: HTMLTextAreaElement, options: AttachOptions): AttachedWidget {
  if (!(textarea instanceof HTMLTextAreaElement)) throw new TypeError('pii-preflight attach(): pass a <textarea>.');
  if (!options || typeof options.endpoint !== 'string' || options.endpoint.length === 0) {
    throw new TypeError('pii-preflight attach(): options.endpoint is required.');
  }
  const id = `pii-pf-${++uid}`;
  const locale = acceptLanguage(options.locale, navigator.languages ?? [navigator.language], document.documentElement.lang);
  // English until the server's first answer brings the texts of the author's language.
  let m = messagesFor(options.messages);
  let localized = false;
  /** The notice text of the last 422 answer (the host's own notice wins over the shipped one). */
  let serverNotice: string | undefined;
  const debounceMs = options.debounceMs ?? 500;
  const mainField = options.field ?? (textarea.name || 'body');
  const others: Record<string, TextInput> = { ...(options.fields ?? {}) };
  delete others[mainField];
  const inputs: Record<string, TextInput> = { ...others, [mainField]: textarea };
  const useFields = Object.keys(others).length > 0;

  // --- DOM: each input (the textarea, the title) gets a wrapper with a highlight layer behind it:
  // a backdrop holding a mirror of its text with a mark over each finding; the input turns
  // transparent above it. The panel and the live region follow the textarea.
  const layers = Object.entries(inputs).map(([field, input]) => wrapInput(input, field));
  const main = layers[layers.length - 1] as Layer;
  const wrap = main.w;

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
  // "A moderator will check this post before it appears" and why; "these seem to be someone else's".
  const heldLine = el('p', 'pii-pf-held');
  heldLine.hidden = true;
  const thirdLine = el('p', 'pii-pf-third');
  thirdLine.hidden = true;
  // The textarea's description: one short line while there are findings (not the whole notice).
  const summary = el('p', 'pii-pf-summary');
  summary.id = `${id}-summary`;
  const list = el('ul', 'pii-pf-list');
  const error = el('p', 'pii-pf-error');
  error.setAttribute('role', 'alert');
  error.hidden = true;
  const ack = el('div', 'pii-pf-ack');
  ack.hidden = true;
  // "Only the first N findings are shown" when the server stopped at its findings cap.
  const more = el('p', 'pii-pf-more');
  more.hidden = true;
  panel.append(title, summary, heldLine, thirdLine, notice, list, more, ack, error);
  const status = el('div', 'pii-pf-status');
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  status.setAttribute('aria-atomic', 'true');
  wrap.after(panel);
  panel.after(status);
  /** Describes an input by the one-line summary while `on` (not the whole notice), else as the host did. */
  function describe(L: Layer, on: unknown): void {
    const ids = [L.d, on && summary.id].filter(Boolean).join(' ');
    if (ids) L.i.setAttribute('aria-describedby', ids);
    else L.i.removeAttribute('aria-describedby');
  }

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

  // --- Layout: the mirror copies the input's box and font so its text wraps (or, in a one-line
  // input, runs and scrolls) the same way.
  function layout(L: Layer): void {
    if (detached) return;
    const { i: input, m: mi } = L;
    const cs = getComputedStyle(input);
    for (const prop of COPY) mi.style[prop] = cs[prop];
    Object.assign(L.b.style, {
      top: `${input.offsetTop}px`, left: `${input.offsetLeft}px`,
      width: `${input.offsetWidth}px`, height: `${input.offsetHeight}px`,
      borderTopWidth: cs.borderTopWidth, borderRightWidth: cs.borderRightWidth, borderBottomWidth: cs.borderBottomWidth, borderLeftWidth: cs.borderLeftWidth,
      borderRadius: cs.borderRadius, direction: cs.direction,
    });
    const w = `${input.clientWidth}px`;
    const h = input.clientHeight;
    // A one-line input: no wrapping, as wide as its text, the line centred like the input's.
    if (L.l) Object.assign(mi.style, { whiteSpace: 'pre', width: 'max-content', minWidth: w, height: `${h}px`, lineHeight: `${h - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom)}px` });
    else Object.assign(mi.style, { width: w, minHeight: `${h}px` });
    sync(L);
  }

  function sync(L: Layer): void {
    L.b.scrollTop = L.i.scrollTop;
    L.b.scrollLeft = L.i.scrollLeft;
  }

  // The mirror's pieces (L.p): plain text nodes between the marks, with the range of the text each
  // holds. Typing changes only the text node the caret is in (see patch), not the whole mirror.
  function render(L: Layer): void {
    const text = L.i.value;
    const nodes: Node[] = [];
    const pieces: Piece[] = L.p = [];
    let at = 0;
    const plain = (start: number, end: number, extra = ''): void => {
      const node = document.createTextNode(text.slice(start, end) + extra);
      pieces.push({ node, start, end });
      nodes.push(node);
    };
    findings.forEach((f, i) => {
      if (f.field !== L.f || f.start < at || f.end > text.length) return;
      plain(at, f.start);
      const mark = el('mark', `pii-pf-mark pii-pf-${f.type.replace(/[^a-z_]/g, '')}`, text.slice(f.start, f.end));
      mark.dataset.index = String(i);
      nodes.push(mark);
      at = f.end;
    });
    // A trailing newline needs a character after it to take up its line.
    plain(at, text.length, text.endsWith('\n') ? ' ' : '');
    L.m.replaceChildren(...nodes);
    L.t = text;
    // Lays out again too: a dir="auto" title turns right-to-left as its text does.
    layout(L);
  }

  /**
   * After a keystroke that moved no finding's text: changes the one text node the edit fell in and
   * shifts the ranges after it. Falls back to a full render when the edit crosses a mark.
   */
  function patch(L: Layer): void {
    const text = L.i.value;
    const pieces = L.p;
    const e = diffEdit(L.t, text);
    const i = pieces.findIndex((p) => p.start <= e.start && e.oldEnd <= p.end);
    const piece = pieces[i];
    if (!piece) { render(L); return; }
    const delta = e.newEnd - e.oldEnd;
    piece.end += delta;
    for (let k = i + 1; k < pieces.length; k++) { (pieces[k] as Piece).start += delta; (pieces[k] as Piece).end += delta; }
    if (i === pieces.length - 1) piece.node.data = text.slice(piece.start) + (text.endsWith('\n') ? ' ' : '');
    else piece.node.replaceData(e.start - piece.start, e.oldEnd - e.start, text.slice(e.start, e.newEnd));
    L.t = text;
    // Reading scroll positions forces a layout: once per frame, not in the input handler.
    if (!L.q) {
      L.q = true;
      requestAnimationFrame(() => { L.q = false; sync(L); });
    }
  }

  /** Findings from the server, each with its field (the textarea's when it names none). */
  /** A copy of the findings for the host. */
  const copy = (): WidgetFinding[] => findings.map((f) => ({ ...f }));
  const own = (list: WidgetFinding[] = []): Found[] => list.map((f) => ({ ...f, field: f.field ?? mainField }));
  const baseOf = (f: WidgetFinding): string => f.message || m.findings[f.type] || m.findings.default || '';

  function messageOf(f: WidgetFinding): string {
    const base = baseOf(f);
    return base.includes(m.hint) ? base : `${base} ${m.hint}`;
  }

  /**
   * Inputs other than the textarea (the title) are outlined, and described by the summary, while
   * they hold a finding; the textarea while there is any finding.
   */
  function markFields(): void {
    for (const L of layers) {
      const has = L === main ? findings.length : findings.some((f) => f.field === L.f);
      if (L !== main) L.i.classList.toggle('pii-pf-flagged', !!has);
      describe(L, has);
    }
  }

  function renderList(focusIndex?: number): void {
    const items = findings.map((f, i) => {
      const li = el('li', 'pii-pf-item');
      const blocked = f.action === 'block';
      if (blocked) li.classList.add('pii-pf-blocked');
      li.append(el('span', `pii-pf-dot pii-pf-${f.type.replace(/[^a-z_]/g, '')}`));
      const body = el('div', 'pii-pf-body');
      body.append(el('p', 'pii-pf-msg', blocked ? `${baseOf(f)} ${m.blockedFinding}` : messageOf(f)));
      const value = el('code', 'pii-pf-value', f.masked);
      value.id = `${id}-v${i}`;
      body.append(value);
      if (f.field !== mainField) body.append(el('span', 'pii-pf-field', ` (${fieldLabel(f.field)})`));
      const actions = el('div', 'pii-pf-actions');
      const show = el('button', 'pii-pf-btn pii-pf-show', m.show);
      show.type = 'button';
      // Each button's name is its visible text; the masked value describes it (which finding).
      show.setAttribute('aria-describedby', value.id);
      show.addEventListener('click', () => { const cur = findings[i]; if (cur) reveal(cur); });
      const fix = el('button', 'pii-pf-btn pii-pf-mask', m.maskIt);
      fix.type = 'button';
      fix.setAttribute('aria-describedby', value.id);
      fix.addEventListener('click', () => maskFinding(i));
      actions.append(show, fix);
      li.append(body, actions);
      return li;
    });
    list.replaceChildren(...items);
    markFields();
    const n = findings.length;
    summary.textContent = n === 0 ? '' : n === 1 ? m.foundOne : fill(m.found, { n });
    const third = findings.some((f) => f.subject === 'third_party');
    thirdLine.textContent = third ? m.thirdParty : '';
    thirdLine.hidden = !third;
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
    for (const L of layers) render(L);
    renderList(focusIndex);
    announce();
    const pub = copy();
    options.onFindings?.(pub);
    textarea.dispatchEvent(new CustomEvent('pii-preflight:findings', { detail: { findings: pub } }));
  }

  /** The label of a field's input (its <label>), else the field name. */
  function fieldLabel(name: string): string {
    const input = inputs[name];
    const text = input?.labels?.[0]?.textContent?.trim();
    return text || name;
  }

  /** Selects a finding in its input and scrolls it into view, so the author sees where it is. */
  function reveal(f: Found): void {
    const input = inputs[f.field];
    if (!input) return;
    input.focus({ preventScroll: true });
    input.setSelectionRange(f.start, f.end);
    const L = layers.find((l) => l.i === input);
    const mark = L?.m.querySelector(`mark[data-index="${findings.indexOf(f)}"]`);
    if (L && mark) {
      // Scroll the input (down in a textarea, sideways in a long or right-to-left title) so the
      // mark sits a third of the way in: measured on the synced backdrop, so it holds either way.
      sync(L);
      const b = L.b.getBoundingClientRect();
      const r = mark.getBoundingClientRect();
      input.scrollTop += r.top - b.top - input.clientHeight / 3;
      input.scrollLeft += r.left - b.left - input.clientWidth / 3;
      sync(L);
    }
    input.scrollIntoView({ block: 'nearest' });
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
    if (key === lastKey) return copy();
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
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Accept-Language': locale, ...ask() },
        body: key,
        credentials: 'same-origin',
        signal: mine.signal,
      });
      if (!res.ok) {
        // Rate-limited or too large: keep what we have; the server still checks on submit.
        lastKey = '';
        return copy();
      }
      const data = (await res.json()) as { findings?: WidgetFinding[]; truncated?: boolean; locale?: string; messages?: WidgetMessages };
      localize(data);
      if (mine !== controller || detached) return copy();
      const found = own(data.findings);
      truncated = data.truncated === true;
      update(carry(found, sent));
      return copy();
    } catch {
      if (mine === controller) lastKey = '';
      return copy();
    }
  }

  function onInput(): void {
    const next = carry(findings, snapshot);
    if (next.length !== findings.length) update(next);
    else {
      // Same findings, maybe shifted: keep the list, patch the highlight layer.
      findings = next;
      snapshot = current();
      markFields();
      for (const L of layers) if (L.t !== L.i.value) patch(L);
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

  /** The host form's own submit buttons (the original "Publish"). */
  function hostButtons(): Array<HTMLButtonElement | HTMLInputElement> {
    if (!form) return [];
    return Array.from(form.querySelectorAll<HTMLButtonElement | HTMLInputElement>('button[type=submit], button:not([type]), input[type=submit]'))
      .filter((b) => !panel.contains(b));
  }

  /** Disables the host's submit buttons while sending or while the acknowledgement step is open. */
  function syncHostButtons(): void {
    const off = busy || !ack.hidden;
    for (const b of hostButtons()) {
      b.disabled = off;
      b.classList.toggle('pii-pf-superseded', !ack.hidden);
    }
  }

  function setBusy(on: boolean): void {
    busy = on;
    panel.setAttribute('aria-busy', String(on));
    syncHostButtons();
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

  /** Findings the author saw when they confirmed: a quiet retry is only for these (or fewer). */
  let confirmed = '';
  const keyOf = (list: readonly WidgetFinding[]): string[] => list.map((f) => `${f.field ?? mainField}:${f.type}:${f.masked}`);

  async function send(extra: Record<string, string> = {}, retried = false): Promise<void> {
    if (!form) return;
    error.hidden = true;
    setBusy(true);
    status.textContent = m.sending;
    const target = submitter?.getAttribute('formaction') ? (submitter as HTMLButtonElement).formAction : form.action;
    let res: Response;
    try {
      res = await fetch(target, {
        method: 'POST', body: buildBody(extra), credentials: 'same-origin', redirect: 'follow',
        headers: { Accept: 'application/json', 'Accept-Language': locale, 'PII-Acknowledgement-Method': 'widget', ...ask() },
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
      localize(problem);
      const found = own(problem.findings);
      truncated = problem.truncated === true;
      const tokenError = /^pii_ack_/.test(problem.error);
      // The author confirmed, then masked a value (or the token expired): the post changed, so the
      // token no longer matches. If it holds nothing the author has not already confirmed, fetch
      // the fresh token and send again, quietly, once.
      const seen = new Set(confirmed.split('\n'));
      if (tokenError && !retried && problem.acknowledgement?.token && extra.piiAcknowledgement && keyOf(found).every((k) => seen.has(k))
        && problem.action !== 'block' && (problem.action !== 'review' || confirmedAction === 'review')) {
        token = problem.acknowledgement.token;
        await send({ ...extra, piiAcknowledgement: token }, true);
        return;
      }
      update(found);
      if (problem.notice) notice.textContent = serverNotice = problem.notice;
      showHeld(problem);
      if (problem.acknowledgement?.token) {
        token = problem.acknowledgement.token;
        showAck(tokenError ? m.ackRetry : problem.error !== 'pii_acknowledgement_required' ? problem.message : undefined);
        return;
      }
      hideAck(false);
      showError(problem.error === 'pii_blocked' ? m.blocked : problem.message ?? m.failed);
      return;
    }
    // Server messages outside the 422 flow are English: say it in the author's language.
    showError(m.failed);
    status.textContent = m.failed;
  }

  /** The held line ("A moderator will check this post…" and why) and the reasons that fit. */
  let confirmedAction = 'warn';
  function showHeld(problem: Problem): void {
    const held = problem.action === 'review' || problem.held !== undefined;
    const because = problem.held?.because;
    heldLine.textContent = held ? `${m.review} ${because === 'third_party' ? m.heldThirdParty : because === 'repeat' ? m.heldRepeat : m.heldPolicy}` : '';
    heldLine.hidden = !held;
    panel.classList.toggle('pii-pf-held-post', held);
    const third = findings.some((f) => f.subject === 'third_party');
    // Someone else's details: "not personal" and "they agreed" first, never "my own details".
    const order = third ? ['not_personal', 'intended', 'other'] : ['intended', 'not_personal', 'other'];
    for (const value of order) {
      const choice = choices[value];
      if (!choice) continue;
      choice.text.data = ` ${value === 'intended' ? (third ? m.reasonConsent : m.reasonIntended) : value === 'not_personal' ? m.reasonNotPersonal : m.reasonOther}`;
      fieldset.insertBefore(choice.label, note);
    }
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
  const choices: Record<string, { label: HTMLLabelElement; text: Text }> = {};
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
    const text = document.createTextNode(' ' + label);
    lab.append(radio, text);
    choices[value] = { label: lab, text };
    fieldset.append(lab);
  }
  fieldset.append(note);
  // "Don't warn me about these values again", as on the no-JavaScript page (never skips review).
  const rememberLabel = el('label', 'pii-pf-choice pii-pf-remember');
  const remember = el('input');
  remember.type = 'checkbox';
  remember.setAttribute('form', detachedForm);
  rememberLabel.append(remember, document.createTextNode(' ' + m.remember));
  const understandLabel = el('label', 'pii-pf-understand');
  const understand = el('input');
  understand.type = 'checkbox';
  understand.setAttribute('form', detachedForm);
  const rememberText = rememberLabel.lastChild as Text;
  const understandText = document.createTextNode(' ' + m.understand);
  understandLabel.append(understand, understandText);
  const ackError = el('p', 'pii-pf-ack-error');
  ackError.id = `${id}-ack-error`;
  ackError.setAttribute('role', 'alert');
  const publish = el('button', 'pii-pf-btn pii-pf-primary', m.publish);
  publish.type = 'button';
  const back = el('button', 'pii-pf-btn', m.edit);
  back.type = 'button';
  const buttons = el('div', 'pii-pf-ack-actions');
  buttons.append(publish, back);
  ack.append(ackMessage, fieldset, rememberLabel, understandLabel, ackError, buttons);

  /** Asks the server for the texts of the author's language until one answer brought them. */
  function ask(): Record<string, string> {
    return localized ? {} : { 'PII-Messages': '1' };
  }

  /** Takes the texts of the author's language from a server answer (once) and relabels what is built. */
  function localize(data: { locale?: string; messages?: WidgetMessages }): void {
    const given = data.messages;
    if (localized || typeof given !== 'object' || given === null) return;
    localized = true;
    m = messagesFor(options.messages, given);
    const lang = typeof data.locale === 'string' ? data.locale : '';
    if (lang) for (const node of [panel, status]) node.lang = lang;
    title.textContent = m.title;
    notice.textContent = serverNotice ?? m.notice;
    (fieldset.firstChild as HTMLElement).textContent = m.reasonLegend;
    note.setAttribute('aria-label', m.reasonOther);
    rememberText.data = ' ' + m.remember;
    understandText.data = ' ' + m.understand;
    publish.textContent = m.publish;
    back.textContent = m.edit;
    for (const [value, text] of [['intended', m.reasonIntended], ['not_personal', m.reasonNotPersonal], ['other', m.reasonOther]] as const) {
      const choice = choices[value];
      if (choice) choice.text.data = ' ' + text;
    }
  }

  function showAck(message?: string): void {
    ackMessage.textContent = message ?? '';
    ackMessage.hidden = !message;
    ackError.textContent = '';
    error.hidden = true;
    ack.hidden = false;
    panel.hidden = false;
    panel.classList.add('pii-pf-acking');
    syncHostButtons();
    title.focus();
    status.textContent = `${m.title}. ${notice.textContent ?? ''}`;
  }

  function hideAck(focus: boolean): void {
    ack.hidden = true;
    panel.classList.remove('pii-pf-acking');
    syncHostButtons();
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
    if (remember.checked) extra.piiRememberValues = 'true';
    confirmed = keyOf(findings).join('\n');
    confirmedAction = heldLine.hidden ? 'warn' : 'review';
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
  const onScroll = (e: Event): void => { for (const L of layers) if (L.i === e.target) sync(L); };
  const onResize = (): void => { for (const L of layers) layout(L); };
  const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(onResize) : undefined;
  for (const L of layers) {
    observer?.observe(L.i);
    L.i.addEventListener('scroll', onScroll);
    L.i.addEventListener('input', onInput);
  }
  window.addEventListener('resize', onResize);
  const intercept = options.interceptSubmit !== false && form !== null;
  if (intercept) form?.addEventListener('submit', onSubmit);
  onResize();
  for (const L of layers) render(L);
  void document.fonts?.ready.then(onResize);
  if (textarea.value.trim()) timer = setTimeout(() => { void check(); }, 0);

  return {
    check,
    detach(): void {
      if (detached) return;
      detached = true;
      controller?.abort();
      if (timer !== undefined) clearTimeout(timer);
      observer?.disconnect();
      window.removeEventListener('resize', onResize);
      for (const L of layers) {
        const input = L.i;
        input.removeEventListener('scroll', onScroll);
        input.removeEventListener('input', onInput);
        L.w.before(input);
        L.w.remove();
        Object.assign(input.style, L.o);
        input.classList.remove('pii-pf-input', 'pii-pf-flagged');
        describe(L, 0);
      }
      if (intercept) form?.removeEventListener('submit', onSubmit);
      panel.remove();
      status.remove();
    },
  };
}
