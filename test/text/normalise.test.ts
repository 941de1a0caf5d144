/**
 * Evasions a reader still understands (issue 13): each class is found through the public scanner
 * with exact offsets in the original text, and ordinary text around the same characters stays clean.
 * Values are fake: US 555-01xx numbers, example.com addresses.
 */
import express from 'express';
import request from 'supertest';
import { createScanner } from '../../src/scanner';
import { checkRoute } from '../../src/express/check';
import { toView } from '../../src/text/formats';
import { normaliseView, numberWordsToDigits } from '../../src/text/normalise';
import type { Format, PiiType } from '../../src/types';

const scanner = createScanner({ locales: ['en-US'] });

/** The findings of one type, as the original text they cover. */
function found(text: string, type: PiiType, format: Format = 'plain'): string[] {
  return scanner.scan(text, { format }).findings.filter((f) => f.type === type).map((f) => text.slice(f.start, f.end));
}

/** Asserts exactly one finding of `type`, covering exactly `value` in `text`. */
function expectOne(text: string, type: PiiType, value: string, format: Format = 'plain'): void {
  const findings = scanner.scan(text, { format }).findings.filter((f) => f.type === type);
  expect(findings).toHaveLength(1);
  const f = findings[0]!;
  expect(text.slice(f.start, f.end)).toBe(value);
  expect(f.text).toBe(value);
  expect(f.start).toBe(text.indexOf(value));
}

const phone = (value: string, before = 'Call me on ', after = ' tonight') => expectOne(before + value + after, 'phone', value);

describe('decimal digits of any script', () => {
  test.each([
    ['Arabic-Indic', '٤١٥ ٥٥٥ ٠١٣٤'],
    ['Persian', '۴۱۵ ۵۵۵ ۰۱۳۴'],
    ['Devanagari', '४१५ ५५५ ०१३४'],
    ['Bengali', '৪১৫ ৫৫৫ ০১৩৪'],
    ['Thai', '๔๑๕ ๕๕๕ ๐๑๓๔'],
    ['Gujarati', '૪૧૫ ૫૫૫ ૦૧૩૪'],
    ['Tamil', '௪௧௫ ௫௫௫ ௦௧௩௪'],
    ['Khmer', '៤១៥ ៥៥៥ ០១៣៤'],
    ['Myanmar', '၄၁၅ ၅၅၅ ၀၁၃၄'],
    ['Adlam (outside the BMP)', '𞥔𞥑𞥕 𞥕𞥕𞥕 𞥐𞥑𞥓𞥔'],
    ['mixed scripts', '٤15 ५५5 0١3४'],
  ])('%s', (_name, value) => phone(value));

  test('the value is the ASCII number and nothing raw is masked in', () => {
    const text = 'Call me on ٤١٥ ٥٥٥ ٠١٣٤';
    const [f] = scanner.scan(text).findings;
    expect(f!.masked).toBe('••• ••• 0134');
    expect(f!.masked).not.toMatch(/[٠-٩]/);
  });
});

describe('other digit forms', () => {
  test.each([
    ['mathematical bold', '𝟒𝟏𝟓 𝟓𝟓𝟓 𝟎𝟏𝟑𝟒'],
    ['mathematical double-struck', '𝟜𝟙𝟝 𝟝𝟝𝟝 𝟘𝟙𝟛𝟜'],
    ['mathematical monospace', '𝟺𝟷𝟻 𝟻𝟻𝟻 𝟶𝟷𝟹𝟺'],
    ['circled', '④①⑤ ⑤⑤⑤ ⓪①③④'],
    ['negative and dingbat circled', '❹❶❺ ➄➄➄ ⓿➊➂➍'],
    ['superscript', '⁴¹⁵ ⁵⁵⁵ ⁰¹³⁴'],
    ['subscript', '₄₁₅ ₅₅₅ ₀₁₃₄'],
    ['keycap emoji', '4️⃣1️⃣5️⃣ 5️⃣5️⃣5️⃣ 0️⃣1️⃣3️⃣4️⃣'],
    ['keycap without the variation selector', '4⃣1⃣5⃣ 5⃣5⃣5⃣ 0⃣1⃣3⃣4⃣'],
    ['fullwidth', '４１５ ５５５ ０１３４'],
    ['parenthesized', '⑷⑴⑸ ⑸⑸⑸ ⓪⑴⑶⑷'],
    ['with full stops', '⒋⒈⒌ ⒌⒌⒌ 0134'],
    ['with commas', '🄅🄂🄆 555 0134'],
  ])('%s', (_name, value) => phone(value));

  test('a finding ending in a keycap covers the whole keycap', () => {
    const text = 'Text 4️⃣1️⃣5️⃣5️⃣5️⃣5️⃣0️⃣1️⃣3️⃣4️⃣!';
    const [f] = scanner.scan(text).findings;
    expect(text.slice(f!.end)).toBe('!');
  });
});

describe('invisible characters between digits', () => {
  test.each([
    ['left-to-right mark', '\u200e'],
    ['right-to-left mark', '\u200f'],
    ['bidi isolates', '\u2066'],
    ['pop directional isolate', '\u2069'],
    ['invisible times', '\u2062'],
    ['function application', '\u2061'],
    ['invisible separator', '\u2063'],
    ['combining grapheme joiner', '\u034f'],
    ['variation selector 16', '\ufe0f'],
    ['variation selector 1', '\ufe00'],
    ['tag space', '\u{e0020}'],
    ['cancel tag', '\u{e007f}'],
    ['Hangul choseong filler', '\u115f'],
    ['combining acute accent', '\u0301'],
    ['combining long stroke overlay', '\u0336'],
    ['zero-width space', '\u200b'],
    ['soft hyphen', '\u00ad'],
    ['Arabic letter mark', '\u061c'],
  ])('%s', (_name, junk) => {
    const value = `4${junk}1${junk}5 5${junk}55 01${junk}34`;
    phone(value);
  });

  test('a blank filler letter reads as a space', () => {
    phone('415\u3164555\u31640134');
    phone('415\uffa0555 0134');
  });

  test('a whole number written with a mark on every digit', () => {
    phone([...'4155550134'].map((d) => d + '\u0332').join(''));
  });
});

describe('look-alike letters inside digit groups', () => {
  test.each([
    ['O for 0', '415 555 O134'],
    ['o for 0', '415 555 o134'],
    ['l and a lone O', '4l5 555 O l34'],
    ['I for 1', '4I5-555-0I34'],
    ['two look-alikes in one group', '415.555.OI34'],
    ['with a country code', '+1 415 555 Ol34'],
    ['in parentheses', '(4l5) 555-O134'],
    ['Cyrillic O', '415 555 \u041e134'],
    ['Greek O and Iota', '4\u03995 555 \u039f134'],
  ])('%s', (_name, value) => phone(value));

  test('the value is the digits a reader reads', () => {
    const [f] = scanner.scan('Call me on 4l5 555 O134').findings;
    expect(f!.masked).toBe('••• ••• 0134');
  });
});

describe('phone layouts', () => {
  test('one group per line', () => {
    expectOne('Call me on\n415\n555\n0134\nthanks', 'phone', '415\n555\n0134');
    expectOne('Call me on\r\n415\r\n555\r\n0134', 'phone', '415\r\n555\r\n0134');
    expectOne('Call me on\n  (415)  \n555\n0134', 'phone', '(415)  \n555\n0134');
    expectOne('Call me on\n+1\n415\n555\n0134', 'phone', '+1\n415\n555\n0134');
  });
  test('a line holding a whole number is not joined to the line above', () => {
    expectOne('Tomball, TX 77375\n281.351.7222\nwww.example.com', 'phone', '281.351.7222');
  });
  test('a number wrapped over lines', () => {
    expectOne('Call me on 415\n555 0134', 'phone', '415\n555 0134');
    expectOne('My number: 415 555\n0134.', 'phone', '415 555\n0134');
    expectOne('Call me on 415\n555\n0134 thanks', 'phone', '415\n555\n0134');
  });
  test('one group per line in HTML (<br>) and markdown', () => {
    const html = '<p>Call me on<br>415<br>555<br>0134</p>';
    expectOne(html, 'phone', '415<br>555<br>0134', 'html');
    const md = 'Call me on\n\n415\n\n555\n\n0134';
    expect(found(md, 'phone', 'markdown')).toEqual(['415\n\n555\n\n0134']);
  });
  test('underscores between groups', () => {
    phone('415_555_0134');
    phone('+1_415_555_0134');
  });
});

describe('emails', () => {
  test.each([
    ['small commercial at', 'jane.doe\ufe6bexample.com'],
    ['fullwidth at', 'jane.doe\uff20example.com'],
    ['marks around the at', 'jane.doe\u200e@\u200eexample.com'],
    ['zero-width joiners inside', 'ja\u200dne.doe@exa\u2060mple.com'],
    ['middle dot', 'jane.doe@example\u00b7com'],
    ['katakana middle dot', 'jane.doe@example\u30fbcom'],
    ['small full stop', 'jane\ufe52doe@example\ufe52com'],
    ['halfwidth ideographic full stop', 'jane.doe@example\uff61com'],
    ['dot operator', 'jane.doe@example\u22c5com'],
    ['Cyrillic look-alike letters', 'j\u0430ne.doe@ex\u0430mple.com'],
    ['line break before the at', 'jane.doe\n@example.com'],
    ['line break after the at', 'jane.doe@\nexample.com'],
    ['line break and blanks', 'jane.doe \r\n  @example.com'],
    ['mathematical letters', '𝐣𝐚𝐧𝐞.𝐝𝐨𝐞@𝐞𝐱𝐚𝐦𝐩𝐥𝐞.𝐜𝐨𝐦'],
    ['circled letters', 'ⓙⓐⓝⓔ@ⓔⓧⓐⓜⓟⓛⓔ.ⓒⓞⓜ'],
  ])('%s', (_name, value) => {
    const text = `Write to ${value} today`;
    expectOne(text, 'email', value);
    expect(scanner.scan(text).findings[0]!.masked).toBe('j•••@example.com');
  });
});

describe('addresses', () => {
  const tail = ' Elm Street, Springfield, IL 62704';
  test.each([
    ['twelve thirty-four', '1234'],
    ['Twelve Thirty-Four', '1234'],
    ['twelve thirty four', '1234'],
    ['one hundred twenty', '120'],
    ['one hundred and twenty-two', '122'],
    ['four oh five', '405'],
    ['forty-two', '42'],
    ['nineteen', '19'],
    ['two thousand five hundred', '2500'],
  ])('house number in words: %s', (words, digits) => {
    const text = `I live at ${words}${tail}`;
    const findings = scanner.scan(text).findings.filter((f) => f.type === 'address');
    expect(findings).toHaveLength(1);
    expect(text.slice(findings[0]!.start, findings[0]!.end)).toBe(words + tail);
    expect(findings[0]!.masked.startsWith('•'.repeat(digits.length) + ' E')).toBe(true);
  });

  test.each([
    ['look-alike digit in the street name', '1234 E1m St, Springfield, IL 62704'],
    ['look-alike letter in the house number', 'l234 Elm St, Springfield, IL 62704'],
    ['Arabic-Indic digits', '١٢٣٤ Elm St, Springfield, IL ٦٢٧٠٤'],
    ['Devanagari digits', '१२३४ Elm St, Springfield, IL ६२७०४'],
    ['fullwidth digits', '１２３４ Elm St, Springfield, IL ６２７０４'],
    ['mathematical digits', '𝟏𝟐𝟑𝟒 Elm St, Springfield, IL 𝟔𝟐𝟕𝟎𝟒'],
    ['O in the postal code', '1234 Elm St, Springfield, IL 627O4'],
  ])('%s', (_name, value) => expectOne(`I live at ${value}.`, 'address', value));
});

describe('hard negatives: ordinary text stays clean', () => {
  test.each([
    ['versions with a look-alike', 'Upgrade from v1.0l to 2.0.1O, see build 10l.'],
    ['words with digits', 'lol l0l H2O IO1 O2 network B2B mp3 Win10'],
    ['a lone look-alike between numbers', 'It ended 10 O 2 and then 3 I 4.'],
    ['superscripts', 'The flat is 120 m² and E = mc², see note¹ and x³.'],
    ['scores and dates', 'Final score 3-2 on 2024-01-05, 12/03/2026 at 14:30.'],
    ['identifiers with underscores', 'see file_2024_01_05.txt and test_415_555_0134 in foo_1_2.'],
    ['underscored dates', 'backup 2024_01_05 and 2024_01_06'],
    ['a list of small numbers', 'Steps:\n1\n2\n3\n4\n5\n6\n7'],
    ['years one per line', 'Seasons:\n2019\n2020\n2021\n'],
    ['scores one per line', 'Scores\n12\n15\n17\n19\n'],
    ['a results table', 'Tabelle\n1. Bayern 05 7 11\n9 1 Dortmund'],
    ['numbers at line ends', 'in 2019\n2020 was bad\nChapter 12\n13 14 and more\nv1.2\n3.4\n5.6'],
    ['an @mention on a new line', 'Thanks for the help\n@bob see you'],
    ['an @mention of a dotted name', 'Great post\n@jane.doe what do you think?'],
    ['number words in prose', 'I bought two Main Street shops and twenty Oak trees.'],
    ['number words before a name', 'We met Twelve Monkeys fans, One Direction and Seven Samurai.'],
    ['a number word ending a longer word', 'Köln ist eine der größten Städte, seit 1990 Stadtteil 7.'],
    ['number words without digits nearby', 'twelve thirty-four Elm is a lovely tree'],
    ['decomposed accents', 'Cafe\u0301 au lait, nai\u0308ve re\u0301sume\u0301.'],
    ['emoji with variation selectors', 'I ❤️ this! 👍🏽 🇺🇸 ☺︎'],
    ['Russian and Greek prose with numbers', 'Привет, как дела? Мой код 12345. Ζήτω η Ελλάδα 2024, ΟΚ.'],
    ['bullets between words and numbers', 'Home • About • 3 • 4 • Contact'],
    ['Hindi prose', 'नमस्ते, आप कैसे हैं? मैं ठीक हूँ।'],
    ['Arabic-Indic year and count', 'سنة ٢٠٢٤ و ١٢ شخصا'],
    ['middle dot in Catalan', 'col·legi i paral·lel'],
    ['ligatures', 'ﬁnance ofﬁce'],
    ['circled list markers', '① first ② second ③ third'],
  ])('%s', (_name, text) => {
    expect(scanner.scan(text).findings).toEqual([]);
  });

  test('a number word at the end of a non-ASCII word is not a number', () => {
    const text = 'die größten Städte 12345';
    expect(normaliseView(toView(text, 'plain')).text).toBe(text);
  });

  test('the rules stay off a post with nothing to normalise', () => {
    const view = toView('Nothing here, version 1.2.3, score 3-2.', 'plain');
    expect(normaliseView(view)).toBe(view);
  });
});

describe('offsets through both passes', () => {
  test('folds and second-pass edits combine in one post, each mapped exactly', () => {
    const parts = ['Call 4l5 555 O134', ' or ٤١٥\u200e٥٥٥\u200e٠١٣٤', ' or jane.doe\n@example.com', ' at twelve thirty-four Elm Street, Springfield, IL 62704'];
    const text = parts.join('') + '.';
    const got = scanner.scan(text).findings.map((f) => `${f.type}:${text.slice(f.start, f.end)}`);
    expect(got).toEqual([
      'phone:4l5 555 O134',
      'phone:٤١٥\u200e٥٥٥\u200e٠١٣٤',
      'email:jane.doe\n@example.com',
      'address:twelve thirty-four Elm Street, Springfield, IL 62704',
    ]);
  });

  test('HTML: entities, folding and look-alikes together', () => {
    const html = '<p>Call &#x661;&#x662;3 or 4l5&nbsp;555&#8206;O134</p>';
    expect(found(html, 'phone', 'html')).toEqual(['4l5&nbsp;555&#8206;O134']);
  });

  test('a link target keeps its anchor after a length-changing edit before it', () => {
    const html = '<p>twelve thirty-four Elm Street, Springfield, IL 62704 or <a href="mailto:jane.doe@example.com">mail</a></p>';
    const findings = scanner.scan(html, { format: 'html' }).findings;
    expect(findings.map((f) => f.type).sort()).toEqual(['address', 'email']);
    const email = findings.find((f) => f.type === 'email')!;
    expect(html.slice(email.start, email.end)).toBe('jane.doe@example.com');
  });
});

describe('with the markup layer', () => {
  test('hidden text is still reported after a normalising edit', () => {
    const html = '<p>Call 4l5 555 O134 <span hidden>1</span>or 415_555_0134</p>';
    const view = toView(html, 'html');
    expect(view.hidden?.length).toBe(1);
    const normalised = normaliseView(view);
    expect(normalised).not.toBe(view);
    expect(normalised.hidden).toEqual(view.hidden);
    const result = scanner.scan(html, { format: 'html' });
    expect(result.hiddenText).toBe(true);
    expect(result.findings.filter((f) => f.type === 'phone').map((f) => html.slice(f.start, f.end))).toEqual(['4l5 555 O134', '415_555_0134']);
  });
});

describe('numberWordsToDigits', () => {
  test.each([
    [['twelve', 'thirty', 'four'], '1234'],
    [['one', 'two', 'three', 'four'], '1234'],
    [['one', 'hundred', 'twenty'], '120'],
    [['nineteen', 'oh', 'five'], '1905'],
    [['two', 'thousand'], '2000'],
    [['ten'], '10'],
  ])('%j → %s', (words, digits) => expect(numberWordsToDigits(words)).toBe(digits));
  test('a word that is not a number', () => expect(numberWordsToDigits(['twelve', 'elm'])).toBeNull());
});

describe('through the check route', () => {
  test('an Arabic-Indic phone number is answered with original offsets', async () => {
    const app = express();
    app.post('/check', checkRoute({ rateLimit: false }));
    const text = 'Call me on ٤١٥ ٥٥٥ ٠١٣٤ please';
    const res = await request(app).post('/check').send({ text }).expect(200);
    expect(res.body.findings).toHaveLength(1);
    const f = res.body.findings[0];
    expect(f.type).toBe('phone');
    expect(text.slice(f.start, f.end)).toBe('٤١٥ ٥٥٥ ٠١٣٤');
  });
});
