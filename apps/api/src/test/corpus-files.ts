import { AlignmentType, Document, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, WidthType } from 'docx';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/**
 * The corpus's tab-separated documents as Word would hold them: paragraphs, and each run of tab lines
 * as a table — a row with text in its first cell only spans the table (a section heading, as Word
 * users merge it). LibreOffice then saves those .docx files as PDF, the way schools publish them.
 * With `tablePerSection`, each such section heading (but one right below the table's heading row)
 * starts a table of its own, its columns sized by its own text: the shape of roadmaps whose sections
 * are separate tables one after another.
 */
export async function tsvToDocx(text: string, options: { tablePerSection?: boolean } = {}): Promise<Buffer> {
  const lines = text.split(/\r?\n/);
  const children: Array<Paragraph | Table> = [];
  let rows: string[][] = [];
  let landscape = false;
  const flush = () => {
    if (!rows.length) return;
    const width = Math.max(...rows.map((r) => r.length));
    // Columns as wide as their text needs, as people size them in Word: never narrower than the
    // longest word (Word would break it), the rest shared by the text each column holds.
    const need = Array.from({ length: width }, (_, i) => {
      const cells = rows.map((r) => (r[i] ?? '').replace(/<[^>]+>/g, ' ').trim()).filter(Boolean);
      const longestWord = Math.max(2, ...cells.flatMap((c) => c.split(/\s+/).map((w) => w.length)));
      const average = cells.length ? cells.reduce((n, c) => n + c.length, 0) / cells.length : 2;
      return { min: longestWord * 125 + 260, weight: Math.min(80, average) };
    });
    const minimum = need.reduce((n, c) => n + c.min, 0);
    const total = Math.max(9600, minimum + 1000);
    landscape ||= total > 9600;
    const spare = total - minimum;
    const weights = need.reduce((n, c) => n + c.weight, 0);
    const widths = need.map((c) => Math.floor(c.min + (spare * c.weight) / weights));
    const cell = (value: string, column: number, span = 1) =>
      new TableCell({
        children: value.split('<br>').map((part) => new Paragraph(part)),
        width: { size: widths.slice(column, column + span).reduce((a, b) => a + b, 0), type: WidthType.DXA },
        ...(span > 1 ? { columnSpan: span } : {}),
      });
    children.push(
      new Table({
        width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
        columnWidths: widths,
        rows: rows.map((r) => {
          const cells = [...r, ...new Array<string>(width - r.length).fill('')];
          if (width >= 3 && cells[0] && cells.slice(1).every((c) => !c.trim())) return new TableRow({ children: [cell(cells[0], 0, width)] });
          return new TableRow({ children: cells.map((c, i) => cell(c, i)) });
        }),
      }),
    );
    rows = [];
  };
  const isRow = (line: string | undefined) => line !== undefined && line.includes('\t') && line.replace(/\t/g, '').trim() !== '';
  for (const [i, line] of lines.entries()) {
    if (isRow(line)) {
      const cells = line.split('\t');
      const heading = cells.length >= 3 && cells[0]!.trim() !== '' && cells.slice(1).every((c) => !c.trim());
      // (Never leaving a single row behind: the heading row stays with the first section.)
      if (options.tablePerSection && heading && rows.length > 1) flush();
      rows.push(cells);
      continue;
    }
    // A blank line between rows as wide as each other is a page break of the text's source, not the
    // end of the table (Word's «save as text» writes one table's rows together).
    if (!line.trim() && rows.length) {
      const next = lines.slice(i + 1).find((l) => l.trim());
      if (isRow(next) && next!.split('\t').length === (rows[rows.length - 1] as string[]).length) continue;
    }
    flush();
    if (line.trim()) children.push(new Paragraph({ text: line.trim(), alignment: AlignmentType.LEFT }));
  }
  flush();
  // A table too wide for a portrait page goes on a landscape one, as people print wide plans.
  const properties = landscape ? { page: { size: { orientation: PageOrientation.LANDSCAPE } } } : {};
  return Packer.toBuffer(new Document({ sections: [{ properties, children }] }));
}

/**
 * One headless LibreOffice run of the tests: files converted to `format` into `outdir`, with a profile
 * of its own under `dir` (LibreOffice locks a profile) and HOME there too, so nothing is written elsewhere.
 */
export async function sofficeConvert(
  soffice: string,
  dir: string,
  profileName: string,
  format: string,
  outdir: string,
  inputs: readonly string[],
): Promise<void> {
  const profile = pathToFileURL(path.join(dir, profileName)).href;
  await execFileAsync(
    soffice,
    [
      '--headless',
      '--norestore',
      '--nolockcheck',
      '--nodefault',
      '--nologo',
      `-env:UserInstallation=${profile}`,
      '--convert-to',
      format,
      '--outdir',
      outdir,
      ...inputs,
    ],
    { timeout: 300_000, env: { ...process.env, HOME: dir } },
  );
}

/**
 * Many files converted by one LibreOffice run (one profile, one temporary directory, removed after):
 * the .docx files (or the `from` files) saved as PDF, .doc, .rtf or .odt.
 */
export async function convertWithLibreOffice(
  soffice: string,
  files: Record<string, Uint8Array>,
  format: 'pdf' | 'doc' | 'rtf' | 'odt',
  from: 'docx' | 'odt' = 'docx',
): Promise<Record<string, Uint8Array>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nastavnik-corpus-'));
  try {
    const inputs: string[] = [];
    for (const [name, bytes] of Object.entries(files)) {
      const file = path.join(dir, `${name}.${from}`);
      await writeFile(file, bytes);
      inputs.push(file);
    }
    await sofficeConvert(soffice, dir, 'profile', format, path.join(dir, 'out'), inputs);
    const out: Record<string, Uint8Array> = {};
    for (const name of Object.keys(files)) out[name] = new Uint8Array(await readFile(path.join(dir, 'out', `${name}.${format}`)));
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
