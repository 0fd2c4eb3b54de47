import { useApolloClient } from '@apollo/client/react';
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../../auth/context';
import { Field } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { PageTitle } from '../../components/PageTitle';
import { StatusBadge } from '../../components/StatusBadge';
import { ru } from '../../i18n/ru';
import { AttachmentError } from '../../lib/attachments';
import { saveBlob } from '../../lib/downloads';
import { importFileProblem, importMentorsFile, mentorTemplateCsv, partnerPaths, type MentorImportReport } from '../../lib/partners';
import { PartnersGuard } from './PartnersGuard';
import { TableWrap } from '../../components/TableWrap';

/** The registry from an Excel (XLSX) or CSV file: the template, the upload and the per-row report. */
export function ImportMentorsPage() {
  return (
    <PartnersGuard need="partner">
      <ImportMentors />
    </PartnersGuard>
  );
}

function ImportMentors() {
  const t = ru.partnerPortal.import;
  const auth = useAuth();
  const client = useApolloClient();
  const fileInput = useRef<HTMLInputElement>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<MentorImportReport | null>(null);

  async function upload(event: FormEvent) {
    event.preventDefault();
    setFileError(null);
    setReport(null);
    const file = fileInput.current?.files?.[0];
    if (!file) return setFileError(t.chooseFile);
    const problem = importFileProblem(file);
    if (problem) return setFileError(problem);
    setBusy(true);
    try {
      const result = await importMentorsFile(() => auth.getToken(), file);
      setReport(result);
      if (result.imported > 0) await client.refetchQueries({ include: ['PartnerMentors'] });
    } catch (failure) {
      setFileError(failure instanceof AttachmentError ? failure.appError.message : ru.errors.unexpected);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <p>
        <Link to={partnerPaths.myTab('mentors')}>{t.toRegistry}</Link>
      </p>
      <PageTitle>{t.title}</PageTitle>
      <p className="measure">{t.intro}</p>
      <p>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => saveBlob(new Blob([mentorTemplateCsv()], { type: 'text/csv;charset=utf-8' }), 'наставники-партнёра-шаблон.csv')}
        >
          {t.template}
        </button>
      </p>
      <form className="form panel measure" onSubmit={(event) => void upload(event)} noValidate>
        <Field label={t.file} error={fileError ?? undefined} required>
          {(control) => (
            <input
              {...control}
              ref={fileInput}
              type="file"
              accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              className="input"
            />
          )}
        </Field>
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? t.uploading : t.upload}
          </button>
        </div>
      </form>
      {report && (
        <section aria-label={t.title}>
          <Notice tone={report.imported === report.total ? 'success' : 'info'}>{t.summary(report.total, report.imported)}</Notice>
          {report.rows.some((r) => !r.ok) && (
            <TableWrap>
              <table className="table" data-testid="import-report">
                <thead>
                  <tr>
                    <th scope="col">{t.row}</th>
                    <th scope="col">{t.result}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.rows.map((row) => (
                    <tr key={row.rowNumber}>
                      <th scope="row">{row.rowNumber}</th>
                      <td>{row.ok ? <StatusBadge label={t.rowOk} tone="agreed" /> : <span className="field-error">{row.message}</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
        </section>
      )}
    </>
  );
}
