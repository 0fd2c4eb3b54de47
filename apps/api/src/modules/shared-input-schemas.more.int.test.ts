import {
  bestPracticeInputSchema,
  checkInput,
  declineReasonSchema,
  PARTNER_APPLICATION_CONSENT_RU,
  questionnaireTemplateInputSchema,
  rejectionReasonSchema,
  swotInputSchema,
} from '@nastavnik/domain';
import type { ZodType } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/harness.js';
import { apiFieldIssues, expectSameMessages } from '../test/shared-inputs.js';
import { ok, roadmapWorld, type RoadmapWorld } from '../test/roadmaps.js';

/**
 * One validation per input (issue 15), the forms of monitoring, practices, questionnaires and
 * partners' decisions: the admin checks a form with the domain's schema before sending; the API,
 * given the same input over real HTTP, must answer with exactly the same messages for the same
 * fields — all of them at once, in BAD_USER_INPUT's `fields`.
 */
let app: TestApp;
let w: RoadmapWorld;
const TODAY = '2025-10-15';

beforeAll(async () => {
  app = await startTestApp({}, { today: TODAY });
  w = await roadmapWorld(app);
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

/** The same input through the shared schema (what the admin shows) and through the API (`variables` carry it). */
const same = (schema: ZodType, input: Record<string, unknown>, mutation: string, token: string, variables: Record<string, unknown>) =>
  expectSameMessages(app, { schema, input, mutation, token, variables });
const apiIssues = (mutation: string, token: string, variables: Record<string, unknown>) => apiFieldIssues(app, mutation, token, variables);

const SAVE_SWOT = `mutation($input: SaveSwotFormInput!) { saveSwotForm(input: $input) { id strengths formDate } }`;
const CREATE_PRACTICE = `mutation($input: BestPracticeInput!) { createBestPractice(input: $input) { id title } }`;
const UPDATE_PRACTICE = `mutation($id: ID!, $input: BestPracticeInput!) { updateBestPractice(id: $id, input: $input) { id title } }`;
const TEMPLATES = `query($id: ID!) { questionnaireTemplates(programmeId: $id) { id kind title intro questions { id kind text required options } } }`;
const UPDATE_TEMPLATE = `mutation($id: ID!, $input: QuestionnaireTemplateInput!) { updateQuestionnaireTemplate(id: $id, input: $input) { id title } }`;
const REJECT = `mutation($id: ID!, $reason: String!) { rejectPartnerApplication(id: $id, reason: $reason) { id status rejectReason } }`;
const APPROVE = `mutation($id: ID!) { approvePartnerApplication(id: $id) { username temporaryPassword } }`;
const PROPOSE = `mutation($input: PartnerAgreementInput!) { proposePartnerAgreement(input: $input) { id } }`;
const DECIDE = `mutation($id: ID!, $accept: Boolean!, $reason: String) { decidePartnerAgreement(id: $id, accept: $accept, reason: $reason) { id decision } }`;

const lines = (count: number, length: number) => Array.from({ length: count }, (_, i) => `${i}`.padEnd(length, 'п'));

describe('a SWOT form: the admin’s check and the API say the same', () => {
  const swot = (extra: Record<string, unknown> = {}) => ({
    academicYear: '2025/2026',
    formDate: '2025-10-01',
    strengths: ['Опытные наставники'],
    weaknesses: [],
    opportunities: [],
    threats: [],
    ...extra,
  });

  it.each([
    ['everything empty', { academicYear: ' ', formDate: '', strengths: [], weaknesses: [], opportunities: [], threats: [] }],
    [
      'a year and a date in other formats, too many points, long lines in two lists',
      swot({
        academicYear: '2025',
        formDate: '01.10.2025',
        strengths: lines(51, 10),
        weaknesses: ['', 'x'.repeat(1001), 'ок', 'y'.repeat(1001)],
        threats: ['z'.repeat(1001)],
      }),
    ],
    ['one line over the limit', swot({ opportunities: ['  ', 'x'.repeat(1001)] })],
    ['a date that is no date', swot({ formDate: '2025-02-30' })],
  ])('%s', async (_case, input) => {
    await same(swotInputSchema, input, SAVE_SWOT, w.tokens.curator1, { input: { ...input, organizationId: w.school1.id } });
  });

  it('the limits themselves pass both: 50 points of 1000 characters', async () => {
    const input = swot({ strengths: lines(50, 1000), formDate: null });
    expect(checkInput(swotInputSchema, input).ok).toBe(true);
    const { saveSwotForm } = await ok<{ saveSwotForm: any }>(app, SAVE_SWOT, w.tokens.curator1, { input: { ...input, organizationId: w.school1.id } });
    expect(saveSwotForm).toMatchObject({ formDate: TODAY, strengths: lines(50, 1000) });
  });
});

/** A programme of the first school with a mentor, a mentee and their pair (completed when asked). */
async function programmeWithPair(name: string, completed: boolean) {
  const { createProgramme } = await ok<{ createProgramme: any }>(
    app,
    `mutation($input: ProgrammeInput!) { createProgramme(input: $input) { id } }`,
    w.tokens.curator1,
    { input: { name, forms: ['teacher-pupil'], periodStart: '2025-09-01', periodEnd: '2026-08-31' } },
  );
  const programmeId = createProgramme.id as string;
  const participant = async (input: Record<string, unknown>) =>
    (
      await ok<{ createParticipant: any }>(app, `mutation($input: CreateParticipantInput!) { createParticipant(input: $input) { id } }`, w.tokens.curator1, {
        input,
      })
    ).createParticipant.id as string;
  const mentee = await participant({
    programmeId,
    role: 'MENTEE',
    lastName: 'Иванова',
    firstName: 'Мария',
    category: 'pupil',
    birthDate: '2012-03-01',
    classOrPosition: '7 «Б»',
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
  const mentor = await participant({
    programmeId,
    role: 'MENTOR',
    lastName: 'Сидоров',
    firstName: 'Пётр',
    category: 'teacher',
    classOrPosition: 'учитель математики',
    consents: [{ givenBy: 'self', textVersion: 'v1', signedOn: '2025-09-05' }],
  });
  const { confirmPairs } = await ok<{ confirmPairs: any[] }>(
    app,
    `mutation($p: ID!, $pairs: [ConfirmPairInput!]!) { confirmPairs(programmeId: $p, pairs: $pairs) { id } }`,
    w.tokens.curator1,
    { p: programmeId, pairs: [{ mentorId: mentor, menteeIds: [mentee], startDate: '2025-10-01', endDate: '2026-05-31' }] },
  );
  const pairId = confirmPairs[0].id as string;
  if (completed)
    await ok(app, `mutation($input: CompletePairInput!) { completePair(input: $input) { status } }`, w.tokens.curator1, {
      input: { pairId, reason: 'plan-done', on: TODAY },
    });
  return { programmeId, pairId };
}

describe('a best-practice case: the admin’s check and the API say the same', () => {
  let pairId: string;
  let activePairId: string;
  beforeAll(async () => {
    ({ pairId } = await programmeWithPair('Практики: проверка', true));
    ({ pairId: activePairId } = await programmeWithPair('Практики: пара не завершена', false));
  }, 60_000);

  const texts = {
    title: 'Олимпиада по математике: от «тройки» до призёра',
    summary: 'Пара занималась еженедельно по индивидуальному плану.',
    results: 'Призовое место на муниципальном этапе олимпиады.',
  };

  it.each([
    ['everything empty', { title: ' ', summary: '\n', results: '' }],
    ['texts over the limits', { title: 'Т'.repeat(301), summary: 'о'.repeat(10_001), results: 'р'.repeat(10_001) }],
    ['a title over the limit only', { ...texts, title: 'Т'.repeat(301) }],
  ])('a new case: %s', async (_case, input) => {
    await same(bestPracticeInputSchema, input, CREATE_PRACTICE, w.tokens.curator1, { input: { ...input, pairId } });
  });

  it('a pair not yet completed is named first, with every text problem after it', async () => {
    const input = { title: ' ', summary: texts.summary, results: '' };
    const shared = checkInput(bestPracticeInputSchema, input).issues;
    expect(await apiIssues(CREATE_PRACTICE, w.tokens.curator1, { input: { ...input, pairId: activePairId } })).toEqual([
      { field: 'pairId', message: 'Кейс описывается по завершённой паре/группе: сначала завершите её' },
      ...shared,
    ]);
  });

  it('the limits themselves pass both; an edit is checked the same way', async () => {
    const input = { title: 'Т'.repeat(300), summary: 'о'.repeat(10_000), results: 'р'.repeat(10_000), showNames: false };
    expect(checkInput(bestPracticeInputSchema, input).ok).toBe(true);
    const { createBestPractice } = await ok<{ createBestPractice: any }>(app, CREATE_PRACTICE, w.tokens.curator1, { input: { ...input, pairId } });
    expect(createBestPractice.title).toBe(input.title);
    const empty = { title: '', summary: ' ', results: texts.results };
    await same(bestPracticeInputSchema, empty, UPDATE_PRACTICE, w.tokens.curator1, { id: createBestPractice.id, input: empty });
    await ok(app, UPDATE_PRACTICE, w.tokens.curator1, { id: createBestPractice.id, input: texts });
  });
});

describe('a questionnaire template: the admin’s check and the API say the same', () => {
  let template: { id: string; title: string; intro: string; questions: Array<Record<string, unknown>> };
  beforeAll(async () => {
    const { programmeId } = await programmeWithPair('Анкеты: проверка', false);
    const { questionnaireTemplates } = await ok<{ questionnaireTemplates: any[] }>(app, TEMPLATES, w.tokens.curator1, { id: programmeId });
    template = questionnaireTemplates.find((t) => t.kind === 'preferences');
  }, 60_000);

  it.each([
    ['everything empty', { title: ' ', intro: '', questions: [] }],
    [
      'every kind of question problem, the title and the intro over their limits',
      {
        title: 'А'.repeat(301),
        intro: 'В'.repeat(2001),
        questions: [
          { kind: 'single', text: ' ', options: ['Да'] },
          { kind: 'secret', text: 'Как дела?' },
          { kind: 'scale5', text: 'Т'.repeat(501), options: ['лишний'] },
          { kind: 'multiple', text: 'Выбор', options: ['а', 'А', 'б'.repeat(201)] },
          { kind: 'single', text: 'Много вариантов', options: lines(21, 3) },
        ],
      },
    ],
    ['too many questions', { title: 'Анкета', questions: Array.from({ length: 61 }, () => ({ kind: 'text', text: 'Вопрос' })) }],
  ])('%s', async (_case, input) => {
    await same(questionnaireTemplateInputSchema, input, UPDATE_TEMPLATE, w.tokens.curator1, { id: template.id, input });
  });

  it('a template at the limits passes both', async () => {
    const input = {
      title: 'А'.repeat(300),
      intro: 'В'.repeat(2000),
      questions: [
        ...template.questions,
        { kind: 'multiple', text: 'Т'.repeat(500), options: lines(20, 200) },
        ...Array.from({ length: 60 - template.questions.length - 1 }, (_, i) => ({ kind: 'text', text: `Вопрос ${i + 1}` })),
      ],
    };
    expect(checkInput(questionnaireTemplateInputSchema, input).ok).toBe(true);
    const { updateQuestionnaireTemplate } = await ok<{ updateQuestionnaireTemplate: any }>(app, UPDATE_TEMPLATE, w.tokens.curator1, { id: template.id, input });
    expect(updateQuestionnaireTemplate).toMatchObject({ id: template.id, title: input.title });
  });
});

describe('the reasons of a refusal: the admin’s check and the API say the same', () => {
  /** Numbers with valid check digits of our own. */
  const innOf = (nine: string) => `${nine}${([2, 4, 10, 3, 5, 9, 4, 6, 8].reduce((acc, k, i) => acc + k * Number(nine[i]), 0) % 11) % 10}`;
  const ogrnOf = (twelve: string) => `${twelve}${(BigInt(twelve) % 11n) % 10n}`;

  async function apply(n: string): Promise<string> {
    const response = await fetch(`${app.api.url}/partners/apply`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: `ООО «Проверка ${n}»`,
        kind: 'enterprise',
        inn: innOf(`0274555${n}`),
        ogrn: ogrnOf(`10202000${n}55`),
        address: 'г. Тестовск, ул. Ленина, д. 1',
        regionId: w.region.id,
        districtId: w.district.id,
        contactName: 'Петрова Мария Ивановна',
        contactPosition: 'Директор по персоналу',
        contactEmail: `check${n}@example.ru`,
        contactPhone: '+7 912 000-00-00',
        consent: true,
        consentTextVersion: PARTNER_APPLICATION_CONSENT_RU.version,
      }),
    });
    const body = (await response.json()) as any;
    expect(response.status, JSON.stringify(body)).toBe(201);
    return body.id as string;
  }

  it.each([
    ['everything empty', ' \n '],
    ['a reason over the limit', 'п'.repeat(2001)],
  ])('rejecting an application: %s', async (_case, reason) => {
    const id = await apply(_case === 'everything empty' ? '01' : '02');
    await same(rejectionReasonSchema, { reason }, REJECT, w.tokens.officer, { id, reason });
  });

  it('a reason at the limit rejects the application', async () => {
    const id = await apply('03');
    const reason = ` ${'п'.repeat(2000)} `;
    expect(checkInput(rejectionReasonSchema, { reason }).ok).toBe(true);
    const { rejectPartnerApplication } = await ok<{ rejectPartnerApplication: any }>(app, REJECT, w.tokens.officer, { id, reason });
    expect(rejectPartnerApplication).toMatchObject({ status: 'rejected', rejectReason: 'п'.repeat(2000) });
  });

  it('declining an agreement: no reason, an empty one, one over the limit; one at the limit declines it', async () => {
    const approved = (await ok<{ approvePartnerApplication: any }>(app, APPROVE, w.tokens.officer, { id: await apply('04') })).approvePartnerApplication;
    const partner = (await app.idp.passwordGrant(approved.username, approved.temporaryPassword)).access_token;
    const { proposePartnerAgreement } = await ok<{ proposePartnerAgreement: any }>(app, PROPOSE, partner, {
      input: {
        level: 'school',
        organizationId: w.school1.id,
        subject: 'Наставничество сотрудников над школьниками',
        periodStart: '2025-10-10',
        periodEnd: '2026-05-31',
      },
    });
    const id = proposePartnerAgreement.id as string;
    for (const reason of [null, '  ', 'о'.repeat(2001)]) await same(declineReasonSchema, { reason }, DECIDE, w.tokens.director1, { id, accept: false, reason });
    const reason = 'о'.repeat(2000);
    expect(checkInput(declineReasonSchema, { reason }).ok).toBe(true);
    expect((await ok<{ decidePartnerAgreement: any }>(app, DECIDE, w.tokens.director1, { id, accept: false, reason })).decidePartnerAgreement.decision).toBe(
      'declined',
    );
  });
});
