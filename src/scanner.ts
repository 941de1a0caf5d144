/**
 * createScanner(): runs the detectors over the normalized text of a post, applies context words,
 * the threshold and the allowlist, merges overlaps, maps offsets back to the original input and
 * masks values. See ARCHITECTURE.md "Contract: scanner".
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { PreflightError } from './errors';
import { toView } from './text/formats';
import { normaliseView } from './text/normalise';
import type { HiddenRange } from './text/view';
import { DETECTORS } from './detect';
import { contextPacks, scoreContext } from './detect/context';
import { parseLocale } from './detect/locale';
import type { Candidate, DetectContext, LocaleInfo } from './detect/types';
import { mask, normalizeValue } from './mask';
import type {
  AllowList, FieldFinding, Finding, Format, PiiType, ScanFieldsResult, ScanOptions, ScanResult, Scanner, ScannerOptions,
} from './types';

export const FORMATS: readonly Format[] = ['plain', 'markdown', 'html', 'bbcode'];
const OPTION_KEYS = ['locales', 'types', 'minConfidence', 'allow', 'maxLength', 'maxFindings'];
export const DEFAULT_MAX_LENGTH = 262144;
export const DEFAULT_MAX_FINDINGS = 500;

const VALUES = new WeakMap<Finding, string>();

/**
 * The normalized value of a finding (lower-cased email, E.164 phone, compact IBAN…): what keyed
 * hashes and allowlists compare. Findings not made by a scanner fall back to normalizing the text.
 */
export function findingValue(f: Finding): string {
  return VALUES.get(f) ?? normalizeValue(f.type, f.text);
}

/** Internal: the value of a finding made elsewhere (a worker thread) by a scanner. */
export function attachValue(f: Finding, value: string): void {
  VALUES.set(f, value);
}

/**
 * Internal: scanFields' answer from each field's scan result — findings tagged with their field,
 * at most `maxFindings` in all; truncated / hiddenText when any field's result says so.
 */
export function combineFields(results: readonly (readonly [string, ScanResult])[], maxFindings: number): ScanFieldsResult {
  const out: FieldFinding[] = [];
  let truncated = false;
  let hiddenText = false;
  for (const [field, result] of results) {
    truncated ||= result.truncated === true;
    hiddenText ||= result.hiddenText === true;
    for (const f of result.findings) {
      if (out.length >= maxFindings) {
        truncated = true;
        break;
      }
      const ff: FieldFinding = { ...f, field };
      VALUES.set(ff, findingValue(f));
      out.push(ff);
    }
  }
  return { findings: out, ...(truncated ? { truncated: true } : {}), ...(hiddenText ? { hiddenText: true } : {}) };
}

function suggest(key: string, known: string[]): string {
  const k = key.toLowerCase();
  const near = known.find((x) => x.toLowerCase() === k || x.toLowerCase().startsWith(k.slice(0, 4)));
  return near ? ` Did you mean \`${near}\`?` : ` Known options: ${known.join(', ')}.`;
}

function checkOptions(options: ScannerOptions): void {
  if (typeof options !== 'object' || options === null) throw new PreflightError('invalid_options', 'createScanner(options): options must be an object');
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.includes(key)) throw new PreflightError('invalid_options', `createScanner: unknown option \`${key}\`.${suggest(key, OPTION_KEYS)}`);
  }
  if (options.locales !== undefined && (!Array.isArray(options.locales) || options.locales.length === 0 || !options.locales.every((l) => typeof l === 'string'))) {
    throw new PreflightError('invalid_options', 'createScanner: `locales` must be a non-empty array of BCP 47 tags, e.g. ["en-US"]');
  }
  if (options.minConfidence !== undefined && !(typeof options.minConfidence === 'number' && options.minConfidence >= 0 && options.minConfidence <= 1)) {
    throw new PreflightError('invalid_options', 'createScanner: `minConfidence` must be a number between 0 and 1');
  }
  if (options.maxLength !== undefined && !(Number.isInteger(options.maxLength) && options.maxLength > 0)) {
    throw new PreflightError('invalid_options', 'createScanner: `maxLength` must be a positive integer');
  }
  if (options.maxFindings !== undefined && !(Number.isInteger(options.maxFindings) && options.maxFindings > 0)) {
    throw new PreflightError('invalid_options', 'createScanner: `maxFindings` must be a positive integer');
  }
  if (options.types !== undefined && (!Array.isArray(options.types) || !options.types.every((t) => typeof t === 'string'))) {
    throw new PreflightError('invalid_options', 'createScanner: `types` must be an array of PII types');
  }
}

interface Allow {
  emails: Set<string>;
  domains: string[];
  phones: Set<string>;
}

function compileAllow(allow: AllowList, region: CountryCode): Allow {
  const phones = new Set<string>();
  for (const p of allow.phones ?? []) {
    const parsed = parsePhoneNumberFromString(p, region);
    phones.add(parsed ? parsed.number : p.replace(/[^\d+]/g, ''));
  }
  return {
    emails: new Set((allow.emails ?? []).map((e) => e.trim().toLowerCase())),
    domains: (allow.domains ?? []).map((d) => d.trim().toLowerCase().replace(/^@/, '')),
    phones,
  };
}

function allowed(c: Candidate, allow: Allow): boolean {
  if (c.type === 'email') {
    const v = c.value.toLowerCase();
    if (allow.emails.has(v)) return true;
    const domain = v.slice(v.lastIndexOf('@') + 1);
    return allow.domains.some((d) => domain === d || domain.endsWith('.' + d));
  }
  if (c.type === 'phone') return allow.phones.has(c.value);
  return false;
}

/**
 * Overlaps: keep the highest confidence, then the longest; drop anything overlapping a kept one.
 * Kept spans never overlap, so they stay sorted by start and each test is a binary search of its
 * neighbours: O(n log n) even for a post with thousands of findings.
 */
function mergeOverlaps(cands: Candidate[]): Candidate[] {
  if (cands.length < 2) return cands;
  const byRank = [...cands].sort((a, b) => b.confidence - a.confidence || (b.end - b.start) - (a.end - a.start) || a.start - b.start);
  const kept: Candidate[] = [];
  for (const c of byRank) {
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((kept[mid] as Candidate).start < c.start) lo = mid + 1;
      else hi = mid;
    }
    const prev = kept[lo - 1];
    const next = kept[lo];
    if ((prev && prev.end > c.start) || (next && next.start < c.end)) continue;
    kept.splice(lo, 0, c);
  }
  return kept;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * One finding per original span: a value read twice (in the visible text and again in an appended
 * segment, e.g. a bare link "https://example.org/?email=jane&#64;example.com" whose address is also
 * decoded as a link target) maps to overlapping original ranges of the same type; the one with the
 * higher confidence (then the longer) stays. `findings` is sorted by start; one pass.
 */
function sameValueOnce(findings: Finding[]): Finding[] {
  if (findings.length < 2) return findings;
  const out: Finding[] = [];
  for (const f of findings) {
    const prev = out[out.length - 1];
    if (prev && prev.type === f.type && f.start < prev.end) {
      if (f.confidence > prev.confidence || (f.confidence === prev.confidence && f.end - f.start > prev.end - prev.start)) out[out.length - 1] = f;
      continue;
    }
    out.push(f);
  }
  return out;
}

/** Reason for a finding that touches text a reader cannot see (ranges sorted, disjoint), or null. */
function hiddenReason(hidden: readonly HiddenRange[], start: number, end: number): string | null {
  // The last range starting before `end`.
  let lo = 0;
  let hi = hidden.length - 1;
  let k = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((hidden[mid] as HiddenRange).start < end) {
      k = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (k < 0) return null;
  const h = hidden[k] as HiddenRange;
  if (h.start <= start && end <= h.end) return h.styled ? 'hidden text: readers cannot see it' : 'in a comment: readers cannot see it';
  // Ranges before h end before h starts; one that ends after `start` lies inside the finding.
  if (h.end > start) return 'split by hidden text or a comment';
  return null;
}

/** Creates a scanner. Options are validated once, here. */
export function createScanner(options: ScannerOptions = {}): Scanner {
  checkOptions(options);
  const locales: LocaleInfo[] = (options.locales ?? ['en-US']).map(parseLocale);
  const regions = [...new Set(locales.map((l) => l.region))];
  const languages = [...new Set(locales.map((l) => l.language))];
  const types = options.types ? new Set<PiiType>(options.types) : null;
  const detectors = DETECTORS.filter((d) => !types || types.has(d.type));
  const minConfidence = options.minConfidence ?? 0.5;
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  const maxFindings = options.maxFindings ?? DEFAULT_MAX_FINDINGS;
  const allowList: AllowList = options.allow ?? {};
  const allow = compileAllow(allowList, regions[0] as CountryCode);
  const packs = contextPacks(languages);

  function scan(text: string, scanOptions: ScanOptions = {}): ScanResult {
    if (typeof text !== 'string') throw new PreflightError('invalid_input', `scan(text): text must be a string, got ${text === null ? 'null' : typeof text}`);
    if (text.length > maxLength) throw new PreflightError('input_too_large', `the text is ${text.length} UTF-16 units long; the maximum is ${maxLength}`, { length: text.length, maxLength });
    const format = scanOptions.format ?? 'plain';
    if (!FORMATS.includes(format)) throw new PreflightError('invalid_input', `format must be one of ${FORMATS.join(', ')}; got ${String(format)}`);
    if (text.length === 0) return { findings: [] };

    // Appended segments (link targets, titles, hidden text) are bounded like findings.
    const view = normaliseView(toView(text, format, 4 * maxFindings));
    const hiddenText = view.hidden !== undefined && view.hidden.some((h) => h.styled);
    // Bounded work: each detector stops after maxFindings candidates (or 4 × as many examined
    // values) and reports where; only candidates before the earliest stop are kept.
    let cut = Infinity;
    if (view.truncated) cut = view.text.length;
    const ctx: DetectContext = {
      text: view.text, view, locales, regions, languages, limit: maxFindings,
      truncate: (at: number) => {
        if (at < cut) cut = at;
      },
      stoppedAt: () => cut,
    };
    const candidates: Candidate[] = [];
    for (const d of detectors) {
      for (const c of d.detect(ctx)) {
        if (c.end <= c.start || c.start >= cut) continue;
        let confidence = c.confidence;
        const reasons = [...c.reasons];
        let subject = c.subject;
        if (c.context !== false) {
          // A link target (mailto:/tel:) is read in context where the link stands in the visible text.
          const anchor = c.start >= view.linkTargetsStart ? view.anchorOf(c.start) : -1;
          const cx = anchor >= 0 ? scoreContext(view.text, anchor, anchor, c.type, packs) : scoreContext(view.text, c.start, c.end, c.type, packs);
          confidence += cx.delta;
          reasons.push(...cx.reasons);
          subject ??= cx.subject;
        }
        confidence = Math.max(0, Math.min(1, confidence));
        if (confidence < minConfidence) continue;
        if (allowed(c, allow)) continue;
        candidates.push({ ...c, confidence: round(confidence), reasons, subject: subject ?? 'unknown' });
      }
    }
    const answer = (findings: Finding[], truncated: boolean): ScanResult => {
      const result: ScanResult = { findings };
      if (truncated) result.truncated = true;
      if (hiddenText) result.hiddenText = true;
      return result;
    };
    if (candidates.length === 0) return answer([], cut < Infinity);
    let kept = mergeOverlaps(cut < Infinity ? candidates.filter((c) => c.start < cut) : candidates);
    let truncated = cut < Infinity;
    if (kept.length > maxFindings) {
      // The first maxFindings by position (in the view; the original order is the same but for
      // appended segments, which come last in both).
      kept = [...kept].sort((a, b) => a.start - b.start).slice(0, maxFindings);
      truncated = true;
    }
    const findings: Finding[] = [];
    for (const c of kept) {
      const [start, end] = view.toOriginal(c.start, c.end);
      const hidden = view.hidden && view.hidden.length > 0 ? hiddenReason(view.hidden, start, end) : null;
      if (hidden) c.reasons.push(hidden);
      const source = text.slice(start, end);
      const f: Finding = {
        type: c.type,
        start,
        end,
        text: source,
        masked: mask(c.type, view.text.slice(c.start, c.end)),
        confidence: c.confidence,
        ruleId: c.ruleId,
        reasons: c.reasons,
        subject: c.subject ?? 'unknown',
      };
      if (c.phoneKind) f.phoneKind = c.phoneKind;
      VALUES.set(f, c.value);
      findings.push(f);
    }
    findings.sort((a, b) => a.start - b.start || a.end - b.end);
    return answer(sameValueOnce(findings), truncated);
  }

  function scanFields(fields: Record<string, string | undefined | null>, scanOptions: ScanOptions = {}): ScanFieldsResult {
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
      throw new PreflightError('invalid_input', 'scanFields(fields): fields must be an object of field name → string');
    }
    const results: [string, ScanResult][] = [];
    for (const field of Object.keys(fields)) {
      const value = fields[field];
      if (value === undefined || value === null) continue;
      if (typeof value !== 'string') throw new PreflightError('invalid_input', `field "${field}" must be a string, got ${typeof value}`, { field });
      results.push([field, scan(value, scanOptions)]);
    }
    return combineFields(results, maxFindings);
  }

  return {
    scan,
    scanFields,
    options: Object.freeze({
      locales: locales.map((l) => l.tag),
      types: detectors.map((d) => d.type).filter((t, i, a) => a.indexOf(t) === i),
      minConfidence,
      allow: allowList,
      maxLength,
      maxFindings,
    }),
  };
}
