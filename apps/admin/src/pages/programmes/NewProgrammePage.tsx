import { BUILT_IN_FORM_CODES, MENTORSHIP_KINDS, PROGRAMME_LIMITS } from '@nastavnik/domain';
import { useMutation } from '@apollo/client/react';
import type { FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { SelectField, TextField } from '../../components/Field';
import { FormButtons } from '../../components/FormButtons';
import { DateField } from '../../components/DateField';
import { ErrorNotice } from '../../components/Notice';
import { PageTitle } from '../../components/PageTitle';
import { ru } from '../../i18n/ru';
import { programmePaths, validateProgramme, type ProgrammeDraft } from '../../lib/programmes';
import { useForm } from '../../lib/useForm';
import { CreateProgrammeMutation } from './documents';
import { formLabel, kindLabel, ProgrammesGuard } from './shared';
import { toast } from '../../components/Toasts';

export function NewProgrammePage() {
  return (
    <ProgrammesGuard>
      <NewProgrammeForm />
    </ProgrammesGuard>
  );
}

function NewProgrammeForm() {
  const navigate = useNavigate();
  const form = useForm<ProgrammeDraft>({ name: '', form: '', kind: 'traditional', periodStart: '', periodEnd: '', curatorName: '', targetGroups: '' });
  const [create, { loading }] = useMutation(CreateProgrammeMutation, { refetchQueries: ['Programmes'] });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const values = form.check(validateProgramme(form.draft));
    if (!values) return;
    try {
      const result = await create({ variables: { input: values } });
      const created = result.data?.createProgramme;
      if (created) {
        toast.success(ru.programmes.created(created.name));
        navigate(programmePaths.programme(created.id));
      }
    } catch (error) {
      const failure = form.fail(error);
      // The API names `forms`/`kinds`; the form has one select for each.
      const fields = failure.appError.fieldErrors;
      if (fields.forms || fields.kinds) {
        form.setErrors({ ...failure.fieldErrors, ...(fields.forms ? { form: fields.forms } : {}), ...(fields.kinds ? { kind: fields.kinds } : {}) });
        form.setFormError(ru.form.fixErrors);
      }
    }
  }

  return (
    <>
      <PageTitle>{ru.programmes.create}</PageTitle>
      <form className="form panel measure" onSubmit={(event) => void submit(event)} noValidate>
        <TextField
          label={ru.programmes.name}
          hint={ru.programmes.nameHint}
          maxChars={PROGRAMME_LIMITS.name}
          {...form.field('name')}
          required
          autoComplete="off"
        />
        <SelectField label={ru.programmes.forms} {...form.field('form')} required>
          <option value="">{ru.programmes.choose}</option>
          {BUILT_IN_FORM_CODES.map((code) => (
            <option key={code} value={code}>
              {formLabel(code)}
            </option>
          ))}
        </SelectField>
        <SelectField label={ru.programmes.kind} {...form.field('kind')}>
          {MENTORSHIP_KINDS.map((code) => (
            <option key={code} value={code}>
              {kindLabel(code)}
            </option>
          ))}
        </SelectField>
        <DateField label={ru.programmes.periodStart} {...form.valueField('periodStart')} required />
        <DateField label={ru.programmes.periodEnd} {...form.valueField('periodEnd')} required />
        <TextField
          label={ru.programmes.curatorName}
          hint={ru.programmes.curatorHint}
          maxChars={PROGRAMME_LIMITS.curatorName}
          {...form.field('curatorName')}
          autoComplete="off"
        />
        <TextField label={ru.programmes.targetGroups} hint={ru.programmes.targetGroupsHint} {...form.field('targetGroups')} autoComplete="off" />
        <ErrorNotice>{form.formError}</ErrorNotice>
        <FormButtons label={ru.programmes.submit} busy={loading} busyLabel={ru.programmes.submitting} cancel={{ to: programmePaths.list() }} />
      </form>
    </>
  );
}
