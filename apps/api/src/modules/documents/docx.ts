import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type ITableCellBorders,
} from 'docx';
import type { RevisionDocument, SignatureBlock } from './layout.js';

/**
 * The revision as a Word document (docx, pure JS): A4 landscape, Times New Roman (Word has it on
 * every office machine; nothing is embedded), «СОГЛАСОВАНО» / «УТВЕРЖДАЮ» in a borderless table,
 * the bold centred title, the roadmap's table with a repeated header row and sections as merged
 * full-width rows, the draft mark in the body and in the page header, «Страница N из M» in the footer.
 */

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const DOCX_FONT = 'Times New Roman';

/** A4 in twips (1/20 pt), given portrait: docx swaps them for the landscape orientation. */
const A4 = { width: 11906, height: 16838 };
const MARGIN = { top: 851, right: 851, bottom: 851, left: 1134, header: 425, footer: 425 };
const CONTENT_WIDTH = A4.height - MARGIN.left - MARGIN.right;

const MARK_COLOR = 'C00000';
const SECTION_FILL = 'EDEDED';
const HEADER_FILL = 'D9D9D9';

/** Half-points. */
const SIZE = { body: 24, table: 22, small: 20 };

const line = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_BORDERS = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };
const CELL_NO_BORDERS: ITableCellBorders = { top: none, bottom: none, left: none, right: none };
const CELL_MARGINS = { top: 40, bottom: 40, left: 80, right: 80 };

/** Lines of a cell's text as paragraphs (Word has no line breaks inside a run worth the trouble). */
function paragraphs(
  text: string,
  options: { bold?: boolean; size?: number; alignment?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {},
): Paragraph[] {
  const lines = text.split('\n');
  return lines.map(
    (value) =>
      new Paragraph({
        alignment: options.alignment,
        children: [new TextRun({ text: value, bold: options.bold, size: options.size ?? SIZE.table })],
      }),
  );
}

function signature(block: SignatureBlock): Paragraph[] {
  return [
    new Paragraph({ spacing: { after: 60 }, children: [new TextRun({ text: block.heading, bold: true, size: SIZE.body })] }),
    ...block.lines.map((value) => new Paragraph({ spacing: { after: 40 }, children: [new TextRun({ text: value, size: SIZE.body })] })),
  ];
}

function blocksTable(doc: RevisionDocument): Table {
  const side = Math.round(CONTENT_WIDTH * 0.4);
  const gap = CONTENT_WIDTH - 2 * side;
  const cell = (children: Paragraph[], width: number) => new TableCell({ children, width: { size: width, type: WidthType.DXA }, borders: CELL_NO_BORDERS });
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: [side, gap, side],
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [cell(signature(doc.agreement), side), cell([new Paragraph('')], gap), cell(signature(doc.approval), side)],
      }),
    ],
  });
}

function roadmapTable(doc: RevisionDocument): Table {
  const widths = doc.columns.map((column) => Math.round(CONTENT_WIDTH * column.width));
  const borders = { top: line, bottom: line, left: line, right: line };
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: doc.columns.map(
      (column, c) =>
        new TableCell({
          width: { size: widths[c]!, type: WidthType.DXA },
          borders,
          margins: CELL_MARGINS,
          verticalAlign: VerticalAlign.CENTER,
          shading: { type: ShadingType.CLEAR, color: 'auto', fill: HEADER_FILL },
          children: paragraphs(column.label, { bold: true, alignment: AlignmentType.CENTER }),
        }),
    ),
  });
  const rows = doc.rows.map((row) => {
    if (row.kind === 'section') {
      return new TableRow({
        cantSplit: true,
        children: [
          new TableCell({
            columnSpan: doc.columns.length,
            borders,
            margins: CELL_MARGINS,
            shading: { type: ShadingType.CLEAR, color: 'auto', fill: SECTION_FILL },
            children: [...paragraphs(row.title, { bold: true }), ...row.lines.flatMap((value) => paragraphs(value))],
          }),
        ],
      });
    }
    return new TableRow({
      children: row.cells.map(
        (value, c) =>
          new TableCell({
            width: { size: widths[c]!, type: WidthType.DXA },
            borders,
            margins: CELL_MARGINS,
            children: paragraphs(value, { alignment: doc.columns[c]!.key === 'number' ? AlignmentType.CENTER : AlignmentType.LEFT }),
          }),
      ),
    });
  });
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [header, ...rows],
  });
}

function pageHeader(doc: RevisionDocument): Header {
  const children: TextRun[] = [];
  if (doc.mark) children.push(new TextRun({ text: `${doc.mark}   `, bold: true, color: MARK_COLOR, size: SIZE.small }));
  children.push(new TextRun({ text: doc.revisionNote, size: SIZE.small, color: '595959' }));
  return new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children })] });
}

function pageFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ['Страница ', PageNumber.CURRENT, ' из ', PageNumber.TOTAL_PAGES], size: SIZE.small })],
      }),
    ],
  });
}

export async function renderDocx(doc: RevisionDocument): Promise<Buffer> {
  const body: Array<Paragraph | Table> = [];
  if (doc.mark) {
    body.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 120 },
        children: [new TextRun({ text: doc.mark, bold: true, color: MARK_COLOR, size: SIZE.body })],
      }),
    );
  }
  body.push(blocksTable(doc));
  body.push(new Paragraph({ spacing: { after: 240 }, children: [] }));
  for (const [i, value] of doc.title.entries()) {
    body.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 60 },
        children: [new TextRun({ text: value, bold: true, size: i === 0 && doc.title.length > 1 ? 28 : SIZE.body })],
      }),
    );
  }
  if (doc.subtitle) {
    body.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 60 }, children: [new TextRun({ text: doc.subtitle, size: SIZE.body })] }));
  }
  body.push(new Paragraph({ spacing: { after: 120 }, children: [] }));
  body.push(roadmapTable(doc));

  const document = new Document({
    creator: 'Наставник',
    title: doc.meta.title,
    subject: doc.meta.subject,
    styles: { default: { document: { run: { font: DOCX_FONT, size: SIZE.body }, paragraph: { spacing: { after: 0 } } } } },
    sections: [
      {
        properties: { page: { size: { ...A4, orientation: PageOrientation.LANDSCAPE }, margin: MARGIN } },
        headers: { default: pageHeader(doc) },
        footers: { default: pageFooter() },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(document);
}
