import { useMutation, useQuery } from '@apollo/client/react';
import { academicYearOf, CAMPAIGN_LIMITS, isValidAcademicYear } from '@nastavnik/domain';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorState } from '../../components/ErrorState';
import { TextField } from '../../components/Field';
import { DateField } from '../../components/DateField';
import { FormButtons } from '../../components/FormButtons';
import { ErrorNotice } from '../../components/Notice';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { ru } from '../../i18n/ru';
import { canOpenCampaign } from '../../lib/access';
import { forbiddenError } from '../../lib/errors';
import { validateCampaign } from '../../lib/roadmap/inputs';
import { useForm } from '../../lib/useForm';
import { useMe } from '../../me';
import { CampaignOrganizationsQuery, CreateCampaignMutation } from './documents';
import { useDistrictScope } from './useDistrictScope';

/** «Открыть кампанию»: title, academic year, due date (ДД.ММ.ГГГГ), all or chosen schools of the district. */
export function NewCampaignPage() {
  const scope = useDistrictScope();
  const { grants } = useMe();
  if (!scope.districtId || !canOpenCampaign(grants, scope.districtId)) return <ErrorState error={forbiddenError()} />;
  return <NewCampaignForm districtId={scope.districtId} />;
}

function NewCampaignForm({ districtId }: { districtId: string }) {
  const scope = useDistrictScope();
  const navigate = useNavigate();
  const year = academicYearOf(new Date());
  const form = useForm({ title: ru.campaignForm.titleDefault(year), academicYear: year, dueDate: '', organizationIds: '' });
  const [titleTouched, setTitleTouched] = useState(false);
  const [everyone, setEveryone] = useState(true);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const organizations = useQuery(CampaignOrganizationsQuery, { variables: { districtId }, context: scope.context });
  const [create, { loading }] = useMutation(CreateCampaignMutation, { context: scope.context, refetchQueries: ['Campaigns', 'InboxCount'] });

  async function submit(event: FormEvent) {
    event.preventDefault();
    // The shared schema (the API checks the same input): every problem at once, beside its field.
    const values = form.check(validateCampaign(form.draft, { everyone, chosen: [...chosen] }));
    if (!values) return;
    try {
      const result = await create({
        variables: {
          input: { title: values.title, academicYear: values.academicYear, dueDate: values.dueDate, organizationIds: values.organizationIds },
        },
      });
      const campaign = result.data?.createCampaign;
      if (campaign) navigate(scope.paths.campaign(campaign.id), { state: { notice: ru.campaignForm.created(campaign.title) } });
    } catch (error) {
      form.fail(error);
    }
  }

  return (
    <>
      <nav aria-label={ru.roadmap.breadcrumbs} className="breadcrumbs">
        <Link to={scope.paths.list()}>{ru.campaigns.listTitle}</Link>
      </nav>
      <PageTitle>{ru.campaignForm.title}</PageTitle>
      <p className="muted measure">{ru.campaignForm.intro}</p>
      <form className="form panel measure" onSubmit={(event) => void submit(event)} noValidate>
        <TextField
          label={ru.campaignForm.academicYear}
          hint={ru.campaignForm.academicYearHint}
          {...form.field('academicYear')}
          onChange={(event) => {
            const value = event.target.value;
            form.set('academicYear', value);
            if (!titleTouched && isValidAcademicYear(value.trim())) form.set('title', ru.campaignForm.titleDefault(value.trim()));
          }}
          required
          autoComplete="off"
        />
        <TextField
          label={ru.campaignForm.titleField}
          {...form.field('title')}
          onChange={(event) => {
            setTitleTouched(true);
            form.set('title', event.target.value);
          }}
          required
          maxChars={CAMPAIGN_LIMITS.title}
          autoComplete="off"
        />
        <DateField label={ru.campaignForm.dueDate} {...form.valueField('dueDate')} required />
        <fieldset className={`fieldset${form.errors.organizationIds ? ' field-invalid' : ''}`}>
          <legend className="field-label">{ru.campaignForm.schools}</legend>
          <label className="choice">
            <input type="radio" name="everyone" checked={everyone} onChange={() => setEveryone(true)} /> {ru.campaignForm.allSchools}
          </label>
          <label className="choice">
            <input type="radio" name="everyone" checked={!everyone} onChange={() => setEveryone(false)} /> {ru.campaignForm.chosenSchools}
          </label>
          {!everyone && (
            <QueryState data={organizations.data} error={organizations.error} onRetry={() => void organizations.refetch()}>
              {(current) => (
                <div className="choices-nested">
                  {current.organizations.items.map((organization) => (
                    <label key={organization.id} className="choice">
                      <input
                        type="checkbox"
                        checked={chosen.has(organization.id)}
                        onChange={(event) => {
                          setChosen((set) => {
                            const next = new Set(set);
                            if (event.target.checked) next.add(organization.id);
                            else next.delete(organization.id);
                            return next;
                          });
                          form.setErrors((current) => ({ ...current, organizationIds: undefined }));
                        }}
                      />{' '}
                      {organization.shortName}
                    </label>
                  ))}
                </div>
              )}
            </QueryState>
          )}
          {form.errors.organizationIds && <p className="field-error">{form.errors.organizationIds}</p>}
        </fieldset>
        <ErrorNotice>{form.formError}</ErrorNotice>
        <FormButtons label={ru.campaignForm.submit} busy={loading} busyLabel={ru.campaignForm.submitting} cancel={{ to: scope.paths.list() }} />
      </form>
    </>
  );
}
