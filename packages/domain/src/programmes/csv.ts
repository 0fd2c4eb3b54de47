// The browser builds of csv-parse and csv-stringify: the domain also runs in the admin (Vite), and
// the Node entries (`csv-parse/sync`) rely on Node's global Buffer.
import { CsvError, parse } from 'csv-parse/browser/esm/sync';
import { stringify } from 'csv-stringify/browser/esm/sync';

export const CSV_MESSAGES_RU = {
  quoteNotClosed: 'Файл CSV: кавычка в начале ячейки не закрыта до конца файла — проверьте кавычки или сохраните файл из Excel заново',
  unreadable: (line: number) => `Файл CSV: строка ${line} не прочитана — сохраните файл из Excel как «CSV UTF-8 (разделитель — точка с запятой)»`,
} as const;

/** A CSV text that cannot be read as a table; the message is for the user. */
export class CsvFormatError extends Error {
  override readonly name = 'CsvFormatError';
}

/** The separators a file may use: «;» (Excel in a Russian locale) first, so it wins a tie. */
const DELIMITERS = [';', ','] as const;

const OPTIONS = {
  bom: true,
  // Rows may be shorter or longer than the header (the readers report missing cells per row).
  relax_column_count: true,
  // A quote inside an unquoted cell (Школа "Ромашка") is text, as Excel writes it.
  relax_quotes: true,
} as const;

/**
 * The separator of a file: the header record is parsed with each candidate and the one giving more
 * columns wins (quoted headers such as "Фамилия, имя, отчество" count as one). csv-parse's own
 * `delimiter_auto` is not used: it counts characters across the text without quotes and fails on
 * non-ASCII text; a list in `delimiter` would split on both, breaking «;» files with commas in cells.
 */
function detectDelimiter(text: string): string {
  // The parser reads on to the end even with `to`; a header is far shorter than this.
  const head = text.slice(0, 64 * 1024);
  let best: string = DELIMITERS[0];
  let bestCount = 0;
  for (const delimiter of DELIMITERS) {
    let count: number;
    try {
      count = (parse(head, { ...OPTIONS, delimiter, to: 1 })[0] ?? []).length;
    } catch {
      count = 0;
    }
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}

/**
 * CSV as Excel writes it in a Russian locale (BOM, «;» or «,», quotes with `""` inside, line breaks
 * inside quoted cells, CRLF, LF or CR); UTF-8 text. Each line is a row of cell texts; an empty line
 * is `['']`. Throws `CsvFormatError` (a Russian message) for text that is not a table.
 */
export function parseCsv(text: string): string[][] {
  try {
    return parse(text, { ...OPTIONS, delimiter: detectDelimiter(text) });
  } catch (error) {
    if (error instanceof CsvError && error.code === 'CSV_QUOTE_NOT_CLOSED') throw new CsvFormatError(CSV_MESSAGES_RU.quoteNotClosed);
    const line = error instanceof CsvError && typeof error['lines'] === 'number' ? error['lines'] : 1;
    throw new CsvFormatError(CSV_MESSAGES_RU.unreadable(line));
  }
}

/**
 * A table as CSV for Excel in a Russian locale: UTF-8 with BOM, «;» between cells, CRLF after every
 * line, quotes only where a cell needs them (csv-stringify, the writer of the csv-parse project).
 */
export function writeCsv(rows: ReadonlyArray<ReadonlyArray<string>>): string {
  return `\ufeff${stringify(rows as string[][], { delimiter: ';', record_delimiter: '\r\n', quoted_match: /[\r\n]/ })}`;
}
