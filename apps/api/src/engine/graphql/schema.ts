import { lexicographicSortSchema, printSchema, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { buildSchema, getMetadataStorage, type NonEmptyArray } from 'type-graphql';
import { authChecker } from '../auth/authorize.js';

/** Builds the executable schema from the resolver classes (code first). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql types its resolver classes so
export async function buildGraphQLSchema(resolvers: NonEmptyArray<Function>): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    authChecker,
    authMode: 'error',
    validate: false,
    emitSchemaFile: false,
  });
  dropPlainFieldResolvers(schema);
  return schema;
}

/**
 * type-graphql gives every plain `@Field` (a property, no @Authorized, no middleware, no field
 * resolver) a resolver of its own that builds a middleware context per value; graphql-js's default
 * resolver reads the same property (`simpleResolvers: true` for every object type). Fields with a
 * role check, a middleware or a field resolver keep theirs.
 */
function dropPlainFieldResolvers(schema: GraphQLSchema): void {
  const storage = getMetadataStorage();
  for (const objectType of storage.objectTypes) {
    const named = schema.getType(objectType.name);
    // By its tag, not `isObjectType` (instanceof): a test runner that loads graphql's ESM build
    // beside type-graphql's CommonJS one (tools/keycloak) would see no object type at all.
    if (Object.prototype.toString.call(named) !== '[object GraphQLObjectType]') continue;
    const type = named as GraphQLObjectType;
    const fields = type.getFields();
    for (const field of objectType.fields ?? []) {
      const built = fields[field.schemaName];
      if (!built || field.schemaName !== field.name || field.roles || field.middlewares?.length) continue;
      if (storage.fieldResolvers.some((resolver) => resolver.getObjectType?.() === field.target && resolver.methodName === field.name)) continue;
      built.resolve = undefined;
    }
  }
}

/** The committed SDL: sorted, so the file changes only when the schema does. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
