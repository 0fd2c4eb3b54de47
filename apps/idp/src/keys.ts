import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type JsonWebKey, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface SigningKey {
  kid: string;
  /** Private JWK (RSA) with kid, alg RS256, use sig — the form oidc-provider's `jwks` option takes. */
  privateJwk: JsonWebKey & { kid: string; alg: 'RS256'; use: 'sig' };
  privateKey: KeyObject;
  publicKey: KeyObject;
}

function thumbprint(jwk: JsonWebKey): string {
  const canonical = JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n });
  return createHash('sha256').update(canonical).digest('base64url');
}

function fromJwk(jwk: JsonWebKey): SigningKey {
  if (jwk.kty !== 'RSA' || !jwk.d) throw new Error('signing key must be a private RSA JWK');
  const privateKey = createPrivateKey({ key: jwk, format: 'jwk' });
  const exported = privateKey.export({ format: 'jwk' });
  const kid = typeof jwk.kid === 'string' && jwk.kid ? jwk.kid : thumbprint(exported);
  return { kid, privateKey, publicKey: createPublicKey(privateKey), privateJwk: { ...exported, kid, alg: 'RS256', use: 'sig' } };
}

/** Generates an RSA-2048 key, or loads it from (and persists it to) `keyFile` so tokens survive restarts. */
export function loadOrCreateSigningKey(keyFile?: string): SigningKey {
  if (keyFile && existsSync(keyFile)) {
    return fromJwk(JSON.parse(readFileSync(keyFile, 'utf8')) as JsonWebKey);
  }
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = fromJwk(privateKey.export({ format: 'jwk' }));
  if (keyFile) {
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, `${JSON.stringify(key.privateJwk, null, 2)}\n`, { mode: 0o600 });
  }
  return key;
}

/** Signs a JWT with RS256 (header `typ: JWT` like Keycloak). */
export function signJwt(key: SigningKey, payload: Record<string, unknown>): string {
  const header = { alg: 'RS256', typ: 'JWT', kid: key.kid };
  const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  const signature = sign('sha256', Buffer.from(input), key.privateKey).toString('base64url');
  return `${input}.${signature}`;
}

export interface VerifiedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

/** Verifies an RS256 JWT signed with `key`; returns null when malformed or forged. */
export function verifyJwt(key: SigningKey, token: string): VerifiedJwt | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [h, p, s] = parts as [string, string, string];
  try {
    const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (header.alg !== 'RS256') return null;
    const ok = verify('sha256', Buffer.from(`${h}.${p}`), key.publicKey, Buffer.from(s, 'base64url'));
    if (!ok) return null;
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>;
    return { header, payload };
  } catch {
    return null;
  }
}
