/**
 * Issue 7 in the browser: the Sibay officer opens «Мониторинг», sees the district's table of schools
 * (with «МОБУ «Гимназия»», the totals row and the coverage chart), drills down to the gymnasium's
 * cards, goes back and downloads the statistical form (XLSX, non-empty). Screenshots:
 * test-results/monitoring-*.png.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectLoginPage, launchBrowser, logIn, RESULTS_DIR, screenshot, startTestStack, type Browser, type TestStack } from './support';

let stack: TestStack;
let browser: Browser | undefined;
let page: Page;
const errors: string[] = [];

const nav = () => page.getByRole('navigation', { name: 'Разделы' });
const shot = (name: string, fullPage = true) => screenshot(page, `monitoring-${name}`, { fullPage });

describe('monitoring: district → school → statistical form', () => {
  beforeAll(async () => {
    stack = await startTestStack();
    browser = await launchBrowser();
    page = browser.page;
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/Failed to load resource|net::/.test(message.text())) errors.push(message.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('1. the officer opens «Мониторинг» and sees the district table', async () => {
    await page.goto(stack.adminUrl);
    await expectLoginPage(page);
    await logIn(page, stack.adminOrigin, 'sibay.officer');
    await nav().getByRole('link', { name: 'Мониторинг' }).click();
    await page.getByRole('heading', { level: 1, name: 'Показатели муниципалитета' }).waitFor();
    const table = page.getByTestId('district-dashboard');
    await table.getByRole('link', { name: /МОБУ «Гимназия»/ }).waitFor();
    // The demo headcounts are for 2025/2026: choose that year (kept in the address).
    await page.getByLabel('Учебный год').selectOption('2025/2026');
    await expect.poll(() => page.url()).toContain('year=2025%2F2026');
    await expect.poll(() => page.getByTestId('district-totals').locator('[data-kpi="coverage"], [data-kpi]').first().innerText()).not.toContain('нет данных');
    const totals = page.getByTestId('district-totals');
    expect(await totals.innerText()).toContain('Итого по муниципалитету');
    // Every figure explains itself on hover.
    const hint = await table.locator('[data-kpi]').first().getAttribute('title');
    expect(hint).toContain('Формула:');
    expect(await page.getByTestId('district-as-of').innerText()).toMatch(/данные на \d\d\.\d\d\.\d{4} \d\d:\d\d/);
    await page.getByTestId('coverage-chart').waitFor();
    await shot('01-district');

    // Sorting by a figure keeps «нет данных» last (the API's order) and marks the column.
    await table.getByRole('button', { name: 'Охват обучающихся' }).click();
    await expect.poll(() => page.url()).toContain('sort=PUPIL_COVERAGE');
    await expect.poll(() => table.locator('th[aria-sort]').innerText()).toContain('Охват обучающихся');
  });

  it('2. drills down to the gymnasium and back', async () => {
    await page.getByTestId('district-dashboard').getByRole('link', { name: /МОБУ «Гимназия»/ }).click();
    await page.getByRole('heading', { level: 1, name: 'МОБУ «Гимназия»' }).waitFor();
    const cards = page.getByTestId('school-kpis');
    await cards.locator('[data-kpi]').first().waitFor();
    expect(await cards.locator('.kpi-card').count()).toBe(8);
    expect(await mainTextOf(page)).toContain('Охват');
    await shot('02-school');
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Показатели муниципалитета' }).waitFor();
    await page.getByTestId('district-dashboard').getByRole('link', { name: /МОБУ «Гимназия»/ }).waitFor();
  });

  it('3. downloads the statistical form', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Статистическая форма (XLSX)' }).click()]);
    const name = download.suggestedFilename();
    expect(name.endsWith('.xlsx'), name).toBe(true);
    const file = path.join(RESULTS_DIR, 'monitoring-stat-form.xlsx');
    await download.saveAs(file);
    expect((await stat(file)).size).toBeGreaterThan(0);
    await shot('03-downloaded', false);
    expect(errors).toEqual([]);
  });
});

async function mainTextOf(current: Page): Promise<string> {
  return current.locator('main').innerText();
}
