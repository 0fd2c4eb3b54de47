import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { PageTitle } from '../components/PageTitle';
import { PagedTable } from '../components/PagedTable';
import { usePageLoader } from '../components/TableExport';
import { graphql } from '../gql';
import { ru } from '../i18n/ru';
import { formatNumber } from '../lib/format';
import { useListParams } from '../lib/useListParams';

const RegionsQuery = graphql(`
  query Regions($page: PageInput) {
    regions(page: $page) {
      total
      limit
      offset
      items {
        id
        code
        name
        districtsCount
      }
    }
  }
`);

export function RegionsPage() {
  const { page, setPage, limit, offset } = useListParams();
  const { data: current, previousData, error, refetch } = useQuery(RegionsQuery, { variables: { page: { limit, offset } } });
  const exportPages = usePageLoader(
    RegionsQuery,
    (page) => ({ page }),
    (all) => all.regions,
  );
  const data = current ?? previousData;
  return (
    <>
      <PageTitle>{ru.regions.title}</PageTitle>
      <PagedTable
        list={data?.regions}
        error={error}
        onRetry={() => void refetch()}
        page={page}
        onPage={setPage}
        exportPages={exportPages}
        head={
          <>
            <th scope="col">{ru.regions.name}</th>
            <th scope="col">{ru.regions.code}</th>
            <th scope="col" className="num">
              {ru.regions.districtsCount}
            </th>
          </>
        }
        row={(region) => (
          <tr key={region.id}>
            <th scope="row">
              <Link to={`/districts?region=${encodeURIComponent(region.id)}`}>{region.name}</Link>
            </th>
            <td>
              <code>{region.code}</code>
            </td>
            <td className="num">{formatNumber(region.districtsCount)}</td>
          </tr>
        )}
      />
    </>
  );
}
