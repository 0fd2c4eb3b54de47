import { normalizeTags } from '@nastavnik/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { fails, ok, roadmapWorld, type RoadmapWorld } from '../../test/roadmaps.js';

/**
 * Tags for the selected participants at once (issue 15): all or nothing with a reason per refused
 * row; another school's participant in the selection refuses everything; only the school's managers.
 */
let app: TestApp;
let w: RoadmapWorld;

const ADD = `mutation($ids: [ID!]!, $tags: [String!]!) { addParticipantTags(participantIds: $ids, tags: $tags) { id tags } }`;
const sql = <T = any>(query: string, params: unknown[] = []) => app.orm.em.getConnection().execute<T[]>(query, params);
const tagsOf = async (ids: string[]) =>
  (await sql(`select id::text, tags from "${w.district.schemaName}"."participant" where id = any(?::uuid[]) order by id`, [`{${ids.join(',')}}`])).map(
    (row) => row.tags as string[],
  );

async function mentees(token: string, name: string, people: Array<[string, string[]]>): Promise<string[]> {
  const { createProgramme } = await ok<{ createProgramme: any }>(app, `mutation($input: ProgrammeInput!) { createProgramme(input: $input) { id } }`, token, {
    input: { name, forms: ['teacher-pupil'], periodStart: '2025-09-01', periodEnd: '2026-08-31' },
  });
  const ids: string[] = [];
  for (const [lastName, tags] of people) {
    const { createParticipant } = await ok<{ createParticipant: any }>(
      app,
      `mutation($input: CreateParticipantInput!) { createParticipant(input: $input) { id } }`,
      token,
      {
        input: {
          programmeId: createProgramme.id,
          role: 'MENTEE',
          lastName,
          firstName: 'Мария',
          category: 'pupil',
          birthDate: '2012-03-01',
          classOrPosition: '7 «Б»',
          tags,
          consents: [
            {
              givenBy: 'representative',
              representativeName: 'Иванова Елена Петровна',
              representativeRelation: 'mother',
              representativeDocument: 'Св-во II-АР № 1',
              textVersion: 'v1',
              signedOn: '2025-09-05',
            },
          ],
        },
      },
    );
    ids.push(createParticipant.id);
  }
  return ids;
}

beforeAll(async () => {
  app = await startTestApp({}, { today: '2025-10-15' });
  w = await roadmapWorld(app);
});

afterAll(async () => {
  await app?.stop();
});

describe('adding tags to the selected participants', () => {
  it('another school’s participant in the selection refuses all; then the own ones get the tag, kept once', async () => {
    const own = await mentees(w.tokens.curator1, 'Гимназия: метки', [
      ['Иванова', ['математика']],
      ['Петрова', []],
    ]);
    const [foreign] = await mentees(w.tokens.curator2, 'СОШ: метки', [['Сидорова', ['чтение']]]);
    const before = await tagsOf([...own, foreign!]);
    const foreignBefore = await tagsOf([foreign!]);

    const error = await fails(app, ADD, w.tokens.curator1, { ids: [...own, foreign!, 'nonsense'], tags: ['олимпиады'] });
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.message).toBe('Ничего не сделано: 2 из 4 нельзя обработать — причины указаны в строках');
    expect(error.extensions?.rows).toEqual([
      { id: foreign, reason: 'Не найдено или нет доступа' },
      { id: 'nonsense', reason: 'Не найдено или нет доступа' },
    ]);
    expect(await tagsOf([...own, foreign!])).toEqual(before);

    for (const token of [w.tokens.officer, w.tokens.coordinator]) {
      expect((await fails(app, ADD, token, { ids: own, tags: ['олимпиады'] }, { 'x-district-id': w.district.id })).extensions?.code).toBe('FORBIDDEN');
    }
    expect((await fails(app, ADD, w.tokens.curator1, { ids: own, tags: ['  '] })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'tags' });
    expect(await tagsOf([...own, foreign!])).toEqual(before);

    const { addParticipantTags } = await ok<{ addParticipantTags: any[] }>(app, ADD, w.tokens.director1, { ids: own, tags: ['Олимпиады', 'математика'] });
    expect(addParticipantTags).toHaveLength(2);
    const after = new Map(addParticipantTags.map((p) => [p.id, (p.tags as string[]).map((tag) => tag.toLowerCase()).sort()]));
    // «математика» was there already: kept once.
    // The catalogue's spelling of the tag, as the single edit stores it.
    const expected = normalizeTags(['математика', 'Олимпиады'])
      .map((tag) => tag.toLowerCase())
      .sort();
    expect(expected).toHaveLength(2);
    expect(after.get(own[0])).toEqual(expected);
    expect(after.get(own[1])).toEqual(expected);
    expect(await tagsOf([foreign!])).toEqual(foreignBefore);
  });
});
