import type { ValidationIssue } from '../roadmap/model.js';

/**
 * Questionnaires of a programme (issue 5): the five kinds of the methodology, their default Russian
 * templates, the rules of a template (questions and options) and of an answer sheet. Pure: no I/O.
 */
export const QUESTIONNAIRE_KINDS = ['mentee', 'mentor', 'preferences', 'satisfaction', 'impact'] as const;
export type QuestionnaireKind = (typeof QUESTIONNAIRE_KINDS)[number];

export const QUESTIONNAIRE_KIND_LABELS_RU: Readonly<Record<QuestionnaireKind, string>> = {
  mentee: 'Анкета наставляемого',
  mentor: 'Анкета наставника',
  preferences: 'Предпочтения после встречи-знакомства',
  satisfaction: 'Удовлетворённость участием в программе',
  impact: 'Оценка влияния программы («до» и «после»)',
};

export const IMPACT_PHASES = ['before', 'after'] as const;
export type ImpactPhase = (typeof IMPACT_PHASES)[number];
export const IMPACT_PHASE_LABELS_RU: Readonly<Record<ImpactPhase, string>> = { before: 'до участия', after: 'после участия' };

/** Who may be asked: the mentee and mentor questionnaires are for their role only. */
export function questionnaireRoles(kind: QuestionnaireKind): ReadonlyArray<'mentor' | 'mentee'> {
  if (kind === 'mentee') return ['mentee'];
  if (kind === 'mentor') return ['mentor'];
  return ['mentor', 'mentee'];
}

/** Satisfaction and impact are about a pair (the respondent's pair in the programme); impact also has a phase. */
export const isPairQuestionnaire = (kind: QuestionnaireKind) => kind === 'satisfaction' || kind === 'impact';

export const QUESTION_KINDS = ['scale5', 'scale10', 'single', 'multiple', 'text'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export const QUESTION_KIND_LABELS_RU: Readonly<Record<QuestionKind, string>> = {
  scale5: 'Шкала 1–5',
  scale10: 'Шкала 1–10',
  single: 'Один вариант',
  multiple: 'Несколько вариантов',
  text: 'Свободный ответ',
};

export interface Question {
  /** Stable within a programme's template across versions while the kind and options stay the same. */
  id: string;
  kind: QuestionKind;
  text: string;
  required: boolean;
  /** single / multiple only. */
  options: string[];
}

export interface QuestionnaireContent {
  title: string;
  intro: string;
  questions: Question[];
}

export const isQuestionnaireKind = (v: unknown): v is QuestionnaireKind => typeof v === 'string' && (QUESTIONNAIRE_KINDS as readonly string[]).includes(v);
export const isQuestionKind = (v: unknown): v is QuestionKind => typeof v === 'string' && (QUESTION_KINDS as readonly string[]).includes(v);
export const scaleMax = (kind: QuestionKind): number | null => (kind === 'scale5' ? 5 : kind === 'scale10' ? 10 : null);

export const QUESTIONNAIRE_LIMITS = { questions: 60, text: 500, option: 200, options: 20, title: 300, intro: 2000, answer: 4000 } as const;

export const QUESTIONNAIRE_MESSAGES_RU = {
  titleRequired: 'Название анкеты: поле обязательно',
  titleTooLong: `Название анкеты: не более ${QUESTIONNAIRE_LIMITS.title} символов`,
  introTooLong: `Вступление: не более ${QUESTIONNAIRE_LIMITS.intro} символов`,
  noQuestions: 'В анкете должен быть хотя бы один вопрос',
  tooManyQuestions: `В анкете не более ${QUESTIONNAIRE_LIMITS.questions} вопросов`,
  questionText: (n: number) => `Вопрос ${n}: текст вопроса обязателен`,
  questionTooLong: (n: number) => `Вопрос ${n}: не более ${QUESTIONNAIRE_LIMITS.text} символов`,
  questionKind: (n: number, value: string) =>
    `Вопрос ${n}: неизвестный тип «${value}» (шкала 1–5, шкала 1–10, один вариант, несколько вариантов, свободный ответ)`,
  optionsNeeded: (n: number) => `Вопрос ${n}: укажите не меньше двух вариантов ответа`,
  optionsTooMany: (n: number) => `Вопрос ${n}: не более ${QUESTIONNAIRE_LIMITS.options} вариантов ответа`,
  optionEmpty: (n: number) => `Вопрос ${n}: пустой вариант ответа`,
  optionTooLong: (n: number) => `Вопрос ${n}: вариант ответа не длиннее ${QUESTIONNAIRE_LIMITS.option} символов`,
  optionDuplicate: (n: number, option: string) => `Вопрос ${n}: вариант «${option}» повторяется`,
  optionsNotAllowed: (n: number) => `Вопрос ${n}: у шкалы и свободного ответа нет вариантов`,
  duplicateId: (n: number) => `Вопрос ${n}: повторяется идентификатор вопроса`,
  answerRequired: 'Ответьте на этот вопрос',
  scaleRange: (max: number) => `Выберите оценку от 1 до ${max}`,
  unknownOption: 'Выберите один из предложенных вариантов',
  oneOption: 'Выберите только один вариант',
  answerTooLong: `Ответ не длиннее ${QUESTIONNAIRE_LIMITS.answer} символов`,
  unknownQuestion: (id: string) => `Вопрос «${id}» не из этой анкеты`,
} as const;

const q = (id: string, kind: QuestionKind, text: string, required: boolean, options: string[] = []): Question => ({ id, kind, text, required, options });

/** The default templates a programme starts with (the curator edits them). */
export function defaultQuestionnaire(kind: QuestionnaireKind): QuestionnaireContent {
  switch (kind) {
    case 'mentee':
      return {
        title: QUESTIONNAIRE_KIND_LABELS_RU.mentee,
        intro: 'Ответы помогут подобрать наставника, который поможет именно с вашим запросом. Анкета займёт около 5 минут.',
        questions: [
          q('mentee-goal', 'single', 'Что для вас сейчас важнее всего?', true, [
            'Повысить успеваемость по предметам',
            'Подготовиться к олимпиаде или конкурсу',
            'Выполнить проект или исследование',
            'Освоиться в новом классе или коллективе',
            'Определиться с будущей профессией',
            'Другое',
          ]),
          q('mentee-areas', 'multiple', 'В каких предметах или областях вам нужна помощь?', true, [
            'Математика',
            'Русский язык и литература',
            'Иностранный язык',
            'Естественные науки',
            'Информатика и робототехника',
            'Спорт',
            'Творчество',
            'Общение и адаптация',
          ]),
          q('mentee-confidence', 'scale5', 'Насколько вы уверены в своих силах в учёбе? (1 — совсем не уверен, 5 — полностью уверен)', true),
          q('mentee-format', 'single', 'Какой формат встреч вам удобнее?', true, ['Очно в школе', 'Дистанционно', 'Смешанный']),
          q('mentee-expectations', 'text', 'Расскажите, чего вы ждёте от наставника', false),
        ],
      };
    case 'mentor':
      return {
        title: QUESTIONNAIRE_KIND_LABELS_RU.mentor,
        intro: 'Ответы помогут куратору подобрать вам наставляемых и спланировать обучение наставников.',
        questions: [
          q('mentor-areas', 'multiple', 'В чём вы готовы помогать наставляемым?', true, [
            'Учебные предметы',
            'Олимпиады и конкурсы',
            'Проекты и исследования',
            'Адаптация в коллективе',
            'Профориентация',
            'Спорт и здоровый образ жизни',
            'Творчество',
          ]),
          q('mentor-time', 'single', 'Сколько времени в неделю вы готовы уделять наставничеству?', true, [
            'До 1 часа',
            '1–2 часа',
            '3–4 часа',
            'Более 4 часов',
          ]),
          q('mentor-experience', 'single', 'Есть ли у вас опыт наставничества?', true, ['Нет', 'Менее года', 'От 1 до 3 лет', 'Более 3 лет']),
          q('mentor-readiness', 'scale5', 'Насколько вы готовы работать с наставляемыми, которым трудно в учёбе? (1 — не готов, 5 — полностью готов)', true),
          q('mentor-strengths', 'text', 'Ваши сильные стороны и увлечения', false),
        ],
      };
    case 'preferences':
      return {
        title: QUESTIONNAIRE_KIND_LABELS_RU.preferences,
        intro: 'Анкета заполняется после встречи-знакомства. Куратор учтёт ваши пожелания при составлении пар.',
        questions: [
          q('pref-meeting', 'scale5', 'Насколько полезной была встреча-знакомство? (1 — бесполезной, 5 — очень полезной)', true),
          q('pref-who', 'text', 'С кем из участников встречи вы хотели бы работать? Укажите до трёх человек в порядке предпочтения', true),
          q('pref-important', 'multiple', 'Что для вас важно в паре?', true, [
            'Общие интересы',
            'Опыт в нужном предмете',
            'Близкий возраст',
            'Удобное время встреч',
            'Характер и стиль общения',
          ]),
          q('pref-not', 'text', 'С кем вы не хотели бы работать в паре и почему? (необязательно)', false),
        ],
      };
    case 'satisfaction':
      return {
        title: QUESTIONNAIRE_KIND_LABELS_RU.satisfaction,
        intro: 'Оцените, пожалуйста, участие в программе наставничества: 1 — совсем не удовлетворён, 10 — полностью удовлетворён.',
        questions: [
          q('sat-overall', 'scale10', 'Насколько вы в целом удовлетворены участием в программе наставничества?', true),
          q('sat-meetings', 'scale10', 'Насколько полезными были встречи в паре (группе)?', true),
          q('sat-schedule', 'scale10', 'Насколько удобным был график встреч?', true),
          q('sat-recommend', 'scale10', 'Насколько вероятно, что вы порекомендуете участие в программе друзьям или коллегам?', true),
          q('sat-change', 'text', 'Что стоит изменить в программе?', false),
        ],
      };
    case 'impact':
      return {
        title: QUESTIONNAIRE_KIND_LABELS_RU.impact,
        intro:
          'Анкету заполняют дважды: в начале работы в паре («до») и по её завершении («после»). Оцените, насколько вы согласны с утверждениями: 1 — не согласен, 5 — полностью согласен.',
        questions: [
          q('impact-confidence', 'scale5', 'Я уверен(а) в своих силах', true),
          q('impact-goals', 'scale5', 'Я понимаю свои цели и знаю, как их достичь', true),
          q('impact-help', 'scale5', 'Мне легко обращаться за помощью и обсуждать трудности', true),
          q('impact-results', 'scale5', 'Я доволен(льна) своими результатами в учёбе или работе', true),
          q('impact-time', 'scale5', 'Я умею планировать своё время', true),
          q('impact-comment', 'text', 'Что изменилось для вас за время участия в программе? (необязательно)', false),
        ],
      };
  }
}

const clean = (value: string | null | undefined) => (value ?? '').replace(/\s+/g, ' ').trim();

/** Checks a template's content; fields name the question (`questions[2].options`). */
export function validateQuestionnaire(content: QuestionnaireContent): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const error = (field: string, message: string) => issues.push({ field, message, severity: 'error' });
  const title = clean(content.title);
  if (!title) error('title', QUESTIONNAIRE_MESSAGES_RU.titleRequired);
  else if (title.length > QUESTIONNAIRE_LIMITS.title) error('title', QUESTIONNAIRE_MESSAGES_RU.titleTooLong);
  if ((content.intro ?? '').length > QUESTIONNAIRE_LIMITS.intro) error('intro', QUESTIONNAIRE_MESSAGES_RU.introTooLong);
  if (content.questions.length === 0) error('questions', QUESTIONNAIRE_MESSAGES_RU.noQuestions);
  if (content.questions.length > QUESTIONNAIRE_LIMITS.questions) error('questions', QUESTIONNAIRE_MESSAGES_RU.tooManyQuestions);
  const ids = new Set<string>();
  content.questions.forEach((question, i) => {
    const n = i + 1;
    const at = (name: string) => `questions[${i}].${name}`;
    if (ids.has(question.id)) error(at('id'), QUESTIONNAIRE_MESSAGES_RU.duplicateId(n));
    ids.add(question.id);
    const text = clean(question.text);
    if (!text) error(at('text'), QUESTIONNAIRE_MESSAGES_RU.questionText(n));
    else if (text.length > QUESTIONNAIRE_LIMITS.text) error(at('text'), QUESTIONNAIRE_MESSAGES_RU.questionTooLong(n));
    if (!isQuestionKind(question.kind)) {
      error(at('kind'), QUESTIONNAIRE_MESSAGES_RU.questionKind(n, String(question.kind)));
      return;
    }
    const options = question.options ?? [];
    if (question.kind === 'single' || question.kind === 'multiple') {
      if (options.length < 2) error(at('options'), QUESTIONNAIRE_MESSAGES_RU.optionsNeeded(n));
      if (options.length > QUESTIONNAIRE_LIMITS.options) error(at('options'), QUESTIONNAIRE_MESSAGES_RU.optionsTooMany(n));
      const seen = new Set<string>();
      for (const option of options) {
        const o = clean(option);
        if (!o) error(at('options'), QUESTIONNAIRE_MESSAGES_RU.optionEmpty(n));
        else if (o.length > QUESTIONNAIRE_LIMITS.option) error(at('options'), QUESTIONNAIRE_MESSAGES_RU.optionTooLong(n));
        else if (seen.has(o.toLowerCase())) error(at('options'), QUESTIONNAIRE_MESSAGES_RU.optionDuplicate(n, o));
        seen.add(o.toLowerCase());
      }
    } else if (options.length > 0) error(at('options'), QUESTIONNAIRE_MESSAGES_RU.optionsNotAllowed(n));
  });
  return issues;
}

/** Whether answers given to `a` still mean the same under `b` (same kind and options; the wording may differ). */
export function sameMeaning(a: Question, b: Question): boolean {
  return a.kind === b.kind && a.options.length === b.options.length && a.options.every((o, i) => clean(o) === clean(b.options[i]));
}

/** One answer as stored: a number (scales), chosen options (single/multiple) or text. */
export interface AnswerValue {
  questionId: string;
  number: number | null;
  choices: string[] | null;
  text: string | null;
  scaleMax: number | null;
}

export interface AnswerSheet {
  answers: AnswerValue[];
  /** By question id: the Russian message shown beside the question. */
  errors: Record<string, string>;
}

/**
 * Reads raw answers (as a form sends them: strings per question id) against the questions: scales
 * are whole numbers in range, choices among the options, texts within the limit, required ones
 * present. Unanswered optional questions give no answer row.
 */
export function readAnswers(questions: readonly Question[], raw: Readonly<Record<string, readonly string[]>>): AnswerSheet {
  const answers: AnswerValue[] = [];
  const errors: Record<string, string> = {};
  const M = QUESTIONNAIRE_MESSAGES_RU;
  for (const id of Object.keys(raw)) {
    if (!questions.some((question) => question.id === id)) errors[id] = M.unknownQuestion(id);
  }
  for (const question of questions) {
    const values = (raw[question.id] ?? []).map((v) => (question.kind === 'text' ? v.trim() : clean(v))).filter((v) => v !== '');
    if (values.length === 0) {
      if (question.required) errors[question.id] = M.answerRequired;
      continue;
    }
    const max = scaleMax(question.kind);
    if (max !== null) {
      const value = values.length === 1 && /^\d{1,2}$/.test(values[0]!) ? Number(values[0]) : NaN;
      if (!(value >= 1 && value <= max)) errors[question.id] = M.scaleRange(max);
      else answers.push({ questionId: question.id, number: value, choices: null, text: null, scaleMax: max });
    } else if (question.kind === 'single' || question.kind === 'multiple') {
      const options = question.options.map(clean);
      const chosen = [...new Set(values)];
      if (chosen.some((v) => !options.includes(v))) errors[question.id] = M.unknownOption;
      else if (question.kind === 'single' && chosen.length > 1) errors[question.id] = M.oneOption;
      else answers.push({ questionId: question.id, number: null, choices: options.filter((o) => chosen.includes(o)), text: null, scaleMax: null });
    } else {
      const text = values.join('\n');
      if (text.length > QUESTIONNAIRE_LIMITS.answer) errors[question.id] = M.answerTooLong;
      else answers.push({ questionId: question.id, number: null, choices: null, text, scaleMax: null });
    }
  }
  return { answers, errors };
}
