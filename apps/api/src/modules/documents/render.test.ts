import type { Item, Section } from '@nastavnik/domain';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { MAX_ITEMS, MAX_SECTIONS } from '../roadmaps/content.js';
import { renderDocx } from './docx.js';
import { revisionDocument } from './layout.js';
import { renderPdf } from './pdf.js';

/** The largest revision the editor accepts renders in both formats in reasonable time. */
const SENTENCE = 'Проведение встречи наставников и наставляемых с обсуждением результатов и планов на следующий период. ';

function largest(): Section[] {
  const perSection = MAX_ITEMS / 10;
  return Array.from({ length: Math.min(10, MAX_SECTIONS) }, (_, s) => ({
    id: `s${s}`,
    position: s,
    title: `Раздел ${s + 1}`,
    task: 'Задача этапа: информирование',
    result: 'Результат: базы сформированы',
    items: Array.from({ length: perSection }, (_, i): Item => ({
      id: `i${s}-${i}`,
      position: i,
      number: `${s + 1}.${i + 1}`,
      activity: SENTENCE.repeat(2).trim(),
      content: SENTENCE.repeat(i === 0 ? 45 : 4).trim(),
      deadlineText: 'Сентябрь 2025, 2026',
      deadline: { kind: 'bySchedule', due: null } as unknown as Item['deadline'],
      responsible: 'И.И. Иванов, директор; А.А. Петрова, куратор',
      expectedResult: 'Протокол',
      indicator: '100% участников',
      done: false,
      doneOn: null,
      evidence: [],
    })),
  }));
}

describe('rendering the largest revision', () => {
  const model = revisionDocument({
    level: 'school',
    state: 'draft',
    number: 1,
    title: 'Дорожная карта реализации целевой модели наставничества «Вместе» в МОБУ «Школа» на 2025/2026 учебный год',
    programmeName: 'Вместе',
    periodStart: '2025-09-01',
    periodEnd: '2026-08-31',
    approval: null,
    agreement: null,
    ownerShortName: 'МОБУ «Школа»',
    ownerFullName: 'Муниципальное бюджетное общеобразовательное учреждение «Школа»',
    approverOrganization: 'МОБУ «Школа»',
    agreeingAuthority: 'Управление образования',
    sections: largest(),
  });

  it(`PDF: ${MAX_ITEMS} items, over a hundred pages, in seconds`, async () => {
    const started = performance.now();
    const pdf = await renderPdf(model, new Date('2025-10-15T10:00:00Z'));
    const ms = performance.now() - started;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.subarray(-6).toString()).toContain('%%EOF');
    const pages = (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
    expect(pages).toBeGreaterThan(100);
    expect(ms).toBeLessThan(15_000);
  });

  it(`DOCX: ${MAX_ITEMS} items and ${10} section rows`, async () => {
    const docx = await renderDocx(model);
    const xml = strFromU8(unzipSync(new Uint8Array(docx))['word/document.xml']!);
    expect((xml.match(/<w:tr>|<w:tr /g) ?? []).length).toBe(1 + 1 + MAX_ITEMS + 10);
    expect((xml.match(/<w:tblHeader\/>/g) ?? []).length).toBe(1);
  });
});
