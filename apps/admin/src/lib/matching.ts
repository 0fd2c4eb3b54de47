/**
 * «Подобрать пары» found nothing: why, and what to do next. Pure, so unit-tested.
 */
import { ru } from '../i18n/ru';

export interface MatchBase {
  mentees: number;
  mentors: number;
  freeMentees: number;
  freeMentors: number;
  withoutConsent: number;
}

export type MatchingNextStep = 'add-mentee' | 'import-mentees' | 'add-mentor' | 'import-mentors';

export interface NoPairsReason {
  text: string;
  steps: MatchingNextStep[];
}

/** The reasons an empty matching gives, most basic first; each with the steps that would help. */
export function whyNoPairs(base: MatchBase): NoPairsReason[] {
  const t = ru.matching;
  const reasons: NoPairsReason[] = [];
  if (base.mentees === 0) reasons.push({ text: t.whyNoMentees, steps: ['add-mentee', 'import-mentees'] });
  else if (base.freeMentees === 0) reasons.push({ text: t.whyAllMenteesPaired(base.mentees), steps: ['add-mentee', 'import-mentees'] });
  if (base.mentors === 0) reasons.push({ text: t.whyNoMentors, steps: ['add-mentor', 'import-mentors'] });
  else if (base.freeMentors === 0) reasons.push({ text: t.whyAllMentorsPaired(base.mentors), steps: ['add-mentor', 'import-mentors'] });
  if (reasons.length === 0) reasons.push({ text: t.whyNoFit, steps: [] });
  if (base.withoutConsent > 0) reasons.push({ text: t.withoutConsent(base.withoutConsent), steps: [] });
  return reasons;
}
