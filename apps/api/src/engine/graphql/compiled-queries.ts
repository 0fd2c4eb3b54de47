import { HeaderMap, type ApolloServerPlugin, type BaseContext, type GraphQLRequestContextResponseForOperation } from '@apollo/server';
import { GraphQLError, type DocumentNode, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { isDatabaseUnavailable, OUTAGE_RETRY_AFTER_SECONDS } from '../http/outage.js';
import type { Logger } from '../logging.js';

type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * graphql-jit's errors as graphql-js's (same message, path, locations, cause and extensions): the
 * error formatter reads `extensions` as an object, which graphql-jit leaves undefined.
 */
function asGraphQLError(error: GraphQLError): GraphQLError {
  const converted = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions ?? undefined,
  });
  if (error.locations) (converted as { locations?: GraphQLError['locations'] }).locations = error.locations;
  return converted;
}

/**
 * Queries run as code that graphql-jit generates once per parsed operation, instead of graphql-js
 * walking the document field by field on every request: on a roadmap page of 60 items graphql-js's
 * per-field work (argument objects, resolve infos, completion) was a fifth of the API's CPU.
 *
 * Served from Apollo's `responseForOperation` hook, so everything before execution stays Apollo's:
 * parsing with the token limit, validation with graphql-armor's depth, cost and alias rules and the
 * introspection policy, the other plugins (the NUL check). Mutations, and any operation graphql-jit
 * cannot compile, run on graphql-js through Apollo as before (a mutation's errors must never make it
 * run twice, and they are few per request). Apollo does not format what this hook returns, so the
 * errors of a query go through the same steps as Apollo's own (errorNormalize.ts in @apollo/server:
 * a code defaulting to INTERNAL_SERVER_ERROR, `extensions.http` taken into the answer's head, then
 * the API's formatError), and a database outage answers 503 with Retry-After as the outage plugin does.
 * (Apollo's gateway executor would keep its formatting, but builds an object with its own accessors
 * per request, whose garbage under load cost trivial queries a tenth of their throughput.)
 */
export function compiledQueriesPlugin<TContext extends BaseContext>(options: {
  schema: GraphQLSchema;
  formatError: FormatError;
  logger: Logger;
}): ApolloServerPlugin<TContext> {
  const { schema, formatError, logger } = options;
  // Per parsed document (Apollo keeps one per query text) and operation name: the compiled query,
  // null when graphql-jit cannot compile it, or false before its second request. Compiling
  // generates and evaluates code, which costs more than a run on graphql-js: an operation is
  // compiled when it comes again (the admin's queries do, all the time), so a stream of one-off
  // query texts costs no more than it did.
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | null | false>>();
  const compiledFor = (document: DocumentNode, operationName: string | undefined): CompiledQuery | null => {
    let operations = compiled.get(document);
    if (!operations) compiled.set(document, (operations = new Map()));
    const key = operationName ?? '';
    const known = operations.get(key);
    if (known === undefined) {
      operations.set(key, false);
      return null;
    }
    if (known !== false) return known;
    let query: CompiledQuery | null;
    try {
      const result = compileQuery(schema, document, operationName);
      query = isCompiledQuery(result) ? result : null;
    } catch (error) {
      logger.warn({ err: error, operationName }, 'graphql-jit could not compile the operation; graphql-js executes it');
      query = null;
    }
    operations.set(key, query);
    return query;
  };

  const responseForOperation = async (requestContext: GraphQLRequestContextResponseForOperation<TContext>) => {
    const { operation, document, request, contextValue } = requestContext;
    if (operation.operation !== 'query') return null;
    const query = compiledFor(document, request.operationName ?? undefined);
    if (!query) return null;
    const result = await query.query(undefined, contextValue, request.variables ?? {});
    const http = { status: undefined as number | undefined, headers: new HeaderMap() };
    if (!result.errors?.length) return { http, body: { kind: 'single' as const, singleResult: { data: result.data } } };

    const errors = result.errors.map(asGraphQLError);
    const formatted = errors.map((error) => {
      const { http: errorHttp, ...extensions }: Record<string, unknown> = { ...error.extensions, code: error.extensions.code ?? 'INTERNAL_SERVER_ERROR' };
      const head = errorHttp as { status?: number; headers?: Map<string, string> } | undefined;
      if (head?.status) http.status = head.status;
      head?.headers?.forEach((value, name) => http.headers.set(name, value));
      try {
        return formatError({ ...error.toJSON(), extensions }, error);
      } catch {
        return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
      }
    });
    if (errors.some((error) => isDatabaseUnavailable(error))) {
      http.status = 503;
      http.headers.set('retry-after', String(OUTAGE_RETRY_AFTER_SECONDS));
    }
    return { http, body: { kind: 'single' as const, singleResult: { data: result.data, errors: formatted } } };
  };

  return {
    async requestDidStart() {
      return { responseForOperation };
    },
  };
}
