import type { ApiConfig } from '../config.js';
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { IMPORT_ERRORS_RU, parseRoadmapDocument, type ImportPreview, type ImportResult } from '@nastavnik/domain';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { RoadmapFileReader } from '../../modules/imports/readers.js';
import { libreOfficeForTests, MULTI_TABLE_ROADMAP, multiTableDocx, officeTwins, OFFICE_ROADMAP, roadmapDocx } from '../../test/office-files.js';
import { createOfficeConverter, MAX_PARALLEL_CONVERSIONS } from './libreoffice.js';
import { createPdfReader } from './pdf.js';

/**
 * The .doc, .rtf and .odt import through LibreOffice headless: twins of a roadmap .docx written by
 * LibreOffice itself read back to the .docx's own preview, malformed files refused in Russian, a
 * missing LibreOffice named with its Debian package. Without LibreOffice the conversions are skipped
 * (CI fails instead); the missing-converter test runs everywhere.
 */
const execFileAsync = promisify(execFile);
const soffice = await libreOfficeForTests();
const imports: ApiConfig['imports'] = { sofficePath: null, convertTimeoutMs: 60_000, pdfTimeoutMs: 30_000, pdfMaxPages: 50 };
const reader = (config: Partial<typeof imports> = {}) =>
  new RoadmapFileReader(createPdfReader({ ...imports, ...config }), createOfficeConverter({ ...imports, ...config }));

/** What the import recognised, without the file's own name and format. */
function recognised(result: ImportResult) {
  expect(result.ok, JSON.stringify(result).slice(0, 300)).toBe(true);
  const preview = result as ImportPreview;
  return {
    header: { ...preview.header, approval: preview.header.approval && { ...preview.header.approval, text: undefined } },
    columns: preview.columns.map(({ index, heading, mappedTo }) => ({ index, heading, mappedTo })),
    sections: preview.sections.map(({ number, title, task, result: sectionResult, items }) => ({
      number,
      title,
      task,
      result: sectionResult,
      items: items.map(({ number, activity, content, deadlineText, deadline, responsible, expectedResult, indicator, unmapped }) => ({
        number,
        activity,
        content,
        deadlineText,
        deadline,
        responsible,
        expectedResult,
        indicator,
        unmapped,
      })),
    })),
    stats: { items: preview.stats.items, sections: preview.stats.sections },
  };
}

const tempDirs = () => readdirSync(os.tmpdir()).filter((name) => name.startsWith('nastavnik-office-'));

describe('the queue of conversions', () => {
  it('runs at most MAX_PARALLEL_CONVERSIONS soffice processes at a time and goes on after a failure', async () => {
    // A stand-in `soffice` that notes when it starts and ends, stays a moment and writes no output
    // (so every conversion ends CORRUPT): the queue is the product's, the processes real.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'office-queue-'));
    try {
      const log = path.join(dir, 'log');
      const script = path.join(dir, 'soffice');
      writeFileSync(script, `#!/bin/sh\nfor last; do :; done\necho "start $last" >> "${log}"\nsleep 0.3\necho "end $last" >> "${log}"\nexit 0\n`);
      chmodSync(script, 0o755);
      const converter = createOfficeConverter({ ...imports, sofficePath: script });
      const formats = ['doc', 'rtf', 'odt', 'doc', 'rtf', 'odt'] as const;
      const results = await Promise.all(formats.map((format) => converter.toDocx(new Uint8Array([1]), format)));
      expect(results.map((r) => (r as { code: string }).code)).toEqual(formats.map(() => 'CORRUPT'));
      let running = 0;
      let most = 0;
      const lines = readFileSync(log, 'utf8').trim().split('\n');
      for (const line of lines) {
        running += line.startsWith('start ') ? 1 : -1;
        most = Math.max(most, running);
      }
      expect(lines).toHaveLength(2 * formats.length);
      expect(most).toBe(MAX_PARALLEL_CONVERSIONS);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('without LibreOffice', () => {
  it.each(['doc', 'rtf', 'odt'] as const)('a .%s is refused with CONVERTER_MISSING, naming the Debian package', async (format) => {
    const converter = createOfficeConverter({ ...imports, sofficePath: '/nonexistent/soffice' });
    const result = await converter.toDocx(new Uint8Array([1, 2, 3]), format);
    expect(result).toEqual({ ok: false, code: 'CONVERTER_MISSING', message: IMPORT_ERRORS_RU.converterMissing(format) });
    expect((result as { message: string }).message).toContain('libreoffice-writer-nogui');
  });

  it('the reader answers the same for a .doc file (the OLE signature)', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(504)]);
    const result = await reader({ sofficePath: '/nonexistent/soffice' }).read({ fileName: 'Дорожная карта.doc', bytes: ole }, {});
    expect(result).toMatchObject({ ok: false, code: 'CONVERTER_MISSING' });
    expect((result as { message: string }).message).toMatch(/^Файлы \.doc читаются через LibreOffice.*«libreoffice-writer-nogui»/);
  });
});

describe.skipIf(!soffice)('through LibreOffice', () => {
  let docx: Uint8Array;
  let twins: Record<'doc' | 'rtf' | 'odt', Uint8Array>;
  let expected: ReturnType<typeof recognised>;

  beforeAll(async () => {
    docx = new Uint8Array(await roadmapDocx());
    expected = recognised(parseRoadmapDocument({ fileName: 'Дорожная карта.docx', bytes: docx }));
    twins = await officeTwins(soffice as string, docx);
  }, 180_000);

  it('the .docx itself reads as written (the twins are compared with it)', () => {
    expect(expected.header.title).toBe(OFFICE_ROADMAP.title.join(' '));
    expect(expected.header.period).toMatchObject({ periodStart: '2024-09-01', periodEnd: '2025-08-31' });
    expect(expected.header.approval).toMatchObject({ heading: 'УТВЕРЖДАЮ', name: 'А.В. Петрова', orderNumber: '85-од', orderDate: '2024-08-30' });
    expect(expected.columns.map((c) => c.mappedTo)).toEqual(['number', 'activity', 'deadline', 'responsible', 'expectedResult']);
    expect(expected.sections).toHaveLength(1);
    expect(expected.sections[0]).toMatchObject({ number: '1', title: OFFICE_ROADMAP.section });
    expect(expected.sections[0]?.items.map((item) => [item.number, item.activity, item.deadlineText, item.responsible, item.expectedResult])).toEqual(
      OFFICE_ROADMAP.items,
    );
  });

  it.each(['doc', 'rtf', 'odt'] as const)(
    'a .%s twin made by LibreOffice previews like the .docx, naming its own format',
    async (format) => {
      const started = performance.now();
      const result = await reader().read({ fileName: `Дорожная карта.${format}`, bytes: twins[format] }, {});
      console.info(`.${format} → .docx → preview: ${Math.round(performance.now() - started)} ms`);
      expect(result).toMatchObject({ ok: true, format, fileName: `Дорожная карта.${format}` });
      expect(recognised(result)).toEqual(expected);
    },
    120_000,
  );

  it('three conversions at once (two run, one waits) all succeed and leave no temporary directory behind', async () => {
    const before = tempDirs();
    const converter = createOfficeConverter(imports);
    const results = await Promise.all((['doc', 'rtf', 'odt'] as const).map((format) => converter.toDocx(twins[format], format)));
    for (const result of results) expect(result).toBeInstanceOf(Uint8Array);
    expect(tempDirs()).toEqual(before);
  }, 180_000);

  it.each([
    ['doc', 'a malformed .doc (the OLE signature, then garbage)', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
    ['rtf', 'a malformed .rtf ({\\rtf1, then binary junk)', [...Buffer.from('{\\rtf1')]],
  ] as const)(
    '%s: %s is refused in Russian, never thrown',
    async (format, _label, head) => {
      const junk = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 256);
      const bytes = new Uint8Array([...head, ...junk]);
      const result = await reader().read({ fileName: `Сломанный.${format}`, bytes }, {});
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(['CORRUPT', 'NO_TABLE']).toContain(result.code);
      expect(result.message).toBe(result.code === 'CORRUPT' ? IMPORT_ERRORS_RU.conversionFailed(format) : IMPORT_ERRORS_RU.noTable);
    },
    120_000,
  );

  it('a conversion past the timeout is stopped (its process group killed) and refused as too slow', async () => {
    const before = tempDirs();
    const started = performance.now();
    const result = await createOfficeConverter({ ...imports, convertTimeoutMs: 50 }).toDocx(twins.doc, 'doc');
    expect(result).toEqual({ ok: false, code: 'TOO_LARGE', message: IMPORT_ERRORS_RU.conversionTimedOut('doc') });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(tempDirs()).toEqual(before);
    // Nothing of it still runs: soffice.bin went with the group.
    const { stdout } = await execFileAsync('ps', ['-eo', 'args']);
    expect(stdout.split('\n').filter((line) => line.includes('nastavnik-office-'))).toEqual([]);
  });
});

describe.skipIf(!soffice)('a roadmap whose sections are separate tables of different widths, through LibreOffice', () => {
  let expected: ReturnType<typeof recognised>;
  let twins: Record<'doc' | 'rtf' | 'odt', Uint8Array>;

  beforeAll(async () => {
    const docx = new Uint8Array(await multiTableDocx());
    expected = recognised(parseRoadmapDocument({ fileName: 'План.docx', bytes: docx }));
    twins = await officeTwins(soffice as string, docx);
  }, 180_000);

  it('the .docx itself reads as written', () => {
    expect(expected.columns.map((c) => c.mappedTo)).toEqual(['number', 'activity', 'deadline', 'responsible', 'expectedResult']);
    expect(expected.sections.map((s) => [s.number, s.title])).toEqual(MULTI_TABLE_ROADMAP.sections.map((s) => [s.number, s.title]));
    expect(expected.sections.map((s) => s.items.map((i) => [i.number, i.activity, i.deadlineText, i.responsible, i.expectedResult]))).toEqual(
      MULTI_TABLE_ROADMAP.sections.map((s) => s.items),
    );
  });

  it('LibreOffice converts its .doc back to .docx as one table over the union of the three grids (what the import must undo)', async () => {
    const converted = await createOfficeConverter(imports).toDocx(twins.doc, 'doc');
    expect(converted).toBeInstanceOf(Uint8Array);
    const xml = strFromU8(unzipSync(converted as Uint8Array, { filter: (file) => file.name === 'word/document.xml' })['word/document.xml']!);
    expect(xml.match(/<w:tbl>/g)).toHaveLength(1);
    expect(xml.match(/<w:gridCol /g)!.length).toBeGreaterThan(5);
  }, 120_000);

  it.each(['doc', 'rtf', 'odt'] as const)(
    'its .%s previews like the .docx: every cell in its heading column, the sections kept',
    async (format) => {
      const result = await reader().read({ fileName: `План.${format}`, bytes: twins[format] }, {});
      expect(result).toMatchObject({ ok: true, format });
      expect(recognised(result)).toEqual(expected);
    },
    120_000,
  );
});
