import { createDistrict, createOrganization, groups } from './factories.js';
import type { TestApp } from './harness.js';
import { ok, roadmapWorld, type RoadmapWorld } from './roadmaps.js';

/**
 * Two pairs of one programme of school 1 (the roadmap world's): a teacher mentoring a minor pupil
 * (logins gimnaziya.mentor and gimnaziya.mentee), and another pair whose mentee borrows the login
 * licey21.director; each with a two-task plan. Tokens of members, outsiders of school 2 and of
 * another district with the same logins.
 */
export interface OwnPairWorld {
  w: RoadmapWorld;
  ids: { programme: string; mentor: string; mentee: string; pair: string; otherPair: string; task: string; otherTask: string };
  tokens: Record<string, string>;
}

const consent = { givenBy: 'self', textVersion: 'Согласие v1', signedOn: '2026-09-05' };
const forMinor = {
  givenBy: 'representative',
  representativeName: 'Сергеева Ольга Николаевна',
  representativeRelation: 'mother',
  representativeDocument: 'Паспорт 80 11 903457',
  textVersion: 'Согласие v1',
  signedOn: '2026-09-05',
};

export async function ownPairWorld(app: TestApp): Promise<OwnPairWorld> {
  const w = await roadmapWorld(app);
  const school1 = [groups.organization(w.region, w.district, w.school1)];
  const school2 = [groups.organization(w.region, w.district, w.school2)];
  const elsewhere = await createDistrict(app.orm, w.region, { name: 'ГО г. Другой' });
  const elsewhereSchool = await createOrganization(app.orm, elsewhere, { shortName: 'МОБУ «СОШ № 1»' });
  const elsewhereGroups = [groups.organization(w.region, elsewhere, elsewhereSchool)];
  const tokens: Record<string, string> = {
    ...w.tokens,
    mentor: await app.tokenFor('mentor', school1, 'gimnaziya.mentor'),
    mentee: await app.tokenFor('mentee', school1, 'gimnaziya.mentee'),
    // The test realm has the demo logins only: other people borrow them (a login is only a name here).
    otherMentee: await app.tokenFor('mentee', school1, 'licey21.director'),
    school2Mentee: await app.tokenFor('mentee', school2, 'sh25.director'),
    // The same login in another district: its schema has no such person, so no pair of this one.
    elsewhereMentee: await app.tokenFor('mentee', elsewhereGroups, 'gimnaziya.mentee'),
    elsewhereCurator: await app.tokenFor('school-curator', elsewhereGroups, 'kursk.officer'),
  };
  const curator = tokens.curator1!;
  const { createProgramme } = await ok<{ createProgramme: { id: string } }>(
    app,
    `mutation($input: ProgrammeInput!) { createProgramme(input: $input) { id } }`,
    curator,
    {
      input: {
        name: 'Своя пара',
        forms: ['teacher-pupil'],
        kinds: ['traditional'],
        targetGroups: ['6 классы'],
        periodStart: '2026-09-01',
        periodEnd: '2027-05-31',
      },
    },
  );
  const create = async (input: Record<string, unknown>) =>
    (
      await ok<{ createParticipant: { id: string } }>(app, `mutation($input: CreateParticipantInput!) { createParticipant(input: $input) { id } }`, curator, {
        input: { programmeId: createProgramme.id, ...input },
      })
    ).createParticipant.id;
  const mentor = await create({
    role: 'MENTOR',
    category: 'teacher',
    username: 'gimnaziya.mentor',
    lastName: 'Байгускарова',
    firstName: 'Зульфия',
    classOrPosition: 'учитель русского языка',
    email: 'zulfiya@example.ru',
    phone: '+7 917 111-22-33',
    consents: [consent],
  });
  const mentee = await create({
    role: 'MENTEE',
    category: 'pupil',
    username: 'gimnaziya.mentee',
    lastName: 'Сергеев',
    firstName: 'Максим',
    birthDate: '2014-07-19',
    classOrPosition: '6 «Б»',
    email: 'maxim@example.ru',
    phone: '+7 917 444-55-66',
    consents: [forMinor],
  });
  const otherMentor = await create({ role: 'MENTOR', category: 'teacher', lastName: 'Другая', firstName: 'Анна', consents: [consent] });
  const otherMentee = await create({
    role: 'MENTEE',
    category: 'pupil',
    username: 'licey21.director',
    lastName: 'Кузнецова',
    firstName: 'Дарья',
    birthDate: '2015-05-02',
    consents: [{ ...forMinor, representativeName: 'Кузнецов Андрей' }],
  });
  const { confirmPairs } = await ok<{ confirmPairs: Array<{ id: string }> }>(
    app,
    `mutation($p: ID!, $pairs: [ConfirmPairInput!]!) { confirmPairs(programmeId: $p, pairs: $pairs) { id } }`,
    curator,
    {
      p: createProgramme.id,
      pairs: [
        { mentorId: mentor, menteeIds: [mentee], startDate: '2026-09-15', endDate: '2027-05-31' },
        { mentorId: otherMentor, menteeIds: [otherMentee], startDate: '2026-09-15', endDate: '2027-05-31' },
      ],
    },
  );
  const plan = async (pairId: string) =>
    (
      await ok<{ setPairPlan: { tasks: Array<{ id: string }> } }>(
        app,
        `mutation($pairId: ID!, $tasks: [PlanTaskInput!]!) { setPairPlan(pairId: $pairId, tasks: $tasks) { tasks { id } } }`,
        curator,
        {
          pairId,
          tasks: [
            { title: 'Входной диктант', deadline: '2026-10-30' },
            { title: 'Читательский дневник', deadline: '2026-12-20' },
          ],
        },
      )
    ).setPairPlan.tasks;
  const [task] = await plan(confirmPairs[0]!.id);
  const [otherTask] = await plan(confirmPairs[1]!.id);
  const ids = {
    programme: createProgramme.id,
    mentor,
    mentee,
    pair: confirmPairs[0]!.id,
    otherPair: confirmPairs[1]!.id,
    task: task!.id,
    otherTask: otherTask!.id,
  };
  return { w, ids, tokens };
}
