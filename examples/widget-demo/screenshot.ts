/**
 * Takes docs/composer-warning.png (the live warning) and docs/composer-acknowledge.png (the
 * acknowledgement step) from the widget demo in headless Chromium.
 * Run: `npx tsx examples/widget-demo/screenshot.ts` (uses /usr/bin/chromium, or CHROMIUM_PATH).
 */
import { join } from 'path';
import { chromium } from 'playwright-core';
import { startDemo } from './server';

const POST = 'Hi everyone, I am selling my touring bike (56 cm frame, new tyres, recently serviced). '
  + 'Collection in town only.\n\nWrite to me at jane.doe@example.com or call (202) 555-0134 in the evenings.';

async function main(): Promise<void> {
  const demo = await startDemo(0);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 820, height: 760 }, deviceScaleFactor: 2 });
    await page.goto(demo.url);
    await page.locator('#body').click();
    await page.keyboard.type(POST, { delay: 1 });
    await page.waitForSelector('.pii-pf-mark');
    await page.evaluate(() => (window as unknown as { widget: { check(): Promise<unknown> } }).widget.check());
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const docs = join(__dirname, '..', '..', 'docs');
    await page.locator('main').screenshot({ path: join(docs, 'composer-warning.png') });
    await page.click('.publish');
    await page.waitForSelector('.pii-pf-ack:not([hidden])');
    await page.check('.pii-pf-choice input[value=intended]');
    await page.locator('main').screenshot({ path: join(docs, 'composer-acknowledge.png') });
    console.log('wrote docs/composer-warning.png and docs/composer-acknowledge.png');
  } finally {
    await browser.close();
    await demo.close();
  }
}

void main();
