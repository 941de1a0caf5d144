/**
 * `checkDraft(scanner, draft)`: the live check of a draft without a web framework — what
 * `checkRoute()` answers. Stores nothing.
 */
import { PreflightError, isPreflightError, type ErrorCode } from '../errors';
import type { FieldFinding, Finding, Format, PiiType, Scanner } from '../types';
import { findingMessage, negotiateLocale, SHIPPED_LOCALES, shippedLocale, widgetMessages } from '../express/notice';
import type { WidgetMessages } from '../widget/strings';
import { defaultPolicy, evaluatePolicy, type Policy, type PolicyAction } from '../policy';

const FORMATS: readonly Format[] = ['plain', 'markdown', 'html', 'bbcode'];
const MAX_FIELDS = 32;

/** The localized message for one finding, e.g. "This looks like a phone number. Anyone who reads the post can see it." */
export function checkMessage(type: PiiType, locale: string): string {
  return `${findingMessage(type, locale)} ${widgetMessages(locale).hint}`;
}

/** One finding as the live check answers it. */
export interface CheckFinding {
  field?: string;
  type: PiiType;
  start: number;
  end: number;
  masked: string;
  message: string;
  /** This finding's own action under the publish policy (`warn`, `review` or `block`); absent with `policy: false`. */
  action?: PolicyAction;
}

export interface Draft {
  text?: string;
  fields?: Record<string, string>;
  format: Format;
}

export function readDraft(body: unknown, defaultFormat: Format): Draft {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new PreflightError('invalid_input', 'Send a JSON object: { "text": "…" } or { "fields": { "title": "…", "body": "…" } }.');
  }
  const b = body as Record<string, unknown>;
  const format = (b.format ?? defaultFormat) as Format;
  if (!FORMATS.includes(format)) throw new PreflightError('invalid_input', `format must be one of ${FORMATS.join(', ')}.`);
  const hasText = b.text !== undefined;
  const hasFields = b.fields !== undefined;
  if (hasText === hasFields) throw new PreflightError('invalid_input', 'Send exactly one of "text" or "fields".');
  if (hasText) {
    if (typeof b.text !== 'string') throw new PreflightError('invalid_input', '"text" must be a string.');
    return { text: b.text, format };
  }
  const f = b.fields;
  if (typeof f !== 'object' || f === null || Array.isArray(f)) throw new PreflightError('invalid_input', '"fields" must be an object of field name → string.');
  const entries = Object.entries(f as Record<string, unknown>);
  if (entries.length > MAX_FIELDS) throw new PreflightError('invalid_input', `"fields" may hold at most ${MAX_FIELDS} fields.`);
  const fields: Record<string, string> = {};
  for (const [name, value] of entries) {
    if (value === null || value === undefined) continue;
    if (typeof value !== 'string') throw new PreflightError('invalid_input', 'Each field in "fields" must be a string.');
    // JSON.parse makes "__proto__" an own key, but assigning it sets no field: it would go unscanned.
    if (name === '__proto__') throw new PreflightError('invalid_input', 'A field cannot be named "__proto__".');
    fields[name] = value;
  }
  return { fields, format };
}

/** What {@link checkDraft} answers. */
export type CheckDraftResult =
  | { outcome: 'ok'; findings: CheckFinding[]; locale: string; truncated: boolean; messages?: WidgetMessages }
  | { outcome: 'error'; code: ErrorCode; message?: string; errorName?: string };

/**
 * Checks a draft: `{ text }` or `{ fields: { title, body } }`, optional `format`. Findings in the
 * same shape as a warning's, with messages in the language negotiated from `acceptLanguage`
 * (or `locale`). Each finding carries its `action` under `policy` (default: the default publish
 * policy, the one `preflight()` uses without a `policy` option; `false`: no actions), so a poster
 * learns while typing that a payment card will not be published. With `messages: true`, the answer
 * also carries every text of the composer widget in that language (the widget bundles English only
 * and asks once). Never throws for a draft: an invalid one is `{ outcome: 'error', code: 'invalid_input' }`.
 */
export function checkDraft(
  scanner: Scanner, body: unknown,
  options: { format?: Format; acceptLanguage?: string; locale?: string; policy?: Policy | false; messages?: boolean } = {},
): CheckDraftResult {
  let draft: Draft;
  try {
    draft = readDraft(body, options.format ?? 'plain');
  } catch (err) {
    if (isPreflightError(err)) return { outcome: 'error', code: err.code, message: err.message };
    throw err;
  }
  const locale = options.locale !== undefined ? shippedLocale(options.locale) : negotiateLocale(options.acceptLanguage, SHIPPED_LOCALES, 'en');
  let found: Array<Finding | FieldFinding>;
  let truncated = false;
  try {
    const result = draft.fields !== undefined
      ? scanner.scanFields(draft.fields, { format: draft.format })
      : scanner.scan(draft.text as string, { format: draft.format });
    found = result.findings;
    truncated = result.truncated === true;
  } catch (err) {
    if (isPreflightError(err) && (err.code === 'input_too_large' || err.code === 'invalid_input')) {
      return { outcome: 'error', code: err.code, message: err.message };
    }
    return { outcome: 'error', code: 'scan_failed', errorName: err instanceof Error ? err.name : typeof err };
  }
  const policy = options.policy === undefined ? defaultPolicy : options.policy;
  const actions = policy ? evaluatePolicy(policy, found).decisions : undefined;
  const findings: CheckFinding[] = found.map((f, i) => {
    const action = actions?.[i]?.finding === f ? actions[i]?.action : actions?.find((d) => d.finding === f)?.action;
    return {
      ...('field' in f ? { field: f.field } : {}),
      type: f.type, start: f.start, end: f.end, masked: f.masked, message: checkMessage(f.type, locale),
      ...(action && action !== 'allow' ? { action } : {}),
    };
  });
  return { outcome: 'ok', findings, locale, truncated, ...(options.messages ? { messages: widgetMessages(locale) } : {}) };
}
