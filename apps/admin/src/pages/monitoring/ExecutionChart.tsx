import { useQuery } from '@apollo/client/react';
import { useId } from 'react';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { ru } from '../../i18n/ru';
import {
  EXECUTION_COLOURS,
  EXECUTION_SERIES,
  executionIsEmpty,
  executionMonthText,
  executionScale,
  shortMonth,
  type ExecutionMonthLike,
} from '../../lib/monitoring';
import { ExecutionSeriesQuery } from './documents';

/** The execution chart of the district (no organization) or of one school, loaded for the year. */
export function ExecutionPanel({
  academicYear,
  organizationId,
  context,
}: {
  academicYear: string;
  organizationId?: string;
  context: { headers?: Record<string, string> };
}) {
  const { data, error, refetch } = useQuery(ExecutionSeriesQuery, {
    variables: { academicYear, organizationId: organizationId ?? null },
    context,
    fetchPolicy: 'cache-and-network',
  });
  const title = organizationId ? ru.monitoring.execution.titleSchool : ru.monitoring.execution.title;
  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!data) return <Loading />;
  return <ExecutionChart title={title} months={data.executionSeries.months} />;
}

/**
 * Grouped SVG bars by month: planned, done on time, done late, overdue. The figure is named by its
 * caption; each month group carries its numbers as a hover title, and a visually hidden table
 * repeats every number for screen readers.
 */
export function ExecutionChart({ title, months }: { title: string; months: ReadonlyArray<ExecutionMonthLike> }) {
  const id = useId();
  const labels = ru.monitoring.execution.series;
  if (months.length === 0 || executionIsEmpty(months)) {
    return (
      <figure className="chart" data-testid="execution-chart">
        <figcaption id={`${id}-title`}>{title}</figcaption>
        <p className="muted">{ru.monitoring.execution.empty}</p>
      </figure>
    );
  }
  const { max, ticks } = executionScale(months);
  const left = 36;
  const top = 12;
  const plot = 180;
  const bar = 9;
  const group = EXECUTION_SERIES.length * bar + 12;
  const width = left + months.length * group + 8;
  const height = top + plot + 24;
  const y = (value: number) => top + plot - (value / max) * plot;
  return (
    <figure className="chart execution-chart" data-testid="execution-chart">
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <ul className="chart-legend" aria-hidden="true">
        {EXECUTION_SERIES.map((key) => (
          <li key={key}>
            <span className="chart-swatch" style={{ background: EXECUTION_COLOURS[key] }} />
            {labels[key]}
          </li>
        ))}
      </ul>
      <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-table`}>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={left} x2={width - 4} y1={y(tick)} y2={y(tick)} stroke="#e3e8ee" />
            <text x={left - 6} y={y(tick) + 4} fontSize="11" fill="#6b7580" textAnchor="end">
              {tick}
            </text>
          </g>
        ))}
        {months.map((month, m) => {
          const x0 = left + m * group + 6;
          return (
            <g key={month.month} data-month={month.month}>
              <title>{executionMonthText(month)}</title>
              {EXECUTION_SERIES.map((key, s) => {
                const value = month[key];
                const h = (value / max) * plot;
                return <rect key={key} x={x0 + s * bar} y={top + plot - h} width={bar - 1} height={Math.max(0, h)} fill={EXECUTION_COLOURS[key]} />;
              })}
              <text x={x0 + (EXECUTION_SERIES.length * bar) / 2} y={height - 6} fontSize="11" fill="#1f2933" textAnchor="middle">
                {shortMonth(month.monthRu)}
              </text>
            </g>
          );
        })}
        <line x1={left} x2={width - 4} y1={top + plot} y2={top + plot} stroke="#9aa3ad" />
      </svg>
      {/* Hidden by its wrapper: a table ignores width: 1px and would widen the page on a phone. */}
      <div className="visually-hidden">
        <table id={`${id}-table`} data-testid="execution-table">
          <caption>{ru.monitoring.execution.tableCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{ru.monitoring.execution.month}</th>
              {EXECUTION_SERIES.map((key) => (
                <th key={key} scope="col">
                  {labels[key]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {months.map((month) => (
              <tr key={month.month}>
                <th scope="row">{month.monthRu}</th>
                {EXECUTION_SERIES.map((key) => (
                  <td key={key}>{month[key]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
