import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { QueryState } from '../../components/QueryState';
import { graphql } from '../../gql';
import { ru } from '../../i18n/ru';

const PreferencesQuery = graphql(`
  query MyNotificationPreferences {
    myNotificationPreferences {
      kind
      label
      mode
      requiredReason
    }
  }
`);

const SetPreferenceMutation = graphql(`
  mutation SetMyNotificationPreference($kind: String!, $mode: String!) {
    setMyNotificationPreference(kind: $kind, mode: $mode) {
      kind
      label
      mode
      requiredReason
    }
  }
`);

const MODES = ['immediate', 'digest', 'off'] as const;

/** The user's choice per kind: at once, a daily digest, or off; kinds the process requires say why they stay on. */
export function NotificationSettings() {
  const t = ru.notifications;
  const { data, error, refetch } = useQuery(PreferencesQuery, { fetchPolicy: 'cache-and-network' });
  const [save, { loading }] = useMutation(SetPreferenceMutation);
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <section aria-label={t.tabSettings}>
      <p className="muted measure">{t.settingsIntro}</p>
      {failure && (
        <p className="field-error" role="alert">
          {failure}
        </p>
      )}
      {saved && (
        <p className="muted" role="status">
          {saved}
        </p>
      )}
      <QueryState data={data?.myNotificationPreferences} error={error} onRetry={() => void refetch()}>
        {(kinds) => (
          <table className="table" data-testid="notification-settings" aria-label={t.tabSettings}>
            <thead>
              <tr>
                <th scope="col">{t.kind}</th>
                <th scope="col">{t.mode}</th>
              </tr>
            </thead>
            <tbody>
              {kinds.map((kind) => (
                <tr key={kind.kind}>
                  <th scope="row">{kind.label}</th>
                  <td>
                    {kind.requiredReason ? (
                      <>
                        {t.modes.immediate}
                        <div className="muted">
                          {t.required}: {kind.requiredReason}
                        </div>
                      </>
                    ) : (
                      <select
                        aria-label={`${t.mode}: ${kind.label}`}
                        value={kind.mode}
                        disabled={loading}
                        onChange={(event) => {
                          setFailure(null);
                          setSaved(null);
                          void save({ variables: { kind: kind.kind, mode: event.target.value } })
                            .then(() => setSaved(t.saved(kind.label)))
                            .catch((reason: unknown) => setFailure(reason instanceof Error ? reason.message : t.saveFailed));
                        }}
                      >
                        {MODES.map((mode) => (
                          <option key={mode} value={mode}>
                            {t.modes[mode]}
                          </option>
                        ))}
                      </select>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
    </section>
  );
}
