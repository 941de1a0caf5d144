import { gzipSync } from 'zlib';
import { readFileSync } from 'fs';
import { build } from 'esbuild';
import { carrySpans, diffEdit, replaceRange } from '../src/widget/offsets';
import { acceptLanguage, messagesFor } from '../src/widget/strings';
import { widgetMessages } from '../src/express/notice';
import en from '../rules/notices/en.json';

describe('widget offsets', () => {
  test('diffEdit finds the one changed region', () => {
    expect(diffEdit('hello world', 'hello brave world')).toEqual({ start: 6, oldEnd: 6, newEnd: 12 });
    expect(diffEdit('abcdef', 'abXef')).toEqual({ start: 2, oldEnd: 4, newEnd: 3 });
    expect(diffEdit('same', 'same')).toEqual({ start: 4, oldEnd: 4, newEnd: 4 });
    expect(diffEdit('', 'new')).toEqual({ start: 0, oldEnd: 0, newEnd: 3 });
  });

  test('carrySpans keeps spans before an edit, shifts spans after it, drops spans it touched', () => {
    const before = 'mail a@example.com or b@example.com now';
    const spans = [{ start: 5, end: 18, id: 'a' }, { start: 22, end: 35, id: 'b' }];
    // Typing at the start shifts both.
    expect(carrySpans(spans, before, 'Hi ' + before).map((s) => [s.id, s.start, s.end])).toEqual([['a', 8, 21], ['b', 25, 38]]);
    // Typing between them shifts only the second.
    const mid = before.replace(' or ', ' or else ');
    expect(carrySpans(spans, before, mid).map((s) => [s.id, mid.slice(s.start, s.end)])).toEqual([['a', 'a@example.com'], ['b', 'b@example.com']]);
    // Editing inside the first drops it.
    const inside = before.replace('a@example', 'ab@example');
    expect(carrySpans(spans, before, inside).map((s) => [s.id, inside.slice(s.start, s.end)])).toEqual([['b', 'b@example.com']]);
    // Typing at the end changes nothing.
    expect(carrySpans(spans, before, before + '!')).toEqual(spans);
  });

  test('replaceRange moves the caret sanely', () => {
    const text = 'call 555-0134 now';
    // Caret after the value: shifts by the length difference.
    expect(replaceRange(text, 5, 13, '•••-0134', 17, 17)).toEqual({ text: 'call •••-0134 now', selStart: 17, selEnd: 17 });
    expect(replaceRange(text, 5, 13, '••34', 17, 17)).toEqual({ text: 'call ••34 now', selStart: 13, selEnd: 13 });
    // Caret before it: unchanged. Caret inside it: to the end of the replacement.
    expect(replaceRange(text, 5, 13, '••34', 2, 2).selStart).toBe(2);
    expect(replaceRange(text, 5, 13, '••34', 8, 8).selStart).toBe(9);
  });
});

describe('widget strings', () => {
  test('acceptLanguage: the host\'s locale, then the browser\'s languages, then <html lang>, with falling q', () => {
    expect(acceptLanguage('pt-BR', ['de-DE', 'en'], 'en')).toBe('pt-BR, de-DE;q=0.9, en;q=0.8');
    expect(acceptLanguage(undefined, ['it-IT'], 'en')).toBe('it-IT, en;q=0.9');
    expect(acceptLanguage(undefined, [], undefined)).toBe('en');
    // Tags that could break the header are dropped, never sent.
    expect(acceptLanguage('de, fr;q=1', ['nl\r\nX-Evil: 1', 'nl-BE'], '')).toBe('nl-BE');
  });

  test('English is bundled; the server\'s texts replace it key by key; overrides win over both', () => {
    const en0 = messagesFor();
    expect(en0.notice).toBe(en.notice);
    expect(en0.maskIt).toBe(en.widget.maskIt);
    const it = messagesFor({}, widgetMessages('it-IT'));
    expect(Object.keys(it).sort()).toEqual(Object.keys(en0).sort());
    expect(it.maskIt).toBe('Oscura');
    expect(it.findings.phone).toBe('Sembra un numero di telefono.');
    // A key an older server does not send stays English; a non-string is ignored.
    const partial = messagesFor({}, { title: 'Titel', maskIt: 42 as unknown as string });
    expect(partial.title).toBe('Titel');
    expect(partial.maskIt).toBe(en.widget.maskIt);
    const custom = messagesFor({ notice: 'Our own notice.', findings: { phone: 'A phone number!' } }, widgetMessages('de'));
    expect(custom.notice).toBe('Our own notice.');
    expect(custom.findings.phone).toBe('A phone number!');
    expect(custom.findings.email).toBe('Das sieht nach einer E-Mail-Adresse aus.');
  });

  test('the server side gives every shipped language every widget string, each its own', () => {
    const keys = Object.keys(widgetMessages('en')).sort();
    for (const lang of ['de', 'fr', 'es', 'it', 'nl', 'pt']) {
      const msg = widgetMessages(lang);
      expect(Object.keys(msg).sort()).toEqual(keys);
      for (const v of Object.values(msg)) if (typeof v === 'string') expect(v.length).toBeGreaterThan(0);
      expect(msg.maskIt).not.toBe(widgetMessages('en').maskIt);
      expect(msg.title).not.toBe(widgetMessages('en').title);
    }
    expect(widgetMessages('pt-PT').maskIt).toBe(widgetMessages('pt').maskIt);
    expect(widgetMessages('ja').maskIt).toBe(en.widget.maskIt);
  });
});

describe('widget bundle', () => {
  test('the minified module plus CSS stays under 12 KB gzip', async () => {
    const out = await build({ entryPoints: ['src/widget/widget.ts'], bundle: true, format: 'esm', minify: true, target: 'es2020', write: false, logLevel: 'silent' });
    const js = out.outputFiles[0]?.contents ?? new Uint8Array();
    const css = readFileSync('src/widget/widget.css');
    const jsGz = gzipSync(js, { level: 9 }).length;
    const cssGz = gzipSync(css, { level: 9 }).length;
    expect(js.length).toBeGreaterThan(5000);
    expect(jsGz + cssGz).toBeLessThan(12 * 1024);
    // English only: no other language's texts ride along (they come from the server).
    const text0 = Buffer.from(js).toString('utf8');
    for (const foreign of ['Trotzdem veröffentlichen', 'Publier quand même', 'Publicar de todos modos', 'Pubblica comunque', 'Toch plaatsen', 'Publicar mesmo assim']) expect(text0).not.toContain(foreign);
    // A standalone module: no bare imports left, one export named attach.
    const text = Buffer.from(js).toString('utf8');
    // Accepts an ES import statement start ("import{", "import*", "import\"x\""); rejects "imported", "import(".
    expect(text).not.toMatch(/\bimport\s{0,3}[{*"']/);
    // Accepts "export{x as attach}" or "export{attach}"; rejects a bundle without an attach export.
    expect(text).toMatch(/export\s{0,3}\{[^}]{0,300}\bas attach\b|export\s{0,3}\{\s{0,3}attach\b/);
  });
});
