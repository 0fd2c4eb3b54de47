import { useMutation } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../components/Notice';
import type { CommentFieldsFragment } from '../../gql/graphql';
import { ru } from '../../i18n/ru';
import { personLine } from '../../lib/access';
import { classifyError } from '../../lib/errors';
import { formatDateTimeRu } from '../../lib/roadmap/dates';
import { ReopenReviewCommentMutation, ReplyToReviewCommentMutation, ResolveReviewCommentMutation } from './documents';
import { useDistrictScope } from './useDistrictScope';

/** What to refetch after a reply or a resolution: the roadmap's pages show comments and their count. */
const AFTER_COMMENT = ['RoadmapView', 'RevisionView'];

interface Thread {
  comment: CommentFieldsFragment;
  replies: CommentFieldsFragment[];
}

/** Comments with their replies under them (one level); a reply whose comment is not in the list stands alone. */
export function threadsOf(comments: readonly CommentFieldsFragment[]): Thread[] {
  const ids = new Set(comments.map((comment) => comment.id));
  const threads = new Map<string, Thread>();
  for (const comment of comments) if (!comment.parentId || !ids.has(comment.parentId)) threads.set(comment.id, { comment, replies: [] });
  for (const comment of comments) if (comment.parentId && ids.has(comment.parentId)) threads.get(comment.parentId)?.replies.push(comment);
  return [...threads.values()];
}

/**
 * Review comments, newest last, each with who (name, role), when, and the revision it was made on;
 * replies under their comment; «Ответить», «Отметить решённым», «Вернуть в работу» as the API
 * allows the user; resolved comments folded to «Решено: …, дата».
 */
export function CommentList({ comments, className }: { comments: readonly CommentFieldsFragment[]; className?: string }) {
  if (comments.length === 0) return null;
  return (
    <ul className={`comments${className ? ` ${className}` : ''}`}>
      {threadsOf(comments).map((thread) => (
        <CommentThread key={thread.comment.id} thread={thread} />
      ))}
    </ul>
  );
}

function CommentText({ comment }: { comment: CommentFieldsFragment }) {
  return (
    <>
      <p className="comment-body">
        {ru.roadmap.commentAction[comment.action] && <strong>{ru.roadmap.commentAction[comment.action]}: </strong>}
        {comment.body}
      </p>
      <p className="comment-meta">
        {ru.roadmap.commentBy(
          personLine(comment.authorName, comment.authorPosition, comment.authorRole),
          formatDateTimeRu(comment.createdAt),
          comment.revisionNumber,
        )}
      </p>
    </>
  );
}

function CommentThread({ thread }: { thread: Thread }) {
  const { comment, replies } = thread;
  const scope = useDistrictScope();
  const options = { context: scope.context, refetchQueries: AFTER_COMMENT, awaitRefetchQueries: true };
  const [resolve, resolving] = useMutation(ResolveReviewCommentMutation, options);
  const [reopen, reopening] = useMutation(ReopenReviewCommentMutation, options);
  const [replying, setReplying] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(caught);
    }
  };
  const body = (
    <>
      <CommentText comment={comment} />
      {replies.length > 0 && (
        <ul className="comment-replies" aria-label={ru.workMoves.replies(replies.length)}>
          {replies.map((reply) => (
            <li key={reply.id} className="comment-reply">
              <CommentText comment={reply} />
            </li>
          ))}
        </ul>
      )}
      {error != null && <ErrorNotice>{classifyError(error).message}</ErrorNotice>}
      {replying ? (
        <ReplyForm commentId={comment.id} onDone={() => setReplying(false)} />
      ) : (
        (comment.canReply || comment.canResolve || comment.canReopen) && (
          <div className="comment-actions">
            {comment.canReply && !comment.resolvedAt && (
              <button type="button" className="button button-secondary button-small" onClick={() => setReplying(true)}>
                {ru.workMoves.reply}
              </button>
            )}
            {comment.canResolve && (
              <button
                type="button"
                className="button button-secondary button-small"
                disabled={resolving.loading}
                onClick={() => void run(() => resolve({ variables: { commentId: comment.id } }))}
              >
                {ru.workMoves.resolve}
              </button>
            )}
            {comment.canReopen && (
              <button
                type="button"
                className="button button-secondary button-small"
                disabled={reopening.loading}
                onClick={() => void run(() => reopen({ variables: { commentId: comment.id } }))}
              >
                {ru.workMoves.reopen}
              </button>
            )}
          </div>
        )
      )}
    </>
  );
  if (comment.resolvedAt) {
    return (
      <li className="comment comment-resolved" data-testid="comment">
        <details>
          <summary>
            {ru.workMoves.resolvedBy(comment.resolvedByName ?? '', formatDateTimeRu(comment.resolvedAt))}
            <span className="comment-summary-text">{comment.body}</span>
          </summary>
          {body}
        </details>
      </li>
    );
  }
  return (
    <li className="comment" data-testid="comment">
      {body}
    </li>
  );
}

function ReplyForm({ commentId, onDone }: { commentId: string; onDone: () => void }) {
  const scope = useDistrictScope();
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [reply, { loading }] = useMutation(ReplyToReviewCommentMutation, { context: scope.context, refetchQueries: AFTER_COMMENT, awaitRefetchQueries: true });
  const fieldError = error ? (classifyError(error).fieldErrors.body ?? null) : null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await reply({ variables: { commentId, body: text } });
      onDone();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <form className="comment-reply-form" onSubmit={(event) => void submit(event)}>
      <label htmlFor={id}>{ru.workMoves.replyLabel}</label>
      <textarea
        id={id}
        rows={3}
        value={text}
        onChange={(event) => setText(event.target.value)}
        aria-invalid={fieldError ? true : undefined}
        aria-describedby={fieldError ? `${id}-error` : undefined}
        autoFocus
      />
      {fieldError ? (
        <p id={`${id}-error`} className="field-error">
          {fieldError}
        </p>
      ) : (
        error != null && <ErrorNotice>{classifyError(error).message}</ErrorNotice>
      )}
      <div className="comment-actions">
        <button type="submit" className="button button-small" disabled={loading}>
          {loading ? ru.workMoves.sending : ru.workMoves.sendReply}
        </button>
        <button type="button" className="button button-secondary button-small" onClick={onDone}>
          {ru.workMoves.cancel}
        </button>
      </div>
    </form>
  );
}

/** Comments without an item, of this revision and of the one it was based on (a returned revision's remarks). */
export function wholeRoadmapComments(revision: {
  comments: readonly CommentFieldsFragment[];
  basedOn?: { comments: readonly CommentFieldsFragment[] } | null;
}): CommentFieldsFragment[] {
  const all = [...(revision.basedOn?.comments ?? []), ...revision.comments].filter((comment) => !comment.itemKey);
  const seen = new Set<string>();
  return all.filter((comment) => (seen.has(comment.id) ? false : (seen.add(comment.id), true))).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}
