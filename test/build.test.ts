/**
 * The published builds: CommonJS and ESM entry points load and expose the same API, and type
 * declarations exist for each export. `npm test` builds before jest runs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
type Target = string | { [condition: string]: Target };
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, Target> };
const leaves = (t: Target): string[] => (typeof t === 'string' ? [t] : Object.values(t).flatMap(leaves));

function node(args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
}

describe('package builds', () => {
  test('every export target exists', () => {
    for (const [key, target] of Object.entries(pkg.exports)) {
      for (const f of leaves(target)) expect([key, existsSync(join(root, f))]).toEqual([key, true]);
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
    const out = node(['--input-type=module', '-e', "import {createStore} from './dist/esm/index.mjs';import {preflight, reviewRouter, checkRoute} from './dist/esm/express.mjs';const s=await createStore({url:'sqlite::memory:',secret:'Yli04oJkwr_EmN9n_pTRjiMOD2cLkT2tSfYuEk6dPfI'});const v=await s.acknowledgements.verify();await s.close();console.log(JSON.stringify([v.ok, typeof preflight, typeof reviewRouter, typeof checkRoute]))"]);
    expect(JSON.parse(out)).toEqual([true, 'function', 'function', 'function']);
  });

  test('the package resolves itself by name through "exports" for both module systems', () => {
    const cjs = node(['-e', "console.log(Object.keys(require('pii-preflight')).includes('createScanner'), typeof require('pii-preflight/express'))"]);
    expect(cjs.trim()).toBe('true object');
    const esm = node(['--input-type=module', '-e', "const m=await import('pii-preflight');const e=await import('pii-preflight/express');console.log(typeof m.createScanner, typeof e)"]);
    expect(esm.trim()).toBe('function object');
  });

  test('one module graph: every entry point and both module systems share one PreflightError', () => {
    const script = `
      import { createRequire } from 'node:module';
      import * as esmIndex from 'pii-preflight';
      import * as esmExpress from 'pii-preflight/express';
      const require = createRequire(import.meta.url);
      const cjsIndex = require('pii-preflight');
      const cjsExpress = require('pii-preflight/express');
      const thrown = [];
      for (const e of [esmExpress, cjsExpress]) { try { e.preflight({}); } catch (err) { thrown.push(err); } }
      try { await esmIndex.createStore({ secret: 'short' }); } catch (err) { thrown.push(err); }
      console.log(JSON.stringify({
        sameClass: esmIndex.PreflightError === cjsIndex.PreflightError,
        sameScanner: esmIndex.createScanner === cjsIndex.createScanner,
        recognised: thrown.map((err) => [esmIndex.isPreflightError(err), cjsIndex.isPreflightError(err), err instanceof cjsIndex.PreflightError, err.code]),
      }));`;
    const out = JSON.parse(node(['--input-type=module', '-e', script])) as { sameClass: boolean; sameScanner: boolean; recognised: unknown[] };
    expect(out).toEqual({
      sameClass: true,
      sameScanner: true,
      recognised: [[true, true, true, 'invalid_options'], [true, true, true, 'invalid_options'], [true, true, true, 'invalid_options']],
    });
  });

  test('rule files are loaded from rules/ once, not copied into the build; no sourcemaps are published', () => {
    const files = execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: root, encoding: 'utf8' });
    const packed = (JSON.parse(files) as { files: { path: string }[]; unpackedSize: number }[])[0];
    if (!packed) throw new Error('npm pack printed nothing');
    const paths = packed.files.map((f) => f.path);
    expect(paths.filter((p) => p.endsWith('.map'))).toEqual([]);
    expect(paths.filter((p) => p.startsWith('dist/') && p.endsWith('.json'))).toEqual([]);
    expect(paths).toEqual(expect.arrayContaining(['rules/phone/en-GB.json', 'rules/notices/en.json', 'dist/widget/widget.mjs', 'dist/widget/widget.cjs', 'dist/widget/widget.d.mts']));
    // The rule text appears once in the server-side package: in rules/, not inlined into any
    // compiled module (the browser widget is self-contained: it carries its own UI strings).
    const sample = JSON.parse(readFileSync(join(root, 'rules', 'notices', 'en.json'), 'utf8')) as { notice: string };
    const inlined = paths.filter((p) => !p.startsWith('dist/widget/') && /\.[mc]?js$/.test(p)).filter((p) => readFileSync(join(root, p), 'utf8').includes(sample.notice));
    expect(inlined).toEqual([]);
    // 9.7 MB before (six bundles, each with the rules inlined, and their sourcemaps).
    expect(packed.unpackedSize).toBeLessThan(2_000_000);
  });
});
