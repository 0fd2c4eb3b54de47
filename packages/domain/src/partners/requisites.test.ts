import { describe, expect, it } from 'vitest';
import { REQUISITE_MESSAGES_RU as M, validateInn, validateKpp, validateOgrn } from './requisites.js';

// An independent implementation of the ФНС algorithms, to build valid numbers from any prefix.
const weighted = (digits: string, weights: number[]) => (weights.reduce((sum, w, i) => sum + w * Number(digits[i]), 0) % 11) % 10;
const inn10 = (prefix9: string) => prefix9 + weighted(prefix9, [2, 4, 10, 3, 5, 9, 4, 6, 8]);
const inn12 = (prefix10: string) => {
  const eleven = prefix10 + weighted(prefix10, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]);
  return eleven + weighted(eleven, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]);
};
const ogrn13 = (prefix12: string) => prefix12 + String(Number(BigInt(prefix12) % 11n) % 10);
const ogrnip15 = (prefix14: string) => prefix14 + String(Number(BigInt(prefix14) % 13n) % 10);
/** The same number with its last digit changed: always a wrong check digit. */
const breakLast = (value: string) => value.slice(0, -1) + String((Number(value.at(-1)) + 1) % 10);

describe('validateInn', () => {
  it('accepts well-known organisations', () => {
    expect(validateInn('7707083893')).toEqual({ ok: true, normalized: '7707083893', holder: 'organization' }); // Сбербанк
    expect(validateInn('7736207543')).toMatchObject({ ok: true }); // Яндекс
    expect(validateInn('7736050003')).toMatchObject({ ok: true }); // Газпром
  });

  it('accepts numbers built with the algorithm, 10 and 12 digits', () => {
    for (const prefix of ['027400001', '780200123', '540612345', '770100000']) {
      expect(validateInn(inn10(prefix)), inn10(prefix)).toMatchObject({ ok: true, holder: 'organization' });
    }
    for (const prefix of ['0274000011', '7802001234', '5406123456', '1234567890']) {
      expect(validateInn(inn12(prefix)), inn12(prefix)).toEqual({ ok: true, normalized: inn12(prefix), holder: 'individual' });
    }
    expect(validateInn('500100732259')).toMatchObject({ ok: true, holder: 'individual' });
  });

  it('hand-computed: 7707083893 — Σ = 14+28+0+21+0+72+12+48+72 = 267, 267 mod 11 = 3', () => {
    expect(validateInn('7707083890')).toEqual({ ok: false, message: M.innChecksum });
    expect(validateInn('7707083893').ok).toBe(true);
  });

  it('rejects wrong check digits', () => {
    expect(validateInn(breakLast('7707083893'))).toEqual({ ok: false, message: 'ИНН: контрольная сумма не сходится' });
    const twelve = inn12('7802001234');
    expect(validateInn(breakLast(twelve))).toEqual({ ok: false, message: M.innChecksum });
    // the 11th digit wrong, the 12th recomputed from it: still caught
    const eleven = twelve.slice(0, 10) + String((Number(twelve[10]) + 1) % 10);
    const bad = eleven + weighted(eleven, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]);
    expect(validateInn(bad)).toEqual({ ok: false, message: M.innChecksum });
  });

  it('rejects wrong lengths, non-digits, empty values and the 00 tax office', () => {
    expect(validateInn('770708389')).toEqual({ ok: false, message: 'ИНН: 10 цифр для организации или 12 для ИП' });
    expect(validateInn('77070838931')).toEqual({ ok: false, message: M.innLength });
    expect(validateInn('7707083893123')).toEqual({ ok: false, message: M.innLength });
    expect(validateInn('77O7083893')).toEqual({ ok: false, message: 'ИНН: только цифры' });
    expect(validateInn('7707-083893')).toEqual({ ok: false, message: M.innDigits });
    expect(validateInn('')).toEqual({ ok: false, message: 'ИНН: поле обязательно' });
    expect(validateInn('   ')).toEqual({ ok: false, message: M.innRequired });
    expect(validateInn(null)).toEqual({ ok: false, message: M.innRequired });
    expect(validateInn(7707083893)).toEqual({ ok: false, message: M.innRequired });
    expect(validateInn('0000000000')).toEqual({ ok: false, message: M.innZeroRegion });
  });

  it('trims and drops spaces (also non-breaking ones) inside', () => {
    expect(validateInn('  7707083893 \n')).toEqual({ ok: true, normalized: '7707083893', holder: 'organization' });
    expect(validateInn('7707 083 893')).toMatchObject({ ok: true, normalized: '7707083893' });
    expect(validateInn('7707\u00a0083\u00a0893')).toMatchObject({ ok: true, normalized: '7707083893' });
  });
});

describe('validateOgrn', () => {
  it('accepts well-known ОГРН', () => {
    expect(validateOgrn('1027700132195')).toEqual({ ok: true, normalized: '1027700132195', holder: 'organization' }); // Сбербанк
    expect(validateOgrn('1027700229193')).toMatchObject({ ok: true }); // Яндекс
    expect(validateOgrn('1027700070518')).toMatchObject({ ok: true }); // Газпром
  });

  it('accepts numbers built with the algorithm: ОГРН (mod 11) and ОГРНИП (mod 13)', () => {
    for (const prefix of ['102027400001', '117774612345', '520540000001', '102770013219']) {
      expect(validateOgrn(ogrn13(prefix)), ogrn13(prefix)).toMatchObject({ ok: true, holder: 'organization' });
    }
    for (const prefix of ['30450011600015', '31802740000123', '32177460000011']) {
      expect(validateOgrn(ogrnip15(prefix)), ogrnip15(prefix)).toEqual({ ok: true, normalized: ogrnip15(prefix), holder: 'individual' });
    }
    expect(validateOgrn('304500116000157')).toMatchObject({ ok: true, holder: 'individual' });
  });

  it('hand-computed: 102770013219 mod 11 = 5 → 1027700132195', () => {
    expect(Number(102770013219n % 11n)).toBe(5);
    expect(validateOgrn('1027700132190')).toEqual({ ok: false, message: 'ОГРН: контрольная сумма не сходится' });
  });

  it('a remainder of 10 gives the check digit 0', () => {
    // find a 12-digit prefix whose remainder mod 11 is 10
    let prefix = 102774600000n;
    while (prefix % 11n !== 10n) prefix++;
    expect(validateOgrn(`${prefix}0`)).toMatchObject({ ok: true });
    expect(validateOgrn(`${prefix}1`)).toEqual({ ok: false, message: M.ogrnChecksum });
  });

  it('rejects wrong check digits, lengths, first digits and non-digits', () => {
    expect(validateOgrn(breakLast('1027700132195'))).toEqual({ ok: false, message: M.ogrnChecksum });
    expect(validateOgrn(breakLast('304500116000157'))).toEqual({ ok: false, message: M.ogrnChecksum });
    expect(validateOgrn('102770013219')).toEqual({ ok: false, message: 'ОГРН: 13 цифр для организации (ОГРН) или 15 для ИП (ОГРНИП)' });
    expect(validateOgrn('10277001321951')).toEqual({ ok: false, message: M.ogrnLength });
    expect(validateOgrn('1027700132195000')).toEqual({ ok: false, message: M.ogrnLength });
    expect(validateOgrn('1O27700132195')).toEqual({ ok: false, message: M.ogrnDigits });
    expect(validateOgrn('')).toEqual({ ok: false, message: M.ogrnRequired });
    // a state registration number of a record (ГРН, starting with 2) is not an ОГРН
    expect(validateOgrn(ogrn13('202770013219'))).toEqual({ ok: false, message: M.ogrnFirstDigit });
    expect(validateOgrn(ogrnip15('10450011600015'))).toEqual({ ok: false, message: M.ogrnipFirstDigit });
  });

  it('trims and drops spaces', () => {
    expect(validateOgrn(' 1 02 77 00 13 21 95 ')).toEqual({ ok: true, normalized: '1027700132195', holder: 'organization' });
  });
});

describe('validateKpp', () => {
  it('accepts 9 characters, letters in the reason code, upper-cased', () => {
    expect(validateKpp('773601001')).toEqual({ ok: true, normalized: '773601001', holder: 'organization' });
    expect(validateKpp(' 7736ab001 ')).toMatchObject({ ok: true, normalized: '7736AB001' });
  });

  it('rejects other shapes', () => {
    expect(validateKpp('77360100')).toEqual({ ok: false, message: M.kppFormat });
    expect(validateKpp('7736010011')).toEqual({ ok: false, message: M.kppFormat });
    expect(validateKpp('77A601001')).toEqual({ ok: false, message: M.kppFormat });
    expect(validateKpp('7736010A1')).toEqual({ ok: false, message: M.kppFormat });
    expect(validateKpp('')).toEqual({ ok: false, message: 'КПП: поле обязательно' });
  });
});
