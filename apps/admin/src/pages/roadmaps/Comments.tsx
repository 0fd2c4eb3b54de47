import type { CommentFieldsFragment } from '../../gql/graphql';
import { ru } from '../../i18n/ru';
import { personLine } from '../../lib/access';
import { formatDateTimeRu } from '../../lib/roadmap/dates';

/** Review comments, newest last, each with who (name, role), when, and the revision it was made on. */
export function CommentList({ comments, className }: { comments: readonly CommentFieldsFragment[]; className?: string }) {
  if (comments.length === 0) return null;
  return (
    <ul className={`comments${className ? ` ${className}` : ''}`}>
      {comments.map((comment) => (
        <li key={comment.id} className="comment">
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
        </li>
      ))}
    </ul>
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
