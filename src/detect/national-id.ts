/**
 * National identifiers of the supported locales, each validated by its own check digits or
 * issuance rules: US SSN, Canadian SIN (Luhn), Australian TFN (weighted mod 11), Indian Aadhaar
 * (Verhoeff) and PAN (structure), Spanish DNI/NIE (mod-23 letter), Dutch BSN (11-proof), Brazilian
 * CPF (two mod-11 digits), French NIR (mod-97 key), Italian codice fiscale (check letter), UK
 * National Insurance number (structure) and German Steuer-ID (ISO 7064 mod 11,10).
 *
 * A scheme runs only where its country is among the configured locales' regions (US SSN also runs
 * elsewhere at a lower score). Schemes whose check digits leave many random numbers valid (BSN,
 * TFN, Steuer-ID, bare nine-digit SSN) start below the threshold and need a context word such as
 * "BSN" or "tax file number" (rules/context/*.json, `national_id`).
 */
import { checkRuleFile, field } from '../rules/schema';
import rule from '../../rules/national_id.json';
import { glued, luhn, numberRuns, searchStart, type RunNeed } from './checksums';
import type { Candidate, DetectContext, Detector } from './types';
import { memoPerList } from './memo';

const FILE = 'rules/national_id.json';
const checked = checkRuleFile(rule, FILE);
const SCHEMES = field<Record<string, unknown>>(checked, 'schemes', 'object', FILE);

interface Scheme {
  id: string;
  regions: string[];
  confidence: number;
  /** Score outside the scheme's regions; absent → the scheme does not run there. */
  elsewhere?: number;
  /** The candidate pattern (global, sticky-free). */
  pattern: RegExp;
  /**
   * What every match of `pattern` holds (see numberRuns in checksums.ts): the pattern is not run
   * on a text without such a run, and is searched from the first one on.
   */
  need: RunNeed;
  /** Validates a match; returns the normalized value or null. `m` is the regex match. */
  validate(m: RegExpExecArray): string | null;
  /** Score for a match (e.g. lower for contiguous digits); default `confidence`. */
  score?(m: RegExpExecArray, base: number): number;
  reason: string;
}

function conf(id: string, key: string): number {
  return field<number>(SCHEMES, `${id}.${key}`, 'number', FILE);
}
function confOpt(id: string, key: string): number | undefined {
  const s = SCHEMES[id] as Record<string, unknown> | undefined;
  const v = s?.[key];
  return typeof v === 'number' ? v : undefined;
}
function regions(id: string): string[] {
  return field<string[]>(SCHEMES, `${id}.regions`, 'string[]', FILE);
}

const digitsOf = (s: string) => s.replace(/\D/g, '');

/** A run of at least `digits` digits; a match starts up to `lead` units before the run. */
const digitRun = (digits: number, lead = 0): RunNeed => ({ digits, lettersBefore: 0, leadingDigits: 0, lead });
/** Digits right after `letters` ASCII letters, which start the match. */
const afterLetters = (letters: number, leadingDigits: number): RunNeed => ({ digits: 2, lettersBefore: letters, leadingDigits, lead: letters });

// ---- check-digit algorithms ----

export function ssnValid(d: string, placeholders: Set<string>): boolean {
  const area = d.slice(0, 3);
  if (area === '000' || area === '666' || area[0] === '9') return false;
  if (d.slice(3, 5) === '00' || d.slice(5) === '0000') return false;
  return !placeholders.has(d);
}

export function tfnValid(d: string): boolean {
  if (d.length !== 9) return false;
  const w = [1, 4, 3, 7, 5, 8, 6, 9, 10];
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (d.charCodeAt(i) - 48) * (w[i] as number);
  return sum % 11 === 0;
}

const VERHOEFF_D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6], [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1], [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4], [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VERHOEFF_P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2], [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1], [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];
export function verhoeffValid(d: string): boolean {
  let c = 0;
  for (let i = 0; i < d.length; i++) {
    const digit = d.charCodeAt(d.length - 1 - i) - 48;
    c = (VERHOEFF_D[c] as number[])[(VERHOEFF_P[i % 8] as number[])[digit] as number] as number;
  }
  return c === 0;
}

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
export function dniValid(num: string, letter: string): boolean {
  return DNI_LETTERS[Number(num) % 23] === letter.toUpperCase();
}

export function bsnValid(d: string): boolean {
  if (d.length !== 9 || /^0{9}$/.test(d)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (d.charCodeAt(i) - 48) * (9 - i);
  sum -= d.charCodeAt(8) - 48;
  return sum % 11 === 0;
}

export function cpfValid(d: string): boolean {
  if (d.length !== 11 || /^(\d)\1{10}$/.test(d)) return false;
  const check = (len: number) => {
    let sum = 0;
    for (let i = 0; i < len; i++) sum += (d.charCodeAt(i) - 48) * (len + 1 - i);
    const r = (sum * 10) % 11;
    return r === 10 ? 0 : r;
  };
  return check(9) === d.charCodeAt(9) - 48 && check(10) === d.charCodeAt(10) - 48;
}

export function nirValid(compact: string): boolean {
  // 13 characters (Corsica: 2A/2B in the department) + 2-digit key = 97 - (number mod 97).
  if (compact.length !== 15) return false;
  const body = compact.slice(0, 13).toUpperCase().replace('2A', '19').replace('2B', '18');
  if (!/^[12]\d{12}$/.test(body)) return false;
  const month = Number(body.slice(3, 5));
  if (!((month >= 1 && month <= 12) || (month >= 20 && month <= 42) || month >= 50)) return false;
  const key = Number(compact.slice(13));
  return 97 - Number(BigInt(body) % 97n) === key;
}

const CF_ODD: Record<string, number> = {
  0: 1, 1: 0, 2: 5, 3: 7, 4: 9, 5: 13, 6: 15, 7: 17, 8: 19, 9: 21, A: 1, B: 0, C: 5, D: 7, E: 9, F: 13, G: 15, H: 17, I: 19, J: 21,
  K: 2, L: 4, M: 18, N: 20, O: 11, P: 3, Q: 6, R: 8, S: 12, T: 14, U: 16, V: 10, W: 22, X: 25, Y: 24, Z: 23,
};
export function codiceFiscaleValid(cf: string): boolean {
  const s = cf.toUpperCase();
  if (s.length !== 16) return false;
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const ch = s[i] as string;
    if ((i + 1) % 2 === 1) sum += CF_ODD[ch] ?? 0;
    else sum += /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 65;
  }
  return String.fromCharCode(65 + (sum % 26)) === s[15];
}

export function steuerIdValid(d: string): boolean {
  if (d.length !== 11 || d[0] === '0') return false;
  // One digit appears two or three times among the first ten; at least one digit is missing.
  const counts = new Map<string, number>();
  for (const ch of d.slice(0, 10)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  if (counts.size < 7 || counts.size > 9) return false;
  let product = 10;
  for (let i = 0; i < 10; i++) {
    let sum = (d.charCodeAt(i) - 48 + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  const check = (11 - product) % 10;
  return check === d.charCodeAt(10) - 48;
}

// ---- schemes ----

const SSN_PLACEHOLDERS = new Set(field<string[]>(SCHEMES, 'us-ssn.placeholders', 'string[]', FILE));

/*
 * Each pattern: fixed-width digit groups with one optional separator of a fixed kind between them,
 * anchored on word edges; no nested or unbounded quantifiers.
 */
const SCHEME_LIST: Scheme[] = [
  {
    id: 'us-ssn',
    regions: regions('us-ssn'),
    confidence: conf('us-ssn', 'separated'),
    elsewhere: confOpt('us-ssn', 'elsewhere'),
    // ddd-dd-dddd with the same separator (dash or space) twice, or nine contiguous digits.
    pattern: /\b\d{3}([- ])\d{2}\1\d{4}\b|\b\d{9}\b/g,
    need: digitRun(9),
    validate: (m) => (ssnValid(digitsOf(m[0]), SSN_PLACEHOLDERS) ? digitsOf(m[0]) : null),
    score: (m, base) => (m[0].length === 9 ? conf('us-ssn', 'contiguous') : base),
    reason: 'US SSN issuance rules pass',
  },
  {
    id: 'ca-sin',
    regions: regions('ca-sin'),
    confidence: conf('ca-sin', 'separated'),
    // ddd ddd ddd / ddd-ddd-ddd (same separator), or nine contiguous digits.
    pattern: /\b\d{3}([- ])\d{3}\1\d{3}\b|\b\d{9}\b/g,
    need: digitRun(9),
    validate: (m) => {
      const d = digitsOf(m[0]);
      // 8 starts business numbers; 0 is unassigned but is what sample SINs use.
      return d[0] !== '8' && luhn(d) ? d : null;
    },
    score: (m, base) => (m[0].length === 9 ? conf('ca-sin', 'contiguous') : base),
    reason: 'Canadian SIN Luhn check passes',
  },
  {
    id: 'au-tfn',
    regions: regions('au-tfn'),
    confidence: conf('au-tfn', 'confidence'),
    // ddd ddd ddd (space or dash) or nine contiguous digits.
    pattern: /\b\d{3}([- ])\d{3}\1\d{3}\b|\b\d{9}\b/g,
    need: digitRun(9),
    validate: (m) => (tfnValid(digitsOf(m[0])) ? digitsOf(m[0]) : null),
    reason: 'Australian TFN weighted check passes',
  },
  {
    id: 'in-aadhaar',
    regions: regions('in-aadhaar'),
    confidence: conf('in-aadhaar', 'grouped'),
    // dddd dddd dddd (space or dash), or twelve contiguous digits; the first digit is 2–9.
    pattern: /\b[2-9]\d{3}([- ])\d{4}\1\d{4}\b|\b[2-9]\d{11}\b/g,
    need: digitRun(12),
    validate: (m) => (verhoeffValid(digitsOf(m[0])) ? digitsOf(m[0]) : null),
    score: (m, base) => (m[0].length === 12 ? conf('in-aadhaar', 'contiguous') : base),
    reason: 'Aadhaar Verhoeff check passes',
  },
  {
    id: 'in-pan',
    regions: regions('in-pan'),
    confidence: conf('in-pan', 'confidence'),
    // Five capital letters (the fourth is the holder type), four digits, one capital letter.
    pattern: /\b[A-Z]{3}[PCHFATBLJG][A-Z]\d{4}[A-Z]\b/g,
    need: afterLetters(5, 4),
    validate: (m) => m[0],
    reason: 'Indian PAN structure (holder type letter)',
  },
  {
    id: 'es-dni',
    regions: regions('es-dni'),
    confidence: conf('es-dni', 'confidence'),
    // DNI: eight digits, optional dash or space, a letter; NIE: X/Y/Z, seven digits, a letter.
    pattern: /\b(\d{8})[- ]?([A-Za-z])\b|\b([XYZxyz])[- ]?(\d{7})[- ]?([A-Za-z])\b/g,
    // DNI: eight digits from the start; NIE: seven digits after the letter and a separator.
    need: digitRun(7, 2),
    validate: (m) => {
      if (m[1] && m[2]) return dniValid(m[1], m[2]) ? (m[1] + m[2]).toUpperCase() : null;
      if (m[3] && m[4] && m[5]) {
        const num = String('XYZ'.indexOf(m[3].toUpperCase())) + m[4];
        return dniValid(num, m[5]) ? (m[3] + m[4] + m[5]).toUpperCase() : null;
      }
      return null;
    },
    reason: 'Spanish DNI/NIE check letter valid',
  },
  {
    id: 'nl-bsn',
    regions: regions('nl-bsn'),
    confidence: conf('nl-bsn', 'confidence'),
    // Nine contiguous digits, or ddd.dd.ddd / dddd.dd.ddd shapes people copy from letters.
    pattern: /\b\d{9}\b|\b\d{4}\.\d{2}\.\d{3}\b/g,
    need: digitRun(9),
    validate: (m) => (bsnValid(digitsOf(m[0]).padStart(9, '0')) ? digitsOf(m[0]) : null),
    reason: 'Dutch BSN 11-proof passes',
  },
  {
    id: 'br-cpf',
    regions: regions('br-cpf'),
    confidence: conf('br-cpf', 'formatted'),
    // ddd.ddd.ddd-dd, or eleven contiguous digits.
    pattern: /\b\d{3}\.\d{3}\.\d{3}-\d{2}\b|\b\d{11}\b/g,
    need: digitRun(11),
    validate: (m) => (cpfValid(digitsOf(m[0])) ? digitsOf(m[0]) : null),
    score: (m, base) => (m[0].length === 11 ? conf('br-cpf', 'contiguous') : base),
    reason: 'Brazilian CPF check digits valid',
  },
  {
    id: 'fr-nir',
    regions: regions('fr-nir'),
    confidence: conf('fr-nir', 'confidence'),
    // Sex digit, then year, month, department (digits or 2A/2B), commune, order, key, with optional
    // single spaces between the groups: 1 85 05 78 006 084 91.
    pattern: /\b[12] ?\d{2} ?\d{2} ?(?:\d{2}|2[AB]) ?\d{3} ?\d{3} ?\d{2}\b/g,
    // The sex digit, year, month and department's first digit (6 digits, spaces) start the match.
    need: digitRun(6),
    validate: (m) => {
      const compact = m[0].replace(/ /g, '');
      return nirValid(compact) ? compact.toUpperCase() : null;
    },
    reason: 'French NIR key valid',
  },
  {
    id: 'it-cf',
    regions: regions('it-cf'),
    confidence: conf('it-cf', 'confidence'),
    // Six letters, two digits, a month letter, two digits, a letter and three digits, a check letter.
    pattern: /\b[A-Za-z]{6}\d{2}[ABCDEHLMPRSTabcdehlmprst]\d{2}[A-Za-z]\d{3}[A-Za-z]\b/g,
    need: afterLetters(6, 2),
    validate: (m) => (codiceFiscaleValid(m[0]) ? m[0].toUpperCase() : null),
    reason: 'Italian codice fiscale check letter valid',
  },
  {
    id: 'uk-nino',
    regions: regions('uk-nino'),
    confidence: conf('uk-nino', 'confidence'),
    // Two prefix letters (not D F I Q U V; second not O; or the documentation prefix QQ that sample
    // numbers use), six digits in pairs with optional single spaces, a suffix A–D.
    pattern: /\b(?:[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]|QQ) ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/g,
    // Six digits joined by single spaces, after the two prefix letters and a space.
    need: digitRun(6, 3),
    validate: (m) => {
      const c = m[0].replace(/ /g, '');
      return /^(BG|GB|NK|KN|TN|NT|ZZ)/.test(c) ? null : c;
    },
    reason: 'UK National Insurance number structure',
  },
  {
    id: 'de-steuer-id',
    regions: regions('de-steuer-id'),
    confidence: conf('de-steuer-id', 'confidence'),
    // Eleven digits, contiguous or in 2-3-3-3 groups with single spaces.
    pattern: /\b\d{11}\b|\b\d{2} \d{3} \d{3} \d{3}\b/g,
    need: digitRun(11),
    validate: (m) => (steuerIdValid(digitsOf(m[0])) ? digitsOf(m[0]) : null),
    reason: 'German Steuer-ID check digit valid',
  },
];

interface ActiveScheme {
  scheme: Scheme;
  /** Whether the scheme's country is among the regions. */
  here: boolean;
  /** Score before context words. */
  base: number;
}

/** The schemes that run for these regions, with their base score: worked out once per scanner. */
const activeSchemes = memoPerList((regionList: readonly string[]): ActiveScheme[] => {
  const active: ActiveScheme[] = [];
  for (const scheme of SCHEME_LIST) {
    const here = scheme.regions.some((r) => regionList.includes(r));
    const base = here ? scheme.confidence : scheme.elsewhere;
    if (base !== undefined) active.push({ scheme, here, base });
  }
  return active;
});

export const nationalIdDetector: Detector = {
  id: 'national_id',
  type: 'national_id',
  detect(ctx: DetectContext): Candidate[] {
    const s = ctx.text;
    const runs = numberRuns(ctx);
    // Every scheme needs a run of at least two digits (see `need`).
    if (runs.length === 0) return [];
    const out: Candidate[] = [];
    for (const { scheme, here, base } of activeSchemes(ctx.regions)) {
      const from = searchStart(runs, scheme.need);
      if (from < 0) continue;
      scheme.pattern.lastIndex = from;
      let examined = 0;
      for (let m = scheme.pattern.exec(s); m; m = scheme.pattern.exec(s)) {
        const start = m.index;
        if (out.length >= (ctx.limit ?? Infinity) || examined++ >= 4 * (ctx.limit ?? Infinity)) {
          ctx.truncate?.(start);
          break;
        }
        const end = start + m[0].length;
        if (glued(s, start, end)) continue;
        const value = scheme.validate(m);
        // Placeholders such as 000 000 000 or 111-11-1111 pass some checksums.
        if (value === null || /^(.)\1*$/.test(value.replace(/\D/g, ''))) continue;
        out.push({
          type: 'national_id',
          start,
          end,
          confidence: scheme.score ? scheme.score(m, base) : base,
          ruleId: `national_id/${scheme.id}`,
          reasons: [scheme.reason, here ? `region ${scheme.regions.join('/')}` : 'outside its region: needs context'],
          value,
        });
      }
    }
    // Several schemes can claim one number (a nine-digit run): the scanner's overlap merge keeps
    // the best-scored claim after context words are applied.
    return out;
  },
};
