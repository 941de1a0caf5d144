'use strict';
/**
 * What the ACP page (/admin/plugins/pii-preflight) shows, without NodeBB: counts from the
 * store's `stats()` and review queue, the log's `verify()` result, the latest held items
 * (masked: the store masks review items unless a value is revealed, and only masked fields are
 * read here), whether the environment settings are set (never their values), and the settings.
 * Everything is plain data; the template escapes it (`{value}` in Benchpress).
 */

const HELD_LIMIT = 10;
const EXCERPT_CHARS = 160;
const REVIEW_STATUSES = ['pending', 'approved', 'rejected', 'redacted', 'escalated'];
const STAT_LABELS = [
  ['scanned', 'Posts checked'],
  ['allowed', 'Published without a warning'],
  ['warned', 'Warnings shown'],
  ['acknowledged', 'Acknowledged (published anyway)'],
  ['editedAway', 'Edited away after a warning'],
  ['blocked', 'Blocked'],
  ['held', 'Held for a moderator'],
];

function excerpt(fields) {
  if (!fields || typeof fields !== 'object') return '';
  const text = [fields.title, fields.content].filter((v) => typeof v === 'string' && v.length > 0).join(' — ');
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text;
}

function errorCode(err) {
  return (err && (err.code || err.name)) || 'error';
}

/**
 * @param {{
 *   store?: import('pii-preflight').Store,
 *   storeError?: string,
 *   env: { secretSet: boolean, dbSet: boolean, storeKind?: string },
 *   stored: Record<string, unknown>,
 *   effective?: { locales: string[], localesFrom: string, policyMode: string },
 *   settingsError?: string,
 *   supportedLocales: readonly string[],
 *   shippedPolicyVersion: string,
 * }} input
 */
async function adminPageData(input) {
  const stored = input.stored || {};
  const data = {
    title: 'pii-preflight',
    env: {
      secretSet: input.env.secretSet,
      dbSet: input.env.dbSet,
      storeKind: input.env.storeKind || '',
    },
    settings: {
      locales: typeof stored.locales === 'string' ? stored.locales : '',
      policyDefault: stored.policyMode !== 'custom',
      policyCustom: stored.policyMode === 'custom',
      policyJson: typeof stored.policyJson === 'string' ? stored.policyJson : '',
      effectiveLocales: input.effective ? input.effective.locales.join(', ') : '',
      localesFrom: input.effective ? input.effective.localesFrom : '',
      error: input.settingsError || '',
    },
    supportedLocales: input.supportedLocales.join(', '),
    shippedPolicyVersion: input.shippedPolicyVersion,
    storeOk: false,
    storeError: input.storeError || '',
    counts: [],
    acknowledgedByReason: [],
    reviewCounts: [],
    verify: { ok: false, count: 0, problem: '', checked: false },
    held: [],
  };
  const store = input.store;
  if (!store) return data;
  const [stats, verify, held] = await Promise.allSettled([
    (async () => store.stats())(),
    (async () => store.acknowledgements.verify())(),
    (async () => store.reviews.list({ limit: HELD_LIMIT, sort: 'newest' }))(),
  ]);
  const failures = [stats, verify, held].filter((r) => r.status === 'rejected').map((r) => errorCode(r.reason));
  data.storeOk = failures.length === 0;
  if (failures.length > 0) data.storeError = `The store answered with an error (${[...new Set(failures)].join(', ')}).`;
  if (stats.status === 'fulfilled') {
    data.counts = STAT_LABELS.map(([key, label]) => ({ key, label, value: Number(stats.value[key]) || 0 }));
    data.acknowledgedByReason = Object.entries(stats.value.acknowledgedByReason || {}).map(([reason, value]) => ({ reason, value: Number(value) || 0 }));
  }
  if (verify.status === 'fulfilled') {
    const v = verify.value;
    data.verify = {
      ok: v.ok === true,
      count: v.count,
      problem: v.firstBroken ? `record ${v.firstBroken.seq}: ${v.firstBroken.problem}` : '',
      checked: true,
    };
  }
  if (held.status === 'fulfilled') {
    const counts = held.value.counts || {};
    data.reviewCounts = REVIEW_STATUSES.map((status) => ({ status, value: Number(counts[status]) || 0 }));
    data.held = held.value.items.map((item) => ({
      id: item.id,
      status: item.status,
      pending: item.status === 'pending',
      createdAt: item.createdAt,
      authorId: item.authorId,
      rule: item.heldBecause ? item.heldBecause.rule : '',
      reason: item.heldBecause && item.heldBecause.reason ? item.heldBecause.reason : '',
      findings: item.findings.map((f) => `${f.type} ${f.masked}`).join(', '),
      excerpt: excerpt(item.fields),
    }));
  }
  return data;
}

module.exports = { adminPageData, HELD_LIMIT, REVIEW_STATUSES };
