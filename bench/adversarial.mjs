// node bench/adversarial.mjs [--size N] [--runs N] [--only plain|markdown|html|bbcode|locales] — hostile posts: every shape below,
// repeated to the default maxLength (262,144 UTF-16 units) in every format, scanned by the built
// scanner (npm run build first). Prints each shape's time (the best of --runs scans) and the worst
// shape. Target (issue 13): every shape ≤ 250 ms on the 2-core CI machine. Numbers, not assertions.
// Also run by `npm run bench` (section "adversarial"; `--only adversarial` for this one alone).
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const arg = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const { createScanner, DEFAULT_MAX_LENGTH } = require(join(root, 'dist/cjs/index.js'));
const size = Number(arg('--size', String(DEFAULT_MAX_LENGTH ?? 262144)));
const runs = Number(arg('--runs', args.includes('--quick') ? '1' : '3'));
const onlyFormat = arg('--only', null);

// Shapes every format gets: dense PII, near-PII, and units the text layer or the detectors stop at.
const COMMON = [
  'a@b.co ', 'jane.doe@example.com, ', '@', '@a ', 'a@', 'a.', '.@', 'a@b.', 'x@y.z@',
  '12 Elm St ', '1234 Elm Street, Springfield, IL 62704 ', 'PO Box 1 ', 'Apt 4 ', 'Street ', '1 ',
  'Call 415 555 0132 ', '+1 415 555 0132 ', '(415) 555-0132 ', '0123456789', '1', '1 ', '1-', '1.', '+',
  '4111 1111 1111 1111 ', '4111111111111111', 'DE89 3704 0044 0532 0130 00 ', 'DE89', '123-45-6789 ',
  'tel:', 'mailto:', 'https://wa.me/14155550132 ', 'v1.2.3 ', '2024-01-02 ', '3-2 ',
  ' ', '\n', 'x', '&', '&#', '&#64;', '&amp;', '&#x', '\u200b', '\uff10', '\ud83d', '\u00a0', '.', '-', '(',
  // Red-team shapes (issue 13 follow-up): postcode + town lines, French street openers, digit runs
  // with separators, '@' and look-alike storms, number words.
  '10115 Berlin\n', '1, rue ', '12.34.56.78 ', '1 2 3 4 5 6 7 8 9 ', '1-2-3-4-5-6-7-8-', '(12) ', '12/34 ', '+1 (', '1,',
  '@@', 'a@b ', 'a@b.co\n', 'O1', 'l0 ', 'O l ', '415 O ', 'one two ', 'four one five ', 'twelve ', '1 x 2 ',
];
const FORMAT_SHAPES = {
  plain: [],
  markdown: [
    '[]', '[', ']', '](', '[a](', '[a](b)', '[x](mailto:a@b.co) ', '![', '![a](b)', '[a](b "t")', '*', '**', '**a', 'a**',
    '_a_', '~~', '`', '``', '`a', '\\', '\\*', '<', '<a', '<a@b.co>', '<tel:+14155550132>', '<b>', '[*', '[`<',
    '> ', '> > ', '# ', '- ', '```\n',
  ],
  html: [
    '<head></head>', '<title></title>', '<head>', '<title>', '<script>', '</script', '<style></style>',
    '<!--', '<!-- -->', '<!', '<?', '<', '<a ', '<a href="', '<a href="mailto:a@b.co">x</a>', '<a href="tel:4155550132">',
    '<b>', '<b', '</p>', '<br>', '<div>', '<span hidden>', '<pre>', '&lt;', '<x>', '<a', '>',
    '<blockquote>',
  ],
  bbcode: [
    '[b]', '[/b]', '[b', '[', '[url=', '[url=a]', '[url=mailto:a@b.co]x[/url]', '[email=a@b.co]', '[quote]', '[quote=a]',
    '[quote][quote]', '[/quote]', '[color=white]', '[*]', '[x]', '[at]', '[code]',
    '[quote][b]', '[url=a][b]', '[color=white]1', '[b]1[/b]', '&lt;',
  ],
};
FORMAT_SHAPES.markdown.push('> [', '**1**', '~~1~~', '[1](', '<!-- -->1', '&lt;', '&#64;');
FORMAT_SHAPES.html.push('<b><i>', '<b>1</b>', '<!-- -->1', '&#64;', '&nbsp;', '&#x40;', '<span hidden>1</span>', '1<br>', '<a href="tel:');

// Address shapes of each locale pack (street openers and postcode + town lines), scanned by a
// scanner configured for that locale alone and by one configured for all of them.
const LOCALE_SHAPES = {
  'en-US': ['12 Elm St ', 'Springfield, IL 62704\n', '62704 ', 'Apt 5, '],
  'en-GB': ['14 Queen\'s Road ', 'Bristol BS8 1QU\n', 'BS8 1QU ', 'Flat 2, '],
  'en-CA': ['Ottawa ON K1A 0B1\n', 'K1A 0B1 ', '1234 rue Sainte-Catherine ', 'RR 2, '],
  'en-AU': ['Sydney NSW 2000\n', '3/42 Wallaby Way ', 'Unit 3/', 'NSW 2000 '],
  'en-IN': ['Noida 201301\n', '#45, 3rd Cross, ', 'Flat No. 302, ', 'Sector 15, '],
  'de-DE': ['10115 Berlin\n', 'Hauptstr. 5 ', 'Am Markt 3, ', 'PLZ 10115 ', 'Postfach 1 '],
  'fr-FR': ['1, rue ', '12 rue de la Paix, ', '75002 Paris\n', 'BP 1 ', '2A004 '],
  'es-ES': ['C/ Mayor 118, ', '28013 Madrid\n', 'nº 12, ', 'Avda. '],
  'it-IT': ['Via Roma 10, ', '00184 Roma RM\n', 'I-00184 ', 'c.so '],
  'nl-NL': ['Keizersgracht 123, ', '1015 CJ Amsterdam\n', '1015 CJ ', 'Postbus 1\n'],
  'pt-BR': ['Rua das Flores, 123, ', '01310-100 São Paulo\n', '01.310-100 ', 'CEP 01310-100 ', 'Qd. 14, Lt. 7, '],
};
const ALL_LOCALES = Object.keys(LOCALE_SHAPES);

function build(unit) {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

const scanner = createScanner();
const localeScanners = new Map([...ALL_LOCALES.map((l) => [l, createScanner({ locales: [l] })]), ['all', createScanner({ locales: ALL_LOCALES })]]);
// Warm-up: every shape once at 4,096 units, so the JIT has compiled the paths each one takes
// (the numbers are a long-running server's, not a cold start's).
for (const format of ['plain', 'markdown', 'html', 'bbcode']) {
  for (const unit of [...COMMON, ...FORMAT_SHAPES[format]]) scanner.scan(unit.repeat(Math.ceil(4096 / unit.length)).slice(0, 4096), { format });
}
for (const [, sc] of localeScanners) {
  for (const unit of Object.values(LOCALE_SHAPES).flat()) sc.scan(unit.repeat(Math.ceil(4096 / unit.length)).slice(0, 4096));
}
console.log(`Adversarial posts — each shape repeated to ${size} UTF-16 units, best of ${runs} scan(s) after a warm-up, default options (maxFindings 500)`);
const rows = [];
function measure(sc, label, format, unit) {
  const text = build(unit);
  let best = Infinity;
  let bestCpu = Infinity;
  let result;
  for (let r = 0; r < runs; r++) {
    const c = process.cpuUsage();
    const a = process.hrtime.bigint();
    result = sc.scan(text, { format });
    best = Math.min(best, Number(process.hrtime.bigint() - a) / 1e6);
    const used = process.cpuUsage(c);
    bestCpu = Math.min(bestCpu, (used.user + used.system) / 1000);
  }
  rows.push({ format: label, unit, ms: best, cpu: bestCpu, findings: result.findings.length, truncated: result.truncated === true });
  process.stdout.write(`  ${label.padEnd(8)} ${JSON.stringify(unit).padEnd(36)} ${best.toFixed(1).padStart(8)} ms ${bestCpu.toFixed(1).padStart(8)} ms CPU  ${String(result.findings.length).padStart(6)} findings${result.truncated ? ' (truncated)' : ''}\n`);
}
for (const format of ['plain', 'markdown', 'html', 'bbcode']) {
  if (onlyFormat && onlyFormat !== format) continue;
  for (const unit of [...COMMON, ...FORMAT_SHAPES[format]]) measure(scanner, format, format, unit);
}
// Per locale: that locale's shapes, plain and bbcode (the formats the red team found slowest), by a
// scanner of that locale and by an all-locales scanner.
if (!onlyFormat || onlyFormat === 'locales') {
  for (const [locale, units] of Object.entries(LOCALE_SHAPES)) {
    for (const unit of units) {
      for (const format of ['plain', 'bbcode']) {
        measure(localeScanners.get(locale), `${locale}${format === 'plain' ? '' : '/bb'}`, format, unit);
        measure(localeScanners.get('all'), `all${format === 'plain' ? '' : '/bb'}`, format, unit);
      }
    }
  }
}
rows.sort((a, b) => b.ms - a.ms);
const worst = rows[0];
const worstCpu = [...rows].sort((a, b) => b.cpu - a.cpu)[0];
const byFormat = {};
for (const r of rows) byFormat[r.format] = Math.max(byFormat[r.format] ?? 0, r.ms);
console.log(`\n  worst per format/locale (wall): ${Object.entries(byFormat).map(([f, ms]) => `${f} ${ms.toFixed(1)} ms`).join(', ')}`);
// Wall time counts waiting for a core on a busy machine; CPU time (this process, user + system) does not.
console.log(`  ${rows.length} shapes at ${size} units; worst wall: ${worst.format} ${JSON.stringify(worst.unit)} ${worst.ms.toFixed(1)} ms; ${rows.filter((r) => r.ms > 250).length} over 250 ms wall`);
console.log(`  worst CPU: ${worstCpu.format} ${JSON.stringify(worstCpu.unit)} ${worstCpu.cpu.toFixed(1)} ms; ${rows.filter((r) => r.cpu > 250).length} over 250 ms CPU; load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
