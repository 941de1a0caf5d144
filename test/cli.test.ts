import { PassThrough, Readable } from 'node:stream';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, lineColumn, type CliIO } from '../src/cli';

function io(stdinText = ''): { io: CliIO; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let o = '';
  let e = '';
  stdout.on('data', (d: Buffer) => (o += d.toString()));
  stderr.on('data', (d: Buffer) => (e += d.toString()));
  return { io: { stdout, stderr, stdin: Readable.from([stdinText]), env: {} }, out: () => o, err: () => e };
}

const dir = mkdtempSync(join(tmpdir(), 'pii-cli-'));
const withCard = join(dir, 'post.md');
writeFileSync(withCard, '# Hi\n\nPay me with **4111 1111 1111 1111** please.\n');
const clean = join(dir, 'clean.txt');
writeFileSync(clean, 'Upgraded to v2.10.4 on 2024-03-15, build 20240315.1. Works.\n');

describe('pii-preflight scan', () => {
  test('findings → exit 1 with file:line:column, type, masked value, confidence and reasons', async () => {
    const t = io();
    expect(await main(['scan', withCard], t.io)).toBe(1);
    const line = t.out().trim();
    expect(line).toContain(`${withCard}:3:15`);
    expect(line).toContain('payment_card');
    expect(line).toContain('•••• •••• •••• 1111');
    expect(line).toContain('Luhn checksum valid');
    expect(line).not.toContain('4111 1111 1111 1111');
  });

  test('no findings → exit 0', async () => {
    const t = io();
    expect(await main(['scan', clean], t.io)).toBe(0);
    expect(t.out()).toBe('');
    expect(t.err()).toContain('no personal information found');
  });

  test('--json prints the files/findings shape with raw text', async () => {
    const t = io();
    expect(await main(['scan', '--json', withCard, clean], t.io)).toBe(1);
    const json = JSON.parse(t.out()) as { files: { file: string; findings: { type: string; text: string; start: number }[] }[] };
    expect(json.files).toHaveLength(2);
    expect(json.files[0]!.findings[0]).toMatchObject({ type: 'payment_card', text: '4111 1111 1111 1111' });
    expect(json.files[1]!.findings).toEqual([]);
  });

  test('reads standard input with - and honours --format and --locale', async () => {
    const t = io('<p>IBAN <b>DE89 3704 0044 0532 0130 00</b></p>');
    expect(await main(['scan', '-', '--format', 'html', '--locale', 'de-DE', '--json'], t.io)).toBe(1);
    const json = JSON.parse(t.out()) as { files: { file: string; findings: { type: string; start: number; end: number }[] }[] };
    expect(json.files[0]!.file).toBe('<stdin>');
    expect(json.files[0]!.findings[0]).toMatchObject({ type: 'iban', start: 11, end: 38 });
  });

  test('usage and input errors → exit 2 with a message on standard error', async () => {
    for (const args of [['scan', '--format', 'pdf'], ['scan', '--nope'], ['scan', join(dir, 'missing.txt')], ['frobnicate'], [], ['scan', '--locale', 'bad locale!', clean]]) {
      const t = io();
      expect(await main(args, t.io)).toBe(2);
      expect(t.err()).toMatch(/pii-preflight|Usage/);
    }
  });

  test('--help and --version exit 0', async () => {
    const t = io();
    expect(await main(['--help'], t.io)).toBe(0);
    expect(t.out()).toContain('pii-preflight scan');
    const v = io();
    expect(await main(['--version'], v.io)).toBe(0);
    expect(v.out().trim()).toBe((JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version);
  });

  test("this repository's README does not cry wolf", async () => {
    const t = io();
    const code = await main(['scan', join(__dirname, '..', 'README.md')], t.io);
    expect(t.out()).toBe('');
    expect(code).toBe(0);
  });
});

test('lineColumn counts UTF-16 units from 1', () => {
  expect(lineColumn('ab\ncd\nef', 7)).toEqual({ line: 3, column: 2 });
  expect(lineColumn('abc', 0)).toEqual({ line: 1, column: 1 });
});
