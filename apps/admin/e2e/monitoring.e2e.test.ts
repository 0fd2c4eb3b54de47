/**
 * Issue 7 in the browser: the Sibay officer opens «Мониторинг», sees the district's table of schools
 * (with «МОБУ «Гимназия»», the totals row and the coverage chart), drills down to the gymnasium's
 * cards, goes back, downloads the statistical form (XLSX, non-empty) and the table itself
 * («Скачать XLSX», read back); the region's coordinator sees only Bashkortostan's districts and
 * drills down to Sibay; anyone opens the gymnasium's public page without logging in and finds no
 * pupil's name on it. Then the officer sees execution by month and the map-like grid of schools and
 * opens the (anonymised) list behind a figure; the gymnasium's curator fills in and saves the SWOT
 * form (a bad date is named beside its field) and downloads its DOCX; the curator publishes a news
 * item and keeps another as a draft: the public page (no login) shows the first, never the draft.
 * Screenshots: test-results/monitoring-*.png.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { ZipArchive } from '@nastavnik/domain';
import {
  expectLoginPage,
  journey,
  launchBrowser,
  logIn,
  logOut,
  RESULTS_DIR,
  screenshot,
  startTestStack,
  type Browser,
  type TestStack,
  fillDate,
} from './support';

let stack: TestStack;
let browser: Browser | undefined;
let page: Page;
const step = journey('monitoring', () => page);
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

  step('1. the officer opens «Мониторинг» and sees the district table', async () => {
    await page.goto(stack.adminUrl);
    await expectLoginPage(page);
    await logIn(page, stack.adminOrigin, 'sibay.officer');
    await nav().getByRole('link', { name: 'Мониторинг' }).click();
    await page.getByRole('heading', { level: 1, name: 'Показатели муниципалитета' }).waitFor();
    const table = page.getByTestId('district-dashboard');
    await table.getByRole('link', { name: /МОБУ «Гимназия»/ }).waitFor();
    await expect.poll(() => page.getByTestId('district-totals').locator('[data-kpi="coverage"], [data-kpi]').first().innerText()).not.toContain('нет данных');
    const totals = page.getByTestId('district-totals');
    expect(await totals.innerText()).toContain('Итого по муниципалитету');
    // Every figure explains itself on hover.
    const hint = await table.locator('[data-kpi]').first().getAttribute('title');
    expect(hint).toContain('Формула:');
    expect(await page.getByTestId('district-as-of').innerText()).toMatch(/данные на \d\d\.\d\d\.\d{4} \d\d:\d\d/);
    await page.getByTestId('coverage-chart').waitFor();
    // Partner organisations of the district, beside the schools' figures.
    await expect.poll(() => page.getByTestId('partner-share').innerText()).toMatch(/С действующим соглашением: \d+/);
    await shot('01-district');

    // Sorting by a figure keeps «нет данных» last (the API's order) and marks the column.
    await table.getByRole('button', { name: 'Охват обучающихся' }).click();
    await expect.poll(() => page.url()).toContain('sort=PUPIL_COVERAGE');
    await expect.poll(() => table.locator('th[aria-sort]').innerText()).toContain('Охват обучающихся');
  });

  step('2. drills down to the gymnasium and back', async () => {
    await page
      .getByTestId('district-dashboard')
      .getByRole('link', { name: /МОБУ «Гимназия»/ })
      .click();
    await page.getByRole('heading', { level: 1, name: 'МОБУ «Гимназия»' }).waitFor();
    const cards = page.getByTestId('school-kpis');
    await cards.locator('[data-kpi]').first().waitFor();
    // Coverage, target 70 %, consents, plans, execution, partners, final events, satisfaction, impact.
    expect(await cards.locator('.kpi-card').count()).toBe(13);
    // The demo's questionnaires give the gymnasium a satisfaction figure.
    expect(await cards.locator('[data-kpi="satisfaction"]').innerText()).not.toContain('нет данных');
    expect(await mainTextOf(page)).toContain('Охват');
    await shot('02-school');
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Показатели муниципалитета' }).waitFor();
    await page
      .getByTestId('district-dashboard')
      .getByRole('link', { name: /МОБУ «Гимназия»/ })
      .waitFor();
  });

  step('3. downloads the statistical form', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Статистическая форма (XLSX)' }).click()]);
    const name = download.suggestedFilename();
    expect(name.endsWith('.xlsx'), name).toBe(true);
    const file = path.join(RESULTS_DIR, 'monitoring-stat-form.xlsx');
    await download.saveAs(file);
    expect((await stat(file)).size).toBeGreaterThan(0);
    await shot('03-downloaded', false);
    expect(errors).toEqual([]);
  });

  step('4. saves the table of schools as XLSX, totals included', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Скачать XLSX' }).click()]);
    const name = download.suggestedFilename();
    expect(name).toMatch(/^Показатели муниципалитета.*\d\d\.\d\d\.\d{4}\.xlsx$/);
    const file = path.join(RESULTS_DIR, 'monitoring-district-table.xlsx');
    await download.saveAs(file);
    const sheet = new ZipArchive(new Uint8Array(await readFile(file))).read('xl/worksheets/sheet1.xml');
    const text = new TextDecoder().decode(sheet!);
    expect(text).toContain('МОБУ «Гимназия»');
    expect(text).toContain('Итого по муниципалитету');
    expect(text).not.toContain('↕');
    expect(errors).toEqual([]);
  });

  step('5. the region coordinator sees only the region and drills down to a district', async () => {
    // The region reads the maintained snapshot: bring Sibay's up to date first.
    await page.getByRole('button', { name: 'Обновить сводку' }).click();
    await page.getByText(/Сводка обновлена/).waitFor();
    await logOut(page);
    await logIn(page, stack.adminOrigin, 'rnc.bashkortostan');
    await nav().getByRole('link', { name: 'Мониторинг' }).click();
    await page.getByRole('heading', { level: 1, name: 'Показатели региона' }).waitFor();
    const table = page.getByTestId('region-dashboard');
    await table.getByRole('link', { name: /Сибай/ }).waitFor();
    const text = await table.innerText();
    expect(text).not.toMatch(/Курск|Свободный/);
    // The demo programmes of the current year are counted in the region's snapshot.
    expect(await page.getByTestId('region-district-sibay').locator('td').first().innerText()).not.toBe('0');
    expect(await page.getByTestId('region-as-of').innerText()).toMatch(/\d\d\.\d\d\.\d{4}/);
    await shot('05-region');
    await table.getByRole('link', { name: /Сибай/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Показатели муниципалитета' }).waitFor();
    await page
      .getByTestId('district-dashboard')
      .getByRole('link', { name: /МОБУ «Гимназия»/ })
      .waitFor();
    await shot('05-region-district');
    expect(errors).toEqual([]);
  });

  step('6. the public page of the gymnasium opens without login and shows no personal data', async () => {
    const visitor = await page.context().browser()!.newContext();
    try {
      const publicPage = await visitor.newPage();
      const response = await publicPage.goto(`${stack.adminOrigin}/public/schools/sibay/gimnaziya.html`);
      expect(response?.status()).toBe(200);
      const body = await publicPage.locator('body').innerText();
      expect(body).toContain('«Гимназия»');
      expect(body).toMatch(/наставничеств/i);
      // No demo pupil's surname (they are minors) is on the public page.
      for (const surname of await demoMenteeSurnames()) expect(body).not.toContain(surname);
      await publicPage.screenshot({ path: path.join(RESULTS_DIR, 'monitoring-06-public.png'), fullPage: true });
    } finally {
      await visitor.close();
    }
  });

  step('7. the officer sees execution by month and the grid of schools, and opens the list behind a figure', async () => {
    await logOut(page);
    await logIn(page, stack.adminOrigin, 'sibay.officer');
    await nav().getByRole('link', { name: 'Мониторинг' }).click();
    await page.getByRole('heading', { level: 1, name: 'Показатели муниципалитета' }).waitFor();
    const chart = page.getByTestId('execution-chart').first();
    await chart.waitFor();
    expect(await chart.locator('figcaption').innerText()).toBe('Исполнение дорожных карт по месяцам');
    // The demo has the gymnasium's agreed roadmap of the current year with marks of execution
    // (apps/api/src/seed/demo-current.ts): the chart draws bars, and a visually hidden
    // table repeats the numbers month by month, September to August.
    await chart.locator('svg rect').first().waitFor();
    expect(await chart.getByText('За учебный год в дорожных картах нет мероприятий со сроками: график пуст.').count()).toBe(0);
    const heights = await chart.locator('svg rect').evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('height'))));
    expect(heights.filter((h) => h > 0).length).toBeGreaterThan(0);
    const monthRows = chart.getByTestId('execution-table').locator('tbody tr');
    expect(await monthRows.count()).toBe(12);
    const today = new Date();
    const startYear = today.getMonth() >= 8 ? today.getFullYear() : today.getFullYear() - 1;
    expect(await monthRows.first().locator('th').innerText()).toBe(`сентябрь ${startYear}`);
    expect(await monthRows.last().locator('th').innerText()).toBe(`август ${startYear + 1}`);
    const cells = await monthRows.evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((td) => Number(td.textContent))));
    const total = (column: number) => cells.reduce((sum, row) => sum + row[column]!, 0);
    // Columns: planned, done on time, done late, overdue.
    expect(total(0)).toBeGreaterThan(0);
    if (today.getMonth() >= 10 || today.getMonth() <= 7) {
      // From November on, the seed has items done on time, one done late and one overdue.
      expect(total(1)).toBeGreaterThan(0);
      expect(total(2)).toBe(1);
      expect(total(3)).toBeGreaterThan(0);
    }
    const grid = page.getByTestId('school-grid');
    const tile = grid.getByRole('link', { name: /^МОБУ «Гимназия»: Худший светофор — / });
    await tile.waitFor();
    expect(await grid.getByRole('link').count()).toBeGreaterThan(1);
    await grid.scrollIntoViewIfNeeded();
    await shot('07-chart-grid');

    // The pupils behind the gymnasium's coverage: anonymised for the district.
    const row = page.getByTestId('district-dashboard').locator('tr', { has: page.getByRole('link', { name: /МОБУ «Гимназия»/ }) });
    await row.getByRole('link', { name: /^Что за числом: Охват обучающихся/ }).click();
    await page.getByRole('heading', { level: 1, name: 'МОБУ «Гимназия»' }).waitFor();
    const drill = page.getByTestId('drill-down');
    await drill.getByRole('heading', { name: /Что за числом: .+ \(обучающиеся\)/ }).waitFor();
    const rows = drill.getByTestId('drill-down-table').locator('tbody tr');
    await rows.first().waitFor();
    const labels = await rows.locator('th').allInnerTexts();
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) expect(label).toMatch(/^Участник \d+$/);
    const text = await drill.innerText();
    for (const surname of await demoMenteeSurnames()) expect(text).not.toContain(surname);
    await shot('07-drill-down');

    // The grid's tile opens the school too.
    await page.getByRole('link', { name: 'Показатели муниципалитета' }).click();
    await page
      .getByTestId('school-grid')
      .getByRole('link', { name: /^МОБУ «Гимназия»: / })
      .click();
    await page.getByRole('heading', { level: 1, name: 'МОБУ «Гимназия»' }).waitFor();
    await page.getByTestId('execution-chart').waitFor();
    expect(errors).toEqual([]);
  });

  step('8. the curator fills in the SWOT form, saves it and downloads its DOCX', async () => {
    await logOut(page);
    await logIn(page, stack.adminOrigin, 'gimnaziya.curator');
    await nav().getByRole('link', { name: 'Мониторинг' }).click();
    await page.getByRole('heading', { level: 1, name: 'МОБУ «Гимназия»' }).waitFor();
    await page.getByRole('link', { name: 'SWOT-анализ' }).click();
    await page.getByRole('heading', { level: 1, name: 'SWOT-анализ программы наставничества' }).waitFor();
    const form = page.getByTestId('swot-form');
    await form.getByLabel('Сильные стороны, пункт 1').fill('Опытные наставники из числа педагогов');
    await form.getByRole('button', { name: 'Добавить пункт: Сильные стороны' }).click();
    await form.getByLabel('Сильные стороны, пункт 2').fill('Поддержка администрации');
    await form.getByLabel('Слабые стороны, пункт 1').fill('Мало наставников-партнёров');
    await form.getByLabel('Возможности, пункт 1').fill('Сотрудничество с Сибайским институтом');
    await form.getByLabel('Угрозы, пункт 1').fill('Нагрузка педагогов');
    await form.getByRole('button', { name: 'Добавить пункт: Угрозы' }).click();
    await form.getByLabel('Угрозы, пункт 2').fill('Лишний пункт');
    await form.getByRole('button', { name: 'Удалить пункт 2: Угрозы' }).click();
    expect(await form.getByLabel('Угрозы, пункт 2').count()).toBe(0);
    // A bad date and a line too long are named beside their fields at once; nothing typed is lost.
    await fillDate(form, 'Дата заполнения', '31.02');
    await form.getByLabel('Возможности, пункт 1').fill('в'.repeat(1001));
    await form.getByText('1001 из 1000 символов').waitFor();
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await form.getByText('Дата заполнения: укажите дату в виде ДД.ММ.ГГГГ.').waitFor();
    await form.getByText('Поле «Возможности, пункт 1»: не более 1000 символов.').waitFor();
    expect(await form.getByLabel('Сильные стороны, пункт 2').inputValue()).toBe('Поддержка администрации');
    await form.getByLabel('Возможности, пункт 1').fill('Сотрудничество с Сибайским институтом');
    await fillDate(form, 'Дата заполнения', '01.10.2025');
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('SWOT-анализ сохранён.').waitFor();
    await form.getByText(/версия 1\./).waitFor();
    await shot('08-swot');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Скачать DOCX' }).click()]);
    expect(download.suggestedFilename().endsWith('.docx'), download.suggestedFilename()).toBe(true);
    const file = path.join(RESULTS_DIR, 'monitoring-swot.docx');
    await download.saveAs(file);
    const documentXml = new ZipArchive(new Uint8Array(await readFile(file))).read('word/document.xml');
    const docText = new TextDecoder().decode(documentXml!);
    expect(docText).toContain('Опытные наставники из числа педагогов');
    expect(docText).toContain('Нагрузка педагогов');
    expect(docText).not.toContain('Лишний пункт');
    expect(errors).toEqual([]);
  });

  step('9. the curator publishes a news item; the public page shows it and never the draft', async () => {
    await page.getByRole('link', { name: 'Показатели организации' }).click();
    await page.getByRole('link', { name: 'Новости для публичной страницы' }).click();
    await page.getByRole('heading', { level: 1, name: 'Новости для публичной страницы' }).waitFor();

    const add = async (title: string, body: string, publish: boolean) => {
      await page.getByRole('button', { name: 'Новая новость' }).click();
      const form = page.getByTestId('news-form');
      await form.getByLabel(/^Заголовок/).fill(title);
      await form.getByLabel(/^Текст/).fill(body);
      if (publish) await form.getByLabel('Опубликовать на публичной странице').check();
      await form.getByRole('button', { name: 'Сохранить' }).click();
      await page.getByTestId('news-table').getByText(title, { exact: true }).waitFor();
    };
    // An empty title and text are named beside their fields, both at once.
    await page.getByRole('button', { name: 'Новая новость' }).click();
    await page.getByTestId('news-form').getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Поле «Заголовок» обязательно.').waitFor();
    await page.getByText('Поле «Текст» обязательно.').waitFor();
    await page.getByTestId('news-form').getByRole('button', { name: 'Отмена' }).click();

    await add('Итоговая конференция наставников', 'Наставники и наставляемые подвели итоги года.', false);
    await add('Черновик: не публиковать', 'Этот текст не должен быть виден.', false);
    // Published from the list.
    await page.getByRole('button', { name: 'Опубликовать новость «Итоговая конференция наставников»' }).click();
    await page.getByRole('button', { name: 'Снять с публикации новость «Итоговая конференция наставников»' }).waitFor();
    const href = await page.getByTestId('public-page-link').getAttribute('href');
    expect(href).toBe('/public/schools/sibay/gimnaziya.html');
    // The code the school pastes into its own site frames the same page.
    await page.getByText('Разместить на сайте школы').click();
    expect(await page.getByTestId('embed-code').inputValue()).toContain(`<iframe src="${stack.adminOrigin}/public/schools/sibay/gimnaziya.html"`);
    await shot('09-news');

    const visitor = await page.context().browser()!.newContext();
    try {
      const publicPage = await visitor.newPage();
      const response = await publicPage.goto(`${stack.adminOrigin}${href}`);
      expect(response?.status()).toBe(200);
      const body = await publicPage.locator('body').innerText();
      expect(body).toContain('Итоговая конференция наставников');
      expect(body).toContain('Наставники и наставляемые подвели итоги года.');
      expect(body).not.toContain('Черновик: не публиковать');
      expect(body).not.toContain('Этот текст не должен быть виден.');
      await publicPage.screenshot({ path: path.join(RESULTS_DIR, 'monitoring-09-public-news.png'), fullPage: true });
    } finally {
      await visitor.close();
    }
    expect(errors).toEqual([]);
  });
});

/**
 * Pupils (minors) of the demo programme «Вместе» (apps/api/src/seed/demo-programmes.ts): none of
 * them has a publication consent, so none may appear on the public page.
 */
async function demoMenteeSurnames(): Promise<string[]> {
  return ['Ишмухаметов', 'Абдрахманова', 'Юлдашбаев', 'Галиев', 'Хасанова', 'Морозов'];
}

async function mainTextOf(current: Page): Promise<string> {
  return current.locator('main').innerText();
}
