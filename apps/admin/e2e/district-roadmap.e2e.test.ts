/**
 * The district's settings and its own roadmap in the browser: the Sibay head switches who agrees
 * the schools' roadmaps to the officer and back (the saved value survives a reload); the officer
 * drafts «Дорожная карта муниципалитета» from the template and sends it to the head; the head
 * approves it (УТВЕРЖДАЮ with the order); the region coordinator chooses Sibay and agrees it
 * (СОГЛАСОВАНО) — the roadmap shows «согласована». Screenshots: test-results/district-*.png.
 */
import { academicYearOf } from '@nastavnik/domain';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import {
  expectLoginPage,
  journey,
  launchBrowser,
  logIn,
  logOut,
  screenshot,
  startTestStack,
  type Browser,
  type TestStack,
  fillDate,
  dateText,
} from './support';

let stack: TestStack;
let browser: Browser | undefined;
let page: Page;
const step = journey('district-roadmap', () => page);
let roadmapPath = '';
const errors: string[] = [];
const startYear = Number(academicYearOf(new Date()).slice(0, 4));

const nav = () => page.getByRole('navigation', { name: 'Разделы' });
const stateLine = () => page.getByTestId('revision-state');
const shot = (name: string) => screenshot(page, `district-${name}`);

let signedIn = false;
async function as(username: string): Promise<void> {
  if (signedIn) await logOut(page);
  await logIn(page, stack.adminOrigin, username);
  signedIn = true;
}

async function openRoadmaps(): Promise<void> {
  await nav().getByRole('link', { name: 'Дорожные карты' }).click();
  await page.getByRole('heading', { level: 1, name: 'Дорожные карты' }).waitFor();
}

async function decide(button: string, fill?: (form: Locator) => Promise<void>): Promise<void> {
  await page.getByRole('region', { name: 'Что можно сделать' }).getByRole('button', { name: button, exact: true }).click();
  const form = page.getByRole('dialog');
  await form.waitFor();
  await fill?.(form);
  await form.getByRole('button', { name: button, exact: true }).click();
  await form.waitFor({ state: 'detached' });
}

async function expectState(label: string): Promise<void> {
  await expect.poll(() => stateLine().innerText(), { timeout: 30_000 }).toContain(label);
}

describe('district settings and the district roadmap: officer → head → region', () => {
  beforeAll(async () => {
    stack = await startTestStack();
    browser = await launchBrowser();
    page = browser.page;
    page.on('pageerror', (error) => errors.push(String(error)));
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  step('1. the district head switches who agrees to the officer and back; the value is saved', async () => {
    await page.goto(stack.adminUrl);
    await expectLoginPage(page);
    await as('sibay.head');
    await openRoadmaps();
    await page.getByRole('link', { name: 'Настройки муниципалитета' }).click();
    await page.getByRole('heading', { level: 1, name: 'Настройки муниципалитета' }).waitFor();
    const head = page.getByLabel(/Руководитель органа управления образованием \(после рассмотрения специалистом\)/);
    const officer = page.getByLabel(/^Специалист органа управления образованием/);
    await expect.poll(() => head.isChecked()).toBe(true);

    await officer.check();
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Настройки сохранены.').waitFor();
    await shot('01-settings-officer');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Настройки муниципалитета' }).waitFor();
    await expect.poll(() => officer.isChecked(), { timeout: 30_000 }).toBe(true);
    expect(await head.isChecked()).toBe(false);

    await head.check();
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Настройки сохранены.').waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Настройки муниципалитета' }).waitFor();
    await expect.poll(() => head.isChecked(), { timeout: 30_000 }).toBe(true);
  });

  step('2. the officer reads the settings and creates the district roadmap, sends it to the head', async () => {
    await as('sibay.officer');
    await openRoadmaps();
    await page.getByRole('link', { name: 'Настройки муниципалитета' }).click();
    await page.getByText('Изменить настройку может руководитель органа управления образованием.').waitFor();
    expect(await page.getByRole('button', { name: 'Сохранить' }).count()).toBe(0);

    await openRoadmaps();
    await page.getByRole('link', { name: 'Создать дорожную карту муниципалитета' }).click();
    await page.getByRole('heading', { level: 1, name: 'Создать дорожную карту муниципалитета' }).waitFor();
    expect(await page.getByLabel('Из типовой дорожной карты').isChecked()).toBe(true);
    expect(await dateText(page, 'Начало периода')).toBe(`01.09.${startYear}`);
    await page.getByLabel('Название программы наставничества').fill('Сибай наставляет');
    await page.getByRole('button', { name: 'Создать дорожную карту муниципалитета' }).click();

    await stateLine().waitFor();
    roadmapPath = new URL(page.url()).pathname;
    await page.getByText('Дорожная карта муниципалитета создана').waitFor();
    await expectState('Черновик');
    await decide('Направить руководителю на утверждение');
    await expectState('На утверждении у руководителя органа управления образованием');
  });

  step('3. the district head approves it with the order', async () => {
    await as('sibay.head');
    await nav()
      .getByRole('link', { name: /Входящие/ })
      .click();
    const section = page.getByRole('region', { name: /На утверждение/ });
    await section.locator(`a[href^="${roadmapPath}"]`).click();
    await stateLine().waitFor();
    await decide('Утвердить', async (form) => {
      expect(await form.getByLabel('Организация').inputValue()).not.toBe('');
      await form.getByLabel('Должность').fill('Начальник управления образования');
      await form.getByLabel('Номер приказа об утверждении').fill('512');
      await fillDate(form, 'Дата приказа', `10.09.${startYear}`);
    });
    await expectState('Направлена на согласование в регион');
    await page.getByText('УТВЕРЖДЕНО приказом № 512').waitFor();
  });

  step('4. the region coordinator chooses Sibay and agrees it: «согласована»', async () => {
    await as('rnc.bashkortostan');
    await openRoadmaps();
    const chooser = page.getByLabel('Муниципалитет');
    const sibay = await chooser.locator('option', { hasText: 'Сибай' }).first().getAttribute('value');
    await chooser.selectOption(sibay!);
    const table = page.getByTestId('roadmaps-table');
    await table.getByRole('row').filter({ hasText: 'Дорожная карта муниципалитета' }).getByRole('link').first().click();
    await stateLine().waitFor();
    await expectState('Направлена на согласование в регион');
    await decide('Согласовать', async (form) => {
      await form.getByLabel('Должность').fill('Руководитель регионального наставнического центра');
      await form.getByLabel('Региональный орган или организация').fill('Региональный наставнический центр Республики Башкортостан');
      await form.getByLabel('Фамилия и инициалы').fill('Л.Р. Галиева');
    });
    await expectState('Согласована');
    await page.getByTestId('approval-blocks').getByText('Региональный наставнический центр Республики Башкортостан').waitFor();
    await page.getByTestId('approval-blocks').getByText('Л.Р. Галиева').waitFor();
    await page.getByTestId('approval-blocks').scrollIntoViewIfNeeded();
    await screenshot(page, 'district-02-agreed', { fullPage: false });
    expect(errors).toEqual([]);
  });
  step('5. the region coordinator opens «Дорожные карты региона»: Sibay with its roadmap and campaign counts', async () => {
    await openRoadmaps();
    await page.getByRole('link', { name: 'Дорожные карты региона' }).click();
    await page.getByRole('heading', { level: 1, name: 'Дорожные карты региона' }).waitFor();
    const row = page.getByTestId('region-roadmaps').getByRole('row').filter({ hasText: 'ГО г. Сибай' });
    await row.waitFor();
    // The latest campaign of Sibay is the demo's current-year one (apps/api/src/seed/demo-current.ts):
    // addressed to the gymnasium only, whose roadmap is agreed.
    const currentTitle = `Дорожные карты на ${academicYearOf(new Date())} учебный год`;
    await expect.poll(() => row.innerText(), { timeout: 30_000 }).toContain(currentTitle);
    const counts = row.getByTestId('region-campaign-counts');
    expect(await counts.innerText()).toMatch(/Все\s*1/);
    expect(await counts.innerText()).toMatch(/согласована\s*1/i);
    expect(await row.innerText()).toMatch(/согласована/i);
    await screenshot(page, 'district-03-region-overview', { fullPage: false });
    // The row opens the district's campaign with Sibay chosen.
    await row.getByRole('link', { name: currentTitle }).click();
    await page.getByRole('heading', { level: 1, name: currentTitle }).waitFor();
    expect(page.url()).toContain('district=');
    expect(errors).toEqual([]);
  });
});
