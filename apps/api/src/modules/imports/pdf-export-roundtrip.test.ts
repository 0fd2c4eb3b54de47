import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { previewFromSource, type ImportPreview } from '@nastavnik/domain';
import { describe, expect, it } from 'vitest';
import { findSoffice } from '../../engine/files/libreoffice.js';
import { createPdfReader } from '../../engine/files/pdf.js';
import { renderDocx } from '../documents/docx.js';
import type { RevisionDocument } from '../documents/layout.js';
import { renderPdf } from '../documents/pdf.js';
import { sampleSections, type PdfRoadmapSection } from '../../test/pdf-files.js';

/**
 * The platform's own revision PDF (modules/documents: PT Serif, A4 landscape, the heading row repeated,
 * a running header «ПРОЕКТ · Редакция …» and «Страница N из M» on every page, the watermark drawn as
 * outlines) read back by the PDF import: a school may upload what it once downloaded. And the revision
 * DOCX printed to PDF by LibreOffice (borders as LibreOffice draws them, a row broken by the page):
 * what a school gets when it saves its Word roadmap as PDF.
 */
const reader = createPdfReader({ pdfTimeoutMs: 30_000, pdfMaxPages: 300 });
const soffice = await findSoffice(null);

function revision(sections: PdfRoadmapSection[]): RevisionDocument {
  return {
    fileBaseName: 'Дорожная карта',
    meta: { title: 'Дорожная карта', subject: 'Редакция 1' },
    mark: 'ПРОЕКТ',
    watermark: 'ПРОЕКТ',
    revisionNote: 'Редакция № 1 · Черновик',
    agreement: { heading: 'СОГЛАСОВАНО', lines: ['Начальник Управления образования', '_______________ А.А. Петров', '«____» ______________ 20____ г.'] },
    approval: { heading: 'УТВЕРЖДАЮ', lines: ['Директор МОБУ «Гимназия»', '_______________ И.И. Иванова', '«12» марта 2024 г.'] },
    title: ['Дорожная карта', 'реализации программы наставничества «Вместе» на 2024-2025 учебный год'],
    subtitle: null,
    columns: [
      { key: 'number', label: '№ п/п', width: 0.07 },
      { key: 'activity', label: 'Мероприятие', width: 0.43 },
      { key: 'deadlineText', label: 'Срок', width: 0.15 },
      { key: 'responsible', label: 'Ответственный', width: 0.17 },
      { key: 'expectedResult', label: 'Ожидаемый результат', width: 0.18 },
    ],
    rows: sections.flatMap((s) => [
      { kind: 'section' as const, title: s.title, lines: [] },
      ...s.items.map((i) => ({ kind: 'item' as const, cells: [i.number, i.activity, i.deadline, i.responsible, i.result] })),
    ]),
  };
}

async function readBack(pdf: Uint8Array): Promise<ImportPreview> {
  const source = await reader.read(pdf);
  if ('ok' in source) throw new Error(source.message);
  const preview = previewFromSource(source, { fileName: 'Дорожная карта.pdf', format: 'pdf' });
  if (!preview.ok) throw new Error(preview.message);
  return preview;
}

const itemsOf = (preview: ImportPreview) =>
  preview.sections.map((s) => s.items.map((i) => [i.number, i.activity, i.deadlineText, i.responsible, i.expectedResult]));
const expectedItems = (sections: PdfRoadmapSection[]) => sections.map((s) => s.items.map((i) => [i.number, i.activity, i.deadline, i.responsible, i.result]));

describe('the revision PDF read back by the PDF import', () => {
  it('gives the same sections and items, the approval and agreement blocks, and no page furniture', async () => {
    const sections = sampleSections(2, 15);
    const pdf = await renderPdf(revision(sections), new Date('2025-10-15T10:00:00Z'));
    expect((pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThanOrEqual(2);

    const preview = await readBack(pdf);
    expect(preview.sections.map((s) => [s.number, s.title].filter(Boolean).join(' '))).toEqual(sections.map((s) => s.title));
    expect(itemsOf(preview)).toEqual(expectedItems(sections));
    expect(preview.header.title).toBe('Дорожная карта реализации программы наставничества «Вместе» на 2024-2025 учебный год');
    expect(preview.header.approval).toMatchObject({ position: 'Директор', organization: 'МОБУ «Гимназия»', name: 'И.И. Иванова', date: '2024-03-12' });
    expect(preview.header.agreement).toMatchObject({ heading: 'СОГЛАСОВАНО', name: 'А.А. Петров' });
    expect(preview.postscript).toEqual([]);
    expect(preview.warnings.map((w) => w.message)).toContain('колонтитулы, повторяющиеся на страницах PDF (номера страниц, отметки), пропущены');
  });

  it.skipIf(!soffice)(
    'the revision DOCX saved as PDF by LibreOffice reads back the same',
    async () => {
      const sections = sampleSections(2, 15);
      const dir = await mkdtemp(path.join(tmpdir(), 'pdf-lo-'));
      try {
        await writeFile(path.join(dir, 'roadmap.docx'), await renderDocx(revision(sections)));
        const profile = pathToFileURL(path.join(dir, 'profile')).href;
        await promisify(execFile)(
          soffice as string,
          [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, path.join(dir, 'roadmap.docx')],
          {
            timeout: 120_000,
          },
        );
        const preview = await readBack(await readFile(path.join(dir, 'roadmap.pdf')));
        expect(itemsOf(preview)).toEqual(expectedItems(sections));
        expect(preview.stats).toEqual({ rows: 32, items: 30, sections: 2 });
        expect(preview.header.title).toBe('Дорожная карта реализации программы наставничества «Вместе» на 2024-2025 учебный год');
        expect(preview.header.approval).toMatchObject({ name: 'И.И. Иванова', date: '2024-03-12' });
        expect(preview.header.agreement).toMatchObject({ name: 'А.А. Петров' });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    180_000,
  );
});
