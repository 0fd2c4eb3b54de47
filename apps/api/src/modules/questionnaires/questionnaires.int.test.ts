import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDistrict, createOrganization, groups } from '../../test/factories.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { fails, ok, roadmapWorld, type RoadmapWorld } from '../../test/roadmaps.js';

/**
 * Questionnaires over real HTTP: default templates, personal links and the public form (no account),
 * staff entry, the mentor's own form, aggregates equal to a hand computation, versioning on edit,
 * withdrawal, and the boundaries (another school, another district, a partner, a mentor).
 */
let app: TestApp;
let w: RoadmapWorld;
let mentorToken: string;

const TODAY = '2025-10-15';

beforeAll(async () => {
  app = await startTestApp({}, { today: TODAY });
  w = await roadmapWorld(app);
  mentorToken = await app.tokenFor('mentor', [groups.organization(w.region, w.district, w.school1)], 'sh25.curator');
});

afterAll(async () => {
  await app?.stop();
});

const sql = <T = any>(query: string, params: unknown[] = []) => app.orm.em.getConnection().execute<T[]>(query, params);

const representative = {
  givenBy: 'representative',
  representativeName: 'Иванова Елена Петровна',
  representativeRelation: 'mother',
  representativeDocument: 'Св-во II-АР № 1',
  textVersion: 'v1',
  signedOn: '2025-09-05',
};

async function create(input: Record<string, unknown>) {
  const { createParticipant } = await ok<{ createParticipant: any }>(
    app,
    `mutation($input: CreateParticipantInput!) { createParticipant(input: $input) { id } }`,
    w.tokens.curator1,
    { input },
  );
  return createParticipant.id as string;
}

const mentee = (programmeId: string, lastName: string, firstName: string) => ({
  programmeId,
  role: 'MENTEE',
  lastName,
  firstName,
  category: 'pupil',
  birthDate: '2012-03-01',
  classOrPosition: '7 «Б»',
  tags: ['математика'],
  text: 'Олимпиады',
  consents: [representative],
});

const TEMPLATES = `query($id: ID!) { questionnaireTemplates(programmeId: $id) { id kind kindLabel version isCurrent title questions { id kind text required options } } }`;
const ISSUE = `mutation($input: IssueQuestionnaireLinksInput!) { issueQuestionnaireLinks(input: $input) { linkId participantId participantName pairId phase path expiresAt } }`;
const SUBMIT = `mutation($input: SubmitQuestionnaireInput!) { submitQuestionnaireResponse(input: $input) { id kind phase source answeredBy participantId answers { questionId questionText number choices text } } }`;
const SUMMARY = `query($id: ID!, $kind: String!) { questionnaireSummary(programmeId: $id, kind: $kind) {
  invited answered responseRate
  questions { questionId text kind answers average distribution { value count } }
  satisfaction { mentorAverage menteeAverage mentorResponses menteeResponses }
  impact { questionId pairs beforeMean afterMean meanDelta }
} }`;
const STATUS = `query($id: ID!, $kind: String!) { questionnaireStatus(programmeId: $id, kind: $kind, page: { limit: 100 }) { total items { participantId displayName role entries { phase status submittedAt responseId } } } }`;

const form = (entries: Array<[string, string]>) => new URLSearchParams(entries).toString();
async function getForm(path: string) {
  const response = await fetch(`${app.api.url}${path}`);
  return { status: response.status, html: await response.text(), headers: response.headers };
}
async function postForm(path: string, body: string) {
  const response = await fetch(`${app.api.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
  return { status: response.status, html: await response.text() };
}
const scaleAnswers = (ids: string[], values: number[]) => ids.map((questionId, i) => ({ questionId, value: String(values[i]) }));

interface World {
  programmeId: string;
  masha: string;
  petya: string;
  olya: string;
  teacher: string;
  pairId: string;
  templates: Record<string, any>;
}

async function programmeWorld(name: string): Promise<World> {
  const { createProgramme } = await ok<{ createProgramme: any }>(
    app,
    `mutation($input: ProgrammeInput!) { createProgramme(input: $input) { id } }`,
    w.tokens.curator1,
    {
      input: { name, forms: ['teacher-pupil'], periodStart: '2025-09-01', periodEnd: '2026-08-31' },
    },
  );
  const programmeId = createProgramme.id;
  const masha = await create(mentee(programmeId, 'Иванова', 'Мария'));
  const petya = await create(mentee(programmeId, 'Петров', 'Пётр'));
  const olya = await create(mentee(programmeId, 'Орлова', 'Ольга'));
  const teacher = await create({
    programmeId,
    role: 'MENTOR',
    lastName: 'Сидоров',
    firstName: 'Пётр',
    category: 'teacher',
    classOrPosition: 'учитель математики',
    tags: ['математика'],
    text: 'Олимпиады',
    username: 'sh25.curator',
    consents: [{ givenBy: 'self', textVersion: 'v1', signedOn: '2025-09-05', scopes: ['processing', 'publication'] }],
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
  const { questionnaireTemplates } = await ok<{ questionnaireTemplates: any[] }>(app, TEMPLATES, w.tokens.curator1, { id: programmeId });
  return {
    programmeId,
    masha,
    petya,
    olya,
    teacher,
    pairId: confirmPairs[0].id,
    templates: Object.fromEntries(questionnaireTemplates.map((t) => [t.kind, t])),
  };
}

describe('questionnaires', () => {
  it('a programme starts with the five default Russian templates', async () => {
    const p = await programmeWorld('Анкеты: шаблоны');
    expect(Object.keys(p.templates)).toEqual(['mentee', 'mentor', 'preferences', 'satisfaction', 'impact']);
    expect(p.templates.mentee).toMatchObject({ kindLabel: 'Анкета наставляемого', version: 1, isCurrent: true });
    const kinds = new Set(Object.values(p.templates).flatMap((t: any) => t.questions.map((q: any) => q.kind)));
    expect([...kinds].sort()).toEqual(['multiple', 'scale10', 'scale5', 'single', 'text']);
    // Reading again creates nothing more.
    await ok(app, TEMPLATES, w.tokens.curator1, { id: p.programmeId });
    const [{ count }] = await sql(`select count(*)::int as count from "${w.district.schemaName}"."questionnaire_template" where programme_id = ?`, [
      p.programmeId,
    ]);
    expect(count).toBe(5);
  });

  it('link → public form → invalid answers kept beside the fields → valid → closed; staff entry; aggregates equal a hand computation', async () => {
    const p = await programmeWorld('Анкеты: поток');
    const { issueQuestionnaireLinks: links } = await ok<{ issueQuestionnaireLinks: any[] }>(app, ISSUE, w.tokens.curator1, {
      input: { programmeId: p.programmeId, kind: 'mentee', participantIds: [p.masha, p.petya, p.olya] },
    });
    expect(links).toHaveLength(3);
    const mashaLink = links.find((l) => l.participantId === p.masha);
    expect(mashaLink).toMatchObject({
      participantName: 'Иванова Мария',
      pairId: null,
      phase: null,
      path: expect.stringMatching(new RegExp(`^/public/surveys/${w.district.code}\\.[A-Za-z0-9_-]{43}$`)),
    });
    // Only the hash is stored.
    const stored = await sql(`select token_hash from "${w.district.schemaName}"."questionnaire_link" where id = ?`, [mashaLink.linkId]);
    expect(stored[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(mashaLink.path.split('.').pop());

    // The public form: Russian, addressed by first name, asks who fills it in (a minor), nothing about others.
    const opened = await getForm(mashaLink.path);
    expect(opened.status).toBe(200);
    expect(opened.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(opened.headers.get('cache-control')).toBe('no-store');
    expect(opened.headers.get('referrer-policy')).toBe('no-referrer');
    expect(opened.html).toContain('<html lang="ru">');
    expect(opened.html).toContain('name="viewport"');
    expect(opened.html).toContain('Здравствуйте, Мария!');
    expect(opened.html).toContain('Кто заполняет анкету?');
    expect(opened.html).not.toMatch(/Иванова|Петров|Орлова|Сидоров|<script/);

    // Invalid: required questions missing, a scale out of range; the entered values come back.
    const invalid = await postForm(
      mashaLink.path,
      form([
        ['q_mentee-confidence', '7'],
        ['q_mentee-areas', 'Математика'],
        ['q_mentee-expectations', 'Хочу <b>победить</b>'],
      ]),
    );
    expect(invalid.status).toBe(422);
    expect(invalid.html).toContain('Анкета не отправлена');
    expect(invalid.html).toContain('Ответьте на этот вопрос');
    expect(invalid.html).toContain('Выберите оценку от 1 до 5');
    expect(invalid.html).toContain('Укажите, кто заполняет анкету');
    expect(invalid.html).toMatch(/<input [^>]*checked=""[^>]*value="Математика"/);
    expect(invalid.html).toContain('Хочу &lt;b&gt;победить&lt;/b&gt;</textarea>');
    expect(invalid.html).toMatch(/<fieldset class="invalid">\s*<legend>1\. Что для вас сейчас важнее всего\?/);
    expect((await sql(`select count(*)::int as n from "${w.district.schemaName}"."questionnaire_response" where programme_id = ?`, [p.programmeId]))[0].n).toBe(
      0,
    );

    const valid = await postForm(
      mashaLink.path,
      form([
        ['answered_by', 'representative'],
        ['q_mentee-goal', 'Подготовиться к олимпиаде или конкурсу'],
        ['q_mentee-areas', 'Математика'],
        ['q_mentee-areas', 'Информатика и робототехника'],
        ['q_mentee-confidence', '4'],
        ['q_mentee-format', 'Очно в школе'],
        ['q_mentee-expectations', 'Хочу победить на олимпиаде'],
      ]),
    );
    expect(valid.status).toBe(200);
    expect(valid.html).toContain('Спасибо! Ответы отправлены');
    // Single submission: the link is closed.
    const again = await getForm(mashaLink.path);
    expect(again.status).toBe(410);
    expect(again.html).toContain('Анкета уже заполнена');
    expect((await postForm(mashaLink.path, form([['q_mentee-confidence', '1']]))).status).toBe(410);

    // Staff enter Petya's paper form; his open link is closed by it.
    const bad = await fails(app, SUBMIT, w.tokens.curator1, {
      input: { templateId: p.templates.mentee.id, participantId: p.petya, answers: [{ questionId: 'mentee-confidence', value: '2' }] },
    });
    expect(bad.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'answers.mentee-goal' });
    expect(bad.message).toBe('Вопрос 1: Ответьте на этот вопрос');
    const { submitQuestionnaireResponse: petyaResponse } = await ok<{ submitQuestionnaireResponse: any }>(app, SUBMIT, w.tokens.curator1, {
      input: {
        templateId: p.templates.mentee.id,
        participantId: p.petya,
        answers: [
          { questionId: 'mentee-goal', value: 'Повысить успеваемость по предметам' },
          { questionId: 'mentee-areas', values: ['Математика', 'Спорт'] },
          { questionId: 'mentee-confidence', value: '2' },
          { questionId: 'mentee-format', value: 'Смешанный' },
        ],
      },
    });
    expect(petyaResponse).toMatchObject({ kind: 'mentee', source: 'staff', answeredBy: 'staff', participantId: p.petya });
    const petyaLink = links.find((l) => l.participantId === p.petya);
    expect((await getForm(petyaLink.path)).status).toBe(410);

    // Who answered.
    const { questionnaireStatus } = await ok<{ questionnaireStatus: any }>(app, STATUS, w.tokens.curator1, { id: p.programmeId, kind: 'mentee' });
    const byName = Object.fromEntries(questionnaireStatus.items.map((r: any) => [r.displayName, r.entries[0].status]));
    expect(byName).toEqual({ 'Иванова Мария': 'answered', 'Орлова Ольга': 'pending', 'Петров Пётр': 'answered' });

    // Aggregates by hand: invited = 2 links still counted (Masha's used, Olya's open) + 1 answer entered without a link = 3; answered 2.
    const { questionnaireSummary: s } = await ok<{ questionnaireSummary: any }>(app, SUMMARY, w.tokens.curator1, { id: p.programmeId, kind: 'mentee' });
    expect(s).toMatchObject({ invited: 3, answered: 2, responseRate: 66.7, satisfaction: null, impact: [] });
    const q = (id: string) => s.questions.find((x: any) => x.questionId === id);
    expect(q('mentee-confidence')).toMatchObject({ answers: 2, average: 3 });
    expect(q('mentee-confidence').distribution).toEqual([1, 2, 3, 4, 5].map((v) => ({ value: String(v), count: v === 2 || v === 4 ? 1 : 0 })));
    expect(q('mentee-areas').distribution.filter((d: any) => d.count > 0)).toEqual([
      { value: 'Математика', count: 2 },
      { value: 'Информатика и робототехника', count: 1 },
      { value: 'Спорт', count: 1 },
    ]);
    expect(q('mentee-goal')).toMatchObject({ answers: 2, average: null });
    expect(q('mentee-expectations')).toMatchObject({ answers: 1, distribution: [] });
  });

  it('satisfaction of mentors and mentees, impact before vs after, the mentor’s own form', async () => {
    const p = await programmeWorld('Анкеты: итоги');
    const sat = p.templates.satisfaction.questions.filter((q: any) => q.kind === 'scale10').map((q: any) => q.id);
    const imp = p.templates.impact.questions.filter((q: any) => q.kind === 'scale5').map((q: any) => q.id);
    // Satisfaction and impact need a pair.
    const noPair = await fails(app, ISSUE, w.tokens.curator1, { input: { programmeId: p.programmeId, kind: 'satisfaction', participantIds: [p.petya] } });
    expect(noPair.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'participantIds[0]' });
    expect(noPair.message).toContain('Петров Пётр: нет наставнической пары');
    expect(
      (await fails(app, ISSUE, w.tokens.curator1, { input: { programmeId: p.programmeId, kind: 'impact', participantIds: [p.masha] } })).extensions,
    ).toMatchObject({ field: 'phase' });
    expect(
      (await fails(app, ISSUE, w.tokens.curator1, { input: { programmeId: p.programmeId, kind: 'mentor', participantIds: [p.masha] } })).message,
    ).toContain('для участников другой роли');

    const { issueQuestionnaireLinks: satLinks } = await ok<{ issueQuestionnaireLinks: any[] }>(app, ISSUE, w.tokens.curator1, {
      input: { programmeId: p.programmeId, kind: 'satisfaction', participantIds: [p.masha, p.teacher] },
    });
    expect(satLinks.every((l) => l.pairId === p.pairId)).toBe(true);
    // The mentor answers in their own account.
    const { myQuestionnaires } = await ok<{ myQuestionnaires: any[] }>(
      app,
      `{ myQuestionnaires { linkId kind title questions { id kind } expiresAt } }`,
      mentorToken,
    );
    expect(myQuestionnaires.map((m) => m.kind)).toEqual(['satisfaction']);
    const MINE = `mutation($linkId: ID!, $answers: [QuestionnaireAnswerInput!]!) { submitMyQuestionnaire(linkId: $linkId, answers: $answers) { id source } }`;
    const { submitMyQuestionnaire } = await ok<{ submitMyQuestionnaire: any }>(app, MINE, mentorToken, {
      linkId: myQuestionnaires[0].linkId,
      answers: scaleAnswers(sat, [8, 9, 7, 10]),
    });
    expect(submitMyQuestionnaire.source).toBe('account');
    expect((await ok<{ myQuestionnaires: any[] }>(app, `{ myQuestionnaires { linkId } }`, mentorToken)).myQuestionnaires).toEqual([]);
    // A mentor cannot answer someone else's form.
    const mashaSat = satLinks.find((l) => l.participantId === p.masha);
    expect((await fails(app, MINE, mentorToken, { linkId: mashaSat.linkId, answers: [] })).extensions?.code).toBe('NOT_FOUND');
    const mashaForm = form([['answered_by', 'participant'], ...sat.map((id: string, i: number): [string, string] => [`q_${id}`, String([10, 10, 9, 9][i])])]);
    expect((await postForm(mashaSat.path, mashaForm)).status).toBe(200);

    // Impact: Masha «before» entered by staff, «after» by link; the mentor both by staff.
    await ok(app, SUBMIT, w.tokens.curator1, {
      input: { templateId: p.templates.impact.id, participantId: p.masha, phase: 'before', answers: scaleAnswers(imp, [2, 3, 2, 3, 4]) },
    });
    await ok(app, SUBMIT, w.tokens.curator1, {
      input: { templateId: p.templates.impact.id, participantId: p.teacher, phase: 'before', answers: scaleAnswers(imp, [3, 3, 3, 3, 3]) },
    });
    await ok(app, SUBMIT, w.tokens.curator1, {
      input: { templateId: p.templates.impact.id, participantId: p.teacher, phase: 'after', answers: scaleAnswers(imp, [4, 4, 4, 4, 4]) },
    });
    const { issueQuestionnaireLinks: after } = await ok<{ issueQuestionnaireLinks: any[] }>(app, ISSUE, w.tokens.curator1, {
      input: { programmeId: p.programmeId, kind: 'impact', phase: 'after', participantIds: [p.masha] },
    });
    const afterForm = await getForm(after[0].path);
    expect(afterForm.html).toContain('после участия');
    expect(
      (
        await postForm(
          after[0].path,
          form([['answered_by', 'participant'], ...imp.map((id: string, i: number): [string, string] => [`q_${id}`, String([4, 4, 3, 5, 4][i])])]),
        )
      ).status,
    ).toBe(200);

    const { questionnaireSummary: s } = await ok<{ questionnaireSummary: any }>(app, SUMMARY, w.tokens.curator1, { id: p.programmeId, kind: 'satisfaction' });
    // Mentor: (8 + 9 + 7 + 10) / 4 = 8.5; mentee: (10 + 10 + 9 + 9) / 4 = 9.5.
    expect(s.satisfaction).toEqual({ mentorAverage: 8.5, menteeAverage: 9.5, mentorResponses: 1, menteeResponses: 1 });
    expect(s).toMatchObject({ invited: 2, answered: 2, responseRate: 100 });
    const { questionnaireSummary: i } = await ok<{ questionnaireSummary: any }>(app, SUMMARY, w.tokens.curator1, { id: p.programmeId, kind: 'impact' });
    // Per question: Masha 2→4, 3→4, 2→3, 3→5, 4→4; the mentor 3→4 everywhere.
    const expected = [
      [2, 4, 3, 4],
      [3, 4, 3, 4],
      [2, 3, 3, 4],
      [3, 5, 3, 4],
      [4, 4, 3, 4],
    ].map(([b1, a1, b2, a2], k) => ({
      questionId: imp[k],
      pairs: 2,
      beforeMean: (b1! + b2!) / 2,
      afterMean: (a1! + a2!) / 2,
      meanDelta: (a1! - b1! + (a2! - b2!)) / 2,
    }));
    expect(i.impact).toEqual(expected);
    // The status list shows both phases.
    const { questionnaireStatus } = await ok<{ questionnaireStatus: any }>(app, STATUS, w.tokens.curator1, { id: p.programmeId, kind: 'impact' });
    const masha = questionnaireStatus.items.find((r: any) => r.participantId === p.masha);
    expect(masha.entries.map((e: any) => [e.phase, e.status])).toEqual([
      ['before', 'answered'],
      ['after', 'answered'],
    ]);
  });

  it('editing a template with answers makes a new version; old answers keep their questions; bad templates are refused by field', async () => {
    const p = await programmeWorld('Анкеты: версии');
    const UPDATE = `mutation($id: ID!, $input: QuestionnaireTemplateInput!) { updateQuestionnaireTemplate(id: $id, input: $input) { id version isCurrent title questions { id kind text required options } } }`;
    const asInput = (t: any) => ({
      title: t.title,
      intro: 'Вступление',
      questions: t.questions.map((q: any) => ({ id: q.id, kind: q.kind, text: q.text, required: q.required, options: q.options })),
    });
    // Without answers: changed in place.
    const pref = asInput(p.templates.preferences);
    pref.questions = [...pref.questions].reverse();
    pref.questions[0].text = 'Что ещё важно?';
    const { updateQuestionnaireTemplate: inPlace } = await ok<{ updateQuestionnaireTemplate: any }>(app, UPDATE, w.tokens.curator1, {
      id: p.templates.preferences.id,
      input: pref,
    });
    expect(inPlace).toMatchObject({ id: p.templates.preferences.id, version: 1 });
    expect(inPlace.questions[0]).toMatchObject({ id: 'pref-not', text: 'Что ещё важно?' });
    const oneOption = await fails(app, UPDATE, w.tokens.curator1, {
      id: p.templates.preferences.id,
      input: { title: 'Предпочтения', questions: [{ kind: 'single', text: 'Выбор', options: ['Да'] }] },
    });
    expect(oneOption.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'questions[0].options' });
    expect(oneOption.message).toBe('Вопрос 1: укажите не меньше двух вариантов ответа');
    expect((await fails(app, UPDATE, w.tokens.curator1, { id: p.templates.preferences.id, input: { title: ' ', questions: [] } })).extensions).toMatchObject({
      field: 'title',
    });

    // With answers: a new version.
    const { submitQuestionnaireResponse: answered } = await ok<{ submitQuestionnaireResponse: any }>(app, SUBMIT, w.tokens.curator1, {
      input: {
        templateId: p.templates.mentor.id,
        participantId: p.teacher,
        answeredBy: 'participant',
        answers: [
          { questionId: 'mentor-areas', values: ['Учебные предметы'] },
          { questionId: 'mentor-time', value: '1–2 часа' },
          { questionId: 'mentor-experience', value: 'Нет' },
          { questionId: 'mentor-readiness', value: '5' },
        ],
      },
    });
    const mentorInput = asInput(p.templates.mentor);
    mentorInput.questions[1].options = ['Меньше часа', 'Больше часа'];
    mentorInput.questions[3].text = 'Готовы ли вы работать с отстающими?';
    mentorInput.questions.push({ kind: 'scale10', text: 'Новый вопрос', required: false });
    const { updateQuestionnaireTemplate: v2 } = await ok<{ updateQuestionnaireTemplate: any }>(app, UPDATE, w.tokens.curator1, {
      id: p.templates.mentor.id,
      input: mentorInput,
    });
    expect(v2).toMatchObject({ version: 2, isCurrent: true });
    expect(v2.id).not.toBe(p.templates.mentor.id);
    expect(v2.questions[0].id).toBe('mentor-areas');
    expect(v2.questions[1].id).not.toBe('mentor-time');
    expect(v2.questions[3].id).toBe('mentor-readiness');
    expect(v2.questions[5].id).toMatch(/^q-/);
    const { questionnaireTemplate: v1 } = await ok<{ questionnaireTemplate: any }>(
      app,
      `query($id: ID!) { questionnaireTemplate(id: $id) { version isCurrent questions { id text } } }`,
      w.tokens.curator1,
      { id: p.templates.mentor.id },
    );
    expect(v1).toMatchObject({ version: 1, isCurrent: false });
    expect((await fails(app, UPDATE, w.tokens.curator1, { id: p.templates.mentor.id, input: mentorInput })).extensions).toMatchObject({ code: 'CONFLICT' });
    const { questionnaireResponse } = await ok<{ questionnaireResponse: any }>(
      app,
      `query($id: ID!) { questionnaireResponse(id: $id) { templateVersion answers { questionId questionText choices number } } }`,
      w.tokens.curator1,
      { id: answered.id },
    );
    expect(questionnaireResponse.templateVersion).toBe(1);
    expect(questionnaireResponse.answers.find((a: any) => a.questionId === 'mentor-time')).toMatchObject({
      questionText: 'Сколько времени в неделю вы готовы уделять наставничеству?',
      choices: ['1–2 часа'],
    });
    expect(
      (await ok<{ questionnaireTemplates: any[] }>(app, TEMPLATES, w.tokens.curator1, { id: p.programmeId })).questionnaireTemplates.find(
        (t) => t.kind === 'mentor',
      ).version,
    ).toBe(2);
  });

  it('the public form escapes curator-entered text (title, intro, question, options) and the answers sent back', async () => {
    const p = await programmeWorld('Анкеты: экранирование');
    const hostile = '<script>alert(1)</script>" onmouseover="alert(2)';
    const escaped = '&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&quot;alert(2)';
    const t = p.templates.mentee;
    const questions = t.questions.map((q: any, i: number) => ({
      id: q.id,
      kind: q.kind,
      text: i === 0 ? `${hostile} вопрос` : q.text,
      required: q.required,
      options: q.kind === 'multiple' ? [hostile, ...q.options.slice(1)] : q.options,
    }));
    const { updateQuestionnaireTemplate: updated } = await ok<{ updateQuestionnaireTemplate: any }>(
      app,
      `mutation($id: ID!, $input: QuestionnaireTemplateInput!) { updateQuestionnaireTemplate(id: $id, input: $input) { id questions { id kind } } }`,
      w.tokens.curator1,
      { id: t.id, input: { title: `${hostile} анкета`, intro: `${hostile} вступление`, questions } },
    );
    // Changed options give the question a new id.
    const multiple = updated.questions.find((q: any) => q.kind === 'multiple');
    expect(multiple).toBeDefined();
    const { issueQuestionnaireLinks: links } = await ok<{ issueQuestionnaireLinks: any[] }>(app, ISSUE, w.tokens.curator1, {
      input: { programmeId: p.programmeId, kind: 'mentee', participantIds: [p.masha] },
    });
    const opened = await getForm(links[0].path);
    expect(opened.status).toBe(200);
    expect(opened.html).toContain(`<title>${escaped} анкета</title>`);
    expect(opened.html).toContain(`<h1>${escaped} анкета</h1>`);
    expect(opened.html).toContain(`<p>${escaped} вступление</p>`);
    expect(opened.html).toContain(`<legend>1. ${escaped} вопрос`);
    expect(opened.html).toContain(`value="${escaped}"`);
    expect(opened.html).toContain(`<span>${escaped}</span>`);
    // The chosen hostile option and a hostile free answer come back escaped beside the errors.
    const invalid = await postForm(
      links[0].path,
      form([
        [`q_${multiple.id}`, hostile],
        ['q_mentee-expectations', hostile],
      ]),
    );
    expect(invalid.status).toBe(422);
    expect(invalid.html).toMatch(new RegExp(`<input [^>]*checked=""[^>]*value="${escaped.replace(/[()]/g, '\\$&')}"`));
    expect(invalid.html).toContain(`${escaped}</textarea>`);
    for (const html of [opened.html, invalid.html]) {
      expect(html).not.toContain('<script');
      expect(html).not.toContain('" onmouseover="');
    }
  });

  it('expired, revoked, unknown and malformed links give a clear Russian page, not 500', async () => {
    const p = await programmeWorld('Анкеты: ссылки');
    const issue = async () =>
      (
        await ok<{ issueQuestionnaireLinks: any[] }>(app, ISSUE, w.tokens.curator1, {
          input: { programmeId: p.programmeId, kind: 'preferences', participantIds: [p.olya], validDays: 1 },
        })
      ).issueQuestionnaireLinks[0];
    const first = await issue();
    const second = await issue();
    const revoked = await getForm(first.path);
    expect(revoked.status).toBe(410);
    expect(revoked.html).toContain('Ссылка больше не действует');
    await sql(`update "${w.district.schemaName}"."questionnaire_link" set expires_at = now() - interval '1 minute' where id = ?`, [second.linkId]);
    const expired = await getForm(second.path);
    expect(expired.status).toBe(410);
    expect(expired.html).toContain('Срок действия ссылки истёк');
    expect((await postForm(second.path, form([['q_pref-meeting', '5']]))).status).toBe(410);
    for (const path of [
      '/public/surveys/unknown',
      `/public/surveys/${w.district.code}.${'A'.repeat(43)}`,
      `/public/surveys/nosuchdistrict.${'A'.repeat(43)}`,
      '/public/surveys/%E0%A4%A',
    ]) {
      const page = await getForm(path);
      expect(page.status, path).toBe(404);
      expect(page.html).toContain('Ссылка не найдена');
    }
    const tooLong = await postForm((await issue()).path, 'q_pref-who=' + 'я'.repeat(70_000));
    expect(tooLong.status).toBe(413);
    expect(
      await fails(app, ISSUE, w.tokens.curator1, { input: { programmeId: p.programmeId, kind: 'preferences', participantIds: [p.olya], validDays: 400 } }),
    ).toMatchObject({ extensions: { field: 'validDays' } });
  });

  it('withdrawal erases free-text answers and unlinks the numbers, which stay in the figures', async () => {
    const p = await programmeWorld('Анкеты: отзыв');
    const {
      issueQuestionnaireLinks: [link],
    } = await ok<{ issueQuestionnaireLinks: any[] }>(app, ISSUE, w.tokens.curator1, {
      input: { programmeId: p.programmeId, kind: 'mentee', participantIds: [p.masha] },
    });
    await postForm(
      link.path,
      form([
        ['answered_by', 'participant'],
        ['q_mentee-goal', 'Другое'],
        ['q_mentee-areas', 'Спорт'],
        ['q_mentee-confidence', '5'],
        ['q_mentee-format', 'Дистанционно'],
        ['q_mentee-expectations', 'Секрет Марии'],
      ]),
    );
    await ok(app, ISSUE, w.tokens.curator1, { input: { programmeId: p.programmeId, kind: 'preferences', participantIds: [p.masha] } });
    await ok(app, `mutation($id: ID!) { withdrawConsent(participantId: $id) { id } }`, w.tokens.curator1, { id: p.masha });
    const s = w.district.schemaName;
    const responses = await sql(`select * from "${s}"."questionnaire_response" where programme_id = ?`, [p.programmeId]);
    expect(responses).toHaveLength(1);
    expect(responses[0].participant_id).toBeNull();
    expect(responses[0].respondent_key).not.toBe(p.masha);
    const answers = await sql(`select * from "${s}"."questionnaire_answer" where response_id = ?`, [responses[0].id]);
    expect(JSON.stringify(answers)).not.toContain('Секрет');
    expect(answers.find((a) => a.question_id === 'mentee-confidence').value_number).toBe(5);
    expect(await sql(`select * from "${s}"."questionnaire_link" where participant_id = ?`, [p.masha])).toEqual([]);
    const { questionnaireSummary } = await ok<{ questionnaireSummary: any }>(app, SUMMARY, w.tokens.curator1, { id: p.programmeId, kind: 'mentee' });
    expect(questionnaireSummary).toMatchObject({ invited: 1, answered: 1 });
    expect(questionnaireSummary.questions.find((q: any) => q.questionId === 'mentee-confidence')).toMatchObject({ answers: 1, average: 5 });
    expect(questionnaireSummary.questions.find((q: any) => q.questionId === 'mentee-expectations').answers).toBe(0);
    expect((await getForm(link.path)).status).toBe(404);
  });

  it('another school, another district, a partner and a mentor cannot read or issue', async () => {
    const p = await programmeWorld('Анкеты: границы');
    const {
      issueQuestionnaireLinks: [link],
    } = await ok<{ issueQuestionnaireLinks: any[] }>(app, ISSUE, w.tokens.curator1, {
      input: { programmeId: p.programmeId, kind: 'mentee', participantIds: [p.masha] },
    });
    // Another school of the same district.
    expect((await fails(app, SUMMARY, w.tokens.curator2, { id: p.programmeId, kind: 'mentee' })).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'programmeId',
    });
    expect(
      (await fails(app, ISSUE, w.tokens.curator2, { input: { programmeId: p.programmeId, kind: 'mentee', participantIds: [p.masha] } })).extensions?.code,
    ).toBe('BAD_USER_INPUT');
    expect((await fails(app, TEMPLATES, w.tokens.curator2, { id: p.programmeId })).extensions?.code).toBe('BAD_USER_INPUT');
    expect(
      (await fails(app, SUBMIT, w.tokens.curator2, { input: { templateId: p.templates.mentee.id, participantId: p.masha, answers: [] } })).extensions,
    ).toMatchObject({ field: 'templateId' });
    // The district officer reads templates but not answers.
    await ok(app, TEMPLATES, w.tokens.officer, { id: p.programmeId });
    expect((await fails(app, SUMMARY, w.tokens.officer, { id: p.programmeId, kind: 'mentee' })).extensions?.code).toBe('FORBIDDEN');
    // Another district: its curator's tenant is another schema.
    const district2 = await createDistrict(app.orm, w.region);
    const school = await createOrganization(app.orm, district2);
    const foreign = await app.tokenFor('school-curator', [groups.organization(w.region, district2, school)], 'sh25.curator');
    expect((await fails(app, SUMMARY, foreign, { id: p.programmeId, kind: 'mentee' })).extensions?.code).toBe('BAD_USER_INPUT');
    expect((await fails(app, TEMPLATES, foreign, { id: p.programmeId })).extensions?.code).toBe('BAD_USER_INPUT');
    const header = await app.gql(SUMMARY, { token: foreign, variables: { id: p.programmeId, kind: 'mentee' }, headers: { 'x-district-id': w.district.id } });
    expect(header.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // The token of a link names its district: under another district's code it is unknown.
    const moved = link.path.replace(`/public/surveys/${w.district.code}.`, `/public/surveys/${district2.code}.`);
    expect((await getForm(moved)).status).toBe(404);
    // A partner and a mentor.
    const partner = await app.tokenFor('partner-admin', ['/partners/sibay-institute'], 'partner.admin');
    for (const token of [partner, mentorToken]) {
      const response = await app.gql(SUMMARY, { token, variables: { id: p.programmeId, kind: 'mentee' } });
      expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(JSON.stringify(response.body)).not.toContain('Иванова');
    }
    expect((await app.gql(`{ myQuestionnaires { linkId } }`, { token: partner })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // The form itself still works for its owner.
    expect((await getForm(link.path)).status).toBe(200);
  });
});
