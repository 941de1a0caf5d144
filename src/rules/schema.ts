/**
 * Rule files (rules/**.json) are data: patterns, dictionaries, context words, exclusions and
 * default confidences, each file with its own positive (`valid`) and negative (`invalid`)
 * examples. This module checks their shape once, at load time, and fails loudly naming the file
 * and the field. Detector-specific fields are checked with `field()` by the detector that owns
 * the file.
 */
import { PreflightError } from '../errors';
import type { Format } from '../types';

export interface ValidExample {
  text: string;
  /** The exact source text the finding must cover (default: some finding of the rule's type). */
  match?: string;
  format?: Format;
  locale?: string;
  /** Expected subject, when the example is about subject detection. */
  subject?: 'self' | 'third_party' | 'unknown';
  /** Expected phone kind (phone rules), e.g. "toll_free", "short_code". */
  phoneKind?: string;
  /** The finding type, when it differs from the file's type (context files). */
  type?: string;
}

export interface InvalidExample {
  text: string;
  /** Why this must not match. Required: a negative without a reason is refused. */
  why: string;
  format?: Format;
  locale?: string;
  type?: string;
}

export interface RuleFile {
  id: string;
  /** The PII type the rule is about, or 'context' for context-word packs. */
  type: string;
  description: string;
  locales?: string[];
  examples: { valid: ValidExample[]; invalid: InvalidExample[] };
  [key: string]: unknown;
}

const FORMATS = new Set(['plain', 'markdown', 'html', 'bbcode']);

function fail(file: string, path: string, problem: string): never {
  throw new PreflightError('invalid_rule', `${file}: field "${path}" ${problem}`, { file, field: path });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validates the common shape of a rule file and returns it typed. */
export function checkRuleFile(json: unknown, file: string): RuleFile {
  if (!isRecord(json)) fail(file, '(root)', 'must be a JSON object');
  for (const key of ['id', 'type', 'description'] as const) {
    if (typeof json[key] !== 'string' || (json[key] as string).length === 0) fail(file, key, 'must be a non-empty string');
  }
  if (json.locales !== undefined && (!Array.isArray(json.locales) || !json.locales.every((l) => typeof l === 'string'))) {
    fail(file, 'locales', 'must be an array of locale strings');
  }
  const ex = json.examples;
  if (!isRecord(ex)) fail(file, 'examples', 'is required: every rule carries its own valid and invalid examples');
  if (!Array.isArray(ex.valid) || ex.valid.length === 0) fail(file, 'examples.valid', 'must list at least one positive example');
  if (!Array.isArray(ex.invalid) || ex.invalid.length === 0) fail(file, 'examples.invalid', 'must list at least one negative example');
  ex.valid.forEach((v: unknown, i: number) => {
    const p = `examples.valid[${i}]`;
    if (!isRecord(v)) fail(file, p, 'must be an object');
    if (typeof v.text !== 'string' || v.text.length === 0) fail(file, `${p}.text`, 'must be a non-empty string');
    if (v.match !== undefined && (typeof v.match !== 'string' || !v.text.includes(v.match))) fail(file, `${p}.match`, 'must be a substring of text');
    if (v.format !== undefined && !FORMATS.has(String(v.format))) fail(file, `${p}.format`, 'must be plain, markdown, html or bbcode');
  });
  ex.invalid.forEach((v: unknown, i: number) => {
    const p = `examples.invalid[${i}]`;
    if (!isRecord(v)) fail(file, p, 'must be an object');
    if (typeof v.text !== 'string' || v.text.length === 0) fail(file, `${p}.text`, 'must be a non-empty string');
    if (typeof v.why !== 'string' || v.why.trim().length < 3) fail(file, `${p}.why`, 'must say why this must not match');
    if (v.format !== undefined && !FORMATS.has(String(v.format))) fail(file, `${p}.format`, 'must be plain, markdown, html or bbcode');
  });
  return json as RuleFile;
}

type Kind = 'string' | 'number' | 'boolean' | 'string[]' | 'object' | 'object[]';

/**
 * Reads a detector-specific field from a rule file, checking its kind.
 * `field(rule, 'context.positive', 'string[]', file)`.
 */
export function field<T>(rule: Record<string, unknown>, path: string, kind: Kind, file: string, fallback?: T): T {
  let cur: unknown = rule;
  for (const part of path.split('.')) {
    cur = isRecord(cur) ? cur[part] : undefined;
  }
  if (cur === undefined) {
    if (fallback !== undefined) return fallback;
    fail(file, path, `is required (${kind})`);
  }
  const ok =
    kind === 'string[]' ? Array.isArray(cur) && cur.every((x) => typeof x === 'string')
    : kind === 'object[]' ? Array.isArray(cur) && cur.every(isRecord)
    : kind === 'object' ? isRecord(cur)
    : typeof cur === kind;
  if (!ok) fail(file, path, `must be ${kind}`);
  return cur as T;
}

/** Compiles a regex from a rule file, failing loudly with the file and field on a syntax error. */
export function compilePattern(source: string, flags: string, file: string, path: string): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (err) {
    return fail(file, path, `is not a valid regular expression: ${(err as Error).message}`);
  }
}
