import { describe, expect, it } from 'vitest';
import {
  PARTNER_APPLICATION_MESSAGES_RU as M,
  PARTNER_KINDS,
  PARTNER_KIND_LABELS_RU,
  isPartnerKind,
  normalizePartnerApplication,
  validatePartnerApplication,
  type PartnerApplicationInput,
} from './application.js';

const valid: PartnerApplicationInput = {
  name: 'ПАО «Сбербанк России»',
  kind: 'enterprise',
  inn: '7707083893',
  ogrn: '1027700132195',
  kpp: '773601001',
  address: '117312, г. Москва, ул. Вавилова, д. 19',
  regionId: 'region-1',
  districtId: 'district-1',
  contactName: 'Иванова Елена Петровна',
  contactPosition: 'Руководитель проектов',
  contactEmail: 'E.Ivanova@Example.ru',
  contactPhone: '8 (916) 123-45-67',
};

const fields = (input: Partial<PartnerApplicationInput>) => validatePartnerApplication(input).map((i) => i.field);

describe('partner kinds', () => {
  it('has a Russian label for each kind, as the seeds name them', () => {
    expect(PARTNER_KINDS).toEqual(['enterprise', 'university', 'ngo', 'culture-sport', 'alumni', 'other']);
    for (const kind of PARTNER_KINDS) expect(PARTNER_KIND_LABELS_RU[kind]).toMatch(/^[А-ЯЁ]/);
    expect(PARTNER_KIND_LABELS_RU['culture-sport']).toBe('Организация культуры и спорта');
    expect(isPartnerKind('ngo')).toBe(true);
    expect(isPartnerKind('NGO')).toBe(false);
    expect(isPartnerKind(undefined)).toBe(false);
  });
});

describe('validatePartnerApplication', () => {
  it('accepts a complete application', () => {
    expect(validatePartnerApplication(valid)).toEqual([]);
  });

  it('normalises what it stores', () => {
    expect(normalizePartnerApplication({ ...valid, name: '  ПАО  «Сбербанк России» ', inn: ' 7707 083 893 ', kpp: '773601001' })).toEqual({
      name: 'ПАО «Сбербанк России»',
      kind: 'enterprise',
      inn: '7707083893',
      ogrn: '1027700132195',
      kpp: '773601001',
      holder: 'organization',
      address: '117312, г. Москва, ул. Вавилова, д. 19',
      regionId: 'region-1',
      districtId: 'district-1',
      contactName: 'Иванова Елена Петровна',
      contactPosition: 'Руководитель проектов',
      contactEmail: 'e.ivanova@example.ru',
      contactPhone: '+79161234567',
    });
  });

  it('returns null from normalize while there are errors', () => {
    expect(normalizePartnerApplication({ ...valid, inn: '7707083890' })).toBeNull();
  });

  it('requires every field but the КПП and the contact position', () => {
    const issues = validatePartnerApplication({});
    expect(issues.map((i) => i.field).sort()).toEqual(
      ['address', 'contactEmail', 'contactName', 'contactPhone', 'districtId', 'inn', 'kind', 'name', 'ogrn', 'regionId'].sort(),
    );
    expect(issues.find((i) => i.field === 'name')?.message).toBe('Наименование организации: поле обязательно');
    expect(issues.find((i) => i.field === 'inn')?.message).toBe('ИНН: поле обязательно');
    expect(issues.every((i) => i.severity === 'error')).toBe(true);
    expect(fields({ ...valid, kpp: null, contactPosition: undefined })).toEqual([]);
  });

  it('reports ИНН and ОГРН check digits with the field first', () => {
    expect(validatePartnerApplication({ ...valid, inn: '7707083890', ogrn: '1027700132190' })).toEqual([
      { field: 'inn', message: 'ИНН: контрольная сумма не сходится', severity: 'error' },
      { field: 'ogrn', message: 'ОГРН: контрольная сумма не сходится', severity: 'error' },
    ]);
    expect(validatePartnerApplication({ ...valid, inn: '12345' })).toEqual([
      { field: 'inn', message: 'ИНН: 10 цифр для организации или 12 для ИП', severity: 'error' },
    ]);
  });

  it('an individual entrepreneur: 12-digit ИНН with a 15-digit ОГРНИП, and no КПП', () => {
    const ip = { ...valid, name: 'ИП Петров Пётр Петрович', inn: '500100732259', ogrn: '304500116000157', kpp: '' };
    expect(validatePartnerApplication(ip)).toEqual([]);
    expect(normalizePartnerApplication(ip)?.holder).toBe('individual');
    expect(validatePartnerApplication({ ...ip, kpp: '773601001' })).toEqual([
      { field: 'kpp', message: 'КПП: у индивидуального предпринимателя нет КПП', severity: 'error' },
    ]);
  });

  it('catches an organisation ИНН given with an ОГРНИП and the reverse', () => {
    expect(validatePartnerApplication({ ...valid, ogrn: '304500116000157', kpp: null })).toEqual([
      { field: 'ogrn', message: M.holderMismatch('organization', 'individual'), severity: 'error' },
    ]);
    expect(M.holderMismatch('organization', 'individual')).toBe('ОГРН: ИНН — организации (10 цифр), а ОГРН — ИП (15 цифр)');
    expect(fields({ ...valid, inn: '500100732259', kpp: null })).toEqual(['ogrn']);
  });

  it('checks the КПП when given', () => {
    expect(validatePartnerApplication({ ...valid, kpp: '7736' })[0]?.message).toMatch(/^КПП: 9 символов/);
    expect(normalizePartnerApplication({ ...valid, kpp: '7736ab001' })?.kpp).toBe('7736AB001');
  });

  it('an unknown kind', () => {
    expect(validatePartnerApplication({ ...valid, kind: 'bank' })).toEqual([
      { field: 'kind', message: 'Тип организации: неизвестное значение «bank»', severity: 'error' },
    ]);
  });

  it('an alumni community may apply without ИНН and ОГРН, but given numbers are still checked', () => {
    const alumni = { ...valid, kind: 'alumni', name: 'Сообщество выпускников МОБУ «Гимназия»', inn: '', ogrn: '  ', kpp: null };
    expect(validatePartnerApplication(alumni)).toEqual([]);
    expect(normalizePartnerApplication(alumni)).toMatchObject({ inn: null, ogrn: null, holder: null });
    expect(fields({ ...alumni, inn: '7707083890' })).toEqual(['inn']);
    expect(fields({ ...alumni, kind: 'ngo' })).toEqual(['inn', 'ogrn']);
  });

  it('checks the contact e-mail and the Russian phone', () => {
    expect(validatePartnerApplication({ ...valid, contactEmail: 'ivanova@', contactPhone: '12-34' })).toEqual([
      { field: 'contactEmail', message: 'Эл. почта: некорректный адрес «ivanova@»', severity: 'error' },
      { field: 'contactPhone', message: 'Телефон: некорректный номер «12-34» (10 цифр, можно с +7 или 8)', severity: 'error' },
    ]);
    for (const phone of ['+7 916 123-45-67', '8(916)1234567', '79161234567', '9161234567']) {
      expect(normalizePartnerApplication({ ...valid, contactPhone: phone })?.contactPhone, phone).toBe('+79161234567');
    }
    expect(fields({ ...valid, contactPhone: '+1 916 123 45 67' })).toEqual(['contactPhone']);
    expect(fields({ ...valid, contactPhone: 'тел. 9161234567' })).toEqual(['contactPhone']);
  });

  it('limits lengths', () => {
    expect(validatePartnerApplication({ ...valid, name: 'а'.repeat(1001) })).toEqual([
      { field: 'name', message: 'Наименование организации: не более 1000 символов', severity: 'error' },
    ]);
    expect(fields({ ...valid, contactName: 'а'.repeat(301) })).toEqual(['contactName']);
    expect(fields({ ...valid, contactPosition: 'а'.repeat(301) })).toEqual(['contactPosition']);
  });

  it('has a message for a duplicate registration', () => {
    expect(M.duplicateInn('ПАО «Сбербанк России»')).toBe('ИНН: организация с этим ИНН уже зарегистрирована («ПАО «Сбербанк России»»)');
  });
});

describe('the contact person consent', () => {
  it('requires the tick and the current text version', async () => {
    const { validatePartnerApplicationConsent, PARTNER_APPLICATION_CONSENT_RU } = await import('./application.js');
    expect(validatePartnerApplicationConsent(undefined, PARTNER_APPLICATION_CONSENT_RU.version)).toEqual([
      expect.objectContaining({ field: 'consent', message: expect.stringMatching(/^Согласие на обработку персональных данных: обязательно/) }),
    ]);
    expect(validatePartnerApplicationConsent(false, PARTNER_APPLICATION_CONSENT_RU.version)[0]?.field).toBe('consent');
    expect(validatePartnerApplicationConsent(true, 'old')[0]?.field).toBe('consentTextVersion');
    expect(validatePartnerApplicationConsent(true, PARTNER_APPLICATION_CONSENT_RU.version)).toEqual([]);
  });
});
