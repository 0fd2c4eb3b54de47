import { badUserInput, type AppError } from '../errors.js';

/**
 * Hostile input refused at the edge, before any service sees it (issue 12, item 4).
 *
 * PostgreSQL cannot store U+0000 in text (`invalid byte sequence`, 22021/08P01): left alone, a NUL
 * in any field becomes a 500. No legitimate form, document title or file name carries one, so it is
 * refused (not silently stripped: the caller learns which field was wrong).
 */
export const HOSTILE_INPUT_MESSAGES_RU = {
  nul: (field: string) => `Поле «${field}» содержит недопустимый символ (NUL).`,
} as const;

const hasNul = (text: string) => text.includes('\u0000');

/**
 * The dotted path (`input.title`, `items.2.text`) of the first string — value or key — holding a
 * NUL in a JSON-like value, or null. Depth-bounded: bodies are already size-bounded.
 */
export function findNul(value: unknown, path = '', depth = 0): string | null {
  if (typeof value === 'string') return hasNul(value) ? path || 'body' : null;
  if (depth > 64 || value === null || typeof value !== 'object') return null;
  const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : Object.entries(value);
  for (const [key, item] of entries) {
    const itemPath = path ? `${path}.${key}` : key;
    if (hasNul(key)) return itemPath;
    const found = findNul(item, itemPath, depth + 1);
    if (found) return found;
  }
  return null;
}

/** BAD_USER_INPUT naming the field; REST routes answer it with 400, GraphQL in the body. */
export function nulError(field: string, extensions: Record<string, unknown> = {}): AppError {
  return badUserInput(field, HOSTILE_INPUT_MESSAGES_RU.nul(field), extensions);
}

/** Throws when any string in `value` holds a NUL (see findNul). */
export function refuseNul(value: unknown, path = ''): void {
  const field = findNul(value, path);
  if (field) throw nulError(field);
}

/** The first parameter (name or value) of a query string or urlencoded form holding a NUL, or null. */
export function nulParameter(params: URLSearchParams): string | null {
  for (const [name, value] of params) if (hasNul(name) || hasNul(value)) return name.replaceAll('\u0000', '') || 'query';
  return null;
}
