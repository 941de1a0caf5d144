/**
 * The widget's texts. The bundle holds English only (rules/notices/en.json, the same pack as the
 * server's warning page); every other language (de, fr, es, it, nl, pt) comes from the server: the
 * widget asks the check route (and the publish route's 422) for the messages of the language it
 * negotiates from the widget's `Accept-Language`, so adding a language costs the bundle nothing.
 */
// Named imports: the bundler leaves out what the widget does not use (the warning page's `page` strings).
import { notice as enNotice, findings as enFindings, ui as enUi, widget as enWidget } from '../../rules/notices/en.json';

export interface WidgetMessages {
  notice: string;
  title: string;
  intro: string;
  blocked: string;
  review: string;
  reasonLegend: string;
  reasonIntended: string;
  reasonNotPersonal: string;
  reasonOther: string;
  understand: string;
  publish: string;
  edit: string;
  maskIt: string;
  maskLabel: string;
  show: string;
  hint: string;
  found: string;
  foundOne: string;
  none: string;
  sending: string;
  failed: string;
  understandRequired: string;
  /** Shown when the server stopped at its findings cap; {n}: the number shown. */
  truncated: string;
  /** "Don't warn me about these values again." (never skips a moderator's review). */
  remember: string;
  /** Why a moderator will check the post, after `review`. */
  heldThirdParty: string;
  heldRepeat: string;
  heldPolicy: string;
  /** Shown when the details seem to be someone else's. */
  thirdParty: string;
  /** The `intended` reason for someone else's details: they agreed. */
  reasonConsent: string;
  /** An acknowledgement token could not be used (expired, post changed): confirm again. */
  ackRetry: string;
  /** Beside a finding the forum does not allow at all (policy `block`). */
  blockedFinding: string;
  /** Finding messages by type, plus `default`. */
  findings: Record<string, string>;
}

/** The message set: English (the bundle's only language), the server's texts of the author's language, the integrator's overrides on top. */
export function messagesFor(overrides: Partial<WidgetMessages> = {}, server: Partial<WidgetMessages> = {}): WidgetMessages {
  // The server's texts of the author's language over English (a key an older server lacks stays English).
  const picked: Partial<WidgetMessages> = {};
  for (const [k, v] of Object.entries(server)) if (typeof v === 'string') (picked as Record<string, string>)[k] = v;
  const findings: Record<string, string> = { ...enFindings };
  for (const [k, v] of Object.entries(server.findings ?? {})) if (typeof v === 'string') findings[k] = v;
  return { notice: enNotice, ...enUi, ...enWidget, ...picked, ...overrides, findings: { ...findings, ...(overrides.findings ?? {}) } };
}

// Accepts a q-less language tag from the browser or the host ("de", "pt-BR", "zh-Hant-TW");
// rejects anything with spaces, commas, semicolons or over-long subtags (never sent as a header).
const TAG = /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8}){0,8}$/;

/**
 * The `Accept-Language` the widget sends: the host's locale (the user's setting) first, then the
 * browser's languages (`navigator.languages`), then the page's `<html lang>`, with falling q-values;
 * the server picks the closest language it has.
 */
export function acceptLanguage(host: string | undefined, browser: readonly string[], page: string | undefined): string {
  const tags: string[] = [];
  for (const t of [host, ...browser, page]) if (t && TAG.test(t) && !tags.includes(t) && tags.length < 9) tags.push(t);
  return tags.map((t, i) => (i ? `${t};q=${(10 - i) / 10}` : t)).join(', ') || 'en';
}
