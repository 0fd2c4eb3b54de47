import type { PlatformRole } from '@nastavnik/domain';
import type { AuthChecker } from 'type-graphql';
import { forbidden, unauthenticated } from '../errors.js';
import type { GraphQLContext } from '../graphql/context.js';
import { hasRole } from './actor.js';

/**
 * Role guard for `@Authorized(...roles)`: no actor → UNAUTHENTICATED, none of the roles →
 * FORBIDDEN. Row scope (which objects) is the services' job.
 */
export const authChecker: AuthChecker<GraphQLContext, PlatformRole> = ({ context }, roles) => {
  if (!context?.actor) throw unauthenticated();
  if (roles.length > 0 && !hasRole(context.actor, roles)) throw forbidden();
  return true;
};
