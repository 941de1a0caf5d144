/**
 * Bounded work per post (issue 13): `maxFindings` caps what a scan reports (the first ones by
 * position, `truncated: true`), and the detectors stop their per-value work there — a capped scan
 * of a dense post costs a fraction of an uncapped one (compared as a ratio, CPU time, generous).
 */
import { createScanner, DEFAULT_MAX_FINDINGS, DEFAULT_MAX_LENGTH, PreflightError } from '../src';
import type { Format } from '../src';

function dense(unit: string, n = DEFAULT_MAX_LENGTH): string {
  return unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
}

/** Offsets where `needle` starts in `text`, the first `max` of them. */
function starts(text: string, needle: string, max: number): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(needle); i >= 0 && out.length < max; i = text.indexOf(needle, i + 1)) out.push(i);
  return out;
}

describe('maxFindings', () => {
  const scanner = createScanner();

  test('defaults to 500 and is in the resolved options', () => {
    expect(DEFAULT_MAX_FINDINGS).toBe(500);
    expect(scanner.options.maxFindings).toBe(500);
    expect(createScanner({ maxFindings: 20 }).options.maxFindings).toBe(20);
  });

  test.each<[string, string, string]>([
    ['emails', 'a@b.co ', 'a@b.co'],
    ['phones', 'Call 415 555 0132 ', '415 555 0132'],
    ['street addresses', '12 Elm St ', '12 Elm St'],
    // Separated by '. ': boxes that follow each other with only a space read as one address block.
    ['PO boxes', 'PO Box 7. ', 'PO Box 7'],
  ])('a maximum-size post of %s: the first 500 by position, truncated', (_what, unit, value) => {
    const text = dense(unit);
    const result = scanner.scan(text);
    expect(result.truncated).toBe(true);
    expect(result.findings).toHaveLength(500);
    expect(result.findings.map((f) => f.start)).toEqual(starts(text, value, 500));
    expect(result.findings.every((f) => text.slice(f.start, f.end) === f.text)).toBe(true);
  });

  test('a post under the cap is complete and says nothing about truncation', () => {
    const result = scanner.scan('Mail ann@example.com or call 415 555 0134.');
    expect(result.findings).toHaveLength(2);
    expect(result).not.toHaveProperty('truncated');
  });

  test('a custom cap, in every format', () => {
    const small = createScanner({ maxFindings: 3 });
    for (const [format, text] of [
      ['plain', 'a@b.co '.repeat(10)],
      ['markdown', '[x](mailto:a@b.co) '.repeat(10)],
      ['html', '<p>a@b.co</p>'.repeat(10)],
      ['bbcode', '[email]a@b.co[/email] '.repeat(10)],
    ] as [Format, string][]) {
      const r = small.scan(text, { format });
      expect(r.truncated).toBe(true);
      expect(r.findings).toHaveLength(3);
      expect(r.findings[0]?.start).toBe(text.indexOf('a@b.co'));
    }
  });

  test('scanFields: each field capped, the fields together too, truncated on the result', () => {
    const small = createScanner({ maxFindings: 4 });
    const r = small.scanFields({ title: 'a@b.co c@d.co', body: 'e@f.co '.repeat(10) });
    expect(r.truncated).toBe(true);
    expect(r.findings).toHaveLength(4);
    expect(r.findings.map((f) => f.field)).toEqual(['title', 'title', 'body', 'body']);
    expect(small.scanFields({ title: 'a@b.co', body: 'hi' })).not.toHaveProperty('truncated');
  });

  test('the option is validated', () => {
    for (const bad of [0, -1, 1.5, '10', Number.NaN]) {
      expect(() => createScanner({ maxFindings: bad as number })).toThrow(PreflightError);
    }
  });
});

describe('the detectors stop at the cap (not a filter after the work)', () => {
  /** CPU ms of the best of `runs` scans. */
  function cpu(fn: () => void, runs = 2): number {
    let best = Infinity;
    for (let r = 0; r < runs; r++) {
      const a = process.cpuUsage();
      fn();
      const d = process.cpuUsage(a);
      best = Math.min(best, (d.user + d.system) / 1000);
    }
    return best;
  }

  test.each<[string, string]>([
    ['emails', 'a@b.co '],
    ['phones', 'Call 415 555 0132 '],
    ['street addresses', '12 Elm St '],
    ['PO boxes', 'PO Box 7. '],
  ])('a dense post of %s costs a fraction of the uncapped scan', (_what, unit) => {
    const text = dense(unit, 32768);
    const capped = createScanner();
    const uncapped = createScanner({ maxFindings: 1_000_000 });
    capped.scan(text);
    uncapped.scan(text);
    const ratio = cpu(() => uncapped.scan(text)) / cpu(() => capped.scan(text));
    expect(ratio).toBeGreaterThan(2);
  });
});
