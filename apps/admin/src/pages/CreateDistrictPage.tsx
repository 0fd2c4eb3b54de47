import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ErrorState } from '../components/ErrorState';
import { SelectField, TextField } from '../components/Field';
import { Loading } from '../components/Loading';
import { PageTitle } from '../components/PageTitle';
import { graphql } from '../gql';
import { ru } from '../i18n/ru';
import { canCreateDistrict, districtPath } from '../lib/access';
import { classifyError, forbiddenError } from '../lib/errors';
import { validateDistrict, type DistrictDraft, type FieldErrors } from '../lib/validation';
import { useMe } from '../me';

const RegionChoicesQuery = graphql(`
  query RegionChoices($page: PageInput) {
    regions(page: $page) {
      items {
        id
        name
      }
    }
  }
`);

const CreateDistrictMutation = graphql(`
  mutation CreateDistrict($input: CreateDistrictInput!) {
    createDistrict(input: $input) {
      id
      code
      name
      authorityName
      organizationsCount
      region {
        id
        name
      }
    }
  }
`);

const FIELDS = ['regionId', 'code', 'name', 'authorityName'] as const;

export function CreateDistrictPage() {
  const { grants } = useMe();
  if (!canCreateDistrict(grants)) {
    return <ErrorState error={forbiddenError()} />;
  }
  return <CreateDistrictForm />;
}

function CreateDistrictForm() {
  const navigate = useNavigate();
  const regions = useQuery(RegionChoicesQuery, { variables: { page: { limit: 100, offset: 0 } } });
  const [draft, setDraft] = useState<DistrictDraft>({ regionId: '', code: '', name: '', authorityName: '' });
  const [errors, setErrors] = useState<FieldErrors<keyof DistrictDraft>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [createDistrict, { loading }] = useMutation(CreateDistrictMutation, {
    refetchQueries: ['Districts', 'Regions'],
  });

  const update = (field: keyof DistrictDraft) => (event: { target: { value: string } }) =>
    setDraft((current) => ({ ...current, [field]: event.target.value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    const checked = validateDistrict(draft);
    setErrors(checked.errors);
    if (!checked.values) {
      setFormError(ru.form.fixErrors);
      return;
    }
    try {
      const result = await createDistrict({ variables: { input: checked.values } });
      const created = result.data?.createDistrict;
      if (created) {
        navigate(districtPath(created.id), { state: { notice: ru.createDistrict.created(created.name) } });
      }
    } catch (error) {
      const appError = classifyError(error);
      const fieldErrors: FieldErrors<keyof DistrictDraft> = {};
      for (const key of FIELDS) if (appError.fieldErrors[key]) fieldErrors[key] = appError.fieldErrors[key];
      setErrors(fieldErrors);
      setFormError(Object.keys(fieldErrors).length > 0 ? ru.form.fixErrors : appError.message);
    }
  }

  return (
    <>
      <PageTitle>{ru.createDistrict.title}</PageTitle>
      <p className="muted measure">{ru.createDistrict.intro}</p>
      {regions.error ? (
        <ErrorState error={regions.error} onRetry={() => void regions.refetch()} asPage={false} />
      ) : !regions.data ? (
        <Loading />
      ) : (
        <form className="form panel measure" onSubmit={(event) => void submit(event)} noValidate>
          <SelectField
            label={ru.createDistrict.region}
            name="regionId"
            value={draft.regionId}
            onChange={update('regionId')}
            error={errors.regionId}
            required
          >
            <option value="">{ru.createDistrict.regionPlaceholder}</option>
            {regions.data.regions.items.map((region) => (
              <option key={region.id} value={region.id}>
                {region.name}
              </option>
            ))}
          </SelectField>
          <TextField
            label={ru.createDistrict.name}
            hint={ru.createDistrict.nameHint}
            name="name"
            value={draft.name}
            onChange={update('name')}
            error={errors.name}
            required
            autoComplete="off"
          />
          <TextField
            label={ru.createDistrict.authorityName}
            hint={ru.createDistrict.authorityNameHint}
            name="authorityName"
            value={draft.authorityName}
            onChange={update('authorityName')}
            error={errors.authorityName}
            required
            autoComplete="off"
          />
          <TextField
            label={ru.createDistrict.code}
            hint={ru.createDistrict.codeHint}
            name="code"
            value={draft.code}
            onChange={update('code')}
            error={errors.code}
            required
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="none"
          />
          {formError && (
            <p className="notice notice-error" role="alert">
              {formError}
            </p>
          )}
          <div className="form-actions">
            <button type="submit" className="button" disabled={loading}>
              {loading ? ru.createDistrict.submitting : ru.createDistrict.submit}
            </button>
          </div>
        </form>
      )}
    </>
  );
}
