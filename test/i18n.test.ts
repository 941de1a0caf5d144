/**
 * Every poster-facing language (en, de, fr, es, it, nl, pt): each notice pack has every key of
 * en.json, placeholders survive translation, browsers' regional tags reach their language, and
 * token errors speak the author's language.
 */
import { readdirSync } from 'fs';
import en from '../rules/notices/en.json';
import { defaultNotice, negotiateLocale, resolveNotice, SHIPPED_LOCALES, shippedLocale, tokenErrorMessage, widgetMessages } from '../src/express/notice';
import { checkDraft } from '../src/core/check';
import { createScanner } from '../src/scanner';

type Pack = Record<string, unknown>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = (lang: string): Pack => require(`../rules/notices/${lang}.json`) as Pack;
const OTHERS = SHIPPED_LOCALES.filter((l) => l !== 'en');
// Accepts a placeholder "{n}" or "{value}" (global); nothing else is a placeholder.
const PLACEHOLDER = /\{(?:n|value)\}/g;

/** The dotted keys of a pack, with their string values. */
function flat(obj: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flat(v, key)) out.set(kk, vv);
  }
  return out;
}

describe('notice packs', () => {
  test('rules/notices holds exactly the shipped languages', () => {
    expect(readdirSync('rules/notices').map((f) => f.replace(/\.json$/, '')).sort()).toEqual([...SHIPPED_LOCALES].sort());
  });

  const english = flat(en);
  test.each(OTHERS)('%s has every key of en.json, no extra key, no empty or untranslated string, the same placeholders', (lang) => {
    const pack = flat(load(lang));
    expect([...pack.keys()].sort()).toEqual([...english.keys()].sort());
    expect(pack.get('locale')).toBe(lang);
    for (const [key, text] of pack) {
      if (key === 'locale') continue;
      const source = english.get(key) as string;
      expect(text.trim().length).toBeGreaterThan(0);
      // Each sentence is written in the language, not left in English.
      if (source.length > 12) expect(`${key}: ${text}`).not.toBe(`${key}: ${source}`);
      expect(`${key}: ${(text.match(PLACEHOLDER) ?? []).sort().join(' ')}`).toBe(`${key}: ${(source.match(PLACEHOLDER) ?? []).sort().join(' ')}`);
    }
  });

  test('the shipped notice has a text per language, and the version names this set', () => {
    expect(Object.keys(defaultNotice.texts).sort()).toEqual([...SHIPPED_LOCALES].sort());
    for (const lang of SHIPPED_LOCALES) expect(defaultNotice.texts[lang]).toBe(load(lang).notice);
  });
});

describe('choosing the language', () => {
  test('regional tags reach their language: pt-PT → pt, nl-BE → nl, it-CH → it', () => {
    expect(negotiateLocale('pt-PT', SHIPPED_LOCALES, 'en')).toBe('pt');
    expect(negotiateLocale('pt-BR,pt;q=0.9', SHIPPED_LOCALES, 'en')).toBe('pt');
    expect(negotiateLocale('nl-BE', SHIPPED_LOCALES, 'en')).toBe('nl');
    expect(negotiateLocale('it-CH, de;q=0.5', SHIPPED_LOCALES, 'en')).toBe('it');
    expect(negotiateLocale('ja-JP, nl;q=0.4', SHIPPED_LOCALES, 'en')).toBe('nl');
    expect(shippedLocale('IT')).toBe('it');
    expect(shippedLocale('pl')).toBe('en');
    expect(resolveNotice(defaultNotice, 'nl-BE').ui.publish).toBe('Toch plaatsen');
    expect(resolveNotice(defaultNotice, 'pt-PT').text).toBe(load('pt').notice);
  });

  test('the live check answers in the browser\'s language, with the widget\'s texts when asked', () => {
    const scanner = createScanner({ locales: ['it-IT'] });
    const r = checkDraft(scanner, { text: 'Scrivetemi a mario.rossi@example.com' }, { acceptLanguage: 'it-CH', messages: true });
    if (r.outcome !== 'ok') throw new Error(r.outcome);
    expect(r.locale).toBe('it');
    expect(r.findings[0]?.message).toBe('Sembra un indirizzo email. Chiunque legga il messaggio potrà vederlo.');
    expect(r.messages).toEqual(widgetMessages('it'));
    const plain = checkDraft(scanner, { text: 'Scrivetemi a mario.rossi@example.com' }, { acceptLanguage: 'nl' });
    expect(plain.outcome === 'ok' && 'messages' in plain).toBe(false);
  });
});

describe('token errors', () => {
  test.each(SHIPPED_LOCALES)('%s: every pii_ack_* code has its own message', (lang) => {
    const codes = ['pii_ack_invalid', 'pii_ack_expired', 'pii_ack_replayed', 'pii_ack_mismatch'];
    const texts = codes.map((c) => tokenErrorMessage(c, lang));
    for (const t of texts) expect(typeof t).toBe('string');
    expect(new Set(texts).size).toBe(codes.length);
    expect(tokenErrorMessage('pii_blocked', lang)).toBeUndefined();
    expect(tokenErrorMessage('__proto__', lang)).toBeUndefined();
  });
});
