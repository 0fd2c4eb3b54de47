import { useMutation, useQuery } from '@apollo/client/react';
import { IMPORT_FIELD_LABELS_RU, IMPORT_FIELDS, type ImportedItem, type ImportField } from '@nastavnik/domain';
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../../auth/context';
import { ErrorState } from '../../components/ErrorState';
import { Field, SelectField } from '../../components/Field';
import { ErrorNotice, Notice } from '../../components/Notice';
import { PageTitle } from '../../components/PageTitle';
import { graphql } from '../../gql';
import { ru } from '../../i18n/ru';
import { canImportRoadmaps, curatorOrganizations, isDistrictOfficerOf } from '../../lib/access';
import { classifyError, forbiddenError } from '../../lib/errors';
import {
  changeMapping,
  effectiveField,
  importErrorMessage,
  isImportField,
  mappingToInput,
  previewImport,
  repreviewImport,
  type ColumnMapping,
  type ImportPreviewResponse,
} from '../../lib/imports';
import { isoToRu } from '../../lib/roadmap/dates';
import { useMe } from '../../me';
import { AFTER_DECISION, CampaignOrganizationsQuery } from './documents';
import { useDistrictScope } from './useDistrictScope';
import { toast } from '../../components/Toasts';
import { TableWrap } from '../../components/TableWrap';

export const CreateRoadmapFromImportMutation = graphql(`
  mutation CreateRoadmapFromImport($input: CreateRoadmapFromImportInput!) {
    createRoadmapFromImport(input: $input) {
      id
      latestRevision {
        id
      }
    }
  }
`);

export const ImportCampaignQuery = graphql(`
  query ImportCampaign($id: ID!) {
    campaign(id: $id) {
      id
      title
    }
  }
`);

/**
 * «Импорт из файла»: upload a roadmap document, see how it was read (header blocks, columns with
 * their mapping — changeable —, sections and items with flagged issues), then create the draft.
 * `?campaign=` answers a campaign; `?organization=` preselects the school (district officer).
 */
export function ImportPage() {
  const scope = useDistrictScope();
  const { grants } = useMe();
  if (!canImportRoadmaps(grants, scope.districtId)) return <ErrorState error={forbiddenError()} />;
  return <ImportFlow />;
}

function ImportFlow() {
  const scope = useDistrictScope();
  const { grants } = useMe();
  const auth = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const campaignId = params.get('campaign') || null;
  const officer = isDistrictOfficerOf(grants, scope.districtId);
  const own = curatorOrganizations(grants);
  const organizations = useQuery(CampaignOrganizationsQuery, {
    variables: { districtId: scope.districtId ?? '' },
    context: scope.context,
    skip: !officer || !scope.districtId,
  });
  const campaign = useQuery(ImportCampaignQuery, { variables: { id: campaignId ?? '' }, context: scope.context, skip: !campaignId });
  const schools = officer ? (organizations.data?.organizations.items ?? []).map((o) => ({ id: o.id, shortName: o.shortName })) : own;
  const [organizationId, setOrganizationId] = useState(params.get('organization') ?? (officer ? '' : (own[0]?.id ?? '')));
  const fileInput = useRef<HTMLInputElement>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportPreviewResponse | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [updating, setUpdating] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [create, { loading: creating }] = useMutation(CreateRoadmapFromImportMutation, { context: scope.context, refetchQueries: AFTER_DECISION });

  async function upload(event: FormEvent) {
    event.preventDefault();
    const file = fileInput.current?.files?.[0];
    setFileError(null);
    if (!file) {
      setFileError(ru.imports.noFile);
      return;
    }
    setBusy(true);
    try {
      const response = await previewImport(() => auth.getToken(), file, { organizationId: organizationId || null, campaignId, headers: scope.context.headers });
      setMapping({});
      setResult(response);
    } catch (error) {
      setFileError(importErrorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  async function remap(index: number, field: ImportField | null) {
    if (!result) return;
    const next = changeMapping(result.preview.columns, mapping, index, field);
    setMapping(next);
    setUpdating(true);
    setFailure(null);
    try {
      setResult(await repreviewImport(() => auth.getToken(), result.uploadId, { mapping: next, campaignId, headers: scope.context.headers }));
    } catch (error) {
      setFailure(importErrorMessage(error));
    } finally {
      setUpdating(false);
    }
  }

  async function createDraft() {
    if (!result) return;
    setFailure(null);
    try {
      const response = await create({
        variables: {
          input: {
            uploadId: result.uploadId,
            organizationId: result.organization?.id ?? (organizationId || null),
            campaignId: result.campaignId ?? campaignId,
            columnMapping: mappingToInput(mapping),
          },
        },
      });
      const roadmap = response.data?.createRoadmapFromImport;
      if (roadmap) {
        toast.success(ru.imports.created);
        navigate(scope.paths.roadmap(roadmap.id));
      }
    } catch (error) {
      setFailure(classifyError(error).message);
    }
  }

  return (
    <>
      <nav aria-label={ru.roadmap.breadcrumbs} className="breadcrumbs">
        <Link to={scope.paths.list()}>{ru.campaigns.listTitle}</Link>
        {campaign.data?.campaign && (
          <>
            {' › '}
            <Link to={scope.paths.campaign(campaign.data.campaign.id)}>{campaign.data.campaign.title}</Link>
          </>
        )}
      </nav>
      <PageTitle>{result ? ru.imports.previewTitle : ru.imports.title}</PageTitle>
      {campaign.data?.campaign && <p className="muted">{ru.imports.forCampaign(campaign.data.campaign.title)}</p>}

      {!result ? (
        <form className="form panel measure" onSubmit={(event) => void upload(event)} noValidate>
          <p className="muted">{ru.imports.intro}</p>
          {(officer || schools.length > 1) && (
            <SelectField
              label={ru.imports.organization}
              name="organizationId"
              value={organizationId}
              onChange={(event) => setOrganizationId(event.target.value)}
            >
              {officer && <option value="">{ru.imports.organizationFromFile}</option>}
              {schools.map((school) => (
                <option key={school.id} value={school.id}>
                  {school.shortName}
                </option>
              ))}
            </SelectField>
          )}
          <Field label={ru.imports.file} hint={ru.imports.fileHint} error={fileError ?? undefined} required>
            {(control) => (
              <input
                {...control}
                ref={fileInput}
                type="file"
                name="file"
                className="input-file"
                accept=".docx,.doc,.rtf,.odt,.pdf,.xlsx,.txt"
                onChange={() => setFileError(null)}
              />
            )}
          </Field>
          <div className="form-actions">
            <button type="submit" className="button" disabled={busy}>
              {busy ? ru.imports.uploading : ru.imports.upload}
            </button>
            <Link className="button button-secondary" to={campaignId ? scope.paths.campaign(campaignId) : scope.paths.list()}>
              {ru.form.cancel}
            </Link>
          </div>
        </form>
      ) : (
        <PreviewView
          result={result}
          mapping={mapping}
          updating={updating}
          onRemap={(index, field) => void remap(index, field)}
          footer={
            <>
              <ErrorNotice>{failure}</ErrorNotice>
              <div className="form-actions">
                <button type="button" className="button" disabled={creating || updating || Boolean(result.draft.error)} onClick={() => void createDraft()}>
                  {creating ? ru.imports.creating : ru.imports.create}
                </button>
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() => {
                    setResult(null);
                    setMapping({});
                    setFailure(null);
                  }}
                >
                  {ru.imports.another}
                </button>
              </div>
            </>
          }
        />
      )}
    </>
  );
}

function PreviewView({
  result,
  mapping,
  updating,
  onRemap,
  footer,
}: {
  result: ImportPreviewResponse;
  mapping: ColumnMapping;
  updating: boolean;
  onRemap: (index: number, field: ImportField | null) => void;
  footer: ReactNode;
}) {
  const { preview, draft, organization } = result;
  const header = preview.header;
  const issues = preview.sections.reduce((sum, section) => sum + section.issues.length + section.items.reduce((n, item) => n + item.issues.length, 0), 0);
  const columns = preview.columns;
  const shown = IMPORT_FIELDS.filter(
    (field) => field !== 'number' && field !== 'activity' && columns.some((column) => effectiveField(columns, mapping, column.index) === field),
  );
  return (
    <div aria-busy={updating} className={updating ? 'import-updating' : undefined}>
      <dl className="facts">
        <div>
          <dt>{ru.imports.reportFile}</dt>
          <dd>{result.fileName}</dd>
        </div>
        <div>
          <dt>{ru.imports.organization}</dt>
          <dd>
            {organization ? organization.shortName : <span className="cell-note-warning">{ru.imports.noOrganization}</span>}
            {organization && <span className="cell-note">{ru.imports.matchedBy[organization.matchedBy] ?? ''}</span>}
          </dd>
        </div>
        <div>
          <dt>{ru.imports.programme}</dt>
          <dd>{draft.programmeName}</dd>
        </div>
        <div>
          <dt>{ru.imports.period}</dt>
          <dd>
            {isoToRu(draft.periodStart)} – {isoToRu(draft.periodEnd)}
            {header.period && <span className="cell-note">{header.period.text}</span>}
          </dd>
        </div>
      </dl>

      <section className="panel" aria-labelledby="import-header">
        <h2 id="import-header">{ru.imports.header}</h2>
        <div className="approval-blocks">
          <div className="approval-block" data-testid="import-agreement">
            {header.agreement ? (
              <p className="pre-line">{header.agreement.text}</p>
            ) : (
              <>
                <p className="approval-block-title">{ru.imports.agreement}</p>
                <p className="muted">{ru.imports.noBlock}</p>
              </>
            )}
          </div>
          <div className="approval-block approval-block-right" data-testid="import-approval">
            {header.approval ? (
              <p className="pre-line">{header.approval.text}</p>
            ) : (
              <>
                <p className="approval-block-title">{ru.imports.approval}</p>
                <p className="muted">{ru.imports.noBlock}</p>
              </>
            )}
          </div>
        </div>
        <p className="field-hint">{ru.imports.blocksNote}</p>
        <p className="import-title" data-testid="import-title">
          <span className="muted">{ru.imports.draftTitle}: </span>
          <strong>{draft.title}</strong>
        </p>
        {draft.warnings.length > 0 && (
          <>
            <h3>{ru.imports.draftNotes}</h3>
            <ul>
              {draft.warnings.map((warning, index) => (
                <li key={index}>
                  {warning.where}: {warning.message}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      {draft.error && <Notice tone="error">{draft.error.message}</Notice>}

      <section className="panel" aria-labelledby="import-columns">
        <h2 id="import-columns">{ru.imports.columns}</h2>
        <p className="muted">{ru.imports.columnsIntro}</p>
        <TableWrap>
          <table className="table" data-testid="import-columns">
            <thead>
              <tr>
                <th scope="col">{ru.imports.columnNumber}</th>
                <th scope="col">{ru.imports.heading}</th>
                <th scope="col">{ru.imports.recognised}</th>
                <th scope="col">{ru.imports.mappedTo}</th>
              </tr>
            </thead>
            <tbody>
              {preview.columns.map((column) => {
                const value = effectiveField(preview.columns, mapping, column.index);
                return (
                  <tr key={column.index} className={value === null ? 'row-flagged' : undefined}>
                    <td>{column.index + 1}</td>
                    <th scope="row">{column.heading || <span className="muted">{ru.imports.noHeading}</span>}</th>
                    <td>{column.reason}</td>
                    <td>
                      <select
                        className="input"
                        aria-label={ru.imports.columnSelect(column.index + 1, column.heading)}
                        value={value ?? ''}
                        disabled={updating}
                        onChange={(event) => onRemap(column.index, isImportField(event.target.value) ? event.target.value : null)}
                      >
                        <option value="">{ru.imports.asText}</option>
                        {IMPORT_FIELDS.map((field) => (
                          <option key={field} value={field}>
                            {IMPORT_FIELD_LABELS_RU[field]}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
        {updating && <p className="muted">{ru.imports.updating}</p>}
      </section>

      <section aria-labelledby="import-content">
        <h2 id="import-content">{ru.imports.content}</h2>
        <p className="muted" data-testid="import-stats">
          {ru.imports.stats(preview.stats.rows, preview.stats.sections, preview.stats.items)}
          {issues > 0 && <span className="status status-returned import-issues-count">{ru.imports.issuesCount(issues)}</span>}
        </p>
        <TableWrap>
          <table className="table import-table" data-testid="import-items">
            <thead>
              <tr>
                <th scope="col">{ru.imports.number}</th>
                <th scope="col">{ru.imports.activity}</th>
                {shown.map((field) => (
                  <th key={field} scope="col">
                    {IMPORT_FIELD_LABELS_RU[field]}
                  </th>
                ))}
                <th scope="col">{ru.imports.notes}</th>
              </tr>
            </thead>
            <tbody>
              {preview.sections.map((section) => (
                <SectionRows key={section.position} section={section} shown={shown} />
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>

      {(preview.warnings.length > 0 || preview.unmapped.length > 0) && (
        <section className="panel" aria-labelledby="import-warnings">
          <h2 id="import-warnings">{ru.imports.warnings}</h2>
          <ul>
            {preview.warnings.map((warning, index) => (
              <li key={`w${index}`}>
                <span className="muted">{warning.where}: </span>
                {warning.message}
              </li>
            ))}
            {preview.unmapped.map((text, index) => (
              <li key={`u${index}`}>
                <span className="muted">
                  {text.where} ({text.reason}):{' '}
                </span>
                {text.text}
              </li>
            ))}
          </ul>
        </section>
      )}
      {footer}
    </div>
  );
}

type Section = ImportPreviewResponse['preview']['sections'][number];
type ShownField = Exclude<ImportField, 'number' | 'activity'>;

const ITEM_VALUE: Record<ShownField, (item: ImportedItem) => string> = {
  content: (item) => item.content,
  deadline: (item) => item.deadlineText,
  responsible: (item) => item.responsible,
  expectedResult: (item) => item.expectedResult,
  indicator: (item) => item.indicator,
  document: (item) => item.document,
  // A stage column's text is its section's title, not an item's.
  stage: () => '',
};

/** Which field an issue belongs to (`deadlineText` → the deadline column). */
function issueField(field: string): string {
  return field === 'deadlineText' ? 'deadline' : field;
}

function SectionRows({ section, shown }: { section: Section; shown: readonly ImportField[] }) {
  const span = shown.length + 3;
  return (
    <>
      <tr className="import-section-row">
        <th scope="rowgroup" colSpan={span}>
          {section.number ? `${section.number} ` : ''}
          {section.title}
          {section.task && <span className="cell-note">{ru.imports.sectionTask(section.task)}</span>}
          {section.result && <span className="cell-note">{ru.imports.sectionResult(section.result)}</span>}
          {section.issues.map((issue, index) => (
            <span key={index} className="cell-note cell-note-warning">
              {issue.message}
            </span>
          ))}
        </th>
      </tr>
      {section.items.map((item) => {
        const flagged = item.issues.length > 0 || item.unmapped.length > 0;
        const flaggedFields = new Set(item.issues.map((issue) => issueField(issue.field)));
        return (
          <tr key={item.position} className={flagged ? 'row-flagged' : undefined} data-flagged={flagged ? 'true' : undefined}>
            <td>{item.number}</td>
            <td className={flaggedFields.has('activity') ? 'cell-flagged' : undefined}>{item.activity}</td>
            {shown.map((field) => (
              <td key={field} className={flaggedFields.has(field) ? 'cell-flagged' : undefined}>
                {ITEM_VALUE[field as ShownField](item)}
              </td>
            ))}
            <td>
              {item.issues.map((issue, index) => (
                <span key={`i${index}`} className={`import-issue import-issue-${issue.severity}`}>
                  {issue.message}
                </span>
              ))}
              {item.unmapped.map((text, index) => (
                <span key={`u${index}`} className="import-unmapped" title={text.reason}>
                  {ru.imports.unmappedText(text.heading ?? '', text.text)}
                </span>
              ))}
            </td>
          </tr>
        );
      })}
    </>
  );
}
