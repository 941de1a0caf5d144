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
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

// ASCII letters and digits, by char code.
const ASCII_WORD = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ASCII_WORD[c] = 1;
for (let c = 65; c <= 90; c++) ASCII_WORD[c] = 1;
for (let c = 97; c <= 122; c++) ASCII_WORD[c] = 1;

function wordChar(c: number, s: string, i: number): boolean {
  if (c < 0x80) return ASCII_WORD[c] === 1;
  if (c >= 0xd800 && c <= 0xdfff) return false;
  return WORD_CHAR.test(s[i] as string);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isLetterAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return !Number.isNaN(c) && !isDigit(c) && wordChar(c, s, i);
}

const BUF = { kinds: new Uint8Array(4096), starts: new Int32Array(4096), ends: new Int32Array(4096), digits: new Uint8Array(4096) };

/**
 * Tokens of one text. Valid until the next Tokens is built (the arrays are shared): build, use,
 * drop, within one synchronous call.
 */
export class Tokens {
  private kindsA: Uint8Array;
  private startsA: Int32Array;
  private endsA: Int32Array;
  private digitsA: Uint8Array;
  private lowers: (string | undefined)[] = [];
  private n = 0;
  private nextNumA: Int32Array | null = null;
  /** Number of tokens. */
  length = 0;

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
    }
    this.kindsA = BUF.kinds;
    this.startsA = BUF.starts;
    this.endsA = BUF.ends;
    this.digitsA = BUF.digits;
    let i = 0;
    while (i < len) {
      const c = s.charCodeAt(i);
      if (c === 10) {
        this.push(Kind.Newline, i, i + 1, 0);
        i++;
        continue;
      }
      if (c === 32 || c === 9 || c === 13 || c === 0xa0 || c === 12 || c === 11) {
        i++;
        continue;
      }
      if (!wordChar(c, s, i)) {
        this.push(Kind.Punct, i, i + 1, 0);
        i++;
        continue;
      }
      const start = i;
      let letters = 0;
      let nums = 0;
      let leading = 0;
      let leadingDone = false;
      while (i < len) {
        const d = s.charCodeAt(i);
        if (wordChar(d, s, i)) {
          if (isDigit(d)) {
            nums++;
            if (!leadingDone) leading++;
          } else {
            letters++;
            leadingDone = true;
          }
          i++;
          continue;
        }
        // An apostrophe inside a word ("Queen's") when at least two letters came before it and a
        // letter follows; after a one-letter elision ("d'Italie", "O'Connell") it stays punctuation.
        if ((d === 39 || d === 0x2019) && letters >= 2 && isLetterAt(s, i + 1)) {
          i++;
          continue;
        }
        break;
      }
      let kind: Kind;
      if (nums === 0) kind = Kind.Word;
      else if (leading > 0 && nums === leading && letters <= 3) kind = Kind.Num;
      else kind = Kind.Alnum;
      this.push(kind, start, i, kind === Kind.Num ? Math.min(leading, 255) : 0);
    }
    this.length = this.n;
  }

  /** Index of the first Num token at or after i (length when none): a cheap gate for anchors. */
  nextNum(i: number): number {
    if (!this.nextNumA) {
      const a = new Int32Array(this.n + 1);
      let next = this.n;
      a[this.n] = next;
      for (let k = this.n - 1; k >= 0; k--) {
        if (this.kindsA[k] === Kind.Num) next = k;
        a[k] = next;
      }
      this.nextNumA = a;
    }
    return i >= 0 && i <= this.n ? (this.nextNumA[i] as number) : this.n;
  }

  private push(kind: Kind, start: number, end: number, digits: number): void {
    const k = this.n++;
    this.kindsA[k] = kind;
    this.startsA[k] = start;
    this.endsA[k] = end;
    this.digitsA[k] = digits;
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

  /** Number of leading digits of a Num token (0 for other kinds). */
  digits(i: number): number {
    return i >= 0 && i < this.n ? (this.digitsA[i] as number) : 0;
  }

  lower(i: number): string {
    if (i < 0 || i >= this.n) return '';
    let l = this.lowers[i];
    if (l === undefined) {
      l = this.text.slice(this.startsA[i], this.endsA[i]).toLowerCase();
      this.lowers[i] = l;
    }
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
  readonly size: number;

  constructor(phrases: readonly string[]) {
    let count = 0;
    for (const p of phrases) {
      const toks = phraseTokens(p);
      const first = toks[0];
      if (first === undefined) continue;
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

  has(word: string): boolean {
    const list = this.byFirst.get(word);
    return !!list && list.some((l) => l.length === 1);
  }
}
