import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier, type TokenVerifier } from './token.js';

/**
 * The claims a signed token carries are checked by hand (token.ts claimsOf): a token whose
 * signature, issuer, audience and expiry are fine but whose claims the API reads have the wrong
 * type is refused, as the zod schema before it refused it. The signature checks themselves are
 * tested against the identity provider in src/tokens.int.test.ts.
 */
const ISSUER = 'http://idp.test/realms/nastavnik';
let server: Server;
let verify: TokenVerifier;
let sign: (claims: JWTPayload) => Promise<string>;

beforeAll(async () => {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  verify = createTokenVerifier({
    keycloak: { url: 'http://idp.test', realm: 'nastavnik', audience: 'api', issuer: ISSUER, jwksUrl: `http://127.0.0.1:${port}/certs` },
  });
  sign = (claims) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience('api')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

const valid = {
  sub: 'user-1',
  preferred_username: 'sibay.officer',
  given_name: 'Ирина',
  middle_name: 'Петровна',
  family_name: 'Сафина',
  position: ' методист ',
  groups: ['/bashkortostan/sibay'],
  resource_access: { api: { roles: ['district-officer'] }, account: { roles: ['view-profile'] } },
};

describe('the claims of a verified token', () => {
  it('are read: names, position, roles of the API client and groups', async () => {
    const identity = await verify(`Bearer ${await sign(valid)}`);
    expect(identity).toMatchObject({ userId: 'user-1', username: 'sibay.officer', displayName: 'Ирина Петровна Сафина', position: 'методист' });
    expect(identity.grants).toHaveLength(1);
    expect(identity.grants[0]!.role).toBe('district-officer');
  });

  it('a token without roles for the API client has no grants; without a username it is known by its subject', async () => {
    const identity = await verify(`Bearer ${await sign({ sub: 'user-2', resource_access: { other: { roles: ['district-officer'] } } })}`);
    expect(identity).toMatchObject({ userId: 'user-2', username: 'user-2', displayName: 'user-2', position: null, grants: [] });
  });

  it.each([
    ['an empty subject', { sub: '' }],
    ['a subject that is not a string', { sub: 42 }],
    ['an empty username', { preferred_username: '' }],
    ['a username that is not a string', { preferred_username: ['a'] }],
    ['a name that is not a string', { given_name: { first: 'a' } }],
    ['a position that is not a string', { position: 7 }],
    ['groups that are not a list', { groups: '/bashkortostan/sibay' }],
    ['groups that are not strings', { groups: ['/bashkortostan/sibay', 1] }],
    ['client roles that are not an object', { resource_access: ['api'] }],
    ['a client that is not an object', { resource_access: { api: 'district-officer' } }],
    ['client roles that are not a list', { resource_access: { api: { roles: 'district-officer' } } }],
    ['client roles that are not strings', { resource_access: { api: { roles: [null] } } }],
    ["another client's roles that are not strings", { resource_access: { account: { roles: [1] } } }],
  ])('with %s are refused (UNAUTHENTICATED)', async (_label, change) => {
    const token = await sign({ ...valid, ...change } as JWTPayload);
    await expect(verify(`Bearer ${token}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});
