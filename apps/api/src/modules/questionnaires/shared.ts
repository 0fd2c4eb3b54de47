import { createHash } from 'node:crypto';
import { ageOn, ANONYMIZED_NAME_RU, isQuestionnaireKind, type AnswerSheet, type Question, type QuestionnaireKind } from '@nastavnik/domain';
import { v7 as uuidv7 } from 'uuid';
import { badUserInput } from '../../engine/errors.js';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import type { MentoringPair } from '../pairs/pair.entity.js';
import type { Participant } from '../participants/participant.entity.js';
import { QUESTIONNAIRE_API_MESSAGES_RU as M } from './messages.js';
import { QuestionnaireAnswer, QuestionnaireLink, QuestionnaireResponse, type QuestionnaireTemplate } from './questionnaire.entity.js';

// What the questionnaire services (templates, links, results) share: names, tokens, answers' checks and storage.

export const personName = (p: Pick<Participant, 'anonymized' | 'lastName' | 'firstName' | 'middleName'>) =>
  p.anonymized ? ANONYMIZED_NAME_RU : [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ');

export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** A minor (by date of birth; a pupil without one is treated as a minor): the form addresses the pupil and the representative. */
export function isMinorOn(p: Pick<Participant, 'birthDate' | 'category'>, today: string): boolean {
  const age = p.birthDate ? ageOn(p.birthDate, today) : null;
  if (age !== null) return age < 18;
  return p.category === 'pupil';
}

export interface AnswerInputValue {
  questionId: string;
  value?: string | null;
  values?: string[] | null;
}

export const round = (value: number | null | undefined, digits = 2) =>
  value === null || value === undefined ? null : Math.round(Number(value) * 10 ** digits) / 10 ** digits;

/** Answers as a form sends them (question id → strings). */
export function rawAnswers(input: readonly AnswerInputValue[]): Record<string, string[]> {
  const raw: Record<string, string[]> = {};
  for (const answer of input) {
    const values = [...(answer.values ?? []), ...(answer.value !== undefined && answer.value !== null ? [answer.value] : [])];
    raw[answer.questionId] = [...(raw[answer.questionId] ?? []), ...values];
  }
  return raw;
}

/** The participant's pair in the programme (the latest; an active one first). */
export function pairOf(pairs: MentoringPair[], participantId: string): MentoringPair | null {
  const own = pairs.filter((p) => p.mentorId === participantId || p.menteeIds.includes(participantId));
  own.sort((a, b) => (a.status === b.status ? b.startDate.localeCompare(a.startDate) : a.status === 'active' ? -1 : 1));
  return own[0] ?? null;
}

export function checkKindAndPhase(kind: string, phase: string | null | undefined): { kind: QuestionnaireKind; phase: string | null } {
  if (!isQuestionnaireKind(kind)) throw badUserInput('kind', M.unknownKind(kind));
  const p = (phase ?? '').trim() || null;
  if (kind === 'impact') {
    if (p !== 'before' && p !== 'after') throw badUserInput('phase', M.phaseRequired);
    return { kind, phase: p };
  }
  if (p) throw badUserInput('phase', M.phaseOnlyImpact);
  return { kind, phase: null };
}

/** Throws the first answer error, naming the question by its number. */
export function answerError(sheet: AnswerSheet, questions: readonly Question[]) {
  const ids = Object.keys(sheet.errors);
  if (ids.length === 0) return;
  const first = ids[0]!;
  const number = questions.findIndex((q) => q.id === first) + 1;
  throw badUserInput(`answers.${first}`, number > 0 ? `Вопрос ${number}: ${sheet.errors[first]}` : sheet.errors[first]!, { errors: sheet.errors });
}

/** Inserts the response and its answers; closes the link (once: a second submission finds it closed). */
export async function storeResponse(
  em: EntityManager,
  values: {
    template: QuestionnaireTemplate;
    participant: Participant;
    pairId: string | null;
    phase: string | null;
    link: QuestionnaireLink | null;
    source: QuestionnaireResponse['source'];
    answeredBy: string;
    enteredByName: string | null;
    sheet: AnswerSheet;
    now: Date;
  },
): Promise<QuestionnaireResponse | null> {
  const response = new QuestionnaireResponse();
  Object.assign(response, {
    programmeId: values.template.programmeId,
    organizationId: values.template.organizationId,
    templateId: values.template.id,
    kind: values.template.kind,
    participantId: values.participant.id,
    respondentKey: values.participant.id,
    respondentRole: values.participant.role,
    pairId: values.pairId,
    phase: values.phase,
    linkId: values.link?.id ?? null,
    source: values.source,
    answeredBy: values.answeredBy,
    enteredByName: values.enteredByName,
    submittedAt: values.now,
  });
  return em.transactional(async (tx) => {
    if (values.link) {
      const closed = await tx.nativeUpdate(
        QuestionnaireLink,
        { id: values.link.id, submittedAt: null, revokedAt: null, expiresAt: { $gt: values.now } },
        { submittedAt: values.now, responseId: response.id },
      );
      if (closed !== 1) return null;
    }
    tx.persist(response);
    for (const a of values.sheet.answers) {
      const row = new QuestionnaireAnswer();
      Object.assign(row, {
        responseId: response.id,
        questionId: a.questionId,
        valueNumber: a.number,
        scaleMax: a.scaleMax,
        valueChoices: a.choices,
        valueText: a.text,
      });
      tx.persist(row);
    }
    await tx.flush();
    return response;
  });
}

/**
 * Withdrawal of consent (called in the withdrawal's transaction): the person's free-text answers are
 * erased, the numeric and chosen answers stay for the statistics without the link to the person
 * (participant cleared, a fresh random respondent key keeps «before» and «after» together), and the
 * person's links are deleted.
 */
export async function forgetQuestionnaireAnswers(em: EntityManager, schemaName: string, participantId: string): Promise<void> {
  const s = `"${schemaName}"`;
  await em.execute(
    `update ${s}."questionnaire_answer" set value_text = null
      where value_text is not null and response_id in (select id from ${s}."questionnaire_response" where participant_id = ?)`,
    [participantId],
    'run',
  );
  await em.execute(
    `delete from ${s}."questionnaire_answer" where value_number is null and value_choices is null and value_text is null and response_id in (select id from ${s}."questionnaire_response" where participant_id = ?)`,
    [participantId],
    'run',
  );
  await em.execute(
    `update ${s}."questionnaire_response" set participant_id = null, respondent_key = ?, entered_by_name = null, link_id = null where participant_id = ?`,
    [uuidv7(), participantId],
    'run',
  );
  await em.execute(`delete from ${s}."questionnaire_link" where participant_id = ?`, [participantId], 'run');
}
