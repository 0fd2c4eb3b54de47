import { useQuery } from '@apollo/client/react';
import { QueryState } from '../../components/QueryState';
import { ru } from '../../i18n/ru';
import { barPercent, formatDelta, formatMean, fullDistribution, type QuestionnaireKind } from '../../lib/questionnaires';
import { QuestionnaireSummaryQuery } from './documents';
import { TableWrap } from '../../components/TableWrap';

const T = ru.questionnaires;

/**
 * A questionnaire's figures: the response rate, per question the average and the distribution as
 * bars (CSS widths; the numbers are in the text, so a screen reader hears them), mentors vs mentees
 * for satisfaction, «до» vs «после» with the mean change for impact.
 */
export function SummarySection({ programmeId, kind }: { programmeId: string; kind: QuestionnaireKind }) {
  const { data, error, refetch } = useQuery(QuestionnaireSummaryQuery, { variables: { programmeId, kind }, fetchPolicy: 'network-only' });
  return (
    <section aria-labelledby="questionnaire-results" data-testid="questionnaire-summary">
      <h2 id="questionnaire-results">{T.resultsHeading}</h2>
      <QueryState data={data?.questionnaireSummary} error={error} onRetry={() => void refetch()}>
        {(summary) => (
          <>
            <dl className="facts" data-testid="summary-figures">
              <div>
                <dt>{T.invited}</dt>
                <dd>{summary.invited}</dd>
              </div>
              <div>
                <dt>{T.answered}</dt>
                <dd>{summary.answered}</dd>
              </div>
              <div>
                <dt>{T.responseRate}</dt>
                <dd data-testid="response-rate">{T.percent(summary.responseRate)}</dd>
              </div>
            </dl>
            {summary.answered === 0 && <p className="muted">{T.noAnswers}</p>}
            {summary.satisfaction && (
              <div className="panel" data-testid="satisfaction-summary">
                <h3>{T.satisfactionHeading}</h3>
                <p className="muted">{T.satisfactionHint}</p>
                <Bars
                  label={T.satisfactionHeading}
                  max={10}
                  rows={[
                    {
                      label: T.mentors,
                      value: summary.satisfaction.mentorAverage ?? 0,
                      text: `${formatMean(summary.satisfaction.mentorAverage)} (${T.answersCount(summary.satisfaction.mentorResponses)})`,
                    },
                    {
                      label: T.mentees,
                      value: summary.satisfaction.menteeAverage ?? 0,
                      text: `${formatMean(summary.satisfaction.menteeAverage)} (${T.answersCount(summary.satisfaction.menteeResponses)})`,
                    },
                  ]}
                />
              </div>
            )}
            {kind === 'impact' && (
              <div className="panel" data-testid="impact-summary">
                <h3>{T.impactHeading}</h3>
                {summary.impact.every((q) => q.pairs === 0) ? (
                  <p className="muted">{T.noImpact}</p>
                ) : (
                  <TableWrap>
                    <table className="table" aria-label={T.impactHeading}>
                      <thead>
                        <tr>
                          <th scope="col">{T.impactQuestion}</th>
                          <th scope="col">{T.impactBefore}</th>
                          <th scope="col">{T.impactAfter}</th>
                          <th scope="col">{T.impactDelta}</th>
                          <th scope="col">{T.impactPairs}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {summary.impact.map((q) => (
                          <tr key={q.questionId}>
                            <th scope="row">{q.text}</th>
                            <td>{formatMean(q.beforeMean)}</td>
                            <td>{formatMean(q.afterMean)}</td>
                            <td>
                              <strong>{formatDelta(q.meanDelta)}</strong>
                            </td>
                            <td>{q.pairs}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </TableWrap>
                )}
              </div>
            )}
            {summary.answered > 0 && (
              <ol className="card-list" data-testid="question-summaries" style={{ paddingLeft: '1.2rem' }}>
                {summary.questions.map((q) => {
                  const rows = fullDistribution(q.kind, q.distribution);
                  const max = Math.max(0, ...rows.map((r) => r.count));
                  return (
                    <li key={q.questionId} className="panel" style={{ marginBottom: '0.75rem' }}>
                      <h3 style={{ fontSize: '1rem' }}>{q.text}</h3>
                      <p className="muted">
                        {T.answersCount(q.answers)}
                        {q.average !== null && q.average !== undefined && ` · ${T.average(formatMean(q.average))}`}
                        {q.kind === 'text' && ` · ${T.textAnswers}`}
                      </p>
                      {rows.length > 0 && (
                        <Bars label={T.distributionOf(q.text)} max={max} rows={rows.map((r) => ({ label: r.value, value: r.count, text: String(r.count) }))} />
                      )}
                    </li>
                  );
                })}
              </ol>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}

/** Horizontal bars; each row reads «label: text» for screen readers, the bar itself is decoration. */
function Bars({ label, max, rows }: { label: string; max: number; rows: Array<{ label: string; value: number; text: string }> }) {
  return (
    <ul aria-label={label} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {rows.map((row) => (
        <li
          key={row.label}
          style={{ display: 'grid', gridTemplateColumns: 'minmax(6rem, 14rem) 1fr auto', gap: '0.5rem', alignItems: 'center', marginBottom: '0.25rem' }}
        >
          <span>{row.label}</span>
          <span aria-hidden="true" style={{ background: '#e6ebf2', borderRadius: 3, height: '0.9rem', display: 'block' }}>
            <span style={{ display: 'block', height: '100%', width: `${barPercent(row.value, max)}%`, background: '#2b6cb0', borderRadius: 3 }} />
          </span>
          <span>
            <span className="visually-hidden">{row.label}: </span>
            {row.text}
          </span>
        </li>
      ))}
    </ul>
  );
}
