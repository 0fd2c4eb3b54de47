import { useQuery } from '@apollo/client/react';
import { Link, useParams } from 'react-router';
import { ErrorState } from '../components/ErrorState';
import { Loading } from '../components/Loading';
import { PageTitle } from '../components/PageTitle';
import { graphql } from '../gql';
import { ru } from '../i18n/ru';
import { canBrowseDistricts } from '../lib/access';
import { notFoundError } from '../lib/errors';
import { formatNumber } from '../lib/format';
import { useMe } from '../me';
import { OrganizationsTable } from './OrganizationsTable';

const DistrictQuery = graphql(`
  query District($id: ID!) {
    district(id: $id) {
      id
      code
      name
      authorityName
      organizationsCount
      region {
        id
        name
      }
    }
  }
`);

export function DistrictPage() {
  const { districtId = '' } = useParams();
  const { grants, districtContext } = useMe();
  const { data, error, refetch } = useQuery(DistrictQuery, { variables: { id: districtId }, context: districtContext(districtId) });

  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!data) return <Loading />;
  const district = data.district;
  if (!district) return <ErrorState error={notFoundError()} />;

  return (
    <>
      <PageTitle>{district.name}</PageTitle>
      <dl className="facts">
        <div>
          <dt>{ru.district.authority}</dt>
          <dd>{district.authorityName}</dd>
        </div>
        <div>
          <dt>{ru.district.region}</dt>
          <dd>
            {canBrowseDistricts(grants) ? (
              <Link to={`/districts?region=${encodeURIComponent(district.region.id)}`}>{district.region.name}</Link>
            ) : (
              district.region.name
            )}
          </dd>
        </div>
        <div>
          <dt>{ru.district.organizationsCount}</dt>
          <dd>{formatNumber(district.organizationsCount)}</dd>
        </div>
        <div>
          <dt>{ru.district.code}</dt>
          <dd>
            <code>{district.code}</code>
          </dd>
        </div>
      </dl>
      <h2 id="district-organizations">{ru.district.organizationsHeading}</h2>
      <OrganizationsTable districtId={district.id} headingId="district-organizations" />
    </>
  );
}
