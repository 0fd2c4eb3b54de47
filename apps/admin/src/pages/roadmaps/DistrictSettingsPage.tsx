import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { DistrictChooser } from '../../components/DistrictChooser';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { ErrorNotice, SuccessNotice } from '../../components/Notice';
import { PageTitle } from '../../components/PageTitle';
import type { WhoAgrees } from '../../gql/graphql';
import { ru } from '../../i18n/ru';
import { canEditDistrictSettings, canSeeDistrictSettings } from '../../lib/access';
import { classifyError, forbiddenError } from '../../lib/errors';
import { formatDateRu } from '../../lib/format';
import { useMe } from '../../me';
import { DistrictSettingsQuery, SetDistrictSettingsMutation } from './documents';
import { useDistrictScope } from './useDistrictScope';

const CHOICES: readonly WhoAgrees[] = ['HEAD', 'OFFICER'];

/** «Настройки муниципалитета»: who agrees the schools' roadmaps (the head changes it, the officer reads it). */
export function DistrictSettingsPage() {
  const scope = useDistrictScope();
  const { grants } = useMe();
  const [, setParams] = useSearchParams();
  if (scope.districtId && !canSeeDistrictSettings(grants, scope.districtId)) return <ErrorState error={forbiddenError()} />;
  return (
    <>
      <nav aria-label={ru.roadmap.breadcrumbs} className="breadcrumbs">
        <Link to={scope.paths.list()}>{ru.campaigns.listTitle}</Link>
      </nav>
      <PageTitle>{ru.districtSettings.title}</PageTitle>
      {scope.chooses && <DistrictChooser value={scope.districtId ?? ''} onChange={(id) => setParams(id ? { district: id } : {})} />}
      {scope.districtId ? (
        <SettingsForm key={scope.districtId} editable={canEditDistrictSettings(grants, scope.districtId)} />
      ) : (
        <p className="muted">{ru.campaigns.chooseDistrictHint}</p>
      )}
    </>
  );
}

function SettingsForm({ editable }: { editable: boolean }) {
  const scope = useDistrictScope();
  const { data, error, refetch } = useQuery(DistrictSettingsQuery, { context: scope.context, fetchPolicy: 'network-only' });
  const [choice, setChoice] = useState<WhoAgrees | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [save, { loading }] = useMutation(SetDistrictSettingsMutation, { context: scope.context });
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!data) return <Loading />;
  const settings = data.districtSettings;
  const value = choice ?? settings.whoAgrees;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setNotice(null);
    setFailure(null);
    try {
      await save({ variables: { whoAgrees: value } });
      setChoice(null);
      await refetch();
      setNotice(ru.districtSettings.saved);
    } catch (err) {
      setFailure(classifyError(err).message);
    }
  }

  return (
    <form className="form panel measure" onSubmit={(event) => void submit(event)} noValidate data-testid="district-settings">
      <p className="muted">{ru.districtSettings.explanation}</p>
      <fieldset className="fieldset">
        <legend className="field-label">{ru.districtSettings.whoAgrees}</legend>
        {CHOICES.map((option) => (
          <label key={option} className={`choice choice-card${editable ? '' : ' choice-disabled'}`}>
            <input
              type="radio"
              name="whoAgrees"
              value={option}
              checked={value === option}
              disabled={!editable}
              onChange={() => {
                setNotice(null);
                setChoice(option);
              }}
            />
            <span>
              <strong>{ru.districtSettings.options[option]}</strong>
              <span className="field-hint">{ru.districtSettings.hints[option]}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <p className="field-hint" data-testid="district-settings-updated">
        {settings.updatedAt && settings.updatedByName
          ? ru.districtSettings.updated(settings.updatedByName, formatDateRu(settings.updatedAt))
          : ru.districtSettings.neverChanged}
      </p>
      <SuccessNotice>{notice}</SuccessNotice>
      <ErrorNotice>{failure}</ErrorNotice>
      {editable ? (
        <div className="form-actions">
          <button type="submit" className="button" disabled={loading}>
            {loading ? ru.districtSettings.saving : ru.districtSettings.save}
          </button>
        </div>
      ) : (
        <p className="muted">{ru.districtSettings.readOnly}</p>
      )}
    </form>
  );
}
