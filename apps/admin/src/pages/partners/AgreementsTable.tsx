import { useMutation } from '@apollo/client/react';
import { DECISION_REASON_LIMIT } from '@nastavnik/domain';
import { useState, type FormEvent } from 'react';
import { useAuth } from '../../auth/context';
import { Dialog } from '../../components/Dialog';
import { DownloadButton } from '../../components/DownloadButton';
import { TextAreaField } from '../../components/Field';
import { FormButtons } from '../../components/FormButtons';
import { ErrorNotice, SuccessNotice } from '../../components/Notice';
import { StatusBadge } from '../../components/StatusBadge';
import type { PartnerAgreementsQuery as AgreementsData } from '../../gql/graphql';
import { ru } from '../../i18n/ru';
import { AttachmentError, formatFileSize } from '../../lib/attachments';
import { classifyError } from '../../lib/errors';
import {
  AGREEMENT_FILE_ACCEPT,
  agreementFileProblem,
  agreementFileSideLabel,
  agreementOpenForFiles,
  agreementPartyName,
  agreementPeriodRu,
  agreementTone,
  failureOf,
  uploadAgreementFile,
  checkReason,
} from '../../lib/partners';
import { isoToRu } from '../../lib/roadmap/dates';
import { useForm } from '../../lib/useForm';
import { DecidePartnerAgreementMutation, TerminatePartnerAgreementMutation } from './documents';
import { TableWrap } from '../../components/TableWrap';

type Agreement = AgreementsData['partnerAgreements'][number];

/**
 * Agreements as a table. `side` = partner: the other party is shown, the partner may terminate;
 * `side` = party (school director, district officer): the partner is shown, proposals are accepted
 * or declined with a reason. Who may do what is the API's decision; its Russian errors are shown.
 */
export function AgreementsTable({ agreements, side }: { agreements: readonly Agreement[]; side: 'partner' | 'party' }) {
  const t = ru.partnerPortal.agreements;
  const [decide, deciding] = useMutation(DecidePartnerAgreementMutation, { refetchQueries: ['PartnerAgreements'] });
  const [declining, setDeclining] = useState<Agreement | null>(null);
  const [terminating, setTerminating] = useState<Agreement | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function accept(agreement: Agreement) {
    setError(null);
    setNotice(null);
    try {
      await decide({ variables: { id: agreement.id, accept: true } });
      setNotice(t.accepted);
    } catch (failure) {
      setError(classifyError(failure).message);
    }
  }

  if (agreements.length === 0) return <p className="muted">{t.empty}</p>;
  return (
    <>
      <SuccessNotice>{notice}</SuccessNotice>
      <ErrorNotice>{error}</ErrorNotice>
      <TableWrap>
        <table className="table" data-testid="partner-agreements">
          <thead>
            <tr>
              <th scope="col">{side === 'party' ? t.partner : t.party}</th>
              <th scope="col">{t.subject}</th>
              <th scope="col">{t.number}</th>
              <th scope="col">{t.period}</th>
              <th scope="col">{t.status}</th>
              <th scope="col">{t.files}</th>
              <th scope="col">
                <span className="visually-hidden">{ru.partnerPortal.agreements.actions}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {agreements.map((agreement) => (
              <tr key={agreement.id}>
                <th scope="row">
                  {side === 'party' ? (
                    <>
                      {agreement.partner?.name ?? '—'}
                      <br />
                      <span className="muted">{agreementPartyName(agreement)}</span>
                    </>
                  ) : (
                    agreementPartyName(agreement)
                  )}
                </th>
                <td>
                  {agreement.subject}
                  <br />
                  <span className="muted">{t.proposedBy(agreement.proposedByName)}</span>
                </td>
                <td>{t.numberValue(agreement.number ?? '', isoToRu(agreement.signedOn)) || '—'}</td>
                <td>{agreementPeriodRu(agreement.periodStart, agreement.terminatedOn ? prevDay(agreement.terminatedOn) : agreement.periodEnd)}</td>
                <td>
                  <StatusBadge label={agreement.statusLabelRu} tone={agreementTone(agreement.status)} />
                  {agreement.declineReason && <p className="muted">{t.reason(agreement.declineReason)}</p>}
                </td>
                <td>
                  <AgreementFiles agreement={agreement} />
                </td>
                <td className="actions">
                  {side === 'party' && agreement.decision === 'proposed' && (
                    <>
                      <button type="button" className="button" disabled={deciding.loading} onClick={() => void accept(agreement)}>
                        {deciding.loading ? t.accepting : t.accept}
                      </button>{' '}
                      <button type="button" className="button button-secondary" onClick={() => setDeclining(agreement)}>
                        {t.decline}
                      </button>
                    </>
                  )}
                  {agreement.decision === 'accepted' && (agreement.status === 'active' || agreement.status === 'notStarted') && (
                    <button type="button" className="button button-secondary" onClick={() => setTerminating(agreement)}>
                      {t.terminate}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {declining && (
        <DeclineDialog
          agreement={declining}
          onClose={() => setDeclining(null)}
          onDone={() => {
            setDeclining(null);
            setNotice(t.declined);
          }}
        />
      )}
      {terminating && (
        <TerminateDialog
          agreement={terminating}
          onClose={() => setTerminating(null)}
          onDone={() => {
            setTerminating(null);
            setNotice(t.terminated);
          }}
        />
      )}
    </>
  );
}

/** The last day in force of an agreement terminated on `iso`. */
function prevDay(iso: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

function DeclineDialog({ agreement, onClose, onDone }: { agreement: Agreement; onClose: () => void; onDone: () => void }) {
  const t = ru.partnerPortal.agreements;
  const form = useForm({ reason: '' });
  const [decide, { loading }] = useMutation(DecidePartnerAgreementMutation, { refetchQueries: ['PartnerAgreements'] });
  async function submit(event: FormEvent) {
    event.preventDefault();
    const values = form.check(checkReason('decline', form.draft.reason));
    if (!values) return;
    try {
      await decide({ variables: { id: agreement.id, accept: false, reason: values.reason } });
      onDone();
    } catch (error) {
      const failure = failureOf(error, ['reason'] as const);
      form.setErrors(failure.fieldErrors);
      form.setFormError(failure.formError);
    }
  }
  return (
    <Dialog title={t.declineTitle} onClose={onClose}>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <TextAreaField label={t.declineReason} {...form.field('reason')} maxChars={DECISION_REASON_LIMIT} required rows={4} />
        <ErrorNotice>{form.formError}</ErrorNotice>
        <FormButtons label={t.decline} busy={loading} busyLabel={t.declining} cancel={{ onClick: onClose }} />
      </form>
    </Dialog>
  );
}

function TerminateDialog({ agreement, onClose, onDone }: { agreement: Agreement; onClose: () => void; onDone: () => void }) {
  const t = ru.partnerPortal.agreements;
  const [terminate, { loading }] = useMutation(TerminatePartnerAgreementMutation, { refetchQueries: ['PartnerAgreements'] });
  const [error, setError] = useState<string | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await terminate({ variables: { id: agreement.id } });
      onDone();
    } catch (failure) {
      setError(classifyError(failure).message);
    }
  }
  return (
    <Dialog title={t.terminateTitle} onClose={onClose}>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <p>{agreement.subject}</p>
        <p>{t.terminateText}</p>
        <ErrorNotice>{error}</ErrorNotice>
        <FormButtons label={t.terminate} busy={loading} busyLabel={t.terminating} cancel={{ onClick: onClose }} />
      </form>
    </Dialog>
  );
}

/** The agreement's files: a download button each (with the token), and «Приложить файл» while it is open. */
function AgreementFiles({ agreement }: { agreement: Agreement }) {
  const t = ru.partnerPortal.agreementFiles;
  const auth = useAuth();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [uploaded, setUploaded] = useState<Agreement['files']>([]);
  const known = new Set(agreement.files.map((f) => f.id));
  const files = [...agreement.files, ...uploaded.filter((f) => !known.has(f.id))];

  async function attach(file: File | undefined) {
    setError(null);
    setNotice(null);
    if (!file) return;
    const problem = agreementFileProblem(file);
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    try {
      const card = await uploadAgreementFile(() => auth.getToken(), agreement.id, file);
      setUploaded((list) => [...list, { __typename: 'PartnerAgreementFile', uploadedByName: '', uploadedBySide: card.uploadedBySide ?? 'partner', ...card }]);
      setNotice(t.attached(card.fileName));
    } catch (failure) {
      setError(failure instanceof AttachmentError ? failure.appError.message : classifyError(failure).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="agreement-files" data-testid="agreement-files">
      {files.length === 0 ? (
        <p className="muted">{ru.partnerPortal.agreements.noFiles}</p>
      ) : (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {files.map((file) => (
            <li key={file.id}>
              <DownloadButton small label={t.download(file.fileName)} url={file.url} fallbackName={file.fileName} />{' '}
              <span className="muted">
                {formatFileSize(file.size)}, {agreementFileSideLabel(file.uploadedBySide)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {agreementOpenForFiles(agreement.status) && (
        <label className="button button-secondary button-small">
          {busy ? t.attaching : t.attach}
          <input
            type="file"
            className="visually-hidden"
            accept={AGREEMENT_FILE_ACCEPT}
            aria-label={t.label}
            disabled={busy}
            onChange={(event) => {
              const input = event.currentTarget;
              void attach(input.files?.[0]).finally(() => {
                input.value = '';
              });
            }}
          />
        </label>
      )}
      {notice && (
        <p className="field-hint" role="status">
          {notice}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
