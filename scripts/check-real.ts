/**
 * Validates the real-text development set in fixtures/real/*.jsonl (docs/fixtures.md, "The
 * real-text set").
 *
 *   npx tsx scripts/check-real.ts [dir]
 *
 * On top of the shared fixture format (scripts/eval-lib.ts validatePost) each excerpt must carry a
 * `source` (the http(s) URL of the page it was rewritten from) and a `note`; ids are unique and
 * prefixed "real-"; no two excerpts have the same text. Values are checked for shape, not for being
 * fictional: published numbers and addresses of businesses and public offices stay as on the page.
 * - phone: valid per libphonenumber-js/max for the post's region or in international form, or a
 *   vanity number whose letters (keypad mapping) give a valid number, a local number printed without
 *   its area code (7–8 digits in two groups, or a Brazilian 9-digit mobile), a number in a drama/documentation range, or a short
 *   service code of 3–6 digits that is not an emergency number (those are never labeled).
 * - email: local@domain.tld shape. payment_card: Luhn. iban: mod-97.
 * Prints the counts per locale and the share of excerpts with contact values.
 * Exit 0 when clean, 1 with one line per problem, 2 when the folder or a file cannot be read.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { FixtureError, LOCALES, duplicateIds, parseFixtureFile, type FixturePost } from './eval-lib';
import { REGION, ibanOk, luhnOk } from './corpus/values';
import { decodeEntities } from './check-fixtures';

/** Emergency numbers of the eleven locales: never a label (a reader does not "contact" them). */
export const EMERGENCY = new Set(['000', '100', '102', '108', '110', '112', '911', '999', '15', '17', '18', '061', '062', '080', '091', '092', '113', '115', '118', '190', '192', '193']);

const KEYPAD: Record<string, string> = {};
for (const [digit, letters] of Object.entries({ 2: 'ABC', 3: 'DEF', 4: 'GHI', 5: 'JKL', 6: 'MNO', 7: 'PQRS', 8: 'TUV', 9: 'WXYZ' })) {
  for (const ch of letters) KEYPAD[ch] = digit;
}

/** Letters of a vanity number turned into keypad digits ("1-800-FLOWERS" → "1-800-3569377"). */
export function keypadDigits(text: string): string {
  return [...text.toUpperCase()].map((c) => KEYPAD[c] ?? c).join('');
}

function digitsOf(text: string): string {
  return [...text].filter((c) => c >= '0' && c <= '9').join('');
}

/**
 * Numbers in ranges reserved for drama and documentation, which libphonenumber rejects: UK 07700 900xxx,
 * 01632 960xxx, 020 7946 0xxx (and +44 forms). Fakes for private individuals may use them.
 */
export function fictional(text: string): boolean {
  let d = digitsOf(text);
  if (d.startsWith('44')) d = `0${d.slice(2)}`;
  return d.length === 11 && (d.startsWith('07700900') || d.startsWith('01632960') || d.startsWith('0207946'));
}

/** Why a phone label is acceptable in the real set, or undefined when it is not. */
export function realPhoneKind(text: string, locale: string): 'number' | 'vanity' | 'short' | 'local' | undefined {
  const region = REGION[locale];
  const s = decodeEntities(text).replace(/\u00a0/g, ' ');
  const valid = (v: string): boolean =>
    (region !== undefined && parsePhoneNumberFromString(v, region)?.isValid() === true) ||
    (v.trim().startsWith('+') && parsePhoneNumberFromString(v)?.isValid() === true);
  if (valid(s) || fictional(s)) return 'number';
  // A label may carry an extension ("ext 123", "poste 12", "Durchwahl -12", "x2307"): check the number before it.
  const beforeExt = s.split(/\s(?:ext\.?|extn\.?|extension|x|poste|Durchwahl|DW|int\.?|interno|toestel|ramal)\s?/i)[0] ?? s;
  if (beforeExt !== s && valid(beforeExt.replace(/[\s,;]+$/, ''))) return 'number';
  if (/[A-Za-z]/.test(s)) {
    const vanity = keypadDigits(s.replace(/\([^)]*\)/g, ''));
    if (valid(vanity)) return 'vanity';
    if (/^[2-9][0-9]{2}[ .-][0-9]{4}$/.test(keypadDigits(s).trim())) return 'vanity';
    // "1 (800) FED INFO (333-4636)": the digits without the words.
    if (valid(s.replace(/[A-Za-z]+/g, ' ').replace(/[()]/g, ' '))) return 'vanity';
    const inParens = /\(([0-9][0-9 .-]{5,20})\)/.exec(s)?.[1];
    if (inParens !== undefined && valid(inParens)) return 'vanity';
  }
  // A mobile star code ("*TIPS", "*(star) TIPS"): the star and up to 6 keypad characters.
  if (/^\*(?:\(star\))?\s?[0-9A-Za-z]{2,6}$/.test(s.trim())) return 'short';
  const d = digitsOf(s);
  // A local number printed without its area code on a city page ("3258-9449"): 7–8 digits in two groups.
  if (/^[2-9][0-9]{2,3}[ .-][0-9]{4}$/.test(s.trim())) return 'local';
  // A Brazilian mobile without its area code: a leading 9, then 4+4 digits ("9 8132-9222").
  if (locale === 'pt-BR' && /^9 ?[6-9][0-9]{3}-?[0-9]{4}$/.test(s.trim())) return 'local';
  if (d.length >= 3 && d.length <= 6 && d.length === s.replace(/[\s-]/g, '').length && !EMERGENCY.has(d)) return 'short';
  return undefined;
}

export function checkRealPost(post: FixturePost, raw: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const source = raw.source;
  if (typeof source !== 'string' || !/^https?:\/\/\S+$/.test(source)) problems.push(`${post.id}: "source" must be the page's http(s) URL`);
  if (post.note === undefined || post.note.trim() === '') problems.push(`${post.id}: "note" is missing`);
  if (!post.id.startsWith('real-')) problems.push(`${post.id}: ids in fixtures/real start with "real-"`);
  for (const l of post.labels) {
    const where = `${post.id}: ${l.type} ${JSON.stringify(l.text)}`;
    if (l.subject === undefined) problems.push(`${where} has no subject`);
    switch (l.type) {
      case 'phone':
        if (realPhoneKind(l.text, post.locale) === undefined) problems.push(`${where} is neither a valid number for ${post.locale}, a vanity number nor a short code`);
        break;
      case 'email':
        if (!/^[^\s@]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,5}$/.test(decodeEntities(l.text))) problems.push(`${where} is not an e-mail address`);
        break;
      case 'payment_card':
        if (!luhnOk(digitsOf(l.text))) problems.push(`${where} fails Luhn`);
        break;
      case 'iban':
        if (!ibanOk(l.text)) problems.push(`${where} fails mod-97`);
        break;
      default:
        break;
    }
  }
  return problems;
}

function main(): void {
  const dir = resolve(process.argv[2] ?? join(__dirname, '..', 'fixtures', 'real'));
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort();
  } catch (e) {
    process.stderr.write(`check-real: cannot read ${dir}: ${(e as Error).message}\n`);
    process.exit(2);
  }
  const posts: FixturePost[] = [];
  const problems: string[] = [];
  for (const f of files) {
    const content = readFileSync(join(dir, f), 'utf8');
    let parsed: FixturePost[];
    try {
      parsed = parseFixtureFile(content, f);
    } catch (e) {
      if (e instanceof FixtureError) {
        process.stderr.write(`${e.message}\n`);
        process.exit(2);
      }
      throw e;
    }
    const raws = content.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
    parsed.forEach((p, i) => problems.push(...checkRealPost(p, raws[i] ?? {})));
    posts.push(...parsed);
  }
  for (const id of duplicateIds(posts)) problems.push(`duplicate id ${id}`);
  const texts = new Map<string, string>();
  for (const p of posts) {
    const other = texts.get(p.text);
    if (other !== undefined) problems.push(`${p.id}: same text as ${other}`);
    texts.set(p.text, p.id);
  }
  for (const p of problems) process.stdout.write(`${p}\n`);
  const positives = posts.filter((p) => p.labels.length > 0).length;
  const perLocale = LOCALES.map((l) => {
    const ps = posts.filter((p) => p.locale === l);
    return `${l} ${ps.length} (${ps.filter((p) => p.labels.length > 0).length}+)`;
  });
  process.stdout.write(`${perLocale.join(', ')}\n`);
  process.stdout.write(
    `${posts.length} excerpts (${positives} with contact values, ${posts.length - positives} negatives), ${posts.reduce((n, p) => n + p.labels.length, 0)} labels, ${problems.length} problem(s)\n`,
  );
  process.exit(problems.length > 0 ? 1 : 0);
}

if (require.main === module) main();
