import { useApolloClient, useQuery } from '@apollo/client/react';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useAuth } from '../../auth/context';
import { DownloadButton } from '../../components/DownloadButton';
import { Field, SelectField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { ru } from '../../i18n/ru';
import { AttachmentError } from '../../lib/attachments';
import { notFoundError } from '../../lib/errors';
import {
  acceptedExtensions,
  fileFormatOf,
  IMPORT_FORMATS,
  importPaths,
  importRoleOf,
  issueText,
  rowStatusView,
  uploadImport,
  type ImportReport,
  type ImportRole,
} from '../../lib/participantImport';
import { programmePaths } from '../../lib/programmes';
import { ProgrammeQuery } from './documents';
import { ProgrammesGuard } from './shared';
import { TableWrap } from '../../components/TableWrap';

export function ImportBasePage() {
  return (
    <ProgrammesGuard>
      <ImportBase />
    </ProgrammesGuard>
  );
}

/**
 * «Импорт базы»: the curator chooses the base (mentees or mentors), downloads the template, uploads
 * the filled file and reads the per-row report; the imported people are in the base at once.
 */
function ImportBase() {
  const { programmeId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const role = importRoleOf(params.get('role'));
  const { data, error, refetch } = useQuery(ProgrammeQuery, { variables: { id: programmeId } });
  const auth = useAuth();
  const client = useApolloClient();
  const fileInput = useRef<HTMLInputElement>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const t = ru.importBase;
  const formats = IMPORT_FORMATS.map((f) => f.toUpperCase()).join(', ');

  function chooseRole(next: ImportRole) {
    setReport(null);
    setFileError(null);
    setParams({ role: next }, { replace: true });
  }

  async function upload(event: FormEvent) {
    event.preventDefault();
    setFileError(null);
    const file = fileInput.current?.files?.[0];
    if (!file) return setFileError(t.chooseFile);
    const format = fileFormatOf(file.name);
    if (!format || !IMPORT_FORMATS.includes(format)) return setFileError(t.badFormat(formats));
    setBusy(true);
    try {
      const result = await uploadImport(() => auth.getToken(), { programmeId, role, file, fileName: file.name });
      setReport(result);
      if (result.summary.imported > 0) await client.refetchQueries({ include: ['Participants'] });
    } catch (failure) {
      setFileError(failure instanceof AttachmentError ? failure.appError.message : ru.errors.unexpected);
    } finally {
      setBusy(false);
    }
  }

  return (
    <QueryState
      data={data ? (data.programme ?? null) : undefined}
      error={error ?? (data && !data.programme ? notFoundError() : null)}
      onRetry={() => void refetch()}
      asPage
    >
      {(programme) => (
        <>
          <p>
            <Link to={programmePaths.programme(programme.id, role === 'mentor' ? 'mentors' : 'mentees')}>{`← ${programme.name}`}</Link>
          </p>
          <PageTitle>{t.title}</PageTitle>
          <p className="muted measure">{t.intro}</p>
          <Notice tone="info">{t.consentNote}</Notice>
          <form className="form panel measure" onSubmit={(event) => void upload(event)} noValidate>
            <SelectField label={t.role} value={role} onChange={(event) => chooseRole(importRoleOf(event.target.value))}>
              <option value="mentee">{t.roles.mentee}</option>
              <option value="mentor">{t.roles.mentor}</option>
            </SelectField>
            <div className="toolbar">
              {IMPORT_FORMATS.map((format) => (
                <DownloadButton
                  key={format}
                  label={format === 'xlsx' ? t.templateXlsx : t.templateCsv}
                  url={importPaths.template(role, format)}
                  fallbackName={`shablon-${role}.${format}`}
                  small
                />
              ))}
            </div>
            <Field label={t.file} hint={t.fileHint(formats)} error={fileError ?? undefined} required>
              {(control) => (
                <input
                  {...control}
                  ref={fileInput}
                  type="file"
                  name="file"
                  className="input-file"
                  accept={acceptedExtensions(IMPORT_FORMATS)}
                  onChange={() => setFileError(null)}
                />
              )}
            </Field>
            <div className="form-actions">
              <button type="submit" className="button" disabled={busy} aria-busy={busy}>
                {busy ? t.uploading : t.upload}
              </button>
            </div>
          </form>
          {report && <ImportReportView report={report} programmeId={programme.id} />}
        </>
      )}
    </QueryState>
  );
}

function ImportReportView({ report, programmeId }: { report: ImportReport; programmeId: string }) {
  const t = ru.importBase;
  return (
    <section aria-labelledby="import-report" data-testid="import-report">
      <h2 id="import-report">{t.reportTitle}</h2>
      <p className={report.summary.error > 0 ? 'notice notice-warning' : 'notice notice-success'} role="status" data-testid="import-summary">
        {t.summary(report.summary.imported, report.summary.total - report.summary.empty, report.summary.error)}
      </p>
      {report.fileIssues.length > 0 && (
        <>
          <h3>{t.fileIssues}</h3>
          <ul>
            {report.fileIssues.map((issue, index) => (
              <li key={index}>{issue.message}</li>
            ))}
          </ul>
        </>
      )}
      <TableWrap>
        <table className="table" aria-label={t.reportTitle} data-testid="import-rows">
          <thead>
            <tr>
              <th scope="col">{t.row}</th>
              <th scope="col">{t.name}</th>
              <th scope="col">{t.status}</th>
              <th scope="col">{t.issues}</th>
            </tr>
          </thead>
          <tbody>
            {report.rows
              .filter((row) => row.status !== 'empty')
              .map((row) => {
                const view = rowStatusView(row);
                return (
                  <tr key={row.rowNumber} data-row={row.rowNumber}>
                    <th scope="row">{row.rowNumber}</th>
                    <td>
                      {row.participantId && row.name ? (
                        <Link to={programmePaths.participant(programmeId, row.participantId)}>{row.name}</Link>
                      ) : (
                        (row.name ?? '—')
                      )}
                    </td>
                    <td>
                      <StatusBadge label={view.label} tone={view.tone} />
                    </td>
                    <td>
                      {row.issues.length === 0 ? (
                        '—'
                      ) : (
                        <ul>
                          {row.issues.map((issue, index) => (
                            <li key={index} className={issue.severity === 'error' ? 'field-error' : 'muted'}>
                              {issueText(issue)}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                );
              })}
          </tbody>
        </table>
      </TableWrap>
      <div className="toolbar">
        <Link className="button button-secondary" to={programmePaths.programme(programmeId, report.role === 'mentor' ? 'mentors' : 'mentees')}>
          {t.openBase}
        </Link>
      </div>
    </section>
  );
}
