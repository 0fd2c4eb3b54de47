import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { fails, ok, roadmapWorld, type RoadmapWorld } from '../../test/roadmaps.js';

/**
 * Revoking the selected questionnaire links at once (issue 15): all or nothing, a reason per
 * refused link; another school's link in the selection refuses the whole action; only the school's
 * managers revoke.
 */
let app: TestApp;
let w: RoadmapWorld;

const sql = <T = any>(query: string, params: unknown[] = []) => app.orm.em.getConnection().execute<T[]>(query, params);
const ISSUE = `mutation($input: IssueQuestionnaireLinksInput!) { issueQuestionnaireLinks(input: $input) { linkId path } }`;
const REVOKE = `mutation($ids: [ID!]!) { revokeQuestionnaireLinks(linkIds: $ids) }`;

async function linksOf(token: string, name: string, people: string[]): Promise<Array<{ linkId: string; path: string }>> {
  const { createProgramme } = await ok<{ createProgramme: any }>(app, `mutation($input: ProgrammeInput!) { createProgramme(input: $input) { id } }`, token, {
    input: { name, forms: ['teacher-pupil'], periodStart: '2025-09-01', periodEnd: '2026-08-31' },
  });
  const ids: string[] = [];
  for (const lastName of people) {
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
  const { issueQuestionnaireLinks } = await ok<{ issueQuestionnaireLinks: any[] }>(app, ISSUE, token, {
    input: { programmeId: createProgramme.id, kind: 'preferences', participantIds: ids },
  });
  return issueQuestionnaireLinks;
}

const revokedCount = async (ids: string[]) =>
  (
    await sql(`select count(*)::int as n from "${w.district.schemaName}"."questionnaire_link" where id = any(?::uuid[]) and revoked_at is not null`, [
      `{${ids.join(',')}}`,
    ])
  )[0].n;

beforeAll(async () => {
  app = await startTestApp({}, { today: '2025-10-15' });
  w = await roadmapWorld(app);
});

afterAll(async () => {
  await app?.stop();
});

describe('revoking selected questionnaire links', () => {
  it('all or nothing: another school’s link in the selection refuses everything; then the school’s own links are revoked together', async () => {
    const own = await linksOf(w.tokens.curator1, 'Ссылки гимназии', ['Иванова', 'Петрова']);
    const [foreign] = await linksOf(w.tokens.curator2, 'Ссылки СОШ', ['Сидорова']);
    const ownIds = own.map((l) => l.linkId);

    const error = await fails(app, REVOKE, w.tokens.curator1, { ids: [...ownIds, foreign!.linkId] });
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.message).toBe('Ничего не сделано: 1 из 3 нельзя обработать — причины указаны в строках');
    expect(error.extensions?.rows).toEqual([{ id: foreign!.linkId, reason: 'Не найдено или нет доступа' }]);
    expect(await revokedCount([...ownIds, foreign!.linkId])).toBe(0);

    // Only the school's managers: the district officer and a mentor-less role are refused by role.
    expect((await fails(app, REVOKE, w.tokens.officer, { ids: ownIds })).extensions?.code).toBe('FORBIDDEN');
    expect(await revokedCount(ownIds)).toBe(0);
    expect((await fails(app, REVOKE, w.tokens.curator1, { ids: [] })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'linkIds' });

    expect((await ok<{ revokeQuestionnaireLinks: string[] }>(app, REVOKE, w.tokens.director1, { ids: ownIds })).revokeQuestionnaireLinks).toEqual(ownIds);
    expect(await revokedCount(ownIds)).toBe(2);
    expect(await revokedCount([foreign!.linkId])).toBe(0);
    const page = await fetch(`${app.api.url}${own[0]!.path}`);
    expect(page.status).toBe(410);
  });

  it('an answered link cannot be revoked, and refuses the selection it is in', async () => {
    const links = await linksOf(w.tokens.curator1, 'Ссылки: ответ', ['Орлова', 'Козлова']);
    await sql(`update "${w.district.schemaName}"."questionnaire_link" set submitted_at = now() where id = ?`, [links[0]!.linkId]);
    const error = await fails(app, REVOKE, w.tokens.curator1, { ids: links.map((l) => l.linkId) });
    expect((error.extensions?.rows as any[]).map((row) => row.id)).toEqual([links[0]!.linkId]);
    expect(await revokedCount(links.map((l) => l.linkId))).toBe(0);
  });
});
