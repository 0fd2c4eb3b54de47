/**
 * Issue 5 in the browser: the gymnasium's curator creates a programme, adds a mentor (an adult,
 * their own consent) and a minor mentee (the representative's consent — first without the
 * relation: the API's message beside the field, the typed values kept) sharing a tag, runs the
 * matching, sees the suggestion with its explanation, confirms the pair, downloads the order
 * (DOCX, non-empty), then withdraws the mentee's consent and sees the anonymised card.
 * Then a second programme from files: the curator downloads the template, imports mentors and
 * mentees from CSV built here (a bad row and a row without consent refused with Russian messages
 * naming the column, the good ones in the base with the consents of their rows), records a further
 * consent (publication) for an imported mentee, runs the matching, confirms the pairs, downloads the
 * order (a ZIP whose document names a confirmed pair), opens a pair: a meeting out of the
 * methodology's order is refused beside the field, the right one recorded, a plan task added and
 * marked done, the mentor's login linked. Finally the mentor (an account made through the embedded
 * provider's admin API — the demo realm has no mentor or mentee) logs in and sees only their pair.
 * Own data only (the demo seed may change). Screenshots: test-results/programmes-*.png.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { readFirstSheetRows, ZipArchive } from '@nastavnik/domain';
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
  dateField,
} from './support';

let stack: TestStack;
let browser: Browser | undefined;
let page: Page;
const step = journey('programmes', () => page);
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

  step('1. the curator creates a programme', async () => {
    await page.goto(stack.adminUrl);
    await expectLoginPage(page);
    await logIn(page, stack.adminOrigin, 'gimnaziya.curator');
    await nav().getByRole('link', { name: 'Программы' }).click();
    await page.getByRole('heading', { level: 1, name: 'Программы наставничества' }).waitFor();
    await page.getByRole('link', { name: 'Новая программа' }).click();
    await main().getByLabel('Название').fill(programmeName);
    await main().getByLabel('Форма наставничества').selectOption('teacher-pupil');
    await fillDate(main(), 'Начало (ДД.ММ.ГГГГ)', ru(new Date(now.getFullYear() - 1, 8, 1)));
    await fillDate(main(), 'Окончание (ДД.ММ.ГГГГ)', ru(new Date(now.getFullYear() + 1, 7, 31)));
    await main().getByLabel('Куратор программы').fill('Петрова А. А., заместитель директора');
    await page.getByRole('button', { name: 'Создать программу' }).click();
    await page.getByRole('heading', { level: 1, name: programmeName }).waitFor();
    await page.getByText(`Программа «${programmeName}» создана.`).waitFor();
  });

  step('2. adds an adult mentor with their own consent', async () => {
    await page.getByRole('navigation', { name: 'Разделы программы' }).getByRole('link', { name: 'Наставники' }).click();
    await page.getByRole('link', { name: 'Добавить участника' }).click();
    await page.getByRole('heading', { level: 1, name: 'Добавить участника' }).waitFor();
    expect(await main().getByLabel('Роль в программе').inputValue()).toBe('MENTOR');
    // An empty form: every problem at once, each beside its field (not one per attempt).
    await page.getByRole('button', { name: 'Добавить', exact: true }).click();
    await main().getByText('Фамилия: поле обязательно').waitFor();
    await main().getByText('Имя: поле обязательно').waitFor();
    await main().getByLabel('Фамилия').fill('Сидоров');
    await main()
      .getByLabel(/^Имя(\s|$)/)
      .fill('Павел');
    await main().getByLabel('Категория').selectOption('teacher');
    await fillDate(main(), 'Дата рождения (ДД.ММ.ГГГГ)', ru(yearsAgo(40)));
    await main().getByLabel('Класс или должность').fill('учитель информатики');
    // A synonym is saved as its catalogue tag: the form says so before saving.
    await main().getByLabel('Компетенции или запрос (теги)').fill(`${tag}, english`);
    await expect.poll(() => page.getByTestId('tag-rewrites').innerText()).toBe('Сохранится в написании каталога: «english» → «английский язык».');
    await main().getByLabel('Компетенции или запрос (теги)').fill(`${tag}, программирование`);
    await page.getByTestId('tag-rewrites').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('consent-giver').innerText()).toContain('сам участник');
    expect(
      await main()
        .getByLabel(/ФИО законного представителя/)
        .count(),
    ).toBe(0);
    await page.getByRole('button', { name: 'Добавить', exact: true }).click();
    await page.getByText('Участник «Сидоров Павел» добавлен.').waitFor();
    await page
      .getByTestId('participants-mentor')
      .getByRole('link', { name: /Сидоров Павел/ })
      .waitFor();
  });

  step('3. adds a minor mentee: the representative’s consent, the API’s error beside the field, values kept', async () => {
    await page.getByRole('navigation', { name: 'Разделы программы' }).getByRole('link', { name: 'Наставляемые' }).click();
    await page.getByRole('link', { name: 'Добавить участника' }).click();
    await page.getByRole('heading', { level: 1, name: 'Добавить участника' }).waitFor();
    expect(await main().getByLabel('Роль в программе').inputValue()).toBe('MENTEE');
    await main().getByLabel('Фамилия').fill('Иванова');
    await main()
      .getByLabel(/^Имя(\s|$)/)
      .fill('Мария');
    await main().getByLabel('Категория').selectOption('pupil');
    await fillDate(main(), 'Дата рождения (ДД.ММ.ГГГГ)', ru(yearsAgo(13)));
    await main().getByLabel('Класс или должность').fill('7 «Б»');
    await main().getByLabel('Компетенции или запрос (теги)').fill(tag);
    await expect.poll(() => page.getByTestId('consent-giver').innerText()).toMatch(/законный представитель/);
    await main()
      .getByLabel(/ФИО законного представителя/)
      .fill('Иванова Елена Петровна');
    await main()
      .getByLabel(/Документ, подтверждающий полномочия/)
      .fill('Свидетельство о рождении II-АР № 123456');
    // No relation chosen: the API refuses, its message stands beside «Кем приходится».
    await page.getByRole('button', { name: 'Добавить', exact: true }).click();
    const relation = main().getByLabel(/Кем приходится/);
    await expect.poll(() => relation.getAttribute('aria-invalid'), { timeout: 30_000 }).toBe('true');
    const errorText = await page.locator('.field-invalid .field-error').first().innerText();
    expect(errorText).toMatch(/[а-яё]/i);
    expect(await main().getByLabel('Фамилия').inputValue()).toBe('Иванова');
    expect(
      await main()
        .getByLabel(/ФИО законного представителя/)
        .inputValue(),
    ).toBe('Иванова Елена Петровна');
    await shot('01-consent-error');
    await relation.selectOption('mother');
    await page.getByRole('button', { name: 'Добавить', exact: true }).click();
    await page.getByText('Участник «Иванова Мария» добавлен.').waitFor();
    await page
      .getByTestId('participants-mentee')
      .getByRole('link', { name: /Иванова Мария/ })
      .waitFor();
  });

  step('4. runs the matching, sees the suggestion explained, confirms the pair', async () => {
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

  step('5. downloads the order on fixing the pairs (DOCX) with its number and date', async () => {
    await page.getByRole('button', { name: 'Приказ о закреплении пар (DOCX)' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Номер приказа').fill(`15-${stamp}`);
    await fillDate(dialog, 'Дата приказа (ДД.ММ.ГГГГ)', ru(now));
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

  step('6. withdrawing the mentee’s consent leaves the anonymised record', async () => {
    await page.getByRole('navigation', { name: 'Разделы программы' }).getByRole('link', { name: 'Наставляемые' }).click();
    await page
      .getByTestId('participants-mentee')
      .getByRole('link', { name: /Иванова Мария/ })
      .click();
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

  // ————— a base from files, the pair's card, the mentor's own page —————

  const imported = `Импорт E2E ${stamp}`;
  const mentorLogin = `mentor.e2e.${stamp}`;
  const tagA = `шахматы${stamp}`;
  const tagB = `астрономия${stamp}`;
  const tabs = () => page.getByRole('navigation', { name: 'Разделы программы' });

  /** The template's header line, then one line per row: values by header, «;»-separated, quoted where needed. */
  const csvOf = (headers: string[], rows: Array<Record<string, string>>) => {
    const cell = (value: string) => (/[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
    return `\ufeff${[headers, ...rows.map((row) => headers.map((h) => row[h] ?? ''))].map((line) => line.map(cell).join(';')).join('\r\n')}\r\n`;
  };

  async function templateHeaders(): Promise<string[]> {
    const [download] = await Promise.all([page.waitForEvent('download'), main().getByRole('button', { name: 'Шаблон CSV' }).click()]);
    const file = path.join(RESULTS_DIR, `programmes-template-${stamp}.csv`);
    await download.saveAs(file);
    const text = (await readFile(file, 'utf8')).replace(/^\ufeff/, '');
    return text.split(/\r?\n/)[0]!.split(';');
  }

  async function uploadCsv(name: string, content: string) {
    await main()
      .getByLabel(/^Файл базы/)
      .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content, 'utf8') });
    await page.getByRole('button', { name: 'Загрузить', exact: true }).click();
    await page.getByTestId('import-report').waitFor({ timeout: 60_000 });
  }

  step('7. a second programme: the mentors’ base imported from the templates (XLSX as it is, then CSV)', async () => {
    await nav().getByRole('link', { name: 'Программы' }).click();
    await page.getByRole('link', { name: 'Новая программа' }).click();
    await main().getByLabel('Название').fill(imported);
    await main().getByLabel('Форма наставничества').selectOption('teacher-pupil');
    await fillDate(main(), 'Начало (ДД.ММ.ГГГГ)', ru(new Date(now.getFullYear() - 1, 8, 1)));
    await fillDate(main(), 'Окончание (ДД.ММ.ГГГГ)', ru(new Date(now.getFullYear() + 1, 7, 31)));
    await page.getByRole('button', { name: 'Создать программу' }).click();
    await page.getByRole('heading', { level: 1, name: imported }).waitFor();

    await tabs().getByRole('link', { name: 'Наставники' }).click();
    await page.getByRole('link', { name: 'Импорт базы' }).click();
    await page.getByRole('heading', { level: 1, name: 'Импорт базы из файла' }).waitFor();
    expect(await main().getByLabel('База', { exact: true }).inputValue()).toBe('mentor');
    const headers = await templateHeaders();
    expect(headers).toEqual(expect.arrayContaining(['Фамилия', 'Имя', 'Категория', 'Компетенции (теги)', 'Дата согласия', 'Согласие дал']));
    // The Excel template: a book with the same columns; uploaded as it is, its example row is imported.
    const [book] = await Promise.all([page.waitForEvent('download'), main().getByRole('button', { name: 'Шаблон XLSX' }).click()]);
    expect(book.suggestedFilename()).toMatch(/\.xlsx$/);
    const xlsx = path.join(RESULTS_DIR, `programmes-template-${stamp}.xlsx`);
    await book.saveAs(xlsx);
    const sheet = readFirstSheetRows(new Uint8Array(await readFile(xlsx)));
    expect(sheet.ok && sheet.rows[0]!.filter(Boolean)).toEqual(headers);
    await main()
      .getByLabel(/^Файл базы/)
      .setInputFiles(xlsx);
    await page.getByRole('button', { name: 'Загрузить', exact: true }).click();
    await expect.poll(() => page.getByTestId('import-summary').innerText(), { timeout: 60_000 }).toContain('Импортировано 1 из 1');
    expect(await page.getByTestId('import-rows').locator('tr[data-row="2"]').innerText()).toContain('Петров Алексей');

    const signed = ru(new Date(now.getFullYear(), now.getMonth(), 1));
    await uploadCsv(
      'наставники.csv',
      csvOf(headers, [
        {
          Фамилия: 'Кузнецова',
          Имя: 'Ольга',
          Отчество: 'Петровна',
          Категория: 'Педагог',
          'Класс / должность': 'учитель шахмат',
          'Стаж, лет': '15',
          'Компетенции (теги)': tagA,
          'Дата согласия': signed,
          'Согласие дал': 'Участник',
        },
        {
          Фамилия: 'Морозов',
          Имя: 'Игорь',
          Отчество: 'Львович',
          Категория: 'Педагог',
          'Класс / должность': 'учитель физики',
          'Стаж, лет': '20',
          'Компетенции (теги)': tagB,
          'Дата согласия': signed,
          'Согласие дал': 'Участник',
        },
      ]),
    );
    await expect.poll(() => page.getByTestId('import-summary').innerText()).toContain('Импортировано 2 из 2');
  });

  step('8. the mentees’ base: bad rows refused with the column named, good rows in the base with their consents', async () => {
    await main().getByLabel('База', { exact: true }).selectOption('mentee');
    const headers = await templateHeaders();
    expect(headers).toEqual(expect.arrayContaining(['Запрос (теги)', 'Законный представитель (ФИО)', 'Кем приходится']));
    const signed = ru(new Date(now.getFullYear(), now.getMonth(), 1));
    const minor = (last: string, first: string, tags: string, extra: Record<string, string> = {}) => ({
      Фамилия: last,
      Имя: first,
      Категория: 'Обучающийся',
      'Дата рождения': ru(yearsAgo(12)),
      'Класс / должность': '6 «А»',
      'Запрос (теги)': tags,
      'Дата согласия': signed,
      'Согласие дал': 'Законный представитель',
      'Законный представитель (ФИО)': `${last} Анна Ивановна`,
      'Кем приходится': 'Мать',
      'Документ представителя': 'Свидетельство о рождении',
      ...extra,
    });
    await uploadCsv(
      'наставляемые.csv',
      csvOf(headers, [
        minor('Орлов', 'Денис', tagA),
        minor('Белова', 'Ксения', tagB),
        minor('Зайцев', 'Артём', tagA, { 'Дата рождения': '31.02.2013' }),
        minor('Соколова', 'Вера', tagB, { 'Дата согласия': '', 'Согласие дал': '', 'Законный представитель (ФИО)': '' }),
      ]),
    );
    await expect.poll(() => page.getByTestId('import-summary').innerText()).toContain('Импортировано 2 из 4, отклонено строк: 2');
    const rows = page.getByTestId('import-rows');
    const badDate = await rows.locator('tr[data-row="4"]').innerText();
    expect(badDate).toContain('отклонена');
    expect(badDate).toMatch(/Дата рождения: «31\.02\.2013»/);
    const noConsent = await rows.locator('tr[data-row="5"]').innerText();
    expect(noConsent).toContain('отклонена');
    expect(noConsent).toContain('Дата согласия: Нет данных о согласии');
    expect(await rows.locator('tr[data-row="2"]').innerText()).toContain('импортирована');
    await shot('05-import-report');
    await page.getByRole('link', { name: 'Открыть базу' }).click();
    const base = page.getByTestId('participants-mentee');
    await base.getByRole('link', { name: /Орлов Денис/ }).waitFor();
    expect(await base.innerText()).not.toContain('Зайцев');
    expect(await base.innerText()).not.toContain('Соколова');
  });

  step('9. records a further consent (publication) for an imported mentee', async () => {
    await page
      .getByTestId('participants-mentee')
      .getByRole('link', { name: /Орлов Денис/ })
      .click();
    await page.getByRole('heading', { level: 1, name: /Орлов Денис/ }).waitFor();
    expect(await page.getByTestId('consents').innerText()).toMatch(/законный представитель: Орлов Анна Ивановна/);
    await page.getByRole('button', { name: 'Добавить согласие' }).click();
    const form = page.getByTestId('add-consent');
    expect(await form.getByLabel('Кто даёт согласие').inputValue()).toBe('representative');
    await form.getByLabel(/ФИО законного представителя/).fill('Орлов Сергей Павлович');
    await form.getByLabel(/Документ, подтверждающий полномочия/).fill('Свидетельство о рождении');
    await form.getByLabel(/Публикация материалов/).check();
    // No relation: the API's message beside «Кем приходится», the values kept.
    await form.getByRole('button', { name: 'Записать согласие' }).click();
    const relation = form.getByLabel(/Кем приходится/);
    await expect.poll(() => relation.getAttribute('aria-invalid'), { timeout: 30_000 }).toBe('true');
    expect(await form.locator('.field-invalid .field-error').first().innerText()).toMatch(/[а-яё]/i);
    await relation.selectOption('father');
    await form.getByRole('button', { name: 'Записать согласие' }).click();
    await page.getByText('Согласие записано.').waitFor();
    await expect.poll(() => page.getByTestId('consents').innerText()).toMatch(/Орлов Сергей Павлович.*публикация/is);
  });

  step('10. runs the matching and confirms both pairs; the order is a DOCX naming them', async () => {
    await page.getByRole('link', { name: '← К программе' }).click();
    await tabs().getByRole('link', { name: 'Подбор пар' }).click();
    const suggestions = page.getByTestId('suggestions');
    await suggestions.getByText(/Кузнецова Ольга/).waitFor({ timeout: 60_000 });
    const text = await suggestions.innerText();
    expect(text).toContain('Орлов Денис');
    expect(text).toContain('Белова Ксения');
    for (const box of await suggestions.getByRole('checkbox').all()) await box.check();
    await page.getByRole('button', { name: 'Подтвердить выбранные' }).click();
    await page.getByText('Подтверждено пар: 2.').waitFor();

    await page.getByRole('button', { name: 'Приказ о закреплении пар (DOCX)' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Номер приказа').fill(`27-${stamp}`);
    await fillDate(dialog, 'Дата приказа (ДД.ММ.ГГГГ)', ru(now));
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Скачать DOCX' }).click()]);
    const file = path.join(RESULTS_DIR, 'programmes-imported-pairs-order.docx');
    await download.saveAs(file);
    const bytes = new Uint8Array(await readFile(file));
    expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe('PK');
    const documentXml = new TextDecoder().decode(new ZipArchive(bytes).read('word/document.xml') ?? new Uint8Array());
    const plain = documentXml.replace(/<[^>]+>/g, '');
    expect(plain).toContain('Кузнецова Ольга Петровна');
    expect(plain).toContain('Орлов Денис');
    await dialog.getByRole('button', { name: 'Закрыть' }).last().click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('programme-meta').innerText(), { timeout: 30_000 }).toContain(`№ 27-${stamp}`);
  });

  step('11. the pair’s card: a meeting out of order refused beside the field, the right one recorded, a plan task added and done', async () => {
    await page.getByTestId('pairs-table').getByRole('link', { name: 'Кузнецова Ольга' }).click();
    await page.getByRole('heading', { level: 1, name: /Кузнецова Ольга.* — Орлов Денис/ }).waitFor();
    const meta = await page.getByTestId('pair-meta').innerText();
    expect(meta).toContain('действует');
    expect(meta).toContain(`№ 27-${stamp}`);
    expect(await page.getByTestId('meetings-next').innerText()).toContain('«Встреча-знакомство»');

    const form = page.getByTestId('meeting-form');
    expect(await form.getByLabel('Вид встречи').inputValue()).toBe('acquaintance');
    await form.getByLabel('Вид встречи').selectOption('trial');
    await form.getByLabel('Содержание встречи').fill('Разобрали дебюты');
    await form.getByLabel('Обратная связь наставника и наставляемого').fill('Интересно');
    await form.getByRole('button', { name: 'Записать встречу' }).click();
    const type = form.getByLabel('Вид встречи');
    await expect.poll(() => type.getAttribute('aria-invalid'), { timeout: 30_000 }).toBe('true');
    expect(await form.locator('.field-invalid .field-error').first().innerText()).toMatch(/сейчас возможна «Встреча-знакомство»/);
    expect(await form.getByLabel('Содержание встречи').inputValue()).toBe('Разобрали дебюты');
    await shot('06-meeting-order-error');

    await type.selectOption('acquaintance');
    await form.getByLabel('Содержание встречи').fill('Познакомились, обсудили цели');
    await form.getByRole('button', { name: 'Записать встречу' }).click();
    await page.getByText('Встреча «Встреча-знакомство» записана.').waitFor();
    await expect.poll(() => page.getByTestId('meeting-list').innerText()).toContain('Познакомились, обсудили цели');
    await expect.poll(() => page.getByTestId('meetings-next').innerText()).toContain('«Пробная встреча»');
    expect(await form.getByLabel('Вид встречи').inputValue()).toBe('trial');

    const add = page.getByTestId('add-task');
    await add.getByLabel('Задача').fill('Сыграть партию на турнире');
    // A half-typed date (no year) is refused beside the field, not taken for «no deadline».
    await fillDate(add, 'Срок (ДД.ММ.ГГГГ)', '31.12');
    await add.getByRole('button', { name: 'Добавить задачу' }).click();
    await expect.poll(() => dateField(add, 'Срок (ДД.ММ.ГГГГ)').getByRole('spinbutton').first().getAttribute('aria-invalid')).toBe('true');
    await fillDate(add, 'Срок (ДД.ММ.ГГГГ)', ru(new Date(now.getFullYear(), now.getMonth() + 2, 10)));
    await add.getByRole('button', { name: 'Добавить задачу' }).click();
    await page.getByTestId('plan-tasks').getByText('Сыграть партию на турнире').waitFor();
    expect(await page.getByTestId('plan-progress').innerText()).toContain('Выполнено 0 из 1 (0 %)');
    // The mark is saved at once (the box follows the saved plan).
    await page.getByRole('checkbox', { name: 'Выполнено: Сыграть партию на турнире' }).click();
    await expect.poll(() => page.getByTestId('plan-progress').innerText(), { timeout: 30_000 }).toContain('Выполнено 1 из 1 (100 %)');
    expect(await page.getByRole('checkbox', { name: 'Выполнено: Сыграть партию на турнире' }).isChecked()).toBe(true);
    await shot('07-pair-card');
  });

  step('12. extends one pair with a new end date and completes the other with its reason', async () => {
    const extend = page.getByTestId('extend-form');
    const until = new Date(now.getFullYear(), now.getMonth() + 7, 15);
    // An empty form: every problem at once, each beside its field, in the API's words (the shared schema).
    await extend.getByRole('button', { name: 'Продлить' }).click();
    await expect
      .poll(() => extend.locator('.field-error').allInnerTexts())
      .toEqual(['Продление: укажите новую дату окончания', 'Продление: укажите причину', 'Продление: нужно взаимное согласие наставника и наставляемого']);
    await fillDate(extend, 'Новая дата окончания (ДД.ММ.ГГГГ)', ru(until));
    await extend.getByLabel('Причина продления').fill('Подготовка к турниру весной');
    // Without the mutual consent the extension is refused: the message beside the box.
    await extend.getByRole('button', { name: 'Продлить' }).click();
    await expect.poll(() => extend.locator('.field-error').first().innerText(), { timeout: 30_000 }).toMatch(/взаимное согласие/);
    await extend.getByLabel('Наставник и наставляемый согласны на продление').check();
    await extend.getByRole('button', { name: 'Продлить' }).click();
    await page.getByText(`План продлён до ${ru(until)}.`).waitFor();
    await expect.poll(() => page.getByTestId('pair-meta').innerText()).toContain(`— ${ru(until)}`);

    await page.getByRole('link', { name: '← К парам программы' }).click();
    await page.getByTestId('pairs-table').getByRole('link', { name: 'Морозов Игорь' }).click();
    await page.getByRole('heading', { level: 1, name: /Морозов Игорь.* — Белова Ксения/ }).waitFor();
    const complete = page.getByTestId('complete-form');
    await complete.getByLabel('Причина завершения').selectOption('mentor-request');
    await complete.getByRole('button', { name: 'Завершить' }).click();
    const comment = complete.getByLabel('Комментарий');
    await expect.poll(() => comment.getAttribute('aria-invalid'), { timeout: 30_000 }).toBe('true');
    expect(await complete.locator('.field-invalid .field-error').first().innerText()).toMatch(/опишите обстоятельства/);
    await comment.fill('Наставник переходит в другую школу');
    await complete.getByRole('button', { name: 'Завершить' }).click();
    await expect.poll(() => page.getByTestId('pair-meta').innerText(), { timeout: 30_000 }).toContain('завершена');
    expect(await page.getByTestId('pair-completion').innerText()).toContain('По инициативе наставника');
    expect(await page.getByTestId('meeting-form').count()).toBe(0);
    await shot('08-pair-completed');
  });

  step('13. the curator links the mentor’s login (an account made in the identity provider)', async () => {
    const config = (await (await fetch(new URL('/config.json', stack.adminUrl))).json()) as { keycloakUrl: string; realm: string };
    const created = await fetch(`${config.keycloakUrl}/admin/realms/${config.realm}/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${process.env.IDP_ADMIN_TOKEN ?? 'dev-idp-admin-token'}` },
      body: JSON.stringify({
        username: mentorLogin,
        firstName: 'Ольга',
        lastName: 'Кузнецова',
        enabled: true,
        credentials: [{ type: 'password', value: 'demo', temporary: false }],
        groups: ['/bashkortostan/sibay/gimnaziya'],
        clientRoles: { api: ['mentor'] },
      }),
    });
    expect(created.status).toBe(201);

    await page.getByRole('link', { name: '← К парам программы' }).click();
    await tabs().getByRole('link', { name: 'Наставники' }).click();
    await page
      .getByTestId('participants-mentor')
      .getByRole('link', { name: /Кузнецова Ольга/ })
      .click();
    const account = page.getByTestId('account-form');
    await account.getByLabel('Логин').fill(mentorLogin);
    await account.getByRole('button', { name: 'Связать' }).click();
    await page.getByText(`Участник связан с учётной записью «${mentorLogin}».`).waitFor();
  });

  step('14. the mentor logs in and sees only their own pair: the partner, the plan, the meetings', async () => {
    await logOut(page);
    await logIn(page, stack.adminOrigin, mentorLogin);
    const links = await nav().getByRole('link').allInnerTexts();
    expect(links.map((l) => l.trim())).toEqual(['Главная', 'Моя пара/группа']);
    await main().getByRole('link', { name: 'Моя пара/группа' }).click();
    await page.getByRole('heading', { level: 1, name: 'Моя пара/группа' }).waitFor();
    const pairs = page.getByTestId('my-pair');
    await pairs.first().waitFor();
    expect(await pairs.count()).toBe(1);
    const text = await main().innerText();
    expect(text).toContain(imported);
    expect(text).toContain('Орлов Денис');
    expect(text).toContain('Сыграть партию на турнире');
    expect(text).toContain('Познакомились, обсудили цели');
    expect(text).not.toContain('Белова');
    expect(text).not.toContain('Морозов');
    expect(text).not.toContain(`№ 27-${stamp}`);
    // The mentor records the next meeting of the methodology.
    const form = page.getByTestId('meeting-form');
    expect(await form.getByLabel('Вид встречи').inputValue()).toBe('trial');
    await form.getByLabel('Обратная связь наставника и наставляемого').fill('Пробная партия прошла хорошо');
    await form.getByRole('button', { name: 'Записать встречу' }).click();
    await page.getByText('Встреча «Пробная встреча» записана.').waitFor();
    await shot('09-mentor-own-pair');
    // Nothing else of the school: the programmes stay closed.
    await page.goto(new URL('/programmes', stack.adminUrl).toString());
    await page.getByRole('heading', { level: 1, name: 'Нет доступа' }).waitFor();
    expect(errors).toEqual([]);
  });

  step('15. a final meeting before the plan is done asks for a confirmation; nothing is recorded without it', async () => {
    await logOut(page);
    await logIn(page, stack.adminOrigin, 'gimnaziya.curator');
    await nav().getByRole('link', { name: 'Программы' }).click();
    await main().getByRole('link', { name: 'Вместе', exact: true }).click();
    await page.getByRole('navigation', { name: 'Разделы программы' }).getByRole('link', { name: 'Пары' }).click();
    // The demo pair of «Вместе» has had its regular meetings and half of its plan done.
    await page.getByTestId('pairs-table').getByRole('link', { name: 'Хасанова Айгуль' }).click();
    await page.getByRole('heading', { level: 1, name: /Хасанова Айгуль/ }).waitFor();
    const meetings = page.getByTestId('meeting-list').locator(':scope > li');
    const held = await meetings.count();
    const form = page.getByTestId('meeting-form');
    await form.getByLabel('Вид встречи').selectOption('final');
    await form.getByText(/Индивидуальный план выполнен на \d+ % \(\d из \d\)/).waitFor();
    await form.getByLabel('Обратная связь наставника и наставляемого').fill('Подвели итоги');
    await form.getByRole('button', { name: 'Записать встречу' }).click();
    await form.getByText('Подтвердите итоговую встречу при невыполненном плане или выберите другой вид встречи').waitFor();
    expect(await meetings.count()).toBe(held);
    expect(await form.getByLabel('Обратная связь наставника и наставляемого').inputValue()).toBe('Подвели итоги');
    await shot('10-final-meeting-confirmation');
    // Another kind of meeting needs no confirmation: the notice goes with the choice.
    await form.getByLabel('Вид встречи').selectOption('regular');
    expect(await form.getByText(/Индивидуальный план выполнен на/).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
