import { PARTNER_APPLICATION_CONSENT_RU } from '@nastavnik/domain';
import { useEffect, useState, type FormEvent } from 'react';
import { ErrorNotice } from '../components/Notice';
import { SelectField, TextAreaField, TextField } from '../components/Field';
import { PageTitle } from '../components/PageTitle';
import { ru } from '../i18n/ru';
import { AttachmentError } from '../lib/attachments';
import {
  districtsOfRegion,
  emptyApplicationDraft,
  failureOf,
  fetchPartnerDistricts,
  partnerKindOptions,
  regionsOf,
  submitApplication,
  validateApplicationDraft,
  type ApplicationDraft,
  type PublicDistrict,
} from '../lib/partners';
import { useForm } from '../lib/useForm';
import { CheckboxField } from '../components/CheckboxField';

/**
 * «Заявка организации-партнёра» — the public sign-up (no login): the organisation, where it applies
 * (region → district), the contact person and their consent. ИНН/ОГРН/КПП are checked by their
 * check digits here and again by the API; its messages stand beside the fields, the values stay.
 */
export function JoinPage() {
  const j = ru.partnerPortal.join;
  const form = useForm(emptyApplicationDraft);
  const [districts, setDistricts] = useState<PublicDistrict[] | null>(null);
  const [districtsError, setDistrictsError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ name: string; district: string; email: string } | null>(null);

  useEffect(() => {
    let live = true;
    fetchPartnerDistricts()
      .then((list) => live && setDistricts(list))
      .catch((error: unknown) => live && setDistrictsError(error instanceof AttachmentError ? error.message : ru.errors.unexpected));
    return () => {
      live = false;
    };
  }, []);

  const regions = regionsOf(districts ?? []);
  const regionDistricts = districtsOfRegion(districts ?? [], form.draft.regionId);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const values = form.check(validateApplicationDraft(form.draft));
    if (!values) return;
    setBusy(true);
    try {
      await submitApplication(values);
      const district = districts?.find((d) => d.id === values.districtId)?.name ?? '';
      setDone({ name: values.name.trim(), district, email: values.contactEmail.trim() });
      window.scrollTo(0, 0);
    } catch (error) {
      const failure = failureOf(error, Object.keys(form.draft) as Array<keyof ApplicationDraft>);
      form.setErrors(failure.fieldErrors);
      form.setFormError(failure.formError);
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <section className="measure" aria-labelledby="join-done">
        <PageTitle title={j.doneTitle}>
          <span id="join-done">{j.doneTitle}</span>
        </PageTitle>
        <p className="notice notice-success" role="status">
          {j.done(done.name, done.district)}
        </p>
        <h2>{j.nextTitle}</h2>
        <ol>
          <li>{j.next1}</li>
          <li>{j.next2(done.email)}</li>
          <li>{j.next3}</li>
        </ol>
        <p>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              form.setDraft(emptyApplicationDraft());
              setDone(null);
            }}
          >
            {j.another}
          </button>
        </p>
      </section>
    );
  }

  return (
    <>
      <PageTitle>{j.title}</PageTitle>
      <p className="measure">{j.intro}</p>
      <form className="form panel measure" onSubmit={(event) => void submit(event)} noValidate aria-label={j.title}>
        <fieldset className="fieldset">
          <legend>{j.organization}</legend>
          <TextField label={j.name} hint={j.nameHint} {...form.field('name')} required autoComplete="organization" />
          <SelectField label={j.kind} {...form.field('kind')} required>
            <option value="">{j.kindPlaceholder}</option>
            {partnerKindOptions().map((option) => (
              <option key={option.code} value={option.code}>
                {option.label}
              </option>
            ))}
          </SelectField>
          <TextField label={j.inn} hint={j.innHint} {...form.field('inn')} required={form.draft.kind !== 'alumni'} inputMode="numeric" autoComplete="off" />
          <TextField label={j.ogrn} hint={j.ogrnHint} {...form.field('ogrn')} required={form.draft.kind !== 'alumni'} inputMode="numeric" autoComplete="off" />
          <TextField label={j.kpp} hint={j.kppHint} {...form.field('kpp')} inputMode="numeric" autoComplete="off" />
          <TextAreaField label={j.address} {...form.field('address')} required rows={2} />
        </fieldset>

        <fieldset className="fieldset">
          <legend>{j.where}</legend>
          {districtsError && <ErrorNotice>{districtsError}</ErrorNotice>}
          {!districts && !districtsError && <p role="status">{j.districtsLoading}</p>}
          <SelectField
            label={j.region}
            {...form.field('regionId')}
            onChange={(event) => {
              form.set('regionId', event.target.value);
              form.set('districtId', '');
            }}
            required
          >
            <option value="">{j.regionPlaceholder}</option>
            {regions.map((region) => (
              <option key={region.id} value={region.id}>
                {region.name}
              </option>
            ))}
          </SelectField>
          <SelectField label={j.district} hint={j.districtHint} {...form.field('districtId')} required disabled={!form.draft.regionId}>
            <option value="">{j.districtPlaceholder}</option>
            {regionDistricts.map((district) => (
              <option key={district.id} value={district.id}>
                {district.name}
              </option>
            ))}
          </SelectField>
        </fieldset>

        <fieldset className="fieldset">
          <legend>{j.contact}</legend>
          <p className="field-hint">{j.contactHint}</p>
          <TextField label={j.contactName} {...form.field('contactName')} required autoComplete="name" />
          <TextField label={j.contactPosition} {...form.field('contactPosition')} autoComplete="organization-title" />
          <TextField label={j.contactEmail} type="email" {...form.field('contactEmail')} required autoComplete="email" />
          <TextField label={j.contactPhone} type="tel" {...form.field('contactPhone')} required autoComplete="tel" />
          {/* The very text the API stores with the application (its version is sent along). */}
          <CheckboxField
            label={PARTNER_APPLICATION_CONSENT_RU.text}
            value={form.draft.consent}
            error={form.errors.consent}
            onChange={(value) => form.set('consent', value)}
          />
        </fieldset>

        <ErrorNotice>{form.formError}</ErrorNotice>
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? j.submitting : j.submit}
          </button>
        </div>
      </form>
    </>
  );
}
