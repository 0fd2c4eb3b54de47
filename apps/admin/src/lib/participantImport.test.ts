import { describe, expect, it } from 'vitest';
import { acceptedExtensions, fileFormatOf, importPaths, importRoleOf, issueText, rowStatusView } from './participantImport';

describe('participant import', () => {
  it('maps the base and builds the REST addresses', () => {
    expect(importRoleOf('MENTOR')).toBe('mentor');
    expect(importRoleOf('mentee')).toBe('mentee');
    expect(importRoleOf(null)).toBe('mentee');
    expect(importPaths.template('mentor')).toBe('/participants/import-template.csv?role=mentor');
    expect(importPaths.template('mentee', 'xlsx')).toBe('/participants/import-template.xlsx?role=mentee');
    expect(importPaths.upload('p1', 'mentee', 'База 7Б.csv')).toBe(
      '/participants/import?programmeId=p1&role=mentee&fileName=%D0%91%D0%B0%D0%B7%D0%B0+7%D0%91.csv',
    );
  });

  it('recognises the file formats', () => {
    expect(fileFormatOf('база.CSV')).toBe('csv');
    expect(fileFormatOf('база.txt')).toBe('csv');
    expect(fileFormatOf('база.xlsx')).toBe('xlsx');
    expect(fileFormatOf('база.docx')).toBeNull();
    expect(acceptedExtensions(['csv', 'xlsx'])).toBe('.csv,.xlsx');
  });

  it('says what happened to a row', () => {
    expect(rowStatusView({ status: 'ok', participantId: 'x' })).toEqual({ label: 'импортирована', tone: 'agreed' });
    expect(rowStatusView({ status: 'warning', participantId: 'x' }).label).toBe('импортирована с замечаниями');
    expect(rowStatusView({ status: 'error', participantId: null })).toEqual({ label: 'отклонена', tone: 'returned' });
  });

  it('names the column of an issue once', () => {
    expect(issueText({ column: 'Дата согласия', message: 'Нет данных о согласии (дата согласия и кто его дал)' })).toBe(
      'Дата согласия: Нет данных о согласии (дата согласия и кто его дал)',
    );
    expect(issueText({ column: 'Дата рождения', message: 'Дата рождения: «31.02.2012» — нет такой даты' })).toBe(
      'Дата рождения: «31.02.2012» — нет такой даты',
    );
    expect(issueText({ column: null, message: 'Нет согласия' })).toBe('Нет согласия');
  });
});
