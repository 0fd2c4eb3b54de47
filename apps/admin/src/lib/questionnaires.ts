/**
 * Questionnaires and best-practice cases (issue 5) in the admin: paths, the answer form's values ⇄
 * the API's input, the template editor's draft operations, where the API's errors go, the bars of the
 * results and the consent gaps of a refused publication. Pure, so unit-tested.
 */
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import {
  bestPracticeInputSchema,
  checkInput,
  issuesByField,
  QUESTION_KINDS,
  QUESTIONNAIRE_KINDS,
  questionnaireTemplateInputSchema,
  type BestPracticeInputValues,
  type QuestionKind,
  type QuestionnaireKind,
  type QuestionnaireTemplateInputValues,
} from '@nastavnik/domain';
import { classifyError, type GraphQLErrorLike } from './errors';

export { QUESTIONNAIRE_KINDS, QUESTION_KINDS };
export type { QuestionKind, QuestionnaireKind };

const enc = encodeURIComponent;

export const questionnairePaths = {
  questionnaires: (programmeId: string, kind?: QuestionnaireKind) =>
    `/programmes/${enc(programmeId)}/questionnaires${kind && kind !== 'mentee' ? `?kind=${kind}` : ''}`,
  template: (programmeId: string, templateId: string) => `/programmes/${enc(programmeId)}/questionnaires/templates/${enc(templateId)}`,
  practices: (programmeId: string) => `/programmes/${enc(programmeId)}/practices`,
  practice: (programmeId: string, practiceId: string) => `/programmes/${enc(programmeId)}/practices/${enc(practiceId)}`,
  newPractice: (programmeId: string) => `/programmes/${enc(programmeId)}/practices/new`,
  /** A mentor's or mentee's own questionnaire, filled in inside the admin. */
  mine: (linkId: string) => `/questionnaires/mine/${enc(linkId)}`,
  schoolPage: (districtCode: string, organizationCode: string) => `/public/schools/${enc(districtCode)}/${enc(organizationCode)}.html`,
};

export function questionnaireKindOf(value: string | null | undefined): QuestionnaireKind {
  return (QUESTIONNAIRE_KINDS as readonly string[]).includes(value ?? '') ? (value as QuestionnaireKind) : 'mentee';
}

/** The one-time address of the public form: the site's origin plus the path the API returned. */
export function surveyUrl(origin: string, path: string): string {
  return `${origin.replace(/\/+$/, '')}${path.startsWith('/') ? path : `/${path}`}`;
}

// ————— the answer form —————

export interface QuestionLike {
  id: string;
  kind: string;
  text: string;
  required: boolean;
  options: readonly string[];
}

/** The form's values by question id: one string (scale, single, text) or the chosen options (multiple). */
export type AnswerDraft = Record<string, string | string[]>;

export interface AnswerInput {
  questionId: string;
  value?: string;
  values?: string[];
}

export function scaleValues(kind: string): number[] {
  const max = kind === 'scale5' ? 5 : kind === 'scale10' ? 10 : 0;
  return Array.from({ length: max }, (_, i) => i + 1);
}

/** Ticks or unticks an option of a «несколько вариантов» question, keeping the options' order. */
export function toggleChoice(question: QuestionLike, current: string | string[] | undefined, option: string, on: boolean): string[] {
  const chosen = new Set(Array.isArray(current) ? current : current ? [current] : []);
  if (on) chosen.add(option);
  else chosen.delete(option);
  return question.options.filter((o) => chosen.has(o));
}

/** The draft → the API's answers; unanswered questions are left out (the API says which are required). */
export function answersInput(questions: readonly QuestionLike[], draft: AnswerDraft): AnswerInput[] {
  const answers: AnswerInput[] = [];
  for (const question of questions) {
    const value = draft[question.id];
    if (question.kind === 'multiple') {
      const values = Array.isArray(value) ? value : value ? [value] : [];
      if (values.length > 0) answers.push({ questionId: question.id, values: [...values] });
    } else {
      const text = Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
      if (text.trim() !== '') answers.push({ questionId: question.id, value: text });
    }
  }
  return answers;
}

function errorsOf(error: unknown): readonly GraphQLErrorLike[] {
  if (CombinedGraphQLErrors.is(error)) return error.errors;
  if (Array.isArray(error)) return error as GraphQLErrorLike[];
  return [];
}

/**
 * A refused answer sheet → the messages beside the questions (by question id) and the line above the
 * buttons. The API names the first question in `field` (`answers.<id>`) and all of them in
 * `extensions.errors`; each is shown beside its question, prefixed by nothing.
 */
export function answerErrorsOf(
  error: unknown,
  questions: readonly QuestionLike[],
): { byQuestion: Record<string, string>; formError: string; field: string | null } {
  const byQuestion: Record<string, string> = {};
  const ids = new Set(questions.map((q) => q.id));
  for (const e of errorsOf(error)) {
    const all = e.extensions?.errors;
    if (all && typeof all === 'object') {
      for (const [id, message] of Object.entries(all as Record<string, unknown>)) {
        if (ids.has(id) && typeof message === 'string' && !byQuestion[id]) byQuestion[id] = message;
      }
    }
    const field = typeof e.extensions?.field === 'string' ? e.extensions.field : '';
    const match = /^answers\.(.+)$/.exec(field);
    if (match && ids.has(match[1]!) && !byQuestion[match[1]!]) byQuestion[match[1]!] = e.message.replace(/^Вопрос \d+: /, '');
  }
  const appError = classifyError(error);
  const other = appError.fieldErrors;
  const field = Object.keys(other).find((key) => !ids.has(key)) ?? null;
  const formError = Object.keys(byQuestion).length > 0 ? 'Ответьте на отмеченные вопросы: пояснения — рядом с ними.' : appError.message;
  return { byQuestion, formError, field };
}

// ————— the template editor —————

export interface QuestionDraft {
  /** The existing question's id (kept by the API while the kind and options stay); none for a new one. */
  id?: string;
  /** A key for React that never changes, also for new questions. */
  key: string;
  kind: QuestionKind;
  text: string;
  required: boolean;
  /** One option a line (single / multiple only). */
  options: string;
}

export interface TemplateDraft {
  title: string;
  intro: string;
  questions: QuestionDraft[];
}

let keys = 0;
const nextKey = () => `new-${++keys}`;

const asQuestionKind = (kind: string): QuestionKind => ((QUESTION_KINDS as readonly string[]).includes(kind) ? (kind as QuestionKind) : 'text');

export function templateDraftOf(template: { title: string; intro: string; questions: readonly QuestionLike[] }): TemplateDraft {
  return {
    title: template.title,
    intro: template.intro,
    questions: template.questions.map((q) => ({
      id: q.id,
      key: q.id ? `id-${q.id}` : nextKey(),
      kind: asQuestionKind(q.kind),
      text: q.text,
      required: q.required,
      options: q.options.join('\n'),
    })),
  };
}

export const hasOptions = (kind: string) => kind === 'single' || kind === 'multiple';

export function addQuestion(draft: TemplateDraft, kind: QuestionKind = 'scale5'): TemplateDraft {
  return { ...draft, questions: [...draft.questions, { key: nextKey(), kind, text: '', required: true, options: '' }] };
}

export function removeQuestion(draft: TemplateDraft, index: number): TemplateDraft {
  return { ...draft, questions: draft.questions.filter((_, i) => i !== index) };
}

/** Moves a question one place up (-1) or down (+1); at the edge nothing changes. */
export function moveQuestion(draft: TemplateDraft, index: number, by: -1 | 1): TemplateDraft {
  const target = index + by;
  if (index < 0 || index >= draft.questions.length || target < 0 || target >= draft.questions.length) return draft;
  const questions = [...draft.questions];
  [questions[index], questions[target]] = [questions[target]!, questions[index]!];
  return { ...draft, questions };
}

export function changeQuestion(draft: TemplateDraft, index: number, change: Partial<Omit<QuestionDraft, 'key' | 'id'>>): TemplateDraft {
  return { ...draft, questions: draft.questions.map((q, i) => (i === index ? { ...q, ...change } : q)) };
}

export function optionLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** The draft → `QuestionnaireTemplateInput`; options only for choice questions. */
export function templateInput(draft: TemplateDraft) {
  return {
    title: draft.title,
    intro: draft.intro,
    questions: draft.questions.map((q) => ({
      ...(q.id ? { id: q.id } : {}),
      kind: q.kind,
      text: q.text,
      required: q.required,
      options: hasOptions(q.kind) ? optionLines(q.options) : [],
    })),
  };
}

export interface TemplateErrors {
  title?: string;
  intro?: string;
  /** A message about the list as a whole («хотя бы один вопрос»). */
  questions?: string;
  /** By question index: the messages of its fields. */
  byQuestion: Record<number, { text?: string; kind?: string; options?: string }>;
  formError: string | null;
}

/** Problems by field (`questions[2].options` beside the third question's options); true when any found its place. */
function placeTemplateIssues(result: TemplateErrors, issues: ReadonlyArray<{ field: string; message: string }>): boolean {
  let placed = false;
  for (const { field, message } of issues) {
    const match = /^questions\[(\d+)\]\.(\w+)$/.exec(field);
    if (match) {
      const index = Number(match[1]);
      const name = match[2] === 'kind' || match[2] === 'options' ? match[2] : 'text';
      if (result.byQuestion[index]?.[name]) continue;
      result.byQuestion[index] = { ...result.byQuestion[index], [name]: message };
      placed = true;
    } else if (field === 'title' || field === 'intro' || field === 'questions') {
      result[field] ??= message;
      placed = true;
    }
  }
  return placed;
}

const TEMPLATE_FIX_ERRORS = 'Исправьте ошибки в анкете.';

/**
 * The editor's check through the domain's shared schema (the API checks the same input with the
 * same rule): every problem at once, beside its question, in the API's words.
 */
export function checkTemplate(draft: TemplateDraft): { errors: TemplateErrors; values: QuestionnaireTemplateInputValues | null } {
  const result = checkInput(questionnaireTemplateInputSchema, templateInput(draft));
  const errors: TemplateErrors = { byQuestion: {}, formError: null };
  if (!result.ok) errors.formError = placeTemplateIssues(errors, result.issues) ? TEMPLATE_FIX_ERRORS : (result.issues[0]?.message ?? TEMPLATE_FIX_ERRORS);
  return { errors, values: result.value };
}

/** The API's problems (all of them, `fields`) → beside the questions' fields; anything else above the buttons. */
export function templateErrorsOf(error: unknown): TemplateErrors {
  const result: TemplateErrors = { byQuestion: {}, formError: null };
  const issues: Array<{ field: string; message: string }> = [];
  for (const e of errorsOf(error)) {
    const all = e.extensions?.fields;
    if (Array.isArray(all)) {
      for (const item of all as Array<{ field?: unknown; message?: unknown }>)
        if (typeof item?.field === 'string' && typeof item.message === 'string') issues.push({ field: item.field, message: item.message });
    } else if (typeof e.extensions?.field === 'string') issues.push({ field: e.extensions.field, message: e.message });
  }
  result.formError = placeTemplateIssues(result, issues) ? TEMPLATE_FIX_ERRORS : classifyError(error).message;
  return result;
}

// ————— results —————

/** A bar's width in % of the largest count (0 when there is nothing to compare). */
export function barPercent(count: number, max: number): number {
  if (!(max > 0) || !(count > 0)) return 0;
  return Math.round((Math.min(count, max) / max) * 1000) / 10;
}

const decimal = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 2, minimumFractionDigits: 0 });

/** 4.25 → «4,25»; null → «—». */
export function formatMean(value: number | null | undefined): string {
  return value === null || value === undefined || Number.isNaN(value) ? '—' : decimal.format(value);
}

/** +0.75 → «+0,75», −0.5 → «−0,5». */
export function formatDelta(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (value === 0) return '0';
  return `${value > 0 ? '+' : '−'}${decimal.format(Math.abs(value))}`;
}

/** The distribution of a scale question with every value of the scale (zeros included), in order. */
export function fullDistribution(kind: string, distribution: ReadonlyArray<{ value: string; count: number }>): Array<{ value: string; count: number }> {
  const scale = scaleValues(kind);
  if (scale.length === 0) return distribution.map((d) => ({ value: d.value, count: d.count }));
  return scale.map((n) => ({ value: String(n), count: distribution.find((d) => d.value === String(n))?.count ?? 0 }));
}

// ————— best practices —————

/** Whether the API refused a publication for want of consents (`field: consents`). */
export function isConsentRefusal(error: unknown): boolean {
  return errorsOf(error).some((e) => e.extensions?.code === 'BAD_USER_INPUT' && e.extensions?.field === 'consents');
}

/** The actions a case's status allows, in the order of the buttons. */
export function practiceActions(status: string): Array<'ready' | 'draft' | 'publish' | 'unpublish'> {
  switch (status) {
    case 'draft':
      return ['ready'];
    case 'ready':
      return ['publish', 'draft'];
    case 'published':
      return ['unpublish'];
    default:
      return [];
  }
}

/** The case's texts as the form holds them. */
export interface PracticeDraft {
  title: string;
  summary: string;
  results: string;
  showNames: boolean;
}

/**
 * The case's form through the domain's shared schema (the API checks the same input with it): every
 * problem at once, in the API's words, by the input's own fields.
 */
export function checkPractice(draft: PracticeDraft): { errors: Partial<Record<keyof PracticeDraft, string>>; values: BestPracticeInputValues | null } {
  const result = checkInput(bestPracticeInputSchema, draft);
  return { errors: issuesByField(result.issues) as Partial<Record<keyof PracticeDraft, string>>, values: result.value };
}
