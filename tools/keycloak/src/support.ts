/** Talking to Keycloak, the embedded provider and the API the way the product does. */
import { expect } from 'vitest';

export interface Tokens {
  access_token: string;
  refresh_token?: string;
  id_token?: string;
}

/** Resource-owner password grant of the public `cli` client (Keycloak and the emulator alike). */
export async function passwordGrant(issuer: string, username: string, password = 'demo', clientId = 'cli'): Promise<Response> {
  return fetch(`${issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: clientId, username, password, scope: 'openid' }),
  });
}

export async function tokenOf(issuer: string, username: string, password = 'demo'): Promise<Tokens> {
  const response = await passwordGrant(issuer, username, password);
  const body = (await response.json()) as Tokens & { error?: string; error_description?: string };
  if (!response.ok) throw new Error(`password grant ${username} at ${issuer}: ${response.status} ${body.error} ${body.error_description ?? ''}`);
  return body;
}

export function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

export async function graphql<T = any>(
  graphqlUrl: string,
  token: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<{ data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> }> {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as any;
}

/** Everything the API says about who the caller is and where they may act. */
export const ME = `{ me { id username displayName position roles grants { role scopeKind
  region { id name } district { id code name } organization { id name } partner { id name } } } }`;

/** The actor as the API sees it, or the error code it answered with; order-independent. */
export async function actorOf(graphqlUrl: string, token: string): Promise<unknown> {
  const result = await graphql(graphqlUrl, token, ME);
  if (result.errors?.length) return { error: result.errors.map((e) => e.extensions?.code ?? e.message).sort() };
  const me = result.data.me;
  const grants = [...me.grants]
    .map((g: any) => JSON.stringify(g))
    .sort()
    .map((g) => JSON.parse(g));
  return { ...me, roles: [...me.roles].sort(), grants };
}

/**
 * Differences between two actors, one line per differing field (empty = the same actor). The
 * suite fails on any line; the broken-mapper test shows that a line does appear.
 */
export function actorDifferences(expected: unknown, actual: unknown, at = 'me'): string[] {
  if (JSON.stringify(expected) === JSON.stringify(actual)) return [];
  if (expected && actual && typeof expected === 'object' && typeof actual === 'object' && !Array.isArray(expected) && !Array.isArray(actual)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
    return keys.flatMap((key) => actorDifferences((expected as any)[key], (actual as any)[key], `${at}.${key}`));
  }
  return [`${at}: ожидалось ${JSON.stringify(expected)}, получено ${JSON.stringify(actual)}`];
}

/** Admin API of the real Keycloak as the bootstrap admin of the master realm. */
export async function keycloakAdmin(url: string, admin: { username: string; password: string }) {
  const tokenResponse = await fetch(`${url}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', username: admin.username, password: admin.password }),
  });
  expect(tokenResponse.status).toBe(200);
  const call = async <T = any>(method: string, path: string, body?: unknown): Promise<T> => {
    // A fresh token per call: the master realm's tokens live 60 s, less than a browser journey.
    const tokenResponse = await fetch(`${url}/realms/master/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', username: admin.username, password: admin.password }),
    });
    const token = ((await tokenResponse.json()) as Tokens).access_token;
    const response = await fetch(`${url}/admin/realms/${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return { get: <T = any>(path: string) => call<T>('GET', path), put: (path: string, body: unknown) => call('PUT', path, body), call };
}
