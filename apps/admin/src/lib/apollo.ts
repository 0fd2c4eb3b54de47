/**
 * Apollo Client 4 against the API's /graphql (same origin: the dev server proxies it, nginx does
 * in production). Every request carries a fresh bearer token; per-operation headers (the tenancy
 * header `X-District-Id`) pass through from the operation's context.
 */
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import type { Auth } from '../auth/keycloak';
import { classifyError } from './errors';

export function createApolloClient(auth: Auth, uri = '/graphql'): ApolloClient {
  const authLink = new SetContextLink(async (prevContext) => {
    const token = await auth.getToken();
    return {
      headers: {
        ...(prevContext.headers as Record<string, string> | undefined),
        Authorization: `Bearer ${token}`,
      },
    };
  });

  const errorLink = new ErrorLink(({ error }) => {
    // A token the API no longer accepts: back to the login page (once; see Auth.relogin).
    if (classifyError(error).kind === 'unauthenticated') auth.relogin();
  });

  return new ApolloClient({
    link: ApolloLink.from([errorLink, authLink, new HttpLink({ uri })]),
    cache: new InMemoryCache({
      // Objects without an id that several queries select in parts: merge, do not replace.
      typePolicies: {
        Inbox: { merge: true },
        CampaignCounts: { merge: true },
        RoadmapExecution: { merge: true },
        ItemDeadline: { merge: true },
      },
    }),
    defaultOptions: {
      watchQuery: { fetchPolicy: 'cache-and-network' },
    },
  });
}
