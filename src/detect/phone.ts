/**
 * Phone numbers. Pipeline: cheap prefilter (a digit run with separators, or a digit word) →
 * candidate windows over bounded digit runs (one left-to-right pass, no regex over the whole post)
 * → exclusions BEFORE parsing (dates, year ranges, versions, IPs, ISBNs, decimals, thousands,
 * timestamps, identifiers, URLs, prices) → libphonenumber-js (max metadata) with each configured
 * region, plus international numbers (+CC, 00CC) → isValid() → confidence ladder by formatting.
 *
 * Rule data: rules/phone/common.json (confidences, limits, digit words, extension words, date
 * formats) and rules/phone/<locale>.json (region, local date formats, examples).
 */
import { parsePhoneNumberFromString, type CountryCode, type NumberType } from 'libphonenumber-js/max';
import type { PhoneKind } from '../types';
import { checkRuleFile, field } from '../rules/schema';
import commonRule from '../../rules/phone/common.json';
import enUS from '../../rules/phone/en-US.json';
import enGB from '../../rules/phone/en-GB.json';
import enCA from '../../rules/phone/en-CA.json';
import enAU from '../../rules/phone/en-AU.json';
import enIN from '../../rules/phone/en-IN.json';
import deDE from '../../rules/phone/de-DE.json';
import frFR from '../../rules/phone/fr-FR.json';
import esES from '../../rules/phone/es-ES.json';
import itIT from '../../rules/phone/it-IT.json';
import nlNL from '../../rules/phone/nl-NL.json';
import ptBR from '../../rules/phone/pt-BR.json';
import { possibleInternational, possibleNational, validatePhone, type ValidPhone } from './phone-meta';
import type { Candidate, DetectContext, Detector } from './types';
import { memoPerList } from './memo';
import { diallingWordBefore, inDirectoryList, isEmergency, listedWith, readShortCodes, shortCodeCandidates, type ShortCodeData } from './phone-short';

const COMMON_FILE = 'rules/phone/common.json';
const common = checkRuleFile(commonRule, COMMON_FILE);

const CONF = {
  telLink: field<number>(common, 'confidence.telLink', 'number', COMMON_FILE),
  internationalGrouped: field<number>(common, 'confidence.internationalGrouped', 'number', COMMON_FILE),
  internationalOtherGrouping: field<number>(common, 'confidence.internationalOtherGrouping', 'number', COMMON_FILE),
  internationalCompact: field<number>(common, 'confidence.internationalCompact', 'number', COMMON_FILE),
  nationalGrouped: field<number>(common, 'confidence.nationalGrouped', 'number', COMMON_FILE),
  nationalOtherGrouping: field<number>(common, 'confidence.nationalOtherGrouping', 'number', COMMON_FILE),
  nationalCompact: field<number>(common, 'confidence.nationalCompact', 'number', COMMON_FILE),
  spacedDigits: field<number>(common, 'confidence.spacedDigits', 'number', COMMON_FILE),
  words: field<number>(common, 'confidence.words', 'number', COMMON_FILE),
  partOfLongerRun: field<number>(common, 'confidence.partOfLongerRun', 'number', COMMON_FILE),
  sameAsTelLink: field<number>(common, 'confidence.sameAsTelLink', 'number', COMMON_FILE),
  phoneSymbol: field<number>(common, 'confidence.phoneSymbol', 'number', COMMON_FILE),
  phoneColumn: field<number>(common, 'confidence.phoneColumn', 'number', COMMON_FILE),
  localNumber: field<number>(common, 'confidence.localNumber', 'number', COMMON_FILE),
  localCue: field<number>(common, 'confidence.localCue', 'number', COMMON_FILE),
};
const COLUMN_WORDS_LIST = field<string[]>(common, 'columnWords', 'string[]', COMMON_FILE);
/* A phone word of columnWords (literal alternation) as a whole word in a table header cell. */
const COLUMN_WORDS = new RegExp(`(?:^|[^\\p{L}])(?:${COLUMN_WORDS_LIST.map(escapeRe).join('|')})(?![\\p{L}])`, 'iu');

/**
 * The header cell above a number that fills a pipe-table cell ("| Hamilton | 9054814299 |"), or
 * null: the number must be the cell's only content, the table's rows start with '|', and the header
 * is the first row of the table. At most 200 rows are walked.
 *
 * One instance per scan: line bounds come from one sorted list of line breaks, and what depends on
 * the line alone (is it a table row, where are its '|', its header) is worked out once per line, so
 * thousands of numbers on one long line cost no more than reading that line once.
 */
class ColumnHeaders {
  private breaks: number[] | null = null;
  private readonly lines = new Map<string, { pipes: number[]; head: string | null } | null>();
  constructor(private readonly s: string) {}

  get(start: number, end: number): string | null {
    const s = this.s;
    // The line of the number's start, to the first line break at or after its end.
    const lineStart = this.lineOf(start)[0];
    const lineEnd = this.lineOf(end)[1];
    const line = this.line(lineStart, lineEnd);
    if (line === null) return null;
    // The cell holds the number alone: only white space between it and the '|' on either side.
    let k = start - 1;
    while (k >= lineStart && s[k] !== '|' && /\s/.test(s[k] as string)) k--;
    if (k >= lineStart && s[k] !== '|') return null;
    k = end;
    while (k < lineEnd && /\s/.test(s[k] as string)) k++;
    if (s[k] !== '|' || k >= lineEnd) return null;
    if (line.head === null || !/[\p{L}]/u.test(line.head)) return null;
    // Column: the number of '|' before the number on its line.
    let lo = 0;
    let hi = line.pipes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((line.pipes[mid] as number) < start) lo = mid + 1;
      else hi = mid;
    }
    return (line.head.split('|')[lo] ?? '').trim();
  }

  /** The start of the line holding `at`, and the first line break at or after `at` (or the text's end). */
  private lineOf(at: number): [number, number] {
    const s = this.s;
    if (this.breaks === null) {
      this.breaks = [];
      for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) this.breaks.push(i);
    }
    const b = this.breaks;
    let lo = 0;
    let hi = b.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((b[mid] as number) < at) lo = mid + 1;
      else hi = mid;
    }
    // b[lo] is the first break at or after `at`; b[lo - 1] the last one before it.
    return [lo > 0 ? (b[lo - 1] as number) + 1 : 0, lo < b.length ? (b[lo] as number) : s.length];
  }

  /** A table row's '|' offsets and its table's header row, or null when the line is not a table row. */
  private line(lineStart: number, lineEnd: number): { pipes: number[]; head: string | null } | null {
    const key = `${lineStart}:${lineEnd}`;
    const known = this.lines.get(key);
    if (known !== undefined) return known;
    const s = this.s;
    let value: { pipes: number[]; head: string | null } | null = null;
    if (s.slice(lineStart, lineEnd).trimStart().startsWith('|')) {
      const pipes: number[] = [];
      for (let i = s.indexOf('|', lineStart); i >= 0 && i < lineEnd; i = s.indexOf('|', i + 1)) pipes.push(i);
      // Walk up over the table's rows: the first row of the block is the header (with or without a |---| line).
      let ls = lineStart;
      let head: string | null = null;
      for (let rows = 0; rows < 200 && ls > 0; rows++) {
        const prevStart = s.lastIndexOf('\n', ls - 2) + 1;
        const prev = s.slice(prevStart, ls - 1);
        if (!prev.trimStart().startsWith('|')) break;
        head = prev;
        ls = prevStart;
      }
      value = { pipes, head };
    }
    this.lines.set(key, value);
    return value;
  }
}

/** Telephone symbols that announce a number: ☎ ☏ ✆ 📞 📱 ☎️. */
const PHONE_SYMBOLS = field<string[]>(common, 'phoneSymbols', 'string[]', COMMON_FILE);
const LIMITS = {
  minDigits: field<number>(common, 'limits.minDigits', 'number', COMMON_FILE),
  maxDigits: field<number>(common, 'limits.maxDigits', 'number', COMMON_FILE),
  maxGroupDigits: field<number>(common, 'limits.maxGroupDigits', 'number', COMMON_FILE),
  maxGroups: field<number>(common, 'limits.maxGroups', 'number', COMMON_FILE),
};

// ---------- locale rule files ----------

interface LocaleRule {
  region: string;
  dateFormats: string[];
  /** National numbers are written with the trunk prefix ("0…"): digits without it are not a national number. */
  trunkPrefixRequired: boolean;
}

const LOCALE_RULES = new Map<string, LocaleRule>();
/** Local numbers (without area code) of the locale packs that have `localNumbers`. */
const LOCAL_RULES = new Map<string, LocalRule>();
/** Short service numbers, emergency numbers and dialling words of the locale packs. */
const SHORT: ShortCodeData = { shortCodes: new Map(), emergency: new Map(), cues: new Map() };
for (const [json, tag] of [
  [enUS, 'en-US'], [enGB, 'en-GB'], [enCA, 'en-CA'], [enAU, 'en-AU'], [enIN, 'en-IN'], [deDE, 'de-DE'],
  [frFR, 'fr-FR'], [esES, 'es-ES'], [itIT, 'it-IT'], [nlNL, 'nl-NL'], [ptBR, 'pt-BR'],
] as const) {
  const file = `rules/phone/${tag}.json`;
  const r = checkRuleFile(json, file);
  const region = field<string>(r, 'region', 'string', file);
  if (tag.slice(3) !== region) throw new Error(`${file}: region ${region} does not match the locale`);
  LOCALE_RULES.set(tag, {
    region,
    dateFormats: field<string[]>(r, 'dateFormats', 'string[]', file),
    trunkPrefixRequired: field<boolean>(r, 'trunkPrefixRequired', 'boolean', file),
  });
  const local = field<Record<string, unknown> | null>(r, 'localNumbers', 'object', file, null as unknown as Record<string, unknown>);
  if (local) {
    LOCAL_RULES.set(tag, {
      region: region as CountryCode,
      areaCodes: field<string[]>(local, 'areaCodes', 'string[]', file),
      groupings: new Set(field<string[]>(local, 'groupings', 'string[]', file)),
      excludePrefixes: field<string[]>(local, 'excludePrefixes', 'string[]', file, []),
    });
  }
  const short = readShortCodes(r, file);
  SHORT.shortCodes.set(tag, short.shortCodes);
  SHORT.emergency.set(tag, short.emergency);
}
for (const [lang, words] of Object.entries(field<Record<string, unknown>>(common, 'shortCodeCues', 'object', COMMON_FILE))) {
  if (!Array.isArray(words) || !words.every((w) => typeof w === 'string' && w.trim())) throw new Error(`${COMMON_FILE}: shortCodeCues.${lang} must be an array of words`);
  SHORT.cues.set(lang, words.map((w: string) => w.trim().toLowerCase()));
}
const TRUNK_REQUIRED = new Set([...LOCALE_RULES.values()].filter((r) => r.trunkPrefixRequired).map((r) => r.region));

// ---------- date formats ----------

interface DateFormat {
  sep: string;
  parts: ('D' | 'M' | 'Y' | 'YY')[];
}

/* A date format such as "DD.MM.YYYY": three fields (DD, MM, YY or YYYY) joined by one separator. */
const DATE_FORMAT = /^(DD|MM|YYYY|YY)([./-])(DD|MM|YYYY|YY)\2(DD|MM|YYYY|YY)$/;

function compileDateFormat(f: string, file: string): DateFormat {
  const m = DATE_FORMAT.exec(f);
  if (!m) throw new Error(`${file}: date format "${f}" must look like DD.MM.YYYY`);
  const part = (p: string) => (p === 'DD' ? 'D' : p === 'MM' ? 'M' : p === 'YYYY' ? 'Y' : 'YY');
  return { sep: m[2] as string, parts: [part(m[1] as string), part(m[3] as string), part(m[4] as string)] };
}

const COMMON_DATES = field<string[]>(common, 'dateFormats', 'string[]', COMMON_FILE).map((f) => compileDateFormat(f, COMMON_FILE));

function datesFor(tags: string[]): DateFormat[] {
  const out = [...COMMON_DATES];
  for (const t of tags) {
    for (const f of LOCALE_RULES.get(t)?.dateFormats ?? []) out.push(compileDateFormat(f, `rules/phone/${t}.json`));
  }
  return out;
}

function datePart(p: DateFormat['parts'][number], g: string): boolean {
  const v = Number(g);
  switch (p) {
    case 'D':
      return g.length <= 2 && v >= 1 && v <= 31;
    case 'M':
      return g.length <= 2 && v >= 1 && v <= 12;
    case 'Y':
      return g.length === 4 && v >= 1800 && v <= 2199;
    default:
      return g.length === 2;
  }
}

function isDate(groups: string[], sep: string, formats: DateFormat[]): boolean {
  return formats.some((f) => f.sep === sep && f.parts.every((p, i) => datePart(p, groups[i] ?? '')));
}

// ---------- digit words and extensions ----------

const DIGIT_WORDS = field<Record<string, unknown>>(common, 'digitWords', 'object', COMMON_FILE);
const REPEAT_WORDS = field<Record<string, unknown>>(common, 'repeatWords', 'object', COMMON_FILE);
const PLUS_WORDS = new Set(field<string[]>(common, 'plusWords', 'string[]', COMMON_FILE).map((w) => w.toLowerCase()));

interface WordPack {
  digits: Map<string, string>;
  repeats: Map<string, number>;
  /** Finds a digit word (whole word, case-insensitive). */
  find: RegExp | null;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The spelled-digit words of these languages and English. */
function packLanguages(languages: string[]): string[] {
  return [...new Set([...languages, 'en'])].sort();
}

function buildWordPack(languages: string[]): WordPack {
  const langs = packLanguages(languages);
  const digits = new Map<string, string>();
  const repeats = new Map<string, number>();
  for (const l of langs) {
    const d = field<Record<string, string>>(DIGIT_WORDS, l, 'object', COMMON_FILE, {});
    for (const [w, v] of Object.entries(d)) if (/^\d$/.test(String(v))) digits.set(w.toLowerCase(), String(v));
    const r = field<Record<string, number>>(REPEAT_WORDS, l, 'object', COMMON_FILE, {});
    for (const [w, v] of Object.entries(r)) if (typeof v === 'number' && v >= 2 && v <= 3) repeats.set(w.toLowerCase(), v);
  }
  const words = [...digits.keys()].sort((a, b) => b.length - a.length).map(escapeRe);
  // Any listed digit word between ASCII word boundaries; literal alternation, no quantifiers:
  // linear. Rejects the words inside longer ASCII words ("someone", "often"); boundaries next to
  // non-ASCII letters ("zéros") are checked in code.
  const find = words.length ? new RegExp(`\\b(?:${words.join('|')})\\b`, 'gi') : null;
  return { digits, repeats, find };
}

/** A scanner's word pack, built once per scanner (and per language set). */
const wordPack = memoPerList(buildWordPack, (languages: string[]) => packLanguages(languages).join(','));

const EXT_WORDS = field<string[]>(common, 'extensionWords', 'string[]', COMMON_FILE)
  .map((w) => w.trim().toLowerCase())
  .filter(Boolean)
  .sort((a, b) => b.length - a.length)
  .map(escapeRe);
const EXT_ALT = EXT_WORDS.join('|');
/*
 * An extension right after a number: up to 2 spaces, an optional ',' or ';', an extension word
 * ("ext.", "x", "#", "poste", "Durchwahl"…), an optional '.' or ':', an optional '-' ("Durchwahl
 * -12"), then 1–6 digits not followed by a letter or digit; or the same inside parentheses
 * ("(ext. 123)"). Every quantifier is bounded and the pieces are disjoint: linear. Rejects
 * "x1080p" and an unclosed "(ext. 12".
 */
const EXTENSION = new RegExp(
  `^[ \\t]{0,2}(?:\\([ \\t]{0,2}(?:${EXT_ALT})[ \\t]{0,2}[.:]?[ \\t]{0,2}-?(\\d{1,6})[ \\t]{0,2}\\)|[,;]?[ \\t]{0,2}(?:${EXT_ALT})[ \\t]{0,2}[.:]?[ \\t]{0,2}-?(\\d{1,6})(?![\\p{L}\\p{N}_]))`,
  'iu',
);

// ---------- cheap prefilter ----------

/*
 * Prefilter: a digit, 4–24 digits or separators (space . - / parentheses), a digit. Single character
 * class with a bounded quantifier: at most 26 steps per start, linear overall. Rejects texts with no
 * run long enough to hold a phone number (prices, years, short counts).
 *
 * It is evaluated lazily (see numericCandidates): only a run of at least LIMITS.minDigits digits can
 * give a finding, and a tab-free such run always contains a PREFILTER match (RUN_IMPLIES_PREFILTER),
 * so the regex only runs over the text when a qualifying run has a tab in it.
 */
const PREFILTER = /\d[\d .()/-]{4,24}\d/;
/*
 * Why a tab-free run of ≥ 6 digits always matches PREFILTER: consecutive digits of a run are at most
 * 5 units apart (a separator is ≤ 4 units of space . - / ( ) or tab), so from the first digit p0 the
 * first digit q with q - p0 ≥ 5 has q - p0 ≤ 9; the 4–8 units between them are digits or separators,
 * all in PREFILTER's class when there is no tab. With fewer than 6 digits the argument fails.
 */
const RUN_IMPLIES_PREFILTER = LIMITS.minDigits >= 6;

/*
 * Where a run of at least 6 digits can start: a digit, then 5 steps that are each a digit or 1–4
 * separator units (space, tab . - / ( )) and a digit. The first digit of every run with ≥ 6 digits
 * matches (its digits are at most 5 units apart with only separators between), so the text between
 * two matches holds no such run start. The step's two branches begin with disjoint classes and every
 * quantifier is bounded: at most ~25 steps per start, linear overall.
 */
const LONG_RUN_START = /\d(?:\d|[ \t.()/-]{1,4}\d){5}/g;
/** LONG_RUN_START finds every run that can hold a phone number only when those need ≥ 6 digits. */
const SKIP_TO_LONG_RUNS = LIMITS.minDigits >= 6;

// ---------- runs of digit groups ----------

interface Group {
  start: number;
  end: number;
  /** Separator text between the previous group and this one ('' for the first). */
  sep: string;
  /** "(0)" written after a country code. */
  trunk: boolean;
}

interface Run {
  /** Start of the run including a leading '+' / '('. */
  start: number;
  plus: boolean;
  /** A '(' right before the first group. */
  open: boolean;
  groups: Group[];
  /** End of the last group. */
  end: number;
  /** A tab in one of the separators (PREFILTER's class has no tab). */
  tab: boolean;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
function isWordChar(s: string, i: number): boolean {
  if (i < 0 || i >= s.length) return false;
  const c = s.charCodeAt(i);
  if (isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95) return true;
  return c > 127 && /[\p{L}\p{N}]/u.test(s[i] as string);
}
function isLetter(s: string, i: number): boolean {
  if (i < 0 || i >= s.length) return false;
  const c = s.charCodeAt(i);
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
  return c > 127 && /\p{L}/u.test(s[i] as string);
}

/** Reads the separator after position j: ≤ 4 units of space/tab . - / ( ), ≤ 2 spaces, ≤ 1 punctuation, ≤ 1 of each paren. */
function separatorEnd(s: string, j: number): number {
  let k = j;
  let spaces = 0;
  let punct = 0;
  let open = 0;
  let close = 0;
  let dot = false;
  while (k < s.length && k - j < 4) {
    const c = s.charCodeAt(k);
    if (c === 32 || c === 9) spaces++;
    else if (c === 46 /* . */ || c === 45 /* - */ || c === 47 /* / */) {
      punct++;
      if (c === 46) dot = true;
    } else if (c === 40 /* ( */) open++;
    else if (c === 41 /* ) */) close++;
    else break;
    k++;
  }
  if (k === j || spaces > 2 || punct > 1 || open > 1 || close > 1) return -1;
  // "871899. 150": a full stop next to a space ends a sentence, it does not group digits.
  if (spaces > 0 && dot) return -1;
  if (k >= s.length || !isDigit(s.charCodeAt(k))) return -1;
  return k;
}

/** A unit separatorEnd accepts between digit groups: space, tab . - / ( ). */
function isSeparatorUnit(c: number): boolean {
  return c === 32 || c === 9 || c === 46 || c === 45 || c === 47 || c === 40 || c === 41;
}

/**
 * Is the digit group starting at p (s[p - 1] not a digit) the continuation of a run, i.e. does
 * separatorEnd lead from the end of an earlier group to p? The separator is 1–4 units of its class.
 */
function joinedToPrevious(s: string, p: number): boolean {
  let e = p;
  while (e > 0 && p - e < 4 && isSeparatorUnit(s.charCodeAt(e - 1))) e--;
  if (e === p || !isDigit(s.charCodeAt(e - 1))) return false;
  return separatorEnd(s, e) === p;
}

/** The end of the last group of the run that contains the digit at p (runs only join forwards). */
function endOfRun(s: string, p: number): number {
  let j = p;
  for (;;) {
    while (j < s.length && isDigit(s.charCodeAt(j))) j++;
    const k = separatorEnd(s, j);
    if (k < 0) return j;
    j = k;
  }
}

/* The next ASCII digit (native scan instead of a per-unit loop). One class, no quantifier. */
const NEXT_DIGIT = /\d/g;

/**
 * Calls `visit` for every run of digit groups that holds at least LIMITS.minDigits digits (shorter
 * runs cannot hold a phone number and are skipped without building their groups; `null` for a run
 * with too many groups or too long a group). A run is consumed whole, so time is linear.
 */
function forEachRun(s: string, visit: (run: Run | null) => void): void {
  const n = s.length;
  let i = 0;
  while (i < n) {
    if (SKIP_TO_LONG_RUNS) {
      // Jump over the short runs before the next place a run of ≥ 6 digits can start (one native
      // scan instead of one per run). Runs join only what LONG_RUN_START's steps accept, so the
      // leftmost match is the first digit of a run; should it ever fall inside a run that started
      // earlier, that run's own start did not match, so it is short: skip to its end.
      LONG_RUN_START.lastIndex = i;
      const m = LONG_RUN_START.exec(s);
      if (!m) break;
      i = m.index;
      if (isDigit(s.charCodeAt(i - 1)) || joinedToPrevious(s, i)) {
        i = endOfRun(s, i);
        continue;
      }
    } else {
      // test() + lastIndex finds the digit without allocating a match array.
      NEXT_DIGIT.lastIndex = i;
      if (!NEXT_DIGIT.test(s)) break;
      i = NEXT_DIGIT.lastIndex - 1;
    }
    // Measure the run first (same walk as below, no allocation): most runs in prose are short.
    let digitCount = 0;
    let runEnd = i;
    for (;;) {
      const gs = runEnd;
      while (runEnd < n && isDigit(s.charCodeAt(runEnd))) runEnd++;
      digitCount += runEnd - gs;
      const k = separatorEnd(s, runEnd);
      if (k < 0) break;
      runEnd = k;
    }
    if (digitCount < LIMITS.minDigits) {
      i = runEnd;
      continue;
    }
    let start = i;
    let plus = false;
    let open = false;
    if (s[i - 1] === '+') {
      plus = true;
      start = i - 1;
      if (s[i - 2] === '(') {
        open = true;
        start = i - 2;
      }
    } else if (s[i - 1] === '(') {
      open = true;
      start = i - 1;
      if (s[i - 2] === '+') {
        plus = true;
        start = i - 2;
      }
    }
    const groups: Group[] = [];
    let bad = false;
    let j = i;
    let sep = '';
    for (;;) {
      const gs = j;
      while (j < n && isDigit(s.charCodeAt(j))) j++;
      if (j - gs > LIMITS.maxGroupDigits) bad = true;
      const g: Group = { start: gs, end: j, sep, trunk: false };
      if (!bad && groups.length < LIMITS.maxGroups) groups.push(g);
      else bad = true;
      const k = separatorEnd(s, j);
      if (k < 0) break;
      sep = s.slice(j, k);
      j = k;
    }
    i = j;
    if (bad) {
      visit(null);
      continue;
    }
    // "(0)" after the country code of a '+' or '00' number.
    const first = groups[0] as Group;
    let tab = false;
    for (let k = first.end; k < j && !tab; k++) tab = s.charCodeAt(k) === 9;
    const international = plus || s.startsWith('00', first.start);
    for (let g = 1; international && g < groups.length - 1; g++) {
      const gr = groups[g] as Group;
      const next = groups[g + 1] as Group;
      if (gr.end - gr.start === 1 && s[gr.start] === '0' && gr.sep.endsWith('(') && next.sep.startsWith(')')) gr.trunk = true;
    }
    visit({ start, plus, open, groups, end: j, tab });
  }
}

// ---------- glue and context shapes around a run ----------

/* A URL-ish token: a scheme "://" or a "www." host. Literal pieces only. */
const URL_TOKEN = /:\/\/|(?:^|[^\p{L}\p{N}])www\./u;
/*
 * A price/percentage/unit sign right after a number: up to 1 space then €, $, £, %, ‰ or a currency
 * code as a whole word. Fixed alternation, bounded: linear. Rejects ordinary words after numbers.
 */
const AFTER_AMOUNT = /^ ?(?:[€$£¥%‰]|(?:EUR|USD|GBP|CHF|BRL|INR|AUD|CAD)(?![\p{L}]))/u;

/*
 * A WhatsApp click-to-chat link right before the digits: "wa.me/" or "whatsapp.com/send?phone=".
 * Literal text anchored at the end of a ≤ 32-unit slice: linear. Other URL paths are not phones.
 */
const WHATSAPP_LINK = /(?:wa\.me\/|whatsapp\.com\/send\/?\?phone=)$/i;

/** Is the run glued to an identifier, URL, amount or time on its left? */
function gluedLeft(s: string, start: number): boolean {
  const prev = s[start - 1];
  if (prev === undefined) return false;
  if (isWordChar(s, start - 1)) return true;
  if ('#@$€£¥=&?%\\/-_'.includes(prev)) return true;
  if (prev === ':' || prev === '.' || prev === ',') {
    if (isDigit(s.charCodeAt(start - 2))) return true;
  }
  // An amount: a currency sign one space before ("$ 1 299", "R$ 1.299,00", "€ 45").
  if (prev === ' ' && '$€£¥'.includes(s[start - 2] ?? ' ')) return true;
  // Inside a URL token?
  let t = start - 1;
  const stop = Math.max(0, start - 256);
  for (let c = s.charCodeAt(t - 1); t > stop && c !== 32 && c !== 10 && c !== 9 && c !== 13; c = s.charCodeAt(t - 1)) t--;
  return URL_TOKEN.test(s.slice(t, start));
}

/** Is position `end` glued to more of an identifier, a decimal, a time or an amount? */
function gluedRight(s: string, end: number): boolean {
  const next = s[end];
  if (next === undefined) return false;
  if (isWordChar(s, end)) return true;
  if ('%‰@€$£¥'.includes(next)) return true;
  const after = s.charCodeAt(end + 1);
  if ((next === '.' || next === ',' || next === ':') && isDigit(after)) return true;
  if ((next === '-' || next === '_' || next === '/') && isWordChar(s, end + 1)) return true;
  return AFTER_AMOUNT.test(s.slice(end, end + 5));
}

// ---------- exclusions over the groups of a run ----------

function digitsOf(s: string, g: Group): string {
  return s.slice(g.start, g.end);
}

/** Marks the groups of a run that belong to a date, version, IP, ISBN, range, decimal or big number. */
function blockedGroups(s: string, run: Run, dates: DateFormat[]): { blocked: boolean[]; why: string | null } {
  const G = run.groups;
  const gd = G.map((g) => digitsOf(s, g));
  const blocked = G.map(() => false);
  let why: string | null = null;
  const block = (from: number, to: number, reason: string) => {
    for (let k = from; k <= to; k++) blocked[k] = true;
    why ??= reason;
  };
  // Chains of groups joined by the same single punctuation character, no spaces.
  let a = 0;
  while (a < G.length) {
    let b = a;
    const sep = G[a + 1]?.sep ?? '';
    if (sep.length === 1 && '.-/'.includes(sep)) {
      while (b + 1 < G.length && (G[b + 1] as Group).sep === sep) b++;
    }
    if (b > a) {
      const chain = gd.slice(a, b + 1);
      const len = chain.length;
      const ccFirst = run.plus && a === 0;
      // "(11) 4083.2544", "+55 11 4083.2544": after an area code in parentheses or a country code the
      // dotted pair is the subscriber number, not a decimal or a thousands-grouped amount.
      const afterAreaCode = a > 0 && ((G[a] as Group).sep.includes(')') || run.plus);
      const body = ccFirst ? chain.slice(1) : chain;
      const first = chain[0] as string;
      if (len === 3 && isDate(chain, sep, dates)) block(a, b, 'date');
      else if (sep === '.' && len === 4 && chain.every((x) => x.length <= 3 && Number(x) <= 255)) block(a, b, 'IP address');
      // "1.800.555.0199" is a NANP number written with dots, not a version.
      else if (sep === '.' && len >= 3 && body.some((x) => x.length === 1) && chain.map((x) => x.length).join() !== '1,3,3,4') block(a, b, 'version number');
      // A decimal, unless it cannot be a coordinate or an amount: an integer part over 180 with 5+
      // decimals ("800.915303", an IT toll-free number) is left to validation.
      else if (sep === '.' && len === 2 && !ccFirst && !afterAreaCode && first[0] !== '0' && !(Number(first) > 180 && (chain[1] as string).length >= 5)) block(a, b, 'decimal number');
      else if (sep === '.' && len >= 3 && !ccFirst && !afterAreaCode && first.length <= 3 && first[0] !== '0' && chain.slice(1).every((x) => x.length === 3)) block(a, b, 'thousands separators');
      else if (sep === '-' && len >= 3 && (chain[len - 1] as string).length === 1) block(a, b, 'ISBN-like code');
      else if (sep === '-' && len >= 4 && /^97[89]$/.test(first)) block(a, b, 'ISBN');
    }
    // The last group of a chain may start the next one ("013-467.34.67": 013-467, then 467.34.67).
    a = b > a ? b : b + 1;
  }
  // Year ranges and number ranges: two groups joined by '-' or '/' (spaces allowed around it).
  for (let k = 1; k < G.length; k++) {
    const core = (G[k] as Group).sep.trim();
    if (core !== '-' && core !== '/' && core !== '–') continue;
    const x = gd[k - 1] as string;
    const y = gd[k] as string;
    const isYear = (v: string) => v.length === 4 && /^(?:1[89]|20|21)/.test(v);
    // "2019-20" alone is a season; "1800-11-4000" is not a year range.
    if (isYear(x) && (isYear(y) || (core === '-' && G.length === 2 && y.length === 2 && Number(y) > Number(x.slice(2))))) block(k - 1, k, 'year range');
    // "1500-2000", "1234-1256", "2350-3000": a range runs between round numbers (a start ending in 0
    // or 5, an end in 0) or stays close to its start. A local phone number "2236-4129" or "3809-5100"
    // (a round end, but a start no range would begin at) does neither.
    else if (G.length === 2 && core === '-' && x.length === y.length && x[0] !== '0' && Number(y) > Number(x) && !run.plus && ((/[05]$/.test(x) && y.endsWith('0')) || Number(y) - Number(x) <= 200)) block(0, 1, 'number range');
  }
  // Times written HHMM: a range of round times ("0800-1800", "0930 – 1730") and a timetable row of
  // three or more rising times ("0800 0930 1100 1300"). NL 0800-1234 / 0900-8844 stay: their second
  // group is not a round time after the first.
  const hhmm = (v: string) => v.length === 4 && Number(v.slice(0, 2)) <= 23 && Number(v.slice(2)) <= 59;
  const round = (v: string) => ['00', '15', '30', '45'].includes(v.slice(2));
  for (let k = 1; k < G.length; k++) {
    const core = (G[k] as Group).sep.trim();
    const x = gd[k - 1] as string;
    const y = gd[k] as string;
    if ((core === '-' || core === '–' || core === '/') && hhmm(x) && hhmm(y) && round(x) && round(y) && Number(y) > Number(x)) block(k - 1, k, 'time range');
  }
  if (!run.plus && G.length >= 3 && gd.every((x, k) => hhmm(x) && (k === 0 || Number(x) > Number(gd[k - 1]))) && G.slice(1).every((g) => g.sep.trim() === '' || g.sep.trim() === ',')) {
    block(0, G.length - 1, 'timetable');
  }
  // A year in parentheses after a number ("36100 (2017)"): an annotation, not digits of a phone.
  const lastG = G[G.length - 1] as Group;
  if (!run.plus && G.length >= 2 && lastG.sep.includes('(') && s[lastG.end] === ')' && /^(?:1[89]|20)\d\d$/.test(gd[G.length - 1] as string)) {
    block(G.length - 1, G.length - 1, 'year in parentheses');
  }
  // Space-separated thousands ("1 234 567"): first group 1–2 digits, then groups of exactly 3.
  if (!run.plus && G.length >= 3 && G.slice(1).every((g) => g.sep === ' ') && (gd[0] as string).length <= 2 && (gd[0] as string)[0] !== '0' && gd.slice(1).every((x) => x.length === 3)) {
    block(0, G.length - 1, 'thousands separators');
  }
  // A single bare group: unix timestamps (10 or 13 digits from 1e9) and ISBN-13.
  if (G.length === 1 && !run.plus) {
    const d = gd[0] as string;
    if ((d.length === 10 || d.length === 13) && d[0] === '1') block(0, 0, 'unix timestamp');
    else if (d.length === 13 && /^97[89]/.test(d)) block(0, 0, 'ISBN');
  }
  return { blocked, why };
}

// ---------- validation of one window ----------

interface Hit {
  phone: ValidPhone;
  kind: 'international' | 'idd' | 'national';
  /** A service number written without the region's trunk prefix (AU 1800 …, 13 xx xx). */
  noTrunk?: boolean;
}

/** The finding's phone kind for a libphonenumber number type. */
export function kindOf(type: NumberType): PhoneKind {
  return type ? (type.toLowerCase() as PhoneKind) : 'unknown';
}

/**
 * Kinds that are a business or public line, never a person's: reported with the kind, and allowed
 * by the default policy (rules/policy.default.json, rule `allow-service-phone`).
 */
export const SERVICE_KINDS: ReadonlySet<PhoneKind> = new Set<PhoneKind>(['toll_free', 'premium_rate', 'shared_cost', 'uan', 'short_code']);

/** The reason line that explains a phone kind. */
export function kindReason(kind: PhoneKind): string {
  return SERVICE_KINDS.has(kind) ? `kind ${kind} (a service number, not a personal line)` : `kind ${kind}`;
}

const NANP = new Set(['US', 'CA']);

/**
 * Validates the digits of a window: international when written with '+' (or after an IDD prefix
 * 00 / 011), else national in each configured region. When several regions accept the number, the
 * one whose national format matches the written grouping wins, else the first (the default).
 */
function validateDigits(digits: string, plus: boolean, regions: CountryCode[], lengths: number[] = []): Hit | null {
  if (digits.length < LIMITS.minDigits) return null;
  if (plus) {
    if (!possibleInternational(digits)) return null;
    const v = validatePhone(digits, null);
    return v ? { phone: v, kind: 'international' } : null;
  }
  if (digits.startsWith('00') && digits[2] !== '0') {
    const rest = digits.slice(2);
    if (possibleInternational(rest)) {
      const v = validatePhone(rest, null);
      if (v) return { phone: v, kind: 'idd' };
    }
  }
  if (digits.startsWith('011') && regions.some((r) => NANP.has(r))) {
    const rest = digits.slice(3);
    if (possibleInternational(rest)) {
      const v = validatePhone(rest, null);
      if (v) return { phone: v, kind: 'idd' };
    }
  }
  let first: Hit | null = null;
  for (const region of regions) {
    // Where national numbers carry a trunk prefix, digits without it are a number only when they
    // are a service number dialled without one (AU 1800 / 1300 / 13 xx xx, like US 1-800-…).
    const noTrunk = TRUNK_REQUIRED.has(region) && digits[0] !== '0';
    if (!possibleNational(region, digits)) continue;
    const v = validatePhone(digits, region);
    if (!v) continue;
    if (noTrunk && (!SERVICE_KINDS.has(kindOf(v.type)) || !dialledWithoutTrunk(digits, region))) continue;
    const hit: Hit = { phone: v, kind: 'national', noTrunk };
    if (regions.length === 1 || typicalGrouping(lengths, v.groups)) return hit;
    first ??= hit;
  }
  return first;
}

const NO_TRUNK_MEMO = new Map<string, boolean>();
/**
 * Is this service number written nationally without the trunk prefix (AU "1800 020 080", "13 11 14")?
 * Only where the library's national format has no prefix for it: DE "0180 5…" needs its 0.
 */
function dialledWithoutTrunk(digits: string, region: CountryCode): boolean {
  const key = `${region}${digits}`;
  let v = NO_TRUNK_MEMO.get(key);
  if (v === undefined) {
    const national = parsePhoneNumberFromString(digits, region)?.formatNational() ?? '';
    v = national.replace(/\D/g, '') === digits;
    if (NO_TRUNK_MEMO.size > 512) NO_TRUNK_MEMO.clear();
    NO_TRUNK_MEMO.set(key, v);
  }
  return v;
}

/** Does the window's grouping follow the library's format (all groups but the first, same count ±1)? */
function typicalGrouping(lengths: number[], expected: number[]): boolean {
  if (expected.length < 2 || lengths.length < 2) return false;
  if (lengths.length !== expected.length && lengths.length !== expected.length + 1) return false;
  const k = expected.length - 1;
  for (let i = 1; i <= k; i++) {
    if (lengths[lengths.length - i] !== expected[expected.length - i]) return false;
  }
  return true;
}


function describe(hit: Hit): string[] {
  const p = hit.phone;
  const where = p.country ?? `+${p.callingCode}`;
  const out = [`libphonenumber valid ${where} number`];
  out.push(hit.kind === 'national' ? 'national format' : hit.kind === 'idd' ? 'international format (00 prefix)' : 'international format (+CC)');
  out.push(`region ${where}`);
  if (p.type) out.push(`type ${p.type}`);
  out.push(kindReason(kindOf(p.type)));
  if (hit.noTrunk) out.push('service number dialled without the trunk prefix');
  return out;
}

// ---------- the numeric path ----------

/**
 * Numeric candidates, only when PREFILTER matches somewhere in the text. PREFILTER is tested lazily:
 * not at all when no run has enough digits, and not when a qualifying run has no tab in it (such a
 * run proves a match, RUN_IMPLIES_PREFILTER); once false, no run gives a candidate.
 */
function numericCandidates(ctx: DetectContext, out: Candidate[], dates: DateFormat[]): void {
  const s = ctx.text;
  const linkStart = ctx.view.linkTargetsStart;
  let prefilter: boolean | null = null;
  // Bounded work: stop after ctx.limit candidates or 4 × ctx.limit examined runs.
  let examined = 0;
  let stopped = false;
  forEachRun(s, (found) => {
    if (!found || stopped) return;
    if (out.length >= (ctx.limit ?? Infinity) || examined++ >= 4 * (ctx.limit ?? Infinity)) {
      stopped = true;
      ctx.truncate?.(found.start);
      return;
    }
    // forEachRun visits only runs of at least LIMITS.minDigits digits.
    let run = found;
    prefilter ??= run.tab || !RUN_IMPLIES_PREFILTER ? PREFILTER.test(s) : true;
    if (!prefilter) return;
    const whatsapp = !run.plus && run.groups.length === 1 && WHATSAPP_LINK.test(s.slice(Math.max(0, run.start - 32), run.start));
    if (whatsapp) run = { ...run, plus: true };
    else if (gluedLeft(s, run.start)) return;
    // Extension after the last group ("ext. 12", "x12").
    let end = run.end;
    let extension: string | null = null;
    const closing = s[end] === ')' && run.open && !run.groups.some((g) => g.sep.includes(')')) ? 1 : 0;
    const ext = EXTENSION.exec(s.slice(end + closing, end + closing + 24));
    if (ext) {
      extension = (ext[1] ?? ext[2]) as string;
      end += closing + ext[0].length;
    }
    // "0180 5 123456 (0,14 €/Min.)": a price in parentheses after the number is not part of it.
    while (!extension && gluedRight(s, run.end) && run.groups.length > 1 && (run.groups[run.groups.length - 1] as Group).sep.includes('(')) {
      const groups = run.groups.slice(0, -1);
      run = { ...run, groups, end: (groups[groups.length - 1] as Group).end };
      end = run.end;
    }
    if (gluedRight(s, extension ? end : run.end)) return;

    const { blocked } = blockedGroups(s, run, dates);
    const G = run.groups;
    let a = 0;
    while (a < G.length) {
      if (blocked[a]) {
        a++;
        continue;
      }
      const plus = run.plus && a === 0;
      // "(0)" is dropped only in a window that starts with the country code.
      const dropTrunk = a === 0;
      let maxB = a - 1;
      let d = 0;
      for (let k = a; k < G.length && !blocked[k]; k++) {
        const g = G[k] as Group;
        if (!(dropTrunk && g.trunk)) d += g.end - g.start;
        if (d > LIMITS.maxDigits) break;
        maxB = k;
      }
      // The longest valid window wins, unless a shorter one is grouped like the library's format
      // and the longer one is not ("030 1234567 / 0171 1234567" is two numbers, not 030 1234567 0171).
      let best: { hit: Hit; b: number; lengths: number[] } | null = null;
      for (let b = maxB; b >= a; b--) {
        let digits = '';
        const lengths: number[] = [];
        for (let k = a; k <= b; k++) {
          const g = G[k] as Group;
          if (dropTrunk && g.trunk) continue;
          digits += s.slice(g.start, g.end);
          lengths.push(g.end - g.start);
        }
        const hit = validateDigits(digits, plus, ctx.regions, lengths);
        if (!hit) continue;
        const typical = typicalGrouping(lengths, hit.phone.groups) || lengths.every((l) => l === 1);
        if (!best) {
          best = { hit, b, lengths };
          if (typical) break;
        } else if (typical && !tightSep(G[b + 1]?.sep)) {
          best = { hit, b, lengths };
          break;
        }
      }
      let found: Candidate | null = null;
      let foundB = a;
      if (best && best.hit.kind === 'national' && isEmergency(SHORT, ctx.locales.map((l) => l.tag), windowDigits(s, G, a, best.b))) {
        // An emergency number of the locale (NL 0900-8844, AU 131 444): never reported.
        a = best.b + 1;
        continue;
      }
      if (best) {
        found = buildCandidate(s, run, a, best.b, best.hit, best.lengths, plus, linkStart, best.b === G.length - 1 ? extension : null, end);
        if (whatsapp) found.reasons.push('WhatsApp link (wa.me)');
        foundB = best.b;
      } else if (!run.plus && !blocked[a]) {
        const local = localCandidate(s, run, a, ctx, linkStart, out);
        if (local) {
          found = local.candidate;
          foundB = local.b;
        }
      }
      if (found) {
        out.push(found);
        a = foundB + 1;
      } else a++;
    }
  });
}

// ---------- local numbers (no area code) ----------

interface LocalRule {
  region: CountryCode;
  /** Area codes (with the trunk prefix where the country writes one) to complete a local number with. */
  areaCodes: string[];
  /** Group lengths a local number is written in, e.g. "3-4" (US 287-3763), "4-4" (BR 3485-4070). */
  groupings: Set<string>;
  /** Local numbers starting with these digits are not reported (US 555-xxxx: fiction, directory). */
  excludePrefixes: string[];
}

/**
 * A service number whose last digits are spaced one by one for reading them out: "0800 555 1 1 1",
 * "1800 22 1 1 1 1". The groups after the prefix are 2–4 digits, then at least three single digits.
 * An order number ("0800 12345 67") is not written so.
 */
function spacedTail(lengths: readonly number[]): boolean {
  let k = lengths.length;
  while (k > 1 && lengths[k - 1] === 1) k--;
  if (lengths.length - k < 3) return false;
  return lengths.slice(1, k).every((l) => l >= 2 && l <= 4);
}

/**
 * Is group k a lone "0" typed for the word "or" ("o", "ou") between two long numbers: "918586228 0
 * 918581029"? Both neighbours hold 8 or more digits and single spaces stand on both sides, so it
 * joins two numbers rather than continuing one.
 */
function strayZero(s: string, G: readonly Group[], k: number): boolean {
  const g = G[k];
  const prev = G[k - 1];
  const next = G[k + 1];
  if (!g || !prev || !next || g.end - g.start !== 1 || s[g.start] !== '0') return false;
  return g.sep === ' ' && next.sep === ' ' && prev.end - prev.start >= 8 && next.end - next.start >= 8;
}

/** Is the separator a list separator between two numbers ("/", " / ", " - ", ", ")? */
function listSep(sep: string | undefined): boolean {
  return sep === undefined || sep.includes('/') || sep === ' - ' || sep === ' – ';
}

/**
 * A local number written without its area code ("call the library at 287-3763", "pelo telefone
 * 2236-4129", "tel. 61 48 27"), in locales whose pack has `localNumbers`: groups a..b (bounded by
 * the run's ends or list separators) in one of the pack's local groupings, valid once completed
 * with one of the pack's area codes. Scored low (needs a phone word nearby); the value is the
 * region and the local digits, as no E.164 number can be formed.
 */
function localCandidate(s: string, run: Run, a: number, ctx: DetectContext, linkStart: number, found: readonly Candidate[]): { candidate: Candidate; b: number } | null {
  const G = run.groups;
  if (a > 0 && !listSep((G[a] as Group).sep)) return null;
  if (a === 0 && run.open) return null;
  for (const t of ctx.locales) {
    const rule = LOCAL_RULES.get(t.tag);
    if (!rule) continue;
    for (let b = a + 1; b < G.length && b <= a + 2; b++) {
      if (b > a && listSep((G[b] as Group).sep)) break;
      if (!listSep(G[b + 1]?.sep)) continue;
      const lengths: number[] = [];
      for (let k = a; k <= b; k++) lengths.push((G[k] as Group).end - (G[k] as Group).start);
      if (!rule.groupings.has(lengths.join('-'))) continue;
      if (G.slice(a + 1, b + 1).some((g) => !/^[ .-]$/.test(g.sep))) continue;
      const digits = windowDigits(s, G, a, b);
      if (rule.excludePrefixes.some((p) => digits.startsWith(p))) continue;
      for (const area of rule.areaCodes) {
        if (!possibleNational(rule.region, area + digits)) continue;
        const v = validatePhone(area + digits, rule.region);
        if (!v) continue;
        const start = (G[a] as Group).start;
        const end = (G[b] as Group).end;
        const reasons = [
          `local number without area code (valid with ${rule.region} area code ${area})`,
          `region ${rule.region}`,
          kindReason(kindOf(v.type)),
        ];
        let confidence = start >= linkStart ? CONF.telLink : CONF.localNumber;
        // A dialling word right before it ("pelos telefones", "telefônico:", "call the library at").
        if (start < linkStart && diallingWordBefore(s, start, SHORT, ctx.languages)) {
          confidence += CONF.localCue;
          reasons.push(`dialling word before it (+${CONF.localCue})`);
        } else if (start < linkStart && listedWith(s, start, end, found)) {
          // The next number of a list that began with a phone ("telefônico: 2246-9188/2242-8750").
          confidence += CONF.localCue;
          reasons.push(`listed with a phone number (+${CONF.localCue})`);
        } else if (start < linkStart && inDirectoryList(s, start, end, found)) {
          // "Hospital Municipal – 3809-5100" in a list of offices whose other lines hold phones.
          confidence += CONF.localCue;
          reasons.push(`in a directory list with phone numbers (+${CONF.localCue})`);
        }
        return { candidate: { type: 'phone', start, end, confidence, ruleId: 'phone/local', reasons, value: `${rule.region}:${digits}`, phoneKind: kindOf(v.type) }, b };
      }
    }
  }
  return null;
}

/** The digits of groups a..b. */
function windowDigits(s: string, G: Group[], a: number, b: number): string {
  let d = '';
  for (let k = a; k <= b; k++) d += digitsOf(s, G[k] as Group);
  return d;
}

/** A separator that joins digit groups of one number (not a list separator " / " or " - "). */
function tightSep(sep: string | undefined): boolean {
  return sep !== undefined && !(sep === ' / ' || sep === ' - ');
}

function buildCandidate(
  s: string, run: Run, a: number, b: number, hit: Hit, lengths: number[], plus: boolean, linkStart: number, extension: string | null, extEnd: number,
): Candidate {
  const G = run.groups;
  const first = G[a] as Group;
  const last = G[b] as Group;
  let start = first.start;
  if (a === 0) start = run.start;
  else if (first.sep.endsWith('(')) start = first.start - 1;
  let end = extension ? extEnd : last.end;
  // Balance parentheses: drop an unmatched '(' at the start, take a ')' that closes one.
  let depth = 0;
  for (let k = start; k < end; k++) {
    if (s[k] === '(') depth++;
    else if (s[k] === ')') depth--;
  }
  if (depth > 0 && s[end] === ')' && !extension) {
    end++;
    depth--;
  }
  if (depth > 0) {
    const open = s.indexOf('(', start);
    if (open >= 0 && open < first.start) start = s[open + 1] === '+' ? open + 1 : first.start;
    if (plus && s[start] !== '+') start = run.start + (s[run.start] === '(' ? 1 : 0);
  }

  const reasons = describe(hit);
  const p = hit.phone;
  const spaced = lengths.length >= 7 && lengths.every((l) => l === 1);
  let confidence: number;
  if (start >= linkStart) {
    confidence = CONF.telLink;
    reasons.push('tel: link target');
  } else if (spaced) {
    confidence = CONF.spacedDigits;
    reasons.push('digits spaced one by one');
  } else if (hit.kind !== 'national') {
    if (lengths.length === 1) confidence = CONF.internationalCompact;
    else if (typicalGrouping(lengths, p.groups)) {
      confidence = CONF.internationalGrouped;
      reasons.push('grouped like the international format');
    } else confidence = CONF.internationalOtherGrouping;
  } else if (lengths.length === 1 || (hit.noTrunk && p.e164.length < 11)) {
    // A short service number without trunk prefix (AU 13 xx xx) looks like any 6 digits: needs context.
    confidence = CONF.nationalCompact;
    reasons.push('bare digit run (needs context)');
  } else if (typicalGrouping(lengths, p.groups)) {
    confidence = CONF.nationalGrouped;
    reasons.push('grouped like the national format');
  } else if (SERVICE_KINDS.has(kindOf(p.type)) && lengths.slice(1).some((l) => l < 3 || l > 4) && !spacedTail(lengths)) {
    // A service prefix (0800, 0900, 1300…) then groups no hotline is written in ("0800 12345 67"):
    // as likely an order or customer number; it needs a phone word. "0 800 123 456" is fine.
    confidence = CONF.nationalCompact;
    reasons.push('service number in an unusual grouping (needs context)');
  } else {
    confidence = CONF.nationalOtherGrouping;
    if (spacedTail(lengths)) reasons.push('last digits spaced one by one');
  }
  // Digits adjacent to the window (a single space or punctuation away) make it less certain; a
  // list separator (" / ", " - ") between two numbers does not.
  if (start < linkStart && ((a > 0 && tightSep(first.sep) && !strayZero(s, G, a - 1)) || (b < G.length - 1 && tightSep(G[b + 1]?.sep) && !strayZero(s, G, b + 1)))) {
    confidence += CONF.partOfLongerRun;
    reasons.push('more digits adjacent');
  }
  if (extension) reasons.push(`extension ${extension}`);
  return {
    type: 'phone',
    start,
    end,
    confidence: Math.round(confidence * 1000) / 1000,
    ruleId: 'phone/libphonenumber',
    reasons,
    value: p.e164,
    phoneKind: kindOf(p.type),
  };
}

// ---------- the spelled-out path ----------

interface Token {
  end: number;
  digits: number;
}

function wordCandidates(ctx: DetectContext, out: Candidate[]): void {
  const s = ctx.text;
  const pack = wordPack(ctx.languages);
  const re = pack.find;
  if (!re) return;
  re.lastIndex = 0;
  let consumed = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (m.index < consumed) continue;
    if (out.length >= (ctx.limit ?? Infinity)) {
      ctx.truncate?.(m.index);
      break;
    }
    if (isLetter(s, m.index - 1) || isWordChar(s, m.index + m[0].length)) continue;
    // Back up over digit groups (and '+', '(') written before the first word: "(415) five five five".
    let start = m.index;
    for (let hops = 0; hops < 4; hops++) {
      let j = start;
      while (j > 0 && start - j < 3 && ' ,.-()'.includes(s[j - 1] as string)) j--;
      if (!isDigit(s.charCodeAt(j - 1))) break;
      let g = j;
      while (g > 0 && j - g < 6 && isDigit(s.charCodeAt(g - 1))) g--;
      if (isWordChar(s, g - 1)) break;
      start = g;
      if (s[g - 1] === '(' || s[g - 1] === '+') start = g - 1;
      if (s[start - 1] === '+') start -= 1;
    }
    // Forward over digits, digit words and repeat words.
    let pos = start;
    let digits = '';
    let words = 0;
    let plus = s[start] === '+';
    if (plus) pos++;
    const tokens: Token[] = [];
    let repeat = 1;
    let lastEnd = pos;
    while (pos < s.length && digits.length <= LIMITS.maxDigits) {
      let k = pos;
      let punct = 0;
      while (k < s.length && k - pos < 3 && ' ,.-()'.includes(s[k] as string)) {
        if (s[k] !== ' ') punct++;
        k++;
      }
      if (punct > 2) break;
      if (isDigit(s.charCodeAt(k))) {
        let e = k;
        while (e < s.length && e - k < 6 && isDigit(s.charCodeAt(e))) e++;
        if (isDigit(s.charCodeAt(e))) break;
        const d = s.slice(k, e);
        digits += repeat > 1 && d.length === 1 ? d.repeat(repeat) : d;
        repeat = 1;
        tokens.push({ end: e, digits: digits.length });
        pos = lastEnd = e;
        continue;
      }
      if (!isLetter(s, k) || (k === pos && k > start && isLetter(s, k - 1))) break;
      let e = k;
      while (e < s.length && e - k < 12 && isLetter(s, e)) e++;
      if (isLetter(s, e)) break;
      const w = s.slice(k, e).toLowerCase();
      const d = pack.digits.get(w);
      const r = pack.repeats.get(w);
      if (d !== undefined) {
        digits += d.repeat(repeat);
        repeat = 1;
        words++;
        tokens.push({ end: e, digits: digits.length });
        pos = lastEnd = e;
      } else if (r !== undefined && repeat === 1) {
        repeat = r;
        pos = e;
      } else if (PLUS_WORDS.has(w) && tokens.length === 0 && !plus) {
        plus = true;
        start = k;
        pos = lastEnd = e;
      } else break;
    }
    consumed = Math.max(lastEnd, m.index + m[0].length);
    re.lastIndex = consumed;
    if (words === 0 || digits.length < 7) continue;
    // Longest valid prefix of the token sequence (at most 3 tries).
    for (let t = tokens.length - 1, tries = 0; t >= 0 && tries < 3; t--, tries++) {
      const tk = tokens[t] as Token;
      const ds = digits.slice(0, tk.digits);
      if (ds.length < 7) break;
      const hit = validateDigits(ds, plus, ctx.regions);
      if (!hit) continue;
      if (gluedRight(s, tk.end) && !/[.,]/.test(s[tk.end] as string)) break;
      let st = start;
      if (s[st] === '(' && !s.slice(st, tk.end).includes(')')) st++;
      const reasons = [...describe(hit), 'digits spelled out in words'];
      out.push({ type: 'phone', start: st, end: tk.end, confidence: CONF.words, ruleId: 'phone/words', reasons, value: hit.phone.e164, phoneKind: kindOf(hit.phone.type) });
      break;
    }
  }
}

// ---------- vanity numbers (letters on the keypad) ----------

/** Keypad digit of a Latin letter (ITU E.161): ABC 2, DEF 3 … WXYZ 9. */
function keypad(c: string): string {
  const i = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.indexOf(c.toUpperCase());
  return i < 0 ? c : '22233344455566677778889999'[i] as string;
}

/*
 * Where a vanity number can start: an optional NANP "1" or "+1"/"+CC" with a separator, then a
 * bracketed or bare prefix of 2–4 digits, one separator (space . -) and a Latin letter. Bounded
 * quantifiers and disjoint pieces: linear. The letters are read in code (VANITY_CHUNK); what stands
 * before the start (no letter, digit, '+', '.', ',', '/') is checked in code too.
 */
const VANITY_START = /(?:\+?\d{1,3}[ .-])?(?:\(\d{2,4}\)|\d{2,4})[ .-](?=[A-Z])/g;
/*
 * A cheap test for the only place a vanity number can be: a digit, maybe ')', a separator, a capital.
 * (The first chunk is capitals, or a capitalised word after a hyphen, so it always starts with one.)
 */
const VANITY_HINT = /\d\)?[ .-][A-Z]/;
/* One chunk of a vanity number: 1–10 Latin letters or digits. */
const VANITY_CHUNK = /^[A-Za-z0-9]{1,10}/;

/**
 * Vanity numbers: "1-800-FLOWERS", "1-877-KARS-4-KIDS", "13 CABS", "(800) GO-FEDEX", with or without
 * the digits in parentheses after them ("1-800-FLOWERS (356-9377)"). The letters become keypad
 * digits; the longest valid prefix of the result is the number (people write extra letters:
 * "1-800-CONTACTS"). Kept only when it has at least 3 letters, the letter chunks are capitals (or
 * joined by hyphens), and the number is a service number or written with its country/trunk code.
 */
function vanityCandidates(ctx: DetectContext, out: Candidate[]): void {
  const s = ctx.text;
  if (!VANITY_HINT.test(s)) return;
  const limit = ctx.limit ?? Infinity;
  let examined = 0;
  VANITY_START.lastIndex = 0;
  for (let m = VANITY_START.exec(s); m; m = VANITY_START.exec(s)) {
    const start = m.index;
    if (start > 0 && (isWordChar(s, start - 1) || '+.,/'.includes(s[start - 1] as string))) {
      VANITY_START.lastIndex = start + 1;
      continue;
    }
    // Before any string work: after a space or dot the first chunk (up to 10 letters and digits) must
    // be capitals ("20 Minuten", "30 Jahre" stop here); only a hyphen lets "1-800-Flowers" through.
    const first = start + m[0].length;
    if (s.charCodeAt(first - 1) !== 45) {
      let lower = false;
      for (let k = first; k < first + 10 && k < s.length; k++) {
        const c = s.charCodeAt(k);
        if (c >= 97 && c <= 122) {
          lower = true;
          break;
        }
        if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 57))) break;
      }
      if (lower) continue;
    }
    // Bounded work: stop after 4 × ctx.limit possible numbers examined (the truncation offset keeps
    // what the other paths found before it).
    if (examined++ >= 4 * limit) {
      ctx.truncate?.(start);
      return;
    }
    const prefix = m[0];
    const prefixDigits = prefix.replace(/\D/g, '');
    const plus = prefix.startsWith('+');
    const withCode = plus || /^1[ .-]/.test(prefix);
    // Chunks after the prefix: letters/digits joined by one separator.
    let pos = start + prefix.length;
    let tail = '';
    let letters = 0;
    const chunkEnds: { end: number; len: number }[] = [];
    let sepBefore = prefix[prefix.length - 1] as string;
    for (let c = 0; c < 5 && tail.length < 11; c++) {
      const cm = VANITY_CHUNK.exec(s.slice(pos, pos + 11));
      if (!cm) break;
      const chunk = cm[0];
      if (isWordChar(s, pos + chunk.length)) break;
      // Capitals and digits; a capitalised word only right after a hyphen of a number written with its
    // country or trunk code ("1-800-Flowers"), never "0900-nummers" or "0800-Nummer".
      if (chunk !== chunk.toUpperCase() && !(c === 0 && sepBefore === '-' && withCode && /^[A-Z]/.test(chunk))) break;
      letters += chunk.replace(/[0-9]/g, '').length;
      tail += [...chunk].map(keypad).join('');
      const chunkEnd = pos + chunk.length;
      chunkEnds.push({ end: chunkEnd, len: tail.length });
      const sep = s[chunkEnd] as string;
      if (!((sep === '-' || sep === ' ' || sep === '.') && /[A-Za-z0-9]/.test(s[chunkEnd + 1] ?? ''))) break;
      sepBefore = sep;
      pos = chunkEnd + 1;
    }
    // At least 3 letters, not one letter repeated: "900 XXX XXX" is a placeholder, not a number.
    const letterSet = new Set(tail.length ? s.slice(start + prefix.length, chunkEnds[chunkEnds.length - 1]?.end ?? pos).toUpperCase().replace(/[^A-Z]/g, '') : '');
    if (letters < 3 || letterSet.size < 2) continue;
    let hit: Hit | null = null;
    let used = 0;
    for (let len = tail.length; len >= 1 && !hit; len--) {
      const digits = prefixDigits + tail.slice(0, len);
      if (digits.length < LIMITS.minDigits) break;
      hit = validateDigits(digits, plus, ctx.regions);
      if (hit) used = len;
    }
    if (!hit) continue;
    const kind = kindOf(hit.phone.type);
    if (!SERVICE_KINDS.has(kind) && !withCode) continue;
    // The span runs to the end of the chunk holding the last dialled character.
    let end = (chunkEnds.find((c) => c.len >= used) ?? chunkEnds[chunkEnds.length - 1] ?? { end: pos }).end;
    // "(356-9377)" or "(1-800-356-9377)" right after: the same number in digits.
    const paren = /^ ?\((?:\+?1[ .-]?)?[\d .-]{7,16}\)/.exec(s.slice(end, end + 24));
    if (paren && hit.phone.e164.endsWith(paren[0].replace(/\D/g, '').slice(-7))) end += paren[0].length;
    const reasons = [...describe(hit), `vanity number: letters dialled as keypad digits`];
    // Like a digit run: a short service number without trunk prefix ("13 CABS") needs a phone word.
    const confidence = hit.noTrunk && hit.phone.e164.length < 11 ? CONF.nationalCompact : CONF.nationalGrouped;
    out.push({ type: 'phone', start, end, confidence, ruleId: 'phone/vanity', reasons, value: hit.phone.e164, phoneKind: kind });
    VANITY_START.lastIndex = end;
  }
}

// ---------- the detector ----------

/** A scanner's date formats, built once per scanner (and per locale list). */
const datesForLocales = memoPerList(
  (locales: DetectContext['locales']) => datesFor(locales.map((l) => l.tag)),
  (locales) => locales.map((l) => l.tag).join(','),
);

export const phoneDetector: Detector = {
  id: 'phone',
  type: 'phone',
  detect(ctx: DetectContext): Candidate[] {
    const s = ctx.text;
    const out: Candidate[] = [];
    numericCandidates(ctx, out, datesForLocales(ctx.locales));
    wordCandidates(ctx, out);
    shortCodeCandidates(ctx, SHORT, out);
    vanityCandidates(ctx, out);
    // A phone column: a number alone in a pipe-table cell whose header names a phone ("| Phone Number |").
    const headers = s.includes('|') ? new ColumnHeaders(s) : null;
    for (const c of out) {
      const header = headers === null ? null : headers.get(c.start, c.end);
      if (header !== null && COLUMN_WORDS.test(header)) {
        c.confidence = Math.min(1, Math.round((c.confidence + CONF.phoneColumn) * 1000) / 1000);
        c.reasons.push(`in a table column "${header.slice(0, 40)}" (+${CONF.phoneColumn})`);
      }
    }
    // A telephone symbol right before the number ("☎ 0 18 01 / 7 68 46 36", "📞 0491 570 156").
    for (const c of out) {
      const lead = s.slice(Math.max(0, c.start - 4), c.start);
      if (c.ruleId !== 'phone/short-code' && PHONE_SYMBOLS.some((sym) => lead.includes(sym))) {
        c.confidence = Math.min(1, Math.round((c.confidence + CONF.phoneSymbol) * 1000) / 1000);
        c.reasons.push(`telephone symbol before it (+${CONF.phoneSymbol})`);
      }
    }
    // A number the author also linked with tel: is a phone number wherever it is written.
    const linkStart = ctx.view.linkTargetsStart;
    if (linkStart < s.length) {
      const linked = new Set(out.filter((c) => c.start >= linkStart).map((c) => c.value));
      for (const c of out) {
        if (c.start < linkStart && linked.has(c.value) && c.confidence < CONF.sameAsTelLink) {
          c.confidence = CONF.sameAsTelLink;
          c.reasons.push('same number as a tel: link in the post');
        }
      }
    }
    return out;
  },
};
