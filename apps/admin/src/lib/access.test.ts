import { describe, expect, it } from 'vitest';
import {
  canBrowseDistricts,
  canCreateDistrict,
  canOpenDistrict,
  canSetHeadcount,
  describeGrant,
  districtHeaders,
  fixedDistrictId,
  navigationFor,
  needsDistrictHeader,
  platformRoleOf,
  type GrantLike,
} from './access';

const bashkortostan = { id: 'r-bash', name: 'Республика Башкортостан' };
const sibay = { id: 'd-sibay', name: 'ГО г. Сибай', region: bashkortostan };
const kursk = { id: 'd-kursk', name: 'г. Курск' };
const gimnaziya = { id: 'o-gim', name: 'Муниципальное общеобразовательное бюджетное учреждение «Гимназия»', shortName: 'МОБУ «Гимназия»', district: sibay };

const admin: GrantLike = { role: 'PLATFORM_ADMIN', scopeKind: 'PLATFORM' };
const coordinator: GrantLike = { role: 'REGION_COORDINATOR', scopeKind: 'REGION', region: bashkortostan };
const officer: GrantLike = { role: 'DISTRICT_OFFICER', scopeKind: 'DISTRICT', district: sibay };
const head: GrantLike = { role: 'DISTRICT_HEAD', scopeKind: 'DISTRICT', district: sibay };
const curator: GrantLike = { role: 'SCHOOL_CURATOR', scopeKind: 'ORGANIZATION', organization: gimnaziya };
const partner: GrantLike = { role: 'PARTNER_ADMIN', scopeKind: 'PARTNER', partner: { id: 'p-1', name: 'Сибайский институт (филиал) УУНиТ' } };

const links = (grants: GrantLike[]) => navigationFor(grants).flatMap((item) => ('to' in item ? [`${item.label} ${item.to}`] : []));

describe('roles', () => {
  it('maps GraphQL enum names to platform roles', () => {
    expect(platformRoleOf('DISTRICT_OFFICER')).toBe('district-officer');
    expect(platformRoleOf('PLATFORM_ADMIN')).toBe('platform-admin');
    expect(platformRoleOf('SUPERUSER')).toBeNull();
  });

  it('describes a grant in Russian, role first', () => {
    expect(describeGrant(officer)).toBe('специалист органа управления образованием, ГО г. Сибай');
    expect(describeGrant(curator)).toBe('куратор наставничества, МОБУ «Гимназия»');
    expect(describeGrant(admin)).toBe('администратор платформы');
    expect(describeGrant(coordinator)).toBe('координатор региона (РНЦ), Республика Башкортостан');
  });
});

describe('navigationFor', () => {
  it('gives the platform admin the whole directory and the district form', () => {
    expect(links([admin])).toEqual([
      'Главная /',
      'Регионы /regions',
      'Муниципалитеты /districts',
      'Организации /organizations',
      'Партнёры /partners',
      'Создать муниципалитет /districts/new',
    ]);
  });

  it('limits a region coordinator to the region', () => {
    expect(links([coordinator])).toEqual(['Главная /', 'Муниципалитеты /districts?region=r-bash', 'Организации /organizations']);
  });

  it('gives district staff their district and its organisations', () => {
    expect(links([officer])).toEqual(['Главная /', 'Мой муниципалитет /districts/d-sibay', 'Организации /organizations']);
    expect(links([officer, head])).toEqual(links([officer]));
  });

  it('gives school staff their organisation only', () => {
    expect(links([curator])).toEqual(['Главная /', 'Моя организация /districts/d-sibay/organizations/o-gim']);
  });

  it('gives a partner representative their partner organisation', () => {
    expect(links([partner])).toEqual(['Главная /', 'Моя организация-партнёр /my-partner']);
  });

  it('names each organisation when there are several', () => {
    const other = { ...curator, organization: { id: 'o-4', name: 'СОШ № 4', shortName: 'МОБУ «СОШ № 4»', district: sibay } };
    expect(links([curator, other])).toEqual([
      'Главная /',
      'МОБУ «Гимназия» /districts/d-sibay/organizations/o-gim',
      'МОБУ «СОШ № 4» /districts/d-sibay/organizations/o-4',
    ]);
  });

  it('lists later modules as not yet available, not as links', () => {
    const soon = navigationFor([officer]).filter((item) => !('to' in item));
    expect(soon.map((item) => item.label)).toEqual(['Дорожные карты', 'Программы', 'Мониторинг']);
  });

  it('offers nothing but home without grants', () => {
    expect(navigationFor([])).toEqual([{ key: 'home', label: 'Главная', to: '/', end: true }]);
  });
});

describe('tenancy header', () => {
  it('is sent by platform admins and region coordinators', () => {
    expect(districtHeaders([admin], 'd-sibay')).toEqual({ 'X-District-Id': 'd-sibay' });
    expect(districtHeaders([coordinator], 'd-sibay')).toEqual({ 'X-District-Id': 'd-sibay' });
    expect(districtHeaders([admin], undefined)).toEqual({});
  });

  it('is not sent by people confined to one district', () => {
    expect(districtHeaders([officer], 'd-sibay')).toEqual({});
    expect(districtHeaders([curator], 'd-sibay')).toEqual({});
    expect(fixedDistrictId([curator])).toBe('d-sibay');
    expect(fixedDistrictId([admin])).toBeNull();
  });

  it('is sent when grants span several districts', () => {
    const kurskOfficer: GrantLike = { role: 'DISTRICT_OFFICER', scopeKind: 'DISTRICT', district: kursk };
    expect(needsDistrictHeader([officer, kurskOfficer])).toBe(true);
    expect(fixedDistrictId([officer, kurskOfficer])).toBeNull();
  });
});

describe('permissions', () => {
  it('lets school staff and district staff set headcounts', () => {
    expect(canSetHeadcount([curator], { id: 'o-gim', districtId: 'd-sibay' })).toBe(true);
    expect(canSetHeadcount([curator], { id: 'o-4', districtId: 'd-sibay' })).toBe(false);
    expect(canSetHeadcount([officer], { id: 'o-4', districtId: 'd-sibay' })).toBe(true);
    expect(canSetHeadcount([officer], { id: 'o-x', districtId: 'd-kursk' })).toBe(false);
    expect(canSetHeadcount([coordinator, admin, partner], { id: 'o-gim', districtId: 'd-sibay' })).toBe(false);
  });

  it('lets only the platform admin create districts', () => {
    expect(canCreateDistrict([admin])).toBe(true);
    expect(canCreateDistrict([coordinator, officer])).toBe(false);
  });
});

describe('district pages', () => {
  it('open to the admin, the region’s coordinator and the district’s staff, not to school staff', () => {
    const target = { id: 'd-sibay', regionId: 'r-bash' };
    expect(canOpenDistrict([admin], target)).toBe(true);
    expect(canOpenDistrict([coordinator], target)).toBe(true);
    expect(canOpenDistrict([coordinator], { id: 'd-kursk', regionId: 'r-kursk' })).toBe(false);
    expect(canOpenDistrict([officer], target)).toBe(true);
    expect(canOpenDistrict([curator], target)).toBe(false);
    expect(canBrowseDistricts([officer, curator])).toBe(false);
    expect(canBrowseDistricts([coordinator])).toBe(true);
  });
});
