import { useMutation, useQuery } from '@apollo/client/react';
import { DECISION_REASON_LIMIT, PARTNER_APPLICANT_RETENTION_DAYS, validateInn, validateKpp, validateOgrn, type RequisiteResult } from '@nastavnik/domain';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { Dialog } from '../../components/Dialog';
import { ErrorState } from '../../components/ErrorState';
import { TextAreaField } from '../../components/Field';
import { FormButtons } from '../../components/FormButtons';
import { ErrorNotice, SuccessNotice } from '../../components/Notice';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { ru } from '../../i18n/ru';
import { classifyError, notFoundError } from '../../lib/errors';
import { applicationStatusLabel, applicationTone, failureOf, partnerKindLabel, partnerPaths, checkReason } from '../../lib/partners';
import { formatDateTimeRu } from '../../lib/roadmap/dates';
import { useForm } from '../../lib/useForm';
import { PartnersGuard } from './PartnersGuard';
import { ApprovePartnerApplicationMutation, ErasePartnerApplicantDataMutation, PartnerApplicationsQuery, RejectPartnerApplicationMutation } from './documents';

/** One application: the requisites (checked again here), approve — the login and temporary password shown once — or reject with a reason. */
export function ApplicationPage() {
  return (
    <PartnersGuard need="review">
      <Application />
    </PartnersGuard>
  );
}

function Requisite({ label, value, check }: { label: string; value: string | null | undefined; check: (v: unknown) => RequisiteResult }) {
  const t = ru.partnerPortal.application;
  if (!value) {
    return (
      <div>
        <dt>{label}</dt>
        <dd className="muted">{t.notGiven}</dd>
      </div>
    );
  }
  const result = check(value);
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        {value} {result.ok ? <StatusBadge label={t.checked} tone="agreed" /> : <StatusBadge label={result.message} tone="returned" />}
      </dd>
    </div>
  );
}

function Application() {
  const t = ru.partnerPortal.application;
  const { applicationId = '' } = useParams();
  const { data, error, refetch } = useQuery(PartnerApplicationsQuery, { variables: { status: null }, fetchPolicy: 'cache-and-network' });
  const [approve, approving] = useMutation(ApprovePartnerApplicationMutation, { refetchQueries: ['PartnerApplications'] });
  const [approval, setApproval] = useState<{ username: string; password: string; name: string; email: string } | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const [erasing, setErasing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const application = data?.partnerApplications.find((a) => a.id === applicationId);
  if (data && !application) return <ErrorState error={notFoundError(t.notFound)} />;

  async function onApprove() {
    if (!application) return;
    setActionError(null);
    try {
      const result = await approve({ variables: { id: application.id } });
      const done = result.data?.approvePartnerApplication;
      if (done) setApproval({ username: done.username, password: done.temporaryPassword, name: done.partner.name, email: application.contactEmail });
    } catch (failure) {
      setActionError(classifyError(failure).message);
    }
  }

  return (
    <QueryState data={data ? application : undefined} error={error} onRetry={() => void refetch()} asPage>
      {(app) => (
        <>
          <p>
            <Link to={partnerPaths.applications}>{t.back}</Link>
          </p>
          <PageTitle title={t.title(app.name)}>{t.title(app.name)}</PageTitle>
          <p>
            <StatusBadge label={applicationStatusLabel(app.status)} tone={applicationTone(app.status)} />
          </p>
          {approval && (
            <section className="panel" aria-labelledby="approval-title" data-testid="partner-credentials">
              <h2 id="approval-title">{t.approvedTitle}</h2>
              <SuccessNotice>{t.approved(approval.name)}</SuccessNotice>
              <dl className="facts">
                <div>
                  <dt>{t.username}</dt>
                  <dd>
                    <code data-testid="partner-username">{approval.username}</code>
                  </dd>
                </div>
                <div>
                  <dt>{t.password}</dt>
                  <dd>
                    <code data-testid="partner-password">{approval.password}</code>
                  </dd>
                </div>
              </dl>
              <p>{t.credentialsNote(approval.email)}</p>
            </section>
          )}
          {notice && <SuccessNotice>{notice}</SuccessNotice>}
          <section className="panel" aria-labelledby="application-facts">
            <h2 id="application-facts" className="visually-hidden">
              {t.title(app.name)}
            </h2>
            <dl className="facts">
              <div>
                <dt>{t.kind}</dt>
                <dd>{partnerKindLabel(app.kind)}</dd>
              </div>
              <Requisite label={t.inn} value={app.inn} check={validateInn} />
              <Requisite label={t.ogrn} value={app.ogrn} check={validateOgrn} />
              <Requisite label={t.kpp} value={app.kpp} check={validateKpp} />
              <div className="facts-wide">
                <dt>{t.address}</dt>
                <dd>{app.address}</dd>
              </div>
              <div>
                <dt>{t.region}</dt>
                <dd>{app.region?.name ?? '—'}</dd>
              </div>
              <div>
                <dt>{t.district}</dt>
                <dd>{app.district?.name ?? '—'}</dd>
              </div>
              {app.personalDataErasedAt ? (
                <div className="facts-wide">
                  <dt>{t.contact}</dt>
                  <dd className="muted" data-testid="applicant-erased">
                    {t.erased(formatDateTimeRu(app.personalDataErasedAt as string), app.personalDataErasedByName ?? null)}
                  </dd>
                </div>
              ) : (
                <>
                  <div>
                    <dt>{t.contact}</dt>
                    <dd>{[app.contactName, app.contactPosition].filter(Boolean).join(', ')}</dd>
                  </div>
                  <div>
                    <dt>{t.contactEmail}</dt>
                    <dd>{app.contactEmail}</dd>
                  </div>
                  <div>
                    <dt>{t.contactPhone}</dt>
                    <dd>{app.contactPhone}</dd>
                  </div>
                </>
              )}
              <div className="facts-wide">
                <dt>{t.consent}</dt>
                <dd data-testid="applicant-consent">
                  {app.consentGivenAt ? t.consentGiven(formatDateTimeRu(app.consentGivenAt as string), app.consentTextVersion ?? '') : t.consentMissing}
                  {app.consentText && (
                    <details>
                      <summary>{t.consentText}</summary>
                      <p>{app.consentText}</p>
                    </details>
                  )}
                </dd>
              </div>
              <div>
                <dt>{t.submitted}</dt>
                <dd>{formatDateTimeRu(app.createdAt as string)}</dd>
              </div>
              {app.decidedAt && (
                <div>
                  <dt>{t.decided}</dt>
                  <dd>
                    {formatDateTimeRu(app.decidedAt as string)}
                    {app.decidedByName ? `, ${app.decidedByName}` : ''}
                  </dd>
                </div>
              )}
              {app.rejectReason && (
                <div className="facts-wide">
                  <dt>{t.rejectReason}</dt>
                  <dd>{app.rejectReason}</dd>
                </div>
              )}
              {app.adminUsername && (
                <div>
                  <dt>{t.adminUsername}</dt>
                  <dd>
                    <code>{app.adminUsername}</code>
                  </dd>
                </div>
              )}
            </dl>
          </section>
          {app.status === 'pending' && (
            <div className="form-actions">
              <button type="button" className="button" disabled={approving.loading} onClick={() => void onApprove()}>
                {approving.loading ? t.approving : t.approve}
              </button>
              <button type="button" className="button button-secondary" onClick={() => setRejecting(true)}>
                {t.reject}
              </button>
            </div>
          )}
          {app.status === 'rejected' && !app.personalDataErasedAt && (
            <div className="form-actions">
              <button type="button" className="button button-secondary" onClick={() => setErasing(true)}>
                {t.erase}
              </button>
            </div>
          )}
          <ErrorNotice>{actionError}</ErrorNotice>
          {erasing && (
            <EraseDialog
              applicationId={app.id}
              onClose={() => setErasing(false)}
              onDone={() => {
                setErasing(false);
                setNotice(t.erasedDone);
              }}
            />
          )}
          {rejecting && (
            <RejectDialog
              applicationId={app.id}
              onClose={() => setRejecting(false)}
              onDone={() => {
                setRejecting(false);
                setNotice(t.rejected);
              }}
            />
          )}
        </>
      )}
    </QueryState>
  );
}

function RejectDialog({ applicationId, onClose, onDone }: { applicationId: string; onClose: () => void; onDone: () => void }) {
  const t = ru.partnerPortal.application;
  const form = useForm({ reason: '' });
  const [reject, { loading }] = useMutation(RejectPartnerApplicationMutation, { refetchQueries: ['PartnerApplications'] });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const values = form.check(checkReason('rejection', form.draft.reason));
    if (!values) return;
    try {
      await reject({ variables: { id: applicationId, reason: values.reason } });
      onDone();
    } catch (error) {
      const failure = failureOf(error, ['reason'] as const);
      form.setErrors(failure.fieldErrors);
      form.setFormError(failure.formError);
    }
  }

  return (
    <Dialog title={t.rejectTitle} onClose={onClose}>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <TextAreaField label={t.reason} hint={t.reasonHint} {...form.field('reason')} maxChars={DECISION_REASON_LIMIT} required rows={4} />
        <ErrorNotice>{form.formError}</ErrorNotice>
        <FormButtons label={t.reject} busy={loading} busyLabel={t.rejecting} cancel={{ onClick: onClose }} />
      </form>
    </Dialog>
  );
}

/** «Удалить персональные данные заявителя»: asked once more, the requisites stay. */
function EraseDialog({ applicationId, onClose, onDone }: { applicationId: string; onClose: () => void; onDone: () => void }) {
  const t = ru.partnerPortal.application;
  const [erase, { loading }] = useMutation(ErasePartnerApplicantDataMutation, { refetchQueries: ['PartnerApplications'] });
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await erase({ variables: { id: applicationId } });
      onDone();
    } catch (failure) {
      setError(classifyError(failure).message);
    }
  }

  return (
    <Dialog title={t.eraseTitle} onClose={onClose}>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <p>{t.eraseText(PARTNER_APPLICANT_RETENTION_DAYS)}</p>
        <ErrorNotice>{error}</ErrorNotice>
        <FormButtons label={t.erase} busy={loading} busyLabel={t.erasing} cancel={{ onClick: onClose }} />
      </form>
    </Dialog>
  );
}
