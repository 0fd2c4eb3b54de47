import { Link } from 'react-router';
import type { KpiFieldsFragment } from '../../gql/graphql';
import { ru } from '../../i18n/ru';
import { barWidths, kpiHint, LIGHT_COLOURS, lightLabel, lightOf } from '../../lib/monitoring';

export type Kpi = KpiFieldsFragment;

/** A traffic-light dot; the colour is named for screen readers and in the hover text. */
export function LightDot({ kpi }: { kpi: Pick<Kpi, 'light' | 'lightRu'> }) {
  const light = lightOf(kpi.light);
  if (!light) return <span className="light-dot light-none" aria-hidden="true" />;
  const label = lightLabel(kpi.light, kpi.lightRu) ?? '';
  return (
    <span className={`light-dot light-${light}`} role="img" aria-label={`${ru.monitoring.light}: ${label}`} style={{ background: LIGHT_COLOURS[light] }} />
  );
}

/** A figure in a table cell: the dot and `display`, the formula and inputs on hover. */
export function KpiFigure({ kpi }: { kpi: Kpi }) {
  return (
    <span className={`kpi-figure${kpi.value === null || kpi.value === undefined ? ' kpi-nodata' : ''}`} title={kpiHint(kpi)} data-kpi={kpi.code}>
      <LightDot kpi={kpi} />
      {kpi.display}
    </span>
  );
}

/** A school's figure as a card: label, value, target, light; the hint on hover and written out below; the lists behind it. */
export function KpiCard({ kpi, drills }: { kpi: Kpi; drills?: ReadonlyArray<{ to: string; label: string }> }) {
  // «нет данных» is already the value: the grey light's name would only repeat it.
  const light = lightOf(kpi.light) === 'grey' ? null : lightLabel(kpi.light, kpi.lightRu);
  return (
    <li className={`kpi-card${lightOf(kpi.light) ? ` kpi-card-${lightOf(kpi.light)}` : ''}`} title={kpiHint(kpi)} data-kpi={kpi.code}>
      <span className="kpi-card-label">{kpi.labelRu}</span>
      <span className="kpi-card-value">
        <LightDot kpi={kpi} />
        {kpi.display}
      </span>
      {kpi.target && (
        <span className="kpi-card-target">
          {ru.monitoring.target}: {kpi.target.textRu}
        </span>
      )}
      {light && <span className="kpi-card-light">{light}</span>}
      <details className="kpi-card-details">
        <summary>{ru.monitoring.formula}</summary>
        <p>{kpi.formulaRu}</p>
        <ul>
          {kpi.inputs.map((input) => (
            <li key={input.label}>
              {input.label}: <strong>{input.value === null || input.value === undefined ? ru.monitoring.noData : input.value.toLocaleString('ru-RU')}</strong>
            </li>
          ))}
        </ul>
        {kpi.warningRu && <p className="cell-note-warning">{kpi.warningRu}</p>}
      </details>
      {drills && drills.length > 0 && (
        <span className="kpi-card-drills">
          {drills.map((drill) => (
            <Link key={drill.to} to={drill.to} className="kpi-card-drill">
              {drill.label}
            </Link>
          ))}
        </span>
      )}
    </li>
  );
}

export function LightLegend() {
  return (
    <p className="light-legend muted">
      {ru.monitoring.legend}{' '}
      {(['green', 'yellow', 'red', 'grey'] as const).map((light) => (
        <span key={light} className="light-legend-item">
          <span className={`light-dot light-${light}`} style={{ background: LIGHT_COLOURS[light] }} aria-hidden="true" />
          {ru.monitoring.lights[light]}
        </span>
      ))}
    </p>
  );
}

/** Plain SVG bars: pupils' coverage by school, the target as a dashed line, «нет данных» written out. */
export function CoverageChart({ rows }: { rows: ReadonlyArray<{ id: string; name: string; kpi: Kpi }> }) {
  if (rows.length === 0) return null;
  const labelWidth = 220;
  const barArea = 420;
  const valueWidth = 90;
  const rowHeight = 26;
  const top = 22;
  const widths = barWidths(rows.map((row) => row.kpi.value));
  const scaleMax = Math.max(100, ...rows.map((row) => row.kpi.value ?? 0));
  const target = rows.find((row) => row.kpi.target)?.kpi.target?.value ?? null;
  const height = top + rows.length * rowHeight + 6;
  const width = labelWidth + barArea + valueWidth;
  const clip = (text: string) => (text.length > 30 ? `${text.slice(0, 29)}…` : text);
  return (
    <figure className="chart">
      <figcaption id="coverage-chart-title">{ru.monitoring.chartTitle}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-labelledby="coverage-chart-title" data-testid="coverage-chart">
        <line x1={labelWidth} x2={labelWidth} y1={top - 6} y2={height - 4} stroke="#c9d1d9" />
        <text x={labelWidth} y={12} fontSize="11" fill="#6b7580">
          0 %
        </text>
        <text x={labelWidth + barArea} y={12} fontSize="11" fill="#6b7580" textAnchor="end">
          {Math.round(scaleMax)} %
        </text>
        {rows.map((row, index) => {
          const y = top + index * rowHeight;
          const share = widths[index];
          const light = lightOf(row.kpi.light) ?? 'grey';
          return (
            <g key={row.id}>
              <title>{`${row.name}\n${kpiHint(row.kpi)}`}</title>
              <text x={labelWidth - 8} y={y + 16} fontSize="12" textAnchor="end" fill="#1f2933">
                {clip(row.name)}
              </text>
              {share === null || share === undefined ? (
                <text x={labelWidth + 6} y={y + 16} fontSize="12" fill="#6b7580" fontStyle="italic">
                  {ru.monitoring.noData}
                </text>
              ) : (
                <>
                  <rect x={labelWidth} y={y + 4} width={Math.max(1, share * barArea)} height={rowHeight - 8} rx="3" fill={LIGHT_COLOURS[light]} />
                  <text x={labelWidth + Math.max(1, share * barArea) + 6} y={y + 16} fontSize="12" fill="#1f2933">
                    {row.kpi.display}
                  </text>
                </>
              )}
            </g>
          );
        })}
        {target !== null && (
          <g>
            <line
              x1={labelWidth + (target / scaleMax) * barArea}
              x2={labelWidth + (target / scaleMax) * barArea}
              y1={top - 4}
              y2={height - 4}
              stroke="#1f2933"
              strokeDasharray="4 3"
            />
            <text x={labelWidth + (target / scaleMax) * barArea + 4} y={12} fontSize="11" fill="#1f2933">
              {ru.monitoring.chartTarget} {target} %
            </text>
          </g>
        )}
      </svg>
    </figure>
  );
}
