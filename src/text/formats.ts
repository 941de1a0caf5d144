/**
 * Input formats → visible text with an exact offset map (see view.ts).
 *
 * All parsers here are single left-to-right passes with bounded look-ahead (memoized searches for
 * closing delimiters), so time is linear in the input whatever it holds: deeply nested tags,
 * 100,000 `<` in a row, unclosed comments.
 */
import type { Format } from '../types';
import { identityView, needsFolding, ViewBuilder, type TextView } from './view';

export function toView(text: string, format: Format = 'plain'): TextView {
  switch (format) {
    case 'plain':
      return plainView(text);
    case 'html':
      return htmlView(text);
    case 'markdown':
      return markdownView(text);
    case 'bbcode':
      return bbcodeView(text);
    default:
      throw new TypeError(`unknown format: ${String(format)}`);
  }
}

export function plainView(text: string): TextView {
  if (!needsFolding(text)) return identityView(text);
  const b = new ViewBuilder(text);
  b.fold(0, text.length, true);
  return b.build();
}

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

interface Tag {
  name: string;
  closing: boolean;
  end: number; // index after '>'
  hrefStart: number; // -1 when no link target of interest
  hrefEnd: number;
}

/** Memoized "next occurrence of ch at or after i" — keeps repeated searches linear. */
class NextIndex {
  private at = -2;
  constructor(private readonly s: string, private readonly ch: string) {}
  from(i: number): number {
    if (this.at !== -1 && this.at < i) this.at = this.s.indexOf(this.ch, i);
    return this.at;
  }
}

// Tag name after '<' or '</': a letter then letters/digits, at most 16 units.
const TAG_NAME = /^[A-Za-z][A-Za-z0-9]{0,15}/;
// href/src attribute with a mailto: or tel: target, quoted or not. Bounded: value ≤ 512 units.
const LINK_ATTR = /\bhref\s{0,4}=\s{0,4}(?:"([^"]{1,1024})"|'([^']{1,1024})'|([^\s>"']{1,1024}))/i;

/*
 * Link targets worth scanning, as [offset, end) inside the target: the address of mailto:, tel:,
 * callto: and sms: links (without the scheme and any "?query"), and whole WhatsApp chat links
 * (wa.me/<number>, api.whatsapp.com/send?phone=<number>) whose number the phone detector reads.
 * Anything else (ordinary web links) is not visible text and is not scanned.
 */
const CONTACT_SCHEME = /^(?:mailto|tel|callto|sms):/i;
const WHATSAPP_URL = /^(?:https?:\/\/)?(?:wa\.me|(?:api|web)\.whatsapp\.com)\//i;
export function linkTargetRange(value: string): [number, number] | null {
  const scheme = CONTACT_SCHEME.exec(value);
  if (scheme) {
    const q = value.indexOf('?');
    return [scheme[0].length, q >= 0 ? q : value.length];
  }
  if (WHATSAPP_URL.test(value)) return [0, value.length];
  return null;
}

function parseTag(s: string, i: number, gt: NextIndex): Tag | null {
  // s[i] === '<'
  let j = i + 1;
  let closing = false;
  if (s[j] === '/') {
    closing = true;
    j++;
  }
  const m = TAG_NAME.exec(s.slice(j, j + 17));
  if (!m) return null;
  const name = m[0].toLowerCase();
  if (!BLOCK_TAGS.has(name) && !INLINE_TAGS.has(name) && !RAW_TEXT_TAGS.has(name)) return null;
  const after = s.charCodeAt(j + m[0].length);
  // The name must end at whitespace, '/', or '>'.
  if (!(after === 0x3e || after === 0x2f || after === 0x20 || after === 0x0a || after === 0x09 || after === 0x0d)) return null;
  const close = gt.from(j);
  if (close < 0) return null;
  let hrefStart = -1;
  let hrefEnd = -1;
  if (!closing && name === 'a' && close - i < 4096) {
    const attrs = s.slice(i, close);
    const lm = LINK_ATTR.exec(attrs);
    const value = lm ? (lm[1] ?? lm[2] ?? lm[3] ?? '') : '';
    const range = lm ? linkTargetRange(value) : null;
    if (lm && range) {
      const valueStart = i + lm.index + lm[0].lastIndexOf(value);
      hrefStart = valueStart + range[0];
      hrefEnd = valueStart + range[1];
    }
  }
  return { name, closing, end: close + 1, hrefStart, hrefEnd };
}

interface LinkRange {
  from: number;
  to: number;
  /** Index in the visible text where the link stands. */
  anchor: number;
}

export function htmlView(text: string): TextView {
  const b = new ViewBuilder(text);
  const links: LinkRange[] = [];
  htmlInto(b, text, 0, text.length, links);
  for (const l of links) b.linkTarget(l.from, l.to, true, l.anchor);
  return b.build();
}

/** Parses HTML in text[from, to) into the builder; collects mailto:/tel: targets. */
function htmlInto(b: ViewBuilder, s: string, from: number, to: number, links: LinkRange[]): void {
  const gt = new NextIndex(s, '>');
  const commentEnd = new NextIndex(s, '-->');
  let i = from;
  let runStart = from;
  // Inside <pre> (and <textarea>) source line breaks are visible line breaks.
  let pre = 0;
  while (i < to) {
    const lt = s.indexOf('<', i);
    if (lt < 0 || lt >= to) break;
    i = lt;
    // Comments and doctypes.
    if (s.startsWith('<!--', i)) {
      const e = commentEnd.from(i + 4);
      b.fold(runStart, i, true, pre === 0);
      const stop = e < 0 || e + 3 > to ? to : e + 3;
      i = stop;
      runStart = i;
      continue;
    }
    if (s.startsWith('<!', i) || s.startsWith('<?', i)) {
      const e = gt.from(i);
      if (e >= 0 && e < to) {
        b.fold(runStart, i, true, pre === 0);
        i = e + 1;
        runStart = i;
        continue;
      }
    }
    const tag = parseTag(s, i, gt);
    if (!tag || tag.end > to) {
      i++;
      continue;
    }
    b.fold(runStart, i, true, pre === 0);
    if (tag.hrefStart >= 0 && tag.hrefEnd > tag.hrefStart) links.push({ from: tag.hrefStart, to: tag.hrefEnd, anchor: b.length });
    if (BLOCK_TAGS.has(tag.name)) b.separator(i, tag.end);
    if (tag.name === 'pre' || tag.name === 'textarea') pre = Math.max(0, pre + (tag.closing ? -1 : 1));
    i = tag.end;
    if (!tag.closing && RAW_TEXT_TAGS.has(tag.name)) {
      // Skip to the matching close tag (case-insensitive search in a bounded way).
      const close = findClose(s, i, to, tag.name);
      i = close;
      const e = gt.from(i);
      i = e < 0 || e >= to ? to : e + 1;
    }
    runStart = i;
  }
  b.fold(runStart, to, true, pre === 0);
}

function findClose(s: string, from: number, to: number, name: string): number {
  // Lower-cased search for "</name" — a single indexOf over a lowered copy of the remainder.
  const lower = s.slice(from, to).toLowerCase();
  const k = lower.indexOf('</' + name);
  return k < 0 ? to : from + k;
}

// Known BBCode tags; anything else in brackets (e.g. "[at]", "[dot]") is text.
const BB_BLOCK = new Set(['quote', 'code', 'list', '*', 'li', 'ul', 'ol', 'table', 'tr', 'td', 'th', 'hr', 'br', 'center', 'left', 'right', 'justify', 'spoiler', 'h1', 'h2', 'h3', 'h4', 'indent', 'pre', 'php', 'html', 'noparse', 'img', 'youtube', 'video', 'media', 'attach', 'heading']);
const BB_INLINE = new Set(['b', 'i', 'u', 's', 'url', 'email', 'size', 'color', 'colour', 'font', 'sub', 'sup', 'strike', 'tt', 'highlight', 'mention', 'user', 'icode', 'abbr', 'align', 'plain']);
// A BBCode tag: "[name]", "[/name]", "[name=value]", "[name value]"; name ≤ 12 units, value ≤ 512, no newline.
const BB_TAG = /^\[(\/?)([A-Za-z*][A-Za-z0-9]{0,11})(?:[= ]([^\]\n]{0,512}))?\]/;

export function bbcodeView(text: string): TextView {
  const b = new ViewBuilder(text);
  const links: LinkRange[] = [];
  let i = 0;
  let runStart = 0;
  // "[email]x@y[/email]" and "[url]…[/url]" contents are visible text already; only "=value" targets are extra.
  while (i < text.length) {
    const lb = text.indexOf('[', i);
    if (lb < 0) break;
    i = lb;
    const m = BB_TAG.exec(text.slice(i, i + 540));
    if (!m) {
      i++;
      continue;
    }
    const name = (m[2] as string).toLowerCase();
    if (!BB_BLOCK.has(name) && !BB_INLINE.has(name)) {
      i++;
      continue;
    }
    b.fold(runStart, i, true);
    const closing = m[1] === '/';
    const value = m[3];
    if (!closing && value !== undefined && (name === 'url' || name === 'email')) {
      let v = value;
      let vStart = i + m[0].indexOf(value, 1 + name.length);
      // Strip quotes.
      if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) {
        v = v.slice(1, -1);
        vStart++;
      }
      const range = name === 'email' ? [0, v.indexOf('?') >= 0 ? v.indexOf('?') : v.length] : linkTargetRange(v);
      if (range) links.push({ from: vStart + (range[0] as number), to: vStart + (range[1] as number), anchor: b.length });
    }
    if (BB_BLOCK.has(name)) b.separator(i, i + m[0].length);
    i += m[0].length;
    runStart = i;
  }
  b.fold(runStart, text.length, true);
  for (const l of links) b.linkTarget(l.from, l.to, true, l.anchor);
  return b.build();
}

// Markdown inline link/image target: "](" then a target up to 512 units without spaces or ")".
const MD_LINK_TARGET = /^\]\(\s{0,4}<?([^\s)>]{1,512})>?(?:\s{1,4}(?:"[^"\n]{0,256}"|'[^'\n]{0,256}'))?\s{0,4}\)/;
// Markdown autolink: "<scheme:…>" or "<local@domain>", no spaces, ≤ 512 units.
const MD_AUTOLINK = /^<((?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]{1,512})|(?:[^\s<>@]{1,128}@[^\s<>@]{1,255}))>/;

// The units where markdownView's loop can find markup: \ ] [ ! < * _ ~ `. One class: linear.
const MD_MARKUP_START = /[\\\][!<*_~`]/g;

/**
 * Markdown: link syntax `[text](target)` shows `text` and scans mailto:/tel: targets; autolinks lose
 * their brackets; emphasis markers at word edges and backslash escapes are dropped; inline HTML is
 * handled like HTML; everything else (code blocks included) is scanned as written.
 */
export function markdownView(text: string): TextView {
  const b = new ViewBuilder(text);
  const links: LinkRange[] = [];
  const gt = new NextIndex(text, '>');
  let i = 0;
  let runStart = 0;
  const n = text.length;
  const flush = (to: number) => {
    if (to > runStart) b.fold(runStart, to, true);
  };
  while (i < n) {
    // Only the units tested below start markup; the loop jumps from one to the next.
    MD_MARKUP_START.lastIndex = i;
    const next = MD_MARKUP_START.exec(text);
    if (next === null) break;
    i = next.index;
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */ && i + 1 < n && /[!-/:-@[-`{-~]/.test(text[i + 1] as string)) {
      flush(i);
      b.push(text[i + 1] as string, i, i + 2);
      i += 2;
      runStart = i;
      continue;
    }
    if (c === 0x5d /* ] */ && text.charCodeAt(i + 1) === 0x28 /* ( */) {
      const m = MD_LINK_TARGET.exec(text.slice(i, i + 800));
      if (m) {
        flush(i);
        const target = m[1] as string;
        const tStart = i + m[0].indexOf(target);
        const range = linkTargetRange(target);
        if (range) links.push({ from: tStart + range[0], to: tStart + range[1], anchor: b.length });
        i += m[0].length;
        runStart = i;
        continue;
      }
    }
    if (c === 0x5b /* [ */) {
      // Opening bracket of a link (or "![" of an image): drop it when a "](" follows on the same line.
      const close = text.indexOf('](', i);
      const nl = text.indexOf('\n', i);
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
      const am = MD_AUTOLINK.exec(text.slice(i, i + 800));
      if (am) {
        flush(i);
        const inner = am[1] as string;
        const scheme = /^(mailto|tel|callto|sms):/i.exec(inner);
        const innerStart = i + 1 + (scheme ? scheme[0].length : 0);
        b.separator(i, i + 1, ' ');
        b.fold(innerStart, i + 1 + inner.length, true);
        b.separator(i + am[0].length - 1, i + am[0].length, ' ');
        i += am[0].length;
        runStart = i;
        continue;
      }
      const tag = parseTag(text, i, gt);
      if (tag) {
        flush(i);
        if (tag.hrefStart >= 0 && tag.hrefEnd > tag.hrefStart) links.push({ from: tag.hrefStart, to: tag.hrefEnd, anchor: b.length });
        if (BLOCK_TAGS.has(tag.name)) b.separator(i, tag.end);
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
      const wordBefore = /[\p{L}\p{N}]/u.test(before);
      const wordAfter = /[\p{L}\p{N}]/u.test(after);
      if (c === 0x60 || wordBefore !== wordAfter || (!wordBefore && !wordAfter)) {
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
  for (const l of links) b.linkTarget(l.from, l.to, true, l.anchor);
  return b.build();
}
