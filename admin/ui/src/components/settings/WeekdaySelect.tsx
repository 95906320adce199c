import { t } from '../../i18n';

/** An ISO weekday (1 = Monday); with `inherit`, an empty choice meaning "as the company's". */
export function WeekdaySelect({ value, onChange, testId, inherit }: { value: number | undefined; onChange: (day: number | undefined) => void; testId: string; inherit?: boolean }) {
  return (
    <select data-testid={testId} value={value === undefined ? '' : String(value)} onChange={(e) => onChange(e.currentTarget.value === '' ? undefined : Number(e.currentTarget.value))}>
      {inherit && <option value="">{t('settings.inherit')}</option>}
      {[1, 2, 3, 4, 5, 6, 7].map((d) => (
        <option key={d} value={String(d)}>
          {t(`settings.weekday.${d}`)}
        </option>
      ))}
    </select>
  );
}
