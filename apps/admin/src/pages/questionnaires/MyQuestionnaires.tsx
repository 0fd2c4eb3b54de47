import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorNotice, Notice, SuccessNotice } from '../../components/Notice';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { ru } from '../../i18n/ru';
import { answerErrorsOf, answersInput, questionnairePaths } from '../../lib/questionnaires';
import { formatDateTimeRu } from '../../lib/roadmap/dates';
import { AnswerFields, useAnswerDraft } from './AnswerFields';
import { MyQuestionnairesQuery, SubmitMyQuestionnaireMutation } from './documents';

const T = ru.questionnaires;

/**
 * The questionnaires waiting for the signed-in mentor or mentee, with a link to fill each in
 * (`questionnairePaths.mine`). For the mentor's / mentee's own page.
 */
export function MyQuestionnaires({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const { data, error, refetch } = useQuery(MyQuestionnairesQuery, { fetchPolicy: 'cache-and-network' });
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section aria-label={T.myTitle} data-testid="my-questionnaires">
      <Heading>{T.myTitle}</Heading>
      <QueryState data={data?.myQuestionnaires} error={error} onRetry={() => void refetch()}>
        {(list) =>
          list.length === 0 ? (
            <p className="muted">{T.myEmpty}</p>
          ) : (
            <ul className="card-list">
              {list.map((q) => (
                <li key={q.linkId}>
                  <Link to={questionnairePaths.mine(q.linkId)}>
                    {T.fill}: {q.title}
                    {q.phase ? ` (${T.phases[q.phase] ?? q.phase})` : ''}
                  </Link>{' '}
                  <span className="muted">{T.validUntil(formatDateTimeRu(q.expiresAt))}</span>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}

/** One of the signed-in participant's questionnaires, filled in inside the admin. */
export function MyQuestionnairePage() {
  const { linkId = '' } = useParams();
  const { data, error, refetch } = useQuery(MyQuestionnairesQuery, { fetchPolicy: 'network-only' });
  const [done, setDone] = useState(false);
  if (done) {
    return (
      <>
        <PageTitle>{T.myTitle}</PageTitle>
        <SuccessNotice>{T.mySubmitted}</SuccessNotice>
        <p>
          <Link to="/my">{T.toMy}</Link>
        </p>
      </>
    );
  }
  return (
    <QueryState data={data?.myQuestionnaires} error={error} onRetry={() => void refetch()} asPage>
      {(list) => {
        const questionnaire = list.find((q) => q.linkId === linkId);
        if (!questionnaire) {
          return (
            <>
              <PageTitle>{T.myTitle}</PageTitle>
              <Notice tone="info">{T.myNotFound}</Notice>
              <p>
                <Link to="/my">{T.toMy}</Link>
              </p>
            </>
          );
        }
        return <MyForm linkId={linkId} questionnaire={questionnaire} onDone={() => setDone(true)} />;
      }}
    </QueryState>
  );
}

function MyForm({
  linkId,
  questionnaire,
  onDone,
}: {
  linkId: string;
  questionnaire: {
    title: string;
    intro: string;
    questions: ReadonlyArray<{ id: string; kind: string; text: string; required: boolean; options: readonly string[] }>;
  };
  onDone: () => void;
}) {
  const answers = useAnswerDraft();
  const [formError, setFormError] = useState<string | null>(null);
  const [submitMine, { loading }] = useMutation(SubmitMyQuestionnaireMutation, { refetchQueries: ['MyQuestionnaires'] });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    try {
      await submitMine({ variables: { linkId, answers: answersInput(questionnaire.questions, answers.draft) } });
      onDone();
    } catch (failure) {
      const result = answerErrorsOf(failure, questionnaire.questions);
      answers.setErrors(result.byQuestion);
      setFormError(result.formError);
    }
  }

  return (
    <>
      <p>
        <Link to="/my">{T.toMy}</Link>
      </p>
      <PageTitle>{questionnaire.title}</PageTitle>
      {questionnaire.intro && <p className="measure">{questionnaire.intro}</p>}
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <AnswerFields questions={questionnaire.questions} {...answers.fields} />
        <ErrorNotice>{formError}</ErrorNotice>
        <div className="form-actions">
          <button type="submit" className="button" disabled={loading}>
            {loading ? T.saving : T.save}
          </button>
        </div>
      </form>
    </>
  );
}
