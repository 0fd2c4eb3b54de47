import type { ItemFieldsFragment, RevisionFullFragment } from '../../gql/graphql';
import { ru } from '../../i18n/ru';
import { formatFileSize } from '../../lib/attachments';
import { isoToRu } from '../../lib/roadmap/dates';
import { ITEM_COLUMNS } from '../../lib/roadmap/editor';
import { CommentList } from './Comments';
import { ItemKpiLink, useItemKpiLinks } from './ItemKpiLink';
import { TableWrap } from '../../components/TableWrap';

export interface RowActions {
  /** The reviewer may comment on items now. */
  onComment?: ((item: ItemFieldsFragment) => void) | undefined;
  /** The author marks items of the revision in force done. */
  onMark?: ((item: ItemFieldsFragment) => void) | undefined;
  onUndo?: ((item: ItemFieldsFragment) => void) | undefined;
  onDownload: (file: { url: string; fileName: string }) => void;
}

/** The header cells of the item columns (the editor's table and the read-only one). */
export function ItemColumnHeaders() {
  return (
    <>
      {ITEM_COLUMNS.map((column) => (
        <th key={column.key} scope="col" className={`col-${column.key}`}>
          {ru.editor.columnGroups[column.key]}
        </th>
      ))}
    </>
  );
}

/** «распознано: …» or why the deadline could not be read, under the deadline as written. */
export function DeadlineNote({ deadline }: { deadline: ItemFieldsFragment['deadline'] }) {
  if (!deadline.original.trim()) return null;
  if (deadline.kind === 'unrecognized') {
    return <span className="cell-note cell-note-warning">{deadline.reason ?? deadline.description}</span>;
  }
  return <span className="cell-note">{ru.editor.deadlineRecognized(deadline.description)}</span>;
}

function Execution({ item, actions }: { item: ItemFieldsFragment; actions: RowActions }) {
  const execution = item.execution;
  if (execution?.done) {
    const document = execution.documentNumber ? ru.execution.document(execution.documentNumber, isoToRu(execution.documentDate)) : null;
    return (
      <div className="execution">
        <span className="status status-agreed">{ru.execution.done(isoToRu(execution.doneOn))}</span>
        {document && <span>{document}</span>}
        {execution.note && <span>{execution.note}</span>}
        {execution.url && (
          <a href={execution.url} target="_blank" rel="noreferrer noopener">
            {execution.url}
          </a>
        )}
        {execution.attachment && (
          <button type="button" className="link-button" onClick={() => actions.onDownload(execution.attachment!)}>
            {ru.execution.download(execution.attachment.fileName)} ({formatFileSize(execution.attachment.size)})
          </button>
        )}
        <span className="cell-note">{ru.execution.markedBy(execution.markedByName)}</span>
        {actions.onUndo && (
          <button
            type="button"
            className="button button-secondary button-small"
            aria-label={ru.execution.undoLabel(item.number)}
            onClick={() => actions.onUndo!(item)}
          >
            {ru.execution.undo}
          </button>
        )}
      </div>
    );
  }
  return (
    <div className="execution">
      {item.overdue ? <span className="status status-overdue">{ru.execution.overdueLabel}</span> : <span className="muted">{ru.execution.notDone}</span>}
      {actions.onMark && (
        <button type="button" className="button button-small" aria-label={ru.execution.markLabel(item.number)} onClick={() => actions.onMark!(item)}>
          {ru.execution.mark}
        </button>
      )}
    </div>
  );
}

/**
 * A revision read-only, section by section, as the paper table: the deadline with how the platform
 * read it, the reviewers' comments under the items they concern, and — on the revision in force —
 * execution (done with evidence, overdue, mark / undo).
 */
export function RevisionTable({ revision, showExecution, actions }: { revision: RevisionFullFragment; showExecution: boolean; actions: RowActions }) {
  const extra = showExecution || actions.onComment ? 1 : 0;
  const kpiLinks = useItemKpiLinks(revision.id);
  return (
    <div className="roadmap-sections" data-testid="roadmap-table">
      {revision.sections.map((section, s) => (
        <section key={section.id} className="roadmap-section" aria-labelledby={`section-${section.key}`}>
          <h3 id={`section-${section.key}`}>{section.title || ru.editor.section(s + 1)}</h3>
          {section.task && <p className="section-note">{section.task}</p>}
          {section.result && <p className="section-note">{section.result}</p>}
          {section.items.length === 0 ? (
            <p className="muted">{ru.editor.emptySection}</p>
          ) : (
            <TableWrap>
              <table className={`table roadmap-table${extra ? ' roadmap-table-exec' : ''}`} aria-labelledby={`section-${section.key}`}>
                <thead>
                  <tr>
                    <ItemColumnHeaders />
                    {extra > 0 && (
                      <th scope="col" className="col-execution">
                        {showExecution ? ru.execution.column : ru.editor.columns.actions}
                      </th>
                    )}
                  </tr>
                </thead>
                {section.items.map((item) => (
                  <tbody
                    key={item.id}
                    id={`item-${item.key}`}
                    className={showExecution && item.overdue ? 'row-overdue' : item.execution?.done && showExecution ? 'row-done' : undefined}
                  >
                    <tr>
                      <th scope="row" className="col-number">
                        {item.number}
                      </th>
                      <td className="col-activity">
                        {item.activity}
                        {item.content && <span className="cell-secondary">{item.content}</span>}
                      </td>
                      <td className="col-deadlineText">
                        {item.deadlineText}
                        <DeadlineNote deadline={item.deadline} />
                      </td>
                      <td className="col-responsible">{item.responsible}</td>
                      <td className="col-expectedResult">
                        {item.expectedResult}
                        {item.indicator && (
                          <span className="cell-secondary">
                            <span className="cell-caption">{ru.editor.columns.indicator}: </span>
                            {item.indicator}
                          </span>
                        )}
                        {kpiLinks && <ItemKpiLink itemId={item.id} number={item.number} links={kpiLinks} />}
                      </td>
                      {extra > 0 && (
                        <td className="col-execution">
                          {showExecution && <Execution item={item} actions={actions} />}
                          {actions.onComment && (
                            <button
                              type="button"
                              className="button button-secondary button-small"
                              aria-label={ru.roadmap.commentOnItemLabel(item.number)}
                              onClick={() => actions.onComment!(item)}
                            >
                              {ru.roadmap.commentOnItem}
                            </button>
                          )}
                        </td>
                      )}
                    </tr>
                    {item.comments.length > 0 && (
                      <tr className="comment-row">
                        <td colSpan={ITEM_COLUMNS.length + extra}>
                          <CommentList comments={item.comments} />
                        </td>
                      </tr>
                    )}
                  </tbody>
                ))}
              </table>
            </TableWrap>
          )}
        </section>
      ))}
    </div>
  );
}
