import { checkInput, headcountSchema, newDistrictSchema, newsInputSchema, programmeInputSchema } from '@nastavnik/domain';
import type { ZodType } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/harness.js';
import { expectSameMessages } from '../test/shared-inputs.js';
import { fails, roadmapWorld, type RoadmapWorld } from '../test/roadmaps.js';

/**
 * One validation per input (issue 15): the admin checks a form with the domain's schema before
 * sending; the API, given the same input over real HTTP, must answer with exactly the same messages
 * for the same fields — all of them at once, in BAD_USER_INPUT's `fields`.
 */
let app: TestApp;
let w: RoadmapWorld;

beforeAll(async () => {
  app = await startTestApp();
  w = await roadmapWorld(app);
});

afterAll(async () => {
  await app?.stop();
});

/** The same input through the shared schema (what the admin shows) and through the API. */
const same = (schema: ZodType, mutation: string, token: string, input: Record<string, unknown>, context: Record<string, unknown> = {}) =>
  expectSameMessages(app, { schema, input, mutation, token, variables: { input: { ...input, ...context } } });

const CREATE_PROGRAMME = `mutation($input: ProgrammeInput!) { createProgramme(input: $input) { id } }`;
const CREATE_DISTRICT = `mutation($input: CreateDistrictInput!) { createDistrict(input: $input) { id } }`;
const CREATE_NEWS = `mutation($organizationId: ID!, $input: SchoolNewsInput!) { createSchoolNews(organizationId: $organizationId, input: $input) { id } }`;
const SET_HEADCOUNT = `mutation($input: SetHeadcountInput!) { setHeadcount(input: $input) { id } }`;

describe('the same input gives the same messages in the admin’s check and in the API', () => {
  it.each([
    ['everything empty', { name: '  ', forms: [], kinds: [], periodStart: '', periodEnd: '' }],
    [
      'unknown codes, a long name, the end before the start',
      { name: 'я'.repeat(301), forms: ['boss-pupil'], kinds: ['secret'], periodStart: '2026-09-01', periodEnd: '2026-01-01' },
    ],
    ['dates in the wrong format', { name: 'Вместе', forms: ['teacher-pupil'], periodStart: '01.09.2026', periodEnd: '2026-02-30' }],
    ['a curator name too long', { name: 'Вместе', forms: ['teacher-pupil'], periodStart: '2026-09-01', periodEnd: '2027-05-31', curatorName: 'К'.repeat(301) }],
  ])('a programme: %s', async (_case, input) => {
    await same(programmeInputSchema, CREATE_PROGRAMME, w.tokens.curator1, input);
  });

  it.each([
    ['everything empty', { regionId: '', code: '', name: '', authorityName: '' }],
    ['a code in Cyrillic, an authority name too long', { regionId: 'r', code: 'Сибай', name: 'ГО', authorityName: 'x'.repeat(501) }],
    ['a code too long', { regionId: 'r', code: 'a'.repeat(55), name: 'ГО', authorityName: 'Отдел' }],
  ])('a new district: %s', async (_case, input) => {
    await same(newDistrictSchema, CREATE_DISTRICT, w.tokens.admin, input);
  });

  it.each([
    ['a year in another format, counts out of range', { academicYear: '2025-2026', pupils: -1, teachers: 10_001 }],
    ['an empty year', { academicYear: ' ', pupils: 100, teachers: 100_000 }],
  ])('a headcount: %s', async (_case, input) => {
    await same(headcountSchema, SET_HEADCOUNT, w.tokens.curator1, input, { organizationId: w.school1.id });
  });

  it.each([
    ['everything empty', { title: ' ', body: '\n', publishedOn: null }],
    ['a title too long, a date in the wrong format', { title: 'Т'.repeat(301), body: 'Встреча наставников', publishedOn: '10.10.2025' }],
    ['a text too long', { title: 'Итоги', body: 'т'.repeat(20_001) }],
  ])('a school news item: %s', async (_case, input) => {
    const shared = checkInput(newsInputSchema, input).issues;
    expect(shared.length).toBeGreaterThan(0);
    const error = await fails(app, CREATE_NEWS, w.tokens.curator1, { organizationId: w.school1.id, input });
    expect(error.extensions?.fields).toEqual(shared);
  });

  it('a valid input passes the shared schema and the API alike', async () => {
    const input = { name: 'Вместе', forms: ['teacher-pupil'], periodStart: '2026-09-01', periodEnd: '2027-05-31' };
    expect(checkInput(programmeInputSchema, input).ok).toBe(true);
    const response = await app.gql(CREATE_PROGRAMME, { token: w.tokens.curator1, variables: { input } });
    expect(response.body.errors).toBeUndefined();
  });
});
