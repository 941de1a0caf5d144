/**
 * Validates the blind held-out corpus in fixtures/holdout/*.jsonl.
 *
 *   npx tsx scripts/check-holdout.ts [dir]
 *
 * Checks, on top of the shared fixture format (scripts/eval-lib.ts validatePost): ids unique and
 * prefixed "ho-", no two posts with the same text, every phone label valid per
 * libphonenumber-js/max for the post's region (or in international form), payment cards pass
 * Luhn, IBANs pass mod-97, national ids pass their locale's checksum, e-mail labels (after undoing obfuscation) use a reserved domain.
 * Exit 0 when all pass, 1 on any problem (each printed), 2 when the folder cannot be read.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { FixtureError, parseFixtureFile, type FixturePost } from './eval-lib';

const REGION: Record<string, CountryCode> = {
  'en-US': 'US', 'en-GB': 'GB', 'en-CA': 'CA', 'en-AU': 'AU', 'en-IN': 'IN', 'de-DE': 'DE',
  'fr-FR': 'FR', 'es-ES': 'ES', 'it-IT': 'IT', 'nl-NL': 'NL', 'pt-BR': 'BR',
};

const DIGIT_WORDS: Record<string, string> = {
  zero: '0', oh: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9',
  cero: '0', uno: '1', dos: '2', tres: '3', cuatro: '4', cinco: '5', seis: '6', siete: '7', ocho: '8', nueve: '9',
};

/** Decodes the HTML entities used in the corpus (numeric, hex, and a few named). */
export function decodeEntities(s: string): string {
  // Accepts &#64; / &#x40; / &amp; style entities (1–7 digits or a short name); rejects bare "&".
  return s.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (m, body: string) => {
    const b = body.toLowerCase();
    if (b.startsWith('#x')) return String.fromCodePoint(parseInt(b.slice(2), 16));
    if (b.startsWith('#')) return String.fromCodePoint(parseInt(b.slice(1), 10));
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', commat: '@', period: '.', nbsp: ' ' };
    return named[b] ?? m;
  });
}

/** Strips markup, entities, zero-width characters and fullwidth forms from a label's text. */
export function plainValue(s: string): string {
  // Accepts HTML tags (<b>, </span>, <a href="…">) up to 200 chars; rejects a lone "<".
  const noHtml = s.replace(/<[^<>]{1,200}>/g, ' ');
  // Accepts bbcode tags ([b], [/i], [color=red]) up to 40 chars; rejects brackets holding spaces-only words like "[at]" (handled by email de-obfuscation first).
  const noBb = noHtml.replace(/\[\/?(?:b|i|u|s|color|size|url|code|quote)(?:=[^\]\s]{1,30})?\]/gi, ' ');
  // Accepts zero-width space/joiners and BOM; rejects every visible character.
  return decodeEntities(noBb).normalize('NFKC').replace(/[\u200b-\u200d\ufeff]/g, '');
}

/** Undoes spelled-out e-mail obfuscation ("at"/"dot" and their translations, bracketed or not). */
export function deobfuscateEmail(s: string): string {
  let v = plainValue(s);
  // Accepts " at ", "[at]", "(at)", " arobase ", " arroba ", "(chiocciola)", " apenstaartje "; rejects "at" inside a word.
  v = v.replace(/\s{0,3}[[({]?\s{0,2}\b(?:at|arobase|arroba|chiocciola|apenstaartje)\b\s{0,2}[\])}]?\s{0,3}/gi, '@');
  // Accepts " dot ", "[dot]", "(punkt)", " point ", " punto ", " ponto ", " punt "; rejects "dot" inside a word.
  v = v.replace(/\s{0,3}[[({]?\s{0,2}\b(?:dot|punkt|point|punto|ponto|punt)\b\s{0,2}[\])}]?\s{0,3}/gi, '.');
  return v.replace(/\s/g, '');
}

/** Domains reserved for documentation: example.com/.org/.net, *.example, *.test. */
export function reservedDomain(domain: string): boolean {
  const d = domain.toLowerCase();
  return ['example.com', 'example.org', 'example.net'].includes(d) || d.endsWith('.example') || d.endsWith('.test') || d === 'example';
}

/** Replaces digit words (English/Spanish) with digits, and "double"/"triple" X with XX/XXX. */
export function wordsToDigits(s: string): string {
  // Accepts "double five", "triple oh"; rejects "doubles".
  let v = s.replace(/\b(double|triple)\s{1,3}([a-z]{2,6})\b/gi, (m, k: string, w: string) => {
    const d = DIGIT_WORDS[w.toLowerCase()];
    return d ? d.repeat(k.toLowerCase() === 'double' ? 2 : 3) : m;
  });
  // Accepts a single letter word of 2–6 letters; rejects nothing by itself (lookup decides).
  v = v.replace(/\b[a-z]{2,6}\b/gi, (w) => DIGIT_WORDS[w.toLowerCase()] ?? w);
  return v;
}

/** Is `text` one of the locale pack's short service numbers (rules/phone/<locale>.json, 'x' = any digit)? */
function isShortCode(text: string, locale: string): boolean {
  const digits = text.replace(/ /g, '');
  if (!/^\d{3,6}$/.test(digits)) return false;
  const pack = JSON.parse(readFileSync(join(__dirname, '..', 'rules', 'phone', `${locale}.json`), 'utf8')) as { shortCodes?: { number: string }[] };
  return (pack.shortCodes ?? []).some(({ number }) => {
    const c = number.replace(/ /g, '');
    return c.length === digits.length && [...c].every((ch, i) => ch === 'x' || ch === digits[i]);
  });
}

export function phoneValid(text: string, locale: string): boolean {
  const region = REGION[locale];
  if (isShortCode(text, locale)) return true;
  const v = wordsToDigits(plainValue(text)).replace(/,/g, ' ');
  const p = parsePhoneNumberFromString(v, region);
  return p !== undefined && p.isValid();
}

export function luhn(text: string): boolean {
  const d = plainValue(text).replace(/[\s-]/g, '');
  // Accepts 12–19 digits only; rejects letters or other separators.
  if (!/^[0-9]{12,19}$/.test(d)) return false;
  return luhnDigits(d);
}

function luhnDigits(d: string): boolean {
  let sum = 0;
  for (let i = 0; i < d.length; i++) {
    let n = Number(d[d.length - 1 - i]);
    if (i % 2 === 1) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return sum % 10 === 0;
}

export function ibanValid(text: string): boolean {
  const v = plainValue(text).replace(/\s/g, '').toUpperCase();
  // Accepts country code, two check digits, 10–30 alphanumerics; rejects anything else.
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}$/.test(v)) return false;
  const r = v.slice(4) + v.slice(0, 4);
  let rem = 0;
  for (const ch of r) {
    const code = ch >= 'A' && ch <= 'Z' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const c of code) rem = (rem * 10 + Number(c)) % 97;
  }
  return rem === 1;
}

export function emailValid(text: string): boolean {
  const v = deobfuscateEmail(text);
  // Accepts local@domain.tld with a 1–64 char local part and dotted domain; rejects anything else.
  const m = /^[A-Za-z0-9._%+-]{1,64}@([A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,5})$/.exec(v);
  return m !== null && m[1] !== undefined && reservedDomain(m[1]);
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
const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
const CF_ODD: Record<string, number> = {
  '0': 1, '1': 0, '2': 5, '3': 7, '4': 9, '5': 13, '6': 15, '7': 17, '8': 19, '9': 21, A: 1, B: 0, C: 5, D: 7, E: 9, F: 13, G: 15,
  H: 17, I: 19, J: 21, K: 2, L: 4, M: 18, N: 20, O: 11, P: 3, Q: 6, R: 8, S: 12, T: 14, U: 16, V: 10, W: 22, X: 25, Y: 24, Z: 23,
};

function nums(s: string): number[] {
  return [...s].map(Number);
}

/**
 * Checks a national id label by its shape and the checksum that shape carries (US SSN ranges,
 * UK NINO, CA SIN Luhn, AU TFN weights, IN Aadhaar Verhoeff / PAN shape, DE Steuer-ID, FR NIR
 * key, ES DNI/NIE letter, IT codice fiscale, NL BSN 11-test, BR CPF). Unknown shapes fail.
 */
export function nationalIdValid(text: string, locale: string): boolean {
  const raw = plainValue(text).toUpperCase();
  const compact = raw.replace(/[\s.\-/]/g, '');
  // Accepts 9 digits in 3-2-4 groups (SSN); rejects other groupings.
  if (locale === 'en-US' && /^[0-9]{3}[ -][0-9]{2}[ -][0-9]{4}$/.test(raw)) {
    const a = compact.slice(0, 3);
    return a !== '000' && a !== '666' && a[0] !== '9' && compact.slice(3, 5) !== '00' && compact.slice(5) !== '0000';
  }
  // Accepts a UK NINO with the documentation prefix QQ or a valid first/second letter pair and suffix A–D.
  if (/^(?:QQ|[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])[0-9]{6}[A-D]$/.test(compact)) return locale === 'en-GB';
  // Accepts exactly 9 digits (SIN, TFN, BSN); rejects anything longer or with letters.
  if (/^[0-9]{9}$/.test(compact)) {
    const d = nums(compact);
    if (locale === 'en-CA') return luhnDigits(compact);
    if (locale === 'en-AU') return d.reduce((s, x, i) => s + x * ([1, 4, 3, 7, 5, 8, 6, 9, 10][i] ?? 0), 0) % 11 === 0;
    if (locale === 'nl-NL') return d.reduce((s, x, i) => s + x * (i === 8 ? -1 : 9 - i), 0) % 11 === 0;
    return false;
  }
  // Accepts 12 digits (Aadhaar, first digit 2–9) checked with Verhoeff.
  if (locale === 'en-IN' && /^[2-9][0-9]{11}$/.test(compact)) {
    let c = 0;
    nums(compact).reverse().forEach((x, i) => {
      c = VERHOEFF_D[c]?.[VERHOEFF_P[i % 8]?.[x] ?? 0] ?? 0;
    });
    return c === 0;
  }
  // Accepts an Indian PAN: five letters, four digits, one letter.
  if (locale === 'en-IN' && /^[A-Z]{5}[0-9]{4}[A-Z]$/.test(compact)) return true;
  // Accepts an 11-digit German tax id (first digit non-zero) checked with ISO 7064 MOD 11,10.
  if (locale === 'de-DE' && /^[1-9][0-9]{10}$/.test(compact)) {
    let product = 10;
    for (const x of nums(compact.slice(0, 10))) {
      let sum = (x + product) % 10;
      if (sum === 0) sum = 10;
      product = (sum * 2) % 11;
    }
    const check = 11 - product === 10 ? 0 : 11 - product;
    return check === Number(compact[10]);
  }
  // Accepts a 15-digit French NIR (sex digit 1/2) with its 97-complement key.
  if (locale === 'fr-FR' && /^[12][0-9]{14}$/.test(compact)) {
    return 97 - Number(BigInt(compact.slice(0, 13)) % 97n) === Number(compact.slice(13));
  }
  // Accepts a DNI (8 digits + letter) or NIE (X/Y/Z + 7 digits + letter).
  const dni = /^([XYZ]?)([0-9]{7,8})([A-Z])$/.exec(compact);
  if (locale === 'es-ES' && dni) {
    const prefix = dni[1] === 'Y' ? '1' : dni[1] === 'Z' ? '2' : '0';
    const n = Number(`${dni[1] ? prefix : ''}${dni[2] ?? ''}`);
    return DNI_LETTERS[n % 23] === dni[3];
  }
  // Accepts an Italian codice fiscale: 6 letters, 2 digits, letter, 2 digits, letter, 3 digits, check letter.
  if (locale === 'it-IT' && /^[A-Z]{6}[0-9]{2}[A-Z][0-9]{2}[A-Z][0-9]{3}[A-Z]$/.test(compact)) {
    let t = 0;
    [...compact.slice(0, 15)].forEach((ch, i) => {
      if (i % 2 === 0) t += CF_ODD[ch] ?? 0;
      else t += ch >= '0' && ch <= '9' ? Number(ch) : ch.charCodeAt(0) - 65;
    });
    return String.fromCharCode(65 + (t % 26)) === compact[15];
  }
  // Accepts an 11-digit CPF with both check digits.
  if (locale === 'pt-BR' && /^[0-9]{11}$/.test(compact)) {
    const d = nums(compact);
    const dv = (len: number): number => ((d.slice(0, len).reduce((s, x, i) => s + x * (len + 1 - i), 0) * 10) % 11) % 10;
    return dv(9) === d[9] && dv(10) === d[10];
  }
  return false;
}

export function checkPosts(posts: readonly FixturePost[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const texts = new Map<string, string>();
  for (const p of posts) {
    if (!p.id.startsWith('ho-')) problems.push(`${p.id}: id must start with "ho-"`);
    if (ids.has(p.id)) problems.push(`${p.id}: duplicate id`);
    ids.add(p.id);
    const dup = texts.get(p.text);
    if (dup !== undefined) problems.push(`${p.id}: same text as ${dup}`);
    texts.set(p.text, p.id);
    for (const l of p.labels) {
      const where = `${p.id}: ${l.type} ${JSON.stringify(l.text)}`;
      if (l.type === 'phone' && !phoneValid(l.text, p.locale)) problems.push(`${where} is not a valid phone for ${p.locale}`);
      if (l.type === 'payment_card' && !luhn(l.text)) problems.push(`${where} fails Luhn`);
      if (l.type === 'iban' && !ibanValid(l.text)) problems.push(`${where} fails mod-97`);
      if (l.type === 'email' && !emailValid(l.text)) problems.push(`${where} is not an e-mail on a reserved domain`);
      if (l.type === 'national_id' && !nationalIdValid(l.text, p.locale)) problems.push(`${where} is not a valid national id for ${p.locale}`);
    }
  }
  return problems;
}

function main(): void {
  const dir = resolve(process.argv[2] ?? join(__dirname, '..', 'fixtures', 'holdout'));
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort();
  } catch (e) {
    process.stderr.write(`check-holdout: cannot read ${dir}: ${(e as Error).message}\n`);
    process.exit(2);
  }
  const posts: FixturePost[] = [];
  const problems: string[] = [];
  for (const f of files) {
    try {
      posts.push(...parseFixtureFile(readFileSync(join(dir, f), 'utf8'), f));
    } catch (e) {
      if (e instanceof FixtureError) problems.push(e.message);
      else throw e;
    }
  }
  problems.push(...checkPosts(posts));
  const byLocale = new Map<string, number>();
  const byFormat = new Map<string, number>();
  for (const p of posts) {
    byLocale.set(p.locale, (byLocale.get(p.locale) ?? 0) + 1);
    byFormat.set(p.format, (byFormat.get(p.format) ?? 0) + 1);
  }
  const labels = posts.reduce((n, p) => n + p.labels.length, 0);
  const negatives = posts.filter((p) => p.labels.length === 0).length;
  process.stdout.write(
    `${posts.length} posts in ${files.length} files, ${labels} labels, ${negatives} without PII\n` +
      `locales: ${[...byLocale].map(([k, n]) => `${k} ${n}`).join(', ')}\n` +
      `formats: ${[...byFormat].map(([k, n]) => `${k} ${n}`).join(', ')}\n`,
  );
  for (const pr of problems) process.stdout.write(`PROBLEM ${pr}\n`);
  process.stdout.write(problems.length === 0 ? 'holdout OK\n' : `${problems.length} problem(s)\n`);
  process.exit(problems.length === 0 ? 0 : 1);
}

if (require.main === module) main();
