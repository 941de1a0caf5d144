/**
 * The published builds: CommonJS and ESM entry points load and expose the same API, and type
 * declarations exist for each export. `npm test` builds before jest runs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, Record<string, string> | string> };

function node(args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
}

describe('package builds', () => {
  test('every export target exists', () => {
    for (const [key, target] of Object.entries(pkg.exports)) {
      const files = typeof target === 'string' ? [target] : Object.values(target);
      for (const f of files) expect([key, existsSync(join(root, f))]).toEqual([key, true]);
    }
  });

  test('CommonJS: require works and scans', () => {
    const out = node(['-e', "const p=require('./dist/cjs/index.js');const s=p.createScanner();console.log(JSON.stringify([typeof p.PreflightError, s.scan('card 4111 1111 1111 1111').findings.length]))"]);
    expect(JSON.parse(out)).toEqual(['function', 1]);
  });

  test('ESM: import works and scans', () => {
    const out = node(['--input-type=module', '-e', "import {createScanner, PreflightError} from './dist/esm/index.mjs';const s=createScanner();console.log(JSON.stringify([typeof PreflightError, s.scan('card 4111 1111 1111 1111').findings.length]))"]);
    expect(JSON.parse(out)).toEqual(['function', 1]);
  });

  test('ESM: the store and the express entry load (native module and deep CommonJS imports)', () => {
    const out = node(['--input-type=module', '-e', "import {createStore} from './dist/esm/index.mjs';import {preflight, reviewRouter, checkRoute} from './dist/esm/express.mjs';const s=await createStore({url:'sqlite::memory:',secret:'x'.repeat(40)});const v=await s.acknowledgements.verify();await s.close();console.log(JSON.stringify([v.ok, typeof preflight, typeof reviewRouter, typeof checkRoute]))"]);
    expect(JSON.parse(out)).toEqual([true, 'function', 'function', 'function']);
  });

  test('the package resolves itself by name through "exports" for both module systems', () => {
    const cjs = node(['-e', "console.log(Object.keys(require('pii-preflight')).includes('createScanner'), typeof require('pii-preflight/express'))"]);
    expect(cjs.trim()).toBe('true object');
    const esm = node(['--input-type=module', '-e', "const m=await import('pii-preflight');const e=await import('pii-preflight/express');console.log(typeof m.createScanner, typeof e)"]);
    expect(esm.trim()).toBe('function object');
  });
});
