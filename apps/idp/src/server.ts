import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, {
  errors,
  type Account,
  type AccessToken,
  type ClientMetadata,
  type Configuration,
  type KoaContextWithOIDC,
  type ResourceServer,
} from 'oidc-provider';
import { ACTION_TOKEN_PATH, handleActionToken } from './action-tokens.js';
import { createAdminApi, DEFAULT_IDP_ADMIN_TOKEN } from './admin.js';
import { InstanceStore } from './adapter.js';
import { loadOrCreateSigningKey, signJwt, verifyJwt, type SigningKey } from './keys.js';
import { LOGIN_ERROR, LOGIN_STATUS_IFRAME_PAGE, THIRD_PARTY_COOKIES_PAGE, loginPage, logoutPage, messagePage } from './pages.js';
import { API_CLIENT_ID, findLoginUser, loadRealm, profileClaims, roleClaims, verifyPassword, type Realm, type RealmClient, type RealmUser } from './realm.js';

export interface StartIdpOptions {
  /** Port to listen on; 0 = ephemeral. Default 8180. */
  port?: number;
  /** Interface to listen on. Default '127.0.0.1'. */
  host?: string;
  /** Host name used in the issuer and all URLs. Default 'localhost'. */
  publicHost?: string;
  /** Keycloak realm export. Default: the repository's infra/keycloak/realm-nastavnik.json. */
  realmFile?: string;
  /** Access token lifetime. Default: the realm's accessTokenLifespan (300 s). */
  accessTokenTtlSeconds?: number;
  /** Private JWK file: loaded when present, otherwise generated and written there. Default: a fresh key per start. */
  keyFile?: string;
  logger?: { info(msg: string): void };
  /**
   * Bearer token of the admin endpoints (`/admin/realms/<realm>/users`, Keycloak's paths).
   * Default: `dev-idp-admin-token`.
   */
  adminToken?: string;
  /** JSON file keeping the users created through the admin endpoints across restarts; default: memory only. */
  usersFile?: string;
}

export interface TokenResponse {
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  expires_in: number;
  refresh_expires_in?: number;
  token_type?: string;
  scope?: string;
  session_state?: string;
}

export interface RunningIdp {
  /** http://localhost:PORT */
  url: string;
  /** Realm name, `nastavnik`. */
  realm: string;
  /** http://localhost:PORT/realms/nastavnik */
  issuer: string;
  jwksUri: string;
  tokenEndpoint: string;
  /** Base of the admin endpoints: http://localhost:PORT/admin/realms/nastavnik */
  adminUrl: string;
  /** Password grant with client `cli` over the real HTTP token endpoint. */
  passwordGrant(username: string, password: string): Promise<TokenResponse>;
  /** FOR TESTS: an access token signed with the provider's key, claims as for the user, `overrides` merged last. */
  mintAccessToken(username: string, overrides?: Record<string, unknown>): Promise<string>;
  stop(): Promise<void>;
}

/** The resource indicator standing for the `api` audience (indicators must be absolute URIs). */
const API_RESOURCE = 'urn:nastavnik:api';
const OIDC = '/protocol/openid-connect';
const STATIC_SCOPES = ['openid', 'offline_access', 'profile', 'email', 'roles', 'web-origins', 'acr', 'basic', 'address', 'phone', 'microprofile-jwt'];
/** Keycloak puts the default client scopes marked "include in token scope" into `scope`. */
const DEFAULT_TOKEN_SCOPES = ['profile', 'email'];
const PROFILE_CLAIMS = ['preferred_username', 'name', 'given_name', 'family_name', 'middle_name', 'position', 'groups'];
const EMAIL_CLAIMS = ['email', 'email_verified'];

type ProviderClientPrototype = {
  clientId: string;
  redirectUriAllowed(value: string): boolean;
  postLogoutRedirectUriAllowed(value: string): boolean;
  includeSid(): boolean;
};

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Keycloak's redirect URI rule: exact match, or prefix match for patterns ending in `*`. */
export function redirectUriMatches(patterns: readonly string[], value: string): boolean {
  const url = URL.parse(value);
  if (!url || url.username || url.password || url.hash) return false;
  return patterns.some((pattern) => {
    if (pattern === '*') return true;
    if (pattern.endsWith('*')) return value.startsWith(pattern.slice(0, -1));
    return pattern === value;
  });
}

function originOf(pattern: string): string | undefined {
  const url = URL.parse(pattern.replace(/\*$/, ''));
  return url && (url.protocol === 'http:' || url.protocol === 'https:') ? url.origin : undefined;
}

/** Web origins of a client (Keycloak: `+` = the redirect URIs' origins, `*` = any). */
function clientOriginAllowed(client: RealmClient, origin: string): boolean {
  for (const webOrigin of client.webOrigins) {
    if (webOrigin === '*') return true;
    if (webOrigin === '+') {
      if (client.redirectUris.some((uri) => originOf(uri) === origin || redirectUriMatches([uri], `${origin}/`))) return true;
    } else if (webOrigin === origin) {
      return true;
    }
  }
  return false;
}

function isLoopbackOrigin(origin: string): boolean {
  const url = URL.parse(origin);
  return !!url && (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname);
}

function readBody(req: IncomingMessage, limit = 64 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: string, contentType: string, headers: Record<string, string> = {}): void {
  res.statusCode = status;
  res.setHeader('Content-Type', contentType);
  res.setHeader('Cache-Control', 'no-store');
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.end(body);
}

const sendHtml = (res: ServerResponse, status: number, html: string) => send(res, status, html, 'text/html; charset=utf-8');
const sendJson = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  send(res, status, JSON.stringify(body), 'application/json', headers);

export async function startIdp(options: StartIdpOptions = {}): Promise<RunningIdp> {
  const realm: Realm = loadRealm(options.realmFile);
  const key: SigningKey = loadOrCreateSigningKey(options.keyFile);
  const accessTokenTtl = options.accessTokenTtlSeconds ?? realm.accessTokenLifespan;
  const refreshTokenTtl = realm.ssoSessionIdleTimeout;
  const sessionTtl = realm.ssoSessionMaxLifespan;
  const host = options.host ?? '127.0.0.1';
  const publicHost = options.publicHost ?? 'localhost';
  const log = options.logger;
  const mountPath = `/realms/${realm.realm}`;

  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
    res.statusCode = 503;
    res.end();
  };
  const server: Server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8180, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${publicHost}:${port}`;
  const issuer = `${url}${mountPath}`;

  try {
    const admin = createAdminApi({
      realm,
      publicUrl: url,
      token: options.adminToken ?? DEFAULT_IDP_ADMIN_TOKEN,
      ...(options.usersFile ? { usersFile: options.usersFile } : {}),
      ...(log ? { log } : {}),
      redirectAllowed: (clientId, uri) => redirectUriMatches(realm.clients.find((c) => c.clientId === clientId)?.redirectUris ?? [], uri),
    });

    const oidcClients = realm.clients.filter((c) => c.enabled && !c.bearerOnly);
    const realmClient = (clientId: string) => oidcClients.find((c) => c.clientId === clientId);

    function originAllowed(origin: string): boolean {
      return isLoopbackOrigin(origin) || oidcClients.some((c) => clientOriginAllowed(c, origin));
    }

    function userOrUndefined(id: string): RealmUser | undefined {
      const user = realm.userById(id);
      return user && user.enabled ? user : undefined;
    }

    /** Claims of a Keycloak access token for `user` (iss/iat/exp/jti are added by the caller). */
    function accessTokenClaims(user: RealmUser, clientId: string, scope: string | undefined, sid: string | undefined) {
      const scopes = new Set(['openid', ...DEFAULT_TOKEN_SCOPES]);
      if (scope) for (const s of scope.split(' ')) if (s) scopes.add(s);
      if (!scope?.split(' ').includes('openid')) scopes.delete('openid');
      return {
        aud: API_CLIENT_ID,
        sub: user.id,
        typ: 'Bearer',
        azp: clientId,
        ...(sid ? { sid } : {}),
        acr: '1',
        scope: [...scopes].join(' '),
        ...roleClaims(realm, user),
        ...profileClaims(user),
      };
    }

    const resourceServer: ResourceServer = {
      audience: API_CLIENT_ID,
      scope: STATIC_SCOPES.join(' '),
      accessTokenFormat: 'jwt',
      accessTokenTTL: accessTokenTtl,
      jwt: { sign: { alg: 'RS256', kid: key.kid } },
    };

    const clients: ClientMetadata[] = oidcClients.map((c) => {
      const grantTypes = [...(c.standardFlowEnabled ? ['authorization_code'] : []), ...(c.directAccessGrantsEnabled ? ['password'] : []), 'refresh_token'];
      // Registered URIs must be valid URLs; matching uses the realm's Keycloak patterns (see the prototype patch).
      const placeholders = (uris: string[]) => {
        const valid = uris.map((u) => u.replace(/\*$/, '')).filter((u) => URL.parse(u) && !u.includes('*'));
        return valid.length > 0 ? [...new Set(valid)] : [`${url}/`];
      };
      const { secret } = c;
      return {
        client_id: c.clientId,
        ...(c.name ? { client_name: c.name } : {}),
        application_type: 'web',
        grant_types: grantTypes,
        response_types: c.standardFlowEnabled ? ['code'] : [],
        redirect_uris: c.standardFlowEnabled ? placeholders(c.redirectUris) : [],
        post_logout_redirect_uris: c.standardFlowEnabled ? placeholders(c.postLogoutRedirectUris) : [],
        token_endpoint_auth_method: c.publicClient || !secret ? 'none' : 'client_secret_post',
        ...(secret && !c.publicClient ? { client_secret: secret } : {}),
        id_token_signed_response_alg: 'RS256',
      };
    });

    const store = new InstanceStore();
    const configuration: Configuration = {
      adapter: store.adapterFactory(),
      clients,
      jwks: { keys: [key.privateJwk as unknown as NonNullable<Configuration['jwks']>['keys'][number]] },
      cookies: {
        keys: [randomBytes(32).toString('base64url')],
        names: { session: 'NASTAVNIK_IDP_SESSION', interaction: 'NASTAVNIK_IDP_INTERACTION', resume: 'NASTAVNIK_IDP_RESUME' },
      },
      routes: {
        authorization: `${OIDC}/auth`,
        token: `${OIDC}/token`,
        jwks: `${OIDC}/certs`,
        userinfo: `${OIDC}/userinfo`,
        end_session: `${OIDC}/logout`,
        revocation: `${OIDC}/revoke`,
        introspection: `${OIDC}/token/introspect`,
        pushed_authorization_request: `${OIDC}/ext/par/request`,
        device_authorization: `${OIDC}/auth/device`,
        code_verification: '/device',
        backchannel_authentication: `${OIDC}/ext/ciba/auth`,
        registration: '/clients-registrations/openid-connect',
        challenge: `${OIDC}/challenge`,
        credential: `${OIDC}/credential`,
      },
      scopes: STATIC_SCOPES,
      claims: {
        acr: null,
        sid: null,
        auth_time: null,
        iss: null,
        // keycloak-js asks for `openid` only, while Keycloak's default client scopes add the profile anyway.
        openid: ['sub', ...PROFILE_CLAIMS, ...EMAIL_CLAIMS],
        profile: PROFILE_CLAIMS,
        email: EMAIL_CLAIMS,
      },
      conformIdTokenClaims: false,
      allowOmittingSingleRegisteredRedirectUri: false,
      responseTypes: ['code'],
      pkce: { required: (_ctx, client) => client.clientAuthMethod === 'none' },
      clientBasedCORS: (_ctx, origin) => originAllowed(origin),
      features: {
        devInteractions: { enabled: false },
        userinfo: { enabled: true },
        revocation: { enabled: true },
        rpInitiatedLogout: {
          enabled: true,
          logoutSource: async (ctx: KoaContextWithOIDC, form: string) => {
            // Auto-submit the confirmation (logout=yes): Keycloak logs out without asking.
            const action = /action="([^"]+)"/.exec(form)?.[1] ?? ctx.oidc.urlFor('end_session_confirm');
            const xsrf = /name="xsrf" value="([^"]+)"/.exec(form)?.[1] ?? '';
            ctx.type = 'html';
            ctx.body = logoutPage(action, xsrf);
          },
          postLogoutSuccessSource: async (ctx: KoaContextWithOIDC) => {
            ctx.type = 'html';
            ctx.body = messagePage('Выход выполнен', 'Вы вышли из системы «Наставник».');
          },
        },
        resourceIndicators: {
          enabled: true,
          defaultResource: async (_ctx, _client, oneOf) => {
            if (oneOf && oneOf.length > 0) return oneOf.includes(API_RESOURCE) ? API_RESOURCE : oneOf[0];
            return API_RESOURCE;
          },
          useGrantedResource: async () => true,
          getResourceServerInfo: async (_ctx, indicator) => {
            if (indicator !== API_RESOURCE) throw new errors.InvalidTarget();
            return resourceServer;
          },
        },
      },
      formats: {
        customizers: {
          // Keycloak-shaped access token: typ JWT, azp, realm_access, resource_access, groups, profile.
          jwt: async (_ctx, token, parts) => {
            const at = token as AccessToken;
            const user = at.accountId ? userOrUndefined(at.accountId) : undefined;
            const payload = parts.payload as Record<string, unknown>;
            parts.header = { ...(parts.header ?? {}), typ: 'JWT' };
            delete payload.client_id;
            if (!user) return;
            const clientId = at.clientId ?? (payload.azp as string | undefined) ?? '';
            Object.assign(payload, accessTokenClaims(user, clientId, at.scope ?? (payload.scope as string | undefined), at.sid), {
              aud: payload.aud ?? API_CLIENT_ID,
            });
          },
        },
      },
      findAccount: async (_ctx, sub): Promise<Account | undefined> => {
        const user = userOrUndefined(sub);
        if (!user) return undefined;
        return { accountId: user.id, claims: () => ({ ...profileClaims(user), sub: user.id }) };
      },
      loadExistingGrant: async (ctx) => {
        // First-party clients: no consent screen, everything requested is granted.
        const { oidc } = ctx;
        const accountId = oidc.account?.accountId ?? oidc.session?.accountId;
        if (!accountId || !oidc.client) return undefined;
        const grantId = oidc.result?.consent?.grantId ?? oidc.session?.grantIdFor(oidc.client.clientId);
        let grant = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
        if (!grant || grant.accountId !== accountId || grant.clientId !== oidc.client.clientId) {
          grant = new oidc.provider.Grant({ accountId, clientId: oidc.client.clientId });
        }
        const requested = [...(oidc.requestParamScopes ?? new Set<string>())].join(' ');
        if (requested) grant.addOIDCScope(requested);
        for (const indicator of Object.keys(oidc.resourceServers ?? {})) {
          grant.addResourceScope(indicator, requested || 'openid');
        }
        await grant.save();
        return grant;
      },
      issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
      interactions: {
        url: (_ctx, interaction) => `${mountPath}/login-actions/authenticate/${interaction.uid}`,
      },
      renderError: async (ctx, out) => {
        ctx.type = 'html';
        ctx.body = messagePage('Ошибка', 'Не удалось выполнить запрос к серверу входа.', out as unknown as Record<string, unknown>);
      },
      ttl: {
        AccessToken: accessTokenTtl,
        AuthorizationCode: 60,
        ClientCredentials: accessTokenTtl,
        IdToken: accessTokenTtl,
        RefreshToken: refreshTokenTtl,
        Interaction: 1800,
        Session: sessionTtl,
        Grant: sessionTtl,
        DeviceCode: 600,
        BackchannelAuthenticationRequest: 600,
      },
    };

    const provider = new Provider(issuer, configuration);
    provider.proxy = false;

    // Keycloak semantics the library does not have: wildcard redirect URIs, `+` post-logout URIs, sid everywhere.
    const proto = provider.Client.prototype as unknown as ProviderClientPrototype;
    proto.redirectUriAllowed = function redirectUriAllowed(value: string) {
      return redirectUriMatches(realmClient(this.clientId)?.redirectUris ?? [], value);
    };
    proto.postLogoutRedirectUriAllowed = function postLogoutRedirectUriAllowed(value: string) {
      return redirectUriMatches(realmClient(this.clientId)?.postLogoutRedirectUris ?? [], value);
    };
    proto.includeSid = () => true;

    // keycloak-js decodes the refresh token as a JWT (refreshTokenParsed) and fails on opaque values:
    // the refresh token's identifier is therefore a signed JWT shaped like Keycloak's (typ Refresh).
    const refreshProto = provider.RefreshToken.prototype as unknown as {
      generateTokenId(): string;
      accountId: string;
      clientId: string;
      sid?: string;
      scope?: string;
      readonly expiration: number;
    };
    refreshProto.generateTokenId = function generateRefreshTokenId() {
      const now = Math.floor(Date.now() / 1000);
      return signJwt(key, {
        exp: now + this.expiration,
        iat: now,
        jti: randomUUID(),
        iss: issuer,
        aud: issuer,
        sub: this.accountId,
        typ: 'Refresh',
        azp: this.clientId,
        ...(this.sid ? { sid: this.sid } : {}),
        ...(this.scope ? { scope: this.scope } : {}),
      });
    };

    // Direct access grant (grant_type=password), as Keycloak implements it for clients with directAccessGrantsEnabled.
    provider.registerGrantType(
      'password',
      async (ctx) => {
        const params = ctx.oidc.params as Record<string, unknown>;
        const username = typeof params.username === 'string' ? params.username : '';
        const password = typeof params.password === 'string' ? params.password : '';
        if (!username || !password) throw new errors.InvalidRequest('missing parameter username or password');
        const user = findLoginUser(realm, username);
        if (!user || !verifyPassword(user, password)) {
          const error = new errors.InvalidGrant('Invalid user credentials');
          Object.assign(error, { status: 401, statusCode: 401, error_description: 'Invalid user credentials' });
          throw error;
        }
        const client = ctx.oidc.client;
        const requested = new Set(typeof params.scope === 'string' ? params.scope.split(' ').filter(Boolean) : []);
        const scopes = [...new Set([...requested].filter((s) => STATIC_SCOPES.includes(s)).concat(DEFAULT_TOKEN_SCOPES))];
        const scope = scopes.join(' ');
        const sid = randomUUID();

        const grant = new provider.Grant({ accountId: user.id, clientId: client.clientId });
        grant.addOIDCScope(scope);
        grant.addResourceScope(API_RESOURCE, scope);
        const grantId = await grant.save();

        const at = new provider.AccessToken({ accountId: user.id, client, grantId, gty: 'password', sid, scope });
        at.resourceServer = new provider.ResourceServer(API_RESOURCE, resourceServer);
        at.scope = scope;
        ctx.oidc.entity('AccessToken', at);
        const accessToken = await at.save();

        const rt = new provider.RefreshToken({
          accountId: user.id,
          client,
          grantId,
          gty: 'password',
          scope,
          resource: API_RESOURCE,
          sid,
          authTime: Math.floor(Date.now() / 1000),
          rotations: 0,
        });
        ctx.oidc.entity('RefreshToken', rt);
        const refreshToken = await rt.save();

        let idToken: string | undefined;
        if (requested.has('openid')) {
          const token = new provider.IdToken({ ...profileClaims(user), sub: user.id }, { ctx, client });
          Object.assign(token, { scope: grant.getOIDCScopeFiltered(new Set(scopes)) });
          token.set('sid', sid);
          token.set('azp', client.clientId);
          idToken = await token.issue({ use: 'idtoken' });
        }

        ctx.body = {
          access_token: accessToken,
          expires_in: at.expiration,
          refresh_expires_in: refreshTokenTtl,
          refresh_token: refreshToken,
          token_type: 'Bearer',
          ...(idToken ? { id_token: idToken } : {}),
          'not-before-policy': 0,
          session_state: sid,
          scope,
        };
      },
      ['username', 'password', 'scope'],
    );

    provider.on('server_error', (_ctx: unknown, err: Error) => log?.info(`idp: server error: ${err.stack ?? err.message}`));

    const callback = provider.callback();

    // --- endpoints served outside oidc-provider -------------------------------------------------

    function bearerToken(req: IncomingMessage, body?: URLSearchParams): string | undefined {
      const header = req.headers.authorization;
      if (header?.toLowerCase().startsWith('bearer ')) return header.slice(7).trim();
      return body?.get('access_token') ?? undefined;
    }

    /** Verifies one of our access tokens (signature, issuer, expiry) and returns its user. */
    function userFromAccessToken(token: string | undefined): RealmUser | undefined {
      if (!token) return undefined;
      const verified = verifyJwt(key, token);
      if (!verified) return undefined;
      const { payload } = verified;
      if (payload.iss !== issuer) return undefined;
      if (typeof payload.exp !== 'number' || payload.exp * 1000 < Date.now()) return undefined;
      if (typeof payload.sub !== 'string') return undefined;
      return userOrUndefined(payload.sub);
    }

    async function userinfo(req: IncomingMessage, res: ServerResponse) {
      const body = req.method === 'POST' ? new URLSearchParams(await readBody(req)) : undefined;
      const user = userFromAccessToken(bearerToken(req, body));
      if (!user) {
        sendJson(
          res,
          401,
          { error: 'invalid_token', error_description: 'Token verification failed' },
          {
            'WWW-Authenticate': 'Bearer realm="nastavnik", error="invalid_token", error_description="Token verification failed"',
          },
        );
        return;
      }
      sendJson(res, 200, profileClaims(user));
    }

    function account(req: IncomingMessage, res: ServerResponse) {
      const user = userFromAccessToken(bearerToken(req));
      if (!user) {
        sendJson(res, 401, { error: 'HTTP 401 Unauthorized' });
        return;
      }
      sendJson(res, 200, {
        id: user.id,
        username: user.username,
        ...(user.firstName ? { firstName: user.firstName } : {}),
        ...(user.lastName ? { lastName: user.lastName } : {}),
        ...(user.email ? { email: user.email } : {}),
        emailVerified: user.emailVerified,
        attributes: user.attributes,
      });
    }

    async function loginAction(req: IncomingMessage, res: ServerResponse, uid: string) {
      let details;
      try {
        details = await provider.interactionDetails(req, res);
      } catch {
        sendHtml(res, 400, messagePage('Страница устарела', 'Срок действия страницы входа истёк. Вернитесь в приложение и войдите снова.'));
        return;
      }
      if (details.uid !== uid) {
        sendHtml(res, 400, messagePage('Страница устарела', 'Срок действия страницы входа истёк. Вернитесь в приложение и войдите снова.'));
        return;
      }
      const action = `${mountPath}/login-actions/authenticate/${encodeURIComponent(uid)}`;

      if (details.prompt.name === 'consent') {
        // Not expected (grants are created automatically), but never show a consent screen.
        const { accountId } = details.session ?? {};
        const clientId = String(details.params.client_id ?? '');
        if (!accountId) throw new Error('consent without a session');
        const grant = details.grantId
          ? ((await provider.Grant.find(details.grantId)) ?? new provider.Grant({ accountId, clientId }))
          : new provider.Grant({ accountId, clientId });
        const scope = typeof details.params.scope === 'string' ? details.params.scope : 'openid';
        grant.addOIDCScope(scope);
        grant.addResourceScope(API_RESOURCE, scope);
        const grantId = await grant.save();
        await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
        return;
      }

      if (req.method !== 'POST') {
        const loginHint = typeof details.params.login_hint === 'string' ? details.params.login_hint : undefined;
        sendHtml(res, 200, loginPage({ realmDisplayName: realm.displayName, action, ...(loginHint ? { username: loginHint } : {}) }));
        return;
      }

      const form = new URLSearchParams(await readBody(req));
      const username = form.get('username') ?? '';
      const password = form.get('password') ?? '';
      const user = findLoginUser(realm, username);
      if (!user || !verifyPassword(user, password)) {
        log?.info(`idp: failed login for "${username}"`);
        sendHtml(res, 200, loginPage({ realmDisplayName: realm.displayName, action, username, error: LOGIN_ERROR }));
        return;
      }
      await provider.interactionFinished(req, res, { login: { accountId: user.id, amr: ['pwd'], acr: '1' } }, { mergeWithLastSubmission: false });
    }

    async function loginStatusInit(res: ServerResponse, query: URLSearchParams) {
      const client = realmClient(query.get('client_id') ?? '');
      const origin = query.get('origin') ?? '';
      const ok = !!client && client.standardFlowEnabled && (isLoopbackOrigin(origin) || clientOriginAllowed(client, origin));
      res.statusCode = ok ? 204 : 403;
      res.setHeader('Cache-Control', 'no-store');
      res.end();
    }

    async function loginStatus(req: IncomingMessage, res: ServerResponse, query: URLSearchParams) {
      const ctx = provider.createContext(req, res) as unknown as KoaContextWithOIDC;
      const session = await provider.Session.get(ctx);
      const clientId = query.get('client_id') ?? '';
      const loggedIn = !!session.accountId;
      const sid = loggedIn && clientId ? session.authorizations?.[clientId]?.sid : undefined;
      sendJson(res, 200, { loggedIn, sid: sid ?? null });
    }

    function realmInfo(res: ServerResponse) {
      const publicKey = key.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
      sendJson(res, 200, {
        realm: realm.realm,
        public_key: publicKey,
        'token-service': `${issuer}${OIDC}`,
        'account-service': `${issuer}/account`,
        'tokens-not-before': 0,
      });
    }

    /** CORS like Keycloak's web origins, with credentials (keycloak-js fetches with credentials: 'include'). */
    function applyCors(req: IncomingMessage, res: ServerResponse): 'preflight' | 'continue' {
      const origin = req.headers.origin;
      if (!origin || !originAllowed(origin)) return 'continue';
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Vary', 'Origin');
      res.setHeader('Access-Control-Expose-Headers', 'WWW-Authenticate, DPoP-Nonce');
      if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
        res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
        const requested = req.headers['access-control-request-headers'];
        res.setHeader('Access-Control-Allow-Headers', requested ?? 'Authorization, Content-Type');
        res.setHeader('Access-Control-Max-Age', '3600');
        res.statusCode = 204;
        res.end();
        return 'preflight';
      }
      return 'continue';
    }

    async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const requestUrl = new URL(req.url ?? '/', url);
      const path = requestUrl.pathname;

      if (path === '/favicon.ico') {
        res.statusCode = 204;
        res.end();
        return;
      }
      if (path === '/' || path === '') {
        sendJson(res, 200, { realm: realm.realm, issuer, discovery: `${issuer}/.well-known/openid-configuration` });
        return;
      }
      if (path.startsWith('/admin/')) {
        if (await admin.handle(req, res, path, requestUrl.searchParams)) return;
      }
      if (path !== mountPath && !path.startsWith(`${mountPath}/`)) {
        sendJson(res, 404, { error: 'Realm does not exist' });
        return;
      }
      if (applyCors(req, res) === 'preflight') return;

      const sub = path.slice(mountPath.length) || '/';
      const method = req.method ?? 'GET';

      if (sub === '/' && method === 'GET') return realmInfo(res);
      if (sub === `${OIDC}/userinfo` && (method === 'GET' || method === 'POST')) return userinfo(req, res);
      if (sub === '/account' && method === 'GET') return account(req, res);
      if (sub === `${OIDC}/login-status-iframe.html` && method === 'GET') {
        return send(res, 200, LOGIN_STATUS_IFRAME_PAGE, 'text/html; charset=utf-8');
      }
      if (sub === `${OIDC}/login-status-iframe.html/init` && method === 'GET') return loginStatusInit(res, requestUrl.searchParams);
      if (sub === `${OIDC}/login-status-iframe.html/status` && method === 'GET') return loginStatus(req, res, requestUrl.searchParams);
      if (sub === `${OIDC}/3p-cookies/step1.html` || sub === `${OIDC}/3p-cookies/step2.html`) {
        return send(res, 200, THIRD_PARTY_COOKIES_PAGE, 'text/html; charset=utf-8');
      }
      if (sub === ACTION_TOKEN_PATH && (method === 'GET' || method === 'POST')) {
        const key = requestUrl.searchParams.get('key') ?? '';
        return handleActionToken(req, res, {
          tokens: admin.tokens,
          key,
          action: `${issuer}${ACTION_TOKEN_PATH}?key=${encodeURIComponent(key)}`,
          setPassword: admin.setPassword,
        });
      }
      const login = /^\/login-actions\/authenticate\/([^/]+)$/.exec(sub);
      if (login && (method === 'GET' || method === 'POST')) return loginAction(req, res, decodeURIComponent(login[1]!));

      if (sub === `${OIDC}/logout` && method === 'POST') {
        // keycloak-js' logoutMethod 'POST' sends a form; oidc-provider only takes GET here
        // (its POST support needs SameSite=None cookies, impossible over plain http).
        const form = new URLSearchParams(await readBody(req));
        for (const [k, v] of requestUrl.searchParams) if (!form.has(k)) form.set(k, v);
        req.method = 'GET';
        delete req.headers['content-type'];
        delete req.headers['content-length'];
        requestUrl.search = form.toString() ? `?${form.toString()}` : '';
      }

      // Everything else is oidc-provider's, mounted under the realm path (originalUrl keeps the prefix for discovery).
      (req as IncomingMessage & { originalUrl?: string }).originalUrl = `${mountPath}${sub}${requestUrl.search}`;
      req.url = `${sub}${requestUrl.search}`;
      await callback(req, res);
    }

    handler = (req, res) => {
      handle(req, res).catch((err: unknown) => {
        log?.info(`idp: ${req.method} ${req.url} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        if (!res.headersSent) sendHtml(res, 500, messagePage('Ошибка', 'Внутренняя ошибка сервера входа.'));
        else res.end();
      });
    };

    const tokenEndpoint = `${issuer}${OIDC}/token`;
    log?.info(`idp: realm ${realm.realm} at ${issuer} (${realm.users.length} users)`);

    return {
      url,
      realm: realm.realm,
      issuer,
      jwksUri: `${issuer}${OIDC}/certs`,
      tokenEndpoint,
      adminUrl: `${url}/admin/realms/${realm.realm}`,
      async passwordGrant(username, password) {
        const response = await fetch(tokenEndpoint, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
          body: new URLSearchParams({ grant_type: 'password', client_id: 'cli', username, password, scope: 'openid' }),
        });
        const body = (await response.json()) as TokenResponse & { error?: string; error_description?: string };
        if (!response.ok) {
          throw new Error(`password grant for ${username} failed: ${response.status} ${body.error ?? ''} ${body.error_description ?? ''}`.trim());
        }
        return body;
      },
      async mintAccessToken(username, overrides = {}) {
        const user = findLoginUser(realm, username);
        if (!user) throw new Error(`unknown user ${username} in realm ${realm.realm}`);
        const now = Math.floor(Date.now() / 1000);
        const payload: Record<string, unknown> = {
          exp: now + accessTokenTtl,
          iat: now,
          jti: randomUUID(),
          iss: issuer,
          ...accessTokenClaims(user, 'cli', 'openid', randomUUID()),
          ...overrides,
        };
        for (const [k, v] of Object.entries(payload)) if (v === undefined) delete payload[k];
        return signJwt(key, payload);
      },
      async stop() {
        await new Promise<void>((resolve, reject) => {
          server.close((err) => (err ? reject(err) : resolve()));
          server.closeAllConnections();
        });
      },
    };
  } catch (error) {
    server.closeAllConnections();
    server.close();
    throw error;
  }
}
