import { exportJWK, generateKeyPair, SignJWT, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, startTestApp, type TestApp } from './test/harness.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await app?.stop();
});

const QUERY = '{ me { username } regions { total } }';

async function expectRejected(token: string | undefined, code: 'UNAUTHENTICATED' | 'FORBIDDEN', authorization?: string) {
  const response = await app.gql(QUERY, {
    ...(token !== undefined ? { token } : {}),
    ...(authorization !== undefined ? { headers: { authorization } } : {}),
  });
  // Documented choice: HTTP 200 with the error code (GraphQL over HTTP, application/json).
  expect(response.status).toBe(200);
  expect(errorCodes(response)).toEqual([code]);
  expect(response.body.data ?? null).toBeNull();
  expect(JSON.stringify(response.body)).not.toMatch(/stack|at \w+ \(|node_modules/);
  return response;
}

/** A token like the provider's, signed with a key the provider never published. */
async function foreignToken(claims: Record<string, unknown>, kid?: string): Promise<string> {
  const { privateKey } = await generateKeyPair('RS256');
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT', ...(kid ? { kid } : {}) }).sign(privateKey);
}

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('tokens', () => {
  it('a valid token is accepted (control)', async () => {
    const token = await app.tokenFor('platform-admin', []);
    const response = await app.gql(QUERY, { token });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data!.me.username).toBe('sibay.officer');
  });

  it('missing token → UNAUTHENTICATED', async () => {
    const response = await expectRejected(undefined, 'UNAUTHENTICATED');
    expect(response.body.errors![0]!.message).toMatch(/Требуется вход/);
  });

  it('malformed tokens and headers → UNAUTHENTICATED', async () => {
    await expectRejected('not-a-jwt', 'UNAUTHENTICATED');
    await expectRejected('aaa.bbb.ccc', 'UNAUTHENTICATED');
    await expectRejected(undefined, 'UNAUTHENTICATED', 'Basic dXNlcjpwYXNz');
    await expectRejected(undefined, 'UNAUTHENTICATED', 'Bearer');
  });

  it('expired → UNAUTHENTICATED', async () => {
    const past = Math.floor(Date.now() / 1000) - 3600;
    await expectRejected(await app.idp.mintAccessToken('admin', { iat: past - 300, exp: past }), 'UNAUTHENTICATED');
  });

  it('wrong audience → UNAUTHENTICATED', async () => {
    await expectRejected(await app.idp.mintAccessToken('admin', { aud: 'account' }), 'UNAUTHENTICATED');
    await expectRejected(await app.idp.mintAccessToken('admin', { aud: ['admin', 'account'] }), 'UNAUTHENTICATED');
  });

  it('wrong issuer → UNAUTHENTICATED', async () => {
    await expectRejected(await app.idp.mintAccessToken('admin', { iss: 'http://localhost:1/realms/nastavnik' }), 'UNAUTHENTICATED');
    await expectRejected(await app.idp.mintAccessToken('admin', { iss: app.idp.issuer.replace(/nastavnik$/, 'master') }), 'UNAUTHENTICATED');
  });

  it('bad signature (a key the provider never published) → UNAUTHENTICATED', async () => {
    const genuine = await app.idp.mintAccessToken('admin');
    const claims = claimsOf(genuine);
    // Unknown kid, and the provider's own kid with another key.
    await expectRejected(await foreignToken(claims), 'UNAUTHENTICATED');
    await expectRejected(await foreignToken(claims, decodeProtectedHeader(genuine).kid), 'UNAUTHENTICATED');
    // Genuine header and claims, tampered payload.
    const [header, , signature] = genuine.split('.');
    const tampered = Buffer.from(JSON.stringify({ ...claims, preferred_username: 'someone-else' })).toString('base64url');
    await expectRejected(`${header}.${tampered}.${signature}`, 'UNAUTHENTICATED');
  });

  it('alg none and HMAC tokens → UNAUTHENTICATED', async () => {
    const claims = claimsOf(await app.idp.mintAccessToken('admin'));
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
    await expectRejected(none, 'UNAUTHENTICATED', `Bearer ${none}`);
    const jwk = await exportJWK((await generateKeyPair('RS256')).publicKey);
    const hmac = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(JSON.stringify(jwk)));
    await expectRejected(hmac, 'UNAUTHENTICATED');
  });

  it('valid token with only unknown roles → FORBIDDEN', async () => {
    const token = await app.idp.mintAccessToken('admin', {
      resource_access: { api: { roles: ['superuser', 'offline_access'] }, account: { roles: ['platform-admin'] } },
      realm_access: { roles: ['platform-admin'] },
    });
    const response = await expectRejected(token, 'FORBIDDEN');
    expect(response.body.errors![0]!.message).toMatch(/нет ролей/);
  });

  it('valid token whose groups name nothing in the directory → FORBIDDEN', async () => {
    await expectRejected(await app.tokenFor('district-officer', ['/bashkortostan/atlantis']), 'FORBIDDEN');
    await expectRejected(await app.tokenFor('school-director', ['/kursk-oblast/sibay/gimnaziya']), 'FORBIDDEN');
    await expectRejected(await app.tokenFor('district-officer', []), 'FORBIDDEN');
  });

  it('the typ header is not checked (Keycloak says JWT, the embedded provider may say at+jwt)', async () => {
    const token = await app.idp.mintAccessToken('admin');
    expect(['JWT', 'at+jwt']).toContain(decodeProtectedHeader(token).typ);
    const response = await app.gql(QUERY, { token });
    expect(response.body.errors).toBeUndefined();
  });
});
