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
import type { HiddenRange, TextView } from './view';

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
 * Where a look-alike may stand, found from its digit (digits are rarer than letters, so the scan is
 * quick): a digit after a look-alike ("O134") or before one ("4l5"), a digit, separator, lone
 * look-alike, separator, digit ("555 O 134"), or a 1/0 between letters ("E1m"). Alternatives of
 * fixed length after one digit: linear. Only the tokens around each hit are read.
 */
const LOOKALIKE_HIT = /[0-9](?:(?<=[OolI][0-9])|[OolI]|[ .-][OolI]{1,2}[ .-][0-9]|(?<=[A-Za-z][01])[A-Za-z])/g;
/** A separator between the groups of a phone or house number. */
function isSeparator(c: string | undefined): boolean {
  return c === ' ' || c === '.' || c === '-';
}

/** What may stand right before or after a digit group: nothing, a blank, a separator, a bracket or punctuation. */
function isGroupNeighbour(c: string | undefined): boolean {
  return c === undefined || c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '(' || c === ')' || c === '+' ||
    c === ',' || c === ';' || c === ':' || c === '.' || c === '/' || c === '-';
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isAlnum(c: string | undefined): boolean {
  return c !== undefined && ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
}

/** Part of a word: an ASCII letter or digit, or anything outside ASCII ("größten" is one word). */
function isWordUnit(c: string | undefined): boolean {
  return c !== undefined && (isAlnum(c) || c.charCodeAt(0) >= 0x80);
}

function isLookalike(c: string | undefined): boolean {
  return c === 'O' || c === 'o' || c === 'l' || c === 'I';
}

/** A token of digits and look-alike letters, not inside a longer word. */
interface Token {
  start: number;
  end: number;
  digits: number;
}

/** The token of digits and look-alikes around index i (at most 24 units), or null. */
function tokenAt(t: string, i: number): Token | null {
  if (!(isDigit(t[i]) || isLookalike(t[i]))) return null;
  let start = i;
  let end = i + 1;
  while (start > 0 && i - start < 24 && (isDigit(t[start - 1]) || isLookalike(t[start - 1]))) start--;
  while (end < t.length && end - i < 24 && (isDigit(t[end]) || isLookalike(t[end]))) end++;
  if (isWordUnit(t[start - 1]) || isWordUnit(t[end])) return null;
  if (!isGroupNeighbour(t[start - 1]) || !isGroupNeighbour(t[end])) return null;
  let digits = 0;
  for (let k = start; k < end; k++) if (isDigit(t[k])) digits++;
  return { start, end, digits };
}

/** The token one separator before / after `tok`, or null. */
function neighbour(t: string, tok: Token, side: -1 | 1): Token | null {
  const sep = side < 0 ? tok.start - 1 : tok.end;
  if (!isSeparator(t[sep])) return null;
  return tokenAt(t, sep + side);
}

const isPureGroup = (x: Token | null, min: number) => x !== null && x.digits >= min && x.digits === x.end - x.start;

/**
 * A token with at least two real digits and no more look-alikes than digits, or with one digit
 * and a digit group of 3+ one separator away, reads as a number: "O134", "4l5", "OI34", "l234",
 * "555 lO". "l0l", "IO1", "H2O" do not.
 */
function readsAsNumber(t: string, tok: Token): boolean {
  const letters = tok.end - tok.start - tok.digits;
  if (letters === 0 || tok.digits === 0) return false;
  if (tok.digits >= 2 && tok.digits >= letters) return true;
  return letters <= 2 && (isPureGroup(neighbour(t, tok, -1), 3) || isPureGroup(neighbour(t, tok, 1), 3));
}

/** A digit group, or a token that reads as one. */
const groupLike = (t: string, x: Token | null) => x !== null && x.end - x.start >= 2 && (x.digits === x.end - x.start || readsAsNumber(t, x));

/** A lone look-alike ("O", "l", "Ol") with a digit group one separator away on each side. */
function loneReadsAsDigits(t: string, tok: Token | null): tok is Token {
  return tok !== null && tok.digits === 0 && tok.end - tok.start <= 2 && groupLike(t, neighbour(t, tok, -1)) && groupLike(t, neighbour(t, tok, 1));
}

function digitEdits(t: string, tok: Token, edits: Edit[]): void {
  for (let i = tok.start; i < tok.end; i++) {
    const d = LOOKALIKE_DIGIT[t[i] as string];
    if (d !== undefined) edits.push({ start: i, end: i + 1, text: d });
  }
}

/**
 * "1234 E1m St": a 1 or 0 between letters of a word of 3–20 letters and at most two such digits,
 * right after a house number of 1–5 digits and followed by a space or comma, reads as l / o.
 */
function streetNameEdits(t: string, at: number, edits: Edit[]): void {
  let start = at;
  let end = at + 1;
  while (start > 0 && at - start < 20 && isAlnum(t[start - 1])) start--;
  while (end < t.length && end - at < 20 && isAlnum(t[end])) end++;
  if (end - start < 3 || end - start > 20 || !(t[end] === ' ' || t[end] === ',') || t[start - 1] !== ' ') return;
  let h = start - 1;
  while (h > 0 && start - 1 - h < 5 && isDigit(t[h - 1])) h--;
  if (h === start - 1 || isWordUnit(t[h - 1])) return;
  let letters = 0;
  let swaps = 0;
  for (let i = start; i < end; i++) {
    const c = t[i] as string;
    if (LOOKALIKE_LETTER[c] !== undefined) swaps++;
    else if (isDigit(c)) return; // other digits: a code such as "B12"
    else letters++;
  }
  if (swaps > 2 || letters < 2) return;
  for (let i = start + 1; i < end - 1; i++) {
    const l = LOOKALIKE_LETTER[t[i] as string];
    if (l !== undefined && !isDigit(t[i - 1]) && !isDigit(t[i + 1])) edits.push({ start: i, end: i + 1, text: l });
  }
}

/** Look-alike letters inside digit groups, and look-alike digits inside a street name. */
function lookalikes(t: string, edits: Edit[]): void {
  LOOKALIKE_HIT.lastIndex = 0;
  for (let m = LOOKALIKE_HIT.exec(t); m !== null; m = LOOKALIKE_HIT.exec(t)) {
    const at = m.index;
    if (m[0].length >= 5) {
      // Digit, separator, lone look-alike, separator, digit.
      const lone = tokenAt(t, at + 2);
      if (loneReadsAsDigits(t, lone)) digitEdits(t, lone, edits);
      LOOKALIKE_HIT.lastIndex = at + 1;
      continue;
    }
    // Letter, 1 or 0, letter.
    if (isLetter(t[at - 1]) && isLetter(t[at + 1]) && (t[at] === '0' || t[at] === '1')) streetNameEdits(t, at, edits);
    if (!isLookalike(t[at - 1]) && !isLookalike(t[at + 1])) {
      LOOKALIKE_HIT.lastIndex = at + 1;
      continue;
    }
    const tok = tokenAt(t, at);
    LOOKALIKE_HIT.lastIndex = tok === null ? at + 1 : Math.max(at + 1, tok.end);
    if (tok === null || !readsAsNumber(t, tok)) continue;
    digitEdits(t, tok, edits);
    // Lone look-alikes next to it ("4l5 555 O l34": the "O" before "l34").
    for (const side of [-1, 1] as const) {
      const lone = neighbour(t, tok, side);
      if (loneReadsAsDigits(t, lone)) digitEdits(t, lone, edits);
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
    // One same-length edit per run (digits and '+' kept): the run holds no unit another rule edits.
    edits.push({ start: m.index, end: m.index + m[0].length, text: m[0].replace(/_/g, ' ') });
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

/** Digit groups at [from, to) of the text. */
interface Groups {
  from: number;
  to: number;
  groups: number;
  digits: number;
  /** Groups of a single digit ("+1" counts). */
  singles: number;
}

function groupsAt(m: RegExpExecArray | null, lineStart: number): Groups | undefined {
  if (!m) return undefined;
  const body = m[1] as string;
  const from = lineStart + m.index + m[0].indexOf(body);
  let digits = 0;
  for (const ch of body) if (isDigit(ch)) digits++;
  const parts = body.split(/[ .-]/);
  // A leading "+1" (a country code) is not counted.
  const singles = parts.filter((p, k) => p.replace(/[^0-9]/g, '').length === 1 && !(k === 0 && p.startsWith('+'))).length;
  return { from, to: from + body.length, groups: parts.length, digits, singles };
}

/**
 * Is there a line that opens with a digit, '+' or '(' after a line (blank lines between) that
 * closes with a digit or ')'? The same test as groupLines' first pass, without building a record
 * per line: a post of 262,144 line breaks spent most of its scan allocating and collecting them.
 */
function opensAfterCloses(t: string): boolean {
  // Whether the last non-blank line closes (false before the first one).
  let prevCloses = false;
  let s = 0;
  for (;;) {
    const nl = t.indexOf('\n', s);
    const e = nl < 0 ? t.length : nl;
    const end = e > s && t[e - 1] === '\r' ? e - 1 : e;
    let a = s;
    while (a < end && a - s < 8 && (t[a] === ' ' || t[a] === '\t')) a++;
    let z = end;
    while (z > a && end - z < 8 && (t[z - 1] === ' ' || t[z - 1] === '\t')) z--;
    if (a !== z) {
      const first = t[a];
      const last = t[z - 1];
      if (prevCloses && (isDigit(first) || first === '+' || first === '(')) return true;
      prevCloses = isDigit(last) || last === ')';
    }
    if (nl < 0) return false;
    s = nl + 1;
  }
}

/**
 * A number laid out one group per line ("415\n555\n0134", also with blank lines between, as
 * markdown paragraphs or <br> give, or wrapped: "Call me on 415\n555 0134"): 2–6 lines of digit
 * groups, 3 groups or more, 7–15 digits in all, read as one line — each break, with the blanks
 * around it, becomes one space. The first line may end, and the last begin, with other text.
 */
function groupLines(t: string, edits: Edit[]): void {
  if (!opensAfterCloses(t)) return;
  interface Line { s: number; end: number; opens: boolean; closes: boolean; blank: boolean; full?: Groups; tail?: Groups; head?: Groups }
  const lines: Line[] = [];
  // The units at each line's two ends decide which lines may hold groups (cheap); the group
  // patterns run only on a line that closes with a digit followed by one that opens with one.
  let candidates = false;
  let s = 0;
  for (;;) {
    const nl = t.indexOf('\n', s);
    const e = nl < 0 ? t.length : nl;
    const end = e > s && t[e - 1] === '\r' ? e - 1 : e;
    let a = s;
    while (a < end && a - s < 8 && (t[a] === ' ' || t[a] === '\t')) a++;
    let z = end;
    while (z > a && end - z < 8 && (t[z - 1] === ' ' || t[z - 1] === '\t')) z--;
    const first = t[a];
    const last = t[z - 1];
    const line: Line = { s, end, blank: a === z, opens: isDigit(first) || first === '+' || first === '(', closes: isDigit(last) || last === ')' };
    // A line that opens, after one that closes (blank lines between).
    if (line.opens) {
      for (let k = lines.length - 1; k >= 0; k--) {
        const prev = lines[k] as Line;
        if (prev.blank) continue;
        if (prev.closes) candidates = true;
        break;
      }
    }
    lines.push(line);
    if (nl < 0) break;
    s = nl + 1;
  }
  if (!candidates) return;
  for (const line of lines) {
    const { s: ls, end } = line;
    if (line.opens && line.closes && end - ls <= 32) line.full = groupsAt(GROUP_LINE.exec(t.slice(ls, end)), ls);
    if (!line.full && line.closes) {
      // Only the last 40 units of a long line are read.
      const tailFrom = Math.max(ls, end - 40);
      line.tail = groupsAt(GROUP_TAIL.exec(t.slice(tailFrom, end)), tailFrom);
    }
    if (!line.full && line.opens) {
      line.head = groupsAt(GROUP_HEAD.exec(t.slice(ls, Math.min(end, ls + 40))), ls);
    }
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
    // Not when a line already holds a whole number (a ZIP line above "281.351.7222"), nor when more
    // when any group but a leading "+1" is a single digit (a results table: "05 7 11\n9 1", "9-13").
    const whole = block.some((g) => g.groups >= 3 || g.digits >= 10);
    const singles = block.reduce((n, g) => n + g.singles, 0);
    if (!whole && singles === 0 && block.length >= 2 && block.length <= 6 && groups >= 3 && digits >= 7 && digits <= 15) {
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
 * A capitalised word after one space, right after the end of an English number word ("thirty-four
 * Elm", "Twelve Oak"). The search runs on " X" (a space and a capital, cheap to find); the
 * lookbehind, a few literal alternatives, is tried only there: linear. Each hit is then read
 * backwards word by word (at most 8 words).
 */
const NUMBER_WORD_END = / [A-Z](?<=(?:teen|ty|one|wo|ree|our|ive|ix|ven|ght|ine|en|lve|red) [A-Z])/g;

/** Whether w (any case) is an English number word. */
function isNumberWord(w: string): boolean {
  if (w.length < 2 || w.length > 9) return false;
  const l = w.toLowerCase();
  return UNITS[l] !== undefined || TENS[l] !== undefined || l === 'hundred' || l === 'thousand';
}

function isLetter(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
}

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
    const end = m.index;
    // Read words backwards while they are number words joined by one space or hyphen.
    const words: string[] = [];
    let start = end;
    let p = end;
    while (words.length < 8) {
      let q = p;
      while (q > 0 && p - q < 10 && isLetter(t[q - 1])) q--;
      if (q === p || isWordUnit(t[q - 1])) break;
      const w = t.slice(q, p);
      if (!isNumberWord(w) && w.toLowerCase() !== 'and') break;
      words.unshift(w);
      start = q;
      if (q >= 2 && (t[q - 1] === ' ' || t[q - 1] === '-') && isLetter(t[q - 2])) p = q - 1;
      else break;
    }
    while (words.length > 0 && (words[0] as string).toLowerCase() === 'and') {
      start += (words[0] as string).length + 1;
      words.shift();
    }
    if (words.length === 0 || isDigit(t[start - 1])) continue;
    // "Twelve Thirty-Four Elm": the capitalised word after this hit is itself a number word; the
    // hit at its end reads the whole number.
    let after = end + 1;
    while (after < t.length && after - end < 11 && isLetter(t[after])) after++;
    if (isNumberWord(t.slice(end + 1, after))) continue;
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

  /** Hidden ranges are original ranges: the inner view's, unchanged. */
  get hidden(): readonly HiddenRange[] | undefined {
    return this.inner.hidden;
  }

  get truncated(): boolean | undefined {
    return this.inner.truncated;
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
  get hidden(): readonly HiddenRange[] | undefined {
    return this.inner.hidden;
  }
  get truncated(): boolean | undefined {
    return this.inner.truncated;
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
  // Concatenation, not parts.join(''): joining tens of thousands of short slices grew faster than
  // the text (an underscore storm: 0.3 ms at 32K units, 9 ms at 128K); a rope flattens once.
  let text = '';
  let at = 0;
  for (const e of kept) {
    text += t.slice(at, e.start) + e.text;
    at = e.end;
  }
  text += t.slice(at);
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
  // Each rule starts with its own cheap test or a single scan for where it may apply.
  lookalikes(t, edits);
  if (t.indexOf('_') >= 0) underscores(t, edits);
  if (t.indexOf('\n') >= 0) groupLines(t, edits);
  emailBreaks(t, edits);
  // A house number in words is read only in a post that has digits elsewhere (the postal code the
  // address detector anchors on), which keeps the word search off most PII-free posts.
  if (DIGIT.test(t)) numberWords(t, edits);
  return edits.length === 0 ? view : applyEdits(view, edits);
}
