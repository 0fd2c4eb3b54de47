import { describe, expect, it } from 'vitest';
import {
  bestPracticeInputSchema,
  checkInput,
  declineReasonSchema,
  defaultQuestionnaire,
  questionnaireTemplateInputSchema,
  rejectionReasonSchema,
  swotInputSchema,
} from '../index.js';

const swot = (extra: Record<string, unknown> = {}) => ({
  academicYear: '2025/2026',
  formDate: '2025-10-01',
  strengths: ['Опытные наставники'],
  weaknesses: [],
  opportunities: [],
  threats: [],
  ...extra,
});

describe('the SWOT form', () => {
  it('is cleaned: lines trimmed, blank ones dropped, no date means today (null)', () => {
    const result = checkInput(swotInputSchema, swot({ formDate: ' ', strengths: ['  Опыт ', '', '   ', 'Поддержка'], threats: null }));
    expect(result.value).toEqual({
      academicYear: '2025/2026',
      formDate: null,
      strengths: ['Опыт', 'Поддержка'],
      weaknesses: [],
      opportunities: [],
      threats: [],
    });
  });

  it('names every problem at once: the year, the date, too many points, each line too long by its list and number', () => {
    const result = checkInput(
      swotInputSchema,
      swot({
        academicYear: '2025',
        formDate: '31.12.2025',
        strengths: Array.from({ length: 51 }, (_, i) => `Пункт ${i}`),
        weaknesses: ['', 'x'.repeat(1001), 'ok', 'y'.repeat(1001)],
      }),
    );
    expect(result.issues).toEqual([
      { field: 'academicYear', message: 'Поле «Учебный год»: учебный год в формате «2025/2026».' },
      { field: 'formDate', message: 'Поле «Дата заполнения»: некорректная дата (ожидается ГГГГ-ММ-ДД).' },
      { field: 'strengths', message: 'Поле «Сильные стороны»: не более 50 пунктов.' },
      { field: 'weaknesses[0]', message: 'Поле «Слабые стороны, пункт 1»: не более 1000 символов.' },
      { field: 'weaknesses[2]', message: 'Поле «Слабые стороны, пункт 3»: не более 1000 символов.' },
    ]);
  });

  it('takes the limits themselves: 50 points of 1000 characters', () => {
    expect(checkInput(swotInputSchema, swot({ threats: Array.from({ length: 50 }, () => 'x'.repeat(1000)) })).ok).toBe(true);
  });

  it('everything empty: only the year is missing (empty lists are a form not yet filled in)', () => {
    expect(checkInput(swotInputSchema, { academicYear: ' ', strengths: [], weaknesses: [], opportunities: [], threats: [] }).issues).toEqual([
      { field: 'academicYear', message: 'Поле «Учебный год»: учебный год в формате «2025/2026».' },
    ]);
  });
});

describe('a best-practice case', () => {
  it('everything empty: the title, the description and the results at once', () => {
    expect(checkInput(bestPracticeInputSchema, { title: ' ', summary: '\n', results: '' }).issues).toEqual([
      { field: 'title', message: 'Название кейса: поле обязательно' },
      { field: 'summary', message: 'Описание практики: поле обязательно' },
      { field: 'results', message: 'Результаты: поле обязательно' },
    ]);
  });

  it('the limits: a title of 300, texts of 10 000 characters', () => {
    expect(checkInput(bestPracticeInputSchema, { title: 'Т'.repeat(301), summary: 'о'.repeat(10_001), results: 'р'.repeat(10_001) }).issues).toEqual([
      { field: 'title', message: 'Название кейса: не более 300 символов' },
      { field: 'summary', message: 'Описание практики: не более 10 000 символов' },
      { field: 'results', message: 'Результаты: не более 10 000 символов' },
    ]);
    expect(checkInput(bestPracticeInputSchema, { title: 'Т'.repeat(300), summary: 'о'.repeat(10_000), results: 'р'.repeat(10_000) }).ok).toBe(true);
  });

  it('is cleaned: the title on one line, the texts trimmed, names hidden by default', () => {
    expect(
      checkInput(bestPracticeInputSchema, { pairId: 'p', title: '  Олимпиада \n по математике ', summary: ' Абзац 1\n\nАбзац 2 ', results: 'Призёр' }).value,
    ).toEqual({
      title: 'Олимпиада по математике',
      summary: 'Абзац 1\n\nАбзац 2',
      results: 'Призёр',
      showNames: false,
    });
  });
});

describe('a questionnaire template', () => {
  it('everything empty: the title and «at least one question»', () => {
    expect(checkInput(questionnaireTemplateInputSchema, { title: ' ', intro: '', questions: [] }).issues).toEqual([
      { field: 'title', message: 'Название анкеты: поле обязательно' },
      { field: 'questions', message: 'В анкете должен быть хотя бы один вопрос' },
    ]);
  });

  it('names every question’s problems by its field (the first of each field)', () => {
    const result = checkInput(questionnaireTemplateInputSchema, {
      title: 'А'.repeat(301),
      intro: 'В'.repeat(2001),
      questions: [
        { kind: 'single', text: ' ', options: ['Да'] },
        { kind: 'secret', text: 'Как дела?' },
        { kind: 'scale5', text: 'Т'.repeat(501), options: ['лишний'] },
        { kind: 'multiple', text: 'Выбор', options: ['а', 'А', ' ', 'б'.repeat(201)] },
      ],
    });
    expect(result.issues).toEqual([
      { field: 'title', message: 'Название анкеты: не более 300 символов' },
      { field: 'intro', message: 'Вступление: не более 2000 символов' },
      { field: 'questions[0].text', message: 'Вопрос 1: текст вопроса обязателен' },
      { field: 'questions[0].options', message: 'Вопрос 1: укажите не меньше двух вариантов ответа' },
      {
        field: 'questions[1].kind',
        message: 'Вопрос 2: неизвестный тип «secret» (шкала 1–5, шкала 1–10, один вариант, несколько вариантов, свободный ответ)',
      },
      { field: 'questions[2].text', message: 'Вопрос 3: не более 500 символов' },
      { field: 'questions[2].options', message: 'Вопрос 3: у шкалы и свободного ответа нет вариантов' },
      { field: 'questions[3].options', message: 'Вопрос 4: вариант «А» повторяется' },
    ]);
  });

  it('too many questions; repeated ids are not the editor’s problem', () => {
    const question = { id: 'q1', kind: 'text', text: 'Вопрос' };
    expect(checkInput(questionnaireTemplateInputSchema, { title: 'Анкета', questions: Array.from({ length: 61 }, () => question) }).issues).toEqual([
      { field: 'questions', message: 'В анкете не более 60 вопросов' },
    ]);
    expect(checkInput(questionnaireTemplateInputSchema, { title: 'Анкета', questions: Array.from({ length: 60 }, () => question) }).ok).toBe(true);
  });

  it('a default template passes and comes out cleaned', () => {
    const content = defaultQuestionnaire('mentor');
    const result = checkInput(questionnaireTemplateInputSchema, {
      ...content,
      title: `  ${content.title}  `,
      questions: content.questions.map((q) => ({ ...q, options: q.options.map((o) => ` ${o} `) })),
    });
    expect(result.ok).toBe(true);
    expect(result.value).toEqual({ ...content, questions: content.questions.map((q) => ({ ...q })) });
  });
});

describe('the reason of a refusal', () => {
  it('is required and at most 2000 characters, named by its label', () => {
    expect(checkInput(rejectionReasonSchema, { reason: '  ' }).issues).toEqual([{ field: 'reason', message: 'Причина отклонения: поле обязательно' }]);
    expect(checkInput(declineReasonSchema, { reason: null }).issues).toEqual([{ field: 'reason', message: 'Причина отказа: поле обязательно' }]);
    expect(checkInput(declineReasonSchema, { reason: 'а'.repeat(2001) }).issues).toEqual([
      { field: 'reason', message: 'Причина отказа: не более 2000 символов' },
    ]);
    expect(checkInput(rejectionReasonSchema, { reason: ` ${'а'.repeat(2000)} ` }).value).toEqual({ reason: 'а'.repeat(2000) });
  });
});
