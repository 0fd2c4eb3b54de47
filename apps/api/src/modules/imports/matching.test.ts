import { describe, expect, it } from 'vitest';
import { matchOrganization, normalizeName, organizationCores, type MatchCandidate } from './matching.js';

const org = (code: string, shortName: string, name = ''): MatchCandidate => ({ id: code, code, shortName, name });
const gimnaziya = org('gimnaziya', 'МОБУ «Гимназия»', 'Муниципальное общеобразовательное бюджетное учреждение «Гимназия» городского округа город Сибай');
const gimnaziya2 = org('gimn2', 'МАОУ «Гимназия № 2»');
const sosh4 = org('sosh4', 'МОБУ «СОШ № 4»', 'Муниципальное общеобразовательное бюджетное учреждение «Средняя общеобразовательная школа № 4»');
const sosh14 = org('sosh14', 'МОБУ «СОШ № 14»');
const licey21 = org('licey21', 'МБОУ «Лицей № 21»');
const all = [gimnaziya, gimnaziya2, sosh4, sosh14, licey21];

const header = (organization: string, title = '') => ({
  header: { title, organization, programmeName: '', period: null, approval: null, agreement: null, order: null, blocks: [] },
  preamble: [],
});

describe('matching a document to a school', () => {
  it('normalises case, ё, quotes, punctuation and «№ 21»', () => {
    expect(normalizeName('МБОУ «Лицей №21»')).toBe('мбоу лицей №21');
    expect(normalizeName('МБОУ "Лицей № 21"')).toBe('мбоу лицей №21');
    expect(organizationCores(sosh4).map((c) => c.join(' '))).toEqual(['сош №4', 'средняя общеобразовательная школа №4']);
  });

  it('by the organisation code as the file name, case aside', () => {
    expect(matchOrganization('Документы/LICEY21.docx', null, all)).toMatchObject({ ok: true, organization: licey21, by: 'code' });
  });

  it('by the name in the header, however it is written', () => {
    expect(matchOrganization('000.txt', header('МОБУ Гимназия'), all)).toMatchObject({ ok: true, organization: gimnaziya, by: 'name' });
    expect(matchOrganization('002.txt', header('МБОУ «Лицей№21»'), all)).toMatchObject({ ok: true, organization: licey21 });
    expect(matchOrganization('x.txt', header('', 'Дорожная карта … в МБОУ "Средняя общеобразовательная школа № 4" на 2024 год'), all)).toMatchObject({
      ok: true,
      organization: sosh4,
    });
  });

  it('«Гимназия» is not «Гимназия № 2», «СОШ № 4» is not «СОШ № 14»', () => {
    expect(matchOrganization('x.txt', header('МАОУ «Гимназия № 2»'), all)).toMatchObject({ ok: true, organization: gimnaziya2 });
    expect(matchOrganization('x.txt', header('МОБУ СОШ №14'), all)).toMatchObject({ ok: true, organization: sosh14 });
    expect(matchOrganization('x.txt', header('МОБУ СОШ №44'), all)).toEqual({ ok: false, reason: 'none' });
  });

  it('by the file name when the document names no school', () => {
    expect(matchOrganization('Лицей № 21 дорожная карта.docx', header(''), all)).toMatchObject({ ok: true, organization: licey21, by: 'name' });
  });

  it('ambiguous when two schools fit equally', () => {
    const twins = [org('a', 'МБОУ «Лицей № 21»'), org('b', 'МАОУ «Лицей № 21»')];
    expect(matchOrganization('x.txt', header('Лицей № 21'), twins)).toMatchObject({ ok: false, reason: 'ambiguous' });
  });
});
