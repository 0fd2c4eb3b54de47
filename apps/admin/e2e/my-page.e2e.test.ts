/**
 * The mentee's and mentor's own page (issue 15, item 7): the demo mentee and mentor reach each
 * other as the personal-data table allows, see what is next, mark a task of their plan done with a
 * note the curator then sees; every page not theirs answers with the same «Нет доступа»; the page
 * fits a phone. And the curator's «Подобрать пары» says it runs and, finding nothing, why.
 * Screenshots go to test-results/my-page-*.png.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { fillDate, journey, launchBrowser, logIn, logOut, mainText, screenshot, startTestStack, type Browser, type TestStack } from './support';

let stack: TestStack;
let browser: Browser | undefined;
let page: Page;
let signedIn = false;
const errors: string[] = [];
const step = journey('my-page', () => page);

const nav = () => page.getByRole('navigation', { name: 'Разделы' });
const main = () => page.locator('main');
const shot = (name: string) => screenshot(page, `my-page-${name}`);

const TASK = 'Читательский дневник: 3 книги за четверть';
const NOTE = 'Прочитал «Тимура и его команду», пишу отзыв';

async function as(username: string): Promise<void> {
  if (signedIn) await logOut(page);
  else await page.goto(stack.adminUrl);
  await logIn(page, stack.adminOrigin, username);
  signedIn = true;
}

async function openMyPage(): Promise<void> {
  await page.goto(new URL('/my', stack.adminOrigin).href);
  await page.getByRole('heading', { level: 1, name: 'Моя пара/группа' }).waitFor({ timeout: 120_000 });
  await page.getByTestId('my-pair').first().waitFor({ timeout: 60_000 });
}

/** How much wider than the screen the page is (px; 0 — it fits). */
async function overflow(): Promise<number> {
  return page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth));
}

describe('my page: the demo mentee and mentor', () => {
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

  step("the mentee's menu is their home and their pair; the pair shows the mentor's contacts and what is next", async () => {
    await as('gimnaziya.mentee');
    const links = await nav().getByRole('link').allInnerTexts();
    expect(links.map((l) => l.trim())).toEqual(['Главная', 'Моя пара/группа']);
    await nav().getByRole('link', { name: 'Моя пара/группа' }).click();
    await page.getByTestId('my-pair').first().waitFor({ timeout: 60_000 });
    const contacts = page.getByTestId('my-contacts');
    const contactText = await contacts.innerText();
    expect(contactText).toContain('Байгускарова Зульфия Мидхатовна');
    expect(contactText).toContain('Ваш наставник');
    expect(await contacts.getByRole('link', { name: '+7 917 345-12-78' }).getAttribute('href')).toBe('tel:+79173451278');
    expect(await contacts.getByRole('link', { name: 'baiguskarova.zm@demo.nastavnik.local' }).getAttribute('href')).toBe(
      'mailto:baiguskarova.zm@demo.nastavnik.local',
    );
    const next = await page.getByTestId('my-next').innerText();
    // The demo pair has had its acquaintance and trial meetings; the planning one comes next.
    expect(next).toMatch(/Последняя встреча: «Пробная встреча», \d{2}\.\d{2}\.\d{4}\./);
    expect(next).toContain('Следующая по порядку: «Встреча-планирование»');
    // The demo mentor planned it a week ahead: when (in the product's named time zone), which, where.
    expect(await page.getByTestId('my-next-meeting').innerText()).toMatch(
      /^Запланирована: «Встреча-планирование», \d{2}\.\d{2}\.\d{4} 15:30 \(МСК\), Кабинет наставника, 2 этаж\.$/,
    );
    // The mentee sees it but does not plan the pair's meetings; they can put it in their calendar.
    const planned = page.getByTestId('planned-meeting');
    await planned.waitFor();
    expect(await planned.getByRole('button').allInnerTexts()).toEqual(['Добавить в календарь (.ics)']);
    const [download] = await Promise.all([page.waitForEvent('download'), planned.getByRole('button', { name: 'Добавить в календарь (.ics)' }).click()]);
    const ics = await readFile((await download.path())!, 'utf8');
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toMatch(/DTSTART;TZID=Europe\/Moscow:\d{8}T153000/);
    expect(ics).toContain('LOCATION:Кабинет наставника\\, 2 этаж');
    expect(await page.getByTestId('my-next-task').innerText()).toContain(`Ближайшая задача плана: «${TASK}»`);
    // Nothing of the school besides: no other pair, no order, no score.
    const text = await mainText(page);
    expect(text).not.toContain('Хасанова');
    expect(text).not.toContain('Приказ о закреплении');
    expect(text).not.toContain('Оценка подбора');
    await shot('01-mentee');
  });

  step('the mentee marks a task done with a note; it says so and shows who marked it and the note', async () => {
    await page.getByRole('button', { name: `Отметить выполненной: ${TASK}` }).click();
    const form = page.getByRole('form', { name: `Задача «${TASK}» выполнена` });
    await form.getByLabel(/Комментарий: как прошло/).fill(NOTE);
    await form.getByRole('button', { name: 'Отметить', exact: true }).click();
    await page.getByText(`Задача «${TASK}» отмечена выполненной.`).waitFor();
    const row = page.getByTestId('plan-tasks').getByRole('row').filter({ hasText: TASK });
    await row.getByTestId('task-note').waitFor();
    expect(await row.getByTestId('task-note').innerText()).toBe(NOTE);
    expect(await row.getByTestId('task-done-by').innerText()).toMatch(/выполнено \d{2}\.\d{2}\.\d{4}, отметил\(а\) /);
    await row.getByRole('button', { name: `Вернуть в работу: ${TASK}` }).waitFor();
    // The next task moves on to the one still open.
    expect(await page.getByTestId('my-next-task').innerText()).toContain('Итоговый диктант без «двоек»');
    await shot('02-mentee-task-done');
  });

  step('every page not theirs answers with the same «Нет доступа» — no empty list, no silent redirect', async () => {
    const answers = new Set<string>();
    for (const path of ['/programmes', '/roadmaps', '/monitoring', '/inbox', '/roadmaps/campaigns/new', '/my-partner']) {
      await page.goto(new URL(path, stack.adminOrigin).href);
      await page.getByRole('heading', { level: 1, name: 'Нет доступа' }).waitFor({ timeout: 60_000 });
      expect(new URL(page.url()).pathname, `${path}: no redirect`).toBe(path);
      const text = await page.getByTestId('participant-no-access').innerText();
      expect(text).not.toContain('Кампаний пока нет');
      answers.add(text);
    }
    expect(answers.size).toBe(1);
    expect([...answers][0]).toContain('Вам доступны ваша пара или группа и анкеты');
    await shot('03-mentee-no-access');
    // An address that is no page at all stays «not found».
    await page.goto(new URL('/no-such-page', stack.adminOrigin).href);
    await page.getByRole('heading', { level: 1, name: 'Не найдено' }).waitFor();
  });

  step('the mentee’s page fits a phone (390 px)', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await openMyPage();
      expect(await overflow()).toBe(0);
      await shot('04-mentee-phone');
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  step('the mentor sees the minor mentee without contacts (through the curator), and the note the mentee left', async () => {
    await as('gimnaziya.mentor');
    const links = await nav().getByRole('link').allInnerTexts();
    expect(links.map((l) => l.trim())).toEqual(['Главная', 'Моя пара/группа']);
    await openMyPage();
    const contacts = await page.getByTestId('my-contacts').innerText();
    expect(contacts).toContain('Сергеев Максим Олегович');
    expect(contacts).toContain('Наставляемый');
    expect(contacts).toMatch(/Контакты не показываются: связь с несовершеннолетним — через куратора программы/);
    const row = page.getByTestId('plan-tasks').getByRole('row').filter({ hasText: TASK });
    expect(await row.getByTestId('task-note').innerText()).toBe(NOTE);
    // The mentor records meetings; the form is there.
    await page.getByTestId('meeting-form').waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await openMyPage();
      expect(await overflow()).toBe(0);
      await shot('05-mentor-phone');
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  step('the mentor moves the planned meeting: every problem at once beside its field, then the new time for the pair', async () => {
    const panel = page.getByTestId('planned-meeting');
    await panel.getByRole('button', { name: 'Перенести' }).click();
    const form = page.getByTestId('planned-meeting-form');
    await fillDate(form, 'Дата встречи', '01.01.2020');
    await form.getByLabel('Время начала').fill('');
    await form.getByLabel('Место или ссылка').fill('М'.repeat(301));
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await form.getByText('Дата встречи: не раньше сегодняшнего дня').waitFor();
    await form.getByText('Время встречи: укажите время в виде ЧЧ:ММ').waitFor();
    await form.getByText('Поле «Место или ссылка»: не более 300 символов.').waitFor();
    const later = new Date(Date.now() + 10 * 86_400_000);
    const day = `${String(later.getDate()).padStart(2, '0')}.${String(later.getMonth() + 1).padStart(2, '0')}.${later.getFullYear()}`;
    await fillDate(form, 'Дата встречи', day);
    await form.getByLabel('Время начала').fill('16:45');
    await form.getByLabel('Место или ссылка').fill('Школьная библиотека');
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText(`Встреча запланирована: «Встреча-планирование», ${day} 16:45 (МСК), Школьная библиотека`).first().waitFor();
    expect(await page.getByTestId('my-next-meeting').innerText()).toBe(`Запланирована: «Встреча-планирование», ${day} 16:45 (МСК), Школьная библиотека.`);
    await shot('05a-mentor-moved-meeting');
  });

  step('the mentor takes the personal calendar link from the home page, copies it, and the feed holds the moved meeting', async () => {
    await browser!.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.adminOrigin });
    await nav().getByRole('link', { name: 'Главная' }).click();
    const section = page.getByTestId('calendar-feed');
    await section.getByRole('button', { name: 'Показать ссылку на календарь' }).click();
    const url = await section.getByTestId('calendar-feed-url').inputValue();
    expect(url).toMatch(/\/public\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    await section.getByRole('button', { name: 'Скопировать' }).click();
    await page.getByText('Адрес календаря скопирован').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    // Through the admin's origin, as a calendar application would (the web server routes /public/ to the API).
    const response = await fetch(new URL(new URL(url).pathname, stack.adminOrigin).href);
    const ics = await response.text();
    expect(response.status, ics).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(ics).toMatch(/DTSTART;TZID=Europe\/Moscow:\d{8}T164500/);
    expect(ics).toContain('LOCATION:Школьная библиотека');
    expect(ics).not.toContain('Сергеев');
    await shot('05b-mentor-calendar-link');
    // Shown once: on the next visit the page says when it was made and offers a new one.
    await page.reload();
    await page.getByTestId('calendar-feed').getByRole('button', { name: 'Показать ссылку на календарь' }).click();
    await page.getByTestId('calendar-feed-issued').waitFor();
    await page.getByTestId('calendar-feed').getByRole('button', { name: 'Сменить ссылку' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Сменить ссылку' }).click();
    const renewed = await page.getByTestId('calendar-feed-url').inputValue();
    expect(renewed).not.toBe(url);
    expect((await fetch(new URL(new URL(url).pathname, stack.adminOrigin).href)).status).toBe(404);
  });

  step("the curator's card of the pair shows who marked the task and the note", async () => {
    await as('gimnaziya.curator');
    await nav().getByRole('link', { name: 'Программы' }).click();
    await main().getByRole('link', { name: 'Вместе', exact: true }).click();
    await page.getByRole('navigation', { name: 'Разделы программы' }).getByRole('link', { name: 'Пары' }).click();
    await page
      .getByTestId('pairs-table')
      .getByRole('link', { name: /Байгускарова Зульфия/ })
      .click();
    await page.getByRole('heading', { level: 1, name: /Байгускарова Зульфия/ }).waitFor();
    const row = page.getByTestId('plan-tasks').getByRole('row').filter({ hasText: TASK });
    expect(await row.getByTestId('task-note').innerText()).toBe(NOTE);
    expect(await row.getByTestId('task-done-by').innerText()).toMatch(/отметил\(а\) \S+/);
    // The curator edits the plan (checkbox), not the member's «Отметить выполненной».
    expect(await row.getByRole('checkbox').isChecked()).toBe(true);
    await shot('06-curator-sees-note');
  });

  step('«Подобрать пары» says it is running and what it found', async () => {
    await page.getByRole('link', { name: '← К парам программы' }).click();
    await page.getByRole('navigation', { name: 'Разделы программы' }).getByRole('link', { name: 'Подбор пар' }).click();
    const status = page.getByTestId('matching-status');
    expect(await status.getAttribute('aria-live')).toBe('polite');
    await expect.poll(() => status.innerText(), { timeout: 60_000 }).toMatch(/^Подбор завершён: /);
    const button = page.getByTestId('run-matching');
    await button.click();
    // While it runs the button cannot be pressed twice; then the status says what was found again.
    await expect.poll(() => status.innerText(), { timeout: 60_000 }).toMatch(/^Подбор завершён: /);
    expect(await button.isEnabled()).toBe(true);
  });

  step('a matching that finds nothing says why and offers the next step', async () => {
    await page.goto(new URL('/programmes/new', stack.adminOrigin).href);
    const now = new Date();
    const ru = (d: Date) => `${String(d.getDate()).padStart(2, '0')}.${String(d.getMonth() + 1).padStart(2, '0')}.${d.getFullYear()}`;
    await main().getByLabel('Название').fill('Пустая программа');
    await main().getByLabel('Форма наставничества').selectOption('teacher-pupil');
    await fillDate(main(), /^Начало/, ru(new Date(now.getFullYear() - 1, 8, 1)));
    await fillDate(main(), /^Окончание/, ru(new Date(now.getFullYear() + 1, 7, 31)));
    await page.getByRole('button', { name: 'Создать программу' }).click();
    await page.getByRole('heading', { level: 1, name: 'Пустая программа' }).waitFor();
    await page.getByRole('navigation', { name: 'Разделы программы' }).getByRole('link', { name: 'Подбор пар' }).click();
    const empty = page.getByTestId('matching-empty');
    await empty.waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('matching-status').innerText()).toBe('Подбор завершён: подходящих пар не нашлось.');
    const text = await empty.innerText();
    expect(text).toContain('В базе программы нет наставляемых с действующим согласием.');
    expect(text).toContain('В базе программы нет наставников с действующим согласием.');
    await shot('07-matching-empty');
    await empty.getByRole('link', { name: 'Загрузить базу наставляемых' }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/\/programmes\/[0-9a-f-]{36}\/import$/);
    expect(errors).toEqual([]);
  });
});
