/**
 * «Подобрать пары» found nothing: why, and what to do next. Pure, so unit-tested.
 */
import { validatePlanPeriod } from '@nastavnik/domain';
import { ru } from '../i18n/ru';
import { parseDateRu } from './roadmap/dates';

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

/**
 * The period of the pairs being confirmed, as typed (ДД.ММ.ГГГГ), checked by the domain's rule the
 * API applies (validatePlanPeriod): each problem beside its date field, before anything is sent.
 */
export function confirmPeriod(
  startText: string,
  endText: string,
  labels: { start: string; end: string },
): { errors: { startDate?: string; endDate?: string }; period: { start: string; end: string } | null } {
  const start = parseDateRu(startText);
  const end = parseDateRu(endText);
  const errors: { startDate?: string; endDate?: string } = {};
  if (!start) errors.startDate = ru.dates.invalid(labels.start);
  if (!end) errors.endDate = ru.dates.invalid(labels.end);
  if (start && end) {
    for (const issue of validatePlanPeriod(start, end)) {
      if (issue.severity !== 'error') continue;
      errors[issue.field === 'start' ? 'startDate' : 'endDate'] ??= issue.message;
    }
  }
  return { errors, period: start && end && Object.keys(errors).length === 0 ? { start, end } : null };
}

/** The API's problems of a confirmation (`pairs[i].startDate`, …): the period's beside its fields, the rest as one line. */
export function confirmPeriodErrorsOf(fieldErrors: Readonly<Record<string, string>>): { startDate?: string; endDate?: string } {
  const out: { startDate?: string; endDate?: string } = {};
  for (const [field, message] of Object.entries(fieldErrors)) {
    const match = /^pairs\[\d+\]\.(startDate|endDate)$/.exec(field);
    if (match) out[match[1] as 'startDate' | 'endDate'] ??= message;
  }
  return out;
}
