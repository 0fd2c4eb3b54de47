import { checkInput, plannedMeetingSchema } from '@nastavnik/domain';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groups } from '../../test/factories.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { ownPairWorld, type OwnPairWorld } from '../../test/pairs.js';
import { fails, ok } from '../../test/roadmaps.js';

/**
 * The pair's next meeting (issue 15, the participant's own page): the mentor or the curator plans
 * it, the pair's members see where, the district sees only when; nobody outside the pair plans or
 * moves it; the input is checked with the domain's shared schema, and the API answers with exactly
 * its messages; a meeting recorded on the day closes it.
 */
let app: TestApp;
let w: OwnPairWorld['w'];
let ids: OwnPairWorld['ids'];
let tokens: Record<string, string>;
const TODAY = '2026-10-15';

const PLAN = `mutation($input: PlanMeetingInput!) { planMeeting(input: $input) { id plannedMeeting { startsAt type place plannedByName } } }`;
const CANCEL = `mutation($pairId: ID!) { cancelPlannedMeeting(pairId: $pairId) { id plannedMeeting { type } } }`;
const PLANNED = `query($id: ID!) { pair(id: $id) { plannedMeeting { startsAt type place plannedByName } } }`;
const MY_PAIRS = `{ myPairs { id plannedMeeting { startsAt type place } } }`;

beforeAll(async () => {
  app = await startTestApp({}, { today: TODAY });
  ({ w, ids, tokens } = await ownPairWorld(app));
});

afterAll(async () => {
  await app?.stop();
});

describe('planning the next meeting', () => {
  it('the mentor plans it; the mentee sees when, which and where; the district sees only when', async () => {
    const { planMeeting } = await ok<any>(app, PLAN, tokens.mentor!, {
      input: { pairId: ids.pair, date: '2026-10-20', time: '15:30', type: 'acquaintance', place: '  Кабинет  204 ' },
    });
    // The product's time zone is Moscow (UTC+3) in tests: 15:30 there is 12:30 UTC.
    expect(planMeeting.plannedMeeting).toMatchObject({ startsAt: '2026-10-20T12:30:00.000Z', type: 'acquaintance', place: 'Кабинет 204' });
    expect(planMeeting.plannedMeeting.plannedByName).toBeTruthy();

    const [mine] = (await ok<any>(app, MY_PAIRS, tokens.mentee!)).myPairs;
    expect(mine.plannedMeeting).toEqual({ startsAt: '2026-10-20T12:30:00.000Z', type: 'acquaintance', place: 'Кабинет 204' });
    const { pair } = await ok<any>(app, PLANNED, tokens.officer!, { id: ids.pair });
    expect(pair.plannedMeeting).toMatchObject({ startsAt: '2026-10-20T12:30:00.000Z', type: 'acquaintance', place: 'Скрыто', plannedByName: 'Скрыто' });
  });

  it('planning again moves the one planned meeting; the curator may do it too', async () => {
    await ok(app, PLAN, tokens.curator1!, { input: { pairId: ids.pair, date: '2026-10-22', time: '09:00', type: 'acquaintance' } });
    const { pair } = await ok<any>(app, PLANNED, tokens.mentor!, { id: ids.pair });
    expect(pair.plannedMeeting).toMatchObject({ startsAt: '2026-10-22T06:00:00.000Z', place: null });
    const rows = await app.orm.em
      .getConnection()
      .execute<Array<{ n: number }>>(`select count(*)::int as n from "${w.district.schemaName}"."planned_meeting" where pair_id = ?`, [ids.pair]);
    expect(rows[0]!.n).toBe(1);
  });

  it('refuses everyone outside: the mentee, a mentor of another pair, another school, another district, the district', async () => {
    const input = { pairId: ids.pair, date: '2026-11-01', time: '10:00', type: 'acquaintance', place: 'Чужое место' };
    expect((await fails(app, PLAN, tokens.mentee!, { input })).extensions?.code).toBe('FORBIDDEN');
    // A mentor whose own pair is the other one (the login of that pair's member, given the mentor role).
    const otherMentor = await app.tokenFor('mentor', [groups.organization(w.region, w.district, w.school1)], 'licey21.director');
    for (const token of [otherMentor, tokens.curator2!, tokens.elsewhereCurator!]) {
      expect((await fails(app, PLAN, token, { input })).message).toBe('Наставническая пара/группа не найдена');
      expect((await fails(app, CANCEL, token, { pairId: ids.pair })).message).toBe('Наставническая пара/группа не найдена');
    }
    expect((await fails(app, PLAN, tokens.officer!, { input })).extensions?.code).toBe('FORBIDDEN');
    const { pair } = await ok<any>(app, PLANNED, tokens.curator1!, { id: ids.pair });
    expect(pair.plannedMeeting.startsAt).toBe('2026-10-22T06:00:00.000Z');
    expect(JSON.stringify(pair)).not.toContain('Чужое место');
  });
});

describe('the same input gives the same messages in the admin’s check and in the API', () => {
  it.each([
    ['everything empty', { date: '', time: '', type: '', place: '' }],
    ['a day in the past, a time out of range, a place too long', { date: '2026-10-14', time: '24:00', type: 'acquaintance', place: 'м'.repeat(301) }],
    ['a date typed as on the screen, an unknown kind', { date: '20.10.2026', time: '9:00', type: 'party' }],
  ])('%s', async (_case, input) => {
    const shared = checkInput(plannedMeetingSchema(TODAY), input).issues;
    expect(shared.length).toBeGreaterThan(0);
    const error = await fails(app, PLAN, tokens.mentor!, { input: { pairId: ids.pair, ...input } });
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.extensions?.fields).toEqual(shared);
  });

  it('then the methodology and the plan: the kind allowed next, a day within the plan — both at once', async () => {
    const error = await fails(app, PLAN, tokens.mentor!, { input: { pairId: ids.pair, date: '2027-06-10', time: '10:00', type: 'final' } });
    expect(error.extensions?.fields).toEqual([
      { field: 'type', message: 'Вид встречи: следующей по методологии может быть «Встреча-знакомство»' },
      { field: 'date', message: 'Дата встречи: позже окончания плана (31.05.2027)' },
    ]);
    const { pair } = await ok<any>(app, PLANNED, tokens.curator1!, { id: ids.pair });
    expect(pair.plannedMeeting.startsAt).toBe('2026-10-22T06:00:00.000Z');
  });
});

describe('after the meeting', () => {
  it('a meeting recorded on its day closes it; a new plan then offers the next kind; cancelling removes it', async () => {
    await ok(app, PLAN, tokens.mentor!, { input: { pairId: ids.pair, date: TODAY, time: '16:00', type: 'acquaintance' } });
    await ok(app, `mutation($input: RecordMeetingInput!) { recordMeeting(input: $input) { id } }`, tokens.mentor!, {
      input: { pairId: ids.pair, type: 'acquaintance', date: TODAY, notes: 'Познакомились', feedback: 'Договорились о пробной встрече' },
    });
    expect((await ok<any>(app, PLANNED, tokens.mentor!, { id: ids.pair })).pair.plannedMeeting).toBeNull();

    const refused = await fails(app, PLAN, tokens.mentor!, { input: { pairId: ids.pair, date: '2026-10-29', time: '15:00', type: 'acquaintance' } });
    expect(refused.extensions?.fields).toEqual([{ field: 'type', message: 'Вид встречи: следующей по методологии может быть «Пробная встреча»' }]);
    await ok(app, PLAN, tokens.mentor!, { input: { pairId: ids.pair, date: '2026-10-29', time: '15:00', type: 'trial' } });
    expect((await ok<any>(app, PLANNED, tokens.mentee!, { id: ids.pair })).pair.plannedMeeting.type).toBe('trial');

    const { cancelPlannedMeeting } = await ok<any>(app, CANCEL, tokens.mentor!, { pairId: ids.pair });
    expect(cancelPlannedMeeting.plannedMeeting).toBeNull();
  });
});

describe('the planned meeting in a calendar (.ics)', () => {
  const ics = (token: string, pairId = ids.pair) =>
    fetch(`${app.api.url}/exports/pairs/${pairId}/planned-meeting.ics`, { headers: { authorization: `Bearer ${token}` } });

  it('parses back with a maintained iCalendar library: the start in Moscow time, named, an hour long, the place; no names', async () => {
    await ok(app, PLAN, tokens.mentor!, { input: { pairId: ids.pair, date: '2026-10-21', time: '15:30', type: 'trial', place: 'Кабинет 204' } });
    const response = await ics(tokens.mentee!);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/calendar/);
    const text = await response.text();
    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Europe/Moscow');
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(event.startDate.zone?.tzid).toBe('Europe/Moscow');
    expect(event.startDate.toString()).toBe('2026-10-21T15:30:00');
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-10-21T12:30:00.000Z');
    expect(event.duration.toSeconds()).toBe(3600);
    expect(event.summary).toBe('Пробная встреча — программа «Своя пара»');
    expect(event.location).toBe('Кабинет 204');
    expect(text).not.toContain('Сергеев');
    expect(text).not.toContain('Байгускарова');
  });

  it('the district gets the time without the place; outsiders and a pair without a plan get 404', async () => {
    const forDistrict = await ics(tokens.officer!);
    expect(forDistrict.status).toBe(200);
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(await forDistrict.text())).getFirstSubcomponent('vevent')!);
    expect(event.location).toBeNull();
    for (const token of [tokens.curator2!, tokens.elsewhereCurator!]) expect((await ics(token)).status).toBe(404);
    const none = await ics(tokens.curator1!, ids.otherPair);
    expect(none.status).toBe(404);
    expect(((await none.json()) as { errors: Array<{ message: string }> }).errors[0]!.message).toBe('У пары нет запланированной встречи');
  });
});
