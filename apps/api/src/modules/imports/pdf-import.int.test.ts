import type { ImportPreview } from '@nastavnik/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { CREATE_FROM_IMPORT, importRowCounts, post, previewPath } from '../../test/imports.js';
import { bombPdf, malformedPdf, roadmapPdf, sampleSections, scannedPdf } from '../../test/pdf-files.js';
import { ok, roadmapWorld, type RoadmapWorld } from '../../test/roadmaps.js';

/**
 * PDF roadmaps through `POST /imports/preview` over real HTTP and PostgreSQL: a PDF made by code
 * previews with format «pdf» and becomes a draft; a scan, an encrypted file, a bomb and a malformed file
 * are refused with their Russian message, and nothing is stored for them.
 */
let app: TestApp;
let w: RoadmapWorld;

beforeAll(async () => {
  app = await startTestApp({}, { today: '2025-10-15' });
  w = await roadmapWorld(app);
});

afterAll(async () => {
  await app?.stop();
});

const counts = () => importRowCounts(app, w.district);

describe('PDF import over REST', () => {
  it('a roadmap PDF over two pages previews with format «pdf» and becomes a draft', async () => {
    const sections = sampleSections(2, 12);
    const pdf = await roadmapPdf({ header: true, sections });
    const before = await counts();
    const previewed = await post(app, previewPath('Дорожная карта.pdf'), w.tokens.curator1, pdf);
    expect(previewed.status, JSON.stringify(previewed.body).slice(0, 500)).toBe(201);
    const preview = previewed.body.preview as ImportPreview;
    expect(preview).toMatchObject({ format: 'pdf', fileName: 'Дорожная карта.pdf', stats: { rows: 26, items: 24, sections: 2 } });
    expect(preview.header.title).toBe('Дорожная карта реализации программы наставничества «Вместе» на 2024-2025 учебный год');
    expect(preview.header.approval).toMatchObject({ position: 'Директор', name: 'И.И. Иванова', date: '2024-03-12' });
    expect(preview.sections.map((s) => s.items.map((i) => i.activity))).toEqual(sections.map((s) => s.items.map((i) => i.activity)));
    expect((await counts()).attachments).toBe(before.attachments + 1);

    const { createRoadmapFromImport: roadmap } = await ok<{ createRoadmapFromImport: any }>(app, CREATE_FROM_IMPORT, w.tokens.curator1, {
      input: { uploadId: previewed.body.uploadId },
    });
    expect(roadmap.importSource).toMatchObject({ format: 'pdf', fileName: 'Дорожная карта.pdf', stats: { items: 24, sections: 2 } });
    expect(roadmap.latestRevision.sections.map((s: any) => s.items.length)).toEqual([12, 12]);
    expect(roadmap.latestRevision.sections[0].items[0]).toMatchObject({ number: '1.1', deadlineText: 'сентябрь 2024', responsible: 'Куратор программы' });
  });

  it.each([
    ['a scan (images only)', () => scannedPdf(), 400, 'NO_TEXT_LAYER', /^В PDF нет текстового слоя — похоже, это скан/],
    [
      'a password-protected PDF',
      () => roadmapPdf({ sections: sampleSections(1, 2), userPassword: 'secret' }),
      400,
      'ENCRYPTED',
      'Файл PDF защищён паролем — снимите защиту (сохраните PDF без пароля) и загрузите снова',
    ],
    ['a decompression bomb', async () => bombPdf(300), 413, 'TOO_LARGE', 'Файл PDF слишком сложный или сжат подозрительно сильно — импорт отклонён'],
    ['a malformed PDF', async () => malformedPdf(), 400, 'CORRUPT', 'Файл PDF повреждён или не читается'],
  ] as const)('%s: refused with its message, nothing stored', async (_label, make, status, reason, message) => {
    const bytes = await make();
    const before = await counts();
    const response = await post(app, previewPath('Дорожная карта.pdf'), w.tokens.curator1, bytes);
    expect(response.status).toBe(status);
    expect(response.body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'file', reason });
    if (typeof message === 'string') expect(response.body.errors[0].message).toBe(message);
    else expect(response.body.errors[0].message).toMatch(message);
    expect(await counts()).toEqual(before);
  });
});
