/**
 * Fake value generators for the core corpus: phone numbers (validated with libphonenumber-js max
 * metadata), emails on reserved domains, Luhn-valid test cards, mod-97-valid IBANs, national ids,
 * and the hard-negative values (dates, prices, order numbers…) in each locale's shape.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export type Rng = () => number;

/** Deterministic PRNG (mulberry32). */
export function makeRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Gen {
  constructor(readonly rng: Rng) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.rng() * (max - min + 1));
  }
  pick<T>(arr: readonly T[]): T {
    const v = arr[Math.floor(this.rng() * arr.length)];
    if (v === undefined) throw new Error('pick from empty array');
    return v;
  }
  chance(p: number): boolean {
    return this.rng() < p;
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
  pad(n: number, w: number): string {
    return String(n).padStart(w, '0');
  }
}

export const REGION: Record<string, CountryCode> = {
  'en-US': 'US', 'en-GB': 'GB', 'en-CA': 'CA', 'en-AU': 'AU', 'en-IN': 'IN', 'de-DE': 'DE',
  'fr-FR': 'FR', 'es-ES': 'ES', 'it-IT': 'IT', 'nl-NL': 'NL', 'pt-BR': 'BR',
};

export function isValidPhone(text: string, region: CountryCode): boolean {
  const p = parsePhoneNumberFromString(text, region);
  return p?.isValid() === true;
}

export function e164(text: string, region: CountryCode): string {
  const p = parsePhoneNumberFromString(text, region);
  if (!p) throw new Error(`cannot parse ${text}`);
  return p.number;
}

type PhoneFmt = (g: Gen) => string;

const US_AREAS = ['212', '310', '415', '202', '646', '206', '312', '617', '503', '213', '512', '303', '404', '305'];
const CA_AREAS = ['416', '604', '514', '613', '403', '905', '780', '902'];

function nanp(areas: string[]): PhoneFmt[] {
  const tail = (g: Gen): string => `01${g.digits(2)}`;
  return [
    (g) => `(${g.pick(areas)}) 555-${tail(g)}`,
    (g) => `${g.pick(areas)}-555-${tail(g)}`,
    (g) => `${g.pick(areas)}.555.${tail(g)}`,
    (g) => `${g.pick(areas)} 555 ${tail(g)}`,
    (g) => `+1 ${g.pick(areas)} 555 ${tail(g)}`,
    (g) => `+1-${g.pick(areas)}-555-${tail(g)}`,
    (g) => `1 (${g.pick(areas)}) 555-${tail(g)}`,
    (g) => `${g.pick(areas)}555${tail(g)}`,
    (g) => `+1 (${g.pick(areas)}) 555-${tail(g)}`,
  ];
}

const PHONE_FORMATS: Record<string, PhoneFmt[]> = {
  'en-US': nanp(US_AREAS),
  'en-CA': nanp(CA_AREAS),
  'en-GB': [
    (g) => `020 7946 0${g.digits(3)}`,
    (g) => `0161 496 0${g.digits(3)}`,
    (g) => `0113 496 0${g.digits(3)}`,
    (g) => `0131 496 0${g.digits(3)}`,
    (g) => `+44 20 7946 0${g.digits(3)}`,
    (g) => `+44 (0)20 7946 0${g.digits(3)}`,
    (g) => `+44 161 496 0${g.digits(3)}`,
    (g) => `07${g.pick(['911', '400', '723', '865'])} ${g.digits(6)}`,
    (g) => `+44 7${g.pick(['911', '400', '723'])} ${g.digits(3)} ${g.digits(3)}`,
    (g) => `(020) 7946 0${g.digits(3)}`,
    (g) => `02079460${g.digits(3)}`,
  ],
  'en-AU': [
    (g) => `0491 570 ${g.digits(3)}`,
    (g) => `+61 491 570 ${g.digits(3)}`,
    (g) => `(02) 5550 ${g.digits(4)}`,
    (g) => `(03) 5550 ${g.digits(4)}`,
    (g) => `0491570${g.digits(3)}`,
    (g) => `+61 2 5550 ${g.digits(4)}`,
    (g) => `07 5550 ${g.digits(4)}`,
    (g) => `+61 (0)491 570 ${g.digits(3)}`,
  ],
  'en-IN': [
    (g) => `9${g.digits(4)} ${g.digits(5)}`,
    (g) => `+91 9${g.digits(4)} ${g.digits(5)}`,
    (g) => `+91-9${g.digits(9)}`,
    (g) => `022 2${g.digits(3)} ${g.digits(4)}`,
    (g) => `080-4${g.digits(3)}-${g.digits(4)}`,
    (g) => `7${g.digits(9)}`,
    (g) => `+91 80 4${g.digits(3)} ${g.digits(4)}`,
    (g) => `011-2${g.digits(3)}-${g.digits(4)}`,
  ],
  'de-DE': [
    (g) => `030 ${g.int(2, 9)}${g.digits(6)}`,
    (g) => `030/${g.int(2, 9)}${g.digits(6)}`,
    (g) => `+49 (0)30 ${g.int(2, 9)}${g.digits(6)}`,
    (g) => `0151 ${g.digits(8)}`,
    (g) => `0171-${g.digits(7)}`,
    (g) => `+49 171 ${g.digits(7)}`,
    (g) => `089 / ${g.int(2, 9)}${g.digits(2)} ${g.digits(3)} ${g.digits(2)}`,
    (g) => `0221 ${g.int(2, 9)}${g.digits(6)}`,
    (g) => `+49 40 ${g.int(2, 9)}${g.digits(7)}`,
    (g) => `0049 30 ${g.int(2, 9)}${g.digits(6)}`,
    (g) => `0176 ${g.digits(4)} ${g.digits(4)}`,
  ],
  'fr-FR': [
    (g) => `06 ${g.digits(2)} ${g.digits(2)} ${g.digits(2)} ${g.digits(2)}`,
    (g) => `07 ${g.int(5, 8)}${g.digits(1)} ${g.digits(2)} ${g.digits(2)} ${g.digits(2)}`,
    (g) => `01 ${g.int(4, 5)}${g.digits(1)} ${g.digits(2)} ${g.digits(2)} ${g.digits(2)}`,
    (g) => `04.7${g.digits(1)}.${g.digits(2)}.${g.digits(2)}.${g.digits(2)}`,
    (g) => `+33 6 ${g.digits(2)} ${g.digits(2)} ${g.digits(2)} ${g.digits(2)}`,
    (g) => `+33 (0)1 4${g.digits(1)} ${g.digits(2)} ${g.digits(2)} ${g.digits(2)}`,
    (g) => `06${g.digits(8)}`,
    (g) => `05-56-${g.digits(2)}-${g.digits(2)}-${g.digits(2)}`,
  ],
  'es-ES': [
    (g) => `6${g.digits(2)} ${g.digits(3)} ${g.digits(3)}`,
    (g) => `6${g.digits(2)} ${g.digits(2)} ${g.digits(2)} ${g.digits(2)}`,
    (g) => `91 ${g.digits(3)} ${g.digits(2)} ${g.digits(2)}`,
    (g) => `93 ${g.digits(3)} ${g.digits(2)} ${g.digits(2)}`,
    (g) => `+34 6${g.digits(2)} ${g.digits(3)} ${g.digits(3)}`,
    (g) => `0034 6${g.digits(2)} ${g.digits(3)} ${g.digits(3)}`,
    (g) => `6${g.digits(8)}`,
    (g) => `96${g.digits(1)} ${g.digits(3)} ${g.digits(3)}`,
  ],
  'it-IT': [
    (g) => `3${g.pick(['33', '47', '40', '28', '89'])} ${g.digits(3)} ${g.digits(4)}`,
    (g) => `3${g.pick(['33', '47', '40'])} ${g.digits(7)}`,
    (g) => `06 ${g.digits(4)} ${g.digits(4)}`,
    (g) => `02 ${g.digits(4)} ${g.digits(4)}`,
    (g) => `+39 3${g.pick(['33', '47', '40'])} ${g.digits(3)} ${g.digits(4)}`,
    (g) => `+39 06 ${g.digits(8)}`,
    (g) => `011 ${g.digits(3)} ${g.digits(4)}`,
    (g) => `3${g.pick(['33', '47'])}-${g.digits(7)}`,
  ],
  'nl-NL': [
    (g) => `06-${g.int(1, 6)}${g.digits(7)}`,
    (g) => `06 ${g.int(1, 6)}${g.digits(1)} ${g.digits(2)} ${g.digits(2)} ${g.digits(2)}`,
    (g) => `020-${g.int(2, 8)}${g.digits(2)} ${g.digits(4)}`,
    (g) => `+31 6 ${g.int(1, 6)}${g.digits(7)}`,
    (g) => `+31 (0)20 ${g.int(2, 8)}${g.digits(2)} ${g.digits(4)}`,
    (g) => `010 ${g.int(2, 8)}${g.digits(2)} ${g.digits(2)} ${g.digits(2)}`,
    (g) => `06${g.int(1, 6)}${g.digits(7)}`,
    (g) => `030 ${g.int(2, 8)}${g.digits(6)}`,
  ],
  'pt-BR': [
    (g) => `(11) 9${g.int(6, 9)}${g.digits(3)}-${g.digits(4)}`,
    (g) => `(21) 9${g.int(6, 9)}${g.digits(3)}-${g.digits(4)}`,
    (g) => `+55 11 9${g.int(6, 9)}${g.digits(3)}-${g.digits(4)}`,
    (g) => `(11) 3${g.digits(3)}-${g.digits(4)}`,
    (g) => `11 9${g.int(6, 9)}${g.digits(3)} ${g.digits(4)}`,
    (g) => `+55 (21) 2${g.digits(3)}-${g.digits(4)}`,
    (g) => `(41) 9${g.int(6, 9)}${g.digits(3)}-${g.digits(4)}`,
    (g) => `(31) 3${g.digits(3)}-${g.digits(4)}`,
    (g) => `+55 61 9${g.int(6, 9)}${g.digits(3)}-${g.digits(4)}`,
  ],
};

/** A valid phone number in one of the locale's written formats. */
export function phone(g: Gen, locale: string): string {
  const fmts = PHONE_FORMATS[locale];
  const region = REGION[locale];
  if (!fmts || !region) throw new Error(`no phone formats for ${locale}`);
  for (let i = 0; i < 200; i++) {
    const s = g.pick(fmts)(g);
    if (isValidPhone(s, region)) return s;
  }
  throw new Error(`could not make a valid phone for ${locale}`);
}

const EN_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const DE_WORDS = ['null', 'eins', 'zwei', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun'];
const FR_WORDS = ['zéro', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf'];
const ES_WORDS = ['cero', 'uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve'];

/** A phone number with some of its digit groups spelled out in words; valid once the words are read as digits. */
export function spelledPhone(g: Gen, locale: string): string {
  const region = REGION[locale];
  for (let i = 0; i < 200; i++) {
    const s = spelledCandidate(g, locale);
    const digits = s.split(' ').map((t) => DIGIT_WORDS[t.toLowerCase()] ?? t).join(' ');
    if (region && isValidPhone(digits, region)) return s;
  }
  throw new Error(`could not make a valid spelled-out phone for ${locale}`);
}

function spelledCandidate(g: Gen, locale: string): string {
  const words = locale.startsWith('de') ? DE_WORDS : locale.startsWith('fr') ? FR_WORDS : locale.startsWith('es') ? ES_WORDS : EN_WORDS;
  const spell = (ds: string): string => [...ds].map((d) => words[Number(d)] ?? d).join(' ');
  if (locale === 'en-US' || locale === 'en-CA') {
    const area = g.pick(locale === 'en-US' ? US_AREAS : CA_AREAS);
    const tail = `01${g.digits(2)}`;
    return g.pick([
      `${area} five five five ${tail}`,
      `${spell(area)} five five five ${tail}`,
      `(${area}) five five five - ${spell(tail)}`,
    ]);
  }
  if (locale === 'en-GB') return `oh two oh 7946 0${g.digits(3)}`;
  if (locale === 'en-AU') return `oh four nine one 570 ${g.digits(3)}`;
  if (locale === 'de-DE') return `null eins fünf eins ${g.digits(4)} ${g.digits(4)}`;
  if (locale === 'fr-FR') return `zéro six ${g.digits(2)} ${g.digits(2)} ${g.digits(2)} ${g.digits(2)}`;
  if (locale === 'es-ES') return `seis ${g.digits(2)} ${g.digits(3)} ${g.digits(3)}`;
  return phone(g, locale);
}

/** Digit words the fixture checker accepts inside a spelled-out phone label. */
export const DIGIT_WORDS: Record<string, string> = {};
for (const list of [EN_WORDS, DE_WORDS, FR_WORDS, ES_WORDS]) list.forEach((w, i) => { DIGIT_WORDS[w] = String(i); });
DIGIT_WORDS.oh = '0';

// ---------- emails ----------

const LOCALS: Record<string, string[]> = {
  en: ['jane.doe', 'mike_1987', 'sarahk', 'tom.baker', 'liam.oconnor', 'chloe.w', 'dave.smith84', 'jen_runs', 'olivia.r', 'b.jones'],
  'en-IN': ['priya.sharma', 'rahul.verma92', 'anita.k', 'vikram_s', 'deepa.iyer', 'arjun.mehta'],
  de: ['k.mueller', 'jens.becker', 'anna_schmidt', 'markus.weber', 'lena.fischer', 'heike1972'],
  fr: ['sophie.martin', 'julien.dubois', 'camille_l', 'nicolas.bernard', 'elodie.petit'],
  es: ['lucia.garcia', 'javier.lopez', 'marta_sanchez', 'pablo.ruiz', 'laura.fdez'],
  it: ['giulia.rossi', 'marco.bianchi', 'chiara_romano', 'luca.esposito', 'sara.ricci'],
  nl: ['jan.devries', 'sanne.jansen', 'pieter_b', 'lotte.visser', 'daan.smit'],
  pt: ['joao.silva', 'ana.souza', 'pedro_oliveira', 'mariana.costa', 'lucas.santos'],
};
const DOMAINS = ['example.com', 'example.org', 'example.net', 'mail.example.com', 'post.example', 'club.example', 'home.test', 'example.co.uk'];

export function emailLocal(g: Gen, locale: string): string {
  const key = locale === 'en-IN' ? 'en-IN' : locale.slice(0, 2);
  return g.pick(LOCALS[key] ?? LOCALS.en ?? ['someone']);
}

export function emailDomain(g: Gen): string {
  // example.co.uk is not reserved: keep to the reserved ones.
  return g.pick(DOMAINS.filter((d) => d !== 'example.co.uk'));
}

export interface EmailForm {
  /** Text as it appears in the post. */
  text: string;
  /** Plain address (for mailto links), when the form is a plain address. */
  plain?: string;
  note: string;
}

/** An email written plainly or obfuscated the way people do on forums. */
export function emailForm(g: Gen, locale: string, format: string, obfuscate: boolean): EmailForm {
  const local = emailLocal(g, locale);
  const domain = emailDomain(g);
  const plain = `${local}@${domain}`;
  if (!obfuscate) return { text: plain, plain, note: 'plain address' };
  const parts = domain.split('.');
  const atWord = locale.startsWith('fr') ? g.pick(['at', 'arobase']) : locale.startsWith('es') || locale.startsWith('pt') ? g.pick(['at', 'arroba']) : 'at';
  const dotWord = locale.startsWith('de') ? g.pick(['dot', 'punkt']) : locale.startsWith('fr') ? g.pick(['dot', 'point']) : locale.startsWith('es') || locale.startsWith('it') ? g.pick(['dot', 'punto']) : locale.startsWith('pt') ? g.pick(['dot', 'ponto']) : 'dot';
  const forms: EmailForm[] = [
    { text: `${local} ${atWord} ${parts.join(` ${dotWord} `)}`, note: 'spelled-out at/dot' },
    { text: `${local}[at]${domain}`, note: '[at] obfuscation' },
    { text: `${local} [at] ${parts.join(' [dot] ')}`, note: '[at] [dot] obfuscation' },
    { text: `${local}(at)${domain}`, note: '(at) obfuscation' },
    { text: `${local} (at) ${parts.join(' (dot) ')}`, note: '(at) (dot) obfuscation' },
    { text: `${local} {at} ${parts.join(' {dot} ')}`, note: '{at} {dot} obfuscation' },
    { text: `${local} @ ${parts.join(' . ')}`, note: 'spaced-out address' },
    { text: `${local}＠${domain}`, note: 'fullwidth at sign' },
    { text: `${local.slice(0, 2)}\u200b${local.slice(2)}@${domain}`, note: 'zero-width space inside' },
    { text: `${local}@\u200d${domain}`, note: 'zero-width joiner after @' },
    { text: `${local.toUpperCase()} AT ${parts.join(' DOT ').toUpperCase()}`, note: 'upper-case AT/DOT' },
  ];
  if (format === 'html' || format === 'markdown') {
    forms.push({ text: `${local}&#64;${domain}`, note: '&#64; entity' });
    forms.push({ text: `${local}&#x40;${parts.join('&#46;')}`, note: 'hex/decimal entities' });
  }
  return g.pick(forms);
}

// ---------- checksummed numbers ----------

export function luhnOk(digits: string): boolean {
  let sum = 0;
  let dbl = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = Number(digits[i]);
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    dbl = !dbl;
  }
  return digits.length > 0 && sum % 10 === 0;
}

const TEST_CARDS = [
  '4111 1111 1111 1111', '4242 4242 4242 4242', '5555 5555 5555 4444', '5105 1051 0510 5100',
  '4012 8888 8888 1881', '3782 822463 10005', '6011 1111 1111 1117', '3530 1113 3330 0000',
  '4000 0566 5566 5556', '5200 8282 8282 8210', '3714 496353 98431',
];

function luhnComplete(prefix: string, g: Gen, len: number): string {
  const body = prefix + g.digits(len - prefix.length - 1);
  for (let c = 0; c < 10; c++) if (luhnOk(body + String(c))) return body + String(c);
  throw new Error('unreachable');
}

export function card(g: Gen): string {
  if (g.chance(0.5)) {
    const c = g.pick(TEST_CARDS);
    return g.pick([c, c.split(' ').join('-'), c.split(' ').join('')]);
  }
  const d = luhnComplete(g.pick(['4', '51', '52', '55', '2221']), g, 16);
  const grouped = `${d.slice(0, 4)} ${d.slice(4, 8)} ${d.slice(8, 12)} ${d.slice(12)}`;
  return g.pick([grouped, d, grouped.split(' ').join('-')]);
}

export function ibanOk(iban: string): boolean {
  const s = iban.split(' ').join('').toUpperCase();
  if (s.length < 15) return false;
  const moved = s.slice(4) + s.slice(0, 4);
  let rem = 0;
  for (const ch of moved) {
    const code = ch.charCodeAt(0);
    const v = code >= 65 && code <= 90 ? String(code - 55) : ch;
    for (const d of v) rem = (rem * 10 + Number(d)) % 97;
  }
  return rem === 1;
}

function makeIban(country: string, bban: string): string {
  const moved = `${bban}${country}00`;
  let rem = 0;
  for (const ch of moved) {
    const code = ch.charCodeAt(0);
    const v = code >= 65 && code <= 90 ? String(code - 55) : ch;
    for (const d of v) rem = (rem * 10 + Number(d)) % 97;
  }
  const check = String(98 - rem).padStart(2, '0');
  return `${country}${check}${bban}`;
}

const IBAN_COUNTRY: Record<string, string> = { 'de-DE': 'DE', 'fr-FR': 'FR', 'es-ES': 'ES', 'it-IT': 'IT', 'nl-NL': 'NL', 'pt-BR': 'BR', 'en-GB': 'GB' };

export function iban(g: Gen, locale: string): string {
  const country = IBAN_COUNTRY[locale] ?? 'DE';
  let bban: string;
  switch (country) {
    case 'DE': bban = `${g.pick(['37040044', '10010010', '50010517', '76026000'])}${g.digits(10)}`; break;
    case 'FR': bban = `${g.digits(5)}${g.digits(5)}${g.digits(11)}${g.digits(2)}`; break;
    case 'ES': bban = `${g.pick(['2100', '0049', '2085'])}${g.digits(16)}`; break;
    case 'IT': bban = `${g.pick(['X', 'A', 'K'])}${g.pick(['05428', '03069'])}${g.digits(5)}${g.digits(12)}`; break;
    case 'NL': bban = `${g.pick(['ABNA', 'INGB', 'RABO'])}${g.digits(10)}`; break;
    case 'BR': bban = `${g.digits(8)}${g.digits(5)}${g.digits(10)}${g.pick(['C', 'P'])}1`; break;
    default: bban = `${g.pick(['WEST', 'NWBK', 'BARC'])}${g.digits(6)}${g.digits(8)}`;
  }
  const compact = makeIban(country, bban);
  if (!ibanOk(compact)) throw new Error('iban generator bug');
  if (g.chance(0.25)) return compact;
  const groups: string[] = [];
  for (let i = 0; i < compact.length; i += 4) groups.push(compact.slice(i, i + 4));
  return groups.join(' ');
}

export const KNOWN_IBANS = ['DE89 3704 0044 0532 0130 00', 'GB82 WEST 1234 5698 7654 32', 'NL91 ABNA 0417 1643 00', 'FR14 2004 1010 0505 0001 3M02 606'];

export function ssn(g: Gen): string {
  let area = g.int(1, 899);
  if (area === 666) area = 667;
  return `${g.pad(area, 3)}-${g.pad(g.int(1, 99), 2)}-${g.pad(g.int(1, 9999), 4)}`;
}

export function cpf(g: Gen): string {
  const n = [...g.digits(9)].map(Number);
  const dv = (arr: number[]): number => {
    let s = 0;
    arr.forEach((d, i) => { s += d * (arr.length + 1 - i); });
    const r = (s * 10) % 11;
    return r === 10 ? 0 : r;
  };
  const d1 = dv(n);
  const d2 = dv([...n, d1]);
  const all = [...n, d1, d2].join('');
  return `${all.slice(0, 3)}.${all.slice(3, 6)}.${all.slice(6, 9)}-${all.slice(9)}`;
}

export function cpfOk(text: string): boolean {
  const ds = [...text].filter((c) => c >= '0' && c <= '9').map(Number);
  if (ds.length !== 11 || ds.every((d) => d === ds[0])) return false;
  const dv = (arr: number[]): number => {
    let s = 0;
    arr.forEach((d, i) => { s += d * (arr.length + 1 - i); });
    const r = (s * 10) % 11;
    return r === 10 ? 0 : r;
  };
  return dv(ds.slice(0, 9)) === ds[9] && dv(ds.slice(0, 10)) === ds[10];
}

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
export function dni(g: Gen): string {
  const n = g.int(10000000, 99999999);
  return `${n}${DNI_LETTERS[n % 23] ?? 'T'}`;
}
export function dniOk(text: string): boolean {
  const n = Number(text.slice(0, 8));
  return text.length === 9 && Number.isInteger(n) && DNI_LETTERS[n % 23] === text[8];
}

export function bsn(g: Gen): string {
  for (;;) {
    const d = g.digits(9);
    if (d[0] !== '0' && bsnOk(d)) return d;
  }
}
export function bsnOk(text: string): boolean {
  const ds = [...text].filter((c) => c >= '0' && c <= '9').map(Number);
  if (ds.length !== 9) return false;
  let s = 0;
  ds.forEach((d, i) => { s += i === 8 ? -d : d * (9 - i); });
  return s % 11 === 0;
}

// ---------- hard negatives ----------

export function date(g: Gen, locale: string): string {
  const d = g.int(1, 28);
  const m = g.int(1, 12);
  const y = g.int(1950, 2026);
  const dd = g.pad(d, 2);
  const mm = g.pad(m, 2);
  if (g.chance(0.2)) return `${y}-${mm}-${dd}`;
  switch (locale) {
    case 'en-US': return g.pick([`${mm}/${dd}/${y}`, `${m}/${d}/${String(y).slice(2)}`, `March ${d}, ${y}`]);
    case 'en-GB': case 'en-AU': case 'en-IN': return g.pick([`${dd}/${mm}/${y}`, `${d} March ${y}`, `${dd}-${mm}-${y}`]);
    case 'en-CA': return g.pick([`${y}-${mm}-${dd}`, `${dd}/${mm}/${y}`]);
    case 'de-DE': return g.pick([`${dd}.${mm}.${y}`, `${d}.${m}.${String(y).slice(2)}`, `${d}. März ${y}`]);
    case 'fr-FR': return g.pick([`${dd}/${mm}/${y}`, `${d} mars ${y}`]);
    case 'es-ES': return g.pick([`${dd}/${mm}/${y}`, `${d} de marzo de ${y}`, `${dd}-${mm}-${y}`]);
    case 'it-IT': return g.pick([`${dd}/${mm}/${y}`, `${d} marzo ${y}`]);
    case 'nl-NL': return g.pick([`${dd}-${mm}-${y}`, `${d} maart ${y}`]);
    default: return g.pick([`${dd}/${mm}/${y}`, `${d} de março de ${y}`]);
  }
}

export function time(g: Gen, locale: string): string {
  const h = g.int(0, 23);
  const mi = g.pad(g.pick([0, 15, 30, 45, g.int(0, 59)]), 2);
  if (locale === 'en-US' || locale === 'en-CA') return `${(h % 12) + 1}:${mi} ${h < 12 ? 'AM' : 'pm'}`;
  if (locale === 'fr-FR') return `${h}h${mi}`;
  return `${g.pad(h, 2)}:${mi}`;
}

export function price(g: Gen, locale: string): string {
  const big = g.int(5, 3500);
  const c = g.pad(g.int(0, 99), 2);
  const grp = (n: number, sep: string): string => (n >= 1000 ? `${Math.floor(n / 1000)}${sep}${g.pad(n % 1000, 3)}` : String(n));
  switch (locale) {
    case 'en-US': case 'en-CA': case 'en-AU': return `$${grp(big, ',')}.${c}`;
    case 'en-GB': return `£${grp(big, ',')}`;
    case 'en-IN': return `₹${grp(big * 20, ',')}`;
    case 'pt-BR': return `R$ ${grp(big, '.')},${c}`;
    case 'fr-FR': return `${grp(big, ' ')},${c} €`;
    default: return g.pick([`${grp(big, '.')},${c} €`, `€${big}`, `${big} EUR`]);
  }
}

export const EMERGENCY: Record<string, string[]> = {
  'en-US': ['911'], 'en-CA': ['911'], 'en-GB': ['999', '111', '112'], 'en-AU': ['000', '112'], 'en-IN': ['112', '100', '108'],
  'de-DE': ['112', '110', '116 117'], 'fr-FR': ['15', '17', '18', '112'], 'es-ES': ['112', '091'], 'it-IT': ['112', '118'],
  'nl-NL': ['112', '0900-8844'], 'pt-BR': ['190', '192', '193'],
};

export function order(g: Gen): string {
  return g.pick([
    `${g.digits(3)}-${g.digits(7)}-${g.digits(7)}`,
    `#${g.digits(8)}`,
    `ORD-${g.int(2019, 2026)}-${g.digits(6)}`,
    `${g.digits(10)}`,
    `A${g.digits(9)}`,
  ]);
}
export function track(g: Gen): string {
  return g.pick([
    `1Z${g.digits(3)}AA1${g.digits(10)}`,
    `JJD${g.digits(18)}`,
    `00${g.digits(18)}`,
    `LX${g.digits(9)}DE`,
    `RR${g.digits(9)}BR`,
    `${g.digits(12)}`,
  ]);
}
export function invoice(g: Gen): string {
  return g.pick([`INV-${g.int(2020, 2026)}-${g.digits(5)}`, `RE-${g.digits(7)}`, `F${g.int(2020, 2026)}/${g.digits(4)}`, `${g.digits(4)}/${g.int(2020, 2026)}`]);
}
export function ticket(g: Gen): string {
  return g.pick([`#${g.digits(5)}`, `INC${g.digits(7)}`, `CS-${g.digits(6)}`]);
}
export function score(g: Gen): string {
  return g.pick([`${g.int(0, 5)}-${g.int(0, 5)}`, `${g.int(0, 4)}:${g.int(0, 4)}`, `${g.int(60, 120)}-${g.int(60, 120)}`]);
}
export function years(g: Gen): string {
  const a = g.int(1965, 2015);
  return g.pick([`${a}-${a + g.int(2, 9)}`, `${a}–${a + g.int(1, 9)}`, `${a} to ${a + g.int(2, 9)}`]);
}
export function isbn(g: Gen): string {
  return g.pick(['978-3-16-148410-0', '0-306-40615-2', '978-0-596-52068-7', '978-88-04-66707-3', '978-2-07-036822-8', '9780140449136', '978-85-359-0277-1']);
}
export function model(g: Gen): string {
  return g.pick(['Samsung SM-G991B', 'ThinkPad T14s Gen 3 (21BR00CVGE)', 'Sony WH-1000XM5', 'RTX 4090', 'Fritz!Box 7590 AX', 'iPhone 13 (A2633)', 'HP LaserJet M404dn', 'Bosch WAN28281GB', 'Pixel 8 Pro', 'Canon EOS 2000D', 'Dell U2720Q', 'Raspberry Pi 4 Model B 8GB']);
}
export function part(g: Gen): string {
  return g.pick([`03X${g.digits(4)}`, `A${g.digits(4)}`, `5Q0 ${g.digits(3)} ${g.digits(3)} B`, `PN ${g.digits(2)}-${g.digits(5)}-${g.digits(2)}`, `11 42 7 ${g.digits(3)} ${g.digits(3)}`, `${g.digits(6)}-${g.digits(3)}`]);
}
export function version(g: Gen): string {
  return g.pick([`v${g.int(1, 20)}.${g.int(0, 30)}.${g.int(0, 9)}`, `${g.int(1, 5)}.${g.int(0, 9)}.${g.int(0, 20)}-beta.${g.int(1, 4)}`, `Node ${g.int(18, 22)}.${g.int(0, 12)}.${g.int(0, 9)}`, `Android ${g.int(11, 15)}`, `iOS 17.${g.int(0, 6)}.${g.int(1, 3)}`, `6.5.0-${g.int(10, 40)}-generic`, `build ${g.int(19041, 26100)}.${g.int(100, 4000)}`, `${g.int(2019, 2026)}.${g.int(1, 12)}.${g.int(1, 9)}`]);
}
export function coord(g: Gen): string {
  return g.pick([`${g.int(35, 59)}.${g.digits(4)}, ${g.int(-9, 15)}.${g.digits(4)}`, `${g.int(35, 59)}°${g.int(0, 59)}′N ${g.int(0, 15)}°${g.int(0, 59)}′E`, `-${g.int(12, 38)}.${g.digits(5)}, ${g.int(115, 153)}.${g.digits(5)}`]);
}
export function mention(g: Gen, names: readonly string[]): string {
  const n = g.pick(names);
  return g.pick([`@${n}`, `@${n.toLowerCase()}_${g.int(70, 99)}`, `@${n.toLowerCase()}.dev`]);
}
