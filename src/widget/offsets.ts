/**
 * Offset bookkeeping for the composer widget: findings are offsets into the text that was
 * checked; while the author keeps typing, they are carried over to the current text (or dropped
 * when the edit touched them) so highlights stay on the right characters until the next answer.
 */

export interface Span {
  start: number;
  end: number;
}

/** The one changed region between two texts: `[start, oldEnd)` in `before` became `[start, newEnd)` in `after`. */
export interface Edit {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** The smallest single edit turning `before` into `after` (common prefix and suffix kept). */
export function diffEdit(before: string, after: string): Edit {
  const max = Math.min(before.length, after.length);
  let p = 0;
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  return { start: p, oldEnd: before.length - s, newEnd: after.length - s };
}

/**
 * Carries spans found in `before` over to `after`: spans before the edit stay, spans after it
 * shift, spans the edit touched are dropped (the text there is no longer what was checked).
 */
export function carrySpans<T extends Span>(spans: readonly T[], before: string, after: string): T[] {
  if (before === after) return [...spans];
  const e = diffEdit(before, after);
  const delta = e.newEnd - e.oldEnd;
  const out: T[] = [];
  for (const f of spans) {
    if (f.end <= e.start) {
      out.push(f);
    } else if (f.start >= e.oldEnd) {
      out.push({ ...f, start: f.start + delta, end: f.end + delta });
    }
  }
  return out;
}

/** Replaces `[start, end)` of `text` with `value`; returns the new text and the moved caret/selection. */
export function replaceRange(text: string, start: number, end: number, value: string, selStart: number, selEnd: number): { text: string; selStart: number; selEnd: number } {
  const delta = value.length - (end - start);
  const move = (pos: number): number => (pos <= start ? pos : pos >= end ? pos + delta : start + value.length);
  return { text: text.slice(0, start) + value + text.slice(end), selStart: move(selStart), selEnd: move(selEnd) };
}
