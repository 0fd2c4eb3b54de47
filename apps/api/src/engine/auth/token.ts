import { grantsFromToken, type Grant } from '@nastavnik/domain';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { LRUCache } from 'lru-cache';
import type { ApiConfig } from '../config.js';
import { unauthenticated } from '../errors.js';

/** Who the verified token says the caller is, before the grants are checked against the directory. */
export interface TokenIdentity {
  userId: string;
  username: string;
  displayName: string;
  position: string | null;
  /** Platform roles × groups of their level (domain `grantsFromToken`); may be empty. Shared: frozen. */
  grants: readonly Grant[];
}

/** The claims the API reads from a verified token. */
export interface Claims {
  sub: string;
  preferred_username?: string;
  name?: string;
  given_name?: string;
  family_name?: string;
  middle_name?: string;
  position?: string;
  groups?: string[];
  resource_access?: Record<string, { roles?: string[] }>;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isOptionalString = (value: unknown) => value === undefined || typeof value === 'string';
const isOptionalStringArray = (value: unknown) => value === undefined || (Array.isArray(value) && value.every(isString));
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The payload as Claims when every claim the API reads has its type, else null. By hand, not zod:
 * it runs on every request, and the shape is small (a zod parse was the costliest step of a
 * trivial query after the signature).
 */
function claimsOf(payload: JWTPayload): Claims | null {
  const p = payload as Record<string, unknown>;
  if (!isString(p.sub) || p.sub.length === 0) return null;
  if (p.preferred_username !== undefined && (!isString(p.preferred_username) || p.preferred_username.length === 0)) return null;
  if (![p.name, p.given_name, p.family_name, p.middle_name, p.position].every(isOptionalString)) return null;
  if (!isOptionalStringArray(p.groups)) return null;
  if (p.resource_access !== undefined) {
    if (!isRecord(p.resource_access)) return null;
    for (const client of Object.values(p.resource_access)) if (!isRecord(client) || !isOptionalStringArray(client.roles)) return null;
  }
  return p as unknown as Claims;
}

/**
 * Grants per set of client roles and groups. A user's every request carries the same ones (and so do
 * colleagues'); reading the group paths into scopes each time was a measurable part of a trivial
 * query. Only what the signed claims say goes in: the directory check comes after, per request.
 */
const grantSets = new LRUCache<string, readonly Grant[]>({ max: 10_000 });

function grantsOf(roles: readonly string[], groups: readonly string[]): readonly Grant[] {
  const key = JSON.stringify([roles, groups]);
  let grants = grantSets.get(key);
  if (!grants) {
    grants = Object.freeze(grantsFromToken(roles, groups).map((grant) => Object.freeze({ ...grant, scope: Object.freeze({ ...grant.scope }) })));
    grantSets.set(key, grants);
  }
  return grants;
}

/** Accepts asymmetric algorithms only (no `none`, no HMAC with a public key). */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** Errors that mean "this token is not acceptable" (as opposed to "the identity provider is unreachable"). */
const TOKEN_ERRORS = [
  joseErrors.JWTExpired,
  joseErrors.JWTClaimValidationFailed,
  joseErrors.JWTInvalid,
  joseErrors.JWSInvalid,
  joseErrors.JWSSignatureVerificationFailed,
  joseErrors.JWKSNoMatchingKey,
  joseErrors.JWKSMultipleMatchingKeys,
  joseErrors.JOSEAlgNotAllowed,
  joseErrors.JOSENotSupported,
  joseErrors.JWKInvalid,
];

export type TokenVerifier = (authorization: string | undefined) => Promise<TokenIdentity>;

/**
 * «Имя Отчество Фамилия» when the parts are known: Keycloak's `name` claim leaves out the
 * patronymic (it is a custom attribute), and Russian users expect it.
 */
export function displayNameOf(claims: Claims, username: string): string {
  const given = claims.given_name?.trim();
  const family = claims.family_name?.trim();
  if (given && family) return [given, claims.middle_name?.trim(), family].filter(Boolean).join(' ');
  if (claims.name?.trim()) return claims.name.trim();
  const parts = [given, family].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : username;
}

/**
 * Verifies a Keycloak access token against the realm's JWKS: signature, issuer, audience and
 * expiry. The `typ` header is deliberately not checked (Keycloak says `JWT`, the embedded
 * provider `at+jwt`). Throws UNAUTHENTICATED for anything wrong with the token itself; other
 * failures (the identity provider unreachable) propagate as internal errors.
 */
export function createTokenVerifier(config: Pick<ApiConfig, 'keycloak'>): TokenVerifier {
  const jwks = createRemoteJWKSet(new URL(config.keycloak.jwksUrl), {
    timeoutDuration: 3000,
    cooldownDuration: 30_000,
    cacheMaxAge: 10 * 60_000,
  });
  const { issuer, audience } = config.keycloak;

  return async (authorization) => {
    const match = /^Bearer\s+([A-Za-z0-9_\-.=]+)\s*$/i.exec(authorization ?? '');
    if (!match) throw unauthenticated();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(match[1]!, jwks, {
        issuer,
        audience,
        algorithms: ALGORITHMS,
        requiredClaims: ['exp', 'sub'],
        clockTolerance: 5,
      }));
    } catch (error) {
      if (TOKEN_ERRORS.some((kind) => error instanceof kind)) throw unauthenticated();
      throw error;
    }
    const claims = claimsOf(payload);
    if (!claims) throw unauthenticated();
    const username = claims.preferred_username ?? claims.sub;
    const access = claims.resource_access;
    const roles = (access && Object.hasOwn(access, audience) ? access[audience]!.roles : undefined) ?? [];
    return {
      userId: claims.sub,
      username,
      displayName: displayNameOf(claims, username),
      position: claims.position?.trim() || null,
      grants: grantsOf(roles, claims.groups ?? []),
    };
  };
}
