import { useMutation } from '@apollo/client/react';
import { academicYearOf, ROADMAP_CREATION_LIMITS } from '@nastavnik/domain';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorState } from '../../components/ErrorState';
import { TextField } from '../../components/Field';
import { DateField } from '../../components/DateField';
import { FormButtons } from '../../components/FormButtons';
import { ErrorNotice } from '../../components/Notice';
import { PageTitle } from '../../components/PageTitle';
import type { RoadmapSource } from '../../gql/graphql';
import { ru } from '../../i18n/ru';
import { isDistrictOfficerOf } from '../../lib/access';
import { forbiddenError } from '../../lib/errors';
import { validateRoadmapCreation } from '../../lib/roadmap/inputs';
import { useForm } from '../../lib/useForm';
import { useMe } from '../../me';
import { AFTER_DECISION, CreateRoadmapMutation } from './documents';
import { useDistrictScope } from './useDistrictScope';
import { toast } from '../../components/Toasts';

const SOURCES: readonly RoadmapSource[] = ['TEMPLATE', 'EMPTY'];

/** «Дорожная карта муниципалитета»: the district officer drafts the district's own roadmap (level DISTRICT). */
export function NewDistrictRoadmapPage() {
  const scope = useDistrictScope();
  const { grants } = useMe();
  if (!isDistrictOfficerOf(grants, scope.districtId)) return <ErrorState error={forbiddenError()} />;
  return <NewDistrictRoadmapForm />;
}

function NewDistrictRoadmapForm() {
  const scope = useDistrictScope();
  const navigate = useNavigate();
  const startYear = Number(academicYearOf(new Date()).slice(0, 4));
  const form = useForm({ programmeName: '', periodStart: `01.09.${startYear}`, periodEnd: `31.08.${startYear + 1}` });
  const [source, setSource] = useState<RoadmapSource>('TEMPLATE');
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
          input: { level: 'DISTRICT', source, programmeName: values.programmeName, periodStart: values.periodStart, periodEnd: values.periodEnd },
        },
      });
      const roadmap = result.data?.createRoadmap;
      if (roadmap) {
        toast.success(ru.districtRoadmap.created);
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
      </nav>
      <PageTitle>{ru.districtRoadmap.create}</PageTitle>
      <p className="muted measure">{ru.districtRoadmap.intro}</p>
      <form className="form panel measure" onSubmit={(event) => void submit(event)} noValidate>
        <fieldset className="fieldset">
          <legend className="field-label">{ru.createRoadmap.source}</legend>
          {SOURCES.map((value) => (
            <label key={value} className="choice choice-card">
              <input type="radio" name="source" value={value} checked={source === value} onChange={() => setSource(value)} />
              <span>
                <strong>{ru.createRoadmap.sources[value]}</strong>
                <span className="field-hint">{ru.districtRoadmap.sourceHints[value]}</span>
              </span>
            </label>
          ))}
        </fieldset>
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
        <FormButtons label={ru.districtRoadmap.create} busy={loading} busyLabel={ru.createRoadmap.submitting} cancel={{ to: scope.paths.list() }} />
      </form>
    </>
  );
}
