/**
 * Normalisation that needs neighbours: the second pass over a view's text, after the per-code-point
 * folding in view.ts (docs/normalisation.md). It undoes layouts a reader still reads as one value:
 *
 * - look-alike letters inside digit groups (`415 555 O134`, `4l5`, `l234 Elm St`) and look-alike
 *   digits inside the street name after a house number (`1234 E1m St`);
 * - underscores between digit groups (`415_555_0134`);
 * - one digit group per line (`Call me on\n415\n555\n0134`);
 * - a line break next to the '@' of an email (`jane.doe\n@example.com`);
 * - an English house number in words before a street name (`twelve thirty-four Elm Street`).
 *
 * Each rule has a cheap test that rejects ordinary posts before any work, and each edit is local, so
 * the result is again a TextView whose offsets map exactly back to the original input.
 */
import type { TextView } from './view';

/** A replacement of view.text[start, end) by `text`. */
interface Edit {
  start: number;
  end: number;
  text: string;
}

// Letters read as digits inside a digit group: O/o → 0, l/I → 1.
const LOOKALIKE_DIGIT: Record<string, string> = { O: '0', o: '0', l: '1', I: '1' };
// Digits read as letters inside a word: 1 → l, 0 → o.
const LOOKALIKE_LETTER: Record<string, string> = { '1': 'l', '0': 'o' };

/*
 * A token of digits and look-alike letters only, not inside a longer word: "O134", "4l5", "l",
 * "415". Rejects "Hello" (the lookbehind fails at every letter after the first), bounded run.
 */
const DIGITISH_TOKEN = /(?<![0-9A-Za-z])[0-9OolI]{1,24}(?![0-9A-Za-z])/g;
// Characters that may stand next to a digit group of a phone or house number.
const GROUP_NEIGHBOUR = /^[\s()+,;:./-]?$/;
/*
 * House number, one space, then a word of letters holding 1 or 0 ("1234 E1m", "12 0ak"). The word
 * is 3–20 units; single bounded classes: linear.
 */
const STREET_WORD = /(?<![0-9A-Za-z])[0-9]{1,5} ([A-Za-z0-9]{3,20})(?=[ ,])/g;

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** Look-alike letters inside digit groups, and look-alike digits inside a street name. */
function lookalikes(t: string, edits: Edit[]): void {
  // Tokens of digits and look-alikes, with their neighbours, in order.
  const tokens: { start: number; end: number; digits: number; converted: boolean }[] = [];
  DIGITISH_TOKEN.lastIndex = 0;
  for (let m = DIGITISH_TOKEN.exec(t); m !== null; m = DIGITISH_TOKEN.exec(t)) {
    const start = m.index;
    const end = start + m[0].length;
    let digits = 0;
    for (const ch of m[0]) if (isDigit(ch)) digits++;
    tokens.push({ start, end, digits, converted: false });
  }
  const isolated = (start: number, end: number) =>
    GROUP_NEIGHBOUR.test(t.slice(Math.max(0, start - 1), start)) && GROUP_NEIGHBOUR.test(t.slice(end, end + 1));
  const pureGroup = (x: (typeof tokens)[number] | undefined) => x !== undefined && x.digits >= 3 && x.digits === x.end - x.start;
  // A token with at least two real digits and no more look-alikes than digits, or with one digit
  // and a digit group of 3+ one separator away, and nothing but separators around it, reads as a
  // number: "O134", "4l5", "OI34", "l234", "555 lO". "l0l", "IO1", "H2O" alone do not.
  for (let k = 0; k < tokens.length; k++) {
    const tok = tokens[k] as (typeof tokens)[number];
    const letters = tok.end - tok.start - tok.digits;
    if (letters === 0 || tok.digits === 0 || !isolated(tok.start, tok.end)) continue;
    const prev = tokens[k - 1];
    const next = tokens[k + 1];
    const besideGroup = (pureGroup(prev) && tok.start - (prev as (typeof tokens)[number]).end === 1) ||
      (pureGroup(next) && (next as (typeof tokens)[number]).start - tok.end === 1);
    if ((tok.digits >= 2 && tok.digits >= letters) || (besideGroup && letters <= 2)) tok.converted = true;
  }
  // A lone look-alike ("O", "l", "Ol") between two digit groups, one separator apart on each side.
  for (let k = 1; k + 1 < tokens.length; k++) {
    const tok = tokens[k] as (typeof tokens)[number];
    const prev = tokens[k - 1] as (typeof tokens)[number];
    const next = tokens[k + 1] as (typeof tokens)[number];
    if (tok.digits > 0 || tok.end - tok.start > 2) continue;
    const groupLike = (x: typeof tok) => x.end - x.start >= 2 && (x.converted || x.digits === x.end - x.start);
    if (tok.start - prev.end === 1 && next.start - tok.end === 1 && groupLike(prev) && groupLike(next) && isolated(tok.start, tok.end)) tok.converted = true;
  }
  for (const tok of tokens) {
    if (!tok.converted) continue;
    for (let i = tok.start; i < tok.end; i++) {
      const d = LOOKALIKE_DIGIT[t[i] as string];
      if (d !== undefined) edits.push({ start: i, end: i + 1, text: d });
    }
  }
  // "1234 E1m St": a street name with a 1 or 0 among its letters, right after a house number.
  STREET_WORD.lastIndex = 0;
  for (let m = STREET_WORD.exec(t); m !== null; m = STREET_WORD.exec(t)) {
    const word = m[1] as string;
    let letters = 0;
    let swaps = 0;
    let other = false;
    for (const ch of word) {
      if (LOOKALIKE_LETTER[ch] !== undefined) swaps++;
      else if (isDigit(ch)) other = true;
      else letters++;
    }
    // Letters on both sides of each swapped digit: "E1m", "0ak" is left alone ("0" first could be a
    // unit or a code), and so are codes with other digits ("B12").
    if (other || swaps === 0 || swaps > 2 || letters < 2) continue;
    const at = m.index + m[0].length - word.length;
    for (let i = 0; i < word.length; i++) {
      const l = LOOKALIKE_LETTER[word[i] as string];
      if (l === undefined) continue;
      if (!/[A-Za-z]/.test(word[i - 1] ?? '') || !/[A-Za-z]/.test(word[i + 1] ?? '')) continue;
      edits.push({ start: at + i, end: at + i + 1, text: l });
    }
  }
}

/*
 * Digit groups joined by underscores, not inside an identifier: "415_555_0134". The group after
 * each '_' starts with a digit, so the repetition is unambiguous: linear.
 */
const UNDERSCORE_GROUPS = /(?<![0-9A-Za-z_])\+?[0-9]{1,5}(?:_[0-9]{1,5}){1,5}(?![0-9A-Za-z_])/g;

function underscores(t: string, edits: Edit[]): void {
  UNDERSCORE_GROUPS.lastIndex = 0;
  for (let m = UNDERSCORE_GROUPS.exec(t); m !== null; m = UNDERSCORE_GROUPS.exec(t)) {
    for (let i = m.index; i < m.index + m[0].length; i++) if (t[i] === '_') edits.push({ start: i, end: i + 1, text: ' ' });
  }
}

/*
 * Digit groups on a line: all of it ("415", "(415)", "+1", "415 555"), its end after other text
 * ("Call me on 415"), or its start before other text ("0134 thanks"); one to three groups, at most
 * 4 blanks around. Each repeated group starts with a separator that is not a digit, and classes
 * next to each other do not overlap: linear.
 */
const GROUP_LINE = /^[ \t]{0,4}([+(]?[0-9]{1,5}\)?(?:[ .-][0-9]{1,5}){0,2})[ \t]{0,4}$/;
const GROUP_TAIL = /[ \t:]([+(]?[0-9]{1,5}\)?(?:[ .-][0-9]{1,5}){0,2})[ \t]{0,4}$/;
const GROUP_HEAD = /^[ \t]{0,4}([0-9]{1,5}(?:[ .-][0-9]{1,5}){0,2})(?=[ \t,;!?)]|\.(?![0-9])|$)/;
const BLANK_LINE = /^[ \t]{0,8}$/;

/** Digit groups at [from, to) of the text. */
interface Groups {
  from: number;
  to: number;
  groups: number;
  digits: number;
}

function groupsAt(m: RegExpExecArray | null, lineStart: number): Groups | undefined {
  if (!m) return undefined;
  const body = m[1] as string;
  const from = lineStart + m.index + m[0].indexOf(body);
  let digits = 0;
  for (const ch of body) if (isDigit(ch)) digits++;
  return { from, to: from + body.length, groups: body.split(/[ .-]/).length, digits };
}

/**
 * A number laid out one group per line ("415\n555\n0134", also with blank lines between, as
 * markdown paragraphs or <br> give, or wrapped: "Call me on 415\n555 0134"): 2–6 lines of digit
 * groups, 3 groups or more, 7–15 digits in all, read as one line — each break, with the blanks
 * around it, becomes one space. The first line may end, and the last begin, with other text.
 */
function groupLines(t: string, edits: Edit[]): void {
  interface Line { full?: Groups; tail?: Groups; head?: Groups; blank: boolean }
  const lines: Line[] = [];
  let s = 0;
  for (;;) {
    const nl = t.indexOf('\n', s);
    const e = nl < 0 ? t.length : nl;
    const end = e > s && t[e - 1] === '\r' ? e - 1 : e;
    const line: Line = { blank: false };
    if (end - s <= 32) {
      const text = t.slice(s, end);
      line.full = groupsAt(GROUP_LINE.exec(text), s);
      line.blank = !line.full && BLANK_LINE.test(text);
    }
    if (!line.full && !line.blank) {
      // Only the last / first 40 units of a long line are read.
      const tailFrom = Math.max(s, end - 40);
      line.tail = groupsAt(GROUP_TAIL.exec(t.slice(tailFrom, end)), tailFrom);
      line.head = groupsAt(GROUP_HEAD.exec(t.slice(s, Math.min(end, s + 40))), s);
    }
    lines.push(line);
    if (nl < 0) break;
    s = nl + 1;
  }
  let k = 0;
  while (k < lines.length) {
    const first = lines[k] as Line;
    const start = first.full ?? first.tail;
    if (!start) {
      k++;
      continue;
    }
    const block: Groups[] = [start];
    let j = k + 1;
    while (j < lines.length) {
      const line = lines[j] as Line;
      if (line.full) block.push(line.full);
      else if (!line.blank) {
        if (line.head) {
          block.push(line.head);
          j++;
        }
        break;
      }
      j++;
    }
    const groups = block.reduce((n, g) => n + g.groups, 0);
    const digits = block.reduce((n, g) => n + g.digits, 0);
    if (block.length >= 2 && block.length <= 6 && groups >= 3 && digits >= 7 && digits <= 15) {
      for (let l = 0; l + 1 < block.length; l++) edits.push({ start: (block[l] as Groups).to, end: (block[l + 1] as Groups).from, text: ' ' });
    }
    k = Math.max(j, k + 1);
  }
}

// Characters of an email's local part and of a domain label.
const LOCAL_CHAR = /[A-Za-z0-9._%+-]/;
const DOMAIN_CHAR = /[A-Za-z0-9]/;

/** A single line break (with blanks) right before or after the '@' of an email is not there. */
function emailBreaks(t: string, edits: Edit[]): void {
  for (let at = t.indexOf('@'); at >= 0; at = t.indexOf('@', at + 1)) {
    // Before: "jane.doe\n@example.com".
    let b = at;
    while (b > 0 && at - b < 6 && (t[b - 1] === ' ' || t[b - 1] === '\t' || t[b - 1] === '\r')) b--;
    if (b > 0 && t[b - 1] === '\n') {
      let a = b - 1;
      while (a > 0 && b - a < 6 && (t[a - 1] === ' ' || t[a - 1] === '\t' || t[a - 1] === '\r')) a--;
      if (a > 0 && LOCAL_CHAR.test(t[a - 1] as string) && DOMAIN_CHAR.test(t[at + 1] ?? '')) edits.push({ start: a, end: at, text: '' });
      continue;
    }
    // After: "jane.doe@\nexample.com".
    let e = at + 1;
    while (e < t.length && e - at < 6 && (t[e] === ' ' || t[e] === '\t' || t[e] === '\r')) e++;
    if (t[e] === '\n' && at > 0 && LOCAL_CHAR.test(t[at - 1] as string)) {
      let f = e + 1;
      while (f < t.length && f - e < 6 && (t[f] === ' ' || t[f] === '\t')) f++;
      if (DOMAIN_CHAR.test(t[f] ?? '')) edits.push({ start: at + 1, end: f, text: '' });
    }
  }
}

const UNITS: Record<string, number> = {
  zero: 0, oh: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16,
  seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };

/*
 * The end of an English number word (any case of its first letter) followed by one space and a
 * capitalised word: "thirty-four Elm", "Twelve Oak". Literal alternatives, then fixed classes:
 * linear. Each hit is then read backwards word by word (at most 8 words).
 */
const NUMBER_WORD_END = /(?:teen|ty|one|wo|ree|our|ive|ix|ven|ght|ine|en|lve|red) [A-Z][a-z]/g;
const LETTER = /^[A-Za-z]$/;

/**
 * The digits of an English house number in words: "twelve thirty-four" → "1234" (groups said one
 * after the other), "one hundred twenty" → "120", "four oh five" → "405". null when a word is not a
 * number word.
 */
export function numberWordsToDigits(words: readonly string[]): string | null {
  let out = '';
  // The value of the group being read, and whether it used "hundred"/"thousand".
  let group = -1;
  let total = 0;
  let scaled = false;
  let lastTens = false;
  const flush = () => {
    if (group >= 0 || scaled) out += String(total + Math.max(0, group));
    group = -1;
    total = 0;
    scaled = false;
    lastTens = false;
  };
  for (const raw of words) {
    const w = raw.toLowerCase();
    if (w === 'and' && (scaled || group >= 0)) continue;
    const unit = UNITS[w];
    const tens = TENS[w];
    if (w === 'hundred' || w === 'thousand') {
      const mult = w === 'hundred' ? 100 : 1000;
      total += Math.max(1, group) * mult;
      group = -1;
      scaled = true;
      lastTens = false;
    } else if (unit !== undefined) {
      if (lastTens && unit > 0 && unit < 10) {
        group += unit;
        lastTens = false;
      } else if (scaled && group < 0) {
        group = unit;
      } else {
        flush();
        group = unit;
      }
    } else if (tens !== undefined) {
      if (!(scaled && group < 0)) flush();
      group = tens;
      lastTens = true;
    } else {
      return null;
    }
  }
  flush();
  return out === '' ? null : out;
}

/**
 * A house number in English words right before a capitalised word: "twelve thirty-four Elm
 * Street" reads "1234 Elm Street". Only numbers of at least 10 or of several words (so "two Main
 * Street shops" stays prose), at most 5 digits (spelled-out phone numbers are not read here).
 */
function numberWords(t: string, edits: Edit[]): void {
  NUMBER_WORD_END.lastIndex = 0;
  for (let m = NUMBER_WORD_END.exec(t); m !== null; m = NUMBER_WORD_END.exec(t)) {
    const end = m.index + m[0].length - 3;
    // Read words backwards while they are number words joined by one space or hyphen.
    const words: string[] = [];
    let start = end;
    let p = end;
    while (words.length < 8) {
      let q = p;
      while (q > 0 && p - q < 10 && LETTER.test(t[q - 1] as string)) q--;
      if (q === p || (q > 0 && LETTER.test(t[q - 1] as string))) break;
      const w = t.slice(q, p);
      if (w.toLowerCase() !== 'and' && numberWordsToDigits([w]) === null) break;
      words.unshift(w);
      start = q;
      if (q >= 2 && (t[q - 1] === ' ' || t[q - 1] === '-') && LETTER.test(t[q - 2] as string)) p = q - 1;
      else break;
    }
    while (words.length > 0 && (words[0] as string).toLowerCase() === 'and') {
      start += (words[0] as string).length + 1;
      words.shift();
    }
    if (words.length === 0 || (start > 0 && /[0-9]/.test(t[start - 1] as string))) continue;
    // "Twelve Thirty-Four Elm": the capitalised word after this hit is itself a number word; the
    // hit at its end reads the whole number.
    let after = end + 1;
    while (after < t.length && after - end < 11 && LETTER.test(t[after] as string)) after++;
    if (numberWordsToDigits([t.slice(end + 1, after)]) !== null) continue;
    const digits = numberWordsToDigits(words);
    if (digits === null || digits.length > 5 || (words.length < 2 && Number(digits) < 10)) continue;
    edits.push({ start, end, text: digits });
  }
}

/**
 * A view over another view with some of its text replaced: unit j of `text` came from the inner
 * range [starts[j], ends[j]).
 */
class EditedView implements TextView {
  readonly sourceLength: number;
  readonly linkTargetsStart: number;

  constructor(
    readonly text: string,
    private readonly inner: TextView,
    private readonly starts: Int32Array,
    private readonly ends: Int32Array,
  ) {
    this.sourceLength = inner.sourceLength;
    this.linkTargetsStart = inner.linkTargetsStart >= inner.text.length ? text.length : this.firstAtOrAfter(inner.linkTargetsStart);
  }

  /** The first unit of `text` that came from inner index i or later. */
  private firstAtOrAfter(i: number): number {
    let lo = 0;
    let hi = this.text.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.starts[mid] as number) < i) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  toOriginal(start: number, end: number): [number, number] {
    if (end <= start) {
      const p = start < this.text.length ? (this.starts[start] as number) : this.inner.text.length;
      return this.inner.toOriginal(p, p);
    }
    return this.inner.toOriginal(this.starts[start] as number, this.ends[end - 1] as number);
  }

  anchorOf(index: number): number {
    if (index < this.linkTargetsStart || index >= this.text.length) return -1;
    const a = this.inner.anchorOf(this.starts[index] as number);
    return a < 0 ? -1 : this.firstAtOrAfter(a);
  }
}

/** A view of the same length with some units replaced one for one: offsets are the inner ones. */
class RelabelledView implements TextView {
  constructor(readonly text: string, private readonly inner: TextView) {}
  get sourceLength(): number {
    return this.inner.sourceLength;
  }
  get linkTargetsStart(): number {
    return this.inner.linkTargetsStart;
  }
  toOriginal(start: number, end: number): [number, number] {
    return this.inner.toOriginal(start, end);
  }
  anchorOf(index: number): number {
    return this.inner.anchorOf(index);
  }
}

/** Applies non-overlapping edits (any order) to a view. */
function applyEdits(view: TextView, edits: Edit[]): TextView {
  edits.sort((a, b) => a.start - b.start || b.end - a.end);
  const t = view.text;
  const kept: Edit[] = [];
  let last = -1;
  let sameLength = true;
  for (const e of edits) {
    if (e.start < last) continue; // overlaps an earlier edit
    kept.push(e);
    last = e.end;
    if (e.text.length !== e.end - e.start) sameLength = false;
  }
  const parts: string[] = [];
  let at = 0;
  for (const e of kept) {
    parts.push(t.slice(at, e.start), e.text);
    at = e.end;
  }
  parts.push(t.slice(at));
  const text = parts.join('');
  if (sameLength) return new RelabelledView(text, view);
  const starts = new Int32Array(text.length);
  const ends = new Int32Array(text.length);
  let j = 0;
  let i = 0;
  for (const e of kept) {
    for (; i < e.start; i++, j++) {
      starts[j] = i;
      ends[j] = i + 1;
    }
    if (e.text.length === e.end - e.start) {
      for (let k = 0; k < e.text.length; k++, j++) {
        starts[j] = e.start + k;
        ends[j] = e.start + k + 1;
      }
    } else {
      // Every unit of the replacement stands for the whole replaced range.
      for (let k = 0; k < e.text.length; k++, j++) {
        starts[j] = e.start;
        ends[j] = e.end;
      }
    }
    i = e.end;
  }
  for (; i < t.length; i++, j++) {
    starts[j] = i;
    ends[j] = i + 1;
  }
  return new EditedView(text, view, starts, ends);
}

/*
 * Cyrillic and Greek letters that look like Latin ones. Read as Latin only inside a token that also
 * holds ASCII letters or digits ("jаne" with a Cyrillic а, "О134" with a Cyrillic О): a word wholly
 * in Cyrillic or Greek is left as it is.
 */
const HOMOGLYPHS: Record<string, string> = {
  '\u0410': 'A', '\u0412': 'B', '\u0415': 'E', '\u041a': 'K', '\u041c': 'M', '\u041d': 'H', '\u041e': 'O', '\u0420': 'P',
  '\u0421': 'C', '\u0422': 'T', '\u0425': 'X', '\u0430': 'a', '\u0435': 'e', '\u043e': 'o', '\u0440': 'p', '\u0441': 'c',
  '\u0443': 'y', '\u0445': 'x', '\u0405': 'S', '\u0406': 'I', '\u0408': 'J', '\u0455': 's', '\u0456': 'i', '\u0458': 'j',
  '\u04bb': 'h', '\u04c0': 'l', '\u04cf': 'l', '\u0501': 'd', '\u051b': 'q', '\u051d': 'w',
  '\u0391': 'A', '\u0392': 'B', '\u0395': 'E', '\u0396': 'Z', '\u0397': 'H', '\u0399': 'I', '\u039a': 'K', '\u039c': 'M',
  '\u039d': 'N', '\u039f': 'O', '\u03a1': 'P', '\u03a4': 'T', '\u03a5': 'Y', '\u03a7': 'X', '\u03bf': 'o', '\u03c1': 'p',
};
// Any Greek or Cyrillic letter (the quick test; V8 rejects a Latin-1 string at once).
const GREEK_OR_CYRILLIC = /[\u0370-\u03ff\u0400-\u052f]/;
// A token of ASCII letters and digits, Greek and Cyrillic letters. Single class: linear.
const MIXED_TOKEN = /[0-9A-Za-z\u0370-\u03ff\u0400-\u052f]+/g;
const ASCII_ALNUM = /[0-9A-Za-z]/;

/** Look-alike Greek and Cyrillic letters inside tokens that are otherwise Latin or digits. */
function homoglyphs(t: string, edits: Edit[]): void {
  MIXED_TOKEN.lastIndex = 0;
  for (let m = MIXED_TOKEN.exec(t); m !== null; m = MIXED_TOKEN.exec(t)) {
    const tok = m[0];
    if (!ASCII_ALNUM.test(tok) || !GREEK_OR_CYRILLIC.test(tok)) continue;
    // Only when every Greek/Cyrillic letter of the token has a Latin twin ("jаne", not "jаnе-ж").
    let ok = true;
    for (const ch of tok) if (ch > '\u036f' && HOMOGLYPHS[ch] === undefined) ok = false;
    if (!ok) continue;
    for (let i = 0; i < tok.length; i++) {
      const l = HOMOGLYPHS[tok[i] as string];
      if (l !== undefined) edits.push({ start: m.index + i, end: m.index + i + 1, text: l });
    }
  }
}

/*
 * One scan that says whether any digit-layout or email rule can apply: a digit touching a look-alike
 * letter or an underscore ("O134", "4l5", "415_555"), a lone look-alike after a digit group
 * ("555 O l34"), a 0/1 between letters ("E1m"), a line starting with a digit group, or a line break
 * next to '@'. Alternatives of fixed length and bounded blank runs: linear.
 */
const LAYOUT_HINT = /[0-9](?:[OolI_]|[ .-][OolI][ .-])|[OolI][0-9]|[01](?<=[A-Za-z][01])[A-Za-z]|\n[ \t]{0,4}[0-9+(@]|@[ \t]{0,4}\r?\n/;
const DIGIT = /[0-9]/;

/**
 * The second normalisation pass: returns `view` itself when no rule applies (the common case,
 * decided by a cheap scan or two), else a view of the normalised text mapped to the same original.
 */
export function normaliseView(input: TextView): TextView {
  let view = input;
  // Homoglyphs first (one for one), so the rules below read "О134" with a Latin O.
  if (GREEK_OR_CYRILLIC.test(view.text)) {
    const swaps: Edit[] = [];
    homoglyphs(view.text, swaps);
    if (swaps.length > 0) view = applyEdits(view, swaps);
  }
  const t = view.text;
  const edits: Edit[] = [];
  if (LAYOUT_HINT.test(t)) {
    lookalikes(t, edits);
    underscores(t, edits);
    groupLines(t, edits);
    emailBreaks(t, edits);
  }
  // A house number in words is read only in a post that has digits elsewhere (the postal code the
  // address detector anchors on), which keeps the word search off most PII-free posts.
  if (DIGIT.test(t)) numberWords(t, edits);
  return edits.length === 0 ? view : applyEdits(view, edits);
}
