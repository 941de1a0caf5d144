import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES, PreflightError, isPreflightError } from '../src/errors';

const doc = readFileSync(join(__dirname, '..', 'docs', 'errors.md'), 'utf8');
const documented = new Map<string, number>();
for (const m of doc.matchAll(/^\| `([a-z_]+)` \| (\d{3}) \|/gm)) documented.set(m[1] as string, Number(m[2]));

describe('error table', () => {
  test('every code is documented with its status', () => {
    for (const [code, { status }] of Object.entries(ERROR_CODES)) {
      expect([code, documented.get(code)]).toEqual([code, status]);
    }
  });

  test('no documented code is stale', () => {
    for (const code of documented.keys()) expect(Object.keys(ERROR_CODES)).toContain(code);
  });

  test('PreflightError carries code, status and message', () => {
    const err = new PreflightError('input_too_large', 'too big', { length: 5 });
    expect(err).toBeInstanceOf(Error);
    expect(isPreflightError(err)).toBe(true);
    expect(err.code).toBe('input_too_large');
    expect(err.status).toBe(413);
    expect(err.message).toBe('too big');
    expect(err.details).toEqual({ length: 5 });
    expect(new PreflightError('conflict').message).toBe(ERROR_CODES.conflict.message);
    expect(isPreflightError(new Error('x'))).toBe(false);
  });

  test('errors from another copy of the module are recognised by brand and by instanceof', () => {
    let Other: typeof PreflightError | undefined;
    let otherIs: typeof isPreflightError | undefined;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const copy = require('../src/errors') as typeof import('../src/errors');
      Other = copy.PreflightError;
      otherIs = copy.isPreflightError;
    });
    if (!Other || !otherIs) throw new Error('the second copy did not load');
    expect(Other).not.toBe(PreflightError);
    const foreign = new Other('conflict');
    expect(isPreflightError(foreign)).toBe(true);
    expect(foreign instanceof PreflightError).toBe(true);
    expect(otherIs(new PreflightError('not_found'))).toBe(true);
    expect(isPreflightError(Object.assign(new Error('x'), { code: 'conflict', status: 409 }))).toBe(false);
    expect(isPreflightError({ [Symbol.for('pii-preflight.error')]: true })).toBe(false);
    expect(isPreflightError(null)).toBe(false);
    expect(new Error('x') instanceof PreflightError).toBe(false);
  });
});
