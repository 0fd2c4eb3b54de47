import { useMutation, useQuery } from '@apollo/client/react';
import { PagedTable } from '../../components/PagedTable';
import { graphql } from '../../gql';
import { ru } from '../../i18n/ru';
import { dateTimeRu } from '../../lib/monitoring';
import { useListParams } from '../../lib/useListParams';
import { useMe } from '../../me';

const MyNotificationsQuery = graphql(`
  query MyNotifications($page: PageInput) {
    myNotifications(page: $page) {
      total
      limit
      offset
      unread
      items {
        id
        subject
        text
        link
        createdAt
        readAt
      }
    }
  }
`);

const MarkReadMutation = graphql(`
  mutation MarkNotificationsRead($ids: [ID!]!) {
    markNotificationsRead(ids: $ids)
  }
`);

/** The link's path within the admin, so that opening it stays in the app (letters carry the full address). */
function inAppPath(link: string): string | null {
  try {
    const url = new URL(link);
    return url.origin === window.location.origin ? `${url.pathname}${url.search}` : null;
  } catch {
    return null;
  }
}

/** The in-app copies of the user's letters (the inbox channel), newest first. */
export function MyNotifications() {
  const t = ru.notifications;
  const { me } = useMe();
  const { page, setPage, limit, offset } = useListParams('n');
  const { data, previousData, error, refetch } = useQuery(MyNotificationsQuery, { variables: { page: { limit, offset } }, fetchPolicy: 'cache-and-network' });
  const [markRead, { loading: marking }] = useMutation(MarkReadMutation, { refetchQueries: ['MyNotifications'] });
  const list = (data ?? previousData)?.myNotifications;
  return (
    <section aria-label={t.tabInbox}>
      <p className="muted measure">{t.inboxIntro}</p>
      {list && list.unread > 0 && (
        <div className="toolbar">
          <span data-testid="unread-count">{t.unread(list.unread)}</span>
          <button type="button" className="button-secondary" disabled={marking} onClick={() => void markRead({ variables: { ids: [] } })}>
            {t.markAllRead}
          </button>
        </div>
      )}
      {list && list.total === 0 ? (
        <p className="muted" data-testid="my-notifications-empty">
          {t.inboxEmpty}
        </p>
      ) : (
        <PagedTable
          list={list}
          error={error}
          onRetry={() => void refetch()}
          page={page}
          onPage={setPage}
          filtered={false}
          tableProps={{ 'data-testid': 'my-notifications', 'aria-label': t.tabInbox }}
          head={
            <>
              <th scope="col">{t.when}</th>
              <th scope="col">{t.subject}</th>
              <th scope="col">{t.open}</th>
            </>
          }
          row={(item) => {
            const path = item.link ? inAppPath(item.link) : null;
            return (
              <tr key={item.id} className={item.readAt ? undefined : 'row-unread'}>
                <td>{dateTimeRu(String(item.createdAt), me.timeZone)}</td>
                <td>
                  <details onToggle={(event) => (event.currentTarget.open && !item.readAt ? void markRead({ variables: { ids: [item.id] } }) : undefined)}>
                    <summary>{item.readAt ? item.subject : <strong>{item.subject}</strong>}</summary>
                    <pre className="letter-text">{item.text}</pre>
                  </details>
                </td>
                <td>
                  {item.link && (
                    <a
                      href={path ?? item.link}
                      onClick={() => {
                        if (!item.readAt) void markRead({ variables: { ids: [item.id] } });
                      }}
                    >
                      {t.open}
                    </a>
                  )}
                </td>
              </tr>
            );
          }}
        />
      )}
    </section>
  );
}
