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
}

/** The identity view, for plain text that needs no folding (the fast path). */
export function identityView(text: string): TextView {
  return {
    text,
    sourceLength: text.length,
    linkTargetsStart: text.length,
    toOriginal(start, end) {
      return [start, end];
    },
    anchorOf() {
      return -1;
    },
  };
}

/**
 * Builds a view unit by unit. `push` appends one output UTF-16 unit that came from an original
 * range; `fold` appends a run of original text with Unicode folding applied.
 */
export class ViewBuilder {
  private out: string[] = [];
  private starts: number[] = [];
  private ends: number[] = [];
  private targetsAt = -1;
  private anchors: { from: number; to: number; anchor: number }[] = [];

  constructor(private readonly source: string) {}

  get length(): number {
    return this.out.length;
  }

  /** The last output unit, or '' */
  last(): string {
    return this.out[this.out.length - 1] ?? '';
  }

  push(unit: string, origStart: number, origEnd: number): void {
    this.out.push(unit);
    this.starts.push(origStart);
    this.ends.push(origEnd);
  }

  /** A separator (newline) that belongs to markup at [origStart, origEnd); collapses repeats. */
  separator(origStart: number, origEnd: number, unit = '\n'): void {
    if (this.out.length === 0) return;
    const prev = this.last();
    if (prev === '\n' || (unit === ' ' && prev === ' ')) return;
    // "</p>\n<p>": the collapsed source line break between two block tags is not a second line.
    if (unit === '\n' && prev === ' ') {
      let k = this.out.length - 1;
      while (k > 0 && this.out[k] === ' ') k--;
      if (this.out[k] === '\n') return;
    }
    this.push(unit, origStart, origEnd);
  }

  /**
   * Appends original[from, to) with Unicode folding and (optionally) entity decoding. With
   * `collapseNewlines` (HTML outside <pre>), line breaks and tabs in the source are spaces, as a
   * browser shows them: only <br> and block tags end a line.
   */
  fold(from: number, to: number, decodeEntities: boolean, collapseNewlines = false): void {
    const s = this.source;
    let i = from;
    while (i < to) {
      const c = s.charCodeAt(i);
      if (c === 0x26 /* & */ && decodeEntities) {
        const ent = decodeEntityAt(s, i, to);
        if (ent) {
          for (const u of foldString(ent.value)) this.push(u, i, ent.end);
          i = ent.end;
          continue;
        }
      }
      // Surrogate pairs stay together; lone surrogates become U+FFFD (one unit, same offsets).
      if (c >= 0xd800 && c <= 0xdbff) {
        const n = i + 1 < to ? s.charCodeAt(i + 1) : 0;
        if (n >= 0xdc00 && n <= 0xdfff) {
          this.push(s[i] as string, i, i + 1);
          this.push(s[i + 1] as string, i + 1, i + 2);
          i += 2;
          continue;
        }
        this.push('\uFFFD', i, i + 1);
        i++;
        continue;
      }
      if (c >= 0xdc00 && c <= 0xdfff) {
        this.push('\uFFFD', i, i + 1);
        i++;
        continue;
      }
      const f = collapseNewlines && (c === 10 || c === 13 || c === 9) ? ' ' : foldUnit(c);
      if (f !== null) this.push(f, i, i + 1);
      i++;
    }
  }

  /** Marks the start of the appended link-target section. */
  beginLinkTargets(): void {
    if (this.targetsAt < 0) this.targetsAt = this.out.length;
  }

  /**
   * Appends a link target (e.g. the address of a mailto: link) from original[from, to); `anchor`
   * is the index in the visible text where the link stands.
   */
  linkTarget(from: number, to: number, decodeEntities: boolean, anchor: number): void {
    this.beginLinkTargets();
    this.push('\n', from, from);
    this.push('\n', from, from);
    const start = this.out.length;
    this.fold(from, to, decodeEntities);
    this.anchors.push({ from: start, to: this.out.length, anchor: Math.min(anchor, this.targetsAt) });
  }

  build(): TextView {
    const text = this.out.join('');
    const starts = Uint32Array.from(this.starts);
    const ends = Uint32Array.from(this.ends);
    const sourceLength = this.source.length;
    const linkTargetsStart = this.targetsAt < 0 ? text.length : this.targetsAt;
    const anchors = this.anchors;
    return {
      text,
      sourceLength,
      linkTargetsStart,
      anchorOf(index) {
        if (index < linkTargetsStart) return -1;
        for (const a of anchors) if (index >= a.from && index < a.to) return a.anchor;
        return -1;
      },
      toOriginal(start, end) {
        if (end <= start) {
          const p = start < starts.length ? (starts[start] as number) : sourceLength;
          return [p, p];
        }
        return [starts[start] as number, ends[end - 1] as number];
      },
    };
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
  if (c >= 0xff01 && c <= 0xff5e) return String.fromCharCode(c - 0xfee0);
  return String.fromCharCode(c);
}

function* foldString(s: string): Generator<string> {
  for (let i = 0; i < s.length; i++) {
    const f = foldUnit(s.charCodeAt(i));
    if (f !== null) yield f;
  }
}

/** Whether a plain text needs folding at all (else the identity view is exact). */
export function needsFolding(text: string): boolean {
  // Accepts any unit outside printable ASCII/Latin-1 letters that foldUnit changes, and '&'.
  // Single character class, no quantifier: linear.
  return /[&\u00a0\u00ad\u1680\u180e\u2000-\u2015\u2024\u202f\u205f\u2060\u2212\u3000\u3002\ufe63\ufeff\uff01-\uff5e\ud800-\udfff]/.test(text);
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
