import { describe, expect, it } from 'vitest';
import { defaultQuestionnaire, QUESTIONNAIRE_KINDS, readAnswers, sameMeaning, validateQuestionnaire, type Question } from './index.js';

const single: Question = { id: 'a', kind: 'single', text: 'Формат?', required: true, options: ['Очно', 'Дистанционно'] };
const multiple: Question = { id: 'b', kind: 'multiple', text: 'Предметы?', required: false, options: ['Математика', 'Физика', 'Химия'] };
const scale: Question = { id: 'c', kind: 'scale10', text: 'Оценка?', required: true, options: [] };
const text: Question = { id: 'd', kind: 'text', text: 'Комментарий', required: false, options: [] };

describe('default questionnaires', () => {
  it('every kind has a valid Russian template', () => {
    for (const kind of QUESTIONNAIRE_KINDS) {
      const content = defaultQuestionnaire(kind);
      expect(validateQuestionnaire(content), kind).toEqual([]);
      expect(content.title).toMatch(/[А-Яа-я]/);
    }
  });
});

describe('validateQuestionnaire', () => {
  it('names the question and the field of each problem', () => {
    const issues = validateQuestionnaire({
      title: '',
      intro: '',
      questions: [
        { ...single, options: ['Очно'] },
        { ...scale, options: ['1'] },
        { ...text, text: ' ' },
        { ...multiple, id: 'a', options: ['Математика', 'математика'] },
      ],
    });
    expect(issues.map((i) => [i.field, i.message])).toEqual([
      ['title', 'Название анкеты: поле обязательно'],
      ['questions[0].options', 'Вопрос 1: укажите не меньше двух вариантов ответа'],
      ['questions[1].options', 'Вопрос 2: у шкалы и свободного ответа нет вариантов'],
      ['questions[2].text', 'Вопрос 3: текст вопроса обязателен'],
      ['questions[3].id', 'Вопрос 4: повторяется идентификатор вопроса'],
      ['questions[3].options', 'Вопрос 4: вариант «математика» повторяется'],
    ]);
  });

  it('a question keeps its meaning when only the wording changes', () => {
    expect(sameMeaning(single, { ...single, text: 'Какой формат?' })).toBe(true);
    expect(sameMeaning(single, { ...single, options: ['Очно', 'Онлайн'] })).toBe(false);
    expect(sameMeaning(scale, { ...scale, kind: 'scale5' })).toBe(false);
  });
});

describe('readAnswers', () => {
  const questions = [single, multiple, scale, text];
  it('reads a valid sheet; optional unanswered questions give no row', () => {
    const sheet = readAnswers(questions, { a: ['Очно'], b: ['Химия', 'Математика'], c: ['10'], d: [' '] });
    expect(sheet.errors).toEqual({});
    expect(sheet.answers).toEqual([
      { questionId: 'a', number: null, choices: ['Очно'], text: null, scaleMax: null },
      { questionId: 'b', number: null, choices: ['Математика', 'Химия'], text: null, scaleMax: null },
      { questionId: 'c', number: 10, choices: null, text: null, scaleMax: 10 },
    ]);
  });

  it('gives a message per question: required, out of range, unknown option, two options for one, unknown question', () => {
    expect(readAnswers(questions, { b: ['Биология'], c: ['11'], x: ['1'] }).errors).toEqual({
      a: 'Ответьте на этот вопрос',
      b: 'Выберите один из предложенных вариантов',
      c: 'Выберите оценку от 1 до 10',
      x: 'Вопрос «x» не из этой анкеты',
    });
    expect(readAnswers(questions, { a: ['Очно', 'Дистанционно'], c: ['0'] }).errors).toEqual({
      a: 'Выберите только один вариант',
      c: 'Выберите оценку от 1 до 10',
    });
    expect(readAnswers(questions, { a: ['Очно'], c: ['2.5'] }).errors).toEqual({ c: 'Выберите оценку от 1 до 10' });
    expect(readAnswers(questions, { a: ['Очно'], c: ['3'], d: ['я'.repeat(4001)] }).errors).toEqual({ d: 'Ответ не длиннее 4000 символов' });
  });
});
