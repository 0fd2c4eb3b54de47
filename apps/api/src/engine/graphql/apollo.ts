import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLSchema } from 'graphql';
import type { ApiConfig } from '../config.js';
import { createErrorFormatter } from '../errors.js';
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

/**
 * Apollo Server with the security defaults: CSRF prevention on, batching off, introspection and
 * field suggestions off in production, no stack traces, graphql-armor limits, no landing page.
 */
export async function createApolloServer<TContext extends BaseContext>(options: {
  schema: GraphQLSchema;
  config: Pick<ApiConfig, 'production'>;
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
    maxTokens: { n: ARMOR_LIMITS.maxTokens },
    blockFieldSuggestion: { enabled: config.production },
  });
  const protection = armor.protect();
  const apolloLogger = {
    debug: (message: string) => logger.debug({ apollo: true }, message),
    info: (message: string) => logger.info({ apollo: true }, message),
    warn: (message: string) => logger.warn({ apollo: true }, message),
    error: (message: string) => logger.error({ apollo: true }, message),
  };
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
    formatError: createErrorFormatter(logger),
    validationRules: protection.validationRules,
    // graphql-armor's typings point at Apollo's CommonJS declarations: same plugin, other d.ts.
    plugins: [...(protection.plugins as unknown as ApolloServerPlugin<TContext>[]), ApolloServerPluginLandingPageDisabled()],
  });
  await server.start();
  return server;
}
