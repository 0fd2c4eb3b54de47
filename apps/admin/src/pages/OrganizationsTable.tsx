import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { PagedTable } from '../components/PagedTable';
import { SearchBox } from '../components/SearchBox';
import { usePageLoader } from '../components/TableExport';
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
  const filter = { districtId, ...(query ? { search: query } : {}) };
  const {
    data: current,
    previousData,
    error,
    refetch,
  } = useQuery(OrganizationsQuery, {
    variables: { page: { limit, offset }, filter },
    context: districtContext(districtId),
  });
  const exportPages = usePageLoader(
    OrganizationsQuery,
    (page) => ({ page, filter }),
    (all) => all.organizations,
    districtContext(districtId),
  );
  const data = current ?? previousData;
  return (
    <>
      <div className="toolbar">
        <SearchBox value={query} onSearch={setQuery} />
      </div>
      <PagedTable
        list={data?.organizations}
        error={error}
        onRetry={() => void refetch()}
        page={page}
        onPage={setPage}
        filtered={Boolean(query)}
        exportPages={exportPages}
        tableProps={{ 'aria-labelledby': headingId, 'data-testid': 'organizations-table' }}
        head={
          <>
            <th scope="col">{ru.organizations.shortName}</th>
            <th scope="col">{ru.organizations.name}</th>
            <th scope="col">{ru.organizations.kind}</th>
            <th scope="col">{ru.organizations.address}</th>
          </>
        }
        row={(organization) => (
          <tr key={organization.id}>
            <th scope="row">
              <Link to={organizationPath(organization.district.id, organization.id)}>{organization.shortName}</Link>
            </th>
            <td>{organization.name}</td>
            <td>{ru.kinds.organization[organization.kind]}</td>
            <td>{organization.address ?? '—'}</td>
          </tr>
        )}
      />
    </>
  );
}
