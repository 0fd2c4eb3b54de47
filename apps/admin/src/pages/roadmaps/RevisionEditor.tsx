import { useMutation } from '@apollo/client/react';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { Field, TextAreaField, TextField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import type { CommentFieldsFragment, RevisionFullFragment } from '../../gql/graphql';
import { ru } from '../../i18n/ru';
import { classifyError } from '../../lib/errors';
import { formatDateTimeRu } from '../../lib/roadmap/dates';
import { browserStorage, clearDraft, copiesOfThisPage, copyId, editorOpening, loadDraft, storeDraft, type RecoveryOffer } from '../../lib/roadmap/draftStorage';
import {
  countErrors,
  editorReducer,
  errorAtPath,
  hasErrors,
  initEditor,
  isDirty,
  ITEM_COLUMNS,
  noErrors,
  periodForDeadlines,
  previewDeadline,
  toSaveInput,
  validateDraft,
  type EditorAction,
  type EditorDraft,
  type EditorErrors,
  type EditorItem,
  type HeaderField,
  type ItemField,
  type SectionField,
} from '../../lib/roadmap/editor';
import { CommentList } from './Comments';
import { AFTER_DECISION, SaveRevisionMutation } from './documents';
import { ItemColumnHeaders } from './RevisionTable';

type Status =
  | { kind: 'saved' }
  | { kind: 'errors'; text: string }
  | { kind: 'network' }
  | { kind: 'conflict' }
  | { kind: 'notEditable'; text: string }
  | { kind: 'failed'; text: string };

const timeOf = (iso: string) => formatDateTimeRu(iso).split(', ')[1] ?? iso;

/**
 * The table editor of a draft: header, sections and items (add, remove, ↑ ↓, inline editing), the
 * deadline as the platform reads it under each deadline cell, the reviewers' comments under the
 * items. «Сохранить черновик» sends the whole draft with the version it started from. Nothing
 * typed is lost: errors go beside the cells, a copy is kept on this device as the user types (and
 * offered back when the editor opens), a conflict keeps the user's draft and lets them choose.
 */
export function RevisionEditor({
  revision,
  context,
  onDirtyChange,
  refetchRevision,
}: {
  revision: RevisionFullFragment;
  context: { headers: Record<string, string> };
  /** Unsaved changes, or a copy on this device not yet restored or discarded. */
  onDirtyChange: (state: { dirty: boolean; recovery: boolean }) => void;
  refetchRevision: () => Promise<RevisionFullFragment | null>;
}) {
  const storage = useMemo(() => browserStorage(), []);
  const [opening] = useState(() => editorOpening(loadDraft(storage, revision.id), initEditor(revision).saved, revision.version, copiesOfThisPage));
  const [state, dispatch] = useReducer(editorReducer, revision, (initial) =>
    opening.resume ? editorReducer(initEditor(initial), { type: 'restore', draft: opening.resume }) : initEditor(initial),
  );
  const [errors, setErrors] = useState<EditorErrors>(noErrors);
  const [status, setStatus] = useState<Status | null>(null);
  const [keptAt, setKeptAt] = useState<string | null>(null);
  const [offer, setOffer] = useState<RecoveryOffer | null>(opening.offer);
  const focusNext = useRef<string | null>(null);
  const [save, { loading }] = useMutation(SaveRevisionMutation, { context, refetchQueries: AFTER_DECISION });
  const dirty = isDirty(state);

  useEffect(() => onDirtyChange({ dirty, recovery: offer !== null }), [dirty, offer, onDirtyChange]);

  const writeCopy = useCallback(
    (draft: EditorDraft, baseVersion: number) => {
      const savedAt = new Date().toISOString();
      if (storeDraft(storage, { revisionId: revision.id, baseVersion, savedAt, draft })) {
        copiesOfThisPage.add(copyId({ revisionId: revision.id, savedAt }));
        setKeptAt(savedAt);
      }
    },
    [storage, revision.id],
  );

  // The copy on this device: written shortly after each change, dropped when nothing is unsaved.
  useEffect(() => {
    if (offer) return;
    if (!dirty) {
      clearDraft(storage, revision.id);
      setKeptAt(null);
      return;
    }
    const timer = setTimeout(() => writeCopy(state.draft, state.baseVersion), 400);
    return () => clearTimeout(timer);
  }, [state.draft, state.baseVersion, dirty, offer, storage, revision.id, writeCopy]);

  // …and at once when a save fails or the page goes away (reload, closed tab): the last keystrokes
  // may be younger than the timer above.
  const latest = useRef({ state, dirty, offer });
  useEffect(() => {
    latest.current = { state, dirty, offer };
  });
  const keepCopyNow = useCallback(() => {
    const current = latest.current;
    if (current.dirty && !current.offer) writeCopy(current.state.draft, current.state.baseVersion);
  }, [writeCopy]);
  useEffect(() => {
    window.addEventListener('pagehide', keepCopyNow);
    return () => window.removeEventListener('pagehide', keepCopyNow);
  }, [keepCopyNow]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = ru.editor.leaveWarning;
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  useEffect(() => {
    if (!focusNext.current) return;
    document.querySelector<HTMLTextAreaElement>(`[data-cell="${focusNext.current}"]`)?.focus();
    focusNext.current = null;
  });

  /** An edit: the draft changes, the error of that cell goes (it is checked again on saving). */
  const edit = useCallback((action: EditorAction) => {
    dispatch(action);
    setStatus((current) => (current?.kind === 'saved' ? null : current));
    if (action.type === 'header') {
      setErrors((current) => ({ ...current, header: { ...current.header, [action.field]: undefined } }));
    } else if (action.type === 'item' || action.type === 'section') {
      setErrors((current) => ({ ...current, cells: { ...current.cells, [action.uid]: { ...current.cells[action.uid], [action.field]: undefined } } }));
    }
  }, []);

  const commentsByKey = useMemo(() => {
    const map = new Map<string, readonly CommentFieldsFragment[]>();
    for (const section of revision.sections) for (const item of section.items) if (item.comments.length) map.set(item.key, item.comments);
    return map;
  }, [revision.sections]);

  const period = periodForDeadlines(state.draft, revision);

  async function submit(expectedVersion = state.baseVersion) {
    const checked = validateDraft(state.draft);
    setErrors(checked);
    if (hasErrors(checked)) {
      setStatus({ kind: 'errors', text: ru.editor.fixErrors(countErrors(checked)) });
      return;
    }
    const input = toSaveInput(state.draft);
    if (!input) return;
    const sent = state.draft;
    try {
      const result = await save({ variables: { input: { revisionId: revision.id, expectedVersion, ...input } } });
      const saved = result.data?.saveRoadmapRevision;
      if (!saved) return;
      dispatch({ type: 'saved', revision: saved });
      clearDraft(storage, revision.id);
      setErrors(noErrors());
      setStatus({ kind: 'saved' });
    } catch (error) {
      const appError = classifyError(error);
      if (appError.kind === 'badInput') {
        const cell = appError.fieldPath ? errorAtPath(sent, appError.fieldPath.path, appError.fieldPath.message) : null;
        if (cell) setErrors(cell);
        setStatus({ kind: 'errors', text: cell ? ru.editor.fixErrors(countErrors(cell)) : appError.message });
      } else if (appError.kind === 'network') {
        keepCopyNow();
        setStatus({ kind: 'network' });
      } else if (appError.kind === 'conflict') {
        setStatus(appError.conflictReason === 'STATE' ? { kind: 'notEditable', text: appError.message } : { kind: 'conflict' });
      } else {
        setStatus({ kind: 'failed', text: appError.message });
      }
    }
  }

  async function overwrite() {
    const latest = await refetchRevision();
    if (!latest) return;
    dispatch({ type: 'rebase', revision: latest });
    await submit(latest.version);
  }

  async function takeServer() {
    if (!window.confirm(ru.editor.conflictTakeServerConfirm)) return;
    const latest = await refetchRevision();
    if (!latest) return;
    dispatch({ type: 'saved', revision: latest });
    clearDraft(storage, revision.id);
    setErrors(noErrors());
    setStatus(null);
  }

  function addItem(sectionUid: string) {
    focusNext.current = `new:${state.nextUid}:activity`;
    edit({ type: 'addItem', sectionUid });
  }

  const header = (field: HeaderField) => ({
    name: field,
    value: state.draft.header[field],
    error: errors.header[field],
    onChange: (event: { target: { value: string } }) => edit({ type: 'header', field, value: event.target.value }),
  });

  return (
    <div className="editor" data-testid="roadmap-editor">
      {offer && (
        <Notice tone="warning" className="editor-restore" id="editor-restore">
          <p>
            <strong>{ru.editor.restoreHeading}.</strong> {ru.editor.restoreText(formatDateTimeRu(offer.stored.savedAt))}
            {offer.serverChanged && ` ${ru.editor.restoreServerChanged}`}
          </p>
          <div className="form-actions">
            <button
              type="button"
              className="button"
              onClick={() => {
                edit({ type: 'restore', draft: offer.stored.draft });
                copiesOfThisPage.add(copyId(offer.stored));
                setOffer(null);
              }}
            >
              {ru.editor.restore}
            </button>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                clearDraft(storage, revision.id);
                setOffer(null);
              }}
            >
              {ru.editor.discard}
            </button>
          </div>
        </Notice>
      )}

      <section className="panel editor-header" aria-labelledby="editor-header">
        <h2 id="editor-header">{ru.editor.headerHeading}</h2>
        <div className="form-grid">
          <TextField label={ru.editor.programmeName} {...header('programmeName')} required autoComplete="off" />
          <TextField
            label={ru.editor.periodStart}
            hint={ru.dates.hint}
            placeholder={ru.dates.placeholder}
            {...header('periodStart')}
            required
            inputMode="numeric"
            autoComplete="off"
          />
          <TextField
            label={ru.editor.periodEnd}
            hint={ru.dates.hint}
            placeholder={ru.dates.placeholder}
            {...header('periodEnd')}
            required
            inputMode="numeric"
            autoComplete="off"
          />
        </div>
        <TextAreaField label={ru.editor.title} {...header('title')} required rows={2} />
      </section>

      {state.draft.sections.map((section, s) => {
        const title = section.title.trim() || ru.editor.untitled;
        const sectionField = (field: SectionField) => ({
          value: section[field],
          error: errors.cells[section.uid]?.[field],
          onChange: (event: { target: { value: string } }) => edit({ type: 'section', uid: section.uid, field, value: event.target.value }),
        });
        return (
          <section key={section.uid} className="editor-section" aria-label={ru.editor.section(s + 1)}>
            <div className="editor-section-head">
              <h3>{ru.editor.section(s + 1)}</h3>
              <div className="row-buttons">
                <button
                  type="button"
                  className="icon-button"
                  aria-label={ru.editor.moveSectionUp(title)}
                  title={ru.editor.moveUp}
                  disabled={s === 0}
                  onClick={() => edit({ type: 'moveSection', uid: section.uid, direction: -1 })}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={ru.editor.moveSectionDown(title)}
                  title={ru.editor.moveDown}
                  disabled={s === state.draft.sections.length - 1}
                  onClick={() => edit({ type: 'moveSection', uid: section.uid, direction: 1 })}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="icon-button icon-button-danger"
                  aria-label={ru.editor.removeSection(title)}
                  title={ru.editor.remove}
                  onClick={() => {
                    if (section.items.length === 0 || window.confirm(ru.editor.removeSectionConfirm(title, section.items.length))) {
                      edit({ type: 'removeSection', uid: section.uid });
                    }
                  }}
                >
                  ✕
                </button>
              </div>
            </div>
            <TextField label={ru.editor.sectionTitle} {...sectionField('title')} required autoComplete="off" />
            <div className="form-grid form-grid-2">
              <TextAreaField label={ru.editor.sectionTask} {...sectionField('task')} rows={2} />
              <TextAreaField label={ru.editor.sectionResult} {...sectionField('result')} rows={2} />
            </div>
            {section.items.length === 0 ? (
              <p className="muted">{ru.editor.emptySection}</p>
            ) : (
              <div className="table-wrap">
                <table className="table roadmap-table editor-table">
                  <thead>
                    <tr>
                      <ItemColumnHeaders />
                      <th scope="col" className="col-actions">
                        <span className="visually-hidden">{ru.editor.columns.actions}</span>
                      </th>
                    </tr>
                  </thead>
                  {section.items.map((item, i) => (
                    <ItemRows
                      key={item.uid}
                      item={item}
                      errors={errors.cells[item.uid]}
                      comments={item.key ? commentsByKey.get(item.key) : undefined}
                      period={period}
                      first={s === 0 && i === 0}
                      last={s === state.draft.sections.length - 1 && i === section.items.length - 1}
                      edit={edit}
                    />
                  ))}
                </table>
              </div>
            )}
            <button type="button" className="button button-secondary add-button" onClick={() => addItem(section.uid)}>
              + {ru.editor.addItem}
            </button>
          </section>
        );
      })}
      <button type="button" className="button button-secondary add-button" onClick={() => edit({ type: 'addSection' })}>
        + {ru.editor.addSection}
      </button>

      <div className="save-bar" role="region" aria-label={ru.editor.save}>
        {status?.kind === 'errors' && <Notice tone="error">{status.text}</Notice>}
        {status?.kind === 'network' && <Notice tone="error">{ru.editor.networkError}</Notice>}
        {status?.kind === 'failed' && <Notice tone="error">{status.text}</Notice>}
        {status?.kind === 'notEditable' && (
          <Notice tone="error">
            <p>
              {status.text}. {ru.editor.notEditable}
            </p>
            <button type="button" className="button button-secondary" onClick={() => window.location.reload()}>
              {ru.editor.reload}
            </button>
          </Notice>
        )}
        {status?.kind === 'conflict' && (
          <Notice tone="error">
            <p>{ru.editor.conflict}</p>
            <div className="form-actions">
              <button type="button" className="button" title={ru.editor.conflictOverwriteHint} onClick={() => void overwrite()}>
                {ru.editor.conflictOverwrite}
              </button>
              <button type="button" className="button button-secondary" onClick={() => void takeServer()}>
                {ru.editor.conflictTakeServer}
              </button>
            </div>
          </Notice>
        )}
        <div className="save-bar-row">
          <div className="save-bar-status" aria-live="polite">
            {status?.kind === 'saved' && !dirty ? (
              <span className="save-ok">{ru.editor.saved}</span>
            ) : dirty ? (
              <span className="save-dirty">
                {ru.editor.unsaved}
                {keptAt && <span className="save-kept"> · {ru.editor.keptLocally(timeOf(keptAt))}</span>}
              </span>
            ) : (
              <span className="muted">{ru.editor.allSaved}</span>
            )}
          </div>
          <button type="button" className="button" disabled={loading} onClick={() => void submit()}>
            {loading ? ru.editor.saving : ru.editor.save}
          </button>
        </div>
      </div>
    </div>
  );
}

function ItemRows({
  item,
  errors,
  comments,
  period,
  first,
  last,
  edit,
}: {
  item: EditorItem;
  errors: Partial<Record<ItemField | SectionField, string | undefined>> | undefined;
  comments: readonly CommentFieldsFragment[] | undefined;
  period: { start: string; end: string };
  first: boolean;
  last: boolean;
  edit: (action: EditorAction) => void;
}) {
  const number = item.number.trim() || '—';
  const preview = previewDeadline(item.deadlineText, period);
  const invalid = errors && Object.values(errors).some(Boolean);
  return (
    <tbody className={invalid ? 'row-invalid' : undefined}>
      <tr>
        {ITEM_COLUMNS.map((column) => (
          <td key={column.key} className={`col-${column.key}${column.fields.some((field) => errors?.[field]) ? ' cell-invalid' : ''}`}>
            {column.fields.map((field, index) => (
              <Field
                key={field}
                label={
                  index === 0 ? (
                    <span className="visually-hidden">{ru.editor.cellLabel(ru.editor.columns[field], number)}</span>
                  ) : (
                    <>
                      <span className="cell-caption">{ru.editor.columns[field]}</span>
                      <span className="visually-hidden">{ru.editor.cellOf(number)}</span>
                    </>
                  )
                }
                error={errors?.[field]}
                className={`cell-field${index > 0 ? ' cell-field-secondary' : ''}`}
              >
                {(control) => (
                  <textarea
                    {...control}
                    className="cell-input"
                    data-cell={`${item.uid}:${field}`}
                    rows={field === 'number' ? 1 : 2}
                    value={item[field]}
                    placeholder={field === 'deadlineText' ? 'до 20.09.2025' : undefined}
                    title={field === 'deadlineText' ? ru.editor.deadlineHint : undefined}
                    onChange={(event) => edit({ type: 'item', uid: item.uid, field, value: event.target.value })}
                  />
                )}
              </Field>
            ))}
            {column.key === 'deadlineText' && preview && (
              <span className={`cell-note${preview.tone === 'warning' ? ' cell-note-warning' : ''}`}>{preview.text}</span>
            )}
          </td>
        ))}
        <td className="col-actions">
          <div className="row-buttons row-buttons-column">
            <button
              type="button"
              className="icon-button"
              aria-label={ru.editor.moveItemUp(number)}
              title={ru.editor.moveUp}
              disabled={first}
              onClick={() => edit({ type: 'moveItem', uid: item.uid, direction: -1 })}
            >
              ↑
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label={ru.editor.moveItemDown(number)}
              title={ru.editor.moveDown}
              disabled={last}
              onClick={() => edit({ type: 'moveItem', uid: item.uid, direction: 1 })}
            >
              ↓
            </button>
            <button
              type="button"
              className="icon-button icon-button-danger"
              aria-label={ru.editor.removeItem(number)}
              title={ru.editor.remove}
              onClick={() => edit({ type: 'removeItem', uid: item.uid })}
            >
              ✕
            </button>
          </div>
        </td>
      </tr>
      {comments && comments.length > 0 && (
        <tr className="comment-row">
          <td colSpan={ITEM_COLUMNS.length + 1}>
            <CommentList comments={comments} />
          </td>
        </tr>
      )}
    </tbody>
  );
}
