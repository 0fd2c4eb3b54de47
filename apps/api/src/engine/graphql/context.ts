import { ERRORS_RU, type Grant } from '@nastavnik/domain';
import type { EntityManager, MikroORM } from '../orm/create-orm.js';
import { accessOf, type Actor, type ResolvedGrant } from '../auth/actor.js';
import type { TokenVerifier } from '../auth/token.js';
import { AppError, forbidden } from '../errors.js';
import { lazyChild, setRequestLogger, type Logger, type RequestLogScope } from '../logging.js';
import { assertDistrictServing } from '../migrations/availability.js';
import { createTenantAccessor, resolveTenantDistrict, TENANT_HEADER, type Tenant, type TenantDirectory, type TenantLoaders } from '../tenancy/tenant.js';

/** Per-request dataloaders over the shared-directory fork; modules add theirs by declaration merging. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RequestLoaders {}

/** Stateless services shared by all requests; modules add theirs by declaration merging. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Services {}

export interface GraphQLContext {
  requestId: string;
  logger: Logger;
  /** The verified caller with grants checked against the directory. Always present. */
  actor: Actor;
  /** A request fork of the ORM for the shared (`core`) entities. Never the global EntityManager. */
  em: EntityManager;
  loaders: RequestLoaders;
  services: Services;
  /** The request's district, or null when the actor works across districts without naming one. */
  readonly tenantDistrictId: string | null;
  /** The tenant (schema fork + its loaders). Throws FORBIDDEN when the request has no district. */
  readonly tenant: Tenant;
}

export interface ContextDependencies {
  orm: MikroORM;
  verifyToken: TokenVerifier;
  /** `em` makes the directory fork on first use: a cached directory needs none. */
  resolveGrants: (em: () => EntityManager, grants: readonly Grant[]) => Promise<ResolvedGrant[]>;
  tenantDirectory: TenantDirectory<() => EntityManager>;
  createLoaders: (em: EntityManager, actor: Actor) => RequestLoaders;
  createTenantLoaders: (em: EntityManager) => TenantLoaders;
  services: Services;
}

export interface RequestInfo {
  requestId: string;
  /** The request's logger (its id bound), made on first use. */
  readonly logger: Logger;
  /** The process's logger: the context makes its own child of it, with the user and district bound. */
  rootLogger: Logger;
  /** The request's logger for code without the context (AsyncLocalStorage, see logging.ts). */
  logScope: RequestLogScope;
  headers: { get(name: string): string | undefined };
  /** Filled in for the access log. */
  state: { username?: string; district?: string; /** The path for the request log, secrets hidden (see HttpRoute.logPath). */ logPath?: string };
}

/** The directory fork and its loaders, made on first use: most operations never touch them. */
interface DirectoryAccessor {
  em(): EntityManager;
  loaders(): RequestLoaders;
}

/**
 * The context object. `tenant`, `em` and `loaders` are getters on the prototype reading an own
 * property, because Apollo clones the context with Object.assign (own getters would be evaluated by
 * the clone, and private fields would not be copied).
 */
class RequestContext implements GraphQLContext {
  requestId!: string;
  loggerOf!: () => Logger;
  actor!: Actor;
  services!: Services;
  directoryAccessor!: DirectoryAccessor;
  tenantAccessor!: { readonly districtId: string | null; get(): Tenant };

  constructor(values: Omit<RequestContext, 'tenant' | 'tenantDistrictId' | 'em' | 'loaders' | 'logger'>) {
    Object.assign(this, values);
  }

  get logger(): Logger {
    return this.loggerOf();
  }

  get em(): EntityManager {
    return this.directoryAccessor.em();
  }

  get loaders(): RequestLoaders {
    return this.directoryAccessor.loaders();
  }

  get tenantDistrictId(): string | null {
    return this.tenantAccessor.districtId;
  }

  get tenant(): Tenant {
    return this.tenantAccessor.get();
  }
}

/**
 * Roles and access of a set of resolved grants. The directory cache hands every request of the same
 * grants the same frozen array while the directory is unchanged, so they are derived once per array
 * (frozen too: requests share them); an array read past the cache is derived for its request alone.
 */
const derivedFromGrants = new WeakMap<readonly ResolvedGrant[], Pick<Actor, 'roles' | 'access'>>();

function rolesAndAccess(grants: ResolvedGrant[]): Pick<Actor, 'roles' | 'access'> {
  const known = derivedFromGrants.get(grants);
  if (known) return known;
  const derived = { roles: [...new Set(grants.map((grant) => grant.role))], access: accessOf(grants) };
  if (!Object.isFrozen(grants)) return derived;
  Object.freeze(derived.roles);
  for (const ids of Object.values(derived.access)) if (Array.isArray(ids)) Object.freeze(ids);
  Object.freeze(derived.access);
  derivedFromGrants.set(grants, derived);
  return derived;
}

/** GraphQL errors raised while building the context are answered with HTTP 200 (see README). */
function asContextError(error: unknown): unknown {
  if (error instanceof AppError) {
    return new AppError(error.extensions.code as 'FORBIDDEN', error.message, { ...error.extensions, http: { status: 200 } });
  }
  return error;
}

/**
 * The one place where a request's identity and tenant are established: verify the token, check
 * its grants against the directory, fix the tenant from the verified grants (and the unverified
 * X-District-Id header), fork the EntityManager.
 */
export async function buildContext(deps: ContextDependencies, request: RequestInfo): Promise<GraphQLContext> {
  try {
    const identity = await deps.verifyToken(request.headers.get('authorization'));
    request.state.username = identity.username;
    const loggerContext = { reqId: request.requestId };
    let em: EntityManager | undefined;
    let loaders: RequestLoaders | undefined;
    const directoryEm = () => (em ??= deps.orm.em.fork({ clear: true, loggerContext }));
    const grants = await deps.resolveGrants(directoryEm, identity.grants);
    if (grants.length === 0) throw forbidden(ERRORS_RU.noGrants);
    const { roles, access } = rolesAndAccess(grants);
    const actor: Actor = {
      userId: identity.userId,
      username: identity.username,
      displayName: identity.displayName,
      position: identity.position,
      roles,
      grants,
      access,
    };
    const district = await resolveTenantDistrict(actor, request.headers.get(TENANT_HEADER), deps.tenantDirectory, directoryEm);
    if (district) request.state.district = district.code;
    const tenant = createTenantAccessor(district, (d) => {
      assertDistrictServing(deps.orm, d.id);
      const tenantEm = deps.orm.em.fork({ clear: true, schema: d.schemaName, loggerContext });
      return { district: d, em: tenantEm, loaders: deps.createTenantLoaders(tenantEm) };
    });
    const logger = lazyChild(request.rootLogger, { reqId: request.requestId, user: actor.username, ...(district ? { district: district.code } : {}) });
    setRequestLogger(logger);
    return new RequestContext({
      requestId: request.requestId,
      loggerOf: logger,
      actor,
      directoryAccessor: { em: directoryEm, loaders: () => (loaders ??= deps.createLoaders(directoryEm(), actor)) },
      services: deps.services,
      tenantAccessor: tenant,
    });
  } catch (error) {
    throw asContextError(error);
  }
}
