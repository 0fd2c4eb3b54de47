import { useSearchParams } from 'react-router';
import { DistrictChooser } from '../components/DistrictChooser';
import { PageTitle } from '../components/PageTitle';
import { ru } from '../i18n/ru';
import { fixedDistrictId, grantedDistricts } from '../lib/access';
import { useMe } from '../me';
import { OrganizationsTable } from './OrganizationsTable';

/**
 * Organisations of one district. District and school staff have theirs; platform admins and region
 * coordinators pick a district first (tenant data is always read one district at a time).
 */
export function OrganizationsPage() {
  const { grants } = useMe();
  const fixed = fixedDistrictId(grants);
  if (fixed) {
    const name = grantedDistricts(grants).find((district) => district.id === fixed)?.name;
    return (
      <>
        <PageTitle title={ru.organizations.title}>
          {ru.organizations.title}
          {name && <span className="title-sub">{name}</span>}
        </PageTitle>
        <OrganizationsTable districtId={fixed} />
      </>
    );
  }
  return <ChooseDistrictThenOrganizations />;
}

function ChooseDistrictThenOrganizations() {
  const [params, setParams] = useSearchParams();
  const districtId = params.get('district') ?? '';
  return (
    <>
      <PageTitle>{ru.organizations.title}</PageTitle>
      <DistrictChooser value={districtId} onChange={(id) => setParams(id ? { district: id } : {})} />
      {districtId ? <OrganizationsTable key={districtId} districtId={districtId} /> : <p className="muted">{ru.organizations.chooseDistrictHint}</p>}
    </>
  );
}
