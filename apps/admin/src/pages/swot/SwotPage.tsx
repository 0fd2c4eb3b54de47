import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { DownloadButton } from '../../components/DownloadButton';
import { ErrorState } from '../../components/ErrorState';
import { TextField } from '../../components/Field';
import { DateField } from '../../components/DateField';
import { Loading } from '../../components/Loading';
import { ErrorNotice, SuccessNotice } from '../../components/Notice';
import { PageTitle } from '../../components/PageTitle';
import { graphql } from '../../gql';
import type { SwotPageQuery as SwotPageData } from '../../gql/graphql';
import { ru } from '../../i18n/ru';
import { hasOrganizationRole, hasRole } from '../../lib/access';
import { classifyError } from '../../lib/errors';
import {
  checkSwot,
  hasSwotErrors,
  isoDateRu,
  monitoringExports,
  monitoringPaths,
  SWOT_LIMITS,
  SWOT_LISTS,
  swotErrorsOf,
  type SwotDraft,
  type SwotErrors,
  type SwotList,
} from '../../lib/monitoring';
import { useMe } from '../../me';
import { useAcademicYear, YearSelect } from '../monitoring/shared';
import { useDistrictScope } from '../roadmaps/useDistrictScope';

const SwotPageQuery = graphql(`
  query SwotPage($organizationId: ID!, $academicYear: String!) {
    organization(id: $organizationId) {
      id
      shortName
    }
    swotForm(organizationId: $organizationId, academicYear: $academicYear) {
      ...SwotFields
    }
  }
`);

export const SwotFieldsFragment = graphql(`
  fragment SwotFields on SwotForm {
    id
    organizationId
    academicYear
    programmeId
    programmeName
    formDate
    strengths
    weaknesses
    opportunities
    threats
    authorName
    version
    updatedAt
  }
`);

const SaveSwot = graphql(`
  mutation SaveSwotForm($input: SaveSwotFormInput!) {
    saveSwotForm(input: $input) {
      ...SwotFields
    }
  }
`);

type Form = NonNullable<SwotPageData['swotForm']>;

/** «SWOT-анализ»: the school's form for the year — edited by its director and curator, read by the district; DOCX export. */
export function SwotPage() {
  const { organizationId = '' } = useParams();
  const scope = useDistrictScope();
  const { grants } = useMe();
  const { year, yearParam } = useAcademicYear();
  const { data, error, refetch } = useQuery(SwotPageQuery, {
    variables: { organizationId, academicYear: year },
    context: scope.context,
    fetchPolicy: 'cache-and-network',
  });
  const canEdit = hasOrganizationRole(grants, organizationId, 'school-director', 'school-curator') || hasRole(grants, 'platform-admin');
  const districtParam = scope.chooses ? scope.districtId : null;
  return (
    <>
      <nav aria-label={ru.roadmap.breadcrumbs} className="breadcrumbs">
        <Link to={monitoringPaths.school(organizationId, districtParam, yearParam)}>{ru.swot.back}</Link>
      </nav>
      <PageTitle>{ru.swot.title}</PageTitle>
      {data?.organization && <p className="lead">{data.organization.shortName}</p>}
      <p className="muted measure">{ru.swot.intro}</p>
      <div className="toolbar">
        <YearSelect />
        {data?.swotForm && (
          <DownloadButton
            label={ru.swot.docx}
            url={monitoringExports.swot(organizationId, year)}
            fallbackName={`${ru.swot.fallbackName}.docx`}
            headers={scope.context.headers}
          />
        )}
      </div>
      {error && !data ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !data ? (
        <Loading />
      ) : canEdit ? (
        <SwotEditor key={year} organizationId={organizationId} academicYear={year} form={data.swotForm ?? null} context={scope.context} />
      ) : (
        <SwotView form={data.swotForm ?? null} />
      )}
    </>
  );
}

function SwotView({ form }: { form: Form | null }) {
  if (!form) return <p className="muted">{ru.swot.notFilled}</p>;
  return (
    <>
      <p className="muted">{ru.swot.readOnly}</p>
      <p className="muted">{ru.swot.meta(form.authorName, isoDateRu(form.formDate), form.version)}</p>
      <div className="swot-grid" data-testid="swot-view">
        {SWOT_LISTS.map((list) => (
          <section key={list} className="swot-quadrant" aria-labelledby={`swot-${list}`}>
            <h2 id={`swot-${list}`}>{ru.swot.lists[list]}</h2>
            {form[list].length === 0 ? (
              <p className="muted">{ru.swot.empty}</p>
            ) : (
              <ul>
                {form[list].map((line, index) => (
                  <li key={index}>{line}</li>
                ))}
              </ul>
            )}
          </section>
        ))}
      </div>
    </>
  );
}

function SwotEditor({
  organizationId,
  academicYear,
  form,
  context,
}: {
  organizationId: string;
  academicYear: string;
  form: Form | null;
  context: { headers?: Record<string, string> };
}) {
  const [draft, setDraft] = useState<SwotDraft>(() => {
    const lines = (list: SwotList) => (form && form[list].length > 0 ? [...form[list]] : ['']);
    return { strengths: lines('strengths'), weaknesses: lines('weaknesses'), opportunities: lines('opportunities'), threats: lines('threats') };
  });
  const [formDate, setFormDate] = useState(form ? isoDateRu(form.formDate) : '');
  const [version, setVersion] = useState<number | null>(form?.version ?? null);
  const [meta, setMeta] = useState(form ? ru.swot.meta(form.authorName, isoDateRu(form.formDate), form.version) : null);
  const [errors, setErrors] = useState<SwotErrors>({ lines: {}, lists: {} });
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  // Refetching the page's query shows «Скачать DOCX» once the form exists; the editor keeps its state.
  const [save, saveState] = useMutation(SaveSwot, { context, refetchQueries: ['SwotPage'] });

  const edit = (list: SwotList, change: (lines: string[]) => string[]) => {
    setDraft((current) => ({ ...current, [list]: change(current[list]) }));
    // Line numbers move with the change: the lists' messages go until the next check.
    setErrors((current) => ({ ...current, lines: {}, lists: {} }));
    setSaved(false);
  };

  /** The cleaned lists on screen, so the line numbers of the messages match what is shown. */
  const showClean = (values: SwotDraft) =>
    setDraft(Object.fromEntries(SWOT_LISTS.map((list) => [list, values[list].length > 0 ? values[list] : ['']])) as SwotDraft);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    setFormError(null);
    // The shared schema (the API's own check): every problem at once, beside its line, list or date.
    const { values, errors: problems, input } = checkSwot(draft, formDate, academicYear);
    setErrors(problems);
    if (!input || hasSwotErrors(problems)) {
      showClean(values);
      setFormError(problems.other ?? ru.form.fixErrors);
      return;
    }
    try {
      const { strengths, weaknesses, opportunities, threats } = input;
      const result = await save({
        variables: {
          input: { organizationId, academicYear, formDate: input.formDate, expectedVersion: version, strengths, weaknesses, opportunities, threats },
        },
      });
      const next = result.data?.saveSwotForm;
      if (next) {
        setVersion(next.version);
        setMeta(ru.swot.meta(next.authorName, isoDateRu(next.formDate), next.version));
        setFormDate(isoDateRu(next.formDate));
        setDraft(Object.fromEntries(SWOT_LISTS.map((list) => [list, next[list].length > 0 ? [...next[list]] : ['']])) as SwotDraft);
      }
      setSaved(true);
    } catch (failure) {
      const appError = classifyError(failure);
      // The API names the line (`weaknesses[0]`) of the lists as sent (already cleaned).
      showClean(values);
      const placed = swotErrorsOf(appError.fieldErrors);
      setErrors(placed);
      setFormError(placed.other ?? (hasSwotErrors(placed) ? ru.form.fixErrors : appError.message));
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate data-testid="swot-form">
      {!form && <p className="muted">{ru.swot.notFilled}</p>}
      {meta && <p className="muted">{meta}</p>}
      <div className="swot-grid">
        {SWOT_LISTS.map((list) => (
          <fieldset key={list} className="swot-quadrant">
            <legend>{ru.swot.lists[list]}</legend>
            {errors.lists[list] && <p className="field-error">{errors.lists[list]}</p>}
            {draft[list].map((line, index) => (
              <div key={index} className="swot-line">
                <TextField
                  label={ru.swot.line(ru.swot.lists[list], index + 1)}
                  value={line}
                  maxChars={SWOT_LIMITS.itemLength}
                  onChange={(event) => {
                    const value = event.target.value;
                    edit(list, (lines) => lines.map((old, i) => (i === index ? value : old)));
                  }}
                  error={errors.lines[list]?.[index]}
                  fieldClassName="swot-line-field"
                />
                <button
                  type="button"
                  className="button button-secondary button-small"
                  aria-label={ru.swot.removeLabel(ru.swot.lists[list], index + 1)}
                  onClick={() => edit(list, (lines) => (lines.length > 1 ? lines.filter((_, i) => i !== index) : ['']))}
                >
                  {ru.swot.remove}
                </button>
              </div>
            ))}
            <button
              type="button"
              className="button button-secondary button-small"
              aria-label={ru.swot.addLabel(ru.swot.lists[list])}
              onClick={() => edit(list, (lines) => [...lines, ''])}
            >
              + {ru.swot.add}
            </button>
          </fieldset>
        ))}
      </div>
      <DateField
        label={ru.swot.formDate}
        hint={ru.swot.formDateHint}
        value={formDate}
        onChange={(value) => {
          setFormDate(value);
          setErrors((current) => ({ ...current, formDate: undefined }));
        }}
        error={errors.formDate}
      />
      {formError && <ErrorNotice>{formError}</ErrorNotice>}
      {saved && <SuccessNotice>{ru.swot.saved}</SuccessNotice>}
      <div className="form-actions">
        <button type="submit" className="button" disabled={saveState.loading}>
          {saveState.loading ? ru.swot.saving : ru.swot.save}
        </button>
      </div>
    </form>
  );
}
