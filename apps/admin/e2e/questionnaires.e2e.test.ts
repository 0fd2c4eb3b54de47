/**
 * Issue 5's questionnaires and best practices in the browser: the gymnasium's curator opens the demo
 * programme «Вместе» → «Анкеты» → satisfaction, sees the demo results (answers, mentors vs mentees),
 * issues a personal link to a mentor (the one-time address with «Копировать» and the warning that it
 * is shown once), opens it in a fresh browser context without logging in, submits once without a
 * required answer (the Russian message beside the question, the values kept), then correctly; the
 * link is closed afterwards; back in the admin the answers count grew and the mentor shows as
 * answered. A paper questionnaire entered by the curator is refused beside the missing question and
 * then saved; a link issued by mistake is revoked; the template editor refuses a choice question with one
 * option beside it and saves the answered template as version 2. Then «Лучшие практики»: the demo's published case is listed, opened, unpublished with a
 * reason and published again (its participants consented). (The refusal for missing consents is
 * covered by src/lib/questionnaires.test.ts and the API's practices.int.test.ts: the demo has no
 * completed pair without consents.) Screenshots: test-results/questionnaires-*.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import path from 'node:path';
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
  chooseOption,
} from './support';

let stack: TestStack;
let browser: Browser | undefined;
let page: Page;
const step = journey('questionnaires', () => page);
const errors: string[] = [];

const nav = () => page.getByRole('navigation', { name: 'Разделы' });
const main = () => page.locator('main');
const shot = (name: string, fullPage = true) => screenshot(page, `questionnaires-${name}`, { fullPage });
const SATISFACTION = 'Удовлетворённость участием в программе';
const DEMO_CASE = 'Спорт против пропусков: краткосрочное наставничество «учитель – ученик»';

let mentorName = '';
let surveyAddress = '';
let answeredBefore = 0;

async function answeredCount(): Promise<number> {
  const figures = page.getByTestId('summary-figures');
  await figures.waitFor();
  const text = await figures.innerText();
  const match = /Ответили\s*(\d+)/.exec(text);
  return match ? Number(match[1]) : NaN;
}

describe('questionnaires and best practices', () => {
  beforeAll(async () => {
    stack = await startTestStack();
    browser = await launchBrowser();
    page = browser.page;
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.adminOrigin });
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/Failed to load resource|net::/.test(message.text())) errors.push(message.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  step('1. the curator opens «Вместе» → «Анкеты» and sees the demo results', async () => {
    await page.goto(stack.adminUrl);
    await expectLoginPage(page);
    await logIn(page, stack.adminOrigin, 'gimnaziya.curator');
    await nav().getByRole('link', { name: 'Программы' }).click();
    await page.getByRole('heading', { level: 1, name: 'Программы наставничества' }).waitFor();
    await page.getByTestId('programmes-table').getByRole('link', { name: 'Вместе', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Вместе' }).waitFor();
    await main().getByRole('link', { name: 'Анкеты', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Анкеты: Вместе' }).waitFor();
    // The five kinds with their templates' titles.
    const kinds = page.getByRole('navigation', { name: 'Виды анкет' });
    expect(await kinds.getByRole('link').count()).toBe(5);
    await kinds.getByRole('link', { name: SATISFACTION }).click();
    await page.getByTestId('questionnaire-satisfaction').waitFor();
    answeredBefore = await answeredCount();
    expect(answeredBefore).toBeGreaterThanOrEqual(8);
    const satisfaction = page.getByTestId('satisfaction-summary');
    await satisfaction.waitFor();
    const text = await satisfaction.innerText();
    expect(text).toContain('Наставники');
    expect(text).toContain('Наставляемые');
    expect(text).toMatch(/\d,?\d* \(\d+ ответ/);
    expect(await page.getByTestId('question-summaries').locator('li').count()).toBeGreaterThanOrEqual(4);
    expect(await page.getByTestId('response-rate').innerText()).toMatch(/%/);
    await shot('01-results');
  });

  step('1b. impact: «до» and «после» with the mean change; the status has both phases', async () => {
    const kinds = page.getByRole('navigation', { name: 'Виды анкет' });
    await kinds.getByRole('link', { name: /Оценка влияния/ }).click();
    const impact = page.getByTestId('impact-summary');
    await impact.waitFor();
    const table = impact.getByRole('table');
    await table.waitFor();
    expect(await table.locator('thead').innerText()).toContain('Изменение');
    expect(await table.locator('tbody tr').first().innerText()).toMatch(/\+\d/);
    expect(await page.getByTestId('questionnaire-status').locator('thead').innerText()).toMatch(/до участия[\s\S]*после участия/);
    await shot('01b-impact');
    await kinds.getByRole('link', { name: SATISFACTION }).click();
    await page.getByTestId('questionnaire-satisfaction').waitFor();
    await page.getByTestId('satisfaction-summary').waitFor();
  });

  step('2. issues a satisfaction link to a mentor: the address is shown once with «Копировать»', async () => {
    const table = page.getByTestId('questionnaire-status');
    const mentorRow = table
      .locator('tbody tr')
      .filter({ has: page.locator('td', { hasText: /^наставник$/ }) })
      .first();
    await mentorRow.waitFor();
    mentorName = (await mentorRow.getAttribute('data-participant')) ?? '';
    expect(mentorName).not.toBe('');
    await table.getByLabel(`Выбрать: ${mentorName}`).check();
    await page.getByRole('button', { name: 'Выдать ссылки' }).click();
    const issued = page.getByTestId('issued-links');
    await issued.waitFor();
    expect(await issued.innerText()).toContain('показывается только один раз');
    surveyAddress = await issued.getByTestId('issued-url').first().inputValue();
    expect(surveyAddress.startsWith(`${stack.adminOrigin}/public/surveys/`), surveyAddress).toBe(true);
    await issued.getByRole('button', { name: 'Копировать' }).click();
    await issued.getByRole('button', { name: 'Скопировано' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(surveyAddress);
    await shot('02-issued');
  });

  step('3. the mentor answers through the link without an account: a missing answer first, then correctly', async () => {
    const visitor = await page.context().browser()!.newContext({ locale: 'ru-RU' });
    try {
      const form = await visitor.newPage();
      const opened = await form.goto(surveyAddress);
      expect(opened?.status()).toBe(200);
      await form.getByRole('heading', { level: 1, name: SATISFACTION }).waitFor();
      const questions = form.locator('form fieldset');
      expect(await questions.count()).toBe(5);
      // Three of the four required scales and a comment; the fourth scale left out.
      for (const i of [0, 1, 2]) await questions.nth(i).locator('input[value="8"]').check();
      await questions.nth(4).locator('textarea').fill('Больше совместных проектов');
      const [refused] = await Promise.all([form.waitForNavigation(), form.getByRole('button', { name: 'Отправить ответы' }).click()]);
      expect(refused?.status()).toBe(422);
      const body = await form.locator('body').innerText();
      expect(body).toContain('Анкета не отправлена');
      expect(await questions.nth(3).locator('.error').innerText()).toBe('Ответьте на этот вопрос');
      // What was answered is kept.
      expect(await questions.nth(0).locator('input[value="8"]').isChecked()).toBe(true);
      expect(await questions.nth(4).locator('textarea').inputValue()).toBe('Больше совместных проектов');
      await form.screenshot({ path: path.join(RESULTS_DIR, 'questionnaires-03-public-refused.png'), fullPage: true });
      await questions.nth(3).locator('input[value="9"]').check();
      const [saved] = await Promise.all([form.waitForNavigation(), form.getByRole('button', { name: 'Отправить ответы' }).click()]);
      expect(saved?.status()).toBe(200);
      await form.getByRole('heading', { level: 1, name: 'Спасибо! Ответы отправлены' }).waitFor();
      // One submission per link.
      const again = await form.goto(surveyAddress);
      expect(again?.status()).toBe(410);
    } finally {
      await visitor.close();
    }
  });

  step('4. back in the admin the mentor shows as answered and the count grew', async () => {
    await page.reload();
    await page.getByTestId('questionnaire-satisfaction').waitFor();
    await expect.poll(() => answeredCount()).toBe(answeredBefore + 1);
    const row = page.getByTestId('questionnaire-status').locator(`tbody tr[data-participant="${mentorName}"]`);
    await expect.poll(() => row.locator('td[data-status]').first().getAttribute('data-status')).toBe('answered');
    expect(await row.innerText()).toContain('ответил(а)');
    await shot('04-answered');
  });

  step('4b. a link issued by mistake is revoked and no longer opens', async () => {
    const table = page.getByTestId('questionnaire-status');
    const other = table
      .locator('tbody tr')
      .filter({ has: page.locator('td', { hasText: /^наставник$/ }) })
      .filter({ hasNotText: mentorName })
      .first();
    const otherName = (await other.getAttribute('data-participant')) ?? '';
    await table.getByLabel(`Выбрать: ${otherName}`).check();
    await page.getByRole('button', { name: 'Выдать ссылки' }).click();
    const item = page.getByTestId('issued-links').locator('li[data-link]').filter({ hasText: otherName }).first();
    await item.waitFor();
    const address = await item.getByTestId('issued-url').inputValue();
    await item.getByRole('button', { name: 'Отозвать' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Отозвать' }).click();
    await expect.poll(() => item.innerText()).toContain('отозвана');
    const visitor = await page.context().browser()!.newContext();
    try {
      const response = await (await visitor.newPage()).goto(address);
      expect(response?.status()).toBe(410);
    } finally {
      await visitor.close();
    }
    // «Отправить ссылки по почте»: the demo's people did not consent to contact by e-mail — nobody is written to, each is named.
    const box = table.getByLabel(`Выбрать: ${otherName}`);
    if (!(await box.isChecked())) await box.check();
    await page.getByRole('button', { name: 'Отправить ссылки по почте' }).click();
    await expect.poll(() => main().innerText()).toContain('Ссылки отправлены по почте: 0.');
    expect(await main().innerText()).toContain(otherName);
  });

  step('5. a paper questionnaire: refused beside the missing question, values kept, then saved', async () => {
    const row = page.getByTestId('questionnaire-status').locator(`tbody tr[data-participant="${mentorName}"]`);
    await row.getByRole('button', { name: 'Внести ответы' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const questions = dialog.locator('[data-question]');
    expect(await questions.count()).toBe(5);
    await questions.nth(0).getByLabel('7', { exact: true }).check();
    await questions.nth(4).locator('textarea').fill('Удобнее встречаться после уроков');
    await dialog.getByRole('button', { name: 'Сохранить ответы' }).click();
    await expect.poll(() => questions.nth(1).locator('.field-error').innerText()).toBe('Ответьте на этот вопрос');
    expect(await dialog.getByRole('alert').innerText()).toContain('отмеченные вопросы');
    expect(await questions.nth(0).getByLabel('7', { exact: true }).isChecked()).toBe(true);
    expect(await questions.nth(4).locator('textarea').inputValue()).toBe('Удобнее встречаться после уроков');
    await shot('05-paper-refused', false);
    for (const i of [1, 2, 3]) await questions.nth(i).getByLabel('8', { exact: true }).check();
    await dialog.getByRole('button', { name: 'Сохранить ответы' }).click();
    await page.getByText(`Ответы участника ${mentorName} сохранены.`).waitFor();
    await expect.poll(() => answeredCount()).toBe(answeredBefore + 2);
    expect(errors).toEqual([]);
  });

  step('5b. the template editor: a choice question needs two options; a template with answers is saved as a new version', async () => {
    await main().getByRole('link', { name: 'Изменить анкету' }).click();
    await page.getByRole('heading', { level: 1, name: `Анкета «${SATISFACTION}»` }).waitFor();
    expect(await main().innerText()).toContain('сохраняются как новая версия');
    const editor = page.getByTestId('template-editor');
    expect(await editor.getByTestId('template-question').count()).toBe(5);
    await editor.getByRole('button', { name: 'Добавить вопрос' }).click();
    const added = editor.getByTestId('template-question').nth(5);
    await added.getByLabel('Текст вопроса').fill('Какой формат встреч вам удобнее?');
    await added.getByLabel('Тип ответа').selectOption('single');
    await added.getByLabel('Варианты ответа').fill('очно');
    await editor.getByRole('button', { name: 'Сохранить анкету' }).click();
    await expect.poll(() => added.locator('.field-error').innerText()).toContain('не меньше двух вариантов');
    expect(await added.getByLabel('Текст вопроса').inputValue()).toBe('Какой формат встреч вам удобнее?');
    await added.getByLabel('Варианты ответа').fill('очно\nонлайн');
    await added.getByRole('button', { name: 'Выше: Вопрос 6' }).click();
    expect(await editor.getByTestId('template-question').nth(4).getByLabel('Текст вопроса').inputValue()).toBe('Какой формат встреч вам удобнее?');
    await editor.getByRole('button', { name: 'Сохранить анкету' }).click();
    await page.getByText('На анкету уже были ответы — сохранена новая версия 2.').waitFor();
    await shot('05b-editor');
    await main().getByRole('link', { name: '← Анкеты' }).click();
    const section = page.getByTestId('questionnaire-satisfaction');
    await expect.poll(() => section.locator('.panel').first().innerText()).toContain('версия 2 · 6 вопросов');
    expect(errors).toEqual([]);
  });

  step('6. «Лучшие практики»: the demo case is listed, unpublished with a reason and published again', async () => {
    await page.getByRole('link', { name: '← Вместе' }).click();
    await page.getByRole('heading', { level: 1, name: 'Вместе' }).waitFor();
    await main().getByRole('link', { name: 'Лучшие практики', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Лучшие практики: Вместе' }).waitFor();
    const table = page.getByTestId('practices-table');
    const row = table.locator('tbody tr').filter({ hasText: DEMO_CASE });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/опубликован/i);
    expect(await main().getByRole('link', { name: 'Публичная страница школы' }).getAttribute('href')).toBe('/public/schools/sibay/gimnaziya.html');
    await shot('06-practices');
    await row.getByRole('link', { name: DEMO_CASE }).click();
    await page.getByRole('heading', { level: 1, name: DEMO_CASE }).waitFor();
    expect(await page.getByTestId('practice-facts').innerText()).toContain('Наставляемый, 6 класс');
    await page.getByRole('button', { name: 'Снять с публикации' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Причина').fill('Уточняем формулировки результатов');
    await dialog.getByRole('button', { name: 'Снять с публикации' }).click();
    await page.getByText('Кейс снят с публикации.').waitFor();
    await expect.poll(() => page.getByTestId('practice-facts').innerText()).toContain('Уточняем формулировки результатов');
    await page.getByRole('button', { name: 'Опубликовать' }).click();
    await page.getByText('Кейс опубликован.').waitFor();
    await shot('07-published');
    expect(errors).toEqual([]);
  });

  step('7. a case of a newly completed pair: publishing is refused and the page says who lacks consent', async () => {
    await page.getByRole('link', { name: '← Лучшие практики' }).click();
    await page.getByRole('link', { name: '← Вместе' }).click();
    await page.getByRole('heading', { level: 1, name: 'Вместе' }).waitFor();
    await page.getByRole('navigation', { name: 'Разделы программы' }).getByRole('link', { name: 'Пары' }).click();
    const active = page.getByTestId('pairs-table').locator('tbody tr').filter({ hasText: 'действует' }).first();
    await active.waitFor();
    const mentor = await active.locator('th').innerText();
    await active.getByRole('link', { name: mentor }).click();
    // The pair is completed on the pair's page (the mentee asked; a comment is required).
    const complete = page.getByTestId('complete-form');
    await complete.getByLabel('Причина завершения').selectOption('mentee-request');
    await complete.getByLabel('Комментарий').fill('Наставляемый переходит в другую школу');
    await complete.getByRole('button', { name: 'Завершить' }).click();
    await page.getByTestId('pair-completion').waitFor();
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Вместе' }).waitFor();
    await main().getByRole('link', { name: 'Лучшие практики', exact: true }).click();
    await page.getByRole('link', { name: 'Новый кейс' }).click();
    await page.getByRole('heading', { level: 1, name: 'Новый кейс лучшей практики' }).waitFor();
    // An empty form names the pair and every text at once, the texts in the API's words (the shared schema).
    await page.getByRole('button', { name: 'Сохранить' }).click();
    for (const message of [
      'Завершённая пара или группа: обязательное поле',
      'Название кейса: поле обязательно',
      'Описание практики: поле обязательно',
      'Результаты: поле обязательно',
    ])
      await main().getByText(message, { exact: true }).waitFor();
    // The pair is found by typing a part of the mentor's name into the combobox.
    await chooseOption(main(), 'Завершённая пара или группа', mentor.split(/\s+/)[0]!, new RegExp(mentor.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    const title = 'Переход в другую школу без потери темпа';
    await main().getByLabel('Название').fill(title);
    await main().getByLabel('Описание: запрос и как работала пара').fill('Пара работала над подготовкой к переходу: план на четверть, еженедельные встречи.');
    await main().getByLabel('Результаты').fill('Наставляемый адаптировался в новой школе за две недели.');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByText('Кейс сохранён.').waitFor();
    await page.getByRole('button', { name: 'Готово к публикации' }).click();
    await page.getByText('Кейс готов к публикации.').waitFor();
    await page.getByRole('button', { name: 'Опубликовать' }).click();
    const gaps = page.getByTestId('consent-gaps');
    await gaps.waitFor();
    const text = await gaps.innerText();
    expect(text).toContain('Опубликовать нельзя: нет согласия на публикацию');
    expect(text).toMatch(/наставляемого \S+ \S+/);
    // Each name links to the participant's card, where the consent is recorded.
    expect(await gaps.getByRole('link').count()).toBeGreaterThanOrEqual(1);
    await shot('08-consent-gaps');
    expect(errors).toEqual([]);
  });

  step('8. the demo mentee logs in: their own pair and a questionnaire to fill in, nobody else', async () => {
    await logOut(page);
    await logIn(page, stack.adminOrigin, 'gimnaziya.mentee');
    await nav().getByRole('link', { name: 'Моя пара/группа' }).click();
    await page.getByRole('heading', { level: 1, name: 'Моя пара/группа' }).waitFor();
    await main().getByTestId('my-pair').first().waitFor();
    const text = await main().innerText();
    expect(text).toContain('Байгускарова');
    // Other pupils of the programme are not theirs to see.
    for (const other of ['Ишмухаметов', 'Абдрахманова', 'Юлдашбаев', 'Хасанова']) expect(text).not.toContain(other);
    const mine = page.getByTestId('my-questionnaires');
    await mine
      .getByRole('link', { name: /Заполнить/ })
      .first()
      .click();
    await main().locator('form').first().waitFor();
    await shot('09-mentee-own');
    expect(errors).toEqual([]);
  });
});
