import { describe, expect, it } from 'vitest';
import {
  canBrowseDistricts,
  canExecuteRoadmap,
  canOpenCampaign,
  canSeeProgrammes,
  canSeeRoadmaps,
  hasInbox,
  hasOrganizationRole,
  monitoringLevel,
  personLine,
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
      'Фоновые задачи /jobs',
      'Дорожные карты /roadmaps',
      'Мониторинг /monitoring',
      'Уведомления /notifications',
    ]);
  });

  it('limits a region coordinator to the region', () => {
    expect(links([coordinator])).toEqual([
      'Главная /',
      'Муниципалитеты /districts?region=r-bash',
      'Организации /organizations',
      'Дорожные карты /roadmaps',
      'Мониторинг /monitoring',
      'Уведомления /notifications',
    ]);
  });

  it('gives district staff their district and its organisations', () => {
    expect(links([officer])).toEqual([
      'Входящие /inbox',
      'Главная /',
      'Мой муниципалитет /districts/d-sibay',
      'Организации /organizations',
      'Дорожные карты /roadmaps',
      'Мониторинг /monitoring',
      'Уведомления /notifications',
    ]);
    expect(links([officer, head])).toEqual(links([officer]));
  });

  it('gives school staff their organisation only', () => {
    expect(links([curator])).toEqual([
      'Входящие /inbox',
      'Главная /',
      'Моя организация /districts/d-sibay/organizations/o-gim',
      'Дорожные карты /roadmaps',
      'Мониторинг /monitoring',
      'Программы /programmes',
      'Уведомления /notifications',
    ]);
  });

  it('gives a partner representative their partner organisation', () => {
    expect(links([partner])).toEqual(['Главная /', 'Моя организация-партнёр /my-partner', 'Уведомления /notifications']);
  });

  it('names each organisation when there are several', () => {
    const other = { ...curator, organization: { id: 'o-4', name: 'СОШ № 4', shortName: 'МОБУ «СОШ № 4»', district: sibay } };
    expect(links([curator, other])).toEqual([
      'Входящие /inbox',
      'Главная /',
      'МОБУ «Гимназия» /districts/d-sibay/organizations/o-gim',
      'МОБУ «СОШ № 4» /districts/d-sibay/organizations/o-4',
      'Дорожные карты /roadmaps',
      'Мониторинг /monitoring',
      'Программы /programmes',
      'Уведомления /notifications',
    ]);
  });

  it('offers no placeholders: every item is a link', () => {
    for (const grants of [[admin], [coordinator], [officer], [head], [curator], [partner]]) {
      expect(navigationFor(grants).every((item) => 'to' in item)).toBe(true);
    }
  });

  it('opens «Программы» to school staff (director, curator) only', () => {
    const director: GrantLike = { role: 'SCHOOL_DIRECTOR', scopeKind: 'ORGANIZATION', organization: gimnaziya };
    const mentor: GrantLike = { role: 'MENTOR', scopeKind: 'ORGANIZATION', organization: gimnaziya };
    for (const grants of [[curator], [director], [curator, officer]]) {
      expect(canSeeProgrammes(grants)).toBe(true);
      expect(links(grants)).toContain('Программы /programmes');
    }
    for (const grants of [[admin], [coordinator], [officer], [head], [partner], [mentor]]) {
      expect(canSeeProgrammes(grants)).toBe(false);
      expect(links(grants)).not.toContain('Программы /programmes');
    }
    // District staff see the programmes' figures in «Мониторинг», not the people.
    expect(navigationFor([head]).find((item) => item.key === 'programmes')).toBeUndefined();
  });

  it('offers monitoring to school and district staff, region coordinators and the platform admin only', () => {
    for (const grants of [[admin], [coordinator], [officer], [head], [curator]]) expect(links(grants)).toContain('Мониторинг /monitoring');
    expect(links([partner])).not.toContain('Мониторинг /monitoring');
    const mentor: GrantLike = { role: 'MENTOR', scopeKind: 'ORGANIZATION', organization: gimnaziya };
    expect(links([mentor])).not.toContain('Мониторинг /monitoring');
    expect(monitoringLevel([admin])).toBe('region');
    expect(monitoringLevel([coordinator])).toBe('region');
    expect(monitoringLevel([officer])).toBe('district');
    expect(monitoringLevel([curator])).toBe('school');
    expect(monitoringLevel([curator, officer])).toBe('district');
    expect(monitoringLevel([mentor])).toBeNull();
  });

  it('puts the inbox first for roadmap people of one district, not for those who choose a district', () => {
    expect(links([officer])[0]).toBe('Входящие /inbox');
    expect(links([admin])).not.toContain('Входящие /inbox');
    expect(links([coordinator])).not.toContain('Входящие /inbox');
    const kurskOfficer: GrantLike = { role: 'DISTRICT_OFFICER', scopeKind: 'DISTRICT', district: kursk };
    expect(links([officer, kurskOfficer])).not.toContain('Входящие /inbox');
  });

  it('offers roadmaps to no partner, mentor or mentee', () => {
    expect(links([partner])).not.toContain('Дорожные карты /roadmaps');
    const mentor: GrantLike = { role: 'MENTOR', scopeKind: 'ORGANIZATION', organization: gimnaziya };
    expect(links([mentor])).toEqual(['Главная /', 'Моя организация /districts/d-sibay/organizations/o-gim', 'Уведомления /notifications']);
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

describe('who did it', () => {
  it('says name, position and role once each', () => {
    expect(personLine('Ирина Ивановна Варламова', 'директор', 'SCHOOL_DIRECTOR')).toBe('Ирина Ивановна Варламова, директор');
    expect(personLine('Л.Ф. Исхакова', 'заместитель директора по УВР, куратор наставничества', 'SCHOOL_CURATOR')).toBe(
      'Л.Ф. Исхакова, заместитель директора по УВР, куратор наставничества',
    );
    expect(personLine('Г.Р. Ильясова', 'методист управления образования', 'DISTRICT_OFFICER')).toBe(
      'Г.Р. Ильясова, методист управления образования, специалист органа управления образованием',
    );
    expect(personLine('sosh4.curator', null, 'SCHOOL_CURATOR')).toBe('sosh4.curator, куратор наставничества');
  });
});

describe('roadmap permissions', () => {
  it('lets district staff and the admin open campaigns, in their district', () => {
    expect(canOpenCampaign([officer], 'd-sibay')).toBe(true);
    expect(canOpenCampaign([head], 'd-sibay')).toBe(true);
    expect(canOpenCampaign([officer], 'd-kursk')).toBe(false);
    expect(canOpenCampaign([admin], 'd-kursk')).toBe(true);
    expect(canOpenCampaign([curator, coordinator], 'd-sibay')).toBe(false);
  });

  it('lets the school’s curator (the district’s officer for its own roadmap) mark items done', () => {
    const school = { level: 'SCHOOL', organizationId: 'o-gim', districtId: 'd-sibay' };
    expect(canExecuteRoadmap([curator], school)).toBe(true);
    expect(canExecuteRoadmap([curator], { ...school, organizationId: 'o-4' })).toBe(false);
    const director: GrantLike = { ...curator, role: 'SCHOOL_DIRECTOR' };
    expect(canExecuteRoadmap([director, officer, head], school)).toBe(false);
    expect(canExecuteRoadmap([officer], { level: 'DISTRICT', organizationId: null, districtId: 'd-sibay' })).toBe(true);
    expect(canExecuteRoadmap([head], { level: 'DISTRICT', organizationId: null, districtId: 'd-sibay' })).toBe(false);
  });

  it('knows school staff by organisation and role', () => {
    expect(hasOrganizationRole([curator], 'o-gim', 'school-curator')).toBe(true);
    expect(hasOrganizationRole([curator], 'o-gim', 'school-director')).toBe(false);
    expect(hasOrganizationRole([curator], null, 'school-curator')).toBe(false);
    expect(canSeeRoadmaps([curator])).toBe(true);
    expect(canSeeRoadmaps([partner])).toBe(false);
    expect(hasInbox([curator])).toBe(true);
    expect(hasInbox([admin])).toBe(false);
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
