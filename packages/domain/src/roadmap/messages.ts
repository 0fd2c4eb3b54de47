import { APPROVAL_MESSAGES_RU, roadmapStateLabelRu, type RoadmapState } from './approval.js';
import type { RoadmapLevel } from './model.js';

/** The machine's own words where it has them (agreed → a new revision, …). */
const NOT_EDITABLE_RU: Partial<Record<RoadmapState, string>> = {
  agreed: APPROVAL_MESSAGES_RU.agreed,
  superseded: APPROVAL_MESSAGES_RU.superseded,
  returnedByDistrict: APPROVAL_MESSAGES_RU.returnedByDistrict,
};

/**
 * Russian messages of the API's campaign, roadmap, review and execution modules (the approval
 * rules' own messages are APPROVAL_MESSAGES_RU / VALIDATION_MESSAGES_RU). Here rather than in one of
 * those modules because all of them use them, whichever layer they sit in.
 */
export const ROADMAP_MESSAGES_RU = {
  staleVersion: 'Редакцию уже изменил другой пользователь — обновите страницу',
  roadmapNotFound: 'Дорожная карта не найдена.',
  revisionNotFound: 'Редакция дорожной карты не найдена.',
  itemNotFound: 'Мероприятие не найдено в этой редакции.',
  sectionNotFound: 'Раздел не найден в этой редакции.',
  campaignNotFound: 'Кампания не найдена.',
  attachmentNotFound: 'Файл не найден.',
  notEditable: (state: RoadmapState, level: RoadmapLevel) =>
    NOT_EDITABLE_RU[state] ?? `Редакция в состоянии «${roadmapStateLabelRu(state, level)}» — изменять её нельзя`,
  notLatest: 'Это не последняя редакция дорожной карты — изменения вносятся в последнюю',
  onlyAuthorEdits: (level: RoadmapLevel) =>
    level === 'school'
      ? 'Изменять дорожную карту может только куратор наставничества организации'
      : 'Изменять дорожную карту муниципалитета может только специалист органа управления образованием',
  onlyAuthorCreates: (level: RoadmapLevel) =>
    level === 'school'
      ? 'Создать дорожную карту организации может только куратор наставничества этой организации'
      : 'Создать дорожную карту муниципалитета может только специалист органа управления образованием',
  duplicateInCampaign: 'У организации уже есть дорожная карта в этой кампании',
  notAddressed: 'Кампания не адресована этой организации',
  chooseOrganization: 'Укажите организацию',
  organizationNotInDistrict: 'Организация не найдена в этом муниципалитете',
  noCopySource: 'Нет дорожной карты прошлого периода, из которой можно скопировать мероприятия',
  invalidDate: (label: string) => `${label}: некорректная дата (ожидается ГГГГ-ММ-ДД)`,
  periodOrder: 'Конец периода не может быть раньше его начала',
  required: (label: string) => `${label}: поле обязательно`,
  tooLong: (label: string, max: number) => `${label}: не более ${max} символов`,
  tooManySections: (max: number) => `В редакции не более ${max} разделов`,
  tooManyItems: (max: number) => `В редакции не более ${max} мероприятий`,
  invalidKey: 'Некорректный идентификатор',
  duplicateSectionKey: 'Раздел с таким идентификатором уже есть в редакции',
  commentItemUnknown: 'Замечание относится к мероприятию, которого нет в этой редакции',
  notInForce: 'Отмечать выполнение можно только в согласованной (действующей) дорожной карте',
  onlyAuthorExecutes: (level: RoadmapLevel) =>
    level === 'school'
      ? 'Отмечать выполнение может только куратор наставничества организации'
      : 'Отмечать выполнение может только специалист органа управления образованием',
  invalidUrl: 'Ссылка: ожидается адрес вида https://…',
  diffOtherRoadmap: 'Сравнивать можно редакции одной дорожной карты',
  readOnly: 'Просмотр доступен, изменения — нет',
  draftUnreadable: 'Черновик: содержимое не прочитано — ожидается состояние редактора (заголовок и разделы)',
  draftTooLarge: (max: number) => `Черновик: не более ${max.toLocaleString('ru-RU')} символов`,
} as const;

export const ROADMAP_FIELD_LABELS_RU = {
  title: 'Название',
  programmeName: 'Название программы',
  periodStart: 'Начало периода',
  periodEnd: 'Конец периода',
  dueDate: 'Срок представления',
  academicYear: 'Учебный год',
  organizationIds: 'Организации',
  doneOn: 'Дата выполнения',
  documentNumber: 'Номер документа',
  documentDate: 'Дата документа',
  note: 'Примечание',
  url: 'Ссылка',
} as const;
