import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDistrict, createOrganization, groups } from '../../test/factories.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { fails, ok, roadmapWorld, type RoadmapWorld } from '../../test/roadmaps.js';
import { listPublishedPractices } from './practice.service.js';

/**
 * Best-practice cases over real HTTP: written from a completed pair, draft → ready → published only
 * with every participant's consent to publication, no personal data unless names are shown, taken
 * down on withdrawal; other schools, districts and partners see nothing.
 */
let app: TestApp;
let w: RoadmapWorld;
const TODAY = '2025-10-15';

beforeAll(async () => {
  app = await startTestApp({}, { today: TODAY });
  w = await roadmapWorld(app);
});

afterAll(async () => {
  await app?.stop();
});

const FIELDS = `id status statusLabel title summary results showNames formLabel kindLabel publishedAt unpublishedReason publicParticipants consentGaps { participantId name message }`;
const CREATE = `mutation($input: BestPracticeInput!) { createBestPractice(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: BestPracticeInput!) { updateBestPractice(id: $id, input: $input) { ${FIELDS} } }`;
const STATUS = `mutation($id: ID!, $action: String!) { changeBestPracticeStatus(id: $id, action: $action) { ${FIELDS} } }`;
const ONE = `query($id: ID!) { bestPractice(id: $id) { ${FIELDS} } }`;
const CONSENT = `mutation($id: ID!, $input: ConsentInput!) { addConsent(participantId: $id, input: $input) { id } }`;

async function create(input: Record<string, unknown>) {
  return (
    await ok<{ createParticipant: any }>(app, `mutation($input: CreateParticipantInput!) { createParticipant(input: $input) { id } }`, w.tokens.curator1, {
      input,
    })
  ).createParticipant.id as string;
}

async function completedPair(name: string) {
  const { createProgramme } = await ok<{ createProgramme: any }>(
    app,
    `mutation($input: ProgrammeInput!) { createProgramme(input: $input) { id } }`,
    w.tokens.curator1,
    {
      input: { name, forms: ['teacher-pupil'], periodStart: '2025-09-01', periodEnd: '2026-08-31' },
    },
  );
  const programmeId = createProgramme.id;
  const masha = await create({
    programmeId,
    role: 'MENTEE',
    lastName: 'Иванова',
    firstName: 'Мария',
    category: 'pupil',
    birthDate: '2012-03-01',
    classOrPosition: '7 «Б»',
    tags: ['математика'],
    text: 'Олимпиады',
    consents: [
      {
        givenBy: 'representative',
        representativeName: 'Иванова Елена Петровна',
        representativeRelation: 'mother',
        representativeDocument: 'Св-во',
        textVersion: 'v1',
        signedOn: '2025-09-05',
      },
    ],
  });
  const teacher = await create({
    programmeId,
    role: 'MENTOR',
    lastName: 'Сидоров',
    firstName: 'Пётр',
    category: 'teacher',
    classOrPosition: 'учитель математики',
    tags: ['математика'],
    text: 'Олимпиады',
    consents: [{ givenBy: 'self', textVersion: 'v1', signedOn: '2025-09-05' }],
  });
  const { confirmPairs } = await ok<{ confirmPairs: any[] }>(
    app,
    `mutation($p: ID!, $pairs: [ConfirmPairInput!]!) { confirmPairs(programmeId: $p, pairs: $pairs) { id } }`,
    w.tokens.curator1,
    {
      p: programmeId,
      pairs: [{ mentorId: teacher, menteeIds: [masha], startDate: '2025-10-01', endDate: '2026-05-31' }],
    },
  );
  const pairId = confirmPairs[0].id as string;
  return { programmeId, masha, teacher, pairId };
}

const complete = (pairId: string) =>
  ok(app, `mutation($input: CompletePairInput!) { completePair(input: $input) { status } }`, w.tokens.curator1, {
    input: { pairId, reason: 'plan-done', on: TODAY },
  });
const caseInput = (pairId: string, extra: Record<string, unknown> = {}) => ({
  pairId,
  title: 'Олимпиада по математике: от «тройки» до призёра',
  summary: 'Наставляемая испытывала трудности с дробями; пара занималась еженедельно по индивидуальному плану.',
  results: 'Призовое место на муниципальном этапе олимпиады, «4» за полугодие.',
  ...extra,
});
const published = async () => {
  const em = app.orm.em.fork({ schema: w.district.schemaName });
  return listPublishedPractices(em, w.school1.id, { limit: 100 }, TODAY);
};

describe('best-practice cases', () => {
  it('completed pair → draft → ready → publish only with everyone’s publication consent; public view without personal data; withdrawal takes it down', async () => {
    const p = await completedPair('Практики');
    const early = await fails(app, CREATE, w.tokens.curator1, { input: caseInput(p.pairId) });
    expect(early.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'pairId' });
    expect(early.message).toContain('завершённой');
    await complete(p.pairId);
    expect((await fails(app, CREATE, w.tokens.curator1, { input: caseInput(p.pairId, { title: ' ' }) })).extensions).toMatchObject({ field: 'title' });
    const { createBestPractice: draft } = await ok<{ createBestPractice: any }>(app, CREATE, w.tokens.curator1, { input: caseInput(p.pairId) });
    expect(draft).toMatchObject({ status: 'draft', statusLabel: 'черновик', formLabel: 'Учитель – ученик', kindLabel: expect.any(String), showNames: false });
    expect(draft.publicParticipants).toEqual(['Наставник — педагог', 'Наставляемый, 7 класс']);
    expect(draft.consentGaps.map((g: any) => g.participantId).sort()).toEqual([p.masha, p.teacher].sort());
    expect((await fails(app, CREATE, w.tokens.curator1, { input: caseInput(p.pairId) })).extensions?.code).toBe('CONFLICT');
    expect((await fails(app, STATUS, w.tokens.curator1, { id: draft.id, action: 'publish' })).extensions).toMatchObject({ code: 'CONFLICT' });
    await ok(app, STATUS, w.tokens.curator1, { id: draft.id, action: 'ready' });

    // Nobody has a consent to publication yet: the error names both.
    const refused = await fails(app, STATUS, w.tokens.curator1, { id: draft.id, action: 'publish' });
    expect(refused.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'consents' });
    expect(refused.message).toContain('наставника Сидоров Пётр');
    expect(refused.message).toContain('наставляемого Иванова Мария');
    expect(refused.message).toContain('согласия на публикацию');
    // The mentor consents; the minor's consent must come from a representative.
    await ok(app, CONSENT, w.tokens.curator1, {
      id: p.teacher,
      input: { givenBy: 'self', scopes: ['processing', 'publication'], textVersion: 'v2', signedOn: '2025-10-10' },
    });
    const stillRefused = await fails(app, STATUS, w.tokens.curator1, { id: draft.id, action: 'publish' });
    expect(stillRefused.message).not.toContain('Сидоров');
    expect(stillRefused.message).toContain('наставляемого Иванова Мария');
    await ok(app, CONSENT, w.tokens.curator1, {
      id: p.masha,
      input: {
        givenBy: 'representative',
        representativeName: 'Иванова Елена Петровна',
        representativeRelation: 'mother',
        representativeDocument: 'Св-во',
        scopes: ['processing', 'publication'],
        textVersion: 'v2',
        signedOn: '2025-10-10',
      },
    });
    const { changeBestPracticeStatus: live } = await ok<{ changeBestPracticeStatus: any }>(app, STATUS, w.tokens.curator1, { id: draft.id, action: 'publish' });
    expect(live).toMatchObject({ status: 'published', publishedAt: expect.any(String), consentGaps: [] });

    const page = await published();
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      title: caseInput('').title,
      programmeName: 'Практики',
      formLabel: 'Учитель – ученик',
      participants: ['Наставник — педагог', 'Наставляемый, 7 класс'],
      publishedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    expect(JSON.stringify(page)).not.toMatch(/Иванова|Сидоров|Мария/);

    // A published case is not edited; unpublish, show names, publish again.
    expect((await fails(app, UPDATE, w.tokens.curator1, { id: draft.id, input: caseInput(p.pairId, { showNames: true }) })).extensions?.code).toBe('CONFLICT');
    await ok(app, STATUS, w.tokens.curator1, { id: draft.id, action: 'unpublish' });
    expect((await published()).items).toEqual([]);
    await ok(app, UPDATE, w.tokens.curator1, { id: draft.id, input: caseInput(p.pairId, { showNames: true }) });
    await ok(app, STATUS, w.tokens.curator1, { id: draft.id, action: 'publish' });
    expect((await published()).items[0]!.participants).toEqual(['Сидоров Пётр, наставник, учитель математики', 'Иванова Мария, наставляемый, 7 «Б»']);

    // Withdrawal of the mentee's consent takes the case down.
    await ok(app, `mutation($id: ID!) { withdrawConsent(participantId: $id) { id } }`, w.tokens.curator1, { id: p.masha });
    const { bestPractice } = await ok<{ bestPractice: any }>(app, ONE, w.tokens.curator1, { id: draft.id });
    expect(bestPractice).toMatchObject({ status: 'ready', publishedAt: null, unpublishedReason: expect.stringContaining('отозвал согласие') });
    expect((await published()).items).toEqual([]);
    expect((await fails(app, STATUS, w.tokens.curator1, { id: draft.id, action: 'publish' })).message).toContain('обезличенными данными');
  });

  it('other schools, other districts and partners neither see nor change cases', async () => {
    const p = await completedPair('Практики: границы');
    await complete(p.pairId);
    const { createBestPractice: c } = await ok<{ createBestPractice: any }>(app, CREATE, w.tokens.curator1, { input: caseInput(p.pairId) });
    expect((await fails(app, ONE, w.tokens.curator2, { id: c.id })).extensions?.code).toBe('NOT_FOUND');
    expect((await fails(app, STATUS, w.tokens.curator2, { id: c.id, action: 'ready' })).extensions?.code).toBe('NOT_FOUND');
    expect((await fails(app, CREATE, w.tokens.curator2, { input: caseInput(p.pairId) })).extensions).toMatchObject({ field: 'pairId' });
    const { bestPractices } = await ok<{ bestPractices: any }>(app, `{ bestPractices(page: { limit: 100 }) { total items { id } } }`, w.tokens.curator2);
    expect(bestPractices.items.map((x: any) => x.id)).not.toContain(c.id);
    // The district reads, does not change.
    expect((await ok<{ bestPractice: any }>(app, ONE, w.tokens.officer, { id: c.id })).bestPractice.id).toBe(c.id);
    expect((await fails(app, STATUS, w.tokens.officer, { id: c.id, action: 'ready' })).extensions?.code).toBe('FORBIDDEN');
    const district2 = await createDistrict(app.orm, w.region);
    const school = await createOrganization(app.orm, district2);
    const foreign = await app.tokenFor('school-curator', [groups.organization(w.region, district2, school)], 'sh25.curator');
    expect((await fails(app, ONE, foreign, { id: c.id })).extensions?.code).toBe('NOT_FOUND');
    const otherEm = app.orm.em.fork({ schema: district2.schemaName });
    expect((await listPublishedPractices(otherEm, w.school1.id)).items).toEqual([]);
    const partner = await app.tokenFor('partner-admin', ['/partners/sibay-institute'], 'partner.admin');
    expect((await app.gql(ONE, { token: partner, variables: { id: c.id } })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
