/**
 * Every error pii-preflight raises has a stable `code`, an HTTP `status` and a message.
 * The table below is the single source of truth; docs/errors.md documents each code and a test
 * keeps the two in step. Codes are never reused.
 */
export const ERROR_CODES = {
  invalid_input: { status: 400, message: 'The input is not valid.' },
  input_too_large: { status: 413, message: 'The input is larger than the configured maximum.' },
  unsupported_media_type: { status: 415, message: 'Send the post as JSON or a form.' },
  reserved_user_id: { status: 400, message: 'The user id is in the namespace reserved for erased users.' },
  invalid_options: { status: 500, message: 'The options are not valid.' },
  invalid_rule: { status: 500, message: 'A rule file is not valid.' },
  pii_acknowledgement_required: { status: 422, message: 'The post contains personal information; acknowledge the notice to publish it.' },
  pii_ack_invalid: { status: 422, message: 'The acknowledgement token is not valid.' },
  pii_ack_expired: { status: 422, message: 'The acknowledgement token has expired.' },
  pii_ack_replayed: { status: 422, message: 'The acknowledgement token has already been used.' },
  pii_ack_mismatch: { status: 422, message: 'The acknowledgement token does not match this content or user.' },
  pii_blocked: { status: 422, message: 'The post contains personal information that this forum does not allow.' },
  unauthenticated: { status: 401, message: 'A signed-in user is required.' },
  forbidden: { status: 403, message: 'Not authorized.' },
  csrf_invalid: { status: 403, message: 'The CSRF token is missing or not valid.' },
  not_found: { status: 404, message: 'Not found.' },
  conflict: { status: 409, message: 'The item was changed by someone else, or is already resolved.' },
  rate_limited: { status: 429, message: 'Too many requests.' },
  store_unavailable: { status: 503, message: 'The store is unavailable; try again shortly.' },
  scan_failed: { status: 503, message: 'The post could not be checked; try again shortly.' },
  log_broken: { status: 500, message: 'The acknowledgement log does not verify.' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * Marks every PreflightError. `Symbol.for` is shared by all copies of the package loaded in one
 * process (an ESM and a CommonJS copy, or two versions installed side by side), so
 * `isPreflightError` recognises errors from any of them, where `instanceof` would not.
 */
const BRAND: unique symbol = Symbol.for('pii-preflight.error') as never;

/** The one error class of pii-preflight. */
export class PreflightError extends Error {
  /** The brand `isPreflightError` checks (see BRAND). */
  declare readonly [BRAND]: true;
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message?: string, details?: Record<string, unknown>) {
    super(message ?? ERROR_CODES[code].message);
    this.name = 'PreflightError';
    this.code = code;
    this.status = ERROR_CODES[code].status;
    if (details) this.details = details;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** `err instanceof PreflightError` is true for a PreflightError of any copy of the package. */
  static override [Symbol.hasInstance](this: unknown, value: unknown): boolean {
    // Subclasses (if a host defines any) keep the ordinary prototype check.
    return this === PreflightError ? isPreflightError(value) : Function.prototype[Symbol.hasInstance].call(this, value);
  }
}

/**
 * True for an error pii-preflight raised, whichever entry point, module format or installed copy of
 * the package raised it: the check is the shared brand plus a known `code`, not class identity.
 */
export function isPreflightError(err: unknown): err is PreflightError {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { [BRAND]?: unknown; code?: unknown };
  return e[BRAND] === true && typeof e.code === 'string';
}
