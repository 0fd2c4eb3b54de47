import { NEWS_LIMITS } from '@nastavnik/domain';
import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorState } from '../../components/ErrorState';
import { TextAreaField, TextField } from '../../components/Field';
import { DateField } from '../../components/DateField';
import { Loading } from '../../components/Loading';
import { ErrorNotice, SuccessNotice } from '../../components/Notice';
import { PageTitle } from '../../components/PageTitle';
import { Pagination } from '../../components/Pagination';
import { graphql } from '../../gql';
import type { SchoolNewsFieldsFragment } from '../../gql/graphql';
import { ru } from '../../i18n/ru';
import { hasOrganizationRole } from '../../lib/access';
import { classifyError } from '../../lib/errors';
import { useLeaveGuard } from '../../lib/leaveGuard';
import { checkNews, isoDateRu, monitoringPaths, publicPageEmbedCode, publicSchoolPath, type NewsDraft } from '../../lib/monitoring';
import { useListParams } from '../../lib/useListParams';
import { useMe } from '../../me';
import { useDistrictScope } from '../roadmaps/useDistrictScope';
import { useConfirm } from '../../components/ConfirmDialog';
import { TableWrap } from '../../components/TableWrap';

export const SchoolNewsFields = graphql(`
  fragment SchoolNewsFields on SchoolNews {
    id
    organizationId
    title
    body
    published
    publishedOn
    createdByName
    updatedAt
  }
`);

const SchoolNewsQuery = graphql(`
  query SchoolNewsPage($organizationId: ID!, $page: PageInput) {
    organization(id: $organizationId) {
      id
      shortName
      code
      district {
        id
        code
      }
    }
    schoolNews(organizationId: $organizationId, page: $page) {
      total
      limit
      offset
      items {
        ...SchoolNewsFields
      }
    }
  }
`);

const CreateNews = graphql(`
  mutation CreateSchoolNews($organizationId: ID!, $input: SchoolNewsInput!) {
    createSchoolNews(organizationId: $organizationId, input: $input) {
      ...SchoolNewsFields
    }
  }
`);

const UpdateNews = graphql(`
  mutation UpdateSchoolNews($id: ID!, $input: SchoolNewsInput!) {
    updateSchoolNews(id: $id, input: $input) {
      ...SchoolNewsFields
    }
  }
`);

const DeleteNews = graphql(`
  mutation DeleteSchoolNews($id: ID!) {
    deleteSchoolNews(id: $id)
  }
`);

type News = SchoolNewsFieldsFragment;

/** «Новости для публичной страницы»: the school's news — written, edited, published and deleted by its staff, read by the district. */
export function NewsPage() {
  const { organizationId = '' } = useParams();
  const scope = useDistrictScope();
  const { grants } = useMe();
  const { page, setPage, limit, offset } = useListParams();
  const { data, error, refetch, loading } = useQuery(SchoolNewsQuery, {
    variables: { organizationId, page: { limit, offset } },
    context: scope.context,
    fetchPolicy: 'cache-and-network',
  });
  const canEdit = hasOrganizationRole(grants, organizationId, 'school-director', 'school-curator');
  const [editing, setEditing] = useState<News | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const mutationOptions = { context: scope.context, refetchQueries: ['SchoolNewsPage'] };
  const [create] = useMutation(CreateNews, mutationOptions);
  const [update, updateState] = useMutation(UpdateNews, mutationOptions);
  const [remove, removeState] = useMutation(DeleteNews, mutationOptions);
  const districtParam = scope.chooses ? scope.districtId : null;

  const save = async (draft: { title: string; body: string; publishedOn: string | null; published: boolean }) => {
    if (editing === 'new') await create({ variables: { organizationId, input: draft } });
    else if (editing) await update({ variables: { id: editing.id, input: draft } });
    setNotice(editing === 'new' ? ru.news.created : ru.news.updated);
    setEditing(null);
  };
  const togglePublished = (news: News) => {
    setNotice(null);
    setActionError(null);
    update({ variables: { id: news.id, input: { title: news.title, body: news.body, publishedOn: news.publishedOn, published: !news.published } } })
      .then(() => setNotice(ru.news.updated))
      .catch((failure: unknown) => setActionError(classifyError(failure).message));
  };
  const confirm = useConfirm();
  const askDelete = (news: News) => confirm.ask({ title: ru.news.confirmRemove(news.title), onConfirm: () => onDelete(news) });
  const onDelete = (news: News) => {
    setNotice(null);
    setActionError(null);
    remove({ variables: { id: news.id } })
      .then(() => setNotice(ru.news.removed))
      .catch((failure: unknown) => setActionError(classifyError(failure).message));
  };

  const organization = data?.organization;
  const list = data?.schoolNews;
  return (
    <>
      {confirm.dialog}
      <nav aria-label={ru.roadmap.breadcrumbs} className="breadcrumbs">
        <Link to={monitoringPaths.school(organizationId, districtParam)}>{ru.news.back}</Link>
      </nav>
      <PageTitle>{ru.news.title}</PageTitle>
      {organization && <p className="lead">{organization.shortName}</p>}
      <p className="muted measure">{ru.news.intro}</p>
      {organization && (
        <p>
          <a href={publicSchoolPath(organization.district.code, organization.code)} target="_blank" rel="noreferrer noopener" data-testid="public-page-link">
            {ru.news.publicLink}
          </a>
        </p>
      )}
      {organization && (
        <details className="embed-code">
          <summary>{ru.news.embedTitle}</summary>
          <p className="muted">{ru.news.embedHint}</p>
          <textarea
            readOnly
            rows={3}
            aria-label={ru.news.embedTitle}
            data-testid="embed-code"
            value={publicPageEmbedCode(
              window.location.origin,
              publicSchoolPath(organization.district.code, organization.code),
              `${ru.news.embedFrameTitle}: ${organization.shortName}`,
            )}
            onFocus={(event) => event.currentTarget.select()}
          />
        </details>
      )}
      {!canEdit && <p className="muted">{ru.news.readOnly}</p>}
      {notice && <SuccessNotice>{notice}</SuccessNotice>}
      {actionError && <ErrorNotice>{actionError}</ErrorNotice>}
      {canEdit && editing === null && (
        <div className="toolbar">
          <button
            type="button"
            className="button"
            onClick={() => {
              setNotice(null);
              setEditing('new');
            }}
          >
            + {ru.news.add}
          </button>
        </div>
      )}
      {canEdit && editing !== null && (
        <NewsForm key={editing === 'new' ? 'new' : editing.id} news={editing === 'new' ? null : editing} onSave={save} onCancel={() => setEditing(null)} />
      )}
      {error && !data ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !list ? (
        <Loading />
      ) : list.items.length === 0 ? (
        <p className="muted">{ru.news.empty}</p>
      ) : (
        <>
          <TableWrap>
            <table className="table" aria-busy={loading} data-testid="news-table">
              <caption className="visually-hidden">{ru.news.table}</caption>
              <thead>
                <tr>
                  <th scope="col">{ru.news.columns.date}</th>
                  <th scope="col">{ru.news.columns.title}</th>
                  <th scope="col">{ru.news.columns.state}</th>
                  {canEdit && <th scope="col">{ru.news.columns.actions}</th>}
                </tr>
              </thead>
              <tbody>
                {list.items.map((news) => (
                  <tr key={news.id}>
                    <td>{isoDateRu(news.publishedOn)}</td>
                    <th scope="row">
                      <span className="news-title">{news.title}</span>
                      <span className="cell-secondary">{news.body.length > 160 ? `${news.body.slice(0, 159)}…` : news.body}</span>
                      <span className="cell-note">{ru.news.author(news.createdByName)}</span>
                    </th>
                    <td>
                      <span className={`status ${news.published ? 'status-agreed' : 'status-draft'}`}>
                        {news.published ? ru.news.statePublished : ru.news.stateDraft}
                      </span>
                    </td>
                    {canEdit && (
                      <td className="row-actions">
                        <button
                          type="button"
                          className="button button-secondary button-small"
                          aria-label={ru.news.editLabel(news.title)}
                          onClick={() => {
                            setNotice(null);
                            setEditing(news);
                          }}
                        >
                          {ru.news.edit}
                        </button>
                        <button
                          type="button"
                          className="button button-small"
                          disabled={updateState.loading}
                          aria-label={news.published ? ru.news.unpublishLabel(news.title) : ru.news.publishLabel(news.title)}
                          onClick={() => togglePublished(news)}
                        >
                          {news.published ? ru.news.unpublish : ru.news.publish}
                        </button>
                        <button
                          type="button"
                          className="button button-secondary button-small"
                          disabled={removeState.loading}
                          aria-label={ru.news.removeLabel(news.title)}
                          onClick={() => askDelete(news)}
                        >
                          {ru.news.remove}
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <Pagination page={page} onPage={setPage} state={{ offset: list.offset, limit: list.limit, count: list.items.length, total: list.total }} />
        </>
      )}
    </>
  );
}

function NewsForm({
  news,
  onSave,
  onCancel,
}: {
  news: News | null;
  onSave: (input: { title: string; body: string; publishedOn: string | null; published: boolean }) => Promise<void>;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState<NewsDraft>({
    title: news?.title ?? '',
    body: news?.body ?? '',
    date: news ? isoDateRu(news.publishedOn) : '',
    published: news?.published ?? false,
  });
  const [errors, setErrors] = useState<Partial<Record<'title' | 'body' | 'date', string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [edited, setEdited] = useState(false);
  useLeaveGuard(edited && !busy);
  const set = <K extends keyof NewsDraft>(key: K, value: NewsDraft[K]) => {
    setEdited(true);
    setDraft((current) => ({ ...current, [key]: value }));
    setErrors((current) => ({ ...current, [key]: undefined }));
    setFormError(null);
  };
  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = checkNews(draft);
    setErrors(checked.errors);
    if (!checked.values) {
      setFormError(ru.form.fixErrors);
      return;
    }
    setBusy(true);
    try {
      await onSave(checked.values);
      setEdited(false);
    } catch (failure) {
      const appError = classifyError(failure);
      const fieldErrors = { title: appError.fieldErrors.title, body: appError.fieldErrors.body, date: appError.fieldErrors.publishedOn };
      setErrors(fieldErrors);
      setFormError(fieldErrors.title || fieldErrors.body || fieldErrors.date ? ru.form.fixErrors : appError.message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="form panel" onSubmit={(event) => void submit(event)} noValidate aria-label={news ? ru.news.edit : ru.news.add} data-testid="news-form">
      <TextField
        label={ru.news.titleField}
        maxChars={NEWS_LIMITS.title}
        value={draft.title}
        onChange={(event) => set('title', event.target.value)}
        error={errors.title}
        required
      />
      <TextAreaField
        label={ru.news.body}
        rows={6}
        maxChars={NEWS_LIMITS.body}
        value={draft.body}
        onChange={(event) => set('body', event.target.value)}
        error={errors.body}
        required
      />
      <DateField label={ru.news.date} hint={ru.news.dateHint} value={draft.date} onChange={(text) => set('date', text)} error={errors.date} />
      <label className="checkbox">
        <input type="checkbox" checked={draft.published} onChange={(event) => set('published', event.target.checked)} /> {ru.news.published}
      </label>
      {formError && <ErrorNotice>{formError}</ErrorNotice>}
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? ru.news.saving : ru.news.save}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {ru.news.cancel}
        </button>
      </div>
    </form>
  );
}
