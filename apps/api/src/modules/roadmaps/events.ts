import { ITEM_FIELD_LABELS_RU, SECTION_FIELD_LABELS_RU, type RevisionDiff } from '@nastavnik/domain';
import type { Actor } from '../../engine/auth/actor.js';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import type { RoadmapRevision } from './revision.entity.js';
import { RoadmapEvent } from './event.entity.js';

/** What an edit changed, in brief (stored as `roadmap_events.changes`). */
export interface EditSummary {
  /** Header fields changed: title, programmeName, periodStart, periodEnd. */
  header: string[];
  sections: { added: number; removed: number; changed: number };
  items: { added: number; removed: number; changed: number };
  /** Item fields changed in at least one item (ITEM_DIFF_FIELDS). */
  itemFields: string[];
}

export function editSummary(diff: RevisionDiff, header: string[]): EditSummary {
  return {
    header,
    sections: { added: diff.sections.added.length, removed: diff.sections.removed.length, changed: diff.sections.changed.length },
    items: { added: diff.items.added.length, removed: diff.items.removed.length, changed: diff.items.changed.length },
    itemFields: [...new Set(diff.items.changed.flatMap((change) => change.changes.map((c) => c.field)))],
  };
}

const HEADER_LABELS_RU: Record<string, string> = {
  title: 'название',
  programmeName: 'программа',
  periodStart: 'начало периода',
  periodEnd: 'конец периода',
};

/** «Изменено: название; разделов: +1; мероприятий: +2, −1, изменено 3 (Срок, Ответственный)». */
export function editSummaryRu(summary: EditSummary): string {
  const parts: string[] = [];
  if (summary.header.length) parts.push(`изменено: ${summary.header.map((f) => HEADER_LABELS_RU[f] ?? f).join(', ')}`);
  const counts = (c: { added: number; removed: number; changed: number }) =>
    [c.added ? `добавлено ${c.added}` : '', c.removed ? `удалено ${c.removed}` : '', c.changed ? `изменено ${c.changed}` : ''].filter(Boolean).join(', ');
  const sections = counts(summary.sections);
  if (sections) parts.push(`разделов: ${sections}`);
  const items = counts(summary.items);
  if (items) {
    const fields = summary.itemFields
      .map((f) => ITEM_FIELD_LABELS_RU[f as keyof typeof ITEM_FIELD_LABELS_RU] ?? SECTION_FIELD_LABELS_RU[f as keyof typeof SECTION_FIELD_LABELS_RU] ?? f)
      .join(', ');
    parts.push(`мероприятий: ${items}${fields ? ` (${fields})` : ''}`);
  }
  return parts.length ? parts.join('; ') : 'без изменений';
}

export interface EventData {
  revision: RoadmapRevision;
  actor: Actor;
  role: string;
  action: string;
  fromState?: string | null;
  toState?: string | null;
  comment?: string | null;
  itemKey?: string | null;
  changes?: EditSummary | null;
  data?: Record<string, unknown> | null;
  versionAfter?: number | null;
  at: Date;
}

/** Adds one audit record to the unit of work (flushed with the change it records). */
export function recordEvent(em: EntityManager, event: EventData): RoadmapEvent {
  return em.create(RoadmapEvent, {
    roadmap: event.revision.roadmap,
    revision: event.revision,
    at: event.at,
    userId: event.actor.userId,
    userName: event.actor.displayName || event.actor.username,
    userPosition: event.actor.position,
    role: event.role,
    action: event.action,
    fromState: event.fromState ?? null,
    toState: event.toState ?? null,
    comment: event.comment ?? null,
    itemKey: event.itemKey ?? null,
    changes: (event.changes as unknown as Record<string, unknown>) ?? null,
    data: event.data ?? null,
    versionAfter: event.versionAfter ?? null,
  });
}
