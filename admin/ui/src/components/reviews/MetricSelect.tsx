import { locale, t } from '../../i18n';
import { metricDefinitions } from '../../store/reviewCatalogue';

/** A metric from the catalogue, by its name in the console's language (a key not in the catalogue stays shown). */
export function MetricSelect({ value, onChange }: { value: string; onChange: (key: string) => void }) {
  const defs = metricDefinitions.data.value ?? [];
  const known = defs.some((d) => d.key === value);
  return (
    <label>
      <span>{t('reviews.editor.metric')}</span>
      <select data-testid="item-metric" value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{t('reviews.editor.pickMetric')}</option>
        {!known && value && <option value={value}>{value}</option>}
        {defs.map((d) => (
          <option key={d.key} value={d.key}>
            {`${d.label[locale.value] || d.key} (${d.key})`}
          </option>
        ))}
      </select>
    </label>
  );
}
