import { useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import { PageTitle } from '../components/PageTitle';
import { PagedTable } from '../components/PagedTable';
import { usePageLoader } from '../components/TableExport';
import { SearchBox } from '../components/SearchBox';
import { graphql } from '../gql';
import { ru } from '../i18n/ru';
import { canCreateDistrict, canOpenDistrict, districtPath, hasRole } from '../lib/access';
import { formatNumber } from '../lib/format';
import { useListParams } from '../lib/useListParams';
import { useMe } from '../me';

const DistrictsQuery = graphql(`
  query Districts($page: PageInput, $filter: DistrictFilter) {
    districts(page: $page, filter: $filter) {
      total
      limit
      offset
      items {
        id
        name
        authorityName
        organizationsCount
        region {
          id
          name
        }
      }
    }
  }
`);

const RegionNameQuery = graphql(`
  query RegionName($id: ID!) {
    region(id: $id) {
      id
      name
    }
  }
`);

export function DistrictsPage() {
  const { grants } = useMe();
  const [params] = useSearchParams();
  const regionId = params.get('region');
  const { page, query, setPage, setQuery, limit, offset } = useListParams();
  const filter = { ...(regionId ? { regionId } : {}), ...(query ? { search: query } : {}) };
  const {
    data: current,
    previousData,
    error,
    refetch,
  } = useQuery(DistrictsQuery, {
    variables: { page: { limit, offset }, filter },
  });
  const exportPages = usePageLoader(
    DistrictsQuery,
    (page) => ({ page, filter }),
    (all) => all.districts,
  );
  const data = current ?? previousData;
  const region = useQuery(RegionNameQuery, { variables: { id: regionId ?? '' }, skip: !regionId });
  const regionName = region.data?.region?.name;

  return (
    <>
      <div className="page-head">
        <PageTitle title={ru.districts.title}>{regionName ? ru.districts.titleInRegion(regionName) : ru.districts.title}</PageTitle>
        {canCreateDistrict(grants) && (
          <Link className="button" to="/districts/new">
            {ru.districts.create}
          </Link>
        )}
      </div>
      <div className="toolbar">
        <SearchBox value={query} onSearch={setQuery} />
        {regionId && hasRole(grants, 'platform-admin') && (
          <Link to="/districts" className="toolbar-link">
            {ru.districts.allRegions}
          </Link>
        )}
      </div>
      <PagedTable
        list={data?.districts}
        error={error}
        onRetry={() => void refetch()}
        page={page}
        onPage={setPage}
        filtered={Boolean(query)}
        exportPages={exportPages}
        head={
          <>
            <th scope="col">{ru.districts.name}</th>
            <th scope="col">{ru.districts.authority}</th>
            <th scope="col">{ru.districts.region}</th>
            <th scope="col" className="num">
              {ru.districts.organizationsCount}
            </th>
          </>
        }
        row={(district) => (
          <tr key={district.id}>
            <th scope="row">
              {canOpenDistrict(grants, { id: district.id, regionId: district.region.id }) ? (
                <Link to={districtPath(district.id)}>{district.name}</Link>
              ) : (
                district.name
              )}
            </th>
            <td>{district.authorityName}</td>
            <td>{district.region.name}</td>
            <td className="num">{formatNumber(district.organizationsCount)}</td>
          </tr>
        )}
      />
    </>
  );
}
