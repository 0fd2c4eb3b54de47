/**
 * State registration numbers of a partner organisation, checked by their check digits as the ФНС
 * computes them:
 * - ИНН: 10 digits for an organisation (one check digit), 12 for an individual entrepreneur (two);
 * - ОГРН: 13 digits, check digit = (first 12 mod 11) mod 10; ОГРНИП: 15 digits,
 *   check digit = (first 14 mod 13) mod 10;
 * - КПП: 9 characters (the tax office, the reason code — digits or capital Latin letters since
 *   2019 — and a serial number); organisations only.
 *
 * Whitespace anywhere is dropped (numbers are often copied as «7707 083 893»); any other
 * non-digit is an error, so a typo is never silently «corrected».
 */

/** Whose number it is: a legal entity, or an individual (entrepreneur). */
export type RequisiteHolder = 'organization' | 'individual';

export type RequisiteResult = { ok: true; normalized: string; holder: RequisiteHolder } | { ok: false; message: string };

export const REQUISITE_MESSAGES_RU = {
  innRequired: 'ИНН: поле обязательно',
  innDigits: 'ИНН: только цифры',
  innLength: 'ИНН: 10 цифр для организации или 12 для ИП',
  innZeroRegion: 'ИНН: первые две цифры — код налогового органа, «00» не бывает',
  innChecksum: 'ИНН: контрольная сумма не сходится',
  ogrnRequired: 'ОГРН: поле обязательно',
  ogrnDigits: 'ОГРН: только цифры',
  ogrnLength: 'ОГРН: 13 цифр для организации (ОГРН) или 15 для ИП (ОГРНИП)',
  ogrnFirstDigit: 'ОГРН: номер организации начинается с 1 или 5',
  ogrnipFirstDigit: 'ОГРН: номер ИП (ОГРНИП) начинается с 3',
  ogrnChecksum: 'ОГРН: контрольная сумма не сходится',
  kppRequired: 'КПП: поле обязательно',
  kppFormat: 'КПП: 9 символов — 4 цифры, 2 цифры или заглавные латинские буквы, 3 цифры',
} as const;

const M = REQUISITE_MESSAGES_RU;

const INN10_WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8] as const;
const INN12_WEIGHTS_11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8] as const;
const INN12_WEIGHTS_12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8] as const;

function compact(value: unknown): string {
  return typeof value === 'string' ? value.replace(/\s+/g, '') : '';
}

/** (Σ digitᵢ × weightᵢ mod 11) mod 10 over the first `weights.length` digits. */
function innCheckDigit(digits: string, weights: readonly number[]): number {
  let sum = 0;
  for (const [i, weight] of weights.entries()) sum += Number(digits[i]) * weight;
  return (sum % 11) % 10;
}

/** The remainder of a long decimal number, digit by digit (13–15 digits exceed safe integers in sums). */
function decimalMod(digits: string, modulus: number): number {
  let rest = 0;
  for (const digit of digits) rest = (rest * 10 + Number(digit)) % modulus;
  return rest;
}

/** ИНН of an organisation (10 digits) or an individual entrepreneur (12 digits). */
export function validateInn(value: unknown): RequisiteResult {
  const inn = compact(value);
  if (!inn) return { ok: false, message: M.innRequired };
  if (!/^\d+$/.test(inn)) return { ok: false, message: M.innDigits };
  if (inn.length !== 10 && inn.length !== 12) return { ok: false, message: M.innLength };
  if (inn.startsWith('00')) return { ok: false, message: M.innZeroRegion };
  if (inn.length === 10) {
    if (innCheckDigit(inn, INN10_WEIGHTS) !== Number(inn[9])) return { ok: false, message: M.innChecksum };
    return { ok: true, normalized: inn, holder: 'organization' };
  }
  if (innCheckDigit(inn, INN12_WEIGHTS_11) !== Number(inn[10]) || innCheckDigit(inn, INN12_WEIGHTS_12) !== Number(inn[11])) {
    return { ok: false, message: M.innChecksum };
  }
  return { ok: true, normalized: inn, holder: 'individual' };
}

/** ОГРН of an organisation (13 digits, starting with 1 or 5) or ОГРНИП (15 digits, starting with 3). */
export function validateOgrn(value: unknown): RequisiteResult {
  const ogrn = compact(value);
  if (!ogrn) return { ok: false, message: M.ogrnRequired };
  if (!/^\d+$/.test(ogrn)) return { ok: false, message: M.ogrnDigits };
  if (ogrn.length === 13) {
    if (ogrn[0] !== '1' && ogrn[0] !== '5') return { ok: false, message: M.ogrnFirstDigit };
    if (decimalMod(ogrn.slice(0, 12), 11) % 10 !== Number(ogrn[12])) return { ok: false, message: M.ogrnChecksum };
    return { ok: true, normalized: ogrn, holder: 'organization' };
  }
  if (ogrn.length === 15) {
    if (ogrn[0] !== '3') return { ok: false, message: M.ogrnipFirstDigit };
    if (decimalMod(ogrn.slice(0, 14), 13) % 10 !== Number(ogrn[14])) return { ok: false, message: M.ogrnChecksum };
    return { ok: true, normalized: ogrn, holder: 'individual' };
  }
  return { ok: false, message: M.ogrnLength };
}

const KPP = /^\d{4}[\dA-Z]{2}\d{3}$/;

/** КПП of an organisation (individual entrepreneurs have none). Letters are upper-cased. */
export function validateKpp(value: unknown): RequisiteResult {
  const kpp = compact(value).toUpperCase();
  if (!kpp) return { ok: false, message: M.kppRequired };
  if (!KPP.test(kpp)) return { ok: false, message: M.kppFormat };
  return { ok: true, normalized: kpp, holder: 'organization' };
}
