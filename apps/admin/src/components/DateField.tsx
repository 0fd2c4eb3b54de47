/**
 * The app's date input. Built on React Aria Components (the project's one UI-component library):
 * unstyled, so it keeps the app's own CSS; accessible by construction (segments are spinbuttons,
 * the calendar is a keyboard grid, labels and errors are wired for screen readers); locale-aware —
 * `I18nProvider locale="ru-RU"` gives ДД.ММ.ГГГГ segments, Russian month names and weeks from
 * Monday; maintained by Adobe.
 */
import { useRef, useState, type ReactNode } from 'react';
import {
  Button,
  Calendar,
  CalendarCell,
  CalendarGrid,
  DateInput,
  DatePicker,
  DateSegment,
  type DateValue,
  Dialog,
  FieldError,
  Group,
  Heading,
  I18nProvider,
  Label,
  Popover,
  Text,
} from 'react-aria-components';
import { ru } from '../i18n/ru';
import { calendarDateToText, partialDateText, textToCalendarDate } from '../lib/dateValue';

export interface DateFieldProps {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  required?: boolean | undefined;
  /** The form's text: ДД.ММ.ГГГГ (or ISO ГГГГ-ММ-ДД); '' for none. */
  value: string;
  /**
   * A complete date as ДД.ММ.ГГГГ, '' when cleared, and — when the field is left half-typed — the
   * segments as shown («05.12.ГГГГ»), which the form's check rejects as an invalid date.
   */
  onChange: (text: string) => void;
  /** Earliest / latest allowed date, as ДД.ММ.ГГГГ or ISO. */
  min?: string | undefined;
  max?: string | undefined;
  name?: string;
  fieldClassName?: string;
  isDisabled?: boolean;
}

/**
 * A labelled date: digits typed into ДД.ММ.ГГГГ segments (05122026 and 05.12.2026 both work) or a
 * day picked in the calendar beside it; the hint under it and the error (the form's or the API's,
 * see `lib/forms.ts`) beside it, like `Field`.
 *
 *   <DateField label={ru.x.start} {...form.valueField('periodStart')} required />
 */
export function DateField({ label, hint, error, required, value, onChange, min, max, fieldClassName, isDisabled }: DateFieldProps) {
  const groupRef = useRef<HTMLDivElement>(null);
  // A native modal <dialog> makes the rest of the page inert: the calendar opens inside it.
  const [dialog, setDialog] = useState<Element | undefined>(undefined);
  // The date as RAC last reported it, with the text handed to the form for it. While the year is
  // being typed RAC reports 0002, 0020, 0202… — texts the form's parser refuses; parsing them back
  // would hand RAC a null and wipe the segments, so the form's own echo is answered with RAC's date.
  const [reported, setReported] = useState<{ text: string; date: DateValue | null } | null>(null);
  const date = reported && reported.text === value ? reported.date : textToCalendarDate(value);

  /** Leaving a half-typed date: hand the form what is shown, so it is checked, not taken for empty. */
  function reportPartial(focused: boolean) {
    if (focused || date) return;
    const segments = [...(groupRef.current?.querySelectorAll<HTMLElement>('[data-type]:not([data-type="literal"])') ?? [])];
    const text = partialDateText(segments.map((segment) => ({ text: segment.textContent ?? '', isPlaceholder: segment.hasAttribute('data-placeholder') })));
    if (text !== value) onChange(text);
  }

  return (
    <I18nProvider locale="ru-RU">
      <DatePicker
        className={['field', error ? 'field-invalid' : '', fieldClassName ?? ''].filter(Boolean).join(' ')}
        value={date}
        onChange={(next) => {
          const text = calendarDateToText(next);
          setReported({ text, date: next });
          onChange(text);
        }}
        onFocusChange={reportPartial}
        minValue={textToCalendarDate(min)}
        maxValue={textToCalendarDate(max)}
        isRequired={!!required}
        isInvalid={!!error}
        isDisabled={isDisabled}
        // The forms check and show errors themselves (beside the field, in Russian): no browser bubbles.
        validationBehavior="aria"
        firstDayOfWeek="mon"
        shouldForceLeadingZeros
        granularity="day"
      >
        <Label className="field-label">
          {label}
          {required && (
            <span className="field-required" aria-hidden="true">
              {' '}
              *
            </span>
          )}
          {required && <span className="visually-hidden"> ({ru.form.required})</span>}
        </Label>
        <Group
          className="input date-input"
          ref={(element) => {
            groupRef.current = element;
            setDialog(element?.closest('dialog') ?? undefined);
          }}
        >
          <DateInput className="date-segments">{(segment) => <DateSegment segment={segment} className="date-segment" />}</DateInput>
          <Button className="date-button" aria-label={ru.dates.openCalendar}>
            <CalendarIcon />
          </Button>
        </Group>
        {hint && (
          <Text slot="description" className="field-hint">
            {hint}
          </Text>
        )}
        <FieldError className="field-error">{error}</FieldError>
        <Popover className="date-popover" placement="bottom start" UNSTABLE_portalContainer={dialog}>
          <Dialog className="date-dialog">
            <Calendar className="calendar">
              <header className="calendar-head">
                <Button slot="previous" className="icon-button" aria-label={ru.dates.previousMonth}>
                  ‹
                </Button>
                <Heading className="calendar-title" />
                <Button slot="next" className="icon-button" aria-label={ru.dates.nextMonth}>
                  ›
                </Button>
              </header>
              <CalendarGrid className="calendar-grid" weekdayStyle="short">
                {(day) => <CalendarCell date={day} className="calendar-cell" />}
              </CalendarGrid>
            </Calendar>
          </Dialog>
        </Popover>
      </DatePicker>
    </I18nProvider>
  );
}

function CalendarIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path fill="currentColor" d="M7 2h2v2h6V2h2v2h3a1 1 0 0 1 1 1v15a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1h3V2Zm12 8H5v9h14v-9ZM5 8h14V6H5v2Z" />
    </svg>
  );
}
