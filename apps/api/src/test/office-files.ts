import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { strToU8, zipSync } from 'fflate';
import { sofficeConvert } from './corpus-files.js';
import { findSoffice } from '../engine/files/libreoffice.js';

/** A real .docx, as Word would open it (written by the `docx` library). */
export async function realDocx(text = 'Протокол заседания'): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph(text)] }] }));
}

/** A .docx whose document part is `megabytes` of zeros: a few KB packed, a ZIP bomb unpacked. */
export function zipBombDocx(megabytes = 8): Buffer {
  return Buffer.from(
    zipSync({ '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types/>'), 'word/document.xml': new Uint8Array(megabytes * 1024 * 1024) }, { level: 9 }),
  );
}

/** The smallest .docx with the parts Word needs to name the format (a few hundred bytes). */
export function minimalDocx(text = 'Протокол'): Buffer {
  return Buffer.from(
    zipSync({
      '[Content_Types].xml': strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
      'word/document.xml': strToU8(
        `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`,
      ),
    }),
  );
}

/** The roadmap of `roadmapDocx`, as the import should read it. */
export const OFFICE_ROADMAP = {
  approval: ['УТВЕРЖДАЮ', 'Директор МБОУ «СОШ № 7»', '_________ / А.В. Петрова', 'Приказ № 85-од от 30.08.2024'],
  title: ['Дорожная карта', 'реализации программы наставничества «Вместе» в МБОУ «СОШ № 7» на 2024–2025 учебный год'],
  headings: ['№', 'Наименование мероприятия', 'Срок', 'Ответственный', 'Результат'],
  section: 'Организационный этап',
  items: [
    ['1.1', 'Издание приказа о внедрении программы наставничества', 'до 10.09.2024', 'директор А.В. Петрова', 'Приказ'],
    ['1.2', 'Назначение куратора программы', 'до 15.09.2024', 'директор А.В. Петрова', 'Приказ о назначении'],
    ['1.3', 'Формирование базы наставников и наставляемых', 'Сентябрь–октябрь 2024', 'куратор И.С. Орлова', 'База наставников'],
    ['1.4', 'Итоговая конференция наставнических пар', 'май 2025', 'куратор И.С. Орлова', 'Отчёт о реализации'],
  ],
} as const;

/**
 * A roadmap as a school writes it in Word (written by the `docx` library): the approval block, the
 * title, a table «№ | Наименование мероприятия | Срок | Ответственный | Результат» with a section row
 * and four items. LibreOffice turns it into the .doc, .rtf and .odt twins of the import tests.
 */
export async function roadmapDocx(): Promise<Buffer> {
  // Widths in twips (a grid Word writes too): without them LibreOffice's .doc export loses the table.
  const widths = [700, 3300, 1600, 1900, 1800];
  const cell = (text: string, column: number, columnSpan = 1) =>
    new TableCell({
      children: [new Paragraph(text)],
      width: { size: widths.slice(column, column + columnSpan).reduce((a, b) => a + b, 0), type: WidthType.DXA },
      ...(columnSpan > 1 ? { columnSpan } : {}),
    });
  const r = OFFICE_ROADMAP;
  const table = new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ children: r.headings.map((heading, column) => cell(heading, column)) }),
      new TableRow({ children: [cell('1', 0), cell(r.section, 1, 4)] }),
      ...r.items.map((item) => new TableRow({ children: item.map((text, column) => cell(text, column)) })),
    ],
  });
  return Packer.toBuffer(
    new Document({
      sections: [
        {
          children: [
            ...r.approval.map((line) => new Paragraph({ text: line, alignment: AlignmentType.RIGHT })),
            new Paragraph(''),
            ...r.title.map((line) => new Paragraph({ children: [new TextRun({ text: line, bold: true })], alignment: AlignmentType.CENTER })),
            new Paragraph(''),
            table,
          ],
        },
      ],
    }),
  );
}

/** The roadmap of `multiTableDocx`, as the import should read it. */
export const MULTI_TABLE_ROADMAP = {
  title: ['План мероприятий (дорожная карта)', 'по реализации программы наставничества «Шаг вперёд» в МБОУ «Гимназия № 3» на 2025–2026 учебный год'],
  headings: ['№ п/п', 'Мероприятие', 'Срок', 'Ответственный', 'Результат'],
  sections: [
    {
      number: '1.',
      title: 'Подготовительный этап',
      items: [
        ['1.1.', 'Издание приказа о программе наставничества', 'до 05.09.2025', 'директор Н.П. Соколова', 'Приказ'],
        ['1.2.', 'Анкетирование педагогов о профессиональных затруднениях', 'сентябрь 2025', 'педагог-психолог О.В. Ким', 'Аналитическая справка'],
      ],
    },
    {
      number: '2.',
      title: 'Основной этап',
      items: [
        ['2.1.', 'Закрепление наставнических пар', 'до 01.10.2025', 'куратор Т.А. Белова', 'Приказ о закреплении пар'],
        ['2.2.', 'Открытые уроки наставников для наставляемых', 'октябрь 2025 – апрель 2026', 'куратор Т.А. Белова', 'Планы и анализ уроков'],
        ['2.3.', 'Промежуточная встреча наставнических пар', 'январь 2026', 'заместитель директора И.Р. Гусев', 'Протокол встречи'],
      ],
    },
    {
      number: '3.',
      title: 'Итоговый этап',
      items: [
        ['3.1.', 'Итоговая конференция наставнических пар', 'май 2026', 'куратор Т.А. Белова', 'Отчёт о реализации программы'],
        ['3.2.', 'Размещение итогов на сайте гимназии', 'июнь 2026', 'куратор Т.А. Белова', 'Публикация на сайте'],
      ],
    },
  ],
} as const;

/**
 * A roadmap as schools often build it in Word: every section a separate table right below the one
 * before, each with its own column widths (the first one holds the heading row too). The first
 * section's row is one merged cell, the others have the number in the «№» column and the title over
 * the rest, and the last section's responsible is one cell merged down over its two items. Saved as
 * .doc (or .rtf, .odt) and converted back to .docx, LibreOffice joins these tables into one over the
 * union of their grids.
 */
export async function multiTableDocx(): Promise<Buffer> {
  const r = MULTI_TABLE_ROADMAP;
  // Twips; every table as wide as the page's text, the columns of each drawn by hand.
  const widths = [
    [800, 3600, 1500, 1900, 1800],
    [1100, 3100, 1700, 2000, 1700],
    [1300, 3900, 1300, 1700, 1400],
  ];
  const cell = (text: string, columns: readonly number[], column: number, options: { columnSpan?: number; rowSpan?: number } = {}) =>
    new TableCell({
      children: [new Paragraph(text)],
      width: { size: columns.slice(column, column + (options.columnSpan ?? 1)).reduce((a, b) => a + b, 0), type: WidthType.DXA },
      ...options,
    });
  const table = (columns: readonly number[], rows: TableRow[]) =>
    new Table({ width: { size: columns.reduce((a, b) => a + b, 0), type: WidthType.DXA }, columnWidths: [...columns], rows });
  const item = (columns: readonly number[], texts: readonly string[], merged: Record<number, number> = {}) =>
    new TableRow({
      children: texts.flatMap((text, column) => (merged[column] === 0 ? [] : [cell(text, columns, column, merged[column] ? { rowSpan: merged[column] } : {})])),
    });
  const [first, second, third] = r.sections;
  const [w1, w2, w3] = widths as [number[], number[], number[]];
  return Packer.toBuffer(
    new Document({
      sections: [
        {
          children: [
            ...r.title.map((line) => new Paragraph({ children: [new TextRun({ text: line, bold: true })], alignment: AlignmentType.CENTER })),
            new Paragraph(''),
            table(w1, [
              new TableRow({ children: r.headings.map((heading, column) => cell(heading, w1, column)) }),
              new TableRow({ children: [cell(`${first.number} ${first.title}`, w1, 0, { columnSpan: 5 })] }),
              ...first.items.map((texts) => item(w1, texts)),
            ]),
            table(w2, [
              new TableRow({ children: [cell(second.number, w2, 0), cell(second.title, w2, 1, { columnSpan: 4 })] }),
              ...second.items.map((texts) => item(w2, texts)),
            ]),
            table(w3, [
              new TableRow({ children: [cell(third.number, w3, 0), cell(third.title, w3, 1, { columnSpan: 4 })] }),
              // The responsible of both items written once, in a cell merged down over the two rows.
              item(w3, third.items[0], { 3: 2 }),
              item(w3, third.items[1], { 3: 0 }),
            ]),
          ],
        },
      ],
    }),
  );
}

/** Printed when the .doc/.rtf/.odt tests cannot run here (CI fails instead: it must have LibreOffice). */
export const LIBREOFFICE_MISSING_NOTE = 'LibreOffice не установлен — тесты .doc/.rtf/.odt не запускались';

/**
 * LibreOffice's `soffice` for the conversion tests, or null: they are skipped then, saying so — except
 * on CI (`CI=true`), where a missing LibreOffice fails the suite (`.ci/run` installs it through
 * scripts/ensure-test-tools.mjs libreoffice).
 */
export async function libreOfficeForTests(): Promise<string | null> {
  const soffice = await findSoffice(null);
  if (soffice) return soffice;
  if (process.env.CI === 'true') throw new Error(`${LIBREOFFICE_MISSING_NOTE}: CI must have it (node scripts/ensure-test-tools.mjs libreoffice)`);
  console.warn(LIBREOFFICE_MISSING_NOTE);
  return null;
}

/**
 * The .doc, .rtf and .odt twins of a .docx, written by LibreOffice itself (one `soffice` run per
 * format, each with its own profile, all in one temporary directory that is removed afterwards).
 * The .doc is written from the .odt twin: LibreOffice 7.4 writing a `docx`-library table straight to
 * .doc loses its cell marks (the table reads back as one paragraph), through .odt it keeps them.
 */
export async function officeTwins(soffice: string, docx: Uint8Array): Promise<Record<'doc' | 'rtf' | 'odt', Uint8Array>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nastavnik-twins-'));
  const convert = async (from: string, format: 'doc' | 'rtf' | 'odt') => {
    const out = path.join(dir, format);
    await sofficeConvert(soffice, dir, `profile-${format}`, format, out, [from]);
    return path.join(out, `${path.basename(from).replace(/\.[a-z]+$/, '')}.${format}`);
  };
  try {
    await writeFile(path.join(dir, 'roadmap.docx'), docx);
    const odt = await convert(path.join(dir, 'roadmap.docx'), 'odt');
    const [doc, rtf] = [await convert(odt, 'doc'), await convert(path.join(dir, 'roadmap.docx'), 'rtf')];
    return { doc: new Uint8Array(await readFile(doc)), rtf: new Uint8Array(await readFile(rtf)), odt: new Uint8Array(await readFile(odt)) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
