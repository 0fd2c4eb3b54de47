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
  callFieldResolversDirectly(schema, resolvers);
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

type ParamKind = 'root' | 'context' | 'info';

/**
 * type-graphql calls a field resolver method through a wrapper that, on every value, looks the
 * resolver class up in its container (a linear search), sorts and maps the parameter list and runs
 * the (empty) middleware chain: a roadmap page of 200 items makes thousands of such calls. A field
 * resolver with no role check, no middleware and no arguments (only @Root, @Ctx, @Info) is called
 * directly instead, with the same arguments; a root that is not an instance of the method's @Root
 * type still goes through type-graphql (which converts it).
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql types its resolver classes so
function callFieldResolversDirectly(schema: GraphQLSchema, resolvers: readonly Function[]): void {
  const storage = getMetadataStorage();
  const instances = new Map<unknown, Record<string, (...args: unknown[]) => unknown>>();
  const decided = new Set<string>();
  for (const resolver of storage.fieldResolvers) {
    // As type-graphql picks a field's resolver: the first of the built classes for the type and method.
    if (resolver.kind !== 'external' || !resolvers.includes(resolver.target)) continue;
    const objectClass = resolver.getObjectType?.();
    const objectType = storage.objectTypes.find((type) => type.target === objectClass);
    const fieldMetadata = objectType?.fields?.find((f) => f.name === resolver.methodName);
    if (!objectType || !fieldMetadata) continue;
    const decision = `${objectType.name}.${fieldMetadata.schemaName}`;
    if (decided.has(decision)) continue;
    decided.add(decision);
    if (resolver.roles || resolver.middlewares?.length) continue;
    const named = schema.getType(objectType.name);
    if (Object.prototype.toString.call(named) !== '[object GraphQLObjectType]') continue;
    const field = (named as GraphQLObjectType).getFields()[fieldMetadata.schemaName];
    if (!field || !field.resolve || field.args.length > 0 || fieldMetadata?.roles || fieldMetadata?.middlewares?.length) continue;
    const params = [...(resolver.params ?? [])].sort((a, b) => a.index - b.index);
    if (!params.every((p) => (p.kind === 'root' || p.kind === 'context' || p.kind === 'info') && !('propertyName' in p && p.propertyName))) continue;
    const kinds = params.map((p) => p.kind as ParamKind);
    // The class @Root() converts to (its design type); a plain object root keeps type-graphql's path.
    const rootParam = params.find((p) => p.kind === 'root') as { getType?: () => unknown } | undefined;
    const rootType = rootParam?.getType?.();
    const rootClass = typeof rootType === 'function' ? (rootType as abstract new (...args: never[]) => unknown) : undefined;
    let instance = instances.get(resolver.target);
    if (!instance) instances.set(resolver.target, (instance = new (resolver.target as new () => Record<string, (...args: unknown[]) => unknown>)()));
    const method = instance[resolver.methodName]!;
    const target = instance;
    const wrapped = field.resolve;
    const pick = (kind: ParamKind, root: unknown, context: unknown, info: unknown) => (kind === 'root' ? root : kind === 'context' ? context : info);
    // The usual shapes without an argument array per call.
    const call: (root: unknown, context: unknown, info: unknown) => unknown =
      kinds.length === 0
        ? () => method.call(target)
        : kinds.length === 1
          ? (root, context, info) => method.call(target, pick(kinds[0]!, root, context, info))
          : kinds.length === 2 && kinds[0] === 'root' && kinds[1] === 'context'
            ? (root, context) => method.call(target, root, context)
            : (root, context, info) =>
                method.apply(
                  target,
                  kinds.map((kind) => pick(kind, root, context, info)),
                );
    field.resolve = (root, args, context, info) => {
      if (rootClass && root != null && !(root instanceof rootClass)) return wrapped(root, args, context, info);
      return call(root, context, info);
    };
  }
}

/** The committed SDL: sorted, so the file changes only when the schema does. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
