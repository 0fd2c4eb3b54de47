import { campaignInputSchema, checkInput, executionMarkSchema, roadmapCreationSchema, signatureBlockProblems } from '@nastavnik/domain';
import type { ZodType } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/harness.js';
import { expectSameMessages } from '../test/shared-inputs.js';
import { agreedRoadmap, APPROVAL, CREATE_ROADMAP, decide, DECIDE, fails, MARK_DONE, ok, revision, roadmapWorld, type RoadmapWorld } from '../test/roadmaps.js';

/**
 * One validation per input (issue 15), the roadmap section's forms: opening a campaign, creating a
 * roadmap (a school's and the district's), marking an item done, and the director's and the head's
 * signature blocks. The admin checks the form with the domain's schema before sending; the API,
 * given the same input over real HTTP, must answer with exactly the same messages for the same
 * fields — all of them at once, in BAD_USER_INPUT's `fields`.
 */
let app: TestApp;
let w: RoadmapWorld;
/** An item of the school's agreed roadmap (marks go to the revision in force). */
let itemId: string;
/** A revision with the director (to approve) and one recommended for agreement (to agree). */
let withDirector: { id: string; version: number };
let toAgree: { id: string; version: number };

beforeAll(async () => {
  app = await startTestApp();
  w = await roadmapWorld(app);
  const agreed = await agreedRoadmap(app, w);
  itemId = (await revision(app, w.tokens.curator1, agreed.revision.id)).sections[0].items[0].id;

  const create = async () =>
    (await ok<{ createRoadmap: any }>(app, CREATE_ROADMAP, w.tokens.curator2, { input: { programmeName: 'Вместе', organizationId: w.school2.id } }))
      .createRoadmap.latestRevision;
  withDirector = await decide(app, w.tokens.curator2, await create(), 'SUBMIT_TO_DIRECTOR');
  const other = await decide(app, w.tokens.curator2, await create(), 'SUBMIT_TO_DIRECTOR');
  const approved = await decide(app, w.tokens.director2, other, 'APPROVE', { approval: APPROVAL });
  toAgree = await decide(app, w.tokens.officer, approved, 'RECOMMEND_AGREEMENT');
});

afterAll(async () => {
  await app?.stop();
});

/** The same input through the shared schema (what the admin shows) and through the API. */
const same = (schema: ZodType, mutation: string, token: string, input: Record<string, unknown>, context: Record<string, unknown> = {}) =>
  expectSameMessages(app, { schema, input, mutation, token, variables: { input: { ...input, ...context } } });

const CREATE_CAMPAIGN = `mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id periodStart periodEnd allOrganizations } }`;
const CREATE = `mutation($input: CreateRoadmapInput!) { createRoadmap(input: $input) { id level } }`;

describe('the same input gives the same messages in the admin’s check and in the API', () => {
  it.each([
    ['everything empty', { title: ' ', academicYear: '', dueDate: '' }],
    ['a year in another format, a long title, a due date as typed', { title: 'К'.repeat(501), academicYear: '2025-2026', dueDate: '20.09.2025' }],
    [
      'a period given wrong: a start not a date, an emptied end',
      { title: 'Кампания', academicYear: '2025/2026', dueDate: '2025-09-20', periodStart: '2025-02-30', periodEnd: ' ' },
    ],
    [
      'the start after the academic year’s end, with the title missing',
      { title: '', academicYear: '2025/2026', dueDate: '2025-09-20', periodStart: '2026-09-01' },
    ],
    ['the end before the start', { title: 'Кампания', academicYear: '2025/2026', dueDate: '2025-09-20', periodStart: '2026-01-01', periodEnd: '2025-12-31' }],
  ])('a campaign: %s', async (_case, input) => {
    await same(campaignInputSchema, CREATE_CAMPAIGN, w.tokens.officer, input);
  });

  it.each([
    ['everything empty', { programmeName: ' ', periodStart: '', periodEnd: '' }],
    ['the end before the start, the name missing', { programmeName: '', periodStart: '2026-09-01', periodEnd: '2026-08-31' }],
    [
      'a name and a title too long, a start not a date',
      { programmeName: 'П'.repeat(301), title: 'Т'.repeat(1001), periodStart: '01.09.2026', periodEnd: '2027-08-31' },
    ],
  ])('a school roadmap: %s', async (_case, input) => {
    await same(roadmapCreationSchema, CREATE, w.tokens.curator1, input, { organizationId: w.school1.id, source: 'EMPTY' });
  });

  it.each([
    ['everything empty', { programmeName: '', periodStart: '', periodEnd: '' }],
    ['the end before the start', { programmeName: 'Вместе', periodStart: '2026-09-01', periodEnd: '2025-09-01' }],
  ])('the district’s roadmap: %s', async (_case, input) => {
    await same(roadmapCreationSchema, CREATE, w.tokens.officer, input, { level: 'DISTRICT', source: 'EMPTY' });
  });

  it.each([
    ['everything empty (no evidence: a problem of the form)', { doneOn: '', documentNumber: ' ', documentDate: '', note: '', url: '' }],
    ['dates as typed, a number too long, no other evidence', { doneOn: '12.09.2025', documentNumber: '№'.repeat(101), documentDate: '2025-13-01' }],
    ['a date of a document only is no evidence; a bad done date', { doneOn: '2025-02-29', documentDate: '2025-09-12' }],
    ['a link in another scheme, a note too long', { url: 'javascript:alert(1)', note: 'п'.repeat(1001) }],
    ['a link too long', { url: `https://${'a'.repeat(1995)}` }],
  ])('an execution mark: %s', async (_case, input) => {
    await same(executionMarkSchema, MARK_DONE, w.tokens.curator1, input, { itemId });
  });

  // The director's and the head's blocks: the domain's signatureBlockProblems on both sides.
  it.each([
    ['everything empty', { position: ' ', name: '', date: '', orderNumber: '', orderDate: '' }],
    [
      'dates as typed, an order number too long',
      { position: 'Директор', name: 'И.И. Варламова', date: '16.09.2025', orderNumber: '№'.repeat(51), orderDate: '2025-02-30' },
    ],
    ['a position too long', { ...APPROVAL, position: 'Д'.repeat(301) }],
  ])('an approval («УТВЕРЖДАЮ»): %s', async (_case, approval) => {
    const shared = signatureBlockProblems('approve', approval);
    expect(shared.length).toBeGreaterThan(0);
    const error = await fails(app, DECIDE, w.tokens.director2, {
      input: { revisionId: withDirector.id, expectedVersion: withDirector.version, action: 'APPROVE', approval },
    });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: shared });
  });

  it.each([
    // The authority as the dialog fills it in (the API takes the district's authority when none is given).
    ['everything empty but the authority', { position: '', authority: 'Управление образования', name: ' ', date: '' }],
    ['a date as typed, a name too long', { position: 'Начальник', authority: 'Управление образования', name: 'Ф'.repeat(301), date: '19.09.2025' }],
  ])('an agreement («СОГЛАСОВАНО»): %s', async (_case, agreement) => {
    const shared = signatureBlockProblems('agree', agreement);
    expect(shared.length).toBeGreaterThan(0);
    const error = await fails(app, DECIDE, w.tokens.head, {
      input: { revisionId: toAgree.id, expectedVersion: toAgree.version, action: 'AGREE', agreement },
    });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: shared });
  });

  it('an agreement without the authority: the API takes the district’s (the dialog fills it in)', async () => {
    const agreement = { position: '', authority: '', name: '', date: '' };
    const error = await fails(app, DECIDE, w.tokens.head, { input: { revisionId: toAgree.id, expectedVersion: toAgree.version, action: 'AGREE', agreement } });
    expect(error.extensions?.fields).toEqual(signatureBlockProblems('agree', { ...agreement, authority: w.district.authorityName }));
  });
});

describe('a valid input passes the shared schema and the API alike', () => {
  it('a campaign for all schools: the period is the academic year', async () => {
    const input = { title: 'Дорожные карты на 2026/2027 учебный год', academicYear: '2026/2027', dueDate: '2026-09-20', organizationIds: [] };
    expect(checkInput(campaignInputSchema, input).ok).toBe(true);
    const { createCampaign } = await ok<{ createCampaign: any }>(app, CREATE_CAMPAIGN, w.tokens.officer, { input });
    expect(createCampaign).toMatchObject({ periodStart: '2026-09-01', periodEnd: '2027-08-31', allOrganizations: true });
  });

  it('a school roadmap and the district’s', async () => {
    const input = { programmeName: 'Вместе', periodStart: '2026-09-01', periodEnd: '2027-08-31' };
    expect(checkInput(roadmapCreationSchema, input).ok).toBe(true);
    await ok(app, CREATE, w.tokens.curator1, { input: { ...input, organizationId: w.school1.id, source: 'EMPTY' } });
    const { createRoadmap } = await ok<{ createRoadmap: any }>(app, CREATE, w.tokens.officer, { input: { ...input, level: 'DISTRICT', source: 'EMPTY' } });
    expect(createRoadmap.level).toBe('DISTRICT');
  });

  it('an execution mark with one piece of evidence', async () => {
    const input = { doneOn: '2025-09-12', documentDate: '', note: 'Проведено на педсовете' };
    expect(checkInput(executionMarkSchema, input).ok).toBe(true);
    const { markItemDone } = await ok<{ markItemDone: any }>(app, MARK_DONE, w.tokens.curator1, { input: { ...input, itemId } });
    expect(markItemDone.execution).toMatchObject({ done: true, doneOn: '2025-09-12', documentDate: null, note: 'Проведено на педсовете' });
  });
});
