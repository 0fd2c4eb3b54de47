import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useAuth } from '../../auth/context';
import { Link, useNavigate } from 'react-router';
import { Field, SelectField, TextAreaField, TextField } from '../../components/Field';
import { DateField } from '../../components/DateField';
import { ErrorNotice } from '../../components/Notice';
import { PageTitle } from '../../components/PageTitle';
import { ru } from '../../i18n/ru';
import { AttachmentError } from '../../lib/attachments';
import {
  AGREEMENT_FILE_ACCEPT,
  agreementFileProblem,
  emptyAgreementDraft,
  failureOf,
  fetchPartnerDistricts,
  partnerPaths,
  validateAgreementDraft,
  type AgreementDraft,
  type PublicDistrict,
  uploadAgreementFile,
} from '../../lib/partners';
import { useForm } from '../../lib/useForm';
import { PartnersGuard } from './PartnersGuard';
import { PartnerAgreementSchoolsQuery, ProposePartnerAgreementMutation } from './documents';
import { toast } from '../../components/Toasts';
import { ComboBox } from '../../components/ComboBox';

/** The partner proposes a cooperation agreement to a school or a whole district. */
export function ProposeAgreementPage() {
  return (
    <PartnersGuard need="partner">
      <ProposeAgreement />
    </PartnersGuard>
  );
}

function ProposeAgreement() {
  const f = ru.partnerPortal.agreementForm;
  const navigate = useNavigate();
  const form = useForm<AgreementDraft>(emptyAgreementDraft);
  const [districts, setDistricts] = useState<PublicDistrict[] | null>(null);
  const [districtsError, setDistrictsError] = useState<string | null>(null);
  const schools = useQuery(PartnerAgreementSchoolsQuery, { variables: { districtId: form.draft.districtId }, skip: !form.draft.districtId });
  const [propose, { loading }] = useMutation(ProposePartnerAgreementMutation, { refetchQueries: ['PartnerAgreements'] });
  const auth = useAuth();
  const fileInput = useRef<HTMLInputElement>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);

  useEffect(() => {
    let live = true;
    fetchPartnerDistricts()
      .then((list) => live && setDistricts(list))
      .catch((error: unknown) => live && setDistrictsError(error instanceof AttachmentError ? error.message : ru.errors.unexpected));
    return () => {
      live = false;
    };
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const file = fileInput.current?.files?.[0];
    const problem = file ? agreementFileProblem(file) : null;
    setFileError(problem);
    const values = form.check(validateAgreementDraft(form.draft));
    if (!values || problem) return;
    try {
      const result = await propose({ variables: { input: values } });
      const id = result.data?.proposePartnerAgreement.id;
      let uploadFailure: string | null = null;
      if (file && id) {
        // The agreement exists now; its signed copy follows (a refusal is reported, the proposal stays).
        setUploading(true);
        try {
          await uploadAgreementFile(() => auth.getToken(), id, file);
        } catch (failure) {
          uploadFailure = ru.partnerPortal.agreementFiles.uploadFailedAfterPropose(
            failure instanceof AttachmentError ? failure.appError.message : ru.errors.unexpected,
          );
        } finally {
          setUploading(false);
        }
      }
      if (uploadFailure) toast.warning(uploadFailure);
      else toast.success(f.proposed);
      navigate(partnerPaths.myTab('agreements'));
    } catch (error) {
      const failure = failureOf(error, Object.keys(form.draft) as Array<keyof AgreementDraft>);
      form.setErrors(failure.fieldErrors);
      form.setFormError(failure.formError);
    }
  }

  return (
    <>
      <p>
        <Link to={partnerPaths.myTab('agreements')}>{ru.partnerPortal.my.tabAgreements}</Link>
      </p>
      <PageTitle>{f.title}</PageTitle>
      <form className="form panel measure" onSubmit={(event) => void submit(event)} noValidate>
        <SelectField label={f.level} {...form.field('level')} required>
          <option value="school">{f.levelSchool}</option>
          <option value="district">{f.levelDistrict}</option>
        </SelectField>
        <ErrorNotice>{districtsError}</ErrorNotice>
        <SelectField
          label={f.district}
          {...form.field('districtId')}
          onChange={(event) => {
            form.set('districtId', event.target.value);
            form.set('organizationId', '');
          }}
          required
        >
          <option value="">{f.districtPlaceholder}</option>
          {(districts ?? []).map((district) => (
            <option key={district.id} value={district.id}>
              {`${district.name} (${district.region.name})`}
            </option>
          ))}
        </SelectField>
        {form.draft.level === 'school' && (
          <ComboBox
            label={f.school}
            {...form.valueField('organizationId')}
            required
            isDisabled={!form.draft.districtId}
            placeholder={f.schoolPlaceholder}
            items={(schools.data?.partnerAgreementSchools ?? []).map((school) => ({ id: school.id, label: school.shortName }))}
          />
        )}
        <TextAreaField label={f.subject} hint={f.subjectHint} {...form.field('subject')} required rows={2} />
        <TextField label={f.number} {...form.field('number')} autoComplete="off" />
        <DateField label={f.signedOn} {...form.valueField('signedOn')} />
        <DateField label={f.periodStart} {...form.valueField('periodStart')} required />
        <DateField label={f.periodEnd} hint={f.periodEndHint} {...form.valueField('periodEnd')} />
        <Field label={ru.partnerPortal.agreementFiles.label} hint={ru.partnerPortal.agreementFiles.hint} error={fileError ?? undefined}>
          {(control) => <input {...control} ref={fileInput} type="file" accept={AGREEMENT_FILE_ACCEPT} className="input" onChange={() => setFileError(null)} />}
        </Field>
        <ErrorNotice>{form.formError}</ErrorNotice>
        <div className="form-actions">
          <button type="submit" className="button" disabled={loading || uploading}>
            {loading || uploading ? f.submitting : f.submit}
          </button>
        </div>
      </form>
    </>
  );
}
