/** The kinds of personal information pii-preflight finds. Custom detectors may add their own. */
export type PiiType = 'email' | 'phone' | 'address' | 'payment_card' | 'iban' | 'national_id' | (string & {});

/** Input formats the scanner understands. */
export type Format = 'plain' | 'markdown' | 'html' | 'bbcode';

/** Whose information a finding appears to be. */
export type Subject = 'self' | 'third_party' | 'unknown';

/**
 * What kind of line a phone number is, from libphonenumber-js's number type (max metadata) or the
 * locale pack's short service numbers. Personal-capable kinds: `mobile`, `fixed_line`,
 * `fixed_line_or_mobile`, `voip`, `personal_number`, `pager`, `voicemail`, `unknown`. Service
 * kinds (a business or public line, not a person's): `toll_free`, `premium_rate`, `shared_cost`,
 * `uan`, `short_code`.
 */
export type PhoneKind =
  | 'mobile'
  | 'fixed_line'
  | 'fixed_line_or_mobile'
  | 'voip'
  | 'personal_number'
  | 'pager'
  | 'voicemail'
  | 'toll_free'
  | 'premium_rate'
  | 'shared_cost'
  | 'uan'
  | 'short_code'
  | 'unknown';

/** One piece of personal information found in a text. */
export interface Finding {
  type: PiiType;
  /** UTF-16 offset into the ORIGINAL text (inclusive). */
  start: number;
  /** UTF-16 offset into the ORIGINAL text (exclusive): `text.slice(start, end)` is the match. */
  end: number;
  /** The matched source text. */
  text: string;
  /** A masked rendering that is safe to show or log, e.g. "j•••@example.com". */
  masked: string;
  /** 0..1 */
  confidence: number;
  /** Which rule found it, e.g. "phone/libphonenumber". */
  ruleId: string;
  /** Why: validators passed, context words seen, exclusions near. */
  reasons: string[];
  subject: Subject;
  /** Phone findings only: the kind of line (service kinds are allowed by the default policy). */
  phoneKind?: PhoneKind;
}

export interface FieldFinding extends Finding {
  field: string;
}

export interface ScanResult {
  findings: Finding[];
  /**
   * Present (true) when the scan stopped at `maxFindings` findings or at the detectors' work bound:
   * `findings` are then the first ones by position and the text may hold more.
   */
  truncated?: boolean;
  /**
   * Present (true) when markup hides text from readers (`hidden`, `display:none`, white or
   * zero-size text, `[color=white]`…). Hidden text is not part of the visible text (it cannot split
   * a value) and is scanned on its own; findings in it carry the reason "hidden text".
   */
  hiddenText?: boolean;
}

export interface ScanFieldsResult {
  findings: FieldFinding[];
  /** True when any field's scan was truncated, or the fields together passed `maxFindings`. */
  truncated?: boolean;
  /** True when any field hides text from readers (see ScanResult.hiddenText). */
  hiddenText?: boolean;
}

export interface AllowList {
  emails?: string[];
  domains?: string[];
  phones?: string[];
}

export interface ScannerOptions {
  /** BCP 47 locales; the first one's region is the default for national phone numbers. Default `['en-US']`. */
  locales?: string[];
  /** Types to detect. Default: all. */
  types?: PiiType[];
  /** Findings below this confidence are dropped. Default 0.5. */
  minConfidence?: number;
  /** Values that are never reported (the forum's own support address and phone). */
  allow?: AllowList;
  /** Maximum input length in UTF-16 units. Default 262144. */
  maxLength?: number;
  /**
   * Most findings a scan reports: the first ones by position, with `truncated: true` when there
   * are more. Detectors stop their per-value work there. Default 500.
   */
  maxFindings?: number;
}

export interface ScanOptions {
  format?: Format;
}

export interface Scanner {
  scan(text: string, options?: ScanOptions): ScanResult;
  scanFields(fields: Record<string, string | undefined | null>, options?: ScanOptions): ScanFieldsResult;
  /** The resolved options, for logging and policy versioning. */
  readonly options: Readonly<Required<Omit<ScannerOptions, 'allow'>> & { allow: AllowList }>;
}
