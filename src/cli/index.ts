/**
 * The `pii-preflight` command.
 *
 *   pii-preflight scan [file…|-] [--format plain|markdown|html|bbcode] [--locale xx-YY] [--json]
 *   pii-preflight log verify|export|erase-user|purge|checkpoint [options]
 *
 * Exit status: 0 no finding (or success), 1 findings (or a log that does not verify), 2 usage or
 * input error with a message on standard error.
 */
import { readFileSync } from 'node:fs';
import { createScanner } from '../scanner';
import { isPreflightError } from '../errors';
import type { Finding, Format } from '../types';

export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
}

const USAGE = `Usage:
  pii-preflight scan [file…|-] [--format plain|markdown|html|bbcode] [--locale xx-YY] [--json]
  pii-preflight log <verify|export|erase-user|purge|checkpoint> [--db URL] [options]
  pii-preflight migrate [--db URL]
  pii-preflight demo [--port 3000]
  pii-preflight --help | --version
`;

class UsageError extends Error {}

const FORMATS: Format[] = ['plain', 'markdown', 'html', 'bbcode'];

function formatFromName(file: string): Format {
  if (/\.(md|markdown)$/i.test(file)) return 'markdown';
  if (/\.html?$/i.test(file)) return 'html';
  if (/\.bb(code)?$/i.test(file)) return 'bbcode';
  return 'plain';
}

async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** 1-based line and column (UTF-16 units) of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

async function runScan(args: string[], io: CliIO): Promise<number> {
  const files: string[] = [];
  let format: Format | undefined;
  let locales: string[] = [];
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--json') json = true;
    else if (a === '--format' || a.startsWith('--format=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (!v || !FORMATS.includes(v as Format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
      format = v as Format;
    } else if (a === '--locale' || a.startsWith('--locale=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (!v) throw new UsageError('--locale needs a value such as en-GB');
      locales = [...locales, ...v.split(',')];
    } else if (a === '-' || !a.startsWith('-')) files.push(a);
    else throw new UsageError(`unknown option ${a}`);
  }
  if (files.length === 0) files.push('-');
  const scanner = createScanner({ locales: locales.length ? locales : ['en-US'] });
  const results: { file: string; findings: Finding[]; text: string }[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = file === '-' ? await readStdin(io.stdin) : readFileSync(file, 'utf8');
    } catch (err) {
      throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    const { findings } = scanner.scan(text, { format: format ?? (file === '-' ? 'plain' : formatFromName(file)) });
    results.push({ file: file === '-' ? '<stdin>' : file, findings, text });
  }
  if (json) {
    io.stdout.write(JSON.stringify({ files: results.map((r) => ({ file: r.file, findings: r.findings })) }, null, 2) + '\n');
  } else {
    for (const r of results) {
      for (const f of r.findings) {
        const { line, column } = lineColumn(r.text, f.start);
        io.stdout.write(`${r.file}:${line}:${column}  ${f.type}  ${f.masked}  confidence ${f.confidence.toFixed(2)}  subject ${f.subject}  [${f.ruleId}] ${f.reasons.join('; ')}\n`);
      }
    }
    const total = results.reduce((n, r) => n + r.findings.length, 0);
    io.stderr.write(total === 0 ? 'no personal information found\n' : `${total} finding${total === 1 ? '' : 's'}\n`);
  }
  return results.some((r) => r.findings.length > 0) ? 1 : 0;
}

type Sub = (args: string[], io: CliIO) => Promise<number>;

async function loadSub(name: string): Promise<Sub | null> {
  // Subcommands that need the store or the demo load lazily so `scan` starts fast.
  try {
    if (name === 'log') return (await import('./log')).runLog as Sub;
    if (name === 'demo') return (await import('./demo')).runDemo as Sub;
    if (name === 'migrate') return (await import('./migrate')).runMigrate as Sub;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return null;
    throw err;
  }
  return null;
}

export async function main(argv: string[], io: CliIO = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env }): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
      (cmd ? io.stdout : io.stderr).write(USAGE);
      return cmd ? 0 : 2;
    }
    if (cmd === '--version' || cmd === '-v') {
      io.stdout.write(`${VERSION}\n`);
      return 0;
    }
    if (cmd === 'scan') return await runScan(rest, io);
    const sub = await loadSub(cmd);
    if (!sub) throw new UsageError(`unknown command "${cmd}"`);
    return await sub(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`pii-preflight: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    if (isPreflightError(err)) {
      io.stderr.write(`pii-preflight: ${err.code}: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

/** The installed package's version (the package resolves itself through "exports", from source and builds). */
const VERSION = (JSON.parse(readFileSync(require.resolve('pii-preflight/package.json'), 'utf8')) as { version: string }).version;
