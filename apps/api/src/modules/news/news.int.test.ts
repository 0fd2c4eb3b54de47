import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { CREATE_ROADMAP, fails, ok, roadmapWorld, type RoadmapWorld } from '../../test/roadmaps.js';

const TODAY = '2025-10-15';
const NEWS = 'id organizationId title body publishedOn published createdByName updatedAt';
const LIST = /* GraphQL */ `query($org: ID!, $page: PageInput) { schoolNews(organizationId: $org, page: $page) { total limit offset items { ${NEWS} } } }`;
const CREATE = /* GraphQL */ `mutation($org: ID!, $input: SchoolNewsInput!) { createSchoolNews(organizationId: $org, input: $input) { ${NEWS} } }`;
const UPDATE = /* GraphQL */ `mutation($id: ID!, $input: SchoolNewsInput!) { updateSchoolNews(id: $id, input: $input) { ${NEWS} } }`;
const DELETE = /* GraphQL */ `
  mutation ($id: ID!) {
    deleteSchoolNews(id: $id)
  }
`;

let app: TestApp;
let w: RoadmapWorld;
let other: RoadmapWorld;

async function sql<T = Record<string, any>>(query: string, params: unknown[] = []): Promise<T[]> {
  return (await app.orm.em.getConnection().execute(query, params)) as T[];
}

beforeAll(async () => {
  app = await startTestApp({}, { today: TODAY });
  w = await roadmapWorld(app);
  other = await roadmapWorld(app);
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

describe('school news', () => {
  it('school staff write, edit, publish and delete; the district reads; others cannot', async () => {
    const draft = (
      await ok<{ createSchoolNews: any }>(app, CREATE, w.tokens.curator1, { org: w.school1.id, input: { title: 'Черновик новости', body: 'Текст черновика' } })
    ).createSchoolNews;
    expect(draft).toMatchObject({ published: false, publishedOn: TODAY, organizationId: w.school1.id });
    const published = (
      await ok<{ updateSchoolNews: any }>(app, UPDATE, w.tokens.director1, {
        id: draft.id,
        input: {
          title: 'Итоговая конференция',
          body: 'Прошла итоговая конференция.\n\nНаставники получили грамоты.',
          publishedOn: '2025-10-10',
          published: true,
        },
      })
    ).updateSchoolNews;
    expect(published).toMatchObject({ published: true, publishedOn: '2025-10-10', title: 'Итоговая конференция' });
    const list = (await ok<{ schoolNews: any }>(app, LIST, w.tokens.officer, { org: w.school1.id })).schoolNews;
    expect(list.total).toBe(1);
    expect(list.items[0].id).toBe(draft.id);

    // Bad input names the field; the item is kept as it was.
    const noTitle = await fails(app, UPDATE, w.tokens.curator1, { id: draft.id, input: { title: '  ', body: 'x' } });
    expect(noTitle.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'title' });
    expect(noTitle.message).toContain('Заголовок');
    expect(
      (await fails(app, CREATE, w.tokens.curator1, { org: w.school1.id, input: { title: 'a', body: 'b', publishedOn: '10.10.2025' } })).extensions,
    ).toMatchObject({
      field: 'publishedOn',
    });
    expect((await fails(app, CREATE, w.tokens.curator1, { org: w.school1.id, input: { title: 'x'.repeat(301), body: 'b' } })).extensions?.field).toBe('title');
    expect((await ok<{ schoolNews: any }>(app, LIST, w.tokens.curator1, { org: w.school1.id })).schoolNews.items[0].title).toBe('Итоговая конференция');

    // Another school of the district, another district, the district officer writing.
    expect((await fails(app, CREATE, w.tokens.curator2, { org: w.school1.id, input: { title: 't', body: 'b' } })).extensions?.code).toBe('NOT_FOUND');
    expect((await fails(app, UPDATE, w.tokens.curator2, { id: draft.id, input: { title: 't', body: 'b' } })).extensions?.code).toBe('NOT_FOUND');
    expect((await fails(app, DELETE, w.tokens.curator2, { id: draft.id })).extensions?.code).toBe('NOT_FOUND');
    expect((await fails(app, LIST, w.tokens.curator2, { org: w.school1.id })).extensions?.code).toBe('NOT_FOUND');
    expect((await fails(app, LIST, other.tokens.officer, { org: w.school1.id })).extensions?.code).toBe('NOT_FOUND');
    expect((await fails(app, DELETE, other.tokens.curator1, { id: draft.id })).extensions?.code).toBe('NOT_FOUND');
    expect((await fails(app, UPDATE, w.tokens.officer, { id: draft.id, input: { title: 't', body: 'b' } })).extensions?.code).toBe('FORBIDDEN');

    const extra = (await ok<{ createSchoolNews: any }>(app, CREATE, w.tokens.curator1, { org: w.school1.id, input: { title: 'Удалить', body: 'x' } }))
      .createSchoolNews;
    expect((await ok<{ deleteSchoolNews: boolean }>(app, DELETE, w.tokens.curator1, { id: extra.id })).deleteSchoolNews).toBe(true);
    expect((await ok<{ schoolNews: any }>(app, LIST, w.tokens.curator1, { org: w.school1.id })).schoolNews.total).toBe(1);
  });
});

describe('the public school page with news and best practices', () => {
  it('shows published news and cleared cases only — never drafts, future news, unagreed roadmaps or unconsented material', async () => {
    const s = `"${w.district.schemaName}"`;
    await ok(app, CREATE, w.tokens.curator1, { org: w.school1.id, input: { title: 'Секретный черновик', body: 'Не для сайта' } });
    await ok(app, CREATE, w.tokens.curator1, {
      org: w.school1.id,
      input: { title: 'Будущая новость', body: 'Анонс', publishedOn: '2025-12-01', published: true },
    });
    await ok(app, CREATE, other.tokens.curator1, { org: other.school1.id, input: { title: 'Новость другой школы', body: 'x', published: true } });
    await ok(app, CREATE_ROADMAP, w.tokens.curator1, { input: { programmeName: 'Неутверждённая программа', organizationId: w.school1.id } });

    // Two cases: one whose people consented to publication, one where the mentee did not.
    const programme = randomUUID();
    await sql(
      `insert into ${s}.programme (id, organization_id, name, forms, kinds, target_groups, period_start, period_end, created_by_user_id)
       values (?, ?, 'Программа «Педагог — педагогу»', '["teacher-teacher"]', '[]', '[]', '2025-09-01', '2026-08-31', 'test')`,
      [programme, w.school1.id],
    );
    const person = async (lastName: string, scopes: string[]) => {
      const id = randomUUID();
      await sql(
        `insert into ${s}.participant (id, organization_id, programme_id, role, category, last_name, first_name, birth_date, special_groups, tags, free_text)
         values (?, ?, ?, 'mentee', 'teacher', ?, 'Анна', '1985-04-01', '[]', '[]', '')`,
        [id, w.school1.id, programme, lastName],
      );
      await sql(
        `insert into ${s}.participant_consent (id, participant_id, given_by, scopes, text_version, signed_on, recorded_by_name)
         values (gen_random_uuid(), ?, 'self', ?::jsonb, 'v1', '2025-09-01', 'test')`,
        [id, JSON.stringify(scopes)],
      );
      return id;
    };
    const mentor = await person('Открытова', ['processing', 'publication']);
    const agreed = await person('Согласная', ['processing', 'publication']);
    const refused = await person('Несогласная', ['processing']);
    const practice = (title: string, ids: string[], status = 'published') =>
      sql(
        `insert into ${s}.best_practice (id, programme_id, organization_id, pair_id, participant_ids, form, kind, title, summary, results, show_names, status, published_at, created_by_name)
         values (gen_random_uuid(), ?, ?, gen_random_uuid(), ?::jsonb, 'teacher-teacher', 'individual', ?, 'Описание практики', 'Результаты практики', false, ?, now(), 'test')`,
        [programme, w.school1.id, JSON.stringify(ids), title, status],
      );
    await practice('Кейс с согласиями', [mentor, agreed]);
    await practice('Кейс без согласия', [mentor, refused]);
    await practice('Кейс-черновик', [mentor, agreed], 'draft');

    const url = `${app.api.url}/public/schools/${w.district.code}/${w.school1.code}`;
    const response = await fetch(url);
    expect(response.status).toBe(200);
    const body = await response.text();
    const page = JSON.parse(body);
    expect(page.news).toEqual([{ title: 'Итоговая конференция', date: '2025-10-10', text: 'Прошла итоговая конференция.\n\nНаставники получили грамоты.' }]);
    expect(page.bestPractices.map((p: any) => p.title)).toEqual(['Кейс с согласиями']);
    expect(page.bestPractices[0]).toMatchObject({
      programmeName: 'Программа «Педагог — педагогу»',
      summary: 'Описание практики',
      participants: expect.any(Array),
    });
    expect(Object.keys(page.bestPractices[0]).sort()).toEqual([
      'formLabel',
      'kindLabel',
      'participants',
      'programmeName',
      'publishedOn',
      'results',
      'summary',
      'title',
    ]);
    expect(page.roadmaps).toEqual([]);
    for (const secret of [
      'Секретный черновик',
      'Не для сайта',
      'Будущая новость',
      'Новость другой школы',
      'Кейс без согласия',
      'Кейс-черновик',
      'Неутверждённая программа',
      'Открытова',
      'Согласная',
      'Несогласная',
      '1985-04-01',
    ]) {
      expect(body, secret).not.toContain(secret);
    }

    const html = await (await fetch(`${url}.html`)).text();
    expect(html).toContain('<h2>Новости</h2>');
    expect(html).toContain('<h3>Итоговая конференция</h3>');
    expect(html).toContain('10.10.2025');
    expect(html).toContain('<p>Наставники получили грамоты.</p>');
    expect(html).toContain('<h3>Кейс с согласиями</h3>');
    for (const secret of [
      'Секретный черновик',
      'Будущая новость',
      'Кейс без согласия',
      'Кейс-черновик',
      'Неутверждённая программа',
      'Открытова',
      'Несогласная',
    ]) {
      expect(html, secret).not.toContain(secret);
    }
    // The future news appears on its date.
    app.setToday('2025-12-01');
    try {
      const later = (await (await fetch(url)).json()) as any;
      expect(later.news.map((n: any) => n.title)).toEqual(['Будущая новость', 'Итоговая конференция']);
    } finally {
      app.setToday(TODAY);
    }
    // The other school's page shows its own news only.
    const otherPage = (await (await fetch(`${app.api.url}/public/schools/${other.district.code}/${other.school1.code}`)).json()) as any;
    expect(otherPage.news.map((n: any) => n.title)).toEqual(['Новость другой школы']);
  });

  it('the public page escapes school-entered text (the school name, a news title and text)', async () => {
    const hostile = '<script>alert(1)</script>" onmouseover="alert(2)';
    const escaped = '&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&quot;alert(2)';
    await sql(`update core.organization set name = ?, short_name = ?, address = ? where id = ?`, [hostile, hostile, hostile, other.school1.id]);
    await ok(app, CREATE, other.tokens.director1, {
      org: other.school1.id,
      input: { title: hostile, body: `${hostile}\nвторая строка`, publishedOn: '2025-10-01', published: true },
    });
    const response = await fetch(`${app.api.url}/public/schools/${other.district.code}/${other.school1.code}.html`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`<title>Наставничество — ${escaped}</title>`);
    expect(html).toContain(`<h1>Наставничество: ${escaped}</h1>`);
    expect(html).toContain(`<h3>${escaped}</h3>`);
    expect(html).toContain(`<p>${escaped}<br/>вторая строка</p>`);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('" onmouseover="');
  });
});
