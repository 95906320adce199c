import { useEffect, useRef } from 'preact/hooks';
import type { Chart, ChartOption } from './echarts';

interface Props {
  option: ChartOption;
  /** Accessible name of the chart (the canvas has no text of its own). */
  label: string;
  height?: number;
  testid?: string;
  /** Hands the chart to the parent (the PNG export); null when it goes away. */
  onChart?: (chart: Chart | null) => void;
  /** A click on a data item (a bar), with its category name. */
  onPick?: (name: string) => void;
}

/**
 * One ECharts chart in a div that follows its container's width (a ResizeObserver), so a phone and a desktop both
 * get a chart drawn at their real size; the option is replaced whole on every change.
 */
export function EChart({ option, label, height = 260, testid, onChart, onPick }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<Chart | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  const latest = useRef(option);
  latest.current = option;
  const draw = (c: Chart, o: ChartOption) => c.setOption({ animation: false, tooltip: { renderMode: 'richText', trigger: 'axis' }, ...o }, { notMerge: true });

  useEffect(() => {
    const el = box.current!;
    let gone = false;
    let observer: ResizeObserver | undefined;
    // ECharts comes in its own chunk, loaded by the first page that draws a chart.
    void import('./echarts').then(({ echarts }) => {
      if (gone) return;
      const c = echarts.init(el, undefined, { renderer: 'canvas' });
      chart.current = c;
      c.on('click', (p) => pick.current?.(String((p as { name?: unknown }).name ?? '')));
      observer = new ResizeObserver(() => c.resize());
      observer.observe(el);
      draw(c, latest.current);
      el.dataset.ready = 'true';
      onChart?.(c);
    });
    return () => {
      gone = true;
      observer?.disconnect();
      onChart?.(null);
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (chart.current) draw(chart.current, option);
  }, [option]);

  return <div ref={box} class="echart" role="img" aria-label={label} data-testid={testid} style={{ height: `${height}px` }} />;
}
