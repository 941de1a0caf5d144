/**
 * Loads and checks the address locale packs (rules/address/<locale>.json) once, at import time,
 * and compiles their dictionaries into phrase sets and their postal-code shapes into sticky
 * regexes. A broken file fails loudly naming the file and the field.
 */
import { checkRuleFile, compilePattern, field, type RuleFile } from '../rules/schema';
import { PreflightError } from '../errors';
import { KeyFilter, PhraseSet } from './address-tokens';
import enUS from '../../rules/address/en-US.json';
import enCA from '../../rules/address/en-CA.json';
import enGB from '../../rules/address/en-GB.json';
import enAU from '../../rules/address/en-AU.json';
import enIN from '../../rules/address/en-IN.json';
import deDE from '../../rules/address/de-DE.json';
import frFR from '../../rules/address/fr-FR.json';
import esES from '../../rules/address/es-ES.json';
import itIT from '../../rules/address/it-IT.json';
import nlNL from '../../rules/address/nl-NL.json';
import ptBR from '../../rules/address/pt-BR.json';

export interface PostalShape {
  re: RegExp;
  source: string;
  /** A code of bare digits: it needs a city, region or street beside it. */
  digitsOnly: boolean;
}

export interface AddressPack {
  tag: string;
  file: string;
  rule: RuleFile;
  numberBefore: boolean;
  numberAfter: boolean;
  commaAfterNumber: boolean;
  suffix: PhraseSet;
  prefix: PhraseSet;
  /** Endings of one-word street names ("Lindenstraße", "Keizersgracht"), lower-case. */
  compound: string[];
  numberAfterTypes: PhraseSet;
  weak: Set<string>;
  /** The weak street types as phrases, for multi-word prefixes ("in der"). */
  weakPhrases: PhraseSet;
  standalone: PhraseSet;
  houseMarkers: PhraseSet;
  houseSuffixes: PhraseSet;
  units: PhraseSet;
  /** Unit words that need no number: "bajo", "Hinterhaus", "fundos". */
  unitsAlone: PhraseSet;
  unitMarkers: PhraseSet;
  poBox: PhraseSet;
  postal: PostalShape[];
  postalMarkers: PhraseSet;
  postalBeforeCity: boolean;
  regions: PhraseSet;
  /** Regions written as short upper-case codes (≤ 3 letters): matched case-sensitively. */
  regionCodes: Set<string>;
  countries: PhraseSet;
  connectors: Set<string>;
  stop: Set<string>;
  numberStop: Set<string>;
  yearStop: Set<string>;
  /** Gates (see KeyFilter): keys of the number and year stop words. */
  numberStopKeys: KeyFilter;
  yearStopKeys: KeyFilter;
  landmarks: PhraseSet;
  tailWords: PhraseSet;
  context: PhraseSet;
  /** Gate: first tokens of every street type (prefix, suffix, standalone). */
  streetFirsts: KeyFilter;
  /**
   * Gate: first tokens of every word anchor the pack can make (PO box, area word; with numberAfter
   * also prefix type and the street word after a name, "Berliner Straße 5").
   */
  wordFirsts: KeyFilter;
  /**
   * How far (in tokens) before its next Num token a word anchor can stand: 12 for prefix types and
   * area words (their names or words lie between), else 4 (PO box, compound name: the number
   * follows at once).
   */
  wordReach: number;
  /** Gate: last characters (lower-case ASCII codes) of the compound endings; non-ASCII ones set 0. */
  compoundLast: Uint8Array;
  /** Street types that take a road number after them ("State Highway 59", "County Road 42"). */
  numberedRoads: Set<string>;
  /**
   * Words that name a place with no house number ("Lieu-dit", "Hameau", "Località", "Fazenda"):
   * they start a block only before a postal code with a town.
   */
  namedPlaces: PhraseSet;
  /** Last words of a house name before the street line ("Rose Cottage", "The Old Rectory"). */
  houseNames: Set<string>;
  /** Ordinal endings of a city district after the town ("Paris 10e", "Lyon 3ème", "Xe"). */
  districtSuffixes: Set<string>;
}

export const RAW_PACKS: Record<string, unknown> = {
  'en-US': enUS, 'en-CA': enCA, 'en-GB': enGB, 'en-AU': enAU, 'en-IN': enIN, 'de-DE': deDE,
  'fr-FR': frFR, 'es-ES': esES, 'it-IT': itIT, 'nl-NL': nlNL, 'pt-BR': ptBR,
};

const lowerSet = (xs: string[]): Set<string> => new Set(xs.map((x) => x.toLowerCase()));

export function compilePack(tag: string, json: unknown): AddressPack {
  const file = `rules/address/${tag}.json`;
  const rule = checkRuleFile(json, file);
  if (rule.type !== 'address') throw new PreflightError('invalid_rule', `${file}: field "type" must be "address"`, { file, field: 'type' });
  const list = (path: string, fallback?: string[]): string[] => field<string[]>(rule, path, 'string[]', file, fallback);
  const postalRaw = field<Record<string, unknown>[]>(rule, 'postalCodes', 'object[]', file);
  const postal = postalRaw.map((p, i): PostalShape => {
    const source = field<string>(p, 'pattern', 'string', `${file} postalCodes[${i}]`);
    const flags = field<string>(p, 'flags', 'string', `${file} postalCodes[${i}]`, '');
    // The locale's postal-code shape as a whole token sequence: not preceded or followed by a
    // letter or digit. The shape itself comes from the rule file (bounded, checked by the tests).
    const re = compilePattern(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`, `uy${flags.replace(/[^i]/g, '')}`, file, `postalCodes[${i}].pattern`);
    return { re, source, digitsOnly: field<boolean>(p, 'digitsOnly', 'boolean', `${file} postalCodes[${i}]`) };
  });
  const position = field<string>(rule, 'postalPosition', 'string', file);
  if (position !== 'beforeCity' && position !== 'afterCity') {
    throw new PreflightError('invalid_rule', `${file}: field "postalPosition" must be "beforeCity" or "afterCity"`, { file, field: 'postalPosition' });
  }
  const regions = list('regions');
  const pack: AddressPack = {
    tag,
    file,
    rule,
    numberBefore: field<boolean>(rule, 'numberBefore', 'boolean', file),
    numberAfter: field<boolean>(rule, 'numberAfter', 'boolean', file),
    commaAfterNumber: field<boolean>(rule, 'commaAfterNumber', 'boolean', file, false),
    suffix: new PhraseSet(list('streetTypes.suffix')),
    prefix: new PhraseSet(list('streetTypes.prefix')),
    // Longest ending first: "Voorburgwal" ends in "burgwal" before "wal".
    compound: list('streetTypes.compound').map((c) => c.toLowerCase()).sort((a, b) => b.length - a.length),
    numberAfterTypes: new PhraseSet(list('streetTypes.numberAfter', [])),
    weak: lowerSet(list('weakStreetTypes', [])),
    weakPhrases: new PhraseSet(list('weakStreetTypes', [])),
    standalone: new PhraseSet(list('standaloneStreets', [])),
    houseMarkers: new PhraseSet(list('houseNumberMarkers', [])),
    houseSuffixes: new PhraseSet(list('houseNumberSuffixes', [])),
    units: new PhraseSet(list('unitWords')),
    unitsAlone: new PhraseSet(list('unitWordsAlone', [])),
    unitMarkers: new PhraseSet(list('unitMarkers', [])),
    poBox: new PhraseSet(list('poBoxWords')),
    postal,
    postalMarkers: new PhraseSet(list('postalMarkers', [])),
    postalBeforeCity: position === 'beforeCity',
    regions: new PhraseSet(regions.filter((r) => !(r.length <= 3 && r === r.toUpperCase()))),
    regionCodes: new Set(regions.filter((r) => r.length <= 3 && r === r.toUpperCase())),
    countries: new PhraseSet(list('countries', [])),
    connectors: lowerSet(list('connectors', [])),
    stop: lowerSet(list('stopWords', [])),
    numberStop: lowerSet(list('numberStopWords', [])),
    yearStop: lowerSet(list('yearStopWords', [])),
    numberStopKeys: new KeyFilter(),
    yearStopKeys: new KeyFilter(),
    landmarks: new PhraseSet(list('landmarkWords', [])),
    tailWords: new PhraseSet(list('tailWords', [])),
    context: new PhraseSet(list('context', [])),
    streetFirsts: new KeyFilter(),
    wordFirsts: new KeyFilter(),
    wordReach: 4,
    compoundLast: new Uint8Array(128),
    numberedRoads: lowerSet(list('numberedRoads', [])),
    namedPlaces: new PhraseSet(list('namedPlaceWords', [])),
    houseNames: lowerSet(list('houseNameWords', [])),
    districtSuffixes: lowerSet(list('districtSuffixes', [])),
  };
  for (const c of pack.compound) {
    const stem = c.endsWith('.') ? c.slice(0, -1) : c;
    const code = stem.charCodeAt(stem.length - 1);
    if (code < 0x80) pack.compoundLast[code] = 1;
  }
  for (const w of pack.numberStop) pack.numberStopKeys.add(w);
  for (const w of pack.yearStop) pack.yearStopKeys.add(w);
  pack.streetFirsts.addAll(pack.prefix.firsts);
  pack.streetFirsts.addAll(pack.suffix.firsts);
  pack.streetFirsts.addAll(pack.standalone.firsts);
  // typeFirst and compound() run only with numberAfter; a weak type is also a prefix type.
  for (const f of pack.numberAfter ? [pack.poBox, pack.numberAfterTypes, pack.prefix, pack.suffix] : [pack.poBox, pack.numberAfterTypes]) pack.wordFirsts.addAll(f.firsts);
  pack.wordReach = pack.numberAfterTypes.size > 0 || (pack.numberAfter && pack.prefix.size > 0) ? 12 : 4;
  return pack;
}

export const PACKS = new Map<string, AddressPack>();
for (const [tag, json] of Object.entries(RAW_PACKS)) PACKS.set(tag, compilePack(tag, json));

/** Default pack per language when a locale has no pack of its own (e.g. "en-NZ" → en-GB rules). */
const BY_LANGUAGE: Record<string, string> = { en: 'en-US', de: 'de-DE', fr: 'fr-FR', es: 'es-ES', it: 'it-IT', nl: 'nl-NL', pt: 'pt-BR' };

export function packFor(tag: string, language: string): AddressPack | undefined {
  const exact = PACKS.get(tag);
  if (exact) return exact;
  const lower = tag.toLowerCase();
  for (const [k, p] of PACKS) if (k.toLowerCase() === lower.replace('_', '-')) return p;
  const fallback = BY_LANGUAGE[language];
  return fallback ? PACKS.get(fallback) : undefined;
}
