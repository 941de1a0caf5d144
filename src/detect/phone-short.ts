/**
 * Short service numbers (US 311, UK 105, DE 115, FR 3949, NL 14 020, BR 156…) and emergency
 * numbers. Neither is in libphonenumber-js: both come from the locale packs (rules/phone/<locale>.json,
 * `shortCodes` and `emergencyNumbers`), as data an admin can read and extend.
 *
 * A short code is reported (kind `short_code`) only when it is listed for a configured locale AND a
 * dialling word stands right before it ("call 311", "appelez le 3949", "bel 14 020") or right after
 * it ("115 anrufen"): a bare "115" or "3949" is far more often a count, a page or a price.
 * Emergency numbers are never reported, by this path or the numeric one.
 */
import { field } from '../rules/schema';
import type { Candidate, DetectContext } from './types';

export interface ShortCodeEntry {
  /** Digits as written in the pack, spaces kept for display; 'x' stands for any digit. */
  number: string;
  name: string;
  /** The service's own name, which right before the number counts as a dialling word ("NHS 111"). */
  cues: string[];
  /** `number` without spaces, for matching. */
  compact: string;
}

export interface ShortCodeData {
  /** Per locale tag: short service numbers. */
  shortCodes: Map<string, ShortCodeEntry[]>;
  /** Per locale tag: emergency numbers (digits only). */
  emergency: Map<string, Set<string>>;
  /** Per language: words that announce a number to dial. */
  cues: Map<string, string[]>;
}

/** Reads `shortCodes` and `emergencyNumbers` from one locale pack, loudly on a malformed entry. */
export function readShortCodes(rule: Record<string, unknown>, file: string): { shortCodes: ShortCodeEntry[]; emergency: Set<string> } {
  const raw = field<Record<string, unknown>[]>(rule, 'shortCodes', 'object[]', file, []);
  const shortCodes = raw.map((e, i) => {
    const o = e;
    const number = typeof o?.number === 'string' ? o.number : '';
    const name = typeof o?.name === 'string' ? o.name : '';
    // 3–6 digits or 'x', single spaces between groups.
    if (!/^[\dx]{2,6}(?: [\dx]{1,4})?$/.test(number) || number.replace(/ /g, '').length < 3 || number.replace(/ /g, '').length > 6 || !name) {
      throw new Error(`${file}: shortCodes[${i}] needs a "number" of 3–6 digits ('x' for any digit) and a "name"`);
    }
    const cues = o.cues === undefined ? [] : o.cues;
    if (!Array.isArray(cues) || !cues.every((c) => typeof c === 'string' && /^[\p{L}\p{N}' -]{2,30}$/u.test(c))) {
      throw new Error(`${file}: shortCodes[${i}].cues must be an array of names (letters, digits, spaces)`);
    }
    return { number, name, cues: cues as string[], compact: number.replace(/ /g, '') };
  });
  const emergency = new Set(field<string[]>(rule, 'emergencyNumbers', 'string[]', file, []).map((n) => n.replace(/\D/g, '')));
  return { shortCodes, emergency };
}

function matchesEntry(digits: string, e: string): boolean {
  if (e.length !== digits.length) return false;
  for (let i = 0; i < e.length; i++) if (e[i] !== 'x' && e[i] !== digits[i]) return false;
  return true;
}

/** Is `digits` (national form, digits only) an emergency number of one of these locales? */
export function isEmergency(data: ShortCodeData, tags: string[], digits: string): boolean {
  return tags.some((t) => data.emergency.get(t)?.has(digits) ?? false);
}

/*
 * A short digit run: 2–6 digits, optionally a space and 1–4 more ("116 123", "14 020"), not touching
 * (right side here, left side in freeLeft) a letter, digit, '+', or a digit-joining punctuation mark (so never a piece of a
 * longer number, a decimal, a time, a date or a price), nor a space and a digit. Bounded quantifiers, disjoint pieces: linear.
 */
const SHORT_RUN = /\d{2,6}(?: \d{1,4})?(?![\p{L}\p{N}%‰€$£¥]|[.,:/-]\d| \d)/gu;
/* What must not stand right before a short run (checked in code, so the regex can scan for digits). */
const SHORT_LEFT = /[\p{L}\p{N}+#@$€£¥/.,:-]/u;

/** Is the run at `start` free on its left: no letter, digit, sign or joining mark, and not "digit space"? */
function freeLeft(s: string, start: number): boolean {
  const prev = s[start - 1];
  if (prev === undefined) return true;
  // A space or line break (the usual case) needs no regex.
  const c = prev.charCodeAt(0);
  if (c === 10) return true;
  if (c !== 32 && SHORT_LEFT.test(prev)) return false;
  return !(prev === ' ' && /\d/.test(s[start - 2] ?? ''));
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/* Between a phone number and a short code in one list: ")", up to 2 spaces or line breaks, a joiner ("," "/" "or" "oder" "ou" "of" "o" "y" "e"), up to 3 spaces or line breaks. Fixed pieces: linear. */
const LIST_JOIN = /^\)?[ \t\n]{0,2}(?:[,/]|or|oder|ou|of|o|y|e)?[ \t\n]{0,3}\(?$/;
/*
 * The same after a remark in parentheses on the earlier number: "9 8132-9222 (entre 7h e 12h40) e",
 * "555-0101 (office) or". The remark holds no parenthesis and at most 30 units: linear.
 */
const LIST_JOIN_REMARK = /^ ?\([^()\n]{1,30}\)[ \t\n]{0,2}(?:[,/]|or|oder|ou|of|o|y|e)?[ \t\n]{0,3}\(?$/;
/** How far apart two listed numbers may stand (a remark in parentheses included). */
const LIST_REACH = 8;
const LIST_REACH_REMARK = 42;

interface CueFinder {
  /** The cue words, lower case: a slice that contains none of them cannot match `before`/`after`. */
  words: string[];
  /* A cue word as the last word before the number (up to 3 short words may come between). */
  before: RegExp;
  /* A cue word as the first word after the number. */
  after: RegExp;
}

const CUE_CACHE = new Map<string, CueFinder | null>();

function cueFinder(data: ShortCodeData, languages: string[]): CueFinder | null {
  const key = languages.join(',');
  if (CUE_CACHE.has(key)) return CUE_CACHE.get(key) ?? null;
  const words = [...new Set(languages.flatMap((l) => data.cues.get(l) ?? []))].sort((a, b) => b.length - a.length).map(escapeRe);
  let out: CueFinder | null = null;
  if (words.length) {
    const alt = words.join('|');
    out = {
      words: [...new Set(languages.flatMap((l) => data.cues.get(l) ?? []))],
      // A cue word, then 0–4 words of at most 14 letters (articles, a service name: "call NHS", "bel de
      // gemeente op"), then the end of the slice (an opening parenthesis may stand before the number). Each filler is bounded and starts with a space: linear.
      before: new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${alt})[.:,]?(?: [\\p{L}'’]{1,14}[.:,]?){0,4} ?\\(?$`, 'iu'),
      // Right after the number: up to 3 short words, then a cue word ("115 anrufen", "14072 te worden
      // gebeld"). Each filler word starts with a space and is bounded: linear.
      after: new RegExp(`^(?: [\\p{L}]{1,10}){0,3} ?(?:${alt})(?![\\p{L}\\p{N}])`, 'iu'),
    };
  }
  CUE_CACHE.set(key, out);
  return out;
}

/** Does [start, end) stand in one list with one of `phones` ("1800-11-4000 or 1915", "2246-9188/2242-8750")? */
export function listedWith(s: string, start: number, end: number, phones: readonly Candidate[]): boolean {
  const joined = (gap: string): boolean => (gap.length <= LIST_REACH && LIST_JOIN.test(gap)) || (gap.length <= LIST_REACH_REMARK && LIST_JOIN_REMARK.test(gap));
  return phones.some((c) => c.confidence >= 0.5 && (c.end <= start ? c.end >= start - LIST_REACH_REMARK && joined(s.slice(c.end, start)) : c.start >= end && c.start <= end + LIST_REACH && joined(s.slice(end, c.start))));
}

/** Label separators of a directory line ("Hospital Municipal – 3809-5100", "Library: 287-3763"). */
const DIRECTORY_SEPS = '-–—:';
/** Longest label of a directory line, and how many lines up or down a list is followed. */
const DIRECTORY_LABEL_MAX = 48;
const DIRECTORY_REACH = 8;

/**
 * Where the number of a directory line starts: the line is a label without digits (2–48 units), a
 * dash or colon, then a number ("Defesa Civil – 199", "Town Hall: (555) 010-0199"); -1 otherwise.
 */
function directoryNumberStart(line: string): number {
  let k = 0;
  while (k < line.length && k <= DIRECTORY_LABEL_MAX + 2) {
    const c = line.charCodeAt(k);
    if (c >= 48 && c <= 57) return -1;
    if (DIRECTORY_SEPS.includes(line[k] as string) && k >= 2 && (line[k - 1] === ' ' || line[k] === ':')) {
      let j = k + 1;
      while (line[j] === ' ') j++;
      return j > k + 1 && /[\d(+]/.test(line[j] ?? '') ? j : -1;
    }
    k++;
  }
  return -1;
}

/**
 * Is [start, end) the number of a directory line ("Hospital Municipal – 3809-5100") in a block of
 * such lines where another line holds a phone number of `phones`? A list of offices with their
 * numbers: once one line's number is a phone, the next "Name – 3897-3312" is one too. The number
 * must end its line (a parenthesised remark may follow), and the block is followed at most
 * DIRECTORY_REACH lines up and down, only through directory lines.
 */
export function inDirectoryList(s: string, start: number, end: number, phones: readonly Candidate[]): boolean {
  // The line must start at most DIRECTORY_LABEL_MAX + 6 units before the number: look no further back.
  const lineStart = lineStartWithin(s, start, DIRECTORY_LABEL_MAX + 7);
  if ((lineStart > 0 && s[lineStart - 1] !== '\n') || start - lineStart > DIRECTORY_LABEL_MAX + 6) return false;
  if (directoryNumberStart(s.slice(lineStart, start + 1)) !== start - lineStart) return false;
  let lineEnd = s.indexOf('\n', end);
  if (lineEnd < 0) lineEnd = s.length;
  const rest = s.slice(end, lineEnd).trim();
  if (rest !== '' && !(rest.startsWith('(') && rest.endsWith(')') && rest.length <= 40 && !/[()]/.test(rest.slice(1, -1)))) return false;
  const strong = phones.filter((c) => c.confidence >= 0.5 && c.start < c.end);
  const holdsPhone = (ls: number, le: number): boolean => strong.some((c) => c.start >= ls && c.end <= le && (c.start !== start || c.end !== end));
  if (holdsPhone(lineStart, start) || holdsPhone(end, lineEnd)) return true;
  // Up, then down, line by line while the lines are directory lines.
  for (const dir of [-1, 1]) {
    let ls = lineStart;
    let le = lineEnd;
    for (let hop = 0; hop < DIRECTORY_REACH; hop++) {
      if (dir < 0) {
        if (ls === 0) break;
        le = ls - 1;
        ls = s.lastIndexOf('\n', le - 1) + 1;
      } else {
        if (le >= s.length) break;
        ls = le + 1;
        le = s.indexOf('\n', ls);
        if (le < 0) le = s.length;
      }
      if (le - ls > 200 || directoryNumberStart(s.slice(ls, le)) < 0) break;
      if (holdsPhone(ls, le)) return true;
    }
  }
  return false;
}

/**
 * The text a dialling word may stand in before `start`: the line up to the number (at most 48
 * units), or, when the number starts its line, a label line above it ("Téléphone :" / "Tel.").
 */
function leadBefore(s: string, start: number): string {
  const lineStart = lineStartWithin(s, start, 48);
  const lead = s.slice(lineStart, start);
  if (lead.trim() === '' && lineStart > 0 && s[lineStart - 1] === '\n') {
    const prevStart = lineStartWithin(s, lineStart - 1, 49);
    // Only a label line: it ends with ':' or is at most two words ("Téléphone", "Tel. Hotline").
    let label = s.slice(prevStart, lineStart - 1).trim();
    const colon = label.endsWith(':');
    if (colon) label = label.slice(0, -1).trimEnd();
    if (colon || label.split(' ').length <= 2) return `${label} `;
  }
  return lead;
}

/**
 * Where the line holding offset `at - 1` starts, looking back at most `reach` units: the offset
 * after the last line break in [at - reach, at), or `at - reach` (not below 0) when there is none.
 * The same as `max(s.lastIndexOf('\n', at - 1) + 1, at - reach)` without reading the whole text
 * before `at` (that made a post without line breaks quadratic).
 */
export function lineStartWithin(s: string, at: number, reach: number): number {
  const floor = Math.max(0, at - reach);
  for (let k = at - 1; k >= floor; k--) if (s.charCodeAt(k) === 10) return k + 1;
  return floor;
}

/** Is there a dialling word of these languages right before `start` (same line, or a label line above)? */
export function diallingWordBefore(s: string, start: number, data: ShortCodeData, languages: string[]): boolean {
  const cues = cueFinder(data, [...new Set([...languages, 'en'])].sort());
  return cues !== null && cueBefore(cues, leadBefore(s, start));
}

/** Does a cue word end `lead` (up to four filler words after it)? A substring check first: cheap. */
function cueBefore(cues: CueFinder, lead: string): boolean {
  const lower = lead.toLowerCase();
  return cues.words.some((w) => lower.includes(w)) && cues.before.test(lead);
}

function cueAfter(cues: CueFinder, tail: string): boolean {
  const lower = tail.toLowerCase();
  return cues.words.some((w) => lower.includes(w)) && cues.after.test(tail);
}

/** Is the service's own name the last word(s) before the number ("NHS 111", "Samaritans on 116 123")? */
function namedBefore(lead: string, names: string[]): boolean {
  const l = lead.toLowerCase().trimEnd().replace(/ (?:on|at|op|au|al|unter)$/, '');
  return names.some((n) => {
    const k = n.toLowerCase();
    return l.endsWith(k) && !/[\p{L}\p{N}]/u.test(l[l.length - k.length - 1] ?? ' ');
  });
}

const RULE_ID = 'phone/short-code';

interface ShortCodePlan {
  cues: CueFinder;
  /** Emergency numbers of the configured locales. */
  emergency: Set<string>;
  /** The first listed entry (in locale order) that `digits` matches, or undefined. */
  find(digits: string): ShortCodeEntry | undefined;
}

/*
 * A scanner's short codes, emergency numbers and cue words, built once per scanner (its locale and
 * language arrays are the same on every scan) rather than on every scan.
 */
const PLANS = new WeakMap<ShortCodeData, WeakMap<object, { languages: string[]; plan: ShortCodePlan | null }>>();

function planFor(data: ShortCodeData, ctx: DetectContext): ShortCodePlan | null {
  let byLocales = PLANS.get(data);
  if (!byLocales) {
    byLocales = new WeakMap();
    PLANS.set(data, byLocales);
  }
  const known = byLocales.get(ctx.locales);
  if (known && known.languages === ctx.languages) return known.plan;
  const tags = ctx.locales.map((l) => l.tag);
  const entries = tags.flatMap((t) => data.shortCodes.get(t) ?? []);
  const cues = entries.length ? cueFinder(data, [...new Set([...ctx.languages, 'en'])].sort()) : null;
  let plan: ShortCodePlan | null = null;
  if (cues) {
    // Exact numbers by their digits (the first entry wins), numbers with an 'x' tried in order.
    const exact = new Map<string, number>();
    const patterns: number[] = [];
    entries.forEach((e, i) => {
      if (e.compact.includes('x')) patterns.push(i);
      else if (!exact.has(e.compact)) exact.set(e.compact, i);
    });
    const emergency = new Set(tags.flatMap((t) => [...(data.emergency.get(t) ?? [])]));
    plan = {
      cues,
      emergency,
      find(digits: string): ShortCodeEntry | undefined {
        let best = exact.get(digits) ?? Infinity;
        for (const i of patterns) {
          if (i >= best) break;
          if (matchesEntry(digits, (entries[i] as ShortCodeEntry).compact)) best = i;
        }
        return best === Infinity ? undefined : entries[best];
      },
    };
  }
  byLocales.set(ctx.locales, { languages: ctx.languages, plan });
  return plan;
}

/*
 * A short code that opens a sentence and is named as a number: "311 is the three-digit number for
 * City services", "Le 3949 est le numéro de…", "El 010 es el número…". One copula, one to three
 * words (an article, an adjective), then the word for number. Bounded pieces: linear.
 */
const NAMED_AS_NUMBER = /^ (?:is|was|est|es|è|ist|é)(?: [\p{L}-]{1,14}){1,3} (?:number|numéro|número|numero|nummer|rufnummer)(?![\p{L}\p{N}])/iu;
/* What may stand before such a sentence-opening number: the start, a line break, a sentence or clause end, and an article ("Le 3949", "El 010"). */
const SENTENCE_OPEN = /[\n.;:!?(][ \t]{0,2}(?:(?:the|le|la|el|il|lo|het|de|der|die|das|o|a) )?$/iu;

/*
 * The word for number as a label, then the article a phone number takes in speech: "un seul numéro :
 * le 39 49", "el número: el 010", "il numero: il 1500". The article is required ("Numéro : 3512" is
 * an issue number). Fixed pieces: linear.
 */
const NUMBER_LABEL_ARTICLE = /(?:^|[^\p{L}\p{N}])(?:numéro|número|numero|number|nummer)[ \t]?:[ \t]{0,2}(?:le|el|il|lo|o|the) $/iu;

/** Does the short code at [start, end) open a sentence that names it as a number? */
function namedAsNumber(s: string, start: number, end: number): boolean {
  const lead = start <= 8 ? `\n${s.slice(0, start)}` : s.slice(start - 8, start);
  return NAMED_AS_NUMBER.test(s.slice(end, end + 60)) && SENTENCE_OPEN.test(lead);
}

/**
 * Short service numbers of the configured locales that follow or precede a dialling word, or stand
 * in a list with a phone number already in `out` ("1800-11-4000 or 1915").
 */
export function shortCodeCandidates(ctx: DetectContext, data: ShortCodeData, out: Candidate[]): void {
  const plan = planFor(data, ctx);
  if (plan === null) return;
  const { cues } = plan;
  const s = ctx.text;
  const limit = ctx.limit ?? Infinity;
  let examined = 0;
  SHORT_RUN.lastIndex = 0;
  for (let m = SHORT_RUN.exec(s); m; m = SHORT_RUN.exec(s)) {
    if (!freeLeft(s, m.index)) {
      // Inside a longer token: skip the rest of its digits.
      let k = m.index;
      while (k < s.length && s.charCodeAt(k) >= 48 && s.charCodeAt(k) <= 57) k++;
      SHORT_RUN.lastIndex = Math.max(k, m.index + 1);
      continue;
    }
    const written = m[0];
    const digits = written.includes(' ') ? written.replace(/ /g, '') : written;
    if (digits.length < 3 || digits.length > 6) continue;
    if (plan.emergency.has(digits)) continue;
    const entry = plan.find(digits);
    if (!entry) continue;
    // Bounded work: stop after 4 × ctx.limit listed numbers examined.
    if (examined++ >= 4 * limit) {
      ctx.truncate?.(m.index);
      return;
    }
    const start = m.index;
    const end = start + written.length;
    const lead = leadBefore(s, start);
    const before = cueBefore(cues, lead) || namedBefore(lead, entry.cues) || NUMBER_LABEL_ARTICLE.test(lead);
    const after = !before && (cueAfter(cues, s.slice(end, end + 40)) || namedAsNumber(s, start, end));
    // In a list with a full phone number: "1800-11-4000 or 1915", "14404, 1800-11-4000".
    const listed = !before && !after && listedWith(s, start, end, out.filter((c) => c.ruleId !== RULE_ID));
    if (!before && !after && !listed) continue;
    out.push({
      type: 'phone',
      start,
      end,
      confidence: 0.6,
      ruleId: RULE_ID,
      reasons: [
        `short service number of the locale pack (${entry.name})`,
        'kind short_code (a service number, not a personal line)',
        before ? 'dialling word before it' : after ? 'dialling word after it' : 'listed with a phone number',
      ],
      value: digits,
      phoneKind: 'short_code',
      context: false,
    });
  }
}
