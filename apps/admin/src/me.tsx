/** The signed-in user as the API sees them (`me`), and what follows from their grants. */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { graphql } from './gql';
import type { MeQuery } from './gql/graphql';
import { districtHeaders, type GrantLike } from './lib/access';

export const MeQueryDocument = graphql(`
  query Me {
    me {
      id
      username
      displayName
      position
      roles
      timeZone
      grants {
        role
        scopeKind
        region {
          id
          name
        }
        district {
          id
          name
          region {
            id
            name
          }
        }
        organization {
          id
          name
          shortName
          district {
            id
            name
          }
        }
        partner {
          id
          name
          kind
          region {
            id
            name
          }
        }
      }
    }
  }
`);

export type Me = MeQuery['me'];

interface MeValue {
  me: Me;
  grants: readonly GrantLike[];
  /** Operation context for a request about one district (adds `X-District-Id` where needed). */
  districtContext(districtId: string | null | undefined): { headers: Record<string, string> };
}

const MeContext = createContext<MeValue | null>(null);

export function MeProvider({ me, children }: { me: Me; children: ReactNode }) {
  const value = useMemo<MeValue>(
    () => ({
      me,
      grants: me.grants,
      districtContext: (districtId) => ({ headers: districtHeaders(me.grants, districtId) }),
    }),
    [me],
  );
  return <MeContext.Provider value={value}>{children}</MeContext.Provider>;
}

export function useMe(): MeValue {
  const value = useContext(MeContext);
  if (!value) throw new Error('MeProvider is missing');
  return value;
}
