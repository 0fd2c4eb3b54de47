import { useMutation } from '@apollo/client/react';
import { timeZoneLabelRu } from '@nastavnik/domain';
import { useState, type FormEvent } from 'react';
import { useConfirm } from '../../components/ConfirmDialog';
import { DateField } from '../../components/DateField';
import { DownloadButton } from '../../components/DownloadButton';
import { SelectField, TextField } from '../../components/Field';
import { ErrorNotice, Notice } from '../../components/Notice';
import { toast } from '../../components/Toasts';
import { graphql } from '../../gql';
import { ru } from '../../i18n/ru';
import { classifyError } from '../../lib/errors';
import { meetingTypeOptions } from '../../lib/pairs';
import { PLANNED_MEETING_LIMITS } from '@nastavnik/domain';
import { plannedMeetingLine, plannedMeetingPassed, validatePlannedMeeting } from '../../lib/plannedMeeting';
import { isoToRu, todayIso } from '../../lib/roadmap/dates';
import { useForm } from '../../lib/useForm';
import { useMe } from '../../me';
import type { PairData } from './PairCard';

const PlanMeetingMutation = graphql(`
  mutation PlanMeeting($input: PlanMeetingInput!) {
    planMeeting(input: $input) {
      id
      plannedMeeting {
        ...PlannedMeetingFields
      }
    }
  }
`);

const CancelPlannedMeetingMutation = graphql(`
  mutation CancelPlannedMeeting($pairId: ID!) {
    cancelPlannedMeeting(pairId: $pairId) {
      id
      plannedMeeting {
        id
      }
    }
  }
`);

/** «ЧЧ:ММ» of an instant in the product's time zone (what the form shows when moving a meeting). */
function wallTime(iso: string, timeZone: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(iso))
      .map((part) => [part.type, part.value]),
  );
  return { date: `${parts.day}.${parts.month}.${parts.year}`, time: `${parts.hour}:${parts.minute}` };
}

/**
 * The pair's next meeting: when, which kind, where — planned or moved by those who record the pair's
 * meetings (the mentor, the school's staff), cancelled after a confirmation. Until the meeting is
 * recorded a passed time says so, so the mentor records it.
 */
export function PlannedMeetingPanel({ pair, canPlan, onChanged }: { pair: PairData; canPlan: boolean; onChanged: () => Promise<unknown> }) {
  const t = ru.plannedMeeting;
  const { me } = useMe();
  const planned = pair.plannedMeeting;
  const [editing, setEditing] = useState(false);
  const confirm = useConfirm();
  const [cancelError, setCancelError] = useState<string | null>(null);
  const [cancel] = useMutation(CancelPlannedMeetingMutation);
  if (pair.status !== 'active') return null;

  const askCancel = () =>
    confirm.ask({
      title: t.confirmCancel,
      body: t.confirmCancelBody,
      confirmLabel: t.cancel,
      onConfirm: () => {
        setCancelError(null);
        cancel({ variables: { pairId: pair.id } })
          .then(() => onChanged())
          .then(() => toast.success(t.cancelled))
          .catch((failure: unknown) => setCancelError(classifyError(failure).message));
      },
    });

  return (
    <section aria-labelledby={`planned-${pair.id}`} data-testid="planned-meeting">
      {confirm.dialog}
      <h3 id={`planned-${pair.id}`}>{t.title}</h3>
      {planned ? (
        <>
          <p data-testid="planned-meeting-line">
            {`${plannedMeetingLine(planned, me.timeZone)}.`} <span className="muted">({t.plannedBy(planned.plannedByName)})</span>
          </p>
          {plannedMeetingPassed(planned) ? (
            <Notice tone="warning">{t.passed}</Notice>
          ) : (
            <DownloadButton label={t.toCalendar} url={`/exports/pairs/${encodeURIComponent(pair.id)}/planned-meeting.ics`} fallbackName="vstrecha.ics" small />
          )}
        </>
      ) : (
        <p className="muted">{t.none}</p>
      )}
      <ErrorNotice>{cancelError}</ErrorNotice>
      {canPlan && !editing && pair.nextMeetingTypes.length > 0 && (
        <div className="form-actions">
          <button type="button" className="button button-secondary" onClick={() => setEditing(true)}>
            {planned ? t.move : t.plan}
          </button>
          {planned && (
            <button type="button" className="button button-secondary" onClick={askCancel}>
              {t.cancel}
            </button>
          )}
        </div>
      )}
      {canPlan && editing && (
        <PlanForm
          pair={pair}
          timeZone={me.timeZone}
          onClose={() => setEditing(false)}
          onPlanned={async (line) => {
            await onChanged();
            setEditing(false);
            toast.success(t.planned(line));
          }}
        />
      )}
    </section>
  );
}

function PlanForm({
  pair,
  timeZone,
  onClose,
  onPlanned,
}: {
  pair: PairData;
  timeZone: string;
  onClose: () => void;
  onPlanned: (line: string) => Promise<void>;
}) {
  const t = ru.plannedMeeting;
  const planned = pair.plannedMeeting;
  const next = pair.nextMeetingTypes;
  const at = planned ? wallTime(planned.startsAt, timeZone) : null;
  const form = useForm({
    date: at?.date ?? '',
    time: at?.time ?? '',
    type: planned && next.includes(planned.type) ? planned.type : (next[0] ?? ''),
    place: planned?.place ?? '',
  });
  const [plan, { loading }] = useMutation(PlanMeetingMutation);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const values = form.check(validatePlannedMeeting(form.draft, todayIso()));
    if (!values) return;
    try {
      const result = await plan({ variables: { input: { pairId: pair.id, ...values } } });
      const saved = result.data?.planMeeting.plannedMeeting;
      await onPlanned(saved ? plannedMeetingLine(saved, timeZone) : `${isoToRu(values.date)} ${values.time}`);
    } catch (error) {
      form.fail(error);
    }
  }

  return (
    <form className="form panel measure" onSubmit={(event) => void submit(event)} noValidate aria-label={t.plan} data-testid="planned-meeting-form">
      <SelectField label={t.type} {...form.field('type')} required>
        {meetingTypeOptions(next)
          .filter((option) => option.expected)
          .map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
      </SelectField>
      <DateField label={t.date} {...form.valueField('date')} required />
      <TextField label={t.time} hint={t.timeHint(timeZoneLabelRu(timeZone))} type="time" {...form.field('time')} required />
      <TextField label={t.place} hint={t.placeHint} maxChars={PLANNED_MEETING_LIMITS.place} {...form.field('place')} />
      <ErrorNotice>{form.formError}</ErrorNotice>
      <div className="form-actions">
        <button type="submit" className="button" disabled={loading}>
          {loading ? t.saving : t.save}
        </button>
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t.close}
        </button>
      </div>
    </form>
  );
}
