import { useQuery } from '@apollo/client/react';
import { ErrorState } from '../components/ErrorState';
import { Loading } from '../components/Loading';
import { PageTitle } from '../components/PageTitle';
import { Pagination } from '../components/Pagination';
import { graphql } from '../gql';
import { ru } from '../i18n/ru';
import { useListParams } from '../lib/useListParams';

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
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} asPage={false} />
      ) : !data ? (
        <Loading />
      ) : (
        <>
          {data.partnerOrganizations.items.length > 0 && (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{ru.partners.name}</th>
                    <th scope="col">{ru.partners.kind}</th>
                    <th scope="col">{ru.partners.region}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.partnerOrganizations.items.map((partner) => (
                    <tr key={partner.id}>
                      <th scope="row">{partner.name}</th>
                      <td>{ru.kinds.partner[partner.kind]}</td>
                      <td>{partner.region?.name ?? <span className="muted">{ru.partners.noRegion}</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pagination
            page={page}
            onPage={setPage}
            state={{
              offset: data.partnerOrganizations.offset,
              limit: data.partnerOrganizations.limit,
              count: data.partnerOrganizations.items.length,
              total: data.partnerOrganizations.total,
            }}
          />
        </>
      )}
    </>
  );
}
