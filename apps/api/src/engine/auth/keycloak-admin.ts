import type { ApiConfig } from '../config.js';

export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

/**
 * How the API reaches the identity provider's admin REST API: Keycloak's with a service account
 * (KEYCLOAK_ADMIN_CLIENT_ID / KEYCLOAK_ADMIN_CLIENT_SECRET, client-credentials grant), or the
 * embedded provider's subset with its shared token (IDP_ADMIN_TOKEN; development and tests).
 */
export type KeycloakAdminAccess =
  { kind: 'keycloak'; url: string; realm: string; clientId: string; clientSecret: string } | { kind: 'embedded'; url: string; realm: string; token: string };

export const DEFAULT_IDP_ADMIN_TOKEN = 'dev-idp-admin-token';

export function keycloakAdminAccess(config: Pick<ApiConfig, 'keycloak'>, env: Record<string, string | undefined> = process.env): KeycloakAdminAccess {
  const clientId = env.KEYCLOAK_ADMIN_CLIENT_ID?.trim();
  const clientSecret = env.KEYCLOAK_ADMIN_CLIENT_SECRET?.trim();
  if (clientId && clientSecret) return { kind: 'keycloak', url: config.keycloak.url, realm: config.keycloak.realm, clientId, clientSecret };
  return { kind: 'embedded', url: config.keycloak.url, realm: config.keycloak.realm, token: env.IDP_ADMIN_TOKEN?.trim() || DEFAULT_IDP_ADMIN_TOKEN };
}

/**
 * GET requests to the admin REST API with the access's credentials; a service account's token is
 * kept until shortly before it expires. A small client of our own: the calls are four documented
 * GETs, and @keycloak/keycloak-admin-client speaks Keycloak's own token flow only, not the
 * embedded provider's shared token.
 */
export class KeycloakAdminClient {
  private token: { value: string; until: number } | null = null;
  private readonly fetch: FetchLike;

  constructor(
    private readonly access: KeycloakAdminAccess,
    fetchImpl?: FetchLike,
  ) {
    this.fetch = fetchImpl ?? ((url, init) => fetch(url, init));
  }

  private async bearer(): Promise<string> {
    if (this.access.kind === 'embedded') return this.access.token;
    if (this.token && this.token.until > Date.now()) return this.token.value;
    const response = await this.fetch(`${this.access.url}/realms/${encodeURIComponent(this.access.realm)}/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: this.access.clientId, client_secret: this.access.clientSecret }).toString(),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`keycloak token: ${response.status}`);
    const body = (await response.json()) as { access_token?: string; expires_in?: number };
    if (!body.access_token) throw new Error('keycloak token: no access_token');
    this.token = { value: body.access_token, until: Date.now() + Math.max(10, (body.expires_in ?? 60) - 15) * 1000 };
    return body.access_token;
  }

  /** `path` below `/admin/realms/<realm>`; null for 404, the JSON body for 2xx, an error otherwise. */
  async get<T>(path: string): Promise<T | null> {
    const response = await this.fetch(`${this.access.url}/admin/realms/${encodeURIComponent(this.access.realm)}${path}`, {
      headers: { authorization: `Bearer ${await this.bearer()}`, accept: 'application/json' },
      signal: AbortSignal.timeout(15_000),
    });
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`keycloak admin GET ${path}: ${response.status}`);
    return (await response.json()) as T;
  }
}
