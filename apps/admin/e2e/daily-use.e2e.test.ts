/**
 * Daily use (issue 15): what the demo roles found by using the product day to day — one stack for
 * all of it. Screenshots go to test-results/daily-use-*.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { journey, launchBrowser, logIn, logOut, mainText, screenshot, startTestStack, type Browser, type TestStack } from './support';

let stack: TestStack;
let browser: Browser | undefined;
let page: Page;
let signedIn = false;
const step = journey('daily-use', () => page);

const nav = () => page.getByRole('navigation', { name: 'Разделы' });
const shot = (name: string) => screenshot(page, `daily-use-${name}`);

async function as(username: string): Promise<void> {
  if (signedIn) await logOut(page);
  else await page.goto(stack.adminUrl);
  await logIn(page, stack.adminOrigin, username);
  signedIn = true;
}

async function open(path: string, heading: string | RegExp): Promise<void> {
  await page.goto(new URL(path, stack.adminOrigin).href);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor({ timeout: 120_000 });
  await page.waitForFunction(() => !document.querySelector('main .loading'), undefined, { timeout: 60_000 });
}

describe('daily use: what the demo roles meet every day', () => {
  beforeAll(async () => {
    stack = await startTestStack();
    browser = await launchBrowser();
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  step('the region coordinator’s «Муниципалитеты» lists the region’s districts with their schools counted', async () => {
    await as('rnc.bashkortostan');
    await open('/districts', 'Муниципалитеты');
    const row = page.getByRole('row').filter({ hasText: 'ГО г. Сибай' });
    await row.waitFor();
    // The last cell is «Организаций»: a number, not an error.
    expect(await row.getByRole('cell').last().innerText()).toMatch(/^\d+$/);
    const text = await mainText(page);
    expect(text).not.toContain('Внутренняя ошибка сервера');
    expect(text).toContain('Республика Башкортостан');
    expect(text).toMatch(/Показано 1–\d+ из \d+/);
    await shot('01-region-districts');
  });

  step('an inbox entry names the roadmap (title, period, revision), not only the school', async () => {
    await as('gimnaziya.curator');
    await open('/roadmaps', 'Дорожные карты');
    await page.getByRole('link', { name: 'Открыть дорожную карту' }).first().click();
    await page.getByTestId('revision-state').waitFor();
    const roadmapPath = new URL(page.url()).pathname;
    const actions = page.getByRole('region', { name: 'Что можно сделать' });
    for (const button of ['Внести изменения', 'Отправить директору']) {
      await actions.getByRole('button', { name: button, exact: true }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      await dialog.getByRole('button', { name: button, exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
    }
    await expect.poll(() => page.getByTestId('revision-state').innerText(), { timeout: 30_000 }).toContain('На утверждении у директора');

    await as('gimnaziya.director');
    await nav()
      .getByRole('link', { name: /Входящие/ })
      .click();
    const section = page.getByRole('region', { name: /На утверждение/ });
    const entry = section.getByRole('listitem').filter({ has: page.locator(`a[href^="${roadmapPath}"]`) });
    await entry.waitFor();
    await shot('02-director-inbox');
    const link = entry.getByRole('link');
    expect(await link.innerText()).toMatch(/^Дорожная карта .*«Вместе».* на \d{4}\/\d{4} учебный год$/);
    const text = await entry.innerText();
    expect(text).toContain('МОБУ «Гимназия»');
    expect(text).toMatch(/период \d{2}\.\d{2}\.\d{4} – \d{2}\.\d{2}\.\d{4}/);
    expect(text).toMatch(/Редакция № (\d+) · изменение редакции № \d+/);
    await link.click();
    await page.getByTestId('revision-state').waitFor();
    expect(new URL(page.url()).pathname).toBe(roadmapPath);
  });
});
