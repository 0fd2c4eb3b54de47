import { useApolloClient, useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { useConfirm } from '../components/ConfirmDialog';
import { ErrorNotice } from '../components/Notice';
import { toast } from '../components/Toasts';
import { graphql } from '../gql';
import { ru } from '../i18n/ru';
import { hasRole } from '../lib/access';
import { classifyError } from '../lib/errors';
import { dateTimeRu } from '../lib/monitoring';
import { useMe } from '../me';

const MyCalendarFeed = graphql(`
  query MyCalendarFeed {
    myCalendarFeed {
      url
      createdAt
      lastUsedAt
    }
  }
`);

const ResetMyCalendarFeed = graphql(`
  mutation ResetMyCalendarFeed {
    resetMyCalendarFeed {
      url
      createdAt
      lastUsedAt
    }
  }
`);

interface Link {
  url: string | null;
  createdAt: string;
  lastUsedAt?: string | null;
}

/**
 * «Календарь» on the home page: the user's personal iCalendar link (issue 16). The API keeps only the
 * link's hash, so the address is shown when it is made; afterwards the page says when it was made
 * and offers a new one («Сменить ссылку», the old one stops working). Asked for on a click, not on
 * every visit of the home page, so nobody gets a link they never wanted.
 */
export function CalendarFeedSection() {
  const t = ru.calendarFeed;
  const { me, grants } = useMe();
  const client = useApolloClient();
  const confirm = useConfirm();
  const [link, setLink] = useState<Link | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [reset] = useMutation(ResetMyCalendarFeed);
  if (!hasRole(grants, 'district-officer', 'district-head', 'school-director', 'school-curator', 'mentor', 'mentee')) return null;

  const run = (load: () => Promise<Link | null | undefined>) => {
    setBusy(true);
    setError(null);
    load()
      .then((next) => setLink(next ?? null))
      .catch((failure: unknown) => setError(classifyError(failure).message))
      .finally(() => setBusy(false));
  };
  const show = () => run(async () => (await client.query({ query: MyCalendarFeed, fetchPolicy: 'network-only' })).data?.myCalendarFeed);
  const renew = () =>
    confirm.ask({
      title: t.confirmReset,
      body: t.confirmResetBody,
      confirmLabel: t.reset,
      onConfirm: () => run(async () => (await reset()).data?.resetMyCalendarFeed),
    });
  const copy = (url: string) =>
    void navigator.clipboard
      .writeText(url)
      .then(() => toast.success(t.copied))
      .catch(() => setError(t.copyFailed));

  return (
    <section aria-labelledby="calendar-feed" data-testid="calendar-feed">
      <h2 id="calendar-feed">{t.title}</h2>
      <p className="muted measure">{t.intro}</p>
      {link?.url ? (
        <>
          <label className="field">
            <span className="field-label">{t.urlLabel}</span>
            <input className="input" readOnly value={link.url} data-testid="calendar-feed-url" onFocus={(event) => event.currentTarget.select()} />
          </label>
          <p className="muted measure">{t.shownOnce}</p>
          <div className="form-actions">
            <button type="button" className="button" onClick={() => copy(link.url!)}>
              {t.copy}
            </button>
          </div>
          <h3>{t.howTitle}</h3>
          <ul className="measure">
            {t.how.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      ) : link ? (
        <>
          <p className="measure" data-testid="calendar-feed-issued">
            {t.issued(dateTimeRu(link.createdAt, me.timeZone))}
            {link.lastUsedAt ? ` ${t.lastUsed(dateTimeRu(link.lastUsedAt, me.timeZone))}` : ` ${t.neverUsed}`}
          </p>
          <div className="form-actions">
            <button type="button" className="button button-secondary" disabled={busy} onClick={renew}>
              {t.reset}
            </button>
          </div>
        </>
      ) : (
        <div className="form-actions">
          <button type="button" className="button" disabled={busy} onClick={show}>
            {t.show}
          </button>
        </div>
      )}
      <ErrorNotice>{error}</ErrorNotice>
      {confirm.dialog}
    </section>
  );
}
