import { describe, expect, it } from 'vitest';
import {
  AGREEMENT_STATUS_LABELS_RU,
  agreementCovers,
  agreementStatus,
  isAgreementInForce,
  partnersInForce,
  validatePartnerAgreement,
  type PartnerAgreement,
} from './agreements.js';

const accepted: PartnerAgreement = {
  partnerId: 'p1',
  party: { level: 'school', organizationId: 's1' },
  decision: 'accepted',
  periodStart: '2024-09-01',
  periodEnd: '2025-08-31',
};

describe('agreementStatus', () => {
  it('an accepted agreement: not started, active through its last day, expired after', () => {
    expect(agreementStatus(accepted, '2024-08-31')).toBe('notStarted');
    expect(agreementStatus(accepted, '2024-09-01')).toBe('active');
    expect(agreementStatus(accepted, '2025-03-15')).toBe('active');
    expect(agreementStatus(accepted, '2025-08-31')).toBe('active');
    expect(agreementStatus(accepted, '2025-09-01')).toBe('expired');
  });

  it('proposals and declined ones are never in force, whatever the dates', () => {
    expect(agreementStatus({ ...accepted, decision: 'proposed' }, '2025-01-01')).toBe('proposed');
    expect(agreementStatus({ ...accepted, decision: 'proposed' }, '2026-01-01')).toBe('proposed');
    expect(agreementStatus({ ...accepted, decision: 'declined' }, '2025-01-01')).toBe('declined');
    expect(isAgreementInForce({ ...accepted, decision: 'proposed' }, '2025-01-01')).toBe(false);
  });

  it('without an end date it stays active', () => {
    expect(agreementStatus({ ...accepted, periodEnd: null }, '2040-01-01')).toBe('active');
  });

  it('an early termination ends it on that day', () => {
    const terminated = { ...accepted, terminatedOn: '2025-03-10' };
    expect(agreementStatus(terminated, '2025-03-09')).toBe('active');
    expect(agreementStatus(terminated, '2025-03-10')).toBe('expired');
    expect(agreementStatus({ ...accepted, terminatedOn: null }, '2025-03-10')).toBe('active');
  });

  it('isAgreementInForce is the active status', () => {
    expect(isAgreementInForce(accepted, '2025-01-01')).toBe(true);
    expect(isAgreementInForce(accepted, '2025-09-01')).toBe(false);
    expect(isAgreementInForce(accepted, '2024-01-01')).toBe(false);
  });

  it('labels every status in Russian', () => {
    expect(Object.keys(AGREEMENT_STATUS_LABELS_RU).sort()).toEqual(['active', 'declined', 'expired', 'notStarted', 'proposed']);
    expect(AGREEMENT_STATUS_LABELS_RU.active).toBe('Действует');
  });
});

describe('partners in force for a school', () => {
  const school = { organizationId: 's1', districtId: 'd1' };
  const agreements: PartnerAgreement[] = [
    accepted,
    { ...accepted, partnerId: 'p2', party: { level: 'district', districtId: 'd1' } },
    { ...accepted, partnerId: 'p3', party: { level: 'district', districtId: 'd2' } },
    { ...accepted, partnerId: 'p4', party: { level: 'school', organizationId: 's2' } },
    { ...accepted, partnerId: 'p5', decision: 'proposed' },
    { ...accepted, partnerId: 'p6', periodEnd: '2024-12-31' },
  ];

  it('covers a school directly or through its district', () => {
    expect(agreementCovers(agreements[0]!, school)).toBe(true);
    expect(agreementCovers(agreements[1]!, school)).toBe(true);
    expect(agreementCovers(agreements[2]!, school)).toBe(false);
    expect(agreementCovers(agreements[3]!, school)).toBe(false);
  });

  it('lists the partners whose mentors the school may match today', () => {
    expect([...partnersInForce(agreements, school, '2024-10-01')].sort()).toEqual(['p1', 'p2', 'p6']);
    expect([...partnersInForce(agreements, school, '2025-01-01')].sort()).toEqual(['p1', 'p2']);
    expect(partnersInForce(agreements, school, '2025-09-01').size).toBe(0);
  });
});

describe('validatePartnerAgreement', () => {
  const input = {
    party: { level: 'school' as const, organizationId: 's1' },
    subject: 'Сотрудничество в реализации программы наставничества «Вместе»',
    number: '12/2024',
    signedOn: '2024-08-25',
    periodStart: '2024-09-01',
    periodEnd: '2025-08-31',
  };

  it('accepts a complete proposal and one without an end date', () => {
    expect(validatePartnerAgreement(input)).toEqual([]);
    expect(validatePartnerAgreement({ ...input, periodEnd: null, number: null, signedOn: null })).toEqual([]);
  });

  it('requires the party, the subject and the start', () => {
    expect(validatePartnerAgreement({ periodEnd: null })).toEqual([
      { field: 'party', message: 'Сторона соглашения: поле обязательно', severity: 'error' },
      { field: 'subject', message: 'Предмет соглашения: поле обязательно', severity: 'error' },
      { field: 'periodStart', message: 'Начало действия: поле обязательно', severity: 'error' },
    ]);
    expect(validatePartnerAgreement({ ...input, party: { level: 'district', districtId: ' ' } }).map((i) => i.field)).toEqual(['party']);
  });

  it('checks the dates', () => {
    expect(validatePartnerAgreement({ ...input, periodEnd: '2024-08-31' })).toEqual([
      { field: 'periodEnd', message: 'Окончание действия: не раньше начала', severity: 'error' },
    ]);
    expect(validatePartnerAgreement({ ...input, periodStart: '2024-02-30' })).toEqual([
      { field: 'periodStart', message: 'Начало действия: некорректная дата', severity: 'error' },
    ]);
    expect(validatePartnerAgreement({ ...input, signedOn: '2024-09-10' })).toEqual([
      { field: 'signedOn', message: 'Дата заключения: позже начала действия — проверьте даты', severity: 'warning' },
    ]);
  });

  it('limits lengths', () => {
    expect(validatePartnerAgreement({ ...input, subject: 'а'.repeat(2001), number: '1'.repeat(101) }).map((i) => i.message)).toEqual([
      'Предмет соглашения: не более 2000 символов',
      'Номер соглашения: не более 100 символов',
    ]);
  });
});
