import type { Item, Section } from '../roadmap/model.js';
import type { ImportPreview } from './types.js';

/**
 * The sections and items of a preview as the roadmap model's `Section[]`, ready to be saved as the
 * first revision of a draft. A section's number is written back before its title («1. Нормативно-
 * правовое …»), as in the document; items are not done and have no evidence yet.
 */
export const DOCUMENT_LABEL = 'Вид документа';

export function previewToSections(preview: Pick<ImportPreview, 'sections'>, newId: () => string): Section[] {
  return preview.sections.map((section) => ({
    id: newId(),
    position: section.position,
    title: [section.number, section.title].filter(Boolean).join(' '),
    task: section.task,
    result: section.result,
    items: section.items.map((item): Item => ({
      id: newId(),
      position: item.position,
      number: item.number,
      activity: item.activity,
      content: item.content,
      deadlineText: item.deadlineText,
      deadline: item.deadline,
      responsible: item.responsible,
      // The roadmap has one result field: «Вид документа» kept apart in the preview joins it, labelled.
      expectedResult: item.document ? [item.expectedResult, `${DOCUMENT_LABEL}: ${item.document}`].filter(Boolean).join('\n') : item.expectedResult,
      indicator: item.indicator,
      done: false,
      doneOn: null,
      evidence: [],
    })),
  }));
}
