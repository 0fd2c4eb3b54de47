import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { asInput, CREATE_CAMPAIGN, CREATE_ROADMAP, fails, ok, revision, roadmapWorld, SAVE_REVISION, type RoadmapWorld } from '../../test/roadmaps.js';

/** Creating from a copy, item-by-item edits, header and content validation, warnings, the admin's campaign. */
let app: TestApp;
let w: RoadmapWorld;

beforeAll(async () => {
  app = await startTestApp({}, { today: '2025-09-15' });
  w = await roadmapWorld(app);
});

afterAll(async () => {
  await app?.stop();
});

const ITEM_OP = (name: string, input: string) => `mutation($input: ${input}!) { ${name}(input: $input) { id version itemsCount } }`;

describe('creating and editing', () => {
  it("COPY: the latest revision of last year's roadmap, with new keys and deadlines read against the new period", async () => {
    const { createRoadmap: lastYear } = await ok<{ createRoadmap: any }>(app, CREATE_ROADMAP, w.tokens.curator1, {
      input: { programmeName: 'Вместе', source: 'EMPTY', periodStart: '2024-09-01', periodEnd: '2025-08-31' },
    });
    expect(lastYear.title).toBe('Дорожная карта реализации целевой модели наставничества «Вместе» в МОБУ «Гимназия» на 2024/2025 учебный год');
    await ok(app, SAVE_REVISION, w.tokens.curator1, {
      input: {
        revisionId: lastYear.latestRevision.id,
        expectedVersion: 1,
        sections: [
          {
            title: 'Подготовительный этап',
            task: 'Задача этапа: информирование',
            items: [{ number: '1.1', activity: 'Информирование родителей', deadlineText: 'Сентябрь' }],
          },
        ],
      },
    });
    const { createRoadmap: copy } = await ok<{ createRoadmap: any }>(app, CREATE_ROADMAP, w.tokens.curator1, {
      input: { programmeName: 'Вместе', source: 'COPY', copyFromRoadmapId: lastYear.id, periodStart: '2025-09-01', periodEnd: '2026-08-31' },
    });
    const [section] = copy.latestRevision.sections;
    expect(section).toMatchObject({ title: 'Подготовительный этап', task: 'Задача этапа: информирование' });
    expect(section.items).toEqual([
      expect.objectContaining({ number: '1.1', activity: 'Информирование родителей', deadline: { kind: 'months', due: '2025-09-30' } }),
    ]);
    const old = await revision(app, w.tokens.curator1, lastYear.latestRevision.id);
    expect(section.items[0].key).not.toBe(old.sections[0].items[0].key);
    // Without a named source: the organisation's most recent roadmap.
    const { createRoadmap: auto } = await ok<{ createRoadmap: any }>(app, CREATE_ROADMAP, w.tokens.curator1, {
      input: { programmeName: 'Вместе', source: 'COPY', periodStart: '2026-09-01', periodEnd: '2027-08-31' },
    });
    expect(auto.latestRevision.sections[0].items[0].deadline.due).toBe('2026-09-30');
    // A school without roadmaps has nothing to copy.
    const none = await fails(app, CREATE_ROADMAP, w.tokens.curator2, { input: { programmeName: 'Вместе', source: 'COPY' } });
    expect(none.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'copyFromRoadmapId' });
  });

  it('item by item: add, update, move, remove — each with the version, each in the audit trail', async () => {
    const { createRoadmap } = await ok<{ createRoadmap: any }>(app, CREATE_ROADMAP, w.tokens.curator1, { input: { programmeName: 'Вместе' } });
    let current = createRoadmap.latestRevision;
    const [first, second] = current.sections;
    const count = current.itemsCount;

    const added = (
      await ok<{ addRoadmapItem: any }>(app, ITEM_OP('addRoadmapItem', 'AddRoadmapItemInput'), w.tokens.curator1, {
        input: {
          revisionId: current.id,
          expectedVersion: 1,
          sectionKey: first.key,
          position: 0,
          item: { number: '1.0', activity: 'Новое первое мероприятие', deadlineText: 'до 25.09.2025' },
        },
      })
    ).addRoadmapItem;
    expect(added).toMatchObject({ version: 2, itemsCount: count + 1 });
    current = await revision(app, w.tokens.curator1, current.id);
    const newItem = current.sections[0].items[0];
    expect(newItem).toMatchObject({ number: '1.0', activity: 'Новое первое мероприятие', deadline: { kind: 'date', due: '2025-09-25' } });

    await ok(app, ITEM_OP('moveRoadmapItem', 'MoveRoadmapItemInput'), w.tokens.curator1, {
      input: { revisionId: current.id, expectedVersion: 2, itemKey: newItem.key, sectionKey: second.key, position: 1 },
    });
    current = await revision(app, w.tokens.curator1, current.id);
    expect(current.sections[1].items[1].key).toBe(newItem.key);
    expect(current.sections[1].items[1].sectionKey).toBe(second.key);

    const stale = await fails(app, ITEM_OP('removeRoadmapItem', 'RemoveRoadmapItemInput'), w.tokens.curator1, {
      input: { revisionId: current.id, expectedVersion: 2, itemKey: newItem.key },
    });
    expect(stale.extensions?.code).toBe('CONFLICT');
    await ok(app, ITEM_OP('removeRoadmapItem', 'RemoveRoadmapItemInput'), w.tokens.curator1, {
      input: { revisionId: current.id, expectedVersion: 3, itemKey: newItem.key },
    });
    const unknown = await fails(app, ITEM_OP('removeRoadmapItem', 'RemoveRoadmapItemInput'), w.tokens.curator1, {
      input: { revisionId: current.id, expectedVersion: 4, itemKey: newItem.key },
    });
    expect(unknown.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'itemKey' });
    current = await revision(app, w.tokens.curator1, current.id);
    expect(current.itemsCount).toBe(count);
    expect(current.events.map((e: any) => e.action)).toEqual(['create', 'save', 'save', 'save']);
    expect(current.events.map((e: any) => e.summary)).toEqual([
      null,
      'мероприятий: добавлено 1',
      expect.stringContaining('мероприятий: изменено 1 (Раздел)'),
      'мероприятий: удалено 1',
    ]);
  });

  it('validation: header, sizes, keys; unrecognized deadlines are kept as text with a warning', async () => {
    const { createRoadmap } = await ok<{ createRoadmap: any }>(app, CREATE_ROADMAP, w.tokens.curator1, { input: { programmeName: 'Вместе', source: 'EMPTY' } });
    const id = createRoadmap.latestRevision.id;
    const save = (input: Record<string, unknown>) =>
      fails(app, SAVE_REVISION, w.tokens.curator1, { input: { revisionId: id, expectedVersion: 1, sections: [], ...input } });

    expect((await save({ periodStart: '2026-09-01', periodEnd: '2026-01-01' })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'periodEnd' });
    expect((await save({ periodStart: '31.08.2025' })).extensions).toMatchObject({ field: 'periodStart' });
    expect((await save({ programmeName: ' ' })).message).toBe('Название программы: поле обязательно');
    expect((await save({ sections: [{ title: '', items: [] }] })).extensions).toMatchObject({ field: 'sections[0].title' });
    expect((await save({ sections: [{ key: 'not-a-uuid', title: 'Раздел', items: [] }] })).extensions).toMatchObject({ field: 'sections[0].key' });
    const tooLong = await save({ sections: [{ title: 'Раздел', items: [{ activity: 'x', number: '1'.repeat(21) }] }] });
    expect(tooLong).toMatchObject({ message: '№: не более 20 символов', extensions: { field: 'sections[0].items[0].number' } });
    const many = await save({ sections: [{ title: 'Раздел', items: Array.from({ length: 501 }, (_, i) => ({ activity: `М${i}` })) }] });
    expect(many.extensions).toMatchObject({ field: 'sections' });
    const duplicate = '0190a000-0000-7000-8000-000000000001';
    const twice = await save({
      sections: [
        {
          title: 'Раздел',
          items: [
            { key: duplicate, activity: 'a' },
            { key: duplicate, activity: 'b' },
          ],
        },
      ],
    });
    expect(twice.extensions).toMatchObject({ field: 'sections[0].items[1].key' });

    const { saveRoadmapRevision } = await ok<{ saveRoadmapRevision: any }>(app, SAVE_REVISION, w.tokens.curator1, {
      input: { revisionId: id, expectedVersion: 1, sections: [{ title: 'Раздел', items: [{ activity: 'Мероприятие', deadlineText: 'когда-нибудь потом' }] }] },
    });
    expect(saveRoadmapRevision.version).toBe(2);
    const saved = await revision(app, w.tokens.curator1, id);
    expect(saved.sections[0].items[0]).toMatchObject({
      deadlineText: 'когда-нибудь потом',
      deadline: { kind: 'unrecognized', original: 'когда-нибудь потом' },
      overdue: false,
    });
    expect(saved.warnings).toEqual([{ field: 'sections[0].items[0].deadlineText', message: 'Срок: не распознан — сохранён как текст', severity: 'warning' }]);
    // And the typed content survives a round trip unchanged.
    const again = await ok<{ saveRoadmapRevision: any }>(app, SAVE_REVISION, w.tokens.curator1, {
      input: { revisionId: id, expectedVersion: 2, sections: asInput(saved.sections) },
    });
    expect((await revision(app, w.tokens.curator1, id)).events.at(-1).summary).toBe('без изменений');
    expect(again.saveRoadmapRevision.version).toBe(3);

    // A deadline after the roadmap's period is kept as written, with a warning naming the period.
    const yearAfter = Number(saved.periodEnd.slice(0, 4)) + 1;
    await ok(app, SAVE_REVISION, w.tokens.curator1, {
      input: {
        revisionId: id,
        expectedVersion: 3,
        sections: [{ title: 'Раздел', items: [{ activity: 'Мероприятие', deadlineText: `Сентябрь ${yearAfter}` }] }],
      },
    });
    const late = await revision(app, w.tokens.curator1, id);
    const period = [saved.periodStart, saved.periodEnd].map((d: string) => d.split('-').reverse().join('.')).join('–');
    expect(late.sections[0].items[0].deadlineText).toBe(`Сентябрь ${yearAfter}`);
    expect(late.warnings).toEqual([
      {
        field: 'sections[0].items[0].deadlineText',
        message: `Срок: вне периода дорожной карты (${period}) — мероприятие не попадёт в мониторинг и контроль просрочек этого периода`,
        severity: 'warning',
      },
    ]);
  });

  it('a platform admin opens a campaign for chosen schools in a district named by X-District-Id', async () => {
    const input = { title: 'Дорожные карты на 2026/2027 учебный год', academicYear: '2026/2027', dueDate: '2026-09-20', organizationIds: [w.school2.id] };
    const withoutDistrict = await app.gql(CREATE_CAMPAIGN, { token: w.tokens.admin, variables: { input } });
    expect(withoutDistrict.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const { createCampaign } = await ok<{ createCampaign: any }>(app, CREATE_CAMPAIGN, w.tokens.admin, { input }, { 'x-district-id': w.district.id });
    expect(createCampaign).toMatchObject({ allOrganizations: false, organizations: [{ id: w.school2.id }], periodStart: '2026-09-01' });
    // Addressed to school 2 only: school 1 neither sees it nor answers it.
    expect((await ok<{ campaigns: any }>(app, '{ campaigns { total } }', w.tokens.curator1)).campaigns.total).toBe(0);
    expect((await ok<{ campaigns: any }>(app, '{ campaigns { total } }', w.tokens.curator2)).campaigns.total).toBe(1);
    const bad = await fails(app, CREATE_CAMPAIGN, w.tokens.officer, { input: { ...input, academicYear: '2026-2027' } });
    expect(bad.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'academicYear' });
    const foreign = await fails(app, CREATE_CAMPAIGN, w.tokens.officer, { input: { ...input, organizationIds: ['0190a000-0000-7000-8000-000000000009'] } });
    expect(foreign.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organizationIds' });
  });
});
