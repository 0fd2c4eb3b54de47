/**
 * Issue 6 in the browser: a visitor opens the public sign-up page `/join` (no login), submits a
 * wrong ИНН (the Russian message beside the field, the values kept), fixes it and submits; the
 * Sibay district officer approves the application and reads the issued login and temporary
 * password; the new partner admin logs in with them, adds a mentor with consent and proposes an
 * agreement to МОБУ «Гимназия»; its director accepts; its curator creates a programme, runs the
 * matching and sees the mentor in the programme's mentor base marked «Наставник от партнёра».
 * A second application of the same organisation is refused by the API, its message beside ИНН.
 * The officer's card shows the contact person's consent; the signed agreement (a PDF) is attached
 * when proposing and the director downloads it from the agreement's row.
 * Fresh numbers per run (valid check digits). Screenshots: test-results/partners-*.png.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
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
  chooseOption,
} from './support';

let stack: TestStack;
let browser: Browser | undefined;
let page: Page;
const step = journey('partners', () => page);
const errors: string[] = [];
const stamp = Date.now().toString(36).slice(-4);

/** A 10-digit ИНН of a legal entity with its check digit, from 9 digits. */
function innOf(nine: string): string {
  const weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(nine[i]), 0);
  return `${nine}${(sum % 11) % 10}`;
}
/** A 13-digit ОГРН with its check digit, from 12 digits. */
function ogrnOf(twelve: string): string {
  return `${twelve}${(BigInt(twelve) % 11n) % 10n}`;
}
const digits = String(Date.now()).slice(-7);
const inn = innOf(`02${digits}`);
const wrongInn = `${inn.slice(0, 9)}${(Number(inn[9]) + 1) % 10}`;
const ogrn = ogrnOf(`1020${digits}0`);
const partnerName = `ООО «Партнёр E2E ${stamp}»`;
const mentorLast = `Наставников${stamp}`;
const signedName = `Соглашение 15-${stamp}.pdf`;
const signedPdf = Buffer.from(`%PDF-1.4\n% Соглашение ${stamp}\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n`);

const now = new Date();
const ru = (d: Date) => `${String(d.getDate()).padStart(2, '0')}.${String(d.getMonth() + 1).padStart(2, '0')}.${d.getFullYear()}`;
const shot = (name: string, fullPage = true) => screenshot(page, `partners-${name}`, { fullPage });
const nav = () => page.getByRole('navigation', { name: 'Разделы' });
const main = () => page.locator('main');
let credentials = { username: '', password: '' };

/** Chooses the option whose text matches (names carry «…» quotes that are awkward to spell exactly). */
async function selectByText(select: Locator, text: RegExp): Promise<void> {
  await expect.poll(async () => (await select.locator('option').allInnerTexts()).some((t) => text.test(t)), { timeout: 30_000 }).toBe(true);
  const label = (await select.locator('option').allInnerTexts()).find((t) => text.test(t))!;
  await select.selectOption({ label });
}

/** The sign-up form of the test's organisation, with the given ИНН. */
async function fillApplication(innValue: string): Promise<void> {
  await main().getByLabel('Полное наименование').fill(partnerName);
  await main().getByLabel('Тип организации').selectOption('enterprise');
  await main().getByLabel('ИНН').fill(innValue);
  await main().getByLabel('ОГРН (ОГРНИП)').fill(ogrn);
  await main().getByLabel('Адрес').fill('453830, Республика Башкортостан, г. Сибай, ул. Ленина, д. 1');
  await selectByText(main().getByLabel('Регион'), /Башкортостан/);
  await selectByText(main().getByLabel('Муниципальное образование'), /Сибай/);
  await main().getByLabel(/^ФИО/).fill('Партнёрова Анна Сергеевна');
  await main()
    .getByLabel(/^Должность/)
    .fill('Руководитель программ');
  await main()
    .getByLabel(/^Эл\. почта/)
    .fill(`anna.${stamp}@example.ru`);
  await main()
    .getByLabel(/^Телефон/)
    .fill('8 (912) 345-67-89');
  await main().getByRole('checkbox').check();
}

describe('partners: public sign-up → approval → partner login → mentor → agreement → school base', () => {
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

  step('1. a visitor applies on /join without logging in; a wrong ИНН is refused beside the field, the values kept', async () => {
    await page.goto(`${stack.adminUrl.replace(/\/$/, '')}/join`);
    await page.getByRole('heading', { level: 1, name: 'Заявка организации-партнёра' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/join');
    await page.getByRole('link', { name: 'Войти' }).waitFor();
    await fillApplication(wrongInn);
    await page.getByRole('button', { name: 'Отправить заявку' }).click();
    const innField = main().getByLabel('ИНН');
    await expect.poll(() => innField.getAttribute('aria-invalid'), { timeout: 30_000 }).toBe('true');
    const message = await page.locator('.field-invalid .field-error').first().innerText();
    expect(message).toMatch(/^ИНН: /);
    expect(await main().getByLabel('Полное наименование').inputValue()).toBe(partnerName);
    expect(await innField.inputValue()).toBe(wrongInn);
    expect(await main().getByRole('checkbox').isChecked()).toBe(true);
    await shot('01-join-invalid-inn');

    await innField.fill(inn);
    await page.getByRole('button', { name: 'Отправить заявку' }).click();
    await page.getByRole('heading', { level: 1, name: 'Заявка отправлена' }).waitFor({ timeout: 30_000 });
    const done = await main().innerText();
    expect(done).toContain(partnerName);
    expect(done).toContain('ГО г. Сибай');
    expect(done).toMatch(/письмо с логином администратора организации и ссылкой для установки пароля/);
    await shot('02-join-done');

    // The same organisation again: the API refuses (a duplicate), its message beside ИНН, the values kept.
    await page.getByRole('button', { name: 'Подать ещё одну заявку' }).click();
    await fillApplication(inn);
    await page.getByRole('button', { name: 'Отправить заявку' }).click();
    await expect.poll(() => main().getByLabel('ИНН').getAttribute('aria-invalid'), { timeout: 30_000 }).toBe('true');
    expect(await page.locator('.field-invalid .field-error').first().innerText()).toMatch(/^ИНН: заявка организации с этим ИНН уже подана/);
    expect(await main().getByLabel('Полное наименование').inputValue()).toBe(partnerName);
    await shot('02b-join-duplicate');
  });

  step('2. the district officer approves the application and reads the issued login', async () => {
    await page.getByRole('link', { name: 'Войти' }).click();
    await expectLoginPage(page);
    await logIn(page, stack.adminOrigin, 'sibay.officer');
    // The applicant got «заявка получена» by e-mail (the embedded mail catcher): the district's log says so.
    await nav().getByRole('link', { name: 'Уведомления' }).click();
    await page.getByRole('heading', { level: 1, name: 'Уведомления' }).waitFor();
    await page.getByRole('link', { name: 'Журнал доставки' }).click();
    const letter = page
      .getByTestId('notification-log')
      .getByRole('row')
      .filter({ hasText: `anna.${stamp}@example.ru` });
    await expect
      .poll(
        async () => {
          if ((await letter.count()) > 0 && (await letter.first().innerText()).includes('Отправлено')) return true;
          await page.reload();
          await page.getByRole('heading', { level: 1, name: 'Уведомления' }).waitFor();
          return false;
        },
        { timeout: 60_000, intervals: [2000] },
      )
      .toBe(true);
    expect(await letter.first().innerText()).toContain('Заявка партнёра получена');
    await shot('02c-officer-notifications');
    await nav().getByRole('link', { name: 'Заявки партнёров' }).click();
    await page.getByRole('heading', { level: 1, name: 'Заявки организаций-партнёров' }).waitFor();
    await page.getByTestId('partner-applications').getByRole('link', { name: partnerName }).click();
    await page.getByRole('heading', { level: 1, name: `Заявка: ${partnerName}` }).waitFor();
    expect(await main().innerText()).toContain('контрольные цифры верны');
    // The contact person's consent: when, which wording, the text itself.
    expect(await page.getByTestId('applicant-consent').innerText()).toMatch(/^дано \d{2}\.\d{2}\.\d{4}.*partner-application-/);
    await page.getByRole('button', { name: 'Одобрить' }).click();
    const issued = page.getByTestId('partner-credentials');
    await issued.waitFor({ timeout: 60_000 });
    credentials = {
      username: (await page.getByTestId('partner-username').innerText()).trim(),
      password: (await page.getByTestId('partner-password').innerText()).trim(),
    };
    expect(credentials.username).toBe(`p${inn}.admin`);
    expect(credentials.password.length).toBeGreaterThanOrEqual(12);
    await shot('03-approved');
    await logOut(page);
  });

  step('3. the partner admin logs in with the issued credentials and adds a mentor with consent', async () => {
    await page.locator('input[name="username"]').fill(credentials.username);
    await page.locator('input[name="password"]').fill(credentials.password);
    await page.locator('#kc-login').click();
    await page.waitForURL((url) => url.origin === stack.adminOrigin, { timeout: 120_000 });
    await nav().getByRole('link', { name: 'Моя организация-партнёр' }).click();
    await page.getByRole('heading', { level: 1, name: partnerName }).waitFor();
    await page.getByRole('link', { name: 'Добавить наставника' }).click();
    await page.getByRole('heading', { level: 1, name: 'Новый наставник' }).waitFor();
    await main().getByLabel('Фамилия').fill(mentorLast);
    await main()
      .getByLabel(/^Имя(\s|$)/)
      .fill('Олег');
    await main().getByLabel('Должность').fill('Инженер-программист');
    const tagsField = main().getByLabel('Компетенции (теги через запятую)');
    await tagsField.fill('программирование');
    // The shared catalogue's combobox adds a tag to the field: found by typing a part of it.
    await chooseOption(main(), 'Добавить тег из общего каталога', 'робот', 'Добавить тег «робототехника»');
    expect(await tagsField.inputValue()).toBe('программирование, робототехника');
    await main().getByLabel('Доступность').fill('вт, чт после 16:00');
    // A bad e-mail and too long a description: both named at once, the length counted while typing.
    const description = main().getByLabel('Описание компетенций');
    await main().getByLabel('Эл. почта').fill('oleg@');
    await description.fill('к'.repeat(2001));
    await page.getByText('2001 из 2000 символов').waitFor();
    await page.getByRole('button', { name: 'Добавить', exact: true }).click();
    await page.getByText('Эл. почта: некорректный адрес «oleg@»').waitFor();
    await page.getByText('Компетенции: не более 2000 символов').waitFor();
    await main().getByLabel('Эл. почта').fill('');
    await description.fill('Веду кружок робототехники');
    await main().getByLabel('Версия текста согласия').fill('Согласие на обработку ПДн, ред. 1');
    // Without the tick the form refuses, the values stay.
    await page.getByRole('button', { name: 'Добавить', exact: true }).click();
    await page.getByText('Согласие на обработку персональных данных: обязательно').waitFor();
    expect(await main().getByLabel('Фамилия').inputValue()).toBe(mentorLast);
    await page.getByTestId('consent-section').getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Добавить', exact: true }).click();
    await page.getByText(`Наставник «${mentorLast} Олег» добавлен.`).waitFor({ timeout: 30_000 });
    const registry = page.getByTestId('partner-mentors');
    await registry.getByText(`${mentorLast} Олег`).waitFor();
    expect(await registry.innerText()).toMatch(/от \d{2}\.\d{2}\.\d{4}/);
    await shot('04-registry');
  });

  step('4. proposes an agreement to МОБУ «Гимназия»', async () => {
    await page.getByRole('navigation', { name: 'Разделы организации' }).getByRole('link', { name: 'Соглашения' }).click();
    await page.getByRole('link', { name: 'Предложить соглашение' }).click();
    await page.getByRole('heading', { level: 1, name: 'Предложить соглашение о сотрудничестве' }).waitFor();
    await selectByText(main().getByLabel(/^Муниципалитет/), /Сибай/);
    await chooseOption(main(), /^Школа/, 'Гимназ', /Гимназия/);
    await main().getByLabel('Предмет соглашения').fill(`Наставничество сотрудников над школьниками ${stamp}`);
    await main().getByLabel('Номер соглашения').fill(`15/${stamp}`);
    await fillDate(main(), 'Дата заключения (ДД.ММ.ГГГГ)', ru(now));
    await fillDate(main(), 'Начало действия (ДД.ММ.ГГГГ)', ru(now));
    await fillDate(main(), 'Окончание действия (ДД.ММ.ГГГГ)', ru(new Date(now.getFullYear() + 1, now.getMonth(), 1)));
    await main()
      .getByLabel(/^Подписанный экземпляр соглашения/)
      .setInputFiles({ name: signedName, mimeType: 'application/pdf', buffer: signedPdf });
    await page.getByRole('button', { name: 'Отправить предложение' }).click();
    await page.getByText(/Предложение соглашения отправлено/).waitFor({ timeout: 30_000 });
    const agreements = page.getByTestId('partner-agreements');
    await agreements.getByText(`Наставничество сотрудников над школьниками ${stamp}`).waitFor();
    expect(await agreements.innerText()).toContain('Предложено');
    await agreements.getByRole('button', { name: `Скачать «${signedName}»` }).waitFor();
    await shot('05-proposed');
    await logOut(page);
  });

  step('5. the gymnasium’s director accepts it', async () => {
    await logIn(page, stack.adminOrigin, 'gimnaziya.director');
    await nav().getByRole('link', { name: 'Соглашения с партнёрами' }).click();
    await page.getByRole('heading', { level: 1, name: 'Соглашения с организациями-партнёрами' }).waitFor();
    const row = page.getByTestId('partner-agreements').getByRole('row').filter({ hasText: partnerName });
    await row.getByRole('button', { name: 'Принять' }).click();
    await page.getByText('Соглашение принято.').waitFor({ timeout: 30_000 });
    await expect.poll(() => row.innerText(), { timeout: 30_000 }).toContain('Действует');
    // The signed copy the partner attached: downloaded with the director's token, the same bytes.
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: `Скачать «${signedName}»` }).click()]);
    expect(download.suggestedFilename()).toBe(signedName);
    const file = path.join(RESULTS_DIR, 'partners-signed-agreement.pdf');
    await download.saveAs(file);
    expect((await readFile(file)).equals(signedPdf)).toBe(true);
    await shot('06-accepted');
    await logOut(page);
  });

  step('6. the curator sees the mentor in a programme’s mentor base, marked as a partner mentor', async () => {
    await logIn(page, stack.adminOrigin, 'gimnaziya.curator');
    await nav().getByRole('link', { name: 'Программы' }).click();
    await page.getByRole('heading', { level: 1, name: 'Программы наставничества' }).waitFor();
    await page.getByRole('link', { name: 'Новая программа' }).click();
    const programmeName = `Профессии будущего ${stamp}`;
    await main().getByLabel('Название').fill(programmeName);
    await main().getByLabel('Форма наставничества').selectOption('employer-pupil');
    await fillDate(main(), 'Начало (ДД.ММ.ГГГГ)', ru(new Date(now.getFullYear() - 1, 8, 1)));
    await fillDate(main(), 'Окончание (ДД.ММ.ГГГГ)', ru(new Date(now.getFullYear() + 1, 7, 31)));
    await main().getByLabel('Куратор программы').fill('Петрова А. А., заместитель директора');
    await page.getByRole('button', { name: 'Создать программу' }).click();
    await page.getByRole('heading', { level: 1, name: programmeName }).waitFor();
    // The matching offers the mentors of partners with an agreement in force (copied into the base).
    const programmeTabs = page.getByRole('navigation', { name: 'Разделы программы' });
    await programmeTabs.getByRole('link', { name: 'Подбор пар' }).click();
    await page.getByTestId('suggestions').waitFor({ state: 'attached', timeout: 60_000 });
    await programmeTabs.getByRole('link', { name: 'Наставники' }).click();
    const row = page.getByTestId('participants-mentor').getByRole('row').filter({ hasText: mentorLast });
    await row.waitFor({ timeout: 60_000 });
    const text = await row.innerText();
    expect(text).toContain('Наставник от партнёра');
    expect(text).toContain('программирование');
    await shot('07-school-base');
    expect(errors).toEqual([]);
  });

  step('7. the platform admin reads the applicant’s letter in «Почта (разработка)» (the mail catcher of npm start)', async () => {
    await logOut(page);
    await logIn(page, stack.adminOrigin, 'admin');
    await nav().getByRole('link', { name: 'Уведомления' }).click();
    await page.getByRole('link', { name: 'Журнал доставки' }).click();
    const mailbox = page.getByTestId('dev-mailbox');
    await mailbox.waitFor({ timeout: 60_000 });
    const letter = mailbox
      .getByRole('listitem')
      .filter({ hasText: `anna.${stamp}@example.ru` })
      // (Newest first: the approval's letter with the password link came after it.)
      .filter({ hasText: `Заявка «${partnerName}» получена` })
      .first();
    await letter.waitFor({ timeout: 60_000 });
    await letter.locator('summary').click();
    const text = await letter.innerText();
    expect(text).toContain(`Заявка «${partnerName}» получена`);
    expect(text).toContain('Здравствуйте, Партнёрова Анна Сергеевна!');
    await shot('08-admin-dev-mailbox');
  });
});
