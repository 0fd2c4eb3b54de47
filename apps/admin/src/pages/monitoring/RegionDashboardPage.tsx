import { useQuery } from '@apollo/client/react';
import { useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ErrorState } from '../../components/ErrorState';
import { SelectField } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { TableExportButton } from '../../components/TableExport';
import { ru } from '../../i18n/ru';
import { hasRole } from '../../lib/access';
import { dateTimeRu, monitoringPaths, sortWithNoDataLast } from '../../lib/monitoring';
import { useMe } from '../../me';
import { FIGURE_COLUMNS } from './DistrictDashboardPage';
import { MonitoringRegionsQuery, RegionDashboardQuery } from './documents';
import { KpiFigure, LightLegend, type Kpi } from './Kpi';
import { useAcademicYear, YearSelect } from './shared';
import { TableWrap } from '../../components/TableWrap';

type SortKey = 'name' | (typeof FIGURE_COLUMNS)[number]['key'];

/** «Показатели региона» (region coordinator; the platform admin chooses the region): the snapshot per district. */
export function RegionDashboardPage() {
  const { grants } = useMe();
  const [params, setParams] = useSearchParams();
  const ownRegions = grants.filter((g) => g.scopeKind === 'REGION' && g.region).map((g) => g.region!);
  const admin = hasRole(grants, 'platform-admin');
  const regionId = params.get('region') || (ownRegions.length === 1 && !admin ? ownRegions[0]!.id : null);
  const chooses = admin || ownRegions.length > 1;
  const { data: regions } = useQuery(MonitoringRegionsQuery, { variables: { page: { limit: 100, offset: 0 } }, skip: !admin });
  const choices = admin ? (regions?.regions.items ?? []) : ownRegions;
  return (
    <>
      <PageTitle>{ru.monitoring.regionTitle}</PageTitle>
      <p className="muted measure">{ru.monitoring.regionIntro}</p>
      <div className="toolbar">
        {chooses && (
          <SelectField
            label={ru.monitoring.chooseRegion}
            value={regionId ?? ''}
            onChange={(event) =>
              setParams((previous) => {
                const next = new URLSearchParams(previous);
                if (event.target.value) next.set('region', event.target.value);
                else next.delete('region');
                return next;
              })
            }
          >
            <option value="">{ru.monitoring.chooseRegionPlaceholder}</option>
            {choices.map((region) => (
              <option key={region.id} value={region.id}>
                {region.name}
              </option>
            ))}
          </SelectField>
        )}
        <YearSelect />
      </div>
      {regionId ? <RegionTable regionId={regionId} /> : <p className="muted">{ru.monitoring.chooseRegionHint}</p>}
    </>
  );
}

function RegionTable({ regionId }: { regionId: string }) {
  const { me } = useMe();
  const { year, yearParam } = useAcademicYear();
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'name', descending: false });
  const tableRef = useRef<HTMLTableElement>(null);
  const {
    data: current,
    previousData,
    error,
    refetch,
  } = useQuery(RegionDashboardQuery, { variables: { regionId, academicYear: year }, fetchPolicy: 'cache-and-network' });
  const data = current ?? previousData;
  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!data) return <Loading />;
  const region = data.regionDashboard;
  if (region.districts.length === 0) return <p className="muted">{ru.monitoring.noDistricts}</p>;
  const rows =
    sort.key === 'name'
      ? [...region.districts].sort((a, b) => (sort.descending ? -1 : 1) * a.name.localeCompare(b.name, 'ru'))
      : sortWithNoDataLast(
          region.districts,
          (row) => row.figures?.[sort.key as Exclude<SortKey, 'name'>].value,
          (row) => row.name,
          sort.descending,
        );
  const header = (key: SortKey, label: string, className?: string) => {
    const active = sort.key === key;
    return (
      <th key={key} scope="col" className={className} aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : undefined}>
        <button
          type="button"
          className="sort-button"
          title={ru.monitoring.sortBy(label)}
          onClick={() => setSort(active ? { key, descending: !sort.descending } : { key, descending: key !== 'name' })}
        >
          {label}
          <span aria-hidden="true" className="sort-mark">
            {active ? (sort.descending ? ' ▼' : ' ▲') : ' ↕'}
          </span>
        </button>
      </th>
    );
  };
  return (
    <>
      <h2 id="region-dashboard-heading">{region.regionName}</h2>
      <p className="muted as-of" data-testid="region-as-of">
        {region.asOf ? ru.monitoring.asOf(dateTimeRu(region.asOf, me.timeZone)) : ru.monitoring.noSnapshot}
        {region.districtsWithoutSnapshot > 0 && ` · ${ru.monitoring.withoutSnapshot(region.districtsWithoutSnapshot)}`}
      </p>
      <LightLegend />
      <TableWrap>
        <table ref={tableRef} className="table monitoring-table" aria-labelledby="region-dashboard-heading" data-testid="region-dashboard">
          <thead>
            <tr>
              {header('name', ru.monitoring.district)}
              <th scope="col" className="num">
                {ru.monitoring.participants}
              </th>
              {FIGURE_COLUMNS.map((column) => header(column.key, ru.monitoring.kpi[column.key], 'num'))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.districtId} data-testid={`region-district-${row.code}`}>
                <th scope="row">
                  <Link to={monitoringPaths.district(row.districtId, yearParam)} aria-label={`${ru.monitoring.openDistrict}: ${row.name}`}>
                    {row.name}
                  </Link>
                  <span className="cell-note" data-export="skip">
                    {row.asOf ? ru.monitoring.asOf(dateTimeRu(row.asOf, me.timeZone)) : ru.monitoring.noSnapshot}
                  </span>
                </th>
                <td className="num">{row.counts ? row.counts.participants : <span className="kpi-nodata">{ru.monitoring.noData}</span>}</td>
                {FIGURE_COLUMNS.map((column) => (
                  <td key={column.key} className="num">
                    {row.figures ? <KpiFigure kpi={row.figures[column.key] as Kpi} /> : <span className="kpi-nodata">{ru.monitoring.noData}</span>}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="totals-row">
              <th scope="row">{ru.monitoring.regionTotal}</th>
              <td className="num">{region.counts.participants}</td>
              {FIGURE_COLUMNS.map((column) => (
                <td key={column.key} className="num">
                  <KpiFigure kpi={region.figures[column.key] as Kpi} />
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </TableWrap>
      <TableExportButton
        tableRef={tableRef}
        title={`${ru.monitoring.regionTitle}: ${region.regionName}`}
        heading={[region.asOf ? ru.monitoring.asOf(dateTimeRu(region.asOf, me.timeZone)) : ru.monitoring.noSnapshot]}
      />
    </>
  );
}
