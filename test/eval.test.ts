import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FixtureError,
  aggregate,
  duplicateIds,
  formatReport,
  labelSpans,
  loadFixtures,
  matchesPattern,
  occurrences,
  overlaps,
  parseFixtureFile,
  prf,
  scorePost,
  type FixturePost,
  type ScoredFinding,
} from '../scripts/eval-lib';
import { checkPost, deobfuscateEmail, emailDomainReserved, phoneValid, ssnOk } from '../scripts/check-fixtures';

function post(text: string, labels: FixturePost['labels'], extra: Partial<FixturePost> = {}): FixturePost {
  return { id: 'p1', locale: 'en-GB', format: 'plain', text, labels, ...extra };
}

function finding(type: string, text: string, hay: string, nth = 0): ScoredFinding {
  const start = occurrences(hay, text)[nth];
  if (start === undefined) throw new Error(`${text} not in text`);
  return { type, start, end: start + text.length, text };
}

describe('overlap', () => {
  it('treats ranges as half-open', () => {
    expect(overlaps(0, 5, 4, 8)).toBe(true);
    expect(overlaps(0, 5, 5, 8)).toBe(false);
    expect(overlaps(3, 4, 0, 10)).toBe(true);
  });
});

describe('labelSpans', () => {
  const text = 'Mail a@example.com or <a href="mailto:a@example.com">a@example.com</a>';
  it('expands a label without occurrence to every occurrence', () => {
    const spans = labelSpans(post(text, [{ type: 'email', text: 'a@example.com' }]));
    expect(spans.map((s) => s.start)).toEqual(occurrences(text, 'a@example.com'));
    expect(spans).toHaveLength(3);
  });
  it('keeps only the chosen occurrence', () => {
    const spans = labelSpans(post(text, [{ type: 'email', text: 'a@example.com', occurrence: 2 }]));
    expect(spans).toHaveLength(1);
    expect(spans[0]?.start).toBe(occurrences(text, 'a@example.com')[1]);
  });
  it('merges a duplicated label', () => {
    const spans = labelSpans(post(text, [{ type: 'email', text: 'a@example.com' }, { type: 'email', text: 'a@example.com' }]));
    expect(spans).toHaveLength(3);
  });
});

describe('scorePost', () => {
  const text = 'Call me on 020 7946 0123 or mail jo@example.com. Order 112-4567890-1234567.';
  const p = post(text, [
    { type: 'phone', text: '020 7946 0123', subject: 'self' },
    { type: 'email', text: 'jo@example.com' },
  ]);

  it('counts a partial overlap of the same type as a true positive', () => {
    const s = scorePost(p, [finding('phone', '7946 0123', text)]);
    expect(s.tp).toHaveLength(1);
    expect(s.found.map((l) => l.type)).toEqual(['phone']);
    expect(s.missed.map((l) => l.type)).toEqual(['email']);
  });

  it('counts an overlap of another type as a false positive and the label as missed', () => {
    const s = scorePost(p, [finding('payment_card', '020 7946 0123', text)]);
    expect(s.fp).toHaveLength(1);
    expect(s.tp).toHaveLength(0);
    expect(s.missed).toHaveLength(2);
  });

  it('counts a finding outside every label as a false positive', () => {
    const s = scorePost(p, [finding('phone', '112-4567890-1234567', text), finding('email', 'jo@example.com', text)]);
    expect(s.fp.map((f) => f.text)).toEqual(['112-4567890-1234567']);
    expect(s.tp.map((f) => f.text)).toEqual(['jo@example.com']);
  });

  it('lets one finding that spans two labels find both', () => {
    const t = 'tel 020 7946 0123 / 020 7946 0124';
    const q = post(t, [{ type: 'phone', text: '020 7946 0123' }, { type: 'phone', text: '020 7946 0124' }]);
    const s = scorePost(q, [{ type: 'phone', start: 4, end: t.length }]);
    expect(s.found).toHaveLength(2);
    expect(s.tp).toHaveLength(1);
  });

  it('restricts labels and findings to the chosen types', () => {
    const s = scorePost(p, [finding('phone', '020 7946 0123', text), finding('email', 'jo@example.com', text)], ['email']);
    expect(s.tp.map((f) => f.type)).toEqual(['email']);
    expect(s.found.map((l) => l.type)).toEqual(['email']);
    expect(s.goldPositive).toBe(true);
    const neg = scorePost(post('no pii here, v2.3.1', []), [], ['email']);
    expect(neg.goldPositive).toBe(false);
    expect(neg.predictedPositive).toBe(false);
  });

  it('counts every labeled occurrence separately for recall', () => {
    const t = 'a@example.com then again a@example.com';
    const q = post(t, [{ type: 'email', text: 'a@example.com' }]);
    const s = scorePost(q, [finding('email', 'a@example.com', t, 0)]);
    expect(s.found).toHaveLength(1);
    expect(s.missed).toHaveLength(1);
  });
});

describe('subject agreement', () => {
  it('pairs each found label subject with the overlapping finding subject', () => {
    const t = 'call me on 020 7946 0123 or my neighbour Bob on 020 7946 0456';
    const p = post(t, [
      { type: 'phone', text: '020 7946 0123', subject: 'self' },
      { type: 'phone', text: '020 7946 0456', subject: 'third_party' },
    ]);
    const a = { ...finding('phone', '020 7946 0123', t), subject: 'self' };
    const b = { ...finding('phone', '020 7946 0456', t), subject: 'self' };
    const s = scorePost(p, [a, b]);
    expect(s.subjects).toEqual([['self', 'self'], ['third_party', 'self']]);
    const r = aggregate([s]);
    expect(r.subjects).toEqual({ self: { self: 1 }, third_party: { self: 1 } });
    expect(formatReport(r)).toContain('subject of found labels: 1/2 agree');
  });
});

describe('aggregate', () => {
  it('adds up per type, per locale and per post', () => {
    const pos = post('ring 020 7946 0123', [{ type: 'phone', text: '020 7946 0123' }], { id: 'a' });
    const neg = post('version 1.2.3 released 05.10.1986', [], { id: 'b', locale: 'de-DE' });
    const missed = post('ring 020 7946 0999', [{ type: 'phone', text: '020 7946 0999' }], { id: 'c' });
    const quiet = post('nothing to see', [], { id: 'd' });
    const r = aggregate([
      scorePost(pos, [finding('phone', '020 7946 0123', pos.text)]),
      scorePost(neg, [finding('phone', '05.10.1986', neg.text)]),
      scorePost(missed, []),
      scorePost(quiet, []),
    ]);
    expect(r.byType.phone).toMatchObject({ tp: 1, fp: 1, found: 1, fn: 1, precision: 0.5, recall: 0.5 });
    expect(r.postLevel).toMatchObject({ tp: 1, fp: 1, fn: 1, tn: 1 });
    expect(r.byLocale.phone?.['de-DE']).toMatchObject({ fp: 1, tp: 0 });
    expect(r.byLocale.phone?.['en-GB']).toMatchObject({ tp: 1, found: 1, fn: 1 });
    const table = formatReport(r);
    expect(table).toContain('phone');
    expect(table).toContain('post level: TP 1  FP 1  FN 1  TN 1');
    expect(table).toContain('phone by locale');
    expect(table).not.toContain('post level by locale');
  });

  it('reports every type and the post level per locale on request (--by-locale)', () => {
    const gb = post('mail a@example.com', [{ type: 'email', text: 'a@example.com' }], { id: 'a' });
    const de = post('Version 1.2.3', [], { id: 'b', locale: 'de-DE' });
    const deMissed = post('Ruf 030 1234567 an', [{ type: 'phone', text: '030 1234567' }], { id: 'c', locale: 'de-DE' });
    const r = aggregate([scorePost(gb, [finding('email', 'a@example.com', gb.text)]), scorePost(de, []), scorePost(deMissed, [])]);
    expect(r.postByLocale['en-GB']).toMatchObject({ tp: 1, fp: 0, fn: 0, tn: 0, recall: 1 });
    expect(r.postByLocale['de-DE']).toMatchObject({ tp: 0, fn: 1, tn: 1, recall: 0 });
    const table = formatReport(r, Object.keys(r.byLocale).sort(), true);
    expect(table).toContain('email by locale');
    expect(table).toMatch(/post level by locale\n.*\nen-GB\s+1\s+1\s+0\s+0\s+0/);
    expect(table).toMatch(/de-DE\s+2\s+0\s+0\s+1\s+1\s+1\.000\s+0\.000/);
  });

  it('computes F1 and handles empty denominators', () => {
    expect(prf({ tp: 0, fp: 0, found: 0, fn: 0 })).toEqual({ precision: 1, recall: 1, f1: 1 });
    expect(prf({ tp: 0, fp: 2, found: 0, fn: 2 }).f1).toBe(0);
    expect(prf({ tp: 3, fp: 1, found: 3, fn: 3 }).f1).toBeCloseTo((2 * 0.75 * 0.5) / 1.25);
  });
});

describe('parseFixtureFile', () => {
  it('names file and line of a broken post', () => {
    const good = JSON.stringify(post('hi', []));
    expect(() => parseFixtureFile(`${good}\n{oops`, 'x.jsonl')).toThrow('x.jsonl:2');
    const badLabel = JSON.stringify(post('hi there', [{ type: 'phone', text: '999' }]));
    expect(() => parseFixtureFile(`\n${badLabel}`, 'y.jsonl')).toThrow(FixtureError);
    expect(() => parseFixtureFile(`\n${badLabel}`, 'y.jsonl')).toThrow('y.jsonl:2');
    const badLocale = JSON.stringify(post('hi', [], { locale: 'en-XX' }));
    expect(() => parseFixtureFile(badLocale, 'z.jsonl')).toThrow('unknown locale');
    const badOcc = JSON.stringify(post('a b', [{ type: 'email', text: 'a', occurrence: 2 }]));
    expect(() => parseFixtureFile(badOcc, 'o.jsonl')).toThrow('occurrence');
  });
});

describe('loadFixtures', () => {
  const line = (id: string, extra = ''): string =>
    `{"id":"${id}","locale":"en-US","format":"plain","text":"hi there${extra}","labels":[]}`;
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'eval-fixtures-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads matching files and names the file and line of a broken one', () => {
    writeFileSync(join(dir, 'a.jsonl'), `${line('a1')}\n${line('a2')}\n`);
    writeFileSync(join(dir, 'b.jsonl'), `${line('b1')}\n\n{"id":"b2"}\n`);
    expect(loadFixtures(dir, 'a*').map((p) => p.id)).toEqual(['a1', 'a2']);
    expect(() => loadFixtures(dir)).toThrow(FixtureError);
    expect(() => loadFixtures(dir)).toThrow('b.jsonl:3');
  });

  it('refuses duplicate ids across files', () => {
    writeFileSync(join(dir, 'a.jsonl'), `${line('x1')}\n`);
    writeFileSync(join(dir, 'b.jsonl'), `${line('y1')}\n${line('x1', '!')}\n`);
    expect(() => loadFixtures(dir)).toThrow('b.jsonl:2: duplicate id x1');
  });

  it('matches file patterns with wildcards or substrings', () => {
    expect(matchesPattern('core-phone.jsonl', 'core-*')).toBe(true);
    expect(matchesPattern('address-de.jsonl', 'core-*')).toBe(false);
    expect(matchesPattern('core-phone.jsonl', 'phone')).toBe(true);
    expect(matchesPattern('core-phone.jsonl', '*.jsonl')).toBe(true);
  });
});

describe('fixture checker', () => {
  it('rejects invalid values', () => {
    expect(phoneValid('020 7946 0123', 'en-GB')).toBe(true);
    expect(phoneValid('020 7946 012', 'en-GB')).toBe(false);
    expect(phoneValid('(212) five five five 0134', 'en-US')).toBe(true);
    expect(phoneValid('+49 30 901820', 'en-GB')).toBe(true);
    expect(ssnOk('666-12-3456')).toBe(false);
    expect(ssnOk('912-12-3456')).toBe(false);
    expect(ssnOk('512-12-3456')).toBe(true);
    expect(deobfuscateEmail('jane [at] example [dot] com')).toBe('jane@example.com');
    expect(emailDomainReserved('jo＠mail.example.org')).toBe(true);
    expect(emailDomainReserved('jo@gmail.com')).toBe(false);
    const bad = post('card 4111 1111 1111 1112 iban DE89 3704 0044 0532 0130 01', [
      { type: 'payment_card', text: '4111 1111 1111 1112' },
      { type: 'iban', text: 'DE89 3704 0044 0532 0130 01' },
    ]);
    expect(checkPost(bad)).toHaveLength(2);
  });
});

describe('the corpus', () => {
  const dir = join(__dirname, '..', 'fixtures', 'posts');
  const files = readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort();
  for (const f of files) {
    it(`${f} parses, labels occur in their texts, locales and formats are valid`, () => {
      const posts = parseFixtureFile(readFileSync(join(dir, f), 'utf8'), f);
      expect(posts.length).toBeGreaterThan(0);
    });
  }

  it('has unique ids across all files', () => {
    const all = files.flatMap((f) => parseFixtureFile(readFileSync(join(dir, f), 'utf8'), f));
    expect(all.length).toBeGreaterThan(0);
    expect(duplicateIds(all)).toEqual([]);
  });

  it('core files pass the value checks (valid phones, Luhn, mod-97, reserved email domains)', () => {
    const core = files.filter((f) => f.startsWith('core-'));
    const problems = core.flatMap((f) => parseFixtureFile(readFileSync(join(dir, f), 'utf8'), f).flatMap(checkPost));
    expect(problems).toEqual([]);
  });

  it('core corpus is big, mixed and about half negative', () => {
    const core = files
      .filter((f) => f.startsWith('core-'))
      .flatMap((f) => parseFixtureFile(readFileSync(join(dir, f), 'utf8'), f));
    expect(core.length).toBeGreaterThanOrEqual(650);
    const negatives = core.filter((p) => p.labels.length === 0).length;
    expect(negatives / core.length).toBeGreaterThan(0.4);
    expect(negatives / core.length).toBeLessThan(0.6);
    expect(new Set(core.map((p) => p.locale)).size).toBe(11);
    expect(new Set(core.map((p) => p.format)).size).toBe(4);
  });
});
