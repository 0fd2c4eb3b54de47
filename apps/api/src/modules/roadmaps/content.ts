import { parseDeadline, validateSections, type DeadlineContext, type Item, type Section, type ValidationIssue } from '@nastavnik/domain';
import { v7 as uuidv7 } from 'uuid';
import { badUserInput } from '../../engine/errors.js';
import { isUuid } from '../../engine/tenancy/tenant.js';
import type { RoadmapItem } from './item.entity.js';
import { ROADMAP_MESSAGES_RU } from '@nastavnik/domain';
import type { RoadmapSection } from './section.entity.js';
import type { TemplateSection } from './template.js';

/**
 * A revision's content in the domain's shape (packages/domain `Section`/`Item`, with the stable
 * keys as ids), built from what the user typed or from the stored rows. Every edit goes through
 * `buildSections` (trim, keys, deadlines parsed against the period, domain validation) and is then
 * written by `RoadmapService.writeContent`.
 */

export const MAX_SECTIONS = 50;
export const MAX_ITEMS = 500;

export interface DraftItem {
  key?: string | null;
  number?: string | null;
  activity?: string | null;
  content?: string | null;
  deadlineText?: string | null;
  responsible?: string | null;
  expectedResult?: string | null;
  indicator?: string | null;
}

export interface DraftSection {
  key?: string | null;
  title?: string | null;
  task?: string | null;
  result?: string | null;
  items: DraftItem[];
}

const text = (value: string | null | undefined) => (value ?? '').trim();

function keyOf(value: string | null | undefined, field: string): string {
  const key = text(value);
  if (!key) return uuidv7();
  if (!isUuid(key)) throw badUserInput(field, ROADMAP_MESSAGES_RU.invalidKey);
  return key.toLowerCase();
}

/** The domain's errors as BAD_USER_INPUT (the first one named in `field`, all of them in `issues`); warnings pass. */
export function throwOnErrors(issues: readonly ValidationIssue[]): void {
  const errors = issues.filter((issue) => issue.severity === 'error').map((issue) => ({ ...issue, field: issue.field.replace(/\.id$/, '.key') }));
  if (errors.length > 0) throw badUserInput(errors[0]!.field, errors[0]!.message, { issues: errors });
}

/** Typed sections → domain sections, validated; nothing is written when this throws. */
export function buildSections(draft: readonly DraftSection[], period: DeadlineContext): Section[] {
  if (draft.length > MAX_SECTIONS) throw badUserInput('sections', ROADMAP_MESSAGES_RU.tooManySections(MAX_SECTIONS));
  const itemCount = draft.reduce((sum, section) => sum + (section.items?.length ?? 0), 0);
  if (itemCount > MAX_ITEMS) throw badUserInput('sections', ROADMAP_MESSAGES_RU.tooManyItems(MAX_ITEMS));
  const sectionKeys = new Set<string>();
  const sections = draft.map((section, s): Section => {
    const key = keyOf(section.key, `sections[${s}].key`);
    if (sectionKeys.has(key)) throw badUserInput(`sections[${s}].key`, ROADMAP_MESSAGES_RU.duplicateSectionKey);
    sectionKeys.add(key);
    return {
      id: key,
      position: s,
      title: text(section.title),
      task: text(section.task),
      result: text(section.result),
      items: (section.items ?? []).map((item, i) => buildItem(item, i, period, `sections[${s}].items[${i}]`)),
    };
  });
  throwOnErrors(validateSections(sections));
  return sections;
}

export function buildItem(item: DraftItem, position: number, period: DeadlineContext, path: string): Item {
  const deadlineText = text(item.deadlineText);
  return {
    id: keyOf(item.key, `${path}.key`),
    position,
    number: text(item.number),
    activity: text(item.activity),
    content: text(item.content),
    deadlineText,
    deadline: parseDeadline(deadlineText, period),
    responsible: text(item.responsible),
    expectedResult: text(item.expectedResult),
    indicator: text(item.indicator),
    done: false,
    doneOn: null,
    evidence: [],
  };
}

/** Stored rows → domain sections (ordered by position), with the stable keys as ids. */
export function toDomainSections(sections: readonly RoadmapSection[], items: readonly RoadmapItem[]): Section[] {
  const bySection = new Map<string, RoadmapItem[]>();
  for (const item of items) {
    const list = bySection.get(item.section.id);
    if (list) list.push(item);
    else bySection.set(item.section.id, [item]);
  }
  return [...sections]
    .sort((a, b) => a.position - b.position)
    .map((section) => ({
      id: section.key,
      position: section.position,
      title: section.title,
      task: section.task,
      result: section.result,
      items: (bySection.get(section.id) ?? [])
        .sort((a, b) => a.position - b.position)
        .map((item) => ({
          id: item.key,
          position: item.position,
          number: item.number,
          activity: item.activity,
          content: item.content,
          deadlineText: item.deadlineText,
          deadline: item.deadline,
          responsible: item.responsible,
          expectedResult: item.expectedResult,
          indicator: item.indicator,
          done: false,
          doneOn: null,
          evidence: [],
        })),
    }));
}

/** Domain sections → drafts (to copy a revision, or to re-read a period). */
export function toDrafts(sections: readonly Section[], keepKeys: boolean): DraftSection[] {
  return sections.map((section) => ({
    key: keepKeys ? section.id : null,
    title: section.title,
    task: section.task,
    result: section.result,
    items: section.items.map((item) => ({
      key: keepKeys ? item.id : null,
      number: item.number,
      activity: item.activity,
      content: item.content,
      deadlineText: item.deadlineText,
      responsible: item.responsible,
      expectedResult: item.expectedResult,
      indicator: item.indicator,
    })),
  }));
}

export function templateDrafts(template: readonly TemplateSection[]): DraftSection[] {
  return template.map((section) => ({ ...section, key: null, items: section.items.map((item) => ({ ...item, key: null })) }));
}
