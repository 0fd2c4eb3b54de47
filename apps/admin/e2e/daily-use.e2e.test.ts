/**
 * Daily use (issue 15): what the demo roles found by using the product day to day — one stack for
 * all of it. Screenshots go to test-results/daily-use-*.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { journey, launchBrowser, logIn, logOut, mainText, screenshot, startTestStack, walkMainPages, type Browser, type TestStack } from './support';

let stack: TestStack;
let browser: Browser | undefined;
let page: Page;
let signedIn = false;
const step = journey('daily-use', () => page);
// Layout checks: their own journey, so a broken step above does not skip them.
const layoutStep = journey('daily-use-layout', () => page);

const nav = () => page.getByRole('navigation', { name: 'Разделы' });
const shot = (name: string) => screenshot(page, `daily-use-${name}`);

async function as(username: string): Promise<void> {
  if (signedIn) await logOut(page);
  else await page.goto(stack.adminUrl);
  await logIn(page, stack.adminOrigin, username);
  signedIn = true;
}

/** Words of the textareas in tables wider than the room they have (the browser would break them mid-letter). */
async function wordsTooWideForTheirCell(): Promise<string[]> {
  return page.evaluate(() => {
    const context = document.createElement('canvas').getContext('2d')!;
    const cut: string[] = [];
    for (const area of document.querySelectorAll<HTMLTextAreaElement>('main table textarea')) {
      const style = getComputedStyle(area);
      context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const room = area.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      for (const word of area.value.split(/\s+/)) if (word && context.measureText(word).width > room + 0.5) cut.push(word);
    }
    return cut;
  });
}

/** Words of table cells the page shows on two lines (split mid-letter). */
async function wordsSplitInTables(): Promise<string[]> {
  return page.evaluate(() => {
    const split: string[] = [];
    const walker = document.createTreeWalker(document.querySelector('main')!, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement?.closest('td, th')) continue;
      for (const match of (node.textContent ?? '').matchAll(/[А-Яа-яЁёA-Za-z]{4,}/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top)));
        if (lines.size > 1) split.push(match[0]);
      }
    }
    return split;
  });
}

/** How far the table sticks out of its frame (px; 0 — it fits). */
async function tableOverflow(testId: string): Promise<number> {
  return page.getByTestId(testId).evaluate((table) => {
    const frame = table.closest('.table-wrap') ?? table.parentElement!;
    return Math.max(0, Math.round(table.getBoundingClientRect().right - frame.getBoundingClientRect().right));
  });
}

/** On the current page: how much wider than the screen it is (px), and whether the header's user block covers the product's name. */
async function phoneLayout(): Promise<{ over: number; headerOverlap: boolean }> {
  return page.evaluate(() => {
    const brand = document.querySelector('.brand-name')?.getBoundingClientRect();
    const others = [...document.querySelectorAll('.user-text, .logout')].map((e) => e.getBoundingClientRect());
    const meets = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    return {
      over: Math.max(0, document.documentElement.scrollWidth - window.innerWidth),
      headerOverlap: !!brand && others.some((box) => meets(brand, box)),
    };
  });
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
  step(
    'leaving a half-filled form asks first: «Остаться» keeps the input, «Уйти без сохранения» leaves, the form’s «Отмена» leaves without asking',
    async () => {
      await as('gimnaziya.curator');
      await open('/programmes/new', 'Новая программа');
      const name = page.getByRole('main').getByRole('textbox', { name: /^Название/ });
      await name.fill('Программа, которую жалко потерять');
      await nav().getByRole('link', { name: 'Дорожные карты' }).click();
      const prompt = page.getByRole('dialog', { name: 'Уйти со страницы?' });
      await prompt.waitFor();
      await shot('02b-leave-prompt');
      await prompt.getByRole('button', { name: 'Остаться' }).click();
      await prompt.waitFor({ state: 'detached' });
      expect(new URL(page.url()).pathname).toBe('/programmes/new');
      expect(await name.inputValue()).toBe('Программа, которую жалко потерять');

      await nav().getByRole('link', { name: 'Дорожные карты' }).click();
      await prompt.getByRole('button', { name: 'Уйти без сохранения' }).click();
      await page.getByRole('heading', { level: 1, name: 'Дорожные карты' }).waitFor();

      // The form's own «Отмена» is the user's answer already; an untouched form never asks.
      await open('/programmes/new', 'Новая программа');
      await nav().getByRole('link', { name: 'Программы' }).click();
      await page.getByRole('heading', { level: 1, name: 'Программы наставничества' }).waitFor();
      await open('/programmes/new', 'Новая программа');
      await name.fill('Передумали');
      await page.getByRole('link', { name: 'Отмена' }).click();
      await page.getByRole('heading', { level: 1, name: 'Программы наставничества' }).waitFor();
      expect(await prompt.count()).toBe(0);
    },
  );

  step('a form names every problem at once, in the API’s words, and counts a limited text while typing', async () => {
    await open('/programmes/new', 'Новая программа');
    const main = page.getByRole('main');
    await main.getByRole('button', { name: 'Создать программу' }).click();
    // Each message beside its field (the field's description), all four after one click.
    const described = async (name: RegExp) => {
      const ids = (await main.getByRole('combobox', { name }).or(main.getByRole('textbox', { name })).first().getAttribute('aria-describedby')) ?? '';
      const texts = await Promise.all(
        ids
          .split(' ')
          .filter(Boolean)
          .map((id) => page.locator(`[id="${id}"]`).innerText()),
      );
      return texts.join(' | ');
    };
    await expect.poll(() => described(/^Название/)).toContain('Название программы: поле обязательно');
    expect(await described(/^Форма наставничества/)).toContain('Формы наставничества: выберите хотя бы одну');
    // The dates are React Aria date fields (segments, not one textbox): their messages stand beside them.
    await main.getByText('Начало программы: укажите дату').waitFor();
    await main.getByText('Окончание программы: укажите дату').waitFor();
    const name = main.getByRole('textbox', { name: /^Название/ });
    expect(await described(/^Название/)).toContain('0 из 300 символов');
    await name.fill('я'.repeat(301));
    expect(await described(/^Название/)).toContain('301 из 300 символов');
    await shot('02c-all-errors-at-once');
    await main.getByRole('link', { name: 'Отмена' }).click();
    await page.getByRole('heading', { level: 1, name: 'Программы наставничества' }).waitFor();
  });

  layoutStep('words in the roadmap editor fit their columns at 1280 px (a guard: no «педагогическог о»)', async () => {
    await as('gimnaziya.curator');
    await open('/roadmaps', 'Дорожные карты');
    const row = page.getByTestId('campaigns-table').getByRole('row').filter({ hasText: '2025/2026' });
    const create = row.getByRole('link', { name: 'Создать дорожную карту' });
    if (await create.count()) {
      await create.first().click();
      await page.getByRole('heading', { level: 1, name: 'Создать дорожную карту' }).waitFor();
      await page.getByLabel('Название программы наставничества').fill('Вместе');
      await page.getByRole('button', { name: 'Создать дорожную карту' }).click();
    } else {
      await row.getByRole('link', { name: 'Открыть дорожную карту' }).first().click();
    }
    await page.getByTestId('roadmap-editor').waitFor();
    await expect.poll(() => page.locator('main table textarea').count()).toBeGreaterThan(10);
    await shot('03-editor-1280');
    expect(await wordsTooWideForTheirCell()).toEqual([]);
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');
  });

  layoutStep('the district’s monitoring table fits its frame at 1280 px; no word is split in it', async () => {
    await as('sibay.officer');
    await open('/monitoring/district', 'Показатели муниципалитета');
    await page.getByTestId('district-dashboard').waitFor();
    await shot('04-district-monitoring-1280');
    expect(await tableOverflow('district-dashboard')).toBe(0);
    expect(await wordsSplitInTables()).toEqual([]);
  });

  layoutStep('the dashboard’s «данные на …» is Moscow time, named «(МСК)», as in the exported files — not the browser’s zone', async () => {
    const before = Date.now();
    await page.getByRole('button', { name: 'Обновить сводку' }).click();
    const shown = page.getByTestId('district-as-of');
    await expect.poll(() => shown.innerText(), { timeout: 30_000 }).toMatch(/\(МСК\)/);
    const text = await shown.innerText();
    const match = /(\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2}) \(МСК\)/.exec(text);
    expect(match, text).not.toBeNull();
    const [, dd, mm, yyyy, hh, min] = match!.map(Number);
    // Moscow is UTC+3 all year round; the browser here runs in another zone (UTC).
    expect(Math.abs(Date.UTC(yyyy!, mm! - 1, dd!, hh! - 3, min!) - before)).toBeLessThan(3 * 60_000);
  });

  layoutStep('every main page fits a phone (390 px): none wider than the screen, the user’s name not over the product’s', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const problems: string[] = [];
    let pages = 0;
    try {
      for (const username of ['gimnaziya.curator', 'gimnaziya.director', 'sibay.officer', 'rnc.bashkortostan', 'gimnaziya.mentee', 'partner.admin']) {
        await as(username);
        pages += await walkMainPages(page, stack.adminOrigin, async (path) => {
          const layout = await phoneLayout();
          if (layout.over > 0) problems.push(`${username} ${path}: ${layout.over} px wider than the screen`);
          if (layout.headerOverlap) problems.push(`${username} ${path}: the user's name covers the product's`);
        });
        if (username === 'gimnaziya.curator') await shot('06-curator-phone');
      }
      // The school's public page: styled for the screen (not the browser's default serif), its
      // roadmap table scrolling inside its own frame.
      await page.goto(`${stack.adminOrigin}/public/schools/sibay/gimnaziya.html`);
      await page.getByRole('heading', { level: 1, name: /Наставничество/ }).waitFor();
      pages++;
      const publicPage = await phoneLayout();
      if (publicPage.over > 0) problems.push(`the public school page: ${publicPage.over} px wider than the screen`);
      expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toMatch(/system-ui/);
      await shot('07-public-page-phone');
      // Back to the admin, still signed in, for the steps after this one.
      await page.goto(stack.adminUrl);
      await nav().waitFor();
    } finally {
      await page.setViewportSize({ width: 1280, height: 860 });
    }
    expect(problems).toEqual([]);
    expect(pages, 'pages looked at').toBeGreaterThan(30);
  });

  layoutStep('the region’s monitoring table fits its frame at 1280 px', async () => {
    await as('rnc.bashkortostan');
    await open('/monitoring/region', /Показатели/);
    await page.getByTestId('region-dashboard').waitFor();
    await shot('05-region-monitoring-1280');
    expect(await tableOverflow('region-dashboard')).toBe(0);
    expect(await wordsSplitInTables()).toEqual([]);
  });
});
