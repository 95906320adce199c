import { useRef } from 'preact/hooks';
import { weeksBetween } from '../dates';
import { formatDate, formatRate } from '../format';
import { t } from '../i18n';
import { rateFrom, rateLoading, rateTo, rateWeek, rateWeeks } from '../store/updateRate';
import { useElementWidth } from '../useElementWidth';

const HEIGHT = 200;
const PAD = { top: 20, right: 6, bottom: 24, left: 38 };
const GRID = [0, 0.5, 1];
/** Room one week label ("W48") needs, in pixels; labels are thinned out below that. */
const LABEL_ROOM = 30;

/**
 * The company's update rate per ISO week of the range, as bars (inline SVG, drawn at the panel's real width so
 * the text keeps its size on a phone). Weeks with nothing due show a dash; clicking a bar picks the week the
 * department table shows.
 */
export function UpdateRateChart() {
  const box = useRef<HTMLDivElement>(null);
  const width = useElementWidth(box);
  const slots = weeksBetween(rateFrom.value, rateTo.value);
  const byWeek = new Map(rateWeeks.value.map((w) => [w.week, w]));
  const anyData = rateWeeks.value.some((w) => w.company.rate !== null);

  const plotW = Math.max(0, width - PAD.left - PAD.right);
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = slots.length ? plotW / slots.length : 0;
  const barW = Math.max(4, Math.min(36, slot * 0.62));
  const labelEvery = Math.max(1, Math.ceil(LABEL_ROOM / Math.max(slot, 1)));
  const y = (rate: number) => PAD.top + plotH * (1 - rate);

  return (
    <div class="rate-chart" ref={box} data-testid="rate-chart" data-weeks={slots.length}>
      {width > 0 && slots.length > 0 && (
        <svg width={width} height={HEIGHT} viewBox={`0 0 ${width} ${HEIGHT}`} role="img" aria-label={t('rate.chartLabel', { from: formatDate(rateFrom.value), to: formatDate(rateTo.value) })}>
          {GRID.map((g) => (
            <g key={g} class="rate-grid-line">
              <line x1={PAD.left} x2={width - PAD.right} y1={y(g)} y2={y(g)} />
              <text x={PAD.left - 6} y={y(g)} text-anchor="end" dominant-baseline="middle">
                {formatRate(g)}
              </text>
            </g>
          ))}
          {slots.map((s, i) => {
            const cell = byWeek.get(s.week)?.company;
            const rate = cell?.rate ?? null;
            const cx = PAD.left + slot * (i + 0.5);
            const selected = rateWeek.value === s.week;
            const title =
              rate === null
                ? t('rate.barEmpty', { week: s.week, monday: formatDate(s.monday) })
                : t('rate.barTitle', { week: s.week, monday: formatDate(s.monday), rate: formatRate(rate), onTime: cell!.onTime, due: cell!.due });
            return (
              <g
                key={s.week}
                class={selected ? 'rate-week selected' : rate === null ? 'rate-week empty' : 'rate-week'}
                data-testid="rate-week"
                data-week={s.week}
                data-rate={rate ?? ''}
                data-due={cell?.due ?? 0}
                data-on-time={cell?.onTime ?? 0}
                onClick={rate === null ? undefined : () => (rateWeek.value = selected ? '' : s.week)}
              >
                <title>{title}</title>
                <rect class="rate-hit" x={cx - slot / 2} y={PAD.top} width={slot} height={plotH} />
                {rate === null ? (
                  <text class="rate-none" x={cx} y={y(0) - 4} text-anchor="middle">
                    –
                  </text>
                ) : (
                  <>
                    <rect class="rate-bar" data-testid="rate-bar" x={cx - barW / 2} y={y(rate)} width={barW} height={Math.max(1, plotH * rate)} rx={3} />
                    <text class="rate-value" x={cx} y={y(rate) - 5} text-anchor="middle">
                      {formatRate(rate)}
                    </text>
                  </>
                )}
                {i % labelEvery === (slots.length - 1) % labelEvery && (
                  <text class="rate-label" x={cx} y={HEIGHT - 6} text-anchor="middle">
                    {s.week.slice(5)}
                  </text>
                )}
              </g>
            );
          })}
        </svg>
      )}
      {anyData && slots.length > 0 && <p class="muted small rate-note">{t('rate.legendNone')}</p>}
      {!anyData && (
        <p class="muted small rate-empty" data-testid="rate-empty">
          {rateLoading.value ? t('app.loading') : t('rate.empty')}
        </p>
      )}
    </div>
  );
}
