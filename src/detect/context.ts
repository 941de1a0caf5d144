/**
 * Context words (rules/context/<language>.json): phrases near a candidate raise or lower its
 * confidence, and cues say whose information it is. Phrases match as whole words (never as
 * substrings: "lic" must not match inside "public"), case-insensitively, within character windows
 * that stop at a paragraph break. Windows are tokenized once per candidate and phrases are looked
 * up by their first word, so the cost does not grow with the size of the word lists.
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
export const WINDOWS = { positiveBefore: 60, positiveAfter: 40, negativeBefore: 28, negativeAfter: 10, subjectBefore: 90, subjectAfter: 32 };
/** Score steps (Presidio-like ladder). */
export const STEPS = { positive: 0.2, negative: -0.4 };

/** Types whose values are digit runs: "numeric" negative words (version, order, invoice…) apply to them. */
const NUMERIC_TYPES = new Set<string>(['phone', 'national_id']);

interface CompiledContext {
  language: string;
  positive: Map<string, PhraseSet>;
  negative: Map<string, PhraseSet>;
  self: PhraseSet;
  thirdParty: PhraseSet;
  /** Contact words with no person in them ("call", "Tel:"): the author's own details when nothing else says whose. */
  selfWeak: PhraseSet;
}

interface Token {
  w: string;
  start: number;
  end: number;
  /** Written like a name: a capital, then at least one lower-case letter ("Steph", not "PO" or "tel"). */
  name?: boolean;
}

const WORD_CACHE = new Map<number, boolean>();
/** Letters and digits of any script (ASCII by table, the rest by a cached \p{L}/\p{N} test). */
export function isWordUnit(c: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  let v = WORD_CACHE.get(c);
  if (v === undefined) {
    // One code unit, one class test: no quantifier.
    v = /[\p{L}\p{N}]/u.test(String.fromCharCode(c));
    if (WORD_CACHE.size < 4096) WORD_CACHE.set(c, v);
  }
  return v;
}

/**
 * Word tokens of text[from, to): runs of letters/digits, joined by single ' ’ . - between two word
 * units ("i'm", "e-mail", "e.g"), and the signs # $ € £ as tokens of their own. Lower-cased.
 */
function tokenize(text: string, from: number, to: number): Token[] {
  const out: Token[] = [];
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (isWordUnit(c)) {
      const start = i;
      i++;
      while (i < to) {
        const d = text.charCodeAt(i);
        if (isWordUnit(d)) i++;
        else if ((d === 39 || d === 0x2019 || d === 46 || d === 45) && i + 1 < to && isWordUnit(text.charCodeAt(i + 1))) i += 2;
        else break;
      }
      let w = text.slice(start, i).toLowerCase();
      if (w.includes('\u2019')) w = w.replace(/\u2019/g, "'");
      const raw = text.slice(start, i);
      const first = raw[0] as string;
      const name = first !== first.toLowerCase() && raw.length > 1 && raw.slice(1) !== raw.slice(1).toUpperCase();
      out.push(name ? { w, start, end: i, name } : { w, start, end: i });
    } else {
      if (c === 35 || c === 36 || c === 0x20ac || c === 0xa3) out.push({ w: text[i] as string, start: i, end: i + 1 });
      i++;
    }
  }
  return out;
}

/** A set of phrases, each a sequence of word tokens, looked up by first token. Whole words only. */
export class PhraseSet {
  private readonly byFirst = new Map<string, string[][]>();
  readonly size: number;

  constructor(phrases: string[]) {
    let n = 0;
    for (const p of phrases) {
      const words = tokenize(p, 0, p.length).map((t) => t.w);
      if (words.length === 0) continue;
      const first = words[0] as string;
      const list = this.byFirst.get(first) ?? [];
      list.push(words);
      list.sort((a, b) => b.length - a.length);
      this.byFirst.set(first, list);
      n++;
    }
    this.size = n;
  }

  /** Number of tokens of the longest phrase starting at tokens[i] and ending before `limit`; 0 if none. */
  matchAt(tokens: Token[], i: number, limit = tokens.length): number {
    const list = this.byFirst.get((tokens[i] as Token).w);
    if (!list) return 0;
    outer: for (const words of list) {
      if (i + words.length > limit) continue;
      for (let k = 1; k < words.length; k++) if ((tokens[i + k] as Token).w !== words[k]) continue outer;
      return words.length;
    }
    return 0;
  }
}

function compile(json: unknown, file: string): CompiledContext {
  const rule = checkRuleFile(json, file);
  const language = field<string>(rule, 'language', 'string', file);
  const positive = new Map<string, PhraseSet>();
  const negative = new Map<string, PhraseSet>();
  for (const [key, target] of [['positive', positive], ['negative', negative]] as const) {
    const group = field<Record<string, unknown>>(rule, key, 'object', file);
    for (const name of Object.keys(group)) {
      target.set(name, new PhraseSet(field<string[]>(rule, `${key}.${name}`, 'string[]', file)));
    }
  }
  return {
    language,
    positive,
    negative,
    self: new PhraseSet(field<string[]>(rule, 'self', 'string[]', file, [])),
    thirdParty: new PhraseSet(field<string[]>(rule, 'thirdParty', 'string[]', file, [])),
    selfWeak: new PhraseSet(field<string[]>(rule, 'selfWeak', 'string[]', file, [])),
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

interface Hit {
  word: string;
  /** Distance from the candidate in UTF-16 units. */
  distance: number;
  /** Phrase length in tokens. */
  length: number;
}

/** The tokens around a candidate: before it (within its paragraph) and after it. */
interface Around {
  tokens: Token[];
  /** tokens[0..split) are before the candidate, tokens[split..] after. */
  split: number;
  start: number;
  end: number;
  /** Start offset of the candidate's sentence (subject cues stay inside it). */
  sentenceStart: number;
  /** Where the line the candidate stands on starts. */
  lineStart: number;
}

function around(text: string, start: number, end: number): Around {
  // Paragraph breaks are searched inside the window only: the cost per candidate stays constant.
  let from = Math.max(0, start - Math.max(WINDOWS.positiveBefore, WINDOWS.subjectBefore));
  const para = text.slice(from, start).lastIndexOf('\n\n');
  if (para >= 0) from += para + 2;
  let to = Math.min(text.length, end + Math.max(WINDOWS.positiveAfter, WINDOWS.subjectAfter));
  const paraAfter = text.slice(end, to).indexOf('\n\n');
  if (paraAfter >= 0) to = end + paraAfter;
  const before = tokenize(text, from, start);
  const after = tokenize(text, end, to);
  // Sentence start: after the last ". ", "! ", "? " before the candidate (not inside numbers).
  let sentenceStart = from;
  for (let i = start - 2; i >= from; i--) {
    const c = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if ((c === 46 || c === 33 || c === 63) && (next === 32 || next === 10 || next === 9 || next === 13)) {
      sentenceStart = i + 1;
      break;
    }
  }
  const nl = text.slice(from, start).lastIndexOf('\n');
  return { tokens: [...before, ...after], split: before.length, start, end, sentenceStart, lineStart: nl >= 0 ? from + nl + 1 : from };
}

/** Whether a token holds a digit (another number stands between a word and the candidate). */
function hasDigit(t: Token): boolean {
  for (let i = 0; i < t.w.length; i++) {
    const c = t.w.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/**
 * The nearest phrase ending before the candidate within `size` units (and after `minStart`).
 * With `adjacent`, a phrase counts only when no other number stands between it and the candidate
 * and it is in the candidate's sentence and line ("Preis 90 euro. Per info 347…": "Preis"
 * describes the 90, not the phone).
 */
function hitBefore(set: PhraseSet | undefined, a: Around, size: number, minStart = 0, adjacent = false): Hit | null {
  if (!set || set.size === 0) return null;
  let best: Hit | null = null;
  let lastDigit = -1;
  if (adjacent) for (let i = 0; i < a.split; i++) if (hasDigit(a.tokens[i] as Token)) lastDigit = i;
  for (let i = 0; i < a.split; i++) {
    const t = a.tokens[i] as Token;
    if (t.start < minStart) continue;
    const n = set.matchAt(a.tokens, i, a.split);
    if (n === 0) continue;
    if (adjacent && (lastDigit >= i + n || t.start < Math.max(a.sentenceStart, a.lineStart))) continue;
    const last = a.tokens[i + n - 1] as Token;
    const distance = a.start - last.end;
    if (distance > size) continue;
    if (!best || distance < best.distance || (distance === best.distance && n > best.length)) {
      best = { word: a.tokens.slice(i, i + n).map((x) => x.w).join(' '), distance, length: n };
    }
  }
  return best;
}

/** The first phrase starting after the candidate within `size` units (with `adjacent`, before any other number). */
function hitAfter(set: PhraseSet | undefined, a: Around, size: number, adjacent = false): Hit | null {
  if (!set || set.size === 0) return null;
  for (let i = a.split; i < a.tokens.length; i++) {
    const t = a.tokens[i] as Token;
    const distance = t.start - a.end;
    if (distance > size || (adjacent && hasDigit(t))) break;
    const n = set.matchAt(a.tokens, i);
    if (n > 0) return { word: a.tokens.slice(i, i + n).map((x) => x.w).join(' '), distance, length: n };
  }
  return null;
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
  const a = around(text, start, end);
  let positive: Hit | null = null;
  let negative: Hit | null = null;
  const negKeys = NUMERIC_TYPES.has(type) ? [type, 'numeric'] : [type];
  for (const p of packs) {
    for (const key of [type, 'any']) {
      const set = p.positive.get(key);
      positive ??= hitBefore(set, a, WINDOWS.positiveBefore) ?? hitAfter(set, a, WINDOWS.positiveAfter);
    }
    for (const key of negKeys) {
      const set = p.negative.get(key);
      negative ??= hitBefore(set, a, WINDOWS.negativeBefore, 0, true) ?? hitAfter(set, a, WINDOWS.negativeAfter, true);
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
  return { delta, reasons, subject: subjectFrom(a, packs, reasons) };
}

/**
 * Whose information: the cue nearest to the candidate in its sentence before it wins (on the same
 * end point the longer phrase wins: "my neighbour's" beats "my"); person words count as third party
 * ("my sister", "Mrs", "Herr"); with no cue before, the first cue just after ("… is my cell");
 * with none at all, a bare contact word ("call", "Tel:") means the author's own details.
 */
export function subjectOf(text: string, start: number, end: number, packs: CompiledContext[], reasons?: string[]): Subject {
  return subjectFrom(around(text, start, end), packs, reasons);
}

function subjectFrom(a: Around, packs: CompiledContext[], reasons?: string[]): Subject {
  let best: { subject: Subject; hit: Hit } | null = null;
  const consider = (subject: Subject, h: Hit | null) => {
    if (h && (!best || h.distance < best.hit.distance || (h.distance === best.hit.distance && h.length > best.hit.length))) best = { subject, hit: h };
  };
  const minStart = Math.max(a.sentenceStart, a.start - WINDOWS.subjectBefore);
  for (const p of packs) {
    consider('third_party', hitBefore(p.thirdParty, a, WINDOWS.subjectBefore, minStart));
    consider('self', hitBefore(p.self, a, WINDOWS.subjectBefore, minStart));
  }
  if (!best) {
    for (const p of packs) {
      consider('third_party', hitAfter(p.thirdParty, a, WINDOWS.subjectAfter));
      consider('self', hitAfter(p.self, a, WINDOWS.subjectAfter));
    }
  }
  if (!best) {
    // No person named either way: a bare "call …", "Tel:", "email …" offers the author's own
    // details — unless a name stands between the contact word and the value ("email Steph at …",
    // "contact Kelsey at …"), or a third-party cue opened the sentence further back.
    for (const p of packs) consider('self', hitBefore(p.selfWeak, a, WINDOWS.positiveBefore, minStart));
    const weak = best as { subject: Subject; hit: Hit } | null;
    if (weak) {
      // The token right after the contact word, when it is written like a name.
      const from = a.start - weak.hit.distance;
      let k = 0;
      while (k < a.split && (a.tokens[k] as Token).start < from) k++;
      const t = a.tokens[k];
      if (k < a.split && t?.name && !packs.some((p) => p.selfWeak.matchAt(a.tokens, k, a.split) > 0)) {
        reasons?.push(`subject third_party: name "${t.w}" after "${weak.hit.word}"`);
        return 'third_party';
      }
    }
  }
  const chosen = best as { subject: Subject; hit: Hit } | null;
  if (!chosen) return 'unknown';
  reasons?.push(`subject ${chosen.subject}: "${chosen.hit.word}"`);
  return chosen.subject;
}
