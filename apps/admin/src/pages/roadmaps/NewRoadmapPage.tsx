import { useMutation, useQuery } from '@apollo/client/react';
import { ROADMAP_CREATION_LIMITS } from '@nastavnik/domain';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorState } from '../../components/ErrorState';
import { SelectField, TextField } from '../../components/Field';
import { DateField } from '../../components/DateField';
import { FormButtons } from '../../components/FormButtons';
import { Loading } from '../../components/Loading';
import { ErrorNotice } from '../../components/Notice';
import { PageTitle } from '../../components/PageTitle';
import type { NewRoadmapContextQuery, RoadmapSource } from '../../gql/graphql';
import { ru } from '../../i18n/ru';
import { forbiddenError, notFoundError } from '../../lib/errors';
import { hasOrganizationRole } from '../../lib/access';
import { isoToRu } from '../../lib/roadmap/dates';
import { validateRoadmapCreation } from '../../lib/roadmap/inputs';
import { useForm } from '../../lib/useForm';
import { useMe } from '../../me';
import { AFTER_DECISION, CreateRoadmapMutation, NewRoadmapContextQuery as NewRoadmapContextDocument } from './documents';
import { useDistrictScope } from './useDistrictScope';
import { toast } from '../../components/Toasts';
import { ComboBox } from '../../components/ComboBox';

const SOURCES: readonly RoadmapSource[] = ['TEMPLATE', 'COPY', 'EMPTY'];

/** A school's roadmap for a campaign: from the standard template, a copy of last year's, or empty. */
export function NewRoadmapPage() {
  const { campaignId = '' } = useParams();
  const scope = useDistrictScope();
  const { grants } = useMe();
  const { data, error, refetch } = useQuery(NewRoadmapContextDocument, { variables: { campaignId }, context: scope.context, fetchPolicy: 'network-only' });
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!data) return <Loading />;
  if (!data.campaign) return <ErrorState error={notFoundError()} />;
  const schools = data.campaign.schools.items.filter((school) => !school.roadmap && hasOrganizationRole(grants, school.organizationId, 'school-curator'));
  if (schools.length === 0) return <ErrorState error={forbiddenError()} />;
  return <NewRoadmapForm campaign={data.campaign} schools={schools} roadmaps={data.roadmaps.items} />;
}

type Data = NewRoadmapContextQuery;

function NewRoadmapForm({
  campaign,
  schools,
  roadmaps,
}: {
  campaign: NonNullable<Data['campaign']>;
  schools: NonNullable<Data['campaign']>['schools']['items'];
  roadmaps: Data['roadmaps']['items'];
}) {
  const scope = useDistrictScope();
  const navigate = useNavigate();
  const form = useForm({
    organizationId: schools[0]!.organizationId,
    programmeName: '',
    periodStart: isoToRu(campaign.periodStart),
    periodEnd: isoToRu(campaign.periodEnd),
    copyFromRoadmapId: '',
    source: '',
  });
  const [source, setSource] = useState<RoadmapSource>('TEMPLATE');
  const copies = roadmaps.filter((roadmap) => roadmap.organization?.id === form.draft.organizationId && roadmap.campaign?.id !== campaign.id);
  const [create, { loading }] = useMutation(CreateRoadmapMutation, { context: scope.context, refetchQueries: AFTER_DECISION });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const d = form.draft;
    // The shared schema (the API checks the same input): every problem at once, beside its field.
    const values = form.check(validateRoadmapCreation(d));
    if (!values) return;
    try {
      const result = await create({
        variables: {
          input: {
            campaignId: campaign.id,
            organizationId: d.organizationId,
            source,
            copyFromRoadmapId: source === 'COPY' ? d.copyFromRoadmapId || copies[0]?.id || null : null,
            programmeName: values.programmeName,
            periodStart: values.periodStart,
            periodEnd: values.periodEnd,
          },
        },
      });
      const roadmap = result.data?.createRoadmap;
      if (roadmap) {
        toast.success(ru.createRoadmap.created);
        navigate(scope.paths.roadmap(roadmap.id));
      }
    } catch (error) {
      form.fail(error);
    }
  }

  return (
    <>
      <nav aria-label={ru.roadmap.breadcrumbs} className="breadcrumbs">
        <Link to={scope.paths.list()}>{ru.campaigns.listTitle}</Link>
        {' › '}
        <Link to={scope.paths.campaign(campaign.id)}>{campaign.title}</Link>
      </nav>
      <PageTitle>{ru.createRoadmap.title}</PageTitle>
      <p className="muted">{ru.createRoadmap.forCampaign(campaign.title)}</p>
      <form className="form panel measure" onSubmit={(event) => void submit(event)} noValidate>
        {schools.length > 1 && (
          <ComboBox
            label={ru.campaigns.organization}
            {...form.valueField('organizationId')}
            required
            items={schools.map((school) => ({ id: school.organizationId, label: school.organization.shortName }))}
          />
        )}
        <fieldset className={`fieldset${form.errors.source ? ' field-invalid' : ''}`}>
          <legend className="field-label">{ru.createRoadmap.source}</legend>
          {SOURCES.map((value) => {
            const disabled = value === 'COPY' && copies.length === 0;
            return (
              <label key={value} className={`choice choice-card${disabled ? ' choice-disabled' : ''}`}>
                <input type="radio" name="source" value={value} checked={source === value} disabled={disabled} onChange={() => setSource(value)} />
                <span>
                  <strong>{ru.createRoadmap.sources[value]}</strong>
                  <span className="field-hint">{disabled ? ru.createRoadmap.noCopySource : ru.createRoadmap.sourceHints[value]}</span>
                </span>
              </label>
            );
          })}
          {form.errors.source && <p className="field-error">{form.errors.source}</p>}
        </fieldset>
        {source === 'COPY' && copies.length > 0 && (
          <SelectField label={ru.createRoadmap.copyFrom} {...form.field('copyFromRoadmapId')} value={form.draft.copyFromRoadmapId || copies[0]!.id}>
            {copies.map((roadmap) => (
              <option key={roadmap.id} value={roadmap.id}>
                {roadmap.title}
              </option>
            ))}
          </SelectField>
        )}
        <TextField
          label={ru.createRoadmap.programmeName}
          hint={ru.createRoadmap.programmeNameHint}
          {...form.field('programmeName')}
          required
          maxChars={ROADMAP_CREATION_LIMITS.programmeName}
          autoComplete="off"
        />
        <div className="form-grid form-grid-2">
          <DateField label={ru.createRoadmap.periodStart} {...form.valueField('periodStart')} required />
          <DateField label={ru.createRoadmap.periodEnd} {...form.valueField('periodEnd')} required />
        </div>
        <ErrorNotice>{form.formError}</ErrorNotice>
        <FormButtons
          label={ru.createRoadmap.submit}
          busy={loading}
          busyLabel={ru.createRoadmap.submitting}
          cancel={{ to: scope.paths.campaign(campaign.id) }}
        />
      </form>
    </>
  );
}
