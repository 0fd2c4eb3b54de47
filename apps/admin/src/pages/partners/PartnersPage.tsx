import { useQuery } from '@apollo/client/react';
import { PageTitle } from '../../components/PageTitle';
import { PagedTable } from '../../components/PagedTable';
import { graphql } from '../../gql';
import { ru } from '../../i18n/ru';
import { useListParams } from '../../lib/useListParams';

const PartnersQuery = graphql(`
  query PartnerOrganizations($page: PageInput) {
    partnerOrganizations(page: $page) {
      total
      limit
      offset
      items {
        id
        name
        kind
        region {
          id
          name
        }
      }
    }
  }
`);

export function PartnersPage() {
  const { page, setPage, limit, offset } = useListParams();
  const { data: current, previousData, error, refetch } = useQuery(PartnersQuery, { variables: { page: { limit, offset } } });
  const data = current ?? previousData;
  return (
    <>
      <PageTitle>{ru.partners.title}</PageTitle>
      <PagedTable
        list={data?.partnerOrganizations}
        error={error}
        onRetry={() => void refetch()}
        page={page}
        onPage={setPage}
        head={
          <>
            <th scope="col">{ru.partners.name}</th>
            <th scope="col">{ru.partners.kind}</th>
            <th scope="col">{ru.partners.region}</th>
          </>
        }
        row={(partner) => (
          <tr key={partner.id}>
            <th scope="row">{partner.name}</th>
            <td>{ru.kinds.partner[partner.kind]}</td>
            <td>{partner.region?.name ?? <span className="muted">{ru.partners.noRegion}</span>}</td>
          </tr>
        )}
      />
    </>
  );
}
