import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { APPROVAL, asInput, CREATE_ROADMAP, DECIDE, decide, ok, revision, roadmapWorld, SAVE_REVISION, type RoadmapWorld } from '../../test/roadmaps.js';
import { RoadmapEvent } from './event.entity.js';
import { claimRevision } from './access.js';
import { RoadmapItem } from './item.entity.js';
import { RoadmapRevision } from './revision.entity.js';

/**
 * Optimistic locking over HTTP: two people acting on the same revision at once with the same
 * expected version — exactly one wins, the other gets CONFLICT with the Russian message, and
 * nothing of the loser is written (no half-saved content, no audit record).
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

const CONFLICT_MESSAGE = 'Редакцию уже изменил другой пользователь — обновите страницу';

async function newDraft() {
  const { createRoadmap } = await ok<{ createRoadmap: any }>(app, CREATE_ROADMAP, w.tokens.curator1, {
    input: { programmeName: 'Вместе', source: 'TEMPLATE', periodStart: '2025-09-01', periodEnd: '2026-08-31' },
  });
  return createRoadmap.latestRevision;
}

function tenantEm() {
  return app.orm.em.fork({ schema: w.district.schemaName });
}

describe('concurrent decisions and saves', () => {
  it('two decisions with the same expected version: one wins, the other gets CONFLICT', async () => {
    for (let round = 0; round < 5; round++) {
      const draft = await newDraft();
      const withDirector = await decide(app, w.tokens.curator1, draft, 'SUBMIT_TO_DIRECTOR');
      const input = (action: string, extra: Record<string, unknown>) => ({
        input: { revisionId: withDirector.id, expectedVersion: withDirector.version, action, ...extra },
      });
      const [approve, giveBack] = await Promise.all([
        app.gql(DECIDE, { token: w.tokens.director1, variables: input('APPROVE', { approval: APPROVAL }) }),
        app.gql(DECIDE, { token: w.tokens.director1, variables: input('RETURN_TO_CURATOR', { comment: 'Доработать' }) }),
      ]);
      const outcomes = [approve, giveBack].map((r) => (r.body.errors ? r.body.errors[0]!.extensions?.code : 'OK'));
      expect(outcomes.sort()).toEqual(['CONFLICT', 'OK']);
      const loser = [approve, giveBack].find((r) => r.body.errors)!;
      expect(loser.body.errors![0]!.message).toBe(CONFLICT_MESSAGE);
      const winner = [approve, giveBack].find((r) => !r.body.errors)!.body.data!.decideRoadmap;
      expect(winner.version).toBe(withDirector.version + 1);
      // Exactly one decision recorded after the submission.
      const events = await tenantEm().find(RoadmapEvent, { revision: withDirector.id }, { orderBy: { at: 'asc', id: 'asc' } });
      expect(events.map((e) => e.action)).toEqual(['create', 'submitToDirector', winner.state === 'SUBMITTED_TO_DISTRICT' ? 'approve' : 'returnToCurator']);
    }
  });

  it('two saves of the same version: one wins, the other gets CONFLICT; the content is the winner’s, whole', async () => {
    for (let round = 0; round < 5; round++) {
      const draft = await revision(app, w.tokens.curator1, (await newDraft()).id);
      const mine = asInput(draft.sections);
      mine[0].items[0].activity = 'Версия Анны';
      mine[0].items.push({ activity: 'Добавила Анна' });
      const theirs = asInput(draft.sections);
      theirs[0].items[0].activity = 'Версия Бориса';
      theirs.pop();
      const save = (sections: unknown) =>
        app.gql(SAVE_REVISION, { token: w.tokens.curator1, variables: { input: { revisionId: draft.id, expectedVersion: 1, sections } } });
      const [a, b] = await Promise.all([save(mine), save(theirs)]);
      const codes = [a, b].map((r) => (r.body.errors ? r.body.errors[0]!.extensions?.code : 'OK')).sort();
      expect(codes).toEqual(['CONFLICT', 'OK']);
      const annaWon = !a.body.errors;
      const after = await revision(app, w.tokens.curator1, draft.id);
      expect(after.version).toBe(2);
      const activities = after.sections.flatMap((s: any) => s.items.map((i: any) => i.activity));
      if (annaWon) {
        expect(activities).toContain('Версия Анны');
        expect(activities).toContain('Добавила Анна');
        expect(after.sections).toHaveLength(3);
      } else {
        expect(activities).toContain('Версия Бориса');
        expect(activities).not.toContain('Добавила Анна');
        expect(after.sections).toHaveLength(2);
      }
      expect(await tenantEm().count(RoadmapItem, { revision: draft.id })).toBe(activities.length);
      const saves = await tenantEm().count(RoadmapEvent, { revision: draft.id, action: 'save' });
      expect(saves).toBe(1);
    }
  });

  it('a save racing a submission: the loser is refused, the revision is consistent', async () => {
    const draft = await revision(app, w.tokens.curator1, (await newDraft()).id);
    const sections = asInput(draft.sections);
    sections[0].items[0].activity = 'Поздняя правка';
    const [saved, submitted] = await Promise.all([
      app.gql(SAVE_REVISION, { token: w.tokens.curator1, variables: { input: { revisionId: draft.id, expectedVersion: 1, sections } } }),
      app.gql(DECIDE, { token: w.tokens.curator1, variables: { input: { revisionId: draft.id, expectedVersion: 1, action: 'SUBMIT_TO_DIRECTOR' } } }),
    ]);
    const codes = [saved, submitted].map((r) => (r.body.errors ? r.body.errors[0]!.extensions?.code : 'OK')).sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    const after = await revision(app, w.tokens.curator1, draft.id);
    expect(after.version).toBe(2);
    expect(after.state).toBe(submitted.body.errors ? 'DRAFT' : 'WITH_DIRECTOR');
    expect(after.sections[0].items[0].activity === 'Поздняя правка').toBe(!saved.body.errors);
  });

  it('the lock itself: a claim waiting on another transaction fails once that one commits', async () => {
    const draft = await newDraft();
    const row = await tenantEm().findOneOrFail(RoadmapRevision, { id: draft.id });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let claimed!: () => void;
    const firstClaimed = new Promise<void>((resolve) => (claimed = resolve));
    const first = tenantEm().transactional(async (em) => {
      await claimRevision(em, row, 1, { title: 'Первый' }, new Date());
      claimed();
      await held;
    });
    await firstClaimed;
    // The second claim blocks on the row lock until the first commits, then finds version 2.
    const second = tenantEm().transactional((em) => claimRevision(em, row, 1, { title: 'Второй' }, new Date()));
    // Attach the expectation now: `second` may reject before `await first` returns, and a
    // rejection without a handler at that moment is reported as an unhandled error.
    const secondFails = expect(second).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    await first;
    await secondFails;
    const after = await tenantEm().findOneOrFail(RoadmapRevision, { id: draft.id });
    expect([after.version, after.title]).toEqual([2, 'Первый']);
  });
});
