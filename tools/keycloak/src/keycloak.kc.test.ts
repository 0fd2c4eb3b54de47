/**
 * The product against the real Keycloak (issue 11, item 3). One run of the whole product (startStack
 * with KEYCLOAK_URL = the real Keycloak, its partner accounts through the `provisioner` client of
 * the realm file), plus, on the same database, an API behind the embedded provider (the emulator)
 * and an API behind the deliberately broken realm copy.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PARTNER_APPLICATION_CONSENT_RU } from '@nastavnik/domain';
import { createOrm, KeycloakAdminClient, KeycloakPeopleDirectory, loadConfig, startApiServer, type MikroORM, type RunningApiServer } from '@nastavnik/api';
import { startIdp, type RunningIdp } from '@nastavnik/idp';
import { freePort, startStack, type RunningStack } from '@nastavnik/stack';
import { chromium, type BrowserContext, type Page, type Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { REALM_FILE } from '../../../scripts/keycloak.mjs';
import { actorDifferences, actorOf, claimsOf, graphql, keycloakAdmin, passwordGrant, tokenOf } from './support.js';

const kc = inject('keycloak');
const ISSUER = `${kc.url}/realms/nastavnik`;
/** The confidential client declared in the realm file (its secret is the development one). */
const PROVISIONER = { id: 'provisioner', secret: 'dev-provisioner-secret' };

interface RealmFileUser {
  username: string;
  serviceAccountClientId?: string;
  clientRoles?: Record<string, string[]>;
  groups?: string[];
}
const realmFile = JSON.parse(await readFile(REALM_FILE, 'utf8')) as {
  users: RealmFileUser[];
  clients: Array<{ clientId: string }>;
  roles: { client: Record<string, Array<{ name: string }>> };
  groups: Array<{ name: string; subGroups?: unknown[] }>;
};
const loginUsers = realmFile.users.filter((user) => !user.serviceAccountClientId);

let dataDir: string;
let stack: RunningStack;
let idp: RunningIdp;
let orm: MikroORM;
let emulatorApi: RunningApiServer;
let brokenApi: RunningApiServer;
/** The stack's mail catcher: the API's letters, and Keycloak's once the realm's SMTP points at it. */
let mailSmtpPort: number;

const quietApiEnv = { KPI_REFRESH_INTERVAL_SECONDS: '0', JOBS_ENABLED: 'false', LOG_LEVEL: 'error', NODE_ENV: 'test' };

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'nastavnik-kc-'));
  // Read by the API wherever the stack runs it (in this process or a child).
  process.env.KEYCLOAK_ADMIN_CLIENT_ID = PROVISIONER.id;
  process.env.KEYCLOAK_ADMIN_CLIENT_SECRET = PROVISIONER.secret;
  process.env.ADMIN_WATCH = '0';
  mailSmtpPort = await freePort();
  stack = await startStack({
    dataDir,
    quiet: true,
    ports: { idp: await freePort(), api: await freePort(), admin: await freePort(), mailSmtp: mailSmtpPort },
    env: { ...process.env, KEYCLOAK_URL: kc.url, KEYCLOAK_REALM: 'nastavnik', KPI_REFRESH_INTERVAL_SECONDS: '0' },
  });
  // Keycloak turns the admin client's web origins `+` into CORS origins only for redirect URIs with a
  // fixed port (http://localhost:5173); `http://localhost:*` admits redirects but no CORS origin, and
  // keycloak-js's token request from another port fails. Production sets its own origin; so does the test.
  const keycloak = await keycloakAdmin(kc.url, kc.admin);
  const [adminClient] = await keycloak.get<Array<{ id: string; webOrigins: string[] }>>('nastavnik/clients?clientId=admin');
  await keycloak.put(`nastavnik/clients/${adminClient!.id}`, { ...adminClient, webOrigins: [...adminClient!.webOrigins, new URL(stack.adminUrl).origin] });
  idp = await startIdp({ port: 0 });
  const base = { ...quietApiEnv, DATABASE_URL: stack.databaseUrl };
  orm = await createOrm(loadConfig({ ...base, KEYCLOAK_URL: idp.url }));
  emulatorApi = await startApiServer({ config: loadConfig({ ...base, KEYCLOAK_URL: idp.url }), orm, port: 0 });
  brokenApi = await startApiServer({ config: loadConfig({ ...base, KEYCLOAK_URL: kc.url, KEYCLOAK_REALM: kc.brokenRealm }), orm, port: 0 });
});

afterAll(async () => {
  await brokenApi?.stop();
  await emulatorApi?.stop();
  await orm?.close(true);
  await idp?.stop();
  await stack?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe(`Keycloak ${kc.version}: the realm file`, () => {
  it('imports without an error', async () => {
    const log = await readFile(kc.logFile, 'utf8');
    expect(log).toMatch(/Realm 'nastavnik' imported/);
    expect(log).toMatch(/Import finished successfully/);
    expect(log.split('\n').filter((line) => /\b(ERROR|FATAL)\b/.test(line))).toEqual([]);
    console.log(`Keycloak ${kc.version} started in ${(kc.startMs / 1000).toFixed(1)} s`);
  });

  it('has the clients, platform roles, groups, users and their roles and groups of the file', async () => {
    const admin = await keycloakAdmin(kc.url, kc.admin);
    const clients = await admin.get<Array<{ clientId: string; id: string; publicClient: boolean; serviceAccountsEnabled: boolean }>>('nastavnik/clients');
    for (const { clientId } of realmFile.clients) expect(clients.map((c) => c.clientId)).toContain(clientId);
    const byClientId = (clientId: string) => clients.find((c) => c.clientId === clientId)!;
    expect(byClientId('provisioner')).toMatchObject({ publicClient: false, serviceAccountsEnabled: true });

    const apiRoles = await admin.get<Array<{ name: string }>>(`nastavnik/clients/${byClientId('api').id}/roles`);
    expect(apiRoles.map((r) => r.name).sort()).toEqual(realmFile.roles.client.api!.map((r) => r.name).sort());

    const paths: string[] = [];
    const walk = (groups: Array<{ name: string; subGroups?: unknown[] }>, prefix: string) => {
      for (const group of groups) {
        paths.push(`${prefix}/${group.name}`);
        walk((group.subGroups ?? []) as typeof groups, `${prefix}/${group.name}`);
      }
    };
    walk(realmFile.groups, '');
    for (const groupPath of paths) expect((await admin.get<{ path: string }>(`nastavnik/group-by-path${groupPath}`)).path).toBe(groupPath);

    const users = await admin.get<Array<{ id: string; username: string }>>('nastavnik/users?max=1000&briefRepresentation=true');
    expect(users.map((u) => u.username).sort()).toEqual(loginUsers.map((u) => u.username).sort());
    for (const expected of loginUsers) {
      const user = users.find((u) => u.username === expected.username)!;
      const groups = await admin.get<Array<{ path: string }>>(`nastavnik/users/${user.id}/groups`);
      expect(
        groups.map((g) => g.path),
        expected.username,
      ).toEqual(expected.groups ?? []);
      const roles = await admin.get<Array<{ name: string }>>(`nastavnik/users/${user.id}/role-mappings/clients/${byClientId('api').id}`);
      expect(
        roles.map((r) => r.name),
        expected.username,
      ).toEqual(expected.clientRoles?.api ?? []);
    }

    // The provisioner's service account holds exactly the realm-management roles it needs.
    const account = await admin.get<{ id: string }>(`nastavnik/clients/${byClientId('provisioner').id}/service-account-user`);
    const realmManagement = byClientId('realm-management');
    const granted = await admin.get<Array<{ name: string }>>(`nastavnik/users/${account.id}/role-mappings/clients/${realmManagement.id}`);
    expect(granted.map((r) => r.name).sort()).toEqual(['manage-users', 'query-groups', 'view-clients', 'view-users']);
  });
});

describe('who holds a role where (the letters’ recipients, issue 16): the same through Keycloak and the emulator', () => {
  it.each([
    ['/bashkortostan/sibay/gimnaziya', ['school-curator']],
    ['/bashkortostan/sibay/gimnaziya', ['school-curator', 'school-director']],
    ['/bashkortostan/sibay', ['district-officer']],
    ['/bashkortostan/sibay/gimnaziya', ['district-officer']],
    ['/bashkortostan/no-such-district', ['district-officer']],
  ] as const)('%s %j', async (groupPath, roles) => {
    const real = new KeycloakPeopleDirectory(
      new KeycloakAdminClient({ kind: 'keycloak', url: kc.url, realm: 'nastavnik', clientId: PROVISIONER.id, clientSecret: PROVISIONER.secret }),
    );
    const emulated = new KeycloakPeopleDirectory(new KeycloakAdminClient({ kind: 'embedded', url: idp.url, realm: 'nastavnik', token: 'dev-idp-admin-token' }));
    const key = (people: Array<{ username: string; address: string }>) => people.map((p) => `${p.username} ${p.address}`).sort();
    const found = await real.withRole(groupPath, roles);
    expect(key(found)).toEqual(key(await emulated.withRole(groupPath, roles)));
    const expected = loginUsers
      .filter((user) => (user.groups ?? []).includes(groupPath) && roles.some((role) => (user.clientRoles?.api ?? []).includes(role)))
      .map((user) => user.username)
      .sort();
    expect(found.map((p) => p.username).sort()).toEqual(expected);
    expect(found.every((p) => p.address.includes('@'))).toBe(true);
  });
});

const DEMO_USERS = ['admin', 'rnc.bashkortostan', 'sibay.officer', 'gimnaziya.curator', 'gimnaziya.mentee', 'partner.admin'];

describe('the cli password grant: the API sees the same actor as with the embedded provider', () => {
  it.each(DEMO_USERS)('%s', async (username) => {
    const real = await tokenOf(ISSUER, username);
    const emulated = await tokenOf(idp.issuer, username);

    // The claims the API reads, side by side.
    const pick = (jwt: string) => {
      const c = claimsOf(jwt) as any;
      return {
        sub: c.sub,
        preferred_username: c.preferred_username,
        groups: c.groups,
        api: c.resource_access?.api,
        given_name: c.given_name,
        family_name: c.family_name,
        middle_name: c.middle_name,
        position: c.position,
        azp: c.azp,
      };
    };
    expect(actorDifferences(pick(emulated.access_token), pick(real.access_token), 'token')).toEqual([]);
    expect(claimsOf(real.access_token).aud).toContain('api');

    const viaKeycloak = await actorOf(stack.graphqlUrl, real.access_token);
    const viaEmulator = await actorOf(emulatorApi.graphqlUrl, emulated.access_token);
    // Not two identical refusals: the actor has the user's roles from the realm file.
    // (GraphQL's Role enum: partner-admin → PARTNER_ADMIN.)
    const fileRoles = loginUsers.find((u) => u.username === username)!.clientRoles!.api!.map((role) => role.toUpperCase().replaceAll('-', '_'));
    expect(viaKeycloak).toMatchObject({ username, roles: [...fileRoles].sort() });
    expect((viaKeycloak as { grants: unknown[] }).grants.length).toBeGreaterThan(0);
    expect(actorDifferences(viaEmulator, viaKeycloak)).toEqual([]);
  });

  it('a broken groups mapper (a copy of the realm without it) is caught by the same comparison', async () => {
    const broken = await tokenOf(`${kc.url}/realms/${kc.brokenRealm}`, 'sibay.officer');
    expect(claimsOf(broken.access_token).groups).toBeUndefined();
    const emulated = await tokenOf(idp.issuer, 'sibay.officer');
    const differences = actorDifferences(
      await actorOf(emulatorApi.graphqlUrl, emulated.access_token),
      await actorOf(brokenApi.graphqlUrl, broken.access_token),
    );
    console.log(`broken mapper → ${differences.join('; ')}`);
    expect(differences.length).toBeGreaterThan(0);
  });
});

/** Requests to Keycloak's token endpoint, with their grant type and answer. */
function recordTokenRequests(context: BrowserContext) {
  const seen: Array<{ grant: string | null; status: number; pkce: boolean }> = [];
  context.on('requestfinished', async (request: Request) => {
    if (!request.url().startsWith(`${ISSUER}/protocol/openid-connect/token`) || request.method() !== 'POST') return;
    const form = new URLSearchParams(request.postData() ?? '');
    const response = await request.response();
    seen.push({ grant: form.get('grant_type'), status: response?.status() ?? 0, pkce: form.has('code_verifier') });
  });
  return seen;
}

async function launch(): Promise<{ context: BrowserContext; page: Page; close(): Promise<void> }> {
  const profile = await mkdtemp(path.join(tmpdir(), 'nastavnik-kc-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    locale: 'ru-RU',
    viewport: { width: 1280, height: 860 },
  });
  context.setDefaultTimeout(60_000);
  context.setDefaultNavigationTimeout(120_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}

/** Keycloak's own login page (its login theme, not the emulator's page), in Russian. */
async function expectKeycloakLoginPage(page: Page): Promise<void> {
  await page.waitForURL((url) => url.href.startsWith(`${ISSUER}/`), { timeout: 120_000 });
  await page.locator('#kc-login').waitFor({ state: 'visible' });
  expect(await page.content()).toMatch(/\/resources\/[^"']+\/login\/keycloak/);
  await expect.poll(() => page.locator('body').innerText()).toMatch(/Вход|Войти/);
}

async function submitLogin(page: Page, username: string, password: string): Promise<void> {
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('#kc-login').click();
}

async function expectHome(page: Page): Promise<void> {
  try {
    await page.waitForURL((url) => url.origin === new URL(stack.adminUrl).origin, { timeout: 120_000 });
    await page.getByRole('heading', { level: 1, name: 'Добро пожаловать' }).waitFor({ timeout: 120_000 });
  } catch (error) {
    const text = await page
      .locator('body')
      .innerText()
      .catch(() => '');
    throw new Error(`no home page on ${page.url()}: ${text.replace(/\s+/g, ' ').slice(0, 600)}\n${String(error)}`, { cause: error });
  }
}

describe('the admin in Chromium with keycloak-js on Keycloak', () => {
  const ACCESS_TOKEN_SECONDS = 40;

  it('logs in on Keycloak’s page (PKCE), refreshes the token silently, keeps working, and logs out', async () => {
    const admin = await keycloakAdmin(kc.url, kc.admin);
    // A short access token for the admin client only, so a refresh happens within the test.
    const [adminClient] = await admin.get<Array<{ id: string; attributes: Record<string, string> }>>('nastavnik/clients?clientId=admin');
    await admin.put(`nastavnik/clients/${adminClient!.id}`, {
      ...adminClient,
      attributes: { ...adminClient!.attributes, 'access.token.lifespan': String(ACCESS_TOKEN_SECONDS) },
    });

    const browser = await launch();
    try {
      const { page, context } = browser;
      const tokenRequests = recordTokenRequests(context);
      let authUrl = '';
      page.on('request', (request) => {
        if (request.url().startsWith(`${ISSUER}/protocol/openid-connect/auth`)) authUrl = request.url();
      });
      await page.goto(stack.adminUrl);
      await expectKeycloakLoginPage(page);
      expect(new URL(authUrl).searchParams.get('code_challenge_method')).toBe('S256');
      await submitLogin(page, 'sibay.officer', 'demo');
      await expectHome(page);
      expect(tokenRequests.find((r) => r.grant === 'authorization_code')).toMatchObject({ status: 200, pkce: true });

      // keycloak-js refreshes when the token expires (onTokenExpired) or is about to (updateToken).
      await expect
        .poll(() => tokenRequests.filter((r) => r.grant === 'refresh_token'), { timeout: (ACCESS_TOKEN_SECONDS + 30) * 1000, interval: 1000 })
        .not.toEqual([]);
      expect(tokenRequests.filter((r) => r.grant === 'refresh_token').every((r) => r.status === 200)).toBe(true);

      // Still working after the refresh: a page that asks the API, answered without errors.
      const answers: Array<{ status: number; errors: unknown }> = [];
      page.on('response', async (response) => {
        if (!response.url().includes('/graphql')) return;
        const body = (await response.json().catch(() => ({}))) as { errors?: unknown };
        answers.push({ status: response.status(), errors: body.errors ?? null });
      });
      // In-app navigation (no page load, so no new login): the refreshed token carries the request.
      await page.evaluate("history.pushState({}, '', '/roadmaps'); dispatchEvent(new PopStateEvent('popstate'))");
      await expect.poll(() => answers.length, { timeout: 60_000 }).toBeGreaterThan(0);
      expect(answers.filter((a) => a.status !== 200 || a.errors)).toEqual([]);
      expect(page.url()).not.toContain('/realms/');

      await page.getByRole('button', { name: 'Выйти' }).click();
      await expectKeycloakLoginPage(page);
      const [user] = await admin.get<Array<{ id: string }>>('nastavnik/users?username=sibay.officer&exact=true');
      // The browser's session is gone (the earlier password grants left `cli` sessions: not ours).
      const sessions = await admin.get<Array<{ clients: Record<string, string> }>>(`nastavnik/users/${user!.id}/sessions`);
      expect(sessions.filter((session) => Object.values(session.clients).includes('admin'))).toEqual([]);
    } finally {
      await browser.close();
      await admin.put(`nastavnik/clients/${adminClient!.id}`, adminClient);
    }
  });
});

/** INN / OGRN with valid check digits. */
function innOf(nine: string): string {
  const sum = [2, 4, 10, 3, 5, 9, 4, 6, 8].reduce((acc, w, i) => acc + w * Number(nine[i]), 0);
  return `${nine}${(sum % 11) % 10}`;
}
const ogrnOf = (twelve: string) => `${twelve}${(BigInt(twelve) % 11n) % 10n}`;

describe('approving a partner creates the partner admin in Keycloak through the provisioner client', () => {
  it('creates the account with group and role; the new user logs in on Keycloak and the API accepts them', async () => {
    const officer = (await tokenOf(ISSUER, 'sibay.officer')).access_token;
    const districts = (await (await fetch(`${stack.apiUrl}/partners/districts`)).json()) as Array<{ id: string; name: string; region: { id: string } }>;
    const sibay = districts.find((d) => d.name === 'ГО г. Сибай')!;
    const name = 'ООО «Проверка Keycloak»';
    const applied = await fetch(`${stack.apiUrl}/partners/apply`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name,
        kind: 'university',
        inn: innOf('027455555'),
        ogrn: ogrnOf('102020005555'),
        address: 'г. Сибай',
        regionId: sibay.region.id,
        districtId: sibay.id,
        contactName: 'Иванова Анна Сергеевна',
        contactEmail: 'kc-partner@example.ru',
        contactPhone: '+7 912 345-67-89',
        consent: true,
        consentTextVersion: PARTNER_APPLICATION_CONSENT_RU.version,
      }),
    });
    expect(applied.status).toBe(201);
    const { id } = (await applied.json()) as { id: string };
    // Keycloak sends the required-actions letter (issue 16) only when the realm has SMTP settings:
    // the stack's catcher, plain SMTP (its certificate is self-signed).
    await keycloakAdmin(kc.url, kc.admin).then((realmAdmin) =>
      realmAdmin.put('nastavnik', {
        smtpServer: {
          host: '127.0.0.1',
          port: String(mailSmtpPort),
          from: 'noreply@nastavnik.test',
          fromDisplayName: 'Наставник',
          auth: 'false',
          ssl: 'false',
          starttls: 'false',
        },
      }),
    );
    const approved = await graphql(
      stack.graphqlUrl,
      officer,
      `
        mutation ($id: ID!) {
          approvePartnerApplication(id: $id) {
            username
            temporaryPassword
            partner {
              id
              name
            }
          }
        }
      `,
      { id },
    );
    expect(approved.errors).toBeUndefined();
    const { username, temporaryPassword, partner } = approved.data.approvePartnerApplication as {
      username: string;
      temporaryPassword: string;
      partner: { id: string; name: string };
    };

    // In Keycloak: the user, in /partners/<code>, with the api client role partner-admin, asked to change the password.
    const admin = await keycloakAdmin(kc.url, kc.admin);
    const [user] = await admin.get<
      Array<{ id: string; requiredActions: string[]; firstName: string; lastName: string; attributes?: Record<string, string[]> }>
    >(`nastavnik/users?username=${encodeURIComponent(username)}&exact=true`);
    expect(user).toMatchObject({ firstName: 'Анна', lastName: 'Иванова', requiredActions: ['UPDATE_PASSWORD'] });
    expect(user!.attributes?.middleName).toEqual(['Сергеевна']);
    const groups = await admin.get<Array<{ path: string }>>(`nastavnik/users/${user!.id}/groups`);
    expect(groups.map((g) => g.path)).toEqual([expect.stringMatching(/^\/partners\/[a-z0-9-]+$/)]);
    const [apiClient] = await admin.get<Array<{ id: string }>>('nastavnik/clients?clientId=api');
    const roles = await admin.get<Array<{ name: string }>>(`nastavnik/users/${user!.id}/role-mappings/clients/${apiClient!.id}`);
    expect(roles.map((r) => r.name)).toEqual(['partner-admin']);

    // The way to set a password (issue 16): Keycloak's own letter with its action link, and ours saying so.
    type Letter = { envelopeTo: string[]; subject: string; text: string };
    const lettersTo = async (address: string) =>
      ((await (await fetch(stack.mailboxUrl!)).json()) as Letter[]).filter((letter) => letter.envelopeTo.includes(address));
    await expect.poll(async () => (await lettersTo('kc-partner@example.ru')).length, { timeout: 60_000, interval: 1000 }).toBeGreaterThanOrEqual(3);
    const letters = await lettersTo('kc-partner@example.ru');
    const keycloakLetter = letters.find((letter) => letter.text.includes('/login-actions/action-token?key='));
    expect(keycloakLetter, letters.map((letter) => letter.subject).join(' | ')).toBeDefined();
    const ours = letters.find((letter) => letter.subject === `Заявка «${name}» одобрена`);
    expect(ours!.text).toContain(`Имя пользователя: ${username}`);
    expect(ours!.text).toContain('отдельным письмом от службы входа');

    // Keycloak (unlike the emulator) refuses the password grant until the temporary password is changed.
    const refused = await passwordGrant(ISSUER, username, temporaryPassword);
    expect(refused.status).toBe(400);

    const newPassword = `Kc-${Date.now()}-partner`;
    const browser = await launch();
    try {
      const { page } = browser;
      await page.goto(stack.adminUrl);
      await expectKeycloakLoginPage(page);
      await submitLogin(page, username, temporaryPassword);
      await page.locator('#password-new').waitFor({ state: 'visible' });
      await page.locator('#password-new').fill(newPassword);
      await page.locator('#password-confirm').fill(newPassword);
      await page.locator('input[type="submit"], button[type="submit"]').first().click();
      await expectHome(page);
    } finally {
      await browser.close();
    }

    const token = await tokenOf(ISSUER, username, newPassword);
    const actor = (await actorOf(stack.graphqlUrl, token.access_token)) as {
      roles: string[];
      grants: Array<{ role: string; partner: { id: string; name: string } | null }>;
    };
    expect(actor.roles).toEqual(['PARTNER_ADMIN']);
    expect(actor.grants).toEqual([expect.objectContaining({ role: 'PARTNER_ADMIN', scopeKind: 'PARTNER', partner: { id: partner.id, name: partner.name } })]);
  });
});
