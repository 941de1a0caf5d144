import { truncateIp } from '../../src/express/preflight';
import { negotiateLocale, parseAcceptLanguage, resolveNotice, defaultNotice, findingMessage, validateNotice } from '../../src/express/notice';
import { escapeHtml, flattenForm, highlight, renderWarningPage } from '../../src/express/html';
import { editDistance, suggest } from '../../src/express/options';
import enNotice from '../../rules/notices/en.json';
import deNotice from '../../rules/notices/de.json';
import frNotice from '../../rules/notices/fr.json';
import esNotice from '../../rules/notices/es.json';

describe('truncateIp', () => {
  const bits = { ipv4: 24, ipv6: 48 };
  test.each([
    ['203.0.113.77', '203.0.113.0/24'],
    ['::ffff:198.51.100.9', '198.51.100.0/24'],
    ['2001:db8:abcd:12:1:2:3:4', '2001:db8:abcd:0:0:0:0:0/48'],
    ['2001:db8::1', '2001:db8:0:0:0:0:0:0/48'],
    ['::1', '0:0:0:0:0:0:0:0/48'],
    ['fe80::1%eth0', 'fe80:0:0:0:0:0:0:0/48'],
    ['not an ip', undefined],
    [undefined, undefined],
  ])('%s → %s', (ip, want) => {
    expect(truncateIp(ip, bits)).toBe(want);
  });
  test('custom prefix lengths', () => {
    expect(truncateIp('203.0.113.77', { ipv4: 16, ipv6: 48 })).toBe('203.0.0.0/16');
    expect(truncateIp('203.0.113.77', { ipv4: 0, ipv6: 48 })).toBe('0.0.0.0/0');
    expect(truncateIp('2001:db8:abcd:12ff::', { ipv4: 24, ipv6: 56 })).toBe('2001:db8:abcd:1200:0:0:0:0/56');
  });
});

describe('Accept-Language', () => {
  test('parses q-values and sorts by them, stable for ties', () => {
    expect(parseAcceptLanguage('fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5')).toEqual([
      { tag: 'fr-ch', q: 1 }, { tag: 'fr', q: 0.9 }, { tag: 'en', q: 0.8 }, { tag: 'de', q: 0.7 }, { tag: '*', q: 0.5 },
    ]);
    expect(parseAcceptLanguage('de;q=0.5, es')).toEqual([{ tag: 'es', q: 1 }, { tag: 'de', q: 0.5 }]);
  });
  test('drops q=0 and malformed entries', () => {
    expect(parseAcceptLanguage('en;q=0, de;q=2, fr;q=abc, es_ES, it;q=0.3')).toEqual([{ tag: 'it', q: 0.3 }]);
    expect(parseAcceptLanguage(undefined)).toEqual([]);
    expect(parseAcceptLanguage('')).toEqual([]);
  });
  test('negotiates exact, primary, sibling, wildcard and fallback', () => {
    const avail = ['en', 'de', 'fr', 'pt-BR'];
    expect(negotiateLocale('de-AT', avail, 'en')).toBe('de');
    expect(negotiateLocale('pt-BR', avail, 'en')).toBe('pt-BR');
    expect(negotiateLocale('pt-PT', avail, 'en')).toBe('pt-BR');
    expect(negotiateLocale('ja, fr;q=0.1', avail, 'en')).toBe('fr');
    expect(negotiateLocale('ja, *;q=0.5, fr;q=0.1', avail, 'en')).toBe('en');
    expect(negotiateLocale('ja', avail, 'en')).toBe('en');
    expect(negotiateLocale('en;q=0, de;q=0.1', avail, 'en')).toBe('de');
  });
  test('resolveNotice returns the text and strings of the chosen language', () => {
    const n = resolveNotice(defaultNotice, 'es-MX,es;q=0.9');
    expect(n).toMatchObject({ locale: 'es', text: esNotice.notice, version: defaultNotice.version });
    expect(n.ui.publish).toBe('Publicar de todos modos');
    // The host's own text; the page's strings in the closest shipped language (Italian ships).
    const custom = resolveNotice({ version: 'c1', texts: { it: 'Questo post sarà pubblico.' } }, 'it-IT');
    expect(custom).toMatchObject({ locale: 'it', text: 'Questo post sarà pubblico.', version: 'c1' });
    expect(custom.ui.publish).toBe('Pubblica comunque');
    // A language nothing ships: the host's text, English strings.
    const polish = resolveNotice({ version: 'c1', texts: { pl: 'Ten post będzie publiczny.' } }, 'pl-PL');
    expect(polish).toMatchObject({ locale: 'pl', text: 'Ten post będzie publiczny.' });
    expect(polish.ui.publish).toBe(enNotice.ui.publish);
  });
});

describe('notice texts', () => {
  test('the English text is the contract text verbatim', () => {
    expect(enNotice.notice).toBe('This post will be public. Anyone can read, collect or use the personal information in it, and it could be used to send you unsolicited messages. You are responsible for using this forum in line with its Terms of Use.');
  });
  test('every language has the same message and UI keys as English', () => {
    for (const pack of [deNotice, frNotice, esNotice]) {
      expect(Object.keys(pack.findings).sort()).toEqual(Object.keys(enNotice.findings).sort());
      expect(Object.keys(pack.ui).sort()).toEqual(Object.keys(enNotice.ui).sort());
      expect(pack.notice).not.toBe(enNotice.notice);
    }
  });
  test('finding messages fall back to default and English', () => {
    expect(findingMessage('phone', 'fr')).toBe(frNotice.findings.phone);
    expect(findingMessage('licence_plate', 'de')).toBe(deNotice.findings.default);
    expect(findingMessage('email', 'ja')).toBe(enNotice.findings.email);
  });
  test('validateNotice', () => {
    expect(validateNotice({ version: '2', texts: { en: 'x' } })).toEqual({ version: '2', texts: { en: 'x' } });
    expect(() => validateNotice({ version: '2', texts: { en: '' } })).toThrow(/text for `en`/);
    expect(() => validateNotice({ texts: { en: 'x' } })).toThrow(/version/);
    expect(() => validateNotice({ version: '2', texts: { 'e n': 'x' } })).toThrow(/language tag/);
    expect(() => validateNotice({ version: '2', texts: { en: 'x' }, lang: 'en' })).toThrow(/unknown property `lang`/);
  });
});

describe('html', () => {
  test('escapeHtml escapes every markup character', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&\`</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&#96;&lt;/a&gt;');
  });
  test('highlight escapes and marks spans, skipping overlaps and out-of-range spans', () => {
    const text = 'a <b> 123 456';
    const out = highlight(text, [
      { start: 6, end: 9, message: 'm"1', type: 'phone' }, { start: 7, end: 11, message: 'overlap', type: 'x' }, { start: 2, end: 99, message: 'bad', type: 'x' },
    ]);
    expect(out).toBe('a &lt;b&gt; <mark title="m&quot;1" data-type="phone">123</mark> 456');
  });
  test('flattenForm round-trips simple and nested bodies', () => {
    expect(flattenForm({ a: '1', tags: ['x', 'y'], post: { title: 't', meta: { k: 'v' } }, list: [{ n: '1' }], n: 5, skip: 's', nil: null }, new Set(['skip']))).toEqual([
      ['a', '1'], ['tags', 'x'], ['tags', 'y'], ['post[title]', 't'], ['post[meta][k]', 'v'], ['list[0][n]', '1'], ['n', '5'],
    ]);
    expect(flattenForm(undefined)).toEqual([]);
  });
  test('the page uses a fresh nonce per render and no script', () => {
    const input = {
      fields: { body: 'x' }, findings: [], notice: resolveNotice(defaultNotice, 'en'), error: 'pii_acknowledgement_required',
      message: 'm', action: 'warn', policyUrl: 'javascript:alert(1)', formAction: '/posts?x="y"', repost: [], token: 't',
    };
    const a = renderWarningPage(input);
    const b = renderWarningPage(input);
    expect(a.csp).not.toBe(b.csp);
    // Accepts: the nonce value inside the CSP (base64 characters). Rejects: anything after the closing quote.
    const nonce = /'nonce-([A-Za-z0-9+/=]{1,64})'/.exec(a.csp)?.[1];
    expect(a.html).toContain(`<style nonce="${nonce}">`);
    expect(a.html).not.toMatch(/<script/i);
    expect(a.html).not.toContain('javascript:');
    expect(a.html).toContain('action="/posts?x=&quot;y&quot;"');
    expect(a.html).not.toContain('enctype=');
    expect(renderWarningPage({ ...input, multipart: true }).html).toContain('enctype="multipart/form-data"');
    expect(renderWarningPage({ ...input, token: undefined }).html).not.toContain('name="piiAcknowledgement"');
  });
});

describe('option suggestions', () => {
  test('editDistance', () => {
    expect(editDistance('feilds', 'fields')).toBe(2);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
  test('suggest finds near names and ignores far ones', () => {
    const known = ['fields', 'format', 'secret', 'store', 'tokenTtlSeconds'];
    expect(suggest('feilds', known)).toBe('fields');
    expect(suggest('Secret', known)).toBe('secret');
    expect(suggest('tokenTTL', known)).toBeUndefined();
    expect(suggest('banana', known)).toBeUndefined();
  });
});
