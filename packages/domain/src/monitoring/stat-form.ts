import {
  BUILT_IN_FORMS,
  PARTICIPANT_CATEGORIES,
  PARTICIPANT_CATEGORY_LABELS_RU,
  formParticipants,
  isParticipantCategory,
  type MentorshipForm,
  type ParticipantCategory,
} from '../programmes/catalog.js';
import { PARTICIPANT_ROLE_LABELS_RU, type ParticipantRole } from '../programmes/participants.js';

/**
 * The counts of participants for the federal statistical form, sent to the regional mentorship
 * centre: by role × form × category, with totals. The API counts (one SQL aggregate); this gives
 * the table its order, labels and totals, the same for the XLSX export and the screen.
 */

export interface StatFormCount {
  role: ParticipantRole;
  /** A form code of the catalogue (`teacher-pupil`, or a region's or district's own). */
  form: string;
  category: ParticipantCategory;
  count: number;
}

/**
 * `detail`: one role × form × category; `formTotal`: a form within a role; `roleCategoryTotal`: a
 * category within a role over all forms; `roleTotal`: a role; `total`: everything. A person in two
 * forms is counted in each, as the counts come.
 */
export type StatFormRowKind = 'detail' | 'formTotal' | 'roleCategoryTotal' | 'roleTotal' | 'total';

export interface StatFormRow {
  kind: StatFormRowKind;
  role: ParticipantRole | null;
  form: string | null;
  category: ParticipantCategory | null;
  /** Column «Роль». */
  roleRu: string;
  /** Column «Форма наставничества». */
  formRu: string;
  /** Column «Категория участников». */
  categoryRu: string;
  count: number;
}

export const STAT_FORM_COLUMNS_RU = {
  role: 'Роль',
  form: 'Форма наставничества',
  category: 'Категория участников',
  count: 'Количество, чел.',
} as const;

export const STAT_FORM_TOTALS_RU = {
  form: 'Итого по форме',
  roleCategory: 'Итого по категории (все формы)',
  role: 'Итого',
  total: 'Всего',
} as const;

const ROLES: readonly ParticipantRole[] = ['mentor', 'mentee'];

export interface StatFormOptions {
  /** The district's catalogue (`mergeFormCatalog`): its order and labels. Default: the federal forms. */
  forms?: readonly MentorshipForm[];
  /**
   * Keep the form's fixed shape: a row, with 0, for every category a form admits in a role, even
   * without participants (default true). Rows with counts always appear, admitted or not.
   */
  includeZeros?: boolean;
}

/** The statistical form's rows: each role, its forms (catalogue order) with their categories, then totals. */
export function statFormRows(counts: readonly StatFormCount[], options: StatFormOptions = {}): StatFormRow[] {
  const forms = options.forms ?? BUILT_IN_FORMS;
  const includeZeros = options.includeZeros ?? true;
  const key = (role: string, form: string, category: string) => `${role}|${form}|${category}`;

  const sums = new Map<string, number>();
  for (const c of counts) {
    if (!Number.isFinite(c.count) || c.count < 0) throw new RangeError(`invalid count ${c.count} for ${key(c.role, c.form, c.category)}`);
    if (!ROLES.includes(c.role) || !isParticipantCategory(c.category)) throw new RangeError(`unknown role or category: ${key(c.role, c.form, c.category)}`);
    const k = key(c.role, c.form, c.category);
    sums.set(k, (sums.get(k) ?? 0) + c.count);
  }

  const byCode = new Map(forms.map((f) => [f.code, f]));
  const unknownForms = [...new Set(counts.map((c) => c.form))].filter((code) => !byCode.has(code)).sort();
  const formOrder = [...forms.map((f) => f.code), ...unknownForms];
  const formRu = (code: string) => byCode.get(code)?.labelRu ?? code;
  const admitted = (code: string, role: ParticipantRole): readonly ParticipantCategory[] => {
    const form = byCode.get(code);
    return form ? formParticipants(form)[role] : [];
  };

  const rows: StatFormRow[] = [];
  let total = 0;
  for (const role of ROLES) {
    const roleRu = PARTICIPANT_ROLE_LABELS_RU[role];
    const byCategory = new Map<ParticipantCategory, number>();
    let roleTotal = 0;
    for (const form of formOrder) {
      const categories = PARTICIPANT_CATEGORIES.filter(
        (category) => sums.has(key(role, form, category)) || (includeZeros && admitted(form, role).includes(category)),
      );
      if (categories.length === 0) continue;
      let formTotal = 0;
      for (const category of categories) {
        const count = sums.get(key(role, form, category)) ?? 0;
        formTotal += count;
        byCategory.set(category, (byCategory.get(category) ?? 0) + count);
        rows.push({ kind: 'detail', role, form, category, roleRu, formRu: formRu(form), categoryRu: PARTICIPANT_CATEGORY_LABELS_RU[category], count });
      }
      rows.push({ kind: 'formTotal', role, form, category: null, roleRu, formRu: formRu(form), categoryRu: STAT_FORM_TOTALS_RU.form, count: formTotal });
      roleTotal += formTotal;
    }
    for (const category of PARTICIPANT_CATEGORIES) {
      const count = byCategory.get(category);
      if (count === undefined) continue;
      rows.push({
        kind: 'roleCategoryTotal',
        role,
        form: null,
        category,
        roleRu,
        formRu: STAT_FORM_TOTALS_RU.roleCategory,
        categoryRu: PARTICIPANT_CATEGORY_LABELS_RU[category],
        count,
      });
    }
    rows.push({ kind: 'roleTotal', role, form: null, category: null, roleRu, formRu: STAT_FORM_TOTALS_RU.role, categoryRu: '', count: roleTotal });
    total += roleTotal;
  }
  rows.push({ kind: 'total', role: null, form: null, category: null, roleRu: STAT_FORM_TOTALS_RU.total, formRu: '', categoryRu: '', count: total });
  return rows;
}
