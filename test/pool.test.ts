/**
 * createScanPool: long posts scanned in worker threads give exactly the findings of an inline scan
 * (offsets, reasons, flags, normalized values), in every format; short and refused inputs stay
 * inline with the scanner's own errors. Runs against the built package (the worker is the built
 * dist/cjs/scan-worker.js); `npm test` builds before jest runs.
 */
import { join } from 'node:path';
import type * as Api from '../src';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const api = require(join(__dirname, '..', 'dist', 'cjs', 'index.js')) as typeof Api;

const POSTS: [Api.Format, string][] = [
  ['plain', 'Call me on 415 555 0134 or mail jane.doe@example.com. I live at 1234 Elm St, Springfield, IL 62704. '.repeat(40)],
  ['markdown', '[mail me](mailto:ann@example.com "or 415 555 0134") and 415**555**0136, <!-- 020 7946 0958 --> '.repeat(60)],
  ['html', '<p>Call <span hidden>9</span>415 555 0134</p><a href="&#116;el:+14155550135">x</a> '.repeat(60)],
  ['bbcode', '[quote]k i m @ e x a m p l e . c o m[/quote] [color=white]x[/color] [url=https://t.me/+14155550137]tg[/url] '.repeat(40)],
  ['plain', 'a@b.co '.repeat(3000)],
];

describe('createScanPool', () => {
  const pool = api.createScanPool({ minLength: 1024, maxThreads: 2 });
  const inline = api.createScanner();
  afterAll(() => pool.close());

  test.each(POSTS.map(([format, text], i) => [i, format, text] as const))('post %i (%s): identical findings, flags and values', async (_i, format, text) => {
    expect(text.length).toBeGreaterThanOrEqual(1024);
    const a = await pool.scan(text, { format });
    const b = inline.scan(text, { format });
    expect(a).toEqual(b);
    expect(a.findings.length).toBeGreaterThan(0);
    expect(a.findings.map(api.findingValue)).toEqual(b.findings.map(api.findingValue));
  });

  test('scanFields combines field results like the scanner does', async () => {
    const fields = { title: 'Call 415 555 0134', body: POSTS[0]?.[1] ?? '' };
    const a = await pool.scanFields(fields);
    const b = inline.scanFields(fields);
    expect(a).toEqual(b);
    expect(a.findings.map(api.findingValue)).toEqual(b.findings.map(api.findingValue));
  });

  test('refused input rejects with the scanner errors; options are validated', async () => {
    await expect(pool.scan('x'.repeat(api.DEFAULT_MAX_LENGTH + 1))).rejects.toMatchObject({ code: 'input_too_large' });
    await expect(pool.scan(42 as unknown as string)).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(pool.scan('x'.repeat(2000), { format: 'rtf' as Api.Format })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(() => api.createScanPool({ maxThreads: 0 })).toThrow(api.PreflightError);
    expect(() => api.createScanPool({ minLength: -1 })).toThrow(api.PreflightError);
    expect(() => api.createScanPool({ locales: [] })).toThrow(api.PreflightError);
    expect(pool.options).toMatchObject({ minLength: 1024, maxThreads: 2, maxFindings: 500 });
  });

  test('the event loop stays free while a long post is scanned in a worker', async () => {
    const text = 'Call 415 555 0132 '.repeat(14000);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    await pool.scan(text);
    clearInterval(timer);
    // An inline scan of this post blocks for its whole duration: no tick at all.
    expect(ticks).toBeGreaterThan(0);
  });
});
