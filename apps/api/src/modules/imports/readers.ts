import {
  convertibleFormat,
  parseRoadmapDocument,
  previewFromSource,
  type ImportFailure,
  type ImportInput,
  type ImportOptions,
  type ImportResult,
  type SourceDocument,
} from '@nastavnik/domain';

/** Lays a PDF's text out as paragraphs and tables (pdf.js in a bounded worker: engine/files/pdf.ts). */
export interface PdfReader {
  read(bytes: Uint8Array): Promise<SourceDocument | ImportFailure>;
}

/** Converts Word 97–2003, RTF and OpenDocument text to .docx (LibreOffice headless: engine/files/libreoffice.ts). */
export interface OfficeConverter {
  toDocx(bytes: Uint8Array, format: 'doc' | 'rtf' | 'odt'): Promise<Uint8Array | ImportFailure>;
}

const isFailure = (value: unknown): value is ImportFailure =>
  typeof value === 'object' && value !== null && 'ok' in value && (value as ImportFailure).ok === false;

/**
 * Every roadmap file the import takes: .docx, .xlsx and .txt are read by the domain's parser; a PDF is
 * laid out first, .doc, .rtf and .odt are converted to .docx first — then the same recognition runs, and
 * the preview names the file's own format.
 */
export class RoadmapFileReader {
  constructor(
    private readonly pdf: PdfReader,
    private readonly office: OfficeConverter,
  ) {}

  async read(input: ImportInput, options: ImportOptions): Promise<ImportResult> {
    const format = input.bytes.length ? convertibleFormat(input) : null;
    // Size and emptiness are the parser's to judge, for every format alike.
    if (!format || (options.maxBytes !== undefined && input.bytes.length > options.maxBytes)) return parseRoadmapDocument(input, options);
    if (format === 'pdf') {
      const source = await this.pdf.read(input.bytes);
      if (isFailure(source)) return source;
      return previewFromSource(source, { fileName: input.fileName, format }, options);
    }
    const docx = await this.office.toDocx(input.bytes, format);
    if (isFailure(docx)) return docx;
    const result = parseRoadmapDocument({ fileName: input.fileName.replace(/\.[a-z0-9]{1,6}$/i, '') + '.docx', bytes: docx }, options);
    return result.ok ? { ...result, format, fileName: input.fileName } : result;
  }
}
