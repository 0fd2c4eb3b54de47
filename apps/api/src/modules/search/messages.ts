import { ERRORS_RU } from '@nastavnik/domain';

export const SEARCH_QUERY_MIN = 2;
export const SEARCH_QUERY_MAX = 100;
export const SEARCH_LIMIT_MAX = 20;

export const SEARCH_MESSAGES_RU = {
  queryTooShort: `Поле «Поиск»: введите не менее ${SEARCH_QUERY_MIN} символов.`,
  queryTooLong: ERRORS_RU.tooLong('Поиск', SEARCH_QUERY_MAX),
  firstOutOfRange: ERRORS_RU.outOfRange('Сколько найти', 1, SEARCH_LIMIT_MAX),
  districtRoadmap: 'Дорожная карта муниципалитета',
  roadmapOf: (organization: string) => `Дорожная карта: ${organization}`,
  mentor: 'Наставник',
  mentee: 'Наставляемый',
  partnerMentor: 'Наставник организации-партнёра',
} as const;
