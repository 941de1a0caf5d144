/**
 * Email addresses: plain ones validated with validator.isEmail plus a known top-level domain
 * (rules/email.json), and obfuscated ones (rules/email-obfuscated.json): "name at domain dot com",
 * "[at]"/"(at)"/"{at}"/"<at>", "[dot]"/"(dot)", a spaced "@", letter-spaced "n a m e @ …", and the
 * at/dot words of the configured languages.
 *
 * Every candidate is anchored on an at-part ('@' or an at-word); the local part and the domain are
 * read outwards from it by bounded hand-written scanners (local ≤ 64 units, domain ≤ 253, labels ≤
 * 63), so the work per anchor is bounded and a text is scanned in linear time whatever it holds.
 * Letter-spaced addresses ("j o r d a n . l e e @ e x a m p l e . c o m") are found by one
 * separate left-to-right pass over non-overlapping runs of single characters (letterSpacedRuns).
 */
import isEmail from 'validator/lib/isEmail';
import { checkRuleFile, field } from '../rules/schema';
import plainRule from '../../rules/email.json';
import obfRule from '../../rules/email-obfuscated.json';
import type { Candidate, DetectContext, Detector } from './types';
import { memoPerList } from './memo';

const PLAIN_FILE = 'rules/email.json';
const OBF_FILE = 'rules/email-obfuscated.json';

const plain = checkRuleFile(plainRule, PLAIN_FILE);
const PLAIN_CONF = field<number>(plain, 'confidence', 'number', PLAIN_FILE);
const TLDS = new Set(field<string[]>(plain, 'tlds', 'string[]', PLAIN_FILE).map((t) => t.toLowerCase()));
const NON_PERSONAL_LOCALS = new Set(field<string[]>(plain, 'nonPersonalLocals', 'string[]', PLAIN_FILE).map((t) => t.toLowerCase()));
const PLACEHOLDER_LOCALS = new Set(field<string[]>(plain, 'placeholderLocals', 'string[]', PLAIN_FILE).map((t) => t.toLowerCase()));
const COMMAND_WORDS = new Set(field<string[]>(plain, 'commandWords', 'string[]', PLAIN_FILE).map((t) => t.toLowerCase()));

const obf = checkRuleFile(obfRule, OBF_FILE);
const OBF_CONF = {
  bracketed: field<number>(obf, 'confidence.bracketed', 'number', OBF_FILE),
  spacedAt: field<number>(obf, 'confidence.spacedAt', 'number', OBF_FILE),
  upperCase: field<number>(obf, 'confidence.upperCase', 'number', OBF_FILE),
  words: field<number>(obf, 'confidence.words', 'number', OBF_FILE),
  letterSpaced: field<number>(obf, 'confidence.letterSpaced', 'number', OBF_FILE),
  wordAtLiteralDot: field<number>(obf, 'confidence.wordAtLiteralDot', 'number', OBF_FILE),
};
const FILE_EXTENSIONS = new Set(field<string[]>(obf, 'fileExtensions', 'string[]', OBF_FILE).map((t) => t.toLowerCase()));
const AT_WORDS = field<Record<string, unknown>>(obf, 'atWords', 'object', OBF_FILE);
const DOT_WORDS = field<Record<string, unknown>>(obf, 'dotWords', 'object', OBF_FILE);
for (const lang of Object.keys(AT_WORDS)) field<string[]>(obf, `atWords.${lang}`, 'string[]', OBF_FILE);
for (const lang of Object.keys(DOT_WORDS)) field<string[]>(obf, `dotWords.${lang}`, 'string[]', OBF_FILE);
const PROSE = new Set(field<string[]>(obf, 'proseWords', 'string[]', OBF_FILE).map((t) => t.toLowerCase()));

const IS_EMAIL_OPTIONS = {
  require_tld: true,
  allow_utf8_local_part: true,
  allow_display_name: false,
  require_display_name: false,
  allow_ip_domain: false,
  // Lengths are bounded by the scanners here (local ≤ 64, domain ≤ 253, labels ≤ 63).
  ignore_max_length: true,
};

const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;
const MAX_LABEL = 63;
const MAX_LABELS = 16;
const MAX_WORD = 12;
/** The longest known TLD label we look up when cutting a letter-spaced run back. */
const MAX_TLD = Math.max(...[...TLDS].map((t) => t.length));
/** A letter-spaced run shorter than this (de-spaced, "ab@cd.com" is 9) is not deliberate enough. */
const LETTER_SPACED_MIN = field<number>(obf, 'letterSpacedMinLength', 'number', OBF_FILE);

// ---------- character classes (charCode tests, no regex on the hot path) ----------

// One non-ASCII unit that is a letter, mark or digit (BMP letters of IDN labels, UTF-8 local parts).
// Single class, no quantifier.
const UNICODE_WORD = /[\p{L}\p{M}\p{N}]/u;

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isUnicodeWord(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c > 0x7f && UNICODE_WORD.test(s[i] as string);
}

/** Letters, digits, '-', and non-ASCII letters: what a domain label is made of. */
function isLabelChar(s: string, i: number): boolean {
  if (i < 0 || i >= s.length) return false;
  const c = s.charCodeAt(i);
  return isAlnum(c) || c === 45 /* - */ || isUnicodeWord(s, i);
}

/** Letters, digits, "._%+-" and non-ASCII letters: the unquoted local part we accept. */
function isLocalChar(s: string, i: number): boolean {
  if (i < 0 || i >= s.length) return false;
  const c = s.charCodeAt(i);
  return isAlnum(c) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45 || isUnicodeWord(s, i);
}

function isWordChar(s: string, i: number): boolean {
  if (i < 0 || i >= s.length) return false;
  const c = s.charCodeAt(i);
  return isAlnum(c) || c === 95 || isUnicodeWord(s, i);
}

function isSpace(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c === 32 || c === 9;
}

function isLetter(s: string, i: number): boolean {
  if (i < 0 || i >= s.length) return false;
  const c = s.charCodeAt(i);
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || isUnicodeWord(s, i);
}

const OPEN = '[({<';
const CLOSE = '])}>';

/** Index after up to `max` spaces/tabs from i. */
function skipSpaces(s: string, i: number, max: number): number {
  let j = i;
  while (j < s.length && j - i < max && isSpace(s, j)) j++;
  return j;
}

/** Index of the first of up to `max` spaces/tabs ending at i (exclusive). */
function skipSpacesBack(s: string, i: number, max: number): number {
  let j = i;
  while (j > 0 && i - j < max && isSpace(s, j - 1)) j--;
  return j;
}

// ---------- per-language word sets ----------

interface Words {
  at: Set<string>;
  dot: Set<string>;
  /**
   * Finds at-words and bracketed at-parts. Built from the literal word lists (escaped, no
   * quantifier inside the alternation). Accepts "[at]", "( at )", "{@}", "<at>" and a whole-word
   * at-word ("at", "arroba", …); rejects an at-word inside a longer word ("that", "atom").
   */
  atRe: RegExp;
  /** Whether a text has any obfuscated dot ("dot" word or bracketed dot) at all. Same construction. */
  dotRe: RegExp;
  /** First units of the dot words (lower case), to rule out a dot word cheaply. */
  dotFirst: Set<string>;
}

/** Spaces/tabs removed, lower-cased: "[ AT ]" → "[at]" (for reasons). */
function compact(s: string): string {
  // One space or tab; no quantifier.
  return s.replace(/[ \t]/g, '').toLowerCase();
}

function escapeRe(s: string): string {
  // One regex metacharacter (single class, no quantifier); letters and spaces are left alone.
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function wordsFor(table: Record<string, unknown>, languages: string[]): Set<string> {
  const out = new Set<string>();
  for (const key of ['*', ...languages]) {
    const list = table[key];
    if (Array.isArray(list)) for (const w of list) if (typeof w === 'string') out.add(w.toLowerCase());
  }
  return out;
}

function buildWords(languages: string[]): Words {
  const at = wordsFor(AT_WORDS, languages);
  const dot = wordsFor(DOT_WORDS, languages);
  const atAlt = [...at].sort((a, b) => b.length - a.length).map(escapeRe).join('|');
  const dotAlt = [...dot].sort((a, b) => b.length - a.length).map(escapeRe).join('|');
  const words: Words = {
    at,
    dot,
    atRe: new RegExp(`[\\[({<][ \\t]{0,2}(?:${atAlt}|@)[ \\t]{0,2}[\\])}>]|(?<![\\p{L}\\p{N}_])(?:${atAlt})(?![\\p{L}\\p{N}_])`, 'giu'),
    dotRe: new RegExp(`[\\[({<][ \\t]{0,2}(?:${dotAlt}|\\.)[ \\t]{0,2}[\\])}>]|(?<![\\p{L}\\p{N}_])(?:${dotAlt})(?![\\p{L}\\p{N}_])`, 'iu'),
    dotFirst: new Set([...dot].map((w) => w.charAt(0))),
  };
  return words;
}

/** The at/dot words of a scanner's languages, built once per scanner (and per language list). */
const wordsForLanguages = memoPerList(buildWords, (languages: string[]) => languages.join(','));

// ---------- separators ----------

type SepKind = 'plain' | 'spaced' | 'bracket' | 'word';

interface Sep {
  kind: SepKind;
  /** Index where the next label starts. */
  next: number;
  /** The separator as written, lower-cased and trimmed (for reasons). */
  raw: string;
}

/** A letters-only word of ≤ MAX_WORD units at i, or null. */
function wordAt(s: string, i: number): string | null {
  let j = i;
  while (j < s.length && j - i <= MAX_WORD && isLetter(s, j)) j++;
  if (j === i || j - i > MAX_WORD || isWordChar(s, j)) return null;
  return s.slice(i, j);
}

/**
 * A bracketed at- or dot-part at i ("[dot]", "( . )", "{at}"): returns the index after the closing
 * bracket, or -1.
 */
function bracketAt(s: string, i: number, inner: Set<string>, symbol: string): number {
  if (!OPEN.includes(s[i] ?? '\0')) return -1;
  let j = skipSpaces(s, i + 1, 2);
  if (s[j] === symbol) j++;
  else {
    const w = wordAt(s, j);
    if (!w || !inner.has(w.toLowerCase())) return -1;
    j += w.length;
  }
  j = skipSpaces(s, j, 2);
  if (!CLOSE.includes(s[j] ?? '\0')) return -1;
  return j + 1;
}

/** The separator between two domain (or local) labels starting at p, or null. */
function sepAt(s: string, p: number, words: Words, allowObf: boolean): Sep | null {
  if (s[p] === '.' && isLabelChar(s, p + 1)) return { kind: 'plain', next: p + 1, raw: '.' };
  if (!allowObf) return null;
  const q = skipSpaces(s, p, 3);
  const spaced = q > p;
  const b = bracketAt(s, q, words.dot, '.');
  if (b > 0) {
    const next = skipSpaces(s, b, 3);
    if (!isLabelChar(s, next)) return null;
    return { kind: 'bracket', next, raw: compact(s.slice(q, b)) };
  }
  if (!spaced) return null;
  if (s[q] === '.' && isSpace(s, q + 1)) {
    const next = skipSpaces(s, q + 1, 3);
    return isLabelChar(s, next) ? { kind: 'spaced', next, raw: ' . ' } : null;
  }
  const w = wordAt(s, q);
  if (w && words.dot.has(w.toLowerCase())) {
    const after = q + w.length;
    const next = skipSpaces(s, after, 3);
    if (next === after || !isLabelChar(s, next)) return null;
    return { kind: 'word', next, raw: ` ${w} ` };
  }
  return null;
}

/** The separator that ends at p (reading backwards), for dotted local parts ("jane dot doe at …"). */
function sepBefore(s: string, p: number, words: Words): { start: number; kind: SepKind; raw: string } | null {
  const q = skipSpacesBack(s, p, 3);
  const spaced = q < p;
  // Bracketed: "]" … "[" within 8 units.
  if (CLOSE.includes(s[q - 1] ?? '\0')) {
    for (let o = q - 2; o >= 0 && q - o <= 8; o--) {
      if (OPEN.includes(s[o] ?? '\0')) {
        if (bracketAt(s, o, words.dot, '.') === q) {
          return { start: skipSpacesBack(s, o, 3), kind: 'bracket', raw: compact(s.slice(o, q)) };
        }
        break;
      }
    }
    return null;
  }
  if (!spaced) return null;
  let w0 = q;
  while (w0 > 0 && q - w0 <= MAX_WORD && isLetter(s, w0 - 1)) w0--;
  if (w0 === q || q - w0 > MAX_WORD) return null;
  const w = s.slice(w0, q).toLowerCase();
  if (!words.dot.has(w)) return null;
  const start = skipSpacesBack(s, w0, 3);
  if (start === w0) return null;
  return { start, kind: 'word', raw: ` ${w} ` };
}

// ---------- local part and domain ----------

interface Local {
  start: number;
  /** The resolved local part ("jane.doe"). */
  value: string;
  seps: Sep['kind'][];
  sepRaw: string[];
  /** Segments read (for prose checks). */
  segments: string[];
}

/** The run of local-part characters ending at `end`, or null (empty or longer than MAX_LOCAL). */
function localRun(s: string, end: number): number {
  let i = end;
  while (i > 0 && end - i <= MAX_LOCAL && isLocalChar(s, i - 1)) i--;
  if (i === end || end - i > MAX_LOCAL) return -1;
  // Leading dots, dashes and pluses are punctuation of the sentence ("…jane@", "--jane@").
  while (i < end && (s[i] === '.' || s[i] === '-' || s[i] === '+')) i++;
  return i < end ? i : -1;
}

function parseLocal(s: string, end: number, words: Words, allowObf: boolean): Local | null {
  let start = localRun(s, end);
  if (start < 0) return null;
  const segments = [s.slice(start, end)];
  const seps: SepKind[] = [];
  const sepRaw: string[] = [];
  if (allowObf) {
    // "jane dot doe at …": up to three more segments joined by obfuscated dots.
    for (let k = 0; k < 3; k++) {
      const sep = sepBefore(s, start, words);
      if (!sep || (sep.kind !== 'word' && sep.kind !== 'bracket')) break;
      const segStart = localRun(s, sep.start);
      if (segStart < 0) break;
      const seg = s.slice(segStart, sep.start);
      if (PROSE.has(seg.toLowerCase())) break;
      segments.unshift(seg);
      seps.unshift(sep.kind);
      sepRaw.unshift(sep.raw);
      start = segStart;
    }
  }
  const value = segments.join('.');
  if (value.length > MAX_LOCAL) return null;
  return { start, value, seps, sepRaw, segments };
}

interface Domain {
  end: number;
  labels: string[];
  seps: SepKind[];
  sepRaw: string[];
}

function parseDomain(s: string, start: number, words: Words, allowObf: boolean): Domain | null {
  const labels: string[] = [];
  const seps: SepKind[] = [];
  const sepRaw: string[] = [];
  const ends: number[] = [];
  let i = start;
  let total = 0;
  for (;;) {
    let j = i;
    while (j < s.length && j - i <= MAX_LABEL && isLabelChar(s, j)) j++;
    if (j === i || j - i > MAX_LABEL) break;
    // A label never ends with '-': "jane@example.com--thanks" ends at "com".
    while (j - 1 > i && s[j - 1] === '-') j--;
    labels.push(s.slice(i, j));
    ends.push(j);
    total += j - i + 1;
    // total = domain length + 1: longer than 253 units is not a domain.
    if (total - 1 > MAX_DOMAIN) return null;
    if (labels.length >= MAX_LABELS) break;
    const sep = sepAt(s, j, words, allowObf);
    if (!sep) break;
    seps.push(sep.kind);
    sepRaw.push(sep.raw);
    i = sep.next;
  }
  // A TLD glued to a dash or to text in another script ("jane@example.com—thanks" folds to
  // "com-thanks", "jane@example.com你好"): keep its ASCII-alphanumeric head when that is a known TLD.
  const lastLabel = labels[labels.length - 1];
  if (labels.length >= 2 && lastLabel !== undefined && !TLDS.has(lastLabel.toLowerCase())) {
    let k = 0;
    while (k < lastLabel.length && isAlnum(lastLabel.charCodeAt(k))) k++;
    if (k > 0 && k < lastLabel.length && TLDS.has(lastLabel.slice(0, k).toLowerCase())) {
      labels[labels.length - 1] = lastLabel.slice(0, k);
      ends[ends.length - 1] = (ends[ends.length - 1] as number) - (lastLabel.length - k);
    }
  }
  // Drop trailing labels until the last one is a known TLD: "jane@example.com.Thanks",
  // "jane at example dot com dot dot" — a plain '.' is only dropped before an upper-case word.
  while (labels.length >= 2 && !TLDS.has((labels[labels.length - 1] as string).toLowerCase())) {
    const lastSep = seps[seps.length - 1];
    const last = labels[labels.length - 1] as string;
    // An upper-case ASCII first letter (a new sentence); rejects lower-case labels and digits.
    if (lastSep === 'plain' && !/^[A-Z]/.test(last)) return null;
    labels.pop();
    ends.pop();
    seps.pop();
    sepRaw.pop();
  }
  if (labels.length < 2) return null;
  const tld = (labels[labels.length - 1] as string).toLowerCase();
  if (!TLDS.has(tld)) return null;
  return { end: ends[ends.length - 1] as number, labels, seps, sepRaw };
}

// ---------- exclusions ----------

/** "scheme://user:pass@host": the local part is URL credentials, not a mailbox. */
function urlCredentials(s: string, localStart: number): boolean {
  const from = Math.max(0, localStart - 256);
  let i = localStart;
  while (i > from && !isSpace(s, i - 1) && s[i - 1] !== '\n' && s[i - 1] !== '"' && s[i - 1] !== "'") i--;
  const token = s.slice(i, localStart);
  const scheme = token.lastIndexOf('://');
  if (scheme < 0) return false;
  const between = token.slice(scheme + 3);
  // Past the host ("/", "?", "#", "=", "&"): an address inside a path or query is a real address.
  // One URL path/query delimiter; host and credential characters do not match.
  return !/[/?#=&]/.test(between);
}

/** An ssh/scp/rsync target: "ssh -i key.pem deploy@web1.example.com". */
function commandTarget(s: string, localStart: number): boolean {
  // Up to six whitespace-separated tokens before the address, on the same line, within 120 units.
  const limit = Math.max(0, localStart - 120);
  const tokens: string[] = [];
  let i = localStart;
  while (tokens.length < 7 && i > limit) {
    while (i > limit && isSpace(s, i - 1)) i--;
    const end = i;
    while (i > limit && !isSpace(s, i - 1) && s[i - 1] !== '\n') i--;
    if (i === end) break;
    tokens.push(s.slice(i, end));
    if (s[i - 1] === '\n') break;
  }
  // tokens[0] is nearest. Flags ("-i") and flag values ("-i key.pem") may sit between the command and the target.
  for (let k = 0; k < tokens.length && k < 6; k++) {
    const t = (tokens[k] as string).toLowerCase();
    if (COMMAND_WORDS.has(t)) return true;
    if (t.startsWith('-')) continue;
    const prev = tokens[k + 1];
    if (prev !== undefined && prev.startsWith('-')) continue;
    return false;
  }
  return false;
}

/** Retina asset names: "logo@2x.png", "icon@3x". */
function retina(label: string): boolean {
  // Accepts "2x", "3X", "10x" exactly; rejects "x2", "2xl", longer numbers.
  return /^\d{1,2}x$/i.test(label);
}

// ---------- candidates ----------

interface Built {
  start: number;
  end: number;
  local: string;
  labels: string[];
  confidence: number;
  ruleId: string;
  reasons: string[];
}

function finish(s: string, b: Built): Candidate | null {
  const localLower = b.local.toLowerCase();
  if (NON_PERSONAL_LOCALS.has(localLower) || PLACEHOLDER_LOCALS.has(localLower)) return null;
  if (retina(b.labels[0] as string)) return null;
  // Another '@' glued on either side: "a@b@example.com".
  if (s[b.start - 1] === '@' || s[b.end] === '@') return null;
  // "host:path" (scp/git remotes) or "host:~$" (shell prompts).
  // (\s: one whitespace unit; a colon then a space is ordinary punctuation, "jane@example.com: hi".)
  if (s[b.end] === ':' && b.end + 1 < s.length && !/\s/.test(s[b.end + 1] as string)) return null;
  if (urlCredentials(s, b.start) || commandTarget(s, b.start)) return null;
  // The resolved address, validated last (the most expensive check).
  const address = `${b.local}@${b.labels.join('.')}`.toLowerCase();
  if (!isEmail(address, IS_EMAIL_OPTIONS)) return null;
  const tld = (b.labels[b.labels.length - 1] as string).toLowerCase();
  return {
    type: 'email',
    start: b.start,
    end: b.end,
    confidence: b.confidence,
    ruleId: b.ruleId,
    reasons: [...b.reasons, 'validator.isEmail passed', `TLD .${tld} known`],
    value: address,
  };
}

/** Whether a local part has a letter: an obfuscated form after a bare number ("2 @ example.com") is a price. */
function hasLetter(local: string): boolean {
  for (let i = 0; i < local.length; i++) if (isLetter(local, i)) return true;
  return false;
}

function isProse(word: string): boolean {
  return PROSE.has(word.toLowerCase());
}

/** A local part no prose word looks like: it has a '.', '_', '+' or a digit inside ("tom.baker"). */
function addressShaped(local: string): boolean {
  // One of . _ + or a digit, anywhere; plain words ("sales", "me") do not match.
  return /[._+\d]/.test(local);
}

/** A version number ("v1.2", "2.0.1"): digits and dots with an optional leading v. */
function versionLike(local: string): boolean {
  // Accepts "v1.2", "V10.0.3", "1.2"; rejects anything with another letter or '_' ("jane.doe", "v1_beta").
  return /^v?[\d.]{1,64}$/i.test(local);
}

/** A file name ("app.py", "README.md") or a version ("v1.2") where a spelled-out form expects a local part. */
function fileOrVersion(local: string): boolean {
  const dot = local.lastIndexOf('.');
  return versionLike(local) || (dot > 0 && FILE_EXTENSIONS.has(local.slice(dot + 1).toLowerCase()));
}

/** "local@domain" with no space around '@'. */
function plainAt(s: string, at: number, words: Words): Candidate | null {
  const local = parseLocal(s, at, words, false);
  if (!local) return null;
  const domain = parseDomain(s, at + 1, words, true);
  if (!domain) return null;
  const obfuscated = domain.seps.some((k) => k !== 'plain');
  if (obfuscated) {
    const kinds = [...new Set(domain.sepRaw.filter((r) => r !== '.'))];
    return finish(s, {
      start: local.start, end: domain.end, local: local.value, labels: domain.labels,
      confidence: domain.seps.includes('bracket') ? OBF_CONF.bracketed : OBF_CONF.words,
      ruleId: 'email/obfuscated', reasons: [`obfuscated '@'/'${kinds.join("', '")}'`],
    });
  }
  return finish(s, {
    start: local.start, end: domain.end, local: local.value, labels: domain.labels,
    confidence: PLAIN_CONF, ruleId: 'email/validated', reasons: [],
  });
}

/** A character a letter-spaced address is written with: local-part characters and '@'. */
function isSpacedChar(s: string, i: number): boolean {
  return s[i] === '@' || isLocalChar(s, i);
}

/** Punctuation that may close a sentence right after a letter-spaced run ("… c o m."). */
function isClosing(s: string, i: number): boolean {
  const c = s[i];
  return c === '.' || c === ',' || c === ';' || c === ':' || c === '!' || c === '?' || c === ')' || c === ']' || c === '"' || c === "'";
}

/**
 * The letter-spaced run that starts at p: single characters separated by single spaces
 * ("j o r d a n . m a c l e o d @ e x a m p l e . c o m"). Returns the index of its last character
 * (the run is p, p+2, …, last), or -1 when p does not start a run of at least two characters.
 */
function spacedRunEnd(s: string, p: number): number {
  // A run starts at a character that is not glued to the previous word.
  if (!isSpacedChar(s, p) || isSpacedChar(s, p - 1) || isWordChar(s, p - 1)) return -1;
  let q = p;
  while (s[q + 1] === ' ' && isSpacedChar(s, q + 2)) {
    // The next character must stand alone: followed by a space, the end, or closing punctuation.
    const after = q + 3;
    if (after < s.length && isSpacedChar(s, after) && !(isClosing(s, after) && !isSpacedChar(s, after + 1) && !isWordChar(s, after + 1))) break;
    q += 2;
  }
  if (q === p) return -1;
  // The first character must stand alone too ("mail j o h n": the run starts at "j", not at "mail").
  if (isSpacedChar(s, p + 1)) return -1;
  return q;
}

/**
 * Letter-spaced addresses, found by one left-to-right pass over the text: every maximal run of
 * single characters separated by single spaces that holds exactly one '@' is de-spaced and accepted
 * when that is a valid address with a known TLD and at least LETTER_SPACED_MIN characters long.
 * Runs never overlap, so the pass is linear whatever the text holds; the finding spans the run
 * (trailing single letters of the next words, "… c o m a n d", are cut back to the TLD).
 */
function letterSpacedRuns(s: string): Candidate[] {
  const out: Candidate[] = [];
  for (let p = s.indexOf(' '); p >= 0 && p < s.length; ) {
    // Candidate starts are characters right before a space: p - 1.
    const start = p - 1;
    const last = start >= 0 ? spacedRunEnd(s, start) : -1;
    if (last < 0) {
      p = s.indexOf(' ', p + 1);
      continue;
    }
    const c = spacedCandidate(s, start, last);
    if (c) out.push(c);
    // The next run starts after this one's last character and the space after it.
    p = s.indexOf(' ', last + 2);
  }
  return out;
}

function spacedCandidate(s: string, start: number, last: number): Candidate | null {
  const n = (last - start) / 2 + 1;
  let atIdx = -1;
  for (let k = 0; k < n; k++) {
    if (s[start + 2 * k] === '@') {
      if (atIdx >= 0) return null; // two '@' in one run: not one address
      atIdx = k;
    }
  }
  if (atIdx < 1 || atIdx > MAX_LOCAL) return null;
  let local = '';
  for (let k = 0; k < atIdx; k++) local += s[start + 2 * k] as string;
  // Leading dots or dashes belong to the sentence.
  let from = 0;
  while (from < local.length && (local[from] === '.' || local[from] === '-' || local[from] === '+')) from++;
  local = local.slice(from);
  const runStart = start + 2 * from;
  // The domain: at most MAX_DOMAIN characters after '@', cut back until its last label is a known TLD.
  const domEnd = Math.min(n, atIdx + 1 + MAX_DOMAIN);
  let domain = '';
  for (let k = atIdx + 1; k < domEnd; k++) domain += s[start + 2 * k] as string;
  let len = domain.length;
  // dot: the last '.' before the label that ends at len; it only moves left, so this is linear.
  let dot = domain.lastIndexOf('.');
  for (; len > 0; len--) {
    if (dot >= len - 1) dot = len >= 2 ? domain.lastIndexOf('.', len - 2) : -1;
    if (dot > 0 && len - dot - 1 <= MAX_TLD && TLDS.has(domain.slice(dot + 1, len).toLowerCase())) break;
  }
  domain = domain.slice(0, len);
  const labels = domain.split('.');
  if (local.length + 1 + domain.length < LETTER_SPACED_MIN || !hasLetter(local) || labels.length < 2 || labels.some((l) => l.length === 0)) return null;
  const end = start + 2 * (atIdx + len) + 1;
  return finish(s, {
    start: runStart, end, local, labels,
    confidence: OBF_CONF.letterSpaced, ruleId: 'email/obfuscated', reasons: ['obfuscated: letter-spaced address'],
  });
}

/** "name @ domain . com": '@' with spaces on both sides. */
function spacedAt(s: string, at: number, words: Words): Candidate | null {
  const ls = skipSpacesBack(s, at, 2);
  const rs = skipSpaces(s, at + 1, 2);
  if (ls === at && rs === at + 1) return null;
  if (s[at - 1] === ' ' && s[at + 1] === ' ' && isLocalChar(s, at - 2) && !isLocalChar(s, at - 3) && isLabelChar(s, at + 2) && !isLabelChar(s, at + 3)) {
    // Letter-spaced ("j o h n @ e x a m p l e . c o m"): found by letterSpacedRuns.
    return null;
  }
  const local = parseLocal(s, ls, words, true);
  if (!local || !hasLetter(local.value) || local.segments.some(isProse)) return null;
  // Space on one side only: "jane.doe @example.com" would otherwise be a word and an @mention,
  // so the local part must be address-shaped there; "jane@ example.com" is a slip of the thumb.
  if (ls < at && rs === at + 1 && !addressShaped(local.value)) return null;
  if (fileOrVersion(local.value)) return null;
  const domain = parseDomain(s, rs, words, true);
  if (!domain || (isProse(domain.labels[0] as string) && !addressShaped(local.value))) return null;
  return finish(s, {
    start: local.start, end: domain.end, local: local.value, labels: domain.labels,
    confidence: OBF_CONF.spacedAt, ruleId: 'email/obfuscated', reasons: ["obfuscated: spaced ' @ '"],
  });
}

/**
 * Whether parseDomain(s, start, words, true) can get past its first label: it returns null unless
 * the first label is followed by a separator, so when this is false no address starts at `start`.
 * The same label scan and the same sepAt as parseDomain, without building the domain.
 */
function domainMayStart(s: string, start: number, words: Words): boolean {
  let j = start;
  while (j < s.length && j - start <= MAX_LABEL && isLabelChar(s, j)) j++;
  if (j === start || j - start > MAX_LABEL) return false;
  while (j - 1 > start && s[j - 1] === '-') j--;
  // sepAt without spaces after the label accepts only '.' or a bracket; after spaces, a bracket,
  // '.' or a dot word, and a word whose lower-cased first letter starts no dot word is none.
  const c = s.charCodeAt(j);
  if (c !== 32 && c !== 9 && c !== 46 && !OPEN.includes(s[j] ?? '\0')) return false;
  const q = skipSpaces(s, j, 3);
  const d = s.charCodeAt(q);
  if (((d >= 65 && d <= 90) || (d >= 97 && d <= 122)) && !words.dotFirst.has(String.fromCharCode(d | 0x20))) return false;
  return sepAt(s, j, words, true) !== null;
}

/** Whether a text has any obfuscated dot: searched at most once per scan, and only when asked. */
interface ObfDotSearch {
  found: boolean | null;
}

function hasObfDot(s: string, words: Words, search: ObfDotSearch): boolean {
  search.found ??= words.dotRe.test(s);
  return search.found;
}

/** An at-word or bracketed at-part found by Words.atRe at [a, b). */
function wordAtPart(s: string, a: number, b: number, words: Words, obfDot: ObfDotSearch): Candidate | null {
  const raw = s.slice(a, b);
  const bracketed = OPEN.includes(raw[0] as string);
  let localEnd = a;
  let domainStart = b;
  if (bracketed) {
    localEnd = skipSpacesBack(s, a, 2);
    domainStart = skipSpaces(s, b, 2);
  } else {
    // A bare at-word needs spaces on both sides and an obfuscated dot somewhere (or upper-case AT).
    localEnd = skipSpacesBack(s, a, 3);
    domainStart = skipSpaces(s, b, 3);
    if (localEnd === a || domainStart === b) return null;
  }
  // Prose ("at the station"): no domain can start here, so parseDomain below would return null.
  if (!domainMayStart(s, domainStart, words)) return null;
  const upper = !bracketed && raw === raw.toUpperCase() && raw !== raw.toLowerCase();
  // Without any obfuscated dot in the text, a lower-case at-word needs an address-shaped word
  // right before it ("jane.doe at example.com"); checked cheaply before parsing (the text-wide
  // dot search last: an address-shaped word passes either way, no local run fails either way).
  if (!bracketed && !upper) {
    const from = localRun(s, localEnd);
    if (from < 0) return null;
    if (!addressShaped(s.slice(from, localEnd)) && !hasObfDot(s, words, obfDot)) return null;
  }
  const local = parseLocal(s, localEnd, words, true);
  if (!local || !hasLetter(local.value)) return null;
  const domain = parseDomain(s, domainStart, words, true);
  if (!domain) return null;
  const obfDots = domain.seps.filter((k) => k !== 'plain');
  let literalDots = false;
  if (!bracketed) {
    // Prose guard: "meet me at home dot com". An address-shaped local part ("tom.baker",
    // "mike_1987") outweighs a prose-looking first label ("tom.baker at home dot test").
    if (local.segments.some(isProse)) return null;
    if (isProse(domain.labels[0] as string) && !addressShaped(local.value)) return null;
    if (obfDots.length === 0) {
      // "olivia.r AT example.com": an upper-case AT in a lower-case address, or
      // "jane.doe at example.com": an address-shaped local part that is not a file name
      // ("app.py at heroku.com") and a domain that is not prose.
      if (upper) {
        if (local.value === local.value.toUpperCase()) return null;
      } else {
        if (!addressShaped(local.value) || fileOrVersion(local.value) || isProse(domain.labels[0] as string)) return null;
        literalDots = true;
      }
    }
  }
  const atRaw = bracketed ? compact(raw) : ` ${raw} `;
  const dotRaws = [...new Set([...local.sepRaw, ...domain.sepRaw])];
  let confidence = OBF_CONF.words;
  if (bracketed || domain.seps.includes('bracket')) confidence = OBF_CONF.bracketed;
  else if (upper) confidence = OBF_CONF.upperCase;
  else if (literalDots) confidence = OBF_CONF.wordAtLiteralDot;
  return finish(s, {
    start: local.start, end: domain.end, local: local.value, labels: domain.labels,
    confidence, ruleId: 'email/obfuscated', reasons: [`obfuscated '${atRaw}'/'${dotRaws.join("', '")}'`],
  });
}

function detectEmails(ctx: DetectContext): Candidate[] {
  const s = ctx.text;
  const words = wordsForLanguages(ctx.languages);
  const hasAt = s.includes('@');
  // (No separate "any '@' or at-word?" test: the at-part loop below is that test, and a text with
  // neither ends with an empty list just the same.)
  const out: Candidate[] = [];
  // Bounded work: stop after ctx.limit candidates or 4 × ctx.limit examined '@'s / at-words.
  let examined = 0;
  const spent = (at: number): boolean => {
    if (out.length < (ctx.limit ?? Infinity) && examined++ < 4 * (ctx.limit ?? Infinity)) return false;
    ctx.truncate?.(at);
    return true;
  };
  if (hasAt) {
    for (let at = s.indexOf('@'); at >= 0; at = s.indexOf('@', at + 1)) {
      if (spent(at)) return dedupe(out);
      const before = s[at - 1];
      const after = s[at + 1];
      const spacedBefore = before === ' ' || before === '\t';
      const spacedAfter = after === ' ' || after === '\t';
      const c = !spacedBefore && !spacedAfter ? plainAt(s, at, words) : spacedAt(s, at, words);
      if (c) out.push(c);
    }
    // A letter-spaced address has its '@' inside a run, between single spaces (an '@' first or
    // last in a run gives no local part or no domain): without " @ " there is none to find.
    if (s.includes(' @ ')) out.push(...letterSpacedRuns(s));
  }
  words.atRe.lastIndex = 0;
  const obfDot: ObfDotSearch = { found: null };
  for (let m = words.atRe.exec(s); m; m = words.atRe.exec(s)) {
    const a = m.index;
    if (spent(a)) break;
    const b = a + m[0].length;
    const c = wordAtPart(s, a, b, words, obfDot);
    if (c) out.push(c);
  }
  return dedupe(out);
}

/** The same span found from two anchors ("[@]" is both '@' and a bracketed at-part): keep one. */
function dedupe(cands: Candidate[]): Candidate[] {
  if (cands.length < 2) return cands;
  const seen = new Map<string, Candidate>();
  for (const c of cands) {
    const key = `${c.start}:${c.end}`;
    const prev = seen.get(key);
    if (!prev || c.confidence > prev.confidence) seen.set(key, c);
  }
  return [...seen.values()].sort((x, y) => x.start - y.start);
}

export const emailDetector: Detector = {
  id: 'email',
  type: 'email',
  detect: detectEmails,
};
