import { PARTICIPANT_CATEGORY_LABELS_RU, SPECIAL_GROUP_LABELS_RU, XLSX_CONTENT_TYPE, type ParticipantRole } from '@nastavnik/domain';

/** The import template's book is written by the domain's writer (`writeWorkbook`, text-only sheets): see import.ts. */
export const TEMPLATE_XLSX_CONTENT_TYPE = XLSX_CONTENT_TYPE;

/** The «Подсказки» sheet of a participants template: the allowed values of the coded columns. */
export function participantHintRows(role: ParticipantRole): string[][] {
  return [
    ['Столбец', 'Допустимые значения и формат'],
    ['Категория', Object.values(PARTICIPANT_CATEGORY_LABELS_RU).join('; ')],
    ['Дата рождения, Дата согласия', 'ДД.ММ.ГГГГ, например 14.03.2012'],
    [
      'Возраст',
      role === 'mentee'
        ? 'Наставляемый-обучающийся: от 10 до 19 лет'
        : 'Наставник-обучающийся: от 15 до 19 лет; педагог, молодой специалист (стаж 0–3 года) и др. — взрослые',
    ],
    ['Особые группы', `${Object.values(SPECIAL_GROUP_LABELS_RU).join('; ')} (несколько — через «;»)`],
    [role === 'mentee' ? 'Запрос (теги)' : 'Компетенции (теги)', 'Несколько тегов — через «;»'],
    ['Согласие дал', 'Участник — для совершеннолетних; Законный представитель — для несовершеннолетних (до 18 лет)'],
    ['Кем приходится', 'Мать; Отец; Усыновитель; Опекун; Попечитель; Представитель организации для детей-сирот'],
    ['Без согласия', 'Строка без даты согласия и того, кто его дал, не загружается (152-ФЗ)'],
    ['Пример', 'Вторая строка листа «Участники» — пример: замените её своими данными или удалите'],
  ];
}
