/**
 * src/detect/phone-meta.ts reads libphonenumber-js's compact metadata arrays directly (private
 * layout: [calling code, IDD prefix, national number pattern, possible lengths, formats, national
 * prefix, …, national prefix for parsing, …, types[10], …]). package.json pins the library to one
 * minor version; this suite fails loudly when an upgrade changes that layout, by checking the arrays'
 * shape and by comparing what phone-meta derives from them with the library's public API on the
 * library's own example numbers for every region.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getCountries, getCountryCallingCode, getExampleNumber, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/examples.mobile.json';
import metadata from 'libphonenumber-js/metadata.max.json';
import { Metadata } from 'libphonenumber-js/core';
import { TYPE_SLOTS, possibleInternational, possibleNational, validatePhone } from '../../src/detect/phone-meta';

/** The library's own accessors for one numbering plan (libphonenumber-js/core `Metadata`). */
interface Plan {
  nationalNumberPattern(): string;
  possibleLengths(): number[] | undefined;
  nationalPrefixForParsing(): string | undefined;
  formats(): { pattern(): string; leadingDigitsPatterns(): string[] }[];
  type(type: string): { pattern(): string } | undefined;
}

const ROOT = join(__dirname, '..', '..');
const LAYOUT_HELP = 'libphonenumber-js changed the metadata layout that src/detect/phone-meta.ts reads: update phone-meta.ts for the new layout, then the pinned version in package.json.';
const raw = metadata as unknown as { countries: Record<string, unknown[]>; country_calling_codes: Record<string, string[]> };

describe('libphonenumber-js metadata layout read by phone-meta.ts', () => {
  test('the installed version is the pinned minor', () => {
    const pinned = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies['libphonenumber-js'];
    const installed = (JSON.parse(readFileSync(join(ROOT, 'node_modules', 'libphonenumber-js', 'package.json'), 'utf8')) as { version: string }).version;
    // "~1.13.16": patch updates only; a new minor must pass this suite before the pin moves.
    expect(pinned).toMatch(/^~\d+\.\d+\.\d+$/);
    const minor = (v: string) => v.replace(/^~/, '').split('.').slice(0, 2).join('.');
    expect(minor(installed)).toBe(minor(pinned ?? ''));
  });

  test('every region has the array slots phone-meta reads, in the same positions', () => {
    const bad: string[] = [];
    for (const country of getCountries()) {
      const r = raw.countries[country];
      const ok =
        Array.isArray(r) &&
        r[0] === getCountryCallingCode(country) &&
        typeof r[2] === 'string' && r[2] !== '' &&
        Array.isArray(r[3]) && (r[3] as unknown[]).every((n) => Number.isInteger(n)) &&
        (r[4] === undefined || r[4] === 0 || Array.isArray(r[4])) &&
        (r[5] === undefined || r[5] === 0 || typeof r[5] === 'string') &&
        (r[7] === undefined || r[7] === 0 || typeof r[7] === 'string') &&
        Array.isArray(r[11]) && (r[11] as unknown[]).length <= 10;
      if (!ok) bad.push(country);
      for (const code of Object.keys(raw.country_calling_codes)) if (!/^\d{1,3}$/.test(code)) bad.push(`calling code ${code}`);
    }
    if (bad.length) throw new Error(`${LAYOUT_HELP}\nRegions whose metadata does not have the expected shape: ${bad.slice(0, 20).join(', ')}`);
  });

  test('each slot phone-meta reads holds what the library’s own Metadata accessors return', () => {
    const meta = new (Metadata as unknown as new (json: unknown) => { selectNumberingPlan(c: string): void; numberingPlan: Plan })(metadata);
    const bad: string[] = [];
    for (const country of getCountries()) {
      const r = raw.countries[country] as unknown[];
      meta.selectNumberingPlan(country);
      const plan = meta.numberingPlan;
      if (r[2] !== plan.nationalNumberPattern()) bad.push(`${country}: national number pattern (slot 2)`);
      if (JSON.stringify(r[3]) !== JSON.stringify(plan.possibleLengths())) bad.push(`${country}: possible lengths (slot 3)`);
      const npfp = typeof r[7] === 'string' && r[7] ? r[7] : typeof r[5] === 'string' && r[5] ? r[5] : undefined;
      if (npfp !== (plan.nationalPrefixForParsing() || undefined)) bad.push(`${country}: national prefix for parsing (slots 5/7)`);
      if (Array.isArray(r[4])) {
        const formats = plan.formats();
        (r[4] as unknown[][]).forEach((f, i) => {
          const lib = formats[i];
          const leading = f[2] as string[] | undefined;
          if (!lib || f[0] !== lib.pattern() || (leading && leading[leading.length - 1] !== lib.leadingDigitsPatterns()[lib.leadingDigitsPatterns().length - 1])) bad.push(`${country}: format ${i} (slot 4)`);
        });
      }
      const types = r[11] as unknown[];
      TYPE_SLOTS.forEach((type, i) => {
        const t = types[i];
        const mine = Array.isArray(t) && typeof t[0] === 'string' && t[0] ? t[0] : undefined;
        if (mine !== (plan.type(type)?.pattern() || undefined)) bad.push(`${country}: ${type} pattern (slot 11[${i}])`);
      });
    }
    if (bad.length) throw new Error(`${LAYOUT_HELP}\n${bad.slice(0, 30).join('\n')}`);
  });

  test('phone-meta agrees with the library on every region’s example mobile number (possible, valid, type, calling code)', () => {
    const disagreements: string[] = [];
    let checked = 0;
    for (const country of getCountries() as CountryCode[]) {
      const example = getExampleNumber(country, examples);
      if (!example || !example.isValid()) continue;
      const nsn = example.nationalNumber;
      const libType = parsePhoneNumberFromString(example.number)?.getType();
      const mine = validatePhone(`${example.countryCallingCode}${nsn}`, null);
      checked++;
      const problems = [
        possibleNational(country, nsn) ? '' : 'possibleNational',
        possibleInternational(`${example.countryCallingCode}${nsn}`) ? '' : 'possibleInternational',
        mine ? '' : 'validatePhone',
        mine && mine.type !== libType ? `type ${String(mine.type)} ≠ ${String(libType)}` : '',
        mine && mine.groups.reduce((a, b) => a + b, 0) !== nsn.length ? `groups ${mine.groups.join('+')}` : '',
      ].filter(Boolean);
      if (problems.length) disagreements.push(`${country}: ${problems.join(', ')}`);
    }
    expect(checked).toBeGreaterThan(200);
    if (disagreements.length) throw new Error(`${LAYOUT_HELP}\n${disagreements.slice(0, 30).join('\n')}`);
  });
});
