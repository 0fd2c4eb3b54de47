import { ERRORS_RU } from '@nastavnik/domain';
import { expect, it } from 'vitest';
import { validateDistrict, validateHeadcount } from './validation';

it('accepts a correct headcount and converts numbers', () => {
  expect(validateHeadcount({ academicYear: ' 2025/2026 ', pupils: '812', teachers: '64' })).toEqual({
    errors: {},
    values: { academicYear: '2025/2026', pupils: 812, teachers: 64 },
  });
});

it('explains headcount errors beside each field, with the API’s texts', () => {
  const { errors, values } = validateHeadcount({ academicYear: '2025/2027', pupils: '', teachers: '-3' });
  expect(values).toBeNull();
  expect(errors.academicYear).toBe(ERRORS_RU.invalidAcademicYear('Учебный год'));
  expect(errors.pupils).toBe(ERRORS_RU.required('Число обучающихся'));
  expect(errors.teachers).toBe(ERRORS_RU.outOfRange('Число педагогов', 0, 10000));
  expect(validateHeadcount({ academicYear: '2025/2026', pupils: '1e3', teachers: '10001' }).errors).toEqual({
    pupils: ERRORS_RU.outOfRange('Число обучающихся', 0, 100000),
    teachers: ERRORS_RU.outOfRange('Число педагогов', 0, 10000),
  });
});

it('checks a new district', () => {
  expect(validateDistrict({ regionId: 'r', code: 'zato-svobodny', name: 'ГО ЗАТО Свободный', authorityName: 'Отдел образования' }).values).not.toBeNull();
  const { errors } = validateDistrict({ regionId: '', code: 'Сибай', name: ' ', authorityName: 'x'.repeat(501) });
  expect(errors).toEqual({
    regionId: ERRORS_RU.required('Регион'),
    code: ERRORS_RU.invalidCode('Код'),
    name: ERRORS_RU.required('Название'),
    authorityName: ERRORS_RU.tooLong('Орган управления образованием', 500),
  });
  expect(validateDistrict({ regionId: 'r', code: 'a'.repeat(55), name: 'Н', authorityName: 'О' }).errors.code).toBe(ERRORS_RU.tooLong('Код', 54));
});
