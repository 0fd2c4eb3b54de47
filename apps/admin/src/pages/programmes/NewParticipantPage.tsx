import { PARTICIPANT_CATEGORIES, REPRESENTATIVE_RELATIONS } from '@nastavnik/domain';
import { useMutation } from '@apollo/client/react';
import type { FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { DateField } from '../../components/DateField';
import { ErrorNotice } from '../../components/Notice';
import { PageTitle } from '../../components/PageTitle';
import { TagPicker } from '../../components/TagSuggestions';
import { ru } from '../../i18n/ru';
import { consentGiverFor, participantInput, programmePaths, type ParticipantDraft } from '../../lib/programmes';
import { isoToRu, todayIso } from '../../lib/roadmap/dates';
import { useForm } from '../../lib/useForm';
import { CreateParticipantMutation } from './documents';
import { categoryLabel, ProgrammesGuard, relationLabel } from './shared';
import { toast } from '../../components/Toasts';

export function NewParticipantPage() {
  return (
    <ProgrammesGuard>
      <NewParticipantForm />
    </ProgrammesGuard>
  );
}

function NewParticipantForm() {
  const { programmeId = '' } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const today = todayIso();
  const role = params.get('role') === 'MENTOR' ? 'MENTOR' : 'MENTEE';
  const form = useForm<ParticipantDraft>({
    role,
    lastName: '',
    firstName: '',
    middleName: '',
    category: role === 'MENTOR' ? 'teacher' : 'pupil',
    birthDate: '',
    classOrPosition: '',
    tags: '',
    text: '',
    signedOn: isoToRu(today),
    textVersion: ru.participant.defaultTextVersion,
    representativeName: '',
    representativeRelation: '',
    representativeDocument: '',
    givenBy: '',
    consents: '',
  });
  const [create, { loading }] = useMutation(CreateParticipantMutation, { refetchQueries: ['Participants'] });
  const giver = consentGiverFor(form.draft.birthDate, today);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const values = form.check(participantInput(form.draft, today));
    if (!values) return;
    try {
      const result = await create({ variables: { input: { ...values, programmeId } } });
      const created = result.data?.createParticipant;
      if (created) {
        toast.success(ru.participant.created(created.displayName));
        navigate(programmePaths.programme(programmeId, values.role === 'MENTOR' ? 'mentors' : 'mentees'));
      }
    } catch (error) {
      form.fail(error);
    }
  }

  const p = ru.participant;
  return (
    <>
      <p>
        <Link to={programmePaths.programme(programmeId)}>{p.backToProgramme}</Link>
      </p>
      <PageTitle>{p.newTitle}</PageTitle>
      <form className="form panel measure" onSubmit={(event) => void submit(event)} noValidate>
        <SelectField label={p.role} {...form.field('role')} required>
          <option value="MENTEE">{p.roles.MENTEE}</option>
          <option value="MENTOR">{p.roles.MENTOR}</option>
        </SelectField>
        <TextField label={p.lastName} {...form.field('lastName')} required autoComplete="off" />
        <TextField label={p.firstName} {...form.field('firstName')} required autoComplete="off" />
        <TextField label={p.middleName} {...form.field('middleName')} autoComplete="off" />
        <SelectField label={p.category} {...form.field('category')} required>
          {PARTICIPANT_CATEGORIES.map((code) => (
            <option key={code} value={code}>
              {categoryLabel(code)}
            </option>
          ))}
        </SelectField>
        <DateField label={p.birthDate} hint={p.birthDateHint} {...form.valueField('birthDate')} />
        <TextField label={p.classOrPosition} {...form.field('classOrPosition')} autoComplete="off" />
        <TextField label={p.tags} hint={p.tagsHint} {...form.field('tags')} autoComplete="off" />
        <TagPicker value={form.draft.tags} onChange={(text) => form.set('tags', text)} />
        <TextAreaField label={p.text} {...form.field('text')} />

        <fieldset className="fieldset" data-testid="consent-section">
          <legend>{p.consentHeading}</legend>
          <p className="field-hint" role="status" data-testid="consent-giver">
            {giver.kind === 'representative' ? p.consentMinor(giver.age) : giver.kind === 'unknown' ? p.consentUnknownAge : p.consentSelf}
          </p>
          {form.errors.givenBy && <p className="field-error">{form.errors.givenBy}</p>}
          {form.errors.consents && <p className="field-error">{form.errors.consents}</p>}
          {giver.kind === 'representative' && (
            <>
              <TextField label={p.representativeName} {...form.field('representativeName')} required autoComplete="off" />
              <SelectField label={p.representativeRelation} {...form.field('representativeRelation')} required>
                <option value="">{ru.programmes.choose}</option>
                {REPRESENTATIVE_RELATIONS.map((code) => (
                  <option key={code} value={code}>
                    {relationLabel(code)}
                  </option>
                ))}
              </SelectField>
              <TextField
                label={p.representativeDocument}
                hint={p.representativeDocumentHint}
                {...form.field('representativeDocument')}
                required
                autoComplete="off"
              />
            </>
          )}
          <DateField label={p.signedOn} {...form.valueField('signedOn')} required />
          <TextField label={p.textVersion} {...form.field('textVersion')} required autoComplete="off" />
        </fieldset>

        <ErrorNotice>{form.formError}</ErrorNotice>
        <div className="form-actions">
          <button type="submit" className="button" disabled={loading}>
            {loading ? p.submitting : p.submit}
          </button>
        </div>
      </form>
    </>
  );
}
