// Drives the pii-preflight ACP page of a real NodeBB in Chromium (playwright-core,
// /usr/bin/chromium): signs in as admin, opens /admin/plugins/pii-preflight, checks the log's
// verify line and the counts, saves an unknown locale (the page shows the server's reason), then
// saves valid locales (saved, and still there after a reload). Screenshot: SCREENSHOT or
// docs/nodebb-acp.png. Usage: NBB_URL=http://127.0.0.1:4567 LOCALES="en-US, de-DE" node scripts/nodebb-acp.mjs
import { chromium } from 'playwright-core';

const base = process.env.NBB_URL || 'http://127.0.0.1:4567';
const password = process.env.NODEBB_ADMIN_PASSWORD || 'Adm1nPassw0rd!x';
const locales = process.env.LOCALES || 'en-US, de-DE';
const shot = process.env.SCREENSHOT || new URL('../docs/nodebb-acp.png', import.meta.url).pathname;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let ok = false;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
  await page.goto(`${base}/login`);
  await page.fill('#username', 'admin');
  await page.fill('#password', password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 30000 }), page.click('#login')]);
  await page.goto(`${base}/admin/plugins/pii-preflight`);
  const verify = page.locator('[data-verify]');
  await verify.waitFor({ timeout: 20000 });
  console.log('verify:', (await verify.innerText()).trim());
  if (await verify.getAttribute('data-verify') !== 'ok') throw new Error('the page does not show verify ok');
  console.log('acknowledged:', (await page.locator('[data-count="acknowledged"] td').last().innerText()).trim());

  const input = page.locator('#pii-locales');
  const errorBox = page.locator('[component="pii-preflight/save-error"]');
  await input.fill('en-US, xx-YY');
  await page.click('#save');
  await errorBox.filter({ hasText: 'xx-YY' }).waitFor({ state: 'visible', timeout: 15000 });
  console.log('refused:', (await errorBox.innerText()).trim().slice(0, 120));

  await input.fill(locales);
  await page.click('#save');
  await errorBox.waitFor({ state: 'hidden', timeout: 15000 });
  await page.locator('[data-locales="effective"]').filter({ hasText: locales.split(',')[1]?.trim() || locales }).waitFor({ timeout: 15000 });
  await page.screenshot({ path: shot, fullPage: true });
  await page.reload();
  const kept = await page.locator('#pii-locales').inputValue();
  console.log('saved:', kept);
  if (kept !== locales.split(',').map((s) => s.trim()).join(',')) throw new Error(`after a reload the locales are "${kept}"`);
  ok = true;
} catch (err) {
  console.error('ACP run failed:', err && err.message);
} finally {
  await browser.close();
}
process.exit(ok ? 0 : 1);
