import { randomBytes } from 'node:crypto';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { realDocx, zipBombDocx } from '../../test/office-files.js';
import { ALLOWED_FILE_TYPES } from './file-types.js';
import { checkOfficeArchive } from './office-archive.js';

const xlsx = () => Buffer.from(zipSync({ '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types/>'), 'xl/workbook.xml': strToU8('<workbook/>') }));
const odt = (mimetype = 'application/vnd.oasis.opendocument.text') =>
  Buffer.from(zipSync({ mimetype: [strToU8(mimetype), { level: 0 }], 'content.xml': strToU8('<office:document-content/>') }));

describe('Office files as bounded archives', () => {
  it('accepts real documents', async () => {
    const docx = await realDocx();
    expect(checkOfficeArchive(docx, 'docx')).toMatchObject({ ok: true });
    expect(ALLOWED_FILE_TYPES.docx!.sniff(docx)).toBe(true);
    expect(checkOfficeArchive(xlsx(), 'xlsx')).toMatchObject({ ok: true });
    expect(ALLOWED_FILE_TYPES.xlsx!.sniff(xlsx())).toBe(true);
    expect(checkOfficeArchive(odt(), 'odt')).toMatchObject({ ok: true });
  });

  it('refuses a ZIP signature followed by garbage, and a truncated document', async () => {
    const garbage = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(2000)]);
    expect(checkOfficeArchive(garbage, 'docx')).toMatchObject({ ok: false, reason: 'corrupt' });
    const docx = await realDocx();
    const truncated = docx.subarray(0, Math.floor(docx.length / 2));
    expect(checkOfficeArchive(truncated, 'docx')).toMatchObject({ ok: false, reason: 'corrupt' });
    expect(ALLOWED_FILE_TYPES.docx!.sniff(truncated)).toBe(false);
  });

  it('refuses a document whose main part is damaged inside an intact directory', async () => {
    const entries = {
      '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types/>'),
      'word/document.xml': strToU8('<w:document>' + 'текст '.repeat(2000) + '</w:document>'),
    };
    const archive = Buffer.from(zipSync(entries, { level: 9 }));
    // The deflate stream of word/document.xml starts after its local header (30 bytes + name).
    const at = archive.indexOf('word/document.xml') + 'word/document.xml'.length + 20;
    for (let i = 0; i < 40; i++) archive[at + i] = 0xff;
    expect(checkOfficeArchive(archive, 'docx')).toMatchObject({ ok: false, reason: 'corrupt' });
  });

  it('refuses a ZIP bomb from its directory, without inflating it', () => {
    const bomb = zipBombDocx(8);
    expect(bomb.length).toBeLessThan(64 * 1024);
    const started = performance.now();
    expect(checkOfficeArchive(bomb, 'docx')).toMatchObject({ ok: false, reason: 'bomb' });
    expect(performance.now() - started).toBeLessThan(50);
    expect(ALLOWED_FILE_TYPES.docx!.sniff(bomb)).toBe(false);
  });

  it('refuses an archive without the parts of its format', async () => {
    const otherZip = Buffer.from(zipSync({ 'readme.txt': strToU8('not a document') }));
    expect(checkOfficeArchive(otherZip, 'docx')).toMatchObject({ ok: false, reason: 'missingPart', detail: '[Content_Types].xml' });
    // A spreadsheet renamed .docx.
    expect(checkOfficeArchive(xlsx(), 'docx')).toMatchObject({ ok: false, reason: 'missingPart', detail: 'word/document.xml' });
    expect(checkOfficeArchive(await realDocx(), 'xlsx')).toMatchObject({ ok: false, reason: 'missingPart' });
    expect(checkOfficeArchive(odt('application/zip'), 'odt')).toMatchObject({ ok: false, reason: 'missingPart', detail: 'mimetype' });
  });
});
