import type { IsoDate } from '../roadmap/iso-date.js';
import { mustTreatAsMinor } from './participants.js';
import type { ParticipantCategory } from './catalog.js';

/**
 * Least privilege over a person's data (152-ФЗ, art. 5 p. 5 «не избыточны по отношению к целям»):
 * who may see which part of a mentor's or mentee's record. Rows (which people at all) are decided
 * by the services' scope filters; this table decides the fields of a row that was reached. The API
 * applies it in one place (apps/api/src/modules/participants/personal-data.ts) for every resolver,
 * export and file; docs/architecture.md prints it.
 */

/** How the viewer stands to the person. An actor with several grants takes the widest relation. */
export const PERSONAL_DATA_VIEWERS = [
  'school-staff', // director or curator of the person's school: runs the programme
  'self', // the person themself (a mentor's or mentee's own account)
  'pair-mentor', // the mentor of a pair/group the person is in
  'pair-mentee', // a mentee of a pair/group whose mentor the person is
  'co-mentee', // another mentee of the same group
  'district-staff', // the district's officer or head: oversight of its schools
  'platform', // the platform admin: operates the service
  'region', // the region's coordinator: oversight by figures
  'none',
] as const;
export type PersonalDataViewer = (typeof PERSONAL_DATA_VIEWERS)[number];

/**
 * Parts of a record.
 * - `identity`: last/first/middle name, class or position, experience (for an anonymised person: nothing);
 * - `birthDate`: the exact date (the age band stays a statistic);
 * - `contacts`: e-mail, phone;
 * - `specialGroups`: disability, orphanhood, difficult life situation… (art. 10 territory);
 * - `freeText`: competences or request (tags and text), meeting notes and feedback, plan tasks;
 * - `consents`: the consents, representatives' names and documents, consent scans.
 */
export const PERSONAL_DATA_PARTS = ['identity', 'birthDate', 'contacts', 'specialGroups', 'freeText', 'consents'] as const;
export type PersonalDataPart = (typeof PERSONAL_DATA_PARTS)[number];

export type PersonKind = 'minor' | 'adult';

type Rule = Readonly<Record<PersonKind, readonly PersonalDataPart[]>>;

const ALL = PERSONAL_DATA_PARTS;

/** The table. Anything not listed is not shown (fail closed). */
export const PERSONAL_DATA_ACCESS: Readonly<Record<PersonalDataViewer, Rule>> = {
  'school-staff': { minor: ALL, adult: ALL },
  self: { minor: ['identity', 'birthDate', 'contacts', 'freeText'], adult: ['identity', 'birthDate', 'contacts', 'freeText'] },
  // A mentor works with the mentee's request; a minor's contacts go through the school and the parents.
  'pair-mentor': { minor: ['identity', 'freeText'], adult: ['identity', 'contacts', 'freeText'] },
  // A mentee may reach their mentor and read what the mentor offers.
  'pair-mentee': { minor: ['identity', 'freeText'], adult: ['identity', 'contacts', 'freeText'] },
  // Members of one group know each other's names, nothing more.
  'co-mentee': { minor: ['identity'], adult: ['identity'] },
  // The district agrees roadmaps and rewards mentors: adults' names; children are figures.
  'district-staff': { minor: [], adult: ['identity'] },
  platform: { minor: [], adult: ['identity'] },
  region: { minor: [], adult: [] },
  none: { minor: [], adult: [] },
};

/** Meeting notes and feedback of a pair: its members and the school's staff. */
export const PAIR_TEXT_VIEWERS: readonly PersonalDataViewer[] = ['school-staff', 'pair-mentor', 'pair-mentee', 'co-mentee', 'self'];

/** The widest of several relations (an actor may be a curator and a mentor at once). */
export function widestViewer(viewers: readonly PersonalDataViewer[]): PersonalDataViewer {
  let best: PersonalDataViewer = 'none';
  for (const viewer of viewers) if (PERSONAL_DATA_VIEWERS.indexOf(viewer) < PERSONAL_DATA_VIEWERS.indexOf(best)) best = viewer;
  return best;
}

export function personKind(person: { birthDate: IsoDate | null; category: string; ageBand?: string | null }, on: IsoDate): PersonKind {
  // After anonymisation the birth date is gone; the age band tells (a person of unknown age counts as a minor).
  if (person.birthDate === null && person.ageBand) {
    return ['under-10', '10-14', '15-19', 'unknown'].includes(person.ageBand) ? 'minor' : 'adult';
  }
  return mustTreatAsMinor({ birthDate: person.birthDate, category: person.category as ParticipantCategory }, on) ? 'minor' : 'adult';
}

export function visibleParts(viewer: PersonalDataViewer, kind: PersonKind): ReadonlySet<PersonalDataPart> {
  return new Set(PERSONAL_DATA_ACCESS[viewer][kind]);
}

export function maySee(viewer: PersonalDataViewer, kind: PersonKind, part: PersonalDataPart): boolean {
  return PERSONAL_DATA_ACCESS[viewer][kind].includes(part);
}

/** What a record shows in place of a hidden name. */
export const HIDDEN_NAME_RU = 'Данные скрыты';
