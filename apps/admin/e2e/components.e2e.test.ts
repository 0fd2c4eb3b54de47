/**
 * The shared widgets (issue 15, item 4), in real forms: the date field (typed ДД.ММ.ГГГГ and picked
 * from the Russian calendar), the comboboxes (a school, a person, a tag picked by typing), a toast
 * after a completed action, the confirmation of a destructive one. Screenshots: test-results/components-*.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import {
  chooseOption,
  dateField,
  dateText,
  expectLoginPage,
  fillDate,
  journey,
  launchBrowser,
  logIn,
  screenshot,
  startTestStack,
  type Browser,
  type TestStack,
} from './support';

let stack: TestStack;
let browser: Browser | undefined;
let page: Page;
const step = journey('components', () => page);
const errors: string[] = [];
const stamp = Date.now().toString(36).slice(-4);
const programmeName = `Компоненты E2E ${stamp}`;

const now = new Date();
const pad = (n: number) => String(n).padStart(2, '0');
const ru = (d: Date) => `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()}`;
const nav = () => page.getByRole('navigation', { name: 'Разделы' });
const main = () => page.locator('main');
const shot = (name: string) => screenshot(page, `components-${name}`);

describe('components: date field, comboboxes, toasts, confirmations', () => {
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

  step('1. a date typed as digits fills the ДД.ММ.ГГГГ segments; a half-typed one is refused, not dropped', async () => {
    await page.goto(stack.adminUrl);
    await expectLoginPage(page);
    await logIn(page, stack.adminOrigin, 'gimnaziya.curator');
    await nav().getByRole('link', { name: 'Программы' }).click();
    await page.getByRole('link', { name: 'Новая программа' }).click();
    await main().getByLabel('Название').fill(programmeName);
    await main().getByLabel('Форма наставничества').selectOption('teacher-pupil');
    const start = new Date(now.getFullYear() - 1, 8, 1);
    expect(await dateText(main(), 'Начало (ДД.ММ.ГГГГ)')).toBe('дд.мм.гггг');
    await fillDate(main(), 'Начало (ДД.ММ.ГГГГ)', ru(start));
    expect(await dateText(main(), 'Начало (ДД.ММ.ГГГГ)')).toBe(ru(start));
    await fillDate(main(), 'Окончание (ДД.ММ.ГГГГ)', '3108');
    await page.getByRole('button', { name: 'Создать программу' }).click();
    await dateField(main(), 'Окончание (ДД.ММ.ГГГГ)').locator('xpath=..').getByText('Укажите дату в формате ДД.ММ.ГГГГ').waitFor();
    expect(await dateText(main(), 'Окончание (ДД.ММ.ГГГГ)')).toBe('31.08.гггг');
  });

  step('2. the calendar speaks Russian, starts the week on Monday and fills the field with the day picked', async () => {
    const end = dateField(main(), 'Окончание (ДД.ММ.ГГГГ)');
    await end.getByRole('button', { name: 'Открыть календарь' }).click();
    const calendar = page.getByRole('dialog');
    await calendar.getByRole('grid').waitFor();
    expect(await calendar.getByRole('heading').innerText()).toMatch(
      /^(январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь|ноябрь|декабрь) \d{4}/i,
    );
    expect((await calendar.locator('th').first().innerText()).toLowerCase()).toBe('пн');
    await shot('01-calendar');
    await calendar.getByRole('button', { name: 'Следующий месяц' }).click();
    const heading = await calendar.getByRole('heading').innerText();
    await calendar.getByRole('gridcell').getByText('15', { exact: true }).click();
    await calendar.waitFor({ state: 'hidden' });
    const picked = await dateText(main(), 'Окончание (ДД.ММ.ГГГГ)');
    expect(picked).toMatch(/^15\.\d{2}\.\d{4}$/);
    expect(heading).toContain(picked.slice(-4));
    await page.getByRole('button', { name: 'Создать программу' }).click();
    await page.getByRole('heading', { level: 1, name: programmeName }).waitFor();
  });

  step('3. the completed action is confirmed by a toast, announced politely, that survives the navigation', async () => {
    const toasts = page.getByRole('region', { name: 'Уведомления' });
    const toast = toasts.getByRole('status').filter({ hasText: `Программа «${programmeName}» создана.` });
    await toast.waitFor();
    await shot('02-toast');
    // Closable by its own button, like any toast.
    await toasts.getByRole('alertdialog').filter({ hasText: programmeName }).getByRole('button', { name: 'Закрыть уведомление' }).click();
    await toast.waitFor({ state: 'detached' });
  });

  step('4. a tag is picked from the catalogue combobox by typing; nothing matching says so in Russian', async () => {
    await page.getByRole('navigation', { name: 'Разделы программы' }).getByRole('link', { name: 'Наставники' }).click();
    await page.getByRole('link', { name: 'Добавить участника' }).click();
    await page.getByRole('heading', { level: 1, name: 'Добавить участника' }).waitFor();
    const tags = main().getByLabel('Компетенции или запрос (теги)');
    await tags.fill('шахматы');
    await chooseOption(main(), 'Добавить тег из общего каталога', 'англ', 'Добавить тег «английский язык»');
    expect(await tags.inputValue()).toBe('шахматы, английский язык');
    const picker = main().getByRole('combobox', { name: 'Добавить тег из общего каталога' });
    expect(await picker.inputValue()).toBe('');
    await picker.pressSequentially('щщщщ');
    await page.getByRole('listbox').getByText('Ничего не найдено').waitFor();
    await shot('04-combobox-empty');
    await picker.press('Escape');
    // Choosing a tag already in the field takes it out again.
    await chooseOption(main(), 'Добавить тег из общего каталога', 'англ', 'Убрать тег «английский язык»');
    expect(await tags.inputValue()).toBe('шахматы');
  });

  step('5. a destructive action asks first: «Отмена» (focused) keeps, «Удалить» removes', async () => {
    await nav().getByRole('link', { name: 'Мониторинг' }).click();
    // The participant form of step 4 holds typed tags: leaving it asks first (lib/leaveGuard).
    await page.getByRole('dialog', { name: 'Уйти со страницы?' }).getByRole('button', { name: 'Уйти без сохранения' }).click();
    await page.getByRole('heading', { level: 1, name: 'МОБУ «Гимназия»' }).waitFor();
    await page.getByRole('link', { name: 'Новости для публичной страницы' }).click();
    await page.getByRole('heading', { level: 1, name: 'Новости для публичной страницы' }).waitFor();
    const title = `Новость на удаление ${stamp}`;
    await page.getByRole('button', { name: 'Новая новость' }).click();
    const form = page.getByTestId('news-form');
    await form.getByLabel(/^Заголовок/).fill(title);
    await form.getByLabel(/^Текст/).fill('Будет удалена.');
    await fillDate(form, 'Дата новости', ru(now));
    await form.getByRole('button', { name: 'Сохранить' }).click();
    const table = page.getByTestId('news-table');
    await table.getByText(title, { exact: true }).waitFor();
    expect(await table.innerText()).toContain(ru(now));

    await table.getByRole('button', { name: `Удалить новость «${title}»` }).click();
    const confirm = page.getByRole('alertdialog');
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain(`Удалить новость «${title}»?`);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Отмена');
    await shot('03-confirm');
    await confirm.getByRole('button', { name: 'Отмена' }).click();
    await confirm.waitFor({ state: 'detached' });
    await table.getByText(title, { exact: true }).waitFor();

    await table.getByRole('button', { name: `Удалить новость «${title}»` }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Удалить' }).click();
    await table.getByText(title, { exact: true }).waitFor({ state: 'detached' });
    await page.getByText('Новость удалена.').waitFor();
    expect(errors).toEqual([]);
  });
});
