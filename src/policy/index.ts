/**
 * The publish policy: turns findings into an action (allow | warn | review | block) with the rule
 * that decided it. Policies are data (rules/policy.default.json): an admin can read, copy and
 * change them; `validatePolicy` checks one loudly and names the broken rule.
 */
import defaultPolicyJson from '../../rules/policy.default.json';
import { PreflightError } from '../errors';
import type { Finding, PhoneKind, PiiType, Subject } from '../types';
import type { AckReason } from '../store/types';
import { CUE_KINDS, type CueKind } from './cues';

export { findCues, CUE_KINDS, type CueKind, type CueHit } from './cues';

export type PolicyAction = 'allow' | 'warn' | 'review' | 'block';

/** One policy rule. Every condition given must hold; a rule with no condition matches everything. */
export interface PolicyRule {
  /** Stable id, logged as `heldBecause.rule` and in the acknowledgement log. */
  id: string;
  description?: string;
  types?: PiiType[];
  subjects?: Subject[];
  /** Applies only to findings with confidence ≥ this. */
  minConfidence?: number;
  /** Applies only to findings with confidence < this. */
  maxConfidence?: number;
  /** Applies only when the author acknowledges with one of these reasons. */
  reasons?: AckReason[];
  /**
   * Applies only when the post shows one of these cues (rules/policy-cues: `hostile`, `exposing`,
   * `person`), wherever they are in the post.
   */
  cues?: CueKind[];
  /**
   * Applies only when the post has at least this many findings (at or above the policy's
   * `minConfidence`) of the rule's `types` (all types when none), or when the scan was truncated.
   */
  minFindings?: number;
  /** Applies only to phone findings of these kinds (`finding.phoneKind`; `unknown` when absent). */
  phoneKinds?: PhoneKind[];
  action: PolicyAction;
}

/** What the policy knows about the post besides its findings. */
export interface PolicyContext {
  /** The author's acknowledgement reason, when they acknowledge. */
  reason?: AckReason;
  /** Cue kinds found in the post (`findCues`). */
  cues?: Iterable<CueKind>;
  /** The scanner stopped at its findings cap: the post has more findings than it lists. */
  truncated?: boolean;
}

export interface Policy {
  /** Bound into every acknowledgement token and logged with every acknowledgement. */
  version: string;
  /** Where the forum's rules / terms of use are published (returned to the client). */
  url: string | null;
  /** Findings below this confidence are ignored. Default 0.5. */
  minConfidence?: number;
  /** Action for a finding that no rule matches. Default `warn`. */
  defaultAction?: PolicyAction;
  rules: PolicyRule[];
}

export interface FindingDecision<F extends Finding = Finding> {
  finding: F;
  action: PolicyAction;
  /** The rule that decided, or `default` / `below-threshold`. */
  ruleId: string;
}

export interface PolicyDecision<F extends Finding = Finding> {
  /** The strictest action over all findings; `allow` when none counts. */
  action: PolicyAction;
  /** The rule behind the post's action (the first finding with that action), or null for allow. */
  ruleId: string | null;
  /** Every finding with its own action, in input order. */
  decisions: FindingDecision<F>[];
  /** The findings the author must see: those whose action is not `allow`. */
  flagged: F[];
}

const ACTIONS: readonly PolicyAction[] = ['allow', 'warn', 'review', 'block'];
const SEVERITY: Record<PolicyAction, number> = { allow: 0, warn: 1, review: 2, block: 3 };
const SUBJECTS: readonly Subject[] = ['self', 'third_party', 'unknown'];
const REASONS: readonly AckReason[] = ['intended', 'not_personal', 'other', 'unspecified'];
const PHONE_KINDS: readonly PhoneKind[] = [
  'mobile', 'fixed_line', 'fixed_line_or_mobile', 'voip', 'personal_number', 'pager', 'voicemail',
  'toll_free', 'premium_rate', 'shared_cost', 'uan', 'short_code', 'unknown',
];
/** Phone kinds that are a business or public line: what `servicePhones` sets the action of. */
export const SERVICE_PHONE_KINDS: readonly PhoneKind[] = ['toll_free', 'premium_rate', 'shared_cost', 'uan', 'short_code'];
const RULE_KEYS = new Set(['id', 'description', 'types', 'subjects', 'minConfidence', 'maxConfidence', 'reasons', 'cues', 'minFindings', 'phoneKinds', 'action']);
const POLICY_KEYS = new Set(['$comment', 'version', 'url', 'minConfidence', 'defaultAction', 'rules']);

/** The stricter of two actions. */
export function stricter(a: PolicyAction, b: PolicyAction): PolicyAction {
  return SEVERITY[b] > SEVERITY[a] ? b : a;
}

function fail(message: string): never {
  throw new PreflightError('invalid_rule', message);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string' && v.length > 0);
}

function checkConfidence(value: unknown, where: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    fail(`${where} must be a number from 0 to 1, got ${JSON.stringify(value)}.`);
  }
  return value;
}

/**
 * Checks a policy object and returns it typed. Throws `PreflightError('invalid_rule')` naming the
 * rule and the property at fault.
 */
export function validatePolicy(input: unknown): Policy {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) fail('A policy must be an object with `version` and `rules`.');
  const obj = input as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!POLICY_KEYS.has(key)) fail(`Unknown policy property \`${key}\` (allowed: ${[...POLICY_KEYS].filter((k) => k !== '$comment').join(', ')}).`);
  }
  if (typeof obj.version !== 'string' || obj.version.length === 0) fail('The policy needs a non-empty string `version`.');
  if (obj.url !== undefined && obj.url !== null && typeof obj.url !== 'string') fail('Policy `url` must be a string or null.');
  const minConfidence = checkConfidence(obj.minConfidence, 'Policy `minConfidence`');
  if (obj.defaultAction !== undefined && !ACTIONS.includes(obj.defaultAction as PolicyAction)) {
    fail(`Policy \`defaultAction\` must be one of ${ACTIONS.join(', ')}, got ${JSON.stringify(obj.defaultAction)}.`);
  }
  if (!Array.isArray(obj.rules)) fail('Policy `rules` must be an array.');
  const ids = new Set<string>();
  const rules: PolicyRule[] = obj.rules.map((raw: unknown, i: number) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(`Policy rule #${i} must be an object.`);
    const r = raw as Record<string, unknown>;
    const name = typeof r.id === 'string' && r.id.length > 0 ? r.id : fail(`Policy rule #${i} needs a non-empty string \`id\`.`);
    if (ids.has(name)) fail(`Policy rule \`${name}\` is defined twice.`);
    ids.add(name);
    for (const key of Object.keys(r)) {
      if (!RULE_KEYS.has(key)) fail(`Policy rule \`${name}\`: unknown property \`${key}\`.`);
    }
    if (!ACTIONS.includes(r.action as PolicyAction)) fail(`Policy rule \`${name}\`: \`action\` must be one of ${ACTIONS.join(', ')}, got ${JSON.stringify(r.action)}.`);
    const rule: PolicyRule = { id: name, action: r.action as PolicyAction };
    if (r.description !== undefined) {
      if (typeof r.description !== 'string') fail(`Policy rule \`${name}\`: \`description\` must be a string.`);
      rule.description = r.description;
    }
    if (r.types !== undefined) {
      if (!isStringArray(r.types)) fail(`Policy rule \`${name}\`: \`types\` must be an array of type names.`);
      rule.types = r.types;
    }
    if (r.subjects !== undefined) {
      if (!isStringArray(r.subjects) || !r.subjects.every((s) => SUBJECTS.includes(s as Subject))) {
        fail(`Policy rule \`${name}\`: \`subjects\` must be an array of ${SUBJECTS.join(', ')}.`);
      }
      rule.subjects = r.subjects as Subject[];
    }
    if (r.reasons !== undefined) {
      if (!isStringArray(r.reasons) || !r.reasons.every((s) => REASONS.includes(s as AckReason))) {
        fail(`Policy rule \`${name}\`: \`reasons\` must be an array of ${REASONS.join(', ')}.`);
      }
      rule.reasons = r.reasons as AckReason[];
    }
    if (r.cues !== undefined) {
      if (!isStringArray(r.cues) || !r.cues.every((c) => (CUE_KINDS as readonly string[]).includes(c))) {
        fail(`Policy rule \`${name}\`: \`cues\` must be an array of ${CUE_KINDS.join(', ')}.`);
      }
      rule.cues = r.cues as CueKind[];
    }
    if (r.minFindings !== undefined) {
      if (typeof r.minFindings !== 'number' || !Number.isInteger(r.minFindings) || r.minFindings < 1) {
        fail(`Policy rule \`${name}\`: \`minFindings\` must be an integer ≥ 1, got ${JSON.stringify(r.minFindings)}.`);
      }
      rule.minFindings = r.minFindings;
    }
    if (r.phoneKinds !== undefined) {
      if (!isStringArray(r.phoneKinds) || !r.phoneKinds.every((k) => PHONE_KINDS.includes(k as PhoneKind))) {
        fail(`Policy rule \`${name}\`: \`phoneKinds\` must be an array of ${PHONE_KINDS.join(', ')}.`);
      }
      rule.phoneKinds = r.phoneKinds as PhoneKind[];
    }
    const min = checkConfidence(r.minConfidence, `Policy rule \`${name}\`: \`minConfidence\``);
    const max = checkConfidence(r.maxConfidence, `Policy rule \`${name}\`: \`maxConfidence\``);
    if (min !== undefined) rule.minConfidence = min;
    if (max !== undefined) rule.maxConfidence = max;
    return rule;
  });
  const policy: Policy = { version: obj.version, url: typeof obj.url === 'string' ? obj.url : null, rules };
  if (minConfidence !== undefined) policy.minConfidence = minConfidence;
  if (obj.defaultAction !== undefined) policy.defaultAction = obj.defaultAction as PolicyAction;
  return policy;
}

/** The policy shipped in rules/policy.default.json. */
export const defaultPolicy: Policy = validatePolicy(defaultPolicyJson);

interface PostFacts {
  reason: AckReason | undefined;
  cues: ReadonlySet<CueKind>;
  truncated: boolean;
  /** Findings at or above the threshold, per type. */
  counts: Map<PiiType, number>;
  total: number;
}

function ruleMatches(rule: PolicyRule, finding: Finding, post: PostFacts): boolean {
  if (rule.types && !rule.types.includes(finding.type)) return false;
  if (rule.subjects && !rule.subjects.includes(finding.subject)) return false;
  if (rule.minConfidence !== undefined && finding.confidence < rule.minConfidence) return false;
  if (rule.maxConfidence !== undefined && finding.confidence >= rule.maxConfidence) return false;
  if (rule.reasons && (post.reason === undefined || !rule.reasons.includes(post.reason))) return false;
  if (rule.cues && !rule.cues.some((c) => post.cues.has(c))) return false;
  if (rule.minFindings !== undefined && !post.truncated) {
    const n = rule.types ? rule.types.reduce((sum, t) => sum + (post.counts.get(t) ?? 0), 0) : post.total;
    if (n < rule.minFindings) return false;
  }
  if (rule.phoneKinds && (finding.type !== 'phone' || !rule.phoneKinds.includes(finding.phoneKind ?? 'unknown'))) return false;
  return true;
}

/** The id of the rule `withServicePhones` adds. */
export const SERVICE_PHONE_RULE_ID = 'service-phone';

/**
 * A copy of `policy` in which phone findings of a service kind (toll free, premium rate, shared
 * cost, UAN, short code) get `action`, whoever's they appear to be: a rule `service-phone` placed
 * before every other rule. The policy's version gets a suffix, so acknowledgements given under the
 * other treatment do not carry over. Used by the `servicePhones` option.
 */
export function withServicePhones(policy: Policy, action: PolicyAction): Policy {
  if (!ACTIONS.includes(action)) fail(`\`servicePhones\` must be one of ${ACTIONS.join(', ')}, got ${JSON.stringify(action)}.`);
  const rule: PolicyRule = {
    id: SERVICE_PHONE_RULE_ID,
    description: `Service phone numbers (${SERVICE_PHONE_KINDS.join(', ')}): ${action}.`,
    types: ['phone'],
    phoneKinds: [...SERVICE_PHONE_KINDS],
    action,
  };
  return { ...policy, version: `${policy.version}+service-phones-${action}`, rules: [rule, ...policy.rules.filter((r) => r.id !== SERVICE_PHONE_RULE_ID)] };
}

/**
 * Decides what happens to a post. The context carries the author's acknowledgement reason (rules
 * that name reasons apply only then), the cues found in the post and whether the scan was
 * truncated; a bare reason is accepted as before.
 */
export function evaluatePolicy<F extends Finding>(policy: Policy, findings: readonly F[], context?: AckReason | PolicyContext): PolicyDecision<F> {
  const threshold = policy.minConfidence ?? 0.5;
  const fallback = policy.defaultAction ?? 'warn';
  const ctx: PolicyContext = typeof context === 'string' ? { reason: context } : context ?? {};
  const counts = new Map<PiiType, number>();
  let total = 0;
  for (const f of findings) {
    if (f.confidence < threshold) continue;
    counts.set(f.type, (counts.get(f.type) ?? 0) + 1);
    total++;
  }
  const post: PostFacts = { reason: ctx.reason, cues: new Set(ctx.cues ?? []), truncated: ctx.truncated === true, counts, total };
  const decisions: FindingDecision<F>[] = [];
  for (const finding of findings) {
    if (finding.confidence < threshold) {
      decisions.push({ finding, action: 'allow', ruleId: 'below-threshold' });
      continue;
    }
    const rule = policy.rules.find((r) => ruleMatches(r, finding, post));
    decisions.push(rule ? { finding, action: rule.action, ruleId: rule.id } : { finding, action: fallback, ruleId: 'default' });
  }
  const decision = summarize(decisions);
  if (post.truncated) {
    // The scanner stopped before the end of the post (its findings cap, or harmless look-alikes
    // that used up its work budget): what it did not read may hold anything, so a truncated scan
    // never means "allow". The first rule with `minFindings` says what a flood of values gets
    // (the default policy: review); without one, the default action, at least a warning.
    const rule = policy.rules.find((r) => r.minFindings !== undefined);
    const action: PolicyAction = rule?.action ?? (fallback === 'allow' ? 'warn' : fallback);
    if (SEVERITY[action] > SEVERITY[decision.action]) return { ...decision, action, ruleId: rule?.id ?? 'truncated' };
  }
  return decision;
}

/** The post's action, deciding rule and flagged findings over a list of per-finding decisions. */
function summarize<F extends Finding>(decisions: FindingDecision<F>[]): PolicyDecision<F> {
  let action: PolicyAction = 'allow';
  let ruleId: string | null = null;
  const flagged: F[] = [];
  for (const decision of decisions) {
    if (decision.action !== 'allow') flagged.push(decision.finding);
    if (SEVERITY[decision.action] > SEVERITY[action]) {
      action = decision.action;
      ruleId = decision.ruleId;
    }
  }
  return { action, ruleId, decisions, flagged };
}

/**
 * The decision without some findings (values the author asked not to be warned about again).
 * Only findings whose own action is `warn` can be dropped: a finding that policy holds for review
 * or blocks stays, whatever `drop` says.
 */
export function withoutWarnings<F extends Finding>(decision: PolicyDecision<F>, drop: (finding: F) => boolean): PolicyDecision<F> {
  return summarize(decision.decisions.filter((d) => d.action !== 'warn' || !drop(d.finding)));
}
