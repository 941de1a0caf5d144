/**
 * Context words (rules/context/<language>.json): phrases near a candidate raise or lower its
 * confidence, and cues say whose information it is. Phrases match as whole words (never as
 * substrings: "lic" must not match inside "public"), case-insensitively, within character windows
 * that stop at a paragraph break.
 */
import type { PiiType, Subject } from '../types';
import { checkRuleFile, field } from '../rules/schema';
import en from '../../rules/context/en.json';
import de from '../../rules/context/de.json';
import fr from '../../rules/context/fr.json';
import es from '../../rules/context/es.json';
import it from '../../rules/context/it.json';
import nl from '../../rules/context/nl.json';
import pt from '../../rules/context/pt.json';

/** Window sizes in UTF-16 units. */
export const WINDOWS = { positiveBefore: 60, positiveAfter: 40, negativeBefore: 28, negativeAfter: 14, subjectBefore: 90, subjectAfter: 32 };
/** Score steps (Presidio-like ladder). */
export const STEPS = { positive: 0.2, negative: -0.4 };

/** Types whose values are digit runs: "numeric" negative words (version, order, invoice…) apply to them. */
const NUMERIC_TYPES = new Set<string>(['phone', 'national_id', 'payment_card']);

interface CompiledContext {
  language: string;
  positive: Map<string, RegExp>;
  negative: Map<string, RegExp>;
  self: RegExp | null;
  thirdParty: RegExp | null;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * One alternation of literal phrases, longest first, with whole-word edges.
 * Accepts only the listed phrases (windows are whitespace-collapsed before matching, so a phrase's
 * single spaces match any run); rejects a phrase inside a longer word. Literal alternation, no
 * quantifiers: linear.
 */
export function phraseRegex(phrases: string[]): RegExp | null {
  const list = [...new Set(phrases.map((p) => p.trim().toLowerCase()).filter(Boolean))].sort((a, b) => b.length - a.length);
  if (list.length === 0) return null;
  const body = list.map((p) => escape(p.replace(/\s+/g, ' '))).join('|');
  return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${body})(?![\\p{L}\\p{N}_])`, 'giu');
}

function compile(json: unknown, file: string): CompiledContext {
  const rule = checkRuleFile(json, file);
  const language = field<string>(rule, 'language', 'string', file);
  const positive = new Map<string, RegExp>();
  const negative = new Map<string, RegExp>();
  for (const [key, target] of [['positive', positive], ['negative', negative]] as const) {
    const group = field<Record<string, unknown>>(rule, key, 'object', file);
    for (const name of Object.keys(group)) {
      const words = field<string[]>(rule, `${key}.${name}`, 'string[]', file);
      const re = phraseRegex(words);
      if (re) target.set(name, re);
    }
  }
  return {
    language,
    positive,
    negative,
    self: phraseRegex(field<string[]>(rule, 'self', 'string[]', file, [])),
    thirdParty: phraseRegex(field<string[]>(rule, 'thirdParty', 'string[]', file, [])),
  };
}

const PACKS = new Map<string, CompiledContext>();
for (const [json, file] of [
  [en, 'rules/context/en.json'], [de, 'rules/context/de.json'], [fr, 'rules/context/fr.json'],
  [es, 'rules/context/es.json'], [it, 'rules/context/it.json'], [nl, 'rules/context/nl.json'],
  [pt, 'rules/context/pt.json'],
] as const) {
  const c = compile(json, file);
  PACKS.set(c.language, c);
}

export function contextPacks(languages: string[]): CompiledContext[] {
  const out: CompiledContext[] = [];
  for (const l of languages) {
    const p = PACKS.get(l);
    if (p && !out.includes(p)) out.push(p);
  }
  // English is always consulted too: forums mix languages, and "tel", "email" are everywhere.
  const enPack = PACKS.get('en');
  if (enPack && !out.includes(enPack)) out.push(enPack);
  return out;
}

/** The window of text before `start` (stops at a blank line) and after `end`. */
function windowBefore(text: string, start: number, size: number): string {
  let from = Math.max(0, start - size);
  const para = text.lastIndexOf('\n\n', start);
  if (para >= from) from = para + 2;
  return collapse(text.slice(from, start));
}

function windowAfter(text: string, end: number, size: number): string {
  let to = Math.min(text.length, end + size);
  const para = text.indexOf('\n\n', end);
  if (para >= 0 && para < to) to = para;
  return collapse(text.slice(end, to));
}

/** Whitespace runs → one space (phrases are matched with single spaces). */
function collapse(s: string): string {
  return s.replace(/\s+/g, ' ');
}

interface Hit {
  word: string;
  /** distance from the candidate in units */
  distance: number;
  length: number;
}

function lastHit(re: RegExp | null | undefined, s: string): Hit | null {
  if (!re) return null;
  re.lastIndex = 0;
  let best: Hit | null = null;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const distance = s.length - (m.index + m[0].length);
    if (!best || distance < best.distance || (distance === best.distance && m[0].length > best.length)) {
      best = { word: m[0].toLowerCase(), distance, length: m[0].length };
    }
  }
  return best;
}

function firstHit(re: RegExp | null | undefined, s: string): Hit | null {
  if (!re) return null;
  re.lastIndex = 0;
  const m = re.exec(s);
  return m ? { word: m[0].toLowerCase(), distance: m.index, length: m[0].length } : null;
}

export interface ContextResult {
  delta: number;
  reasons: string[];
  subject: Subject;
}

/** Scores the context around [start, end) of `text` for a candidate of `type`. */
export function scoreContext(text: string, start: number, end: number, type: PiiType, packs: CompiledContext[]): ContextResult {
  const reasons: string[] = [];
  let delta = 0;
  const posBefore = windowBefore(text, start, WINDOWS.positiveBefore);
  const posAfter = windowAfter(text, end, WINDOWS.positiveAfter);
  const negBefore = posBefore.slice(-WINDOWS.negativeBefore);
  const negAfter = posAfter.slice(0, WINDOWS.negativeAfter);

  let positive: Hit | null = null;
  let negative: Hit | null = null;
  for (const p of packs) {
    for (const key of [type, 'any']) {
      const re = p.positive.get(key);
      positive ??= lastHit(re, posBefore) ?? firstHit(re, posAfter);
    }
    const negKeys = NUMERIC_TYPES.has(type) ? [type, 'numeric'] : [type];
    for (const key of negKeys) {
      const re = p.negative.get(key);
      negative ??= lastHit(re, negBefore) ?? firstHit(re, negAfter);
    }
  }
  if (positive) {
    delta += STEPS.positive;
    reasons.push(`context: "${positive.word}" nearby (+${STEPS.positive})`);
  }
  if (negative) {
    delta += STEPS.negative;
    reasons.push(`negative context: "${negative.word}" nearby (${STEPS.negative})`);
  }

  return { delta, reasons, subject: subjectOf(text, start, end, packs, reasons) };
}

/**
 * Whose information: the cue nearest to the candidate in the sentence before it wins (on the same
 * end point the longer phrase wins: "my neighbour's" beats "my"); with no cue before, the first cue
 * just after ("… is my cell").
 */
export function subjectOf(text: string, start: number, end: number, packs: CompiledContext[], reasons?: string[]): Subject {
  const before = sentenceBefore(text, start);
  const after = windowAfter(text, end, WINDOWS.subjectAfter);
  let best: { subject: Subject; hit: Hit } | null = null;
  const consider = (subject: Subject, h: Hit | null) => {
    if (h && (!best || h.distance < best.hit.distance || (h.distance === best.hit.distance && h.length > best.hit.length))) best = { subject, hit: h };
  };
  for (const p of packs) {
    consider('third_party', lastHit(p.thirdParty, before));
    consider('self', lastHit(p.self, before));
  }
  if (!best) {
    for (const p of packs) {
      consider('third_party', firstHit(p.thirdParty, after));
      consider('self', firstHit(p.self, after));
    }
  }
  const chosen = best as { subject: Subject; hit: Hit } | null;
  if (!chosen) return 'unknown';
  reasons?.push(`subject ${chosen.subject}: "${chosen.hit.word}"`);
  return chosen.subject;
}

/** The text from the start of the sentence (or line pair) to `start`, at most subjectBefore units. */
function sentenceBefore(text: string, start: number): string {
  const w = windowBefore(text, start, WINDOWS.subjectBefore);
  // Cut at the last sentence end that is followed by a space (". ", "! ", "? ") — not inside numbers.
  let cut = -1;
  for (let i = w.length - 2; i >= 0; i--) {
    const c = w[i];
    if ((c === '.' || c === '!' || c === '?') && /\s/.test(w[i + 1] as string)) {
      cut = i + 1;
      break;
    }
  }
  return cut >= 0 ? w.slice(cut) : w;
}
