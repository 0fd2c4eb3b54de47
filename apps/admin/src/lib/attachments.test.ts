import { describe, expect, it } from 'vitest';
import { attachmentErrorOf, formatFileSize } from './attachments';

describe('evidence files', () => {
  it('read the API’s JSON errors (413 too large, 415 type not allowed) with their Russian text', () => {
    const body = JSON.stringify({ errors: [{ message: 'Файл слишком большой: не более 10 МБ', extensions: { code: 'BAD_USER_INPUT', field: 'file' } }] });
    expect(attachmentErrorOf(413, body)).toMatchObject({
      kind: 'badInput',
      message: 'Файл слишком большой: не более 10 МБ',
      fieldErrors: { file: 'Файл слишком большой: не более 10 МБ' },
    });
    expect(attachmentErrorOf(403, '')).toMatchObject({ kind: 'forbidden' });
    expect(attachmentErrorOf(404, '{"error":"Не найдено."}')).toMatchObject({ message: 'Не найдено.' });
    expect(attachmentErrorOf(500, 'oops')).toMatchObject({ kind: 'internal' });
  });

  it('show sizes as people read them', () => {
    expect(formatFileSize(73)).toBe('73 Б');
    expect(formatFileSize(340 * 1024)).toBe('340 КБ');
    expect(formatFileSize(1.25 * 1024 * 1024)).toBe('1,3 МБ');
  });
});
