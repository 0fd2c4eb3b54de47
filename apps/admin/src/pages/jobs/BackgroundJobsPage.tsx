import { useQuery } from '@apollo/client/react';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { graphql } from '../../gql';
import { ru } from '../../i18n/ru';
import { describeSchedule, formatJobSummary, formatJobTime, jobStateLabel, jobTriggerLabel } from '../../lib/jobs';
import { TableWrap } from '../../components/TableWrap';

const BackgroundJobsQuery = graphql(`
  query BackgroundJobs {
    backgroundJobs(runs: 10) {
      name
      title
      schedule
      timeZone
      nextRunAt
      retryLimit
      timeoutSeconds
      queued
      active
      runs {
        id
        state
        trigger
        createdAt
        startedAt
        completedAt
        retryCount
        retryLimit
        error
        summary
      }
      lastFailure {
        id
        completedAt
        retryCount
        error
      }
    }
  }
`);

/** «Фоновые задачи» (platform admin): schedules, the last runs and failures of the job queue. */
export function BackgroundJobsPage() {
  const t = ru.backgroundJobs;
  // Refreshed every half minute: a run started by the schedule shows up without a reload.
  const { data, error, refetch } = useQuery(BackgroundJobsQuery, { pollInterval: 30_000, fetchPolicy: 'cache-and-network' });
  return (
    <>
      <PageTitle>{t.title}</PageTitle>
      <p className="muted">{t.intro}</p>
      <QueryState data={data?.backgroundJobs} error={error} onRetry={() => void refetch()}>
        {(jobs) => (
          <>
            <TableWrap>
              <table className="table" data-testid="background-jobs">
                <thead>
                  <tr>
                    <th scope="col">{t.job}</th>
                    <th scope="col">{t.schedule}</th>
                    <th scope="col">{t.nextRun}</th>
                    <th scope="col">{t.lastRun}</th>
                    <th scope="col" className="num">
                      {t.queuedActive}
                    </th>
                    <th scope="col">{t.lastFailure}</th>
                  </tr>
                </thead>
                <tbody>
                  {jobs.map((job) => {
                    const last = job.runs[0];
                    const state = last ? jobStateLabel(last.state) : null;
                    return (
                      <tr key={job.name}>
                        <th scope="row">
                          {job.title}
                          <div className="muted">
                            <code>{job.name}</code>
                          </div>
                        </th>
                        <td>
                          {describeSchedule(job.schedule)}
                          {job.schedule && job.timeZone && <div className="muted">{job.timeZone}</div>}
                        </td>
                        <td>{formatJobTime(job.nextRunAt)}</td>
                        <td>
                          {last && state ? (
                            <>
                              <StatusBadge label={state.label} tone={state.tone} /> {formatJobTime(last.completedAt ?? last.startedAt ?? last.createdAt)}
                            </>
                          ) : (
                            t.never
                          )}
                        </td>
                        <td className="num">
                          {job.queued} / {job.active}
                        </td>
                        <td>
                          {job.lastFailure ? (
                            <>
                              {formatJobTime(job.lastFailure.completedAt)}
                              <div className="muted">{job.lastFailure.error ?? t.noMessage}</div>
                            </>
                          ) : (
                            t.noFailures
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </TableWrap>
            {jobs.map((job) => (
              <section key={job.name} aria-labelledby={`job-${job.name}`}>
                <h2 id={`job-${job.name}`}>{job.title}</h2>
                <p className="muted">{t.policy(job.retryLimit, Math.round(job.timeoutSeconds / 60))}</p>
                {job.runs.length === 0 ? (
                  <p>{t.noRuns}</p>
                ) : (
                  <TableWrap>
                    <table className="table">
                      <thead>
                        <tr>
                          <th scope="col">{t.created}</th>
                          <th scope="col">{t.trigger}</th>
                          <th scope="col">{t.state}</th>
                          <th scope="col">{t.started}</th>
                          <th scope="col">{t.finished}</th>
                          <th scope="col" className="num">
                            {t.attempts}
                          </th>
                          <th scope="col">{t.result}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {job.runs.map((run) => {
                          const state = jobStateLabel(run.state);
                          return (
                            <tr key={run.id}>
                              <td>{formatJobTime(run.createdAt)}</td>
                              <td>{jobTriggerLabel(run.trigger)}</td>
                              <td>
                                <StatusBadge label={state.label} tone={state.tone} />
                              </td>
                              <td>{formatJobTime(run.startedAt)}</td>
                              <td>{formatJobTime(run.completedAt)}</td>
                              <td className="num">{run.retryCount + (run.startedAt ? 1 : 0)}</td>
                              <td>{run.error ?? formatJobSummary(run.summary)}</td>
                            </tr>
                          );
                        })}
                      </tbody>
                    </table>
                  </TableWrap>
                )}
              </section>
            ))}
          </>
        )}
      </QueryState>
    </>
  );
}
