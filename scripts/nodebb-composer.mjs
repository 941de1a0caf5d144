// Drives the real NodeBB composer in Chromium (playwright-core, /usr/bin/chromium): signs in as
// admin, opens a new topic, types a phone number, submits, sees the pii-preflight notice, clicks
// "Post anyway", and waits for the published topic. Writes a screenshot of the notice to
// docs/nodebb-composer.png. Usage: NBB_URL=http://127.0.0.1:4567 node scripts/nodebb-composer.mjs
import { chromium } from 'playwright-core';

const base = process.env.NBB_URL || 'http://127.0.0.1:4567';
const password = process.env.NODEBB_ADMIN_PASSWORD || 'Adm1nPassw0rd!x';
const shot = process.env.SCREENSHOT || new URL('../docs/nodebb-composer.png', import.meta.url).pathname;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let ok = false;
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  await page.goto(`${base}/login`);
  await page.fill('#username', 'admin');
  await page.fill('#password', password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 30000 }), page.click('#login')]);
  await page.goto(`${base}/category/2`);
  await page.click('#new_topic');
  const composer = page.locator('.composer').first();
  await composer.locator('input.title').fill(`Bike for sale ${Date.now()}`);
  await composer.locator('textarea.write').fill('Selling my bike. Call me at (201) 555-0123 after six.');
  await composer.locator('[data-action="post"]:visible').first().click();
  const panel = page.locator('.pii-preflight-panel');
  await panel.waitFor({ timeout: 20000 });
  console.log('notice:', (await panel.innerText()).replace(/\s+/g, ' ').slice(0, 300));
  await page.screenshot({ path: shot });
  await Promise.all([page.waitForURL(/\/topic\//, { timeout: 30000 }), panel.locator('.pii-preflight-ack').click()]);
  console.log('published:', page.url());
  ok = true;
} catch (err) {
  console.error('composer run failed:', err && err.message);
} finally {
  await browser.close();
}
process.exit(ok ? 0 : 1);
