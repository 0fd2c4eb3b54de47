import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { ownPairWorld, type OwnPairWorld } from '../../test/pairs.js';
import { fails, ok, type RoadmapWorld } from '../../test/roadmaps.js';

/**
 * A mentor's and a mentee's own page (issue 15): they reach each other as the personal-data table
 * allows (an adult mentor's contacts to the mentee; a minor mentee's contacts not to the mentor),
 * and they mark the tasks of their own plan done with a note — nobody outside the pair may, whatever
 * their school or district, and the curator sees who marked what.
 */
let app: TestApp;
let w: RoadmapWorld;
const TODAY = '2026-10-15';

let ids: OwnPairWorld['ids'];
let tokens: Record<string, string>;

const MARK = `mutation($input: MarkPlanTaskInput!) { markPlanTask(input: $input) { id tasks { id title done doneOn doneByName doneNote } progress { done total } } }`;
const MY_PAIRS = `{ myPairs { id mentor { id displayName email phone contactsVisible } mentees { id displayName email phone contactsVisible }
  tasks { id done doneByName doneNote } } }`;

beforeAll(async () => {
  app = await startTestApp({}, { today: TODAY });
  ({ w, ids, tokens } = await ownPairWorld(app));
});

afterAll(async () => {
  await app?.stop();
});

describe('the other member of my pair', () => {
  it("the mentee reaches the adult mentor's contacts; the mentor gets no contacts of the minor mentee", async () => {
    const [asMentee] = (await ok<any>(app, MY_PAIRS, tokens.mentee!)).myPairs;
    expect(asMentee.mentor).toMatchObject({ email: 'zulfiya@example.ru', phone: '+7 917 111-22-33', contactsVisible: true });
    const [asMentor] = (await ok<any>(app, MY_PAIRS, tokens.mentor!)).myPairs;
    expect(asMentor.mentees[0]).toMatchObject({ displayName: 'Сергеев Максим', email: null, phone: null, contactsVisible: false });
    expect(JSON.stringify(asMentor)).not.toContain('maxim@example.ru');
  });

  it("the mentee's view of the mentor is in the personal-data access log", async () => {
    await ok(app, MY_PAIRS, tokens.mentee!);
    const rows = await app.orm.em
      .getConnection()
      .execute<Array<{ operation: string }>>(
        `select operation from "${w.district.schemaName}".participant_access_log where participant_id = ? and user_name <> ''`,
        [ids.mentor],
      );
    expect(rows.map((row) => row.operation)).toContain('pairs');
  });
});

describe('marking a task of my plan done', () => {
  it('the mentee marks a task done with a note; the curator sees who and the note; the mentor opens it again', async () => {
    const { markPlanTask } = await ok<any>(app, MARK, tokens.mentee!, {
      input: { pairId: ids.pair, taskId: ids.task, done: true, note: '  Написал на «4»  ' },
    });
    expect(markPlanTask.tasks[0]).toMatchObject({ done: true, doneOn: TODAY, doneNote: 'Написал на «4»' });
    expect(markPlanTask.tasks[0].doneByName).toBeTruthy();
    expect(markPlanTask.tasks[1]).toMatchObject({ done: false, doneByName: null, doneNote: null });
    expect(markPlanTask.progress).toEqual({ done: 1, total: 2 });

    const { pair } = await ok<any>(app, `query($id: ID!) { pair(id: $id) { tasks { id done doneByName doneNote } } }`, tokens.curator1!, { id: ids.pair });
    expect(pair.tasks[0]).toEqual({ id: ids.task, done: true, doneByName: markPlanTask.tasks[0].doneByName, doneNote: 'Написал на «4»' });

    // The curator re-saving the plan keeps the member's mark and note.
    await ok(app, `mutation($pairId: ID!, $tasks: [PlanTaskInput!]!) { setPairPlan(pairId: $pairId, tasks: $tasks) { id } }`, tokens.curator1!, {
      pairId: ids.pair,
      tasks: [
        { id: ids.task, title: 'Входной диктант', deadline: '2026-10-30', done: true },
        { id: pair.tasks[1].id, title: 'Читательский дневник', deadline: '2026-12-20', done: false },
      ],
    });
    const [mine] = (await ok<any>(app, MY_PAIRS, tokens.mentor!)).myPairs;
    expect(mine.tasks[0]).toMatchObject({ done: true, doneNote: 'Написал на «4»' });

    const reopened = await ok<any>(app, MARK, tokens.mentor!, { input: { pairId: ids.pair, taskId: ids.task, done: false } });
    expect(reopened.markPlanTask.tasks[0]).toMatchObject({ done: false, doneOn: null, doneByName: null, doneNote: null });
  });

  it('the district sees that a task is done, not who marked it nor the note', async () => {
    await ok(app, MARK, tokens.mentor!, { input: { pairId: ids.pair, taskId: ids.task, done: true, note: 'Максим старался' } });
    const { pair } = await ok<any>(app, `query($id: ID!) { pair(id: $id) { tasks { title done doneByName doneNote } } }`, tokens.officer!, { id: ids.pair });
    expect(pair.tasks[0]).toEqual({ title: 'Скрыто', done: true, doneByName: null, doneNote: 'Скрыто' });
  });

  it('refuses anyone outside the pair: another pair, another school, another district, the district staff', async () => {
    const attempt = (token: string) => fails(app, MARK, token, { input: { pairId: ids.pair, taskId: ids.task, done: true, note: 'Чужая отметка' } });
    expect((await attempt(tokens.otherMentee!)).extensions?.code).toBe('BAD_USER_INPUT');
    expect((await attempt(tokens.otherMentee!)).message).toBe('Наставническая пара/группа не найдена');
    expect((await attempt(tokens.school2Mentee!)).message).toBe('Наставническая пара/группа не найдена');
    expect((await attempt(tokens.curator2!)).message).toBe('Наставническая пара/группа не найдена');
    expect((await attempt(tokens.elsewhereMentee!)).message).toBe('Наставническая пара/группа не найдена');
    expect((await attempt(tokens.elsewhereCurator!)).message).toBe('Наставническая пара/группа не найдена');
    expect((await attempt(tokens.officer!)).extensions?.code).toBe('FORBIDDEN');
    // A member of this pair cannot reach a task of another pair through it.
    const foreignTask = await fails(app, MARK, tokens.mentee!, { input: { pairId: ids.pair, taskId: ids.otherTask, done: true } });
    expect(foreignTask).toMatchObject({ message: 'Задача: такой задачи нет в плане пары', extensions: { code: 'BAD_USER_INPUT', field: 'taskId' } });

    const { pair } = await ok<any>(app, `query($id: ID!) { pair(id: $id) { tasks { doneNote } } }`, tokens.curator1!, { id: ids.pair });
    expect(JSON.stringify(pair)).not.toContain('Чужая отметка');
    const { pair: other } = await ok<any>(app, `query($id: ID!) { pair(id: $id) { tasks { done } } }`, tokens.curator1!, { id: ids.otherPair });
    expect(other.tasks.every((t: { done: boolean }) => !t.done)).toBe(true);
  });

  it('a too long note is refused in Russian naming the field, and the mark stays as it was', async () => {
    const error = await fails(app, MARK, tokens.mentee!, { input: { pairId: ids.pair, taskId: ids.task, done: false, note: 'я'.repeat(2001) } });
    expect(error).toMatchObject({ message: 'Комментарий к задаче: не более 2000 символов', extensions: { code: 'BAD_USER_INPUT', field: 'note' } });
    const [mine] = (await ok<any>(app, MY_PAIRS, tokens.mentee!)).myPairs;
    expect(mine.tasks[0]).toMatchObject({ done: true, doneNote: 'Максим старался' });
  });
});

describe('an empty matching says why', () => {
  it('counts the base: everyone in pairs, nobody free, withdrawn consents apart', async () => {
    const { suggestMatches } = await ok<any>(
      app,
      `query($p: ID!) { suggestMatches(programmeId: $p) { suggestions { mentorId } base { mentees mentors freeMentees freeMentors withoutConsent } } }`,
      tokens.curator1!,
      { p: ids.programme },
    );
    expect(suggestMatches.suggestions).toEqual([]);
    expect(suggestMatches.base).toEqual({ mentees: 2, mentors: 2, freeMentees: 0, freeMentors: 0, withoutConsent: 0 });
  });
});
