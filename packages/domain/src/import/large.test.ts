import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { lostText, parseRoadmapDocument, type ImportPreview, type ImportResult } from './index.js';
import { LARGE_ROADMAP, LARGE_ROADMAP_HEADINGS, largeRoadmapItem, largeRoadmapRows } from './large-roadmap.js';

/**
 * A roadmap with 2,000 rows (20 sections of 100 items), as text and as Word: a correct preview, in
 * one linear pass (no timing assertions — the test only has to finish).
 */

const { sections: SECTIONS, items: ITEMS } = LARGE_ROADMAP;
const rows = () => largeRoadmapRows();
const HEADINGS = [...LARGE_ROADMAP_HEADINGS];

function check(result: ImportResult): ImportPreview {
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  expect(result.stats).toEqual({ rows: SECTIONS * (ITEMS + 1), items: SECTIONS * ITEMS, sections: SECTIONS });
  expect(result.sections.every((s) => s.items.length === ITEMS)).toBe(true);
  const last = result.sections[SECTIONS - 1]!.items[ITEMS - 1]!;
  const [number, activity, deadlineText, responsible, expectedResult] = largeRoadmapItem(SECTIONS, ITEMS);
  expect(last).toMatchObject({ position: ITEMS, number, activity, deadlineText, responsible, expectedResult });
  expect(last.deadline.kind).toBe('months');
  expect(result.header.period).toMatchObject({ periodStart: '2024-09-01', periodEnd: '2025-08-31' });
  return result;
}

describe('a roadmap with 2,000 rows', () => {
  it('as tab-separated text', () => {
    const table = rows();
    const text = [
      'УТВЕРЖДАЮ',
      'Директор МБОУ «СОШ № 1»',
      '_______ А.А. Сидорова',
      '',
      'Дорожная карта на 2024-2025 учебный год',
      HEADINGS.join('\t'),
      ...table.map((r) => r.join('\t')),
    ].join('\n');
    const result = check(parseRoadmapDocument({ fileName: 'big.txt', bytes: strToU8(text) }));
    expect(result.header.approval?.name).toBe('А.А. Сидорова');
    // Every cell of every 50th row is in the preview.
    expect(lostText(result, table.filter((_, i) => i % 50 === 0).flat())).toEqual([]);
  });

  it('as a Word document', () => {
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const cell = (t: string) => `<w:tc><w:p><w:r><w:t xml:space="preserve">${esc(t)}</w:t></w:r></w:p></w:tc>`;
    const row = (cells: string[]) => `<w:tr>${cells.map(cell).join('')}</w:tr>`;
    const body = '<w:p><w:r><w:t>Дорожная карта на 2024-2025 учебный год</w:t></w:r></w:p>' + `<w:tbl>${row(HEADINGS)}${rows().map(row).join('')}</w:tbl>`;
    const bytes = zipSync({
      '[Content_Types].xml': strToU8(
        '<Types><Override ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
      'word/document.xml': strToU8(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`),
    });
    check(parseRoadmapDocument({ fileName: 'big.docx', bytes }));
  });
});
