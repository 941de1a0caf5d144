/**
 * Every regular expression literal in src/ (found with the TypeScript parser) must be free of catastrophic backtracking
 * according to the recheck ReDoS checker. Context phrases from rules/ are matched by token lookup,
 * not by regexes built at run time.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { checkSync } from 'recheck';

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
});
