import { useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import { DistrictChooser } from '../components/DistrictChooser';
import { PageTitle } from '../components/PageTitle';
import { QueryState } from '../components/QueryState';
import { StatusBadge } from '../components/StatusBadge';
import type { InboxRevisionFragment } from '../gql/graphql';
import { ru } from '../i18n/ru';
import { formatDateRu } from '../lib/format';
import { dateTimeRu } from '../lib/monitoring';
import { isoToRu } from '../lib/roadmap/dates';
import { useMe } from '../me';
import { roadmapLevelOf, stateBadge } from '../lib/roadmap/enums';
import type { RoadmapPaths } from '../lib/roadmap/paths';
import { InboxQuery } from './roadmaps/documents';
import { useDistrictScope } from './roadmaps/useDistrictScope';

const LISTS = ['toApprove', 'toReview', 'toSign', 'returned'] as const;

/** «Входящие»: what waits for this person — to approve, to review, to sign, returned — and deadlines in 7 days. */
export function InboxPage() {
  const scope = useDistrictScope();
  const [, setParams] = useSearchParams();
  return (
    <>
      <PageTitle>{ru.inbox.title}</PageTitle>
      <p className="muted">{ru.inbox.intro}</p>
      {scope.chooses && <DistrictChooser value={scope.districtId ?? ''} onChange={(id) => setParams(id ? { district: id } : {})} />}
      {scope.districtId ? <Inbox key={scope.districtId} /> : <p className="muted">{ru.campaigns.chooseDistrictHint}</p>}
    </>
  );
}

function Inbox() {
  const scope = useDistrictScope();
  const { me } = useMe();
  const { data, error, refetch } = useQuery(InboxQuery, { context: scope.context, fetchPolicy: 'cache-and-network' });
  return (
    <>
      <QueryState data={data?.inbox} error={error} onRetry={() => void refetch()}>
        {(inbox) => (
          <div className="inbox" data-testid="inbox">
            {inbox.total === 0 && <p className="notice notice-info">{ru.inbox.nothing}</p>}
            {inbox.reminders.length > 0 && (
              <section className="inbox-section" aria-labelledby="inbox-reminders" data-testid="inbox-reminders">
                <h2 id="inbox-reminders">
                  {ru.workMoves.inboxReminders} <span className="count-badge">{inbox.reminders.length}</span>
                </h2>
                <ul className="inbox-list">
                  {inbox.reminders.map((reminder) => (
                    <li key={reminder.id} className="inbox-item inbox-reminder">
                      <div>
                        <Link to={scope.paths.campaign(reminder.campaign.id)}>
                          {ru.workMoves.inboxReminder(reminder.campaign.title, isoToRu(reminder.campaign.dueDate))}
                        </Link>
                        <span className="cell-note">
                          {[
                            reminder.organization.shortName,
                            ru.workMoves.inboxReminderBy(reminder.remindedByName, dateTimeRu(reminder.remindedAt, me.timeZone)),
                          ].join(' · ')}
                        </span>
                      </div>
                    </li>
                  ))}
                </ul>
              </section>
            )}
            {LISTS.filter((list) => inbox[list].length > 0).map((list) => (
              <section key={list} className="inbox-section" aria-labelledby={`inbox-${list}`}>
                <h2 id={`inbox-${list}`}>
                  {ru.inbox[list]} <span className="count-badge">{inbox[list].length}</span>
                </h2>
                <ul className="inbox-list">
                  {inbox[list].map((revision) => (
                    <InboxRevisionRow key={revision.id} revision={revision} paths={scope.paths} />
                  ))}
                </ul>
              </section>
            ))}
            {inbox.deadlines.length > 0 && (
              <section className="inbox-section" aria-labelledby="inbox-deadlines">
                <h2 id="inbox-deadlines">
                  {ru.inbox.deadlines} <span className="count-badge">{inbox.deadlines.length}</span>
                </h2>
                <ul className="inbox-list">
                  {inbox.deadlines.map((deadline) => {
                    const to =
                      deadline.kind === 'campaign' && deadline.campaignId
                        ? scope.paths.campaign(deadline.campaignId)
                        : deadline.roadmapId
                          ? scope.paths.roadmap(deadline.roadmapId, { item: deadline.item?.key })
                          : null;
                    return (
                      <li key={`${deadline.kind}:${deadline.campaignId ?? ''}:${deadline.itemId ?? ''}`} className="inbox-item">
                        <div>
                          {to ? <Link to={to}>{deadline.item ? `${deadline.item.number} ${deadline.title}` : deadline.title}</Link> : deadline.title}
                          <span className="cell-note">
                            {deadline.kind === 'campaign'
                              ? ru.inbox.campaignDeadline(deadline.notSubmittedCount ?? 0)
                              : [ru.inbox.itemDeadline, deadline.organization?.shortName].filter(Boolean).join(', ')}
                          </span>
                        </div>
                        <div className="inbox-when">
                          <strong>{ru.dates.daysLeft(deadline.daysLeft)}</strong>
                          <span className="cell-note">{ru.inbox.due(isoToRu(deadline.dueDate))}</span>
                        </div>
                      </li>
                    );
                  })}
                </ul>
              </section>
            )}
          </div>
        )}
      </QueryState>
    </>
  );
}

function InboxRevisionRow({ revision, paths }: { revision: InboxRevisionFragment; paths: RoadmapPaths }) {
  const roadmap = revision.roadmap;
  const district = roadmapLevelOf(roadmap.level) === 'district';
  // Two roadmaps of one school must not look alike: the link names the roadmap (its title and
  // period), the note says whose it is and what kind of revision waits.
  return (
    <li className="inbox-item" data-testid="inbox-entry">
      <div>
        <Link to={paths.roadmap(roadmap.id)}>{revision.title || roadmap.title}</Link>
        <span className="cell-note">
          {[
            district ? ru.inbox.districtRoadmap : (roadmap.organization?.shortName ?? ru.inbox.schoolRoadmap),
            ru.inbox.period(isoToRu(revision.periodStart), isoToRu(revision.periodEnd)),
          ].join(' · ')}
        </span>
      </div>
      <div className="inbox-when">
        <StatusBadge {...stateBadge(revision.state, roadmapLevelOf(roadmap.level))} />
        <span className="cell-note">
          {[
            ru.roadmap.revisionLabel(revision.number),
            revision.supersedes ? ru.inbox.amendment(revision.supersedes.number) : null,
            formatDateRu(revision.updatedAt),
          ]
            .filter(Boolean)
            .join(' · ')}
        </span>
      </div>
    </li>
  );
}
