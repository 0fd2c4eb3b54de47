import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Dialog } from '../../components/Dialog';
import { SelectField, TextField } from '../../components/Field';
import { ErrorNotice } from '../../components/Notice';
import { graphql } from '../../gql';
import type { KpiLinkFieldsFragment } from '../../gql/graphql';
import { ru } from '../../i18n/ru';
import { canExecuteRoadmap } from '../../lib/access';
import { classifyError } from '../../lib/errors';
import { kpiLinkHint, kpiLinkLight, kpiLinkValue, LIGHT_COLOURS } from '../../lib/monitoring';
import { useMe } from '../../me';
import { useDistrictScope } from './useDistrictScope';

export const KpiLinkFieldsFragmentDoc = graphql(`
  fragment KpiLinkFields on RoadmapItemKpiLink {
    kpi
    kpiLabelRu
    target
    op
    opRu
    current
    currentDisplay
    status
    statusRu
    describedRu
    source
    setByName
    academicYear
    figures {
      ...KpiFields
    }
  }
`);

export const RevisionKpiLinksQuery = graphql(`
  query RevisionKpiLinks($id: ID!) {
    linkableKpis {
      code
      labelRu
      defaultTarget
    }
    roadmapRevision(id: $id) {
      id
      roadmap {
        id
        level
        organization {
          id
          district {
            id
          }
        }
      }
      sections {
        id
        items {
          id
          suggestedKpi
          kpiLink {
            ...KpiLinkFields
          }
        }
      }
    }
  }
`);

const SetLink = graphql(`
  mutation SetRoadmapItemKpiLink($input: SetRoadmapItemKpiLinkInput!) {
    setRoadmapItemKpiLink(input: $input) {
      id
      suggestedKpi
      kpiLink {
        ...KpiLinkFields
      }
    }
  }
`);

const ClearLink = graphql(`
  mutation ClearRoadmapItemKpiLink($itemId: ID!) {
    clearRoadmapItemKpiLink(itemId: $itemId) {
      id
      suggestedKpi
      kpiLink {
        ...KpiLinkFields
      }
    }
  }
`);

const ResetLink = graphql(`
  mutation ResetRoadmapItemKpiLink($itemId: ID!) {
    resetRoadmapItemKpiLink(itemId: $itemId) {
      id
      suggestedKpi
      kpiLink {
        ...KpiLinkFields
      }
    }
  }
`);

export interface ItemKpiLinks {
  byItem: ReadonlyMap<string, { link: KpiLinkFieldsFragment | null; suggestedKpi: string | null }>;
  linkable: ReadonlyArray<{ code: string; labelRu: string; defaultTarget?: number | null }>;
  canEdit: boolean;
}

/** The live KPI links of a revision's items (one query), and whether the viewer (the roadmap's author) may change them. */
export function useItemKpiLinks(revisionId: string): ItemKpiLinks | null {
  const scope = useDistrictScope();
  const { grants } = useMe();
  const { data } = useQuery(RevisionKpiLinksQuery, { variables: { id: revisionId }, context: scope.context, fetchPolicy: 'cache-and-network' });
  const revision = data?.roadmapRevision;
  if (!data || !revision) return null;
  const byItem = new Map(
    revision.sections.flatMap((section) =>
      section.items.map((item) => [item.id, { link: item.kpiLink ?? null, suggestedKpi: item.suggestedKpi ?? null }] as const),
    ),
  );
  const roadmap = revision.roadmap;
  const canEdit = canExecuteRoadmap(grants, {
    level: roadmap.level,
    organizationId: roadmap.organization?.id,
    districtId: roadmap.organization?.district.id ?? scope.districtId,
  });
  return { byItem, linkable: data.linkableKpis, canEdit };
}

/**
 * Beside an item's indicator: the linked KPI's live status (выполнено / не выполнено / нет данных
 * with the value; the condition, formula and inputs on hover), and for the author: accept the
 * suggested link, choose another KPI, clear it or bring the suggestion back.
 */
export function ItemKpiLink({ itemId, number, links }: { itemId: string; number: string; links: ItemKpiLinks }) {
  const scope = useDistrictScope();
  const entry = links.byItem.get(itemId);
  const [choosing, setChoosing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const options = { context: scope.context };
  const [setLink, setState] = useMutation(SetLink, options);
  const [clearLink, clearState] = useMutation(ClearLink, options);
  const [resetLink, resetState] = useMutation(ResetLink, options);
  if (!entry) return null;
  const { link, suggestedKpi } = entry;
  if (!link && !(links.canEdit && suggestedKpi)) return null;
  const busy = setState.loading || clearState.loading || resetState.loading;
  const run = (promise: Promise<unknown>) => {
    setError(null);
    promise.catch((failure: unknown) => setError(classifyError(failure).message));
  };
  const light = link ? kpiLinkLight(link.status) : 'grey';
  return (
    <span className="item-kpi-link" data-testid={`kpi-link-${number}`}>
      {link ? (
        <span className={`kpi-link-status kpi-link-${link.status}`} title={kpiLinkHint(link)} tabIndex={0} data-status={link.status}>
          <span className="light-dot" style={{ background: LIGHT_COLOURS[light] }} aria-hidden="true" />
          <span className="cell-caption">{ru.monitoring.link.label}: </span>
          {link.describedRu} — <strong>{link.statusRu}</strong>
          {kpiLinkValue(link) ? ` (${kpiLinkValue(link)})` : null}
          {link.source === 'suggested' && <span className="muted"> · {ru.monitoring.link.suggestedBadge}</span>}
        </span>
      ) : (
        <span className="muted">{ru.monitoring.link.none}</span>
      )}
      {links.canEdit && (
        <span className="item-kpi-actions">
          {link?.source === 'suggested' && (
            <button
              type="button"
              className="button button-small"
              disabled={busy}
              aria-label={ru.monitoring.link.acceptLabel(number)}
              onClick={() => run(setLink({ variables: { input: { itemId, kpi: link.kpi, target: link.target, op: link.op } } }))}
            >
              {ru.monitoring.link.accept}
            </button>
          )}
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={busy}
            aria-label={ru.monitoring.link.changeLabel(number)}
            onClick={() => setChoosing(true)}
          >
            {ru.monitoring.link.change}
          </button>
          {link && (
            <button
              type="button"
              className="button button-secondary button-small"
              disabled={busy}
              aria-label={ru.monitoring.link.clearLabel(number)}
              onClick={() => run(clearLink({ variables: { itemId } }))}
            >
              {ru.monitoring.link.clear}
            </button>
          )}
          {suggestedKpi && link?.source !== 'suggested' && (
            <button
              type="button"
              className="button button-secondary button-small"
              disabled={busy}
              aria-label={ru.monitoring.link.resetLabel(number)}
              onClick={() => run(resetLink({ variables: { itemId } }))}
            >
              {ru.monitoring.link.reset}
            </button>
          )}
        </span>
      )}
      {error && <ErrorNotice>{error}</ErrorNotice>}
      {choosing && (
        <ChooseKpiDialog
          number={number}
          linkable={links.linkable}
          initial={link ? { kpi: link.kpi, target: String(link.target) } : { kpi: suggestedKpi ?? links.linkable[0]?.code ?? '', target: '' }}
          onClose={() => setChoosing(false)}
          onSave={(kpi, target) =>
            setLink({ variables: { input: { itemId, kpi, target } } }).then(() => {
              setChoosing(false);
            })
          }
        />
      )}
    </span>
  );
}

function ChooseKpiDialog({
  number,
  linkable,
  initial,
  onClose,
  onSave,
}: {
  number: string;
  linkable: ItemKpiLinks['linkable'];
  initial: { kpi: string; target: string };
  onClose: () => void;
  onSave: (kpi: string, target: number | null) => Promise<unknown>;
}) {
  const [kpi, setKpi] = useState(initial.kpi);
  const [target, setTarget] = useState(initial.target);
  const [errors, setErrors] = useState<{ kpi?: string; target?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  const chosen = linkable.find((option) => option.code === kpi);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const text = target.trim().replace(',', '.');
    const value = text === '' ? null : Number(text);
    if (value !== null && (!Number.isFinite(value) || value < 0 || value > 100)) {
      setErrors({ target: ru.monitoring.link.badTarget });
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      await onSave(kpi, value);
    } catch (failure) {
      const appError = classifyError(failure);
      setErrors({
        kpi: appError.fieldErrors.kpi,
        target: appError.fieldErrors.target,
        form: appError.fieldErrors.kpi || appError.fieldErrors.target ? undefined : appError.message,
      });
    } finally {
      setBusy(false);
    }
  }
  return (
    <Dialog title={ru.monitoring.link.dialogTitle(number)} onClose={onClose}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <SelectField label={ru.monitoring.link.choose} value={kpi} onChange={(event) => setKpi(event.target.value)} error={errors.kpi} required>
          {linkable.map((option) => (
            <option key={option.code} value={option.code}>
              {option.labelRu}
            </option>
          ))}
        </SelectField>
        <TextField
          label={ru.monitoring.link.target}
          inputMode="decimal"
          value={target}
          onChange={(event) => setTarget(event.target.value)}
          error={errors.target}
          hint={
            chosen?.defaultTarget !== null && chosen?.defaultTarget !== undefined
              ? `${ru.monitoring.link.targetHint} (${chosen.defaultTarget} %)`
              : ru.monitoring.link.targetHint
          }
        />
        {errors.form && <ErrorNotice>{errors.form}</ErrorNotice>}
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy}>
            {ru.monitoring.link.save}
          </button>
          <button type="button" className="button button-secondary" onClick={onClose}>
            {ru.monitoring.link.cancel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
