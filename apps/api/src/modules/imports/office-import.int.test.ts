import { IMPORT_ERRORS_RU, parseRoadmapDocument, type ImportPreview } from '@nastavnik/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { importRowCounts, post, previewPath } from '../../test/imports.js';
import { libreOfficeForTests, officeTwins, roadmapDocx } from '../../test/office-files.js';
import { roadmapWorld, type RoadmapWorld } from '../../test/roadmaps.js';

/**
 * `POST /imports/preview` with Word 97 (.doc), RTF and OpenDocument files: LibreOffice converts them
 * (engine/files/libreoffice.ts, its own tests in libreoffice.int.test.ts), the preview names the
 * file's format and the upload is kept as that format; a malformed file answers 4xx with its Russian
 * message and stores nothing. Skipped without LibreOffice (CI fails instead).
 */
const soffice = await libreOfficeForTests();

describe.skipIf(!soffice)('.doc, .rtf and .odt through the REST preview', () => {
  let app: TestApp;
  let w: RoadmapWorld;
  let twins: Record<'doc' | 'rtf' | 'odt', Uint8Array>;
  let docxPreview: ImportPreview;

  beforeAll(async () => {
    app = await startTestApp({}, { today: '2025-10-15' });
    w = await roadmapWorld(app);
    const docx = new Uint8Array(await roadmapDocx());
    docxPreview = parseRoadmapDocument({ fileName: 'Дорожная карта.docx', bytes: docx }) as ImportPreview;
    twins = await officeTwins(soffice as string, docx);
  }, 240_000);

  afterAll(async () => {
    await app?.stop();
  });

  const counts = () => importRowCounts(app, w.district);

  it.each([
    ['doc', 'application/msword'],
    ['rtf', 'application/rtf'],
    ['odt', 'application/vnd.oasis.opendocument.text'],
  ] as const)(
    'a .%s previews with its own format, the items of the .docx, and the upload kept as %s',
    async (format, contentType) => {
      const fileName = `Дорожная карта.${format}`;
      const before = await counts();
      const response = await post(app, previewPath(fileName, { organizationId: w.school1.id }), w.tokens.curator1, twins[format]);
      expect(response.status, JSON.stringify(response.body).slice(0, 500)).toBe(201);
      const preview = response.body.preview as ImportPreview;
      expect(preview).toMatchObject({ ok: true, format, fileName });
      expect(preview.header.title).toBe(docxPreview.header.title);
      expect(preview.stats).toMatchObject({ sections: docxPreview.stats.sections, items: docxPreview.stats.items });
      expect(preview.sections.map((s) => s.items.map((i) => [i.number, i.activity, i.deadlineText, i.responsible, i.expectedResult]))).toEqual(
        docxPreview.sections.map((s) => s.items.map((i) => [i.number, i.activity, i.deadlineText, i.responsible, i.expectedResult])),
      );
      // The preview keeps the upload (as the file it is), nothing else yet.
      expect(await counts()).toEqual({ ...before, attachments: before.attachments + 1 });
      const [row] = await app.orm.em
        .getConnection()
        .execute<Array<{ content_type: string; file_name: string }>>(`select content_type, file_name from "${w.district.schemaName}".attachment where id = ?`, [
          response.body.uploadId,
        ]);
      expect(row).toEqual({ content_type: contentType, file_name: fileName });
    },
    120_000,
  );

  it.each([
    ['doc', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
    ['rtf', [...Buffer.from('{\\rtf1')]],
  ] as const)(
    'a malformed .%s answers 4xx with its Russian message and stores nothing',
    async (format, head) => {
      const bytes = new Uint8Array([...head, ...new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 256)]);
      const before = await counts();
      const response = await post(app, previewPath(`Сломанная.${format}`), w.tokens.curator1, bytes);
      expect(response.status).toBe(400);
      const { reason } = response.body.errors[0].extensions;
      expect(['CORRUPT', 'NO_TABLE']).toContain(reason);
      expect(response.body.errors[0].message).toBe(reason === 'CORRUPT' ? IMPORT_ERRORS_RU.conversionFailed(format) : IMPORT_ERRORS_RU.noTable);
      expect(await counts()).toEqual(before);
    },
    120_000,
  );
});
