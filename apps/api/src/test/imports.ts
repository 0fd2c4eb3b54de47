import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImportPreview, ImportedItem, ImportedSection } from '@nastavnik/domain';
import type { District } from '../modules/directory/district.entity.js';
import type { TestApp } from './harness.js';
import { REVISION_FIELDS } from './roadmaps.js';

/** Helpers of the import tests (modules/imports): files, REST calls, the GraphQL mutation, counts. */

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
/** The real documents beside the checkout (absent on most machines: the tests using them are skipped). */
export const SEEDS_DIR = path.resolve(REPO_ROOT, '../shared/seeds');
/** The project's own fixtures, written in the same shapes. */
export const FIXTURES_DIR = path.join(REPO_ROOT, 'packages/domain/src/import/fixtures');

export interface RestResponse {
  status: number;
  body: any;
}

/** POST raw bytes (or JSON) to a REST path of the API. */
export async function post(
  app: TestApp,
  pathAndQuery: string,
  token: string | null,
  body: Uint8Array | string | object,
  headers: Record<string, string> = {},
): Promise<RestResponse> {
  const json = !(body instanceof Uint8Array) && typeof body === 'object';
  const response = await fetch(`${app.api.url}${pathAndQuery}`, {
    method: 'POST',
    headers: {
      'content-type': json ? 'application/json' : 'application/octet-stream',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: json ? JSON.stringify(body) : (body as Uint8Array | string),
  });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    throw new Error(`non-JSON response ${response.status}: ${text.slice(0, 300)}`);
  }
}

export function previewPath(fileName: string, query: Record<string, string> = {}): string {
  return `/imports/preview?${new URLSearchParams({ fileName, ...query })}`;
}

export async function download(app: TestApp, url: string, token: string): Promise<{ status: number; bytes: Buffer }> {
  const response = await fetch(`${app.api.url}${url}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
}

export const IMPORTED_ROADMAP_FIELDS = /* GraphQL */ `
  id level organization { id shortName } campaign { id }
  sourceAttachment { id fileName size url }
  importSource {
    id fileName format encoding title organizationText programmeName periodText importedByName
    approval { heading position organization name date dateText orderNumber orderDate orderText text }
    agreement { heading position authority name date dateText text }
    preamble postscript
    unmapped { where text reason column heading }
    warnings { where message }
    columns { index heading mappedTo reason }
    stats { rows sections items }
    attachment { id }
  }
  latestRevision {
    ${REVISION_FIELDS}
    sections {
      key title task result
      items {
        key number activity content deadlineText responsible expectedResult indicator
        deadline { kind due }
        importNotes { where text reason column heading }
      }
    }
    events { action role toState userName }
  }
`;

export const CREATE_FROM_IMPORT = /* GraphQL */ `
  mutation($input: CreateRoadmapFromImportInput!) { createRoadmapFromImport(input: $input) { ${IMPORTED_ROADMAP_FIELDS} } }
`;

export const IMPORTED_ROADMAP = /* GraphQL */ `
  query($id: ID!) { roadmap(id: $id) { ${IMPORTED_ROADMAP_FIELDS} } }
`;

/** Rows of a tenant table in a district's schema. */
export async function countRows(app: TestApp, district: District, table: 'roadmap' | 'attachment' | 'roadmap_import' | 'roadmap_revision'): Promise<number> {
  const [row] = await app.orm.em.getConnection().execute<Array<{ n: string }>>(`select count(*) as n from "${district.schemaName}"."${table}"`);
  return Number(row!.n);
}

/** What an import may have stored in a district: roadmaps, uploads, import records (a refusal stores none). */
export async function importRowCounts(app: TestApp, district: District): Promise<{ roadmaps: number; attachments: number; imports: number }> {
  return {
    roadmaps: await countRows(app, district, 'roadmap'),
    attachments: await countRows(app, district, 'attachment'),
    imports: await countRows(app, district, 'roadmap_import'),
  };
}

/** Every cell and line of a tab-separated text, as the lost-text check wants them. */
export function textPieces(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .flatMap((line) => line.split('\t'));
}

export const ITEM_FIELDS = ['number', 'activity', 'content', 'deadlineText', 'responsible', 'expectedResult', 'indicator'] as const;

/** An item's plan fields (what an import must carry over). */
export function itemFields(item: Record<string, any>): Record<(typeof ITEM_FIELDS)[number], string> {
  return Object.fromEntries(ITEM_FIELDS.map((field) => [field, item[field]])) as Record<(typeof ITEM_FIELDS)[number], string>;
}

/**
 * What was saved, in the preview's shape: the created revision's sections and items with their import
 * notes, and the import record's header, preamble, postscript, column headings and unmapped texts —
 * so `lostText` proves that the saved draft (not only the preview) kept every piece of the file.
 */
export function savedAsPreview(roadmap: any): ImportPreview {
  const source = roadmap.importSource;
  const blocks = [source.approval, source.agreement].filter(Boolean).map((b: any) => ({ ...b, kind: b.authority !== undefined ? 'agreement' : 'approval' }));
  const sections: ImportedSection[] = roadmap.latestRevision.sections.map((s: any, i: number) => ({
    position: i + 1,
    number: '',
    title: s.title,
    task: s.task,
    result: s.result,
    rows: [],
    issues: [],
    items: s.items.map((item: any, j: number): ImportedItem => ({
      ...itemFields(item),
      // «Вид документа» is saved inside the expected result (the roadmap has no field of its own for it).
      document: '',
      position: j + 1,
      deadline: { kind: 'unrecognized', original: item.deadlineText, due: null, reason: '' } as never,
      rows: [],
      unmapped: item.importNotes,
      issues: [],
    })),
  }));
  return {
    ok: true,
    format: source.format,
    fileName: source.fileName,
    encoding: source.encoding,
    header: {
      title: source.title,
      organization: source.organizationText,
      programmeName: source.programmeName,
      period: null,
      approval: null,
      agreement: null,
      order: null,
      blocks: blocks as never,
    },
    preamble: source.preamble,
    postscript: source.postscript,
    columns: source.columns.map((c: any) => ({ ...c, confidence: 0, source: 'heading' })),
    sections,
    unmapped: source.unmapped,
    warnings: source.warnings,
    stats: source.stats,
  };
}
