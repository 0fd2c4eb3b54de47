import { ZipArchive, ZipError, type ZipLimits } from '@nastavnik/domain';

/**
 * Office Open XML (.docx, .xlsx, .pptx) and OpenDocument (.odt, .ods) files are ZIP archives. The
 * first four bytes say only "a ZIP": a corrupt or truncated file, any other archive renamed, or a
 * ZIP bomb passed as evidence (issue 12, item 4). Before such a file is stored it must be a
 * readable ZIP whose central directory stays within bounds and which holds the parts its format
 * requires.
 *
 * The reading is the roadmap import's bounded reader (packages/domain `ZipArchive`): it checks the
 * declared sizes, the entry count and the compression ratio from the central directory before
 * inflating anything, and while inflating the required parts refuses an entry that produces more
 * than it declared.
 */
export type OfficeFormat = 'docx' | 'xlsx' | 'pptx' | 'odt' | 'ods';

/**
 * Evidence files are at most ATTACHMENT_MAX_BYTES (10 MiB by default) packed; XML packs 5–20×,
 * pictures not at all. Deflate cannot pack better than ~1030×; a large entry packed more than 200×
 * is a bomb, not a document.
 */
export const OFFICE_ARCHIVE_LIMITS: ZipLimits = {
  maxUnpackedBytes: 200 * 1024 * 1024,
  maxRatio: 200,
  ratioFloor: 1024 * 1024,
  maxEntries: 5000,
};

const OOXML_TYPES = '[Content_Types].xml';

/** The parts each format cannot do without; `mimetype` of OpenDocument must also say its type. */
const REQUIRED_PARTS: Record<OfficeFormat, string[]> = {
  docx: [OOXML_TYPES, 'word/document.xml'],
  xlsx: [OOXML_TYPES, 'xl/workbook.xml'],
  pptx: [OOXML_TYPES, 'ppt/presentation.xml'],
  odt: ['mimetype', 'content.xml'],
  ods: ['mimetype', 'content.xml'],
};

const OPENDOCUMENT_MIMETYPE: Partial<Record<OfficeFormat, string>> = {
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
};

export type OfficeArchiveVerdict = { ok: true; entries: number } | { ok: false; reason: 'corrupt' | 'bomb' | 'missingPart'; detail?: string };

/** Is `data` a readable, bounded archive of `format` with its required parts? Never throws. */
export function checkOfficeArchive(data: Uint8Array, format: OfficeFormat, limits: ZipLimits = OFFICE_ARCHIVE_LIMITS): OfficeArchiveVerdict {
  try {
    const archive = new ZipArchive(data, limits);
    for (const name of REQUIRED_PARTS[format]) {
      // Inflated in chunks against the declared size: a required part that lies is refused.
      const part = archive.read(name);
      if (!part) return { ok: false, reason: 'missingPart', detail: name };
      const text = new TextDecoder('utf-8', { fatal: false }).decode(part);
      const expected = name === 'mimetype' ? OPENDOCUMENT_MIMETYPE[format] : undefined;
      if (!(expected ? text.trim() === expected : /^\uFEFF?\s*</.test(text))) return { ok: false, reason: 'missingPart', detail: name };
    }
    return { ok: true, entries: archive.entries.size };
  } catch (error) {
    if (error instanceof ZipError) return { ok: false, reason: error.kind, detail: error.message };
    return { ok: false, reason: 'corrupt', detail: error instanceof Error ? error.message : String(error) };
  }
}
