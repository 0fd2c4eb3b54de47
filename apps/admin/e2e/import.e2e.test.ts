/**
 * Issue 4 in the browser: the gymnasium's curator imports a roadmap from a tab-separated .txt (the
 * domain's noisy fixture) — a bad file first, then the preview with the header blocks, columns,
 * sections, items and a flagged cell; changes one column's mapping; creates the draft and finds it
 * in the editor; downloads the revision as DOCX and PDF, and imports the PDF back (issue 17).
 * Screenshots: test-results/import-*.png.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { ADMIN_ROOT, expectLoginPage, journey, launchBrowser, logIn, RESULTS_DIR, screenshot, startTestStack, type Browser, type TestStack } from './support';

const FIXTURE = path.resolve(ADMIN_ROOT, '../../packages/domain/src/import/fixtures/roadmap-noise.txt');

let stack: TestStack;
let browser: Browser | undefined;
let page: Page;
const step = journey('import', () => page);
const errors: string[] = [];

const nav = () => page.getByRole('navigation', { name: 'Разделы' });
const shot = (name: string, fullPage = true) => screenshot(page, `import-${name}`, { fullPage });

describe('roadmap import and exports', () => {
  beforeAll(async () => {
    stack = await startTestStack();
    browser = await launchBrowser();
    page = browser.page;
    page.on('pageerror', (error) => {
      errors.push(String(error));
      console.error('page error:', error);
    });
    page.on('console', (message) => {
      if (message.type() === 'error' && !/Failed to load resource|net::/.test(message.text())) errors.push(message.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  step('1. a bad file gets the parser’s Russian message beside the field', async () => {
    await page.goto(stack.adminUrl);
    await expectLoginPage(page);
    await logIn(page, stack.adminOrigin, 'gimnaziya.curator');
    await nav().getByRole('link', { name: 'Дорожные карты' }).click();
    await page.getByRole('heading', { level: 1, name: 'Дорожные карты' }).waitFor();
    // From the campaign's row: the draft will answer the campaign for the curator's school.
    await page.getByTestId('campaigns-table').getByRole('link', { name: 'Импорт из файла' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Импорт дорожной карты из файла' }).waitFor();
    await page.getByLabel(/Файл дорожной карты/).setInputFiles({ name: 'пусто.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) });
    await page.getByRole('button', { name: 'Показать предпросмотр' }).click();
    const error = page.locator('.field-error');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/[а-яё]/i);
    await shot('01-bad-file');
  });

  step('2. the preview shows the header, columns, sections, items and flagged cells', async () => {
    await page.getByLabel(/Файл дорожной карты/).setInputFiles(FIXTURE);
    await page.getByRole('button', { name: 'Показать предпросмотр' }).click();
    await page.getByRole('heading', { level: 1, name: 'Предпросмотр импорта' }).waitFor();
    expect(await page.getByTestId('import-approval').innerText()).toContain('Кравцова');
    expect(await page.getByTestId('import-agreement').innerText()).toContain('Соколова');
    expect(await page.getByTestId('import-title').innerText()).toContain('Шаг навстречу');
    expect(await page.getByTestId('import-stats').innerText()).toContain('мероприятий: 10');
    const items = page.getByTestId('import-items');
    const text = await items.innerText();
    expect(text).toContain('Подготовительный этап');
    expect(text).toContain('Формирование базы наставляемых');
    expect(text).toContain('срок не распознан — сохранён как текст');
    expect(await items.locator('td.cell-flagged').count()).toBeGreaterThan(0);
    expect(await page.getByLabel('Столбец 3 «Сроки»').inputValue()).toBe('deadline');
    await shot('02-preview');
    await page
      .locator('td.cell-flagged')
      .first()
      .evaluate((element) => element.scrollIntoView({ block: 'center' }));
    await shot('03-flagged', false);
  });

  step('3. one column mapped differently: the preview is read again', async () => {
    const select = page.getByLabel('Столбец 6 «Показатели эффективности»');
    expect(await select.inputValue()).toBe('indicator');
    await select.selectOption('');
    await expect.poll(() => page.getByTestId('import-items').innerText(), { timeout: 30_000 }).toContain('«Показатели эффективности»: 100% локальных актов');
    expect(await select.inputValue()).toBe('');
    expect(await page.getByTestId('import-columns').innerText()).toContain('Показатели эффективности');
    await shot('04-remapped');
  });

  step('4. «Создать черновик» opens the new draft in the editor', async () => {
    await page.getByRole('button', { name: 'Создать черновик' }).click();
    await page.getByTestId('revision-state').waitFor();
    await page.getByText('Черновик создан из файла').waitFor();
    expect(await page.getByTestId('revision-state').innerText()).toMatch(/Черновик/i);
    await page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')].some((element) =>
        element.value.includes('Формирование базы наставляемых'),
      ),
    );
    await shot('05-draft');
  });

  step('5. the revision downloads as DOCX and PDF with the server’s file name', async () => {
    for (const [button, extension] of [
      ['Скачать DOCX', '.docx'],
      ['Скачать PDF', '.pdf'],
    ] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
      const name = download.suggestedFilename();
      expect(name.endsWith(extension), name).toBe(true);
      expect(name).toMatch(/[а-яё]/i);
      const file = path.join(RESULTS_DIR, `import-download${extension}`);
      await download.saveAs(file);
      expect((await stat(file)).size).toBeGreaterThan(0);
    }
    await shot('06-downloaded', false);
    expect(errors).toEqual([]);
  });

  step('6. the downloaded PDF imported back: a PDF preview, with the draft’s notes and refusal shown as text', async () => {
    // The campaign's row offers no import any more (the school has its draft): the page itself.
    await page.goto(new URL('roadmaps/import', stack.adminUrl).href);
    await page.getByRole('heading', { level: 1, name: 'Импорт дорожной карты из файла' }).waitFor();
    await page.getByLabel(/Файл дорожной карты/).setInputFiles(path.join(RESULTS_DIR, 'import-download.pdf'));
    await page.getByRole('button', { name: 'Показать предпросмотр' }).click();
    await page.getByRole('heading', { level: 1, name: 'Предпросмотр импорта' }).waitFor();
    expect(await page.getByTestId('import-stats').innerText()).toMatch(/мероприятий: [1-9]/);
    expect(await page.getByTestId('import-items').innerText()).toContain('Формирование базы наставляемых');
    await shot('07-pdf-preview');
    expect(errors).toEqual([]);
  });
});
