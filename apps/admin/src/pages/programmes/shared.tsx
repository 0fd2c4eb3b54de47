import { FORM_LABELS_RU, MENTORSHIP_KIND_LABELS_RU, PARTICIPANT_CATEGORY_LABELS_RU, REPRESENTATIVE_RELATION_LABELS_RU } from '@nastavnik/domain';
import type { ReactNode } from 'react';
import { ErrorState } from '../../components/ErrorState';
import { canSeeProgrammes } from '../../lib/access';
import { forbiddenError } from '../../lib/errors';
import { isoToRu } from '../../lib/roadmap/dates';
import { useMe } from '../../me';

const pick = (labels: Readonly<Record<string, string>>, code: string) => labels[code] ?? code;
export const formLabel = (code: string) => pick(FORM_LABELS_RU, code);
export const kindLabel = (code: string) => pick(MENTORSHIP_KIND_LABELS_RU, code);
export const categoryLabel = (code: string) => pick(PARTICIPANT_CATEGORY_LABELS_RU, code);
export const relationLabel = (code: string) => pick(REPRESENTATIVE_RELATION_LABELS_RU, code);
export const periodRu = (start: string, end: string) => `${isoToRu(start)} — ${isoToRu(end)}`;

/** Programmes are the school's director's and curator's. */
export function ProgrammesGuard({ children }: { children: ReactNode }) {
  const { grants } = useMe();
  if (!canSeeProgrammes(grants)) return <ErrorState error={forbiddenError()} />;
  return <>{children}</>;
}
