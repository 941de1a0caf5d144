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
 * out[k] and is either a copy of the original range [from[k], from[k] + its length) (to[k] === -1)
 * or one unit that came from the original range [from[k], to[k]).
 */
interface Pieces {
  out: number[];
  from: number[];
  to: number[];
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
    const out = this.pieces.out;
    let lo = 0;
    let hi = out.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((out[mid] as number) <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private origStart(i: number): number {
    const k = this.pieceOf(i);
    const { out, from, to } = this.pieces;
    return (to[k] as number) < 0 ? (from[k] as number) + i - (out[k] as number) : (from[k] as number);
  }

  private origEnd(i: number): number {
    const k = this.pieceOf(i);
    const { out, from, to } = this.pieces;
    return (to[k] as number) < 0 ? (from[k] as number) + i - (out[k] as number) + 1 : (to[k] as number);
  }
}

const SPACE = 0x20;
const NEWLINE = 0x0a;

/*
 * The units fold() has to look at: '&' (entities), every unit foldUnit may change, and surrogates
 * (lone ones become U+FFFD); with collapsed line breaks also tab, LF and CR. Everything between
 * two of these is copied unchanged. Single character class, no quantifier: linear.
 */
const FOLD_STOPS = /[&\u00a0\u00ad\u034f\u061c\u17b4\u17b5\u180b-\u180d\u180f\u202a-\u202e\u2061-\u2064\u2066-\u206f\ufe00-\ufe0f\u1680\u180e\u2000-\u2015\u2024\u202f\u205f\u2060\u2212\u3000\u3002\ufe63\ufeff\uff01-\uff5e\ud800-\udfff]/g;
const FOLD_STOPS_COLLAPSING = /[\t\n\r&\u00a0\u00ad\u034f\u061c\u17b4\u17b5\u180b-\u180d\u180f\u202a-\u202e\u2061-\u2064\u2066-\u206f\ufe00-\ufe0f\u1680\u180e\u2000-\u2015\u2024\u202f\u205f\u2060\u2212\u3000\u3002\ufe63\ufeff\uff01-\uff5e\ud800-\udfff]/g;

/**
 * Builds a view unit by unit. `push` appends one output UTF-16 unit that came from an original
 * range; `fold` appends a run of original text with Unicode folding applied. Text that folds to
 * itself (nearly all of it) is copied as one slice and mapped as one piece.
 */
export class ViewBuilder {
  private parts: string[] = [];
  /** Output units so far. */
  private n = 0;
  private pieces: Pieces = { out: [], from: [], to: [] };
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
    this.pieces.out.push(this.n);
    this.pieces.from.push(origStart);
    this.pieces.to.push(origEnd);
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
    if (this.identityEnd !== from) {
      this.pieces.out.push(this.n);
      this.pieces.from.push(from);
      this.pieces.to.push(-1);
    }
    this.n += to - from;
    this.identityEnd = to;
  }

  /** Appends `unit` in place of source unit i (mapped like a copied unit). */
  private replace(unit: string, i: number): void {
    this.parts.push(unit);
    this.mapOneToOne(i, i + 1);
    this.noteLast(unit.charCodeAt(0));
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
          for (let k = 0; k < ent.value.length; k++) {
            const f = foldUnit(ent.value.charCodeAt(k));
            if (f !== null) this.push(f, i, ent.end);
          }
          i = ent.end;
          run = i;
        } else {
          i++;
        }
        continue;
      }
      // Surrogate pairs stay together; lone surrogates become U+FFFD (one unit, same offsets).
      if (c >= 0xd800 && c <= 0xdbff) {
        const n = i + 1 < to ? s.charCodeAt(i + 1) : 0;
        if (n >= 0xdc00 && n <= 0xdfff) {
          i += 2;
          continue;
        }
      }
      // Tab, LF and CR are stops only when collapsing line breaks.
      const f = c >= 0xd800 && c <= 0xdfff ? '\uFFFD' : c === 10 || c === 13 || c === 9 ? ' ' : foldUnit(c);
      if (f !== null && f.charCodeAt(0) === c) {
        i++;
        continue;
      }
      this.copy(run, i);
      if (f !== null) this.replace(f, i);
      i++;
      run = i;
    }
    this.copy(run, to);
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

/**
 * Folds one UTF-16 unit: null drops it (zero-width characters, soft hyphen), otherwise the
 * replacement (fullwidth ASCII → ASCII, unusual spaces → ' ', dashes → '-').
 */
export function foldUnit(c: number): string | null {
  if (c < 0x80) return String.fromCharCode(c);
  switch (c) {
    case 0x00ad: // soft hyphen
    case 0x200b: // zero-width space
    case 0x200c: // zero-width non-joiner
    case 0x200d: // zero-width joiner
    case 0x2060: // word joiner
    case 0xfeff: // zero-width no-break space / BOM
    case 0x180e: // Mongolian vowel separator
    case 0x034f: // combining grapheme joiner
    case 0x061c: // Arabic letter mark
    case 0x17b4: // Khmer inherent vowels (invisible)
    case 0x17b5:
    case 0x180f: // Mongolian free variation selectors
    case 0x200e: // left-to-right / right-to-left marks
    case 0x200f:
      return null;
    case 0x00a0:
    case 0x1680:
    case 0x202f:
    case 0x205f:
    case 0x3000:
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
      return '.';
    default:
      break;
  }
  if (c >= 0x2000 && c <= 0x200a) return ' ';
  // Other invisible format characters (default-ignorable): bidi embeddings and isolates, invisible
  // operators, variation selectors, Mongolian free variation selectors. Left in, they split a
  // number or an address unseen ('415 555 01\u202a32' reads as one phone number).
  if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2061 && c <= 0x2064) || (c >= 0x2066 && c <= 0x206f)) return null;
  if ((c >= 0xfe00 && c <= 0xfe0f) || (c >= 0x180b && c <= 0x180d)) return null;
  if (c >= 0xff01 && c <= 0xff5e) return String.fromCharCode(c - 0xfee0);
  return String.fromCharCode(c);
}

// The units above U+00FF that foldUnit changes, and all surrogates (lone ones become U+FFFD).
// Single character class, no quantifier: linear. No unit here is Latin-1, so V8 can reject a
// one-byte (Latin-1 only) string without scanning it (1.5 KB Latin-1 post: 1.7 → 0.1 µs).
const FOLDS_ABOVE_LATIN1 = /[\u034f\u061c\u17b4\u17b5\u180b-\u180d\u180f\u202a-\u202e\u2061-\u2064\u2066-\u206f\ufe00-\ufe0f\u1680\u180e\u2000-\u2015\u2024\u202f\u205f\u2060\u2212\u3000\u3002\ufe63\ufeff\uff01-\uff5e\ud800-\udfff]/;

/** Whether a plain text needs folding at all (else the identity view is exact). */
export function needsFolding(text: string): boolean {
  // '&' (entities), then the two Latin-1 units foldUnit changes (no-break space, soft hyphen), then
  // everything above Latin-1. indexOf is a vectorized search, far cheaper than a class per unit.
  return text.indexOf('&') >= 0 || text.indexOf('\u00a0') >= 0 || text.indexOf('\u00ad') >= 0 || FOLDS_ABOVE_LATIN1.test(text);
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
