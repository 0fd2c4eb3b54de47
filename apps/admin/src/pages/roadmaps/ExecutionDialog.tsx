import { useMutation } from '@apollo/client/react';
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
import { isoToRu, parseDateRu, todayIso } from '../../lib/roadmap/dates';
import { useForm } from '../../lib/useForm';
import { AFTER_DECISION, MarkItemDoneMutation } from './documents';

/**
 * «Отметка о выполнении»: the date, the document (number and date), a note, a link and a file
 * (uploaded first through POST /attachments, then named in the mark). At least one piece of
 * evidence is asked for, as the domain's validation warns without it.
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
    const errors: Partial<Record<keyof typeof d, string>> = {};
    const doneOn = d.doneOn.trim() ? parseDateRu(d.doneOn) : null;
    if (d.doneOn.trim() && !doneOn) errors.doneOn = ru.dates.invalid(ru.execution.doneOn);
    const documentDate = d.documentDate.trim() ? parseDateRu(d.documentDate) : null;
    if (d.documentDate.trim() && !documentDate) errors.documentDate = ru.dates.invalid(ru.execution.documentDate);
    const hasEvidence = Boolean(d.documentNumber.trim() || d.note.trim() || d.url.trim() || file);
    const values = form.check({ errors, values: Object.keys(errors).length === 0 && hasEvidence ? { doneOn, documentDate } : null });
    if (!values) {
      if (!hasEvidence && Object.keys(errors).length === 0) form.setFormError(ru.execution.evidenceRequired);
      return;
    }
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
      const text = (value: string) => value.trim() || null;
      await mark({
        variables: {
          input: {
            itemId: item.id,
            doneOn: values.doneOn,
            documentNumber: text(d.documentNumber),
            documentDate: values.documentDate,
            note: text(d.note),
            url: text(d.url),
            attachmentId,
          },
        },
      });
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
          <TextField label={ru.execution.documentNumber} hint={ru.execution.documentNumberHint} {...form.field('documentNumber')} autoComplete="off" />
          <DateField label={ru.execution.documentDate} {...form.valueField('documentDate')} />
          <TextField label={ru.execution.url} hint={ru.execution.urlHint} {...form.field('url')} type="url" autoComplete="off" />
        </div>
        <TextAreaField label={ru.execution.note} {...form.field('note')} rows={2} />
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
