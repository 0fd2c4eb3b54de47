/**
 * Issue 5 in the browser: the gymnasium's curator creates a programme, adds a mentor (an adult,
 * their own consent) and a minor mentee (the representative's consent — first without the
 * relation: the API's message beside the field, the typed values kept) sharing a tag, runs the
 * matching, sees the suggestion with its explanation, confirms the pair, downloads the order
 * (DOCX, non-empty), then withdraws the mentee's consent and sees the anonymised card.
 * Own data only (the demo seed may change). Screenshots: test-results/programmes-*.png.
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
const stamp = Date.now().toString(36).slice(-4);
const programmeName = `Вместе E2E ${stamp}`;
const tag = `робототехника${stamp}`;

const now = new Date();
const ru = (d: Date) => `${String(d.getDate()).padStart(2, '0')}.${String(d.getMonth() + 1).padStart(2, '0')}.${d.getFullYear()}`;
const yearsAgo = (years: number) => new Date(now.getFullYear() - years, 0, 15);
const shot = (name: string, fullPage = true) => screenshot(page, `programmes-${name}`, { fullPage });
const nav = () => page.getByRole('navigation', { name: 'Разделы' });
const main = () => page.locator('main');

describe('programmes: programme → participants with consents → matching → pair → order', () => {
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

  it('1. the curator creates a programme', async () => {
    await page.goto(stack.adminUrl);
    await expectLoginPage(page);
    await logIn(page, stack.adminOrigin, 'gimnaziya.curator');
    await nav().getByRole('link', { name: 'Программы' }).click();
    await page.getByRole('heading', { level: 1, name: 'Программы наставничества' }).waitFor();
    await page.getByRole('link', { name: 'Новая программа' }).click();
    await main().getByLabel('Название').fill(programmeName);
    await main().getByLabel('Форма наставничества').selectOption('teacher-pupil');
    await main().getByLabel('Начало (ДД.ММ.ГГГГ)').fill(ru(new Date(now.getFullYear() - 1, 8, 1)));
    await main().getByLabel('Окончание (ДД.ММ.ГГГГ)').fill(ru(new Date(now.getFullYear() + 1, 7, 31)));
    await main().getByLabel('Куратор программы').fill('Петрова А. А., заместитель директора');
    await page.getByRole('button', { name: 'Создать программу' }).click();
    await page.getByRole('heading', { level: 1, name: programmeName }).waitFor();
    await page.getByText(`Программа «${programmeName}» создана.`).waitFor();
  });

  it('2. adds an adult mentor with their own consent', async () => {
    await page.getByRole('navigation', { name: 'Разделы программы' }).getByRole('link', { name: 'Наставники' }).click();
    await page.getByRole('link', { name: 'Добавить участника' }).click();
    await page.getByRole('heading', { level: 1, name: 'Добавить участника' }).waitFor();
    expect(await main().getByLabel('Роль в программе').inputValue()).toBe('MENTOR');
    await main().getByLabel('Фамилия').fill('Сидоров');
    await main().getByLabel(/^Имя(\s|$)/).fill('Павел');
    await main().getByLabel('Категория').selectOption('teacher');
    await main().getByLabel('Дата рождения (ДД.ММ.ГГГГ)').fill(ru(yearsAgo(40)));
    await main().getByLabel('Класс или должность').fill('учитель информатики');
    await main().getByLabel('Компетенции или запрос (теги)').fill(`${tag}, программирование`);
    await expect.poll(() => page.getByTestId('consent-giver').innerText()).toContain('сам участник');
    expect(await main().getByLabel(/ФИО законного представителя/).count()).toBe(0);
    await page.getByRole('button', { name: 'Добавить', exact: true }).click();
    await page.getByText('Участник «Сидоров Павел» добавлен.').waitFor();
    await page.getByTestId('participants-mentor').getByRole('link', { name: /Сидоров Павел/ }).waitFor();
  });

  it('3. adds a minor mentee: the representative’s consent, the API’s error beside the field, values kept', async () => {
    await page.getByRole('navigation', { name: 'Разделы программы' }).getByRole('link', { name: 'Наставляемые' }).click();
    await page.getByRole('link', { name: 'Добавить участника' }).click();
    await page.getByRole('heading', { level: 1, name: 'Добавить участника' }).waitFor();
    expect(await main().getByLabel('Роль в программе').inputValue()).toBe('MENTEE');
    await main().getByLabel('Фамилия').fill('Иванова');
    await main().getByLabel(/^Имя(\s|$)/).fill('Мария');
    await main().getByLabel('Категория').selectOption('pupil');
    await main().getByLabel('Дата рождения (ДД.ММ.ГГГГ)').fill(ru(yearsAgo(13)));
    await main().getByLabel('Класс или должность').fill('7 «Б»');
    await main().getByLabel('Компетенции или запрос (теги)').fill(tag);
    await expect.poll(() => page.getByTestId('consent-giver').innerText()).toMatch(/законный представитель/);
    await main().getByLabel(/ФИО законного представителя/).fill('Иванова Елена Петровна');
    await main().getByLabel(/Документ, подтверждающий полномочия/).fill('Свидетельство о рождении II-АР № 123456');
    // No relation chosen: the API refuses, its message stands beside «Кем приходится».
    await page.getByRole('button', { name: 'Добавить', exact: true }).click();
    const relation = main().getByLabel(/Кем приходится/);
    await expect.poll(() => relation.getAttribute('aria-invalid'), { timeout: 30_000 }).toBe('true');
    const errorText = await page.locator('.field-invalid .field-error').first().innerText();
    expect(errorText).toMatch(/[а-яё]/i);
    expect(await main().getByLabel('Фамилия').inputValue()).toBe('Иванова');
    expect(await main().getByLabel(/ФИО законного представителя/).inputValue()).toBe('Иванова Елена Петровна');
    await shot('01-consent-error');
    await relation.selectOption('mother');
    await page.getByRole('button', { name: 'Добавить', exact: true }).click();
    await page.getByText('Участник «Иванова Мария» добавлен.').waitFor();
    await page.getByTestId('participants-mentee').getByRole('link', { name: /Иванова Мария/ }).waitFor();
  });

  it('4. runs the matching, sees the suggestion explained, confirms the pair', async () => {
    await page.getByRole('navigation', { name: 'Разделы программы' }).getByRole('link', { name: 'Подбор пар' }).click();
    const suggestions = page.getByTestId('suggestions');
    await suggestions.getByText(/Сидоров Павел/).waitFor({ timeout: 60_000 });
    const text = await suggestions.innerText();
    expect(text).toContain('Иванова Мария');
    expect(text).toMatch(/Оценка: \d+/);
    expect(text).toContain(tag);
    await suggestions.getByRole('checkbox').first().check();
    await shot('02-suggestions');
    await page.getByRole('button', { name: 'Подтвердить выбранные' }).click();
    await page.getByText('Подтверждено пар: 1.').waitFor();
    const pairs = page.getByTestId('pairs-table');
    await pairs.getByText('Сидоров Павел').waitFor();
    expect(await pairs.innerText()).toContain('Иванова Мария');
  });

  it('5. downloads the order on fixing the pairs (DOCX) with its number and date', async () => {
    await page.getByRole('button', { name: 'Приказ о закреплении пар (DOCX)' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Номер приказа').fill(`15-${stamp}`);
    await dialog.getByLabel('Дата приказа (ДД.ММ.ГГГГ)').fill(ru(now));
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Скачать DOCX' }).click()]);
    const name = download.suggestedFilename();
    expect(name.endsWith('.docx'), name).toBe(true);
    const file = path.join(RESULTS_DIR, 'programmes-pairs-order.docx');
    await download.saveAs(file);
    expect((await stat(file)).size).toBeGreaterThan(0);
    await dialog.getByRole('button', { name: 'Закрыть' }).last().click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('programme-meta').innerText(), { timeout: 30_000 }).toContain(`№ 15-${stamp}`);
    await shot('03-pairs-order');
  });

  it('6. withdrawing the mentee’s consent leaves the anonymised record', async () => {
    await page.getByRole('navigation', { name: 'Разделы программы' }).getByRole('link', { name: 'Наставляемые' }).click();
    await page.getByTestId('participants-mentee').getByRole('link', { name: /Иванова Мария/ }).click();
    await page.getByRole('heading', { level: 1, name: /Иванова Мария/ }).waitFor();
    await page.getByRole('button', { name: 'Отозвать согласие' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Отозвать согласие' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 1, name: 'Участник (данные обезличены)' }).waitFor();
    const card = await main().innerText();
    expect(card).not.toContain('Иванова');
    expect(card).toContain('данные обезличены');
    await shot('04-anonymised');
    expect(errors).toEqual([]);
  });
});
