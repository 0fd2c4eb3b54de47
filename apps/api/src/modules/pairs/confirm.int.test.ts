import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { ownPairWorld, type OwnPairWorld } from '../../test/pairs.js';
import { fails, ok } from '../../test/roadmaps.js';

/** Confirming pairs (issue 15, item 2): every problem of every row at once, each naming its row and field; nothing saved. */
let app: TestApp;
let world: OwnPairWorld;

beforeAll(async () => {
  app = await startTestApp({}, { today: '2026-10-15' });
  world = await ownPairWorld(app);
});

afterAll(async () => {
  await app?.stop();
});

const CONFIRM = `mutation($p: ID!, $pairs: [ConfirmPairInput!]!) { confirmPairs(programmeId: $p, pairs: $pairs) { id } }`;

describe('confirming pairs', () => {
  it('reports the problems of all rows together, and saves none of them', async () => {
    const { ids, tokens } = world;
    const error = await fails(app, CONFIRM, tokens.curator1!, {
      p: ids.programme,
      pairs: [
        // Both already in a pair, and a period that ends before it starts.
        { mentorId: ids.mentor, menteeIds: [ids.mentee], startDate: '2026-11-01', endDate: '2026-10-01' },
        // No mentee, and a date that is no date.
        { mentorId: ids.mentor, menteeIds: [], startDate: '2026-13-01', endDate: '2027-05-31' },
      ],
    });
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = (error.extensions?.fields as Array<{ field: string }>).map((issue) => issue.field);
    expect(fields).toEqual(['pairs[0].mentorId', 'pairs[0].menteeIds[0]', 'pairs[0].endDate', 'pairs[1].menteeIds', 'pairs[1].mentorId', 'pairs[1].startDate']);
    const { pairs } = await ok<{ pairs: unknown[] }>(app, `query($p: ID!) { pairs(programmeId: $p) { id } }`, tokens.curator1!, { p: ids.programme });
    expect(pairs).toHaveLength(2);
  });
});
