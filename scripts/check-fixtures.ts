/**
 * Checks the labeled corpus beyond its shape: every phone label is a valid number (libphonenumber-js
 * max metadata) for the post's region or as an international number, every payment_card passes
 * Luhn, every IBAN passes mod-97, national ids pass their checksum, emails use reserved domains,
 * ids are unique and every label occurs in its post.
 *
 *   npx tsx scripts/check-fixtures.ts [--all]     (default: fixtures/posts/core-*.jsonl)
 *
 * Exit 0 when clean, 1 with one line per problem, 2 when a file does not parse.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { FixtureError, duplicateIds, parseFixtureFile, type FixturePost } from './eval-lib';
import { DIGIT_WORDS, REGION, bsnOk, cpfOk, dniOk, ibanOk, luhnOk } from './corpus/values';

const RESERVED = ['example.com', 'example.org', 'example.net'];
const RESERVED_TLDS = ['.example', '.test'];
const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad'];
const AT_WORDS = ['at', 'arobase', 'arroba', 'chiocciola'];
const DOT_WORDS = ['dot', 'punkt', 'point', 'punto', 'ponto', 'punt'];
const wrapped = (words: string[]): string[] => words.flatMap((w) => [`[${w}]`, `(${w})`, `{${w}}`, ` ${w} `]);
const AT_FORMS = [...wrapped(AT_WORDS), '[@]', '(@)', '{@}'];
const DOT_FORMS = wrapped(DOT_WORDS);

/** Undoes the usual obfuscations so the domain can be checked. */
export function deobfuscateEmail(text: string): string {
  let s = text.normalize('NFKC').toLowerCase();
  for (const z of ZERO_WIDTH) s = s.split(z).join('');
  s = s.split('&#64;').join('@').split('&#x40;').join('@').split('&#46;').join('.').split('&#x2e;').join('.');
  for (const f of AT_FORMS) s = s.split(f).join('@');
  for (const f of DOT_FORMS) s = s.split(f).join('.');
  return s.split(' ').join('');
}

export function emailDomainReserved(text: string): boolean {
  const s = deobfuscateEmail(text);
  const at = s.lastIndexOf('@');
  if (at < 1) return false;
  const domain = s.slice(at + 1);
  return RESERVED.some((d) => domain === d || domain.endsWith(`.${d}`)) || RESERVED_TLDS.some((t) => domain.endsWith(t));
}

/** Digit words ("five", "oh", "null") turned into digits; other tokens kept. */
export function spelledToDigits(text: string): string {
  return text
    .split(' ')
    .map((tok) => DIGIT_WORDS[tok.toLowerCase()] ?? tok)
    .join(' ');
}

/**
 * Numeric character references (&#8209; &#x2011;) and &nbsp; decoded.
 * Accepts `&#` + 1–7 decimal digits or `x` + 1–6 hex digits + `;`; leaves any other `&` alone.
 */
const NUMERIC_ENTITY = /&#(x[0-9a-f]{1,6}|[0-9]{1,7});/gi;

export function decodeEntities(text: string): string {
  return text
    .replace(NUMERIC_ENTITY, (_m, code: string) => {
      const n = code[0] === 'x' || code[0] === 'X' ? parseInt(code.slice(1), 16) : parseInt(code, 10);
      return Number.isFinite(n) && n <= 0x10ffff ? String.fromCodePoint(n) : _m;
    })
    .split('&nbsp;')
    .join('\u00a0');
}

/** The locale pack's short service numbers ('x' = any digit), e.g. "116 123", "14 0xx". */
function shortCodes(locale: string): string[] {
  try {
    const pack = JSON.parse(readFileSync(join(__dirname, '..', 'rules', 'phone', `${locale}.json`), 'utf8')) as { shortCodes?: { number: string }[] };
    return (pack.shortCodes ?? []).map((e) => e.number.replace(/ /g, ''));
  } catch {
    return [];
  }
}

/** Phone-keypad digits for letters (vanity numbers such as 1-800-FLOWERS). */
export function keypadDigits(text: string): string {
  const keys = ['abc', 'def', 'ghi', 'jkl', 'mno', 'pqrs', 'tuv', 'wxyz'];
  return text.replace(/[a-z]/gi, (c) => String(keys.findIndex((k) => k.includes(c.toLowerCase())) + 2));
}

export function phoneValid(text: string, locale: string, context?: string): boolean {
  const region = REGION[locale];
  const digits = text.replace(/\s/g, '');
  if (/^\d{3,6}$/.test(digits) && shortCodes(locale).some((c) => c.length === digits.length && [...c].every((ch, i) => ch === 'x' || ch === digits[i]))) return true;
  // A vanity number: letters dialled as keypad digits.
  if (/[a-z]{3}/i.test(text) && /\d/.test(text) && region && parsePhoneNumberFromString(keypadDigits(text).replace(/[^\d+]/g, '').slice(0, 15), region)?.isValid() === true) return true;
  const s = spelledToDigits(decodeEntities(text));
  // A number inside a wa.me/ link is written in international form without the "+".
  if (context !== undefined && context.includes(`wa.me/${text}`) && parsePhoneNumberFromString(`+${text}`)?.isValid() === true) return true;
  if (region && parsePhoneNumberFromString(s, region)?.isValid() === true) return true;
  return s.trim().startsWith('+') && parsePhoneNumberFromString(s)?.isValid() === true;
}

function digitsOf(text: string): string {
  return [...text].filter((c) => c >= '0' && c <= '9').join('');
}

export function ssnOk(text: string): boolean {
  const d = digitsOf(text);
  if (d.length !== 9) return false;
  const area = Number(d.slice(0, 3));
  return area !== 0 && area !== 666 && area < 900 && d.slice(3, 5) !== '00' && d.slice(5) !== '0000' && d !== '123456789';
}

/** Problems with one post's labels (empty when clean). */
export function checkPost(post: FixturePost): string[] {
  const problems: string[] = [];
  for (const l of post.labels) {
    const where = `${post.id}: ${l.type} ${JSON.stringify(l.text)}`;
    if (!post.text.includes(l.text)) problems.push(`${where} does not occur in the text`);
    switch (l.type) {
      case 'phone':
        if (!phoneValid(l.text, post.locale, post.text)) problems.push(`${where} is not a valid phone number for ${post.locale}`);
        break;
      case 'payment_card': {
        const d = digitsOf(l.text);
        if (d.length < 12 || d.length > 19 || !luhnOk(d)) problems.push(`${where} fails Luhn`);
        break;
      }
      case 'iban':
        if (!ibanOk(l.text)) problems.push(`${where} fails mod-97`);
        break;
      case 'email':
        if (!emailDomainReserved(l.text)) problems.push(`${where} is not on a reserved domain`);
        break;
      case 'national_id': {
        const ok =
          post.locale === 'en-US' ? ssnOk(l.text)
          : post.locale === 'pt-BR' ? cpfOk(l.text)
          : post.locale === 'es-ES' ? dniOk(l.text)
          : post.locale === 'nl-NL' ? bsnOk(l.text)
          : true;
        if (!ok) problems.push(`${where} fails its national id check`);
        break;
      }
      default:
        break;
    }
  }
  return problems;
}

export function loadFixtureDir(dir: string, filter: (name: string) => boolean): FixturePost[] {
  const posts: FixturePost[] = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.jsonl') && filter(n)).sort()) {
    posts.push(...parseFixtureFile(readFileSync(join(dir, f), 'utf8'), `fixtures/posts/${f}`));
  }
  return posts;
}

function main(): void {
  const all = process.argv.includes('--all');
  const dir = join(__dirname, '..', 'fixtures', 'posts');
  let posts: FixturePost[];
  try {
    posts = loadFixtureDir(dir, (n) => all || n.startsWith('core-'));
  } catch (e) {
    if (e instanceof FixtureError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  const problems = posts.flatMap(checkPost);
  for (const id of duplicateIds(posts)) problems.push(`duplicate id ${id}`);
  for (const p of problems) process.stdout.write(`${p}\n`);
  const positives = posts.filter((p) => p.labels.length > 0).length;
  process.stdout.write(`${posts.length} posts (${positives} with PII, ${posts.length - positives} without), ${problems.length} problem(s)\n`);
  process.exit(problems.length > 0 ? 1 : 0);
}

if (require.main === module) main();
