import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdp, type RunningIdp } from './index.js';

const ADMIN_ORIGIN = 'http://localhost:5173';
const REDIRECT_URI = `${ADMIN_ORIGIN}/`;

let idp: RunningIdp;
let jwks: ReturnType<typeof createRemoteJWKSet>;

beforeAll(async () => {
  idp = await startIdp({ port: 0 });
  jwks = createRemoteJWKSet(new URL(idp.jwksUri));
});

afterAll(async () => {
  await idp?.stop();
});

/** A minimal browser: a cookie jar and manual redirects. */
class Browser {
  readonly cookies = new Map<string, string>();

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('Cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = cookie.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** Follows redirects within the provider; stops at the first one that leaves it (the client's redirect_uri). */
  async follow(url: string, init: RequestInit = {}): Promise<{ response: Response; url: string }> {
    let current = url;
    let response = await this.fetch(current, init);
    for (let i = 0; i < 10 && [302, 303].includes(response.status); i++) {
      const next = new URL(response.headers.get('location')!, current).href;
      if (!next.startsWith(idp.url)) return { response, url: next };
      current = next;
      response = await this.fetch(current);
    }
    return { response, url: current };
  }
}

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge };
}

function authUrl(params: Record<string, string>): string {
  const url = new URL(`${idp.issuer}/protocol/openid-connect/auth`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.href;
}

/** keycloak-js' authorization request (response_mode=fragment, PKCE S256, nonce, scope openid). */
function keycloakJsAuthUrl(challenge: string, extra: Record<string, string> = {}) {
  return authUrl({
    client_id: 'admin',
    redirect_uri: REDIRECT_URI,
    state: 'state-1',
    response_mode: 'fragment',
    response_type: 'code',
    scope: 'openid',
    nonce: 'nonce-1',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...extra,
  });
}

function formAction(html: string): string {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no form in ${html}`);
  return new URL(action.replace(/&amp;/g, '&'), idp.url).href;
}

async function postToken(body: Record<string, string>, origin?: string) {
  const response = await fetch(idp.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(origin ? { Origin: origin } : {}) },
    body: new URLSearchParams(body),
  });
  return { response, body: (await response.json()) as Record<string, unknown> };
}

async function verifyAccessToken(token: string) {
  return jwtVerify(token, jwks, { issuer: idp.issuer, audience: 'api', algorithms: ['RS256'] });
}

/** Logs in through the login page and returns the code delivered to the redirect URI. */
async function loginWithCode(browser: Browser, username: string, password: string, challenge: string) {
  const start = await browser.follow(keycloakJsAuthUrl(challenge));
  expect(start.response.status).toBe(200);
  const page = await start.response.text();
  const done = await browser.follow(formAction(page), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password }),
  });
  return done;
}

describe('embedded Keycloak-compatible provider', () => {
  it('serves discovery with Keycloak paths and the realm issuer', async () => {
    expect(idp.url).toMatch(/^http:\/\/localhost:\d+$/);
    expect(idp.issuer).toBe(`${idp.url}/realms/nastavnik`);
    const response = await fetch(`${idp.issuer}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const discovery = (await response.json()) as Record<string, string>;
    const oidc = `${idp.issuer}/protocol/openid-connect`;
    expect(discovery).toMatchObject({
      issuer: idp.issuer,
      authorization_endpoint: `${oidc}/auth`,
      token_endpoint: `${oidc}/token`,
      jwks_uri: `${oidc}/certs`,
      userinfo_endpoint: `${oidc}/userinfo`,
      end_session_endpoint: `${oidc}/logout`,
    });
    expect(idp.jwksUri).toBe(`${oidc}/certs`);
    const keys = (await (await fetch(idp.jwksUri)).json()) as { keys: Array<Record<string, string>> };
    expect(keys.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(keys.keys[0]!.kid).toBeTruthy();
    expect(keys.keys[0]!.d).toBeUndefined();
  });

  it('password grant (client cli) returns a Keycloak-shaped access token', async () => {
    const tokens = await idp.passwordGrant('sibay.officer', 'demo');
    expect(tokens.expires_in).toBe(300);
    expect(tokens.refresh_token).toBeTruthy();
    expect(tokens.id_token).toBeTruthy();
    const { payload, protectedHeader } = await verifyAccessToken(tokens.access_token);
    expect(protectedHeader.kid).toBeTruthy();
    expect(payload).toMatchObject({
      iss: idp.issuer,
      azp: 'cli',
      typ: 'Bearer',
      preferred_username: 'sibay.officer',
      given_name: 'Галина',
      family_name: 'Ильясова',
      middle_name: 'Рашитовна',
      name: 'Галина Ильясова',
      position: 'методист управления образования',
      email: 'sibay.officer@demo.nastavnik.local',
      resource_access: { api: { roles: ['district-officer'] } },
      groups: ['/bashkortostan/sibay'],
    });
    expect(payload.sub).toMatch(/^[0-9a-f-]{36}$/);
    expect(payload.sid).toBeTruthy();
    expect((payload.realm_access as { roles: string[] }).roles).toContain('default-roles-nastavnik');
    expect(String(payload.scope).split(' ')).toEqual(expect.arrayContaining(['openid', 'profile', 'email']));
    expect(payload.exp! - payload.iat!).toBe(300);

    // keycloak-js decodes the refresh token too: it must be JWT-shaped like Keycloak's.
    expect(decodeJwt(tokens.refresh_token!)).toMatchObject({ typ: 'Refresh', azp: 'cli', iss: idp.issuer, sub: payload.sub });

    const idToken = decodeJwt(tokens.id_token!);
    expect(idToken).toMatchObject({ aud: 'cli', preferred_username: 'sibay.officer', groups: ['/bashkortostan/sibay'] });
  });

  it('password grant accepts the e-mail and is case-insensitive for the username', async () => {
    const tokens = await idp.passwordGrant('Partner.Admin@demo.nastavnik.local', 'demo');
    const { payload } = await verifyAccessToken(tokens.access_token);
    expect(payload).toMatchObject({ preferred_username: 'partner.admin', resource_access: { api: { roles: ['partner-admin'] } } });
  });

  it('rejects a wrong password or unknown user with 401 invalid_grant', async () => {
    for (const [username, password] of [
      ['sibay.officer', 'wrong'],
      ['nobody', 'demo'],
    ] as const) {
      const { response, body } = await postToken({ grant_type: 'password', client_id: 'cli', username, password });
      expect(response.status).toBe(401);
      expect(body.error).toBe('invalid_grant');
    }
    const notAllowed = await postToken({ grant_type: 'password', client_id: 'admin', username: 'admin', password: 'demo' });
    expect(notAllowed.response.status).toBe(400);
  });

  it('refresh grant issues a new valid access token', async () => {
    const tokens = await idp.passwordGrant('admin', 'demo');
    const { response, body } = await postToken({ grant_type: 'refresh_token', client_id: 'cli', refresh_token: tokens.refresh_token! });
    expect(response.status).toBe(200);
    const { payload } = await verifyAccessToken(String(body.access_token));
    expect(payload).toMatchObject({ azp: 'cli', preferred_username: 'admin', resource_access: { api: { roles: ['platform-admin'] } } });
    // As Keycloak: no `groups` claim at all for a user in no group.
    expect(payload.groups).toBeUndefined();
    expect(body.refresh_token).toBeTruthy();
  });

  it('authorization code + PKCE for client admin (keycloak-js flow), refresh, userinfo, prompt=none, logout', async () => {
    const browser = new Browser();
    const { verifier, challenge } = pkce();

    // The login page.
    const start = await browser.follow(keycloakJsAuthUrl(challenge));
    expect(start.response.status).toBe(200);
    expect(start.url).toContain('/realms/nastavnik/login-actions/authenticate/');
    const page = await start.response.text();
    expect(page).toContain('Вход в систему «Наставник»');
    expect(page).toContain('Имя пользователя');
    expect(page).toContain('Пароль');
    expect(page).toMatch(/<button id="kc-login"[^>]*type="submit"[^>]*>Войти<\/button>/);
    expect(page).toContain('name="username"');
    expect(page).toContain('name="password"');

    // Wrong password: the page again, with the error.
    const wrong = await browser.fetch(formAction(page), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'gimnaziya.director', password: 'nope' }),
    });
    expect(wrong.status).toBe(200);
    const wrongPage = await wrong.text();
    expect(wrongPage).toContain('Неверное имя пользователя или пароль');
    expect(wrongPage).toContain('value="gimnaziya.director"');

    // Right password: straight back to the client (no consent screen) with a code in the fragment.
    const done = await browser.follow(formAction(wrongPage), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'gimnaziya.director', password: 'demo' }),
    });
    expect(done.url.startsWith(`${REDIRECT_URI}#`)).toBe(true);
    const fragment = new URLSearchParams(new URL(done.url).hash.slice(1));
    expect(fragment.get('state')).toBe('state-1');
    const code = fragment.get('code')!;
    expect(code).toBeTruthy();

    // Token request as keycloak-js sends it (cross-origin, with credentials).
    const exchanged = await postToken(
      { code, grant_type: 'authorization_code', client_id: 'admin', redirect_uri: REDIRECT_URI, code_verifier: verifier },
      ADMIN_ORIGIN,
    );
    expect(exchanged.response.status).toBe(200);
    expect(exchanged.response.headers.get('access-control-allow-origin')).toBe(ADMIN_ORIGIN);
    expect(exchanged.response.headers.get('access-control-allow-credentials')).toBe('true');
    const tokens = exchanged.body as { access_token: string; refresh_token: string; id_token: string; expires_in: number };
    expect(decodeJwt(tokens.refresh_token)).toMatchObject({ typ: 'Refresh', azp: 'admin' });
    expect(decodeProtectedHeader(tokens.access_token).typ).toBe('JWT');
    const { payload } = await verifyAccessToken(tokens.access_token);
    expect(payload).toMatchObject({
      azp: 'admin',
      preferred_username: 'gimnaziya.director',
      resource_access: { api: { roles: ['school-director'] } },
      groups: ['/bashkortostan/sibay/gimnaziya'],
      name: 'Ирина Варламова',
    });
    expect(payload.sid).toBeTruthy();
    const idToken = decodeJwt(tokens.id_token);
    expect(idToken).toMatchObject({ aud: 'admin', nonce: 'nonce-1', preferred_username: 'gimnaziya.director', sid: payload.sid });

    // keycloak-js' updateToken: the refresh grant.
    const refreshed = await postToken({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: 'admin' }, ADMIN_ORIGIN);
    expect(refreshed.response.status).toBe(200);
    const refreshedClaims = (await verifyAccessToken(String(refreshed.body.access_token))).payload;
    expect(refreshedClaims).toMatchObject({ azp: 'admin', sid: payload.sid, groups: ['/bashkortostan/sibay/gimnaziya'] });

    // Userinfo with the (audience `api`) access token, cross-origin.
    const userinfo = await fetch(`${idp.issuer}/protocol/openid-connect/userinfo`, {
      headers: { Authorization: `Bearer ${String(refreshed.body.access_token)}`, Origin: ADMIN_ORIGIN },
    });
    expect(userinfo.status).toBe(200);
    expect(userinfo.headers.get('access-control-allow-origin')).toBe(ADMIN_ORIGIN);
    expect(await userinfo.json()).toMatchObject({ sub: payload.sub, preferred_username: 'gimnaziya.director', middle_name: 'Ивановна' });
    const preflight = await fetch(`${idp.issuer}/protocol/openid-connect/userinfo`, {
      method: 'OPTIONS',
      headers: { Origin: ADMIN_ORIGIN, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization');
    expect((await fetch(`${idp.issuer}/protocol/openid-connect/userinfo`, { headers: { Authorization: 'Bearer x.y.z' } })).status).toBe(401);

    // check-sso with a session: a code without any page (redirect_uri of another admin route is accepted).
    const silent = await browser.follow(
      keycloakJsAuthUrl(pkce().challenge, { prompt: 'none', redirect_uri: `${ADMIN_ORIGIN}/organizations?tab=1`, state: 's2' }),
    );
    expect(silent.url.startsWith(`${ADMIN_ORIGIN}/organizations?tab=1#`)).toBe(true);
    expect(new URLSearchParams(new URL(silent.url).hash.slice(1)).get('code')).toBeTruthy();

    // Logout as keycloak-js does it (GET, id_token_hint + post_logout_redirect_uri): back to the app.
    const logoutUrl = new URL(`${idp.issuer}/protocol/openid-connect/logout`);
    logoutUrl.searchParams.set('client_id', 'admin');
    logoutUrl.searchParams.set('post_logout_redirect_uri', `${ADMIN_ORIGIN}/`);
    logoutUrl.searchParams.set('id_token_hint', tokens.id_token);
    const logoutPage = await browser.fetch(logoutUrl.href);
    expect(logoutPage.status).toBe(200);
    const logoutHtml = await logoutPage.text();
    expect(logoutHtml).toContain('document.forms[0].submit()');
    const confirmed = await browser.follow(formAction(logoutHtml), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        xsrf: /name="xsrf" value="([^"]+)"/.exec(logoutHtml)![1]!,
        logout: 'yes',
      }),
    });
    expect(confirmed.url).toBe(`${ADMIN_ORIGIN}/`);

    // The session is gone: check-sso says login_required, the refresh token no longer works.
    const after = await browser.follow(keycloakJsAuthUrl(pkce().challenge, { prompt: 'none' }));
    expect(new URLSearchParams(new URL(after.url).hash.slice(1)).get('error')).toBe('login_required');
    const deadRefresh = await postToken({ grant_type: 'refresh_token', refresh_token: String(refreshed.body.refresh_token), client_id: 'admin' });
    expect(deadRefresh.body.error).toBe('invalid_grant');
  });

  it('escapes the username echoed on the login page (login_hint and after a failed login)', async () => {
    const hostile = '<script>alert(1)</script>" onmouseover="alert(2)';
    const escaped = '&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&quot;alert(2)';
    const browser = new Browser();
    const start = await browser.follow(keycloakJsAuthUrl(pkce().challenge, { login_hint: hostile }));
    const page = await start.response.text();
    expect(page).toContain(`value="${escaped}"`);
    const wrong = await browser.fetch(formAction(page), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: hostile, password: 'nope' }),
    });
    const wrongPage = await wrong.text();
    expect(wrongPage).toContain('id="input-error"');
    expect(wrongPage).toContain(`value="${escaped}"`);
    for (const html of [page, wrongPage]) {
      expect(html).not.toContain('<script>alert');
      expect(html).not.toContain('" onmouseover="');
    }
  });

  it('check-sso without a session redirects back with error=login_required, not to the login page', async () => {
    const { response, url } = await new Browser().follow(keycloakJsAuthUrl(pkce().challenge, { prompt: 'none' }));
    expect([302, 303]).toContain(response.status);
    expect(url.startsWith(`${REDIRECT_URI}#`)).toBe(true);
    const fragment = new URLSearchParams(new URL(url).hash.slice(1));
    expect(fragment.get('error')).toBe('login_required');
    expect(fragment.get('state')).toBe('state-1');
  });

  it('requires the PKCE verifier; a replayed code is refused and revokes its grant', async () => {
    const browser = new Browser();
    const { challenge } = pkce();
    const done = await loginWithCode(browser, 'kursk.officer', 'demo', challenge);
    const code = new URLSearchParams(new URL(done.url).hash.slice(1)).get('code')!;
    const request = { code, grant_type: 'authorization_code', client_id: 'admin', redirect_uri: REDIRECT_URI };
    const wrongVerifier = await postToken({ ...request, code_verifier: pkce().verifier });
    expect(wrongVerifier.body.error).toBe('invalid_grant');

    const browser2 = new Browser();
    const second = pkce();
    const done2 = await loginWithCode(browser2, 'kursk.officer', 'demo', second.challenge);
    const code2 = new URLSearchParams(new URL(done2.url).hash.slice(1)).get('code')!;
    const request2 = { code: code2, grant_type: 'authorization_code', client_id: 'admin', redirect_uri: REDIRECT_URI, code_verifier: second.verifier };
    const first = await postToken(request2);
    expect(first.response.status).toBe(200);
    const replay = await postToken(request2);
    expect(replay.body.error).toBe('invalid_grant');
    const refresh = await postToken({ grant_type: 'refresh_token', client_id: 'admin', refresh_token: String(first.body.refresh_token) });
    expect(refresh.body.error).toBe('invalid_grant');
  });

  it('refuses redirect URIs outside the client patterns and requests without PKCE', async () => {
    const foreign = await new Browser().fetch(keycloakJsAuthUrl(pkce().challenge, { redirect_uri: 'https://evil.example/' }));
    expect(foreign.status).toBe(400);
    const noPkce = await new Browser().follow(authUrl({ client_id: 'admin', redirect_uri: REDIRECT_URI, response_type: 'code', scope: 'openid', state: 'x' }));
    expect(new URL(noPkce.url).searchParams.get('error') ?? new URLSearchParams(new URL(noPkce.url).hash.slice(1)).get('error')).toBe('invalid_request');
  });

  it('logs in via POST logout too (keycloak-js logoutMethod POST) and returns to the app', async () => {
    const browser = new Browser();
    const { verifier, challenge } = pkce();
    const done = await loginWithCode(browser, 'sh25.curator', 'demo', challenge);
    const code = new URLSearchParams(new URL(done.url).hash.slice(1)).get('code')!;
    const { body } = await postToken({ code, grant_type: 'authorization_code', client_id: 'admin', redirect_uri: REDIRECT_URI, code_verifier: verifier });
    const page = await browser.fetch(`${idp.issuer}/protocol/openid-connect/logout`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ id_token_hint: String(body.id_token), client_id: 'admin', post_logout_redirect_uri: `${ADMIN_ORIGIN}/x` }),
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    const confirmed = await browser.follow(formAction(html), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf: /name="xsrf" value="([^"]+)"/.exec(html)![1]!, logout: 'yes' }),
    });
    expect(confirmed.url).toBe(`${ADMIN_ORIGIN}/x`);
  });

  it('answers the keycloak-js iframe endpoints', async () => {
    const oidc = `${idp.issuer}/protocol/openid-connect`;
    const step1 = await fetch(`${oidc}/3p-cookies/step1.html`);
    expect(step1.status).toBe(200);
    expect(await step1.text()).toContain('postMessage("unsupported"');

    const iframe = await fetch(`${oidc}/login-status-iframe.html`);
    expect(iframe.status).toBe(200);
    expect(iframe.headers.get('content-type')).toContain('text/html');
    expect(await iframe.text()).toContain("addEventListener('message'");

    const init = await fetch(`${oidc}/login-status-iframe.html/init?client_id=admin&origin=${encodeURIComponent(ADMIN_ORIGIN)}`);
    expect(init.status).toBe(204);
    const unknown = await fetch(`${oidc}/login-status-iframe.html/init?client_id=nope&origin=${encodeURIComponent(ADMIN_ORIGIN)}`);
    expect(unknown.status).toBe(403);
    const status = await fetch(`${oidc}/login-status-iframe.html/status?client_id=admin`);
    expect(await status.json()).toEqual({ loggedIn: false, sid: null });
  });

  it('mintAccessToken signs test tokens with the real key; overrides apply', async () => {
    const token = await idp.mintAccessToken('licey21.director');
    const { payload } = await verifyAccessToken(token);
    expect(payload).toMatchObject({
      preferred_username: 'licey21.director',
      resource_access: { api: { roles: ['school-director'] } },
      groups: ['/kursk-oblast/kursk/licey21'],
      family_name: 'Первенкова',
    });

    const expired = await idp.mintAccessToken('licey21.director', { exp: Math.floor(Date.now() / 1000) - 3600 });
    await expect(verifyAccessToken(expired)).rejects.toThrow(/exp/);
    const otherAudience = await idp.mintAccessToken('licey21.director', { aud: 'other' });
    await expect(verifyAccessToken(otherAudience)).rejects.toThrow(/aud/);
    await expect(idp.mintAccessToken('nobody')).rejects.toThrow(/unknown user/);
  });
});

describe('signing key persistence', () => {
  it('reuses the key from keyFile across restarts, so issued tokens stay valid', async () => {
    const { mkdtempSync, rmSync, statSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'idp-key-'));
    const keyFile = join(dir, 'nested', 'idp-key.json');
    try {
      const first = await startIdp({ port: 0, keyFile, accessTokenTtlSeconds: 60 });
      const token = (await first.passwordGrant('sosh4.curator', 'demo')).access_token;
      expect(decodeJwt(token).exp! - decodeJwt(token).iat!).toBe(60);
      const kid = decodeProtectedHeader(token).kid;
      const firstIssuer = first.issuer;
      await first.stop();
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);

      const second = await startIdp({ port: 0, keyFile });
      try {
        const jwks2 = createRemoteJWKSet(new URL(second.jwksUri));
        const keys = (await (await fetch(second.jwksUri)).json()) as { keys: Array<{ kid: string }> };
        expect(keys.keys.map((k) => k.kid)).toEqual([kid]);
        await expect(jwtVerify(token, jwks2, { issuer: firstIssuer, audience: 'api' })).resolves.toBeTruthy();
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
