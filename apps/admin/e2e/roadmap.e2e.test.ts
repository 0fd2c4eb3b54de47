/**
 * The roadmap journey of issue 3 (steps 1–6) in the browser, driven by four people of Sibay: the
 * district officer opens a campaign; the gymnasium's curator drafts the roadmap from the template,
 * edits it (a validation error and a lost connection lose nothing) and sends it to the director;
 * the director approves it (УТВЕРЖДАЮ with the order); the officer comments on an item and returns
 * it; the curator sees the comment, makes a new revision and resends it; the director approves
 * again, the officer recommends, the head agrees (СОГЛАСОВАНО); the curator marks an item done with
 * evidence (a file too); the revisions compare; the campaign page shows «согласована».
 * Screenshots of the key steps go to test-results/ (roadmap-*.png).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { academicYearOf } from '@nastavnik/domain';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import {
  expectLoginPage,
  journey,
  launchBrowser,
  logIn,
  logOut,
  mainText,
  RESULTS_DIR,
  screenshot,
  startTestStack,
  type Browser,
  type TestStack,
  fillDate,
  dateText,
  letterTo,
} from './support';

let stack: TestStack;
let browser: Browser | undefined;
let page: Page;
const step = journey('roadmap', () => page);
let roadmapUrl = '';
let campaignUrl = '';
const errors: string[] = [];

const year = academicYearOf(new Date());
const startYear = Number(year.slice(0, 4));
const campaignTitle = `Дорожные карты на ${year} учебный год`;
const dueDate = `20.12.${startYear}`;
const ruDate = (date: Date) => `${String(date.getDate()).padStart(2, '0')}.${String(date.getMonth() + 1).padStart(2, '0')}.${date.getFullYear()}`;
/** A deadline three days ahead: it shows in the curator's inbox once the roadmap is in force. */
const soon = ruDate(new Date(Date.now() + 3 * 24 * 60 * 60 * 1000));

const nav = () => page.getByRole('navigation', { name: 'Разделы' });
const dialog = () => page.getByRole('dialog');
const cell = (column: string, number: string) => page.getByLabel(`${column}, мероприятие ${number}`, { exact: true });
const stateLine = () => page.getByTestId('revision-state');
const shot = (name: string) => screenshot(page, `roadmap-${name}`);
/** What the user sees with `target` in view (long pages: the part that matters). */
async function shotAt(target: Locator, name: string): Promise<void> {
  await target.evaluate((element) => element.scrollIntoView({ block: 'center' }));
  await screenshot(page, `roadmap-${name}`, { fullPage: false });
}

let signedIn = false;

/** Logs out whoever is signed in and logs `username` in. */
async function as(username: string): Promise<void> {
  if (signedIn) await logOut(page);
  await logIn(page, stack.adminOrigin, username);
  signedIn = true;
}

/** Opens the roadmap from the inbox list `list` («На утверждение», …) — as a person with no training would. */
async function openFromInbox(list: string, screenshotName?: string): Promise<void> {
  await nav()
    .getByRole('link', { name: /Входящие/ })
    .click();
  await page.getByRole('heading', { level: 1, name: 'Входящие' }).waitFor();
  const section = page.getByRole('region', { name: new RegExp(list) });
  await section.waitFor();
  if (screenshotName) await shot(screenshotName);
  // This journey's roadmap (a stack reused with E2E_ADMIN_URL may hold others of the school).
  await section
    .getByRole('listitem')
    .filter({ hasText: 'МОБУ «Гимназия»' })
    .locator(`a[href^="${new URL(roadmapUrl).pathname}"]`)
    .click();
  await page.getByTestId('revision-state').waitFor();
  roadmapUrl = page.url().split('?')[0]!;
}

async function decide(button: string, fill?: (form: Locator) => Promise<void>): Promise<void> {
  await page.getByRole('region', { name: 'Что можно сделать' }).getByRole('button', { name: button, exact: true }).click();
  const form = dialog();
  await form.waitFor();
  await fill?.(form);
  await form.getByRole('button', { name: button, exact: true }).click();
  await form.waitFor({ state: 'detached' });
}

async function expectState(label: string): Promise<void> {
  await expect.poll(() => stateLine().innerText(), { timeout: 30_000 }).toContain(label);
}

describe('roadmap journey: campaign → draft → director → district → new revision → agreed → execution', () => {
  beforeAll(async () => {
    stack = await startTestStack();
    browser = await launchBrowser();
    page = browser.page;
    page.on('pageerror', (error) => {
      errors.push(String(error));
      console.error('page error:', error);
    });
    page.on('console', (message) => {
      if (message.type() === 'error' && !/Failed to load resource|ERR_INTERNET_DISCONNECTED|net::/.test(message.text())) errors.push(message.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  step('1. the district officer opens a campaign for chosen schools', async () => {
    await page.goto(stack.adminUrl);
    await expectLoginPage(page);
    await as('sibay.officer');
    await nav().getByRole('link', { name: 'Дорожные карты' }).click();
    await page.getByRole('heading', { level: 1, name: 'Дорожные карты' }).waitFor();
    await page.getByRole('link', { name: 'Открыть кампанию' }).click();
    await page.getByRole('heading', { level: 1, name: 'Открыть кампанию' }).waitFor();
    expect(await page.getByLabel('Учебный год').inputValue()).toBe(year);
    expect(await page.getByLabel('Название кампании').inputValue()).toBe(campaignTitle);

    // A half-typed date is caught beside the field, with every other problem at once; what was typed stays.
    await fillDate(page, 'Срок представления дорожных карт', '20.12');
    await page.getByLabel('Название кампании').fill(' ');
    await page.getByRole('button', { name: 'Открыть кампанию' }).click();
    await page.getByText('укажите дату в формате ДД.ММ.ГГГГ').waitFor();
    await page.getByText('Название кампании: поле обязательно').waitFor();
    expect(await dateText(page, 'Срок представления дорожных карт')).toBe('20.12.гггг');
    await page.getByLabel('Название кампании').fill(campaignTitle);

    await fillDate(page, 'Срок представления дорожных карт', dueDate);
    await page.getByLabel('Для выбранных организаций').check();
    await page.getByLabel('МОБУ «Гимназия»').check();
    await page.getByLabel('МОБУ «СОШ № 4»').check();
    await shot('01-campaign-form');
    await page.getByRole('button', { name: 'Открыть кампанию' }).click();

    await page.getByRole('heading', { level: 1, name: campaignTitle }).waitFor();
    campaignUrl = page.url().split('?')[0]!;
    await page.getByText(`Кампания «${campaignTitle}» открыта`).waitFor();
    const schools = page.getByTestId('campaign-schools');
    await expect.poll(() => schools.innerText()).toMatch(/МОБУ «Гимназия»[\s\S]*не начата/);
    expect(await page.getByTestId('campaign-counts').innerText()).toMatch(/Все\s*2/);
    await shot('02-campaign-page');
  });

  step('2. the curator creates the roadmap from the template, edits, keeps typed values on errors, saves', async () => {
    await as('gimnaziya.curator');
    // The campaign is on the school's home page, with the next step.
    const campaigns = page.getByTestId('campaigns-table');
    const row = campaigns
      .getByRole('row')
      .filter({ hasText: campaignTitle })
      .filter({ has: page.getByRole('link', { name: 'Создать дорожную карту' }) });
    await row.getByText('не начата').first().waitFor();
    await shot('03-curator-home');
    await row.getByRole('link', { name: 'Создать дорожную карту' }).first().click();

    await page.getByRole('heading', { level: 1, name: 'Создать дорожную карту' }).waitFor();
    expect(await page.getByLabel('Из типовой дорожной карты').isChecked()).toBe(true);
    await page.getByLabel('Название программы наставничества').fill('Вместе');
    expect(await dateText(page, 'Начало периода')).toBe(`01.09.${startYear}`);
    await page.getByRole('button', { name: 'Создать дорожную карту' }).click();

    await page.getByTestId('roadmap-editor').waitFor();
    roadmapUrl = page.url().split('?')[0]!;
    await expectState('Черновик');
    await page.getByRole('heading', { level: 1, name: /«Вместе»/ }).waitFor();
    expect(await cell('Мероприятие', '1.1').inputValue()).toContain('Издание приказов');

    // The deadline as the platform reads it, under the cell; an unreadable one gets a gentle warning.
    await cell('Срок', '1.1').fill(`до 15.10.${startYear}`);
    await page.getByText(`распознано: до 15.10.${startYear}`).waitFor();
    await cell('Срок', '1.2').fill('когда-нибудь потом');
    await page.getByText('срок не распознан').first().waitFor();
    // A deadline after the period is read, and the user is told it leaves the period's monitoring.
    await cell('Срок', '1.2').fill(`Сентябрь ${startYear + 1}, ${startYear + 2}`);
    await page.getByText(/Срок: вне периода дорожной карты \(01\.09\.\d{4}–31\.08\.\d{4}\) — мероприятие не попадёт в мониторинг/).waitFor();
    await cell('Срок', '1.2').fill('Сентябрь');
    expect(await page.getByText(/вне периода дорожной карты/).count()).toBe(0);
    await cell('Ответственный', '1.1').fill('И.И. Варламова, директор');

    // A new item at the end of the first stage, then moved up one place.
    const stage = page.getByRole('region', { name: 'Раздел 1' });
    await stage.getByRole('button', { name: 'Добавить мероприятие' }).click();
    await cell('№ п/п', '1.5').waitFor();
    await cell('Срок', '1.5').fill(`до 30.09.${startYear}`);
    await cell('Результат / вид документа', '1.5').fill('Протокол');
    await page.getByRole('button', { name: 'Переместить мероприятие 1.5 выше' }).click();

    // Saving without the activity: the error is beside the cell, nothing typed is lost.
    await page.getByRole('button', { name: 'Сохранить черновик' }).click();
    await page.getByText('Мероприятие: поле обязательно').waitFor();
    await page.getByText(/Не сохранено: 1 ошибка/).waitFor();
    expect(await cell('Срок', '1.5').inputValue()).toBe(`до 30.09.${startYear}`);
    expect(await cell('Ответственный', '1.1').inputValue()).toBe('И.И. Варламова, директор');
    await shotAt(cell('Мероприятие', '1.5'), '04-editor-validation');

    await cell('Мероприятие', '1.5').fill('Заседание педагогического совета о запуске программы');
    // The connection drops while saving: the draft stays on screen and on this device…
    // (the server draft's autosave goes down with it: a dropped connection drops every request).
    await page.route('**/graphql', (route) =>
      /SaveRoadmap(Revision|Draft)/.test(route.request().postData() ?? '') ? route.abort('internetdisconnected') : route.continue(),
    );
    await page.getByRole('button', { name: 'Сохранить черновик' }).click();
    await page.getByText(/Нет связи с сервером/).waitFor();
    await page.getByText(/Копия сохранена на этом устройстве/).waitFor();
    await page.unroute('**/graphql');
    // A last change typed just before leaving is kept too (the copy is written as the page goes)…
    await cell('Результат / вид документа', '1.5').fill('Протокол педагогического совета');
    // …and after a reload it is all offered back.
    await page.reload();
    await page.getByText('Найдены несохранённые изменения').waitFor();
    await screenshot(page, 'roadmap-05-editor-restore', { fullPage: false });
    await page.getByRole('button', { name: 'Восстановить мои изменения' }).click();
    await page.getByText('Найдены несохранённые изменения').waitFor({ state: 'detached' });
    await expect.poll(() => cell('Мероприятие', '1.5').inputValue(), { timeout: 15_000 }).toBe('Заседание педагогического совета о запуске программы');
    expect(await cell('Результат / вид документа', '1.5').inputValue()).toBe('Протокол педагогического совета');

    await page.getByRole('button', { name: 'Сохранить черновик' }).click();
    await page.getByText('Черновик сохранён.').waitFor();
    // Saved in the order shown: the new item is fifth in the table but fourth in the stage.
    const numbers = await stage.locator('textarea[data-cell$=":number"]').evaluateAll((cells) => cells.map((c) => (c as HTMLTextAreaElement).value));
    expect(numbers).toEqual(['1.1', '1.2', '1.3', '1.5', '1.4']);
    await shotAt(cell('Мероприятие', '1.5'), '06-editor-saved');

    // Someone else (here: another tab) saves the draft meanwhile: a clear conflict, nothing lost.
    const other = await browser!.context.newPage();
    await other.goto(roadmapUrl);
    await other.getByLabel('Ответственный, мероприятие 1.2', { exact: true }).fill('Куратор наставничества, классные руководители');
    await other.getByRole('button', { name: 'Сохранить черновик' }).click();
    await other.getByText('Черновик сохранён.').waitFor();
    await other.close();
    await cell('Содержание', '1.1').fill('Приказы директора по гимназии');
    await page.getByRole('button', { name: 'Сохранить черновик' }).click();
    const conflict = page.getByText(/только что сохранил другой пользователь/);
    await conflict.waitFor();
    expect(await cell('Содержание', '1.1').inputValue()).toBe('Приказы директора по гимназии');
    await shotAt(conflict, '06b-editor-conflict');
    await page.getByRole('button', { name: 'Сохранить мою версию' }).click();
    await page.getByText('Черновик сохранён.').waitFor();
  });

  step('3. the curator sends it to the director', async () => {
    await decide('Отправить директору');
    await expectState('На утверждении у директора');
    await page.getByText('Дорожная карта отправлена директору на утверждение.').waitFor();
    expect(await page.getByTestId('roadmap-editor').count()).toBe(0);
  });

  step('4. the director approves it with the order number and date (УТВЕРЖДАЮ)', async () => {
    await as('gimnaziya.director');
    const inboxLink = nav().getByRole('link', { name: /Входящие/ });
    await expect.poll(() => inboxLink.innerText()).toMatch(/Входящие\s*\d+/);
    await openFromInbox('На утверждение', '07-director-inbox');
    await decide('Утвердить', async (form) => {
      expect(await form.getByLabel('Фамилия и инициалы').inputValue()).toBe('И.И. Варламова');
      // A bad date and an empty order number: both are named at once, beside their fields.
      const date = await dateText(form, 'Дата');
      await fillDate(form, 'Дата', '31.02');
      await form.getByRole('button', { name: 'Утвердить', exact: true }).click();
      await form.getByText('Дата: укажите дату в формате ДД.ММ.ГГГГ').waitFor();
      await form.getByText('Укажите номер приказа об утверждении').waitFor();
      await form.getByText('Укажите дату приказа об утверждении').waitFor();
      await fillDate(form, 'Дата', date);
      await form.getByLabel('Номер приказа об утверждении').fill('336');
      await fillDate(form, 'Дата приказа', `15.09.${startYear}`);
      await shot('08-director-approve-dialog');
    });
    await expectState('Направлена на согласование');
    const blocks = await page.getByTestId('approval-blocks').innerText();
    expect(blocks).toContain('УТВЕРЖДАЮ');
    expect(blocks).toContain('И.И. Варламова');
    expect(blocks).toContain(`УТВЕРЖДЕНО приказом № 336 от 15.09.${startYear}`);
    await shot('09-director-approved');
  });

  step('5. the district officer comments on an item and returns the roadmap', async () => {
    await as('sibay.officer');
    await openFromInbox('На рассмотрение', '10-officer-inbox');
    await page.getByRole('button', { name: 'Замечание к мероприятию 1.3' }).click();
    await dialog().getByLabel('Комментарий').fill('Уточните срок: к какой дате?');
    await dialog().getByRole('button', { name: 'Замечание', exact: true }).click();
    await dialog().waitFor({ state: 'detached' });
    await expectState('На рассмотрении');
    const item = page.locator('tbody', { has: page.getByRole('rowheader', { name: '1.3', exact: true }) });
    await item.getByText('Уточните срок: к какой дате?').waitFor();

    await decide('Вернуть на доработку', (form) => form.getByLabel('Что нужно доработать').fill('Доработать по замечаниям'));
    await expectState('Возвращена на доработку');
    await page.getByRole('region', { name: 'Замечания к дорожной карте' }).getByText('Доработать по замечаниям').waitFor();
    await shot('10-officer-returned');
    await shotAt(item, '10-officer-returned-item');
  });

  step('6. the curator gets the letter, its link opens the roadmap with the comment; a new revision, fixed, resent', async () => {
    // Issue 16: the return reached the curator by e-mail (the stack's mail catcher), with the remarks and a link.
    const letter = await letterTo(stack, 'gimnaziya.curator@demo.nastavnik.local', /^Дорожная карта возвращена на доработку/);
    expect(letter.text).toContain('Комментарий: Доработать по замечаниям');
    expect(letter.text).toContain('• Уточните срок: к какой дате?');
    const link = /Открыть дорожную карту: (\S+)/.exec(letter.text)?.[1];
    expect(link?.startsWith(`${stack.adminOrigin}/roadmaps/`)).toBe(true);
    await as('gimnaziya.curator');
    // The same letter waits in the curator's «Уведомления» (the in-app channel), unread, with the same link.
    await nav().getByRole('link', { name: 'Уведомления' }).click();
    const copy = page.getByTestId('my-notifications').getByRole('row').filter({ hasText: 'Дорожная карта возвращена на доработку' }).first();
    await copy.waitFor({ timeout: 60_000 });
    expect(await copy.getByRole('link', { name: 'Открыть' }).getAttribute('href')).toBe(link!.replace(stack.adminOrigin, ''));
    await page.getByTestId('unread-count').waitFor();
    await page.goto(link!);
    await page.getByRole('region', { name: 'Замечания к дорожной карте' }).getByText('Доработать по замечаниям').waitFor({ timeout: 60_000 });
    const item = page.locator('tbody', { has: page.getByRole('rowheader', { name: '1.3', exact: true }) });
    await item.getByText('Уточните срок: к какой дате?').waitFor();
    await decide('Создать новую редакцию');
    await page.getByTestId('roadmap-editor').waitFor();
    await expectState('Черновик');
    expect(await stateLine().innerText()).toContain('Редакция № 2');
    // The comment stays beside the item in the new revision.
    const editedItem = page.locator('tbody', { has: cell('Срок', '1.3') });
    await editedItem.getByText('Уточните срок: к какой дате?').waitFor();
    await cell('Срок', '1.3').fill(`до ${soon}`);
    await page.getByText(`распознано: до ${soon}`).waitFor();
    await shotAt(cell('Срок', '1.3'), '11-curator-revision-2');
    await page.getByRole('button', { name: 'Сохранить черновик' }).click();
    await page.getByText('Черновик сохранён.').waitFor();
    await decide('Отправить директору');
    await expectState('На утверждении у директора');
  });

  step('7. the director approves again, the officer recommends, the head agrees (СОГЛАСОВАНО)', async () => {
    await as('gimnaziya.director');
    await openFromInbox('На утверждение');
    await decide('Утвердить', async (form) => {
      await form.getByLabel('Номер приказа об утверждении').fill('341');
      await fillDate(form, 'Дата приказа', `01.10.${startYear}`);
    });
    await expectState('Направлена на согласование');

    await as('sibay.officer');
    await openFromInbox('На рассмотрение');
    await decide('Рекомендовать к согласованию');
    await expectState('Ожидает подписи руководителя');

    await as('sibay.head');
    await openFromInbox('На подпись');
    await decide('Согласовать', async (form) => {
      expect(await form.getByLabel('Орган управления образованием').inputValue()).toContain('Управление образования');
      await form.getByLabel('Должность').fill('И.о. начальника управления образования');
      await shot('12-head-agree-dialog');
    });
    await expectState('Согласована');
    const blocks = await page.getByTestId('approval-blocks').innerText();
    expect(blocks).toContain('СОГЛАСОВАНО');
    expect(blocks).toContain('И.о. начальника управления образования');
    await shot('13-head-agreed');
  });

  step('8. the curator marks an item done with evidence; overdue items are counted', async () => {
    await as('gimnaziya.curator');
    await page.goto(roadmapUrl);
    await expectState('Согласована');
    await page.getByTestId('execution-summary').waitFor();
    expect(await page.getByTestId('execution-summary').innerText()).toMatch(/Выполнено 0 из \d+/);

    const file = path.join(RESULTS_DIR, 'prikaz-336.pdf');
    await writeFile(file, '%PDF-1.4\n% Приказ № 336\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
    await page.getByRole('button', { name: 'Отметить выполнение мероприятия 1.1' }).click();
    const form = dialog();
    await form.getByLabel('Номер документа').fill('приказ № 336');
    await fillDate(form, 'Дата документа', `15.09.${startYear}`);
    await form.getByLabel('Примечание').fill('Приказы изданы и размещены на сайте');
    await form.getByLabel('Ссылка').fill('https://gimnaziya.example.ru/docs/336');
    await form.getByLabel('Файл').setInputFiles(file);
    await shot('14-curator-mark-done-dialog');
    await form.getByRole('button', { name: 'Отметить выполненным' }).click();
    await form.waitFor({ state: 'detached' });
    await page.getByText('Отметка о выполнении сохранена.').waitFor();
    const item = page.locator('tbody', { has: page.getByRole('rowheader', { name: '1.1', exact: true }) });
    await item.getByText(/Выполнено \d{2}\.\d{2}\.\d{4}/).waitFor();
    await item.getByText(`приказ № 336 от 15.09.${startYear}`).waitFor();
    // The file comes back through GET /attachments/<id> with the user's token.
    const [download] = await Promise.all([page.waitForEvent('download'), item.getByRole('button', { name: /Скачать «prikaz-336\.pdf»/ }).click()]);
    expect(download.suggestedFilename()).toBe('prikaz-336.pdf');
    await expect.poll(() => page.getByTestId('execution-summary').innerText()).toMatch(/Выполнено 1 из \d+/);
    await shot('15-curator-executed');
    await shotAt(item, '15-curator-executed-item');

    // A mark can be undone: the overdue item is overdue again.
    const late = page.locator('tbody', { has: page.getByRole('rowheader', { name: '1.2', exact: true }) });
    expect(await late.getByText('просрочено').count()).toBe(1);
    await page.getByRole('button', { name: 'Отметить выполнение мероприятия 1.2' }).click();
    // No evidence yet: the dialog asks for it (the API would say the same).
    await dialog().getByRole('button', { name: 'Отметить выполненным' }).click();
    await dialog().getByText('Подтверждение: укажите номер документа, примечание, ссылку или файл').waitFor();
    await dialog().getByLabel('Примечание').fill('Проведено на педсовете');
    await dialog().getByRole('button', { name: 'Отметить выполненным' }).click();
    await dialog().waitFor({ state: 'detached' });
    await late.getByText(/Выполнено \d{2}\.\d{2}\.\d{4}/).waitFor();
    await page.getByRole('button', { name: 'Снять отметку о выполнении мероприятия 1.2' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Снять отметку' }).click();
    await late.getByText('просрочено').waitFor();

    // The item due in three days is in the curator's inbox.
    await nav()
      .getByRole('link', { name: /Входящие/ })
      .click();
    const deadlines = page.getByRole('region', { name: /Сроки в ближайшие 7 дней/ });
    await deadlines.getByRole('link', { name: /1\.3 Формирование базы наставляемых/ }).waitFor();
    expect(await deadlines.innerText()).toMatch(/через \d+ (день|дня|дней)/);
    await shot('15b-curator-inbox-deadlines');
  });

  step('9. the revisions compare side by side: the changed deadline, field by field', async () => {
    await page.goto(roadmapUrl);
    await page
      .getByRole('navigation', { name: 'Разделы дорожной карты' })
      .getByRole('link', { name: /Редакции/ })
      .click();
    await page.getByTestId('revisions-table').waitFor();
    await shot('16-revisions');
    await page.getByRole('button', { name: 'Сравнить' }).click();
    await page.getByRole('heading', { level: 1, name: /Сравнение редакций/ }).waitFor();
    const diff = page.getByTestId('revision-diff');
    await diff.waitFor();
    const changed = diff.locator('tbody[data-kind="changed"]');
    expect(await changed.count()).toBe(1);
    const text = await changed.innerText();
    expect(text).toContain('Срок');
    expect(text).toContain('Октябрь');
    expect(text).toContain(`до ${soon}`);
    await shot('17-compare');

    await page.goto(`${roadmapUrl}?tab=history`);
    const history = page.getByTestId('history');
    await history.waitFor();
    const entries = await history.innerText();
    expect(entries).toMatch(/Согласовать[\s\S]*руководитель органа управления образованием/i);
    await shot('18-history');
  });

  step('10. the campaign page shows the school’s roadmap agreed', async () => {
    await as('sibay.officer');
    await page.goto(campaignUrl);
    const schools = page.getByTestId('campaign-schools');
    await expect.poll(() => schools.innerText()).toMatch(/МОБУ «Гимназия»[\s\S]*согласована/);
    expect(await page.getByTestId('campaign-counts').innerText()).toMatch(/согласована\s*1/);
    await page
      .getByTestId('campaign-counts')
      .getByRole('link', { name: /согласована/ })
      .click();
    await expect.poll(() => schools.innerText()).not.toContain('СОШ № 4');
    await shot('19-campaign-agreed');
    expect(await mainText(page)).toContain('МОБУ «Гимназия»');
  });

  step('11. an amendment is a new revision while the agreed one stays in force', async () => {
    await as('gimnaziya.curator');
    await page.goto(roadmapUrl);
    await decide('Внести изменения');
    await page.getByTestId('roadmap-editor').waitFor();
    expect(await stateLine().innerText()).toMatch(/Черновик[\s\S]*Редакция № 3/);
    await page.getByText('Действует редакция № 2 — согласована.').waitFor();
    await shot('20-amendment-draft');
    await page.getByRole('link', { name: 'Открыть действующую редакцию' }).click();
    await expectState('Согласована');
    await page.getByText(/Идёт изменение: редакция № 3 — черновик/).waitFor();
    await page.getByTestId('execution-summary').waitFor();
    await shot('21-in-force-while-amended');
    expect(errors).toEqual([]);
  });
});
