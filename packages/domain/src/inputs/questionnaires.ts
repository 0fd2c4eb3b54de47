import { z } from 'zod';
import { validateQuestionnaire, type QuestionKind } from '../questionnaires/index.js';

/** The field of a question's part, as the domain's rule, the API and the admin name it: `questions[2].options` (0-based). */
export const questionField = (index: number, part: 'text' | 'kind' | 'options') => `questions[${index}].${part}`;

/** A question as the template editor sends it; `id` is the existing question's (the API decides whether it is kept). */
export interface QuestionnaireQuestionValues {
  id: string | null;
  kind: QuestionKind;
  text: string;
  required: boolean;
  options: string[];
}

const oneLine = (value: string | null | undefined) => (value ?? '').replace(/\s+/g, ' ').trim();

const questionShape = z.object({
  id: z.string().nullish(),
  kind: z.string().nullish(),
  text: z.string().nullish(),
  required: z.boolean().nullish(),
  options: z.array(z.string()).nullish(),
});

/**
 * A questionnaire template as the editor sends it (`QuestionnaireTemplateInput`), checked by the
 * domain's `validateQuestionnaire`: every problem at once, a question's by its field
 * (`questions[2].options`, the first of each). The value is cleaned: spaces collapsed, a choice
 * question's options each on one line, blank options of other kinds dropped.
 */
export const questionnaireTemplateInputSchema = z
  .object({
    title: z.string().nullish(),
    intro: z.string().nullish(),
    questions: z.array(questionShape).nullish(),
  })
  .transform((input, ctx) => {
    const questions = (input.questions ?? []).map((question) => {
      const kind = (question.kind ?? '').trim();
      const choice = kind === 'single' || kind === 'multiple';
      const options = question.options ?? [];
      return {
        id: question.id?.trim() || null,
        kind: kind as QuestionKind,
        text: oneLine(question.text),
        required: question.required ?? true,
        options: choice ? options.map(oneLine) : options.filter((option) => option.trim()),
      };
    });
    const content = { title: oneLine(input.title), intro: (input.intro ?? '').trim(), questions };
    // The ids are the API's business (a repeated one gets a new id): the rule sees them all distinct.
    const issues = validateQuestionnaire({ ...content, questions: questions.map((question, i) => ({ ...question, id: `#${i}` })) });
    for (const issue of issues) if (issue.severity === 'error') ctx.addIssue({ code: 'custom', path: [issue.field], message: issue.message });
    return content as { title: string; intro: string; questions: QuestionnaireQuestionValues[] };
  });

export type QuestionnaireTemplateInputValues = z.output<typeof questionnaireTemplateInputSchema>;
