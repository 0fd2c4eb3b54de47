import { signatureBlockProblems } from '@nastavnik/domain';
import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Dialog } from '../../components/Dialog';
import { TextAreaField, TextField } from '../../components/Field';
import { DateField } from '../../components/DateField';
import { FormButtons } from '../../components/FormButtons';
import { ErrorNotice } from '../../components/Notice';
import type { ApprovalAction, DecideRoadmapMutation, DecideRoadmapMutationVariables } from '../../gql/graphql';
import { ru } from '../../i18n/ru';
import { classifyError, fieldKey } from '../../lib/errors';
import { isoToRu, parseDateRu, signatureName, todayIso } from '../../lib/roadmap/dates';
import { useForm } from '../../lib/useForm';
import { useMe } from '../../me';
import { AFTER_DECISION, DecideMutation } from './documents';

/** An action the user chose: for a comment, the item it is about. */
export interface PendingDecision {
  action: ApprovalAction;
  itemKey?: string | null;
  /** «1.2 Формирование базы наставляемых», shown in the comment dialog. */
  itemLabel?: string | null;
}

export interface DecisionTarget {
  revisionId: string;
  version: number;
  state: string;
  organizationName: string | null;
  authorityName: string | null;
  /** The district's own roadmap: the district head approves, the region agrees. */
  level?: Level;
}

export type DecidedRevision = DecideRoadmapMutation['decideRoadmap'];

const COMMENT_REQUIRED: readonly ApprovalAction[] = ['RETURN', 'RETURN_TO_CURATOR', 'COMMENT'];
const COMMENT_OPTIONAL: readonly ApprovalAction[] = ['SUBMIT_TO_DIRECTOR', 'RECOMMEND_AGREEMENT'];

const capitalize = (text: string) => (text ? text.charAt(0).toLocaleUpperCase('ru') + text.slice(1) : text);

type Level = 'school' | 'district';

export function actionButtonLabel(action: ApprovalAction, state: string, level: Level = 'school'): string {
  if (action === 'CREATE_REVISION' && state === 'AGREED') return ru.actions.amendLabel;
  const district: Partial<Record<ApprovalAction, string>> = ru.actions.districtButtons;
  return (level === 'district' ? district[action] : undefined) ?? ru.actions.buttons[action];
}

function confirmationText(action: ApprovalAction, level: Level): string {
  const district: Partial<Record<ApprovalAction, string>> = ru.actions.districtConfirmations;
  return (level === 'district' ? district[action] : undefined) ?? ru.actions.confirmations[action];
}

/**
 * The dialog of one approval action: УТВЕРЖДАЮ (position, name, date, order), СОГЛАСОВАНО
 * (position, authority, name, date), a return or a comment (the text is required), or a plain
 * confirmation. The API's messages go beside the fields; a conflict (someone acted meanwhile)
 * refreshes the page's data and keeps what was typed.
 */
export function DecisionDialog({
  pending,
  target,
  context,
  onClose,
  onDecided,
  onConflict,
}: {
  pending: PendingDecision;
  target: DecisionTarget;
  context: { headers: Record<string, string> };
  onClose: () => void;
  onDecided: (revision: DecidedRevision, action: ApprovalAction) => void;
  onConflict: () => Promise<unknown>;
}) {
  const { me } = useMe();
  const { action } = pending;
  const level = target.level ?? 'school';
  const today = isoToRu(todayIso());
  const form = useForm({
    comment: '',
    position: capitalize(me.position ?? ''),
    organization: target.organizationName ?? '',
    authority: target.authorityName ?? '',
    name: signatureName(me.displayName),
    date: today,
    orderNumber: '',
    orderDate: '',
  });
  const [decide, { loading }] = useMutation(DecideMutation, { context, refetchQueries: AFTER_DECISION });
  const [conflict, setConflict] = useState(false);

  /**
   * The dates as typed (ДД.ММ.ГГГГ) → ISO, then the block checked by the domain's own rules
   * (signatureBlockProblems, as the API decides): every problem at once, each beside its field.
   */
  function checkBlock(
    block: 'approve' | 'agree',
    fields: ReadonlyArray<keyof typeof form.draft>,
    dateFields: ReadonlyArray<[keyof typeof form.draft, string]>,
  ): Record<string, string | null> | null {
    const out: Record<string, string | null> = {};
    const errors: Partial<Record<keyof typeof form.draft, string>> = {};
    for (const field of fields) out[field] = form.draft[field].trim() || null;
    for (const [field, label] of dateFields) {
      const text = form.draft[field].trim();
      if (!text) continue;
      const iso = parseDateRu(text);
      if (iso) out[field] = iso;
      else errors[field] = ru.dates.invalid(label);
    }
    for (const problem of signatureBlockProblems(block, out)) {
      const field = fieldKey(problem.field) as keyof typeof form.draft | null;
      if (field && field in form.draft && !errors[field]) errors[field] = problem.message;
    }
    return form.check({ errors, values: Object.keys(errors).length ? null : out });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setConflict(false);
    const text = (value: string) => value.trim() || null;
    const input: DecideRoadmapMutationVariables = {
      input: { revisionId: target.revisionId, expectedVersion: target.version, action },
    };
    if (action === 'APPROVE') {
      const checked = checkBlock(
        'approve',
        ['position', 'organization', 'name', 'date', 'orderNumber', 'orderDate'],
        [
          ['date', ru.actions.date],
          ['orderDate', ru.actions.orderDate],
        ],
      );
      if (!checked) return;
      input.input.approval = {
        position: text(form.draft.position),
        organization: text(form.draft.organization),
        name: text(form.draft.name),
        date: checked.date ?? null,
        orderNumber: text(form.draft.orderNumber),
        orderDate: checked.orderDate ?? null,
      };
    } else if (action === 'AGREE') {
      const checked = checkBlock('agree', ['position', 'authority', 'name', 'date'], [['date', ru.actions.date]]);
      if (!checked) return;
      input.input.agreement = {
        position: text(form.draft.position),
        authority: text(form.draft.authority),
        name: text(form.draft.name),
        date: checked.date ?? null,
      };
    } else {
      form.begin();
    }
    if (COMMENT_REQUIRED.includes(action) || COMMENT_OPTIONAL.includes(action)) input.input.comment = text(form.draft.comment);
    if (pending.itemKey) input.input.itemKey = pending.itemKey;
    try {
      const result = await decide({ variables: input });
      if (result.data) onDecided(result.data.decideRoadmap, action);
    } catch (error) {
      if (classifyError(error).kind === 'conflict') {
        setConflict(true);
        await onConflict();
        return;
      }
      form.fail(error);
    }
  }

  const title =
    action === 'APPROVE'
      ? ru.actions.approvalTitle
      : action === 'AGREE'
        ? ru.actions.agreementTitle
        : pending.itemKey
          ? ru.roadmap.commentOnItem
          : actionButtonLabel(action, target.state, level);

  return (
    <Dialog title={title} onClose={onClose} wide={action === 'APPROVE' || action === 'AGREE'}>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <p className="muted">{confirmationText(action, level)}</p>
        {pending.itemLabel && (
          <p className="dialog-context">
            <strong>{ru.actions.commentAbout}:</strong> {pending.itemLabel}
          </p>
        )}
        {action === 'APPROVE' && (
          <div className="form-grid form-grid-2">
            <TextField
              label={ru.actions.position}
              hint={level === 'district' ? ru.actions.positionHintDistrictHead : ru.actions.positionHintDirector}
              {...form.field('position')}
              required
              autoComplete="organization-title"
            />
            <TextField label={ru.actions.organization} {...form.field('organization')} autoComplete="off" />
            <TextField label={ru.actions.name} hint={ru.actions.nameHint} {...form.field('name')} required autoComplete="off" />
            <DateField label={ru.actions.date} {...form.valueField('date')} required />
            <TextField label={ru.actions.orderNumber} {...form.field('orderNumber')} required autoComplete="off" />
            <DateField label={ru.actions.orderDate} {...form.valueField('orderDate')} required />
          </div>
        )}
        {action === 'AGREE' && (
          <>
            <TextField
              label={ru.actions.position}
              hint={level === 'district' ? ru.actions.positionHintRegion : ru.actions.positionHintHead}
              {...form.field('position')}
              required
              autoComplete="organization-title"
            />
            <TextField
              label={level === 'district' ? ru.actions.authorityRegion : ru.actions.authority}
              {...form.field('authority')}
              required
              autoComplete="off"
            />
            <div className="form-grid form-grid-2">
              <TextField label={ru.actions.name} hint={ru.actions.nameHint} {...form.field('name')} required autoComplete="off" />
              <DateField label={ru.actions.date} {...form.valueField('date')} required />
            </div>
          </>
        )}
        {(COMMENT_REQUIRED.includes(action) || COMMENT_OPTIONAL.includes(action)) && (
          <TextAreaField
            label={COMMENT_REQUIRED.includes(action) ? (action === 'COMMENT' ? ru.actions.comment : ru.actions.commentRequired) : ru.actions.commentOptional}
            {...form.field('comment')}
            required={COMMENT_REQUIRED.includes(action)}
            rows={4}
          />
        )}
        {conflict && <ErrorNotice>{ru.actions.conflict}</ErrorNotice>}
        <ErrorNotice>{form.formError}</ErrorNotice>
        <FormButtons
          label={pending.itemKey ? ru.roadmap.commentOnItem : actionButtonLabel(action, target.state, level)}
          busy={loading}
          busyLabel={ru.actions.sending}
          cancel={{ onClick: onClose }}
        />
      </form>
    </Dialog>
  );
}
