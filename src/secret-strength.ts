/**
 * Refuses secrets that are not random. Every acknowledgement token is an offline guessing oracle
 * for the secret (and the secret keys every hash and signature of the store), so a secret must be
 * unguessable, not only long: `'a'.repeat(32)`, `'password'.repeat(4)`, 32 spaces or
 * `changeme-…` are refused.
 *
 * The estimate is deliberately simple (after zxcvbn's idea): the secret is split into pieces —
 * dictionary words (rules/lists/weak-secret-words.json, 4+ letters), runs like `abcd` / `4321`,
 * and repeated characters — each counted as a few guesses; every other character counts
 * log2(size of its character class). A random 32-byte secret in base64url scores ~250 bits; the
 * floor is 128.
 */
import { PreflightError } from './errors';
import wordList from '../rules/lists/weak-secret-words.json';

export const MIN_SECRET_LENGTH = 32;
export const MIN_SECRET_BITS = 128;
export const GENERATE_SECRET_HINT =
  "Generate one with: node -e \"console.log(require('crypto').randomBytes(32).toString('base64url'))\" and pass it from an environment variable.";

const WORDS: readonly string[] = (wordList as { words: string[] }).words
  .map((w) => w.toLowerCase())
  .filter((w) => w.length >= 4)
  .sort((a, b) => b.length - a.length);

/** Bits one dictionary word, run or repeat costs an attacker (a few thousand guesses). */
const PATTERN_BITS = 12;

/** log2 of the alphabet an attacker must try per character: the classes the secret uses (digits, a-z, A-Z, others). */
function charBits(secret: string): number {
  let size = 0;
  if (/[0-9]/.test(secret)) size += 10;
  if (/[a-z]/.test(secret)) size += 26;
  if (/[A-Z]/.test(secret)) size += 26;
  if (/[^0-9a-zA-Z]/.test(secret)) size += 33;
  return Math.log2(Math.max(size, 2));
}

/** Length of the ascending or descending run (step ±1 in code points) starting at i. */
function runLength(s: string, i: number): number {
  const a = s.charCodeAt(i);
  const b = s.charCodeAt(i + 1);
  const step = b - a;
  if (step !== 1 && step !== -1) return 1;
  let n = 2;
  while (i + n < s.length && s.charCodeAt(i + n) - s.charCodeAt(i + n - 1) === step) n++;
  return n;
}

function repeatLength(s: string, i: number): number {
  let n = 1;
  while (i + n < s.length && s[i + n] === s[i]) n++;
  return n;
}

/** The shortest unit the whole string repeats (itself when it does not repeat). */
function period(s: string): number {
  for (let p = 1; p <= s.length / 2; p++) {
    let ok = true;
    for (let i = p; i < s.length && ok; i++) ok = s[i] === s[i - p];
    if (ok) return p;
  }
  return s.length;
}

/** A rough strength estimate in bits, and how many characters dictionary words, runs and repeats cover (see the module comment). */
export function analyseSecret(secret: string): { bits: number; patterned: number } {
  const lower = secret.toLowerCase();
  const perChar = charBits(secret);
  let bits = 0;
  let patterned = 0;
  let i = 0;
  while (i < secret.length) {
    const word = WORDS.find((w) => lower.startsWith(w, i));
    const run = Math.max(runLength(lower, i), repeatLength(secret, i));
    const n = Math.max(word ? word.length : 0, run >= 4 ? run : 0);
    if (n > 0) {
      bits += PATTERN_BITS;
      patterned += n;
      i += n;
      continue;
    }
    bits += perChar;
    i += 1;
  }
  return { bits, patterned };
}

export function estimateSecretBits(secret: string): number {
  return analyseSecret(secret).bits;
}

/** Why a secret is weak, or null when it is acceptable. */
export function secretWeakness(secret: string): string | null {
  if (secret.length < MIN_SECRET_LENGTH) return `it must be at least ${MIN_SECRET_LENGTH} characters (got ${secret.length})`;
  if (secret.trim() === '') return 'it is only white space';
  const p = period(secret);
  if (p < secret.length) return `it repeats a ${p}-character unit`;
  if (new Set(secret).size < 10) return 'it has fewer than 10 distinct characters';
  if (/change.?me/i.test(secret)) return 'it is a placeholder ("changeme")';
  const { bits, patterned } = analyseSecret(secret);
  if (patterned * 2 > secret.length) return 'it is mostly dictionary words, sequences (abcd, 1234) or repeated characters';
  if (bits < MIN_SECRET_BITS) return `it is guessable (dictionary words, sequences or repeats; about ${Math.round(bits)} bits, at least ${MIN_SECRET_BITS} needed)`;
  return null;
}

/**
 * Throws `invalid_options` unless `secret` is a string of random-looking characters.
 * `where` names the option in the message, e.g. "preflight(): `secret`".
 */
export function assertStrongSecret(secret: unknown, where: string): asserts secret is string {
  if (typeof secret !== 'string') {
    throw new PreflightError('invalid_options', `${where} is required and must be at least ${MIN_SECRET_LENGTH} characters of random data. ${GENERATE_SECRET_HINT}`);
  }
  const weakness = secretWeakness(secret);
  if (weakness) {
    throw new PreflightError('invalid_options', `${where} is refused: ${weakness}. Every acknowledgement token lets anyone test guesses of it offline. ${GENERATE_SECRET_HINT}`);
  }
}

/** Checks an optional list of previous secrets (key rotation): an array of strong secrets. */
export function checkPreviousSecrets(value: unknown, where: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    throw new PreflightError('invalid_options', `${where} must be an array of the secrets used before the current one (newest first).`);
  }
  value.forEach((s, i) => assertStrongSecret(s, `${where}[${i}]`));
  return value as string[];
}
