import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { ERRORS_RU } from '@nastavnik/domain';
import { describe, expect, it } from 'vitest';
import { classifyError, classifyGraphQLErrors, fieldKey, forbiddenError, notFoundError } from './errors';

describe('classifyGraphQLErrors', () => {
  it('tells a conflict (someone saved meanwhile) with its reason', () => {
    const result = classifyGraphQLErrors([
      { message: 'Редакцию уже изменил другой пользователь — обновите страницу', extensions: { code: 'CONFLICT', reason: 'VERSION' } },
    ]);
    expect(result).toMatchObject({ kind: 'conflict', message: 'Редакцию уже изменил другой пользователь — обновите страницу', conflictReason: 'VERSION' });
  });

  it('keeps the whole path of an editor’s field error', () => {
    const result = classifyGraphQLErrors([
      { message: 'Мероприятие: поле обязательно', extensions: { code: 'BAD_USER_INPUT', field: 'sections[1].items[0].activity' } },
    ]);
    expect(result.fieldPath).toEqual({ path: 'sections[1].items[0].activity', message: 'Мероприятие: поле обязательно' });
  });

  it('keeps the API’s Russian message and its kind', () => {
    expect(classifyGraphQLErrors([{ message: ERRORS_RU.forbidden, extensions: { code: 'FORBIDDEN' } }])).toEqual({
      kind: 'forbidden',
      message: ERRORS_RU.forbidden,
      fieldErrors: {},
    });
    expect(classifyGraphQLErrors([{ message: ERRORS_RU.districtNotFound, extensions: { code: 'NOT_FOUND' } }]).kind).toBe('notFound');
  });

  it('puts every problem the API lists in `fields` beside its field', () => {
    const result = classifyGraphQLErrors([
      {
        message: 'Фамилия: поле обязательно',
        extensions: {
          code: 'BAD_USER_INPUT',
          field: 'lastName',
          fields: [
            { field: 'lastName', message: 'Фамилия: поле обязательно' },
            { field: 'input.firstName', message: 'Имя: поле обязательно' },
          ],
        },
      },
    ]);
    expect(result.fieldErrors).toEqual({ lastName: 'Фамилия: поле обязательно', firstName: 'Имя: поле обязательно' });
  });

  it('collects field errors of BAD_USER_INPUT', () => {
    const result = classifyGraphQLErrors([
      { message: ERRORS_RU.invalidCode('Код'), extensions: { code: 'BAD_USER_INPUT', field: 'code' } },
      { message: ERRORS_RU.outOfRange('Обучающихся', 0, 100000), extensions: { code: 'BAD_USER_INPUT', field: 'input.pupils' } },
    ]);
    expect(result.kind).toBe('badInput');
    expect(result.fieldErrors).toEqual({ code: ERRORS_RU.invalidCode('Код'), pupils: ERRORS_RU.outOfRange('Обучающихся', 0, 100000) });
  });

  it('lets UNAUTHENTICATED win over everything else', () => {
    const result = classifyGraphQLErrors([
      { message: ERRORS_RU.notFound, extensions: { code: 'NOT_FOUND' } },
      { message: ERRORS_RU.unauthenticated, extensions: { code: 'UNAUTHENTICATED' } },
    ]);
    expect(result.kind).toBe('unauthenticated');
    expect(result.message).toBe(ERRORS_RU.unauthenticated);
  });

  it('replaces English messages of the GraphQL layer by Russian ones', () => {
    const result = classifyGraphQLErrors([{ message: 'Cannot query field "x" on type "Query".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }]);
    expect(result.kind).toBe('internal');
    expect(result.message).toMatch(/[а-я]/i);
  });
});

describe('classifyError', () => {
  it('reads CombinedGraphQLErrors', () => {
    const error = new CombinedGraphQLErrors({ errors: [{ message: ERRORS_RU.organizationNotFound, extensions: { code: 'NOT_FOUND' } }] });
    expect(classifyError(error)).toMatchObject({ kind: 'notFound', message: ERRORS_RU.organizationNotFound });
  });

  it('reads the GraphQL body of a non-2xx response (errors raised while building the context)', () => {
    const body = JSON.stringify({ errors: [{ message: ERRORS_RU.unauthenticated, extensions: { code: 'UNAUTHENTICATED' } }] });
    const error = new ServerError('status 401', { response: new Response(body, { status: 401 }), bodyText: body });
    expect(classifyError(error)).toMatchObject({ kind: 'unauthenticated', message: ERRORS_RU.unauthenticated });
  });

  it('falls back to the status code, then to a network error', () => {
    const error = new ServerError('status 403', { response: new Response('nope', { status: 403 }), bodyText: 'nope' });
    expect(classifyError(error).kind).toBe('forbidden');
    expect(classifyError(new TypeError('Failed to fetch')).kind).toBe('network');
  });

  it("a database outage (503, SERVICE_UNAVAILABLE) reads as a passing loss of connection with the API's Russian message", () => {
    const message = 'Сервис временно недоступен. Повторите попытку через несколько секунд.';
    const body = JSON.stringify({ errors: [{ message, extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
    const error = new ServerError('status 503', { response: new Response(body, { status: 503 }), bodyText: body });
    expect(classifyError(error)).toMatchObject({ kind: 'network', message });
    const bare = new ServerError('status 503', { response: new Response('', { status: 503 }), bodyText: '' });
    expect(classifyError(bare).kind).toBe('network');
  });

  it('builds stand-ins for pages', () => {
    expect(classifyError(notFoundError()).kind).toBe('notFound');
    expect(classifyError(forbiddenError()).kind).toBe('forbidden');
  });

  it('normalises field paths', () => {
    expect(fieldKey('input.academicYear')).toBe('academicYear');
    expect(fieldKey('code')).toBe('code');
    expect(fieldKey(undefined)).toBeNull();
  });
});
