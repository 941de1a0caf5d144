/**
 * The detector pipeline: keywords (cheap prefilter) → candidates → validate → exclude → context
 * score → explanation. A detector supplies the first four steps in `detect()`; the scanner applies
 * context words from rules/context/*.json, the threshold, overlap merging, offset mapping and masking.
 */
import type { CountryCode } from 'libphonenumber-js';
import type { PhoneKind, PiiType, Subject } from '../types';
import type { TextView } from '../text/view';

export interface LocaleInfo {
  /** BCP 47 tag as given, e.g. "en-GB". */
  tag: string;
  /** Lower-case language, e.g. "en". */
  language: string;
  /** Upper-case region, e.g. "GB". */
  region: CountryCode;
}

export interface DetectContext {
  /** Normalized text (see TextView). */
  text: string;
  view: TextView;
  locales: LocaleInfo[];
  /** Regions of the configured locales, first one first (default region for national numbers). */
  regions: CountryCode[];
  /** Languages of the configured locales, deduplicated. */
  languages: string[];
  /**
   * Bounded work per post: a detector stops once it has `limit` candidates, or has examined
   * `4 × limit` possible values (digit runs, '@'s, address anchors), and then calls `truncate`
   * with the offset in `text` where it stopped. The scanner reports only findings before the
   * earliest such offset, with `truncated: true`.
   */
  limit?: number;
  truncate?(at: number): void;
  /**
   * The earliest offset where a detector that ran before stopped (Infinity: none): candidates
   * after it are not reported, so a detector may leave the text after it (plus a margin for a
   * value that starts before it) unread.
   */
  stoppedAt?(): number;
}

export interface Candidate {
  type: PiiType;
  /** Offsets into the NORMALIZED text (ctx.text). */
  start: number;
  end: number;
  /** Score after validation, before context words (0..1). */
  confidence: number;
  ruleId: string;
  reasons: string[];
  /** Normalized value (lower-cased email, E.164 phone, compact IBAN…), for allowlists and keyed hashes. */
  value: string;
  /** Set by a detector that knows the subject from its own cues. */
  subject?: Subject;
  /** Phone candidates: the kind of line. */
  phoneKind?: PhoneKind;
  /** Whether the scanner applies context words (default true). */
  context?: boolean;
}

export interface Detector {
  /** e.g. "email", "phone", "payment_card" */
  readonly id: string;
  readonly type: PiiType;
  detect(ctx: DetectContext): Candidate[];
}
