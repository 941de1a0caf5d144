// Builds the CommonJS and ESM bundles with esbuild (JSON rule files are inlined) and the
// type declarations with tsc. Dependencies stay external.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, existsSync, mkdirSync, copyFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const external = [pkg.name, `${pkg.name}/*`, ...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})];
rmSync('dist', { recursive: true, force: true });

// Deep imports into CommonJS packages ("validator/lib/isEmail", "libphonenumber-js/metadata.max.json")
// have no ESM entry: in the ESM bundle they are loaded with the `require` the banner creates.
const cjsDeepImports = {
  name: 'cjs-deep-imports',
  setup(b) {
    b.onResolve({ filter: /^(validator\/lib\/|libphonenumber-js\/metadata\.)/ }, (args) =>
      args.namespace === 'cjs-deep' ? undefined : { path: args.path, namespace: 'cjs-deep' });
    b.onLoad({ filter: /.*/, namespace: 'cjs-deep' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js', resolveDir: process.cwd() }));
  },
};

const entries = { index: 'src/index.ts', express: 'src/express/index.ts', cli: 'src/cli/index.ts' };
const common = { bundle: true, platform: 'node', target: 'node20', external, sourcemap: true, logLevel: 'warning',
  // The ESM bundles get a real `require` from the banner below.
  logOverride: { 'unsupported-require-call': 'silent' } };
for (const [name, file] of Object.entries(entries)) {
  if (!existsSync(file)) continue;
  await build({ ...common, entryPoints: { [name]: file }, format: 'cjs', outdir: 'dist/cjs' });
  await build({ ...common, entryPoints: { [name]: file }, format: 'esm', outdir: 'dist/esm', outExtension: { '.js': '.mjs' }, plugins: [cjsDeepImports],
    banner: { js: "import { createRequire as __cr } from 'module'; const require = __cr(import.meta.url);" } });
}
if (existsSync('src/widget/widget.ts')) {
  await build({ entryPoints: { widget: 'src/widget/widget.ts' }, bundle: true, format: 'esm', minify: true, target: 'es2020', outdir: 'dist/widget', logLevel: 'warning' });
  mkdirSync('dist/widget', { recursive: true });
  if (existsSync('src/widget/widget.css')) copyFileSync('src/widget/widget.css', 'dist/widget/widget.css');
}
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
