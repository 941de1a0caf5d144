import { toView } from '../../src/text/formats';
import { plainView } from '../../src/text/formats';

/** Maps every unit of the view back and returns the original slice for a view substring. */
function origOf(text: string, format: 'plain' | 'html' | 'markdown' | 'bbcode', needle: string): string {
  const v = toView(text, format);
  const i = v.text.indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" not in view: ${JSON.stringify(v.text)}`);
  const [a, b] = v.toOriginal(i, i + needle.length);
  return text.slice(a, b);
}

describe('plain text', () => {
  test('ASCII text is returned as is with identity offsets', () => {
    const v = plainView('call 020 7946 0958');
    expect(v.text).toBe('call 020 7946 0958');
    expect(v.toOriginal(5, 18)).toEqual([5, 18]);
  });

  test('zero-width characters and soft hyphens are dropped, offsets still cover them', () => {
    const src = 'jo\u200Bhn@exa\u00ADmple.com';
    const v = toView(src, 'plain');
    expect(v.text).toBe('john@example.com');
    expect(origOf(src, 'plain', 'john@example.com')).toBe(src);
  });

  test('fullwidth digits and at-sign fold to ASCII, one unit each', () => {
    const src = 'ｊｏｈｎ＠example.com ０２０';
    const v = toView(src, 'plain');
    expect(v.text).toBe('john@example.com 020');
    expect(origOf(src, 'plain', '020')).toBe('０２０');
  });

  test('non-breaking and thin spaces become spaces; unicode dashes become "-"', () => {
    expect(toView('020\u00A07946\u2009-\u20130958', 'plain').text).toBe('020 7946 --0958');
  });

  test('numeric and named entities decode, mapped to the whole entity', () => {
    const src = 'jane&#64;example&#x2E;com &amp; co';
    const v = toView(src, 'plain');
    expect(v.text).toBe('jane@example.com & co');
    expect(origOf(src, 'plain', 'jane@example.com')).toBe('jane&#64;example&#x2E;com');
  });

  test('lone surrogates become U+FFFD without shifting offsets; pairs survive', () => {
    const src = 'a\uD800b 😀 c\uDC00';
    const v = toView(src, 'plain');
    expect(v.text).toBe('a\uFFFDb 😀 c\uFFFD');
    expect(origOf(src, 'plain', 'b 😀 c')).toBe('b 😀 c');
  });
});

describe('html', () => {
  test('tags are removed, block tags become line breaks, entities decode', () => {
    const src = '<p>Hi <b>there</b></p><div>line&nbsp;two<br>three</div>';
    expect(toView(src, 'html').text).toBe('Hi there\nline two\nthree\n');
  });

  test('source line breaks are spaces, as a browser shows them, except inside <pre>', () => {
    expect(toView('<p>one</p>\n<p>two\nthree</p><pre>a\nb</pre>', 'html').text).toBe('one\n two three\na\nb\n');
    expect(toView('14 Queen St<br>\nBristol', 'html').text).toBe('14 Queen St\n Bristol');
  });

  test('a value split by inline tags maps back to the whole source span', () => {
    const src = '<p>Call <strong>020</strong> 7946 0958</p>';
    expect(origOf(src, 'html', '020 7946 0958')).toBe('020</strong> 7946 0958');
  });

  test('script and style content is not visible text', () => {
    expect(toView('<script>var a="x@example.com"</script><style>p{}</style>ok', 'html').text).toBe('ok');
  });

  test('mailto: and tel: targets are appended as link targets with exact offsets', () => {
    const src = '<a href="mailto:ann@example.com?subject=hi">write</a> <a href=\'tel:+442079460958\'>call</a>';
    const v = toView(src, 'html');
    expect(v.text.slice(0, v.linkTargetsStart)).toBe('write call');
    expect(origOf(src, 'html', 'ann@example.com')).toBe('ann@example.com');
    expect(origOf(src, 'html', '+442079460958')).toBe('+442079460958');
  });

  test('WhatsApp chat links are scanned whole; ordinary web links are not', () => {
    const src = '<a href="https://wa.me/447700900123">chat</a> <a href="https://example.com/user/4155550134">profile</a>';
    const v = toView(src, 'html');
    expect(v.text.slice(v.linkTargetsStart)).toBe('\n\nhttps://wa.me/447700900123');
    expect(v.anchorOf(v.linkTargetsStart + 2)).toBe(0);
    expect(v.anchorOf(0)).toBe(-1);
  });

  test('unknown "tags" such as <at> stay as text (obfuscation), comments vanish from the visible text', () => {
    const v = toView('ann<at>example<dot>com <!-- hidden 555 --> x', 'html');
    // The comment's text is not visible but still published in the page source: scanned on its
    // own, after a blank line (a text segment, not a link target).
    expect(v.text).toBe('ann<at>example<dot>com  x\n\n hidden 555 ');
    expect(v.linkTargetsStart).toBe(v.text.length);
    expect(v.hidden).toEqual([{ start: 23, end: 42, styled: false }]);
  });

  test('hostile input: 100,000 "<a" and deep nesting finish and keep text', () => {
    const lt = '<a'.repeat(100000);
    expect(toView(lt, 'html').text.length).toBe(lt.length);
    const deep = '<div>'.repeat(50000) + 'x' + '</div>'.repeat(50000);
    expect(toView(deep, 'html').text.trim()).toBe('x');
  });
});

describe('markdown', () => {
  test('link text is visible and mailto targets are scanned', () => {
    const src = 'Write [to me](mailto:bo@example.org) or **call** `now`';
    const v = toView(src, 'markdown');
    expect(v.text.slice(0, v.linkTargetsStart)).toBe('Write to me or call now');
    expect(origOf(src, 'markdown', 'bo@example.org')).toBe('bo@example.org');
  });

  test('underscores inside words survive; backslash escapes are removed', () => {
    expect(toView('john_doe\\_x@example.com and _emph_', 'markdown').text).toBe('john_doe_x@example.com and emph');
  });

  test('autolinks lose their brackets', () => {
    const src = 'mail <ann@example.com> now';
    expect(toView(src, 'markdown').text).toBe('mail ann@example.com  now');
    expect(origOf(src, 'markdown', 'ann@example.com')).toBe('ann@example.com');
  });

  test('code blocks are scanned as text', () => {
    expect(toView('```\nphone = "020 7946 0958"\n```', 'markdown').text).toContain('020 7946 0958');
  });
});

describe('bbcode', () => {
  test('known tags are removed, [at] obfuscation stays', () => {
    expect(toView('[b]ann[at]example[dot]com[/b]', 'bbcode').text).toBe('ann[at]example[dot]com');
  });

  test('[url=mailto:] and [email=] targets are scanned; [quote] breaks lines', () => {
    const src = '[quote="bob"]hi[/quote][url=mailto:ann@example.com]mail me[/url] [email=cy@example.net]cy[/email]';
    const v = toView(src, 'bbcode');
    // The quote's attribution is read as a text segment after the visible text (a reader sees "bob wrote:").
    expect(v.text.slice(0, v.linkTargetsStart)).toBe('hi\nmail me cy\n\nbob');
    expect(origOf(src, 'bbcode', 'bob')).toBe('bob');
    expect(origOf(src, 'bbcode', 'ann@example.com')).toBe('ann@example.com');
    expect(origOf(src, 'bbcode', 'cy@example.net')).toBe('cy@example.net');
  });
});
