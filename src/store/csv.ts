/** CSV export of acknowledgement records (RFC 4180 quoting, spreadsheet-formula safe). */
import type { AcknowledgementRecord } from './types';

export const CSV_COLUMNS = [
  'id', 'seq', 'kind', 'userId', 'createdAt', 'policyVersion', 'noticeHash', 'noticeVersion', 'locale', 'method',
  'reason', 'note', 'contentHash', 'fields', 'findings', 'action', 'ipPrefix', 'userAgent', 'userRef', 'personalRef', 'chainVersion', 'keyId', 'prevHash', 'hash',
] as const;

const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);

/**
 * One CSV cell: quoted when it contains a comma, a quote, CR or LF, or leading/trailing space;
 * quotes doubled. A cell a spreadsheet would run as a formula (starting with = + - @ tab CR) is
 * prefixed with an apostrophe (OWASP "CSV injection").
 */
export function csvCell(value: unknown): string {
  let s = value === undefined || value === null ? '' : typeof value === 'string' ? value : typeof value === 'number' ? String(value) : JSON.stringify(value);
  if (s.length > 0 && FORMULA_START.has(s.charAt(0))) s = `'${s}`;
  const needsQuotes = s.includes(',') || s.includes('"') || s.includes('\n') || s.includes('\r') || s.trim() !== s;
  return needsQuotes ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`;
}

export function csvRow(rec: AcknowledgementRecord & { userRef?: string; personalRef?: string; chainVersion?: number; keyId?: string }): string {
  const r = rec as unknown as Record<string, unknown>;
  return `${CSV_COLUMNS.map((c) => csvCell(r[c])).join(',')}\r\n`;
}
