import { describe, expect, it } from 'vitest';
import { exportPaths, fileNameFromContentDisposition } from './downloads';

describe('fileNameFromContentDisposition', () => {
  it('prefers the UTF-8 name over the ASCII fallback', () => {
    const name = 'Дорожная карта — Гимназия.docx';
    const header = `attachment; filename="Dorozhnaya karta.docx"; filename*=UTF-8''${encodeURIComponent(name)}`;
    expect(fileNameFromContentDisposition(header)).toBe(name);
  });

  it('reads the plain name, quoted or not', () => {
    expect(fileNameFromContentDisposition('attachment; filename="summary.xlsx"')).toBe('summary.xlsx');
    expect(fileNameFromContentDisposition('attachment; filename=summary.xlsx')).toBe('summary.xlsx');
    expect(fileNameFromContentDisposition('attachment; filename="a \\"b\\".pdf"')).toBe('a "b".pdf');
  });

  it('falls back to the plain name when the extended one is broken', () => {
    expect(fileNameFromContentDisposition(`attachment; filename="plan.pdf"; filename*=UTF-8''%E0%A4%A`)).toBe('plan.pdf');
  });

  it('accepts the extended name first and a language tag', () => {
    expect(fileNameFromContentDisposition(`attachment; filename*=utf-8'ru'%D0%BF%D0%BB%D0%B0%D0%BD.pdf; filename="plan.pdf"`)).toBe('план.pdf');
  });

  it('keeps folders out of the name', () => {
    expect(fileNameFromContentDisposition('attachment; filename="../../etc/passwd"')).toBe('.._.._etc_passwd');
  });

  it('gives null without a name', () => {
    expect(fileNameFromContentDisposition(null)).toBeNull();
    expect(fileNameFromContentDisposition('attachment')).toBeNull();
    expect(fileNameFromContentDisposition('attachment; filename=""')).toBeNull();
  });

  it('builds the export addresses', () => {
    expect(exportPaths.revisionDocx('r1')).toBe('/exports/revisions/r1.docx');
    expect(exportPaths.revisionPdf('r1')).toBe('/exports/revisions/r1.pdf');
    expect(exportPaths.campaignXlsx('c 1')).toBe('/exports/campaigns/c%201.xlsx');
  });
});
