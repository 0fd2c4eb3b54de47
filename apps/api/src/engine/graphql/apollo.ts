import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { Kind, visit, type ASTNode, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { ApiConfig } from '../config.js';
import { createErrorFormatter } from '../errors.js';
import { compiledQueriesPlugin } from './compiled-queries.js';
import { findNul, nulError } from '../http/hostile-input.js';
import { isDatabaseUnavailable, OUTAGE_RETRY_AFTER_SECONDS } from '../http/outage.js';
import type { Logger } from '../logging.js';

/** Limits on what one operation may ask for (graphql-armor). */
export const ARMOR_LIMITS = {
  maxDepth: 10,
  // graphql-armor's cost is static (fields × depth, not rows): the district table of 8 figures,
  // each with its formula, inputs and target, per school and in the totals costs about 5,500.
  maxCost: 8000,
  maxAliases: 15,
  maxDirectives: 20,
  maxTokens: 2000,
} as const;

/** Per parsed document: Apollo keeps one DocumentNode per query text in its cache, so each is walked once. */
const nulPaths = new WeakMap<DocumentNode, string | null>();

/** The argument path (`input.title`) of the first string literal in the document holding a NUL. */
function nulLiteralPath(document: DocumentNode): string | null {
  let found = nulPaths.get(document);
  if (found === undefined) nulPaths.set(document, (found = findNulLiteral(document)));
  return found;
}

function findNulLiteral(document: DocumentNode): string | null {
  let found: string | null = null;
  visit(document, {
    StringValue(node, _key, parent, _path, ancestors) {
      if (found || !node.value.includes('\u0000')) return;
      const names = [...ancestors, parent].flatMap((ancestor) => {
        const n = ancestor as ASTNode | undefined;
        if (n && !Array.isArray(n) && (n.kind === Kind.ARGUMENT || n.kind === Kind.OBJECT_FIELD)) return [n.name.value];
        if (n && !Array.isArray(n) && n.kind === Kind.VARIABLE_DEFINITION) return [n.variable.name.value];
        return [];
      });
      found = names.join('.') || 'query';
    },
  });
  return found;
}

/**
 * Refuses a NUL anywhere in the operation's variables or string literals before anything runs
 * (see engine/http/hostile-input.ts). Answered like the API's other BAD_USER_INPUT: HTTP 200 with
 * the message and `field` in `errors` (the admin shows it beside the field).
 */
function hostileInputPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const field = findNul(request.variables ?? {}) ?? nulLiteralPath(document);
          if (field) throw nulError(field, { http: { status: 200 } });
        },
      };
    },
  };
}

/**
 * An operation that failed because the database is unreachable is answered 503 with `Retry-After`
 * (the formatter gives its errors the code SERVICE_UNAVAILABLE), not 200/500.
 */
function databaseOutagePlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ errors, response }) {
          if (!errors?.some((error) => isDatabaseUnavailable(error))) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', String(OUTAGE_RETRY_AFTER_SECONDS));
        },
      };
    },
  };
}

/**
 * Apollo Server with the security defaults: CSRF prevention on, batching off, introspection and
 * field suggestions off in production, no stack traces, graphql-armor limits, no landing page.
 */
export async function createApolloServer<TContext extends BaseContext>(options: {
  schema: GraphQLSchema;
  config: Pick<ApiConfig, 'production' | 'graphqlCompiledQueries'>;
  logger: Logger;
}): Promise<ApolloServer<TContext>> {
  const { schema, config, logger } = options;
  const armor = new ApolloArmor({
    // Fragments do not add depth: the admin composes its queries from fragments, and depth is
    // about the shape of the data asked for, not about how the query text is organised.
    maxDepth: { n: ARMOR_LIMITS.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    costLimit: { maxCost: ARMOR_LIMITS.maxCost, ignoreIntrospection: true },
    maxAliases: { n: ARMOR_LIMITS.maxAliases },
    maxDirectives: { n: ARMOR_LIMITS.maxDirectives },
    // graphql-armor's token limit re-parses the query in a `parsingDidStart` hook, outside Apollo's
    // error handling: every syntax error then came back as HTTP 500. graphql-js enforces the same
    // limit in Apollo's own parse (`parseOptions.maxTokens` below), whose errors are 400.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: config.production },
  });
  const protection = armor.protect();
  const apolloLogger = {
    debug: (message: string) => logger.debug({ apollo: true }, message),
    info: (message: string) => logger.info({ apollo: true }, message),
    warn: (message: string) => logger.warn({ apollo: true }, message),
    error: (message: string) => logger.error({ apollo: true }, message),
  };
  const formatError = createErrorFormatter(logger);
  const server = new ApolloServer<TContext>({
    schema,
    logger: apolloLogger,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // Apollo would stop itself on SIGTERM while the HTTP server still finishes requests in flight
    // (each then failed with 500); the process's own shutdown stops it after the HTTP server drained.
    stopOnTerminationSignals: false,
    introspection: !config.production,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: config.production,
    formatError,
    // Compact JSON: Apollo's default indents every answer by two spaces and a new line per field,
    // bytes the API serialises and writes, and the browser reads, for nothing.
    stringifyResult: (value) => JSON.stringify(value),
    parseOptions: { maxTokens: ARMOR_LIMITS.maxTokens },
    validationRules: protection.validationRules,
    plugins: [
      // graphql-armor's typings point at Apollo's CommonJS declarations: same plugin, other d.ts.
      ...(protection.plugins as unknown as ApolloServerPlugin<TContext>[]),
      hostileInputPlugin<TContext>(),
      databaseOutagePlugin<TContext>(),
      ApolloServerPluginLandingPageDisabled(),
      // Apollo installs its cache-control plugin by default; its willResolveField hook makes Apollo
      // wrap every field's resolver (a third of a roadmap page's execution). The API sets no cache hints.
      ApolloServerPluginCacheControlDisabled(),
      // Last: it answers queries itself, after every other plugin has seen the operation.
      ...(config.graphqlCompiledQueries ? [compiledQueriesPlugin<TContext>({ schema, formatError, logger })] : []),
    ],
  });
  await server.start();
  return server;
}
