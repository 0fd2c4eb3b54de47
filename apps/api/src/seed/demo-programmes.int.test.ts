import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from './demo-directory.js';
import { District } from '../modules/directory/district.entity.js';
import { Organization } from '../modules/directory/organization.entity.js';
import { Headcount } from '../modules/headcounts/headcount.entity.js';
import { MentoringPair, PairMeeting } from '../modules/pairs/pair.entity.js';
import { Participant, ParticipantConsent } from '../modules/participants/participant.entity.js';
import { startTestApp, type TestApp } from '../test/harness.js';
import { ok } from '../test/roadmaps.js';
import { demoAcademicYear } from './demo-programmes.js';
import { BestPractice } from '../modules/practices/practice.entity.js';
import { listPublishedPractices } from '../modules/practices/practice.service.js';
import { QuestionnaireLink, QuestionnaireResponse, QuestionnaireTemplate } from '../modules/questionnaires/questionnaire.entity.js';
import { Programme } from '../modules/programmes/programme.entity.js';

/** The demo programmes of the current academic year: seeded once, and the dashboards of «today» show them. */
const TODAY = '2026-11-20';
const YEAR = '2026/2027';
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({}, { today: TODAY });
});

afterAll(async () => {
  await app?.stop();
});

const DASHBOARD = /* GraphQL */ `
  query ($year: String!) {
    districtDashboard(academicYear: $year, page: { limit: 100 }) {
      schools {
        items {
          code
          hasHeadcount
          counts {
            participants
            mentors
            mentees
            withConsent
            pupils
            pupilParticipants
          }
          figures {
            pupilCoverage {
              value
            }
          }
        }
      }
      counts {
        participants
      }
    }
  }
`;

async function counts(schemaName: string) {
  const em = app.orm.em.fork({ schema: schemaName });
  return {
    headcounts: await em.count(Headcount, {}),
    responses: await em.count(QuestionnaireResponse, {}),
    practices: await em.count(BestPractice, {}),
    programmes: await em.count(Programme, {}),
    participants: await em.count(Participant, {}),
    consents: await em.count(ParticipantConsent, {}),
    pairs: await em.count(MentoringPair, {}),
    meetings: await em.count(PairMeeting, {}),
  };
}

describe('demo programmes', () => {
  it('are seeded once for the academic year of «today», whatever the number of runs', async () => {
    expect(demoAcademicYear(TODAY)).toEqual({ academicYear: YEAR, start: '2026-09-01', end: '2027-08-31' });
    const em = app.orm.em.fork();
    const sibay = await em.findOneOrFail(District, { code: 'sibay' });
    const kursk = await em.findOneOrFail(District, { code: 'kursk' });
    await seedDemo(app.orm, { today: TODAY });
    const before = { sibay: await counts(sibay.schemaName), kursk: await counts(kursk.schemaName) };
    await seedDemo(app.orm, { today: TODAY });
    await seedDemo(app.orm, { today: TODAY });
    expect({ sibay: await counts(sibay.schemaName), kursk: await counts(kursk.schemaName) }).toEqual(before);

    const gimnaziya = await em.findOneOrFail(Organization, { district: sibay, code: 'gimnaziya' });
    const tenant = app.orm.em.fork({ schema: sibay.schemaName });
    const [vmeste] = await tenant.find(Programme, { organizationId: gimnaziya.id, name: 'Вместе', periodStart: '2026-09-01' });
    expect(vmeste).toMatchObject({ forms: ['pupil-pupil', 'teacher-pupil'], periodEnd: '2027-08-31' });
    const people = await tenant.find(Participant, { programmeId: vmeste!.id });
    expect(people.filter((p) => p.role === 'mentee')).toHaveLength(8);
    expect(people.filter((p) => p.role === 'mentor')).toHaveLength(4);
    const consents = await tenant.find(ParticipantConsent, { participantId: { $in: people.map((p) => p.id) } });
    expect(consents).toHaveLength(12);
    expect(
      consents.filter((c) => c.givenBy === 'representative').every((c) => c.representativeName && c.representativeRelation && c.representativeDocument),
    ).toBe(true);
    const pairs = await tenant.find(MentoringPair, { programmeId: vmeste!.id });
    expect(pairs).toHaveLength(4);
    expect(pairs.every((p) => p.tasks.some((t) => t.done))).toBe(true);
    // One short pair is completed, with its final meeting, and its case is published (the minor's representative consented to publication).
    const completed = pairs.filter((p) => p.status === 'completed');
    expect(completed).toHaveLength(1);
    expect(completed[0]).toMatchObject({ completionReason: 'plan-done' });
    const practices = await tenant.find(BestPractice, { programmeId: vmeste!.id });
    expect(practices).toHaveLength(1);
    expect(practices[0]).toMatchObject({ pairId: completed[0]!.id, status: 'published', showNames: false });
    const published = await listPublishedPractices(tenant, gimnaziya.id, { limit: 10 }, TODAY);
    expect(published.items.map((p) => p.participants)).toEqual([['Наставник — молодой специалист', 'Наставляемый, 6 класс']]);
    expect(JSON.stringify(published)).not.toMatch(/Юлдашбаев|Николаев/);
    // Questionnaires: the five templates, answers and figures.
    expect(await tenant.count(QuestionnaireTemplate, { programmeId: vmeste!.id })).toBe(5);
    expect(await tenant.count(QuestionnaireResponse, { programmeId: vmeste!.id, kind: 'satisfaction' })).toBe(8);
    expect(await tenant.count(QuestionnaireResponse, { programmeId: vmeste!.id, kind: 'mentee' })).toBe(4);
    expect(await tenant.count(QuestionnaireLink, { programmeId: vmeste!.id, kind: 'mentee' })).toBe(4);
    const meetings = await tenant.find(PairMeeting, { pairId: { $in: pairs.map((p) => p.id) } }, { orderBy: { date: 'asc' } });
    expect(meetings.length).toBeGreaterThanOrEqual(6);
    expect(await tenant.count(Headcount, { organizationId: gimnaziya.id, academicYear: YEAR })).toBe(1);

    const licey = await em.findOneOrFail(Organization, { district: kursk, code: 'licey21' });
    const kurskEm = app.orm.em.fork({ schema: kursk.schemaName });
    const [small] = await kurskEm.find(Programme, { organizationId: licey.id, periodStart: '2026-09-01' });
    expect(await kurskEm.count(MentoringPair, { programmeId: small!.id })).toBe(2);
  });

  it('the Sibay dashboard of the current year shows the participants and the coverage of the Gimnaziya', async () => {
    const officer = (await app.idp.passwordGrant('sibay.officer', 'demo')).access_token;
    const { districtDashboard } = await ok<{ districtDashboard: any }>(app, DASHBOARD, officer, { year: YEAR });
    const gimnaziya = districtDashboard.schools.items.find((s: any) => s.code === 'gimnaziya');
    expect(gimnaziya.hasHeadcount).toBe(true);
    expect(gimnaziya.counts).toMatchObject({ participants: 12, mentors: 4, mentees: 8, withConsent: 12, pupils: 826 });
    expect(gimnaziya.counts.pupilParticipants).toBeGreaterThan(0);
    expect(gimnaziya.figures.pupilCoverage.value).toBeGreaterThan(0);
    expect(districtDashboard.schools.items.find((s: any) => s.code === 'sosh4').hasHeadcount).toBe(true);
    expect(districtDashboard.counts.participants).toBeGreaterThanOrEqual(12);
  });

  it('the Gimnaziya curator sees the demo questionnaire figures', async () => {
    const curator = (await app.idp.passwordGrant('gimnaziya.curator', 'demo')).access_token;
    const { programmes } = await ok<{ programmes: any }>(app, `{ programmes(page: { limit: 100 }) { items { id name periodStart } } }`, curator);
    const vmeste = programmes.items.find((p: any) => p.name === 'Вместе' && p.periodStart === '2026-09-01');
    const { questionnaireSummary: s } = await ok<{ questionnaireSummary: any }>(
      app,
      `query($id: ID!) { questionnaireSummary(programmeId: $id, kind: "satisfaction") { invited answered responseRate satisfaction { mentorAverage menteeAverage } } }`,
      curator,
      { id: vmeste.id },
    );
    expect(s).toMatchObject({ invited: 8, answered: 8, responseRate: 100 });
    expect(s.satisfaction.mentorAverage).toBeGreaterThan(6);
    expect(s.satisfaction.menteeAverage).toBeGreaterThan(6);
    const { questionnaireSummary: impact } = await ok<{ questionnaireSummary: any }>(
      app,
      `query($id: ID!) { questionnaireSummary(programmeId: $id, kind: "impact") { impact { pairs meanDelta } } }`,
      curator,
      { id: vmeste.id },
    );
    expect(impact.impact[0]).toMatchObject({ pairs: 2 });
    expect(impact.impact[0].meanDelta).toBeGreaterThan(0);
  });

  it('the demo mentor and mentee logins see their own pair, and only it', async () => {
    const query = `{ myPairs { id status mentor { lastName } mentees { lastName } } }`;
    for (const username of ['gimnaziya.mentor', 'gimnaziya.mentee']) {
      const token = (await app.idp.passwordGrant(username, 'demo')).access_token;
      const { myPairs } = await ok<{ myPairs: any[] }>(app, query, token);
      expect(myPairs.map((p) => [p.mentor.lastName, p.mentees.map((m: any) => m.lastName)])).toEqual([['Байгускарова', ['Сергеев']]]);
    }
  });
});
