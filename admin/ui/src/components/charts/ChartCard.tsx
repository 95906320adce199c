import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import { t } from '../../i18n';
import type { Chart } from './echarts';

interface Props {
  /** Names the card in tests and in the PNG's file name. */
  id: string;
  title: string;
  /** The chart's data as CSV (the same report with `format=csv`); no link when absent. */
  csvHref?: string;
  children: (onChart: (chart: Chart | null) => void) => ComponentChildren;
  /** Shown under the title (a legend of what is counted). */
  note?: string;
}

/** A dashboard card: a title, the chart, and its exports — the picture as PNG (ECharts' getDataURL) and the data as CSV. */
export function ChartCard({ id, title, csvHref, children, note }: Props) {
  const chart = useRef<Chart | null>(null);
  const savePng = () => {
    const c = chart.current;
    if (!c) return;
    const a = document.createElement('a');
    a.href = c.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
    a.download = `${id}.png`;
    a.click();
  };
  return (
    <section class="card panel chart-card" data-testid={`chart-${id}`}>
      <div class="chart-head">
        <h3>{title}</h3>
        <div class="chart-exports">
          <button type="button" class="small" data-testid={`png-${id}`} onClick={savePng}>
            {t('charts.png')}
          </button>
          {csvHref ? (
            <a class="button small" href={csvHref} download data-testid={`csv-${id}`}>
              {t('charts.csv')}
            </a>
          ) : null}
        </div>
      </div>
      {note ? <p class="muted small chart-note">{note}</p> : null}
      {children((c) => (chart.current = c))}
    </section>
  );
}
