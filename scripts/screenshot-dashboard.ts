/**
 * Renders screenshots of the moderator dashboard for the README and docs/review.md:
 *   npx tsx scripts/screenshot-dashboard.ts [outDir]   (default: docs/)
 * Starts a demo app (in-memory SQLite, fake held posts), opens it in the system's headless
 * Chromium (/usr/bin/chromium, or CHROMIUM_PATH; never downloads a browser) and writes
 * dashboard.png (queue + open item), dashboard-item.png (an item, a highlight's explanation shown) and
 * dashboard-phone.png (an item on a 390×844 phone, for a German-speaking moderator).
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import express from 'express';
import { chromium } from 'playwright-core';
import { createStore } from '../src/store';
import { reviewRouter } from '../src/express/review';
import { demoReviewInput, seedDemoReviews } from '../src/express/review-demo';

async function main(): Promise<void> {
  const outDir = resolve(process.argv[2] ?? 'docs');
  const store = await createStore({ url: 'sqlite::memory:', secret: randomBytes(32).toString('base64url') });
  const items = await seedDemoReviews(store);
  // Some history, so the counts look like a working queue.
  const extra = [
    ['forum/bikes/501', 'rider_ro', 'Stolen bike spotted', 'The thief lives at 12 Oak Lane, I saw him. Call the owner on 555-0142.', [['12 Oak Lane', 'address'], ['555-0142', 'phone']]],
    ['forum/pets/77', 'lena_p', 'Puppy sitter wanted', 'Text me: 555-0111, mornings only.', [['555-0111', 'phone']]],
    ['blog/post/12', 'j_doe', 'Event recap', 'Thanks to everyone! Photos: events@club.example.com', [['events@club.example.com', 'email']]],
  ] as const;
  for (const [ref, author, title, body, specs] of extra) {
    const input = demoReviewInput(store, ref, author, { title, body }, specs.map(([raw, type]) => ({ field: 'body', raw, type, reasons: ['demo'] })));
    await store.reviews.upsert(input);
  }
  const all = (await store.reviews.list({ limit: 50 })).items;
  const byRef = (ref: string): string => all.find((i) => i.postRef === ref)?.id as string;
  await store.reviews.act(byRef('forum/bikes/501'), { action: 'reject', moderatorId: 'mod-ana', reason: "Contains a private person's home address" });
  await store.reviews.act(byRef('forum/pets/77'), { action: 'approve', moderatorId: 'mod-ben' });
  await store.reviews.act(byRef('blog/post/12'), { action: 'approve', moderatorId: 'mod-ana' });
  const third = items[2];
  if (third) await store.reviews.claim(third.id, 'mod-ben');

  const app = express();
  app.use(
    '/moderation',
    reviewRouter({
      store,
      authorize: () => ({ id: 'mod-ana', name: 'Ana Moreau' }),
      postUrl: (item) => `/${item.postRef}`,
      logger: { warn: () => undefined, error: console.error },
    }),
  );
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}/moderation`;

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 }, deviceScaleFactor: 1 });
    const first = items[0];
    if (!first) throw new Error('no demo item');
    await page.goto(`${base}/?item=${first.id}`);
    await page.screenshot({ path: resolve(outDir, 'dashboard.png') });

    await page.goto(`${base}/items/${first.id}`);
    await page.focus('mark.finding[data-index="1"]');
    const detail = page.locator('section.detail');
    await detail.screenshot({ path: resolve(outDir, 'dashboard-item.png') });

    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'de-DE' });
    const second = items[1];
    if (!second) throw new Error('no demo item');
    await phone.goto(`${base}/items/${second.id}`);
    await phone.screenshot({ path: resolve(outDir, 'dashboard-phone.png') });
    console.log(`wrote dashboard.png, dashboard-item.png and dashboard-phone.png in ${outDir}`);
  } finally {
    await browser.close();
    server.close();
    await store.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
