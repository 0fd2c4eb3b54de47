import { ERRORS_RU } from '@nastavnik/domain';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { AppError, badUserInput, createErrorFormatter, forbidden, notFound, unauthenticated } from './errors.js';

function formatterWithLog() {
  const lines: Array<Record<string, any>> = [];
  const logger = pino({ level: 'error' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { format: createErrorFormatter(logger), lines };
}

/** What graphql-js does to a resolver error: wraps it with the path. */
function located(error: Error, path = ['field']): GraphQLError {
  return new GraphQLError(error.message, { path, originalError: error });
}

function formatted(error: GraphQLError): GraphQLFormattedError {
  return { ...error.toJSON(), extensions: { code: 'INTERNAL_SERVER_ERROR', ...error.extensions } };
}

describe('error mapping', () => {
  it('our errors keep code, Russian message and field', () => {
    const { format, lines } = formatterWithLog();
    const cases: Array<[AppError, string]> = [
      [unauthenticated(), 'UNAUTHENTICATED'],
      [forbidden(), 'FORBIDDEN'],
      [notFound(ERRORS_RU.districtNotFound), 'NOT_FOUND'],
      [badUserInput('code', ERRORS_RU.invalidCode('Код')), 'BAD_USER_INPUT'],
    ];
    for (const [error, code] of cases) {
      const wrapped = located(error);
      const result = format(formatted(wrapped), wrapped);
      expect(result.extensions?.code).toBe(code);
      expect(result.message).toBe(error.message);
      expect(result.path).toEqual(['field']);
    }
    expect(format(formatted(located(badUserInput('code', 'x'))), located(badUserInput('code', 'x'))).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'code',
    });
    expect(lines).toEqual([]);
  });

  it('the http status hint of context errors never reaches the client', () => {
    const { format } = formatterWithLog();
    const error = new AppError('FORBIDDEN', ERRORS_RU.forbidden, { http: { status: 200 } });
    expect(format(formatted(error), error).extensions).toEqual({ code: 'FORBIDDEN' });
  });

  it('anything unexpected becomes INTERNAL_SERVER_ERROR with the generic message, logged with its stack', () => {
    const { format, lines } = formatterWithLog();
    const boom = new Error('relation "district_x"."headcount" does not exist');
    const wrapped = located(boom, ['organizations']);
    const result = format(formatted(wrapped), wrapped);
    expect(result).toEqual({
      message: ERRORS_RU.internal,
      path: ['organizations'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(result)).not.toContain('district_x');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.err.stack).toContain('does not exist');
  });

  it('a plain Error claiming a request code is still internal', () => {
    const { format } = formatterWithLog();
    const sneaky = Object.assign(new Error('secret'), { extensions: { code: 'BAD_USER_INPUT' } });
    const wrapped = located(sneaky);
    const result = format({ message: 'secret', extensions: { code: 'BAD_USER_INPUT' } }, wrapped);
    expect(result.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(result.message).toBe(ERRORS_RU.internal);
  });

  it('GraphQL request errors (validation, parse, variables) pass through without stack traces', () => {
    const { format, lines } = formatterWithLog();
    const validation = new GraphQLError('Cannot query field "x" on type "Query".', {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    const result = format({ message: validation.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED', stacktrace: ['at x'] } }, validation);
    expect(result).toEqual({ message: validation.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(lines).toEqual([]);
  });
});
