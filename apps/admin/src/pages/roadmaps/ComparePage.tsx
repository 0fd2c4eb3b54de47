import { useQuery } from '@apollo/client/react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ErrorState } from '../../components/ErrorState';
import { SelectField } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { ru } from '../../i18n/ru';
import { notFoundError } from '../../lib/errors';
import { diffCounts, diffFieldLabel, diffRows, isEmptyDiff, SHOWN_ITEM_FIELDS, type DiffItemLike } from '../../lib/roadmap/diff';
import { roadmapLevelOf, stateBadge } from '../../lib/roadmap/enums';
import { RevisionDiffQuery, RoadmapViewQuery } from './documents';
import { useDistrictScope } from './useDistrictScope';
import { TableWrap } from '../../components/TableWrap';

/** An item whole, field by field (an added or a removed one). */
function ItemCard({ item }: { item: DiffItemLike }) {
  return (
    <dl className="diff-item">
      {SHOWN_ITEM_FIELDS.filter((field) => item[field].trim()).map((field) => (
        <div key={field}>
          <dt>{diffFieldLabel(field)}</dt>
          <dd>{item[field]}</dd>
        </div>
      ))}
      <div>
        <dt>{diffFieldLabel('section')}</dt>
        <dd>{item.section}</dd>
      </div>
    </dl>
  );
}

/**
 * Two revisions side by side: added items green on the right, removed ones red on the left,
 * changed ones field by field (was / now); changed sections above.
 */
export function ComparePage() {
  const { roadmapId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const scope = useDistrictScope();
  const roadmapQuery = useQuery(RoadmapViewQuery, { variables: { id: roadmapId }, context: scope.context });
  if (roadmapQuery.error) return <ErrorState error={roadmapQuery.error} onRetry={() => void roadmapQuery.refetch()} />;
  if (!roadmapQuery.data) return <Loading />;
  const roadmap = roadmapQuery.data.roadmap;
  if (!roadmap) return <ErrorState error={notFoundError()} />;

  const revisions = [...roadmap.revisions].sort((a, b) => a.number - b.number);
  const level = roadmapLevelOf(roadmap.level);
  const from = params.get('from') || revisions.at(-2)?.id || revisions[0]!.id;
  const to = params.get('to') || revisions.at(-1)!.id;
  const fromRevision = revisions.find((r) => r.id === from);
  const toRevision = revisions.find((r) => r.id === to);
  const choose = (key: 'from' | 'to', value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set(key, value);
        return next;
      },
      { replace: true },
    );

  return (
    <>
      <nav aria-label={ru.roadmap.breadcrumbs} className="breadcrumbs">
        <Link to={scope.paths.list()}>{ru.campaigns.listTitle}</Link>
        {' › '}
        <Link to={scope.paths.roadmap(roadmap.id, { tab: 'revisions' })}>{roadmap.title}</Link>
      </nav>
      <PageTitle title={ru.compare.title}>
        {ru.compare.title}
        <span className="title-sub">{roadmap.title}</span>
      </PageTitle>
      <div className="toolbar">
        {(['from', 'to'] as const).map((key) => (
          <SelectField
            key={key}
            label={key === 'from' ? ru.compare.from : ru.compare.to}
            value={key === 'from' ? from : to}
            onChange={(event) => choose(key, event.target.value)}
          >
            {revisions.map((revision) => (
              <option key={revision.id} value={revision.id}>
                № {revision.number} — {stateBadge(revision.state, level).label}
              </option>
            ))}
          </SelectField>
        ))}
      </div>
      {from === to || !fromRevision || !toRevision ? (
        <p className="muted">{ru.compare.sameRevision}</p>
      ) : (
        <Diff from={fromRevision} to={toRevision} level={level} context={scope.context} />
      )}
      <p>
        <Link to={scope.paths.roadmap(roadmap.id)}>← {ru.compare.back}</Link>
      </p>
    </>
  );
}

function Diff({
  from,
  to,
  level,
  context,
}: {
  from: { id: string; number: number; state: string };
  to: { id: string; number: number; state: string };
  level: 'school' | 'district';
  context: { headers: Record<string, string> };
}) {
  const { data, error, refetch } = useQuery(RevisionDiffQuery, { variables: { from: from.id, to: to.id }, context });
  return (
    <QueryState data={data?.revisionDiff} error={error} onRetry={() => void refetch()}>
      {(diff) => {
        const counts = diffCounts(diff);
        const rows = diffRows(diff);
        return (
          <div data-testid="revision-diff">
            <ul className="diff-counts" aria-label={ru.compare.title}>
              <li className="diff-count diff-count-added">
                {ru.compare.counts.added}: <strong>{counts.added}</strong>
              </li>
              <li className="diff-count diff-count-removed">
                {ru.compare.counts.removed}: <strong>{counts.removed}</strong>
              </li>
              <li className="diff-count diff-count-changed">
                {ru.compare.counts.changed}: <strong>{counts.changed}</strong>
              </li>
              <li className="diff-count">
                {ru.compare.counts.unchanged}: <strong>{counts.unchanged}</strong>
              </li>
            </ul>
            {isEmptyDiff(diff) && <p className="muted">{ru.compare.noChanges}</p>}

            {counts.sections > 0 && (
              <>
                <h2>{ru.compare.sectionsHeading}</h2>
                <ul className="diff-sections">
                  {diff.sectionsAdded.map((section) => (
                    <li key={section.key} className="diff-added">
                      {ru.compare.sectionAdded(section.title)}
                    </li>
                  ))}
                  {diff.sectionsRemoved.map((section) => (
                    <li key={section.key} className="diff-removed">
                      {ru.compare.sectionRemoved(section.title)}
                    </li>
                  ))}
                  {diff.sectionsChanged.map((change) => (
                    <li key={change.after.key} className="diff-changed">
                      {ru.compare.sectionChanged(change.before.title)}
                      <ul>
                        {change.changes.map((c) => (
                          <li key={c.field}>
                            {diffFieldLabel(c.field)}: <del>{c.before || ru.compare.empty}</del> → <ins>{c.after || ru.compare.empty}</ins>
                          </li>
                        ))}
                      </ul>
                    </li>
                  ))}
                </ul>
              </>
            )}

            {rows.length > 0 && (
              <>
                <h2>{ru.compare.itemsHeading}</h2>
                <TableWrap>
                  <table className="table diff-table">
                    <thead>
                      <tr>
                        <th scope="col" className="diff-col-field">
                          {ru.compare.field}
                        </th>
                        <th scope="col">
                          {ru.compare.revisionColumn(from.number)} <StatusBadge {...stateBadge(from.state, level)} />
                        </th>
                        <th scope="col">
                          {ru.compare.revisionColumn(to.number)} <StatusBadge {...stateBadge(to.state, level)} />
                        </th>
                      </tr>
                    </thead>
                    {rows.map((row) => (
                      <tbody key={`${row.kind}:${row.key}`} className={`diff-row diff-row-${row.kind}`} data-kind={row.kind}>
                        <tr className="diff-row-head">
                          <th scope="rowgroup" colSpan={3}>
                            <span className={`diff-tag diff-tag-${row.kind}`}>{ru.compare[row.kind]}</span>{' '}
                            {row.kind === 'removed' ? `${row.before.number} ${row.before.activity}` : `${row.after.number} ${row.after.activity}`}
                          </th>
                        </tr>
                        {row.kind === 'added' && (
                          <tr>
                            <td />
                            <td className="diff-cell-absent">{ru.compare.absent}</td>
                            <td className="diff-cell-added">
                              <ItemCard item={row.after} />
                            </td>
                          </tr>
                        )}
                        {row.kind === 'removed' && (
                          <tr>
                            <td />
                            <td className="diff-cell-removed">
                              <ItemCard item={row.before} />
                            </td>
                            <td className="diff-cell-absent">{ru.compare.absent}</td>
                          </tr>
                        )}
                        {row.kind === 'changed' &&
                          row.changes.map((change) => (
                            <tr key={change.field}>
                              <th scope="row" className="diff-col-field">
                                {change.label}
                              </th>
                              <td className="diff-cell-removed">{change.before || <span className="muted">{ru.compare.empty}</span>}</td>
                              <td className="diff-cell-added">{change.after || <span className="muted">{ru.compare.empty}</span>}</td>
                            </tr>
                          ))}
                      </tbody>
                    ))}
                  </table>
                </TableWrap>
              </>
            )}
          </div>
        );
      }}
    </QueryState>
  );
}
