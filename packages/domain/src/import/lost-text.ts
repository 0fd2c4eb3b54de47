import { RESULT_LABEL, TASK_LABEL } from './builder.js';
import { compactForCompare } from './text.js';
import type { ImportPreview } from './types.js';

/**
 * Proof that an import dropped nothing: every piece of source text (a cell, a paragraph) must be
 * found in the preview — in a field, the header, the preamble or postscript, a column heading, or
 * the unmapped texts. Spaces and line breaks are ignored (cells broken over rows are joined), as are
 * HTML remnants, the labels «Задача этапа:» / «Результат:» (their text becomes the section's task and
 * result) and a number written before a title («4.Содействие …» → «4.» + «Содействие …»).
 */

const squeeze = (text: string) => compactForCompare(text).replace(/\s+/g, '');

/** Everything the preview holds, as one searchable string. */
export function previewCorpus(preview: ImportPreview): string {
  const parts: string[] = [...preview.preamble, ...preview.postscript];
  const h = preview.header;
  parts.push(h.title, h.organization, h.programmeName);
  for (const b of h.blocks) parts.push(b.text);
  for (const c of preview.columns) parts.push(c.heading);
  for (const u of preview.unmapped) parts.push(u.text);
  for (const s of preview.sections) {
    parts.push(s.number, s.title, s.task, s.result);
    for (const i of s.items) {
      parts.push(i.number, i.activity, i.content, i.deadlineText, i.responsible, i.expectedResult, i.indicator, i.document);
      for (const u of i.unmapped) parts.push(u.text);
    }
  }
  return parts.map(squeeze).join('\u0000');
}

const LEADING_NUMBER = /^(\d{1,2}(?:\.\d{1,3}){0,3}\.?|(?:раздел|этап|блок|модуль)\s+(?:\d{1,2}|[IVX]{1,5})\.?)\s*(?=\S)/i;

/** The source texts (cells, lines) not found in the preview; an empty list means nothing was lost. */
export function lostText(preview: ImportPreview, source: Iterable<string>): string[] {
  const corpus = previewCorpus(preview);
  const lost: string[] = [];
  for (const text of source) {
    const pieces = compactForCompare(text)
      .split(new RegExp(`${TASK_LABEL.source}|${RESULT_LABEL.source}`, 'gi'))
      .flatMap((piece) => {
        const m = LEADING_NUMBER.exec(piece.trim());
        return m ? [m[1] as string, piece.trim().slice(m[0].length)] : [piece];
      })
      .map(squeeze)
      .filter(Boolean);
    if (pieces.some((p) => !corpus.includes(p))) lost.push(text);
  }
  return lost;
}
