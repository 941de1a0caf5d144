/**
 * Fake held posts for the review dashboard's demo, screenshots and tests. Every value is
 * fictional: example.com addresses, 555-01xx numbers, made-up streets.
 */
import { mask, normalizeValue } from '../mask';
import type { ReviewItem, ReviewItemInput, Store, StoredFinding } from '../store/types';
import type { PiiType, Subject } from '../types';

export interface DemoFindingSpec {
  field: string;
  /** The raw value, found in the field by its first occurrence. */
  raw: string;
  type: PiiType;
  subject?: Subject;
  confidence?: number;
  ruleId?: string;
  reasons?: string[];
}

/** A StoredFinding for a raw value in a field (offsets by first occurrence, project masking, keyed hash). */
export function demoFinding(store: Store, fields: Record<string, string>, spec: DemoFindingSpec): StoredFinding {
  const text = fields[spec.field] ?? '';
  const start = text.indexOf(spec.raw);
  if (start < 0) throw new Error(`demoFinding: ${JSON.stringify(spec.raw)} is not in field ${spec.field}`);
  return {
    field: spec.field,
    type: spec.type,
    start,
    end: start + spec.raw.length,
    ruleId: spec.ruleId ?? `${spec.type}/demo`,
    confidence: spec.confidence ?? 0.9,
    subject: spec.subject ?? 'third_party',
    masked: mask(spec.type, spec.raw),
    valueHash: store.hmac(normalizeValue(spec.type, spec.raw)),
    reasons: spec.reasons ?? [],
  };
}

/** A held post from fields and finding specs. */
export function demoReviewInput(
  store: Store,
  postRef: string,
  authorId: string,
  fields: Record<string, string>,
  specs: DemoFindingSpec[],
  heldBecause: ReviewItemInput['heldBecause'] = { rule: 'review-third-party-contact' },
): ReviewItemInput {
  return { postRef, authorId, fields, format: 'markdown', findings: specs.map((s) => demoFinding(store, fields, s)), heldBecause };
}

/** Seeds a handful of realistic held posts; returns the created items. */
export async function seedDemoReviews(store: Store): Promise<ReviewItem[]> {
  const posts: ReviewItemInput[] = [
    demoReviewInput(
      store,
      'forum/garden-club/1042',
      'maria.k',
      {
        title: 'Lost cat near the old mill',
        body: 'Our neighbour found a grey cat this morning. If it is yours, call Tom Baker on (555) 010-4477 or drop by 742 Evergreen Terrace, Springfield.\nHe asked me to post this for him.',
      },
      [
        { field: 'body', raw: '(555) 010-4477', type: 'phone', confidence: 0.93, ruleId: 'phone/libphonenumber', reasons: ['valid US number', 'context: "call"', 'third party: "Tom Baker"'] },
        { field: 'body', raw: '742 Evergreen Terrace, Springfield', type: 'address', confidence: 0.81, ruleId: 'address/en-US', reasons: ['locale pack rules/address/en-US.json', 'city', 'context: "drop by" nearby (+0.1)'] },
      ],
      { rule: 'review-third-party-contact', reason: 'intended' },
    ),
    demoReviewInput(
      store,
      'blog/post/88',
      'dev_ops_dan',
      {
        title: 'Who keeps parking in front of the garage?',
        body: 'The owner of the blue van is Sam Lee, sam.lee@example.com, 555-0199. Everyone should tell him what they think.',
      },
      [
        { field: 'body', raw: 'sam.lee@example.com', type: 'email', confidence: 0.99, ruleId: 'email/validator', reasons: ['valid address', 'third party: "Sam Lee"'] },
        { field: 'body', raw: '555-0199', type: 'phone', confidence: 0.72, ruleId: 'phone/libphonenumber', reasons: ['possible US number', 'near an email'] },
      ],
      { rule: 'review-contact-exposing-cues', reason: 'other', note: 'He deserves it' },
    ),
    demoReviewInput(
      store,
      'forum/market/311',
      'vintage_vera',
      {
        title: 'Selling a 1970s record player',
        body: 'Works perfectly. Pick-up only. Write to vera.sales@example.com or ring +1 555 010 2233 after 6pm.',
      },
      [
        { field: 'body', raw: 'vera.sales@example.com', type: 'email', subject: 'self', confidence: 0.98, ruleId: 'email/validator', reasons: ['valid address', 'context: "write to"'] },
        { field: 'body', raw: '+1 555 010 2233', type: 'phone', subject: 'self', confidence: 0.95, ruleId: 'phone/libphonenumber', reasons: ['valid US number', 'context: "ring"'] },
      ],
      { rule: 'review-not-personal-third-party', reason: 'not_personal' },
    ),
    demoReviewInput(
      store,
      'forum/help/77',
      'newbie42',
      { title: 'Refund never arrived', body: 'I paid with my card and the shop support at help@shop.example.com never answered.' },
      [{ field: 'body', raw: 'help@shop.example.com', type: 'email', subject: 'unknown', confidence: 0.97, ruleId: 'email/validator', reasons: ['valid address', 'role account: "help"'] }],
      { rule: 'repeat-bypass' },
    ),
  ];
  const items: ReviewItem[] = [];
  for (const p of posts) items.push(await store.reviews.upsert(p));
  return items;
}
