import {
  astFromValue,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  Lexer,
  print,
  Source,
  TokenKind,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { ARG_KINDS } from './table.js';

/**
 * Builds a call of a Query or Mutation field from the schema alone: arguments and input fields
 * filled by type and name (ids of the requested kind from `idFor`), and a selection of every
 * scalar field with nested objects to a bounded depth, so a foreign id anywhere in the answer is
 * returned and seen. Hand-written because no library generates "fill everything" operations with
 * our id kinds; graphql-js does the typing and printing.
 */
export type IdSource = (kind: string | null, argName: string) => string;

/** The kind an argument or input field names, or undefined for ordinary values. Throws on an unknown *Id name. */
export function kindOfName(name: string, idKind: string | undefined, overrides: Record<string, string> = {}): string | null | undefined {
  if (name in overrides) return overrides[name]!;
  if (name === 'id') return idKind ?? null;
  if (name in ARG_KINDS) return ARG_KINDS[name]!;
  if (/Ids?$/.test(name)) throw new Error(`isolation/table.ts: add «${name}» to ARG_KINDS (which objects does it name?)`);
  return undefined;
}

function stringFor(name: string, filler: Filler): string {
  const n = name.toLowerCase();
  if (n === 'academicyear') return filler.academicYear;
  if (/date|on$|start|end|deadline|due|from$|to$|until/.test(n)) return '2025-10-01';
  if (n.includes('email')) return 'probe@example.ru';
  if (n.includes('phone')) return '8 (900) 000-00-00';
  if (n === 'inn') return '7707083893';
  if (n === 'ogrn') return '1027700132195';
  if (n === 'kpi') return 'coverage';
  if (n === 'op') return '>=';
  if (n === 'action') return 'publish';
  if (n === 'url') return 'https://example.ru/doc';
  if (n === 'fieldname' || n === 'field') return 'activity';
  return 'Проверка изоляции';
}

interface Filler {
  idFor: IdSource;
  idKind?: string;
  overrides?: Record<string, string>;
  /** The academic year the world's data belong to. */
  academicYear: string;
}

function valueFor(type: GraphQLInputType, name: string, filler: Filler, depth = 0): unknown {
  if (isNonNullType(type)) return valueFor(type.ofType, name, filler, depth);
  if (isListType(type)) return [valueFor(type.ofType, name, filler, depth)];
  if (isInputObjectType(type)) {
    if (depth > 4) return null;
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields()) as GraphQLInputField[]) {
      const kind = kindOfName(field.name, undefined, filler.overrides);
      // Required fields, and every field naming an object (that is what the scope must stop).
      if (isNonNullType(field.type) || kind !== undefined) value[field.name] = valueFor(field.type, field.name, filler, depth + 1);
    }
    return value;
  }
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID': {
        const kind = kindOfName(name, filler.idKind, filler.overrides);
        return filler.idFor(kind ?? null, name);
      }
      case 'Int':
        return name === 'limit' ? 100 : 1;
      case 'Float':
        return 1;
      case 'Boolean':
        return true;
      case 'DateTimeISO':
        return '2025-10-01T00:00:00.000Z';
      default:
        return stringFor(name, filler);
    }
  }
  throw new Error(`no value for ${String(type)}`);
}

function argsText(args: readonly GraphQLArgument[], filler: Filler, all: boolean): string | null {
  const parts: string[] = [];
  for (const arg of args) {
    const kind = kindOfName(arg.name, filler.idKind, filler.overrides);
    if (!all && !isNonNullType(arg.type)) continue;
    if (all && !isNonNullType(arg.type) && kind === undefined) continue;
    const ast = astFromValue(valueFor(arg.type, arg.name, filler), arg.type);
    if (!ast) return null;
    parts.push(`${arg.name}: ${print(ast)}`);
  }
  return parts.length ? `(${parts.join(', ')})` : '';
}

function selectionFor(type: ReturnType<typeof getNamedType>, depth: number, filler: Filler): string {
  if (isLeafType(type)) return '';
  if (!isObjectType(type)) return '__typename';
  const parts: string[] = [];
  for (const field of Object.values(type.getFields()) as Array<GraphQLField<unknown, unknown>>) {
    const named = getNamedType(field.type);
    // Nested fields: only their required arguments (ids of the same side).
    const args = argsText(field.args, { ...filler, idKind: undefined }, false);
    if (args === null) continue;
    if (isLeafType(named)) parts.push(`${field.name}${args}`);
    else if (depth > 0) {
      const inner = selectionFor(named, depth - 1, filler);
      if (inner) parts.push(`${field.name}${args} { ${inner} }`);
    }
  }
  return parts.length ? parts.join(' ') : '__typename';
}

export function tokenCount(document: string): number {
  const lexer = new Lexer(new Source(document));
  let n = 0;
  while (lexer.advance().kind !== TokenKind.EOF) n++;
  return n;
}

/**
 * The document of one call: `query { field(args…) { selection } }`, the deepest selection that
 * stays under the token limit (graphql-armor refuses more than 2,000 tokens).
 */
export function buildCall(
  schema: GraphQLSchema,
  operation: 'query' | 'mutation',
  fieldName: string,
  filler: Filler,
  maxDepth: number,
  maxTokens = 1900,
): string {
  const root = operation === 'query' ? schema.getQueryType()! : schema.getMutationType()!;
  const field = root.getFields()[fieldName]!;
  const args = argsText(field.args, filler, true);
  if (args === null) throw new Error(`${fieldName}: arguments cannot be generated`);
  const named = getNamedType(field.type);
  for (let depth = maxDepth; depth >= 0; depth--) {
    const selection = isLeafType(named) ? '' : ` { ${selectionFor(named, depth, filler)} }`;
    const document = `${operation} { ${fieldName}${args}${selection} }`;
    if (tokenCount(document) <= maxTokens || depth === 0) return document;
  }
  throw new Error('unreachable');
}
