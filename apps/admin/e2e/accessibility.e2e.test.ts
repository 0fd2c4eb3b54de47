/**
 * Accessibility checked by a tool (issue 15, item 8): axe-core over every main page of every demo
 * role (the same pages as the phone-layout walk of daily-use), the search dialog, the login page and
 * the school's public page. Any serious or critical violation of WCAG 2.1 A/AA fails, listed with
 * its rule, impact, elements and help.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS, expectLoginPage, launchBrowser, logIn, logOut, startTestStack, walkMainPages, type Browser, type TestStack } from './support';

let stack: TestStack;
let browser: Browser | undefined;
let page: Page;
let signedIn = false;

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING = new Set(['serious', 'critical']);

/** The serious and critical violations on the page as it is now, one line each. */
async function violations(where: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  return result.violations
    .filter((v) => BLOCKING.has(v.impact ?? ''))
    .map((v) => `${where}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')} — ${v.help}`);
}

async function as(username: string): Promise<void> {
  // From a fresh page, so a dialog left open by a failed check does not block «Выйти».
  await page.goto(stack.adminUrl);
  if (signedIn) await logOut(page);
  await logIn(page, stack.adminOrigin, username);
  signedIn = true;
}

describe('accessibility (axe-core, WCAG 2.1 AA): no serious or critical violations', () => {
  beforeAll(async () => {
    stack = await startTestStack();
    browser = await launchBrowser();
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('the login page', async () => {
    await page.goto(stack.adminUrl);
    await expectLoginPage(page);
    expect(await violations('login')).toEqual([]);
  });

  it('the school’s public page', async () => {
    await page.goto(`${stack.adminOrigin}/public/schools/sibay/gimnaziya.html`);
    await page.getByRole('heading', { level: 1, name: /Наставничество/ }).waitFor();
    expect(await violations('public school page')).toEqual([]);
  });

  for (const username of DEMO_USERS) {
    it(`every main page of ${username}`, async () => {
      await as(username);
      const problems: string[] = [];
      const pages = await walkMainPages(page, stack.adminOrigin, async (path) => {
        const found = await violations(`${username} ${path}`);
        if (found.length) console.error(found.join('\n'));
        problems.push(...found);
      });
      expect(pages, 'pages looked at').toBeGreaterThan(1);
      expect(problems).toEqual([]);
    }, 600_000);
  }

  it('the header’s search dialog, open with results', async () => {
    await as('gimnaziya.curator');
    await page.keyboard.press('Control+k');
    const dialog = page.getByRole('dialog', { name: 'Поиск по кабинету' });
    await dialog.waitFor();
    await dialog.getByRole('searchbox').fill('ги');
    await expect.poll(() => dialog.locator('.search-status').innerText(), { timeout: 30_000 }).toMatch(/^Найдено: \d+/);
    expect(await violations('search dialog')).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });
});
