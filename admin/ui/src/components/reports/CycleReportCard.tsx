import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import { errorText } from '../../errors';
import { locale, t } from '../../i18n';

interface CycleRow {
  id: number;
  name: string;
  status: string;
  periodStart: string;
  periodEnd: string;
}

/** HR's one-click cycle report: pick a review cycle, download one workbook (summary, participation, goals, grades, reviews). */
export function CycleReportCard() {
  const [cycles, setCycles] = useState<CycleRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [cycleId, setCycleId] = useState('');
  useEffect(() => {
    api
      .get<{ cycles: CycleRow[] }>('/api/review-cycles')
      .then((res) => {
        const open = res.cycles.filter((c) => c.status !== 'planned');
        setCycles(open);
        if (open[0]) setCycleId(String(open[0].id));
      })
      .catch(setError);
  }, []);
  const href = cycleId ? `/api/reports/cycle?${new URLSearchParams({ cycleId, locale: locale.value })}` : undefined;
  return (
    <section class="card panel cycle-report" data-testid="cycle-report">
      <h3>{t('dash.cycle.title')}</h3>
      <p class="muted small">{t('dash.cycle.hint')}</p>
      {error ? <p class="error">{errorText(error)}</p> : null}
      {cycles && cycles.length === 0 ? <p class="muted">{t('dash.cycle.none')}</p> : null}
      {cycles && cycles.length > 0 ? (
        <div class="filters">
          <label>
            <span>{t('dash.cycle.pick')}</span>
            <select data-testid="cycle-report-cycle" value={cycleId} onChange={(e) => setCycleId(e.currentTarget.value)}>
              {cycles.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} ({c.periodStart} – {c.periodEnd})
                </option>
              ))}
            </select>
          </label>
          <a class="button primary" href={href} download data-testid="cycle-report-download">
            {t('dash.cycle.download')}
          </a>
        </div>
      ) : null}
    </section>
  );
}
