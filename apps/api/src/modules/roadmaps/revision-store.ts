import type { Item, Section } from '@nastavnik/domain';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import { toDomainSections } from './content.js';
import { RoadmapItem } from './item.entity.js';
import type { RoadmapRevision } from './revision.entity.js';
import { RoadmapSection } from './section.entity.js';

/** How a revision's sections and items are read from and written to their rows. */

/** The content of a revision in the domain's shape (sections with items, keys as ids). */
export async function readContent(em: EntityManager, revision: RoadmapRevision): Promise<Section[]> {
  const [sections, items] = await Promise.all([
    em.find(RoadmapSection, { revision: revision.id }, { orderBy: { position: 'asc' } }),
    em.find(RoadmapItem, { revision: revision.id }, { orderBy: { position: 'asc' } }),
  ]);
  return toDomainSections(sections, items);
}

/**
 * Makes the stored sections and items of `revision` (`existing`, loaded in `em`) equal to
 * `sections`, matching rows by their stable keys (rows keep their ids; new keys are inserted, missing ones deleted). In the caller's
 * unit of work (flushed by the caller).
 */
export function writeContent(
  em: EntityManager,
  revision: RoadmapRevision,
  sections: readonly Section[],
  existing: { sections: readonly RoadmapSection[]; items: readonly RoadmapItem[] },
): void {
  const existingSections = existing.sections;
  const existingItems = existing.items;
  const sectionByKey = new Map(existingSections.map((s) => [s.key, s]));
  const itemByKey = new Map(existingItems.map((i) => [i.key, i]));
  const keptSections = new Set<RoadmapSection>();
  const keptItems = new Set<RoadmapItem>();
  for (const [s, section] of sections.entries()) {
    let sectionRow = sectionByKey.get(section.id);
    const sectionData = { position: s, title: section.title, task: section.task, result: section.result };
    if (sectionRow) Object.assign(sectionRow, sectionData);
    else sectionRow = em.create(RoadmapSection, { revision, key: section.id, ...sectionData });
    keptSections.add(sectionRow);
    for (const [i, item] of section.items.entries()) {
      const itemData = itemColumns(item, i);
      let itemRow = itemByKey.get(item.id);
      if (itemRow) {
        if (itemRow.section !== sectionRow) itemRow.section = sectionRow;
        assignChanged(itemRow, itemData);
      } else {
        itemRow = em.create(RoadmapItem, { revision, section: sectionRow, key: item.id, ...itemData });
      }
      keptItems.add(itemRow);
    }
  }
  for (const item of existingItems) if (!keptItems.has(item)) em.remove(item);
  for (const section of existingSections) if (!keptSections.has(section)) em.remove(section);
}

/** Copies a revision's rows into a new revision, keeping the stable keys (deadline JSON as stored). */
export async function copyContent(em: EntityManager, from: RoadmapRevision, to: RoadmapRevision): Promise<void> {
  const [sections, items] = await Promise.all([em.find(RoadmapSection, { revision: from.id }), em.find(RoadmapItem, { revision: from.id })]);
  const copies = new Map<string, RoadmapSection>();
  for (const section of sections) {
    copies.set(
      section.id,
      em.create(RoadmapSection, {
        revision: to,
        key: section.key,
        position: section.position,
        title: section.title,
        task: section.task,
        result: section.result,
      }),
    );
  }
  for (const item of items) {
    em.create(RoadmapItem, {
      revision: to,
      section: copies.get(item.section.id)!,
      key: item.key,
      position: item.position,
      number: item.number,
      activity: item.activity,
      content: item.content,
      deadlineText: item.deadlineText,
      deadline: item.deadline,
      dueDate: item.dueDate,
      responsible: item.responsible,
      expectedResult: item.expectedResult,
      indicator: item.indicator,
    });
  }
}

function itemColumns(item: Item, position: number) {
  return {
    position,
    number: item.number,
    activity: item.activity,
    content: item.content,
    deadlineText: item.deadlineText,
    deadline: item.deadline,
    dueDate: item.deadline.due,
    responsible: item.responsible,
    expectedResult: item.expectedResult,
    indicator: item.indicator,
  };
}

/** Assigns only what differs (JSON compared by value), so unchanged rows produce no UPDATE. */
function assignChanged(row: RoadmapItem, data: ReturnType<typeof itemColumns>): void {
  for (const [field, value] of Object.entries(data) as Array<[keyof typeof data, unknown]>) {
    const current = row[field];
    const same = field === 'deadline' ? JSON.stringify(current) === JSON.stringify(value) : current === value;
    if (!same) (row as unknown as Record<string, unknown>)[field] = value;
  }
}
