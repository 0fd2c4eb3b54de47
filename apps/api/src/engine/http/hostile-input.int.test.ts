import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { realDocx, zipBombDocx } from '../../test/office-files.js';
import { roadmapWorld, type RoadmapWorld } from '../../test/roadmaps.js';

/**
 * Hostile input is answered at the edge with the exact status and a Russian message naming the
 * field; nothing is written, and nothing of it becomes a 5xx (issue 12, item 4).
 */
let app: TestApp;
let w: RoadmapWorld;

beforeAll(async () => {
  // `info`: the request lines (with their statuses) are checked after each test.
  app = await startTestApp({ LOG_LEVEL: 'info' });
  w = await roadmapWorld(app);
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

let logMark = 0;
beforeEach(() => {
  logMark = app.logs.length;
});
afterEach(async () => {
  // No request of the test failed on the server (no 5xx, no error logged).
  await new Promise((resolve) => setTimeout(resolve, 20));
  const lines = app.logs.slice(logMark);
  expect(lines.filter((line) => line.level >= 50).map((line) => line.msg)).toEqual([]);
  expect(lines.filter((line) => line.msg === 'request' && line.status >= 500)).toEqual([]);
});

const NUL = '\u0000';
const nulMessage = (field: string) => `Поле «${field}» содержит недопустимый символ (NUL).`;

async function count(table: string): Promise<number> {
  const rows = (await app.orm.em.getConnection().execute(`select count(*)::int as n from ${table}`)) as Array<{ n: number }>;
  return rows[0]!.n;
}
const newsTable = () => `"${w.district.schemaName}"."school_news"`;
const attachmentTable = () => `"${w.district.schemaName}"."attachment"`;

async function raw(path: string, init: RequestInit & { token?: string } = {}) {
  const { token, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  const response = await fetch(`${app.api.url}${path}`, { ...rest, headers });
  const text = await response.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    // HTML pages (the survey form).
  }
  return { status: response.status, headers: response.headers, text, json };
}

const postGraphQL = (body: unknown, token = w.tokens.curator1) =>
  raw('/graphql', { method: 'POST', token, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

const CREATE_NEWS = `mutation($org: ID!, $input: SchoolNewsInput!) { createSchoolNews(organizationId: $org, input: $input) { id } }`;

describe('a NUL byte', () => {
  it('in a GraphQL variable: BAD_USER_INPUT naming the field, HTTP 200, nothing written', async () => {
    const before = await count(newsTable());
    const response = await postGraphQL({ query: CREATE_NEWS, variables: { org: w.school1.id, input: { title: `Новость${NUL}`, body: 'Текст' } } });
    expect(response.status).toBe(200);
    expect(response.json.data ?? null).toBeNull();
    expect(response.json.errors).toEqual([{ message: nulMessage('input.title'), extensions: { code: 'BAD_USER_INPUT', field: 'input.title' } }]);
    const inBody = await postGraphQL({ query: CREATE_NEWS, variables: { org: w.school1.id, input: { title: 'Новость', body: `a${NUL}b` } } });
    expect(inBody.json.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.body' });
    expect(await count(newsTable())).toBe(before);
  });

  it('in an inline string literal: the argument path is named', async () => {
    const before = await count(newsTable());
    // `\u0000` is GraphQL's own escape: the literal's value holds a NUL.
    const query = `mutation { createSchoolNews(organizationId: "${w.school1.id}", input: { title: "Новость\\u0000", body: "Текст" }) { id } }`;
    const response = await postGraphQL({ query });
    expect(response.status).toBe(200);
    expect(response.json.errors).toEqual([{ message: nulMessage('input.title'), extensions: { code: 'BAD_USER_INPUT', field: 'input.title' } }]);
    expect(await count(newsTable())).toBe(before);
  });

  it('in the partner sign-up form (no login): 400 naming the field, no application stored', async () => {
    const before = await count('core.partner_application');
    const response = await raw('/partners/apply', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: `ООО «Ромашка»${NUL}`, kind: 'company', inn: '7707083893' }),
    });
    expect(response.status).toBe(400);
    expect(response.json.errors).toEqual([{ message: nulMessage('name'), extensions: { code: 'BAD_USER_INPUT', field: 'name' } }]);
    expect(await count('core.partner_application')).toBe(before);
  });

  it('in the public survey form: a 400 page naming the field', async () => {
    const token = `sibay.${randomBytes(24).toString('base64url')}`;
    const response = await raw(`/public/surveys/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ q_1: `5${NUL}` }).toString(),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.text).toContain('Поле «q_1» содержит недопустимый символ (NUL).');
  });

  it('in an upload’s file name or a path: 400 naming it, no file stored', async () => {
    const before = await count(attachmentTable());
    const response = await raw(`/attachments?fileName=${encodeURIComponent(`протокол${NUL}.pdf`)}`, {
      method: 'POST',
      token: w.tokens.curator1,
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.from('%PDF-1.4\n%%EOF\n'),
    });
    expect(response.status).toBe(400);
    expect(response.json.errors).toEqual([{ message: nulMessage('fileName'), extensions: { code: 'BAD_USER_INPUT', field: 'fileName' } }]);
    expect(await count(attachmentTable())).toBe(before);
    // A public page whose codes reach a query as text.
    const page = await raw(`/public/schools/${w.district.code}%00/x.html`);
    expect(page.status).toBe(400);
    expect(page.json.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'path' });
  });
});

describe('malformed GraphQL', () => {
  it('syntax errors and the token limit are 400 GRAPHQL_PARSE_FAILED, not 500', async () => {
    for (const query of ['{', '}}}}', `{ ${'__typename '.repeat(2100)}}`]) {
      const response = await postGraphQL({ query }, w.tokens.officer);
      expect(response.status, query.slice(0, 20)).toBe(400);
      expect(response.json.errors[0].extensions.code, query.slice(0, 20)).toBe('GRAPHQL_PARSE_FAILED');
    }
    const limit = await postGraphQL({ query: `{ ${'__typename '.repeat(2100)}}` }, w.tokens.officer);
    expect(limit.json.errors[0].message).toMatch(/2000 tokens/);
  });

  it('validation errors and graphql-armor refusals are 400 GRAPHQL_VALIDATION_FAILED', async () => {
    const unknown = await postGraphQL({ query: '{ nosuchfield }' }, w.tokens.officer);
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const aliases = await postGraphQL({ query: `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: regions { total }`).join(' ')} }` }, w.tokens.officer);
    expect(aliases.status).toBe(400);
    expect(aliases.json.errors[0]).toMatchObject({ message: expect.stringMatching(/Aliases limit/), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  });
});

describe('pagination', () => {
  const REGIONS = `query($page: PageInput) { regions(page: $page) { total limit offset } }`;

  it('refuses limit -1 and offset 2^31−1, naming the field; accepts the bounds', async () => {
    const admin = w.tokens.admin;
    const both = await postGraphQL({ query: REGIONS, variables: { page: { limit: -1, offset: 2147483647 } } }, admin);
    expect(both.status).toBe(200);
    expect(both.json.errors).toEqual([
      {
        message: 'Поле «page.limit»: значение от 1 до 100.',
        path: ['regions'],
        locations: expect.any(Array),
        extensions: { code: 'BAD_USER_INPUT', field: 'page.limit' },
      },
    ]);
    const offset = await postGraphQL({ query: REGIONS, variables: { page: { limit: 10, offset: 2147483647 } } }, admin);
    expect(offset.json.errors[0]).toMatchObject({
      message: 'Поле «page.offset»: значение от 0 до 100000.',
      extensions: { code: 'BAD_USER_INPUT', field: 'page.offset' },
    });
    const tooMany = await postGraphQL({ query: REGIONS, variables: { page: { limit: 101 } } }, admin);
    expect(tooMany.json.errors[0].extensions.field).toBe('page.limit');
    const fine = await postGraphQL({ query: REGIONS, variables: { page: { limit: 100, offset: 100000 } } }, admin);
    expect(fine.json.errors).toBeUndefined();
    expect(fine.json.data.regions).toMatchObject({ limit: 100, offset: 100000 });
  });
});

describe('Office evidence files', () => {
  const upload = (fileName: string, body: Buffer) =>
    raw(`/attachments?${new URLSearchParams({ fileName })}`, {
      method: 'POST',
      token: w.tokens.curator1,
      headers: { 'content-type': 'application/octet-stream' },
      body,
    });

  it('a corrupt, a truncated and a ZIP-bomb .docx are refused (415, field file), nothing stored; a real one is stored', async () => {
    const before = await count(attachmentTable());
    const docx = await realDocx();
    const cases: Array<[string, Buffer]> = [
      ['corrupt', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(4000)])],
      ['truncated', docx.subarray(0, Math.floor(docx.length / 2))],
      ['zip bomb', zipBombDocx(8)],
    ];
    for (const [what, body] of cases) {
      const response = await upload('Протокол.docx', body);
      expect(response.status, what).toBe(415);
      expect(response.json.errors, what).toEqual([
        { message: 'Содержимое файла не соответствует его типу «.docx»', extensions: { code: 'BAD_USER_INPUT', field: 'file' } },
      ]);
    }
    expect(await count(attachmentTable())).toBe(before);
    const stored = await upload('Протокол.docx', docx);
    expect(stored.status).toBe(201);
    expect(stored.json).toMatchObject({ fileName: 'Протокол.docx', size: docx.length });
    expect(await count(attachmentTable())).toBe(before + 1);
  });
});
