import { useMutation } from '@apollo/client/react';
import { EXECUTION_MARK_LIMITS } from '@nastavnik/domain';
import { useState, type FormEvent } from 'react';
import { useAuth } from '../../auth/context';
import { Dialog } from '../../components/Dialog';
import { Field, TextAreaField, TextField } from '../../components/Field';
import { DateField } from '../../components/DateField';
import { FormButtons } from '../../components/FormButtons';
import { ErrorNotice } from '../../components/Notice';
import type { ItemFieldsFragment } from '../../gql/graphql';
import { ru } from '../../i18n/ru';
import { AttachmentError, uploadAttachment } from '../../lib/attachments';
import { isoToRu, todayIso } from '../../lib/roadmap/dates';
import { validateExecutionMark } from '../../lib/roadmap/inputs';
import { useForm } from '../../lib/useForm';
import { AFTER_DECISION, MarkItemDoneMutation } from './documents';

/**
 * «Отметка о выполнении»: the date, the document (number and date), a note, a link and a file
 * (uploaded first through POST /attachments, then named in the mark). At least one piece of
 * evidence is asked for — the number, the note, the link or the file — here and by the API alike.
 */
export function ExecutionDialog({
  item,
  organizationId,
  context,
  onClose,
  onDone,
}: {
  item: ItemFieldsFragment;
  organizationId: string | null;
  context: { headers: Record<string, string> };
  onClose: () => void;
  onDone: () => void;
}) {
  const auth = useAuth();
  const form = useForm({ doneOn: isoToRu(todayIso()), documentNumber: '', documentDate: '', note: '', url: '', file: '' });
  const [file, setFile] = useState<File | null>(null);
  const [uploading, setUploading] = useState(false);
  const [mark, { loading }] = useMutation(MarkItemDoneMutation, { context, refetchQueries: ['RoadmapView', ...AFTER_DECISION] });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const d = form.draft;
    // The shared schema (the API checks the same mark): every problem at once, the missing evidence above the buttons.
    const checked = validateExecutionMark(d, file !== null);
    const values = form.check(checked);
    if (checked.formError) form.setFormError(checked.formError);
    if (!values) return;
    try {
      let attachmentId: string | null = null;
      if (file) {
        setUploading(true);
        try {
          attachmentId = (await uploadAttachment(() => auth.getToken(), file, { organizationId, headers: context.headers })).id;
        } finally {
          setUploading(false);
        }
      }
      await mark({ variables: { input: { itemId: item.id, ...values, attachmentId } } });
      onDone();
    } catch (error) {
      if (error instanceof AttachmentError) {
        form.setErrors({ file: error.appError.message });
        form.setFormError(ru.form.fixErrors);
        return;
      }
      form.fail(error);
    }
  }

  return (
    <Dialog title={ru.execution.dialogTitle} onClose={onClose} wide>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <p className="dialog-context">
          <strong>{item.number}</strong> {item.activity}
        </p>
        <div className="form-grid">
          <DateField label={ru.execution.doneOn} {...form.valueField('doneOn')} />
          <TextField
            label={ru.execution.documentNumber}
            hint={ru.execution.documentNumberHint}
            {...form.field('documentNumber')}
            maxChars={EXECUTION_MARK_LIMITS.documentNumber}
            autoComplete="off"
          />
          <DateField label={ru.execution.documentDate} {...form.valueField('documentDate')} />
          <TextField label={ru.execution.url} hint={ru.execution.urlHint} {...form.field('url')} type="url" autoComplete="off" />
        </div>
        <TextAreaField label={ru.execution.note} {...form.field('note')} maxChars={EXECUTION_MARK_LIMITS.note} rows={2} />
        <Field label={ru.execution.file} hint={ru.execution.fileHint} error={form.errors.file}>
          {(control) => (
            <input
              {...control}
              className="input input-file"
              type="file"
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                form.setErrors((current) => ({ ...current, file: undefined }));
              }}
            />
          )}
        </Field>
        <ErrorNotice>{form.formError}</ErrorNotice>
        <FormButtons
          label={ru.execution.save}
          busy={loading || uploading}
          busyLabel={uploading ? ru.execution.uploading : ru.execution.saving}
          cancel={{ onClick: onClose }}
        />
      </form>
    </Dialog>
  );
}
