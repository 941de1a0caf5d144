/**
 * Scratch consumer apps for test/package/consumer.test.ts: `npm pack` the repo, install the
 * tarball into two scratch projects outside the repo (one with Express 5, one with Express 4, each
 * with pg, TypeScript and the @types a TypeScript integrator installs), and generate apps from the
 * README's "Integrating it" example as written.
 *
 * The scratch projects live in the OS temp dir, keyed by this checkout and Node's version, and are
 * reused between runs: only the freshly packed tarball is reinstalled (npm's local cache first,
 * the registry when something is missing). better-sqlite3's native binary is copied from the repo's
 * own install when the versions match (same machine, same Node), instead of compiling it again.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transformSync } from 'esbuild';

export const ROOT = join(__dirname, '..', '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

export type Flavor = 'express4' | 'express5';

/** What an integrator installs next to pii-preflight (the README's install section). */
const CONSUMER_DEPS: Record<Flavor, Record<string, string>> = {
  express5: { express: '^5.1.0', pg: '^8.11.0', typescript: '5.9', '@types/node': '^20.19.0', '@types/express': '^5.0.0', '@types/pg': '^8.11.0' },
  express4: { express: '^4.21.2', pg: '^8.11.0', typescript: '5.9', '@types/node': '^20.19.0', '@types/express': '^4.17.21', '@types/pg': '^8.11.0' },
};

export const SCRATCH = join(
  tmpdir(),
  `pii-preflight-consumer-${createHash('sha256').update(`${ROOT}\n${process.version}`).digest('hex').slice(0, 12)}`,
);

function npm(args: string[], cwd: string): string {
  return execFileSync(NPM, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' },
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** Packs the repo (dist/ must be built: `npm test` builds first) into SCRATCH; returns the tarball path. */
export function packTarball(): string {
  mkdirSync(SCRATCH, { recursive: true });
  for (const f of readdirSync(SCRATCH)) if (f.endsWith('.tgz')) rmSync(join(SCRATCH, f));
  const out = JSON.parse(npm(['pack', '--json', '--pack-destination', SCRATCH], ROOT)) as { filename: string }[];
  const file = out[0]?.filename;
  if (!file) throw new Error('npm pack printed no file name');
  return join(SCRATCH, file);
}

/** Installs the tarball (and the consumer's own dependencies) into SCRATCH/<flavor>; returns the dir. */
export function installFlavor(flavor: Flavor, tarball: string): string {
  const dir = join(SCRATCH, flavor);
  mkdirSync(dir, { recursive: true });
  const manifest = {
    name: `pii-preflight-consumer-${flavor}`,
    version: '1.0.0',
    private: true,
    description: 'Scratch app of the pii-preflight consumer tests (generated).',
    dependencies: { ...CONSUMER_DEPS[flavor], 'pii-preflight': `file:${tarball}` },
  };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  // The tarball's content changes on every pack while its name does not: drop the installed copy
  // and the lock entry so npm installs this one.
  rmSync(join(dir, 'node_modules', 'pii-preflight'), { recursive: true, force: true });
  rmSync(join(dir, 'package-lock.json'), { force: true });
  // Scripts off: the only package that needs one is better-sqlite3 (native build), handled below.
  npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock'], dir);
  provideSqliteBinary(dir);
  return dir;
}

function provideSqliteBinary(dir: string): void {
  const target = join(dir, 'node_modules', 'better-sqlite3');
  const binary = join('build', 'Release', 'better_sqlite3.node');
  if (existsSync(join(target, binary))) return;
  const version = (p: string) => (JSON.parse(readFileSync(join(p, 'package.json'), 'utf8')) as { version: string }).version;
  const mine = join(ROOT, 'node_modules', 'better-sqlite3');
  if (existsSync(join(mine, binary)) && version(mine) === version(target)) {
    mkdirSync(join(target, 'build', 'Release'), { recursive: true });
    copyFileSync(join(mine, binary), join(target, binary));
    return;
  }
  // Another version than the repo's: let its install script fetch or compile the binary.
  npm(['rebuild', 'better-sqlite3', '--foreground-scripts'], dir);
}

/** The README's first code block under "## Integrating it", exactly as published. */
export function readmeExample(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.split(/^## Integrating it\s*$/m)[1];
  const block = section ? /```ts\n([\s\S]*?)```/.exec(section) : null;
  if (!block?.[1]) throw new Error('README.md has no ```ts block under "## Integrating it"');
  return block[1];
}

/** The README's SQLite store options, as written (the PostgreSQL runs swap in a URL and schema). */
export const README_STORE_URL = "url: 'sqlite:./data/preflight.sqlite'";

export interface AppOptions {
  /** Replaces the README's SQLite URL, e.g. `url: "postgres://…", schema: "x"`. */
  storeOptions?: string;
}

function withStore(example: string, options: AppOptions): string {
  if (!example.includes(README_STORE_URL)) throw new Error(`the README example no longer contains ${README_STORE_URL}`);
  return options.storeOptions ? example.replace(README_STORE_URL, options.storeOptions) : example;
}

/**
 * The host app around the example: its session (req.user from an `x-user` header, moderators are
 * `mod-*`), its createPost/updatePost handlers and requireOwner (the host's own authorisation), a route the test uses to stop the store, and
 * listen() on a free port, printed as JSON.
 */
const HANDLERS = `
function createPost(req, res) { res.status(201).json({ preflight: req.preflight, title: req.body.title }); }
function updatePost(req, res) { res.status(200).json({ preflight: req.preflight, id: req.params.id }); }
function requireOwner(req, res, next) { if (!req.user) { res.status(403).json({ error: 'forbidden' }); return; } next(); }
`;
const SESSION = `
Object.defineProperty(__http.IncomingMessage.prototype, 'user', {
  configurable: true,
  get() { const id = this.headers['x-user']; return typeof id === 'string' ? { id, isModerator: id.startsWith('mod-') } : undefined; },
});
`;
const EPILOGUE = `
app.post('/__test/stop-store', async (_req, res) => { await store.close(); res.json({ closed: true }); });
const server = app.listen(0, '127.0.0.1', () => { console.log(JSON.stringify({ port: server.address().port, crossFormat: __crossFormat() })); });
`;

/** Strips the example's TypeScript syntax (the README block is TypeScript). */
function stripTypes(code: string): string {
  return transformSync(code, { loader: 'ts', format: 'esm', target: 'node20' }).code;
}

/** The example as an ES module (`app.mjs`): `import`, top-level await. */
export function esmApp(options: AppOptions = {}): string {
  return [
    "import __http from 'node:http';",
    "import { createRequire as __createRequire } from 'node:module';",
    "import { isPreflightError as __isPreflightError } from 'pii-preflight';",
    SESSION,
    stripTypes(withStore(readmeExample(), options)),
    HANDLERS,
    // An error thrown by the CommonJS copy of pii-preflight/express, recognised by the ES-module entry.
    `function __crossFormat() {
      try { __createRequire(import.meta.url)('pii-preflight/express').preflight({}); return 'no error'; }
      catch (err) { return __isPreflightError(err) && err.code === 'invalid_options'; }
    }`,
    EPILOGUE,
  ].join('\n');
}

/** The example as CommonJS (`app.cjs`): its imports as `require`, the rest in an async function. */
export function cjsApp(options: AppOptions = {}): string {
  const lines = stripTypes(withStore(readmeExample(), options)).split('\n');
  const requires: string[] = [];
  const body: string[] = [];
  for (const line of lines) {
    const def = /^import (\w+) from (['"][^'"]+['"]);$/.exec(line);
    const named = /^import \{([^}]+)\} from (['"][^'"]+['"]);$/.exec(line);
    if (def) requires.push(`const ${def[1]} = require(${def[2]});`);
    else if (named) requires.push(`const {${named[1]}} = require(${named[2]});`);
    else if (/^import\b/.test(line)) throw new Error(`cannot turn this README import into require: ${line}`);
    else body.push(line);
  }
  return [
    "'use strict';",
    "const __http = require('node:http');",
    "const { isPreflightError: __isPreflightError } = require('pii-preflight');",
    ...requires,
    SESSION,
    HANDLERS,
    `function __crossFormat() {
      // An error thrown by the ES-module copy of pii-preflight/express, recognised by the CommonJS entry.
      return import('pii-preflight/express').then((m) => { try { m.preflight({}); return 'no error'; } catch (err) { return __isPreflightError(err) && err.code === 'invalid_options'; } });
    }`,
    '(async () => {',
    ...body,
    EPILOGUE.replace('crossFormat: __crossFormat()', 'crossFormat: await __crossFormat()').replace("app.listen(0, '127.0.0.1', () => {", "app.listen(0, '127.0.0.1', async () => {"),
    '})().catch((err) => { console.error(err); process.exit(1); });',
  ].join('\n');
}

/** The example as a TypeScript module, type-checked (not run) by the TypeScript apps. */
export function tsApp(): string {
  return [
    "import type { NextFunction, Request, Response } from 'express';",
    '',
    '// The host app\'s session type (what its auth middleware puts on req).',
    'declare global {',
    '  namespace Express {',
    '    interface Request { user?: { id: string; isModerator: boolean } }',
    '  }',
    '}',
    '',
    readmeExample(),
    'function createPost(req: Request, res: Response): void { res.status(201).json({ preflight: req.preflight }); }',
    'function updatePost(req: Request, res: Response): void { res.json({ preflight: req.preflight }); }',
    "function requireOwner(req: Request, res: Response, next: NextFunction): void { if (!req.user) { res.status(403).json({ error: 'forbidden' }); return; } next(); }",
    '',
    '// The rest of the public surface an integrator touches, with its types.',
    "import { createScanner, isPreflightError, type Finding, type Store } from 'pii-preflight';",
    "import { attach, type AttachedWidget } from 'pii-preflight/widget';",
    'const findings: Finding[] = createScanner().scan("mail me at jo@example.com").findings;',
    'const stores: Store[] = [store];',
    'const widget: ((t: HTMLTextAreaElement) => AttachedWidget) = (t) => attach(t, { endpoint: "/preflight/check" });',
    "import { createReviewService, explainHold, type ReviewService, type ReviewItem } from 'pii-preflight';",
    'const reviews: ReviewService = createReviewService({ store, onResolved: (item: ReviewItem, action) => { console.log(action, explainHold(item, ["de"]).text); } });',
    '// A custom policy shared with the live check: the guard exposes the scanner and policy it decides with.',
    'const sharedCheck = checkRoute({ scanner: guard.scanner, policy: guard.policy, rateLimit: false });',
    'export const used = [findings, stores, widget, isPreflightError(new Error("x")), guard, reviews, sharedCheck];',
    '',
  ].join('\n');
}

/** tsconfig for one TypeScript app: strict, no skipLibCheck. */
export function tsconfig(resolution: 'node16' | 'bundler', file: string): string {
  const compilerOptions =
    resolution === 'node16'
      ? { module: 'node16', moduleResolution: 'node16' }
      : { module: 'esnext', moduleResolution: 'bundler' };
  return JSON.stringify(
    {
      compilerOptions: {
        ...compilerOptions, target: 'es2022', lib: ['es2022', 'dom'], strict: true, skipLibCheck: false, noEmit: true, types: ['node'],
        // Reruns re-check only what changed (the freshly installed pii-preflight), not all of @types.
        incremental: true, tsBuildInfoFile: `.tsbuildinfo.${resolution}`,
      },
      files: [file],
    },
    null,
    2,
  );
}
