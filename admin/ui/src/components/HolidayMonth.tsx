import { dateOf, daysInMonth, isWeekend, todayLocal, weekdayOf } from '../dates';
import { formatDay, formatMonthName, formatWeekday } from '../format';
import { locale, t } from '../i18n';
import { editHoliday, holidaysByDate } from '../store/holidays';
import { nationalByDate } from '../store/nationalDays';

/** A Monday, to name the weekdays from (2024-01-01). */
const A_MONDAY = [1, 2, 3, 4, 5, 6, 7].map((d) => dateOf(2024, 1, d));

/** One month as a Monday-first grid; company days coloured by kind, national days (provisional ones dashed) under them. Picking a day fills the form with it. */
export function HolidayMonth({ year, month }: { year: number; month: number }) {
  const byDate = holidaysByDate.value;
  const national = nationalByDate.value;
  const today = todayLocal();
  const days = Array.from({ length: daysInMonth(year, month) }, (_, i) => dateOf(year, month, i + 1));
  const lead = weekdayOf(days[0]);
  const cells: (string | null)[] = [...Array<null>(lead).fill(null), ...days];
  while (cells.length % 7) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));

  function onPick(e: MouseEvent) {
    const date = (e.target as HTMLElement).closest<HTMLElement>('[data-date]')?.dataset.date;
    if (!date) return;
    const existing = byDate.get(date);
    editHoliday(existing ? { date, name: existing.name, kind: existing.kind } : { date, name: '', kind: isWeekend(date) ? 'work' : 'off' });
  }

  return (
    <table class="month-grid" data-testid="holiday-month" data-month={month} onClick={onPick}>
      <caption>{formatMonthName(year, month)}</caption>
      <thead>
        <tr>
          {A_MONDAY.map((d) => (
            <th key={d} scope="col" abbr={formatWeekday(d)}>
              {formatWeekday(d, 'narrow')}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week, w) => (
          <tr key={w}>
            {week.map((date, i) => {
              if (!date) return <td key={i} />;
              const entry = byDate.get(date);
              const nat = national.get(date);
              const classes = ['day'];
              if (isWeekend(date)) classes.push('day-weekend');
              // a company entry wins over the national day, as in the working-day calendar
              if (entry) classes.push(`day-${entry.kind}`);
              else if (nat) classes.push(`day-national-${nat.kind}`);
              if (!entry && nat?.provisional) classes.push('day-provisional');
              if (date === today) classes.push('day-today');
              const day = formatDay(date);
              const natTitle = nat ? t(nat.provisional ? 'national.dayEntryProvisional' : 'national.dayEntry', { name: nat.name[locale.value], kind: t(`national.kind.${nat.kind}`) }) : '';
              const title = [entry ? t('holidays.dayEntry', { day, name: entry.name, kind: t(`holidays.kind.${entry.kind}`) }) : day, natTitle].filter(Boolean).join(' · ');
              return (
                <td key={date} class={classes.join(' ')} data-date={date} data-kind={entry?.kind} data-national={nat?.kind} data-provisional={nat?.provisional ? 'true' : undefined} title={title}>
                  {Number(date.slice(8))}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
