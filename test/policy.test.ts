import { defaultPolicy, evaluatePolicy, validatePolicy, stricter, withServicePhones } from '../src/policy';
import { PreflightError } from '../src/errors';
import type { Finding } from '../src/types';
import policyJson from '../rules/policy.default.json';

function finding(type: string, subject: Finding['subject'], confidence = 0.9): Finding {
  return { type, subject, confidence, start: 0, end: 5, text: 'x', masked: '•', ruleId: `${type}/test`, reasons: [] };
}

describe('default policy', () => {
  test('is valid and versioned', () => {
    expect(defaultPolicy.version).toBe(policyJson.version);
    expect(defaultPolicy.rules.length).toBeGreaterThan(3);
  });

  test.each([
    ['email', 'self', 'warn'],
    ['email', 'unknown', 'warn'],
    ['phone', 'self', 'warn'],
    ['phone', 'unknown', 'warn'],
    ['address', 'self', 'warn'],
    ['address', 'unknown', 'warn'],
    ['address', 'third_party', 'review'],
    ['phone', 'third_party', 'review'],
    ['email', 'third_party', 'warn'],
    ['payment_card', 'self', 'block'],
    ['payment_card', 'unknown', 'block'],
    ['national_id', 'self', 'block'],
    ['iban', 'self', 'warn'],
    ['iban', 'unknown', 'warn'],
    ['iban', 'third_party', 'review'],
  ] as const)('%s / %s → %s', (type, subject, action) => {
    expect(evaluatePolicy(defaultPolicy, [finding(type, subject)]).action).toBe(action);
  });

  test('no findings → allow with no rule', () => {
    expect(evaluatePolicy(defaultPolicy, [])).toEqual({ action: 'allow', ruleId: null, decisions: [], flagged: [] });
  });

  test('findings below the confidence threshold do not count', () => {
    const d = evaluatePolicy(defaultPolicy, [finding('payment_card', 'self', 0.3)]);
    expect(d.action).toBe('allow');
    expect(d.flagged).toEqual([]);
    expect(d.decisions[0]?.ruleId).toBe('below-threshold');
  });

  test('the strictest action wins and names its rule', () => {
    const d = evaluatePolicy(defaultPolicy, [finding('email', 'self'), finding('phone', 'third_party'), finding('email', 'unknown')]);
    expect(d.action).toBe('review');
    expect(d.ruleId).toBe('review-third-party-contact');
    expect(d.flagged).toHaveLength(3);
  });

  test('a reason can route to review (third-party email acknowledged with "other")', () => {
    const f = [finding('email', 'third_party')];
    expect(evaluatePolicy(defaultPolicy, f).action).toBe('warn');
    expect(evaluatePolicy(defaultPolicy, f, 'intended').action).toBe('warn');
    const d = evaluatePolicy(defaultPolicy, f, 'other');
    expect(d.action).toBe('review');
    expect(d.ruleId).toBe('review-other-reason-third-party');
  });
});

describe('phone kinds', () => {
  const phone = (subject: Finding['subject'], phoneKind?: Finding['phoneKind']): Finding => ({ ...finding('phone', subject), ...(phoneKind ? { phoneKind } : {}) });

  test.each(['toll_free', 'premium_rate', 'shared_cost', 'uan', 'short_code'] as const)('service kind %s is allowed by default, whoever it appears to belong to', (kind) => {
    for (const subject of ['self', 'unknown', 'third_party'] as const) {
      const d = evaluatePolicy(defaultPolicy, [phone(subject, kind)]);
      expect(d.action).toBe('allow');
      expect(d.decisions[0]?.ruleId).toBe('allow-service-phone');
      expect(d.flagged).toEqual([]);
    }
  });

  test.each(['mobile', 'fixed_line', 'fixed_line_or_mobile', 'voip', 'personal_number', 'pager', 'voicemail', 'unknown', undefined] as const)('personal-capable kind %s warns (self) and is reviewed (third party)', (kind) => {
    expect(evaluatePolicy(defaultPolicy, [phone('self', kind)]).action).toBe('warn');
    expect(evaluatePolicy(defaultPolicy, [phone('third_party', kind)]).action).toBe('review');
  });

  test('a post with a service number and a mobile warns for the mobile only', () => {
    const d = evaluatePolicy(defaultPolicy, [phone('unknown', 'toll_free'), phone('self', 'mobile')]);
    expect(d.action).toBe('warn');
    expect(d.flagged.map((f) => f.phoneKind)).toEqual(['mobile']);
  });

  test('phoneKinds is validated and applies to phone findings only', () => {
    expect(() => validatePolicy({ version: 'v', rules: [{ id: 'r', phoneKinds: ['tollfree'], action: 'allow' }] })).toThrow(/phoneKinds/);
    const p = validatePolicy({ version: 'v', defaultAction: 'warn', rules: [{ id: 'r', phoneKinds: ['toll_free'], action: 'block' }] });
    expect(evaluatePolicy(p, [phone('self', 'toll_free')]).action).toBe('block');
    expect(evaluatePolicy(p, [{ ...finding('email', 'self'), phoneKind: 'toll_free' }]).action).toBe('warn');
  });

  test('withServicePhones sets one action for every service kind and versions the policy', () => {
    const warn = withServicePhones(defaultPolicy, 'warn');
    expect(warn.version).toBe(`${defaultPolicy.version}+service-phones-warn`);
    expect(evaluatePolicy(warn, [phone('self', 'toll_free')]).action).toBe('warn');
    expect(evaluatePolicy(warn, [phone('third_party', 'short_code')]).action).toBe('warn');
    expect(evaluatePolicy(warn, [phone('third_party', 'mobile')]).action).toBe('review');
    expect(evaluatePolicy(withServicePhones(warn, 'allow'), [phone('self', 'uan')]).action).toBe('allow');
    expect(() => withServicePhones(defaultPolicy, 'maybe' as never)).toThrow(PreflightError);
  });
});

describe('custom policies', () => {
  test('confidence bands and the default action', () => {
    const p = validatePolicy({
      version: 'x1', url: 'https://forum.example.com/rules', defaultAction: 'allow', minConfidence: 0.2,
      rules: [
        { id: 'weak-card', types: ['payment_card'], maxConfidence: 0.8, action: 'warn' },
        { id: 'card', types: ['payment_card'], minConfidence: 0.8, action: 'block' },
      ],
    });
    expect(evaluatePolicy(p, [finding('payment_card', 'self', 0.5)]).action).toBe('warn');
    expect(evaluatePolicy(p, [finding('payment_card', 'self', 0.9)]).action).toBe('block');
    expect(evaluatePolicy(p, [finding('email', 'self', 0.9)]).action).toBe('allow');
    expect(evaluatePolicy(p, [finding('email', 'self', 0.9)]).decisions[0]?.ruleId).toBe('default');
  });

  test('stricter()', () => {
    expect(stricter('warn', 'review')).toBe('review');
    expect(stricter('block', 'allow')).toBe('block');
  });

  test.each([
    [null, /must be an object/],
    [{ rules: [] }, /version/],
    [{ version: 'v', rules: {} }, /rules. must be an array/],
    [{ version: 'v', rules: [], colour: 1 }, /Unknown policy property `colour`/],
    [{ version: 'v', rules: [{ id: 'a', action: 'delete' }] }, /rule `a`.*action/],
    [{ version: 'v', rules: [{ action: 'warn' }] }, /rule #0 needs/],
    [{ version: 'v', rules: [{ id: 'a', action: 'warn' }, { id: 'a', action: 'warn' }] }, /defined twice/],
    [{ version: 'v', rules: [{ id: 'a', action: 'warn', subject: ['self'] }] }, /rule `a`: unknown property `subject`/],
    [{ version: 'v', rules: [{ id: 'a', action: 'warn', subjects: ['me'] }] }, /subjects/],
    [{ version: 'v', rules: [{ id: 'a', action: 'warn', reasons: ['because'] }] }, /reasons/],
    [{ version: 'v', rules: [{ id: 'a', action: 'warn', minConfidence: 2 }] }, /minConfidence/],
    [{ version: 'v', defaultAction: 'nope', rules: [] }, /defaultAction/],
  ])('rejects %j', (input, message) => {
    let caught: unknown;
    try { validatePolicy(input); } catch (err) { caught = err; }
    expect(caught).toBeInstanceOf(PreflightError);
    expect((caught as PreflightError).code).toBe('invalid_rule');
    expect((caught as PreflightError).message).toMatch(message);
  });
});
