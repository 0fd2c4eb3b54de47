/**
 * The header's global search (issue 15): Ctrl K opens it, typing finds what the role may open,
 * arrows and Enter open a result; a mentee or a partner does not find another school's child.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { journey, launchBrowser, logIn, logOut, screenshot, startTestStack, type Browser, type TestStack } from './support';

let stack: TestStack;
let browser: Browser | undefined;
let page: Page;
let signedIn = false;
const step = journey('search', () => page);

const dialog = () => page.getByRole('dialog', { name: 'Поиск по кабинету' });
const results = () => dialog().getByRole('listbox', { name: 'Найдено' });

async function as(username: string): Promise<void> {
  if (signedIn) await logOut(page);
  else await page.goto(stack.adminUrl);
  await logIn(page, stack.adminOrigin, username);
  signedIn = true;
}

/** Opens the search with the shortcut, types, and waits for the answer to that text. */
async function searchFor(text: string): Promise<void> {
  await page.keyboard.press('Control+k');
  await dialog().waitFor();
  await dialog().getByRole('searchbox').fill(text);
  await expect.poll(() => dialog().locator('.search-status').innerText(), { timeout: 30_000 }).toMatch(/^(Найдено: \d+|Ничего не найдено)/);
}

/** A pupil of gimnaziya's base (a child): the school's curator finds them, nobody outside the school does. */
let child = '';

describe('global search', () => {
  beforeAll(async () => {
    stack = await startTestStack();
    browser = await launchBrowser();
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  step('the curator opens the search with Ctrl K, finds a pupil of the school and opens them with the keyboard', async () => {
    await as('gimnaziya.curator');
    await expect(page.getByRole('button', { name: 'Поиск', exact: true }).innerText()).resolves.toMatch(/Ctrl K/);
    await searchFor('ги');
    await dialog().getByText('Школы и организации').waitFor();
    await expect.poll(() => results().getByRole('option').count()).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
    // A mentee of the school's base (pupils: children), found by the last name the base lists.
    await page.goto(`${stack.adminOrigin}/programmes`);
    await page.locator('main h1').first().waitFor();
    const programmes = await page.locator('main a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    const programme = programmes.find((href) => /^\/programmes\/[0-9a-f-]{36}$/.test(href));
    expect(programme, programmes.join(' ')).toBeDefined();
    await page.goto(new URL(programme!, stack.adminOrigin).href);
    const mentee = page.getByTestId('participants-mentee').locator('a[href*="/participants/"]').first();
    await mentee.waitFor({ timeout: 60_000 });
    child = (await mentee.innerText()).trim().split(/\s+/)[0]!;
    expect(child.length).toBeGreaterThan(2);
    await searchFor(child.toUpperCase());
    await results()
      .getByRole('option', { name: new RegExp(child) })
      .first()
      .waitFor();
    await screenshot(page, 'search-01-curator-results');
    // The first result is focused as the results come; Enter opens it.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await dialog().waitFor({ state: 'detached' });
    await page.waitForURL((url) => url.pathname.includes('/participants/'));
    await expect.poll(() => page.locator('main h1').first().innerText()).toContain(child);
  });

  step('a too short query asks for more', async () => {
    await page.keyboard.press('Control+k');
    await dialog().getByRole('searchbox').fill('а');
    await expect.poll(() => dialog().locator('.search-status').innerText()).toMatch(/не менее 2 символов/);
    await page.keyboard.press('Escape');
  });

  step('another school’s curator, a mentee, a partner and the district officer do not find that child', async () => {
    for (const username of ['sosh4.curator', 'gimnaziya.mentee', 'partner.admin', 'sibay.officer']) {
      await as(username);
      await searchFor(child);
      expect(
        await results()
          .getByRole('option', { name: new RegExp(child) })
          .count(),
        username,
      ).toBe(0);
      await screenshot(page, `search-02-${username}`);
      await page.keyboard.press('Escape');
    }
  });

  step('the dialog fits a phone (390 px)', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await searchFor('ко');
      const over = await page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth));
      const box = await dialog().boundingBox();
      expect(over).toBe(0);
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(390);
      await screenshot(page, 'search-03-phone');
      await page.keyboard.press('Escape');
    } finally {
      await page.setViewportSize({ width: 1280, height: 860 });
    }
  });
});
