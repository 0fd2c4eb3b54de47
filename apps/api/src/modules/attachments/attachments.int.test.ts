import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groups } from '../../test/factories.js';
import { minimalDocx } from '../../test/office-files.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { agreedRoadmap, fails, MARK_DONE, ok, revision, roadmapWorld, type RoadmapWorld } from '../../test/roadmaps.js';

/**
 * Attachments over REST (POST /attachments, GET /attachments/<id>) with the GraphQL context's token
 * and tenant rules: the size limit and the type allow-list with Russian errors, the row scope on
 * download, evidence of an executed item, deletion, and the disk storage.
 */
const MAX = 4096;
let app: TestApp;
let w: RoadmapWorld;
let other: RoadmapWorld;

beforeAll(async () => {
  app = await startTestApp({ ATTACHMENT_MAX_BYTES: String(MAX) }, { today: '2025-10-15' });
  w = await roadmapWorld(app);
  other = await roadmapWorld(app);
});

afterAll(async () => {
  await app?.stop();
});

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(500, 0x20), Buffer.from('\n%%EOF\n')]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100, 1)]);

async function upload(
  target: TestApp,
  token: string | null,
  fileName: string,
  body: Buffer,
  query: Record<string, string> = {},
  headers: Record<string, string> = {},
) {
  const params = new URLSearchParams({ fileName, ...query });
  const response = await fetch(`${target.api.url}/attachments?${params}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body,
  });
  return { status: response.status, body: (await response.json()) as any };
}

async function download(target: TestApp, token: string, url: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${target.api.url}${url}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

describe('upload and download', () => {
  it('a curator uploads a PDF; the file comes back with its name; other schools and districts get 404/403', async () => {
    const uploaded = await upload(app, w.tokens.curator1, 'Приказ № 336 от 31.08.2025.pdf', PDF);
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ fileName: 'Приказ № 336 от 31.08.2025.pdf', contentType: 'application/pdf', size: PDF.length });
    expect(uploaded.body.url).toBe(`/attachments/${uploaded.body.id}`);

    const mine = await download(app, w.tokens.curator1, uploaded.body.url);
    expect(mine.status).toBe(200);
    expect(mine.bytes.equals(PDF)).toBe(true);
    expect(mine.headers.get('content-type')).toBe('application/pdf');
    expect(mine.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('Приказ № 336 от 31.08.2025.pdf')}`);
    expect(mine.headers.get('x-content-type-options')).toBe('nosniff');

    expect((await download(app, w.tokens.officer, uploaded.body.url)).status).toBe(200);
    expect((await download(app, w.tokens.director1, uploaded.body.url)).status).toBe(200);
    expect((await download(app, w.tokens.curator2, uploaded.body.url)).status).toBe(404);
    expect((await download(app, other.tokens.officer, uploaded.body.url)).status).toBe(404);
    const viaHeader = await download(app, other.tokens.officer, uploaded.body.url, { 'x-district-id': w.district.id });
    expect(viaHeader.status).toBe(403);
    expect(JSON.parse(viaHeader.bytes.toString()).errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('size and type errors are clear, in Russian, naming the file', async () => {
    const large = await upload(app, w.tokens.curator1, 'big.pdf', Buffer.concat([PDF, Buffer.alloc(MAX)]));
    expect(large.status).toBe(413);
    expect(large.body.errors[0]).toMatchObject({ message: 'Файл слишком большой: не более 4 КБ', extensions: { code: 'BAD_USER_INPUT', field: 'file' } });

    const exe = await upload(app, w.tokens.curator1, 'setup.exe', Buffer.from('MZ....'));
    expect(exe.status).toBe(415);
    expect(exe.body.errors[0]).toMatchObject({
      message: 'Недопустимый тип файла «.exe»: можно загрузить PDF, DOC, DOCX, RTF, XLS, XLSX, ODT, JPG, PNG, TXT',
      extensions: { code: 'BAD_USER_INPUT', field: 'file' },
    });
    const noExtension = await upload(app, w.tokens.curator1, 'README', Buffer.from('text'));
    expect(noExtension.status).toBe(415);

    const renamed = await upload(app, w.tokens.curator1, 'приказ.pdf', Buffer.from('MZ\x90\x00 not a pdf'));
    expect(renamed.status).toBe(415);
    expect(renamed.body.errors[0].message).toBe('Содержимое файла не соответствует его типу «.pdf»');
    const notRtf = await upload(app, w.tokens.curator1, 'справка.rtf', Buffer.from('просто текст'));
    expect(notRtf.status).toBe(415);
    expect(notRtf.body.errors[0].message).toBe('Содержимое файла не соответствует его типу «.rtf»');

    const empty = await upload(app, w.tokens.curator1, 'пусто.txt', Buffer.alloc(0));
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].message).toBe('Файл пуст');

    const noName = await upload(app, w.tokens.curator1, '', PDF);
    expect(noName.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fileName' });

    for (const [name, bytes] of [
      ['фото.png', PNG],
      ['отчёт.txt', Buffer.from('Отчёт о проведении мероприятия', 'utf8')],
      // A real document: a ZIP signature alone is refused (see office-archive.ts).
      ['протокол.docx', minimalDocx()],
      ['справка.rtf', Buffer.from('{\\rtf1\\ansi Справка}', 'utf8')],
    ] as const) {
      expect((await upload(app, w.tokens.curator1, name, bytes)).status).toBe(201);
    }
  });

  it('without a token 401; the region coordinator (read-only) and a curator for another school 403', async () => {
    expect((await upload(app, null, 'a.pdf', PDF)).status).toBe(401);
    const coordinator = await upload(app, w.tokens.coordinator, 'a.pdf', PDF, {}, { 'x-district-id': w.district.id });
    expect(coordinator.status).toBe(403);
    const foreign = await upload(app, w.tokens.curator2, 'a.pdf', PDF, { organizationId: w.school1.id });
    expect(foreign.status).toBe(403);
    expect((await fetch(`${app.api.url}/attachments`, { method: 'DELETE' })).status).toBe(405);
  });
});

describe('evidence of an executed item', () => {
  it('an attached file marks an item done; it cannot be deleted while cited; a foreign school’s file is refused', async () => {
    const { revision: agreed } = await agreedRoadmap(app, w);
    const item = (await revision(app, w.tokens.curator1, agreed.id)).sections[0].items[0];
    const file = (await upload(app, w.tokens.curator1, 'Протокол педсовета.pdf', PDF)).body;
    const foreign = (await upload(app, w.tokens.curator2, 'Чужой.pdf', PDF)).body;

    const refused = await fails(app, MARK_DONE, w.tokens.curator1, { input: { itemId: item.id, attachmentId: foreign.id } });
    expect(refused.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'attachmentId' });

    const { markItemDone } = await ok<{ markItemDone: any }>(app, MARK_DONE, w.tokens.curator1, {
      input: { itemId: item.id, attachmentId: file.id, note: 'Протокол № 1' },
    });
    expect(markItemDone.execution).toMatchObject({ done: true, note: 'Протокол № 1', attachment: { id: file.id, fileName: 'Протокол педсовета.pdf' } });

    const inUse = await fails(app, `mutation($id: ID!) { deleteAttachment(id: $id) }`, w.tokens.curator1, { id: file.id });
    expect(inUse.extensions?.code).toBe('CONFLICT');
    expect((await download(app, w.tokens.officer, file.url)).status).toBe(200);

    const spare = (await upload(app, w.tokens.curator1, 'Лишний.pdf', PDF)).body;
    const notMine = await fails(app, `mutation($id: ID!) { deleteAttachment(id: $id) }`, w.tokens.director2, { id: spare.id });
    expect(notMine.extensions?.code).toBe('NOT_FOUND');
    expect(
      (await ok<{ deleteAttachment: boolean }>(app, `mutation($id: ID!) { deleteAttachment(id: $id) }`, w.tokens.curator1, { id: spare.id })).deleteAttachment,
    ).toBe(true);
    expect((await download(app, w.tokens.curator1, spare.url)).status).toBe(404);
  });
});

describe('disk storage (ATTACHMENT_STORAGE=disk)', () => {
  it('writes <dir>/<district schema>/<id>, reads it back, deletes it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'nastavnik-attachments-'));
    const diskApp = await startTestApp({ ATTACHMENT_STORAGE: 'disk', ATTACHMENT_DIR: dir });
    try {
      // Tokens of this app's own identity provider.
      const curator = await diskApp.tokenFor('school-curator', [groups.organization(w.region, w.district, w.school1)]);
      const uploaded = (await upload(diskApp, curator, 'скан.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]))).body;
      const file = path.join(dir, w.district.schemaName, uploaded.id);
      expect(existsSync(file)).toBe(true);
      const back = await download(diskApp, curator, uploaded.url);
      expect(back.headers.get('content-type')).toBe('image/jpeg');
      expect([...back.bytes]).toEqual([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
      await ok(diskApp, `mutation($id: ID!) { deleteAttachment(id: $id) }`, curator, { id: uploaded.id });
      expect(existsSync(file)).toBe(false);
    } finally {
      await diskApp.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('source file of an imported roadmap', () => {
  it('cannot be deleted while the roadmap exists: CONFLICT with a Russian message, not an internal error', async () => {
    const { post, previewPath } = await import('../../test/imports.js');
    const bytes = new TextEncoder().encode(
      [
        'Дорожная карта',
        '№\tМероприятие\tСрок\tОтветственный',
        '1\tСовещание с педагогами\tсентябрь 2025\tКуратор',
        '2\tФормирование пар\tоктябрь 2025\tКуратор',
      ].join('\n'),
    );
    const previewed = await post(app, previewPath('карта.txt'), w.tokens.curator1, bytes);
    expect(previewed.status).toBe(201);
    const { createRoadmapFromImport } = await ok<{ createRoadmapFromImport: any }>(
      app,
      `mutation($input: CreateRoadmapFromImportInput!) { createRoadmapFromImport(input: $input) { id sourceAttachment { id } } }`,
      w.tokens.curator1,
      { input: { uploadId: previewed.body.uploadId } },
    );
    const refused = await fails(app, `mutation($id: ID!) { deleteAttachment(id: $id) }`, w.tokens.curator1, {
      id: createRoadmapFromImport.sourceAttachment.id,
    });
    expect(refused.extensions).toMatchObject({ code: 'CONFLICT', reason: 'STATE' });
    expect(refused.message).toBe('Файл — исходный документ импортированной дорожной карты: его нельзя удалить, пока карта существует');
  });
});
