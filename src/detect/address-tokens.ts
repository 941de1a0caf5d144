/**
 * A one-pass tokenizer for the address detector: words, numbers, mixed alphanumerics, single
 * punctuation marks and newlines, each with UTF-16 offsets into the normalized text. Matching then
 * walks token arrays with dictionary lookups instead of multi-word regexes, so the detector has no
 * regex with nested quantifiers and runs in time linear in the text (each token is visited a
 * bounded number of times).
 */

export const enum Kind {
  Word = 1,
  Num = 2,
  Alnum = 3,
  Punct = 4,
  Newline = 5,
}

// One character that may appear inside a non-ASCII word: a letter, a combining mark or a digit.
// Used only to fill CLS lazily, once per distinct BMP character (never in the hot loop).
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

/** Per BMP char code: 0 = not yet known, 1 = word character (not an ASCII digit), 2 = ASCII
 * digit, 3 = space, 4 = newline, 5 = punctuation (any other character), 6 = a letter that
 * lower-cases to a different length or class ("İ", Kelvin sign). */
const CLS = new Uint8Array(0x10000);
for (let c = 0; c < 0x80; c++) CLS[c] = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : c >= 48 && c <= 57 ? 2 : 5;
for (const c of [32, 9, 13, 0xa0, 12, 11]) CLS[c] = 3;
CLS[10] = 4;
for (let c = 0xd800; c <= 0xdfff; c++) CLS[c] = 5;
// Letters whose lower case changes the token's length or class (see keyOf): class 6.
CLS[0x130] = 6;
CLS[0x212a] = 6;

function charClass(c: number): number {
  const k = CLS[c] as number;
  if (k !== 0) return k;
  const v = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 5;
  CLS[c] = v;
  return v;
}

function isLetterAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c !== c) return false;
  const k = charClass(c);
  return k === 1 || k === 6;
}

/**
 * A cheap, allocation-free key of a token (for dictionary gates): its length (capped at 15), the
 * class of its first and of its last character, case-folded (any non-ASCII character is one class).
 * Lower-casing keeps the length and the classes of every token except those holding U+0130 "İ" or
 * U+212A (Kelvin sign): those get UNKNOWN_KEY, which every gate lets through. So a token's key
 * equals the key of its lower-cased text, and a gate never rejects a token the dictionary would
 * accept. Newlines get key 0, which no word has.
 */
export const UNKNOWN_KEY = 0xffff;
const KEY_SPACE = 16 * 37 * 37;

/** Character class for keys: a-z → 1..26 (either case), digit → 27, other ASCII → 28..35, non-ASCII → 36. */
const KEY_CLASS = new Uint8Array(0x10000).fill(36);
for (let c = 0; c < 0x80; c++) KEY_CLASS[c] = c >= 65 && c <= 90 ? c - 64 : c >= 97 && c <= 122 ? c - 96 : c >= 48 && c <= 57 ? 27 : 28 + (c & 7);

function keyOf(s: string, a: number, b: number): number {
  return (Math.min(b - a, 15) * 37 + (KEY_CLASS[s.charCodeAt(a)] as number)) * 37 + (KEY_CLASS[s.charCodeAt(b - 1)] as number);
}

/** A set of token keys: "may this token be one of these words?" with no false negatives. */
export class KeyFilter {
  private readonly bits = new Uint32Array((KEY_SPACE >>> 5) + 1);

  /** Adds a lower-cased dictionary token. */
  add(word: string): void {
    if (word.length === 0) return;
    const k = keyOf(word, 0, word.length);
    this.bits[k >>> 5] = (this.bits[k >>> 5] as number) | (1 << (k & 31));
  }

  addAll(other: KeyFilter): void {
    for (let i = 0; i < this.bits.length; i++) this.bits[i] = (this.bits[i] as number) | (other.bits[i] as number);
  }

  may(key: number): boolean {
    return key === UNKNOWN_KEY || ((this.bits[key >>> 5] as number) & (1 << (key & 31))) !== 0;
  }
}

/** Encodes texts to UTF-8 for the tokenizer (see Tokens). */
const ENCODER = new TextEncoder();
let UTF8 = new Uint8Array(3 * 4096 + 4);

/**
 * UTF-8 bytes of the UTF-16 unit whose first byte `lead` is not ASCII, as the tokenizer walks them:
 * a 3-byte sequence (lead 0xE0–0xEF: the rest of the BMP, or a lone surrogate, encoded as U+FFFD)
 * is one unit; a 2-byte sequence is one unit; a 4-byte sequence (lead 0xF0–0xF4) is a surrogate
 * pair, taken as 2 bytes for the high unit and 2 for the low one, whose "first byte" is then a
 * continuation byte (0x80–0xBF).
 */
function utf8Width(lead: number): number {
  return (lead & 0xf0) === 0xe0 ? 3 : 2;
}

const BUF = {
  kinds: new Uint8Array(4096),
  starts: new Int32Array(4096),
  ends: new Int32Array(4096),
  digits: new Uint8Array(4096),
  keys: new Uint16Array(4096),
  nextNum: new Int32Array(4097),
};
/** Lower-case cache shared across scans; LOWER_GEN says which scan wrote an entry. */
let LOWER: string[] = new Array<string>(4096).fill('');
let LOWER_GEN = new Int32Array(4096);
let GEN = 0;

/**
 * Tokens of one text. Valid until the next Tokens is built (the arrays are shared): build, use,
 * drop, within one synchronous call.
 */
export class Tokens {
  /** Kind per token: read directly in hot loops, index < length. */
  readonly kindsA: Uint8Array;
  private startsA: Int32Array;
  private endsA: Int32Array;
  private digitsA: Uint8Array;
  /** Dictionary-gate key per token (see KeyFilter): read directly in hot loops, index < length. */
  readonly keys: Uint16Array;
  private readonly gen: number;
  private n = 0;
  /** Next Num token index at or after each index (length when none), for index <= length. */
  readonly nextNumA: Int32Array;
  /** Number of tokens. */
  length = 0;
  /** Index of the last Alnum token (-1 when none). */
  lastAlnum = -1;

  constructor(readonly text: string) {
    const s = text;
    const len = s.length;
    // At most one token per input unit. Scans are synchronous, so the buffers are shared and
    // reused (grown when a longer text comes): no per-scan allocation.
    if (BUF.kinds.length < len + 1) {
      const size = Math.max(len + 1, BUF.kinds.length * 2);
      BUF.kinds = new Uint8Array(size);
      BUF.starts = new Int32Array(size);
      BUF.ends = new Int32Array(size);
      BUF.digits = new Uint8Array(size);
      BUF.keys = new Uint16Array(size);
      BUF.nextNum = new Int32Array(size + 1);
      LOWER = new Array<string>(size).fill('');
      LOWER_GEN = new Int32Array(size);
    }
    GEN = (GEN + 1) | 0;
    if (GEN === 0) {
      LOWER_GEN.fill(0);
      GEN = 1;
    }
    this.gen = GEN;
    const kinds = BUF.kinds;
    const starts = BUF.starts;
    const ends = BUF.ends;
    const digitsA = BUF.digits;
    this.kindsA = kinds;
    this.startsA = starts;
    this.endsA = ends;
    this.digitsA = digitsA;
    const keys = BUF.keys;
    this.keys = keys;
    // The text as UTF-8 bytes (one native pass): reading a typed array is much cheaper than
    // charCodeAt. An ASCII unit is its byte; any other unit is read with charCodeAt, and `b` skips
    // its bytes (utf8Width). So `b` is always the first byte of unit `i`.
    if (UTF8.length < 3 * len + 4) UTF8 = new Uint8Array(3 * len + 4);
    const bytes = UTF8;
    const written = ENCODER.encodeInto(s, bytes).written;
    // A sentinel after the text: it ends every run of lower-case letters.
    bytes[written] = 0;
    let n = 0;
    let lastAlnum = -1;
    for (let pass = 0; pass < 2; pass++) {
      n = 0;
      lastAlnum = -1;
      let i = 0;
      let b = 0;
      while (i < len) {
        let c = bytes[b] as number;
        if (c < 0x80) b++;
        else {
          b += utf8Width(c);
          c = s.charCodeAt(i);
        }
        if (c === 32) {
          i++;
          continue;
        }
        let k = CLS[c] as number;
        if (k === 0) k = charClass(c);
        if (k === 3) {
          i++;
          continue;
        }
        if (k === 4 || k === 5) {
          kinds[n] = k === 4 ? Kind.Newline : Kind.Punct;
          starts[n] = i;
          ends[n] = i + 1;
          keys[n] = k === 4 ? 0 : (37 + (KEY_CLASS[c] as number)) * 37 + (KEY_CLASS[c] as number);
          digitsA[n++] = 0;
          i++;
          continue;
        }
        const start = i;
        // The first character (class 1, 2 or 6) is taken here; the loop goes on from the next.
        let nums = k === 2 ? 1 : 0;
        let leading = nums;
        // Apostrophes taken inside the word: letters are the other units that are not digits.
        let skipped = 0;
        let plain = k !== 6;
        i++;
        // The last character taken, for the key.
        let last = c;
        while (i < len) {
          let d = bytes[b] as number;
          // Fast path: a run of lower-case ASCII letters, the bulk of prose (counted at the end),
          // ended at the latest by the sentinel.
          if (d >= 97 && d <= 122) {
            do {
              last = d;
              i++;
              d = bytes[++b] as number;
            } while (d >= 97 && d <= 122);
            if (i >= len) break;
          }
          let w = 1;
          if (d >= 0x80) {
            w = utf8Width(d);
            d = s.charCodeAt(i);
          }
          let q = CLS[d] as number;
          if (q === 0) q = charClass(d);
          if (q === 2) {
            // A leading digit: only digits so far.
            if (i - start === nums) leading++;
            nums++;
          } else if (q === 1 || q === 6) {
            if (q === 6) plain = false;
          } else if ((d === 39 || d === 0x2019) && i - start - nums - skipped >= 2 && isLetterAt(s, i + 1)) {
            // An apostrophe inside a word ("Queen's") when at least two letters came before it and
            // a letter follows; after a one-letter elision ("d'Italie", "O'Connell") it stays
            // punctuation.
            skipped++;
          } else {
            break;
          }
          last = d;
          i++;
          b += w;
        }
        const letters = i - start - nums - skipped;
        let kind: Kind;
        if (nums === 0) kind = Kind.Word;
        else if (leading > 0 && nums === leading && letters <= 3) kind = Kind.Num;
        else {
          kind = Kind.Alnum;
          lastAlnum = n;
        }
        kinds[n] = kind;
        starts[n] = start;
        ends[n] = i;
        keys[n] = plain ? (Math.min(i - start, 15) * 37 + (KEY_CLASS[c] as number)) * 37 + (KEY_CLASS[last] as number) : UNKNOWN_KEY;
        digitsA[n++] = kind === Kind.Num ? Math.min(leading, 255) : 0;
      }
      // In step with the encoder, the last unit ends on the last byte.
      if (i === len && b === written) break;
      // Out of step with the encoder (never expected): again, every unit read with charCodeAt.
      bytes.fill(0x80, 0, 2 * len + 4);
    }
    this.n = n;
    this.length = n;
    this.lastAlnum = lastAlnum;
    // Index of the next Num token at or after each index (n when none).
    const next = BUF.nextNum;
    let nx = n;
    next[n] = n;
    for (let k = n - 1; k >= 0; k--) {
      if (kinds[k] === Kind.Num) nx = k;
      next[k] = nx;
    }
    this.nextNumA = next;
  }

  /** Index of the first Num token at or after i (length when none): a cheap gate for anchors. */
  nextNum(i: number): number {
    return i >= 0 && i <= this.n ? (this.nextNumA[i] as number) : this.n;
  }

  kind(i: number): Kind | 0 {
    return i >= 0 && i < this.n ? (this.kindsA[i] as Kind) : 0;
  }

  start(i: number): number {
    return i >= 0 && i < this.n ? (this.startsA[i] as number) : this.text.length;
  }

  end(i: number): number {
    return i >= 0 && i < this.n ? (this.endsA[i] as number) : this.text.length;
  }

  /** The token's dictionary-gate key (see KeyFilter). */
  key(i: number): number {
    return i >= 0 && i < this.n ? (this.keys[i] as number) : 0;
  }

  /** Number of leading digits of a Num token (0 for other kinds). */
  digits(i: number): number {
    return i >= 0 && i < this.n ? (this.digitsA[i] as number) : 0;
  }

  lower(i: number): string {
    if (i < 0 || i >= this.n) return '';
    if (LOWER_GEN[i] === this.gen) return LOWER[i] as string;
    const l = this.text.slice(this.startsA[i], this.endsA[i]).toLowerCase();
    LOWER[i] = l;
    LOWER_GEN[i] = this.gen;
    return l;
  }

  raw(i: number): string {
    return this.text.slice(this.start(i), this.end(i));
  }

  /** No whitespace between token i and token i + 1. */
  glued(i: number): boolean {
    return i >= 0 && i + 1 < this.n && this.endsA[i] === this.startsA[i + 1];
  }

  /** Token i is a word starting with an upper-case letter. */
  capitalized(i: number): boolean {
    if (this.kind(i) !== Kind.Word) return false;
    const c = this.text.charCodeAt(this.startsA[i] as number);
    if (c < 0x80) return c >= 65 && c <= 90;
    const ch = this.text[this.startsA[i] as number] as string;
    return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
  }

  /** Token i is the single punctuation mark `ch` or one of `chars`. */
  isPunct(i: number, chars: string): boolean {
    if (i < 0 || i >= this.n || this.kindsA[i] !== Kind.Punct) return false;
    return chars.includes(this.text[this.startsA[i] as number] as string);
  }

  /** The token index whose start is >= offset (length when none). */
  indexAt(offset: number, from = 0): number {
    let k = from;
    while (k < this.n && (this.startsA[k] as number) < offset) k++;
    return k;
  }
}

/** Splits a dictionary phrase into lower-cased token texts with the same tokenizer. */
export function phraseTokens(phrase: string): string[] {
  const t = new Tokens(phrase.trim().toLowerCase());
  const out: string[] = [];
  for (let i = 0; i < t.length; i++) if (t.kind(i) !== Kind.Newline) out.push(t.lower(i));
  return out;
}

/** Phrases indexed by their first token; longest first. */
export class PhraseSet {
  private readonly byFirst = new Map<string, string[][]>();
  /** Keys of the first tokens: most tokens are rejected without being lower-cased. */
  readonly firsts = new KeyFilter();
  readonly size: number;

  constructor(phrases: readonly string[]) {
    let count = 0;
    for (const p of phrases) {
      const toks = phraseTokens(p);
      const first = toks[0];
      if (first === undefined) continue;
      this.firsts.add(first);
      const list = this.byFirst.get(first) ?? [];
      if (!list.some((l) => l.join('\u0000') === toks.join('\u0000'))) {
        list.push(toks);
        count++;
      }
      list.sort((a, b) => b.length - a.length);
      this.byFirst.set(first, list);
    }
    this.size = count;
  }

  /**
   * The token index just after the longest phrase starting at token i, or -1. Tokens of a phrase
   * must be on one line; a trailing "." glued to the last word is taken along ("St." for "st").
   */
  match(t: Tokens, i: number, takeDot = true): number {
    if (!this.firsts.may(t.key(i))) return -1;
    const list = this.byFirst.get(t.lower(i));
    if (!list) return -1;
    for (const toks of list) {
      let ok = true;
      for (let k = 1; k < toks.length; k++) {
        if (t.lower(i + k) !== toks[k] || t.kind(i + k) === Kind.Newline) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      let end = i + toks.length;
      // Only an abbreviation takes the dot ("St.", "Avda."); "piazza." ends a sentence.
      if (takeDot && t.kind(end - 1) === Kind.Word && t.lower(end - 1).length <= 4 && t.isPunct(end, '.') && t.glued(end - 1)) end++;
      return end;
    }
    return -1;
  }

  /** Some phrase starts with this (lower-case) token. */
  startsWith(word: string): boolean {
    return this.byFirst.has(word);
  }

  has(word: string): boolean {
    const list = this.byFirst.get(word);
    return !!list && list.some((l) => l.length === 1);
  }
}
