/** Masking and redaction of held fields by finding spans (backend-independent). */
import type { StoredFinding } from './types';

export const REDACTION_PLACEHOLDER = '[removed]';

interface Span {
  index: number;
  start: number;
  end: number;
}

/** Spans of one field, valid and non-overlapping, sorted from the end (so earlier offsets stay valid). */
function spansFor(field: string, text: string, findings: StoredFinding[], only?: Set<number>): Span[] {
  const spans = findings
    .map((f, index) => ({ f, index }))
    .filter(({ f, index }) => f.field === field && (!only || only.has(index)) && f.start >= 0 && f.end <= text.length && f.start < f.end)
    .map(({ f, index }) => ({ index, start: f.start, end: f.end }))
    .sort((a, b) => a.start - b.start);
  const kept: Span[] = [];
  let lastEnd = -1;
  for (const s of spans) {
    if (s.start >= lastEnd) {
      kept.push(s);
      lastEnd = s.end;
    }
  }
  return kept.reverse();
}

/** Replaces each finding's span by its masked value. */
export function maskFields(fields: Record<string, string>, findings: StoredFinding[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, text] of Object.entries(fields)) {
    let t = text;
    for (const s of spansFor(name, text, findings)) {
      const f = findings[s.index];
      t = t.slice(0, s.start) + (f ? f.masked : '') + t.slice(s.end);
    }
    out[name] = t;
  }
  return out;
}

/**
 * Replaces the chosen findings' spans by `placeholder`. Returns the redacted fields and the
 * findings left in them with offsets moved to the redacted text.
 */
export function redactFields(
  fields: Record<string, string>,
  findings: StoredFinding[],
  chosen: number[],
  placeholder = REDACTION_PLACEHOLDER,
): { fields: Record<string, string>; remaining: StoredFinding[] } {
  const only = new Set(chosen);
  const out: Record<string, string> = {};
  const remaining: StoredFinding[] = [];
  for (const [name, text] of Object.entries(fields)) {
    const spans = spansFor(name, text, findings, only);
    let t = text;
    for (const s of spans) t = t.slice(0, s.start) + placeholder + t.slice(s.end);
    out[name] = t;
    const ascending = [...spans].reverse();
    findings.forEach((f, i) => {
      if (f.field !== name || only.has(i)) return;
      let shift = 0;
      for (const s of ascending) {
        if (s.end <= f.start) shift += placeholder.length - (s.end - s.start);
        else if (s.start < f.end) return; // overlaps a redacted span: gone with it
      }
      remaining.push({ ...f, start: f.start + shift, end: f.end + shift });
    });
  }
  return { fields: out, remaining };
}
