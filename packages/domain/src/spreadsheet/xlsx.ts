import { strToU8, zipSync, type Zippable } from 'fflate';

/**
 * The one XLSX (SpreadsheetML) writer, over fflate: a book of one or more sheets, inline strings,
 * real dates (ДД.ММ.ГГГГ), a bold header row with a filter and frozen above the data, column
 * widths; a `textOnly` sheet keeps every cell text (import templates). Enough for summary tables
 * and templates; no dependency tree of a full spreadsheet library. Pure (bytes in memory), so the
 * API's reports and templates and the admin's «Скачать XLSX» under any table write the same files.
 */

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type SheetValue = string | number | { date: string } | null;

export interface WorkbookSheet {
  /** The sheet's tab (cut to 31 characters, without []:*?/\; made unique in the book). */
  name: string;
  /** Lines above the table (the first one bold). */
  heading?: string[];
  columns: Array<{ label: string; width: number }>;
  rows: SheetValue[][];
  /** Lines below the table. */
  footer?: string[];
  /**
   * Every cell is text, formatted «@» (numFmt 49), and so are the cells a person types into these
   * columns later: Excel keeps «14.03.2012» and «+7 900…» as typed instead of making a date or a number.
   */
  textOnly?: boolean;
}

export interface WorkbookSpec {
  /** Document properties. */
  title: string;
  createdAt: Date;
  sheets: WorkbookSheet[];
}

/** One sheet with the document properties (the reports' and the admin tables' case). */
export interface SheetSpec extends WorkbookSheet {
  heading: string[];
  title: string;
  createdAt: Date;
}

const escape = (value: string) =>
  value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // Control characters are not allowed in XML 1.0.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/** A, B, …, Z, AA, … */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Days since 1899-12-30 (Excel's serial date). */
export function excelDate(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

/** Cell styles (xl/styles.xml cellXfs order). */
const STYLE = { plain: 0, heading: 1, header: 2, text: 3, date: 4, number: 5, note: 6, textOnly: 7 } as const;

const STYLES_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="1"><numFmt numFmtId="164" formatCode="dd\\.mm\\.yyyy"/></numFmts>
<fonts count="4">
<font><sz val="11"/><name val="Times New Roman"/><family val="1"/><charset val="204"/></font>
<font><b/><sz val="13"/><name val="Times New Roman"/><family val="1"/><charset val="204"/></font>
<font><b/><sz val="11"/><name val="Times New Roman"/><family val="1"/><charset val="204"/></font>
<font><i/><sz val="10"/><name val="Times New Roman"/><family val="1"/><charset val="204"/></font>
</fonts>
<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFD9D9D9"/><bgColor indexed="64"/></patternFill></fill></fills>
<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="8">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>
<xf numFmtId="0" fontId="2" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>
<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>
<xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="top"/></xf>
<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="top"/></xf>
<xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1"/>
<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`;

const ruDate = (iso: string) => iso.split('-').reverse().join('.');

function cell(ref: string, value: SheetValue, style: number): string {
  if (value === null || value === '') return `<c r="${ref}" s="${style}"/>`;
  if (style === STYLE.textOnly) {
    const text = typeof value === 'object' ? ruDate(value.date) : String(value);
    return `<c r="${ref}" s="${style}" t="inlineStr"><is><t xml:space="preserve">${escape(text)}</t></is></c>`;
  }
  if (typeof value === 'number') return `<c r="${ref}" s="${style === STYLE.text ? STYLE.number : style}"><v>${value}</v></c>`;
  if (typeof value === 'object') return `<c r="${ref}" s="${STYLE.date}"><v>${excelDate(value.date)}</v></c>`;
  return `<c r="${ref}" s="${style}" t="inlineStr"><is><t xml:space="preserve">${escape(value)}</t></is></c>`;
}

/** Where a sheet's table lies: the header row and the last data row (1-based), the last column. */
function tableRange(sheet: WorkbookSheet) {
  const headerRow = sheet.heading?.length ? sheet.heading.length + 2 : 1;
  return { headerRow, lastRow: headerRow + sheet.rows.length, lastColumn: columnName(Math.max(sheet.columns.length, 1) - 1) };
}

function sheetXml(sheet: WorkbookSheet): string {
  const rows: string[] = [];
  let r = 0;
  const row = (cells: string[], height?: number) => {
    r += 1;
    rows.push(`<row r="${r}"${height ? ` ht="${height}" customHeight="1"` : ''}>${cells.join('')}</row>`);
  };
  const heading = sheet.heading ?? [];
  heading.forEach((text, i) => row([cell(`A${r + 1}`, text, i === 0 ? STYLE.heading : STYLE.plain)]));
  if (heading.length) row([]);
  const { headerRow, lastRow, lastColumn } = tableRange(sheet);
  row(
    sheet.columns.map((column, c) => cell(`${columnName(c)}${headerRow}`, column.label, STYLE.header)),
    32,
  );
  const body = sheet.textOnly ? STYLE.textOnly : STYLE.text;
  for (const values of sheet.rows) {
    const n = r + 1;
    row(values.map((value, c) => cell(`${columnName(c)}${n}`, value, body)));
  }
  if (sheet.footer?.length) {
    row([]);
    for (const text of sheet.footer) row([cell(`A${r + 1}`, text, STYLE.note)]);
  }
  // A text-only sheet formats whole columns as text, so rows typed in later stay text too.
  const columnStyle = sheet.textOnly ? ` style="${STYLE.textOnly}"` : '';
  const cols = sheet.columns.map((column, c) => `<col min="${c + 1}" max="${c + 1}" width="${column.width}"${columnStyle} customWidth="1"/>`).join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<dimension ref="A1:${lastColumn}${Math.max(r, 1)}"/>
<sheetViews><sheetView workbookViewId="0"><pane ySplit="${headerRow}" topLeftCell="A${headerRow + 1}" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>
<sheetFormatPr defaultRowHeight="15"/>
<cols>${cols}</cols>
<sheetData>${rows.join('')}</sheetData>
<autoFilter ref="A${headerRow}:${lastColumn}${Math.max(lastRow, headerRow)}"/>
<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>
<pageSetup paperSize="9" orientation="landscape" fitToHeight="0"/>
</worksheet>`;
}

export function sheetName(name: string): string {
  return (
    name
      .replace(/[[\]:*?/\\]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 31) || 'Лист1'
  );
}

/** Tab names as Excel wants them: cleaned, at most 31 characters, unique in the book (case-insensitively). */
function uniqueSheetNames(sheets: WorkbookSheet[]): string[] {
  const seen = new Set<string>();
  return sheets.map((sheet) => {
    const base = sheetName(sheet.name);
    let name = base;
    for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - ` (${n})`.length)} (${n})`;
    seen.add(name.toLowerCase());
    return name;
  });
}

/** A book of one or more sheets. */
export function writeWorkbook(spec: WorkbookSpec): Uint8Array {
  if (!spec.sheets.length) throw new Error('writeWorkbook: a book needs at least one sheet');
  const names = uniqueSheetNames(spec.sheets);
  const created = spec.createdAt.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const worksheets: Zippable = {};
  spec.sheets.forEach((sheet, i) => {
    worksheets[`sheet${i + 1}.xml`] = strToU8(sheetXml(sheet));
  });
  const sheetIds = spec.sheets.map((_, i) => i + 1);
  const filters = spec.sheets.map((sheet, i) => {
    const { headerRow, lastRow, lastColumn } = tableRange(sheet);
    return `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">'${escape(names[i]!.replace(/'/g, "''"))}'!$A$${headerRow}:$${lastColumn}$${lastRow}</definedName>`;
  });
  const files: Zippable = {
    '[Content_Types].xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
${sheetIds.map((n) => `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('\n')}
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>
</Types>`),
    '_rels/.rels': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>
</Relationships>`),
    docProps: {
      'core.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>${escape(spec.title)}</dc:title><dc:creator>Наставник</dc:creator>
<dcterms:created xsi:type="dcterms:W3CDTF">${created}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${created}</dcterms:modified>
</cp:coreProperties>`),
      'app.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Наставник</Application></Properties>`),
    },
    xl: {
      'workbook.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<bookViews><workbookView/></bookViews>
<sheets>${names.map((name, i) => `<sheet name="${escape(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets>
<definedNames>${filters.join('')}</definedNames>
</workbook>`),
      _rels: {
        'workbook.xml.rels': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
${sheetIds.map((n) => `<Relationship Id="rId${n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${n}.xml"/>`).join('\n')}
<Relationship Id="rId${spec.sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>`),
      },
      'styles.xml': strToU8(STYLES_XML),
      worksheets,
    },
  };
  return zipSync(files, { level: 6, mtime: spec.createdAt });
}

/** One sheet (reports, the admin's tables). */
export function writeXlsx(spec: SheetSpec): Uint8Array {
  const { title, createdAt, ...sheet } = spec;
  return writeWorkbook({ title, createdAt, sheets: [sheet] });
}
