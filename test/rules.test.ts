/**
 * The rule tester: every rule file in rules/ must parse, carry both positive and negative examples
 * (each negative saying why), and every example must behave as it says through the public scanner.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { createScanner } from '../src/scanner';
import { checkRuleFile, field, type RuleFile } from '../src/rules/schema';
import { PreflightError } from '../src/errors';
import type { Scanner } from '../src/types';

const ROOT = join(__dirname, '..');
const RULES = join(ROOT, 'rules');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    // policy-cues/ are tested through the publish flow in test/policy-cues.test.ts; lists/ are plain word lists, not rules.
    if (statSync(p).isDirectory()) return name === 'schema' || name === 'notices' || name === 'policy-cues' || name === 'lists' ? [] : walk(p);
    return name.endsWith('.json') && !name.startsWith('policy') ? [p] : [];
  });
}

const files = walk(RULES).map((p) => relative(ROOT, p));
const scanners = new Map<string, Scanner>();
function scannerFor(locale: string, type: string): Scanner {
  const key = `${locale}|${type}`;
  let s = scanners.get(key);
  if (!s) {
    s = createScanner({ locales: [locale], types: [type] });
    scanners.set(key, s);
  }
  return s;
}

function defaultLocale(file: string, rule: RuleFile): string {
  const m = /^([a-z]{2}-[A-Z]{2})\.json$/.exec(basename(file));
  if (m) return m[1] as string;
  return rule.locales?.[0] ?? 'en-US';
}

describe('rule files', () => {
  test('there are rule files to test', () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
  });

  describe.each(files)('%s', (file) => {
    const rule = checkRuleFile(JSON.parse(readFileSync(join(ROOT, file), 'utf8')), file);
    const locale = defaultLocale(file, rule);

    test.each(rule.examples.valid.map((ex, i) => [i, ex.text, ex] as const))('valid[%i] %s', (_i, _t, ex) => {
      const type = ex.type ?? rule.type;
      expect(type).not.toBe('context');
      const { findings } = scannerFor(ex.locale ?? locale, type).scan(ex.text, { format: ex.format ?? 'plain' });
      const ofType = findings.filter((f) => f.type === type);
      const explain = JSON.stringify(findings.map((f) => ({ text: f.text, c: f.confidence, reasons: f.reasons })));
      if (ex.match !== undefined) {
        const hit = ofType.find((f) => f.text === ex.match);
        if (!hit) throw new Error(`expected a ${type} finding "${ex.match}" in ${JSON.stringify(ex.text)}; got ${explain}`);
        if (ex.subject) expect(hit.subject).toBe(ex.subject);
        if (ex.phoneKind) expect(hit.phoneKind).toBe(ex.phoneKind);
      } else if (ofType.length === 0) {
        throw new Error(`expected a ${type} finding in ${JSON.stringify(ex.text)}; got none`);
      }
    });

    test.each(rule.examples.invalid.map((ex, i) => [i, ex.text, ex] as const))('invalid[%i] %s', (_i, _t, ex) => {
      const type = ex.type ?? rule.type;
      const types = type === 'context' ? undefined : type;
      const { findings } = (types ? scannerFor(ex.locale ?? locale, types) : createScanner({ locales: [ex.locale ?? locale] })).scan(ex.text, { format: ex.format ?? 'plain' });
      const wrong = findings.filter((f) => type === 'context' || f.type === type);
      if (wrong.length > 0) {
        throw new Error(`must not match (${ex.why}) but found ${JSON.stringify(wrong.map((f) => ({ type: f.type, text: f.text, c: f.confidence, reasons: f.reasons })))}`);
      }
    });
  });
});

describe('the rule checker refuses broken rule files, naming file and field', () => {
  const base = { id: 'x/y', type: 'email', description: 'd', examples: { valid: [{ text: 'a' }], invalid: [{ text: 'b', why: 'because' }] } };
  const cases: [string, unknown, string][] = [
    ['not an object', [], '(root)'],
    ['no id', { ...base, id: '' }, 'id'],
    ['no examples', { ...base, examples: undefined }, 'examples'],
    ['no positive example', { ...base, examples: { valid: [], invalid: base.examples.invalid } }, 'examples.valid'],
    ['no negative example', { ...base, examples: { valid: base.examples.valid, invalid: [] } }, 'examples.invalid'],
    ['a negative without why', { ...base, examples: { valid: base.examples.valid, invalid: [{ text: 'b' }] } }, 'examples.invalid[0].why'],
    ['a match that is not in the text', { ...base, examples: { valid: [{ text: 'abc', match: 'zzz' }], invalid: base.examples.invalid } }, 'examples.valid[0].match'],
    ['a bad format', { ...base, examples: { valid: [{ text: 'a', format: 'pdf' }], invalid: base.examples.invalid } }, 'examples.valid[0].format'],
  ];
  test.each(cases)('%s', (_name, json, fieldName) => {
    try {
      checkRuleFile(json, 'rules/broken.json');
      throw new Error('accepted a broken rule file');
    } catch (err) {
      expect(err).toBeInstanceOf(PreflightError);
      expect((err as PreflightError).code).toBe('invalid_rule');
      expect((err as PreflightError).message).toContain('rules/broken.json');
      expect((err as PreflightError).message).toContain(`"${fieldName}"`);
    }
  });

  test('field() checks detector-specific fields by kind', () => {
    const rule = checkRuleFile(base, 'rules/x.json');
    expect(() => field(rule, 'patterns', 'string[]', 'rules/x.json')).toThrow(/rules\/x\.json: field "patterns" is required/);
    expect(() => field({ ...rule, confidence: 'high' }, 'confidence', 'number', 'rules/x.json')).toThrow(/"confidence" must be number/);
    expect(field({ ...rule, words: ['a'] }, 'words', 'string[]', 'rules/x.json')).toEqual(['a']);
  });
});
