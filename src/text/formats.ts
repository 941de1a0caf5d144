/**
 * Input formats → visible text with an exact offset map (see view.ts).
 *
 * All parsers here are single left-to-right passes with bounded look-ahead (memoized searches for
 * closing delimiters), so time is linear in the input whatever it holds: deeply nested tags,
 * 100,000 `<` in a row, unclosed comments.
 */
import type { Format } from '../types';
import obfRule from '../../rules/email-obfuscated.json';
import { decodeEntityAt, identityView, needsFolding, ViewBuilder, type HiddenRange, type TextView } from './view';

/**
 * `maxSegments` bounds the segments appended after the visible text (link targets, link titles,
 * hidden text): past it they are left out and the view says `truncated`.
 */
export function toView(text: string, format: Format = 'plain', maxSegments = Infinity): TextView {
  switch (format) {
    case 'plain':
      return plainView(text, maxSegments);
    case 'html':
      return htmlView(text, maxSegments);
    case 'markdown':
      return markdownView(text, maxSegments);
    case 'bbcode':
      return bbcodeView(text, maxSegments);
    default:
      throw new TypeError(`unknown format: ${String(format)}`);
  }
}

export function plainView(text: string, maxSegments = Infinity): TextView {
  // Every contact link written as text holds a "/" or a "%" (BareLinks).
  const targets: Pending[] = [];
  if (text.indexOf('/') >= 0 || text.indexOf('%') >= 0) new BareLinks(text).scan(0, text.length, 0, targets);
  if (targets.length === 0 && !needsFolding(text)) return identityView(text);
  const b = new ViewBuilder(text);
  b.fold(0, text.length, true);
  const budget: SegmentBudget = { left: maxSegments, dropped: false };
  appendPending(b, text, targets, budget, () => []);
  return b.build([], budget.dropped);
}

/** Memoized "next occurrence of `needle` at or after i" — keeps repeated searches linear. */
class NextIndex {
  private at = -2;
  constructor(private readonly s: string, private readonly needle: string) {}
  from(i: number): number {
    if (this.at !== -1 && this.at < i) this.at = this.s.indexOf(this.needle, i);
    return this.at;
  }
}

/** Memoized "next match of a global regex at or after i" (index of the match, -1 for none). */
class NextMatch {
  private at = -2;
  constructor(private readonly s: string, private readonly re: RegExp) {}
  from(i: number): number {
    if (this.at !== -1 && this.at < i) {
      this.re.lastIndex = i;
      const m = this.re.exec(this.s);
      this.at = m ? m.index : -1;
    }
    return this.at;
  }
}

/* ------------------------------------------------------------------------------------------------
 * Link targets: mailto:/tel:/chat links whose address the detectors read.
 * --------------------------------------------------------------------------------------------- */

/*
 * [offset, end) of the address inside a link target: the address of mailto:, tel:, callto:, sms:
 * and FaceTime links (without the scheme and any "?query"), and whole WhatsApp chat links
 * (wa.me/<number>, api.whatsapp.com/send?phone=<number>) whose number the phone detector reads.
 * Anything else (ordinary web links) is not visible text and is not scanned.
 */
const CONTACT_SCHEME = /^(?:mailto|tel|callto|sms|smsto|facetime|facetime-audio):/i;
const WHATSAPP_URL = /^(?:https?:\/\/)?(?:wa\.me|(?:api|web)\.whatsapp\.com)\//i;
/*
 * A query parameter that carries a contact value in any web link ("?phone=…", "&email=…"): the
 * name after "?" or "&", then "="; the value runs to the next "&" or "#". Fixed alternatives: linear.
 * Other parameters ("?id=4155550134", "?page=2") are not read.
 */
const CONTACT_PARAM = /[?&](?:phone|tel|telephone|mobile|cell|cellphone|whatsapp|email|e-mail|mail)=/i;
export function linkTargetRange(value: string): [number, number] | null {
  const scheme = CONTACT_SCHEME.exec(value);
  if (scheme) {
    const q = value.indexOf('?');
    return [scheme[0].length, q >= 0 ? q : value.length];
  }
  if (WHATSAPP_URL.test(value)) return [0, value.length];
  const param = CONTACT_PARAM.exec(value);
  if (param) {
    const from = param.index + param[0].length;
    const stop = /[&#]/.exec(value.slice(from));
    return [from, stop ? from + stop.index : value.length];
  }
  return null;
}

/*
 * Chat links that carry a phone number in international form: the number starts where the
 * pattern ends and runs to the next "&", "#", "?" or "/". Numbers written without "+" are
 * international anyway (these apps take no national numbers), so the view reads them with a "+".
 */
const CHAT_LINKS: readonly RegExp[] = [
  /^(?:https?:\/\/)?(?:www\.)?(?:t|telegram)\.me\/(?=\+|%2b)/i,
  // WhatsApp links whose number starts with "+" (or "%2B"): the number alone, as for the others.
  /^(?:https?:\/\/)?(?:www\.)?wa\.me\/(?=\+|%2b)/i,
  /^(?:https?:\/\/)?(?:api|web)\.whatsapp\.com\/send\/?\?(?:[a-z]{1,16}=[^&#]{0,64}&){0,4}phone=(?=\+|%2b)/i,
  /^(?:https?:\/\/)?signal\.me\/#p\//i,
  /^viber:\/\/(?:chat|add|contact)\/?\?(?:[a-z]{1,16}=[^&#]{0,64}&){0,4}number=/i,
  /^whatsapp:\/\/send\/?\?(?:[a-z]{1,16}=[^&#]{0,64}&){0,4}phone=/i,
  /^tg:\/\/resolve\?(?:[a-z]{1,16}=[^&#]{0,64}&){0,4}phone=/i,
  /^skype:(?=\+|%2b)/i,
];
const CHAT_NUMBER_END = /[&#?/]/;

interface ContactTarget {
  /** Original range of the address. */
  from: number;
  to: number;
  /** The address is an international number written without "+". */
  plus: boolean;
  /** The address is a query value ("?phone=415+555+0134"), where "+" between digits is a space. */
  query?: boolean;
}

/**
 * The contact address in a link target written in s[from, to), in original offsets. A browser
 * ignores leading and trailing spaces and decodes entities in attribute values, and drops tabs and
 * line breaks anywhere in a URL: so does this (`href=" &#116;el:+1…"` is a tel: link).
 */
function contactTarget(s: string, from: number, to: number, decodeEntities: boolean): ContactTarget | null {
  // Fast path (nearly every link): no entity, space, tab or line break to undo.
  const raw = s.slice(from, to);
  if (!/[&\s]/.test(raw)) return contactTargetIn(raw, (d) => from + d);
  // The decoded target and, per decoded unit, its original offset. Bounded by the callers (≤ 4 KB).
  let dec = '';
  const offs: number[] = [];
  let i = from;
  while (i < to && /\s/.test(s[i] as string)) i++;
  while (i < to) {
    const c = s.charCodeAt(i);
    if (c === 0x26 && decodeEntities) {
      const ent = decodeEntityAt(s, i, to);
      if (ent) {
        for (let k = 0; k < ent.value.length; k++) {
          const v = ent.value[k] as string;
          if (v === '\t' || v === '\n' || v === '\r') continue;
          dec += v;
          offs.push(i);
        }
        i = ent.end;
        continue;
      }
    }
    if (c !== 0x09 && c !== 0x0a && c !== 0x0d) {
      dec += s[i] as string;
      offs.push(i);
    }
    i++;
  }
  let end = dec.length;
  while (end > 0 && dec[end - 1] === ' ') end--;
  dec = dec.slice(0, end);
  return contactTargetIn(dec, (d) => (d < dec.length ? (offs[d] as number) : d === 0 ? from : (offs[d - 1] as number) + 1));
}

/** contactTarget on a decoded target; `orig` maps an index in it to the original offset. */
function contactTargetIn(dec: string, orig: (d: number) => number): ContactTarget | null {
  // Every chat link pattern starts with one of these letters (t.me, telegram.me, signal.me, wa.me,
  // api.whatsapp.com, viber:, whatsapp:, tg:, skype:, or http(s)://): one test rules them all out
  // for mailto:/tel: links.
  for (const re of /^[ahstvw]/i.test(dec) ? CHAT_LINKS : []) {
    const m = re.exec(dec);
    if (!m) continue;
    const start = m[0].length;
    const stop = CHAT_NUMBER_END.exec(dec.slice(start));
    const e = stop ? start + stop.index : dec.length;
    if (e <= start) return null;
    const plus = dec[start] !== '+' && !/^%2b/i.test(dec.slice(start, start + 3));
    return { from: orig(start), to: orig(e), plus, query: dec[start - 1] === '=' };
  }
  const range = linkTargetRange(dec);
  if (!range || range[1] <= range[0]) return null;
  return { from: orig(range[0]), to: orig(range[1]), plus: false, query: dec[range[0] - 1] === '=' };
}

/*
 * A contact link starting at a given index (sticky): a URL scheme, or a chat host written without
 * one (wa.me/, t.me/, telegram.me/, signal.me/, api.whatsapp.com/). Literal alternatives anchored at
 * one index: constant time per test.
 */
const BARE_LINK_AT = /(?:https?|mailto|tel|callto|sms|smsto|facetime|facetime-audio|viber|whatsapp|tg|skype):|(?:www\.)?(?:wa|t|telegram|signal)\.me\/|(?:api|web)\.whatsapp\.com\//iy;
// What may not stand right before a link start ("xhttp:", "abc.t.me/", "svn+ssh://" are not links).
const BEFORE_LINK = /[A-Za-z0-9+.-]/;
// A bare link is at most this long (longer ones are cut here).
const BARE_LINK_MAX = 2048;
// Where a bare link ends: whitespace, a quote, an angle bracket or a backtick.
const LINK_END = /[\s<>"'`]/;
// Punctuation that may open a token before a link ("(see wa.me/…", "<https://…").
const LINK_LEAD = /[([{<*_~]/;
// Trailing punctuation that ends a sentence rather than a link ("see wa.me/+1….").
const LINK_TRAIL = /[.,;:!?)\]}*_~'"]/;

/**
 * Contact links written as text (`https://t.me/+14155550134`, `mailto:jane%40example.com`,
 * `https://example.org/contact?phone=415%20555%200134`): a reader who follows them reaches the
 * number or address, so the address is appended like a link target. The starts are found once per
 * view; each visible range then looks its starts up by binary search, so hidden ranges parsed
 * again cost no rescan.
 */
class BareLinks {
  private readonly starts: number[] = [];

  /**
   * The starts are found from two single-unit markers searched with indexOf (vectorised; an
   * ordinary post costs two searches): each "/" that ends "://" (the scheme is the letters right
   * before), ".me/" or "whatsapp.com/" (the host right before); and each "%" (a percent-escape:
   * the token around it, each token read once).
   */
  constructor(private readonly s: string) {
    for (let i = s.indexOf('/'); i >= 0; i = s.indexOf('/', i + 1)) {
      // Most slashes end nothing of interest ("</p>", "and/or", "1/2"): one unit decides.
      const prev = s.charCodeAt(i - 1) | 0x20;
      if (prev !== 0x3a /* : */ && prev !== 0x65 /* e */ && prev !== 0x6d /* m */) continue;
      if (prev === 0x3a && s.charCodeAt(i + 1) === 0x2f) {
        // "scheme://"
        let p = i - 1;
        while (p > 0 && i - p < 16 && isAsciiLetter(s.charCodeAt(p - 1))) p--;
        this.linkAt(p);
        i++;
      } else if (endsWithAscii(s, i, '.me') || endsWithAscii(s, i, 'whatsapp.com')) {
        // "t.me/", "www.t.me/", "api.whatsapp.com/": the host starts at the first letter that matches.
        let p = i;
        while (p > 0 && i - p < 24 && (isAsciiLetter(s.charCodeAt(p - 1)) || s.charCodeAt(p - 1) === 0x2e)) p--;
        for (let q = p; q < i && !this.linkAt(q); q++);
      }
    }
    // Tokens holding a percent-escape: each unit is read at most twice (back to the token start,
    // then on to its end), as the next search starts after the token.
    let tokenEnd = 0;
    for (let i = s.indexOf('%'); i >= 0; i = s.indexOf('%', Math.max(i + 1, tokenEnd))) {
      let p = i;
      while (p > tokenEnd && i - p < BARE_LINK_MAX && !LINK_END.test(s[p - 1] as string)) p--;
      let e = i + 1;
      while (e < s.length && e - i < BARE_LINK_MAX && !LINK_END.test(s[e] as string)) e++;
      tokenEnd = e;
      while (p < i && LINK_LEAD.test(s[p] as string)) p++;
      this.linkAt(p);
    }
    const found = this.starts;
    if (found.length < 2) return;
    // In order and once each ("https://t.me/" is found from "://" and from ".me/").
    found.sort((x, y) => x - y);
    let n = 1;
    for (let k = 1; k < found.length; k++) if (found[k] !== found[n - 1]) found[n++] = found[k] as number;
    found.length = n;
  }

  /** Records a link start at p when one is there. */
  private linkAt(p: number): boolean {
    const s = this.s;
    if (p > 0 && BEFORE_LINK.test(s[p - 1] as string)) return false;
    BARE_LINK_AT.lastIndex = p;
    if (!BARE_LINK_AT.test(s)) return false;
    this.starts.push(p);
    return true;
  }

  /** Appends to `out` the contact targets of the links that start in the visible text s[from, to). */
  scan(from: number, to: number, anchor: number, out: Pending[]): void {
    const starts = this.starts;
    if (starts.length === 0 || to <= from) return;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((starts[mid] as number) < from) lo = mid + 1;
      else hi = mid;
    }
    const s = this.s;
    // Links do not overlap: a start inside the last link read ("https://wa.me/…") is skipped.
    let last = from;
    for (let k = lo; k < starts.length && (starts[k] as number) < to; k++) {
      const start = starts[k] as number;
      if (start < last) continue;
      let end = start;
      const max = Math.min(to, start + BARE_LINK_MAX);
      while (end < max && !LINK_END.test(s[end] as string)) end++;
      last = end;
      while (end > start && LINK_TRAIL.test(s[end - 1] as string)) end--;
      const raw = s.slice(start, end);
      // mailto:, tel: and WhatsApp links without escapes read as they are written: the visible text
      // has them already (the phone detector knows "wa.me/").
      if (!/[%&]/.test(raw) && (CONTACT_SCHEME.test(raw) || (WHATSAPP_URL.test(raw) && raw.indexOf('+') < 0))) continue;
      const t = contactTarget(s, start, end, true);
      if (t) out.push({ from: t.from, to: t.to, anchor, kind: 'target', plus: t.plus, query: t.query });
    }
  }
}

interface Pending {
  /** Original range of the segment's text. */
  from: number;
  to: number;
  /** Index in the visible text where it stands. */
  anchor: number;
  kind: 'target' | 'title' | 'hidden-html' | 'hidden-bbcode' | 'hidden-markdown' | 'comment';
  plus?: boolean;
  query?: boolean;
}

/**
 * Appends a link target with percent-escapes decoded ("%40" is "@", "%2B" is "+"). In a query value
 * ("?phone=415+555+0134") a "+" between two digits is a space, as a form submission decodes it; a
 * leading "+" stays a plus (readers take "?phone=+44…" as international).
 */
function appendTarget(b: ViewBuilder, s: string, t: Pending): void {
  b.segment(t.from, t.anchor, () => {
    if (t.plus) b.push('+', t.from, t.from);
    let run = t.from;
    const re = t.query ? /[%+]/g : /%/g;
    re.lastIndex = t.from;
    for (let m = re.exec(s); m && m.index < t.to; m = re.exec(s)) {
      const i = m.index;
      if (s.charCodeAt(i) === 0x2b) {
        if (i > t.from && i + 1 < t.to && isDigitUnit(s.charCodeAt(i - 1)) && isDigitUnit(s.charCodeAt(i + 1))) {
          b.fold(run, i, true);
          b.push(' ', i, i + 1);
          run = i + 1;
        }
        continue;
      }
      if (i + 2 >= t.to) break;
      const hex = s.slice(i + 1, i + 3);
      const code = /^[0-9A-Fa-f]{2}$/.test(hex) ? parseInt(hex, 16) : -1;
      if (code >= 0x20 && code < 0x7f) {
        b.fold(run, i, true);
        b.push(String.fromCharCode(code), i, i + 3);
        run = i + 3;
        re.lastIndex = i + 3;
      }
    }
    b.fold(run, t.to, true);
  });
}

function isDigitUnit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/* ------------------------------------------------------------------------------------------------
 * Hidden text: markup that keeps text from a reader. Such text is not part of the visible text (so
 * it cannot split a value a reader sees as one) and is scanned as its own segment.
 * --------------------------------------------------------------------------------------------- */

const HIDING_CLASSES = new Set(['hidden', 'd-none', 'invisible', 'sr-only', 'visually-hidden', 'screen-reader-text', 'hide']);

/** A CSS value without a trailing "!important". */
function stripImportant(v: string): string {
  return v.endsWith('!important') ? v.slice(0, -10).trimEnd() : v;
}

/** Whether a CSS colour is white, near white or transparent (unreadable on a light page). */
export function invisibleColor(value: string): boolean {
  const v = stripImportant(value.trim().toLowerCase());
  if (v === 'white' || v === 'transparent' || v === 'snow' || v === 'ghostwhite' || v === 'whitesmoke' || v === 'ivory') return true;
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{4}|[0-9a-f]{6}|[0-9a-f]{8})$/.exec(v);
  if (hex) {
    const h = hex[1] as string;
    const full = h.length <= 4 ? h.split('').map((c) => c + c).join('') : h;
    const [r, g, b, a] = [0, 2, 4, 6].map((k) => (k < full.length ? parseInt(full.slice(k, k + 2), 16) : 255));
    return (a as number) < 16 || ((r as number) >= 0xf0 && (g as number) >= 0xf0 && (b as number) >= 0xf0);
  }
  const fn = /^(rgba?|hsla?)\(([^)]{0,64})\)$/.exec(v);
  if (fn) {
    const parts = (fn[2] as string).split(/[\s,/]+/).filter(Boolean).map((p) => parseFloat(p));
    const alpha = parts.length >= 4 ? (parts[3] as number) : 1;
    if (alpha <= 0.05) return true;
    if ((fn[1] as string).startsWith('rgb')) return parts.slice(0, 3).every((p) => p >= 240);
    return parts.length >= 3 && (parts[2] as number) >= 96;
  }
  return false;
}

/** CSS length: zero, or tiny (≤ 2px/pt), as a number of px-ish units; NaN when not a length. */
function cssSize(value: string): number {
  const m = /^(-?\d{0,8}(?:\.\d{1,8})?)(px|pt|em|rem|%|vw|vh|ex|ch)?$/.exec(stripImportant(value.trim().toLowerCase()));
  if (!m || m[1] === '' || m[1] === '-') return NaN;
  const n = parseFloat(m[1] as string);
  const unit = m[2] ?? 'px';
  return unit === 'em' || unit === 'rem' ? n * 16 : unit === '%' ? n * 0.16 : n;
}

/** Whether an inline style keeps the element's text from a reader. */
export function hidingStyle(style: string): boolean {
  const decl = new Map<string, string>();
  for (const part of style.split(';')) {
    const colon = part.indexOf(':');
    if (colon > 0) decl.set(part.slice(0, colon).trim().toLowerCase(), part.slice(colon + 1).trim().toLowerCase());
  }
  const get = (k: string) => stripImportant(decl.get(k) ?? '');
  if (get('display') === 'none') return true;
  if (get('visibility') === 'hidden' || get('visibility') === 'collapse') return true;
  if (decl.has('font-size') && cssSize(get('font-size')) <= 2) return true;
  if (decl.has('opacity') && parseFloat(get('opacity')) <= 0.05) return true;
  if (decl.has('color') && invisibleColor(get('color'))) return true;
  if (/^scale\(\s{0,4}0(?:\.0{1,8})?\s{0,4}\)$/.test(get('transform'))) return true;
  const indent = cssSize(get('text-indent'));
  if (indent <= -500) return true;
  const pos = get('position');
  if ((pos === 'absolute' || pos === 'fixed') && (cssSize(get('left')) <= -500 || cssSize(get('top')) <= -500)) return true;
  const overflow = get('overflow');
  if (overflow === 'hidden' || overflow === 'clip') {
    for (const k of ['height', 'width', 'max-height', 'max-width']) if (decl.has(k) && cssSize(get(k)) <= 1) return true;
  }
  if (/^rect\(\s{0,4}0/.test(get('clip')) || /^(?:inset\(\s{0,4}50%|circle\(\s{0,4}0)/.test(get('clip-path'))) return true;
  return false;
}

/**
 * Open-element stack with the depth where hidden content started. Bounded: at most 256 open
 * elements are tracked and a closing tag looks at the top 64 only, so each tag costs O(1).
 */
class Visibility {
  private stack: string[] = [];
  private hiddenDepth = -1;
  /** Original offset where the current hidden region started (its opening tag). */
  hiddenStart = -1;
  contentStart = -1;

  get hidden(): boolean {
    return this.hiddenDepth >= 0;
  }

  /** An opening tag; returns true when it starts hidden content. */
  open(name: string, hides: boolean, start: number, end: number): boolean {
    if (this.stack.length >= 256) return false;
    this.stack.push(name);
    if (hides && this.hiddenDepth < 0) {
      this.hiddenDepth = this.stack.length - 1;
      this.hiddenStart = start;
      this.contentStart = end;
      return true;
    }
    return false;
  }

  /** A closing tag; returns true when it ends hidden content. */
  close(name: string): boolean {
    const floor = Math.max(0, this.stack.length - 64);
    for (let k = this.stack.length - 1; k >= floor; k--) {
      if (this.stack[k] !== name) continue;
      this.stack.length = k;
      if (this.hiddenDepth >= k) {
        this.hiddenDepth = -1;
        return true;
      }
      return false;
    }
    return false;
  }
}

/* ------------------------------------------------------------------------------------------------
 * HTML
 * --------------------------------------------------------------------------------------------- */

// HTML elements whose tags end a line of visible text.
const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
  'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot',
  'th', 'thead', 'tr', 'ul', 'caption', 'option', 'textarea', 'legend',
]);
// Inline elements: removed without a separator.
const INLINE_TAGS = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'big', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i',
  'img', 'ins', 'kbd', 'label', 'mark', 'q', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub',
  'sup', 'time', 'tt', 'u', 'var', 'wbr', 'html', 'head', 'body', 'meta', 'link', 'title', 'col',
  'colgroup', 'input', 'button', 'select', 'source', 'picture', 'video', 'audio', 'iframe', 'embed',
  'object', 'param', 'track', 'map', 'area', 'svg', 'path', 'center', 'nobr', 'ruby', 'rt', 'rp',
]);
// Elements whose content is not visible text.
const RAW_TEXT_TAGS = new Set(['script', 'style', 'template', 'noscript', 'head', 'title']);
// Case-insensitive "</name" of each raw-text element, searched with a memo per element.
const RAW_TEXT_CLOSE: Record<string, RegExp> = {
  script: /<\/script/gi, style: /<\/style/gi, template: /<\/template/gi, noscript: /<\/noscript/gi, head: /<\/head/gi, title: /<\/title/gi,
};
// Elements without content (never on the open-element stack).
const VOID_TAGS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
// Attributes whose text a reader is shown (tooltips, image text, labels): scanned as segments.
const TEXT_ATTRS = new Set(['title', 'alt', 'aria-label', 'placeholder']);
// Attributes whose value a click follows, per element: a mailto:/tel:/chat link there reveals the
// address like a link does ("<form action="mailto:…">", "<button formaction="tel:…">").
function isLinkAttr(tag: string, attr: string): boolean {
  if (attr === 'href') return tag === 'a' || tag === 'area';
  if (attr === 'action') return tag === 'form';
  return attr === 'formaction' && (tag === 'button' || tag === 'input');
}

interface Attr {
  name: string;
  /** Original range of the value (without quotes). */
  start: number;
  end: number;
}

interface Tag {
  name: string;
  closing: boolean;
  selfClosing: boolean;
  end: number; // index after '>'
  attrs: Attr[];
}

// Tag name after '<' or '</': a letter then letters, digits or '-', at most 32 units.
const TAG_NAME = /^[A-Za-z][A-Za-z0-9-]{0,31}/;
// One attribute (sticky, from the end of the previous one). Bounded quantifiers; each match
// consumes at least one unit, so the attributes of a tag are read in time linear in its length.
const ATTR = /([^\s"'>/=]{1,64})(?:\s{0,16}=\s{0,16}(?:"([^"]{0,4096})"|'([^']{0,4096})'|([^\s"'=<>`]{1,4096})))?/y;
// An element with an unknown name must be short and on one line to count as a tag.
const UNKNOWN_TAG_MAX = 256;
/*
 * "<at>", "<dot>", "<punkt>"…: the at/dot words of rules/email-obfuscated.json in angle brackets are
 * an obfuscated address a reader decodes (and that the email detector reads), not elements.
 */
const OBFUSCATION_WORDS = new Set(
  [obfRule.atWords, obfRule.dotWords].flatMap((byLang: Record<string, string[]>) => Object.values(byLang).flat()).map((w) => w.toLowerCase()),
);
const ATTRS_MAX = 4096;

/** Memoized searches a tag parser needs: next '>', next '<', next line break. */
interface TagSearch {
  gt: NextIndex;
  lt: NextIndex;
  nl: NextIndex;
}

function parseTag(s: string, i: number, q: TagSearch): Tag | null {
  // s[i] === '<'
  let j = i + 1;
  let closing = false;
  if (s[j] === '/') {
    closing = true;
    j++;
  }
  const m = TAG_NAME.exec(s.slice(j, j + 33));
  if (!m) return null;
  const name = m[0].toLowerCase();
  const nameEnd = j + m[0].length;
  const after = s.charCodeAt(nameEnd);
  // The name must end at whitespace, '/', or '>'.
  if (!(after === 0x3e || after === 0x2f || after === 0x20 || after === 0x0a || after === 0x09 || after === 0x0d)) return null;
  const close = q.gt.from(nameEnd);
  if (close < 0) return null;
  const known = BLOCK_TAGS.has(name) || INLINE_TAGS.has(name) || RAW_TEXT_TAGS.has(name);
  if (!known) {
    if (OBFUSCATION_WORDS.has(name)) return null;
    // "<x>", "<foo-bar class=y>": an unknown element still hides its tags (a browser shows the text
    // between them). Kept short, on one line and without '<' so prose such as "a <b and c> d" in
    // a long paragraph is not swallowed.
    if (close - i > UNKNOWN_TAG_MAX) return null;
    const nextLt = q.lt.from(i + 1);
    if (nextLt >= 0 && nextLt < close) return null;
    const nl = q.nl.from(nameEnd);
    if (nl >= 0 && nl < close) return null;
  }
  const attrs: Attr[] = [];
  if (!closing && close - nameEnd <= ATTRS_MAX && close > nameEnd) {
    const src = s.slice(nameEnd, close);
    let at = 0;
    for (;;) {
      // Whitespace and stray '/' between attributes (at most 64, as a browser would not care).
      let skip = 0;
      while (at < src.length && skip < 64 && /[\s/]/.test(src[at] as string)) {
        at++;
        skip++;
      }
      if (at >= src.length) break;
      ATTR.lastIndex = at;
      const a = ATTR.exec(src);
      if (!a || a[0].length === 0) break;
      at = ATTR.lastIndex;
      const value = a[2] ?? a[3] ?? a[4];
      if (value === undefined) {
        attrs.push({ name: (a[1] as string).toLowerCase(), start: -1, end: -1 });
        continue;
      }
      const vEnd = nameEnd + ATTR.lastIndex - (a[4] === undefined ? 1 : 0);
      attrs.push({ name: (a[1] as string).toLowerCase(), start: vEnd - value.length, end: vEnd });
    }
  }
  const selfClosing = s.charCodeAt(close - 1) === 0x2f;
  return { name, closing, selfClosing, end: close + 1, attrs };
}

/** Whether an opening tag hides its content from a reader. */
function tagHides(s: string, tag: Tag): boolean {
  for (const a of tag.attrs) {
    if (a.name === 'hidden') return true;
    if (a.start < 0) continue;
    if (a.name === 'style' && hidingStyle(decodeAttr(s, a))) return true;
    if (a.name === 'class' && decodeAttr(s, a).toLowerCase().split(/\s+/).some((c) => HIDING_CLASSES.has(c))) return true;
    if (a.name === 'color' && tag.name === 'font' && invisibleColor(decodeAttr(s, a))) return true;
  }
  return false;
}

function decodeAttr(s: string, a: Attr): string {
  const raw = s.slice(a.start, a.end);
  if (raw.indexOf('&') < 0) return raw;
  let out = '';
  let i = a.start;
  while (i < a.end) {
    if (s.charCodeAt(i) === 0x26) {
      const ent = decodeEntityAt(s, i, a.end);
      if (ent) {
        out += ent.value;
        i = ent.end;
        continue;
      }
    }
    out += s[i] as string;
    i++;
  }
  return out;
}

/**
 * The HTML tag state shared by the HTML and markdown parsers: open elements and hidden content,
 * link targets and reader-facing attribute text to append, and hidden ranges.
 */
class Markup implements TagSearch {
  readonly vis = new Visibility();
  readonly pending: Pending[] = [];
  readonly hidden: HiddenRange[] = [];
  readonly gt: NextIndex;
  readonly lt: NextIndex;
  readonly nl: NextIndex;
  private readonly rawClose = new Map<string, NextMatch>();

  constructor(
    private readonly b: ViewBuilder,
    private readonly s: string,
    /** While appending hidden content: hiding markup is not tracked again. */
    private readonly inHidden: boolean,
    private readonly hiddenKind: Pending['kind'],
    /** Contact links written as text, shared by the parses of one view. */
    readonly links: BareLinks,
  ) {
    this.gt = new NextIndex(s, '>');
    this.lt = new NextIndex(s, '<');
    this.nl = new NextIndex(s, '\n');
  }

  get hiddenNow(): boolean {
    return this.vis.hidden;
  }

  /** Index of the next "</name" (any case) at or after i, or -1. */
  rawTextClose(name: string, i: number): number {
    let m = this.rawClose.get(name);
    if (!m) {
      m = new NextMatch(this.s, RAW_TEXT_CLOSE[name] as RegExp);
      this.rawClose.set(name, m);
    }
    return m.from(i);
  }

  /** Handles a parsed tag at s[i]: link targets, attribute text, hidden content, the stack. */
  tag(tag: Tag, i: number): void {
    const s = this.s;
    if (tag.closing) {
      if (this.vis.close(tag.name) && !this.inHidden) this.endHidden(i, tag.end);
      return;
    }
    if (!this.vis.hidden) {
      for (const a of tag.attrs) {
        if (a.start < 0 || a.end <= a.start) continue;
        if (isLinkAttr(tag.name, a.name)) {
          const t = contactTarget(s, a.start, a.end, true);
          if (t) this.pending.push({ from: t.from, to: t.to, anchor: this.b.length, kind: 'target', plus: t.plus, query: t.query });
        } else if (TEXT_ATTRS.has(a.name)) {
          this.pending.push({ from: a.start, to: a.end, anchor: this.b.length, kind: 'title' });
        }
      }
    }
    if (VOID_TAGS.has(tag.name) || tag.selfClosing || RAW_TEXT_TAGS.has(tag.name)) return;
    const hides = !this.inHidden && tagHides(s, tag);
    this.vis.open(tag.name, hides, i, tag.end);
  }

  private endHidden(closeStart: number, closeEnd: number): void {
    const from = this.vis.hiddenStart;
    this.hidden.push({ start: from, end: closeEnd, styled: true });
    this.pending.push({ from: this.vis.contentStart, to: closeStart, anchor: this.b.length, kind: this.hiddenKind });
  }

  /** Ends an unclosed hidden region at the end of the input. */
  finish(to: number): void {
    if (this.vis.hidden && !this.inHidden) {
      this.hidden.push({ start: this.vis.hiddenStart, end: to, styled: true });
      this.pending.push({ from: this.vis.contentStart, to, anchor: this.b.length, kind: this.hiddenKind });
    }
  }

  /** A comment at [start, end) with content [cFrom, cTo): not visible, scanned as a segment. */
  comment(start: number, end: number, cFrom: number, cTo: number): void {
    if (this.inHidden || this.vis.hidden) return;
    this.hidden.push({ start, end, styled: false });
    if (cTo > cFrom) this.pending.push({ from: cFrom, to: cTo, anchor: this.b.length, kind: 'comment' });
  }
}

/** How many more segments a view may append; `dropped` once one was left out. */
interface SegmentBudget {
  left: number;
  dropped: boolean;
}

/**
 * Appends what a parser collected. Text segments first (link titles, comments, hidden text: text
 * a reader could be shown or that the page source publishes, read like visible text), each after a
 * blank line; then, from `linkTargetsStart` on, the link targets. `parseHidden` parses a hidden
 * range into the builder and returns what it collected in turn (targets, titles).
 */
function appendPending(b: ViewBuilder, s: string, pending: readonly Pending[], budget: SegmentBudget, parseHidden: (p: Pending) => Pending[]): void {
  const queue = pending.filter((p) => p.kind !== 'target');
  const targets = pending.filter((p) => p.kind === 'target');
  const spend = (): boolean => {
    if (budget.left <= 0) {
      budget.dropped = true;
      return false;
    }
    budget.left--;
    return true;
  };
  for (let k = 0; k < queue.length && spend(); k++) {
    const p = queue[k] as Pending;
    b.push('\n', p.from, p.from);
    b.push('\n', p.from, p.from);
    if (p.kind === 'title') b.fold(p.from, p.to, true);
    else if (p.kind === 'comment') b.fold(p.from, p.to, false);
    else for (const q of parseHidden(p)) (q.kind === 'target' ? targets : queue).push(q);
  }
  for (const t of targets) {
    if (!spend()) break;
    appendTarget(b, s, t);
  }
}

export function htmlView(text: string, maxSegments = Infinity): TextView {
  const budget: SegmentBudget = { left: maxSegments, dropped: false };
  const b = new ViewBuilder(text);
  const links = new BareLinks(text);
  const mk = new Markup(b, text, false, 'hidden-html', links);
  htmlInto(b, text, 0, text.length, mk);
  // Hidden content is parsed as HTML (tags dropped) without tracking hiding again.
  appendPending(b, text, mk.pending, budget, (p) => {
    const inner = new Markup(b, text, true, 'hidden-html', links);
    htmlInto(b, text, p.from, p.to, inner);
    return inner.pending;
  });
  return b.build(mk.hidden, budget.dropped);
}

/** Parses HTML in text[from, to) into the builder. */
function htmlInto(b: ViewBuilder, s: string, from: number, to: number, mk: Markup): void {
  const commentEnd = new NextIndex(s, '-->');
  let i = from;
  let runStart = from;
  // Inside <pre> (and <textarea>) source line breaks are visible line breaks.
  let pre = 0;
  const emit = (end: number) => {
    if (end > runStart && !mk.hiddenNow) {
      mk.links.scan(runStart, end, b.length, mk.pending);
      b.fold(runStart, end, true, pre === 0);
    }
  };
  while (i < to) {
    const lt = mk.lt.from(i);
    if (lt < 0 || lt >= to) break;
    i = lt;
    // Comments and doctypes.
    if (s.startsWith('<!--', i)) {
      const e = commentEnd.from(i + 4);
      emit(i);
      const stop = e < 0 || e + 3 > to ? to : e + 3;
      mk.comment(i, stop, i + 4, e < 0 || e + 3 > to ? to : e);
      i = stop;
      runStart = i;
      continue;
    }
    if (s.startsWith('<!', i) || s.startsWith('<?', i)) {
      const e = mk.gt.from(i);
      if (e >= 0 && e < to) {
        emit(i);
        i = e + 1;
        runStart = i;
        continue;
      }
    }
    const tag = parseTag(s, i, mk);
    if (!tag || tag.end > to) {
      i++;
      continue;
    }
    emit(i);
    const wasHidden = mk.hiddenNow;
    mk.tag(tag, i);
    if (!wasHidden && BLOCK_TAGS.has(tag.name)) {
      // A <br> inside a digit run ("415<br>555<br>0134") reads as one number: a space, not a line.
      const digitBreak = tag.name === 'br' && /\d/.test(b.last()) && /\d/.test(s[tag.end] ?? '');
      b.separator(i, tag.end, digitBreak ? ' ' : '\n');
    }
    if (tag.name === 'pre' || tag.name === 'textarea') pre = Math.max(0, pre + (tag.closing ? -1 : 1));
    i = tag.end;
    if (!tag.closing && !tag.selfClosing && RAW_TEXT_TAGS.has(tag.name)) {
      // Skip to the matching close tag: one memoized case-insensitive search per element name.
      const close = mk.rawTextClose(tag.name, i);
      i = close < 0 || close >= to ? to : close;
      const e = mk.gt.from(i);
      i = e < 0 || e >= to ? to : e + 1;
    }
    runStart = i;
  }
  emit(to);
  mk.finish(to);
}

/* ------------------------------------------------------------------------------------------------
 * BBCode
 * --------------------------------------------------------------------------------------------- */

// Known BBCode tags; anything else in brackets (e.g. "[at]", "[dot]") is text.
const BB_BLOCK = new Set(['quote', 'code', 'list', '*', 'li', 'ul', 'ol', 'table', 'tr', 'td', 'th', 'hr', 'br', 'center', 'left', 'right', 'justify', 'spoiler', 'h1', 'h2', 'h3', 'h4', 'indent', 'pre', 'php', 'html', 'noparse', 'img', 'youtube', 'video', 'media', 'attach', 'heading']);
const BB_INLINE = new Set(['b', 'i', 'u', 's', 'url', 'email', 'size', 'color', 'colour', 'font', 'sub', 'sup', 'strike', 'tt', 'highlight', 'mention', 'user', 'icode', 'abbr', 'acronym', 'align', 'plain']);
// Tags whose "=value" a reader is shown: a quote's attribution ("Jane wrote:"), a spoiler's title,
// an abbreviation's tooltip.
const BB_SHOWN_VALUE = new Set(['quote', 'spoiler', 'abbr', 'acronym']);
// Named attributes a reader is shown, in any tag ("[quote name=…]", "[quote author=…]", "[img alt=…]").
const BB_SHOWN_ATTRS = new Set(['name', 'author', 'alt', 'title']);

/** Index of `unit` in s[from, to), or -1 (never reads past `to`). */
function indexIn(s: string, unit: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (s[i] === unit) return i;
  return -1;
}

/**
 * The ranges of a tag's value s[v0, v1) that a reader is shown: for "[quote=…]" (and the other
 * BB_SHOWN_VALUE tags) the value, without quotes, up to its closing quote ("[quote="Jane, 415…"
 * post_id=5]"); for "[tag name=value …]" the values of BB_SHOWN_ATTRS.
 */
function bbShownRanges(name: string, s: string, sep: number, v0: number, v1: number): [number, number][] {
  const out: [number, number][] = [];
  if (sep === 0x3d /* = */) {
    if (!BB_SHOWN_VALUE.has(name)) return out;
    const q = s[v0];
    if (q === '"' || q === "'") {
      const e = indexIn(s, q, v0 + 1, v1);
      if (e > v0 + 1) out.push([v0 + 1, e]);
      else if (e < 0 && v1 > v0 + 1) out.push([v0 + 1, v1]);
    } else if (v1 > v0) out.push([v0, v1]);
    return out;
  }
  // "name=value" pairs, value quoted or up to the next blank; read unit by unit, each unit once.
  let at = v0;
  while (at < v1) {
    while (at < v1 && (s.charCodeAt(at) === 0x20 || s.charCodeAt(at) === 0x09)) at++;
    const nameStart = at;
    while (at < v1 && at - nameStart < 32 && /[A-Za-z_-]/.test(s[at] as string)) at++;
    if (at === nameStart || s.charCodeAt(at) !== 0x3d /* = */) {
      // Not a pair: skip to the next blank.
      while (at < v1 && s.charCodeAt(at) !== 0x20 && s.charCodeAt(at) !== 0x09) at++;
      continue;
    }
    const key = s.slice(nameStart, at).toLowerCase();
    at++;
    const q = s[at];
    let a0 = at;
    let a1: number;
    if (q === '"' || q === "'") {
      a0 = at + 1;
      const e = indexIn(s, q, a0, v1);
      a1 = e < 0 ? v1 : e;
      at = Math.min(v1, a1 + 1);
    } else {
      while (at < v1 && s.charCodeAt(at) !== 0x20 && s.charCodeAt(at) !== 0x09) at++;
      a1 = at;
    }
    if (a1 > a0 && BB_SHOWN_ATTRS.has(key)) out.push([a0, a1]);
  }
  return out;
}
// BBCode tags without a closing tag.
const BB_VOID = new Set(['*', 'hr', 'br']);
// "[name" or "[/name": name ≤ 12 units.
const BB_NAME = /^\[(\/?)([A-Za-z*][A-Za-z0-9]{0,11})/;
// A tag's "=value" or " value" is at most 512 units, without a newline.
const BB_VALUE_MAX = 512;

/** Whether a BBCode tag hides its content: [color=white], [size=0]. */
function bbHides(name: string, value: string | undefined): boolean {
  if (value === undefined) return false;
  const v = value.replace(/^["']|["']$/g, '');
  if (name === 'color' || name === 'colour' || name === 'highlight') return name !== 'highlight' && invisibleColor(v);
  if (name === 'size') return cssSize(v) <= 0;
  return false;
}

export function bbcodeView(text: string, maxSegments = Infinity): TextView {
  const budget: SegmentBudget = { left: maxSegments, dropped: false };
  const b = new ViewBuilder(text);
  const links = new BareLinks(text);
  const st: BbState = { pending: [], hidden: [], vis: new Visibility(), inHidden: false, links };
  bbcodeInto(b, text, 0, text.length, st);
  appendPending(b, text, st.pending, budget, (p) => {
    const inner: BbState = { pending: [], hidden: [], vis: new Visibility(), inHidden: true, links };
    bbcodeInto(b, text, p.from, p.to, inner);
    return inner.pending;
  });
  return b.build(st.hidden, budget.dropped);
}

interface BbState {
  pending: Pending[];
  hidden: HiddenRange[];
  vis: Visibility;
  inHidden: boolean;
  links: BareLinks;
}

function bbcodeInto(b: ViewBuilder, text: string, from: number, to: number, st: BbState): void {
  const rb = new NextIndex(text, ']');
  const nl = new NextIndex(text, '\n');
  const lb = new NextIndex(text, '[');
  let i = from;
  let runStart = from;
  const emit = (end: number) => {
    if (end > runStart && !st.vis.hidden) {
      st.links.scan(runStart, end, b.length, st.pending);
      b.fold(runStart, end, true);
    }
  };
  // "[email]x@y[/email]" and "[url]…[/url]" contents are visible text already; only "=value" targets are extra.
  while (i < to) {
    const open = lb.from(i);
    if (open < 0 || open >= to) break;
    i = open;
    const m = BB_NAME.exec(text.slice(i, i + 14));
    if (!m) {
      i++;
      continue;
    }
    const name = (m[2] as string).toLowerCase();
    if (!BB_BLOCK.has(name) && !BB_INLINE.has(name)) {
      i++;
      continue;
    }
    // The tag ends at the next ']' (memoized): "[b]", "[/b]", "[url=value]", "[quote name]".
    const nameEnd = i + m[0].length;
    const close = rb.from(nameEnd);
    if (close < 0 || close >= to) {
      i++;
      continue;
    }
    const sep = text.charCodeAt(nameEnd);
    let value: string | undefined;
    let vStart = -1;
    if (close !== nameEnd) {
      const lineEnd = nl.from(nameEnd);
      if ((sep !== 0x3d /* = */ && sep !== 0x20) || close - nameEnd - 1 > BB_VALUE_MAX || (lineEnd >= 0 && lineEnd < close)) {
        i++;
        continue;
      }
      vStart = nameEnd + 1;
      value = text.slice(vStart, close);
    }
    const end = close + 1;
    emit(i);
    const closing = m[1] === '/';
    if (closing) {
      if (st.vis.close(name) && !st.inHidden) {
        st.hidden.push({ start: st.vis.hiddenStart, end, styled: true });
        st.pending.push({ from: st.vis.contentStart, to: i, anchor: b.length, kind: 'hidden-bbcode' });
      }
    } else {
      if (!st.vis.hidden && value !== undefined) {
        for (const [a0, a1] of bbShownRanges(name, text, sep, vStart, close)) st.pending.push({ from: a0, to: a1, anchor: b.length, kind: 'title' });
      }
      if (!st.vis.hidden && value !== undefined && (name === 'url' || name === 'email')) {
        let v0 = vStart;
        let v1 = close;
        const q = text[v0];
        if ((q === '"' || q === "'") && v1 - v0 >= 2 && text[v1 - 1] === q) {
          v0++;
          v1--;
        }
        if (name === 'email') {
          const qm = text.indexOf('?', v0);
          st.pending.push({ from: v0, to: qm >= 0 && qm < v1 ? qm : v1, anchor: b.length, kind: 'target' });
        } else {
          const t = contactTarget(text, v0, v1, false);
          if (t) st.pending.push({ from: t.from, to: t.to, anchor: b.length, kind: 'target', plus: t.plus, query: t.query });
        }
      }
      if (!BB_VOID.has(name)) st.vis.open(name, !st.inHidden && bbHides(name, value), i, end);
    }
    if (!st.vis.hidden && BB_BLOCK.has(name)) b.separator(i, end);
    i = end;
    runStart = i;
  }
  emit(to);
  if (st.vis.hidden && !st.inHidden) {
    st.hidden.push({ start: st.vis.hiddenStart, end: to, styled: true });
    st.pending.push({ from: st.vis.contentStart, to, anchor: b.length, kind: 'hidden-bbcode' });
  }
}

/* ------------------------------------------------------------------------------------------------
 * Markdown
 * --------------------------------------------------------------------------------------------- */

// Markdown autolink: "<scheme:…>" or "<local@domain>", no spaces, ≤ 512 units.
const MD_AUTOLINK = /^<((?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]{1,512})|(?:[^\s<>@]{1,128}@[^\s<>@]{1,255}))>/;
// After a link target: an optional title ("…", '…' or (…), ≤ 256 units, one line) and ")".
const MD_LINK_TAIL = /^>?(?:\s{1,4}(?:"([^"\n]{0,256})"|'([^'\n]{0,256})'|\(([^()\n]{0,256})\)))?\s{0,4}\)/;
// Where a link target ends: whitespace, ')' or '>'.
const MD_TARGET_END = /[\s)>]/g;

// The units where markdownView's loop can find markup: \ ] [ ! < * _ ~ `. One class: linear.
const MD_MARKUP_START = /[\\\][!<*_~`]/g;

/**
 * Markdown: link syntax `[text](target "title")` shows `text`, scans mailto:/tel:/chat targets and
 * the title; autolinks lose their brackets; emphasis markers at word edges, paired markers inside a
 * word (`415**555**0134` shows 4155550134) and backslash escapes are dropped; inline HTML is handled
 * like HTML (comments and hidden elements included); everything else (code blocks included) is
 * scanned as written.
 */
export function markdownView(text: string, maxSegments = Infinity): TextView {
  const budget: SegmentBudget = { left: maxSegments, dropped: false };
  const b = new ViewBuilder(text);
  const links = new BareLinks(text);
  const mk = new Markup(b, text, false, 'hidden-markdown', links);
  markdownInto(b, text, 0, text.length, mk);
  appendPending(b, text, mk.pending, budget, (p) => {
    const inner = new Markup(b, text, true, 'hidden-markdown', links);
    markdownInto(b, text, p.from, p.to, inner);
    return inner.pending;
  });
  return b.build(mk.hidden, budget.dropped);
}

/** Whether s[..end) ends with `lower` (ASCII, any case). */
function endsWithAscii(s: string, end: number, lower: string): boolean {
  const from = end - lower.length;
  if (from < 0) return false;
  for (let k = 0; k < lower.length; k++) if ((s.charCodeAt(from + k) | 0x20) !== lower.charCodeAt(k)) return false;
  return true;
}

function isAsciiLetter(c: number): boolean {
  return (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
}

/** Whether a unit is a letter or digit (ASCII first: no regex for the common case). */
function wordUnit(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a);
  return /[\p{L}\p{N}]/u.test(ch);
}

function markdownInto(b: ViewBuilder, text: string, from: number, to: number, mk: Markup): void {
  const n = to;
  const linkOpen = new NextIndex(text, '](');
  const lineEnd = new NextIndex(text, '\n');
  const commentEnd = new NextIndex(text, '-->');
  const targetEnd = new NextMatch(text, MD_TARGET_END);
  // Memoized "next run of the same marker" for markers inside a word, per marker string.
  const sameRun = new Map<string, NextIndex>();
  // Offset of the closing marker run paired with an opening one inside a word (dropped too).
  const pairedClose = new Set<number>();
  let i = from;
  let runStart = from;
  const flush = (end: number) => {
    if (end > runStart && !mk.hiddenNow) {
      mk.links.scan(runStart, end, b.length, mk.pending);
      b.fold(runStart, end, true);
    }
  };
  while (i < n) {
    // Only the units tested below start markup; the loop jumps from one to the next.
    MD_MARKUP_START.lastIndex = i;
    const next = MD_MARKUP_START.exec(text);
    if (next === null || next.index >= n) break;
    i = next.index;
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */ && i + 1 < n && /[!-/:-@[-`{-~]/.test(text[i + 1] as string)) {
      flush(i);
      if (!mk.hiddenNow) b.push(text[i + 1] as string, i, i + 2);
      i += 2;
      runStart = i;
      continue;
    }
    if (c === 0x5d /* ] */ && text.charCodeAt(i + 1) === 0x28 /* ( */) {
      // "](" + up to 4 spaces + optional "<" + target (to the next space, ')' or '>') + tail.
      let t0 = i + 2;
      while (t0 < n && t0 - i - 2 < 4 && (text[t0] === ' ' || text[t0] === '\t')) t0++;
      if (text[t0] === '<') t0++;
      const t1 = targetEnd.from(t0);
      if (t1 > t0 && t1 - t0 <= 512 && t1 < n) {
        // Nearly every link ends right after its target: no regex for that.
        const tail: readonly (string | undefined)[] | null = text.charCodeAt(t1) === 0x29 /* ) */ ? [')'] : MD_LINK_TAIL.exec(text.slice(t1, t1 + 270));
        if (tail) {
          flush(i);
          if (!mk.hiddenNow) {
            const t = contactTarget(text, t0, t1, true);
            if (t) mk.pending.push({ from: t.from, to: t.to, anchor: b.length, kind: 'target', plus: t.plus, query: t.query });
            const title = tail[1] ?? tail[2] ?? tail[3];
            if (title) {
              const tStart = t1 + (tail[0] as string).indexOf(title, 1);
              mk.pending.push({ from: tStart, to: tStart + title.length, anchor: b.length, kind: 'title' });
            }
          }
          i = t1 + (tail[0] as string).length;
          runStart = i;
          continue;
        }
      }
    }
    if (c === 0x5b /* [ */) {
      // Opening bracket of a link (or "![" of an image): drop it when a "](" follows on the same line.
      const close = linkOpen.from(i);
      const nl = lineEnd.from(i);
      if (close > i && close - i < 1024 && (nl < 0 || close < nl)) {
        flush(i);
        i += 1;
        runStart = i;
        continue;
      }
    }
    if (c === 0x21 /* ! */ && text.charCodeAt(i + 1) === 0x5b) {
      flush(i);
      i += 1;
      runStart = i;
      continue;
    }
    if (c === 0x3c /* < */) {
      if (text.startsWith('<!--', i)) {
        const e = commentEnd.from(i + 4);
        const stop = e < 0 || e + 3 > n ? n : e + 3;
        flush(i);
        mk.comment(i, stop, i + 4, e < 0 || e + 3 > n ? n : e);
        i = stop;
        runStart = i;
        continue;
      }
      const am = MD_AUTOLINK.exec(text.slice(i, i + 800));
      if (am) {
        flush(i);
        if (!mk.hiddenNow) {
          const inner = am[1] as string;
          const scheme = /^(mailto|tel|callto|sms):/i.exec(inner);
          const innerStart = i + 1 + (scheme ? scheme[0].length : 0);
          b.separator(i, i + 1, ' ');
          mk.links.scan(i + 1, i + 1 + inner.length, b.length, mk.pending);
          b.fold(innerStart, i + 1 + inner.length, true);
          b.separator(i + am[0].length - 1, i + am[0].length, ' ');
        }
        i += am[0].length;
        runStart = i;
        continue;
      }
      const tag = parseTag(text, i, mk);
      if (tag && tag.end <= n) {
        flush(i);
        const wasHidden = mk.hiddenNow;
        mk.tag(tag, i);
        if (!wasHidden && BLOCK_TAGS.has(tag.name)) {
          const digitBreak = tag.name === 'br' && /\d/.test(b.last()) && /\d/.test(text[tag.end] ?? '');
          b.separator(i, tag.end, digitBreak ? ' ' : '\n');
        }
        i = tag.end;
        runStart = i;
        continue;
      }
    }
    if (c === 0x2a /* * */ || c === 0x5f /* _ */ || c === 0x7e /* ~ */ || c === 0x60 /* ` */) {
      // A run of emphasis/code markers at a word edge is markup: "**bold**", "_it_", "`code`", "~~s~~".
      let j = i;
      while (j < n && j - i < 3 && text.charCodeAt(j) === c) j++;
      const before = i > 0 ? (text[i - 1] as string) : ' ';
      const after = j < n ? (text[j] as string) : ' ';
      const wordBefore = wordUnit(before);
      const wordAfter = wordUnit(after);
      let markup = c === 0x60 || wordBefore !== wordAfter || (!wordBefore && !wordAfter) || pairedClose.has(i);
      if (!markup && (c === 0x2a || c === 0x7e) && (c === 0x2a || j - i === 2)) {
        // Inside a word, "*" and "~~" still emphasise when paired on the same line (CommonMark and
        // GFM): "415**555**0134" shows 4155550134. The closing run is dropped when reached.
        const run = text.slice(i, j);
        let memo = sameRun.get(run);
        if (!memo) {
          memo = new NextIndex(text, run);
          sameRun.set(run, memo);
        }
        const pair = memo.from(j);
        const nl = lineEnd.from(j);
        if (pair > j && pair < n && (nl < 0 || pair < nl) && text.charCodeAt(pair + run.length) !== c && wordUnit(text[pair - 1] as string)) {
          markup = true;
          pairedClose.add(pair);
        }
      }
      if (markup) {
        pairedClose.delete(i);
        flush(i);
        i = j;
        runStart = i;
        continue;
      }
      i = j;
      continue;
    }
    i++;
  }
  flush(n);
  mk.finish(n);
}
