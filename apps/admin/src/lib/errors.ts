/**
 * Turns whatever Apollo Client reports into what the user should see: the API's Russian message,
 * field errors for forms, and the kind of page to show (re-login, «Нет доступа», «Не найдено»).
 */
import { CombinedGraphQLErrors, ServerError, ServerParseError } from '@apollo/client/errors';
import { ru } from '../i18n/ru';

export type AppErrorKind = 'unauthenticated' | 'forbidden' | 'notFound' | 'conflict' | 'badInput' | 'network' | 'internal';

export interface AppError {
  kind: AppErrorKind;
  /** Russian text for the user: the API's own message where there is one. */
  message: string;
  /** BAD_USER_INPUT errors by input field (`extensions.field`, last path segment). */
  fieldErrors: Record<string, string>;
  /** The first BAD_USER_INPUT error with its whole path (`sections[1].items[0].activity`), for editors. */
  fieldPath?: { path: string; message: string };
  /** CONFLICT: VERSION (someone saved meanwhile) or STATE (the state no longer allows it). */
  conflictReason?: string;
}

export interface GraphQLErrorLike {
  message: string;
  extensions?: Record<string, unknown> | null | undefined;
}

const KIND_BY_CODE: Record<string, AppErrorKind> = {
  UNAUTHENTICATED: 'unauthenticated',
  FORBIDDEN: 'forbidden',
  NOT_FOUND: 'notFound',
  // Someone else changed the object meanwhile (a stale `expectedVersion`), or its state no longer allows the action.
  CONFLICT: 'conflict',
  BAD_USER_INPUT: 'badInput',
  // The database is briefly out of reach (HTTP 503 with Retry-After): like a lost connection, try again.
  SERVICE_UNAVAILABLE: 'network',
  INTERNAL_SERVER_ERROR: 'internal',
};

/** The most important first: a re-login beats a missing object beats an input error. */
const PRIORITY: AppErrorKind[] = ['unauthenticated', 'forbidden', 'notFound', 'conflict', 'badInput', 'internal', 'network'];

/** `input.code` → `code`; anything else stays as given. */
export function fieldKey(field: unknown): string | null {
  if (typeof field !== 'string' || field.length === 0) return null;
  const parts = field.split('.');
  return parts[parts.length - 1] ?? null;
}

function hasCyrillic(text: string): boolean {
  return /[а-яё]/i.test(text);
}

function fallbackMessage(kind: AppErrorKind): string {
  switch (kind) {
    case 'unauthenticated':
      return ru.errors.sessionExpired;
    case 'forbidden':
      return ru.errors.forbiddenText;
    case 'notFound':
      return ru.errors.notFoundText;
    case 'network':
      return ru.errors.network;
    default:
      return ru.errors.unexpected;
  }
}

export function classifyGraphQLErrors(errors: readonly GraphQLErrorLike[]): AppError {
  if (errors.length === 0) return { kind: 'internal', message: ru.errors.unexpected, fieldErrors: {} };
  const classified = errors.map((error) => {
    const code = typeof error.extensions?.code === 'string' ? error.extensions.code : '';
    return { error, kind: KIND_BY_CODE[code] ?? ('internal' as AppErrorKind) };
  });
  const kind = PRIORITY.find((candidate) => classified.some((entry) => entry.kind === candidate)) ?? 'internal';
  const fieldErrors: Record<string, string> = {};
  for (const entry of classified) {
    if (entry.kind !== 'badInput') continue;
    const field = fieldKey(entry.error.extensions?.field);
    if (field && !(field in fieldErrors)) fieldErrors[field] = entry.error.message;
    // Every problem of the form at once (the API's `fields`), each beside its field.
    const all = entry.error.extensions?.fields;
    if (!Array.isArray(all)) continue;
    for (const item of all as Array<{ field?: unknown; message?: unknown }>) {
      const key = fieldKey(item?.field);
      if (key && typeof item.message === 'string' && !(key in fieldErrors)) fieldErrors[key] = item.message;
    }
  }
  const first = classified.find((entry) => entry.kind === kind)!.error;
  const main = first.message;
  // The API speaks Russian; a stray English message (a validation error of the GraphQL layer,
  // say) is replaced by a neutral Russian one rather than shown as is.
  const message = main && hasCyrillic(main) ? main : fallbackMessage(kind);
  const result: AppError = { kind, message, fieldErrors };
  const path = classified.find((entry) => entry.kind === 'badInput' && typeof entry.error.extensions?.field === 'string');
  if (kind === 'badInput' && path) result.fieldPath = { path: String(path.error.extensions!.field), message: path.error.message };
  if (kind === 'conflict' && typeof first.extensions?.reason === 'string') result.conflictReason = first.extensions.reason;
  return result;
}

function kindOfStatus(status: number): AppErrorKind {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notFound';
  if (status === 400) return 'badInput';
  if (status === 503) return 'network';
  return status >= 500 ? 'internal' : 'network';
}

function errorsInBody(bodyText: string): GraphQLErrorLike[] | null {
  try {
    const parsed: unknown = JSON.parse(bodyText);
    if (parsed && typeof parsed === 'object' && Array.isArray((parsed as { errors?: unknown }).errors)) {
      return (parsed as { errors: GraphQLErrorLike[] }).errors.filter((e) => e && typeof e.message === 'string');
    }
  } catch {
    // not JSON: fall through to the status code
  }
  return null;
}

/** Any error from Apollo Client (or a thrown value) → what to show. */
export function classifyError(error: unknown): AppError {
  if (CombinedGraphQLErrors.is(error)) return classifyGraphQLErrors(error.errors);
  if (ServerError.is(error) || ServerParseError.is(error)) {
    // Apollo Server answers errors raised while building the context (an invalid token) with a
    // non-2xx status and a GraphQL body: read the body first.
    const errors = errorsInBody(error.bodyText);
    if (errors && errors.length > 0) return classifyGraphQLErrors(errors);
    const kind = kindOfStatus(error.statusCode);
    return { kind, message: fallbackMessage(kind), fieldErrors: {} };
  }
  return { kind: 'network', message: ru.errors.network, fieldErrors: {} };
}

/** A stand-in for a `null` answer: the API reports objects outside the actor's scope as absent. */
export function notFoundError(message: string = ru.errors.notFoundText): CombinedGraphQLErrors {
  return new CombinedGraphQLErrors({ errors: [{ message, extensions: { code: 'NOT_FOUND' } }] });
}

/** For a page the user's role cannot use at all (the API would refuse its operations anyway). */
export function forbiddenError(message: string = ru.errors.forbiddenText): CombinedGraphQLErrors {
  return new CombinedGraphQLErrors({ errors: [{ message, extensions: { code: 'FORBIDDEN' } }] });
}
