/**
 * Policy cues (rules/policy-cues/<language>.json): wording that says a post exposes someone —
 * calls to harass ("spread it", "go round", "do what you want with that"), unmasking someone
 * ("found the guy who…", "u/handle = Name") and a person named by a role or a grievance ("the mod
 * who banned me"). The subject reading of each finding looks at a few words around the value;
 * cues look at the whole post, so a reworded sentence does not turn a doxxing post into a warning.
 *
 * Phrases match as whole words, case- and accent-insensitively. In a phrase, `a|b` is one word
 * with alternatives, `*` any one word, and a final `$` the end of a sentence. Every language pack
 * is consulted on every post (forums mix languages); phrases are looked up by their first word,
 * so the cost is one pass over the post's words whatever the size of the lists.
 */
import { checkRuleFile, field } from '../rules/schema';
import { PreflightError } from '../errors';
import en from '../../rules/policy-cues/en.json';
import de from '../../rules/policy-cues/de.json';
import fr from '../../rules/policy-cues/fr.json';
import es from '../../rules/policy-cues/es.json';
import it from '../../rules/policy-cues/it.json';
import nl from '../../rules/policy-cues/nl.json';
import pt from '../../rules/policy-cues/pt.json';

/** The kinds of cue a policy rule can name in `cues`. */
export const CUE_KINDS = ['hostile', 'exposing', 'person'] as const;
export type CueKind = (typeof CUE_KINDS)[number];

/** One word of a phrase: its alternatives, or `null` for `*` (any word). */
type Slot = ReadonlySet<string> | null;

interface Phrase {
  kind: CueKind;
  slots: Slot[];
  /** The phrase ends with `$`: the sentence must end after its last word. */
  sentenceEnd: boolean;
  /** As written in the rule file, for explanations. */
  source: string;
}

interface Word {
  w: string;
  /** A sentence ends after this word (. ! ? … or a line break, or the end of the text). */
  end: boolean;
}

/** A cue found in a post: its kind and the phrase (as written in the rule file) that matched. */
export interface CueHit {
  kind: CueKind;
  phrase: string;
}

/** Lower case, accents and other combining marks removed, curly apostrophes made straight. */
function fold(s: string): string {
  let out = s.toLowerCase();
  // Only decompose when there is something outside ASCII to fold. Accepts any one unit above
  // U+007F; no quantifier.
  if (/[^\u0000-\u007f]/.test(out)) out = out.normalize('NFKD').replace(/\p{M}/gu, '').replace(/\u2019/g, "'");
  return out;
}

function isWordChar(c: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 97 && c <= 122);
  // One code unit, one class test: no quantifier.
  return /[\p{L}\p{N}]/u.test(String.fromCharCode(c));
}

function isSentenceEnd(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || c === 10 || c === 13 || c === 0x2026 || c === 59;
}

/** Words of an already folded text: letters/digits joined by a single ' or - between two of them. */
function words(text: string): Word[] {
  const out: Word[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    if (!isWordChar(text.charCodeAt(i))) { i++; continue; }
    const start = i;
    i++;
    while (i < n) {
      const d = text.charCodeAt(i);
      if (isWordChar(d)) i++;
      else if ((d === 39 || d === 45) && i + 1 < n && isWordChar(text.charCodeAt(i + 1))) i += 2;
      else break;
    }
    const w = text.slice(start, i);
    // Does the sentence end before the next word?
    let j = i;
    let end = j >= n;
    while (j < n && !isWordChar(text.charCodeAt(j))) {
      if (isSentenceEnd(text.charCodeAt(j))) { end = true; break; }
      j++;
    }
    if (j >= n) end = true;
    out.push({ w, end });
  }
  return out;
}

function compilePhrase(source: string, kind: CueKind, file: string, path: string): Phrase {
  const parts = source.trim().split(/\s+/);
  let sentenceEnd = false;
  if (parts[parts.length - 1] === '$') { sentenceEnd = true; parts.pop(); }
  const slots: Slot[] = parts.map((p) => (p === '*' ? null : new Set(p.split('|').map((a) => words(fold(a)).map((x) => x.w).join(' ')))));
  if (slots.length === 0 || slots[0] === null) {
    throw new PreflightError('invalid_rule', `${file}: field "${path}" must start with a word, not '*' or '$': ${JSON.stringify(source)}`, { file, field: path });
  }
  for (const slot of slots) {
    if (slot && [...slot].some((a) => a.length === 0 || a.includes(' '))) {
      throw new PreflightError('invalid_rule', `${file}: field "${path}" has an empty or multi-word alternative: ${JSON.stringify(source)}`, { file, field: path });
    }
  }
  return { kind, slots, sentenceEnd, source };
}

/** The compiled cue lists: phrases by their possible first words. */
export class CueIndex {
  private readonly byFirst = new Map<string, Phrase[]>();

  constructor(packs: ReadonlyArray<readonly [unknown, string]>) {
    for (const [json, file] of packs) {
      const rule = checkRuleFile(json, file);
      field<string>(rule, 'language', 'string', file);
      const cues = field<Record<string, unknown>>(rule, 'cues', 'object', file);
      for (const key of Object.keys(cues)) {
        if (!(CUE_KINDS as readonly string[]).includes(key)) {
          throw new PreflightError('invalid_rule', `${file}: field "cues.${key}" is not a cue kind (${CUE_KINDS.join(', ')})`, { file, field: `cues.${key}` });
        }
        const list = field<string[]>(rule, `cues.${key}`, 'string[]', file);
        list.forEach((source, i) => {
          const phrase = compilePhrase(source, key as CueKind, file, `cues.${key}[${i}]`);
          for (const first of phrase.slots[0] as ReadonlySet<string>) {
            const at = this.byFirst.get(first) ?? [];
            at.push(phrase);
            this.byFirst.set(first, at);
          }
        });
      }
    }
  }

  /** Every cue in the text, one hit per phrase (in order of first appearance). */
  find(text: string): CueHit[] {
    const ws = words(fold(text));
    const hits: CueHit[] = [];
    const seen = new Set<Phrase>();
    for (let i = 0; i < ws.length; i++) {
      const list = this.byFirst.get((ws[i] as Word).w);
      if (!list) continue;
      for (const p of list) {
        if (seen.has(p) || !matchesAt(p, ws, i)) continue;
        seen.add(p);
        hits.push({ kind: p.kind, phrase: p.source });
      }
    }
    return hits;
  }
}

function matchesAt(p: Phrase, ws: Word[], i: number): boolean {
  if (i + p.slots.length > ws.length) return false;
  for (let k = 1; k < p.slots.length; k++) {
    const slot = p.slots[k];
    if (slot && !slot.has((ws[i + k] as Word).w)) return false;
  }
  return !p.sentenceEnd || (ws[i + p.slots.length - 1] as Word).end;
}

// Accepts: a forum handle ("u/throwaway123", "@kim_88") then "=", "==", ":=", "->", "→" or "aka"
// and a capitalised name ("u/throwaway123 = John Smith"). Rejects: "x = 5", "a == b" in code
// (no handle prefix), a lower-case word after the sign. Every quantifier is bounded; the name is
// one capitalised word (a second one adds nothing to the decision).
const HANDLE_EQUALS_NAME = /(?:^|[^\p{L}\p{N}_/])(?:u\/|@)[\p{L}\p{N}_.-]{2,40}[ \t]{0,3}(?:={1,2}|:=|->|→|\baka\b)[ \t]{0,3}\p{Lu}\p{Ll}{1,30}/u;

const SHIPPED = new CueIndex([
  [en, 'rules/policy-cues/en.json'], [de, 'rules/policy-cues/de.json'], [fr, 'rules/policy-cues/fr.json'],
  [es, 'rules/policy-cues/es.json'], [it, 'rules/policy-cues/it.json'], [nl, 'rules/policy-cues/nl.json'],
  [pt, 'rules/policy-cues/pt.json'],
]);

/**
 * The policy cues in a post's fields (all shipped languages). Each field is read on its own, so a
 * phrase never spans two fields.
 */
export function findCues(fields: Record<string, string>): CueHit[] {
  const hits: CueHit[] = [];
  const seen = new Set<string>();
  for (const text of Object.values(fields)) {
    if (typeof text !== 'string' || text.length === 0) continue;
    for (const h of SHIPPED.find(text)) {
      const key = `${h.kind}\u0000${h.phrase}`;
      if (!seen.has(key)) { seen.add(key); hits.push(h); }
    }
    if (!seen.has('exposing\u0000<handle> = <name>') && HANDLE_EQUALS_NAME.test(text)) {
      seen.add('exposing\u0000<handle> = <name>');
      hits.push({ kind: 'exposing', phrase: '<handle> = <name>' });
    }
  }
  return hits;
}
