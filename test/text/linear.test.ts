/**
 * Hostile posts: every format's parser (and the detectors behind it) must take time linear in the
 * input whatever it holds. One growth test per format and construct: the time at 4n is at most
 * 10× the time at n (linear is 4×, quadratic 16×). Ratios, not absolute times: the machine is
 * shared. Time is this process's CPU time (a busy neighbour does not count), each side is the best
 * of several interleaved batches after a warm-up, a batch repeats the scan until it lasts ≥ 20 ms,
 * and a ratio over the bound is measured again (up to three times): a quadratic construct stays
 * at ~16× every time, noise does not.
 */
import { createScanner } from '../../src';
import type { Format, Scanner } from '../../src';

const scanner = createScanner();
/* Every locale pack at once: the address and short-code paths of all of them run on each post. */
const allLocales = createScanner({ locales: ['en-US', 'en-GB', 'en-CA', 'en-AU', 'en-IN', 'de-DE', 'fr-FR', 'es-ES', 'it-IT', 'nl-NL', 'pt-BR'] });

function post(unit: string, n: number): string {
  return unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
}

/** CPU milliseconds (user + system) of `times` scans. */
function batch(text: string, format: Format, times: number, sc: Scanner = scanner): number {
  const a = process.cpuUsage();
  for (let k = 0; k < times; k++) sc.scan(text, { format });
  const d = process.cpuUsage(a);
  return (d.user + d.system) / 1000;
}

/** time(4n) / time(n) for a post made of `unit` repeated; the lowest of up to three measurements ≤ bound. */
function growth(unit: string, format: Format, bound: number, n = 16384, sc: Scanner = scanner): number {
  let best = Infinity;
  for (let attempt = 0; attempt < 3 && best > bound; attempt++) best = Math.min(best, measure(unit, format, n, sc));
  return best;
}

function measure(unit: string, format: Format, n: number, sc: Scanner): number {
  const small = post(unit, n);
  const large = post(unit, 4 * n);
  // Warm-up: the JIT compiles the paths this shape takes at both sizes.
  batch(small, format, 8, sc);
  batch(large, format, 2, sc);
  // Repeat the small scan until a batch lasts ≥ 20 ms; the large batch runs as many scans.
  let times = 1;
  while (times < 512 && batch(small, format, times, sc) < 20) times *= 2;
  let bestSmall = Infinity;
  let bestLarge = Infinity;
  for (let r = 0; r < 5; r++) {
    bestSmall = Math.min(bestSmall, batch(small, format, times, sc));
    bestLarge = Math.min(bestLarge, batch(large, format, times, sc));
  }
  return bestLarge / bestSmall;
}

const CASES: [Format, string, string][] = [
  // markdown
  ['markdown', 'link brackets with no target "[]"', '[]'],
  ['markdown', 'opening brackets "["', '['],
  ['markdown', 'link openers "](" without a closing ")"', ']('],
  ['markdown', 'links "[a](b)"', '[a](b) '],
  ['markdown', 'link titles that never close', '[a](b "'],
  ['markdown', 'images "!["', '!['],
  ['markdown', 'emphasis at word edges "*a"', '*a'],
  ['markdown', 'emphasis inside words "a*"', 'a*'],
  ['markdown', 'strikethrough inside digits "1~~2"', '1~~2'],
  ['markdown', 'code spans "`"', '`a'],
  ['markdown', 'escapes', '\\*'],
  ['markdown', 'autolinks', '<a@b.co>'],
  ['markdown', 'inline HTML "<x>"', '<x>'],
  ['markdown', 'unclosed comments "<!--"', '<!--'],
  ['markdown', 'hidden inline HTML', '<span hidden>'],
  // html
  ['html', 'repeated <head></head>', '<head></head>'],
  ['html', 'repeated <title></title>', '<title></title>'],
  ['html', 'unclosed raw-text tags <script>', '<script>'],
  ['html', 'comments "<!-- -->"', '<!-- -->'],
  ['html', 'unclosed comments "<!--"', '<!--'],
  ['html', 'lone "<"', '<'],
  ['html', 'tags never closed "<a "', '<a '],
  ['html', 'unknown elements "<x>"', '<x>'],
  ['html', 'attributes with an unclosed quote', '<b title="'],
  ['html', 'contact links', '<a href="&#116;el:+14155550134">x</a>'],
  ['html', 'entities "&#"', '&#'],
  ['html', 'nested hidden elements', '<span hidden><b>'],
  ['html', 'deep nesting "<div>"', '<div>'],
  // bbcode
  ['bbcode', 'tags "[b]"', '[b]'],
  ['bbcode', '"[url=" never closed', '[url='],
  ['bbcode', '"[url=…]" targets', '[url=tel:+14155550134]x[/url]'],
  ['bbcode', 'nested quotes', '[quote][quote]'],
  ['bbcode', 'hidden colours', '[color=white]'],
  ['bbcode', 'lone "["', '['],
  ['bbcode', 'quote attributions', '[quote="Jane, 415 555 0134"]x[/quote]'],
  ['bbcode', 'named attributes a reader sees', '[quote name="a b" author=c alt=\'d\' title=e x=y]'],
  ['bbcode', 'quote attributions never closed', '[quote="'],
  ['bbcode', 'bare contact links in text', '[b]https://t.me/+14155550134[/b] '],
  // contact links written as text, in every format
  ['plain', 'bare chat links', 'https://t.me/+14155550134 '],
  ['plain', 'percent-encoded links', 'mailto:jane%40example.com tel:%2B1%20415 '],
  ['plain', 'contact query parameters', 'https://example.org/?a=1&phone=415%20555%200134 '],
  ['plain', 'query values with "+" for spaces', 'https://example.org/?phone=415+555+0134 '],
  ['plain', 'one long query value of "+"s', 'https://example.org/?phone=1+2+3+4+5+6+7+8+9+0+1+2+3+4+5+6+7+8+9+0+'],
  ['plain', 'link starts without an end', 'tel:%'],
  ['plain', 'scheme-less chat hosts', 'wa.me/t.me/signal.me/'],
  ['markdown', 'autolinks to chat links', '<https://t.me/+14155550134>'],
  ['markdown', 'bare links split by emphasis', 'https://wa.me/%2B1*4*'],
  ['markdown', 'bare links in hidden inline HTML', '<span hidden>https://t.me/+1</span>'],
  ['html', 'bare links in text', 'https://wa.me/%2B14155550134 <b>x</b>'],
  ['html', 'bare links in hidden elements', '<span hidden>https://t.me/+1</span>'],
  ['html', 'form actions and placeholders', '<form action="mailto:a%40b.co"><input formaction="tel:1" placeholder="x">'],
  ['html', 'slashes that end no link', '</p>a/b :/ e/ m/ '],
];

describe('every parser is linear (time at 4n ≤ 10 × time at n)', () => {
  test.each(CASES)('%s: %s', (format, _what, unit) => {
    expect(growth(unit, format, 10)).toBeLessThanOrEqual(10);
  });
});

/*
 * Detector constructs that once read back to the start of a line for every candidate: a post with
 * no line break made every such look-up cost the whole text before it (quadratic). The look-back
 * is a fast native search, so it shows only past 64K units: these grow 64K → 256K ("311 x " took
 * 145 ms → 2.1 s before, ×14.5).
 */
const DETECTOR_CASES: [string, string][] = [
  ['listed short service numbers on one long line (dialling-word look-back)', '311 x '],
  ['postcodes after a region on one long line', 'NSW 2000 '],
  ['phone numbers in one long pipe-table row (column header look-up)', '| 415 555 0132 '],
  ['local numbers on one long line (directory-list look-back)', 'Tel 3809-5100 '],
];

describe('detectors are linear on one long line (all locale packs; time at 4n ≤ 10 × time at n)', () => {
  test.each(DETECTOR_CASES)('%s', (_what, unit) => {
    expect(growth(unit, 'plain', 10, 65536, allLocales)).toBeLessThanOrEqual(10);
  });
});
