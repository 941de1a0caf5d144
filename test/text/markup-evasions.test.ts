/**
 * Format-level evasions (issue 13): markup that splits a value a reader still reads as one, text a
 * reader cannot see, link titles, chat links and disguised link schemes. One test per class, several
 * members each (not only the examples), through the public scanner; every finding maps back
 * to the exact original offsets. Ordinary markup around versions, scores, dates, code and @mentions
 * stays clean.
 */
import { createScanner } from '../../src';
import type { Format } from '../../src';

const scanner = createScanner({ locales: ['en-US'] });

/** [type, original text] of each finding; asserts that the offsets are the original slice. */
function found(text: string, format: Format): [string, string][] {
  return scanner.scan(text, { format }).findings.map((f) => {
    expect(text.slice(f.start, f.end)).toBe(f.text);
    return [f.type, f.text];
  });
}

describe('markup inside a value does not hide it', () => {
  test.each<[Format, string, string, string]>([
    ['markdown', 'Call me on 415**555**0134', 'phone', '415**555**0134'],
    ['markdown', 'Call me on 415~~555~~0134', 'phone', '415~~555~~0134'],
    ['markdown', 'Call me on 415*555*0134 tonight', 'phone', '415*555*0134'],
    ['markdown', 'Call me on 415***555***0134', 'phone', '415***555***0134'],
  ])('emphasis / strikethrough pairs inside a word (%s): %s', (format, text, type, value) => {
    expect(found(text, format)).toEqual([[type, value]]);
  });

  test.each<[Format, string, string, string]>([
    ['markdown', 'Call me on 415 555<!-- x -->0134', 'phone', '415 555<!-- x -->0134'],
    ['html', 'Call me on 415 555<!-- x -->0134', 'phone', '415 555<!-- x -->0134'],
    ['markdown', 'Call me on 415 <!---->555 0134', 'phone', '415 <!---->555 0134'],
    ['html', 'I live at 1234 Elm<!-- --> St', 'address', '1234 Elm<!-- --> St'],
    ['html', 'Mail jane.doe@<!-- -->example.com', 'email', 'jane.doe@<!-- -->example.com'],
    ['markdown', 'Mail jane.doe@<!-- -->example.com', 'email', 'jane.doe@<!-- -->example.com'],
  ])('comments inside a value (%s): %s', (format, text, type, value) => {
    const f = scanner.scan(text, { format }).findings;
    expect(found(text, format)).toEqual([[type, value]]);
    expect(f[0]?.reasons).toContain('split by hidden text or a comment');
  });

  test.each<[Format, string, string, string]>([
    ['html', 'Call me on 415<x>555</x>0134', 'phone', '415<x>555</x>0134'],
    ['markdown', 'Call me on 415<x>555</x>0134', 'phone', '415<x>555</x>0134'],
    ['html', 'Call me on 415<foo-bar>555</foo-bar>0134', 'phone', '415<foo-bar>555</foo-bar>0134'],
    ['markdown', 'Call me on 415<span>555</span>0134', 'phone', '415<span>555</span>0134'],
    ['html', 'I live at 12<x>34</x> Elm St', 'address', '12<x>34</x> Elm St'],
  ])('elements inside a value, known or not (%s): %s', (format, text, type, value) => {
    expect(found(text, format)).toEqual([[type, value]]);
  });

  test.each<[Format, string, string]>([
    ['html', 'Call me on 415<br>555<br>0134', '415<br>555<br>0134'],
    ['markdown', 'Call me on 415<br>555<br>0134', '415<br>555<br>0134'],
    ['html', 'Call me on 415<br/>555<br />0134', '415<br/>555<br />0134'],
  ])('line breaks inside a digit run (%s): %s', (format, text, value) => {
    expect(found(text, format)).toEqual([['phone', value]]);
  });

  test('"<at>"/"<dot>" stay text for the obfuscated-address detector', () => {
    expect(found('write to ann<at>example<dot>com', 'html')).toEqual([['email', 'ann<at>example<dot>com']]);
  });
});

describe('text a reader cannot see is not there, and the attempt is reported', () => {
  test.each<[Format, string]>([
    ['html', '<span hidden>9</span>'],
    ['html', '<span style="display:none">9</span>'],
    ['html', '<span style="visibility: hidden">9</span>'],
    ['html', '<span style="font-size:0">9</span>'],
    ['html', '<i style="opacity:0">7</i>'],
    ['html', '<span style="color:#fff">9</span>'],
    ['html', '<b class="d-none">7</b>'],
    ['html', '<font color="#ffffff">7</font>'],
    ['html', '<span style="position:absolute;left:-9999px">9</span>'],
    ['markdown', '<span style="display: none !important">9</span>'],
    ['bbcode', '[color=white]9[/color]'],
    ['bbcode', '[color=#FFF]7[/color]'],
    ['bbcode', '[size=0]7[/size]'],
  ])('%s: hidden digits between the groups: %s', (format, hidden) => {
    const text = `Call me on 415 ${hidden}555 0134`;
    const result = scanner.scan(text, { format });
    expect(result.hiddenText).toBe(true);
    expect(result.findings.map((f) => [f.type, f.text])).toEqual([['phone', `415 ${hidden}555 0134`]]);
    expect(result.findings[0]?.reasons).toContain('split by hidden text or a comment');
  });

  test.each<[Format, string, string]>([
    ['html', 'Hi <span style="display:none">call me on 415 555 0134</span> there', '415 555 0134'],
    ['markdown', 'Hi <div hidden>mail jane.doe@example.com</div> there', 'jane.doe@example.com'],
    ['bbcode', 'Hi [color=white]call me on 415 555 0134[/color] there', '415 555 0134'],
    ['html', 'Hi <!-- call me on 415 555 0134 --> there', '415 555 0134'],
  ])('a value inside hidden text or a comment is still found (%s)', (format, text, value) => {
    const f = scanner.scan(text, { format }).findings;
    expect(f.map((x) => x.text)).toEqual([value]);
    expect(text.slice(f[0]?.start, f[0]?.end)).toBe(value);
    expect(f[0]?.reasons.some((r) => /readers cannot see it/.test(r))).toBe(true);
  });

  test('visible styling is not hiding', () => {
    for (const [format, text] of [
      ['html', '<span style="color:red;font-size:14px">Call me on 415 555 0134</span>'],
      ['bbcode', '[color=red][size=12]Call me on 415 555 0134[/size][/color]'],
      ['markdown', '<span style="opacity:0.9">Call me on 415 555 0134</span>'],
    ] as [Format, string][]) {
      const result = scanner.scan(text, { format });
      expect(result.hiddenText).toBeUndefined();
      expect(result.findings.map((f) => f.text)).toEqual(['415 555 0134']);
    }
  });
});

describe('link titles and reader-facing attributes are scanned', () => {
  test.each<[Format, string]>([
    ['markdown', '[me](https://example.com "415 555 0134")'],
    ['markdown', "[me](https://example.com '415 555 0134')"],
    ['markdown', '![pic](https://example.com/a.png "call 415 555 0134")'],
    ['html', '<a href="https://example.com" title="call 415 555 0134">me</a>'],
    ['html', '<img src="x.png" alt="call me 415 555 0134">'],
    ['html', '<input placeholder="call 415 555 0134">'],
  ])('%s: %s', (format, text) => {
    expect(found(text, format)).toEqual([['phone', '415 555 0134']]);
  });
});

describe('chat links are scanned like tel:', () => {
  test.each<[Format, string, string]>([
    ['html', '<a href="https://t.me/+14155550134">tg</a>', '+14155550134'],
    ['markdown', '[sig](https://signal.me/#p/+14155550134)', '+14155550134'],
    ['html', '<a href="viber://chat?number=%2B14155550134">v</a>', '%2B14155550134'],
    ['bbcode', '[url=viber://chat?number=14155550134]v[/url]', '14155550134'],
    ['html', '<a href="whatsapp://send?phone=14155550134">w</a>', '14155550134'],
    ['html', '<a href="https://wa.me/14155550134">wa</a>', '14155550134'],
    ['bbcode', '[url=https://t.me/+14155550134]tg[/url]', '+14155550134'],
  ])('%s: %s', (format, text, value) => {
    expect(found(text, format)).toEqual([['phone', value]]);
  });
});

describe('disguised link schemes', () => {
  test.each<[Format, string, string, string]>([
    ['html', '<a href=" tel:+14155550134">call</a>', 'phone', '+14155550134'],
    ['html', '<a href="&#116;el:+14155550134">call</a>', 'phone', '+14155550134'],
    ['html', '<a href="t&#9;el:+14155550134">call</a>', 'phone', '+14155550134'],
    ['html', '<a href="&#109;ailto:jane.doe@example.com">m</a>', 'email', 'jane.doe@example.com'],
    ['html', '<a href="MAILTO:jane.doe@example.com">m</a>', 'email', 'jane.doe@example.com'],
    ['html', '<map><area href="mailto:jane.doe@example.com"></map>', 'email', 'jane.doe@example.com'],
    ['html', '<a href="mailto:jane%2Edoe%40example.com">m</a>', 'email', 'jane%2Edoe%40example.com'],
    ['markdown', '[call](&#116;el:+14155550134)', 'phone', '+14155550134'],
    ['bbcode', '[email= jane.doe@example.com]x[/email]', 'email', 'jane.doe@example.com'],
    ['html', '<form action="mailto:jane.doe@example.com"><button>send</button></form>', 'email', 'jane.doe@example.com'],
    ['html', '<button formaction="tel:+14155550134">call</button>', 'phone', '+14155550134'],
    ['markdown', '<input type="submit" formaction="https://t.me/+14155550134">', 'phone', '+14155550134'],
  ])('%s: %s', (format, text, type, value) => {
    expect(found(text, format)).toEqual([[type, value]]);
  });
});

describe('BBCode attribute values a reader is shown are scanned', () => {
  test.each<[string, string, string]>([
    ['[quote="Jane, 415 555 0134"]hello[/quote]', 'phone', '415 555 0134'],
    ['[quote=jane.doe@example.com]hello[/quote]', 'email', 'jane.doe@example.com'],
    ["[quote='Jane 415 555 0134' pid='12' dateline='1700000000']hi[/quote]", 'phone', '415 555 0134'],
    ['[QUOTE="jane.doe@example.com, post: 12, member: 3"]hi[/QUOTE]', 'email', 'jane.doe@example.com'],
    ['[quote name="jane.doe@example.com"]hi[/quote]', 'email', 'jane.doe@example.com'],
    ['[quote author=jane.doe@example.com link=topic=1.msg2#msg2 date=1700000000]hi[/quote]', 'email', 'jane.doe@example.com'],
    ['[spoiler=Call 415 555 0134]x[/spoiler]', 'phone', '415 555 0134'],
    ['[abbr=415 555 0134]call[/abbr]', 'phone', '415 555 0134'],
    ['[acronym=jane.doe@example.com]JD[/acronym]', 'email', 'jane.doe@example.com'],
    ['[img alt="call 415 555 0134"]https://example.com/a.png[/img]', 'phone', '415 555 0134'],
    ['[url=https://wa.me/%2B14155550134]chat[/url]', 'phone', '%2B14155550134'],
  ])('%s', (text, type, value) => {
    expect(found(text, 'bbcode')).toEqual([[type, value]]);
  });

  test('an attribution inside hidden text is found and reported as hidden', () => {
    const text = '[color=white][quote="415 555 0134"]x[/quote][/color]';
    const f = scanner.scan(text, { format: 'bbcode' }).findings;
    expect(found(text, 'bbcode')).toEqual([['phone', '415 555 0134']]);
    expect(f[0]?.reasons).toContain('hidden text: readers cannot see it');
  });

  test('values a reader is not shown stay unread: post ids, sizes, colours, languages', () => {
    expect(found('[quote="Jane" post_id=4155550134 time=1700000000 user_id=2]hi[/quote] [quote=Jane;4155550134]x[/quote]', 'bbcode')).toEqual([]);
    expect(found('[img=640x480]https://example.com/a.png[/img] [size=4155550134]a[/size] [code=4155550134]x[/code]', 'bbcode')).toEqual([]);
  });
});

describe('percent-encoded contact values in links and link text', () => {
  test.each<[Format, string, string, string]>([
    ['plain', 'https://wa.me/%2B14155550134', 'phone', '%2B14155550134'],
    ['plain', 'mailto:jane%40example.com', 'email', 'jane%40example.com'],
    ['plain', 'tel:%2B1%20415%20555%200134', 'phone', '%2B1%20415%20555%200134'],
    ['plain', 'https://example.org/contact?phone=415%20555%200134', 'phone', '415%20555%200134'],
    ['plain', 'see https://example.org/c?ref=x&email=jane%40example.com.', 'email', 'jane%40example.com'],
    ['plain', 'viber://chat?number=%2B14155550134', 'phone', '%2B14155550134'],
    ['markdown', 'https://example.org/contact?phone=415%20555%200134', 'phone', '415%20555%200134'],
    ['markdown', '[chat](https://wa.me/%2B14155550134)', 'phone', '%2B14155550134'],
    ['markdown', '[x](https://api.whatsapp.com/send?phone=%2B14155550134)', 'phone', '%2B14155550134'],
    ['markdown', '[c](https://example.org/contact?phone=415%20555%200134)', 'phone', '415%20555%200134'],
    ['html', '<a href="https://wa.me/%2B14155550134">chat</a>', 'phone', '%2B14155550134'],
    ['html', '<a href="https://example.org/c?tel=4155550134">c</a>', 'phone', '4155550134'],
    ['html', '<p>mailto:jane%40example.com</p>', 'email', 'jane%40example.com'],
    ['html', '<p>https://example.org/?email=jane&#64;example.com</p>', 'email', 'jane&#64;example.com'],
    ['bbcode', '[url]https://example.org/?mobile=%2B14155550134[/url]', 'phone', '%2B14155550134'],
    // "+" for a space in a query value, as a form submission writes it.
    ['plain', 'Call https://example.org/c?phone=415+555+0134 now', 'phone', '415+555+0134'],
    ['plain', 'https://example.org/c?phone=%2B1+415+555+0134', 'phone', '%2B1+415+555+0134'],
    ['markdown', '[c](https://example.org/c?cell=415+555+0134)', 'phone', '415+555+0134'],
    ['html', '<a href="https://example.org/c?phone=415+555+0134">c</a>', 'phone', '415+555+0134'],
    ['bbcode', '[url=https://example.org/c?phone=415+555+0134]c[/url]', 'phone', '415+555+0134'],
    // Outside a query value "+" is a plus: a mailbox tag stays one address.
    ['plain', 'mailto:jane1+2doe@example.com', 'email', 'jane1+2doe@example.com'],
  ])('%s: %s', (format, text, type, value) => {
    expect(found(text, format)).toEqual([[type, value]]);
  });

  test('ordinary links with escapes and numbers stay clean', () => {
    const text = 'Docs: https://example.com/a%20b?id=4155550134 and https://example.com/search?q=415%20555%200134 ' +
      'https://example.com/wiki/Phone_number?page=2 https://docs.example.com/3/library/urllib.parse.html#url-quoting 100% sure ' +
      'https://example.com/search?q=1+2+3&page=4 https://example.com/calc?expr=415+555';
    for (const format of ['plain', 'markdown', 'html', 'bbcode'] as const) expect(found(text, format)).toEqual([]);
  });
});

describe('chat links written as text or autolinks are found', () => {
  test.each<[Format, string, string]>([
    ['markdown', '<https://t.me/+14155550134>', '+14155550134'],
    ['html', '<https://t.me/+14155550134>', '+14155550134'],
    ['plain', '<https://t.me/+14155550134>', '+14155550134'],
    ['bbcode', '<https://t.me/+14155550134>', '+14155550134'],
    ['plain', 'https://t.me/+14155550134', '+14155550134'],
    ['plain', '(see t.me/+14155550134)', '+14155550134'],
    ['plain', 'wa.me/+14155550134', '+14155550134'],
    ['plain', 'signal.me/#p/+14155550134', '+14155550134'],
    ['markdown', '<tel:+14155550134>', '+14155550134'],
    ['html', '<tel:+14155550134>', '+14155550134'],
    ['markdown', '[https://t.me/+14155550134](https://example.com)', '+14155550134'],
  ])('%s: %s', (format, text, value) => {
    expect(found(text, format)).toEqual([['phone', value]]);
  });

  test.each<[Format, string]>([
    ['markdown', '<mailto:jane@example.com>'],
    ['html', '<mailto:jane@example.com>'],
    ['plain', '<mailto:jane@example.com>'],
  ])('%s: %s', (format, text) => {
    expect(found(text, format)).toEqual([['email', 'jane@example.com']]);
  });

  test('a value read in the text and again as a link is reported once per place', () => {
    expect(found('https://wa.me/14155550134 tel:+14155550134', 'plain')).toEqual([['phone', '14155550134'], ['phone', '+14155550134']]);
    expect(found('<a href="https://t.me/+14155550134">https://t.me/+14155550134</a>', 'html')).toEqual([['phone', '+14155550134'], ['phone', '+14155550134']]);
  });
});

describe('ordinary markup stays clean', () => {
  test.each<[Format, string]>([
    ['html', '<span style="color:red">v1.2.3</span> 2*3*4 <!-- build 2024-01-02 --> [color=red]3-2[/color] @jane'],
    ['markdown', '`x<y>z` **v1.2.3** ~~2019~~ <!-- TODO 1.2 --> won 3*2 and 10*20*30 is 6000 @bob'],
    ['bbcode', '[color=red]v1.2.3[/color] [b]2024-01-02[/b] [size=12]3-2[/size] [quote=@mia]ok[/quote]'],
    ['markdown', 'Release notes: [v2.4.1](https://example.com/releases "2024-01-02") and ![ci](https://example.com/b.svg "build 1234")'],
    ['html', 'if a <b and c> d then x < y > z'],
  ])('%s: %s', (format, text) => {
    expect(found(text, format)).toEqual([]);
  });
});
