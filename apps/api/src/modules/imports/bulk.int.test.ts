import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTenantLoaders } from '../../app.js';
import type { District } from '../directory/district.entity.js';
import type { Organization } from '../directory/organization.entity.js';
import { createDistrict, createOrganization, createRegion, groups } from '../../test/factories.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { importRowCounts, download, FIXTURES_DIR, IMPORTED_ROADMAP, post, SEEDS_DIR } from '../../test/imports.js';
import { CREATE_CAMPAIGN, CREATE_ROADMAP, ok } from '../../test/roadmaps.js';
import { runImportCommand } from './cli.js';

/**
 * The district's bulk import (`POST /imports/bulk`, a ZIP of documents, one per school) and the
 * operator's CLI (`import --district <code> <paths>`), against a district whose schools have the
 * names of the documents: each file matched by its name (`<code>.docx`) or by the organisation named
 * in it, a report per file, one transaction per file, bounded archives.
 */
const run = promisify(execFile);
const API_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

let app: TestApp;
let district: District;
let schools: Record<'gimn' | 'gimn2' | 'sosh3' | 'sosh4' | 'licey' | 'sh25', Organization>;
let officer: string;
let curator: string;
let exported: Uint8Array;
let tmp: string;

const fixture = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES_DIR, name)));
const hasSeeds = existsSync(SEEDS_DIR);

beforeAll(async () => {
  app = await startTestApp({}, { today: '2025-10-15' });
  const region = await createRegion(app.orm, { name: 'Республика Тест' });
  district = await createDistrict(app.orm, region, { name: 'ГО г. Тестовск' });
  const org = (shortName: string, name = '') => createOrganization(app.orm, district, { shortName, ...(name ? { name } : {}) });
  schools = {
    gimn: await org('МОБУ «Гимназия»', 'Муниципальное общеобразовательное бюджетное учреждение «Гимназия» городского округа город Тестовск'),
    gimn2: await org('МАОУ «Гимназия № 2»'),
    sosh3: await org('МБОУ «СОШ № 3 с. Александровское»'),
    sosh4: await org('МОБУ «СОШ № 4»'),
    licey: await org('МБОУ «Лицей № 21»'),
    sh25: await org('МБОУ «СШ № 25»'),
  };
  officer = await app.tokenFor('district-officer', [groups.district(region, district)], 'sibay.officer');
  curator = await app.tokenFor('school-curator', [groups.organization(region, district, schools.sosh4)], 'sosh4.curator');
  // A document made by the project's exporter: the standard template of «СОШ № 4».
  const { createRoadmap } = await ok<{ createRoadmap: any }>(app, CREATE_ROADMAP, curator, {
    input: { programmeName: 'Вместе', organizationId: schools.sosh4.id },
  });
  const file = await download(app, `/exports/revisions/${createRoadmap.latestRevision.id}.docx`, curator);
  expect(file.status).toBe(200);
  exported = new Uint8Array(file.bytes);
  tmp = await mkdtemp(path.join(os.tmpdir(), 'nastavnik-import-'));
});

afterAll(async () => {
  await app?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

const counts = () => importRowCounts(app, district);

const bulk = (body: Uint8Array, query: Record<string, string> = {}, token = officer) => post(app, `/imports/bulk?${new URLSearchParams(query)}`, token, body);

describe('POST /imports/bulk', () => {
  let campaignId: string;

  beforeAll(async () => {
    const { createCampaign } = await ok<{ createCampaign: any }>(app, CREATE_CAMPAIGN, officer, {
      input: { title: 'Дорожные карты 2025/2026', academicYear: '2025/2026', dueDate: '2025-11-20' },
    });
    campaignId = createCampaign.id;
  });

  function archive(): Uint8Array {
    return zipSync({
      [`${schools.sosh4.code}.docx`]: exported,
      'roadmap-noise.txt': fixture('roadmap-noise.txt'),
      'Школы/roadmap-no-headings.txt': fixture('roadmap-no-headings.txt'),
      'повреждён.docx': exported.slice(0, 200),
      'без школы.txt': strToU8('Дорожная карта\n№\tМероприятие\tСрок\n1.\tСовещание\tсентябрь 2025\n'),
      'приказ.pdf': strToU8('%PDF-1.4 …'),
      '__MACOSX/._roadmap-noise.txt': strToU8('resource fork'),
      '.DS_Store': strToU8('x'),
      ...(hasSeeds ? { 'seeds/000.txt': new Uint8Array(readFileSync(path.join(SEEDS_DIR, '000_1b25ab115651c64f.txt'))) } : {}),
      ...(hasSeeds ? { 'seeds/002.txt': new Uint8Array(readFileSync(path.join(SEEDS_DIR, '002_49d87401bc79b362.txt'))) } : {}),
      ...(hasSeeds ? { 'seeds/003.txt': new Uint8Array(readFileSync(path.join(SEEDS_DIR, '003_8bc66d0b871ca409.txt'))) } : {}),
    });
  }

  it('a ZIP of a district’s documents: a report per file; each school matched by file name or by name in the document', async () => {
    const before = await counts();
    const response = await bulk(archive(), { campaignId });
    expect(response.status, JSON.stringify(response.body).slice(0, 500)).toBe(200);
    const report: any[] = response.body.report;
    const byName = Object.fromEntries(report.map((entry) => [entry.fileName, entry]));
    // Resource forks and hidden files are not documents: left out.
    expect(report.map((entry) => entry.fileName)).not.toContain('.DS_Store');
    expect(report.map((entry) => entry.fileName)).not.toContain('__MACOSX/._roadmap-noise.txt');

    expect(byName[`${schools.sosh4.code}.docx`]).toMatchObject({
      ok: true,
      matchedBy: 'code',
      organization: { id: schools.sosh4.id, shortName: 'МОБУ «СОШ № 4»' },
    });
    expect(byName['roadmap-noise.txt']).toMatchObject({
      ok: true,
      matchedBy: 'name',
      organization: { id: schools.sosh3.id },
      stats: { sections: 3, items: 10 },
    });
    // «МАОУ «Гимназия № 2»» is «Гимназия № 2», not «Гимназия».
    expect(byName['Школы/roadmap-no-headings.txt']).toMatchObject({
      ok: true,
      matchedBy: 'name',
      organization: { id: schools.gimn2.id },
      stats: { sections: 2, items: 6 },
    });
    expect(byName['повреждён.docx']).toMatchObject({
      ok: false,
      code: 'CORRUPT',
      message: 'Файл повреждён или не является документом Word',
      organization: null,
    });
    expect(byName['без школы.txt']).toMatchObject({ ok: false, code: 'NO_ORGANIZATION', message: expect.stringMatching(/^Не удалось определить организацию/) });
    // Read as a PDF (pdf.js), and no PDF behind its header.
    expect(byName['приказ.pdf']).toMatchObject({ ok: false, code: 'CORRUPT' });
    if (hasSeeds) {
      expect(byName['seeds/000.txt']).toMatchObject({ ok: true, organization: { id: schools.gimn.id }, stats: { sections: 4, items: 24 } });
      expect(byName['seeds/002.txt']).toMatchObject({ ok: true, organization: { id: schools.licey.id }, stats: { sections: 7, items: 34 } });
      expect(byName['seeds/003.txt']).toMatchObject({ ok: true, organization: { id: schools.sh25.id }, stats: { sections: 7, items: 15 } });
    }
    const created = report.filter((entry) => entry.ok);
    expect(response.body).toMatchObject({ total: report.length, created: created.length, failed: report.length - created.length });
    expect(await counts()).toEqual({
      roadmaps: before.roadmaps + created.length,
      attachments: before.attachments + created.length,
      imports: before.imports + created.length,
    });

    // Every created roadmap is in the campaign, a draft, with its source file.
    for (const entry of created) {
      const { roadmap } = await ok<{ roadmap: any }>(app, IMPORTED_ROADMAP, officer, { id: entry.roadmapId });
      expect(roadmap).toMatchObject({
        organization: { id: entry.organization.id },
        campaign: { id: campaignId },
        latestRevision: { id: entry.revisionId, state: 'DRAFT' },
      });
      expect(roadmap.sourceAttachment.fileName).toBe(path.posix.basename(entry.fileName));
      expect(roadmap.latestRevision.events).toEqual([expect.objectContaining({ action: 'create', role: 'DISTRICT_OFFICER' })]);
    }

    // The same archive again: every school already has its roadmap in the campaign; nothing more is saved.
    const again = await bulk(archive(), { campaignId });
    expect(again.status).toBe(200);
    for (const entry of again.body.report.filter((e: any) => byName[e.fileName].ok)) {
      expect(entry).toMatchObject({ ok: false, code: 'BAD_USER_INPUT', message: 'У организации уже есть дорожная карта в этой кампании' });
    }
    expect(await counts()).toEqual({
      roadmaps: before.roadmaps + created.length,
      attachments: before.attachments + created.length,
      imports: before.imports + created.length,
    });
  });

  it('one document posted as it is (not an archive) is imported as one file', async () => {
    const response = await bulk(exported, { fileName: `${schools.sosh4.code}.docx` });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ total: 1, created: 1, report: [{ ok: true, matchedBy: 'code', organization: { id: schools.sosh4.id } }] });
  });

  it('bounded: a zip bomb, too many files, a broken archive — refused whole, nothing created', async () => {
    const before = await counts();
    const bomb = await bulk(zipSync({ 'roadmap-noise.txt': fixture('roadmap-noise.txt'), 'нули.txt': new Uint8Array(20 * 1024 * 1024) }));
    expect(bomb.status).toBe(413);
    expect(bomb.body.errors[0]).toMatchObject({
      message: expect.stringMatching(/^Архив слишком большой после распаковки/),
      extensions: { code: 'BAD_USER_INPUT', field: 'file', reason: 'ZIP_BOMB' },
    });

    const many = await bulk(zipSync(Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`${i}.txt`, strToU8('x')]))));
    expect(many.status).toBe(413);
    expect(many.body.errors[0]).toMatchObject({ message: 'В архиве больше 200 файлов — разделите его на несколько', extensions: { reason: 'TOO_MANY_FILES' } });

    const broken = await bulk(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...strToU8('это не архив, хотя начинается как архив')]));
    expect(broken.status).toBe(400);
    expect(broken.body.errors[0]).toMatchObject({ message: 'Архив повреждён или не является ZIP-архивом', extensions: { reason: 'CORRUPT' } });
    expect(await counts()).toEqual(before);
  });

  it('a curator → 403 FORBIDDEN, a campaign of another district → 404', async () => {
    const response = await bulk(zipSync({ 'a.txt': fixture('roadmap-noise.txt') }), {}, curator);
    expect(response.status).toBe(403);
    expect(response.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const unknown = await bulk(zipSync({ 'a.txt': fixture('roadmap-noise.txt') }), { campaignId: '019a0000-0000-7000-8000-000000000000' });
    expect(unknown.status).toBe(404);
  });
});

describe('CLI: import --district <code> <paths>', () => {
  async function folder(name: string, files: Record<string, Uint8Array>): Promise<string> {
    const dir = path.join(tmp, name);
    for (const [file, bytes] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), bytes);
    }
    return dir;
  }

  it('a folder of two documents: a line per file, the roadmaps created, exit code 0', async () => {
    const dir = await folder('two', {
      [`${schools.gimn.code}.txt`]: fixture('roadmap-noise.txt'),
      'вложенная/Дорожная карта.docx': exported,
    });
    const before = await counts();
    const lines: string[] = [];
    const result = await runImportCommand({
      orm: app.orm,
      config: app.config,
      args: ['--district', district.code, dir],
      createTenantLoaders,
      out: (line) => lines.push(line),
    });
    expect(result.exitCode).toBe(0);
    expect(result.report).toEqual([
      expect.objectContaining({
        fileName: path.join(dir, `${schools.gimn.code}.txt`),
        ok: true,
        matchedBy: 'code',
        organization: expect.objectContaining({ id: schools.gimn.id }),
      }),
      expect.objectContaining({
        fileName: path.join(dir, 'вложенная/Дорожная карта.docx'),
        ok: true,
        matchedBy: 'name',
        organization: expect.objectContaining({ id: schools.sosh4.id }),
      }),
    ]);
    expect(lines[0]).toMatch(/^✓ .*\.txt → МОБУ «Гимназия» \(по имени файла\): черновик дорожной карты [0-9a-f-]{36} — разделов 3, мероприятий 10$/);
    expect(lines[1]).toMatch(/^✓ .*Дорожная карта\.docx → МОБУ «СОШ № 4» \(по названию в документе\)/);
    expect(lines[2]).toBe('Итого: файлов 2, создано дорожных карт 2, с ошибками 0');
    expect(await counts()).toEqual({ roadmaps: before.roadmaps + 2, attachments: before.attachments + 2, imports: before.imports + 2 });
    const { roadmap } = await ok<{ roadmap: any }>(app, IMPORTED_ROADMAP, officer, { id: result.report[0]!.roadmapId });
    expect(roadmap.importSource).toMatchObject({ fileName: `${schools.gimn.code}.txt`, importedByName: 'Импорт из командной строки (оператор платформы)' });
    expect(roadmap.latestRevision.sections.flatMap((s: any) => s.items)).toHaveLength(10);
  });

  it('a failed file → exit code 1 and its reason; an unknown district → 2', async () => {
    const dir = await folder('bad', { 'good.txt': fixture('roadmap-no-headings.txt'), 'bad.docx': strToU8('не документ') });
    const lines: string[] = [];
    const result = await runImportCommand({
      orm: app.orm,
      config: app.config,
      args: ['--district', district.code, dir],
      createTenantLoaders,
      out: (line) => lines.push(line),
    });
    expect(result.exitCode).toBe(1);
    expect(lines).toContain(`✗ ${path.join(dir, 'bad.docx')}: Файл не является документом Word (.docx) [NOT_DOCX]`);
    const unknown = await runImportCommand({
      orm: app.orm,
      config: app.config,
      args: ['--district', 'no-such-district', dir],
      createTenantLoaders,
      out: (line) => lines.push(line),
    });
    expect(unknown.exitCode).toBe(2);
    expect(lines.at(-1)).toBe('Муниципалитет «no-such-district» не найден.');
  });

  it.skipIf(!existsSync(path.join(API_DIR, 'dist/cli.js')))(
    'node dist/cli.js import --json against the test database',
    async () => {
      const dir = await folder('spawned', {
        [`${schools.licey.code}.txt`]: fixture('roadmap-noise.txt'),
        'zip/архив.zip': zipSync({ [`${schools.sh25.code}.docx`]: exported }),
      });
      const { stdout } = await run(process.execPath, [path.join(API_DIR, 'dist/cli.js'), 'import', '--district', district.code, '--json', dir], {
        env: { ...process.env, DATABASE_URL: inject('databaseUrl'), LOG_LEVEL: 'silent', NODE_ENV: 'test' },
        cwd: API_DIR,
      });
      const report = JSON.parse(stdout);
      expect(report).toEqual([
        expect.objectContaining({ ok: true, organization: expect.objectContaining({ id: schools.licey.id }) }),
        expect.objectContaining({
          fileName: path.join(dir, `zip/архив.zip/${schools.sh25.code}.docx`),
          ok: true,
          organization: expect.objectContaining({ id: schools.sh25.id }),
        }),
      ]);
    },
    60_000,
  );
});
