import { useQuery } from '@apollo/client/react';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { ru } from '../../i18n/ru';
import { personLine } from '../../lib/access';
import { formatDateTimeRu, isoToRu } from '../../lib/roadmap/dates';
import { stateBadge, type Tone } from '../../lib/roadmap/enums';
import { RevisionHistoryQuery } from './documents';

const ACTION_TONES: Record<string, Tone> = {
  approve: 'agreed',
  agree: 'agreed',
  return: 'returned',
  returnToCurator: 'returned',
  comment: 'review',
  recommendAgreement: 'review',
  startReview: 'review',
  submitToDirector: 'progress',
};

/** The audit trail of one revision as a timeline: who (name, position, role), when, what, from which state to which. */
export function HistoryTab({ revisionId, level, context }: { revisionId: string; level: 'school' | 'district'; context: { headers: Record<string, string> } }) {
  const { data, error, refetch } = useQuery(RevisionHistoryQuery, { variables: { id: revisionId }, context, fetchPolicy: 'cache-and-network' });
  return (
    <>
      <h2>{ru.history.heading}</h2>
      <p className="muted">{ru.history.intro}</p>
      <QueryState data={data?.roadmapRevision} error={error} onRetry={() => void refetch()}>
        {(revision) => {
          const items = new Map(revision.sections.flatMap((section) => section.items.map((item) => [item.key, `${item.number} ${item.activity}`] as const)));
          if (revision.events.length === 0) return <p className="muted">{ru.history.empty}</p>;
          return (
            <ol className="timeline" data-testid="history">
              {revision.events.map((event) => (
                <li key={event.id} className="timeline-event">
                  <span className={`timeline-dot timeline-dot-${ACTION_TONES[event.action] ?? 'neutral'}`} aria-hidden="true" />
                  <div className="timeline-body">
                    <p className="timeline-head">
                      <strong>{event.actionLabel}</strong>
                      <time dateTime={event.at} className="muted">
                        {formatDateTimeRu(event.at)}
                      </time>
                    </p>
                    <p className="timeline-who">{personLine(event.userName, event.userPosition, event.role)}</p>
                    {event.fromState && event.toState && event.fromState !== event.toState && (
                      <p className="timeline-states">
                        <StatusBadge {...stateBadge(event.fromState, level)} /> → <StatusBadge {...stateBadge(event.toState, level)} />
                      </p>
                    )}
                    {event.summary && <p>{event.summary}</p>}
                    {event.itemKey && items.has(event.itemKey) && <p className="muted">{ru.history.aboutItem(items.get(event.itemKey)!)}</p>}
                    {event.comment && <blockquote className="timeline-comment">{event.comment}</blockquote>}
                    {event.approval && (
                      <p>
                        {ru.history.approval(
                          `${event.approval.position} ${event.approval.organization} ${event.approval.name}, ${isoToRu(event.approval.date)}`,
                          event.approval.orderNumber,
                          isoToRu(event.approval.orderDate),
                        )}
                      </p>
                    )}
                    {event.agreement && (
                      <p>
                        {ru.history.agreement(
                          `${event.agreement.position}, ${event.agreement.authority}, ${event.agreement.name}, ${isoToRu(event.agreement.date)}`,
                        )}
                      </p>
                    )}
                  </div>
                </li>
              ))}
            </ol>
          );
        }}
      </QueryState>
    </>
  );
}
