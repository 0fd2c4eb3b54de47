import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { SelectField } from '../../components/Field';
import { StatusBadge } from '../../components/StatusBadge';
import type { RoadmapHeadFragment } from '../../gql/graphql';
import { ru } from '../../i18n/ru';
import { formatDateRu } from '../../lib/format';
import { roadmapLevelOf, stateBadge } from '../../lib/roadmap/enums';
import type { RoadmapPaths } from '../../lib/roadmap/paths';
import { TableWrap } from '../../components/TableWrap';

/** Every revision of the roadmap with its state, and the choice of two to compare. */
export function RevisionsTab({ roadmap, currentId, paths }: { roadmap: RoadmapHeadFragment; currentId: string; paths: RoadmapPaths }) {
  const navigate = useNavigate();
  const revisions = [...roadmap.revisions].sort((a, b) => a.number - b.number);
  const level = roadmapLevelOf(roadmap.level);
  const last = revisions.at(-1);
  const [from, setFrom] = useState(revisions.at(-2)?.id ?? '');
  const [to, setTo] = useState(last?.id ?? '');
  return (
    <>
      <h2 id="revisions-heading">{ru.revisions.heading}</h2>
      <TableWrap fit>
        <table className="table" aria-labelledby="revisions-heading" data-testid="revisions-table">
          <thead>
            <tr>
              <th scope="col">{ru.revisions.number}</th>
              <th scope="col">{ru.revisions.state}</th>
              <th scope="col">{ru.revisions.created}</th>
              <th scope="col">{ru.revisions.updated}</th>
              <th scope="col">{ru.revisions.basedOn}</th>
              <th scope="col">
                <span className="visually-hidden">{ru.revisions.open}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {revisions.map((revision) => {
              const badge = stateBadge(revision.state, level);
              return (
                <tr
                  key={revision.id}
                  aria-current={revision.id === currentId ? 'true' : undefined}
                  className={revision.id === currentId ? 'row-current' : undefined}
                >
                  <th scope="row">№ {revision.number}</th>
                  <td>
                    <StatusBadge {...badge} />
                    {revision.inForce && <span className="muted"> · {ru.revisions.inForce}</span>}
                  </td>
                  <td>
                    {formatDateRu(revision.createdAt)}
                    <span className="cell-note">{revision.createdByName}</span>
                  </td>
                  <td>{formatDateRu(revision.updatedAt)}</td>
                  <td>{revision.basedOn ? ru.revisions.basedOnValue(revision.basedOn.number) : '—'}</td>
                  <td>
                    {revision.id === currentId ? (
                      <span className="muted">{ru.revisions.current}</span>
                    ) : (
                      <Link to={paths.roadmap(roadmap.id, { revision: revision.id })}>{ru.revisions.open}</Link>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>

      <h2 id="compare-heading">{ru.revisions.compareHeading}</h2>
      {revisions.length < 2 ? (
        <p className="muted">{ru.revisions.onlyOne}</p>
      ) : (
        <form
          className="form form-inline panel"
          aria-labelledby="compare-heading"
          onSubmit={(event) => {
            event.preventDefault();
            navigate(paths.compare(roadmap.id, from, to));
          }}
        >
          <SelectField label={ru.revisions.compareFrom} value={from} onChange={(event) => setFrom(event.target.value)}>
            {revisions.map((revision) => (
              <option key={revision.id} value={revision.id}>
                № {revision.number} — {stateBadge(revision.state, level).label}
              </option>
            ))}
          </SelectField>
          <SelectField label={ru.revisions.compareTo} value={to} onChange={(event) => setTo(event.target.value)}>
            {revisions.map((revision) => (
              <option key={revision.id} value={revision.id}>
                № {revision.number} — {stateBadge(revision.state, level).label}
              </option>
            ))}
          </SelectField>
          <div className="form-actions">
            <button type="submit" className="button" disabled={from === to}>
              {ru.revisions.compare}
            </button>
          </div>
        </form>
      )}
    </>
  );
}
