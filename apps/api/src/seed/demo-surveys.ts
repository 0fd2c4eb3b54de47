import { randomBytes } from 'node:crypto';
import { readAnswers, type IsoDate, type Question } from '@nastavnik/domain';
import type { EntityManager } from '../engine/orm/create-orm.js';
import { MentoringPair } from '../modules/pairs/pair.entity.js';
import { Participant } from '../modules/participants/participant.entity.js';
import { BestPractice } from '../modules/practices/practice.entity.js';
import { consentGaps } from '../modules/practices/practice.service.js';
import { QuestionnaireAnswer, QuestionnaireLink, QuestionnaireResponse, QuestionnaireTemplate } from '../modules/questionnaires/questionnaire.entity.js';
import { hashToken } from '../modules/questionnaires/shared.js';
import { ensureDefaultQuestionnaires } from '../modules/questionnaires/templates.service.js';
import type { DemoProgramme } from './demo-programme-types.js';
import type { Programme } from '../modules/programmes/programme.entity.js';

/**
 * Demo questionnaires and cases of a demo programme (idempotent): the default templates, answers
 * entered by the curator (mentee and mentor questionnaires, satisfaction of the pairs, impact «before»
 * for everyone in a pair and «after» for completed pairs), open links for the mentees who have not
 * answered yet, and the case of each completed pair — published when every participant consented.
 */
export async function seedDemoSurveysAndPractices(
  em: EntityManager,
  schemaName: string,
  programme: Programme,
  demo: DemoProgramme,
  today: IsoDate,
): Promise<void> {
  await ensureDefaultQuestionnaires(em, schemaName, programme, demo.createdByName);
  const curator = demo.curatorName.split(',')[0]!;
  const [templates, people, pairs] = await Promise.all([
    em.find(QuestionnaireTemplate, { programmeId: programme.id, isCurrent: true }),
    em.find(Participant, { programmeId: programme.id, anonymized: false }, { orderBy: { createdAt: 'asc', id: 'asc' } }),
    em.find(MentoringPair, { programmeId: programme.id }, { orderBy: { createdAt: 'asc', id: 'asc' } }),
  ]);
  const template = (kind: string) => templates.find((t) => t.kind === kind)!;
  const order = (p: Participant) => demo.people.findIndex((d) => d.lastName === p.lastName && d.firstName === p.firstName);
  people.sort((a, b) => order(a) - order(b));
  // Mentees with a demo login come last: they are among those with an open link, so the demo
  // mentee finds a questionnaire to fill in on «Моя пара/группа».
  const mentees = people.filter((p) => p.role === 'mentee').sort((a, b) => Number(Boolean(a.username)) - Number(Boolean(b.username)));
  const mentors = people.filter((p) => p.role === 'mentor');
  const now = new Date(`${today}T09:00:00Z`);

  if ((await em.count(QuestionnaireResponse, { programmeId: programme.id })) === 0) {
    const rows: object[] = [];
    const answer = (kind: string, person: Participant, values: Record<string, string[]>, extra: { pairId?: string | null; phase?: string | null } = {}) => {
      const t = template(kind);
      const sheet = readAnswers(t.questions, values);
      const problems = Object.entries(sheet.errors);
      if (problems.length > 0) throw new Error(`Демо-анкеты (${kind}): ${problems.map(([q, m]) => `${q}: ${m}`).join('; ')}`);
      const response = new QuestionnaireResponse();
      Object.assign(response, {
        programmeId: programme.id,
        organizationId: programme.organizationId,
        templateId: t.id,
        kind,
        participantId: person.id,
        respondentKey: person.id,
        respondentRole: person.role,
        pairId: extra.pairId ?? null,
        phase: extra.phase ?? null,
        source: 'staff',
        answeredBy: 'participant',
        enteredByName: curator,
        submittedAt: now,
      });
      rows.push(response);
      for (const a of sheet.answers) {
        rows.push(
          Object.assign(new QuestionnaireAnswer(), {
            responseId: response.id,
            questionId: a.questionId,
            valueNumber: a.number,
            scaleMax: a.scaleMax,
            valueChoices: a.choices,
            valueText: a.text,
          }),
        );
      }
    };
    const by = (t: QuestionnaireTemplate, pick: (q: Question, index: number) => string[] | null) =>
      Object.fromEntries(t.questions.map((q, i) => [q.id, pick(q, i)] as const).filter((e): e is [string, string[]] => e[1] !== null));
    const scale = (q: Question, value: number) => [String(Math.min(q.kind === 'scale10' ? 10 : 5, Math.max(1, value)))];
    // Half of the mentees answered the mentee questionnaire; the others have an open link.
    const answering = mentees.slice(0, Math.ceil(mentees.length / 2));
    answering.forEach((m, k) =>
      answer(
        'mentee',
        m,
        by(template('mentee'), (q) => {
          if (q.kind === 'scale5' || q.kind === 'scale10') return scale(q, [2, 3, 4, 2, 3][k % 5]!);
          if (q.kind === 'single') return [q.options[k % q.options.length]!];
          if (q.kind === 'multiple') return [...new Set([q.options[k % q.options.length]!, q.options[(k + 3) % q.options.length]!])];
          return k === 0 ? ['Хочу разобраться с дробями и не бояться контрольных'] : null;
        }),
      ),
    );
    mentors.forEach((m, k) =>
      answer(
        'mentor',
        m,
        by(template('mentor'), (q) => {
          if (q.kind === 'scale5' || q.kind === 'scale10') return scale(q, [4, 5, 3, 5][k % 4]!);
          if (q.kind === 'single') return [q.options[(k + 1) % q.options.length]!];
          if (q.kind === 'multiple') return [...new Set([q.options[0]!, q.options[(k + 1) % q.options.length]!])];
          return null;
        }),
      ),
    );
    pairs.forEach((pair, k) => {
      const members = [people.find((p) => p.id === pair.mentorId), ...pair.menteeIds.map((id) => people.find((p) => p.id === id))].filter(
        (p): p is Participant => !!p,
      );
      for (const person of members) {
        const mentor = person.role === 'mentor';
        answer(
          'satisfaction',
          person,
          by(template('satisfaction'), (q, i) =>
            q.kind === 'scale10' || q.kind === 'scale5' ? scale(q, (mentor ? [8, 9, 7, 9] : [9, 10, 8, 10])[i % 4]! - (k % 2)) : null,
          ),
          { pairId: pair.id },
        );
        answer(
          'impact',
          person,
          by(template('impact'), (q, i) => (q.kind === 'scale5' || q.kind === 'scale10' ? scale(q, [2, 3, 2, 3, 3][i % 5]! + (mentor ? 1 : 0)) : null)),
          { pairId: pair.id, phase: 'before' },
        );
        if (pair.status === 'completed') {
          answer(
            'impact',
            person,
            by(template('impact'), (q, i) => (q.kind === 'scale5' || q.kind === 'scale10' ? scale(q, [4, 4, 3, 4, 4][i % 5]! + (mentor ? 1 : 0)) : null)),
            { pairId: pair.id, phase: 'after' },
          );
        }
      }
    });
    for (const m of mentees.slice(answering.length)) {
      // The token is not kept anywhere (only its hash): the curator issues a new link to send it.
      const token = `demo.${randomBytes(32).toString('base64url')}`;
      rows.push(
        Object.assign(new QuestionnaireLink(), {
          tokenHash: hashToken(token),
          programmeId: programme.id,
          organizationId: programme.organizationId,
          templateId: template('mentee').id,
          kind: 'mentee',
          participantId: m.id,
          expiresAt: new Date(now.getTime() + 14 * 86_400_000),
          createdByName: curator,
          createdAt: now,
        }),
      );
    }
    await em.transactional(async (tx) => {
      for (const row of rows) tx.persist(row);
      await tx.flush();
    });
  }

  for (const pair of pairs) {
    const mentor = people.find((p) => p.id === pair.mentorId);
    const story = demo.pairs.find((d) => demo.people.find((x) => x.key === d.mentor)?.lastName === mentor?.lastName)?.practice;
    if (!story || pair.status !== 'completed' || (await em.count(BestPractice, { pairId: pair.id }))) continue;
    const participantIds = [pair.mentorId, ...pair.menteeIds];
    const publishable = (await consentGaps(em, participantIds, today)).length === 0;
    const practice = Object.assign(new BestPractice(), {
      programmeId: programme.id,
      organizationId: programme.organizationId,
      pairId: pair.id,
      participantIds,
      form: pair.form,
      kind: pair.kind,
      ...story,
      showNames: false,
      status: publishable ? 'published' : 'ready',
      publishedAt: publishable ? now : null,
      publishedByName: publishable ? curator : null,
      createdByName: curator,
      createdAt: now,
      updatedAt: now,
    });
    em.persist(practice);
    await em.flush();
  }
}
