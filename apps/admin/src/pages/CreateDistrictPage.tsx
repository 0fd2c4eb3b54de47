import { DISTRICT_LIMITS } from '@nastavnik/domain';
import { useMutation, useQuery } from '@apollo/client/react';
import type { FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ErrorState } from '../components/ErrorState';
import { SelectField, TextField } from '../components/Field';
import { Loading } from '../components/Loading';
import { ErrorNotice } from '../components/Notice';
import { PageTitle } from '../components/PageTitle';
import { graphql } from '../gql';
import { ru } from '../i18n/ru';
import { canCreateDistrict, districtPath } from '../lib/access';
import { forbiddenError } from '../lib/errors';
import { useForm } from '../lib/useForm';
import { validateDistrict, type DistrictDraft } from '../lib/validation';
import { useMe } from '../me';
import { toast } from '../components/Toasts';

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
  const form = useForm<DistrictDraft>({ regionId: '', code: '', name: '', authorityName: '' });
  const [createDistrict, { loading }] = useMutation(CreateDistrictMutation, {
    refetchQueries: ['Districts', 'Regions'],
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const values = form.check(validateDistrict(form.draft));
    if (!values) return;
    try {
      const result = await createDistrict({ variables: { input: values } });
      const created = result.data?.createDistrict;
      if (created) {
        toast.success(ru.createDistrict.created(created.name));
        navigate(districtPath(created.id));
      }
    } catch (error) {
      form.fail(error);
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
          <SelectField label={ru.createDistrict.region} {...form.field('regionId')} required>
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
            maxChars={DISTRICT_LIMITS.name}
            {...form.field('name')}
            required
            autoComplete="off"
          />
          <TextField
            label={ru.createDistrict.authorityName}
            hint={ru.createDistrict.authorityNameHint}
            maxChars={DISTRICT_LIMITS.authorityName}
            {...form.field('authorityName')}
            required
            autoComplete="off"
          />
          <TextField
            label={ru.createDistrict.code}
            hint={ru.createDistrict.codeHint}
            maxChars={DISTRICT_LIMITS.code}
            {...form.field('code')}
            required
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="none"
          />
          <ErrorNotice>{form.formError}</ErrorNotice>
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
