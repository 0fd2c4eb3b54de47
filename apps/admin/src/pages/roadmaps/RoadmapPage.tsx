import { useMutation, useQuery } from '@apollo/client/react';
import { useCallback, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useAuth } from '../../auth/context';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { Notice } from '../../components/Notice';
import { PageTitle } from '../../components/PageTitle';
import { StatusBadge } from '../../components/StatusBadge';
import type { ApprovalAction, ItemFieldsFragment, RevisionFullFragment, RoadmapViewQuery as RoadmapViewData } from '../../gql/graphql';
import { ru } from '../../i18n/ru';
import { canExecuteRoadmap } from '../../lib/access';
import { downloadAttachment } from '../../lib/attachments';
import { exportPaths } from '../../lib/downloads';
import { DownloadButton } from '../../components/DownloadButton';
import { classifyError, notFoundError } from '../../lib/errors';
import { formatDateRu } from '../../lib/format';
import { isoToRu } from '../../lib/roadmap/dates';
import { roadmapLevelOf, stateBadge } from '../../lib/roadmap/enums';
import type { RoadmapTab } from '../../lib/roadmap/paths';
import { useMe } from '../../me';
import { ApprovalBlocks } from './ApprovalBlocks';
import { CommentList, wholeRoadmapComments } from './Comments';
import { actionButtonLabel, DecisionDialog, type PendingDecision } from './DecisionDialog';
import { AFTER_DECISION, DistrictAuthorityQuery, RevisionViewQuery, RoadmapViewQuery, UndoItemDoneMutation } from './documents';
import { ExecutionDialog } from './ExecutionDialog';
import { HistoryTab } from './HistoryTab';
import { RevisionEditor } from './RevisionEditor';
import { RevisionsTab } from './RevisionsTab';
import { RevisionTable } from './RevisionTable';
import { useDistrictScope } from './useDistrictScope';
import { useConfirm } from '../../components/ConfirmDialog';
import { toast } from '../../components/Toasts';

type Roadmap = NonNullable<RoadmapViewData['roadmap']>;

/** The forward actions are the main buttons; returns, withdrawals and comments are secondary. */
const PRIMARY: readonly ApprovalAction[] = ['SUBMIT_TO_DIRECTOR', 'APPROVE', 'START_REVIEW', 'RECOMMEND_AGREEMENT', 'AGREE', 'CREATE_REVISION'];

/** A roadmap: the revision being looked at (the latest by default), its approval, content, revisions and audit trail. */
export function RoadmapPage() {
  const { roadmapId = '' } = useParams();
  const scope = useDistrictScope();
  const [params] = useSearchParams();
  const { data, error, refetch } = useQuery(RoadmapViewQuery, { variables: { id: roadmapId }, context: scope.context });
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!data) return <Loading />;
  if (!data.roadmap) return <ErrorState error={notFoundError()} />;
  const roadmap = data.roadmap;
  const revisionId = params.get('revision') || roadmap.latestRevision.id;
  const tab = (params.get('tab') as RoadmapTab | null) ?? 'content';
  return <RevisionView key={revisionId} roadmap={roadmap} revisionId={revisionId} tab={tab} />;
}

function RevisionView({ roadmap, revisionId, tab }: { roadmap: Roadmap; revisionId: string; tab: RoadmapTab }) {
  const scope = useDistrictScope();
  const { grants } = useMe();
  const auth = useAuth();
  const navigate = useNavigate();
  const confirm = useConfirm();
  const { data, error, refetch } = useQuery(RevisionViewQuery, { variables: { id: revisionId }, context: scope.context });
  const [pending, setPending] = useState<PendingDecision | null>(null);
  const [marking, setMarking] = useState<ItemFieldsFragment | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [editorState, setEditorState] = useState({ dirty: false, recovery: false });
  const dirty = editorState.dirty || editorState.recovery;
  // The district's own roadmap: «УТВЕРЖДАЮ» names the district's education authority.
  const { data: districtData } = useQuery(DistrictAuthorityQuery, {
    variables: { id: scope.districtId ?? '' },
    context: scope.context,
    skip: roadmap.level !== 'DISTRICT' || !scope.districtId,
  });
  const districtAuthority = districtData?.district?.authorityName ?? null;
  const [undo] = useMutation(UndoItemDoneMutation, { context: scope.context, refetchQueries: ['RoadmapView', ...AFTER_DECISION] });
  const refetchRevision = useCallback(async (): Promise<RevisionFullFragment | null> => (await refetch()).data?.roadmapRevision ?? null, [refetch]);

  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!data) return <Loading />;
  const revision = data.roadmapRevision;
  if (!revision || revision.roadmap.id !== roadmap.id) return <ErrorState error={notFoundError()} />;

  const level = roadmapLevelOf(roadmap.level);
  const paths = scope.paths;
  const organization = roadmap.organization;
  const latest = roadmap.latestRevision;
  const inForce = roadmap.inForceRevision;
  const isLatest = revision.id === latest.id;
  const badge = stateBadge(revision.state, level);
  const canExecute =
    revision.inForce &&
    canExecuteRoadmap(grants, { level: roadmap.level, organizationId: organization?.id, districtId: organization?.district.id ?? scope.districtId });
  const canComment = revision.allowedActions.includes('COMMENT');
  const actions = revision.allowedActions;
  const wholeComments = wholeRoadmapComments(revision);

  const open = (next: RoadmapTab) => paths.roadmap(roadmap.id, { revision: isLatest ? null : revision.id, tab: next });

  function askUndo(item: ItemFieldsFragment) {
    confirm.ask({
      title: ru.execution.undoConfirmTitle,
      body: <p>{ru.execution.undoConfirmText}</p>,
      confirmLabel: ru.execution.undo,
      onConfirm: () => void onUndo(item),
    });
  }

  async function onUndo(item: ItemFieldsFragment) {
    setFailure(null);
    try {
      await undo({ variables: { itemId: item.id } });
      setNotice(ru.roadmap.unmarked);
    } catch (err) {
      setFailure(classifyError(err).message);
    }
  }

  async function onDownload(file: { url: string; fileName: string }) {
    setFailure(null);
    try {
      await downloadAttachment(() => auth.getToken(), file, scope.context.headers);
    } catch {
      setFailure(ru.execution.downloadFailed);
    }
  }

  return (
    <>
      {confirm.dialog}
      <nav aria-label={ru.roadmap.breadcrumbs} className="breadcrumbs">
        <Link to={paths.list()}>{ru.campaigns.listTitle}</Link>
        {roadmap.campaign && (
          <>
            {' › '}
            <Link to={paths.campaign(roadmap.campaign.id)}>{roadmap.campaign.title}</Link>
          </>
        )}
      </nav>
      <PageTitle title={revision.title}>
        {revision.title}
        <span className="title-sub">{organization?.shortName ?? ru.campaigns.districtRoadmap}</span>
      </PageTitle>
      <p className="revision-line" data-testid="revision-state">
        <StatusBadge {...badge} />
        <span>{ru.roadmap.revisionLabel(revision.number)}</span>
        <span className="muted">{ru.roadmap.updated(formatDateRu(revision.updatedAt))}</span>
      </p>
      <div className="document-actions" role="group" aria-label={ru.exports.documentLabel}>
        <DownloadButton
          label={ru.exports.docx}
          url={exportPaths.revisionDocx(revision.id)}
          fallbackName={`${ru.exports.fallbackRevision}.docx`}
          headers={scope.context.headers}
          small
        />
        <DownloadButton
          label={ru.exports.pdf}
          url={exportPaths.revisionPdf(revision.id)}
          fallbackName={`${ru.exports.fallbackRevision}.pdf`}
          headers={scope.context.headers}
          small
        />
      </div>

      {inForce && inForce.id !== revision.id && (
        <Notice tone="info">
          {ru.roadmap.inForceBanner(inForce.number)} <Link to={paths.roadmap(roadmap.id, { revision: inForce.id })}>{ru.roadmap.inForceOpen}</Link>
        </Notice>
      )}
      {revision.inForce && !isLatest && (
        <Notice tone="warning">
          {ru.roadmap.amendmentBanner(latest.number, stateBadge(latest.state, level).label.toLocaleLowerCase('ru'))}{' '}
          <Link to={paths.roadmap(roadmap.id)}>{ru.roadmap.amendmentOpen}</Link>
        </Notice>
      )}
      {!revision.inForce && !isLatest && (
        <Notice tone="info">
          {ru.roadmap.olderRevision(revision.number, latest.number)} <Link to={paths.roadmap(roadmap.id)}>{ru.roadmap.openLatest}</Link>
        </Notice>
      )}

      {editorState.recovery && tab === 'content' && (
        <Notice tone="warning">
          {ru.editor.restoreTop} <a href="#editor-restore">{ru.editor.restoreGo}</a>
        </Notice>
      )}

      <ApprovalBlocks approval={revision.approval} agreement={revision.agreement} level={level} />

      <dl className="facts">
        <div>
          <dt>{organization ? ru.roadmap.organization : ru.actions.authority}</dt>
          <dd>{organization?.name ?? organization?.shortName ?? districtAuthority ?? ru.campaigns.districtRoadmap}</dd>
        </div>
        <div>
          <dt>{ru.roadmap.programme}</dt>
          <dd>{revision.programmeName}</dd>
        </div>
        <div>
          <dt>{ru.roadmap.period}</dt>
          <dd>
            {isoToRu(revision.periodStart)} – {isoToRu(revision.periodEnd)}
          </dd>
        </div>
        {roadmap.campaign && (
          <div>
            <dt>{ru.roadmap.campaign}</dt>
            <dd>
              <Link to={paths.campaign(roadmap.campaign.id)}>{roadmap.campaign.title}</Link>
              <span className="cell-note">{ru.roadmap.campaignDue(isoToRu(roadmap.campaign.dueDate))}</span>
            </dd>
          </div>
        )}
        {revision.inForce && roadmap.execution && (
          <div>
            <dt>{ru.execution.column}</dt>
            <dd data-testid="execution-summary">
              {ru.execution.summary(roadmap.execution.doneCount, roadmap.execution.itemsCount)}
              {roadmap.execution.overdueCount > 0 ? (
                <span className="status status-overdue execution-overdue">{ru.execution.overdue(roadmap.execution.overdueCount)}</span>
              ) : (
                <span className="cell-note">{ru.execution.noOverdue}</span>
              )}
            </dd>
          </div>
        )}
      </dl>

      <SuccessLine text={notice} />
      {failure && <Notice tone="error">{failure}</Notice>}

      <section className="panel actions-panel" aria-labelledby="actions-heading">
        <h2 id="actions-heading">{ru.roadmap.actionsHeading}</h2>
        {actions.length === 0 ? (
          <p className="muted">{ru.roadmap.noActions}</p>
        ) : (
          <>
            <div className="action-buttons">
              {actions.map((action) => {
                const blocked = dirty && (action === 'SUBMIT_TO_DIRECTOR' || action === 'CREATE_REVISION');
                return (
                  <button
                    key={action}
                    type="button"
                    className={`button${PRIMARY.includes(action) ? '' : ' button-secondary'}`}
                    disabled={blocked}
                    onClick={() => {
                      setNotice(null);
                      setPending({ action });
                    }}
                  >
                    {actionButtonLabel(action, revision.state, level)}
                  </button>
                );
              })}
            </div>
            {dirty && actions.includes('SUBMIT_TO_DIRECTOR') && <p className="field-hint">{ru.roadmap.saveFirst}</p>}
            {revision.state === 'AGREED' && actions.includes('CREATE_REVISION') && <p className="field-hint">{ru.roadmap.amendHint}</p>}
          </>
        )}
      </section>

      {(revision.openCommentCount > 0 || wholeComments.length > 0) && (
        <p className={`open-comments${revision.openCommentCount > 0 ? ' open-comments-some' : ''}`} data-testid="open-comments">
          {ru.workMoves.openComments(revision.openCommentCount)}
        </p>
      )}
      {wholeComments.length > 0 && (
        <section className="panel comments-panel" aria-labelledby="whole-comments">
          <h2 id="whole-comments">{ru.roadmap.wholeComments}</h2>
          <CommentList comments={wholeComments} />
        </section>
      )}

      <nav className="tabs" aria-label={ru.roadmap.tabs}>
        <Link to={open('content')} aria-current={tab === 'content' ? 'page' : undefined}>
          {ru.roadmap.tabContent}
        </Link>
        <Link to={open('revisions')} aria-current={tab === 'revisions' ? 'page' : undefined}>
          {ru.roadmap.tabRevisions(roadmap.revisions.length)}
        </Link>
        <Link to={open('history')} aria-current={tab === 'history' ? 'page' : undefined}>
          {ru.roadmap.tabHistory}
        </Link>
      </nav>

      {tab === 'content' &&
        (revision.editable ? (
          <RevisionEditor roadmapId={roadmap.id} revision={revision} context={scope.context} onDirtyChange={setEditorState} refetchRevision={refetchRevision} />
        ) : (
          <RevisionTable
            revision={revision}
            showExecution={revision.inForce}
            actions={{
              onComment: canComment
                ? (item) => {
                    setNotice(null);
                    setPending({ action: 'COMMENT', itemKey: item.key, itemLabel: `${item.number} ${item.activity}` });
                  }
                : undefined,
              onMark: canExecute ? (item) => setMarking(item) : undefined,
              onUndo: canExecute ? askUndo : undefined,
              onDownload: (file) => void onDownload(file),
            }}
          />
        ))}
      {tab === 'revisions' && <RevisionsTab roadmap={roadmap} currentId={revision.id} paths={paths} />}
      {tab === 'history' && <HistoryTab revisionId={revision.id} level={level} context={scope.context} />}

      {pending && (
        <DecisionDialog
          pending={pending}
          target={{
            revisionId: revision.id,
            version: revision.version,
            state: revision.state,
            organizationName: organization?.shortName ?? (level === 'district' ? districtAuthority : null),
            authorityName: organization?.district.authorityName ?? null,
            level,
          }}
          context={scope.context}
          onClose={() => setPending(null)}
          onConflict={() => refetch()}
          onDecided={(result, action) => {
            setPending(null);
            if (action === 'CREATE_REVISION') {
              toast.success(ru.roadmap.decided.CREATE_REVISION);
              navigate(paths.roadmap(roadmap.id));
              return;
            }
            const districtDecided: Partial<Record<ApprovalAction, string>> = ru.roadmap.decidedDistrict;
            setNotice((level === 'district' ? districtDecided[action] : undefined) ?? ru.roadmap.decided[action]);
            if (result.id !== revision.id) navigate(paths.roadmap(roadmap.id));
          }}
        />
      )}
      {marking && (
        <ExecutionDialog
          item={marking}
          organizationId={organization?.id ?? null}
          context={scope.context}
          onClose={() => setMarking(null)}
          onDone={() => {
            setMarking(null);
            setNotice(ru.roadmap.marked);
          }}
        />
      )}
    </>
  );
}

function SuccessLine({ text }: { text: string | null }) {
  return text ? <Notice tone="success">{text}</Notice> : null;
}
