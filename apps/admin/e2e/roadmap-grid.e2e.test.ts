/**
 * The roadmap editor as a grid (issue 15, item 5), in the browser as the gymnasium's curator:
 * moving between cells with the keys, rows added below (Ctrl+Enter), moved (Alt+↑/↓), removed and
 * brought back; rows pasted from Excel (a real paste event carrying Excel's tab-separated text with a
 * heading row and a quoted multi-line cell) and from Word (an HTML table); the draft saved to the
 * server as the curator types, offered back on another device (a fresh browser profile) and saved
 * there as the revision; the grid at 390 px scrolls inside its frame.
 */
import { academicYearOf } from '@nastavnik/domain';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { expectLoginPage, journey, launchBrowser, logIn, screenshot, startTestStack, type Browser, type TestStack } from './support';

let stack: TestStack;
let browser: Browser | undefined;
let device2: Browser | undefined;
let page: Page;
/** The page a failed step is reported on: the second device's once it is open. */
let shown: Page | undefined;
const step = journey('roadmap-grid', () => shown ?? page);
let roadmapUrl = '';
const errors: string[] = [];

const startYear = Number(academicYearOf(new Date()).slice(0, 4));
const cellOn = (on: Page, column: string, number: string) => on.getByLabel(`${column}, мероприятие ${number}`, { exact: true });
const cell = (column: string, number: string) => cellOn(page, column, number);
/** The `data-cell` of the focused element: `<row uid>:<field>`. */
const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-cell') ?? null);
const activityCells = (on: Page = page) => on.locator('textarea[data-cell$=":activity"]');
const activities = (on: Page = page) => activityCells(on).evaluateAll((cells) => cells.map((c) => (c as HTMLTextAreaElement).value));
/**
 * Ctrl+Enter in `from`: a new row below it, waited for until the focus is in it. A pasted row is new
 * too (`new:<n>`), so the wait is for a row other than the one pressed in, not just any new one.
 */
async function addRowBelow(from: Locator): Promise<string> {
  await from.focus();
  const pressedIn = await focused();
  await page.keyboard.press('Control+Enter');
  await expect.poll(focused).not.toBe(pressedIn);
  const cell = await focused();
  expect(cell).toMatch(/^new:\d+:activity$/);
  return cell!;
}
const uidOf = async (locator: Locator) => ((await locator.getAttribute('data-cell')) ?? '').split(':').slice(0, -1).join(':');

/** A paste event as the browser fires it for Ctrl+V, with the clipboard's formats. */
async function paste(target: Locator, data: Record<string, string>): Promise<void> {
  await target.focus();
  await target.evaluate((element, formats) => {
    const transfer = new DataTransfer();
    for (const [type, value] of Object.entries(formats)) transfer.setData(type, value);
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, data);
}

/** Four rows copied from Excel: CRLF between rows, the multi-line cell and the one with quotes quoted, quotes doubled. */
const EXCEL_TSV = [
  '№\tМероприятие\tСроки\tОтветственные\tОжидаемый результат',
  `1.21\tСовещание наставников гимназии\tСентябрь ${startYear}\tИванова А.А.\tПротокол`,
  `1.22\t"Открытые уроки:\nматематика и физика"\tОктябрь ${startYear}\tПетров П.П.\t"Отчёт ""Уроки наставников"""`,
  `1.23\tИтоговая конференция\tСентябрь ${startYear + 2}\tСидорова С.С.\tСборник материалов`,
  '',
].join('\r\n');

/** A table copied from Word: a cell of two paragraphs (Word's plain text would split it into rows). */
const WORD_HTML = `<html><body><table><tr><td><p>Встреча с родителями</p><p>в актовом зале</p></td><td><p>Обсуждение программы</p></td></tr>
<tr><td><p>Анкетирование наставляемых</p></td><td><p>Опрос в конце года</p></td></tr></table></body></html>`;
const WORD_TEXT = 'Встреча с родителями\r\nв актовом зале\tОбсуждение программы\r\nАнкетирование наставляемых\tОпрос в конце года\r\n';

describe('the roadmap grid: keys, rows, paste from Excel and Word, the draft on the server', () => {
  beforeAll(async () => {
    stack = await startTestStack();
    browser = await launchBrowser();
    page = browser.page;
    page.on('pageerror', (error) => errors.push(String(error)));
  });

  afterAll(async () => {
    await device2?.close();
    await browser?.close();
    await stack?.stop();
  });

  step('1. the curator opens the gymnasium’s agreed roadmap and makes a new revision to edit', async () => {
    await page.goto(stack.adminUrl);
    await expectLoginPage(page);
    await logIn(page, stack.adminOrigin, 'gimnaziya.curator');
    await page.goto(new URL('/roadmaps', stack.adminOrigin).href);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.waitForFunction(() => !document.querySelector('main .loading'));
    const hrefs = await page
      .locator('main a')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? '').filter((href) => /^\/roadmaps\/[0-9a-f-]{36}$/.test(href)));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of [...new Set(hrefs)]) {
      await page.goto(new URL(href, stack.adminOrigin).href);
      const amend = page.getByRole('region', { name: 'Что можно сделать' }).getByRole('button', { name: 'Внести изменения', exact: true });
      await page.getByTestId('revision-state').waitFor();
      if ((await page.getByTestId('roadmap-editor').count()) > 0) break;
      if ((await amend.count()) === 0) continue;
      await amend.click();
      await page.getByRole('dialog').getByRole('button', { name: 'Внести изменения', exact: true }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      break;
    }
    await page.getByTestId('roadmap-editor').waitFor();
    roadmapUrl = page.url().split('?')[0]!;
    expect(await cell('Мероприятие', '1.1').count()).toBe(1);
  });

  step('2. the keys move between cells: ↓ ↑ by rows, → ← at the caret’s edge, Enter down', async () => {
    const first = cell('Мероприятие', '1.1');
    const firstRow = await uidOf(first);
    const secondRow = await uidOf(cell('Мероприятие', '1.2'));
    await first.focus();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe(`${secondRow}:activity`);
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowUp');
    expect(await focused()).toBe(`${firstRow}:activity`);
    // At the end of the text → goes to the next cell of the row; at its start ← comes back.
    await page.keyboard.press('Control+End');
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe(`${firstRow}:content`);
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowLeft');
    expect(await focused()).toBe(`${firstRow}:activity`);
    // Inside the text → moves the caret, not the focus.
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe(`${firstRow}:activity`);
    await page.keyboard.press('Enter');
    expect(await focused()).toBe(`${secondRow}:activity`);
    expect(await cell('Мероприятие', '1.1').inputValue()).not.toContain('\n');
  });

  step('3. Ctrl+Enter adds a row below, Alt+↓/↑ moves it, removing it can be taken back', async () => {
    const before = await activities();
    await addRowBelow(cell('Мероприятие', '1.1'));
    await page.keyboard.type('Новая строка таблицы');
    expect((await activities())[1]).toBe('Новая строка таблицы');
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(async () => (await activities())[2]).toBe('Новая строка таблицы');
    expect(await focused()).toMatch(/^new:\d+:activity$/);
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(async () => (await activities())[1]).toBe('Новая строка таблицы');
    // The row's buttons: its number is the suggested one after 1.1.
    const number = await page.locator(`textarea[data-cell="${(await focused())!.replace(/activity$/, 'number')}"]`).inputValue();
    await page
      .getByRole('button', { name: `Удалить мероприятие ${number}` })
      .first()
      .click();
    await page.getByText(`Удалено мероприятие: ${number}.`).waitFor();
    expect(await activities()).toEqual(before);
    await page.getByRole('button', { name: 'Отменить', exact: true }).click();
    await expect.poll(async () => (await activities())[1]).toBe('Новая строка таблицы');
    await page
      .getByRole('button', { name: `Удалить мероприятие ${number}` })
      .first()
      .click();
    await expect.poll(activities).toEqual(before);
  });

  step('4. rows pasted from Excel become items: columns by their headings, the multi-line cell whole', async () => {
    const stage = page.getByRole('region', { name: 'Раздел 1' });
    const count = await stage.locator('textarea[data-cell$=":activity"]').count();
    // An empty row at the end of the stage to paste into (its «№» cell).
    const added = await addRowBelow(stage.locator('textarea[data-cell$=":activity"]').last());
    const target = page.locator(`textarea[data-cell="${added.replace(/activity$/, 'number')}"]`);
    await paste(target, { 'text/plain': EXCEL_TSV });
    await page.getByText('Вставлены 3 строки.').waitFor();
    expect(await stage.locator('textarea[data-cell$=":activity"]').count()).toBe(count + 3);
    expect(await cell('Мероприятие', '1.21').inputValue()).toBe('Совещание наставников гимназии');
    expect(await cell('Мероприятие', '1.22').inputValue()).toBe('Открытые уроки:\nматематика и физика');
    expect(await cell('Срок', '1.22').inputValue()).toBe(`Октябрь ${startYear}`);
    expect(await cell('Ответственный', '1.22').inputValue()).toBe('Петров П.П.');
    expect(await cell('Результат / вид документа', '1.22').inputValue()).toBe('Отчёт "Уроки наставников"');
    expect(await cell('Результат / вид документа', '1.23').inputValue()).toBe('Сборник материалов');
    // The deadline as the platform reads it, under each pasted row; the one after the period is flagged.
    const cellOfRow = (column: string, number: string) => cell(column, number).locator('xpath=ancestor::td[1]');
    await cellOfRow('Срок', '1.22').getByText(`распознано: октябрь ${startYear}`).waitFor();
    await cellOfRow('Срок', '1.23')
      .getByText(/Срок: вне периода дорожной карты/)
      .waitFor();
    await screenshot(page, 'roadmap-grid-01-pasted-from-excel', { fullPage: false });
  });

  step('5. a table pasted from Word (HTML) keeps a cell of two paragraphs whole', async () => {
    const added = await addRowBelow(cell('Мероприятие', '1.23'));
    await paste(page.locator(`textarea[data-cell="${added}"]`), { 'text/plain': WORD_TEXT, 'text/html': WORD_HTML });
    await page.getByText('Вставлены 2 строки.').waitFor();
    // Into the new row below 1.23, not over 1.23 itself.
    expect(await cell('Мероприятие', '1.23').inputValue()).toBe('Итоговая конференция');
    const values = await activities();
    const at = values.indexOf('Встреча с родителями\nв актовом зале');
    expect(at).toBeGreaterThan(0);
    expect(values[at + 1]).toBe('Анкетирование наставляемых');
  });

  step('6. the draft goes to the server by itself; a fresh browser (another device) is offered it and saves it as the revision', async () => {
    await page.getByText(/Черновик сохранён в \d{2}:\d{2}/).waitFor({ timeout: 30_000 });
    device2 = await launchBrowser();
    const other = device2.page;
    shown = other;
    other.on('pageerror', (error) => errors.push(String(error)));
    await other.goto(stack.adminUrl);
    await expectLoginPage(other);
    await logIn(other, stack.adminOrigin, 'gimnaziya.curator');
    await other.goto(roadmapUrl);
    await other.getByTestId('roadmap-editor').waitFor();
    await other.getByText('Найдены несохранённые изменения').waitFor();
    await other.getByText(/На сервере сохранены ваши изменения/).waitFor();
    await other.getByRole('button', { name: 'Восстановить мои изменения' }).click();
    await expect.poll(() => cellOn(other, 'Мероприятие', '1.22').inputValue()).toBe('Открытые уроки:\nматематика и физика');
    expect(await activities(other)).toContain('Встреча с родителями\nв актовом зале');
    const rows = (await activities(other)).length;
    // A row added and left empty is not an item: the save leaves it out and says so.
    await activityCells(other).last().focus();
    await other.keyboard.press('Control+Enter');
    await expect.poll(async () => (await activities(other)).length).toBe(rows + 1);
    // Each row its own uid, the restored rows of the other device and the one added here.
    const uids = await activityCells(other).evaluateAll((cells) => cells.map((c) => c.getAttribute('data-cell')));
    expect(new Set(uids).size).toBe(uids.length);
    await other.getByRole('button', { name: 'Сохранить черновик' }).click();
    await other.getByText('Черновик сохранён. Пустая строка (1) не сохранена: в ней ничего не было введено.').waitFor();
    expect(await activities(other)).toHaveLength(rows);
    // Saved as the revision: after a reload the rows are there and nothing is offered any more.
    await other.reload();
    await other.getByTestId('roadmap-editor').waitFor();
    expect(await cellOn(other, 'Мероприятие', '1.22').inputValue()).toBe('Открытые уроки:\nматематика и физика');
    expect(await cellOn(other, 'Ответственный', '1.23').inputValue()).toBe('Сидорова С.С.');
    await other.waitForTimeout(1500);
    expect(await other.getByText('Найдены несохранённые изменения').count()).toBe(0);
  });

  step('7. at 390 px the grid scrolls inside its own frame, the page does not', async () => {
    const other = device2!.page;
    await other.setViewportSize({ width: 390, height: 844 });
    await other.reload();
    await other.getByTestId('roadmap-editor').waitFor();
    const layout = await other.evaluate(() => {
      const wrap = document.querySelector('.editor-grid-wrap');
      return {
        over: document.documentElement.scrollWidth - window.innerWidth,
        wrapScrolls: !!wrap && wrap.scrollWidth > wrap.clientWidth && getComputedStyle(wrap).overflowX !== 'visible',
      };
    });
    expect(layout.over).toBeLessThanOrEqual(0);
    expect(layout.wrapScrolls).toBe(true);
    await screenshot(other, 'roadmap-grid-02-phone', { fullPage: false });
    expect(errors).toEqual([]);
  });
});
