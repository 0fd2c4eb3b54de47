import { QUESTIONNAIRE_KIND_LABELS_RU, type QuestionnaireKind, pluralRu } from '@nastavnik/domain';

/** Russian messages of the questionnaires. */
export const QUESTIONNAIRE_API_MESSAGES_RU = {
  templateNotFound: 'Анкета не найдена',
  templateNotCurrent: 'Это прежняя версия анкеты: изменять можно только действующую',
  unknownKind: (value: string) => `Вид анкеты: неизвестное значение «${value}» (mentee, mentor, preferences, satisfaction, impact)`,
  phaseRequired: 'Этап оценки влияния: укажите before («до») или after («после»)',
  phaseOnlyImpact: 'Этап «до/после» указывается только для оценки влияния',
  noParticipants: 'Выберите хотя бы одного участника',
  tooManyLinks: (max: number) => `Не более ${max} ${pluralRu(max, ['ссылки', 'ссылок', 'ссылок'])} за один раз`,
  validDays: (max: number) => `Срок действия ссылки: от 1 до ${max} ${pluralRu(max, ['дня', 'дней', 'дней'])}`,
  participantNotInProgramme: 'Участник не найден в этой программе',
  anonymized: 'Персональные данные участника обезличены после отзыва согласия: анкета недоступна',
  wrongRole: (name: string, kind: QuestionnaireKind) => `${name}: «${QUESTIONNAIRE_KIND_LABELS_RU[kind]}» — для участников другой роли`,
  noPair: (name: string) => `${name}: нет наставнической пары/группы в этой программе — анкета заполняется о работе в паре`,
  linkNotFound: 'Ссылка на анкету не найдена',
  linkUsed: 'Анкета по этой ссылке уже заполнена',
  linkClosed: 'Ссылка больше не действует: анкета уже заполнена, срок истёк или выдана новая ссылка',
  responseNotFound: 'Ответ на анкету не найден',
  answeredBy: 'Кто отвечал: participant, representative или staff',
  answeredByRequired: 'Укажите, кто заполняет анкету',
} as const;
