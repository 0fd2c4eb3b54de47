import { describe, expect, it } from 'vitest';
import {
  createAccountProvisioner,
  EmbeddedAccountProvisioner,
  KeycloakAccountProvisioner,
  ProvisioningError,
  splitRussianName,
  temporaryPassword,
  type FetchLike,
} from './provisioner.js';

interface Call {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A scripted Keycloak: answers by "METHOD path" and records every request. */
function fakeKeycloak(answers: Record<string, (call: Call) => Response>) {
  const calls: Call[] = [];
  const fetch: FetchLike = async (url, init = {}) => {
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const raw = typeof init.body === 'string' ? init.body : undefined;
    const body = raw === undefined ? undefined : headers['content-type']?.includes('json') ? JSON.parse(raw) : Object.fromEntries(new URLSearchParams(raw));
    const call = { method: init.method ?? 'GET', url, headers, body };
    calls.push(call);
    const path = new URL(url).pathname + new URL(url).search;
    const answer = answers[`${call.method} ${path}`];
    if (!answer) return new Response(`unexpected ${call.method} ${path}`, { status: 500 });
    return answer(call);
  };
  return { calls, fetch };
}

const KC = 'https://sso.example.ru';
const ADMIN = '/admin/realms/nastavnik';
const account = {
  username: 'p7707083893.admin',
  email: 'anna@example.ru',
  name: 'Партнёрова Анна Сергеевна',
  partnerCode: 'p7707083893',
  partnerName: 'ПАО «Сбербанк России»',
  temporaryPassword: 'Tmp-123456789a',
};
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const created = (location: string) => new Response(null, { status: 201, headers: { location } });

describe('KeycloakAccountProvisioner (documented admin REST paths)', () => {
  it('token → user → temporary password → /partners/<code> (created when missing) → client role partner-admin of api', async () => {
    const kc = fakeKeycloak({
      'POST /realms/nastavnik/protocol/openid-connect/token': () => json({ access_token: 'svc-token' }),
      [`POST ${ADMIN}/users`]: () => created(`${KC}${ADMIN}/users/u-1`),
      [`PUT ${ADMIN}/users/u-1/reset-password`]: () => new Response(null, { status: 204 }),
      [`GET ${ADMIN}/group-by-path/partners/p7707083893`]: () => json({ error: 'Group path does not exist' }, 404),
      [`GET ${ADMIN}/group-by-path/partners`]: () => json({ id: 'g-partners', path: '/partners' }),
      [`POST ${ADMIN}/groups/g-partners/children`]: () => created(`${KC}${ADMIN}/groups/g-new`),
      [`PUT ${ADMIN}/users/u-1/groups/g-new`]: () => new Response(null, { status: 204 }),
      [`GET ${ADMIN}/clients?clientId=api`]: () => json([{ id: 'c-api', clientId: 'api' }]),
      [`GET ${ADMIN}/clients/c-api/roles/partner-admin`]: () => json({ id: 'r-1', name: 'partner-admin', clientRole: true }),
      [`POST ${ADMIN}/users/u-1/role-mappings/clients/c-api`]: () => new Response(null, { status: 204 }),
    });
    const provisioner = new KeycloakAccountProvisioner({
      url: KC,
      realm: 'nastavnik',
      clientId: 'nastavnik-api-admin',
      clientSecret: 's3cret',
      fetch: kc.fetch,
    });
    expect(await provisioner.createPartnerAdmin(account)).toEqual({ userId: 'u-1' });

    expect(kc.calls.map((c) => `${c.method} ${new URL(c.url).pathname}`)).toEqual([
      'POST /realms/nastavnik/protocol/openid-connect/token',
      `POST ${ADMIN}/users`,
      `PUT ${ADMIN}/users/u-1/reset-password`,
      `GET ${ADMIN}/group-by-path/partners/p7707083893`,
      `GET ${ADMIN}/group-by-path/partners`,
      `POST ${ADMIN}/groups/g-partners/children`,
      `PUT ${ADMIN}/users/u-1/groups/g-new`,
      `GET ${ADMIN}/clients`,
      `GET ${ADMIN}/clients/c-api/roles/partner-admin`,
      `POST ${ADMIN}/users/u-1/role-mappings/clients/c-api`,
    ]);
    const [token, user, password, , , group, , , , mapping] = kc.calls;
    expect(token!.body).toEqual({ grant_type: 'client_credentials', client_id: 'nastavnik-api-admin', client_secret: 's3cret' });
    expect(token!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    for (const call of kc.calls.slice(1)) expect(call.headers.authorization).toBe('Bearer svc-token');
    expect(user!.body).toEqual({
      username: 'p7707083893.admin',
      email: 'anna@example.ru',
      firstName: 'Анна',
      lastName: 'Партнёрова',
      enabled: true,
      emailVerified: false,
      attributes: { middleName: ['Сергеевна'], partnerCode: ['p7707083893'] },
      requiredActions: ['UPDATE_PASSWORD'],
    });
    expect(password!.body).toEqual({ type: 'password', value: 'Tmp-123456789a', temporary: true });
    expect(group!.body).toEqual({ name: 'p7707083893', attributes: { kind: ['partner'], displayName: ['ПАО «Сбербанк России»'] } });
    expect(mapping!.body).toEqual([{ id: 'r-1', name: 'partner-admin', clientRole: true }]);
  });

  it('uses an existing partner group; a taken username is USERNAME_TAKEN; other failures UNAVAILABLE', async () => {
    const existing = fakeKeycloak({
      'POST /realms/nastavnik/protocol/openid-connect/token': () => json({ access_token: 't' }),
      [`POST ${ADMIN}/users`]: () => json({ errorMessage: 'User exists with same username' }, 409),
    });
    const taken = new KeycloakAccountProvisioner({ url: KC, realm: 'nastavnik', clientId: 'a', clientSecret: 'b', fetch: existing.fetch });
    await expect(taken.createPartnerAdmin(account)).rejects.toMatchObject({ reason: 'USERNAME_TAKEN' });

    const denied = fakeKeycloak({ 'POST /realms/nastavnik/protocol/openid-connect/token': () => json({ error: 'unauthorized_client' }, 401) });
    const bad = new KeycloakAccountProvisioner({ url: KC, realm: 'nastavnik', clientId: 'a', clientSecret: 'b', fetch: denied.fetch });
    await expect(bad.createPartnerAdmin(account)).rejects.toBeInstanceOf(ProvisioningError);
    await expect(bad.createPartnerAdmin(account)).rejects.toMatchObject({ reason: 'UNAVAILABLE' });

    const withGroup = fakeKeycloak({
      'POST /realms/nastavnik/protocol/openid-connect/token': () => json({ access_token: 't' }),
      [`POST ${ADMIN}/users`]: () => created(`${KC}${ADMIN}/users/u-2`),
      [`PUT ${ADMIN}/users/u-2/reset-password`]: () => new Response(null, { status: 204 }),
      [`GET ${ADMIN}/group-by-path/partners/p7707083893`]: () => json({ id: 'g-old' }),
      [`PUT ${ADMIN}/users/u-2/groups/g-old`]: () => new Response(null, { status: 204 }),
      [`GET ${ADMIN}/clients?clientId=api`]: () => json([{ id: 'c-api' }]),
      [`GET ${ADMIN}/clients/c-api/roles/partner-admin`]: () => json({ id: 'r-1', name: 'partner-admin' }),
      [`POST ${ADMIN}/users/u-2/role-mappings/clients/c-api`]: () => new Response(null, { status: 204 }),
    });
    const ok = new KeycloakAccountProvisioner({ url: KC, realm: 'nastavnik', clientId: 'a', clientSecret: 'b', fetch: withGroup.fetch });
    expect(await ok.createPartnerAdmin(account)).toEqual({ userId: 'u-2' });
    expect(withGroup.calls.some((c) => c.url.includes('/groups/') && c.method === 'POST')).toBe(false);
  });
});

describe('the way to set a password (execute-actions-email, issue 16)', () => {
  const request = { redirectUri: 'https://nastavnik.example.ru/', clientId: 'admin', lifespanSeconds: 259200 };
  const query = `lifespan=259200&client_id=admin&redirect_uri=${encodeURIComponent('https://nastavnik.example.ru/')}`;

  it('Keycloak: the documented PUT with the password and e-mail actions; Keycloak sends its own letter', async () => {
    const kc = fakeKeycloak({
      'POST /realms/nastavnik/protocol/openid-connect/token': () => json({ access_token: 'svc-token' }),
      [`PUT ${ADMIN}/users/u-1/execute-actions-email?${query}`]: () => new Response(null, { status: 204 }),
    });
    const provisioner = new KeycloakAccountProvisioner({ url: KC, realm: 'nastavnik', clientId: 'a', clientSecret: 'b', fetch: kc.fetch });
    expect(await provisioner.sendPasswordSetup('u-1', request)).toMatchObject({ via: 'provider-letter' });
    expect(kc.calls[1]!.body).toEqual(['UPDATE_PASSWORD', 'VERIFY_EMAIL']);
    expect(kc.calls[1]!.headers.authorization).toBe('Bearer svc-token');

    // A realm without SMTP answers 500: the caller learns it did not happen.
    const noSmtp = fakeKeycloak({
      'POST /realms/nastavnik/protocol/openid-connect/token': () => json({ access_token: 't' }),
      [`PUT ${ADMIN}/users/u-1/execute-actions-email?${query}`]: () => json({ errorMessage: 'Failed to send execute actions email' }, 500),
    });
    const failing = new KeycloakAccountProvisioner({ url: KC, realm: 'nastavnik', clientId: 'a', clientSecret: 'b', fetch: noSmtp.fetch });
    await expect(failing.sendPasswordSetup('u-1', request)).rejects.toMatchObject({ reason: 'UNAVAILABLE' });
  });

  it('embedded provider: the same call, the one-time link comes back', async () => {
    const idp = fakeKeycloak({
      [`PUT ${ADMIN}/users/e-1/execute-actions-email?${query}`]: () => json({ link: 'http://localhost:8180/x?key=k', expiresAt: '2026-12-08T10:00:00.000Z' }),
    });
    const provisioner = new EmbeddedAccountProvisioner({ url: 'http://localhost:8180', realm: 'nastavnik', token: 'dev', fetch: idp.fetch });
    expect(await provisioner.sendPasswordSetup('e-1', request)).toEqual({
      via: 'link',
      link: 'http://localhost:8180/x?key=k',
      expiresAt: new Date('2026-12-08T10:00:00.000Z'),
    });
    expect(idp.calls[0]!.headers.authorization).toBe('Bearer dev');
    expect(idp.calls[0]!.body).toEqual(['UPDATE_PASSWORD', 'VERIFY_EMAIL']);
  });
});

describe('EmbeddedAccountProvisioner and the choice', () => {
  it('posts one representation with password, group and client role, with the admin token', async () => {
    const idp = fakeKeycloak({ [`POST ${ADMIN}/users`]: () => json({ id: 'e-1' }, 201) });
    const provisioner = new EmbeddedAccountProvisioner({ url: 'http://localhost:8180', realm: 'nastavnik', token: 'dev', fetch: idp.fetch });
    expect(await provisioner.createPartnerAdmin(account)).toEqual({ userId: 'e-1' });
    expect(idp.calls[0]!.headers.authorization).toBe('Bearer dev');
    expect(idp.calls[0]!.body).toMatchObject({
      username: 'p7707083893.admin',
      credentials: [{ type: 'password', value: 'Tmp-123456789a', temporary: true }],
      groups: ['/partners/p7707083893'],
      clientRoles: { api: ['partner-admin'] },
    });
  });

  it('Keycloak when the service account is configured, else the embedded provider', () => {
    const config = { keycloak: { url: KC, realm: 'nastavnik', audience: 'api', issuer: '', jwksUrl: '' } };
    expect(createAccountProvisioner(config, {}).kind).toBe('embedded');
    expect(createAccountProvisioner(config, { KEYCLOAK_ADMIN_CLIENT_ID: 'x' }).kind).toBe('embedded');
    expect(createAccountProvisioner(config, { KEYCLOAK_ADMIN_CLIENT_ID: 'x', KEYCLOAK_ADMIN_CLIENT_SECRET: 'y' }).kind).toBe('keycloak');
  });

  it('names and temporary passwords', () => {
    expect(splitRussianName('Партнёрова  Анна Сергеевна')).toEqual({ lastName: 'Партнёрова', firstName: 'Анна', middleName: 'Сергеевна' });
    expect(splitRussianName('Иванов Иван')).toEqual({ lastName: 'Иванов', firstName: 'Иван', middleName: null });
    const passwords = new Set(Array.from({ length: 50 }, () => temporaryPassword()));
    expect(passwords.size).toBe(50);
    for (const p of passwords) expect(p).toMatch(/^(?=.*[A-Z])(?=.*[a-z])(?=.*\d)[A-Za-z0-9]{14}$/);
  });
});
