import { useEffect } from 'preact/hooks';
import { errorText } from '../errors';
import { locale, t } from '../i18n';
import { ChartCard } from './charts/ChartCard';
import './charts/charts.css';
import { DEFAULT_WEEKS, loadUpdateRate, rateError, rateFrom, rateTo, resetRange, setRange } from '../store/updateRate';
import { UpdateRateChart } from './UpdateRateChart';
import { UpdateRateTable } from './UpdateRateTable';

/** The share of due check-ins made on time: the company by week (chart) and by department (table). */
export function UpdateRateReport() {
  useEffect(() => {
    void loadUpdateRate();
  }, []);

  const badRange = !!rateFrom.value && !!rateTo.value && rateFrom.value > rateTo.value;
  return (
    <div class="update-rate" data-testid="update-rate">
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          <span>{t('rate.from')}</span>
          <input type="date" data-testid="rate-from" required aria-invalid={badRange || undefined} value={rateFrom.value} onInput={(e) => setRange('from', e.currentTarget.value)} />
        </label>
        <label>
          <span>{t('rate.to')}</span>
          <input type="date" data-testid="rate-to" required aria-invalid={badRange || undefined} value={rateTo.value} onInput={(e) => setRange('to', e.currentTarget.value)} />
        </label>
        <button type="button" data-testid="rate-reset" onClick={resetRange}>
          {t('rate.lastWeeks', { weeks: DEFAULT_WEEKS })}
        </button>
      </form>
      {badRange && (
        <p class="error" role="alert" data-testid="rate-range-error">
          {t('rate.badRange')}
        </p>
      )}
      {rateError.value ? (
        <p class="error" role="alert" data-testid="rate-error">
          {errorText(rateError.value)}
        </p>
      ) : null}
      <div class="rate-grid">
        <ChartCard id="update-rate" title={t('rate.chartTitle')} csvHref={rateFrom.value && rateTo.value ? `/api/reports/update-rate?${new URLSearchParams({ from: rateFrom.value, to: rateTo.value, format: 'csv', locale: locale.value })}` : undefined}>
          {(onChart) => <UpdateRateChart onChart={onChart} />}
        </ChartCard>
        <section class="card panel">
          <h3>{t('rate.tableTitle')}</h3>
          <UpdateRateTable />
        </section>
      </div>
    </div>
  );
}
