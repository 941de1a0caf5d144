/**
 * Validated numeric identifiers: payment cards (issuer prefix + Luhn) and IBANs (country length +
 * mod-97). National ids are in national-id.ts. A candidate that fails its checksum is dropped,
 * never merely down-scored.
 */
import { checkRuleFile, field } from '../rules/schema';
import cardRule from '../../rules/payment_card.json';
import ibanRule from '../../rules/iban.json';
import { isWordUnit } from './context';
import type { Candidate, DetectContext, Detector } from './types';

const CARD_FILE = 'rules/payment_card.json';
const IBAN_FILE = 'rules/iban.json';

export function luhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

export function ibanValid(compact: string): boolean {
  const s = compact.slice(4) + compact.slice(0, 4);
  let rem = 0;
  for (const ch of s) {
    const code = ch.charCodeAt(0);
    const v = code >= 65 && code <= 90 ? String(code - 55) : code >= 48 && code <= 57 ? ch : null;
    if (v === null) return false;
    for (const d of v) rem = (rem * 10 + (d.charCodeAt(0) - 48)) % 97;
  }
  return rem === 1;
}

/** Is the unit at i a letter, digit or '_' (part of an identifier-shaped token)? */
function identChar(s: string, i: number): boolean {
  if (i < 0 || i >= s.length) return false;
  const c = s.charCodeAt(i);
  return c === 95 || isWordUnit(c);
}

/**
 * A number glued to more letters/digits, directly or through - _ . / : # @ (an identifier, a
 * version, a path: "id-4111…-abc", "v1.2.536228146"). Shared by the checksum detectors.
 */
export function glued(s: string, start: number, end: number): boolean {
  if (identChar(s, start - 1) || identChar(s, end)) return true;
  const before = s[start - 1];
  const after = s[end];
  if (before && /[-_./:#@]/.test(before) && identChar(s, start - 2)) return true;
  if (after && /[-_/:@]/.test(after) && identChar(s, end + 1)) return true;
  if (after === '.' && /\d/.test(s[end + 1] ?? '')) return true;
  return false;
}

// ---------- shared prefilter: number runs ----------

/**
 * A place where a number-shaped identifier can be: found by numberRuns(), read by the card, IBAN
 * and national-id detectors to decide whether (and from where) their patterns can match at all.
 */
export interface NumberRun {
  /** Index of the run's first digit. */
  start: number;
  /** Digits reported (at least 2; at most 41 even when the run is longer). */
  digits: number;
  /** ASCII letters directly before `start`, at most 6 counted. */
  lettersBefore: number;
  /** Digits directly after `start` with no separator, at most 4 counted. */
  leadingDigits: number;
}

/**
 * One pass over the text for every checksum detector. A "run" is a maximal stretch of digits
 * joined by at most one separator unit (space, '-' or '.') between two digits: the digits of a
 * card, IBAN or national-id match always lie inside one run. Reported, in text order:
 *  (a) every run of at least 6 digits, from its first digit, with all its digits up to 41 (greedy);
 *  (b) every digit right after an ASCII letter and followed by a digit ("S21", "DE89…").
 * The scan always reaches such a digit: an earlier report holds only digits and the separators
 * between them, so it cannot end past a run's first digit or a digit after a letter. Each
 * iteration is an optional separator then a digit (disjoint classes): linear. Both cases begin
 * with two digits (the letter test is a lookbehind after them), which lets the scan skip lone
 * digits cheaply.
 */
const NUMBER_RUN = /\d[-. ]?\d(?:(?:[-. ]?\d){4,39}|(?<=[A-Za-z]\d\d))/g;

const isDigit = (c: number) => c >= 48 && c <= 57;
const isAsciiLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

function findNumberRuns(s: string): NumberRun[] {
  const runs: NumberRun[] = [];
  NUMBER_RUN.lastIndex = 0;
  for (let m = NUMBER_RUN.exec(s); m; m = NUMBER_RUN.exec(s)) {
    const start = m.index;
    const end = start + m[0].length;
    let digits = 0;
    for (let i = start; i < end; i++) if (isDigit(s.charCodeAt(i))) digits++;
    let lettersBefore = 0;
    while (lettersBefore < 6 && start - lettersBefore > 0 && isAsciiLetter(s.charCodeAt(start - lettersBefore - 1))) lettersBefore++;
    let leadingDigits = 0;
    while (leadingDigits < 4 && isDigit(s.charCodeAt(start + leadingDigits))) leadingDigits++;
    runs.push({ start, digits, lettersBefore, leadingDigits });
  }
  return runs;
}

// The runs are kept on the context under a private symbol: the scanner makes one context per scan
// (one text) and hands it to every detector, so the three checksum detectors share one pass and
// nothing outlives the scan. (A WeakMap keyed on the context costs more than the pass it saves.)
const RUNS: unique symbol = Symbol('numberRuns');
type ContextWithRuns = DetectContext & { [RUNS]?: NumberRun[] };

/** The number runs of `ctx.text`, found once per context. */
export function numberRuns(ctx: DetectContext): readonly NumberRun[] {
  const c = ctx as ContextWithRuns;
  return (c[RUNS] ??= findNumberRuns(ctx.text));
}

/**
 * What every match of a pattern implies: a reported run with at least `digits` digits,
 * `lettersBefore` ASCII letters right before it and `leadingDigits` unseparated digits at its
 * start, starting at most `lead` units after the match (e.g. 2: the country letters of an IBAN).
 */
export interface RunNeed {
  digits: number;
  lettersBefore: number;
  leadingDigits: number;
  lead: number;
}

/**
 * Where to start a pattern's global search: `lead` units before the first run meeting `need`. No
 * match starts earlier (its run would be an earlier one meeting `need`), so the matches found from
 * there are exactly those found from 0. -1 when no run meets `need`: the pattern cannot match.
 */
export function searchStart(runs: readonly NumberRun[], need: RunNeed): number {
  for (const r of runs) {
    if (r.digits >= need.digits && r.lettersBefore >= need.lettersBefore && r.leadingDigits >= need.leadingDigits) {
      return Math.max(0, r.start - need.lead);
    }
  }
  return -1;
}

// ---------- payment cards ----------

const card = checkRuleFile(cardRule, CARD_FILE);
const CARD_CONF = {
  grouped: field<number>(card, 'confidence.grouped', 'number', CARD_FILE),
  contiguous: field<number>(card, 'confidence.contiguous', 'number', CARD_FILE),
};
const PREFIXES = field<string[]>(card, 'issuerPrefixes', 'string[]', CARD_FILE).map((p) => {
  const [a, b] = p.split('-');
  return { from: a as string, to: b ?? (a as string) };
});

function knownIssuer(digits: string): boolean {
  return PREFIXES.some(({ from, to }) => {
    const head = digits.slice(0, from.length);
    return head >= from && head <= to;
  });
}

/*
 * A card-number-like run: a digit, then 12–22 digits or single space/dash separators, ending on a
 * digit. Each step consumes one unit and separators are never adjacent (checked after), so there is
 * no ambiguity to backtrack over. Rejects runs with letters or other punctuation inside.
 */
const CARD_RUN = /\d(?:[ -]?\d){12,18}/g;
// Issuer groupings: 16 digits 4-4-4-4, Amex 4-6-5, Diners 4-6-4, 19 digits 4-4-4-4-3, 13 digits 4-4-5.
const GROUPINGS = new Set(['4-4-4-4', '4-6-5', '4-6-4', '4-4-4-4-3', '4-4-5']);
// A CARD_RUN match is 13+ digits joined by single spaces/dashes, starting on a digit: one run.
const CARD_NEED: RunNeed = { digits: 13, lettersBefore: 0, leadingDigits: 0, lead: 0 };

export const paymentCardDetector: Detector = {
  id: 'payment_card',
  type: 'payment_card',
  detect(ctx: DetectContext): Candidate[] {
    const s = ctx.text;
    const from = searchStart(numberRuns(ctx), CARD_NEED);
    if (from < 0) return [];
    const out: Candidate[] = [];
    CARD_RUN.lastIndex = from;
    let examined = 0;
    for (let m = CARD_RUN.exec(s); m; m = CARD_RUN.exec(s)) {
      if (out.length >= (ctx.limit ?? Infinity) || examined++ >= 4 * (ctx.limit ?? Infinity)) {
        ctx.truncate?.(m.index);
        break;
      }
      const raw = m[0];
      const start = m.index;
      const end = start + raw.length;
      if (glued(s, start, end)) continue;
      // The digits of an IBAN-shaped string ("DE12 4005 1512 …") are not a card, whatever its checksum.
      if (/[A-Za-z]{2}\d{2} ?$/.test(s.slice(Math.max(0, start - 5), start))) continue;
      const digits = raw.replace(/\D/g, '');
      if (digits.length < 13 || digits.length > 19) continue;
      const seps = raw.match(/[ -]/g) ?? [];
      const grouped = seps.length > 0;
      if (grouped) {
        if (new Set(seps).size > 1) continue;
        const shape = raw.split(/[ -]/).map((g) => g.length).join('-');
        if (!GROUPINGS.has(shape)) continue;
      }
      if (/^(\d)\1+$/.test(digits)) continue;
      if (!knownIssuer(digits) || !luhn(digits)) continue;
      out.push({
        type: 'payment_card',
        start,
        end,
        confidence: grouped ? CARD_CONF.grouped : CARD_CONF.contiguous,
        ruleId: 'payment_card/luhn',
        reasons: [`${digits.length} digits${grouped ? ' in card grouping' : ''}`, 'issuer prefix known', 'Luhn checksum valid'],
        value: digits,
      });
    }
    return out;
  },
};

// ---------- IBAN ----------

const iban = checkRuleFile(ibanRule, IBAN_FILE);
const IBAN_CONF = field<number>(iban, 'confidence', 'number', IBAN_FILE);
const IBAN_LENGTHS = field<Record<string, number>>(iban, 'lengths', 'object', IBAN_FILE);

/*
 * Two letters, two check digits, then 11–30 units each an optional single space followed by one
 * letter or digit (unambiguous, linear). Lower case is accepted (people type it) and upper-cased
 * before the country and checksum tests. Rejects longer gaps and other separators.
 */
const IBAN_RUN = /\b[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]){11,30}/g;
// Every IBAN_RUN match has two letters then two digits: a run with 2 letters before it and 2
// leading digits, starting two units into the match.
const IBAN_NEED: RunNeed = { digits: 2, lettersBefore: 2, leadingDigits: 2, lead: 2 };

export const ibanDetector: Detector = {
  id: 'iban',
  type: 'iban',
  detect(ctx: DetectContext): Candidate[] {
    const s = ctx.text;
    const from = searchStart(numberRuns(ctx), IBAN_NEED);
    if (from < 0) return [];
    const out: Candidate[] = [];
    IBAN_RUN.lastIndex = from;
    let examined = 0;
    for (let m = IBAN_RUN.exec(s); m; m = IBAN_RUN.exec(s)) {
      if (out.length >= (ctx.limit ?? Infinity) || examined++ >= 4 * (ctx.limit ?? Infinity)) {
        ctx.truncate?.(m.index);
        break;
      }
      const raw = m[0].toUpperCase();
      const len = IBAN_LENGTHS[raw.slice(0, 2)];
      if (!len) continue;
      // Take exactly `len` alphanumerics from the run.
      let count = 0;
      let cut = 0;
      for (; cut < raw.length && count < len; cut++) if (raw[cut] !== ' ') count++;
      if (count < len) continue;
      const start = m.index;
      const end = start + cut;
      if (identChar(s, end) && !(s[end] === ' ')) continue;
      const compact = raw.slice(0, cut).replace(/ /g, '');
      if (!ibanValid(compact)) continue;
      // A grouped IBAN uses groups of four.
      if (raw.slice(0, cut).includes(' ') && !/^[A-Z0-9]{4}(?: [A-Z0-9]{4})*(?: [A-Z0-9]{1,3})?$/.test(raw.slice(0, cut))) continue;
      out.push({
        type: 'iban',
        start,
        end,
        confidence: IBAN_CONF,
        ruleId: 'iban/mod97',
        reasons: [`${compact.slice(0, 2)} IBAN length ${len}`, 'mod-97 checksum valid'],
        value: compact,
      });
    }
    return out;
  },
};
