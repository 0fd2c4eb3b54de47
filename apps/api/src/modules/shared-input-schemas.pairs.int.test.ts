import { checkInput, completionInputSchema, extensionInputSchema, markPlanTaskInputSchema, meetingInputSchema, planTasksSchema } from '@nastavnik/domain';
import type { ZodType } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/harness.js';
import { apiFieldIssues, expectSameMessages } from '../test/shared-inputs.js';
import { ok, roadmapWorld, type RoadmapWorld } from '../test/roadmaps.js';

/**
 * One validation per input (issue 15), the pair card's forms: the plan's tasks, a meeting, a
 * member's mark of a task, the extension and the completion. The admin checks each with the
 * domain's schema — given what the card shows of the pair (its meetings, its plan's dates and
 * tasks) — before sending; the API, given the same input over real HTTP, must answer with exactly
 * the same messages for the same fields, all of them at once, in BAD_USER_INPUT's `fields`.
 */
let app: TestApp;
let w: RoadmapWorld;
const TODAY = '2026-10-15';
const START = '2026-09-15';
const END = '2027-05-31';
const ACQUAINTANCE = '2026-09-20';

let pairId: string;
let tasks: Array<{ id: string; title: string; deadline: string | null; done: boolean }>;

const SET_PLAN = `mutation($pairId: ID!, $tasks: [PlanTaskInput!]!) { setPairPlan(pairId: $pairId, tasks: $tasks) { tasks { id title deadline done } } }`;
const MEETING = `mutation($input: RecordMeetingInput!) { recordMeeting(input: $input) { type date notes feedback } }`;
const MARK = `mutation($input: MarkPlanTaskInput!) { markPlanTask(input: $input) { id } }`;
const EXTEND = `mutation($input: ExtendPairInput!) { extendPair(input: $input) { endDate } }`;
const COMPLETE = `mutation($input: CompletePairInput!) { completePair(input: $input) { status completionComment } }`;

const consent = { givenBy: 'self', textVersion: 'Согласие v1', signedOn: '2026-09-05' };

beforeAll(async () => {
  app = await startTestApp({}, { today: TODAY });
  w = await roadmapWorld(app);
  const curator = w.tokens.curator1;
  const { createProgramme } = await ok<{ createProgramme: { id: string } }>(
    app,
    `mutation($input: ProgrammeInput!) { createProgramme(input: $input) { id } }`,
    curator,
    { input: { name: 'Карточка пары', forms: ['teacher-pupil'], periodStart: '2026-09-01', periodEnd: END } },
  );
  const create = async (input: Record<string, unknown>) =>
    (
      await ok<{ createParticipant: { id: string } }>(app, `mutation($input: CreateParticipantInput!) { createParticipant(input: $input) { id } }`, curator, {
        input: { programmeId: createProgramme.id, consents: [consent], ...input },
      })
    ).createParticipant.id;
  const mentor = await create({ role: 'MENTOR', category: 'teacher', lastName: 'Байгускарова', firstName: 'Зульфия' });
  const mentee = await create({ role: 'MENTEE', category: 'teacher', lastName: 'Сергеева', firstName: 'Алина', classOrPosition: 'молодой специалист' });
  const { confirmPairs } = await ok<{ confirmPairs: Array<{ id: string }> }>(
    app,
    `mutation($p: ID!, $pairs: [ConfirmPairInput!]!) { confirmPairs(programmeId: $p, pairs: $pairs) { id } }`,
    curator,
    { p: createProgramme.id, pairs: [{ mentorId: mentor, menteeIds: [mentee], startDate: START, endDate: END }] },
  );
  pairId = confirmPairs[0]!.id;
  tasks = (
    await ok<{ setPairPlan: { tasks: typeof tasks } }>(app, SET_PLAN, curator, {
      pairId,
      tasks: [
        { title: 'Открытый урок', deadline: '2026-11-30', done: true },
        { title: 'Портфолио', deadline: '2027-04-30' },
      ],
    })
  ).setPairPlan.tasks;
  await ok(app, MEETING, curator, { input: { pairId, type: 'acquaintance', date: ACQUAINTANCE, feedback: 'Познакомились' } });
});

afterAll(async () => {
  await app?.stop();
});

const apiIssues = (mutation: string, variables: Record<string, unknown>) => apiFieldIssues(app, mutation, w.tokens.curator1, variables);

/** The same input through the shared schema (what the admin shows) and through the API, for this pair. */
const same = (schema: ZodType, mutation: string, input: Record<string, unknown>) =>
  expectSameMessages(app, { schema, input, mutation, token: w.tokens.curator1, variables: { input: { pairId, ...input } } });

/** What the card shows of the pair, as the admin passes it to the schemas. */
const held = () => [{ type: 'acquaintance', date: ACQUAINTANCE }];
const plan = () => ({ start: START, end: END, tasks });

describe('the pair card’s inputs give the same messages in the admin’s check and in the API', () => {
  it.each([
    ['everything empty', [{ title: '  ' }]],
    [
      'a title too long, deadlines in the wrong format, a task twice',
      [
        { title: 'я'.repeat(1001), deadline: '30.11.2026' },
        { title: 'Портфолио', deadline: '2027-02-30' },
        { id: 'same', title: 'Первый' },
        { id: 'same', title: 'Второй', deadline: ' ' },
      ],
    ],
  ])('the plan’s tasks: %s', async (_case, list) => {
    const shared = checkInput(planTasksSchema, { tasks: list }).issues;
    expect(shared.length).toBeGreaterThan(0);
    expect(await apiIssues(SET_PLAN, { pairId, tasks: list })).toEqual(shared);
  });

  it('the plan’s tasks: every task’s problem at once, numbered', async () => {
    const list = [{ title: ' ' }, { title: 'т'.repeat(1001), deadline: '2027-13-01' }];
    expect(await apiIssues(SET_PLAN, { pairId, tasks: list })).toEqual([
      { field: 'tasks[0].title', message: 'Задача 1: укажите содержание' },
      { field: 'tasks[1].title', message: 'Задача 2: не более 1000 символов' },
      { field: 'tasks[1].deadline', message: 'Задача 2: некорректный срок' },
    ]);
  });

  it.each([
    ['everything empty', { type: ' ', date: '', notes: null, feedback: ' ' }],
    ['out of order and before the last meeting', { type: 'final', date: '2026-09-19', notes: 'Итоги', feedback: 'Хорошо' }],
    ['an unknown kind, a date in the wrong format, no feedback', { type: 'party', date: '25.09.2026', feedback: '' }],
    ['a date that does not exist', { type: 'trial', date: '2026-09-31', feedback: 'Хорошо' }],
  ])('a meeting: %s', async (_case, input) => {
    await same(meetingInputSchema(held()), MEETING, input);
  });

  it('a meeting: all three problems at once, in the domain’s words', async () => {
    const api = await apiIssues(MEETING, { input: { pairId, type: 'regular', date: '2026-09-01', feedback: '  ' } });
    expect(api).toEqual([
      { field: 'type', message: 'Вид встречи: сейчас возможна «Пробная встреча», а не «Регулярная встреча»' },
      { field: 'date', message: 'Дата встречи: не раньше предыдущей встречи (20.09.2026)' },
      { field: 'feedback', message: 'Обратная связь: обязательна после каждой встречи' },
    ]);
  });

  it.each([
    ['everything empty', { taskId: '', done: true, note: '' }],
    ['a task of no plan and a note too long', { taskId: '00000000-0000-7000-8000-000000000000', done: true, note: 'я'.repeat(2001) }],
  ])('a mark of a task: %s', async (_case, input) => {
    await same(markPlanTaskInputSchema(tasks), MARK, input);
  });

  it('a mark of a task: a note too long on a task of the plan', async () => {
    await same(markPlanTaskInputSchema(tasks), MARK, { taskId: tasks[1]!.id, done: true, note: ' ' + 'я'.repeat(2001) });
  });

  it.each([
    ['everything empty', { until: '', comment: '', mutualConsent: false }],
    ['not later than the end, no reason', { until: END, comment: ' ', mutualConsent: true }],
    ['a date in the wrong format, no consent', { until: '31.08.2027', comment: 'Болезнь', mutualConsent: false }],
  ])('an extension: %s', async (_case, input) => {
    await same(extensionInputSchema(plan()), EXTEND, input);
  });

  it.each([
    ['everything empty', { reason: '', on: '', comment: null }],
    ['before the plan’s start, without the comment its reason needs', { reason: 'mentee-request', on: '2026-09-01', comment: ' ' }],
    ['an unknown reason, a date in the wrong format', { reason: 'boredom', on: '15.10.2026', comment: 'Устал' }],
    ['a date that does not exist, a curator’s decision without grounds', { reason: 'curator-plan-not-done', on: '2026-02-29' }],
  ])('a completion: %s', async (_case, input) => {
    await same(completionInputSchema(plan()), COMPLETE, input);
  });
});

describe('a valid input passes the shared schema and the API alike', () => {
  it('the plan’s tasks', async () => {
    const list = [...tasks.map(({ id, title, deadline, done }) => ({ id, title, deadline, done })), { title: '  Итоговый проект ', deadline: '2027-05-20' }];
    expect(checkInput(planTasksSchema, { tasks: list }).ok).toBe(true);
    const { setPairPlan } = await ok<{ setPairPlan: { tasks: typeof tasks } }>(app, SET_PLAN, w.tokens.curator1, { pairId, tasks: list });
    expect(setPairPlan.tasks.map((t) => t.title)).toEqual(['Открытый урок', 'Портфолио', 'Итоговый проект']);
    tasks = setPairPlan.tasks;
  });

  it('a meeting, cleaned as the schema cleans it', async () => {
    const input = { type: 'trial', date: '2026-09-25', notes: ' Открытый урок ', feedback: ' Полезно ' };
    const checked = checkInput(meetingInputSchema(held()), input);
    expect(checked.ok).toBe(true);
    const { recordMeeting } = await ok<{ recordMeeting: unknown }>(app, MEETING, w.tokens.curator1, { input: { pairId, ...input } });
    expect(recordMeeting).toEqual(checked.value);
  });

  it('a mark of a task', async () => {
    const input = { taskId: tasks[1]!.id, done: true, note: 'Собрали портфолио' };
    expect(checkInput(markPlanTaskInputSchema(tasks), input).ok).toBe(true);
    await ok(app, MARK, w.tokens.curator1, { input: { pairId, ...input } });
  });

  it('an extension', async () => {
    const input = { until: '2027-08-31', comment: 'Болезнь наставляемого', mutualConsent: true };
    expect(checkInput(extensionInputSchema(plan()), input).ok).toBe(true);
    expect((await ok<{ extendPair: { endDate: string } }>(app, EXTEND, w.tokens.curator1, { input: { pairId, ...input } })).extendPair.endDate).toBe(
      '2027-08-31',
    );
  });

  it('a completion («plan done» with an open task is only a warning)', async () => {
    const input = { reason: 'plan-done', on: TODAY, comment: '  ' };
    expect(checkInput(completionInputSchema(plan()), input).ok).toBe(true);
    const { completePair } = await ok<{ completePair: unknown }>(app, COMPLETE, w.tokens.curator1, { input: { pairId, ...input } });
    expect(completePair).toEqual({ status: 'completed', completionComment: null });
  });
});
