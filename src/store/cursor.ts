/** Opaque pagination cursors: base64url of a small JSON object. */
import { PreflightError } from '../errors';

export function encodeCursor(value: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new PreflightError('invalid_input', 'The cursor is not valid: pass back the nextCursor of the previous page.');
}

export function clampLimit(limit: number | undefined, fallback = 50, max = 500): number {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 1) throw new PreflightError('invalid_input', `limit must be a positive integer (got ${String(limit)}).`);
  return Math.min(limit, max);
}
