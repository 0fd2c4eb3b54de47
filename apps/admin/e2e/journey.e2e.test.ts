/**
 * The SSO journey (issue step 2) against the whole product started by @nastavnik/stack:
 * a district officer sees the district and its schools; after logging out, a school curator sees
 * only their school. Screenshots of each step go to test-results/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import {
  expectLoginPage as loginPage,
  journey,
  launchBrowser,
  logIn as signIn,
  mainText as textOf,
  screenshot,
  startTestStack,
  type Browser,
  type TestStack,
} from './support';

let stack: TestStack | undefined;
let browser: Browser | undefined;
let page: Page;
const step = journey('journey', () => page);
let adminOrigin = '';
let sosh4Path = '';

const expectLoginPage = () => loginPage(page);
const logIn = (username: string) => signIn(page, adminOrigin, username);
const mainText = () => textOf(page);

describe('SSO journey: district officer, then school curator', () => {
  beforeAll(async () => {
    stack = await startTestStack();
    adminOrigin = stack.adminOrigin;
    browser = await launchBrowser();
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  step('sends a visitor without a session to the Russian login page', async () => {
    await page.goto(stack!.adminUrl);
    await expectLoginPage();
    await screenshot(page, '01-login-page');
  });

  step('shows the district officer their district with its schools', async () => {
    await logIn('sibay.officer');
    expect(await page.title()).toContain('Наставник');
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');
    const welcome = await page.getByTestId('signed-in-as').innerText();
    expect(welcome).toContain('Вы вошли как');
    expect(welcome).toContain('специалист органа управления образованием, ГО г. Сибай');
    const header = await page.locator('header').innerText();
    expect(header).toContain('Выйти');
    expect(header).toContain('Специалист органа управления образованием');
    await screenshot(page, '02-officer-home');

    await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Мой муниципалитет' }).click();
    await page.getByRole('heading', { level: 1, name: 'ГО г. Сибай' }).waitFor();
    const table = page.getByTestId('organizations-table');
    await table.getByRole('link', { name: 'МОБУ «Гимназия»' }).waitFor();
    await table.getByRole('link', { name: 'МОБУ «СОШ № 4»' }).waitFor();
    expect(await mainText()).toMatch(/Показано 1–\d+ из \d+/);
    sosh4Path = (await table.getByRole('link', { name: 'МОБУ «СОШ № 4»' }).getAttribute('href')) ?? '';
    expect(sosh4Path).toMatch(/^\/districts\/.+\/organizations\/.+/);
    await screenshot(page, '03-officer-district');
  });

  step('lets the officer open a school and keeps typed values on a validation error', async () => {
    await page.getByTestId('organizations-table').getByRole('link', { name: 'МОБУ «Гимназия»' }).click();
    await page.getByRole('heading', { level: 1, name: /МОБУ «Гимназия»/ }).waitFor();
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Сохранить' }) });
    await form.getByLabel('Учебный год').fill('2025/2027');
    await form.getByLabel('Число обучающихся').fill('812');
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('учебный год в формате «2025/2026»').waitFor();
    expect(await form.getByLabel('Число обучающихся').inputValue()).toBe('812');
    expect(await form.getByLabel('Учебный год').inputValue()).toBe('2025/2027');
    await screenshot(page, '04-officer-organization-validation');

    await form.getByLabel('Учебный год').fill('2025/2026');
    await form.getByLabel('Число педагогов').fill('64');
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Численность за 2025/2026 учебный год сохранена.').waitFor();
    const headcounts = page.getByRole('table', { name: 'Численность по учебным годам' });
    await headcounts.getByRole('rowheader', { name: '2025/2026' }).waitFor();
    expect(await headcounts.innerText()).toMatch(/812[\s\S]*64[\s\S]*\d{2}\.\d{2}\.\d{4}/);
    await screenshot(page, '05-officer-organization-saved');
  });

  step('logs out back to the login page', async () => {
    await page.getByRole('button', { name: 'Выйти' }).click();
    await expectLoginPage();
    await screenshot(page, '06-after-logout');
  });

  step('shows the school curator only their school', async () => {
    await logIn('gimnaziya.curator');
    const welcome = await page.getByTestId('signed-in-as').innerText();
    expect(welcome).toContain('куратор наставничества, МОБУ «Гимназия»');
    const nav = page.getByRole('navigation', { name: 'Разделы' });
    expect(await nav.getByRole('link', { name: 'Мой муниципалитет' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Организации' }).count()).toBe(0);
    await screenshot(page, '07-curator-home');

    await nav.getByRole('link', { name: 'Моя организация' }).click();
    await page.getByRole('heading', { level: 1, name: /МОБУ «Гимназия»/ }).waitFor();
    const text = await mainText();
    expect(text).not.toContain('СОШ № 4');
    expect(text).toContain('ГО г. Сибай');
    await screenshot(page, '08-curator-organization');
  });

  step('does not show the curator another school or other districts', async () => {
    await page.goto(new URL(sosh4Path, adminOrigin).href);
    await page.getByRole('heading', { level: 1, name: /Не найдено|Нет доступа/ }).waitFor({ timeout: 120_000 });
    expect(await mainText()).not.toContain('СОШ № 4');
    await screenshot(page, '09-curator-other-school');

    await page.goto(new URL('/districts', adminOrigin).href);
    await page.getByRole('heading', { level: 1, name: 'Муниципалитеты' }).waitFor({ timeout: 120_000 });
    await page.waitForFunction(() => !document.querySelector('main .loading'), undefined, { timeout: 60_000 });
    const districts = await mainText();
    for (const other of ['г. Курск', 'ГО ЗАТО Свободный']) expect(districts).not.toContain(other);
    await screenshot(page, '10-curator-districts');
  });
});
