import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';
import {
  AGREEMENT,
  APPROVAL,
  asInput,
  CAMPAIGN_PAGE,
  CREATE_CAMPAIGN,
  CREATE_ROADMAP,
  decide,
  DIFF,
  fails,
  INBOX,
  MARK_DONE,
  ok,
  revision,
  ROADMAP,
  roadmapWorld,
  SAVE_REVISION,
  UNDO_DONE,
  type RoadmapWorld,
} from '../../test/roadmaps.js';

/**
 * The whole journey of issue 3 over HTTP with the real roles: the district opens a campaign, a
 * school drafts its roadmap from the template, the director returns and approves it, the district
 * comments and returns it, a new revision goes round again, the head agrees it, the curator
 * executes it, and an amendment replaces it — with the campaign page and every inbox checked on
 * the way.
 */
let app: TestApp;
let w: RoadmapWorld;

beforeAll(async () => {
  app = await startTestApp({}, { today: '2025-09-15' });
  w = await roadmapWorld(app);
});

afterAll(async () => {
  await app?.stop();
});

const ids = (list: Array<{ id: string }>) => list.map((x) => x.id);

let campaignId: string;
let roadmapId: string;
let r1: any;
let r2: any;

async function campaignPage(token = w.tokens.officer, filter?: Record<string, unknown>) {
  return (await ok<{ campaign: any }>(app, CAMPAIGN_PAGE, token, { id: campaignId, filter })).campaign;
}

async function statuses() {
  const page = await campaignPage();
  return Object.fromEntries(page.schools.items.map((s: any) => [s.organization.shortName, s.status]));
}

async function inbox(token: string) {
  return (await ok<{ inbox: any }>(app, INBOX, token)).inbox;
}

describe('journey: campaign → draft → director → district → new revision → agreed → execution → amendment', () => {
  it('1. the district officer opens a campaign for all schools; schools see it', async () => {
    const { createCampaign } = await ok<{ createCampaign: any }>(app, CREATE_CAMPAIGN, w.tokens.officer, {
      input: { title: 'Дорожные карты на 2025/2026 учебный год', academicYear: '2025/2026', dueDate: '2025-09-20' },
    });
    expect(createCampaign).toMatchObject({
      academicYear: '2025/2026',
      periodStart: '2025-09-01',
      periodEnd: '2026-08-31',
      dueDate: '2025-09-20',
      allOrganizations: true,
      organizations: [],
    });
    campaignId = createCampaign.id;

    const page = await campaignPage();
    expect(page.pastDue).toBe(false);
    expect(page.counts).toEqual({ total: 2, notStarted: 2, draft: 0, withDirector: 0, submitted: 0, returned: 0, agreed: 0, overdue: 0 });
    expect(page.schools.items.map((s: any) => s.status)).toEqual(['NOT_STARTED', 'NOT_STARTED']);

    // A school sees the campaign and only its own line of the page.
    const curatorCampaigns = await ok<{ campaigns: any }>(app, '{ campaigns { total items { id title } } }', w.tokens.curator1);
    expect(curatorCampaigns.campaigns.items).toEqual([{ id: campaignId, title: 'Дорожные карты на 2025/2026 учебный год' }]);
    const schoolView = await campaignPage(w.tokens.curator1);
    expect(schoolView.schools.items.map((s: any) => s.organizationId)).toEqual([w.school1.id]);
    expect(schoolView.counts.total).toBe(1);

    // Deadline within 7 days: in the inboxes of the officer (2 schools) and of each curator.
    const officerInbox = await inbox(w.tokens.officer);
    expect(officerInbox.deadlines).toEqual([
      expect.objectContaining({ kind: 'campaign', campaignId, dueDate: '2025-09-20', daysLeft: 5, notSubmittedCount: 2 }),
    ]);
    const curatorInbox = await inbox(w.tokens.curator1);
    expect(curatorInbox.deadlines).toEqual([expect.objectContaining({ kind: 'campaign', campaignId, organizationId: w.school1.id, notSubmittedCount: 1 })]);
  });

  it('2. the curator creates the roadmap from the standard template', async () => {
    const { createRoadmap } = await ok<{ createRoadmap: any }>(app, CREATE_ROADMAP, w.tokens.curator1, {
      input: { campaignId, programmeName: 'Вместе', source: 'TEMPLATE' },
    });
    roadmapId = createRoadmap.id;
    r1 = createRoadmap.latestRevision;
    expect(createRoadmap).toMatchObject({ level: 'SCHOOL', organization: { id: w.school1.id }, campaign: { id: campaignId }, programmeName: 'Вместе' });
    expect(createRoadmap.title).toBe('Дорожная карта реализации целевой модели наставничества «Вместе» в МОБУ «Гимназия» на 2025/2026 учебный год');
    expect(r1).toMatchObject({ number: 1, state: 'DRAFT', version: 1, editable: true, periodStart: '2025-09-01', periodEnd: '2026-08-31' });
    expect(r1.allowedActions).toEqual(['SUBMIT_TO_DIRECTOR']);
    expect(r1.sections.map((s: any) => s.title)).toEqual(['Подготовительный этап', 'Основной этап', 'Завершающий этап']);
    expect(r1.itemsCount).toBeGreaterThanOrEqual(9);
    // Deadlines were read against the period: a bare «Сентябрь» is September 2025.
    expect(r1.sections[0].items[0]).toMatchObject({ number: '1.1', deadlineText: 'Сентябрь', deadline: { kind: 'months', due: '2025-09-30' } });

    // Only one roadmap of a school per campaign.
    const again = await fails(app, CREATE_ROADMAP, w.tokens.curator1, { input: { campaignId, programmeName: 'Вместе' } });
    expect(again.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'campaignId' });

    expect(await statuses()).toEqual({ 'МОБУ «Гимназия»': 'DRAFT', 'МОБУ «СОШ № 4»': 'NOT_STARTED' });
  });

  it('3. the curator edits and saves the draft; errors keep nothing half-saved; a stale version conflicts', async () => {
    const sections = asInput(r1.sections);
    sections[0].items[0].deadlineText = 'до 10.09.2025';
    sections[0].items.push({
      number: '1.5',
      activity: 'Заседание педагогического совета о запуске программы',
      deadlineText: 'до 19.09.2025',
      responsible: 'Директор',
      expectedResult: 'Протокол',
    });
    const removed = sections[1].items.pop();
    sections[1].items.reverse();
    const { saveRoadmapRevision } = await ok<{ saveRoadmapRevision: any }>(app, SAVE_REVISION, w.tokens.curator1, {
      input: { revisionId: r1.id, expectedVersion: 1, sections },
    });
    expect(saveRoadmapRevision).toMatchObject({ version: 2, state: 'DRAFT', itemsCount: r1.itemsCount });
    r1 = await revision(app, w.tokens.curator1, r1.id);
    expect(r1.sections[0].items.map((i: any) => i.number)).toEqual(['1.1', '1.2', '1.3', '1.4', '1.5']);
    expect(r1.sections[0].items[0].deadline).toMatchObject({ kind: 'date', due: '2025-09-10', original: 'до 10.09.2025' });
    expect(r1.sections[1].items.map((i: any) => i.key)).not.toContain(removed.key);
    expect(r1.events.map((e: any) => e.action)).toEqual(['create', 'save']);
    expect(r1.events[1]).toMatchObject({ role: 'SCHOOL_CURATOR', versionAfter: 2 });
    expect(r1.events[1].summary).toContain('мероприятий: добавлено 1, удалено 1, изменено 1');
    expect(r1.events[1].changedFields).toContain('deadlineText');

    // A validation error names the item and field; nothing is written.
    const broken = asInput(r1.sections);
    broken[1].items[0].activity = '   ';
    broken[0].items[0].responsible = 'изменение, которое не должно сохраниться';
    const error = await fails(app, SAVE_REVISION, w.tokens.curator1, { input: { revisionId: r1.id, expectedVersion: 2, sections: broken } });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'sections[1].items[0].activity' });
    expect(error.message).toBe('Мероприятие: поле обязательно');
    const unchanged = await revision(app, w.tokens.curator1, r1.id);
    expect(unchanged.version).toBe(2);
    expect(unchanged.sections[0].items[0].responsible).toBe(r1.sections[0].items[0].responsible);

    // A stale version: CONFLICT, Russian message.
    const stale = await fails(app, SAVE_REVISION, w.tokens.curator1, { input: { revisionId: r1.id, expectedVersion: 1, sections: asInput(r1.sections) } });
    expect(stale.extensions).toMatchObject({ code: 'CONFLICT' });
    expect(stale.message).toBe('Редакцию уже изменил другой пользователь — обновите страницу');

    // A fine-grained edit of one item.
    const item = r1.sections[0].items[1];
    const { updateRoadmapItem } = await ok<{ updateRoadmapItem: any }>(
      app,
      `mutation($input: UpdateRoadmapItemInput!) { updateRoadmapItem(input: $input) { version } }`,
      w.tokens.curator1,
      { input: { revisionId: r1.id, expectedVersion: 2, itemKey: item.key, item: { responsible: 'Заместитель директора по ВР' } } },
    );
    expect(updateRoadmapItem.version).toBe(3);
    r1 = await revision(app, w.tokens.curator1, r1.id);
    expect(r1.sections[0].items[1].responsible).toBe('Заместитель директора по ВР');
    expect(r1.sections[0].items[1].activity).toBe(item.activity);
  });

  it('4–5. submitted to the director, who returns it with a comment; the curator sees it returned', async () => {
    r1 = await decide(app, w.tokens.curator1, r1, 'SUBMIT_TO_DIRECTOR');
    expect(r1).toMatchObject({ state: 'WITH_DIRECTOR', version: 4, editable: false });
    expect(await statuses()).toMatchObject({ 'МОБУ «Гимназия»': 'WITH_DIRECTOR' });
    expect(ids((await inbox(w.tokens.director1)).toApprove)).toEqual([r1.id]);
    expect((await inbox(w.tokens.director2)).toApprove).toEqual([]);

    // Not editable while with the director.
    const locked = await fails(app, SAVE_REVISION, w.tokens.curator1, { input: { revisionId: r1.id, expectedVersion: 4, sections: [] } });
    expect(locked.extensions).toMatchObject({ code: 'CONFLICT', reason: 'STATE' });

    const noComment = await fails(app, `mutation($input: RoadmapDecisionInput!) { decideRoadmap(input: $input) { id } }`, w.tokens.director1, {
      input: { revisionId: r1.id, expectedVersion: 4, action: 'RETURN_TO_CURATOR' },
    });
    expect(noComment.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'comment' });

    r1 = await decide(app, w.tokens.director1, r1, 'RETURN_TO_CURATOR', { comment: 'Укажите ответственных поимённо' });
    expect(r1).toMatchObject({ state: 'RETURNED_BY_DIRECTOR', version: 5 });
    expect(await statuses()).toMatchObject({ 'МОБУ «Гимназия»': 'DRAFT' });
    expect(ids((await inbox(w.tokens.curator1)).returned)).toEqual([r1.id]);
    expect((await inbox(w.tokens.director1)).toApprove).toEqual([]);
  });

  it('6. the curator fixes it, the director approves (УТВЕРЖДАЮ); a director cannot agree for the district', async () => {
    const current = await revision(app, w.tokens.curator1, r1.id);
    expect(current.comments).toEqual([
      expect.objectContaining({ body: 'Укажите ответственных поимённо', authorRole: 'SCHOOL_DIRECTOR', revisionNumber: 1, itemKey: null }),
    ]);
    const sections = asInput(current.sections);
    sections[0].items[0].responsible = 'И.И. Варламова, директор';
    const { saveRoadmapRevision } = await ok<{ saveRoadmapRevision: any }>(app, SAVE_REVISION, w.tokens.curator1, {
      input: { revisionId: r1.id, expectedVersion: r1.version, sections },
    });
    r1 = await decide(app, w.tokens.curator1, saveRoadmapRevision, 'SUBMIT_TO_DIRECTOR');

    const agree = await fails(app, `mutation($input: RoadmapDecisionInput!) { decideRoadmap(input: $input) { id } }`, w.tokens.director1, {
      input: { revisionId: r1.id, expectedVersion: r1.version, action: 'AGREE', agreement: AGREEMENT },
    });
    expect(agree.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(agree.message).toBe('Согласовать может только руководитель органа управления образованием');

    r1 = await decide(app, w.tokens.director1, r1, 'APPROVE', { approval: APPROVAL });
    expect(r1).toMatchObject({ state: 'SUBMITTED_TO_DISTRICT', approval: { ...APPROVAL, organization: 'МОБУ «Гимназия»' } });
    expect(await statuses()).toMatchObject({ 'МОБУ «Гимназия»': 'SUBMITTED' });
    expect(ids((await inbox(w.tokens.officer)).toReview)).toEqual([r1.id]);
    expect((await inbox(w.tokens.head)).toSign).toEqual([]);
    expect((await inbox(w.tokens.director1)).toApprove).toEqual([]);
    // The officer's campaign deadline now counts one school.
    expect((await inbox(w.tokens.officer)).deadlines).toEqual([expect.objectContaining({ kind: 'campaign', notSubmittedCount: 1 })]);
  });

  it('7. the district officer comments on an item and on the whole, then returns it', async () => {
    const current = await revision(app, w.tokens.officer, r1.id);
    const target = current.sections[1].items[0];
    r1 = await decide(app, w.tokens.officer, r1, 'COMMENT', { itemKey: target.key, comment: 'Уточните срок: к какой дате?' });
    expect(r1.state).toBe('IN_REVIEW');
    r1 = await decide(app, w.tokens.officer, r1, 'COMMENT', { comment: 'Добавьте показатели эффективности' });
    r1 = await decide(app, w.tokens.officer, r1, 'RETURN', { comment: 'Доработать по замечаниям' });
    expect(r1).toMatchObject({ state: 'RETURNED_BY_DISTRICT', editable: false, allowedActions: [] });
    expect(await statuses()).toMatchObject({ 'МОБУ «Гимназия»': 'RETURNED' });

    const curatorView = await revision(app, w.tokens.curator1, r1.id);
    expect(curatorView.allowedActions).toEqual(['CREATE_REVISION']);
    expect(curatorView.comments.map((c: any) => [c.action, c.itemKey, c.body])).toEqual([
      ['returnToCurator', null, 'Укажите ответственных поимённо'],
      ['comment', target.key, 'Уточните срок: к какой дате?'],
      ['comment', null, 'Добавьте показатели эффективности'],
      ['return', null, 'Доработать по замечаниям'],
    ]);
    const commented = curatorView.sections[1].items[0];
    expect(commented.comments).toEqual([expect.objectContaining({ body: 'Уточните срок: к какой дате?', authorRole: 'DISTRICT_OFFICER' })]);
    expect(ids((await inbox(w.tokens.curator1)).returned)).toEqual([r1.id]);
    expect((await inbox(w.tokens.officer)).toReview).toEqual([]);

    // The audit trail of revision 1: every decision with role and states.
    expect(curatorView.decisions.map((d: any) => `${d.action}:${d.role}:${d.fromState}→${d.toState}`)).toEqual([
      'submitToDirector:SCHOOL_CURATOR:DRAFT→WITH_DIRECTOR',
      'returnToCurator:SCHOOL_DIRECTOR:WITH_DIRECTOR→RETURNED_BY_DIRECTOR',
      'submitToDirector:SCHOOL_CURATOR:RETURNED_BY_DIRECTOR→WITH_DIRECTOR',
      'approve:SCHOOL_DIRECTOR:WITH_DIRECTOR→SUBMITTED_TO_DISTRICT',
      'comment:DISTRICT_OFFICER:SUBMITTED_TO_DISTRICT→IN_REVIEW',
      'comment:DISTRICT_OFFICER:IN_REVIEW→IN_REVIEW',
      'return:DISTRICT_OFFICER:IN_REVIEW→RETURNED_BY_DISTRICT',
    ]);
  });

  it('8–9. the curator creates revision 2 (same item keys, comments beside the items), fixes it; the diff shows the change', async () => {
    r2 = await decide(app, w.tokens.curator1, r1, 'CREATE_REVISION');
    expect(r2).toMatchObject({ number: 2, state: 'DRAFT', version: 1, editable: true, basedOn: { id: r1.id, number: 1 }, supersedes: null });
    expect(await statuses()).toMatchObject({ 'МОБУ «Гимназия»': 'DRAFT' });
    expect((await inbox(w.tokens.curator1)).returned).toEqual([]);

    const old = await revision(app, w.tokens.curator1, r1.id);
    const fresh = await revision(app, w.tokens.curator1, r2.id);
    expect(fresh.sections.flatMap((s: any) => s.items.map((i: any) => i.key))).toEqual(old.sections.flatMap((s: any) => s.items.map((i: any) => i.key)));
    const commented = fresh.sections[1].items[0];
    expect(commented.comments).toEqual([expect.objectContaining({ body: 'Уточните срок: к какой дате?', revisionNumber: 1 })]);
    // Revision 1 is no longer editable or decidable.
    expect(old.allowedActions).toEqual([]);

    const sections = asInput(fresh.sections);
    sections[1].items[0].deadlineText = 'до 30.11.2025';
    sections[1].items[0].indicator = 'Не менее 10% обучающихся';
    const { saveRoadmapRevision } = await ok<{ saveRoadmapRevision: any }>(app, SAVE_REVISION, w.tokens.curator1, {
      input: { revisionId: r2.id, expectedVersion: 1, sections },
    });
    r2 = saveRoadmapRevision;

    const { revisionDiff } = await ok<{ revisionDiff: any }>(app, DIFF, w.tokens.officer, { from: r1.id, to: r2.id });
    expect(revisionDiff.itemsAdded).toEqual([]);
    expect(revisionDiff.itemsRemoved).toEqual([]);
    expect(revisionDiff.itemsChanged).toHaveLength(1);
    expect(revisionDiff.itemsChanged[0].after.key).toBe(commented.key);
    expect(revisionDiff.itemsChanged[0].changes.map((c: any) => c.field).sort()).toEqual(['deadlineText', 'indicator']);
    expect(revisionDiff.unchangedItems).toBe(fresh.itemsCount - 1);
  });

  it('10–11. round again: director approves, officer reviews and recommends, the head agrees (СОГЛАСОВАНО)', async () => {
    r2 = await decide(app, w.tokens.curator1, r2, 'SUBMIT_TO_DIRECTOR');
    expect(ids((await inbox(w.tokens.director1)).toApprove)).toEqual([r2.id]);
    r2 = await decide(app, w.tokens.director1, r2, 'APPROVE', { approval: { ...APPROVAL, date: '2025-09-18' } });
    r2 = await decide(app, w.tokens.officer, r2, 'START_REVIEW');
    expect(r2.state).toBe('IN_REVIEW');
    expect(r2.allowedActions).toEqual(['COMMENT', 'RETURN', 'RECOMMEND_AGREEMENT']);

    // With the default setting the officer does not agree alone.
    const officerAgree = await fails(app, `mutation($input: RoadmapDecisionInput!) { decideRoadmap(input: $input) { id } }`, w.tokens.officer, {
      input: { revisionId: r2.id, expectedVersion: r2.version, action: 'AGREE', agreement: AGREEMENT },
    });
    expect(officerAgree.extensions).toMatchObject({ code: 'FORBIDDEN' });

    r2 = await decide(app, w.tokens.officer, r2, 'RECOMMEND_AGREEMENT');
    expect(r2.state).toBe('AWAITING_HEAD_SIGNATURE');
    expect(await statuses()).toMatchObject({ 'МОБУ «Гимназия»': 'SUBMITTED' });
    expect((await inbox(w.tokens.officer)).toReview).toEqual([]);
    expect(ids((await inbox(w.tokens.head)).toSign)).toEqual([r2.id]);

    r2 = await decide(app, w.tokens.head, r2, 'AGREE', { agreement: AGREEMENT });
    expect(r2).toMatchObject({
      state: 'AGREED',
      agreement: { ...AGREEMENT, authority: 'Управление образования Администрации ГО г. Тестовск' },
      allowedActions: [],
    });
    expect((await inbox(w.tokens.head)).toSign).toEqual([]);
    const { roadmap } = await ok<{ roadmap: any }>(app, ROADMAP, w.tokens.officer, { id: roadmapId });
    expect(roadmap.inForceRevision).toEqual({ id: r2.id, number: 2, state: 'AGREED' });
    expect(roadmap.revisions.map((r: any) => `${r.number}:${r.state}`)).toEqual(['1:RETURNED_BY_DISTRICT', '2:AGREED']);

    const page = await campaignPage();
    expect(page.counts).toMatchObject({ total: 2, agreed: 1, notStarted: 1, overdue: 0 });
    expect(page.schools.items.find((s: any) => s.organizationId === w.school1.id)).toMatchObject({
      status: 'AGREED',
      hasAgreedRevision: true,
      roadmap: { id: roadmapId },
    });
  });

  it('12. past the due date: overdue submission on the campaign page; the curator executes items with evidence', async () => {
    app.setToday('2025-09-25');
    const page = await campaignPage();
    expect(page.pastDue).toBe(true);
    expect(page.counts).toMatchObject({ agreed: 1, notStarted: 1, overdue: 1 });
    const overdue = await campaignPage(w.tokens.officer, { overdue: true });
    expect(overdue.schools.items.map((s: any) => s.organizationId)).toEqual([w.school2.id]);
    expect(overdue.schools.total).toBe(1);
    const agreed = await campaignPage(w.tokens.officer, { status: 'AGREED' });
    expect(agreed.schools.items.map((s: any) => s.organizationId)).toEqual([w.school1.id]);

    let current = await revision(app, w.tokens.curator1, r2.id);
    const late = current.sections[0].items[0];
    expect(late).toMatchObject({ deadlineText: 'до 10.09.2025', overdue: true, done: false, execution: null });
    const { roadmap: before } = await ok<{ roadmap: any }>(app, ROADMAP, w.tokens.curator1, { id: roadmapId });
    expect(before.execution.overdueCount).toBeGreaterThanOrEqual(2);

    // Items of the agreed roadmap due within 7 days (September items) are in the curator's inbox.
    const deadlines = (await inbox(w.tokens.curator1)).deadlines.filter((d: any) => d.kind === 'item');
    expect(deadlines.length).toBeGreaterThan(0);
    expect(deadlines.every((d: any) => d.dueDate === '2025-09-30' && d.roadmapId === roadmapId && d.daysLeft === 5)).toBe(true);

    const { markItemDone } = await ok<{ markItemDone: any }>(app, MARK_DONE, w.tokens.curator1, {
      input: {
        itemId: late.id,
        doneOn: '2025-09-12',
        documentNumber: 'приказ № 336',
        documentDate: '2025-09-12',
        note: 'Приказы изданы',
        url: 'https://gimnaziya.example.ru/docs/336',
      },
    });
    expect(markItemDone).toMatchObject({
      done: true,
      overdue: false,
      execution: { doneOn: '2025-09-12', documentNumber: 'приказ № 336', url: 'https://gimnaziya.example.ru/docs/336' },
    });
    const { roadmap: after } = await ok<{ roadmap: any }>(app, ROADMAP, w.tokens.curator1, { id: roadmapId });
    expect(after.execution).toMatchObject({ doneCount: 1, overdueCount: before.execution.overdueCount - 1 });

    // Undo, and mark again; a director cannot mark; a bad link names the field.
    const { undoItemDone } = await ok<{ undoItemDone: any }>(app, UNDO_DONE, w.tokens.curator1, { id: late.id });
    expect(undoItemDone).toMatchObject({ done: false, overdue: true, execution: null });
    const byDirector = await fails(app, MARK_DONE, w.tokens.director1, { input: { itemId: late.id } });
    expect(byDirector.extensions?.code).toBe('FORBIDDEN');
    const badUrl = await fails(app, MARK_DONE, w.tokens.curator1, { input: { itemId: late.id, url: 'javascript:alert(1)' } });
    expect(badUrl.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'url' });
    await ok(app, MARK_DONE, w.tokens.curator1, { input: { itemId: late.id, documentNumber: 'приказ № 336' } });

    current = await revision(app, w.tokens.curator1, r2.id);
    expect(current.events.map((e: any) => e.action)).toEqual(expect.arrayContaining(['markDone', 'undoDone']));
    expect(current.sections[0].items[0].execution).toMatchObject({ done: true, doneOn: '2025-09-25' });
  });

  it('13. an amendment: a new revision while the agreed one stays in force, until the amendment is agreed', async () => {
    const r3draft = await decide(app, w.tokens.curator1, r2, 'CREATE_REVISION');
    expect(r3draft).toMatchObject({ number: 3, state: 'DRAFT', basedOn: { number: 2 }, supersedes: { id: r2.id, number: 2 } });
    let { roadmap } = await ok<{ roadmap: any }>(app, ROADMAP, w.tokens.officer, { id: roadmapId });
    expect(roadmap.inForceRevision).toMatchObject({ id: r2.id, state: 'AGREED' });
    expect(roadmap.latestRevision).toMatchObject({ number: 3, state: 'DRAFT' });
    const page = await campaignPage();
    expect(page.schools.items.find((s: any) => s.organizationId === w.school1.id)).toMatchObject({ status: 'DRAFT', hasAgreedRevision: true });

    // Execution marks follow the item keys: the amendment shows them too.
    const draft = await revision(app, w.tokens.curator1, r3draft.id);
    expect(draft.sections[0].items[0]).toMatchObject({ done: true });
    // The agreed revision takes no new revision while its amendment is under way.
    const twice = await fails(app, `mutation($input: RoadmapDecisionInput!) { decideRoadmap(input: $input) { id } }`, w.tokens.curator1, {
      input: { revisionId: r2.id, expectedVersion: r2.version + 1, action: 'CREATE_REVISION' },
    });
    expect(twice.extensions?.code).toBe('CONFLICT');

    const sections = asInput(draft.sections);
    sections[2].items.push({ number: '3.4', activity: 'Публикация итогов на сайте', deadlineText: 'Июнь' });
    const { saveRoadmapRevision } = await ok<{ saveRoadmapRevision: any }>(app, SAVE_REVISION, w.tokens.curator1, {
      input: { revisionId: r3draft.id, expectedVersion: 1, sections },
    });
    let r3 = await decide(app, w.tokens.curator1, saveRoadmapRevision, 'SUBMIT_TO_DIRECTOR');
    r3 = await decide(app, w.tokens.director1, r3, 'APPROVE', { approval: APPROVAL });
    r3 = await decide(app, w.tokens.officer, r3, 'RECOMMEND_AGREEMENT');
    ({ roadmap } = await ok<{ roadmap: any }>(app, ROADMAP, w.tokens.officer, { id: roadmapId }));
    expect(roadmap.inForceRevision.id).toBe(r2.id);
    r3 = await decide(app, w.tokens.head, r3, 'AGREE', { agreement: AGREEMENT });
    expect(r3.state).toBe('AGREED');

    ({ roadmap } = await ok<{ roadmap: any }>(app, ROADMAP, w.tokens.officer, { id: roadmapId }));
    expect(roadmap.inForceRevision).toMatchObject({ id: r3.id, number: 3 });
    expect(roadmap.revisions.map((r: any) => `${r.number}:${r.state}`)).toEqual(['1:RETURNED_BY_DISTRICT', '2:SUPERSEDED', '3:AGREED']);
    expect(roadmap.execution).toMatchObject({ itemsCount: r3.itemsCount, doneCount: 1 });
    const superseded = await revision(app, w.tokens.officer, r2.id);
    expect(superseded.events.at(-1)).toMatchObject({ action: 'supersede', toState: 'SUPERSEDED', role: 'DISTRICT_HEAD' });
    expect((await campaignPage()).counts).toMatchObject({ agreed: 1, notStarted: 1 });
  });
});
