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

export const paymentCardDetector: Detector = {
  id: 'payment_card',
  type: 'payment_card',
  detect(ctx: DetectContext): Candidate[] {
    const s = ctx.text;
    if (!/\d{4}/.test(s)) return [];
    const out: Candidate[] = [];
    CARD_RUN.lastIndex = 0;
    for (let m = CARD_RUN.exec(s); m; m = CARD_RUN.exec(s)) {
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

export const ibanDetector: Detector = {
  id: 'iban',
  type: 'iban',
  detect(ctx: DetectContext): Candidate[] {
    const s = ctx.text;
    if (!/[A-Za-z]{2}\d{2}/.test(s)) return [];
    const out: Candidate[] = [];
    IBAN_RUN.lastIndex = 0;
    for (let m = IBAN_RUN.exec(s); m; m = IBAN_RUN.exec(s)) {
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
