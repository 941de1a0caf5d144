/**
 * Street addresses in free text (type `address`), driven by the locale packs in
 * rules/address/<locale>.json.
 *
 * Pipeline per locale: tokenize once (address-tokens.ts) → anchor on cheap signals (a house number
 * beside a street word from the dictionary, a PO-box word with a number, a postal code of the
 * locale's shape) → grow the anchor into one block: a unit before it, then unit, city, region,
 * postal code and country after it, over at most three lines and ~160 characters → score.
 * A postal code with a city beside it also anchors a block when a house-number start (unit, "#45",
 * "Am Kupfergraben 6", "12, …") lies within ~100 characters before it. No multi-word regex is used:
 * the walks over tokens are bounded, so time is linear in the text.
 */
import type { Candidate, DetectContext, Detector } from './types';
import { Kind, KeyFilter, Tokens } from './address-tokens';
import { packFor, type AddressPack } from './address-rules';

// Token kinds as module-local constants (hot loops; no cross-module enum lookups).
const WORD: Kind = Kind.Word;
const NUM: Kind = Kind.Num;
const ALNUM: Kind = Kind.Alnum;
const PUNCT: Kind = Kind.Punct;
const NEWLINE: Kind = Kind.Newline;

/** Longest block, in UTF-16 units. */
const CAP = 160;
/** How far before a postal code a house-number start may lie. */
const BACK = 100;
/** Max lines a block spans (newlines inside it). */
const MAX_NEWLINES = 2;

const SCORE = {
  street: 0.5,
  weakStreet: 0.35,
  lowercase: 0.3,
  poBox: 0.5,
  postalAnchor: 0.6,
  postal: 0.35,
  region: 0.15,
  country: 0.1,
  city: 0.1,
  unit: 0.05,
  localeContext: 0.1,
  nameFollows: 0.2,
  max: 0.97,
};

const DIRECTIONS = new Set(['n', 's', 'e', 'w', 'ne', 'nw', 'se', 'sw', 'north', 'south', 'east', 'west', 'o', 'ouest', 'est', 'nord', 'sud']);
const ORDINALS = new Set(['st', 'nd', 'rd', 'th']);
const SEPARATORS = ',-–—/|·•>';
/** Words after a number that make it a quantity, a price or a time, never a house number. */
const QUANTITY = new Set([
  // (No single letters: "1200 M Street NW", "700 H St" are streets.)
  'euro', 'euros', 'eur', 'dollar', 'dollars', 'usd', 'reais', 'km', 'm2', 'qm', 'mb', 'gb', 'kg',
  'min', 'mins', 'minutes', 'minuten', 'minuti', 'minutos', 'uhr', 'hours', 'hrs', 'stunden', 'ore', 'horas', 'uur',
  'jahre', 'years', 'yrs', 'anni', 'años', 'anos', 'jaar', 'ans', 'pts', 'points', 'punkte', 'punti', 'puntos', 'punten',
  'stück', 'pcs', 'percent', 'prozent', 'times', 'mal', 'volte', 'veces', 'vezes', 'keer', 'fois',
]);

/** Keys of QUANTITY (see KeyFilter): most words after a number are ruled out before lower-casing. */
const QUANTITY_KEYS = new KeyFilter();
for (const w of QUANTITY) QUANTITY_KEYS.add(w);

/** A box number with a one- or two-letter prefix ("R745", "AB12"); rejects other mixed tokens. */
const LETTER_BOX = /^[A-Z]{1,2}\d{1,6}$/;

/** Labels of the next field in a contact block, in the eleven locales' languages. */
const CONTACT_LABELS = new Set([
  'tel', 'tél', 'telephone', 'téléphone', 'telefon', 'telefono', 'teléfono', 'telefone', 'telefoon', 'phone', 'ph', 'fax',
  'telefax', 'email', 'mail', 'cell', 'mobile', 'mob', 'handy', 'celular', 'cellulare', 'móvil', 'movil', 'portable', 'whatsapp',
  'web', 'website', 'www', 'internet', 'contact', 'kontakt', 'contatto', 'contato', 'contacto',
]);

/** A kilometre point on a road ("km 24"). */
const KM = new Set(['km', 'km.']);

/** Short words that put a place after them ("at 12 Elm St", "au 2150 rue …"): never a score's "to". */
const PLACE_PREPOSITIONS = new Set(['at', 'au', 'in', 'im', 'am', 'on', 'op', 'em', 'na', 'no', 'en', 'bei']);

interface Core {
  s: number;
  e: number;
  base: number;
  lower: boolean;
  reasons: string[];
  /** Street-type, PO box or postal-anchored: what made the anchor. */
  anchor: 'street' | 'pobox' | 'postal';
}

interface TailState {
  postal: boolean;
  region: boolean;
  city: boolean;
  country: boolean;
  unit: boolean;
  /** A city district ordinal after the town ("Paris 10e"): only towns have one. */
  district: boolean;
}

interface Block {
  s: number;
  e: number;
  confidence: number;
  reasons: string[];
  /** A street-anchored block with no postal code in its tail (a later postal line may join it). */
  open: boolean;
}

function capitalized(t: Tokens, i: number): boolean {
  return t.capitalized(i);
}

/** A short all-capitals word ("MTU", "CPU", "HDMI"): a technical acronym, not a town or suburb. */
function acronym(t: Tokens, i: number): boolean {
  const a = t.start(i);
  const b = t.end(i);
  if (b - a < 2 || b - a > 4) return false;
  for (let x = a; x < b; x++) {
    const c = t.text.charCodeAt(x);
    if (c < 65 || c > 90) return false;
  }
  return true;
}

/** Is token i a plausible house number ("12", "221B", "12a", "1500")? */
function houseNumber(t: Tokens, i: number, p: AddressPack, maxDigits = 5): boolean {
  if (t.kind(i) !== NUM) return false;
  const digits = t.digits(i);
  if (digits < 1 || digits > maxDigits) return false;
  if (t.text.charCodeAt(t.start(i)) === 48) return false; // leading zero: not a house number
  // Letters after the digits (most numbers have none: no lower-casing then).
  let suffix = '';
  if (t.end(i) - t.start(i) > digits) {
    suffix = t.lower(i).slice(digits);
    if (ORDINALS.has(suffix) || suffix.length > 2) return false;
    if (suffix === 'e' || suffix === 'er' || suffix === 'è') return false; // French ordinals ("2e étage")
    if (suffix === 'h' && digits <= 2) return false; // a time of day: "8h", "14h"
    if (suffix.indexOf('º') >= 0 || suffix.indexOf('ª') >= 0) return false;
  }
  // Money, percentages, decimals, times, scores, dates: a glued neighbour says it is not a house number.
  if (t.isPunct(i - 1, '$€£¥+') && t.glued(i - 1)) return false;
  if (t.isPunct(i - 1, '.,:-/') && t.glued(i - 1) && t.kind(i - 2) === NUM && t.glued(i - 2)) return false;
  if (t.isPunct(i + 1, '%:€$£') && t.glued(i)) return false;
  if (t.isPunct(i + 1, '.,') && t.glued(i) && t.kind(i + 2) === NUM && t.glued(i + 1)) return false;
  if (t.kind(i + 1) === WORD && QUANTITY_KEYS.may(t.key(i + 1)) && QUANTITY.has(t.lower(i + 1))) return false;
  // A score: "2 à 1", "3 to 1", "2 a 1". Not when the word between is a place preposition
  // ("open 8-2 at 4021 Cedar Hollow Road", "9h-14h au 2150 Rue Saint-Denis"), and not when a
  // one- or two-digit number is followed by a much longer one (scores have sides of like size).
  if (t.kind(i - 1) === WORD && t.kind(i - 2) === NUM && t.lower(i - 1).length <= 2 && t.digits(i - 2) <= 2 && !PLACE_PREPOSITIONS.has(t.lower(i - 1)) && digits - t.digits(i - 2) < 2) return false;
  if (t.isPunct(i + 1, '€$£%') ) return false;
  // The word (or "#") before: a word whose key no stop word has is in neither set, unread.
  const prevWord = t.kind(i - 1) === WORD;
  const prev = prevWord ? (p.numberStopKeys.may(t.key(i - 1)) || p.yearStopKeys.may(t.key(i - 1)) ? t.lower(i - 1) : '') : t.isPunct(i - 1, '#') ? '#' : '';
  if (prev && p.numberStop.has(prev)) return false;
  if (digits === 4 && suffix === '') {
    const n = Number(t.lower(i));
    if (n >= 1800 && n <= 2099 && prev && p.yearStop.has(prev)) return false;
  }
  return true;
}

/** Consumes glued joiners inside a name ("Saint-Honoré", "Queen's", "G.") starting after token k. */
function joined(t: Tokens, k: number): number {
  let j = k;
  for (let n = 0; n < 4; n++) {
    if (t.isPunct(j, "-'’") && t.glued(j - 1) && t.glued(j) && t.kind(j + 1) === WORD) j += 2;
    else break;
  }
  return j;
}

/** A glued "." after a short word (abbreviation or initial: "G.", "Dr.", "St.") followed by more text. */
function abbrevDot(t: Tokens, k: number): number {
  if (t.isPunct(k, '.') && t.glued(k - 1) && t.kind(k - 1) === WORD && t.lower(k - 1).length <= 4 && t.kind(k + 1) === WORD) return k + 1;
  return k;
}

interface Name {
  end: number;
  words: number;
  lower: boolean;
}

/** A street name after a prefix type: words and connectors, at most `max` units. */
function parseName(t: Tokens, k0: number, p: AddressPack, max: number): Name {
  let k = k0;
  let end = k0;
  let words = 0;
  let lower = true;
  for (let units = 0; units < max; units++) {
    const kd = t.kind(k);
    // A date-like name starts with a number: "Rua 25 de Março", "rue du 4 Septembre".
    if (kd === NUM && words === 0 && t.digits(k) <= 2 && t.kind(k + 1) === WORD && (p.connectors.has(t.lower(k + 1)) || capitalized(t, k + 1))) {
      k++;
      continue;
    }
    // With an ordinal dot: "Straße des 17. Juni".
    if (kd === NUM && words === 0 && t.digits(k) <= 2 && t.isPunct(k + 1, '.') && t.glued(k) && t.kind(k + 2) === WORD && capitalized(t, k + 2)) {
      k += 2;
      continue;
    }
    if (kd === WORD) {
      const lw = t.lower(k);
      // A house-number marker followed by the number ends the name ("… Emanuele II n. 22").
      const hm = p.houseMarkers.match(t, k);
      if (hm > 0 && t.kind(hm) === NUM) break;
      const hyphenated = t.isPunct(k + 1, '-') && t.glued(k);
      if (p.connectors.has(lw) && !hyphenated) {
        k++;
        if (t.isPunct(k, "'’") && t.glued(k - 1)) k++;
        continue;
      }
      if (p.stop.has(lw)) break;
      // The first word sets the case: "Via Roma", "rue de la Paix", "via roma". After a capitalized
      // first word, a lower-case word is prose and ends the name ("Via col vento dura…").
      const cap = capitalized(t, k) || t.raw(k) === t.raw(k).toUpperCase();
      if (words === 0) lower = !cap;
      else if (!lower && !cap) break;
      words++;
      k = abbrevDot(t, joined(t, k + 1));
      end = k;
      continue;
    }
    break;
  }
  // The name ends on a word, never on a connector or a dot taken for an abbreviation.
  if (t.isPunct(end - 1, '.') && !(t.kind(end) === WORD)) end--;
  return { end, words, lower };
}

/** House number at k with its suffixes ("12-14", "5-II", "123 hs", "12 a"); returns the end or -1. */
function houseEnd(t: Tokens, k: number, p: AddressPack): number {
  let e = k + 1;
  if (t.isPunct(e, '-/') && t.glued(e - 1) && t.glued(e) && (t.kind(e + 1) === NUM || (t.kind(e + 1) === WORD && t.lower(e + 1).length <= 3))) e += 2;
  const hs = p.houseSuffixes.match(t, e, false);
  if (hs > 0) {
    const single = hs === e + 1 && t.lower(e).length === 1;
    const next = t.kind(hs);
    if (!single || next === 0 || next === PUNCT || next === NEWLINE) e = hs;
  }
  return e;
}

function core(s: number, e: number, base: number, lower: boolean, anchor: Core['anchor'], reason: string): Core {
  return { s, e, base, lower, anchor, reasons: [reason] };
}

function typeScore(p: AddressPack, typeLower: string, lower: boolean): number {
  if (lower) return SCORE.lowercase;
  return p.weak.has(typeLower) ? SCORE.weakStreet : SCORE.street;
}

/** "1.620", "12.345": a number with a thousands dot (not a decimal "1.5", not a date "1.620.3"); its end or -1. */
function thousandsNumber(t: Tokens, k: number): number {
  if (t.kind(k) !== NUM || t.digits(k) > 2 || t.end(k) - t.start(k) !== t.digits(k) || t.text.charCodeAt(t.start(k)) === 48) return -1;
  if (!(t.isPunct(k + 1, '.') && t.glued(k) && t.glued(k + 1) && t.kind(k + 2) === NUM && t.digits(k + 2) === 3)) return -1;
  if (t.isPunct(k + 3, '.,') && t.glued(k + 2) && t.kind(k + 4) === NUM) return -1;
  // A price or a count: "1.500 reais", "2.000 km".
  if (t.kind(k + 3) === WORD && QUANTITY.has(t.lower(k + 3))) return -1;
  if (t.isPunct(k + 3, '%€$£')) return -1;
  return k + 3;
}

/** "1234 Elm St", "12 rue de la Paix", "3/42 Wallaby Way", "12, MG Road". */
function numberFirst(t: Tokens, i: number, p: AddressPack): Core | null {
  if (!houseNumber(t, i, p)) return null;
  // A block letter glued before the number: "A-12", "B-402".
  const lead = t.isPunct(i - 1, '-') && t.glued(i - 1) && t.glued(i - 2) && t.kind(i - 2) === WORD && t.raw(i - 2).length === 1 && capitalized(t, i - 2) ? i - 2 : i;
  let j = i + 1;
  if (t.isPunct(j, '/-') && t.glued(i) && t.glued(j) && t.kind(j + 1) === NUM) j += 2;
  const hs = p.houseSuffixes.match(t, j, false);
  if (hs > 0) j = hs;
  if (p.commaAfterNumber && t.isPunct(j, ',')) j++;
  const pe = p.prefix.match(t, j);
  if (pe > 0) {
    const name = parseName(t, pe, p, 6);
    if (name.words > 0) {
      const typeLower = t.lower(j);
      return core(lead, name.end, typeScore(p, typeLower, false), name.lower, 'street', `house number + street type "${typeLower}"`);
    }
  }
  const se = p.standalone.match(t, j);
  if (se > 0) return core(lead, se, SCORE.street, !capitalized(t, j), 'street', 'house number + named street');
  if (p.suffix.size === 0) return null;
  let k = j;
  if (DIRECTIONS.has(t.lower(k)) && t.kind(k + 1) === WORD && (capitalized(t, k) || t.lower(k).length > 2)) {
    k = k + 1;
    if (t.isPunct(k, '.') && t.glued(k - 1)) k++;
  }
  let units = 0;
  let typeEnd = -1;
  let typeLower = '';
  let lower = true;
  let lowerAtType = true;
  let sawLower = false;
  let sawLowerAtType = false;
  while (units < 5) {
    const kd = t.kind(k);
    let ok = false;
    if (kd === WORD && !p.stop.has(t.lower(k))) ok = true;
    else if (kd === NUM && ORDINALS.has(t.lower(k).slice(t.digits(k)))) ok = true;
    if (!ok) break;
    const te = p.suffix.match(t, k);
    if (te > 0 && units >= 1) {
      typeEnd = te;
      typeLower = t.lower(k);
      lowerAtType = lower && !capitalized(t, k);
      sawLowerAtType = sawLower;
    }
    if (capitalized(t, k) || kd === NUM) lower = false;
    else if (kd === WORD && !p.connectors.has(t.lower(k))) sawLower = true;
    units++;
    k = abbrevDot(t, joined(t, k + 1));
  }
  if (typeEnd < 0) return null;
  // "Drive-In", "Street-Food": the street word is part of a compound, not a street.
  if (t.isPunct(typeEnd, '-') && t.glued(typeEnd - 1) && t.glued(typeEnd)) return null;
  // Mixed case ("42 bus down Oak Street") is prose, not a street name; all lower case is typing style.
  if (sawLowerAtType && !lowerAtType) return null;
  let e = typeEnd;
  // A road number after a numbered-road type: "2715 State Highway 59", "301 County Road 42".
  if (t.kind(e) === NUM && t.digits(e) <= 4 && p.numberedRoads.has(typeLower) && !(t.isPunct(e + 1, '.,:') && t.glued(e) && t.kind(e + 2) === NUM)) e++;
  // Post-direction: "… Ave NW", "… Mill Street South" (a full word, not the start of "North Carolina").
  if (DIRECTIONS.has(t.lower(e)) && t.kind(e) === WORD && (t.raw(e) === t.raw(e).toUpperCase() || (capitalized(t, e) && t.lower(e).length >= 4 && regionAt(t, e, p) < 0))) e++;
  return core(lead, e, typeScore(p, typeLower, lowerAtType), lowerAtType, 'street', `house number + street type "${typeLower}"`);
}

/** "Via Roma 10", "C/ Mayor 118", "Rua Augusta, 1500", "Laan van Meerdervoort 12A". */
function typeFirst(t: Tokens, i: number, p: AddressPack): Core | null {
  const te = p.prefix.match(t, i);
  if (te < 0) return null;
  const name = parseName(t, te, p, 6);
  // A numbered road with a house number: "Strada Provinciale 12 n. 4", "Strada Statale 45 n. 12".
  const roadNo = (x: number): boolean => {
    if (t.kind(x) !== NUM || t.digits(x) > 3) return false;
    const rm = p.houseMarkers.match(t, x + 1);
    return rm > 0 && t.kind(rm) === NUM;
  };
  if (name.words === 0 && !(capitalized(t, i) && roadNo(te))) return null;
  let k = name.words === 0 ? te : name.end;
  if (roadNo(k)) k++;
  if (t.isPunct(k, ',')) k++;
  const hm = p.houseMarkers.match(t, k);
  if (hm > 0) k = hm;
  const typeLower = t.lower(i);
  // A weak prefix ("Am", "In der", "Camino") starts a street name only when capitalized.
  const weak = p.weakPhrases.match(t, i) === te;
  if (weak && !capitalized(t, i)) return null;
  // A capitalized type before a lower-case word is prose: "Via col vento dura quasi 4 ore".
  if (capitalized(t, i) && name.lower && name.words > 0) return null;
  const lower = !capitalized(t, i) && name.lower;
  // "Im Sommer, 10969 Berlin", "Rue de Cutesson, 78120 Rambouillet": after the comma comes the
  // postal code of the town, not a house number (the postal walk may take a strong street type).
  const postalNext = t.isPunct(k - 1, ',') && t.digits(k) >= 4 && p.postalBeforeCity && postalAt(t, k, p) !== null && capitalized(t, k + 1);
  // A house number with a thousands dot in the number slot: "nº 1.620", "Quaranta,1.386".
  const th = (t.isPunct(k - 1, ',') || hm > 0) && !postalNext ? thousandsNumber(t, k) : -1;
  if (th > 0) return core(i, th, lower ? SCORE.lowercase : weak ? SCORE.weakStreet : SCORE.street, lower, 'street', `street type "${typeLower}" + house number`);
  if (!postalNext && houseNumber(t, k, p)) {
    return core(i, houseEnd(t, k, p), lower ? SCORE.lowercase : weak ? SCORE.weakStreet : SCORE.street, lower, 'street', `street type "${typeLower}" + house number`);
  }
  // A road with a kilometre point or a numbered building instead of a house number
  // ("Rod. Anhanguera, km 24", "Polígono Industrial Las Arenas, nave 7"): weak alone, a postal
  // code or a town in the tail confirms it.
  if (!lower && hm < 0 && (KM.has(t.lower(k)) || t.isPunct(k - 1, ',')) && k > name.end) {
    const ke = KM.has(t.lower(k)) && t.kind(k + 1) === NUM && t.digits(k + 1) <= 4 ? k + 2 : unitEnd(t, k, p);
    if (ke > 0) return core(i, ke, SCORE.weakStreet, false, 'street', `street type "${typeLower}" + km or building number`);
  }
  const sw = sinNumero(t, k);
  const sn = sw > 0 && t.lower(k) !== 's' ? sw : p.houseSuffixes.match(t, k, false);
  if (sn > 0 && sw > 0 && sn > k + 1) {
    return core(i, sn, lower ? SCORE.lowercase : weak ? SCORE.weakStreet : SCORE.street, lower, 'street', `street type "${typeLower}" + s/n`);
  }
  return null;
}

/** "Lindenstraße 12", "Hauptstr. 5a", "Karl-Marx-Allee 90", "Keizersgracht 123-II". */
function compound(t: Tokens, i: number, p: AddressPack): Core | null {
  // Cheap gate: the house number follows at once ("Lindenstraße 12", "Hauptstr. 5",
  // "Lindenstraße, Nr. 12").
  if (t.kind(i) !== WORD || t.nextNum(i) - i > 4) return null;
  // Cheap gate before any lower-casing: the word ends like a compound ending, or is a street word.
  const last = t.text.charCodeAt(t.end(i) - 1);
  const lastLower = last >= 65 && last <= 90 ? last + 32 : last;
  if (last < 0x80 && p.compoundLast[lastLower] !== 1 && !p.suffix.firsts.may(t.key(i))) return null;
  let g = i + 1;
  if (t.isPunct(g, '.') && t.glued(i)) g++;
  if (t.isPunct(g, ',')) g++;
  const gm = p.houseMarkers.match(t, g);
  if (gm > 0) g = gm;
  if (t.kind(g) !== NUM) return null;
  const lw = t.lower(i);
  if (p.stop.has(lw)) return null;
  // CamelCase is a product, not a street: "IdeaPad 5", "ThinkPad 2".
  const rawWord = t.raw(i);
  if (/[A-Z]/.test(rawWord.slice(1)) && /[a-z]/.test(rawWord)) return null;
  let typeEnd = -1;
  let typeWord = '';
  for (const c of p.compound) {
    if (c.endsWith('.')) {
      const stem = c.slice(0, -1);
      if (lw.length >= stem.length + 2 && lw.endsWith(stem) && t.isPunct(i + 1, '.') && t.glued(i)) {
        typeEnd = i + 2;
        typeWord = c;
        break;
      }
    } else if (lw.length >= c.length + 2 && lw.endsWith(c)) {
      typeEnd = i + 1;
      typeWord = c;
      break;
    }
  }
  let start = i;
  if (typeEnd < 0) {
    const se = p.suffix.match(t, i);
    if (se < 0) return null;
    typeEnd = se;
    typeWord = lw;
    // A separate street word needs a name before it: "Karl-Marx-Straße", "Berliner Straße".
    for (let n = 0; n < 4 && t.isPunct(start - 1, '-') && t.glued(start - 1) && t.glued(start - 2) && t.kind(start - 2) === WORD; n++) start -= 2;
    if (start === i) {
      for (let n = 0; n < 2; n++) {
        const q = start - 1;
        if (t.kind(q) === WORD && capitalized(t, q) && !p.stop.has(t.lower(q)) && !p.connectors.has(t.lower(q))) start = q;
        else break;
      }
    }
    if (start === i) return null;
  } else {
    for (let n = 0; n < 4 && t.isPunct(start - 1, '-') && t.glued(start - 1) && t.glued(start - 2) && t.kind(start - 2) === WORD; n++) start -= 2;
  }
  let k = typeEnd;
  if (t.isPunct(k, ',')) k++;
  const hm = p.houseMarkers.match(t, k);
  if (hm > 0) k = hm;
  if (!houseNumber(t, k, p, 4)) return null;
  const lower = !capitalized(t, start);
  return core(start, houseEnd(t, k, p), typeScore(p, typeWord, lower), lower, 'street', `street name ending "${typeWord}" + house number`);
}

/** "PO Box 4417", "Postfach 10 12 34", "BP 123", "Apartado de Correos 1234". */
function poBox(t: Tokens, i: number, p: AddressPack): Core | null {
  const pe = p.poBox.match(t, i);
  if (pe < 0) return null;
  // Short one-token box words ("BP", "CS", "CP") only in capitals: "bp 120/80" is blood pressure.
  if (pe === i + 1 && t.lower(i).length <= 3 && t.raw(i) !== t.raw(i).toUpperCase()) return null;
  let k = pe;
  const um = p.unitMarkers.match(t, k);
  if (um > 0) k = um;
  if (t.isPunct(k, '#:')) k++;
  // A box number with a letter prefix: "PO Box R745", "Locked Bag A12".
  if (!(t.kind(k) === NUM && t.digits(k) <= 8) && !(t.kind(k) === ALNUM && LETTER_BOX.test(t.raw(k)))) return null;
  let e = k + 1;
  for (let n = 0; n < 3 && t.kind(e) === NUM && t.digits(e) <= 3; n++) e++;
  return core(i, e, SCORE.poBox, false, 'pobox', 'PO box + number');
}

/**
 * An area or numbered road with its number: "Sector 15", "Phase 2" (en-IN), "Quadra 12", "SQN 308"
 * (pt-BR), "Route 66", "RR 2" (en-US, en-CA), "SS 16" (it-IT); weak alone, a tail confirms it.
 */
function areaNumber(t: Tokens, i: number, p: AddressPack): Core | null {
  if (!capitalized(t, i)) return null;
  let te = p.numberAfterTypes.match(t, i);
  if (te < 0) return null;
  if (t.isPunct(te, '#') && t.glued(te)) te++; // "RR #1"
  if (t.kind(te) !== NUM || t.digits(te) > 4 || t.text.charCodeAt(t.start(te)) === 48) return null;
  let e = te + 1;
  // A direction after a road number: "FM 1960 W".
  if (t.kind(e) === WORD && DIRECTIONS.has(t.lower(e)) && t.raw(e) === t.raw(e).toUpperCase()) e++;
  // A house number before a numbered road: "2459 Route 132", "4410 FM 1960 W".
  if (p.numberBefore && t.kind(i - 1) === NUM && houseNumber(t, i - 1, p)) return core(i - 1, e, SCORE.street, false, 'street', `house number + numbered road "${t.lower(i)}"`);
  // A street line follows ("RR 3, 1234 Concession Rd 5"): that anchor takes this one as its unit.
  if (t.isPunct(e, ',') && t.kind(e + 1) === NUM && capitalized(t, e + 2) && postalAt(t, e + 1, p) === null) return null;
  // A sector or estate acronym before the area word: "SCS Quadra 2", "DLF Phase 2".
  if (t.kind(i - 1) === WORD && acronym(t, i - 1) && !p.regionCodes.has(t.raw(i - 1))) return core(i - 1, e, SCORE.weakStreet, false, 'street', `area "${t.lower(i)}" + number`);
  return core(i, e, SCORE.weakStreet, false, 'street', `area "${t.lower(i)}" + number`);
}

/** A unit phrase at q ("Apt 5", "Flat No. 302", "#45", "Suite 200", "Whg. 3"); returns its end or -1. */
function unitEnd(t: Tokens, q: number, p: AddressPack): number {
  // An ordinal floor glued to its word: "2ndfloor", "3rdfloor".
  if (t.kind(q) === ALNUM && t.end(q) - t.start(q) <= 12) {
    const lw = t.lower(q);
    let d = 0;
    while (d < 3 && lw.charCodeAt(d) >= 48 && lw.charCodeAt(d) <= 57) d++;
    if (d >= 1 && d <= 2 && ORDINALS.has(lw.slice(d, d + 2)) && p.units.has(lw.slice(d + 2))) return q + 1;
  }
  // An ordinal floor: "3rd Floor", "2e étage", "3. OG", "14º andar".
  if (t.kind(q) === NUM && t.lower(q).length > t.digits(q)) {
    const fe = p.units.match(t, q + 1);
    if (fe > 0 && t.kind(fe - 1) === WORD) return fe;
  }
  if (t.kind(q) === NUM && t.isPunct(q + 1, '.') && t.glued(q)) {
    const fe = p.unitsAlone.match(t, q + 2);
    if (fe > 0) return fe;
  }
  const ue = p.units.match(t, q);
  if (ue < 0) return -1;
  let k = ue;
  const um = p.unitMarkers.match(t, k);
  if (um > 0 && um > ue) k = um;
  if (t.isPunct(k, '#.:') && !(t.isPunct(k, '.') && k === ue)) k++;
  const kd = t.kind(k);
  const ok = kd === NUM || kd === ALNUM || (kd === WORD && t.lower(k).length <= 2 && t.raw(k) === t.raw(k).toUpperCase());
  if (!ok) return -1;
  // A unit word glued as a prefix of the id does not count ("#" excepted).
  let e = k + 1;
  if (t.isPunct(e, '-/') && t.glued(e - 1) && t.glued(e) && (t.kind(e + 1) === NUM || t.kind(e + 1) === WORD)) e += 2;
  return e;
}

function postalAt(t: Tokens, k: number, p: AddressPack): { end: number; digitsOnly: boolean } | null {
  if (k >= t.length) return null;
  const kd = t.kind(k);
  if (kd === PUNCT || kd === NEWLINE) return null;
  const s = t.text;
  for (const shape of p.postal) {
    shape.re.lastIndex = t.start(k);
    const m = shape.re.exec(s);
    if (!m) continue;
    const a = m.index;
    const b = a + m[0].length;
    // Not part of a decimal, a grouped number, a date or a range: "1.23456", "10,96912", "12/34567".
    if (/[.,/:]/.test(s[a - 1] ?? '') && /\d/.test(s[a - 2] ?? '')) continue;
    if (/[.,/:%]/.test(s[b] ?? '') && /\d/.test(s[b + 1] ?? '')) continue;
    if (s[b] === '%' || s[a - 1] === '$' || s[a - 1] === '€' || s[a - 1] === '£') continue;
    return { end: t.indexAt(b, k), digitsOnly: shape.digitsOnly };
  }
  return null;
}

/**
 * Region codes that are also a word written in Title case before a number of the postcode's shape:
 * "Act" of "Currency Act 1965" (an Australian postcode has four digits). The code is written "ACT"
 * (or "act" in lower-case typing). US state codes in Title case ("Portland, Or 97205") stay codes.
 */
const WORD_CODES = new Set(['act']);

function regionAt(t: Tokens, k: number, p: AddressPack): number {
  if (t.kind(k) === WORD && p.regionCodes.has(t.raw(k).toUpperCase())) {
    const raw = t.raw(k);
    const titleCase = raw.length > 1 && raw !== raw.toUpperCase() && raw !== raw.toLowerCase();
    if (!(titleCase && WORD_CODES.has(raw.toLowerCase()))) return k + 1;
  }
  const e = p.regions.match(t, k, true);
  if (e > 0) return e;
  return -1;
}

function countryAt(t: Tokens, k: number, p: AddressPack): number {
  const e = p.countries.match(t, k, true);
  if (e < 0) return -1;
  // Short codes ("US", "IN", "DE") only in capitals.
  if (e === k + 1 && t.lower(k).length <= 3 && t.raw(k) !== t.raw(k).toUpperCase()) return -1;
  return e;
}

/**
 * A city district ordinal ("10e", "1er", "3ème", "Xe", "XVIIe"): 1–20 in digits, or capital Roman
 * numerals I, V, X, with an ordinal ending of the pack.
 */
function districtOrdinal(t: Tokens, k: number, p: AddressPack): boolean {
  const kd = t.kind(k);
  if (kd === NUM) {
    const d = t.digits(k);
    if (d > 2) return false;
    const n = Number(t.raw(k).slice(0, d));
    return n >= 1 && n <= 20 && p.districtSuffixes.has(t.lower(k).slice(d));
  }
  if (kd !== WORD) return false;
  const raw = t.raw(k);
  let r = 0;
  while (r < raw.length && r < 5 && 'IVX'.includes(raw[r] as string)) r++;
  return r > 0 && r < raw.length && p.districtSuffixes.has(raw.slice(r));
}

/** Grows a block forward over unit, city, region, postal code and country. Returns the end token. */
function extendTail(t: Tokens, e0: number, blockStart: number, p: AddressPack, st: TailState, lowerOk: boolean, afterPostal0: boolean): number {
  let committed = e0;
  let k = e0;
  let pendingFrom = -1;
  let pendingWords = 0;
  let newlines = 0;
  let afterPostal = afterPostal0;
  let cityAfterPostal = 0;
  let sepBefore = false;
  let parens = 0;
  const commit = (x: number): void => {
    if (pendingFrom >= 0 && pendingWords > 0) st.city = true;
    committed = Math.max(committed, x);
    pendingFrom = -1;
    pendingWords = 0;
  };
  for (let steps = 0; steps < 80 && k < t.length; steps++) {
    if (t.end(k) - blockStart > CAP) break;
    // Past the postal code, a column gap starts the other column of a two-column page.
    if (st.postal && k > committed - 1 && columnGap(t, k)) break;
    const kd = t.kind(k);
    if (kd === NEWLINE) {
      // A blank line ends the block, unless the next line is just a town with a postal code of the
      // locale's shape ("…Extension<br>\nNew Delhi 110016": html views turn "<br>" + newline into two).
      if (t.kind(k + 1) === NEWLINE && townPostalLine(t, k + 2, p) && newlines === 0) {
        newlines++;
        sepBefore = true;
        k += 2;
        continue;
      }
      if (t.kind(k + 1) === NEWLINE || ++newlines > MAX_NEWLINES) break;
      sepBefore = true;
      k++;
      continue;
    }
    if (kd === PUNCT) {
      const ch = t.text[t.start(k)] as string;
      if (SEPARATORS.includes(ch) || ch === '(') {
        if (ch === '(') parens++;
        sepBefore = true;
        k++;
        continue;
      }
      if (ch === ')') {
        // Only a ")" that closes a "(" of the block ("Milano (MI)"), not one around the address.
        if (parens === 0) break;
        parens--;
        if (committed === k) committed = k + 1;
        k++;
        continue;
      }
      // A town written with an elision after the postal code: "'s-Hertogenbosch", "'t Zandt".
      if ((ch === "'" || ch === '’') && afterPostal && t.glued(k) && t.kind(k + 1) === WORD && t.lower(k + 1).length <= 2) {
        k += 2;
        continue;
      }
      break;
    }
    const ue = unitEnd(t, k, p);
    if (ue > 0) {
      commit(ue);
      st.unit = true;
      k = ue;
      continue;
    }
    const ua = p.unitsAlone.match(t, k);
    if (ua > 0) {
      commit(ua);
      st.unit = true;
      k = ua;
      continue;
    }
    // Spanish/Portuguese floor and door: "3º izq.", "2º B", "1ª".
    if (kd === NUM && /[ºª°]/.test(t.lower(k).slice(t.digits(k)))) {
      let e = k + 1;
      if (t.kind(e) === WORD && (p.units.has(t.lower(e)) || t.lower(e).length === 1)) e++;
      if (t.isPunct(e, '.') && t.glued(e - 1)) e++;
      commit(e);
      st.unit = true;
      k = e;
      continue;
    }
    let pk = k;
    const pm = p.postalMarkers.match(t, k);
    if (pm > 0) pk = t.isPunct(pm, ':') ? pm + 1 : pm;
    const pz = postalAt(t, pk, p);
    if (pz) {
      commit(pz.end);
      st.postal = true;
      afterPostal = true;
      k = pz.end;
      sepBefore = false;
      continue;
    }
    // A district ordinal right after the town: "Paris 10e", "Lyon 3ème", "75010 Paris Xe".
    if (p.districtSuffixes.size > 0 && (pendingFrom >= 0 || cityAfterPostal > 0) && capitalized(t, k - 1) && districtOrdinal(t, k, p)) {
      commit(k + 1);
      st.city = true;
      st.district = true;
      k++;
      continue;
    }
    const re = regionAt(t, k, p);
    if (re > 0) {
      // A lower-case short region ("il", "in", "me") only right before a postal code.
      const short = re === k + 1 && t.lower(k).length <= 3 && t.raw(k) !== t.raw(k).toUpperCase();
      const next = t.isPunct(re, ',') ? re + 1 : re;
      if (!short || postalAt(t, next, p)) {
        commit(re);
        st.region = true;
        k = re;
        sepBefore = false;
        continue;
      }
    }
    const ce = countryAt(t, k, p);
    if (ce > 0) {
      commit(ce);
      st.country = true;
      k = ce;
      continue;
    }
    const tw = p.tailWords.match(t, k);
    if (tw > 0) {
      const e = t.kind(tw) === NUM ? tw + 1 : tw;
      commit(e);
      k = e;
      continue;
    }
    const lm = p.landmarks.match(t, k);
    if (lm > 0 && t.kind(lm) === WORD) {
      if (pendingFrom < 0) pendingFrom = k;
      k = lm;
      continue;
    }
    if (kd === WORD) {
      const lw = t.lower(k);
      const conn = p.connectors.has(lw);
      if (p.stop.has(lw) && !conn) break;
      if (!capitalized(t, k) && !conn && !lowerOk) break;
      if (afterPostal && p.postalBeforeCity && cityAfterPostal < 3 && pendingFrom < 0 && !(sepBefore && cityAfterPostal > 0)) {
        const e = abbrevDot(t, joined(t, k + 1));
        if (!conn) {
          commit(e);
          st.city = true;
        }
        cityAfterPostal++;
        k = e;
        continue;
      }
      if (pendingFrom < 0) pendingFrom = k;
      if (++pendingWords > 5) break;
      k = abbrevDot(t, joined(t, k + 1));
      sepBefore = false;
      continue;
    }
    break;
  }
  // A trailing city after a comma or line break, ending the line or sentence: "12 Elm St, Springfield."
  if (pendingFrom >= 0 && pendingWords <= 3) {
    const before = pendingFrom - 1;
    const afterSep = t.isPunct(before, ',-') || t.kind(before) === NEWLINE;
    const endsLine = k >= t.length || t.kind(k) === NEWLINE || t.isPunct(k, '.!?;)');
    if (afterSep && endsLine && (capitalized(t, pendingFrom) || lowerOk)) {
      let e = k;
      while (e > pendingFrom && (t.kind(e - 1) === PUNCT || t.kind(e - 1) === NEWLINE)) e--;
      if (t.end(e - 1) - blockStart <= CAP) {
        commit(e);
        st.city = true;
      }
    }
  }
  return committed;
}

/** Line at k is "Town Name 110016" / "Town PC 1234" / "10969 Town": capitalized words and a postal code, nothing else. */
function townPostalLine(t: Tokens, k: number, p: AddressPack): boolean {
  let q = k;
  let words = 0;
  let postal = false;
  for (let n = 0; n < 8 && q < t.length && t.kind(q) !== NEWLINE; n++) {
    const z = postal ? null : postalAt(t, q, p);
    if (z) {
      postal = true;
      q = z.end;
      continue;
    }
    if (t.kind(q) === WORD && capitalized(t, q) && !p.stop.has(t.lower(q))) words++;
    else if (!t.isPunct(q, ',-')) return false;
    q++;
  }
  return postal && words > 0 && words <= 4 && (q >= t.length || t.kind(q) === NEWLINE || t.isPunct(q, '.'));
}

/** The capitalized words (and connectors) ending just before token e, on one line: their first index, or e. */
function capitalizedRun(t: Tokens, e: number, p: AddressPack, floor: number, max: number): number {
  let b = e;
  for (let n = 0; n < max && b - 1 >= floor && t.kind(b - 1) === WORD && (capitalized(t, b - 1) || p.connectors.has(t.lower(b - 1))) && !(p.stop.has(t.lower(b - 1)) && !p.connectors.has(t.lower(b - 1))); n++) b--;
  return b;
}

/**
 * Right before a postal code at `code` (postal code before the town): a street line without a
 * house number that starts with a strong prefix type ("Rue de Cutesson, 78120 Rambouillet",
 * "Chemin des Vignes\n84000 Avignon"), standing alone on its line or after a comma or a sentence. Weak types
 * ("Im", "Place", "Strada") never start one: "Im Sommer, 10969 Berlin" is prose. Returns the
 * start or -1.
 */
function prefixStreetStart(t: Tokens, code: number, p: AddressPack, floor: number, limit: number): number {
  let e = code;
  if (t.isPunct(e - 1, ',-–')) e--;
  if (t.kind(e - 1) === NEWLINE) e--;
  if (e === code || t.kind(e - 1) !== WORD) return -1;
  // Capitalized words and connectors, hyphenated names included ("Allée du Puy-Marot").
  let b = e;
  for (let n = 0; n < 8 && b - 1 >= floor; n++) {
    const q = b - 1;
    const lq = t.lower(q);
    if (t.kind(q) === WORD && (capitalized(t, q) || p.connectors.has(lq)) && !(p.stop.has(lq) && !p.connectors.has(lq))) b = q;
    else if (t.isPunct(q, "-'’") && t.glued(q) && t.glued(q - 1) && t.kind(q - 1) === WORD && t.kind(b) === WORD) b = q;
    else break;
  }
  while (b < e && t.kind(b) !== WORD) b++;
  if (b >= e || t.start(b) < limit) return -1;
  // The prefix type may be lower-case ("rue", "via"), the name after it capitalized.
  let s = b;
  if (t.kind(b - 1) === WORD && !capitalized(t, b - 1) && b - 1 >= floor) s = b - 1;
  const te = p.prefix.match(t, s);
  if (te < 0 || te >= e || p.weak.has(t.lower(s))) return -1;
  let n = te;
  while (n < e && p.connectors.has(t.lower(n))) n++;
  if (n >= e || !capitalized(t, n)) return -1;
  const before = s - 1;
  if (!(s === 0 || t.kind(before) === NEWLINE || t.isPunct(before, ',:;-–—.'))) return -1;
  return s;
}

/**
 * Before a town at `town`: a street line without a number ("High Street", "Mill Lane") and
 * optionally a house name line before it ("The Old Forge"). Returns the block start or -1.
 */
function namedStreetStart(t: Tokens, town: number, p: AddressPack, floor: number, limit: number): number {
  let e = town;
  if (t.isPunct(e - 1, ',')) e--;
  if (t.kind(e - 1) === NEWLINE) e--;
  if (e === town || t.kind(e - 1) !== WORD) return -1;
  const b = capitalizedRun(t, e, p, floor, 5);
  if (b === e || !capitalized(t, b) || t.start(b) < limit) return -1;
  // The run ends on a street type with a name before it.
  let typeAt = -1;
  for (let x = b + 1; x < e; x++) if (p.suffix.match(t, x, false) === e) typeAt = x;
  if (typeAt < 0) return -1;
  // The street line stands alone: a line or comma break before it.
  let hb = b;
  if (t.isPunct(hb - 1, ',')) hb--;
  if (t.kind(hb - 1) === NEWLINE) hb--;
  else if (hb === b && b > 0) return -1;
  if (t.kind(hb - 1) === NEWLINE) return b;
  // A house name line before it: a short run of capitalized words on its own line.
  const h = capitalizedRun(t, hb, p, floor, 4);
  if (h < hb && capitalized(t, h) && t.start(h) >= limit && (h === 0 || t.kind(h - 1) === NEWLINE || t.isPunct(h - 1, ':'))) return h;
  return b;
}

/** Grows a block backward over a unit ("Flat 2, ", "Unit 3/", "Apt 4B\n") and a building name. */
function extendBack(t: Tokens, s: number, p: AddressPack, floor: number): { start: number; unit: boolean; house: boolean } {
  let start = s;
  let unit = false;
  let house = false;
  for (let q = Math.max(floor, s - 3); q < s; q++) {
    if (p.units.match(t, q) === s) {
      start = q;
      unit = true;
      break;
    }
  }
  // A block or plot number before the street line: "C-14, Green Park Extension", "H-5, Sector 12".
  {
    const q = t.isPunct(start - 1, ',') ? start - 2 : -1;
    if (q - 2 >= floor && t.kind(q) === NUM && t.digits(q) <= 4 && t.isPunct(q - 1, '-') && t.glued(q - 1) && t.glued(q - 2) && t.kind(q - 2) === WORD && t.raw(q - 2).length === 1 && capitalized(t, q - 2)) {
      start = q - 2;
      unit = true;
    }
  }
  // A house name before the street line: "Rose Cottage, 3 Beach Rd", "The Old Rectory\n3 Church Lane".
  if (p.houseNames.size > 0) {
    let q = start - 1;
    if (t.isPunct(q, ',') || t.kind(q) === NEWLINE) q--;
    if (q < start - 1 && q >= floor && t.kind(q) === WORD && (capitalized(t, q) || p.connectors.has(t.lower(q)))) {
      let b = capitalizedRun(t, q + 1, p, floor, 4);
      // "The Old Rectory": the article belongs to the name.
      if (t.kind(b - 1) === WORD && t.lower(b - 1) === 'the' && capitalized(t, b - 1) && b - 1 >= floor) b--;
      // The house word ends the name ("Rose Cottage", "The Old Rectory") or starts it
      // ("Villa des Roses", "Résidence Les Pins", "Palazzo Rossi").
      const named = p.houseNames.has(t.lower(q)) || (b < q && p.houseNames.has(t.lower(b)));
      // The name stands alone: at a line start, or after a comma, a colon or a dash.
      const before = b - 1;
      const alone = b === 0 || t.kind(before) === NEWLINE || t.isPunct(before, ',:;-–—');
      if (named && b <= q && capitalized(t, b) && alone) {
        start = b;
        house = true;
      }
    }
  }
  for (let round = 0; round < 2; round++) {
    let q = start - 1;
    if (t.isPunct(q, ',/-')) q--;
    if (t.kind(q) === NEWLINE) q--;
    if (q < floor || q === start - 1) break;
    let found = -1;
    for (let u = Math.max(floor, q - 5); u <= q; u++) {
      if (unitEnd(t, u, p) === q + 1 || areaBefore(t, u, p) === q + 1) {
        found = u;
        break;
      }
    }
    if (found >= 0) {
      start = found;
      unit = true;
      continue;
    }
    // A building name ("Sai Residency, ", "Rose Court\n") preceded by a unit.
    let b = q;
    for (let n = 0; n < 4 && t.kind(b) === WORD && (capitalized(t, b) || p.connectors.has(t.lower(b))); n++) b--;
    if (b === q || !capitalized(t, b + 1)) break;
    let r = b;
    if (t.isPunct(r, ',')) r--;
    if (t.kind(r) === NEWLINE) r--;
    if (r === b || b < floor) break;
    let f = -1;
    for (let u = Math.max(floor, r - 5); u <= r; u++) {
      if (unitEnd(t, u, p) === r + 1) {
        f = u;
        break;
      }
    }
    if (f < 0) break;
    start = f;
    unit = true;
  }
  return { start, unit, house };
}

/** A column boundary before token e (two-column pages): a tab or 3+ spaces on the same line. */
function columnGap(t: Tokens, e: number): boolean {
  if (e <= 0 || e >= t.length) return false;
  const a = t.end(e - 1);
  const b = t.start(e);
  if (b - a < 3 && !(b > a && t.text.charCodeAt(a) === 9)) return false;
  for (let x = a; x < b; x++) if (t.text.charCodeAt(x) === 10) return false;
  return true;
}

/** A rural route or area with its number before the street line ("RR 3, 1234 Concession Rd 5"): its end or -1. */
function areaBefore(t: Tokens, u: number, p: AddressPack): number {
  if (p.numberAfterTypes.size === 0 || !capitalized(t, u)) return -1;
  let e = p.numberAfterTypes.match(t, u);
  if (e < 0) return -1;
  if (t.isPunct(e, '#') && t.glued(e)) e++;
  return t.kind(e) === NUM && t.digits(e) <= 4 ? e + 1 : -1;
}

/** Is a house-number start at q (for blocks anchored on a postal code)? */
function houseStart(t: Tokens, q: number, p: AddressPack): boolean {
  if (unitEnd(t, q, p) > 0) return true;
  if (poBox(t, q, p)) return true;
  if (areaNumber(t, q, p)) return true;
  if (t.isPunct(q, '#') && t.glued(q) && t.kind(q + 1) === NUM) return true;
  // A named place with no number ("Lieu-dit Le Bourg", "Hameau de la Forge", "Località Pian di
  // Sco"): the word capitalized, a capitalized name (or a connector and one) after it.
  if (p.namedPlaces.size > 0 && capitalized(t, q)) {
    const ne = p.namedPlaces.match(t, q);
    if (ne > 0 && (capitalized(t, ne) || (p.connectors.has(t.lower(ne)) && t.kind(ne + 1) === WORD))) return true;
    // A place word of two or more words is a whole name: "Le Bourg - 42380 …".
    if (ne > q + 1 && (t.isPunct(ne, ',-–') || t.kind(ne) === NEWLINE)) return true;
  }
  const prevSep = q === 0 || t.kind(q - 1) !== WORD || !capitalized(t, q - 1);
  if (p.numberBefore && t.kind(q) === NUM && prevSep && houseNumber(t, q, p)) {
    // "12, Elm Road" starts a house; "5c, 10c, 20c" is a list of numbers.
    if (t.isPunct(q + 1, ',')) return t.kind(q + 2) !== NUM;
    return t.kind(q + 1) === WORD && capitalized(t, q + 1);
  }
  if (p.numberAfter && t.kind(q) === WORD && capitalized(t, q) && !p.stop.has(t.lower(q)) && prevSep) {
    let k = q + 1;
    for (let n = 0; n < 3 && (t.kind(k) === WORD || t.isPunct(k, '.-')); n++) {
      if (t.kind(k) === WORD && p.stop.has(t.lower(k))) return false;
      k++;
    }
    if (!houseNumber(t, k, p, 4)) return false;
    const e = houseEnd(t, k, p);
    // Another number after it on the line: a table row ("Inter   82   36"), not a house.
    if (t.kind(e) === NUM && !postalAt(t, e, p)) return false;
    return t.isPunct(e, ',-–|·•') || t.kind(e) === NEWLINE || postalAt(t, e, p) !== null || columnGap(t, e);
  }
  return false;
}

function localeContext(t: Tokens, s: number, p: AddressPack): string | null {
  if (p.context.size === 0) return null;
  const from = t.start(s) - 60;
  for (let q = s - 1; q >= 0 && t.start(q) >= from; q--) {
    if (t.kind(q) === NEWLINE && t.kind(q - 1) === NEWLINE) break;
    const e = p.context.match(t, q, false);
    if (e > 0 && e <= s) return t.text.slice(t.start(q), t.end(e - 1)).toLowerCase();
  }
  return null;
}

function score(c: Core, st: TailState): number {
  // A postal code of the locale's shape confirms a weak or lower-case street line.
  let x = (st.postal || st.unit) && c.anchor === 'street' ? Math.max(c.base, SCORE.street) : c.base;
  if (st.postal) x += c.anchor === 'postal' ? 0 : SCORE.postal;
  if (st.region || st.district) x += SCORE.region;
  if (st.country) x += SCORE.country;
  if (st.city) x += SCORE.city;
  if (st.unit) x += SCORE.unit;
  return Math.min(SCORE.max, x);
}

function finish(t: Tokens, c: Core, p: AddressPack, st: TailState, start: number, end: number): Block | null {
  let e = end;
  while (e > start && (t.kind(e - 1) === NEWLINE || t.isPunct(e - 1, ',-–/(|'))) e--;
  if (e <= start) return null;
  const reasons = [...c.reasons];
  if (st.unit) reasons.push('unit');
  if (st.city) reasons.push('city');
  if (st.region) reasons.push('region');
  if (st.district) reasons.push('city district');
  if (st.postal) reasons.push(`${p.tag} postal code`);
  if (st.country) reasons.push('country');
  let confidence = score(c, st);
  const alone = !st.postal && !st.region && !st.city && !st.country && !st.unit;
  // "3 Brook Street Bakery", "the 12 Main Street Festival": a street line alone, glued to a
  // capitalized word that nothing confirms as a place, is part of a name.
  // A contact label after it ("Piazza Dante, 15 Telefono 0461…") is the next field of a contact
  // block, not a name.
  if (alone && c.anchor === 'street' && t.kind(end) === WORD && capitalized(t, end) && t.start(end) - t.end(end - 1) <= 1 && !p.connectors.has(t.lower(end)) && !CONTACT_LABELS.has(t.lower(end))) {
    confidence -= SCORE.nameFollows;
    reasons.push(`followed by a name (-${SCORE.nameFollows})`);
  }
  if (!st.postal && !st.region && !st.city) {
    const cx = localeContext(t, start, p);
    if (cx) {
      confidence += SCORE.localeContext;
      reasons.push(`${p.tag} address phrase "${cx}" before (+${SCORE.localeContext})`);
    }
  }
  if (c.lower) reasons.push('written in lower case');
  reasons.unshift(`locale pack ${p.file}`);
  return { s: start, e, confidence: Math.min(SCORE.max, confidence), reasons, open: c.anchor !== 'postal' && !st.postal };
}

function blankTail(): TailState {
  return { postal: false, region: false, city: false, country: false, unit: false, district: false };
}

/** Token k may start a street type of the pack (a key gate first: most tokens are never lower-cased). */
function streetStart(t: Tokens, k: number, p: AddressPack): boolean {
  if (!p.streetFirsts.may(t.keys[k] as number)) return false;
  const lw = t.lower(k);
  return p.prefix.startsWith(lw) || p.suffix.startsWith(lw) || p.standalone.startsWith(lw);
}

/** Token i may start a word anchor (PO box, prefix type, area word) or end a compound street name. */
function wordAnchorGate(t: Tokens, i: number, p: AddressPack): boolean {
  if (p.wordFirsts.may(t.keys[i] as number)) return true;
  if (!p.numberAfter || p.compound.length === 0) return false;
  const last = t.text.charCodeAt(t.end(i) - 1);
  return last >= 0x80 || p.compoundLast[last >= 65 && last <= 90 ? last + 32 : last] === 1;
}

/**
 * "s/n" (sin número, sem número): a house-number slot with no digit ("Calle Mayor, s/n",
 * "Estrada do Sertão, s/nº", "Rua Moisés, sem número"). Accepts "s/n", "S/N", "s/nº", "s / n",
 * "sem número", "sin número"; rejects "sn", "s/m".
 */
const SIN_NUMERO = /\bs(?: ?\/ ?n|em n[uú]mero|in n[uú]mero)/i;
const SIN_NUMERO_HINT = /mero/i;

/**
 * Like Tokens.nextNumA, but an "s/n" also counts as a number: the word-anchor gates then reach a
 * street written without a house number. Built only for texts that hold an "s/n".
 */
/** "s/n" or "sem número" / "sin número" at k: the index after it, or -1. */
function sinNumero(t: Tokens, k: number): number {
  if (t.kind(k) !== WORD || (t.text.charCodeAt(t.start(k)) | 32) !== 115) return -1;
  const lw = t.lower(k);
  if (lw === 's' && t.isPunct(k + 1, '/') && t.kind(k + 2) === WORD && t.lower(k + 2).charCodeAt(0) === 110) return k + 3;
  if ((lw === 'sem' || lw === 'sin') && (t.lower(k + 1) === 'número' || t.lower(k + 1) === 'numero')) return k + 2;
  return -1;
}

function nextNumOrSn(t: Tokens): Int32Array {
  const n = t.length;
  const next = new Int32Array(n + 1);
  let nx = n;
  next[n] = n;
  for (let k = n - 1; k >= 0; k--) {
    if (t.kind(k) === NUM || sinNumero(t, k) > 0) nx = k;
    next[k] = nx;
  }
  return next;
}

/**
 * Address blocks of one locale pack. Bounded work: stops after `maxBlocks` blocks and then returns
 * `stop`, the token where it stopped (no block is looked for from there on); else stop is -1.
 * `nextNumA` is Tokens.nextNumA, or nextNumOrSn when the text holds an "s/n".
 */
function detectLocale(t: Tokens, p: AddressPack, maxBlocks: number, nextNumA: Int32Array, until = t.length): { blocks: Block[]; stop: number } {
  const blocks: Block[] = [];
  let stop = -1;
  let coveredUntil = -1;
  // Next token that may start a street type (a moving pointer: linear in the text).
  let nextStreet = 0;
  const n = t.length;
  const kinds = t.kindsA;
  const nextNum = nextNumA;
  const keys = t.keys;
  const streetFirsts = p.streetFirsts;
  const reach = p.wordReach;
  for (let i = 0; i < n; i++) {
    if (i >= until) break;
    if (i < coveredUntil) continue;
    if (blocks.length >= maxBlocks) {
      stop = i;
      break;
    }
    const kd = kinds[i] as number;
    // Jump over the tokens more than wordReach before the next Num token (or the text end): they
    // share that next Num token, so the word-anchor gate below fails for each of them.
    if (kd !== NUM && (nextNum[i] as number) - i > reach) {
      i = (nextNum[i] as number) - reach - 1;
      continue;
    }
    let c: Core | null = null;
    if (kd === NUM) {
      if (nextStreet <= i) {
        nextStreet = i + 1;
        while (nextStreet < n && !(streetFirsts.may(keys[nextStreet] as number) && streetStart(t, nextStreet, p))) nextStreet++;
      }
      // numberFirst looks at most ~60 tokens ahead for a street word (number, suffixes, 5 name units).
      if (p.numberBefore && nextStreet < n && nextStreet - i <= 64) c = numberFirst(t, i, p);
    } else if ((kd === WORD || kd === PUNCT) && (nextNum[i] as number) - i <= reach && wordAnchorGate(t, i, p)) {
      // Word anchors (street type, PO box) need a number within a few tokens: a cheap gate. (At
      // the text end, with no Num token after, only a prefix type can anchor: "Calle Mayor s/n";
      // the pack's reach is then 12.)
      // ("P.O. Box 12": five tokens before the number.)
      if (t.nextNum(i) - i <= 6) c = poBox(t, i, p);
      if (!c && p.numberAfter) c = typeFirst(t, i, p) ?? compound(t, i, p);
      if (!c) c = areaNumber(t, i, p);
    }
    if (!c) continue;
    const back = extendBack(t, c.s, p, coveredUntil < 0 ? 0 : coveredUntil);
    const st = blankTail();
    st.unit = back.unit || back.house;
    if (back.house) c.reasons.push('house name before the street line');
    const end = extendTail(t, c.e, t.start(back.start), p, st, c.lower, false);
    const b = finish(t, c, p, st, back.start, end);
    if (b) {
      blocks.push(b);
      coveredUntil = b.e;
      i = b.e - 1;
    }
  }
  // Postal codes with a city or region beside them, and a house-number start shortly before.
  const streetBlocks = blocks.length;
  let bi = 0;
  let lastZ = 0;
  const lastAlnum = t.lastAlnum;
  for (let k = 0; k < n; k++) {
    if (stop >= 0 && k >= stop) break;
    if (blocks.length >= 2 * maxBlocks) {
      stop = k;
      break;
    }
    const kd = kinds[k] as number;
    // A postal code starts with a digit, a letter-digit group ("SW1A", "K1A") or a country letter ("D-").
    if (kd !== NUM && kd !== ALNUM && !(kd === WORD && (nextNum[k] as number) - k <= 2 && t.end(k) - t.start(k) <= 2)) {
      // Past the last Alnum token, the tokens up to 2 before the next Num token are none of these:
      // jump there.
      if (k > lastAlnum && (nextNum[k] as number) - k > 3) k = (nextNum[k] as number) - 3;
      continue;
    }
    // Inside a street-anchored block (those are in order: one moving pointer keeps this linear).
    while (bi < streetBlocks && (blocks[bi] as Block).e <= k) bi++;
    if (bi < streetBlocks && (blocks[bi] as Block).s <= k) continue;
    const pz = postalAt(t, k, p);
    if (!pz) continue;
    let anchor = k;
    let city = false;
    let region = false;
    if (p.postalBeforeCity) {
      const c0 = t.isPunct(pz.end, "'’") && t.glued(pz.end) ? pz.end + 1 : pz.end; // "'s-Hertogenbosch"
      city = t.kind(c0) === WORD && (capitalized(t, c0) || c0 > pz.end) && !(pz.digitsOnly && acronym(t, c0));
    } else {
      let q = k - 1;
      if (t.isPunct(q, ',')) q--;
      for (let r = Math.max(0, q - 3); r <= q; r++) {
        if (regionAt(t, r, p) === q + 1) {
          region = true;
          anchor = r;
          q = r - 1;
          break;
        }
      }
      if (t.isPunct(q, ',-')) q--;
      // A full postcode on its own line under the town ("Much Wenlock\nTF13 6AA").
      if (!pz.digitsOnly && t.kind(q) === NEWLINE && t.kind(q - 1) === WORD) q--;
      let c = q;
      // A bare-digit code needs a real place word: an all-caps acronym ("MTU 1480", "CPU 2000") is not one.
      for (let n = 0; n < 3 && t.kind(c) === WORD && capitalized(t, c) && !p.stop.has(t.lower(c)) && !(pz.digitsOnly && acronym(t, c)); n++) c--;
      if (c < q) {
        city = true;
        anchor = c + 1;
      }
    }
    if (!city && !region) continue;
    let best = -1;
    let newlines = 0;
    const limit = t.start(k) - BACK;
    // The walk never enters the previous block.
    const floor = Math.max(bi > 0 ? (blocks[bi - 1] as Block).e : 0, lastZ);
    for (let q = anchor - 1; q >= floor && t.start(q) >= limit; q--) {
      const qk = t.kind(q);
      if (qk === NEWLINE) {
        if (t.kind(q - 1) === NEWLINE || ++newlines > MAX_NEWLINES) break;
        continue;
      }
      if (qk === PUNCT) {
        const ch = t.text[t.start(q)] as string;
        const abbrev = ch === '.' && t.glued(q - 1) && (t.kind(q - 1) === WORD && t.lower(q - 1).length <= 5);
        if (!",-–/#'’()&|·•".includes(ch) && !abbrev) break;
      } else if (qk === WORD && p.stop.has(t.lower(q)) && !p.connectors.has(t.lower(q))) {
        // Words that belong to an address ("No." in "Flat No.", "near" before a landmark) do not stop the walk.
        const lw = t.lower(q);
        const letter = lw.length === 1 && t.raw(q) !== lw;
        if (!letter && !p.unitMarkers.has(lw) && !p.units.has(lw) && !p.landmarks.has(lw)) break;
      }
      if (houseStart(t, q, p)) best = q;
    }
    // A house with a name and no number ("The Old Forge\nHigh Street\nMuch Wenlock\nTF13 6AA"):
    // a full unit postcode (letters and digits: GB, CA, NL) with a town is enough when a street
    // line (capitalized name + street type) stands right before the town.
    // (Also before a six-digit code, which no date, price or count looks like: Indian PINs; and
    // before a bare-digit code with a region: "Hack Street, SANDSTONE WA 6639".)
    if (best < 0 && (!pz.digitsOnly || t.digits(k) >= 6 || region)) best = namedStreetStart(t, anchor, p, floor, limit - 40);
    if (best < 0 && p.postalBeforeCity) best = prefixStreetStart(t, anchor, p, floor, limit);
    if (best < 0) {
      // Two-column page layouts: the street line, then a line of the other column, then the
      // town and postal code line. The street block found first takes the postal line.
      const prev = bi > 0 ? (blocks[bi - 1] as Block) : undefined;
      if (prev && prev.open && prev.e >= lastZ && interleaved(t, prev.e, anchor)) {
        const st = blankTail();
        st.postal = true;
        const end = extendTail(t, pz.end, t.start(prev.s), p, st, false, true);
        if (t.end(end - 1) - t.start(prev.s) <= CAP + 60) {
          prev.e = end;
          prev.open = false;
          prev.confidence = Math.min(SCORE.max, Math.max(prev.confidence, SCORE.street) + SCORE.postal + (city || st.city ? SCORE.city : 0) + (region || st.region ? SCORE.region : 0));
          prev.reasons = [...prev.reasons, `${p.tag} postal code on a later line (two-column layout)`];
          lastZ = end;
          k = end - 1;
        }
      }
      continue;
    }
    const st = blankTail();
    st.postal = true;
    st.city = city;
    st.region = region;
    const c: Core = core(best, pz.end, SCORE.postalAnchor + (pz.digitsOnly ? 0 : 0.05), false, 'postal', 'postal code with a city and a house-number start before it');
    const end = extendTail(t, pz.end, t.start(best), p, st, false, true);
    const b = finish(t, c, p, st, best, end);
    if (b) {
      blocks.push(b);
      lastZ = b.e;
      k = b.e - 1;
    }
  }
  return { blocks, stop };
}

/**
 * Between a street block's end and a town + postal line at `town`: one or two line breaks, no
 * blank line, at most one line of other text (~80 characters), and the town line starts a line or
 * a column (3+ spaces or a tab before it).
 */
function interleaved(t: Tokens, from: number, town: number): boolean {
  if (town <= from || t.start(town) - t.end(from - 1) > 80 + BACK) return false;
  let newlines = 0;
  for (let q = from; q < town; q++) {
    if (t.kind(q) !== NEWLINE) continue;
    if (t.kind(q + 1) === NEWLINE || ++newlines > MAX_NEWLINES) return false;
  }
  if (newlines === 0) return false;
  if (t.kind(town - 1) === NEWLINE) return true;
  const gap = t.text.slice(t.end(town - 1), t.start(town));
  return gap.length >= 3 || gap.includes('\t');
}

/** How far past a detector's stop offset the packs still look for anchors (see detect). */
const STOP_MARGIN = 1024;

/** The first token starting at or after `offset` (t.length when none). */
function firstTokenFrom(t: Tokens, offset: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t.start(mid) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Overlapping blocks (from two anchors or two locales) are one address. */
function mergeBlocks(t: Tokens, blocks: Block[]): Block[] {
  const sorted = [...blocks].sort((a, b) => a.s - b.s || b.e - a.e);
  const out: Block[] = [];
  for (const b of sorted) {
    const last = out[out.length - 1];
    if (last && t.start(b.s) < t.end(last.e - 1)) {
      // One address seen from two anchors (or two locales) merges; a chain of them never grows
      // past the cap: the later block then starts where the earlier one ends.
      if (t.end(Math.max(last.e, b.e) - 1) - t.start(last.s) > CAP) {
        if (b.e > last.e) out.push({ ...b, s: last.e });
        continue;
      }
      last.e = Math.max(last.e, b.e);
      if (b.confidence > last.confidence) {
        last.confidence = b.confidence;
        last.reasons = b.reasons;
      }
    } else out.push({ ...b });
  }
  return out;
}

export const addressDetector: Detector = {
  id: 'address',
  type: 'address',
  detect(ctx: DetectContext): Candidate[] {
    const text = ctx.text;
    // Cheap prefilter: every address form here carries a digit, or an "s/n" in its place.
    // Every "s/n" form holds a '/' or "mero": the case-insensitive scan runs only when one is there.
    const sn = (text.includes('/') || SIN_NUMERO_HINT.test(text)) && SIN_NUMERO.test(text);
    if (!sn && !/\d/.test(text)) return [];
    const packs: AddressPack[] = [];
    for (const l of ctx.locales) {
      const p = packFor(l.tag, l.language);
      if (p && !packs.includes(p)) packs.push(p);
    }
    if (packs.length === 0) return [];
    // Bounded work: past where another detector stopped (plus room for an address that starts
    // before it), nothing will be reported: those tokens are not built.
    const upto = Math.min(text.length, (ctx.stoppedAt?.() ?? Infinity) + STOP_MARGIN);
    const t = new Tokens(upto < text.length ? text.slice(0, upto) : text);
    const blocks: Block[] = [];
    const nextNum = sn ? nextNumOrSn(t) : t.nextNumA;
    for (const p of packs) {
      // Once a detector or an earlier pack has stopped, no anchor more than STOP_MARGIN units past
      // that offset can give a block that starts before it (or overlaps one that does): a block
      // spans at most CAP + 60 units. Later packs look no further (all eleven packs at once each
      // found maxFindings blocks before).
      const stopped = ctx.stoppedAt?.() ?? Infinity;
      const found = detectLocale(t, p, ctx.limit ?? Infinity, nextNum, stopped === Infinity ? t.length : firstTokenFrom(t, stopped + STOP_MARGIN));
      blocks.push(...found.blocks);
      if (found.stop >= 0) ctx.truncate?.(found.stop < t.length ? t.start(found.stop) : text.length);
    }
    if (blocks.length === 0) return [];
    return mergeBlocks(t, blocks).map((b): Candidate => {
      const start = t.start(b.s);
      const end = t.end(b.e - 1);
      return {
        type: 'address',
        start,
        end,
        confidence: Math.round(b.confidence * 1000) / 1000,
        ruleId: 'address/street',
        reasons: b.reasons,
        value: text.slice(start, end).replace(/\s{1,64}/g, ' ').toLowerCase(),
      };
    });
  },
};
