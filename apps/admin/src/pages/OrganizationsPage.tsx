import { useQuery } from '@apollo/client/react';
import { useSearchParams } from 'react-router';
import { ErrorState } from '../components/ErrorState';
import { SelectField } from '../components/Field';
import { Loading } from '../components/Loading';
import { PageTitle } from '../components/PageTitle';
import { graphql } from '../gql';
import { ru } from '../i18n/ru';
import { fixedDistrictId, grantedDistricts } from '../lib/access';
import { useMe } from '../me';
import { OrganizationsTable } from './OrganizationsTable';

const DistrictChoicesQuery = graphql(`
  query DistrictChoices($page: PageInput) {
    districts(page: $page) {
      total
      items {
        id
        name
        region {
          id
          name
        }
      }
    }
  }
`);

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
  const { data, error, refetch } = useQuery(DistrictChoicesQuery, { variables: { page: { limit: 100, offset: 0 } } });
  return (
    <>
      <PageTitle>{ru.organizations.title}</PageTitle>
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} asPage={false} />
      ) : !data ? (
        <Loading />
      ) : (
        <div className="toolbar">
          <SelectField
            label={ru.organizations.chooseDistrict}
            value={districtId}
            onChange={(event) => setParams(event.target.value ? { district: event.target.value } : {})}
          >
            <option value="">{ru.organizations.chooseDistrictPlaceholder}</option>
            {data.districts.items.map((district) => (
              <option key={district.id} value={district.id}>
                {district.name} ({district.region.name})
              </option>
            ))}
          </SelectField>
        </div>
      )}
      {districtId ? <OrganizationsTable key={districtId} districtId={districtId} /> : <p className="muted">{ru.organizations.chooseDistrictHint}</p>}
    </>
  );
}
