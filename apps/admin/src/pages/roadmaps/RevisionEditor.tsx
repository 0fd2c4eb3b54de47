import { useApolloClient, useMutation } from '@apollo/client/react';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { Field, TextAreaField, TextField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import type { CommentFieldsFragment, RevisionFullFragment } from '../../gql/graphql';
import { ru } from '../../i18n/ru';
import { classifyError } from '../../lib/errors';
import { formatDateTimeRu } from '../../lib/roadmap/dates';
import {
  browserStorage,
  clearDraft,
  copiesOfThisPage,
  copyId,
  editorOpening,
  loadDraft,
  parseStoredDraft,
  recoveryOffer,
  storeDraft,
  type RecoveryOffer,
} from '../../lib/roadmap/draftStorage';
import {
  countBlankNewItems,
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
  sameDraft,
  validateDraft,
  type EditorAction,
  type EditorDraft,
  type EditorErrors,
  type EditorItem,
  type HeaderField,
  type ItemField,
  type SectionField,
} from '../../lib/roadmap/editor';
import { clipboardTable, gridCommand, pastedItems } from '../../lib/roadmap/grid';
import { CommentList } from './Comments';
import { AFTER_DECISION, DiscardRoadmapDraftMutation, RoadmapDraftQuery, SaveRevisionMutation, SaveRoadmapDraftMutation } from './documents';
import { ItemColumnHeaders } from './RevisionTable';

type Status =
  /** `blankRows`: empty rows added in the grid and left out of the save. */
  | { kind: 'saved'; blankRows: number }
  | { kind: 'errors'; text: string }
  | { kind: 'network' }
  | { kind: 'conflict' }
  | { kind: 'notEditable'; text: string }
  | { kind: 'failed'; text: string };

const timeOf = (iso: string) => formatDateTimeRu(iso).split(', ')[1] ?? iso;

/** How long after the last change the draft goes to the server. */
const SERVER_SAVE_DELAY_MS = 2000;
/** A draft on the server this much newer than this device's copy was written elsewhere later: it is the one offered. */
const SERVER_NEWER_MS = 5000;

type ServerCopy = { kind: 'saved'; at: string } | { kind: 'failed' };
/** An action the user may take back: the draft as it was before it. */
type Undo = { text: string; draft: EditorDraft };
/** The offer of unsaved changes, from this device or from the server (written on any device). */
type Offer = RecoveryOffer & { fromServer?: boolean };

/**
 * The table editor of a draft: header, sections and items (add, remove, ↑ ↓, inline editing), the
 * deadline as the platform reads it under each deadline cell, the reviewers' comments under the
 * items. «Сохранить черновик» sends the whole draft with the version it started from. Nothing
 * typed is lost: errors go beside the cells, a copy is kept on this device as the user types (and
 * offered back when the editor opens), a conflict keeps the user's draft and lets them choose.
 */
export function RevisionEditor({
  roadmapId,
  revision,
  context,
  onDirtyChange,
  refetchRevision,
}: {
  roadmapId: string;
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
  const [offer, setOffer] = useState<Offer | null>(opening.offer);
  const [serverCopy, setServerCopy] = useState<ServerCopy | null>(null);
  const [undo, setUndo] = useState<Undo | null>(null);
  const client = useApolloClient();
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

  // ————— the draft on the server (any device of this user) —————
  // Written 2 s after the last change and when the page is hidden; the copy on this device stays
  // the fallback when the server cannot be reached. Dropped by the server when the revision is saved.
  const pushed = useRef<EditorDraft | null>(null);
  /** A revision save is on its way: no draft goes to the server meanwhile (the save drops it). */
  const saving = useRef(false);
  const pushDraft = useCallback(async () => {
    const current = latest.current;
    if (saving.current || !current.dirty || current.offer || (pushed.current && sameDraft(pushed.current, current.state.draft))) return;
    const draft = current.state.draft;
    try {
      const result = await client.mutate({
        mutation: SaveRoadmapDraftMutation,
        variables: { input: { revisionId: revision.id, baseVersion: current.state.baseVersion, content: JSON.stringify(draft) } },
        context,
      });
      const at = result.data?.saveRoadmapDraft.updatedAt;
      pushed.current = draft;
      if (at) setServerCopy({ kind: 'saved', at });
    } catch {
      keepCopyNow();
      setServerCopy({ kind: 'failed' });
    }
  }, [client, context, revision.id, keepCopyNow]);

  useEffect(() => {
    if (offer) return;
    if (!dirty) {
      // Nothing unsaved (saved, or changed back): a draft this page wrote is not offered anywhere.
      if (pushed.current) {
        pushed.current = null;
        setServerCopy(null);
        client.mutate({ mutation: DiscardRoadmapDraftMutation, variables: { roadmapId }, context }).catch(() => undefined);
      }
      return;
    }
    const timer = setTimeout(() => void pushDraft(), SERVER_SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [state.draft, dirty, offer, pushDraft, client, roadmapId, context]);

  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden') void pushDraft();
    };
    const onPageHide = () => void pushDraft();
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', onPageHide);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', onPageHide);
    };
  }, [pushDraft]);

  // On opening: the user's draft on the server (say, typed on another device) is offered back,
  // unless this device holds a copy at least as recent or the user has started typing here.
  useEffect(() => {
    let cancelled = false;
    client
      .query({ query: RoadmapDraftQuery, variables: { roadmapId }, context, fetchPolicy: 'network-only' })
      .then(({ data }) => {
        const found = data?.roadmapDraft;
        if (cancelled || !found || found.revisionId !== revision.id || latest.current.dirty) return;
        const stored = parseStoredDraft({ revisionId: found.revisionId, baseVersion: found.baseVersion, savedAt: found.updatedAt, content: found.content });
        if (!stored) return;
        const server = recoveryOffer(stored, latest.current.state.saved, latest.current.state.baseVersion);
        if (!server) return;
        setOffer((local) => {
          if (local && (sameDraft(local.stored.draft, stored.draft) || Date.parse(stored.savedAt) < Date.parse(local.stored.savedAt) + SERVER_NEWER_MS))
            return local;
          return { ...server, fromServer: true };
        });
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
    // Once, when the editor opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

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
    setUndo(null);
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
    const blankRows = countBlankNewItems(sent);
    saving.current = true;
    try {
      const result = await save({ variables: { input: { revisionId: revision.id, expectedVersion, ...input } } });
      const saved = result.data?.saveRoadmapRevision;
      if (!saved) return;
      dispatch({ type: 'saved', revision: saved });
      clearDraft(storage, revision.id);
      setErrors(noErrors());
      setStatus({ kind: 'saved', blankRows });
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
    } finally {
      saving.current = false;
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

  // ————— the grid: keys, rows added, moved, removed and pasted —————
  const rowOrder = state.draft.sections.flatMap((section) => section.items.map((item) => item.uid));

  const focusCell = (cell: string, caret: 'start' | 'end') => {
    const target = document.querySelector<HTMLTextAreaElement>(`[data-cell="${cell}"]`);
    if (!target) return;
    target.focus();
    const at = caret === 'start' ? 0 : target.value.length;
    target.setSelectionRange(at, at);
  };

  const cellKey = (item: EditorItem, field: ItemField, event: KeyboardEvent<HTMLTextAreaElement>) => {
    const input = event.currentTarget;
    const command = gridCommand(field, {
      key: event.key,
      altKey: event.altKey,
      ctrlKey: event.ctrlKey,
      metaKey: event.metaKey,
      shiftKey: event.shiftKey,
      value: input.value,
      selectionStart: input.selectionStart,
      selectionEnd: input.selectionEnd,
    });
    if (!command) return;
    event.preventDefault();
    if (command.kind === 'focus') {
      const target = rowOrder[rowOrder.indexOf(item.uid) + command.rows];
      if (target) focusCell(`${target}:${command.field}`, event.key === 'ArrowRight' ? 'start' : 'end');
    } else if (command.kind === 'addBelow') {
      addItemAfter(item.uid);
    } else {
      focusNext.current = `${item.uid}:${field}`;
      edit({ type: 'moveItem', uid: item.uid, direction: command.direction });
    }
  };

  /** Rows copied from Excel or Word become items from this cell on; a single cell is the text field's own paste. */
  const cellPaste = (item: EditorItem, field: ItemField, event: ClipboardEvent<HTMLTextAreaElement>) => {
    const html = event.clipboardData.getData('text/html');
    const table = clipboardTable(event.clipboardData.getData('text/plain'), html ? new DOMParser().parseFromString(html, 'text/html') : null);
    if (!table) return;
    const { items } = pastedItems(table, field);
    if (items.length === 0) return;
    event.preventDefault();
    const before = state.draft;
    edit({ type: 'pasteItems', uid: item.uid, items });
    setUndo({ text: ru.editor.pasted(items.length), draft: before });
  };

  function addItemAfter(uid: string) {
    focusNext.current = `new:${state.nextUid}:activity`;
    edit({ type: 'addItemAfter', uid });
  }

  function removeItem(item: EditorItem, label: string) {
    const before = state.draft;
    const index = rowOrder.indexOf(item.uid);
    // Focus stays in the grid: on the row that takes its place (or the one above at the end).
    const next = rowOrder[index + 1] ?? rowOrder[index - 1];
    if (next) focusNext.current = `${next}:activity`;
    edit({ type: 'removeItem', uid: item.uid });
    setUndo({ text: ru.editor.removed(label), draft: before });
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
            <strong>{ru.editor.restoreHeading}.</strong>{' '}
            {(offer.fromServer ? ru.editor.restoreTextServer : ru.editor.restoreText)(formatDateTimeRu(offer.stored.savedAt))}
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
                // Discarded here, the changes are not offered on another device either.
                client.mutate({ mutation: DiscardRoadmapDraftMutation, variables: { roadmapId }, context }).catch(() => undefined);
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
              <div className="table-wrap editor-grid-wrap">
                <table className="table roadmap-table editor-table" aria-label={ru.editor.section(s + 1)} aria-describedby="editor-grid-hint">
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
                      row={rowOrder.indexOf(item.uid) + 1}
                      errors={errors.cells[item.uid]}
                      comments={item.key ? commentsByKey.get(item.key) : undefined}
                      period={period}
                      first={s === 0 && i === 0}
                      last={s === state.draft.sections.length - 1 && i === section.items.length - 1}
                      edit={edit}
                      onKey={cellKey}
                      onPaste={cellPaste}
                      onAddAfter={addItemAfter}
                      onRemove={removeItem}
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
      <p className="muted editor-grid-hint" id="editor-grid-hint">
        {ru.editor.gridHint}
      </p>

      <div className="save-bar" role="region" aria-label={ru.editor.save}>
        {undo && (
          <div className="editor-undo" role="status">
            <span>{undo.text}</span>
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => {
                edit({ type: 'restore', draft: undo.draft });
              }}
            >
              {ru.editor.undo}
            </button>
          </div>
        )}
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
              <span className="save-ok">
                {ru.editor.saved}
                {status.blankRows > 0 && ` ${ru.editor.blankRowsLeftOut(status.blankRows)}`}
              </span>
            ) : dirty ? (
              <span className="save-dirty">
                {ru.editor.unsaved}
                {serverCopy?.kind === 'saved' ? (
                  <span className="save-kept"> · {ru.editor.keptOnServer(timeOf(serverCopy.at))}</span>
                ) : serverCopy?.kind === 'failed' ? (
                  <span className="save-kept save-kept-failed"> · {ru.editor.serverKeepFailed}</span>
                ) : null}
                {keptAt && serverCopy?.kind !== 'saved' && <span className="save-kept"> · {ru.editor.keptLocally(timeOf(keptAt))}</span>}
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
  row,
  errors,
  comments,
  period,
  first,
  last,
  edit,
  onKey,
  onPaste,
  onAddAfter,
  onRemove,
}: {
  item: EditorItem;
  /** The row's place in the whole grid (1-based), named when the item has no number yet. */
  row: number;
  errors: Partial<Record<ItemField | SectionField, string | undefined>> | undefined;
  comments: readonly CommentFieldsFragment[] | undefined;
  period: { start: string; end: string };
  first: boolean;
  last: boolean;
  edit: (action: EditorAction) => void;
  onKey: (item: EditorItem, field: ItemField, event: KeyboardEvent<HTMLTextAreaElement>) => void;
  onPaste: (item: EditorItem, field: ItemField, event: ClipboardEvent<HTMLTextAreaElement>) => void;
  onAddAfter: (uid: string) => void;
  onRemove: (item: EditorItem, label: string) => void;
}) {
  const number = item.number.trim() || ru.editor.rowLabel(row);
  // «Срок, мероприятие 1.2»; a row without a number yet: «Срок, строка 5».
  const cellName = (column: string) => (item.number.trim() ? ru.editor.cellLabel(column, number) : `${column}, ${number}`);
  const cellOf = item.number.trim() ? ru.editor.cellOf(number) : `, ${number}`;
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
                    <span className="visually-hidden">{cellName(ru.editor.columns[field])}</span>
                  ) : (
                    <>
                      <span className="cell-caption">{ru.editor.columns[field]}</span>
                      <span className="visually-hidden">{cellOf}</span>
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
                    onKeyDown={(event) => onKey(item, field, event)}
                    onPaste={(event) => onPaste(item, field, event)}
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
              className="icon-button"
              aria-label={ru.editor.addItemAfter(number)}
              title={ru.editor.addRowBelow}
              onClick={() => onAddAfter(item.uid)}
            >
              +
            </button>
            <button
              type="button"
              className="icon-button icon-button-danger"
              aria-label={ru.editor.removeItem(number)}
              title={ru.editor.remove}
              onClick={() => onRemove(item, number)}
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
