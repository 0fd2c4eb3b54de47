import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { describe, expect, it } from 'vitest';
import {
  addQuestion,
  answerErrorsOf,
  answersInput,
  barPercent,
  changeQuestion,
  checkPractice,
  checkTemplate,
  formatDelta,
  formatMean,
  fullDistribution,
  isConsentRefusal,
  moveQuestion,
  practiceActions,
  questionnaireKindOf,
  questionnairePaths,
  removeQuestion,
  surveyUrl,
  templateDraftOf,
  templateErrorsOf,
  templateInput,
  toggleChoice,
  type QuestionLike,
} from './questionnaires';

const questions: QuestionLike[] = [
  { id: 'q1', kind: 'scale5', text: 'Насколько полезны встречи?', required: true, options: [] },
  { id: 'q2', kind: 'single', text: 'Как часто встречались?', required: true, options: ['раз в неделю', 'раз в месяц'] },
  { id: 'q3', kind: 'multiple', text: 'Что получилось?', required: false, options: ['олимпиада', 'проект', 'оценки'] },
  { id: 'q4', kind: 'text', text: 'Комментарий', required: false, options: [] },
];

const gqlError = (errors: Array<{ message: string; extensions: Record<string, unknown> }>) => new CombinedGraphQLErrors({ errors });

describe('questionnaire paths and links', () => {
  it('builds the paths, the kind from the URL and the one-time address', () => {
    expect(questionnairePaths.questionnaires('p 1')).toBe('/programmes/p%201/questionnaires');
    expect(questionnairePaths.questionnaires('p1', 'impact')).toBe('/programmes/p1/questionnaires?kind=impact');
    expect(questionnairePaths.template('p1', 't1')).toBe('/programmes/p1/questionnaires/templates/t1');
    expect(questionnairePaths.practice('p1', 'c1')).toBe('/programmes/p1/practices/c1');
    expect(questionnairePaths.schoolPage('sibay', 'gimnaziya')).toBe('/public/schools/sibay/gimnaziya.html');
    expect(questionnaireKindOf('satisfaction')).toBe('satisfaction');
    expect(questionnaireKindOf('nonsense')).toBe('mentee');
    expect(questionnaireKindOf(null)).toBe('mentee');
    expect(surveyUrl('http://localhost:5173/', '/public/surveys/sibay.abc')).toBe('http://localhost:5173/public/surveys/sibay.abc');
    expect(surveyUrl('https://nastavnik.example', 'public/surveys/x')).toBe('https://nastavnik.example/public/surveys/x');
  });
});

describe('the answer form', () => {
  it('turns the draft into answers, leaving out the unanswered ones', () => {
    expect(answersInput(questions, { q1: '4', q2: 'раз в месяц', q3: ['проект', 'олимпиада'], q4: '  ' })).toEqual([
      { questionId: 'q1', value: '4' },
      { questionId: 'q2', value: 'раз в месяц' },
      { questionId: 'q3', values: ['проект', 'олимпиада'] },
    ]);
    expect(answersInput(questions, {})).toEqual([]);
  });

  it('ticks options in the options’ order', () => {
    const q3 = questions[2]!;
    expect(toggleChoice(q3, undefined, 'оценки', true)).toEqual(['оценки']);
    expect(toggleChoice(q3, ['оценки'], 'олимпиада', true)).toEqual(['олимпиада', 'оценки']);
    expect(toggleChoice(q3, ['олимпиада', 'оценки'], 'олимпиада', false)).toEqual(['оценки']);
  });

  it('puts the API’s messages beside every question it names, the first one without «Вопрос N:»', () => {
    const error = gqlError([
      {
        message: 'Вопрос 1: Ответьте на этот вопрос',
        extensions: {
          code: 'BAD_USER_INPUT',
          field: 'answers.q1',
          errors: { q1: 'Ответьте на этот вопрос', q2: 'Выберите один из предложенных вариантов', other: 'x' },
        },
      },
    ]);
    const result = answerErrorsOf(error, questions);
    expect(result.byQuestion).toEqual({ q1: 'Ответьте на этот вопрос', q2: 'Выберите один из предложенных вариантов' });
    expect(result.formError).toMatch(/отмеченные вопросы/);
    const onlyField = answerErrorsOf(
      gqlError([{ message: 'Вопрос 2: Выберите только один вариант', extensions: { code: 'BAD_USER_INPUT', field: 'answers.q2' } }]),
      questions,
    );
    expect(onlyField.byQuestion).toEqual({ q2: 'Выберите только один вариант' });
  });

  it('shows other refusals above the buttons', () => {
    const result = answerErrorsOf(
      gqlError([{ message: 'Участник не найден в этой программе', extensions: { code: 'BAD_USER_INPUT', field: 'participantId' } }]),
      questions,
    );
    expect(result.byQuestion).toEqual({});
    expect(result.formError).toBe('Участник не найден в этой программе');
    expect(result.field).toBe('participantId');
  });
});

describe('the template editor', () => {
  const draft = templateDraftOf({ title: 'Удовлетворённость', intro: 'Ответьте честно', questions });

  it('adds, removes, moves and changes questions; keeps ids; sends options only for choices', () => {
    expect(draft.questions.map((q) => q.id)).toEqual(['q1', 'q2', 'q3', 'q4']);
    expect(draft.questions[1]!.options).toBe('раз в неделю\nраз в месяц');
    const added = addQuestion(draft, 'single');
    expect(added.questions).toHaveLength(5);
    expect(added.questions[4]).toMatchObject({ kind: 'single', required: true, text: '' });
    expect(added.questions[4]!.id).toBeUndefined();
    expect(new Set(added.questions.map((q) => q.key)).size).toBe(5);
    const moved = moveQuestion(draft, 0, 1);
    expect(moved.questions.map((q) => q.id)).toEqual(['q2', 'q1', 'q3', 'q4']);
    expect(moveQuestion(draft, 0, -1)).toBe(draft);
    expect(moveQuestion(draft, 3, 1)).toBe(draft);
    expect(removeQuestion(draft, 1).questions.map((q) => q.id)).toEqual(['q1', 'q3', 'q4']);
    const changed = changeQuestion(changeQuestion(added, 4, { text: 'Формат?', options: ' очно \n\nонлайн\n' }), 0, { kind: 'text' });
    const input = templateInput(changed);
    expect(input.title).toBe('Удовлетворённость');
    expect(input.questions[0]).toEqual({ id: 'q1', kind: 'text', text: 'Насколько полезны встречи?', required: true, options: [] });
    expect(input.questions[1]).toEqual({ id: 'q2', kind: 'single', text: 'Как часто встречались?', required: true, options: ['раз в неделю', 'раз в месяц'] });
    expect(input.questions[4]).toEqual({ kind: 'single', text: 'Формат?', required: true, options: ['очно', 'онлайн'] });
  });

  it('places the API’s errors beside the question they name', () => {
    const result = templateErrorsOf(
      gqlError([{ message: 'Вопрос 3: укажите не меньше двух вариантов ответа', extensions: { code: 'BAD_USER_INPUT', field: 'questions[2].options' } }]),
    );
    expect(result.byQuestion).toEqual({ 2: { options: 'Вопрос 3: укажите не меньше двух вариантов ответа' } });
    expect(result.formError).toBe('Исправьте ошибки в анкете.');
    const title = templateErrorsOf(gqlError([{ message: 'Название анкеты: поле обязательно', extensions: { code: 'BAD_USER_INPUT', field: 'title' } }]));
    expect(title.title).toBe('Название анкеты: поле обязательно');
    const conflict = templateErrorsOf(
      gqlError([{ message: 'Это прежняя версия анкеты: изменять можно только действующую', extensions: { code: 'CONFLICT', reason: 'STATE' } }]),
    );
    expect(conflict.byQuestion).toEqual({});
    expect(conflict.formError).toBe('Это прежняя версия анкеты: изменять можно только действующую');
  });

  it('places every problem the API lists in `fields` at once', () => {
    const fields = [
      { field: 'title', message: 'Название анкеты: поле обязательно' },
      { field: 'questions[0].text', message: 'Вопрос 1: текст вопроса обязателен' },
      { field: 'questions[0].options', message: 'Вопрос 1: укажите не меньше двух вариантов ответа' },
    ];
    const result = templateErrorsOf(gqlError([{ message: fields[0]!.message, extensions: { code: 'BAD_USER_INPUT', field: 'title', fields } }]));
    expect(result).toEqual({
      title: 'Название анкеты: поле обязательно',
      byQuestion: { 0: { text: 'Вопрос 1: текст вопроса обязателен', options: 'Вопрос 1: укажите не меньше двух вариантов ответа' } },
      formError: 'Исправьте ошибки в анкете.',
    });
  });

  it('checks the draft with the shared schema before sending: every problem beside its question, in the API’s words', () => {
    expect(checkTemplate(draft)).toMatchObject({ errors: { byQuestion: {}, formError: null }, values: { title: 'Удовлетворённость' } });
    const bad = changeQuestion(addQuestion({ ...draft, title: ' ' }, 'single'), 4, { options: 'очно' });
    const checked = checkTemplate(bad);
    expect(checked.values).toBeNull();
    expect(checked.errors).toEqual({
      title: 'Название анкеты: поле обязательно',
      byQuestion: { 4: { text: 'Вопрос 5: текст вопроса обязателен', options: 'Вопрос 5: укажите не меньше двух вариантов ответа' } },
      formError: 'Исправьте ошибки в анкете.',
    });
    expect(checkTemplate({ ...draft, questions: [] }).errors).toEqual({
      questions: 'В анкете должен быть хотя бы один вопрос',
      byQuestion: {},
      formError: 'Исправьте ошибки в анкете.',
    });
  });
});

describe('a best-practice case’s form', () => {
  it('is checked with the shared schema: every text at once, in the API’s words', () => {
    expect(checkPractice({ title: ' ', summary: '', results: '\n', showNames: false })).toEqual({
      errors: { title: 'Название кейса: поле обязательно', summary: 'Описание практики: поле обязательно', results: 'Результаты: поле обязательно' },
      values: null,
    });
    expect(checkPractice({ title: 'Т'.repeat(301), summary: 'Описание', results: 'р'.repeat(10_001), showNames: true }).errors).toEqual({
      title: 'Название кейса: не более 300 символов',
      results: 'Результаты: не более 10 000 символов',
    });
    expect(checkPractice({ title: ' Олимпиада ', summary: ' Описание ', results: 'Призёр', showNames: true }).values).toEqual({
      title: 'Олимпиада',
      summary: 'Описание',
      results: 'Призёр',
      showNames: true,
    });
  });
});

describe('results', () => {
  it('scales bars to the largest count and fills the scale’s missing values with zeros', () => {
    expect(barPercent(3, 6)).toBe(50);
    expect(barPercent(0, 6)).toBe(0);
    expect(barPercent(5, 0)).toBe(0);
    expect(barPercent(7, 6)).toBe(100);
    expect(
      fullDistribution('scale5', [
        { value: '4', count: 3 },
        { value: '5', count: 1 },
      ]),
    ).toEqual([
      { value: '1', count: 0 },
      { value: '2', count: 0 },
      { value: '3', count: 0 },
      { value: '4', count: 3 },
      { value: '5', count: 1 },
    ]);
    expect(fullDistribution('single', [{ value: 'да', count: 2 }])).toEqual([{ value: 'да', count: 2 }]);
  });

  it('formats means and the mean change in Russian', () => {
    expect(formatMean(4.25)).toBe('4,25');
    expect(formatMean(null)).toBe('—');
    expect(formatDelta(0.75)).toBe('+0,75');
    expect(formatDelta(-0.5)).toBe('−0,5');
    expect(formatDelta(0)).toBe('0');
    expect(formatDelta(undefined)).toBe('—');
  });
});

describe('best practices', () => {
  it('recognises a publication refused for want of consents, and nothing else', () => {
    const refused = gqlError([
      {
        message: 'Нельзя опубликовать кейс: нет согласия на публикацию у наставляемого Иванова Мария (нет согласия законного представителя на публикацию)',
        extensions: { code: 'BAD_USER_INPUT', field: 'consents', people: ['m1'] },
      },
    ]);
    expect(isConsentRefusal(refused)).toBe(true);
    expect(isConsentRefusal(gqlError([{ message: 'Название: поле обязательно', extensions: { code: 'BAD_USER_INPUT', field: 'title' } }]))).toBe(false);
    expect(isConsentRefusal(new Error('сеть'))).toBe(false);
  });

  it('offers the actions the status allows', () => {
    expect(practiceActions('draft')).toEqual(['ready']);
    expect(practiceActions('ready')).toEqual(['publish', 'draft']);
    expect(practiceActions('published')).toEqual(['unpublish']);
    expect(practiceActions('weird')).toEqual([]);
  });
});
