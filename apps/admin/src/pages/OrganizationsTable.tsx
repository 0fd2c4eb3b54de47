import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { ErrorState } from '../components/ErrorState';
import { Loading } from '../components/Loading';
import { Pagination } from '../components/Pagination';
import { SearchBox } from '../components/SearchBox';
import { graphql } from '../gql';
import { ru } from '../i18n/ru';
import { organizationPath } from '../lib/access';
import { useListParams } from '../lib/useListParams';
import { useMe } from '../me';

const OrganizationsQuery = graphql(`
  query Organizations($page: PageInput, $filter: OrganizationFilter) {
    organizations(page: $page, filter: $filter) {
      total
      limit
      offset
      items {
        id
        name
        shortName
        kind
        address
        district {
          id
        }
      }
    }
  }
`);

/** A district's organisations: a paginated table with search. */
export function OrganizationsTable({ districtId, headingId }: { districtId: string; headingId?: string }) {
  const { districtContext } = useMe();
  const { page, query, setPage, setQuery, limit, offset } = useListParams();
  const { data: current, previousData, error, refetch } = useQuery(OrganizationsQuery, {
    variables: { page: { limit, offset }, filter: { districtId, ...(query ? { search: query } : {}) } },
    context: districtContext(districtId),
  });
  const data = current ?? previousData;
  return (
    <>
      <div className="toolbar">
        <SearchBox value={query} onSearch={setQuery} />
      </div>
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} asPage={false} />
      ) : !data ? (
        <Loading />
      ) : (
        <>
          {data.organizations.items.length > 0 && (
            <div className="table-wrap">
              <table className="table" aria-labelledby={headingId} data-testid="organizations-table">
                <thead>
                  <tr>
                    <th scope="col">{ru.organizations.shortName}</th>
                    <th scope="col">{ru.organizations.name}</th>
                    <th scope="col">{ru.organizations.kind}</th>
                    <th scope="col">{ru.organizations.address}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.organizations.items.map((organization) => (
                    <tr key={organization.id}>
                      <th scope="row">
                        <Link to={organizationPath(organization.district.id, organization.id)}>{organization.shortName}</Link>
                      </th>
                      <td>{organization.name}</td>
                      <td>{ru.kinds.organization[organization.kind]}</td>
                      <td>{organization.address ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pagination
            page={page}
            onPage={setPage}
            filtered={Boolean(query)}
            state={{
              offset: data.organizations.offset,
              limit: data.organizations.limit,
              count: data.organizations.items.length,
              total: data.organizations.total,
            }}
          />
        </>
      )}
    </>
  );
}
