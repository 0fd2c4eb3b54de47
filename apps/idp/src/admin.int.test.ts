import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_IDP_ADMIN_TOKEN, startIdp, type RunningIdp } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'idp-admin-'));
const usersFile = join(dir, 'idp-users.json');
const running: RunningIdp[] = [];

afterAll(async () => {
  await Promise.all(running.map((idp) => idp.stop().catch(() => undefined)));
  rmSync(dir, { recursive: true, force: true });
});

async function start(extra: Parameters<typeof startIdp>[0] = {}) {
  const idp = await startIdp({ port: 0, usersFile, ...extra });
  running.push(idp);
  return idp;
}

const partnerAdmin = (username: string) => ({
  username,
  email: `${username}@example.ru`,
  firstName: 'Анна',
  lastName: 'Партнёрова',
  enabled: true,
  credentials: [{ type: 'password', value: 'Temp-Pass-123', temporary: true }],
  groups: ['/partners/p7707083893'],
  clientRoles: { api: ['partner-admin'] },
});

function post(idp: RunningIdp, body: unknown, token: string | null = DEFAULT_IDP_ADMIN_TOKEN) {
  return fetch(`${idp.adminUrl}/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

describe('admin endpoint of the embedded provider (Keycloak paths)', () => {
  it('requires the admin token', async () => {
    const idp = await start();
    expect((await post(idp, partnerAdmin('nobody'), null)).status).toBe(401);
    expect((await post(idp, partnerAdmin('nobody'), 'wrong')).status).toBe(401);
    const user = await idp.mintAccessToken('partner.admin');
    expect((await post(idp, partnerAdmin('nobody'), user)).status).toBe(401);
    expect((await fetch(`${idp.adminUrl}/users`)).status).toBe(401);
    await expect(idp.passwordGrant('nobody', 'Temp-Pass-123')).rejects.toThrow(/401/);
  });

  it('creates a user with group and client role who logs in, kept across a restart, never in the realm file', async () => {
    const realmBefore = readFileSync(new URL('../../../infra/keycloak/realm-nastavnik.json', import.meta.url), 'utf8');
    const idp = await start({ adminToken: 'secret-1' });
    const created = await post(idp, partnerAdmin('anna.partner'), 'secret-1');
    expect(created.status).toBe(201);
    const body = (await created.json()) as { id: string; username: string };
    expect(created.headers.get('location')).toBe(`${idp.adminUrl}/users/${body.id}`);
    expect(body.username).toBe('anna.partner');

    const again = await post(idp, partnerAdmin('anna.partner'), 'secret-1');
    expect(again.status).toBe(409);
    expect((await post(idp, { ...partnerAdmin('x'), clientRoles: { api: ['no-such-role'] } }, 'secret-1')).status).toBe(400);
    expect((await post(idp, { ...partnerAdmin('y'), groups: ['not a path'] }, 'secret-1')).status).toBe(400);

    const { access_token } = await idp.passwordGrant('anna.partner', 'Temp-Pass-123');
    const { payload } = await jwtVerify(access_token, createRemoteJWKSet(new URL(idp.jwksUri)), { issuer: idp.issuer, audience: 'api' });
    expect(payload).toMatchObject({
      preferred_username: 'anna.partner',
      groups: ['/partners/p7707083893'],
      resource_access: { api: { roles: ['partner-admin'] } },
      email: 'anna.partner@example.ru',
      name: 'Анна Партнёрова',
    });
    await expect(idp.passwordGrant('anna.partner', 'wrong')).rejects.toThrow(/401/);

    const list = await fetch(`${idp.adminUrl}/users?username=anna.partner`, { headers: { authorization: 'Bearer secret-1' } });
    expect(((await list.json()) as unknown[]).length).toBe(1);

    // Persisted hashed, never as plain text; the committed realm export is untouched.
    const file = readFileSync(usersFile, 'utf8');
    expect(file).toContain('anna.partner');
    expect(file).not.toContain('Temp-Pass-123');
    expect(readFileSync(new URL('../../../infra/keycloak/realm-nastavnik.json', import.meta.url), 'utf8')).toBe(realmBefore);

    await idp.stop();
    running.splice(running.indexOf(idp), 1);
    const restarted = await start();
    const token = await restarted.passwordGrant('anna.partner', 'Temp-Pass-123');
    expect(token.access_token).toBeTruthy();
    // The demo users are still there.
    expect((await restarted.passwordGrant('partner.admin', 'demo')).access_token).toBeTruthy();
  });

  it('the browser login page accepts the new user', async () => {
    const idp = await start();
    expect((await post(idp, partnerAdmin('browser.partner'))).status).toBe(201);
    const verifier = 'v'.repeat(50);
    const { createHash } = await import('node:crypto');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const auth = new URL(`${idp.issuer}/protocol/openid-connect/auth`);
    auth.search = new URLSearchParams({
      client_id: 'admin',
      redirect_uri: 'http://localhost:5173/',
      response_type: 'code',
      scope: 'openid',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: 's',
    }).toString();
    const cookies = new Map<string, string>();
    const go = async (url: string, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      if (cookies.size) headers.set('cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '));
      const response = await fetch(url, { ...init, headers, redirect: 'manual' });
      for (const c of response.headers.getSetCookie()) {
        const [pair = ''] = c.split(';');
        const i = pair.indexOf('=');
        cookies.set(pair.slice(0, i).trim(), pair.slice(i + 1).trim());
      }
      return response;
    };
    let response = await go(auth.href);
    let location = new URL(response.headers.get('location')!, idp.url).href;
    response = await go(location);
    expect(response.status).toBe(200);
    response = await go(location, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'browser.partner', password: 'Temp-Pass-123' }),
    });
    for (let i = 0; i < 5 && [302, 303].includes(response.status); i++) {
      location = new URL(response.headers.get('location')!, idp.url).href;
      if (!location.startsWith(idp.url)) break;
      response = await go(location);
    }
    expect(location).toMatch(/^http:\/\/localhost:5173\/\?.*code=/);
  });
});

describe('a one-time link to set the password (execute-actions-email, issue 16)', () => {
  const actionsEmail = (idp: RunningIdp, userId: string, query: string, body: unknown = ['UPDATE_PASSWORD', 'VERIFY_EMAIL']) =>
    fetch(`${idp.adminUrl}/users/${userId}/execute-actions-email?${query}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${DEFAULT_IDP_ADMIN_TOKEN}` },
      body: JSON.stringify(body),
    });
  const form = (password: string, confirm = password) => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ 'password-new': password, 'password-confirm': confirm }),
  });

  it('issues a link that sets the password once; the temporary one stops working; a bad password leaves the link usable', async () => {
    const idp = await start();
    const created = await post(idp, partnerAdmin('link.partner'));
    const { id } = (await created.json()) as { id: string };
    expect((await actionsEmail(idp, id, 'lifespan=3600', ['VERIFY_EMAIL'])).status).toBe(400);
    expect((await actionsEmail(idp, id, 'client_id=admin&redirect_uri=https://evil.example/')).status).toBe(400);
    expect((await actionsEmail(idp, 'no-such-user', 'lifespan=3600')).status).toBe(404);
    const issued = await actionsEmail(idp, id, `lifespan=3600&client_id=admin&redirect_uri=${encodeURIComponent('http://localhost:5173/')}`);
    expect(issued.status).toBe(200);
    const { link, expiresAt } = (await issued.json()) as { link: string; expiresAt: string };
    expect(link).toMatch(new RegExp(`^${idp.issuer}/login-actions/action-token\\?key=[A-Za-z0-9_-]{43}$`));
    expect(new Date(expiresAt).getTime() - Date.now()).toBeGreaterThan(3500_000);

    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Установка пароля');
    const weak = await fetch(link, form('short1'));
    expect(weak.status).toBe(400);
    expect(await weak.text()).toContain('хотя бы одна буква и одна цифра');
    expect(await (await fetch(link, form('Partner-2026', 'Partner-2027'))).text()).toContain('Пароли не совпадают.');

    const done = await fetch(link, form('Partner-2026'));
    expect(done.status).toBe(200);
    const doneHtml = await done.text();
    expect(doneHtml).toContain('Пароль установлен');
    expect(doneHtml).toContain('href="http://localhost:5173/"');
    expect((await idp.passwordGrant('link.partner', 'Partner-2026')).access_token).toBeTruthy();
    await expect(idp.passwordGrant('link.partner', 'Temp-Pass-123')).rejects.toThrow(/401/);

    const again = await fetch(link, form('Another-2026'));
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('Ссылка уже использована');
    await expect(idp.passwordGrant('link.partner', 'Another-2026')).rejects.toThrow(/401/);
    const forged = await fetch(`${link.slice(0, -4)}AAAA`);
    expect(await forged.text()).toContain('Ссылка недействительна');

    // The new password is kept hashed across a restart.
    expect(readFileSync(usersFile, 'utf8')).not.toContain('Partner-2026');
    await idp.stop();
    running.splice(running.indexOf(idp), 1);
    expect((await (await start()).passwordGrant('link.partner', 'Partner-2026')).access_token).toBeTruthy();
  });

  it('an expired link says so', async () => {
    const { ActionTokens } = await import('./action-tokens.js');
    let now = 1_000_000;
    const tokens = new ActionTokens(() => now);
    const { key } = tokens.issue('u', ['UPDATE_PASSWORD'], 60, null);
    expect(tokens.lookup(key).problem).toBeNull();
    now += 61_000;
    expect(tokens.lookup(key).problem).toBe('expired');
    expect(tokens.lookup('nope').problem).toBe('unknown');
  });
});
