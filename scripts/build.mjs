// Builds the published package as ONE module graph:
//
//   dist/cjs/**     every src/ module compiled on its own (esbuild, no bundling) to CommonJS, with
//                   its .d.ts beside it (tsc). Rule JSON is not copied: each module requires the
//                   package's own rules/*.json, so every rule file is loaded once per process.
//   dist/esm/*.mjs  thin ES-module entry points that re-export the CommonJS graph, with .d.mts
//                   types. `import` and `require` therefore share one PreflightError class, one
//                   scanner cache and one copy of each rule file.
//   dist/widget/    the browser widget: widget.mjs (ESM) and widget.cjs, each with types.
//
// No sourcemaps are published (the CommonJS output is unminified and readable as is).
import { build, transform } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const started = Date.now();
rmSync('dist', { recursive: true, force: true });

/** Every .ts file under `dir`, relative to the repo, skipping `skip` (relative dir names). */
function tsFiles(dir, skip = []) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skip.includes(p)) out.push(...tsFiles(p, skip));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(p);
  }
  return out.sort();
}

const toPosix = (p) => p.split(sep).join('/');
/** A relative specifier from `fromDir` to `target` ("./x" or "../x"). */
function rel(fromDir, target) {
  const r = toPosix(relative(fromDir, target));
  return r.startsWith('.') ? r : `./${r}`;
}

/**
 * Rewrites one compiled module's relative specifiers for its place in dist/cjs:
 * - JSON files outside src/ (the rule files) point at the package's rules/ folder;
 * - `import("./x")` becomes a `require` (the CommonJS graph stays one graph; Node would otherwise
 *   load the target again through the ESM loader, and extensionless ESM specifiers do not resolve).
 */
function rewriteSpecifiers(code, srcFile, outFile) {
  const srcDir = dirname(resolve(srcFile));
  const outDir = dirname(resolve(outFile));
  const fix = (spec) => {
    if (!spec.startsWith('.')) return spec;
    const target = resolve(srcDir, spec);
    if (spec.endsWith('.json') && !target.startsWith(resolve('src') + sep)) return rel(outDir, target);
    return spec;
  };
  return code
    .replace(/\bimport\("(\.[^"]*)"\)/g, (_m, spec) => `Promise.resolve().then(() => __toESM(require(${JSON.stringify(fix(spec))})))`)
    .replace(/\brequire\("([^"]*)"\)/g, (_m, spec) => `require(${JSON.stringify(fix(spec))})`)
    .replace(/\bfrom "(\.[^"]*\.json)"/g, (_m, spec) => `from ${JSON.stringify(fix(spec))}`)
    .replace(/\bimport\("(\.[^"]*\.json)"\)/g, (_m, spec) => `import(${JSON.stringify(fix(spec))})`);
}

// 1. CommonJS: one output file per source module.
const sources = tsFiles('src', [join('src', 'widget')]);
await Promise.all(
  sources.map(async (file) => {
    const out = join('dist', 'cjs', relative('src', file)).replace(/\.ts$/, '.js');
    const result = await transform(readFileSync(file, 'utf8'), { loader: 'ts', format: 'cjs', platform: 'node', target: 'node20', sourcefile: file, logLevel: 'warning' });
    let code = rewriteSpecifiers(result.code, file, out);
    // `import("./x")` rewritten above needs esbuild's __toESM helper, which a file only has when it
    // also has a static import; add the same helper otherwise.
    if (code.includes('__toESM(require(') && !/\bvar __toESM\b/.test(code)) {
      code = `var __toESM = (m) => (m && m.__esModule ? m : Object.assign(Object.create(null), m, { default: m }));\n${code}`;
    }
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, code);
  }),
);

// 2. Type declarations next to the CommonJS files, made self-contained for any consumer tsconfig:
//    - a rule JSON imported for its type (`typeof en.ui`) becomes a `declare const` of that JSON's
//      type, so consumers need no `resolveJsonModule` and no JSON is read by the type checker;
//    - types imported from libphonenumber-js (country codes, number types) are copied in, because
//      its own .d.cts imports an ES-module .d.ts, which strict node16 CommonJS consumers reject.
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
const phoneTypes = readFileSync('node_modules/libphonenumber-js/types.d.ts', 'utf8');
function phoneType(name, seen = new Set()) {
  const m = new RegExp(`^export type ${name} = ([^;]+);`, 'm').exec(phoneTypes);
  if (!m) throw new Error(`build: libphonenumber-js no longer declares \`${name}\` in types.d.ts; declare it in src instead`);
  seen.add(name);
  const deps = [...m[1].matchAll(/\b([A-Z][A-Za-z0-9]*)\b/g)].map((d) => d[1]).filter((d) => !seen.has(d) && new RegExp(`^export type ${d} =`, 'm').test(phoneTypes));
  return [...deps.flatMap((d) => phoneType(d, seen)), `type ${name} = ${m[1]};`];
}
/** The type TypeScript infers for an imported JSON value. */
function jsonType(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) {
    const members = [...new Set(v.map(jsonType))];
    return members.length === 0 ? 'never[]' : members.length === 1 ? `${members[0]}[]` : `(${members.join(' | ')})[]`;
  }
  if (typeof v === 'object') return `{ ${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${jsonType(x)};`).join(' ')} }`;
  return typeof v;
}
for (const file of walk('dist/cjs', '.d.ts')) {
  const src = join('src', relative(join('dist', 'cjs'), file)).replace(/\.d\.ts$/, '.ts');
  const text = readFileSync(file, 'utf8');
  const fixed = text
    .replace(/^import (\w+) from (['"])(\.[^'"]*\.json)\2;$/gm, (_m, name, _q, spec) => {
      const value = JSON.parse(readFileSync(resolve(dirname(resolve(src)), spec), 'utf8'));
      return `declare const ${name}: ${jsonType(value)};`;
    })
    .replace(/^import (?:type )?\{([^}]*)\} from (['"])libphonenumber-js[^'"]*\2;$/gm, (_m, names) => {
      const wanted = names.split(',').map((n) => n.trim().replace(/^type /, '')).filter(Boolean);
      const seen = new Set();
      return [...new Set(wanted.flatMap((n) => (seen.has(n) ? [] : phoneType(n, seen))))].join('\n');
    });
  if (/from ['"](?:\.[^'"]*\.json|libphonenumber-js[^'"]*)['"]/.test(fixed)) throw new Error(`build: ${file} still imports JSON or libphonenumber-js types`);
  if (fixed !== text) writeFileSync(file, fixed);
}

function walk(dir, suffix) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(p, suffix));
    else if (p.endsWith(suffix)) out.push(p);
  }
  return out;
}

// 3. Stable CommonJS entry files (bin/, bench/ and older deep imports use them).
writeFileSync('dist/cjs/express.js', "'use strict';\nmodule.exports = require('./express/index.js');\n");
writeFileSync('dist/cjs/express.d.ts', "export * from './express/index';\n");
writeFileSync('dist/cjs/cli.js', "'use strict';\nmodule.exports = require('./cli/index.js');\n");

// 4. ES-module entry points: re-export the CommonJS graph under explicit names.
const require = createRequire(import.meta.url);
const esmEntries = { index: './dist/cjs/index.js', express: './dist/cjs/express/index.js' };
mkdirSync('dist/esm', { recursive: true });
for (const [name, target] of Object.entries(esmEntries)) {
  const names = Object.keys(require(resolve(target))).filter((k) => k !== '__esModule' && k !== 'default').sort();
  const from = rel(resolve('dist/esm'), resolve(target));
  writeFileSync(
    `dist/esm/${name}.mjs`,
    `// ES-module entry: the same module instances as require('${name === 'index' ? 'pii-preflight' : `pii-preflight/${name}`}').\n` +
      `import cjs from '${from}';\n\nexport const {\n${names.map((n) => `  ${n},`).join('\n')}\n} = cjs;\n`,
  );
  writeFileSync(`dist/esm/${name}.d.mts`, `export * from '${from}';\n`);
}

// 5. The browser widget: ESM (widget.mjs) and CommonJS (widget.cjs), minified; types from tsc.
if (existsSync('src/widget/widget.ts')) {
  const widget = { entryPoints: ['src/widget/widget.ts'], bundle: true, minify: true, target: 'es2020', logLevel: 'warning', legalComments: 'none' };
  await build({ ...widget, format: 'esm', outfile: 'dist/widget/widget.mjs' });
  await build({ ...widget, format: 'cjs', outfile: 'dist/widget/widget.cjs', platform: 'neutral' });
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.widget.json'], { stdio: 'inherit' });
  writeFileSync('dist/widget/widget.d.mts', "export * from './types/widget.js';\n");
  writeFileSync('dist/widget/widget.d.cts', "export * from './types/widget';\n");
  if (existsSync('src/widget/widget.css')) copyFileSync('src/widget/widget.css', 'dist/widget/widget.css');
}

console.log(`build: ${sources.length} modules in ${((Date.now() - started) / 1000).toFixed(1)} s`);
