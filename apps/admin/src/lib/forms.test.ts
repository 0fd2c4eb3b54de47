import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { describe, expect, it } from 'vitest';
import { fieldErrorsFor, formFailure } from './forms';

describe('a failed form submission', () => {
  it('puts the API’s field errors beside the form’s own fields', () => {
    const error = new CombinedGraphQLErrors({
      errors: [
        { message: 'Укажите номер приказа об утверждении', extensions: { code: 'BAD_USER_INPUT', field: 'approval.orderNumber' } },
        { message: 'Что-то о другом поле', extensions: { code: 'BAD_USER_INPUT', field: 'input.other' } },
      ],
    });
    const failure = formFailure(error, ['orderNumber', 'orderDate'] as const);
    expect(failure.fieldErrors).toEqual({ orderNumber: 'Укажите номер приказа об утверждении' });
    expect(failure.formError).toBe('Исправьте ошибки в форме.');
  });

  it('shows any other error above the buttons', () => {
    const error = new CombinedGraphQLErrors({ errors: [{ message: 'Недостаточно прав', extensions: { code: 'FORBIDDEN' } }] });
    expect(formFailure(error, ['title'])).toMatchObject({ fieldErrors: {}, formError: 'Недостаточно прав' });
    expect(formFailure(new TypeError('Failed to fetch'), ['title']).formError).toBe('Нет связи с сервером. Проверьте подключение и повторите попытку.');
    expect(fieldErrorsFor({ kind: 'badInput', message: 'x', fieldErrors: { title: 'Название: поле обязательно' } }, ['title'])).toEqual({
      title: 'Название: поле обязательно',
    });
  });
});
