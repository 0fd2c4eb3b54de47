import { isoDate, type IsoDate } from '../roadmap/iso-date.js';
import { monthNumber } from '../roadmap/deadline.js';
import type { ImportedAgreement, ImportedApproval, ImportedHeader, ImportedOrder, ImportedPeriod } from './types.js';

/**
 * The header of a roadmap, read from the paragraphs before its table: approval blocks («УТВЕРЖДАЮ»,
 * «УТВЕРЖДЕНО приказом … № … от …», «СОГЛАСОВАНО») with position, organisation, name, date and
 * order; the title («Дорожная карта …»); the organisation; the programme name; the period.
 */

const KEYWORD = /^[\s*_"«]*(УТВЕРЖДАЮ|УТВЕРЖДЕН[АОЫ]?|УТВЕРЖДЁН[АОЫ]?|СОГЛАСОВАН[АОЫ]?|ПРИНЯТ[АОЫ]?)(?![а-яё])[»"]*\s*[:.]?\s*/i;
const TITLE =
  /^[\s*«"]*(?:дорожн(?:ая|ой) карт|план[-\s]+(?:мероприятий|график|работы)|план\s+реализации|комплекс\s+мер|индивидуальн[а-яё]+\s+план|об?\s+утверждении\s+(?:дорожной\s+карты|плана))/i;
/** A programme's cover title («ПРОГРАММА», «Программа наставничества …»): the title when no plan title is found. */
const PROGRAMME_TITLE = /^[\s*«"]*программа(?![а-яё])/i;
/** A cover page's place, with or without the year: «г. Данилов», «г. Невьянск», «П.ЭЛЬБРУССКИЙ2022 ГОД». */
const PLACE_LINE = /^(?:г|с|п|пгт|д|ст|х|рп|р\.\s?п)\.\s?[А-ЯЁ][А-ЯЁа-яё-]+(?:[\s,]*(?:19|20)\d{2}\s*(?:г\.?|года?\.?)?)?\.?$/i;
/** The first heading of a document's body: «Содержание», «1. Пояснительная записка», «1.Общие положения.». */
const BODY_START = /^(?:[IVX1-9]{1,3}\s?\.\s?)?(?:содержание|оглавление|пояснительная записка|общие положения|паспорт программы|введение)\.?$/i;
// A surname in capitals («Е.В.ТАРАБАНОВА») is a name too.
const NAME_INITIALS_FIRST = /([А-ЯЁ]\.\s?[А-ЯЁ]\.?\s?(?:[А-ЯЁ][а-яё]+|[А-ЯЁ]{3,})(?:-[А-ЯЁ][а-яё]+)?)(?![А-ЯЁа-яё])/;
const NAME_SURNAME_FIRST = /([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+[А-ЯЁ]\.\s?[А-ЯЁ]\.?)/;
const MONTHS_GENITIVE = 'января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря';

/** «"15" сентября 2021 года», «« 30 » августа 2021 г», «15.09.2021», «08.09. 2022» → ISO date, or null. */
export function parseRuDate(text: string): IsoDate | null {
  // «от «31» 08. 2020 г.»: the day in quotes, then the month as a number.
  const quotedDay = /[«"“]\s*(\d{1,2})\s*[»"”]\s*(\d{1,2})\s*\.?\s*((?:19|20)\d{2})/.exec(text);
  if (quotedDay) return isoDate(Number(quotedDay[3]), Number(quotedDay[2]), Number(quotedDay[1]));
  const numeric = /(?<!\d)(\d{1,2})\s*\.\s*(\d{1,2})\s*\.\s*(\d{4}|\d{2})(?!\d)/.exec(text);
  if (numeric) {
    const y = numeric[3] as string;
    return isoDate(y.length === 2 ? 2000 + Number(y) : Number(y), Number(numeric[2]), Number(numeric[1]));
  }
  const worded = new RegExp(`(?<!\\d)(\\d{1,2})\\s*[»"”'’]?\\s*(${MONTHS_GENITIVE})\\s*(\\d{4})`, 'i').exec(text);
  if (worded) {
    const month = monthNumber((worded[2] as string).toLowerCase());
    return month ? isoDate(Number(worded[3]), month, Number(worded[1])) : null;
  }
  return null;
}

/** A line that is (mostly) a date, filled in or left blank. */
function isDateLine(line: string): boolean {
  if (line.length > 70 || /№|приказ/i.test(line)) return false;
  const hasYear = /(?:19|20)\d{2}|_{2,}\s*(?:г|год)/.test(line);
  const hasDay = /\d{1,2}\s*\.\s*\d{1,2}\s*\.|[«"“]\s*[\d_ ]*\s*[»"”]|_{2,}/.test(line);
  const hasMonth = new RegExp(MONTHS_GENITIVE, 'i').test(line);
  return hasYear && (hasDay || hasMonth);
}

/** The order: «№ 376/а от « 30 » августа 2021 г», «№ 202/1 от 08.09. 2022». */
const DATE_TEXT = `(?:\\d{1,2}\\s*\\.\\s*\\d{1,2}\\s*\\.\\s*(?:19|20)?\\d{2}|\\d{1,2}\\s+(?:${MONTHS_GENITIVE})\\s+\\d{4})`;
/** «от 01.09.2022 № 21/1», «03.09.2022 № 118», «от 5 октября 2023 г. N 02/311»: the date, then the number. */
const DATE_THEN_NUMBER = new RegExp(`(${DATE_TEXT})\\s*(?:г\\.?|года)?\\s*(?:№|(?<![А-ЯЁа-яё])N)\\s*([0-9][^\\s,;«»"]*)`, 'i');
/** «№ 376/а от « 30 » августа 2021 г» — but not a school's own number («МБДОУ №18», «Лицей №21»). */
const NUMBER_THEN_DATE = /(?<!(?:ОУ|СОШ|ООШ|школ[аы]|сад[а]?|лице[йя]|гимнази[ия])\s*)№\s*([0-9][^\s,;«»"]*)\s*(?:от|from)\s+(.{0,40})/i;

/** The order: «№ 376/а от « 30 » августа 2021 г», «от 01.09.2022 № 21/1», «№ 202/1 от 08.09. 2022». */
function readOrder(text: string): { number: string; date: IsoDate | null } | null {
  const clean = (n: string) => n.replace(/[.,]$/, '');
  const dated = DATE_THEN_NUMBER.exec(text);
  if (dated) return { number: clean(dated[2] as string), date: parseRuDate(dated[1] as string) };
  const m = NUMBER_THEN_DATE.exec(text);
  if (m) return { number: clean(m[1] as string), date: parseRuDate(m[2] as string) };
  return null;
}

const LABELLED_LINE = /^[А-ЯЁа-яё][А-ЯЁа-яё .,/()-]{1,60}:\s*\S/;
const ORDER_WORD = /^(?:п\s?р\s?и\s?к\s?а\s?з|распоряжение|постановление)$/i;
const ANNEX = /^приложение(?:\s*(?:№|N)?\s*(\d+[а-я]?))?(?![а-яё])/i;
const TO_ORDER = /(?:^|\s)к\s+(?:приказу|распоряжению|постановлению|решению)/i;

/**
 * The order the roadmap is or is annexed to: «ПРИКАЗ» with its number and date on the next lines (and
 * the authority above it), or «Приложение № 2 к приказу от … № …».
 */
export function readOrderHeader(lines: readonly string[]): ImportedOrder | null {
  for (const [i, line] of lines.entries()) {
    const annex = ANNEX.exec(line);
    if (annex) {
      // «Приложение 1 / к приказу / Министерства … / от 6 февраля 2023 г. N 01/288»: up to six lines.
      let end = i + 1;
      while (end < lines.length && end < i + 6 && !readOrder(lines.slice(i, end).join(' ')) && !TITLE.test(lines[end] as string)) end++;
      const text = lines.slice(i, end).join(' ');
      const to = TO_ORDER.exec(text);
      if (!to) continue;
      const order = readOrder(text.slice(to.index));
      if (!order) continue;
      return { number: order.number, date: order.date, annex: annex[1] ?? '', authority: '', signer: null, text: lines.slice(i, end).join('\n') };
    }
    if (ORDER_WORD.test(line.replace(/\s+/g, ' ').trim())) {
      const next = lines.slice(i + 1, i + 3).join(' ');
      const order = readOrder(next);
      if (!order) continue;
      const above: string[] = [];
      for (let k = i - 1; k >= 0 && above.length < 3; k--) {
        const l = lines[k] as string;
        if (KEYWORD.test(l) || l.length > 200) break;
        above.unshift(l);
      }
      return {
        number: order.number,
        date: order.date,
        annex: '',
        authority: above.join(' '),
        signer: null,
        text: [line, ...lines.slice(i + 1, i + 3)].join('\n'),
      };
    }
  }
  return null;
}

/** «Начальник управления образования И.О. Фамилия» at the end of the document: who signed the order. */
export function readSigner(lines: readonly string[]): { position: string; name: string } | null {
  for (let i = lines.length - 1; i >= Math.max(0, lines.length - 4); i--) {
    const line = (lines[i] as string).trim();
    if (line.length > 160) continue;
    const name = readName(line);
    if (!name) continue;
    const at = line.lastIndexOf(name.split(/\s/)[0] as string);
    let position = (at > 0 ? line.slice(0, at) : '').replace(/[_/\s]+$/, '').trim();
    if (!position && i > 0) position = (lines[i - 1] as string).trim();
    if (/^(?:начальник|директор|заведующ|руководител|министр|глава|председател|заместител|и\.\s?о\.)/i.test(position)) return { position, name };
  }
  return null;
}

/** The name on a signature line («_____/И.И.Варламова», «_____ С.В. Бем») or at the end of a line. */
function readName(line: string): string | null {
  const stripped = line
    .replace(/[_/\\]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const m = NAME_INITIALS_FIRST.exec(stripped) ?? NAME_SURNAME_FIRST.exec(stripped);
  if (!m) return null;
  return (m[1] as string).trim();
}

/** Where a position ends and the organisation begins: «Директор | МОБУ Гимназия». */
const ORG_ABBREVIATIONS = 'МБОУ|МОБУ|МАОУ|МКОУ|МОУ|МБУ|МАУ|МКУ|ГБОУ|ГАОУ|ГОУ|ГБПОУ|ГАПОУ|ГПОУ|ОГБОУ|КГБОУ|ЧОУ|АНО|МБДОУ|МАДОУ|МДОУ|МКДОУ|ГБУ|ФГБОУ';
const NOT_LETTER = '(?![А-ЯЁа-яё])';
const ORG_START = new RegExp(
  `(?:^|\\s)(?=(?:${ORG_ABBREVIATIONS})${NOT_LETTER}|(?:управлени|комитет|отдел(?:а|е|у)?${NOT_LETTER}|департамент|министерств|администраци|гимнази|лице[йяюе]|школ[аыеу]|учреждени|центр(?:а|у)?${NOT_LETTER}))`,
  'i',
);

function splitPosition(text: string): { position: string; organization: string } {
  const m = ORG_START.exec(text);
  if (!m) return { position: text.trim(), organization: '' };
  if (m.index === 0 && m[0] === '') return { position: '', organization: text.trim() };
  const at = m.index + m[0].length;
  return { position: text.slice(0, at).trim(), organization: text.slice(at).trim() };
}

const GENITIVE_POSITIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^директора(?![а-яё])/i, 'Директор'],
  [/^заведующего(?![а-яё])/i, 'Заведующий'],
  [/^начальника(?![а-яё])/i, 'Начальник'],
  [/^руководителя(?![а-яё])/i, 'Руководитель'],
  [/^председателя(?![а-яё])/i, 'Председатель'],
];

const NOISE_LINE = /^(?:\(?\s*(?:подпись|расшифровка(?:\s+подписи)?|ф\.?\s?и\.?\s?о\.?|дата)\s*\)?[\s_]*)+$|^м\.?\s?п\.?$/i;

interface Block {
  heading: string;
  lines: string[];
}

function readBlock(block: Block): ImportedApproval | ImportedAgreement {
  const agreement = /^согласован/i.test(block.heading);
  let name = '';
  let dateText = '';
  let date: IsoDate | null = null;
  let orderText = '';
  let order: { number: string; date: IsoDate | null } | null = null;
  const positionLines: string[] = [];
  let orderIssuer = '';

  let consumed = -1;
  for (const [i, line] of block.lines.entries()) {
    if (i === consumed) continue;
    // «СОГЛАСОВАНО / Протокол № 1 / заседания Педагогического совета»: an agreement has no order of its
    // own; the council's minutes name who agreed (their date, if on the line, is the agreement's date).
    if (agreement && /^протокол(?![а-яё])/i.test(line)) {
      const dated = /\s+от\s+(.+)$/i.exec(line);
      positionLines.push((dated ? line.slice(0, dated.index) : line).trim());
      const d = dated ? parseRuDate(dated[1] as string) : null;
      if (d && !date) {
        date = d;
        dateText = (dated as RegExpExecArray)[1] as string;
      }
      continue;
    }
    const ordered = /^(?:приказом|приказ|распоряжением|постановлением|решением|протокол(?:ом)?)(?![а-яё])/i.exec(line);
    if (ordered || (/^№/.test(line) && readOrder(line))) {
      orderText = orderText ? `${orderText} ${line}` : line;
      if (ordered) {
        const rest = line
          .slice(ordered[0].length)
          .replace(/\s*№\s*[0-9][^\s,;«»"]*\s*от\s.*$/i, '')
          .trim();
        if (rest) orderIssuer = rest;
        // «приказом директора» + «МБОУ «СШ № 25»» on the next line.
        const next = block.lines[i + 1];
        const issuerHasOrganization = splitPosition(rest).organization !== '';
        if (rest && next && !issuerHasOrganization && !/^№/.test(next) && !readName(next) && !isDateLine(next) && splitPosition(next).position === '') {
          orderIssuer = `${rest} ${next}`;
          orderText = `${orderText} ${next}`;
          consumed = i + 1;
        } else if (rest && next && issuerHasOrganization && PLACE_LINE.test(next)) {
          // «приказом по МАОУ СОШ № 6» + «г. Невьянска»: the organisation's town.
          orderIssuer = `${rest} ${next}`;
          orderText = `${orderText} ${next}`;
          consumed = i + 1;
        }
      }
      order ??= readOrder(orderText);
      continue;
    }
    if (!line) continue;
    // «(подпись)», «(расшифровка подписи)», «М.П.»: the form's labels, not the signer's words.
    if (NOISE_LINE.test(line)) continue;
    if (isDateLine(line) && !dateText) {
      dateText = line;
      date = parseRuDate(line);
      continue;
    }
    // «С.М. Палкиной от 01.04.2022 № 42-ОД»: the order on the signer's line.
    if (/(?:^|\s)от\s/i.test(line) && readOrder(line)) {
      if (!order) {
        orderText = orderText ? `${orderText} ${line}` : line;
        order = readOrder(orderText) ?? readOrder(line);
      }
      // «От 03.09.2021 года № 78-Д» on a line of its own: the order, nobody's position.
      if (/^от\s/i.test(line)) continue;
    }
    const lineName = readName(line);
    if (lineName) {
      // «_____/И.И.Варламова», «Директор школы ______ Иванова А.А.»: the name, and the position before it.
      name ||= lineName;
      const at = line.lastIndexOf(lineName.split(/\s/)[0] as string);
      const before = (at > 0 ? line.slice(0, at) : '').replace(/[_/\s]+$/, '').trim();
      if (/[А-ЯЁа-яё]{2,}/.test(before)) positionLines.push(before);
      continue;
    }
    if (/^[_\s/]+$/.test(line)) continue;
    positionLines.push(line);
  }
  order ??= orderText ? readOrder(orderText) : null;

  let { position, organization } = splitPosition(positionLines.join(' ').replace(/[\s:.,_]+$/, ''));
  // «ДИРЕКТОР ШКОЛЫ», «Директор гимназии»: a bare word for the organisation belongs to the position.
  if (position && /^(?:школ[аыеу]|гимнази[ия]|лице[йя]|учреждени[ея]|центра?|детского сада)$/i.test(organization)) {
    position = `${position} ${organization}`;
    organization = '';
  }
  if (!position && orderIssuer) {
    const issuer = splitPosition(orderIssuer);
    const genitive = GENITIVE_POSITIONS.find(([re]) => re.test(issuer.position));
    position = genitive ? genitive[1] : issuer.position;
    organization ||= issuer.organization;
  } else if (!organization && orderIssuer) {
    organization = splitPosition(orderIssuer).organization;
  }
  const text = [block.heading, ...block.lines.filter(Boolean)].join('\n');
  if (agreement) {
    return { kind: 'agreement', heading: block.heading, position, authority: organization, name, date, dateText, text };
  }
  return {
    kind: 'approval',
    heading: block.heading,
    position,
    organization,
    name,
    date,
    dateText,
    orderNumber: order?.number ?? '',
    orderDate: order?.date ?? null,
    orderText,
    text,
  };
}

/** Academic years run September–August: «2021-2024» is 2021-09-01 … 2024-08-31. */
export function readPeriod(text: string): { period: ImportedPeriod; at: number } | null {
  // «(сентябрь 2023 г. – май 2025 г.)»: from the first day of one month to the last of the other.
  const months = new RegExp(
    `(?<![а-яё])(январ[ья]|феврал[ья]|март[а]?|апрел[ья]|ма[йя]|июн[ья]|июл[ья]|август[а]?|сентябр[ья]|октябр[ья]|ноябр[ья]|декабр[ья])\\s+(20\\d{2})\\s*(?:г\\.|года?)?\\s*[-–—]\\s*(январ[ья]|феврал[ья]|март[а]?|апрел[ья]|ма[йя]|июн[ья]|июл[ья]|август[а]?|сентябр[ья]|октябр[ья]|ноябр[ья]|декабр[ья])\\s+(20\\d{2})\\s*(?:г\\.|года?)?`,
    'i',
  ).exec(text);
  if (months) {
    const m1 = monthNumber((months[1] as string).toLowerCase());
    const m2 = monthNumber((months[3] as string).toLowerCase());
    const y1 = Number(months[2]);
    const y2 = Number(months[4]);
    if (m1 && m2 && (y2 > y1 || (y2 === y1 && m2 >= m1))) {
      const last = new Date(Date.UTC(y2, m2, 0)).getUTCDate();
      return {
        period: { periodStart: isoDate(y1, m1, 1) as IsoDate, periodEnd: isoDate(y2, m2, last) as IsoDate, text: months[0].trim(), source: 'document' },
        at: months.index,
      };
    }
  }
  // «с 01.12.2020 г. по 28.05.2021 г.», «01.09.2023 – 31.05.2024»: the dates themselves.
  const dates = /(?<!\d)(\d{1,2}\.\d{1,2}\.(?:19|20)\d{2})\s*(?:г\.?)?\s*(?:[-–—]|по|до)\s*(\d{1,2}\.\d{1,2}\.(?:19|20)\d{2})/i.exec(text);
  if (dates) {
    const from = parseRuDate(dates[1] as string);
    const to = parseRuDate(dates[2] as string);
    if (from && to && from <= to) return { period: { periodStart: from, periodEnd: to, text: dates[0].trim(), source: 'document' }, at: dates.index };
  }
  // «на 2022–2025 годы», «в 2024–2025 годах», «на 2021-2024 гг.»: calendar years.
  const calendar = /(?<!\d)(20\d{2})\s*[-–—]\s*(20\d{2})\s*(?:годы|годах|годов|гг\.?|г\.\s?г\.?)(?![а-яё])/i.exec(text);
  if (calendar) {
    const from = Number(calendar[1]);
    const to = Number(calendar[2]);
    if (to > from && to - from <= 10) {
      return { period: { periodStart: `${from}-01-01`, periodEnd: `${to}-12-31`, text: calendar[0].trim(), source: 'document' }, at: calendar.index };
    }
  }
  const academic = /(?<!\d)(20\d{2})\s*[-–—/]\s*(20\d{2})\s*(?:уч(?:ебн(?:ый|ого|ом)|\.)\s*(?:год|г\.?)|гг?\.?|годы|годов|год)?/i;
  const m = academic.exec(text);
  if (m) {
    const from = Number(m[1]);
    const to = Number(m[2]);
    if (to > from && to - from <= 10) {
      return {
        period: { periodStart: `${from}-09-01`, periodEnd: `${to}-08-31`, text: m[0].trim(), source: 'document' },
        at: m.index,
      };
    }
  }
  const single = /на\s+(20\d{2})\s*(?:год|г\.)/i.exec(text);
  if (single) {
    const y = Number(single[1]);
    return { period: { periodStart: `${y}-01-01`, periodEnd: `${y}-12-31`, text: single[0].trim(), source: 'document' }, at: single.index };
  }
  return null;
}

/** The first «…» (balanced, nested quotes allowed) starting at or after `from`. */
function quotedAfter(text: string, from: number): { value: string; start: number; end: number } | null {
  const open = text.indexOf('«', from);
  if (open < 0) return null;
  let depth = 0;
  for (let i = open; i < text.length && i < open + 300; i++) {
    const ch = text[i];
    if (ch === '«') depth++;
    else if (ch === '»') {
      depth--;
      if (depth === 0) return { value: text.slice(open + 1, i).trim(), start: open, end: i + 1 };
    }
  }
  return null;
}

/**
 * «наставничества «Вместе»», «наставничества с одаренными … детьми «Вместе по лестнице успеха»»,
 * «программа «…»». `strict` (for running text outside the title) only takes «программа … «…»».
 */
export function readProgrammeName(text: string, strict = false): string {
  const re = strict ? /программ[а-я]*(?:\s+наставничества)?\s*(?=«)/gi : /наставничеств[а-я]*|программ[а-я]*/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const q = quotedAfter(text, m.index + m[0].length);
    if (!q) return '';
    const between = text.slice(m.index + m[0].length, q.start);
    if (between.length > 120 || between.includes('\n')) continue;
    // Not an organisation's name («… учреждения «Гимназия»», «в МБОУ «Лицей №21»»), a form of
    // mentorship («в направлении «Учитель – учитель»») or a document («Об утверждении …»).
    const before = new RegExp(
      `(?:${ORG_ABBREVIATIONS}|учреждени[а-я]*|школ[а-я]*|лице[а-я]*|гимнази[а-я]*|центр[а-я]*|положени[а-я]*|приказ[а-я]*|направлени[а-я]*|форм[а-я]*)\\s*$`,
      'i',
    );
    if (before.test(between)) continue;
    if (/^об?\s/i.test(q.value)) continue;
    return q.value;
  }
  return '';
}

/** «МБОУ «Лицей №21»», «МОБУ Гимназия» … from a text. */
export function readOrganization(text: string): string {
  const abbr = /(?:^|[\s(])((?:МБОУ|МОБУ|МАОУ|МКОУ|МБУ|МАУ|ГБОУ|ГАОУ|ГБПОУ|ГАПОУ|ОГБОУ|КГБОУ|ЧОУ|МБДОУ|МАДОУ|МБОУ ДО|МАОУ ДО|МБУ ДО|МАУ ДО)\s*)/.exec(text);
  if (!abbr) return '';
  const start = (abbr.index ?? 0) + abbr[0].length - (abbr[1] as string).length;
  const afterAbbr = start + (abbr[1] as string).length;
  const q = quotedAfter(text, afterAbbr);
  if (q && q.start - afterAbbr <= 3) return text.slice(start, q.end).trim();
  const word = /^[А-ЯЁ][^\s,;]*/.exec(text.slice(afterAbbr));
  return word ? text.slice(start, afterAbbr + word[0].length).trim() : '';
}

/**
 * Reads the header from the paragraphs before the table. Blocks are cut at the next keyword or the
 * title; the approval of the roadmap is the last one before the title (an order may carry several).
 */
export function readHeader(paragraphs: readonly string[]): ImportedHeader {
  const lines = paragraphs
    .flatMap((p) => p.split('\n'))
    .map((l) => l.replace(/\*{2,}/g, '').trim())
    .filter(Boolean);

  // The title: the last line starting «Дорожная карта» / «План мероприятий», with the lines after it.
  let titleAt = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (TITLE.test(lines[i] as string) && (lines[i] as string).length < 600) {
      titleAt = i;
      break;
    }
  }
  // A programme with its plan inside has no plan title before a table: its cover title («ПРОГРАММА …») is
  // the first line naming the programme.
  if (titleAt < 0) titleAt = lines.findIndex((l) => PROGRAMME_TITLE.test(l) && l.length < 300);
  const titleLines: string[] = [];
  if (titleAt >= 0) {
    for (let i = titleAt; i < lines.length && titleLines.length < 8; i++) {
      const line = lines[i] as string;
      // The title ends at the next block: a grif, an annex or order line, a labelled line («Форма: …»), the
      // cover page's place and year («г. Данилов», «П.ЭЛЬБРУССКИЙ2022 ГОД») or the body's first heading.
      if (
        i > titleAt &&
        (KEYWORD.test(line) || ANNEX.test(line) || ORDER_WORD.test(line) || LABELLED_LINE.test(line) || PLACE_LINE.test(line) || BODY_START.test(line))
      )
        break;
      titleLines.push(line);
    }
  }
  const title = titleLines.join(' ').replace(/\s+/g, ' ').trim();

  // Approval and agreement blocks: anywhere but in the title (a sheet may hold them beside it).
  const titleEnd = titleAt >= 0 ? titleAt + titleLines.length : -1;
  const blocks: Array<ImportedApproval | ImportedAgreement> = [];
  const beforeTitle: boolean[] = [];
  let current: Block | null = null;
  let currentBefore = true;
  const close = () => {
    if (current) {
      blocks.push(readBlock(current));
      beforeTitle.push(currentBefore);
    }
    current = null;
  };
  for (let i = 0; i < lines.length; i++) {
    if (i >= titleAt && i < titleEnd) {
      close();
      continue;
    }
    const line = lines[i] as string;
    const k = KEYWORD.exec(line);
    if (k && line.length < 200) {
      close();
      // «ПРИНЯТО на педагогическом совете» ends a block but is not an approval of the roadmap.
      if (/^принят/i.test(k[1] as string)) continue;
      current = { heading: (k[1] as string).toUpperCase(), lines: [] };
      currentBefore = titleAt < 0 || i < titleAt;
      const rest = line.slice(k[0].length).trim();
      if (rest) current.lines.push(rest);
      continue;
    }
    if (!current) continue;
    const block: Block = current;
    // A block is short; a long line or a quoted order title («Об утверждении …») ends it.
    if (line.length > 160 || block.lines.length >= 8 || /^«\s*об?\s/i.test(line)) {
      close();
      continue;
    }
    block.lines.push(line);
  }
  close();

  // The roadmap's own blocks: the last ones before its title, else the first ones after it.
  const pick = <T extends ImportedApproval | ImportedAgreement>(kind: T['kind']): T | null => {
    const indexed = blocks.map((b, i) => ({ b, before: beforeTitle[i] })).filter((x) => x.b.kind === kind);
    const before = indexed.filter((x) => x.before);
    return ((before[before.length - 1] ?? indexed[0])?.b as T | undefined) ?? null;
  };
  const approval = pick<ImportedApproval>('approval');
  const agreement = pick<ImportedAgreement>('agreement');

  const all = lines.join('\n');
  const programmeName = readProgrammeName(title) || readProgrammeName(all, true);
  const organization = approval?.organization || readOrganization(title) || readOrganization(all);
  // The title's period, else one stated on a line of its own («Срок осуществления плана: с … по …»).
  const periodMatch =
    readPeriod(title) ??
    lines
      .filter((l) => /^(?:срок|период)/i.test(l) && l.length < 200)
      .map((l) => readPeriod(l))
      .find(Boolean) ??
    null;

  return { title, organization, programmeName, period: periodMatch?.period ?? null, approval, agreement, order: readOrderHeader(lines), blocks };
}
