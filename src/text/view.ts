/**
 * A normalized view of an input text with an exact offset map back to the original.
 *
 * Detectors read `view.text` (visible text, Unicode-folded, entities decoded, markup removed, link
 * targets appended after a blank line). Every UTF-16 unit `i` of `view.text` came from the
 * original range `[origStart[i], origEnd[i])`, so a match `[a, b)` in the view is the original
 * range `[origStart[a], origEnd[b - 1])`.
 */
export interface TextView {
  /** The text detectors read. */
  readonly text: string;
  /** Length of the original input. */
  readonly sourceLength: number;
  /** Maps a half-open range of `text` to a half-open range of the original input. */
  toOriginal(start: number, end: number): [number, number];
  /** Index in `text` where appended link targets begin (=== text.length when none). */
  readonly linkTargetsStart: number;
  /**
   * For an index inside an appended link target: the index in the visible text where the link
   * stands (so context words and subject cues are read around the link, not the appended copy);
   * -1 for an index in the visible text.
   */
  anchorOf(index: number): number;
  /**
   * Original ranges a reader cannot see (hidden elements, white-on-white text, comments), in
   * source order and disjoint. Their text is not in the visible part of `text`; it is appended as
   * its own segment after the visible text. Absent or empty when there are none.
   */
  readonly hidden?: readonly HiddenRange[];
  /** True when segments (link targets, titles, hidden text) past the view's bound were left out. */
  readonly truncated?: boolean;
}

/** An original range a reader cannot see; `styled` when markup hides it (not a comment). */
export interface HiddenRange {
  readonly start: number;
  readonly end: number;
  readonly styled: boolean;
}

/** The identity view, for plain text that needs no folding (the fast path). */
class IdentityView implements TextView {
  readonly sourceLength: number;
  readonly linkTargetsStart: number;

  constructor(readonly text: string) {
    this.sourceLength = text.length;
    this.linkTargetsStart = text.length;
  }

  toOriginal(start: number, end: number): [number, number] {
    return [start, end];
  }

  anchorOf(): number {
    return -1;
  }
}

export function identityView(text: string): TextView {
  return new IdentityView(text);
}

interface Anchor {
  from: number;
  to: number;
  anchor: number;
}

/**
 * The offset map of a built view, as pieces in output order: piece k starts at output index
 * out(k) and is either a copy of the original range [from(k), from(k) + its length) (to(k) === -1)
 * or one unit that came from the original range [from(k), to(k)). One typed array, grown by
 * doubling: a post of 100,000 one-unit pieces (keycap digits) allocates nothing per piece.
 */
class Pieces {
  /** Number of pieces. */
  count = 0;
  /** Piece k is at [3k, 3k + 3): its output index, source start, source end (-1: a copy). */
  data: Int32Array<ArrayBuffer> = new Int32Array(48);

  add(out: number, from: number, to: number): void {
    let d = this.data;
    const at = this.count * 3;
    if (at + 3 > d.length) {
      // Twice the room: amortised O(1) per piece, no allocation per piece.
      const grown = new Int32Array(d.length * 2);
      grown.set(d);
      this.data = d = grown;
    }
    d[at] = out;
    d[at + 1] = from;
    d[at + 2] = to;
    this.count++;
  }

  out(k: number): number {
    return this.data[3 * k] as number;
  }

  from(k: number): number {
    return this.data[3 * k + 1] as number;
  }

  to(k: number): number {
    return this.data[3 * k + 2] as number;
  }

  setTo(k: number, to: number): void {
    this.data[3 * k + 2] = to;
  }
}

/** A built view: a match [a, b) of `text` is the original range [start of a, end of b - 1). */
class MappedView implements TextView {
  constructor(
    readonly text: string,
    readonly sourceLength: number,
    readonly linkTargetsStart: number,
    private readonly pieces: Pieces,
    private readonly anchors: readonly Anchor[],
    readonly hidden: readonly HiddenRange[],
    readonly truncated: boolean,
  ) {}

  anchorOf(index: number): number {
    if (index < this.linkTargetsStart) return -1;
    // Segments are appended in output order: binary search (a post may have thousands of links).
    const anchors = this.anchors;
    let lo = 0;
    let hi = anchors.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((anchors[mid] as Anchor).from <= index) lo = mid;
      else hi = mid - 1;
    }
    const a = anchors[lo];
    return a && index >= a.from && index < a.to ? a.anchor : -1;
  }

  toOriginal(start: number, end: number): [number, number] {
    if (end <= start) {
      const p = start < this.text.length ? this.origStart(start) : this.sourceLength;
      return [p, p];
    }
    return [this.origStart(start), this.origEnd(end - 1)];
  }

  /** The piece holding output unit i (0 <= i < text.length): binary search. */
  private pieceOf(i: number): number {
    const p = this.pieces;
    let lo = 0;
    let hi = p.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (p.out(mid) <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private origStart(i: number): number {
    const k = this.pieceOf(i);
    const p = this.pieces;
    return p.to(k) < 0 ? p.from(k) + i - p.out(k) : p.from(k);
  }

  private origEnd(i: number): number {
    const k = this.pieceOf(i);
    const p = this.pieces;
    return p.to(k) < 0 ? p.from(k) + i - p.out(k) + 1 : p.to(k);
  }
}

const SPACE = 0x20;
const NEWLINE = 0x0a;

/*
 * The code points fold() has to look at: '&' (entities), every code point foldCodePoint may change
 * (unusual spaces, dashes, dots, super/subscripts, letterlike and number forms, enclosed and
 * mathematical alphanumerics, small and fullwidth forms, combining marks, format characters,
 * fillers), lone surrogates (they become U+FFFD), and, in the second alternative, every decimal
 * digit outside ASCII. With collapsed line breaks also tab, LF and CR. Everything between two of
 * these is copied unchanged. Two single-code-point alternatives, no quantifier: linear.
 */
const FOLD_STOPS = /[&\u00a0\u00ad\u00b2\u00b3\u00b7\u00b9\u0387\u115f\u1160\u1680\u180e\u2000-\u2015\u2024\u2027\u202f\u205f\u2070-\u209f\u2100-\u218f\u2212\u22c5\u2460-\u24ff\u2776-\u2793\u2800\u2e31\u3000\u3002\u30fb\u3164\u3200-\u32ff\ufb00-\ufb06\ufe50-\ufe6b\uff01-\uff5e\uff61\uff65\uffa0\ud800-\udfff\u{1d400}-\u{1d7ff}\u{1f100}-\u{1f18f}\p{M}\p{Cf}]|[^\P{Nd}\0-\u00ff]/gu;
const FOLD_STOPS_COLLAPSING = /[\t\n\r&\u00a0\u00ad\u00b2\u00b3\u00b7\u00b9\u0387\u115f\u1160\u1680\u180e\u2000-\u2015\u2024\u2027\u202f\u205f\u2070-\u209f\u2100-\u218f\u2212\u22c5\u2460-\u24ff\u2776-\u2793\u2800\u2e31\u3000\u3002\u30fb\u3164\u3200-\u32ff\ufb00-\ufb06\ufe50-\ufe6b\uff01-\uff5e\uff61\uff65\uffa0\ud800-\udfff\u{1d400}-\u{1d7ff}\u{1f100}-\u{1f18f}\p{M}\p{Cf}]|[^\P{Nd}\0-\u00ff]/gu;

/**
 * Builds a view unit by unit. `push` appends one output UTF-16 unit that came from an original
 * range; `fold` appends a run of original text with Unicode folding applied. Text that folds to
 * itself (nearly all of it) is copied as one slice and mapped as one piece.
 */
export class ViewBuilder {
  /** The output text so far, in pieces joined by build(). */
  private parts: string[] = [];
  /** Output units so far. */
  private n = 0;
  private pieces = new Pieces();
  /** Code of the last output unit, and of the last one that is not a space (-1: none). */
  private lastUnit = -1;
  private lastNonSpace = -1;
  /** Source end of the last piece when it maps units to themselves and may grow; else -1. */
  private identityEnd = -1;
  private targetsAt = -1;
  private anchors: Anchor[] = [];

  constructor(private readonly source: string) {}

  get length(): number {
    return this.n;
  }

  /** The last output unit, or '' */
  last(): string {
    return this.lastUnit < 0 ? '' : String.fromCharCode(this.lastUnit);
  }

  push(unit: string, origStart: number, origEnd: number): void {
    this.parts.push(unit);
    this.pieces.add(this.n, origStart, origEnd);
    this.n++;
    this.identityEnd = -1;
    this.noteLast(unit.charCodeAt(0));
  }

  private noteLast(c: number): void {
    this.lastUnit = c;
    if (c !== SPACE) this.lastNonSpace = c;
  }

  /** Maps the next to - from output units to source[from, to), one to one. */
  private mapOneToOne(from: number, to: number): void {
    // Extends the last piece when it ends where this one starts.
    if (this.identityEnd !== from) this.pieces.add(this.n, from, -1);
    this.n += to - from;
    this.identityEnd = to;
  }

  /** Appends `unit` in place of source unit i (mapped like a copied unit). */
  private replace(unit: string, i: number): void {
    this.parts.push(unit);
    this.mapOneToOne(i, i + 1);
    this.noteLast(unit.charCodeAt(0));
  }

  /**
   * Makes the last output unit, when it ends at source index `at`, stand for source[.., to) (so a
   * dropped combining mark is covered by a finding that ends with its base).
   */
  private extendLast(at: number, to: number): void {
    const p = this.pieces;
    const k = p.count - 1;
    if (k < 0 || this.n === 0) return;
    const pieceTo = p.to(k);
    if (pieceTo >= 0) {
      if (pieceTo === at) p.setTo(k, to);
      return;
    }
    // A piece of copied units: its last unit is source[lastSrc]; split it off as its own piece.
    const lastSrc = p.from(k) + this.n - 1 - p.out(k);
    if (lastSrc + 1 !== at) return;
    if (this.n - 1 === p.out(k)) p.setTo(k, to);
    else p.add(this.n - 1, lastSrc, to);
    this.identityEnd = -1;
  }

  /** Appends source[from, to) unchanged, each unit mapped to itself. */
  private copy(from: number, to: number): void {
    if (to <= from) return;
    const s = this.source;
    this.parts.push(s.slice(from, to));
    this.mapOneToOne(from, to);
    this.lastUnit = s.charCodeAt(to - 1);
    for (let i = to - 1; i >= from; i--) {
      const c = s.charCodeAt(i);
      if (c !== SPACE) {
        this.lastNonSpace = c;
        break;
      }
    }
  }

  /** A separator (newline) that belongs to markup at [origStart, origEnd); collapses repeats. */
  separator(origStart: number, origEnd: number, unit = '\n'): void {
    if (this.n === 0) return;
    const prev = this.lastUnit;
    if (prev === NEWLINE || (unit === ' ' && prev === SPACE)) return;
    // "</p>\n<p>": the collapsed source line break between two block tags is not a second line.
    if (unit === '\n' && prev === SPACE && this.lastNonSpace === NEWLINE) return;
    this.push(unit, origStart, origEnd);
  }

  /**
   * Appends original[from, to) with Unicode folding and (optionally) entity decoding. With
   * `collapseNewlines` (HTML outside <pre>), line breaks and tabs in the source are spaces, as a
   * browser shows them: only <br> and block tags end a line.
   */
  fold(from: number, to: number, decodeEntities: boolean, collapseNewlines = false): void {
    const s = this.source;
    // The stops are searched in source[from, to) only, so the work is linear however the callers
    // cut the source into ranges.
    const range = from === 0 && to === s.length ? s : s.slice(from, to);
    const stops = collapseNewlines ? FOLD_STOPS_COLLAPSING : FOLD_STOPS;
    // source[run, i) folds to itself and is not yet copied.
    let run = from;
    let i = from;
    while (i < to) {
      stops.lastIndex = i - from;
      const stop = stops.exec(range);
      if (stop === null) break;
      i = from + stop.index;
      const c = s.charCodeAt(i);
      if (c === 0x26 /* & */) {
        const ent = decodeEntities ? decodeEntityAt(s, i, to) : null;
        if (ent) {
          this.copy(run, i);
          this.pushFolded(ent.value, i, ent.end);
          i = ent.end;
          run = i;
        } else {
          i++;
        }
        continue;
      }
      const cp = s.codePointAt(i) as number;
      const width = cp > 0xffff ? 2 : 1;
      let f: string | null;
      if (cp >= 0xd800 && cp <= 0xdfff) f = '\uFFFD'; // a lone surrogate
      else if (c === 10 || c === 13 || c === 9) f = ' '; // stops only when collapsing line breaks
      else if (isMark(cp)) {
        const prev = i > run ? s.charCodeAt(i - 1) : this.lastUnit;
        if (keepsMark(cp, prev)) {
          i += width;
          continue;
        }
        // A dropped mark belongs to the unit before it: "4\ufe0f\u20e3" maps to all three.
        if (prev >= 0 && prev < 0x80) {
          if (i > run) this.copy(run, i);
          this.extendLast(i, i + width);
          i += width;
          run = i;
          continue;
        }
        f = null;
      } else if (MIDDLE_DOTS.has(cp)) {
        // A middle dot reads as '.' only inside a word ("example·com", "415·555"); between spaces
        // it is a separator ("Am Markt 1 · 99084 Erfurt") and stays.
        f = isAsciiAlnum(s.charCodeAt(i - 1)) && isAsciiAlnum(s.charCodeAt(i + 1)) ? '.' : stop[0];
      } else f = foldCached(cp);
      if (f !== null && f.length === width && f.charCodeAt(0) === c && (width === 1 || f.charCodeAt(1) === s.charCodeAt(i + 1))) {
        i += width;
        continue;
      }
      this.copy(run, i);
      if (f !== null) {
        if (width === 1 && f.length === 1) this.replace(f, i);
        else for (let k = 0; k < f.length; k++) this.push(f[k] as string, i, i + width);
      }
      i += width;
      run = i;
    }
    this.copy(run, to);
  }

  /** Appends the folded code points of a decoded entity, each unit mapped to source[from, to). */
  private pushFolded(value: string, from: number, to: number): void {
    for (const ch of value) {
      const cp = ch.codePointAt(0) as number;
      const f = isMark(cp) ? (keepsMark(cp, this.lastUnit) ? ch : null) : foldCached(cp);
      if (f !== null) for (let k = 0; k < f.length; k++) this.push(f[k] as string, from, to);
    }
  }

  /** Marks the start of the appended link-target section. */
  beginLinkTargets(): void {
    if (this.targetsAt < 0) this.targetsAt = this.n;
  }

  /**
   * Appends a link target (e.g. the address of a mailto: link) from original[from, to); `anchor`
   * is the index in the visible text where the link stands.
   */
  linkTarget(from: number, to: number, decodeEntities: boolean, anchor: number): void {
    this.segment(from, anchor, () => this.fold(from, to, decodeEntities));
  }

  /**
   * Appends a segment after the visible text (a link target, a link title, hidden text) after a
   * blank line mapped to source offset `at`; `fill` adds its units (push/fold/separator); `anchor`
   * is the index in the visible text where it stands.
   */
  segment(at: number, anchor: number, fill: () => void): void {
    this.beginLinkTargets();
    this.push('\n', at, at);
    this.push('\n', at, at);
    const start = this.n;
    fill();
    this.anchors.push({ from: start, to: this.n, anchor: Math.min(anchor, this.targetsAt) });
  }

  build(hidden: readonly HiddenRange[] = [], truncated = false): TextView {
    const text = this.parts.join('');
    const linkTargetsStart = this.targetsAt < 0 ? text.length : this.targetsAt;
    return new MappedView(text, this.source.length, linkTargetsStart, this.pieces, this.anchors, hidden, truncated);
  }
}

// Combining marks, and decimal digits of any script (Unicode keeps each script's digits 0–9 in
// one contiguous run, so a digit's value is its distance from the start of its run, mod 10).
const MARK = /^\p{M}/u;
const DECIMAL = /^\p{Nd}/u;
const FORMAT = /^\p{Cf}/u;
// An NFKC image worth using: printable ASCII, at most 4 units ("TEL", "(12)", "10.").
const ASCII_IMAGE = /^[\x20-\x7e]{1,4}$/;

/**
 * Whether a combining mark stays: variation selectors, the combining grapheme joiner and the
 * keycap mark never do; any other mark stays only on a base outside ASCII (an accent on a
 * Devanagari or Thai letter is part of the word; one on a digit, a Latin letter without a
 * precomposed form, '@' or a space only hides what the reader sees). `prev` is the last unit
 * before the mark in the output (-1: none).
 */
function keepsMark(cp: number, prev: number): boolean {
  if ((cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef) || cp === 0x034f || cp === 0x20e3) return false;
  return prev >= 0x80;
}

// Middle dots and their look-alikes: '.' between two ASCII letters or digits, else unchanged.
const MIDDLE_DOTS = new Set([0x00b7, 0x0387, 0x2027, 0x22c5, 0x2e31, 0x30fb, 0xff65]);

function isAsciiAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

// Per code point, whether it is a combining mark and what it folds to: the regex tests run once per
// distinct code point (a few thousand at most: only the stop classes reach these), not once per unit.
const markCache = new Map<number, boolean>();
const foldCache = new Map<number, string | null>();

function isMark(cp: number): boolean {
  if (cp < 0x300) return false;
  let m = markCache.get(cp);
  if (m === undefined) {
    m = MARK.test(String.fromCodePoint(cp));
    markCache.set(cp, m);
  }
  return m;
}

function foldCached(cp: number): string | null {
  let f = foldCache.get(cp);
  if (f === undefined) {
    f = foldCodePoint(cp);
    foldCache.set(cp, f);
  }
  return f;
}

const decimalValues = new Map<number, string>();

/** The ASCII digit of a decimal digit of any script. */
function decimalDigit(cp: number): string {
  let d = decimalValues.get(cp);
  if (d === undefined) {
    // The longest run of consecutive decimal digits is 50 (the mathematical digits).
    let k = 0;
    while (k < 60 && DECIMAL.test(String.fromCodePoint(cp - k - 1))) k++;
    d = String(k % 10);
    decimalValues.set(cp, d);
  }
  return d;
}

/** Digit forms without a compatibility decomposition: dingbat and negative circled digits. */
function digitForm(cp: number): string | undefined {
  if (cp >= 0x2776 && cp <= 0x277f) return String(cp - 0x2775); // ❶…❿
  if (cp >= 0x2780 && cp <= 0x2789) return String(cp - 0x277f); // ➀…➉
  if (cp >= 0x278a && cp <= 0x2793) return String(cp - 0x2789); // ➊…➓
  if (cp >= 0x24eb && cp <= 0x24f4) return String(cp - 0x24e0); // ⓫…⓴
  if (cp >= 0x24f5 && cp <= 0x24fe) return String(cp - 0x24f4); // ⓵…⓾
  if (cp >= 0x2474 && cp <= 0x2487) return String(cp - 0x2473); // ⑴…⒇ without the parentheses
  if (cp >= 0x2488 && cp <= 0x249b) return String(cp - 0x2487); // ⒈…⒛ without the full stop
  if (cp >= 0x1f100 && cp <= 0x1f10a) return String(cp === 0x1f100 ? 0 : cp - 0x1f101); // 🄀 0. 🄁…🄊 0,…9,
  if (cp === 0x24ff || cp === 0x1f10b || cp === 0x1f10c) return '0'; // ⓿ 🄋 🄌
  return undefined;
}

/** Blocks whose compatibility (NFKC) images are read as ASCII: super/subscripts, letterlike and
 * number forms, enclosed alphanumerics, ligatures, small forms, mathematical alphanumerics. */
function hasAsciiImage(cp: number): boolean {
  return cp === 0xb2 || cp === 0xb3 || cp === 0xb9 || (cp >= 0x2070 && cp <= 0x218f) || (cp >= 0x2460 && cp <= 0x24ff) ||
    (cp >= 0x3200 && cp <= 0x32ff) || (cp >= 0xfb00 && cp <= 0xfb06) || (cp >= 0xfe50 && cp <= 0xfe6b) ||
    (cp >= 0x1d400 && cp <= 0x1d7ff) || (cp >= 0x1f100 && cp <= 0x1f18f);
}

/**
 * Folds one code point outside combining marks: null drops it (format characters such as
 * zero-width and bidi controls, tag characters, soft hyphen, invisible fillers), otherwise the
 * text a reader sees in it — unusual spaces → ' ', dashes → '-', dot look-alikes → '.',
 * fullwidth ASCII → ASCII, decimal digits of any script → ASCII digits, super/subscript, circled,
 * keycap-less dingbat and mathematical digits and letters → ASCII (their NFKC image when it is
 * ASCII). Anything else is returned unchanged.
 */
export function foldCodePoint(cp: number): string | null {
  if (cp < 0x80) return String.fromCharCode(cp);
  switch (cp) {
    case 0x00ad: // soft hyphen
    case 0x180e: // Mongolian vowel separator
    case 0x115f: // Hangul choseong filler
    case 0x1160: // Hangul jungseong filler
      return null;
    case 0x00a0:
    case 0x1680:
    case 0x202f:
    case 0x205f:
    case 0x3000:
    case 0x3164: // Hangul filler (shown as a blank)
    case 0xffa0: // halfwidth Hangul filler
    case 0x2800: // braille blank
      return ' ';
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
    case 0xfe63:
      return '-';
    case 0x2024: // one dot leader
    case 0x3002: // ideographic full stop
    case 0xff61: // halfwidth ideographic full stop
      return '.';
    default:
      break;
  }
  if (cp >= 0x2000 && cp <= 0x200a) return ' ';
  if (cp >= 0xff01 && cp <= 0xff5e) return String.fromCharCode(cp - 0xfee0);
  const ch = String.fromCodePoint(cp);
  if (FORMAT.test(ch)) return null;
  if (DECIMAL.test(ch)) return decimalDigit(cp);
  const form = digitForm(cp);
  if (form !== undefined) return form;
  if (hasAsciiImage(cp)) {
    const image = ch.normalize('NFKC');
    if (ASCII_IMAGE.test(image)) return image;
  }
  return ch;
}

// Units of the Latin-1 block that foldCodePoint changes (found with indexOf, a vectorized search).
const LATIN1_FOLDS = ['&', '\u00a0', '\u00ad', '\u00b2', '\u00b3', '\u00b7', '\u00b9'];
// The code points above U+00FF that fold() stops at (FOLD_STOPS without its Latin-1 members).
// Single-code-point alternatives, no quantifier: linear. Nothing here is Latin-1, so V8 can reject
// a one-byte (Latin-1 only) string without scanning it.
const FOLDS_ABOVE_LATIN1 = /[\u0387\u115f\u1160\u1680\u180e\u2000-\u2015\u2024\u2027\u202f\u205f\u2070-\u209f\u2100-\u218f\u2212\u22c5\u2460-\u24ff\u2776-\u2793\u2800\u2e31\u3000\u3002\u30fb\u3164\u3200-\u32ff\ufb00-\ufb06\ufe50-\ufe6b\uff01-\uff5e\uff61\uff65\uffa0\ud800-\udfff\u{1d400}-\u{1d7ff}\u{1f100}-\u{1f18f}\p{M}]|[^\P{Cf}\0-\u00ff]|[^\P{Nd}\0-\u00ff]/u;

/** Whether a plain text needs folding at all (else the identity view is exact). */
export function needsFolding(text: string): boolean {
  for (const unit of LATIN1_FOLDS) if (text.indexOf(unit) >= 0) return true;
  return FOLDS_ABOVE_LATIN1.test(text);
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', commat: '@', period: '.',
  plus: '+', lpar: '(', rpar: ')', hyphen: '-', dash: '-', ndash: '\u2013', mdash: '\u2014',
  shy: '\u00ad', zwj: '\u200d', zwnj: '\u200c', lowbar: '_', colon: ':', sol: '/', num: '#',
  copy: '\u00a9', reg: '\u00ae', euro: '\u20ac', pound: '\u00a3', hellip: '\u2026',
  laquo: '\u00ab', raquo: '\u00bb', ldquo: '\u201c', rdquo: '\u201d', lsquo: '\u2018', rsquo: '\u2019',
  auml: '\u00e4', ouml: '\u00f6', uuml: '\u00fc', Auml: '\u00c4', Ouml: '\u00d6', Uuml: '\u00dc', szlig: '\u00df',
  eacute: '\u00e9', egrave: '\u00e8', agrave: '\u00e0', ccedil: '\u00e7', ntilde: '\u00f1', ordm: '\u00ba',
  ordf: '\u00aa', deg: '\u00b0', middot: '\u00b7', bull: '\u2022', thinsp: '\u2009', ensp: '\u2002', emsp: '\u2003',
};

/**
 * Decodes one HTML character reference at s[i] === '&': `&name;`, `&#64;`, `&#x40;`.
 * Bounded: at most 32 units are examined.
 */
export function decodeEntityAt(s: string, i: number, limit: number): { value: string; end: number } | null {
  const max = Math.min(limit, i + 34);
  let j = i + 1;
  if (j >= max) return null;
  if (s.charCodeAt(j) === 0x23 /* # */) {
    j++;
    let hex = false;
    if (j < max && (s[j] === 'x' || s[j] === 'X')) {
      hex = true;
      j++;
    }
    const digitsStart = j;
    while (j < max && (hex ? /[0-9a-fA-F]/.test(s[j] as string) : /[0-9]/.test(s[j] as string))) j++;
    if (j === digitsStart || j - digitsStart > 8) return null;
    const code = parseInt(s.slice(digitsStart, j), hex ? 16 : 10);
    const end = j < max && s[j] === ';' ? j + 1 : j;
    if (!(code > 0 && code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) return { value: '\uFFFD', end };
    return { value: String.fromCodePoint(code), end };
  }
  const nameStart = j;
  while (j < max && /[A-Za-z0-9]/.test(s[j] as string)) j++;
  if (j === nameStart || j >= max || s[j] !== ';') return null;
  const value = NAMED_ENTITIES[s.slice(nameStart, j)];
  if (value === undefined) return null;
  return { value, end: j + 1 };
}
