import { isIsoDate, ROADMAP_FIELD_LABELS_RU as FIELD_LABELS_RU, ROADMAP_MESSAGES_RU } from '@nastavnik/domain';
import { badUserInput } from '../../engine/errors.js';

export interface RevisionHeader {
  title: string;
  programmeName: string;
  periodStart: string;
  periodEnd: string;
}

const HEADER_LIMITS = { title: 1000, programmeName: 300 } as const;

/** Validates a header; BAD_USER_INPUT naming the field. */
export function checkHeader(header: RevisionHeader): RevisionHeader {
  const title = header.title.trim();
  const programmeName = header.programmeName.trim();
  for (const [field, value] of [
    ['title', title],
    ['programmeName', programmeName],
  ] as const) {
    if (!value) throw badUserInput(field, ROADMAP_MESSAGES_RU.required(FIELD_LABELS_RU[field]));
    if (value.length > HEADER_LIMITS[field]) throw badUserInput(field, ROADMAP_MESSAGES_RU.tooLong(FIELD_LABELS_RU[field], HEADER_LIMITS[field]));
  }
  for (const field of ['periodStart', 'periodEnd'] as const) {
    if (!isIsoDate(header[field])) throw badUserInput(field, ROADMAP_MESSAGES_RU.invalidDate(FIELD_LABELS_RU[field]));
  }
  if (header.periodEnd < header.periodStart) throw badUserInput('periodEnd', ROADMAP_MESSAGES_RU.periodOrder);
  return { title, programmeName, periodStart: header.periodStart, periodEnd: header.periodEnd };
}
