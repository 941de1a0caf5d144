import { createScanner, findingValue } from '../src/scanner';
import { PreflightError } from '../src/errors';

const scanner = createScanner({ locales: ['en-US'] });

describe('createScanner options', () => {
  test('unknown options are refused with a suggestion', () => {
    expect(() => createScanner({ locale: ['en-US'] } as never)).toThrow(/unknown option `locale`\. Did you mean `locales`\?/);
  });
  test('bad values are refused', () => {
    expect(() => createScanner({ locales: [] })).toThrow(PreflightError);
    expect(() => createScanner({ minConfidence: 2 })).toThrow(/minConfidence/);
    expect(() => createScanner({ maxLength: -1 })).toThrow(/maxLength/);
    expect(() => createScanner({ locales: ['not a locale!'] })).toThrow(/BCP 47/);
  });
  test('resolved options are exposed', () => {
    const s = createScanner({ locales: ['de-DE'], types: ['iban'], minConfidence: 0.7 });
    expect(s.options.locales).toEqual(['de-DE']);
    expect(s.options.types).toEqual(['iban']);
    expect(s.options.minConfidence).toBe(0.7);
    expect(s.options.maxLength).toBe(262144);
  });
});

describe('scan()', () => {
  test('non-strings are refused with invalid_input', () => {
    for (const bad of [null, undefined, 42, {}, ['a']]) {
      try {
        scanner.scan(bad as never);
        throw new Error('accepted');
      } catch (err) {
        expect((err as PreflightError).code).toBe('invalid_input');
        expect((err as PreflightError).status).toBe(400);
      }
    }
  });

  test('oversized input is refused with input_too_large (413)', () => {
    const small = createScanner({ maxLength: 10 });
    try {
      small.scan('x'.repeat(11));
      throw new Error('accepted');
    } catch (err) {
      expect((err as PreflightError).code).toBe('input_too_large');
      expect((err as PreflightError).status).toBe(413);
    }
    expect(small.scan('x'.repeat(10)).findings).toEqual([]);
  });

  test('unknown formats are refused', () => {
    expect(() => scanner.scan('x', { format: 'pdf' as never })).toThrow(/format must be one of/);
  });

  test('empty text has no findings', () => {
    expect(scanner.scan('').findings).toEqual([]);
  });

  test('findings carry the contract fields with offsets into the original text', () => {
    const text = '<p>Pay with <b>4111</b>&nbsp;1111 1111 1111 please</p>';
    const { findings } = scanner.scan(text, { format: 'html' });
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(text.slice(f.start, f.end)).toBe(f.text);
    expect(f.text).toBe('4111</b>&nbsp;1111 1111 1111');
    expect(f).toMatchObject({ type: 'payment_card', masked: '•••• •••• •••• 1111', ruleId: 'payment_card/luhn', subject: 'unknown' });
    expect(f.confidence).toBeGreaterThan(0.5);
    expect(f.confidence).toBeLessThanOrEqual(1);
    expect(f.reasons).toContain('Luhn checksum valid');
    expect(findingValue(f)).toBe('4111111111111111');
  });

  test('types and minConfidence filter findings', () => {
    const text = 'IBAN DE89 3704 0044 0532 0130 00 and card 4111111111111111';
    expect(createScanner({ types: ['iban'] }).scan(text).findings.map((f) => f.type)).toEqual(['iban']);
    const strict = createScanner({ minConfidence: 0.99 });
    expect(strict.scan('number 4111111111111111').findings).toEqual([]);
  });

  test('failed checksums are dropped, never reported', () => {
    expect(scanner.scan('card 4111 1111 1111 1112, IBAN DE89 3704 0044 0532 0130 01').findings).toEqual([]);
  });

  test('hostile input gets a correct answer: 100,000 digits, @ and < in a row', () => {
    expect(scanner.scan('1'.repeat(100000)).findings).toEqual([]);
    expect(scanner.scan('@'.repeat(100000)).findings).toEqual([]);
    expect(scanner.scan('<'.repeat(100000), { format: 'html' }).findings).toEqual([]);
    expect(scanner.scan('[b]'.repeat(30000), { format: 'bbcode' }).findings).toEqual([]);
    expect(scanner.scan('**'.repeat(50000), { format: 'markdown' }).findings).toEqual([]);
    const withSurrogates = '\uD800 card 4111 1111 1111 1111 \uDC00';
    const f = scanner.scan(withSurrogates).findings[0]!;
    expect(withSurrogates.slice(f.start, f.end)).toBe('4111 1111 1111 1111');
  });
});

describe('masking and context', () => {
  test('a phone partly spelled out in words is masked letters and digits alike', () => {
    const { mask } = jest.requireActual<typeof import('../src/mask')>('../src/mask');
    expect(mask('phone', '(415) five five five, oh one three four')).toBe('(•••) •••• •••• ••••, •• ••• ••••• ••••');
    expect(mask('phone', '+44 20 7946 0958')).toBe('+44 •• •••• 0958');
  });

  test('a negative word does not reach across another number', () => {
    const s = createScanner({ locales: ['de-DE'] });
    const near = s.scan('Bestellnummer 030 12345678 bitte angeben').findings.filter((f) => f.type === 'phone');
    expect(near).toEqual([]);
    const across = s.scan('Preis 90 Euro, ruf an: 030 12345678').findings.filter((f) => f.type === 'phone');
    expect(across.map((f) => f.text)).toEqual(['030 12345678']);
  });

  test('a name right after a bare contact word makes it someone else\'s; a bare contact word alone is the author\'s', () => {
    const s = createScanner();
    expect(s.scan('For the pool email Steph at steph.o@example.com, buy-in is $20.').findings.map((f) => f.subject)).toEqual(['third_party']);
    expect(s.scan('For the pool email steph.o@example.com, buy-in is $20.').findings.map((f) => f.subject)).toEqual(['self']);
    expect(s.scan('New address for the Christmas card list: a.b@example.com').findings.map((f) => f.subject)).toEqual(['self']);
  });

  test('a mailto: target takes its subject from where the link stands', () => {
    const text = '<p>Contact my sister at <a href="mailto:jo@example.com">her address</a>.</p>';
    const { findings } = createScanner().scan(text, { format: 'html' });
    expect(findings.map((f) => [f.text, f.subject])).toEqual([['jo@example.com', 'third_party']]);
  });
});

describe('scanFields()', () => {
  test('scans each field and names it; skips null/undefined', () => {
    const { findings } = scanner.scanFields({ title: 'hello', body: 'IBAN GB82 WEST 1234 5698 7654 32', extra: undefined, more: null });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ field: 'body', type: 'iban', text: 'GB82 WEST 1234 5698 7654 32' });
    expect(findingValue(findings[0]!)).toBe('GB82WEST12345698765432');
  });
  test('refuses non-string fields and non-objects', () => {
    expect(() => scanner.scanFields({ body: 5 as never })).toThrow(/field "body" must be a string/);
    expect(() => scanner.scanFields('x' as never)).toThrow(PreflightError);
  });
});
