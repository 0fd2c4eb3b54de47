/**
 * Work that moves (issue 15): the district reminds a school that has not submitted its roadmap
 * (one row and the selected rows at once), the school finds the reminder in its inbox, and a
 * review remark is answered, resolved and reopened. Screenshots go to test-results/work-moves-*.png.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { dateText, fillDate, journey, launchBrowser, logIn, logOut, screenshot, startTestStack, type Browser, type TestStack } from './support';

let stack: TestStack;
let browser: Browser | undefined;
let page: Page;
let signedIn = false;
let roadmapPath = '';
let campaignPath = '';
const step = journey('work-moves', () => page);

const nav = () => page.getByRole('navigation', { name: 'Разделы' });
const shot = (name: string) => screenshot(page, `work-moves-${name}`);
const stateLine = () => page.getByTestId('revision-state');

async function as(username: string): Promise<void> {
  if (signedIn) await logOut(page);
  else await page.goto(stack.adminUrl);
  await logIn(page, stack.adminOrigin, username);
  signedIn = true;
}

async function open(path: string): Promise<void> {
  await page.goto(new URL(path, stack.adminOrigin).href);
  await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 120_000 });
  await page.waitForFunction(() => !document.querySelector('main .loading'), undefined, { timeout: 60_000 });
}

/** Takes an action of the revision through its confirmation dialog. */
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

const gymnasiumRow = () => page.getByTestId('campaign-schools').getByRole('row').filter({ hasText: 'Гимназия' });

describe('work that moves: reminders, bulk selection, comment threads', () => {
  beforeAll(async () => {
    stack = await startTestStack();
    browser = await launchBrowser();
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  step('the curator starts changing the gymnasium’s roadmap and sends it to the director (not submitted to the district)', async () => {
    await as('gimnaziya.curator');
    await open('/roadmaps');
    await page.getByRole('link', { name: 'Открыть дорожную карту' }).first().click();
    await stateLine().waitFor();
    roadmapPath = new URL(page.url()).pathname;
    for (const button of ['Внести изменения', 'Отправить директору']) await decide(button);
    await expectState('На утверждении у директора');
  });

  step('the officer finds the overdue gymnasium on its campaign page, selects all and reminds them; a second reminder is refused', async () => {
    await as('sibay.officer');
    await open('/roadmaps');
    await page.locator('main a[href*="/roadmaps/campaigns/"]').first().waitFor();
    const campaigns = await page
      .locator('main a[href*="/roadmaps/campaigns/"]')
      .evaluateAll((links) => [...new Set(links.map((a) => (a as HTMLAnchorElement).pathname))]);
    for (const path of campaigns.filter((p) => !p.endsWith('/new'))) {
      await open(path);
      await page.getByTestId('campaign-schools').waitFor();
      if (
        await gymnasiumRow()
          .getByRole('button', { name: /^Напомнить:/ })
          .count()
      ) {
        campaignPath = path;
        break;
      }
    }
    expect(campaignPath, 'a campaign where the gymnasium can be reminded').not.toBe('');
    expect(await gymnasiumRow().getAttribute('class')).toContain('row-overdue');
    expect(await gymnasiumRow().innerText()).toContain('просрочено');

    // «Выбрать все» ticks every school that can be reminded; the bar counts them.
    const remindable = await page
      .getByTestId('campaign-schools')
      .getByRole('button', { name: /^Напомнить:/ })
      .count();
    await page.getByRole('checkbox', { name: 'Выбрать все' }).check();
    const bar = page.getByRole('region', { name: 'Действия с выбранными' });
    await bar.getByText(`Выбрано: ${remindable}`).waitFor();
    await shot('01-selected');
    await bar.getByRole('button', { name: 'Напомнить выбранным' }).click();
    await page.getByText(/Напоминание записано/).waitFor();
    await bar.waitFor({ state: 'detached' });
    await expect
      .poll(() => gymnasiumRow().innerText(), { timeout: 30_000 })
      .toMatch(/Напомнено \d\d\.\d\d\.\d{4} в \d\d:\d\d \(МСК(\+\d+)?\), Ильясова Г\. Р\./);
    await shot('02-reminded');

    // Again within the hour: refused, nothing recorded, the reason beside the row.
    await gymnasiumRow()
      .getByRole('button', { name: /^Напомнить:/ })
      .click();
    await page.getByText(/^Ничего не сделано: 1 из 1/).waitFor();
    expect(await gymnasiumRow().innerText()).toMatch(/Уже напомнили .*; повторить можно после /);
    await shot('03-refused');
  });

  step('the gymnasium’s curator sees the reminder in the inbox', async () => {
    await as('gimnaziya.curator');
    await nav()
      .getByRole('link', { name: /Входящие/ })
      .click();
    const section = page.getByRole('region', { name: /Напоминания о сроках/ });
    await section.waitFor({ timeout: 60_000 });
    const text = await section.innerText();
    expect(text).toMatch(/Управление образования напомнило о сроке: Дорожные карты на \d{4}\/\d{4} учебный год — до \d\d\.\d\d\.\d{4}/);
    expect(text).toContain('Галина Рашитовна Ильясова');
    await shot('04-school-inbox');
    await section.getByRole('link').first().click();
    await page.getByTestId('campaign-schools').waitFor();
    expect(new URL(page.url()).pathname).toBe(campaignPath);
  });

  step('the curator ticks two mentees of «Вместе» and adds a tag to both at once', async () => {
    await nav().getByRole('link', { name: 'Программы' }).click();
    await page.getByRole('heading', { level: 1, name: 'Программы наставничества' }).waitFor();
    await page.getByTestId('programmes-table').getByRole('link', { name: 'Вместе', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Вместе' }).waitFor();
    await page.getByRole('navigation', { name: 'Разделы программы' }).getByRole('link', { name: 'Наставляемые' }).click();
    const table = page.getByTestId('participants-mentee');
    await table.waitFor();
    const ticks = table.getByRole('checkbox', { name: /^Выбрать: / });
    const rows = [ticks.nth(0), ticks.nth(1)];
    const names = await Promise.all(rows.map(async (tick) => (await tick.getAttribute('aria-label'))!.replace('Выбрать: ', '')));
    const rowOf = (name: string) => table.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
    const before = await Promise.all(names.map((name) => rowOf(name).innerText()));
    for (const tick of rows) await tick.check();
    const bar = page.getByRole('region', { name: 'Действия с выбранными' });
    await bar.getByText('Выбрано: 2').waitFor();
    await bar.getByLabel('Метки для выбранных').fill('шахматы');
    await shot('05a-participants-selected');
    await bar.getByRole('button', { name: 'Добавить метки' }).click();
    await page.getByText('Метки добавлены: 2 участникам.').waitFor();
    await bar.waitFor({ state: 'detached' });
    for (const [index, name] of names.entries()) await expect.poll(() => rowOf(name).innerText(), { timeout: 30_000 }).not.toBe(before[index]);
  });

  step('the director approves; the officer leaves a remark on the whole roadmap', async () => {
    await as('gimnaziya.director');
    await open(roadmapPath);
    await decide('Утвердить', async (form) => {
      await form.getByLabel('Номер приказа об утверждении').fill('77');
      // The order is dated as the УТВЕРЖДАЮ block (React Aria date fields: typed segments).
      await fillDate(form, 'Дата приказа', await dateText(form, 'Дата'));
    });
    await expectState('Направлена на согласование');

    await as('sibay.officer');
    await open(roadmapPath);
    await decide('Замечание ко всей карте', (form) => form.getByLabel('Комментарий').fill('Добавьте мероприятие по адаптации молодых педагогов'));
    await page.getByTestId('open-comments').getByText('Открытых замечаний: 1').waitFor();
  });

  step('the curator replies to the remark and marks it resolved; it folds to «Решено: …»', async () => {
    await as('gimnaziya.curator');
    await open(roadmapPath);
    const panel = page.getByRole('region', { name: 'Замечания к дорожной карте' });
    const remark = panel.getByTestId('comment').filter({ hasText: 'Добавьте мероприятие по адаптации молодых педагогов' });
    await remark.getByRole('button', { name: 'Ответить' }).click();
    await remark.getByLabel('Ответ на замечание').fill('Добавили мероприятие 2.4 в новой редакции');
    await remark.getByRole('button', { name: 'Отправить ответ' }).click();
    await remark.getByText('Добавили мероприятие 2.4 в новой редакции').waitFor();
    await shot('05-replied');
    await remark.getByRole('button', { name: 'Отметить решённым' }).click();
    await page.getByTestId('open-comments').getByText('Открытых замечаний нет').waitFor();
    await remark.getByText(/^Решено: .+, \d\d\.\d\d\.\d{4}/).waitFor();
    // Folded: the reply is out of sight until opened.
    expect(await remark.getByText('Добавили мероприятие 2.4 в новой редакции').isVisible()).toBe(false);
    expect(await remark.getByRole('button', { name: 'Вернуть в работу' }).count()).toBe(0);
    await shot('06-resolved');
  });

  step('the officer opens the resolved remark, reads the reply and reopens it', async () => {
    await as('sibay.officer');
    await open(roadmapPath);
    const remark = page.getByTestId('comment').filter({ hasText: 'Добавьте мероприятие по адаптации молодых педагогов' });
    await remark.getByText(/^Решено:/).click();
    await remark.getByText('Добавили мероприятие 2.4 в новой редакции').waitFor();
    await remark.getByRole('button', { name: 'Вернуть в работу' }).click();
    await page.getByTestId('open-comments').getByText('Открытых замечаний: 1').waitFor();
    await remark.getByRole('button', { name: 'Ответить' }).waitFor();
    await shot('07-reopened');
  });
});
