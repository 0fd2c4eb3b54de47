import { useQuery } from '@apollo/client/react';
import { SelectField } from '../../components/Field';
import { PagedTable } from '../../components/PagedTable';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { graphql } from '../../gql';
import { ru } from '../../i18n/ru';
import { hasRole } from '../../lib/access';
import { dateTimeRu } from '../../lib/monitoring';
import type { Tone } from '../../lib/roadmap/enums';
import { useListParams } from '../../lib/useListParams';
import { useMe } from '../../me';
import { useSearchParams } from 'react-router';

const NotificationLogQuery = graphql(`
  query NotificationLog($status: String, $page: PageInput) {
    notificationLog(status: $status, page: $page) {
      total
      limit
      offset
      items {
        id
        kindLabel
        recipient
        recipientName
        subject
        status
        statusLabel
        attempts
        lastError
        createdAt
        sentAt
        nextAttemptAt
      }
    }
  }
`);

const DevMailboxQuery = graphql(`
  query DevMailbox {
    devMailbox {
      id
      receivedAt
      to
      subject
      text
    }
  }
`);

const STATUS_TONES: Readonly<Record<string, Tone>> = { pending: 'review', held: 'review', sent: 'agreed', digested: 'agreed', failed: 'returned' };

/**
 * The delivery log — what was sent to whom, when, delivered or not and why (the platform admin:
 * every district; an officer or head: their district). People's own addresses come masked from the
 * API. In development the platform admin also reads the embedded mail catcher.
 */
export function DeliveryLog() {
  const t = ru.notifications;
  const { me, grants } = useMe();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const { page, setPage, limit, offset } = useListParams('n');
  const { data, previousData, error, refetch } = useQuery(NotificationLogQuery, {
    variables: { status: status || null, page: { limit, offset } },
    fetchPolicy: 'cache-and-network',
  });
  const list = (data ?? previousData)?.notificationLog;
  return (
    <>
      <p className="muted measure">{t.intro}</p>
      <div className="toolbar">
        <SelectField
          label={t.statusFilter}
          value={status}
          onChange={(event) => {
            const next = new URLSearchParams(params);
            if (event.target.value) next.set('status', event.target.value);
            else next.delete('status');
            next.delete('npage');
            setParams(next);
          }}
        >
          <option value="">{t.allStatuses}</option>
          <option value="pending">{t.statuses.pending}</option>
          <option value="sent">{t.statuses.sent}</option>
          <option value="failed">{t.statuses.failed}</option>
          <option value="held">{t.statuses.held}</option>
          <option value="digested">{t.statuses.digested}</option>
          <option value="suppressed">{t.statuses.suppressed}</option>
        </SelectField>
      </div>
      {list && list.total === 0 ? (
        <p className="muted" data-testid="notifications-empty">
          {status ? t.noneFiltered : t.none}
        </p>
      ) : (
        <PagedTable
          list={list}
          error={error}
          onRetry={() => void refetch()}
          page={page}
          onPage={setPage}
          filtered={Boolean(status)}
          tableProps={{ 'data-testid': 'notification-log', 'aria-label': t.title }}
          head={
            <>
              <th scope="col">{t.when}</th>
              <th scope="col">{t.kind}</th>
              <th scope="col">{t.to}</th>
              <th scope="col">{t.subject}</th>
              <th scope="col">{t.status}</th>
            </>
          }
          row={(entry) => (
            <tr key={entry.id}>
              <td>{dateTimeRu(String(entry.createdAt), me.timeZone)}</td>
              <td>{entry.kindLabel}</td>
              <td>
                {entry.recipientName ? (
                  <>
                    {entry.recipientName}
                    <br />
                  </>
                ) : null}
                <span className="muted">{entry.recipient}</span>
              </td>
              <td>{entry.subject}</td>
              <td>
                <StatusBadge label={entry.statusLabel} tone={STATUS_TONES[entry.status] ?? 'neutral'} />
                {entry.sentAt && <div className="muted">{dateTimeRu(String(entry.sentAt), me.timeZone)}</div>}
                {entry.status !== 'sent' && entry.attempts > 0 && <div className="muted">{t.attempts(entry.attempts)}</div>}
                {entry.status === 'pending' && entry.nextAttemptAt && entry.attempts > 0 && (
                  <div className="muted">{t.nextAttempt(dateTimeRu(String(entry.nextAttemptAt), me.timeZone))}</div>
                )}
                {entry.lastError && <div className="field-error">{entry.lastError}</div>}
              </td>
            </tr>
          )}
        />
      )}
      {hasRole(grants, 'platform-admin') && <DevMailbox />}
    </>
  );
}

/** The embedded catcher's letters (development only: the API answers null without a catcher). */
function DevMailbox() {
  const t = ru.notifications;
  const { me } = useMe();
  const { data, error, refetch } = useQuery(DevMailboxQuery, { fetchPolicy: 'cache-and-network' });
  if (data && data.devMailbox === null) return null;
  return (
    <section aria-labelledby="dev-mailbox-title" data-testid="dev-mailbox">
      <h2 id="dev-mailbox-title">{t.devMailbox}</h2>
      <p className="muted measure">{t.devMailboxIntro}</p>
      <QueryState data={data?.devMailbox ?? undefined} error={error} onRetry={() => void refetch()}>
        {(letters) =>
          letters.length === 0 ? (
            <p className="muted">{t.devMailboxEmpty}</p>
          ) : (
            <ul className="card-list">
              {letters.map((letter) => (
                <li key={letter.id} className="panel">
                  <details>
                    <summary>
                      <strong>{letter.subject}</strong> — {letter.to.join(', ')}{' '}
                      <span className="muted">({dateTimeRu(String(letter.receivedAt), me.timeZone)})</span>
                    </summary>
                    <pre className="letter-text">{letter.text}</pre>
                  </details>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}
