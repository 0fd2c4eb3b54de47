import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_IDP_ADMIN_TOKEN } from '../../engine/auth/keycloak-admin.js';
import { createDistrict, createOrganization, groups } from '../../test/factories.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import {
  agreedRoadmap,
  AGREEMENT,
  CREATE_CAMPAIGN,
  CREATE_ROADMAP,
  decide,
  ok,
  revision,
  roadmapWorld,
  throughDirector,
  type RoadmapWorld,
} from '../../test/roadmaps.js';

/**
 * The personal calendar feed (issue 16) over real HTTP, with the users in the embedded identity
 * provider (the feed re-checks their roles there) and parsed back with ical.js: each user gets
 * exactly their own events — a school's curator its items and campaigns, not the sibling school's,
 * not another district's; a mentor their own pair's meeting and nothing of other pairs or of anyone's
 * name; a reset link stops at once; a withdrawn mentee's pair leaves the feed; the token never
 * reaches a log line; guessing is limited.
 */
let app: TestApp;
let w: RoadmapWorld;
const ADMIN_URL = 'https://nastavnik.example.ru';
const TODAY = '2026-10-15';
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};

async function idpUser(username: string, group: string, role: string, names: Record<string, unknown> = {}) {
  const response = await fetch(`${app.idp.adminUrl}/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${DEFAULT_IDP_ADMIN_TOKEN}` },
    body: JSON.stringify({ username, email: `${username}@school.test`, groups: [group], clientRoles: { api: [role] }, ...names }),
  });
  expect(response.status, await response.clone().text()).toBe(201);
  tokens[username] = await app.tokenFor(role, [group], username);
}

const MY_FEED = `{ myCalendarFeed { url createdAt lastUsedAt } }`;
const RESET = `mutation { resetMyCalendarFeed { url createdAt } }`;

/** The feed's URL as the admin shows it, on the test API's origin (nginx routes /public/ to it). */
const local = (url: string) => url.replace(ADMIN_URL, app.api.url);

async function feedUrl(username: string): Promise<string> {
  const { myCalendarFeed } = await ok<any>(app, MY_FEED, tokens[username]!);
  expect(myCalendarFeed.url, `${username}: a new link is shown once`).toMatch(new RegExp(`^${ADMIN_URL}/public/calendar/[A-Za-z0-9_-]{43}\\.ics$`));
  return local(myCalendarFeed.url);
}

interface Parsed {
  text: string;
  calendar: ICAL.Component;
  events: ICAL.Event[];
}

async function read(url: string): Promise<Parsed> {
  const response = await fetch(url);
  const text = await response.text();
  expect(response.status, text).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
  expect(response.headers.get('cache-control')).toBe('private, no-store');
  const calendar = new ICAL.Component(ICAL.parse(text));
  return { text, calendar, events: calendar.getAllSubcomponents('vevent').map((event) => new ICAL.Event(event)) };
}

beforeAll(async () => {
  app = await startTestApp({ ADMIN_PUBLIC_URL: ADMIN_URL }, { today: TODAY });
  w = await roadmapWorld(app);
  const school1 = groups.organization(w.region, w.district, w.school1);
  const school2 = groups.organization(w.region, w.district, w.school2);
  const other = await createDistrict(app.orm, w.region, { name: 'ГО г. Другой' });
  await createOrganization(app.orm, other, { shortName: 'МОБУ «СОШ № 1»' });
  await idpUser('cal.curator1', school1, 'school-curator', { firstName: 'Лилия', lastName: 'Исхакова', attributes: { middleName: ['Фанисовна'] } });
  await idpUser('cal.curator2', school2, 'school-curator');
  await idpUser('cal.officer', groups.district(w.region, w.district), 'district-officer');
  await idpUser('cal.mentor', school1, 'mentor');
  await idpUser('cal.mentee', school1, 'mentee');
  await idpUser('cal.mentor2', school1, 'mentor');
  await idpUser('cal.other', groups.district(w.region, other), 'district-officer');
  // The other district's officer in the API only (the token's roles), for its campaign.
  const otherOfficer = await app.tokenFor('district-officer', [groups.district(w.region, other)], 'kursk.officer');

  const campaign = async (token: string, title: string, dueDate: string) =>
    (await ok<any>(app, CREATE_CAMPAIGN, token, { input: { title, academicYear: '2026/2027', dueDate } })).createCampaign.id as string;
  ids.campaign = await campaign(w.tokens.officer, 'Дорожные карты на 2026/2027 учебный год', '2026-11-20');
  ids.otherCampaign = await campaign(otherOfficer, 'Чужая кампания', '2026-11-25');

  // School 1's agreed roadmap, and school 2's.
  const agreed = await agreedRoadmap(app, w);
  ids.roadmap1 = agreed.roadmapId;
  ids.revision1 = agreed.revision.id;
  const { createRoadmap } = await ok<any>(app, CREATE_ROADMAP, w.tokens.curator2, { input: { programmeName: 'Вместе', organizationId: w.school2.id } });
  ids.roadmap2 = createRoadmap.id;
  let current = await throughDirector(app, w, createRoadmap.latestRevision, w.tokens.curator2, w.tokens.director2);
  current = await decide(app, w.tokens.officer, current, 'RECOMMEND_AGREEMENT');
  await decide(app, w.tokens.head, current, 'AGREE', { agreement: AGREEMENT });

  // Two pairs of school 1: cal.mentor with the minor cal.mentee, cal.mentor2 with another pupil.
  const curator = w.tokens.curator1;
  const { createProgramme } = await ok<any>(app, `mutation($input: ProgrammeInput!) { createProgramme(input: $input) { id } }`, curator, {
    input: {
      name: 'Своя пара',
      forms: ['teacher-pupil'],
      kinds: ['traditional'],
      targetGroups: ['6 классы'],
      periodStart: '2026-09-01',
      periodEnd: '2027-05-31',
    },
  });
  const consent = { givenBy: 'self', textVersion: 'Согласие v1', signedOn: '2026-09-05' };
  const forMinor = {
    givenBy: 'representative',
    representativeName: 'Сергеева Ольга Николаевна',
    representativeRelation: 'mother',
    representativeDocument: 'Паспорт 80 11 903457',
    textVersion: 'Согласие v1',
    signedOn: '2026-09-05',
  };
  const person = async (input: Record<string, unknown>) =>
    (
      await ok<any>(app, `mutation($input: CreateParticipantInput!) { createParticipant(input: $input) { id } }`, curator, {
        input: { programmeId: createProgramme.id, ...input },
      })
    ).createParticipant.id as string;
  ids.mentor = await person({
    role: 'MENTOR',
    category: 'teacher',
    username: 'cal.mentor',
    lastName: 'Байгускарова',
    firstName: 'Зульфия',
    consents: [consent],
  });
  ids.mentee = await person({
    role: 'MENTEE',
    category: 'pupil',
    username: 'cal.mentee',
    lastName: 'Сергеев',
    firstName: 'Максим',
    birthDate: '2014-07-19',
    consents: [forMinor],
  });
  ids.mentor2 = await person({ role: 'MENTOR', category: 'teacher', username: 'cal.mentor2', lastName: 'Другая', firstName: 'Анна', consents: [consent] });
  ids.mentee2 = await person({ role: 'MENTEE', category: 'pupil', lastName: 'Кузнецова', firstName: 'Дарья', birthDate: '2015-05-02', consents: [forMinor] });
  const { confirmPairs } = await ok<any>(
    app,
    `mutation($p: ID!, $pairs: [ConfirmPairInput!]!) { confirmPairs(programmeId: $p, pairs: $pairs) { id } }`,
    curator,
    {
      p: createProgramme.id,
      pairs: [
        { mentorId: ids.mentor, menteeIds: [ids.mentee], startDate: '2026-09-15', endDate: '2027-05-31' },
        { mentorId: ids.mentor2, menteeIds: [ids.mentee2], startDate: '2026-09-15', endDate: '2027-05-31' },
      ],
    },
  );
  ids.pair = confirmPairs[0].id;
  ids.pair2 = confirmPairs[1].id;
  const plan = `mutation($input: PlanMeetingInput!) { planMeeting(input: $input) { id } }`;
  await ok(app, plan, curator, { input: { pairId: ids.pair, date: '2026-10-20', time: '15:30', type: 'acquaintance', place: 'Кабинет 204' } });
  await ok(app, plan, curator, { input: { pairId: ids.pair2, date: '2026-10-21', time: '10:00', type: 'acquaintance', place: 'Библиотека' } });
});

afterAll(async () => {
  await app?.stop();
});

describe('the feed of a school’s curator', () => {
  let url: string;
  it('is made on the first ask and shown once; later asks give only its dates', async () => {
    url = await feedUrl('cal.curator1');
    const again = (await ok<any>(app, MY_FEED, tokens['cal.curator1']!)).myCalendarFeed;
    expect(again).toMatchObject({ url: null, lastUsedAt: null });
    expect(again.createdAt).toBeTruthy();
    const [row] = await app.orm.em.getConnection().execute<any[]>(`select token_hash from core.calendar_feed where username = 'cal.curator1'`);
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(url).not.toContain(row.token_hash);
  });

  it('names the calendar and the zone; the campaign is an all-day event on its due date with its link', async () => {
    const feed = await read(url);
    expect(feed.calendar.getFirstPropertyValue('x-wr-calname')).toBe('Наставник — Исхакова Лилия Фанисовна');
    expect(feed.calendar.getFirstPropertyValue('x-wr-timezone')).toBe('Europe/Moscow');
    expect(feed.calendar.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Europe/Moscow');
    const campaign = feed.events.find((event) => event.uid === `campaign-${ids.campaign}@nastavnik`)!;
    expect(campaign.summary).toBe('Срок представления дорожных карт: Дорожные карты на 2026/2027 учебный год');
    expect(campaign.startDate.isDate).toBe(true);
    expect(campaign.startDate.toString()).toBe('2026-11-20');
    expect(campaign.component.getFirstPropertyValue('url')).toBe(`${ADMIN_URL}/roadmaps/campaigns/${ids.campaign}?district=${w.district.id}`);
    expect(campaign.description).toContain('до 20.11.2026');
  });

  it('holds the items of its school’s roadmap in force on their due dates — not school 2’s, not another district’s campaign', async () => {
    const feed = await read(url);
    const items = feed.events.filter((event) => event.uid.startsWith('roadmap-item-'));
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      expect(item.uid.startsWith(`roadmap-item-${ids.roadmap1}-`)).toBe(true);
      expect(item.startDate.isDate).toBe(true);
      expect(item.component.getFirstPropertyValue('url')).toBe(`${ADMIN_URL}/roadmaps/${ids.roadmap1}?district=${w.district.id}`);
      expect(item.description).toContain('МОБУ «Гимназия»');
    }
    // An item with a plain date is on that date.
    const view = await revision(app, w.tokens.curator1, ids.revision1!);
    const dated: any = view.sections.flatMap((s: any) => s.items).find((i: any) => i.deadline?.kind === 'date' && i.deadline.due >= TODAY);
    if (dated)
      expect(items.find((event) => event.uid === `roadmap-item-${ids.roadmap1}-${dated.key}@nastavnik`)!.startDate.toString()).toBe(dated.deadline.due);
    expect(feed.text).not.toContain(ids.roadmap2);
    expect(feed.text).not.toContain('МОБУ «СОШ № 4»');
    expect(feed.text).not.toContain('Чужая кампания');
    expect(feed.text).not.toContain(ids.otherCampaign);
    // No pair's meeting and no child's name in a curator's calendar.
    expect(feed.text).not.toContain('Сергеев');
    expect(feed.events.some((event) => event.uid.startsWith('planned-meeting-'))).toBe(false);
  });

  it('school 2’s curator sees school 2’s items and not school 1’s', async () => {
    const feed = await read(await feedUrl('cal.curator2'));
    const items = feed.events.filter((event) => event.uid.startsWith('roadmap-item-'));
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((item) => item.uid.startsWith(`roadmap-item-${ids.roadmap2}-`))).toBe(true);
    expect(feed.text).not.toContain(ids.roadmap1);
  });

  it('the district’s officer gets the campaign, not the schools’ items; the other district’s officer not this district’s campaign', async () => {
    const officer = await read(await feedUrl('cal.officer'));
    expect(officer.events.map((event) => event.uid)).toEqual([`campaign-${ids.campaign}@nastavnik`]);
    const { myCalendarFeed } = await ok<any>(app, MY_FEED, tokens['cal.other']!);
    const other = await read(local(myCalendarFeed.url));
    expect(other.text).not.toContain(ids.campaign);
    expect(other.text).not.toContain('Дорожные карты на 2026/2027');
  });
});

describe('the feed of a mentor and a mentee', () => {
  it('the mentor sees their own pair’s planned meeting in Moscow time, and nothing of the other pair or of names', async () => {
    const feed = await read(await feedUrl('cal.mentor'));
    expect(feed.events).toHaveLength(1);
    const [meeting] = feed.events;
    expect(meeting!.summary).toBe('Встреча-знакомство — программа «Своя пара»');
    expect(meeting!.location).toBe('Кабинет 204');
    expect(meeting!.component.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Europe/Moscow');
    expect(meeting!.startDate.toString()).toBe('2026-10-20T15:30:00');
    expect(meeting!.startDate.toJSDate().toISOString()).toBe('2026-10-20T12:30:00.000Z');
    expect(feed.text).toMatch(/DTSTART;TZID=Europe\/Moscow:20261020T153000/);
    expect(feed.text).not.toContain('Библиотека');
    for (const name of ['Сергеев', 'Максим', 'Байгускарова', 'Кузнецова', 'Сергеева']) expect(feed.text).not.toContain(name);
    expect(feed.events.some((event) => event.uid.startsWith('campaign-') || event.uid.startsWith('roadmap-item-'))).toBe(false);
  });

  it('the UIDs stay the same from read to read (calendar applications update, not duplicate)', async () => {
    const url = local((await ok<any>(app, RESET, tokens['cal.mentor']!)).resetMyCalendarFeed.url);
    const first = await read(url);
    const second = await read(url);
    expect(first.events.map((event) => event.uid)).toEqual(second.events.map((event) => event.uid));
  });

  it('a mentee whose consent is withdrawn: the pair’s meeting leaves the mentor’s feed and the mentee’s own', async () => {
    const menteeUrl = await feedUrl('cal.mentee');
    expect((await read(menteeUrl)).events).toHaveLength(1);
    const mentorUrl = local((await ok<any>(app, RESET, tokens['cal.mentor']!)).resetMyCalendarFeed.url);
    await ok(app, `mutation($id: ID!) { withdrawConsent(participantId: $id) { id } }`, w.tokens.curator1, { id: ids.mentee });
    expect((await read(mentorUrl)).events).toEqual([]);
    const mentee = await read(menteeUrl);
    expect(mentee.events).toEqual([]);
    expect(mentee.text).not.toContain('Кабинет 204');
    // The other pair's mentor still has theirs.
    expect((await read(await feedUrl('cal.mentor2'))).events.map((event) => event.location)).toEqual(['Библиотека']);
  });
});

describe('the link', () => {
  it('reset: the old URL is a 404 at once (a Russian text that does not say it existed), the new one works', async () => {
    const old = local((await ok<any>(app, RESET, tokens['cal.curator2']!)).resetMyCalendarFeed.url);
    expect((await read(old)).events.length).toBeGreaterThan(0);
    const { resetMyCalendarFeed } = await ok<any>(app, RESET, tokens['cal.curator2']!);
    const gone = await fetch(old);
    const body = await gone.text();
    expect(gone.status).toBe(404);
    expect(body).toContain('Календарь не найден');
    const never = await fetch(`${app.api.url}/public/calendar/${'x'.repeat(43)}.ics`);
    expect(never.status).toBe(404);
    expect(await never.text()).toBe(body);
    expect((await read(local(resetMyCalendarFeed.url))).events.length).toBeGreaterThan(0);
  });

  it('roles the identity provider does not (or no longer) give the user open nothing, though the token said so', async () => {
    // School 2's curator with a token naming school 1 (as a token issued before a move would).
    const stale = await app.tokenFor('school-curator', [groups.organization(w.region, w.district, w.school1)], 'cal.curator2');
    const { resetMyCalendarFeed } = await ok<any>(app, RESET, stale);
    const response = await fetch(local(resetMyCalendarFeed.url));
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Календарь не найден');
  });

  it('who may have one: a partner or a region coordinator is refused', async () => {
    const coordinator = await app.gql(MY_FEED, { token: w.tokens.coordinator });
    expect(coordinator.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('the token never reaches a log line', async () => {
    const rows = await app.orm.em.getConnection().execute<any[]>(`select count(*)::int as n from core.calendar_feed`);
    expect(rows[0].n).toBeGreaterThan(0);
    const url = local((await ok<any>(app, RESET, tokens['cal.curator1']!)).resetMyCalendarFeed.url);
    await read(url);
    const token = /\/public\/calendar\/([^/]+)\.ics$/.exec(url)![1]!;
    const lines = app.logs.map((line) => JSON.stringify(line));
    expect(lines.some((line) => line.includes('/public/calendar/[скрыто].ics'))).toBe(true);
    expect(lines.filter((line) => line.includes(token))).toEqual([]);
  });

  it('guessing is limited per address (misses only): 429 with Retry-After, while a real link still opens', async () => {
    let limited: Response | null = null;
    for (let i = 0; i < 40 && !limited; i++) {
      const response = await fetch(`${app.api.url}/public/calendar/guess${String(i).padStart(30, '0')}.ics`);
      await response.text();
      if (response.status === 429) limited = response;
      else expect(response.status).toBe(404);
    }
    expect(limited, 'no 429 within 40 misses').not.toBeNull();
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
    const url = local((await ok<any>(app, RESET, tokens['cal.officer']!)).resetMyCalendarFeed.url);
    expect((await read(url)).events.length).toBe(1);
  });
});
