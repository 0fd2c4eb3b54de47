import { describe, expect, it } from 'vitest';
import { AttachmentError } from './attachments';
import { changeMapping, effectiveField, fieldToEnum, importErrorMessage, isImportField, mappingToInput, mappingToJson, type ColumnMapping } from './imports';

const columns = [
  { index: 0, mappedTo: 'number' as const },
  { index: 1, mappedTo: 'activity' as const },
  { index: 2, mappedTo: 'deadline' as const },
  { index: 3, mappedTo: null },
];

describe('column mapping', () => {
  it('starts from what the parser recognised', () => {
    expect(effectiveField(columns, {}, 2)).toBe('deadline');
    expect(effectiveField(columns, {}, 3)).toBeNull();
    expect(effectiveField(columns, {}, 9)).toBeNull();
  });

  it('a choice wins, also «as text»', () => {
    const mapping = changeMapping(columns, {}, 3, 'responsible');
    expect(effectiveField(columns, mapping, 3)).toBe('responsible');
    const text = changeMapping(columns, mapping, 1, null);
    expect(effectiveField(columns, text, 1)).toBeNull();
    expect(text).toEqual({ 3: 'responsible', 1: null });
  });

  it('a field fills one column: the one that had it becomes text', () => {
    const mapping = changeMapping(columns, {}, 3, 'deadline');
    expect(mapping).toEqual({ 3: 'deadline', 2: null });
    const back = changeMapping(columns, mapping, 2, 'deadline');
    expect(effectiveField(columns, back, 2)).toBe('deadline');
    expect(effectiveField(columns, back, 3)).toBeNull();
  });

  it('is sent as JSON to the preview and as a list to the mutation', () => {
    const mapping: ColumnMapping = { 3: 'expectedResult', 2: null };
    expect(mappingToJson(mapping)).toEqual({ '2': null, '3': 'expectedResult' });
    expect(mappingToInput(mapping)).toEqual([
      { column: 2, field: null },
      { column: 3, field: 'EXPECTED_RESULT' },
    ]);
    expect(mappingToInput({})).toBeNull();
  });

  it('names the GraphQL enum', () => {
    expect(fieldToEnum('number')).toBe('NUMBER');
    expect(fieldToEnum('expectedResult')).toBe('EXPECTED_RESULT');
    expect(isImportField('deadline')).toBe(true);
    expect(isImportField('title')).toBe(false);
  });

  it('shows the parser’s message for a bad file', () => {
    const error = new AttachmentError({ kind: 'badInput', message: 'Общее', fieldErrors: { file: 'Файл пустой' } });
    expect(importErrorMessage(error)).toBe('Файл пустой');
    expect(importErrorMessage(new AttachmentError({ kind: 'forbidden', message: 'Нет прав', fieldErrors: {} }))).toBe('Нет прав');
  });
});
