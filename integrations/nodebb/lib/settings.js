'use strict';
/**
 * The plugin's ACP settings without NodeBB: what the admin page stores with `meta.settings`
 * (hash `pii-preflight`), how it is validated, and what the publish guard is built from.
 *
 * Stored values (all strings, as `meta.settings` keeps them):
 *   locales     comma-separated scanner locales ('' = PII_PREFLIGHT_LOCALES, else en-US)
 *   policyMode  'default' (the shipped rules/policy.default.json) or 'custom'
 *   policyJson  the custom policy as JSON text (kept as typed, also while 'default' is chosen)
 */

const SETTINGS_HASH = 'pii-preflight';
/** A custom policy longer than this is refused (the shipped one is about 3 KB). */
const MAX_POLICY_CHARS = 65536;
const MAX_LOCALES = 11;

/**
 * Splits and checks a locale list against the library's SUPPORTED_LOCALES (case-insensitive,
 * `_` accepted for `-`); answers the canonical spellings, without duplicates.
 * @param {unknown} value a comma-separated string or an array of strings
 * @param {readonly string[]} supported
 * @returns {{ locales: string[], errors: string[] }}
 */
function parseLocales(value, supported) {
  const errors = [];
  let parts;
  if (Array.isArray(value)) parts = value;
  else if (typeof value === 'string') parts = value.split(',');
  else if (value === undefined || value === null) parts = [];
  else return { locales: [], errors: ['Locales must be a comma-separated list, e.g. en-US, de-DE.'] };
  if (parts.length > 4 * MAX_LOCALES) return { locales: [], errors: [`At most ${MAX_LOCALES} locales.`] };
  const byLower = new Map(supported.map((l) => [l.toLowerCase(), l]));
  const locales = [];
  for (const raw of parts) {
    if (typeof raw !== 'string') { errors.push('Locales must be strings.'); continue; }
    const name = raw.trim();
    if (name === '') continue;
    const canonical = byLower.get(name.replace(/_/g, '-').toLowerCase());
    if (!canonical) {
      errors.push(`Unknown locale "${name.slice(0, 40)}": supported are ${supported.join(', ')}.`);
      continue;
    }
    if (!locales.includes(canonical)) locales.push(canonical);
  }
  if (locales.length > MAX_LOCALES) errors.push(`At most ${MAX_LOCALES} locales.`);
  return { locales, errors };
}

/**
 * Parses and validates a custom policy (JSON text) with the library's `validatePolicy`.
 * @param {unknown} text
 * @param {(input: unknown) => unknown} validatePolicy
 * @returns {{ policy?: unknown, errors: string[] }}
 */
function parsePolicy(text, validatePolicy) {
  if (typeof text !== 'string' || text.trim() === '') return { errors: ['Paste a policy (JSON) or choose the shipped policy.'] };
  if (text.length > MAX_POLICY_CHARS) return { errors: [`The policy is longer than ${MAX_POLICY_CHARS} characters.`] };
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return { errors: [`The policy is not valid JSON: ${err && err.message ? err.message : 'parse error'}`] };
  }
  try {
    return { policy: validatePolicy(parsed), errors: [] };
  } catch (err) {
    return { errors: [err && err.message ? err.message : 'The policy is not valid.'] };
  }
}

/**
 * Validates what the admin page sends (`{ locales, policyMode, policyJson }`).
 * @param {unknown} input
 * @param {{ supportedLocales: readonly string[], validatePolicy: (input: unknown) => unknown }} lib
 * @returns {{ ok: true, stored: { locales: string, policyMode: string, policyJson: string } } | { ok: false, errors: string[] }}
 */
function validateSettings(input, lib) {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, errors: ['Send { locales, policyMode, policyJson }.'] };
  const errors = [];
  const { locales, errors: localeErrors } = parseLocales(input.locales, lib.supportedLocales);
  errors.push(...localeErrors);
  const policyMode = input.policyMode === undefined ? 'default' : input.policyMode;
  if (policyMode !== 'default' && policyMode !== 'custom') errors.push('Policy must be "default" (the shipped policy) or "custom".');
  let policyJson = input.policyJson === undefined || input.policyJson === null ? '' : input.policyJson;
  if (typeof policyJson !== 'string') errors.push('The custom policy must be JSON text.');
  else if (policyJson.length > MAX_POLICY_CHARS) errors.push(`The policy is longer than ${MAX_POLICY_CHARS} characters.`);
  else if (policyMode === 'custom') errors.push(...parsePolicy(policyJson, lib.validatePolicy).errors);
  if (errors.length > 0) return { ok: false, errors };
  if (typeof policyJson !== 'string') policyJson = '';
  return { ok: true, stored: { locales: locales.join(','), policyMode, policyJson } };
}

/**
 * What the guard is built from: the stored settings (validated again: a library upgrade may have
 * tightened the policy schema), falling back to `envLocales` and the shipped policy when unset.
 * Throws an Error with an admin-facing message when the stored settings are not valid any more:
 * the caller refuses posts rather than publishing them under a policy the admin did not choose.
 * @param {Record<string, unknown> | null | undefined} stored
 * @param {{ supportedLocales: readonly string[], validatePolicy: (input: unknown) => unknown }} lib
 * @param {string | undefined} envLocales PII_PREFLIGHT_LOCALES
 * @returns {{ locales: string[], localesFrom: 'settings' | 'environment' | 'default', policy?: unknown, policyMode: 'default' | 'custom' }}
 */
function resolveSettings(stored, lib, envLocales) {
  const s = stored || {};
  let locales = [];
  let localesFrom = 'default';
  if (typeof s.locales === 'string' && s.locales.trim() !== '') {
    const r = parseLocales(s.locales, lib.supportedLocales);
    if (r.errors.length > 0) throw new Error(`pii-preflight settings: ${r.errors.join(' ')}`);
    locales = r.locales;
    localesFrom = 'settings';
  } else if (typeof envLocales === 'string' && envLocales.trim() !== '') {
    const r = parseLocales(envLocales, lib.supportedLocales);
    if (r.errors.length > 0) throw new Error(`PII_PREFLIGHT_LOCALES: ${r.errors.join(' ')}`);
    locales = r.locales;
    localesFrom = 'environment';
  }
  if (locales.length === 0) { locales = ['en-US']; localesFrom = 'default'; }
  if (s.policyMode === 'custom') {
    const r = parsePolicy(s.policyJson, lib.validatePolicy);
    if (r.errors.length > 0) throw new Error(`pii-preflight settings: the custom policy is not valid: ${r.errors.join(' ')}`);
    return { locales, localesFrom, policy: r.policy, policyMode: 'custom' };
  }
  return { locales, localesFrom, policyMode: 'default' };
}

module.exports = { SETTINGS_HASH, MAX_POLICY_CHARS, parseLocales, parsePolicy, validateSettings, resolveSettings };
