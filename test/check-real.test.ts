import { checkRealPost, fictional, keypadDigits, realPhoneKind } from '../scripts/check-real';
import type { FixturePost } from '../scripts/eval-lib';

function post(text: string, labels: FixturePost['labels'], extra: Partial<FixturePost> = {}): FixturePost {
  return { id: 'real-en-us-x', locale: 'en-US', format: 'plain', text, labels, note: 'n', ...extra };
}

describe('check-real: phone label shapes of real pages', () => {
  it('accepts valid numbers, extensions, vanity numbers, local numbers and short service codes', () => {
    expect(realPhoneKind('1-800-995-8212', 'en-US')).toBe('number');
    expect(realPhoneKind('0 61 51 / 3 60 51 - 22', 'de-DE')).toBe('number');
    expect(realPhoneKind('1-888-SMS-3300', 'en-US')).toBe('vanity');
    expect(realPhoneKind('1 (800) FED INFO (333-4636)', 'en-US')).toBe('vanity');
    expect(realPhoneKind('215-STOP', 'en-US')).toBe('vanity');
    expect(realPhoneKind('3258-9449', 'pt-BR')).toBe('local');
    expect(realPhoneKind('9 8132-9222', 'pt-BR')).toBe('local');
    expect(realPhoneKind('9 8132-9222', 'en-US')).toBeUndefined();
    expect(realPhoneKind('13 23 77', 'en-AU')).toBe('number');
    expect(realPhoneKind('101', 'en-GB')).toBe('short');
    expect(realPhoneKind('*(star) TIPS', 'en-CA')).toBe('short');
  });

  it('rejects emergency numbers and text that is no number', () => {
    expect(realPhoneKind('112', 'de-DE')).toBeUndefined();
    expect(realPhoneKind('911', 'en-US')).toBeUndefined();
    expect(realPhoneKind('000', 'en-AU')).toBeUndefined();
    expect(realPhoneKind('call us', 'en-US')).toBeUndefined();
    expect(realPhoneKind('1.2.3', 'en-US')).toBeUndefined();
  });

  it('maps keypad letters and knows the drama ranges', () => {
    expect(keypadDigits('1-800-FLOWERS')).toBe('1-800-3569377');
    expect(fictional('07700 900926')).toBe(true);
    expect(fictional('+44 20 7946 0123')).toBe(true);
    expect(fictional('020 7123 4567')).toBe(false);
  });
});

describe('check-real: excerpt metadata', () => {
  it('requires the source URL, a note, the id prefix and a subject on every label', () => {
    const p = post('Call 1-800-995-8212.', [{ type: 'phone', text: '1-800-995-8212' }], { id: 'x1', note: undefined });
    const problems = checkRealPost(p, {});
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('"source"'),
        expect.stringContaining('"note"'),
        expect.stringContaining('start with "real-"'),
        expect.stringContaining('has no subject'),
      ]),
    );
  });

  it('accepts a clean excerpt', () => {
    const p = post('Call 1-800-995-8212.', [{ type: 'phone', text: '1-800-995-8212', subject: 'self' }]);
    expect(checkRealPost(p, { source: 'https://example.com/page' })).toEqual([]);
  });
});
