import { formatRate } from '../format';
import { t } from '../i18n';
import { rateTable, rateWeek, rateWeeks } from '../store/updateRate';
import type { RateCell } from '../types';

function RateCells({ cell }: { cell: RateCell }) {
  return (
    <>
      <td class="num">{cell.due}</td>
      <td class="num">{cell.onTime}</td>
      <td class="num">
        <span class="rate-cell">
          <span class="rate-mini" aria-hidden="true">
            <span style={{ width: `${(cell.rate ?? 0) * 100}%` }} />
          </span>
          <span class="rate-text" data-testid="rate-value">
            {formatRate(cell.rate)}
          </span>
        </span>
      </td>
    </>
  );
}

/** Due and on-time check-ins per department, for the whole range or the week picked. */
export function UpdateRateTable() {
  const weeks = rateWeeks.value.filter((w) => w.company.due > 0);
  const table = rateTable.value;
  return (
    <div class="rate-table">
      <label class="rate-week-pick">
        <span>{t('rate.week')}</span>
        <select data-testid="rate-week-select" value={rateWeek.value} onChange={(e) => (rateWeek.value = e.currentTarget.value)}>
          <option value="">{t('rate.allWeeks')}</option>
          {weeks.map((w) => (
            <option key={w.week} value={w.week}>
              {w.week}
            </option>
          ))}
        </select>
      </label>
      {table.company.due === 0 ? (
        <p class="muted empty" data-testid="rate-table-empty">
          {t('rate.empty')}
        </p>
      ) : (
        <table class="data-table">
          <thead>
            <tr>
              <th>{t('rate.department')}</th>
              <th class="num">{t('rate.due')}</th>
              <th class="num">{t('rate.onTime')}</th>
              <th class="num">{t('rate.rate')}</th>
            </tr>
          </thead>
          <tbody>
            <tr class="rate-total" data-testid="rate-row" data-department="*">
              <td class="cell-main">{t('rate.company')}</td>
              <RateCells cell={table.company} />
            </tr>
            {table.departments.map((d) => (
              <tr key={d.department} data-testid="rate-row" data-department={d.department}>
                <td class="rate-dept">{d.department || t('rate.noDepartment')}</td>
                <RateCells cell={d} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
