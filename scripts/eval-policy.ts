/**
 * What the default policy does with the labeled corpus: how many posts it holds for review, how
 * many of those the cue and many-contacts rules add, and whether any post whose contact values
 * are all labeled the author's own (or unattributed) is held by them — the false holds.
 *
 *   npx tsx scripts/eval-policy.ts [dir…]     (default: fixtures/posts, holdout, real, subject/dev, subject/check)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createScanner } from '../src/scanner';
import { defaultPolicy, evaluatePolicy, findCues, type Policy } from '../src/policy';
import type { Format, Scanner } from '../src/types';

interface Post { id: string; locale: string; format?: Format; text: string; labels: Array<{ type: string; subject: string }> }

const CONTACT = new Set(['email', 'phone', 'address']);
const dirs = process.argv.length > 2 ? process.argv.slice(2) : ['fixtures/posts', 'fixtures/holdout', 'fixtures/real', 'fixtures/subject/dev', 'fixtures/subject/check'];
// The default policy without the post-level rules (cues, counts): what it held before them.
const perFinding: Policy = { ...defaultPolicy, rules: defaultPolicy.rules.filter((r) => r.cues === undefined && r.minFindings === undefined) };
const scanners = new Map<string, Scanner>();
const held = (action: string): boolean => action === 'review' || action === 'block';

const n = { posts: 0, withFindings: 0, heldBefore: 0, heldNow: 0, thirdParty: 0, thirdPartyHeldBefore: 0, thirdPartyHeldNow: 0 };
const added: string[] = [];
const falseHolds: string[] = [];
for (const dir of dirs) {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const post = JSON.parse(line) as Post;
      n.posts++;
      let scanner = scanners.get(post.locale);
      if (!scanner) { scanner = createScanner({ locales: [post.locale] }); scanners.set(post.locale, scanner); }
      const found = scanner.scanFields({ body: post.text }, { format: post.format ?? 'plain' }).findings;
      if (found.length === 0) continue;
      n.withFindings++;
      const hits = findCues({ body: post.text });
      const before = evaluatePolicy(perFinding, found);
      const now = evaluatePolicy(defaultPolicy, found, { cues: hits.map((h) => h.kind) });
      if (held(before.action)) n.heldBefore++;
      if (held(now.action)) n.heldNow++;
      const contact = post.labels.filter((l) => CONTACT.has(l.type));
      const thirdParty = contact.length > 0 && contact.every((l) => l.subject === 'third_party');
      if (thirdParty) {
        n.thirdParty++;
        if (held(before.action)) n.thirdPartyHeldBefore++;
        if (held(now.action)) n.thirdPartyHeldNow++;
      }
      if (!held(before.action) && held(now.action)) {
        const line = `${post.id} (${now.ruleId}): ${hits.map((h) => `${h.kind} "${h.phrase}"`).join(', ')}`;
        added.push(line);
        if (!thirdParty) falseHolds.push(line);
      }
    }
  }
}
console.log(`posts ${n.posts}, with findings ${n.withFindings}`);
console.log(`held for review or blocked: ${n.heldBefore} with per-finding rules only → ${n.heldNow} with cues and counts`);
console.log(`posts whose contact values are all labeled third_party: ${n.thirdParty}; held ${n.thirdPartyHeldBefore} → ${n.thirdPartyHeldNow}`);
console.log(`newly held: ${added.length}; of them not labeled third_party (false holds): ${falseHolds.length}`);
for (const l of falseHolds) console.log(`  false hold: ${l}`);
