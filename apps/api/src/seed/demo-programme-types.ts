import type { ParticipantRole } from '@nastavnik/domain';

/** The shapes of the demo programmes (demo-programmes.ts), apart so that demo-surveys.ts can read them without an import cycle. */
export interface DemoPerson {
  key: string;
  role: ParticipantRole;
  /** The demo login (infra/keycloak/realm-nastavnik.json) that is this person. */
  username?: string;
  category: 'pupil' | 'teacher' | 'young-specialist';
  lastName: string;
  firstName: string;
  middleName: string | null;
  /** Age in whole years on 1 September of the programme's year (pupils only). */
  age?: number;
  /** MM-DD of the birthday (before 1 September, so `age` holds all year). */
  birthday?: string;
  classOrPosition: string;
  experienceYears?: number;
  /** Contacts the person agreed to give (a mentee sees an adult mentor's on their own page). */
  email?: string;
  phone?: string;
  tags: string[];
  text: string;
  specialGroups?: string[];
  /** A minor's legal representative (gives the consent; `publication`: also to publication, e.g. of a best-practice case). */
  representative?: { name: string; relation: 'mother' | 'father' | 'guardian'; document: string; publication?: boolean };
}

export interface DemoPair {
  form: string;
  mentor: string;
  mentees: string[];
  /** Task titles; the first `done` are done. */
  tasks: string[];
  done: number;
  /** How many meetings in the methodology's order (знакомство → пробная → планирование → регулярные). */
  meetings: number;
  /** A short pair completed this many days after its start (plan done, final meeting held), if that day has come. */
  completedAfterDays?: number;
  /** The case written up from the completed pair (published if every participant consented to publication). */
  practice?: { title: string; summary: string; results: string };
}

export interface DemoProgramme {
  districtCode: string;
  organizationCode: string;
  name: string;
  forms: string[];
  kinds: string[];
  targetGroups: string[];
  curatorName: string;
  createdByName: string;
  people: DemoPerson[];
  pairs: DemoPair[];
}
