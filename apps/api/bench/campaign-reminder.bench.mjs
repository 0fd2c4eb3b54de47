// «Напомнить» to 1,000 schools of one district (issue 16's benchmark): the letters queued and sent to
// a real SMTP server (the embedded mail catcher, STARTTLS) in under 60 s, side by side with the same
// number of letters sent by Nodemailer alone to the same catcher (the floor: what SMTP itself costs).
// Runs over dist/ (build first): `npm run bench -w @nastavnik/api`.
//
// A fresh database (bench-database.mjs), the embedded identity provider with a curator and a director
// in each school's group (2,000 users: the letters' recipients come from its admin API as in
// production), the API in this process with its job queue working. The officer reminds the schools
// that have not submitted — 1,000, in two requests of 500 (the bulk limit of a list action) — and the
// clock runs until the catcher holds every letter. Exit 1 when that takes 60 s or more or a letter is missing.
import { startIdp } from '@nastavnik/idp';
import { startMailCatcher } from '@nastavnik/mailcatcher';
import nodemailer from 'nodemailer';
import { createDistrictWithSchema, createOrm, DEFAULT_IDP_ADMIN_TOKEN, loadConfig, migrateAll, startApiServer } from '../dist/index.js';
import { openBenchDatabase } from './bench-database.mjs';

const SCHOOLS = Number(process.env.BENCH_SCHOOLS ?? 1000);
const BUDGET_MS = 60_000;
const BULK = 500;

let database;
let orm;
let idp;
let catcher;
let api;
let exitCode = 0;
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

async function gql(url, token, query, variables) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 500));
  return body.data;
}

async function waitForLetters(expected, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (catcher.letters().length < expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  return catcher.letters().length;
}

try {
  database = await openBenchDatabase('nastavnik_bench_mail');
  idp = await startIdp({ port: 0 });
  catcher = await startMailCatcher({ maxLetters: SCHOOLS * 4 });
  const config = loadConfig({
    NODE_ENV: 'development',
    DATABASE_URL: database.url,
    KEYCLOAK_URL: idp.url,
    LOG_LEVEL: 'silent',
    JOBS_ENABLED: 'true',
    JOBS_POLL_INTERVAL_SECONDS: '0.5',
    KPI_REFRESH_INTERVAL_SECONDS: '0',
    SMTP_URL: catcher.smtpUrl,
    SMTP_TLS_REJECT_UNAUTHORIZED: 'false',
    ADMIN_PUBLIC_URL: 'https://nastavnik.example.ru',
  });
  orm = await createOrm(config);
  const report = await migrateAll(orm);
  if (report.failed.length) throw new Error(`migrations failed: ${JSON.stringify(report.failed)}`);
  const conn = orm.em.getConnection();
  const regionId = '01900000-0000-7000-8000-00000000be02';
  await conn.execute(`insert into core.region (id, code, name) values (?, 'benchmail', 'Регион для замеров')`, [regionId]);
  const district = await createDistrictWithSchema(orm, { regionId, code: 'reminders', name: 'ГО г. Напоминаловск', authorityName: 'Управление образования' });
  await conn.execute(
    `insert into core.organization (id, code, name, short_name, kind, district_id)
     select gen_random_uuid(), 'school-' || lpad(n::text, 4, '0'), 'Муниципальное бюджетное общеобразовательное учреждение «Школа № ' || n || '»',
            'МБОУ «Школа № ' || n || '»', 'SCHOOL', ?
       from generate_series(1, ?) as n`,
    [district.id, SCHOOLS],
  );
  const schools = await conn.execute(`select id, code from core.organization where district_id = ? order by code`, [district.id]);

  // Two recipients per school in the identity provider: its curator and its director.
  let started = performance.now();
  const users = schools.flatMap((school) =>
    ['school-curator', 'school-director'].map((role) => ({
      username: `${school.code}.${role === 'school-curator' ? 'curator' : 'director'}`,
      email: `${school.code}.${role === 'school-curator' ? 'curator' : 'director'}@bench.test`,
      firstName: 'Анна',
      lastName: 'Петрова',
      groups: [`/benchmail/reminders/${school.code}`],
      clientRoles: { api: [role] },
    })),
  );
  for (let i = 0; i < users.length; i += 20) {
    await Promise.all(
      users.slice(i, i + 20).map(async (user) => {
        const response = await fetch(`${idp.adminUrl}/users`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${DEFAULT_IDP_ADMIN_TOKEN}` },
          body: JSON.stringify(user),
        });
        if (response.status !== 201) throw new Error(`idp user ${user.username}: ${response.status} ${await response.text()}`);
      }),
    );
  }
  console.log(`seeded ${SCHOOLS} schools and ${users.length} users in ${seconds(performance.now() - started)}`);

  api = await startApiServer({ config, orm, port: 0 });
  const officer = await idp.mintAccessToken('sibay.officer', {
    groups: ['/benchmail/reminders'],
    resource_access: { api: { roles: ['district-officer'] } },
    realm_access: { roles: [] },
  });
  const { createCampaign } = await gql(api.graphqlUrl, officer, `mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`, {
    input: { title: 'Дорожные карты на 2026/2027 учебный год', academicYear: '2026/2027', dueDate: '2026-09-10' },
  });
  // The campaign's own «new campaign» letters are not this bench's: let them go out, then start from an empty catcher.
  await api.jobs.runNow('campaigns.opened-letters', { timeoutMs: 600_000 });
  for (;;) {
    await api.jobs.runNow('notifications.deliver', { timeoutMs: 600_000 });
    const [{ n }] = await conn.execute(`select count(*)::int as n from core.notification where status = 'pending'`);
    if (n === 0) break;
  }
  await new Promise((resolve) => setTimeout(resolve, 1000));
  catcher.clear();
  await conn.execute(`delete from core.notification`);

  // The product: «Напомнить» to every school → letters in the catcher.
  const expected = SCHOOLS * 2;
  started = performance.now();
  for (let i = 0; i < schools.length; i += BULK) {
    await gql(api.graphqlUrl, officer, `mutation($c: ID!, $ids: [ID!]!) { remindCampaignSchools(campaignId: $c, organizationIds: $ids) { id } }`, {
      c: createCampaign.id,
      ids: schools.slice(i, i + BULK).map((school) => school.id),
    });
  }
  const requestsMs = performance.now() - started;
  const [{ n: queued }] = await conn.execute(`select count(*)::int as n from core.notification where channel = 'email' and kind = 'campaigns.reminder'`);
  const arrived = await waitForLetters(expected, BUDGET_MS * 2);
  const productMs = performance.now() - started;
  const recipients = new Set(catcher.letters().flatMap((letter) => letter.envelopeTo));

  // The floor: the same letters by Nodemailer alone (the same pool size) to the same catcher.
  const sample = catcher.letters()[0];
  catcher.clear();
  const transport = nodemailer.createTransport({
    host: new URL(catcher.smtpUrl).hostname,
    port: Number(new URL(catcher.smtpUrl).port),
    pool: true,
    maxConnections: 5,
    tls: { rejectUnauthorized: false },
  });
  started = performance.now();
  for (let i = 0; i < users.length; i += 5) {
    await Promise.all(
      users
        .slice(i, i + 5)
        .map((user) =>
          transport.sendMail({ from: 'noreply@nastavnik.local', to: user.email, subject: sample.subject, text: sample.text, html: sample.html ?? undefined }),
        ),
    );
  }
  await waitForLetters(expected, BUDGET_MS * 2);
  const floorMs = performance.now() - started;
  transport.close();

  console.log(`campaign reminder — ${SCHOOLS} schools, ${expected} letters (curator and director of each)`);
  console.log(`  «Напомнить» requests (queued ${queued}):   ${seconds(requestsMs)}`);
  console.log(`  queued and sent, in the catcher:        ${seconds(productMs)}  (${arrived} letters to ${recipients.size} addresses)`);
  console.log(`  Nodemailer alone, same letters:          ${seconds(floorMs)}`);
  console.log(`  ratio product / Nodemailer alone:        ${(productMs / floorMs).toFixed(2)}`);
  const met = arrived === expected && recipients.size === expected && productMs < BUDGET_MS;
  console.log(`  goal (all ${expected} letters, each address once, < ${BUDGET_MS / 1000} s): ${met ? 'met' : 'MISSED'}`);
  if (!met) exitCode = 1;
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await api?.stop().catch(() => undefined);
  await orm?.close().catch(() => undefined);
  await catcher?.stop().catch(() => undefined);
  await idp?.stop().catch(() => undefined);
  await database?.close();
}
process.exit(exitCode);
