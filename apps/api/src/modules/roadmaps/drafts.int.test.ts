import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDistrict, createOrganization, createRegion, groups } from '../../test/factories.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { asInput, CREATE_ROADMAP, decide, fails, ok, revision, roadmapWorld, SAVE_REVISION, type RoadmapWorld } from '../../test/roadmaps.js';

/** The roadmap editor's drafts on the server: per author per roadmap, never anyone else's, dropped on saving the revision. */
let app: TestApp;
let w: RoadmapWorld;
let roadmap: { id: string; latestRevision: any };
let otherCuratorOfSchool1: string;
let curatorOfOtherDistrict: string;

const DRAFT = /* GraphQL */ `
  query ($id: ID!) {
    roadmapDraft(roadmapId: $id) {
      id
      revisionId
      baseVersion
      content
      updatedAt
    }
  }
`;
const SAVE_DRAFT = /* GraphQL */ `
  mutation ($input: SaveRoadmapDraftInput!) {
    saveRoadmapDraft(input: $input) {
      id
      revisionId
      baseVersion
      content
      updatedAt
    }
  }
`;
const DISCARD = /* GraphQL */ `
  mutation ($id: ID!) {
    discardRoadmapDraft(roadmapId: $id)
  }
`;

const content = (title: string) =>
  JSON.stringify({ header: { title, programmeName: 'Вместе', periodStart: '01.09.2025', periodEnd: '31.08.2026' }, sections: [] });
const draftOf = async (token: string, id = roadmap.id) => (await ok<{ roadmapDraft: any }>(app, DRAFT, token, { id })).roadmapDraft;
const saveDraft = (token: string, text: string, rev = roadmap.latestRevision) =>
  app.gql<{ saveRoadmapDraft: any }>(SAVE_DRAFT, { token, variables: { input: { revisionId: rev.id, baseVersion: rev.version, content: text } } });

beforeAll(async () => {
  app = await startTestApp({}, { today: '2025-09-15' });
  w = await roadmapWorld(app);
  roadmap = (await ok<{ createRoadmap: any }>(app, CREATE_ROADMAP, w.tokens.curator1, { input: { programmeName: 'Вместе' } })).createRoadmap;
  otherCuratorOfSchool1 = await app.tokenFor('school-curator', [groups.organization(w.region, w.district, w.school1)], 'sosh4.curator');
  const region = await createRegion(app.orm, { name: 'Другая область' });
  const district = await createDistrict(app.orm, region, { name: 'ГО г. Другой' });
  const school = await createOrganization(app.orm, district, { shortName: 'МОБУ «Другая школа»' });
  curatorOfOtherDistrict = await app.tokenFor('school-curator', [groups.organization(region, district, school)], 'gimnaziya.curator');
});

afterAll(async () => {
  await app?.stop();
});

describe('the editor draft on the server', () => {
  it('is saved, overwritten and read back by its author (another device reads the same)', async () => {
    expect(await draftOf(w.tokens.curator1)).toBeNull();
    const first = await saveDraft(w.tokens.curator1, content('Первый вариант'));
    expect(first.body.errors).toBeUndefined();
    const second = await saveDraft(w.tokens.curator1, content('Второй вариант'));
    expect(second.body.data!.saveRoadmapDraft.id).toBe(first.body.data!.saveRoadmapDraft.id);
    const read = await draftOf(w.tokens.curator1);
    expect(read).toMatchObject({ revisionId: roadmap.latestRevision.id, baseVersion: roadmap.latestRevision.version });
    expect(JSON.parse(read.content).header.title).toBe('Второй вариант');
  });

  it('another author of the same roadmap has their own draft and never sees this one', async () => {
    expect(await draftOf(otherCuratorOfSchool1)).toBeNull();
    expect((await saveDraft(otherCuratorOfSchool1, content('Чужой вариант'))).body.errors).toBeUndefined();
    expect(JSON.parse((await draftOf(otherCuratorOfSchool1)).content).header.title).toBe('Чужой вариант');
    expect(JSON.parse((await draftOf(w.tokens.curator1)).content).header.title).toBe('Второй вариант');
    expect(await ok(app, DISCARD, otherCuratorOfSchool1, { id: roadmap.id })).toEqual({ discardRoadmapDraft: true });
    expect(await draftOf(otherCuratorOfSchool1)).toBeNull();
    expect(await draftOf(w.tokens.curator1)).not.toBeNull();
  });

  it('a curator of another school or of another district can neither read nor write it', async () => {
    for (const token of [w.tokens.curator2, curatorOfOtherDistrict]) {
      expect((await fails(app, DRAFT, token, { id: roadmap.id })).extensions).toMatchObject({ code: 'NOT_FOUND' });
      const write = await saveDraft(token, content('Подмена'));
      expect(write.body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
      expect((await fails(app, DISCARD, token, { id: roadmap.id })).extensions).toMatchObject({ code: 'NOT_FOUND' });
    }
    expect(JSON.parse((await draftOf(w.tokens.curator1)).content).header.title).toBe('Второй вариант');
  });

  it('who may read the roadmap but not edit it (its director, the district officer) gets no draft', async () => {
    for (const token of [w.tokens.director1, w.tokens.officer]) {
      const read = await app.gql(DRAFT, { token, variables: { id: roadmap.id } });
      expect(read.body.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN/);
      expect(read.body.data?.roadmapDraft ?? null).toBeNull();
      expect((await saveDraft(token, content('Не автор'))).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('bad content is refused with a Russian message naming the field, the stored draft intact', async () => {
    for (const text of ['не json', '[]', JSON.stringify({ header: {} }), JSON.stringify({ header: {}, sections: ['x'.repeat(500_000)] })]) {
      const result = await saveDraft(w.tokens.curator1, text);
      expect(result.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'content' });
      expect(result.body.errors?.[0]?.message).toMatch(/^Черновик: /);
    }
    expect(JSON.parse((await draftOf(w.tokens.curator1)).content).header.title).toBe('Второй вариант');
  });

  it('saving the revision drops the author’s draft; a submitted revision takes no draft', async () => {
    const current = await revision(app, w.tokens.curator1, roadmap.latestRevision.id);
    const saved = (
      await ok<{ saveRoadmapRevision: any }>(app, SAVE_REVISION, w.tokens.curator1, {
        input: { revisionId: current.id, expectedVersion: current.version, sections: asInput(current.sections) },
      })
    ).saveRoadmapRevision;
    expect(await draftOf(w.tokens.curator1)).toBeNull();
    // A draft push of the version before the save (still on its way) does not bring the draft back.
    const late = await saveDraft(w.tokens.curator1, content('Запоздавший'), current);
    expect(late.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'VERSION' });
    expect(await draftOf(w.tokens.curator1)).toBeNull();
    const submitted = await decide(app, w.tokens.curator1, saved, 'SUBMIT_TO_DIRECTOR');
    const refused = await saveDraft(w.tokens.curator1, content('После отправки'), submitted);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'STATE' });
    expect(await draftOf(w.tokens.curator1)).toBeNull();
  });
});
