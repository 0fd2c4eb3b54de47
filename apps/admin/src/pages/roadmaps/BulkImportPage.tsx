import { useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useAuth } from '../../auth/context';
import { ErrorState } from '../../components/ErrorState';
import { Field } from '../../components/Field';
import { PageTitle } from '../../components/PageTitle';
import { StatusBadge } from '../../components/StatusBadge';
import { ru } from '../../i18n/ru';
import { isDistrictOfficerOf } from '../../lib/access';
import { forbiddenError } from '../../lib/errors';
import { bulkImport, importErrorMessage, type BulkImportResponse } from '../../lib/imports';
import { useMe } from '../../me';
import { useDistrictScope } from './useDistrictScope';
import { TableWrap } from '../../components/TableWrap';

/** «Массовый импорт (ZIP)»: the district officer uploads the schools' documents at once; a report per file. */
export function BulkImportPage() {
  const scope = useDistrictScope();
  const { grants } = useMe();
  const auth = useAuth();
  const [params] = useSearchParams();
  const campaignId = params.get('campaign') || null;
  const fileInput = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<BulkImportResponse | null>(null);
  if (!isDistrictOfficerOf(grants, scope.districtId)) return <ErrorState error={forbiddenError()} />;

  async function upload(event: FormEvent) {
    event.preventDefault();
    const file = fileInput.current?.files?.[0];
    setError(null);
    if (!file) {
      setError(ru.imports.noFile);
      return;
    }
    setBusy(true);
    try {
      setResult(await bulkImport(() => auth.getToken(), file, { campaignId, headers: scope.context.headers }));
    } catch (failure) {
      setError(importErrorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <nav aria-label={ru.roadmap.breadcrumbs} className="breadcrumbs">
        <Link to={scope.paths.list()}>{ru.campaigns.listTitle}</Link>
        {campaignId && (
          <>
            {' › '}
            <Link to={scope.paths.campaign(campaignId)}>{ru.roadmap.campaign}</Link>
          </>
        )}
      </nav>
      <PageTitle>{ru.imports.bulkTitle}</PageTitle>
      <form className="form panel measure" onSubmit={(event) => void upload(event)} noValidate>
        <p className="muted">{ru.imports.bulkIntro}</p>
        <Field label={ru.imports.bulkFile} hint={ru.imports.bulkHint} error={error ?? undefined} required>
          {(control) => (
            <input
              {...control}
              ref={fileInput}
              type="file"
              name="file"
              className="input-file"
              accept=".zip,.docx,.doc,.rtf,.odt,.pdf,.xlsx,.txt"
              onChange={() => setError(null)}
            />
          )}
        </Field>
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? ru.imports.bulkUploading : ru.imports.bulkUpload}
          </button>
        </div>
      </form>
      {result && (
        <section aria-labelledby="bulk-report">
          <h2 id="bulk-report">{ru.imports.bulkSummary(result.total, result.created, result.failed)}</h2>
          <TableWrap>
            <table className="table" data-testid="bulk-report">
              <thead>
                <tr>
                  <th scope="col">{ru.imports.reportFile}</th>
                  <th scope="col">{ru.imports.reportSchool}</th>
                  <th scope="col">{ru.imports.reportResult}</th>
                  <th scope="col">{ru.imports.reportStats}</th>
                </tr>
              </thead>
              <tbody>
                {result.report.map((row, index) => (
                  <tr key={`${row.fileName}:${index}`} className={row.ok ? undefined : 'row-flagged'}>
                    <th scope="row">{row.fileName}</th>
                    <td>
                      {row.organization?.shortName ?? <span className="muted">{ru.imports.noOrganization}</span>}
                      {row.matchedBy && <span className="cell-note">{ru.imports.matchedBy[row.matchedBy]}</span>}
                    </td>
                    <td>
                      <StatusBadge label={row.ok ? ru.imports.reportOk : ru.imports.reportFailed} tone={row.ok ? 'agreed' : 'returned'} />
                      {row.message && <span className="cell-note">{row.message}</span>}
                      {row.ok && row.roadmapId && (
                        <Link className="cell-note" to={scope.paths.roadmap(row.roadmapId)}>
                          {ru.imports.reportOpen}
                        </Link>
                      )}
                    </td>
                    <td>{row.stats ? ru.imports.reportStatsValue(row.stats.sections, row.stats.items, row.stats.warnings) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </section>
      )}
    </>
  );
}
