import { useMutation, useQuery } from '@apollo/client/react';
import { academicYearOf } from '@nastavnik/domain';
import { useCallback, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorState } from '../components/ErrorState';
import { TextField } from '../components/Field';
import { Loading } from '../components/Loading';
import { ErrorNotice, SuccessNotice } from '../components/Notice';
import { PageTitle } from '../components/PageTitle';
import { graphql } from '../gql';
import { ru } from '../i18n/ru';
import { canOpenDistrict, canSetHeadcount, districtPath } from '../lib/access';
import { notFoundError } from '../lib/errors';
import { formatDateRu, formatNumber } from '../lib/format';
import { useForm } from '../lib/useForm';
import { validateHeadcount, type HeadcountDraft } from '../lib/validation';
import { useMe } from '../me';
import { TableWrap } from '../components/TableWrap';

const OrganizationQuery = graphql(`
  query Organization($id: ID!) {
    organization(id: $id) {
      id
      code
      name
      shortName
      kind
      address
      district {
        id
        name
        region {
          id
          name
        }
      }
      headcounts {
        id
        academicYear
        pupils
        teachers
        updatedAt
      }
    }
  }
`);

const SetHeadcountMutation = graphql(`
  mutation SetHeadcount($input: SetHeadcountInput!) {
    setHeadcount(input: $input) {
      id
      academicYear
      pupils
      teachers
      updatedAt
    }
  }
`);

export function OrganizationPage() {
  const { districtId = '', organizationId = '' } = useParams();
  const { grants, districtContext } = useMe();
  const { data, error, refetch } = useQuery(OrganizationQuery, {
    variables: { id: organizationId },
    context: districtContext(districtId),
  });

  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!data) return <Loading />;
  const organization = data.organization;
  if (!organization) return <ErrorState error={notFoundError()} />;

  const headcounts = [...organization.headcounts].sort((a, b) => b.academicYear.localeCompare(a.academicYear));
  const editable = canSetHeadcount(grants, { id: organization.id, districtId: organization.district.id });

  return (
    <>
      <PageTitle title={organization.shortName}>
        {organization.shortName}
        <span className="title-sub">{ru.kinds.organization[organization.kind]}</span>
      </PageTitle>
      <dl className="facts">
        <div className="facts-wide">
          <dt>{ru.organization.fullName}</dt>
          <dd>{organization.name}</dd>
        </div>
        <div>
          <dt>{ru.organization.shortName}</dt>
          <dd>{organization.shortName}</dd>
        </div>
        <div>
          <dt>{ru.organization.kind}</dt>
          <dd>{ru.kinds.organization[organization.kind]}</dd>
        </div>
        <div className="facts-wide">
          <dt>{ru.organization.address}</dt>
          <dd>{organization.address ?? <span className="muted">{ru.organization.addressMissing}</span>}</dd>
        </div>
        <div>
          <dt>{ru.organization.district}</dt>
          <dd>
            {canOpenDistrict(grants, { id: organization.district.id, regionId: organization.district.region.id }) ? (
              <Link to={districtPath(organization.district.id)}>{organization.district.name}</Link>
            ) : (
              organization.district.name
            )}
          </dd>
        </div>
        <div>
          <dt>{ru.organization.region}</dt>
          <dd>{organization.district.region.name}</dd>
        </div>
      </dl>

      <h2 id="headcounts">{ru.organization.headcountsHeading}</h2>
      {headcounts.length === 0 ? (
        <p className="muted">{ru.organization.noHeadcounts}</p>
      ) : (
        <TableWrap fit>
          <table className="table" aria-labelledby="headcounts">
            <thead>
              <tr>
                <th scope="col">{ru.organization.academicYear}</th>
                <th scope="col" className="num">
                  {ru.organization.pupils}
                </th>
                <th scope="col" className="num">
                  {ru.organization.teachers}
                </th>
                <th scope="col">{ru.organization.updatedAt}</th>
              </tr>
            </thead>
            <tbody>
              {headcounts.map((headcount) => (
                <tr key={headcount.id}>
                  <th scope="row">{headcount.academicYear}</th>
                  <td className="num">{formatNumber(headcount.pupils)}</td>
                  <td className="num">{formatNumber(headcount.teachers)}</td>
                  <td>{formatDateRu(headcount.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}

      {editable && <HeadcountForm organizationId={organization.id} districtId={organization.district.id} />}
    </>
  );
}

function HeadcountForm({ organizationId, districtId }: { organizationId: string; districtId: string }) {
  const { districtContext } = useMe();
  const [saved, setSaved] = useState<string | null>(null);
  const clearSaved = useCallback(() => setSaved(null), []);
  const form = useForm<HeadcountDraft>(() => ({ academicYear: academicYearOf(new Date()), pupils: '', teachers: '' }), { onEdit: clearSaved });
  const [setHeadcount, { loading }] = useMutation(SetHeadcountMutation, {
    context: districtContext(districtId),
    refetchQueries: ['Organization'],
    awaitRefetchQueries: true,
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    const values = form.check(validateHeadcount(form.draft));
    if (!values) return;
    try {
      await setHeadcount({ variables: { input: { organizationId, ...values } } });
      setSaved(ru.organization.saved(values.academicYear));
      form.setDraft((current) => ({ ...current, pupils: '', teachers: '' }));
    } catch (error) {
      // Keep what the user typed; show the API's message beside the field it names.
      form.fail(error);
    }
  }

  return (
    <section className="panel" aria-labelledby="headcount-form">
      <h2 id="headcount-form">{ru.organization.headcountFormHeading}</h2>
      <p className="muted">{ru.organization.headcountFormHint}</p>
      <form className="form form-inline" onSubmit={(event) => void submit(event)} noValidate>
        <TextField
          label={ru.organization.academicYear}
          hint={ru.organization.academicYearHint}
          {...form.field('academicYear')}
          required
          autoComplete="off"
          inputMode="numeric"
        />
        <TextField label={ru.organization.pupilsField} {...form.field('pupils')} required inputMode="numeric" autoComplete="off" />
        <TextField label={ru.organization.teachersField} {...form.field('teachers')} required inputMode="numeric" autoComplete="off" />
        <div className="form-actions">
          <button type="submit" className="button" disabled={loading}>
            {loading ? ru.organization.saving : ru.organization.save}
          </button>
        </div>
      </form>
      <ErrorNotice>{form.formError}</ErrorNotice>
      <SuccessNotice>{saved}</SuccessNotice>
    </section>
  );
}
