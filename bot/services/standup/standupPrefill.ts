import type { Db } from '../../../db/client';
import { prefillValue, type PrefillFigure } from '../../domain/standupPrefill';
import { t, type Locale } from '../../i18n';
import { MANUAL_SOURCE } from '../metrics/importMetrics';

interface Row {
  personId: number;
  metricKey: string;
  value: number;
  source: string;
  updatedAt: string;
  labelZh: string;
  labelEn: string;
  unit: string;
  aggregation: string;
}

/**
 * What the connected systems recorded for each person in the round's week: the metric values stored under the
 * week's key (`2026-W48`) by a source other than HR's manual corrections (a connector: jira, crm, helpdesk-csv…),
 * the newest per metric. One query for a batch; people with nothing recorded are absent.
 */
export function weekFigures(db: Db, periodKey: string, personIds: readonly number[]): Map<number, (Row & { ratio: boolean })[]> {
  const out = new Map<number, (Row & { ratio: boolean })[]>();
  if (personIds.length === 0) return out;
  const rows = db.$client
    .prepare<[string, string, string], Row>(
      `select v.person_id as personId, v.metric_key as metricKey, v.value, v.source, v.updated_at as updatedAt,
              d.label_zh as labelZh, d.label_en as labelEn, d.unit, d.aggregation
       from metric_values v join metric_definitions d on d.key = v.metric_key
       where v.period = ? and v.source != ? and v.person_id in (select value from json_each(?))
       order by v.person_id, v.metric_key, v.updated_at desc`,
    )
    .all(periodKey, MANUAL_SOURCE, JSON.stringify(personIds));
  for (const r of rows) {
    const list = out.get(r.personId) ?? [];
    if (list.at(-1)?.metricKey === r.metricKey) continue; // an older value of the same metric from another source
    list.push({ ...r, ratio: r.aggregation === 'ratio' });
    out.set(r.personId, list);
  }
  return out;
}

/** "本周系统记录：完成任务数 5 个（jira），签约金额 12 万元（crm）" in the person's language. */
export function prefillText(locale: Locale, figures: readonly (Omit<PrefillFigure, 'label'> & { labelZh: string; labelEn: string })[]): string {
  const items = figures.map((f) =>
    t(locale, 'standup.prefillItem', { label: locale === 'en' ? f.labelEn : f.labelZh, value: prefillValue(f), unit: unitOf(locale, f), source: f.source }),
  );
  return t(locale, 'standup.prefill', { items: items.join(t(locale, 'standup.prefillSeparator')) });
}

function unitOf(locale: Locale, f: { unit: string; ratio: boolean }): string {
  if (f.ratio || !f.unit) return '';
  return locale === 'en' ? ` ${f.unit}` : f.unit;
}

/** Each person's prefill sentence for the round's week, where the systems recorded anything. */
export function standupPrefills(db: Db, periodKey: string, people: readonly { id: number; locale: Locale }[]): Map<number, string> {
  const figures = weekFigures(db, periodKey, people.map((p) => p.id));
  const out = new Map<number, string>();
  for (const p of people) {
    const mine = figures.get(p.id);
    if (mine?.length) out.set(p.id, prefillText(p.locale, mine));
  }
  return out;
}
