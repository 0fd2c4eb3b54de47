import type { GraphQLContext } from './graphql/context.js';

/** What a service needs from a request: passed explicitly, so services run without HTTP. */
export type ServiceContext = Pick<GraphQLContext, 'actor' | 'em'>;
/** Services touching tenant data also get the tenant accessor (throws without a district). */
export type TenantServiceContext = Pick<GraphQLContext, 'actor' | 'em' | 'tenant'>;
