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

function wordChar(c: number, s: string, i: number): boolean {
  if (c < 0x80) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
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

export class Tokens {
  readonly kinds: Kind[] = [];
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  readonly lowers: string[] = [];
  /** Number of leading digits of a Num token (0 for other kinds). */
  readonly digits: number[] = [];

  constructor(readonly text: string) {
    const s = text;
    const n = s.length;
    let i = 0;
    while (i < n) {
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
      while (i < n) {
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
      this.push(kind, start, i, kind === Kind.Num ? leading : 0);
    }
  }

  private push(kind: Kind, start: number, end: number, digits: number): void {
    this.kinds.push(kind);
    this.starts.push(start);
    this.ends.push(end);
    this.lowers.push(this.text.slice(start, end).toLowerCase());
    this.digits.push(digits);
  }

  get length(): number {
    return this.kinds.length;
  }

  kind(i: number): Kind | 0 {
    return this.kinds[i] ?? 0;
  }

  start(i: number): number {
    return this.starts[i] ?? this.text.length;
  }

  end(i: number): number {
    return this.ends[i] ?? this.text.length;
  }

  lower(i: number): string {
    return this.lowers[i] ?? '';
  }

  raw(i: number): string {
    return this.text.slice(this.start(i), this.end(i));
  }

  /** No whitespace between token i and token i + 1. */
  glued(i: number): boolean {
    return i + 1 < this.length && this.end(i) === this.start(i + 1);
  }

  /** Token i is a word starting with an upper-case letter. */
  capitalized(i: number): boolean {
    if (this.kind(i) !== Kind.Word) return false;
    const ch = this.text[this.start(i)] as string;
    return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
  }

  isPunct(i: number, chars: string): boolean {
    return this.kind(i) === Kind.Punct && chars.includes(this.text[this.start(i)] as string);
  }

  /** The token index whose start is >= offset (length when none). */
  indexAt(offset: number, from = 0): number {
    let k = from;
    while (k < this.length && this.start(k) < offset) k++;
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
