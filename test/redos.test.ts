/**
 * Every regular expression in src/ — literals found with the TypeScript parser, and the ones built
 * at run time from rules/ (context phrase lists) — must be free of catastrophic backtracking
 * according to the recheck ReDoS checker.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { checkSync } from 'recheck';
import { phraseRegex } from '../src/detect/context';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return /\.ts$/.test(name) && !/\.d\.ts$/.test(name) ? [p] : [];
  });
}

interface Found {
  where: string;
  source: string;
  flags: string;
}

function literals(file: string): Found[] {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const out: Found[] = [];
  const visit = (node: ts.Node) => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const lit = node.getText(sf);
      const lastSlash = lit.lastIndexOf('/');
      const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
      out.push({ where: `${file}:${line + 1}`, source: lit.slice(1, lastSlash), flags: lit.slice(lastSlash + 1) });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

const SRC = join(__dirname, '..', 'src');
const found = files(SRC).flatMap(literals);

describe('ReDoS safety', () => {
  test('the source tree has regex literals to check', () => {
    expect(found.length).toBeGreaterThan(10);
  });

  test.each(found.map((f) => [f.where, f]))('%s is safe', (_where, f) => {
    const result = checkSync(f.source, f.flags.replace(/[gy]/g, ''), { timeout: 10000 });
    if (result.status !== 'safe') {
      throw new Error(`${f.where}: /${f.source}/${f.flags} is ${result.status}${'attack' in result && result.attack ? ` (attack: ${JSON.stringify(result.attack.pattern)})` : ''}`);
    }
  });

  test('context phrase regexes built from rules/context are safe', () => {
    const dir = join(__dirname, '..', 'rules', 'context');
    for (const name of readdirSync(dir)) {
      const json = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown>;
      const lists: string[][] = [];
      for (const key of ['positive', 'negative'] as const) {
        for (const words of Object.values(json[key] as Record<string, string[]>)) lists.push(words);
      }
      lists.push((json.self as string[]) ?? [], (json.thirdParty as string[]) ?? []);
      for (const words of lists) {
        const re = phraseRegex(words);
        if (!re) continue;
        const result = checkSync(re.source, 'iu', { timeout: 10000 });
        expect(`${name}: ${result.status}`).toBe(`${name}: safe`);
      }
    }
  });
});
