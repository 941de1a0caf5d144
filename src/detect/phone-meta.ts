/**
 * Phone validation for the phone detector: a cheap "is this possible at all" check compiled once
 * from libphonenumber-js's MAX metadata (possible lengths + the national number pattern), then the
 * library itself (parse + isValid(), max metadata) for the windows that pass, memoized.
 *
 * Why the pre-check: with max metadata one parse of a GB number costs ~40 µs (the library builds its
 * regular expressions on every call and tries GB, GG, IM and JE in turn); a post full of digit runs
 * would spend milliseconds there. The pre-check rejects nearly every non-phone digit run in ~1 µs
 * and never rejects a number the library would accept for the same national significant number.
 */
import { parsePhoneNumberFromString, type CountryCode, type NumberType } from 'libphonenumber-js/max';
import metadataJson from 'libphonenumber-js/metadata.max.json';

interface PlanCheck {
  /** National significant number pattern, anchored. */
  nsn: RegExp;
  lengths: Set<number>;
  /** National prefix for parsing, anchored at the start (null when the region has none). */
  prefix: RegExp | null;
  /** Number types in libphonenumber's order, compiled lazily. */
  types: TypeCheck[] | null;
  /** Formats (leading digits + pattern), compiled lazily. */
  formats: FormatCheck[] | null;
  raw: unknown[];
}

interface TypeCheck {
  type: NumberType;
  pattern: RegExp;
  lengths: Set<number> | null;
}

interface FormatCheck {
  pattern: RegExp;
  leading: RegExp | null;
}

interface RawMetadata {
  country_calling_codes: Record<string, string[]>;
  countries: Record<string, unknown[]>;
}

const META = metadataJson as unknown as RawMetadata;
const PLANS = new Map<string, PlanCheck | null>();

function plan(country: string): PlanCheck | null {
  if (PLANS.has(country)) return PLANS.get(country) ?? null;
  const raw = META.countries[country];
  let out: PlanCheck | null = null;
  if (Array.isArray(raw) && typeof raw[2] === 'string' && Array.isArray(raw[3])) {
    const npfp = typeof raw[7] === 'string' && raw[7] ? raw[7] : typeof raw[5] === 'string' && raw[5] ? raw[5] : null;
    out = {
      // Metadata patterns from libphonenumber (Google's, vetted): anchored whole-string match of digits only.
      nsn: new RegExp(`^(?:${raw[2]})$`),
      lengths: new Set((raw[3] as unknown[]).filter((x): x is number => typeof x === 'number')),
      // The region's national (trunk) prefix for parsing, e.g. "0" or "1"; applied at the start only.
      prefix: npfp ? new RegExp(`^(?:${npfp})`) : null,
      types: null,
      formats: null,
      raw,
    };
  }
  PLANS.set(country, out);
  return out;
}

function nsnPossible(p: PlanCheck, nsn: string): boolean {
  return p.lengths.has(nsn.length) && p.nsn.test(nsn);
}

/** Could `digits` (written nationally, maybe with the trunk prefix) be a number of `region`? */
export function possibleNational(region: CountryCode, digits: string): boolean {
  const p = plan(region);
  if (!p) return true; // unknown shape of metadata: let the library decide
  if (nsnPossible(p, digits)) return true;
  if (p.prefix) {
    const m = p.prefix.exec(digits);
    if (m && m[0].length > 0 && nsnPossible(p, digits.slice(m[0].length))) return true;
  }
  return false;
}

/** Could `digits` (country calling code first, no '+') be an international number? */
export function possibleInternational(digits: string): boolean {
  for (let len = 1; len <= 3 && len < digits.length; len++) {
    const countries = META.country_calling_codes[digits.slice(0, len)];
    if (!countries) continue;
    const nsn = digits.slice(len);
    for (const c of countries) {
      const p = plan(c);
      if (!p || nsnPossible(p, nsn)) return true;
      // Some people keep the trunk prefix after the country code ("+44 020…").
      if (p.prefix) {
        const m = p.prefix.exec(nsn);
        if (m && m[0].length > 0 && nsnPossible(p, nsn.slice(m[0].length))) return true;
      }
    }
    return false;
  }
  return false;
}

// libphonenumber-js's compact metadata: types[i] in this order (metadata.js getType()).
export const TYPE_SLOTS: NonNullable<NumberType>[] = ['FIXED_LINE', 'MOBILE', 'TOLL_FREE', 'PREMIUM_RATE', 'PERSONAL_NUMBER', 'VOICEMAIL', 'UAN', 'PAGER', 'VOIP', 'SHARED_COST'];
// getNumberType()'s order after FIXED_LINE.
const NON_FIXED: NonNullable<NumberType>[] = ['MOBILE', 'PREMIUM_RATE', 'TOLL_FREE', 'SHARED_COST', 'VOIP', 'PERSONAL_NUMBER', 'PAGER', 'UAN', 'VOICEMAIL'];

function typesOf(p: PlanCheck): TypeCheck[] {
  if (p.types) return p.types;
  const out: TypeCheck[] = [];
  const raw = p.raw[11];
  if (Array.isArray(raw)) {
    TYPE_SLOTS.forEach((type, i) => {
      const t = raw[i];
      if (Array.isArray(t) && typeof t[0] === 'string' && t[0]) {
        const lengths = Array.isArray(t[1]) ? new Set((t[1] as unknown[]).filter((x): x is number => typeof x === 'number')) : null;
        // A type pattern from the metadata, anchored: whole national significant number.
        out.push({ type, pattern: new RegExp(`^(?:${t[0]})$`), lengths });
      }
    });
  }
  p.types = out;
  return out;
}

/** The number type, as libphonenumber's getNumberType() decides it, with compiled patterns. */
function typeOf(p: PlanCheck, nsn: string): NumberType {
  const types = typesOf(p);
  const matches = (type: NumberType) => {
    const t = types.find((x) => x.type === type);
    return !!t && (!t.lengths || t.lengths.has(nsn.length) || !t.lengths.size) && t.pattern.test(nsn);
  };
  if (!p.nsn.test(nsn)) return undefined;
  if (matches('FIXED_LINE')) {
    if (!types.some((x) => x.type === 'MOBILE') || matches('MOBILE')) return 'FIXED_LINE_OR_MOBILE';
    return 'FIXED_LINE';
  }
  for (const t of NON_FIXED) if (matches(t)) return t;
  return undefined;
}

function formatsOf(p: PlanCheck, callingCode: string): FormatCheck[] {
  if (p.formats) return p.formats;
  let raw = p.raw[4];
  if (!Array.isArray(raw)) {
    const main = META.country_calling_codes[callingCode]?.[0];
    raw = main ? META.countries[main]?.[4] : undefined;
  }
  const out: FormatCheck[] = [];
  if (Array.isArray(raw)) {
    for (const f of raw) {
      if (!Array.isArray(f) || typeof f[0] !== 'string') continue;
      const leading = Array.isArray(f[2]) && typeof f[2][f[2].length - 1] === 'string' ? (f[2][f[2].length - 1] as string) : null;
      // The format's digit pattern (whole number) and its most specific leading-digits pattern (prefix).
      out.push({ pattern: new RegExp(`^(?:${f[0]})$`), leading: leading ? new RegExp(`^(?:${leading})`) : null });
    }
  }
  p.formats = out;
  return out;
}

/** Digit-group lengths of the library's format for this number (without any national prefix). */
function groupsFor(p: PlanCheck, callingCode: string, nsn: string): number[] {
  for (const f of formatsOf(p, callingCode)) {
    if (f.leading && !f.leading.test(nsn)) continue;
    const m = f.pattern.exec(nsn);
    if (m) return m.slice(1).filter((g) => g !== undefined).map((g) => g.length);
  }
  return [nsn.length];
}

export interface ValidPhone {
  /** E.164, e.g. "+442079460958". */
  e164: string;
  country: CountryCode | undefined;
  callingCode: string;
  type: NumberType;
  /** Digit-group lengths of the library's format, e.g. [2, 4, 4] for "(0)20 7946 0958" (no national prefix). */
  groups: number[];
}

/** Counters for benchmarks: library parses (memo misses) and pre-check rejections. */
export const PHONE_STATS = { libraryCalls: 0, memoHits: 0 };

const MEMO = new Map<string, ValidPhone | null>();
const MEMO_MAX = 2048;

/**
 * libphonenumber-js (max metadata): parses `digits` as a national number of `region`, or as an
 * international number when `region` is null (digits start with the country calling code), and
 * returns it only when isValid(). Memoized (bounded).
 */
export function validatePhone(digits: string, region: CountryCode | null): ValidPhone | null {
  const key = `${region ?? '+'}${digits}`;
  const hit = MEMO.get(key);
  if (hit !== undefined) {
    PHONE_STATS.memoHits++;
    return hit;
  }
  PHONE_STATS.libraryCalls++;
  let out: ValidPhone | null = null;
  const parsed = region ? parsePhoneNumberFromString(digits, region) : parsePhoneNumberFromString(`+${digits}`);
  if (parsed && parsed.isValid()) {
    // Type and grouping from the same metadata with compiled patterns (the library's getType() and
    // format*() would rebuild every regular expression on each call).
    const p = plan(parsed.country ?? META.country_calling_codes[parsed.countryCallingCode]?.[0] ?? '');
    const nsn = parsed.nationalNumber;
    out = {
      e164: parsed.number,
      country: parsed.country,
      callingCode: parsed.countryCallingCode,
      type: p ? typeOf(p, nsn) : undefined,
      groups: p ? groupsFor(p, parsed.countryCallingCode, nsn) : [nsn.length],
    };
  }
  if (MEMO.size >= MEMO_MAX) MEMO.clear();
  MEMO.set(key, out);
  return out;
}
