import { academicYearOf } from '@nastavnik/domain';
import { useSearchParams } from 'react-router';
import { SelectField } from '../../components/Field';
import { ru } from '../../i18n/ru';
import { academicYearChoices } from '../../lib/monitoring';

/** The academic year a monitoring screen shows: `?year=`, else the current one. */
export function useAcademicYear(): { year: string; yearParam: string | null; setYear: (year: string) => void } {
  const [params, setParams] = useSearchParams();
  const current = academicYearOf(new Date());
  const yearParam = params.get('year') || null;
  return {
    year: yearParam ?? current,
    yearParam,
    setYear: (year) =>
      setParams((previous) => {
        const next = new URLSearchParams(previous);
        if (year && year !== current) next.set('year', year);
        else next.delete('year');
        next.delete('page');
        return next;
      }),
  };
}

export function YearSelect() {
  const { year, setYear } = useAcademicYear();
  return (
    <SelectField label={ru.monitoring.academicYear} value={year} onChange={(event) => setYear(event.target.value)}>
      {academicYearChoices(academicYearOf(new Date())).map((choice) => (
        <option key={choice} value={choice}>
          {choice}
        </option>
      ))}
    </SelectField>
  );
}
