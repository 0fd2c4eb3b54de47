import { PARTNER_MENTOR_LIMITS } from '@nastavnik/domain';
import { useMutation, useQuery } from '@apollo/client/react';
import type { FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { TextAreaField, TextField } from '../../components/Field';
import { DateField } from '../../components/DateField';
import { ErrorNotice } from '../../components/Notice';
import { PageTitle } from '../../components/PageTitle';
import { TagPicker } from '../../components/TagSuggestions';
import { ru } from '../../i18n/ru';
import { emptyMentorDraft, failureOf, MENTOR_FIELD_OF_API, partnerPaths, validateMentorDraft, type MentorDraft } from '../../lib/partners';
import { todayIso } from '../../lib/roadmap/dates';
import { useForm } from '../../lib/useForm';
import { CheckboxField } from '../../components/CheckboxField';
import { PartnersGuard } from './PartnersGuard';
import { CreatePartnerMentorMutation, PartnerMentorsQuery } from './documents';
import { toast } from '../../components/Toasts';

/** A mentor of the partner: profile, competences, availability, capacity and their own consent. */
export function NewMentorPage() {
  return (
    <PartnersGuard need="partner">
      <NewMentor />
    </PartnersGuard>
  );
}

function NewMentor() {
  const f = ru.partnerPortal.mentorForm;
  const navigate = useNavigate();
  const form = useForm<MentorDraft>(() => emptyMentorDraft(todayIso()));
  const [create, { loading }] = useMutation(CreatePartnerMentorMutation, { refetchQueries: ['PartnerMentors'] });
  // Tags already used in the registry, offered while typing (the same words match schools' requests).
  const existing = useQuery(PartnerMentorsQuery, { variables: { includeArchived: true } });
  const knownTags = [...new Set(existing.data?.partnerMentors.flatMap((m) => m.tags) ?? [])].sort((a, b) => a.localeCompare(b, 'ru'));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const values = form.check(validateMentorDraft(form.draft));
    if (!values) return;
    try {
      const result = await create({ variables: { input: values } });
      const created = result.data?.createPartnerMentor;
      if (created) {
        toast.success(ru.partnerPortal.mentors.created(created.displayName));
        navigate(partnerPaths.myTab('mentors'));
      }
    } catch (error) {
      const failure = failureOf(error, Object.keys(form.draft) as Array<keyof MentorDraft>, MENTOR_FIELD_OF_API);
      form.setErrors(failure.fieldErrors);
      form.setFormError(failure.formError);
    }
  }

  return (
    <>
      <p>
        <Link to={partnerPaths.myTab('mentors')}>{ru.partnerPortal.import.toRegistry}</Link>
      </p>
      <PageTitle>{f.title}</PageTitle>
      <form className="form panel measure" onSubmit={(event) => void submit(event)} noValidate>
        <fieldset className="fieldset">
          <legend>{f.profile}</legend>
          <TextField label={f.lastName} {...form.field('lastName')} required autoComplete="off" />
          <TextField label={f.firstName} {...form.field('firstName')} required autoComplete="off" />
          <TextField label={f.middleName} {...form.field('middleName')} autoComplete="off" />
          <DateField label={f.birthDate} {...form.valueField('birthDate')} />
          <TextField label={f.position} {...form.field('position')} autoComplete="off" />
          <TextField label={f.email} type="email" {...form.field('email')} autoComplete="off" />
          <TextField label={f.phone} type="tel" {...form.field('phone')} autoComplete="off" />
        </fieldset>
        <fieldset className="fieldset">
          <legend>{f.competences}</legend>
          <TextField label={f.tags} hint={f.tagsHint} {...form.field('tags')} autoComplete="off" />
          <TagPicker value={form.draft.tags} onChange={(text) => form.set('tags', text)} extra={knownTags} />
          <TextAreaField label={f.text} hint={f.textCounter(form.draft.text.trim().length, PARTNER_MENTOR_LIMITS.text)} {...form.field('text')} />
          <TextField label={f.availability} hint={f.availabilityHint} {...form.field('availability')} autoComplete="off" />
          <TextField label={f.capacity} {...form.field('capacity')} required inputMode="numeric" autoComplete="off" />
        </fieldset>
        <fieldset className="fieldset" data-testid="consent-section">
          <legend>{f.consentSection}</legend>
          <TextField label={f.consentText} hint={f.consentTextHint} {...form.field('consentText')} required autoComplete="off" />
          <DateField label={f.consentDate} {...form.valueField('consentDate')} required />
          <CheckboxField label={f.consent} value={form.draft.consent} error={form.errors.consent} onChange={(value) => form.set('consent', value)} />
        </fieldset>
        <ErrorNotice>{form.formError}</ErrorNotice>
        <div className="form-actions">
          <button type="submit" className="button" disabled={loading}>
            {loading ? f.submitting : f.submit}
          </button>
        </div>
      </form>
    </>
  );
}
