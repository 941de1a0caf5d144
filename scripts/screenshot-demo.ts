/**
 * Renders screenshots of the demo forum (`npm start`) for the README and docs:
 *   npx tsx scripts/screenshot-demo.ts [outDir]   (default: docs/)
 * Starts the demo forum on a free port with a temporary data folder, drives the system's headless
 * Chromium (/usr/bin/chromium, or CHROMIUM_PATH; never downloads a browser) and writes:
 *   demo-composer.png     the composer with highlighted findings in the title and the text, and the warning list
 *   demo-acknowledge.png  the acknowledgement step
 *   demo-pending.png      a post held for review, as its author sees it
 *   demo-composer-phone.png  the composer on a 390×844 phone, in German (the browser's language)
 *   demo-warning.png      the no-JavaScript warning page, in the forum's layout
 *   demo-warning-fr-phone.png  the same page in French on a phone, for someone else's number
 *   demo-moderation.png   the moderator dashboard with the held post
 * Uses dist/widget when built, else builds the widget into a temporary folder.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startDemo } from '../src/demo/forum';

const ROOT = resolve(__dirname, '..');
const VIEWPORT = { width: 1100, height: 760 };

async function widgetDir(temp: string[]): Promise<string> {
  const dist = join(ROOT, 'dist', 'widget');
  if (existsSync(join(dist, 'widget.mjs'))) return dist;
  const dir = mkdtempSync(join(tmpdir(), 'pii-demo-widget-'));
  temp.push(dir);
  await build({ entryPoints: [join(ROOT, 'src/widget/widget.ts')], bundle: true, format: 'esm', minify: true, target: 'es2020', outfile: join(dir, 'widget.mjs'), logLevel: 'warning' });
  copyFileSync(join(ROOT, 'src/widget/widget.css'), join(dir, 'widget.css'));
  return dir;
}

async function signedIn(browser: Browser, base: string, user: string, options: { viewport?: { width: number; height: number }; locale?: string; javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: options.viewport ?? VIEWPORT, deviceScaleFactor: 1, locale: options.locale ?? 'en-GB', javaScriptEnabled: options.javaScriptEnabled ?? true });
  const page = await context.newPage();
  await page.goto(`${base}/signin`);
  await Promise.all([page.waitForURL(`${base}/`), page.click(`button[name="user"][value="${user}"]`)]);
  return page;
}

/** Writes a post in the composer and waits for the widget's highlight. */
async function compose(page: Page, base: string, title: string, body: string): Promise<void> {
  await page.goto(`${base}/new`);
  await page.waitForSelector('.pii-pf-wrap textarea#body');
  await page.fill('#title', title);
  await page.locator('#body').click();
  await page.keyboard.type(body, { delay: 1 });
  await page.waitForSelector('.pii-pf-wrap:has(#body) .pii-pf-mark');
  await page.waitForSelector('.pii-pf-item');
}

async function main(): Promise<void> {
  const outDir = resolve(process.argv[2] ?? join(ROOT, 'docs'));
  const temp: string[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'pii-demo-shots-'));
  temp.push(dataDir);
  const forum = await startDemo({ port: 0, dataDir, log: () => undefined, widgetDir: await widgetDir(temp) });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const written: string[] = [];
  const shot = async (page: Page, name: string): Promise<void> => {
    const path = join(outDir, name);
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path, fullPage: true });
    written.push(path);
  };
  try {
    const base = forum.url;
    // 1. Alice's own phone number, highlighted while she types; 2. the acknowledgement step.
    const alice = await signedIn(browser, base, 'alice');
    await compose(alice, base, 'Bike for sale, write to alice.walker@example.org', 'Selling my bike, a blue Dutch city bike in good condition.\nCall me on 020 7946 0958 after six, or drop by on Saturday morning.');
    await alice.locator('#body').evaluate((el: HTMLTextAreaElement) => el.blur());
    await shot(alice, 'demo-composer.png');
    await alice.click('form[data-composer] button[type=submit]');
    await alice.waitForSelector('.pii-pf-ack:not([hidden])');
    await alice.check('.pii-pf-ack input[type=radio][value=intended]');
    await shot(alice, 'demo-acknowledge.png');

    // 3. Someone else's address: held for review, shown as pending to Bob.
    const bob = await signedIn(browser, base, 'bob');
    await compose(bob, base, 'Neighbour never home', 'My neighbour is never home, he lives at 1234 Elm St Apt 5, Springfield, IL 62704');
    await bob.click('form[data-composer] button[type=submit]');
    await bob.waitForSelector('.pii-pf-ack:not([hidden])');
    await bob.check('.pii-pf-ack input[type=radio][value=intended]');
    await bob.check('.pii-pf-understand input[type=checkbox]');
    await Promise.all([bob.waitForURL(/notice=pending/), bob.click('.pii-pf-primary')]);
    const postId = /#p-([0-9a-f]{12})$/.exec(bob.url())?.[1];
    await shot(bob, 'demo-pending.png');

    // 4. The composer on a phone, in the browser's language (German).
    const phone = { width: 390, height: 844 };
    const de = await signedIn(browser, base, 'alice', { viewport: phone, locale: 'de-DE' });
    await compose(de, base, 'Fahrrad zu verkaufen', 'Verkaufe mein Fahrrad, gut erhalten.\nRuf mich an: 030 23125 0134 (ab 18 Uhr).');
    await de.locator('#body').evaluate((el: HTMLTextAreaElement) => el.blur());
    await shot(de, 'demo-composer-phone.png');

    // 5. Without JavaScript: the server's warning page in the forum's layout (desktop, English;
    // phone, French, for someone else's number: a moderator will check it).
    const noJs = async (page: Page, title: string, body: string, name: string): Promise<void> => {
      await page.goto(`${base}/new`);
      await page.fill('#title', title);
      await page.fill('#body', body);
      await Promise.all([page.waitForResponse((r) => r.url() === `${base}/topics`), page.click('form[data-composer] button[type=submit]')]);
      await shot(page, name);
    };
    await noJs(await signedIn(browser, base, 'alice', { javaScriptEnabled: false }), 'Bike for sale',
      'Selling my bike, a blue Dutch city bike in good condition.\nCall me on 020 7946 0958 after six, or drop by on Saturday morning.', 'demo-warning.png');
    await noJs(await signedIn(browser, base, 'bob', { javaScriptEnabled: false, viewport: phone, locale: 'fr-FR' }), 'Voisin bruyant',
      'Mon voisin fait du bruit tous les soirs, son numéro est le 01 99 00 12 34, appelez-le.', 'demo-warning-fr-phone.png');

    // 6. The moderator dashboard with Bob's held post open.
    const morgan = await signedIn(browser, base, 'morgan');
    const item = (await forum.store.reviews.list({ limit: 100 })).items.find((i) => i.postRef === `p/${postId}`);
    if (!item) throw new Error('the held post is not in the review queue');
    await morgan.setViewportSize({ width: 1360, height: 900 });
    await morgan.goto(`${base}/moderation/?item=${item.id}`);
    await morgan.screenshot({ path: join(outDir, 'demo-moderation.png') });
    written.push(join(outDir, 'demo-moderation.png'));
    for (const w of written) console.log(`wrote ${w}`);
  } finally {
    await browser.close();
    await forum.close();
    for (const d of temp) rmSync(d, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
