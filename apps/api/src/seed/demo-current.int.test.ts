import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from './demo-directory.js';
import { District } from '../modules/directory/district.entity.js';
import { Organization } from '../modules/directory/organization.entity.js';
import { ItemExecution } from '../modules/execution/item-execution.entity.js';
import { demoAcademicYear, demoToday } from './demo-programmes.js';
import { RoadmapEvent } from '../modules/roadmaps/event.entity.js';
import { Roadmap } from '../modules/roadmaps/roadmap.entity.js';
import { startTestApp, type TestApp } from '../test/harness.js';
import { download } from '../test/imports.js';
import { CAMPAIGN_PAGE, ok } from '../test/roadmaps.js';
import { Campaign } from '../modules/campaigns/campaign.entity.js';
import { DEMO_CAMPAIGN } from './demo-campaigns.js';

/**
 * The demo of the current academic year (./demo-current.ts), seeded by the global setup with the
 * real date and read by the demo users over real HTTP (password grant).
 */
let app: TestApp;
const today = demoToday();
const { academicYear } = demoAcademicYear(today);
const TITLE = `Дорожные карты на ${academicYear} учебный год`;

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await app?.stop();
});

const token = async (username: string) => (await app.idp.passwordGrant(username, 'demo')).access_token;

const ITEMS = /* GraphQL */ `
  query ($id: ID!) {
    roadmap(id: $id) {
      id
      title
      latestRevision {
        id
        state
      }
      inForceRevision {
        id
        number
        state
        approval {
          name
          date
        }
        agreement {
          name
          date
        }
        events {
          action
          role
          userName
        }
      }
      execution {
        itemsCount
        doneCount
        overdueCount
      }
    }
  }
`;
const REVISION_ITEMS = /* GraphQL */ `
  query ($id: ID!) {
    roadmapRevision(id: $id) {
      sections {
        items {
          id
          key
          number
          indicator
          dueDate: nextDueDate
          done
          overdue
          execution {
            done
            doneOn
            markedByName
          }
          kpiLink {
            kpi
            source
            status
            statusRu
          }
        }
      }
    }
  }
`;
const SERIES = /* GraphQL */ `
  query ($year: String!) {
    executionSeries(academicYear: $year) {
      months {
        month
        planned
        doneOnTime
        doneLate
        overdue
      }
    }
  }
`;

async function sibay() {
  const district = await app.orm.em.fork().findOneOrFail(District, { code: 'sibay' });
  const gimnaziya = await app.orm.em.fork().findOneOrFail(Organization, { district, code: 'gimnaziya' });
  return { district, gimnaziya, em: () => app.orm.em.fork({ schema: district.schemaName }) };
}

describe.skipIf(academicYear === DEMO_CAMPAIGN.academicYear)('demo roadmap of the current academic year', () => {
  it('is seeded once, next to the untouched 2025/2026 campaign, whatever the number of runs', async () => {
    const { gimnaziya, em } = await sibay();
    const count = async () => ({
      campaigns: await em().count(Campaign, {}),
      roadmaps: await em().count(Roadmap, {}),
      marks: await em().count(ItemExecution, {}),
      events: await em().count(RoadmapEvent, {}),
    });
    const before = await count();
    await seedDemo(app.orm);
    await seedDemo(app.orm, { today });
    expect(await count()).toEqual(before);

    const campaigns = await em().find(Campaign, {}, { orderBy: { academicYear: 'asc' } });
    const byTitle = new Map(campaigns.map((c) => [c.title, c]));
    expect(byTitle.get(DEMO_CAMPAIGN.title)).toMatchObject({ academicYear: '2025/2026', dueDate: '2025-09-20', allOrganizations: false });
    expect(byTitle.get(DEMO_CAMPAIGN.title)!.organizationIds).toHaveLength(2);
    expect(await em().count(Roadmap, { campaign: byTitle.get(DEMO_CAMPAIGN.title)!.id })).toBe(0);
    const current = byTitle.get(TITLE)!;
    expect(current).toMatchObject({ academicYear, allOrganizations: false, organizationIds: [gimnaziya.id] });
    expect(await em().count(Roadmap, { campaign: current.id })).toBe(1);
  });

  it('the gymnasium’s roadmap went the whole approval path and is agreed; СОШ № 4 is not addressed', async () => {
    const officer = await token('sibay.officer');
    const { campaigns } = await ok<{ campaigns: any }>(app, '{ campaigns { items { id title } } }', officer);
    const current = campaigns.items.find((c: any) => c.title === TITLE);
    expect(current).toBeDefined();
    const page = (await ok<{ campaign: any }>(app, CAMPAIGN_PAGE, officer, { id: current.id })).campaign;
    expect(page.schools.items.map((s: any) => [s.organization.shortName, s.status, s.hasAgreedRevision])).toEqual([['МОБУ «Гимназия»', 'AGREED', true]]);
    expect(page.counts).toMatchObject({ total: 1, agreed: 1 });

    const curator = await token('gimnaziya.curator');
    const { roadmap } = await ok<{ roadmap: any }>(app, ITEMS, curator, { id: page.schools.items[0].roadmap.id });
    expect(roadmap.latestRevision).toEqual({ id: roadmap.inForceRevision.id, state: 'AGREED' });
    expect(roadmap.inForceRevision).toMatchObject({ number: 1, approval: { name: 'И.И. Варламова' }, agreement: { name: 'А.Р. Бикмурзина' } });
    expect(roadmap.inForceRevision.events.map((e: any) => [e.action, e.role, e.userName])).toEqual(
      expect.arrayContaining([
        ['create', 'SCHOOL_CURATOR', 'Лилия Фанисовна Исхакова'],
        ['submitToDirector', 'SCHOOL_CURATOR', 'Лилия Фанисовна Исхакова'],
        ['approve', 'SCHOOL_DIRECTOR', 'Ирина Ивановна Варламова'],
        ['startReview', 'DISTRICT_OFFICER', 'Галина Рашитовна Ильясова'],
        ['recommendAgreement', 'DISTRICT_OFFICER', 'Галина Рашитовна Ильясова'],
        ['agree', 'DISTRICT_HEAD', 'Айгуль Рашитовна Бикмурзина'],
      ]),
    );
  });

  it('execution has items done on time, one done late, overdue and not yet due; KPI-linked items show a status', async () => {
    const { gimnaziya, em } = await sibay();
    const roadmap = await em().findOneOrFail(Roadmap, { organizationId: gimnaziya.id, campaign: { title: TITLE } });
    const curator = await token('gimnaziya.curator');
    const items = (await ok<{ roadmapRevision: any }>(app, REVISION_ITEMS, curator, { id: roadmap.inForceRevisionId })).roadmapRevision.sections.flatMap(
      (s: any) => s.items,
    );
    const due = items.filter((i: any) => i.dueDate && i.dueDate < today);
    const officer = await token('sibay.officer');
    const months = (await ok<{ executionSeries: any }>(app, SERIES, officer, { year: academicYear })).executionSeries.months;
    const total = (key: string) => months.reduce((n: number, m: any) => n + m[key], 0);
    // Whatever today is, every due item is done or overdue, and the last one due is left overdue.
    if (due.length > 0) expect(total('overdue')).toBeGreaterThan(0);
    expect(items.filter((i: any) => i.done).length).toBe(Math.max(due.length - 1, 0));
    // Today (November or later) four or more items are due: all kinds are there.
    if (due.length >= 4) {
      expect(total('doneOnTime')).toBeGreaterThan(0);
      expect(total('doneLate')).toBe(1);
      expect(total('overdue')).toBeGreaterThan(0);
      expect(items.some((i: any) => !i.done && !i.overdue && i.dueDate && i.dueDate >= today)).toBe(true);
      expect(total('planned')).toBeGreaterThan(total('doneOnTime') + total('doneLate') + total('overdue'));
    }
    for (const item of items.filter((i: any) => i.done)) expect(item.execution).toMatchObject({ done: true, markedByName: 'Лилия Фанисовна Исхакова' });

    const linked = items.filter((i: any) => i.kpiLink);
    expect(linked.map((i: any) => i.kpiLink.kpi)).toEqual(expect.arrayContaining(['consentsCollected', 'coverage']));
    for (const item of linked) expect(['met', 'notMet', 'noData']).toContain(item.kpiLink.status);
    expect(linked.find((i: any) => i.kpiLink.kpi === 'consentsCollected').kpiLink.statusRu).toEqual(expect.any(String));
  });

  it('the public page of the gymnasium lists the agreed roadmap; СОШ № 4 has none', async () => {
    const { gimnaziya, em } = await sibay();
    const roadmap = await em().findOneOrFail(Roadmap, { organizationId: gimnaziya.id, campaign: { title: TITLE } });
    const response = await fetch(`${app.api.url}/public/schools/sibay/gimnaziya`);
    expect(response.status).toBe(200);
    const page = (await response.json()) as any;
    expect(page.roadmaps.map((r: any) => r.revisionId)).toContain(roadmap.inForceRevisionId);
    const shown = page.roadmaps.find((r: any) => r.revisionId === roadmap.inForceRevisionId);
    expect(shown.sections.flatMap((s: any) => s.items).length).toBeGreaterThan(5);
    const sosh4 = (await (await fetch(`${app.api.url}/public/schools/sibay/sosh4`)).json()) as any;
    expect(sosh4.roadmaps).toEqual([]);
  });

  it('the district note of Sibay (two schools) agrees the count with its noun: «2 образовательные организации»', async () => {
    const file = await download(app, `/exports/district-note.docx?academicYear=${encodeURIComponent(academicYear)}`, await token('sibay.officer'));
    expect(file.status).toBe(200);
    const text = strFromU8(unzipSync(new Uint8Array(file.bytes))['word/document.xml']!).replace(/<[^>]+>/g, '');
    expect(text).toContain('В муниципалитете 2 образовательные организации;');
    expect(text).not.toContain('2 образовательных организаций');
  });

  it('exported files give a moment in the product’s time zone and name it, as the screen does (Me.timeZone)', async () => {
    const officer = await token('sibay.officer');
    const me = await ok<{ me: { timeZone: string } }>(app, `{ me { timeZone } }`, officer);
    expect(me.me.timeZone).toBe('Europe/Moscow');
    const before = Date.now();
    const file = await download(app, `/exports/district-note.docx?academicYear=${encodeURIComponent(academicYear)}`, officer);
    const text = strFromU8(unzipSync(new Uint8Array(file.bytes))['word/document.xml']!).replace(/<[^>]+>/g, '');
    const shown = /Данные платформы на (\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2}) \(МСК\)\./.exec(text);
    expect(shown, text.slice(0, 400)).not.toBeNull();
    // Moscow is UTC+3 all year round.
    const [, dd, mm, yyyy, hh, min] = shown!.map(Number);
    const asUtc = Date.UTC(yyyy!, mm! - 1, dd!, hh! - 3, min!);
    expect(Math.abs(asUtc - before)).toBeLessThan(2 * 60_000);
  });

  it('the 70 % target on the dashboards names the academic year chosen, not 2024', async () => {
    const { gimnaziya } = await sibay();
    const officer = await token('sibay.officer');
    const curator = await token('gimnaziya.curator');
    for (const year of [academicYear, DEMO_CAMPAIGN.academicYear]) {
      const expected = `не менее 70 % к концу ${year} учебного года`;
      const district = await ok<{ districtDashboard: any }>(
        app,
        `query($year: String!) { districtDashboard(academicYear: $year) { figures { federalTarget70 { target { textRu } } } } }`,
        officer,
        { year },
      );
      expect(district.districtDashboard.figures.federalTarget70.target.textRu).toBe(expected);
      const school = await ok<{ schoolDashboard: any }>(
        app,
        `query($id: ID!, $year: String!) { schoolDashboard(organizationId: $id, academicYear: $year) { figures { federalTarget70 { target { textRu } } } } }`,
        curator,
        { id: gimnaziya.id, year },
      );
      expect(school.schoolDashboard.figures.federalTarget70.target.textRu).toBe(expected);
    }
  });

  it('the public page in HTML labels each stage task once («Задача этапа: …», not «Задача: Задача этапа: …»)', async () => {
    const response = await fetch(`${app.api.url}/public/schools/sibay/gimnaziya.html`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Задача этапа: ');
    expect(html).not.toMatch(/Задача:\s*Задача/);
  });

  it('a wrong school code on the public page is a Russian 404 page, not the API’s JSON', async () => {
    for (const path of ['/public/schools/sibay/no_such_school.html', '/public/schools/nowhere/gimnaziya.html']) {
      const response = await fetch(`${app.api.url}${path}`);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await response.text();
      expect(html).toContain('<html lang="ru">');
      expect(html).toContain('Страница не найдена');
      expect(html).not.toContain('errors');
    }
    // The JSON address stays JSON (a script reads it): a 404 with the error in JSON.
    const json = await fetch(`${app.api.url}/public/schools/sibay/no_such_school`);
    expect(json.status).toBe(404);
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
  });
});
