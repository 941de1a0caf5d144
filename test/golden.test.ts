/**
 * Golden findings: the scanner's findings (type, offsets, ruleId, confidence to 2 places, subject)
 * for every corpus post must equal fixtures/golden/findings.jsonl. Any accuracy change — better or
 * worse — fails here with a post-by-post diff; `npm run golden:update` rewrites the file on
 * purpose, so the change is visible in review.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GOLDEN_FILE, computeGolden, corpusTexts, diffGolden, parseGolden, serialize, type GoldenPost } from '../scripts/golden-lib';

const root = join(__dirname, '..');

describe('golden findings', () => {
  test('every corpus post gives exactly the committed findings', () => {
    const expected = parseGolden(readFileSync(join(root, GOLDEN_FILE), 'utf8'));
    const actual = computeGolden(root);
    const diff = diffGolden(expected, actual, corpusTexts(root));
    if (diff) throw new Error(`${GOLDEN_FILE} differs from what the scanner finds now.\n${diff}\n\nIf the change is intended, run \`npm run golden:update\` and commit the file.`);
    expect(actual.length).toBeGreaterThan(1000);
  });

  test('the diff names gone and new findings, and new or removed posts', () => {
    const post = (findings: GoldenPost['findings'], id = 'p1'): GoldenPost => ({ file: 'posts/x.jsonl', id, locale: 'en-US', format: 'plain', findings });
    const before = [post([['phone', 0, 12, 'phone/libphonenumber', 0.9, 'unknown']]), post([], 'p2')];
    const after = [post([['phone', 0, 12, 'phone/libphonenumber', 0.85, 'unknown']]), post([], 'p3')];
    const diff = diffGolden(before, after, new Map([['posts/x.jsonl#p1', '555-010-4477 call']]));
    expect(diff).toContain('3 post(s) changed: 1 finding(s) gone, 1 new.');
    expect(diff).toContain('  - phone 0-12 phone/libphonenumber 0.90 unknown "555-010-4477"');
    expect(diff).toContain('  + phone 0-12 phone/libphonenumber 0.85 unknown "555-010-4477"');
    expect(diff).toContain('posts/x.jsonl#p2: post no longer in the corpus');
    expect(diff).toContain('posts/x.jsonl#p3: new post');
    expect(diffGolden(before, before)).toBe('');
    expect(parseGolden(serialize(after))).toEqual(after);
  });
});
