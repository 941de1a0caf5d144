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
export const WINDOWS = { positiveBefore: 60, positiveAfter: 40, negativeBefore: 28, negativeAfter: 10, subjectBefore: 120, subjectAfter: 60 };
/** Score steps (Presidio-like ladder). */
export const STEPS = { positive: 0.2, negative: -0.4 };

/** Types whose values are digit runs: "numeric" negative words (version, order, invoice…) apply to them. */
const NUMERIC_TYPES = new Set<string>(['phone', 'national_id']);

interface CompiledContext {
  language: string;
  positive: Map<string, PhraseSet>;
  negative: Map<string, PhraseSet>;
  /** Phrases that bind a value to the author: "call me", "my number", "I live at", "llámame". */
  self: PhraseSet;
  /** People, roles and third-person words in the value's sentence: "the guy who", "landlord", "he". */
  thirdParty: PhraseSet;
  /** Phrases that bind a value to someone else: "his number", "her cell", "call him", "la suya". */
  thirdPartyStrong: PhraseSet;
  /** Organisations and offices ("the parish office", "secretariat"): a role's contact, not a person's. */
  organisation: PhraseSet;
  /** Contact received from the value ("a text from", "Anruf von"): the caller's, whose is unknown unless a person is named. */
  incoming: PhraseSet;
  /** Calls to act against someone ("spread it", "go round", "verbreitet das"): the value is someone else's. */
  hostile: PhraseSet;
  /** Contact words with no person in them ("call", "Tel:"): the author's own details when nothing else says whose. */
  selfWeak: PhraseSet;
  /** First-person words ("I", "my", "we"): the author's, when nothing stronger in the sentence says otherwise. */
  selfPronouns: PhraseSet;
  /** First-person possessives ("my", "unser", "nos"): "my number" is the author's. */
  selfPossessives: Set<string>;
  /** Third-person possessives ("his", "ihre", "son"): "her personal email" is someone else's. */
  thirdPossessives: Set<string>;
  /** Email local parts that name a role or an organisation (info, bookings, secretary…). */
  roleMailboxes: Set<string>;
  /** Contact nouns ("number", "email"): "Dale's number" names whose the value is. */
  contactNouns: Set<string>;
  /** Third-person subjects ("he", "er", "qui"): "er schreibt mir" is not "schreibt mir!". */
  thirdPersonPronouns: Set<string>;
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
    thirdPartyStrong: new PhraseSet(field<string[]>(rule, 'thirdPartyStrong', 'string[]', file, [])),
    organisation: new PhraseSet(field<string[]>(rule, 'organisation', 'string[]', file, [])),
    incoming: new PhraseSet(field<string[]>(rule, 'incoming', 'string[]', file, [])),
    hostile: new PhraseSet(field<string[]>(rule, 'hostile', 'string[]', file, [])),
    selfWeak: new PhraseSet(field<string[]>(rule, 'selfWeak', 'string[]', file, [])),
    selfPronouns: new PhraseSet(field<string[]>(rule, 'selfPronouns', 'string[]', file, [])),
    selfPossessives: new Set(field<string[]>(rule, 'selfPossessives', 'string[]', file, []).map((w) => w.toLowerCase())),
    thirdPossessives: new Set(field<string[]>(rule, 'thirdPossessives', 'string[]', file, []).map((w) => w.toLowerCase())),
    roleMailboxes: new Set(field<string[]>(rule, 'roleMailboxes', 'string[]', file, []).map((w) => w.toLowerCase())),
    contactNouns: new Set(field<string[]>(rule, 'contactNouns', 'string[]', file, []).map((w) => w.toLowerCase())),
    thirdPersonPronouns: new Set(field<string[]>(rule, 'thirdPersonPronouns', 'string[]', file, []).map((w) => w.toLowerCase())),
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
  return { delta, reasons, subject: subjectFrom(text, a, type, packs, reasons) };
}

/**
 * Whose information a value is, read from its sentence (see docs/architecture.md, "Whose data it is").
 *
 * Cues come in three strengths. Strong cues bind the value to someone: "call me", "my number",
 * "I live at" (the author's); "his number", "her cell", "call him", "Dale's email" (someone else's).
 * Medium cues say who the sentence is about: people and roles ("the guy who", "my landlord",
 * "Mrs"), third-person words ("he", "lives at"), calls to act against someone ("spread it"),
 * organisations ("the parish office") and contact received from the value ("a text from …").
 * Weak cues are bare contact words ("call", "Tel:") and the author speaking ("I", "my", "we"),
 * which mean the author's own details when nothing stronger says whose: "the mod who banned me"
 * and "the guy who hit my fence" are someone else's.
 *
 * The strongest cue in the sentence wins, the nearest among equals. With no strong or medium cue,
 * a person or role in the previous sentence ("Found the guy who keyed my car. 12 Elm St") or a call
 * to act in the next one ("… Tel. 06 01 02 03 04. Spread it.") makes it someone else's.
 */
export function subjectOf(text: string, start: number, end: number, packs: CompiledContext[], reasons?: string[], type: PiiType = 'phone'): Subject {
  return subjectFrom(text, around(text, start, end), type, packs, reasons);
}

interface Cue {
  subject: Subject;
  hit: Hit;
  why: string;
}

/**
 * Nearest phrase of `set` among tokens [lo, hi): before the value (index < split) or after it.
 * With `notAfter`, a phrase right after one of those words does not count ("er schreibt mir").
 */
function nearest(set: PhraseSet, a: Around, lo: number, hi: number, notAfter?: CompiledContext[]): Hit | null {
  if (set.size === 0) return null;
  let best: Hit | null = null;
  for (let i = lo; i < hi; i++) {
    const limit = i < a.split ? a.split : hi;
    const n = set.matchAt(a.tokens, i, limit);
    if (n === 0) continue;
    if (notAfter) {
      // "er schreibt mir" is not "schreibt mir!"; "(11) 3845-6789 me liga" is the number calling.
      if (i > 0 && i !== a.split && notAfter.some((p) => p.thirdPersonPronouns.has((a.tokens[i - 1] as Token).w))) continue;
      if (i === a.split && (a.tokens[i] as Token).start - a.end <= 1) continue;
    }
    const first = a.tokens[i] as Token;
    const last = a.tokens[i + n - 1] as Token;
    const distance = i < a.split ? a.start - last.end : first.start - a.end;
    if (!best || distance < best.distance || (distance === best.distance && n > best.length)) {
      best = { word: a.tokens.slice(i, i + n).map((x) => x.w).join(' '), distance, length: n };
    }
  }
  return best;
}

/** Keeps the nearer (then longer) of two cues. */
function better(a: Cue | null, b: Cue | null): Cue | null {
  if (!a) return b;
  if (!b) return a;
  if (b.hit.distance < a.hit.distance || (b.hit.distance === a.hit.distance && b.hit.length > a.hit.length)) return b;
  return a;
}

function cueOf(subject: Subject, hit: Hit | null, why: string): Cue | null {
  return hit ? { subject, hit, why } : null;
}

const NOT_POSSESSIVE = new Set(["it's", "he's", "she's", "that's", "what's", "there's", "here's", "let's", "who's", "where's", "one's", "i's"]);

/**
 * A possessive followed, within three words, by a contact noun names whose the value is: "my card
 * number", "mijn BSN" (the author's); "Dale's number", "my renter's emergency contact" (someone
 * else's); "the library's email" (an organisation's).
 */
function possessiveCue(a: Around, lo: number, packs: CompiledContext[]): Cue | null {
  let best: Cue | null = null;
  for (let i = lo; i < a.split; i++) {
    const t = a.tokens[i] as Token;
    const own = packs.some((p) => p.selfPossessives.has(t.w));
    const other = (t.w.endsWith("'s") && !NOT_POSSESSIVE.has(t.w)) || packs.some((p) => p.thirdPossessives.has(t.w));
    if (!own && !other) continue;
    for (let k = i + 1; k < Math.min(a.split, i + 4); k++) {
      const noun = (a.tokens[k] as Token).w;
      // "my ex's number", "mio padrone di casa": the noun belongs to the person in between.
      if (noun.endsWith("'s") || packs.some((p) => p.thirdParty.matchAt(a.tokens, k, a.split) > 0)) break;
      if (!packs.some((p) => p.contactNouns.has(noun))) continue;
      const hit: Hit = { word: a.tokens.slice(i, k + 1).map((x) => x.w).join(' '), distance: a.start - (a.tokens[k] as Token).end, length: k - i + 1 };
      if (own) {
        best = better(best, { subject: 'self', hit, why: 'possessive' });
      } else {
        const owner = t.w.endsWith("'s") ? t.w.slice(0, -2) : t.w;
        const org = packs.some((p) => p.organisation.matchAt([{ w: owner, start: 0, end: 0 }], 0) > 0);
        best = better(best, { subject: org ? 'unknown' : 'third_party', hit, why: org ? "an organisation's contact" : 'possessive' });
      }
      break;
    }
  }
  return best;
}

/** An email whose local part is made only of role words (info, bookings, club.secretary). */
function roleMailbox(value: string, packs: CompiledContext[]): boolean {
  const at = value.lastIndexOf('@');
  if (at <= 0) return false;
  const parts = value.slice(0, at).toLowerCase().split(/[._+-]/);
  let words = 0;
  for (const part of parts) {
    if (part === '' || /^[0-9]+$/.test(part)) continue;
    if (!packs.some((p) => p.roleMailboxes.has(part))) return false;
    words++;
  }
  return words > 0;
}

/**
 * Whether the "." at `dot` ends an abbreviation rather than a sentence: a word of at most three
 * letters starting with a capital ("Mr.", "Dr.", "Tel.", "Tél.", "St.", "No.").
 */
function abbreviation(text: string, dot: number): boolean {
  let i = dot - 1;
  while (i >= 0 && dot - i <= 4 && isWordUnit(text.charCodeAt(i))) i--;
  const word = text.slice(i + 1, dot);
  if (word.length === 0 || word.length > 3 || (i >= 0 && isWordUnit(text.charCodeAt(i)))) return false;
  const first = word[0] as string;
  return first !== first.toLowerCase();
}

/** Start of the sentence that ends just before `pos` (after ". ", "! ", "? "), not before `from`. */
function sentenceStartBefore(text: string, pos: number, from: number): number {
  for (let i = pos - 2; i >= from; i--) {
    const c = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if ((c === 46 || c === 33 || c === 63) && (next === 32 || next === 10 || next === 9 || next === 13) && !(c === 46 && abbreviation(text, i))) return i + 1;
  }
  return from;
}

/** End of the sentence the value stands in: the next ". ", "! ", "? " (or the end), at most `to`. */
function sentenceEndAfter(text: string, pos: number, to: number): number {
  for (let i = pos; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 || c === 33 || c === 63) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 32;
      if (next === 32 || next === 10 || next === 9 || next === 13) return i + 1;
    }
  }
  return to;
}

/** Types whose values an organisation can publish as its contact (an office's phone, a role mailbox). */
const CONTACT_TYPES = new Set<string>(['phone', 'email', 'address']);

function subjectFrom(text: string, a: Around, type: PiiType, packs: CompiledContext[], reasons?: string[]): Subject {
  const windowStart = a.tokens.length > 0 ? Math.min((a.tokens[0] as Token).start, a.start) : a.start;
  const sentenceStart = sentenceStartBefore(text, a.start, Math.max(windowStart, a.start - WINDOWS.subjectBefore));
  const minStart = Math.max(sentenceStart, a.start - WINDOWS.subjectBefore);
  const sentenceEnd = sentenceEndAfter(text, a.end, a.end + WINDOWS.subjectAfter);
  let lo = 0;
  while (lo < a.split && (a.tokens[lo] as Token).start < minStart) lo++;
  let hi = a.split;
  while (hi < a.tokens.length && (a.tokens[hi] as Token).end <= sentenceEnd) hi++;

  const decide = (cue: Cue): Subject => {
    reasons?.push(`subject ${cue.subject}: "${cue.hit.word}"${cue.why ? ` (${cue.why})` : ''}`);
    return cue.subject;
  };

  // 1. Strong cues in the sentence: the nearest wins. A role mailbox (info@, bookings@,
  // club.secretary@) is an organisation's address unless the author calls it their own.
  let strong: Cue | null = possessiveCue(a, lo, packs);
  for (const p of packs) {
    strong = better(strong, cueOf('self', nearest(p.self, a, lo, hi, packs), ''));
    strong = better(strong, cueOf('third_party', nearest(p.thirdPartyStrong, a, lo, hi), ''));
  }
  if (strong?.subject !== 'self' && type === 'email' && a.end > a.start && roleMailbox(text.slice(a.start, a.end), packs)) {
    reasons?.push('subject unknown: a role mailbox');
    return 'unknown';
  }
  if (strong) return decide(strong);

  // 2. Medium cues: a person or role named in the sentence, or an organisation, or a caller.
  let person: Cue | null = null;
  let org: Cue | null = null;
  const contact = CONTACT_TYPES.has(type);
  for (const p of packs) {
    person = better(person, cueOf('third_party', nearest(p.thirdParty, a, lo, hi), ''));
    person = better(person, cueOf('third_party', nearest(p.hostile, a, lo, hi), 'a call to act'));
    if (!contact) continue;
    org = better(org, cueOf('unknown', nearest(p.organisation, a, lo, hi), 'an organisation'));
    org = better(org, cueOf('unknown', nearest(p.incoming, a, lo, hi), 'contact received from it'));
  }
  if (person && (!org || person.hit.distance <= org.hit.distance || org.why !== 'an organisation')) return decide(person);
  if (org) return decide(org);

  // 3. Bare contact words ("call", "Tel:") before the value, or just after it in its sentence.
  let weak: Cue | null = null;
  for (const p of packs) {
    const h = hitBefore(p.selfWeak, a, WINDOWS.positiveBefore, minStart);
    weak = better(weak, cueOf('self', h, 'a bare contact word'));
  }
  const weakBefore = weak;
  if (!weak) for (const p of packs) weak = better(weak, cueOf('self', nearest(p.selfWeak, a, a.split, hi), 'a bare contact word'));
  if (!weak) for (const p of packs) weak = better(weak, cueOf('self', nearest(p.selfPronouns, a, lo, hi, packs), 'the author speaks'));

  // 4. The sentences around: a call to act just after overrides a bare contact word; a person or
  // role in the previous sentence counts when the value's own sentence says nothing.
  const nextTo = Math.min(text.length, sentenceEnd + 60);
  let next: Cue | null = null;
  for (let i = hi; i < a.tokens.length && (a.tokens[i] as Token).start < nextTo; i++) {
    for (const p of packs) {
      const n = p.hostile.matchAt(a.tokens, i);
      if (n > 0) {
        next ??= { subject: 'third_party', hit: { word: a.tokens.slice(i, i + n).map((x) => x.w).join(' '), distance: (a.tokens[i] as Token).start - a.end, length: n }, why: 'a call to act in the next sentence' };
      }
    }
  }
  if (next) return decide(next);
  if (!weak && sentenceStart > windowStart && lo > 0) {
    const prevStart = sentenceStartBefore(text, sentenceStart, Math.max(windowStart, sentenceStart - WINDOWS.subjectBefore));
    let plo = 0;
    while (plo < lo && (a.tokens[plo] as Token).start < prevStart) plo++;
    let prev: Cue | null = null;
    for (const p of packs) {
      for (const set of [p.thirdPartyStrong, p.thirdParty]) {
        const h = nearest(set, a, plo, lo);
        if (h) prev = better(prev, { subject: 'third_party', hit: h, why: 'the previous sentence' });
      }
    }
    if (prev) return decide(prev);
  }

  if (weak) {
    if (weakBefore) {
      // "email Steph at …", "contact Kelsey at …": a name right after the contact word.
      const from = a.start - weakBefore.hit.distance;
      let k = 0;
      while (k < a.split && (a.tokens[k] as Token).start < from) k++;
      const t = a.tokens[k];
      if (k < a.split && t?.name && !packs.some((p) => p.selfWeak.matchAt(a.tokens, k, a.split) > 0)) {
        reasons?.push(`subject third_party: name "${t.w}" after "${weakBefore.hit.word}"`);
        return 'third_party';
      }
    }
    return decide(weak);
  }
  return 'unknown';
}
