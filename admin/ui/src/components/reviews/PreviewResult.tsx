import { formatNumber } from '../../format';
import { t } from '../../i18n';
import type { TemplatePreview } from '../../reviewShapes';
import { GradeLabel } from './GradeLabel';
import { RuleOutcome } from './RuleOutcome';

/** The preview's answer: the figures, each rule's outcome, the total and the grade it suggests. */
export function PreviewResult({ result }: { result: TemplatePreview }) {
  const flags = result.flags.map((f) => (typeof f === 'string' ? f : f.flag));
  return (
    <div class="preview-result" data-testid="preview-result">
      <dl class="facts">
        <div data-testid="preview-total">
          <dt>{t('reviews.total')}</dt>
          <dd>{result.total === null ? '—' : formatNumber(result.total, 1)}</dd>
        </div>
        <div data-testid="preview-by-total">
          <dt>{t('reviews.byTotal')}</dt>
          <dd>{result.byTotal ? <GradeLabel grade={result.byTotal} /> : '—'}</dd>
        </div>
        <div data-testid="preview-suggested" data-grade={result.suggested ?? ''}>
          <dt>{t('reviews.suggested')}</dt>
          <dd>
            {result.suggested ? <GradeLabel grade={result.suggested} /> : '—'}
            {result.cap && <span class="muted small"> · {t('reviews.capAt', { grade: result.cap })}</span>}
            {result.floor && <span class="muted small"> · {t('reviews.floorAt', { grade: result.floor })}</span>}
          </dd>
        </div>
        {flags.length > 0 && (
          <div data-testid="preview-flags">
            <dt>{t('reviews.flags')}</dt>
            <dd>{flags.join(', ')}</dd>
          </div>
        )}
      </dl>
      {result.rules.length > 0 && (
        <ul class="plain-list" data-testid="preview-rules">
          {result.rules.map((r) => (
            <li key={r.index} class="plain-item">
              <span class="muted small">{t('reviews.rules.n', { n: r.index + 1 })}</span>
              <RuleOutcome outcome={r} />
            </li>
          ))}
        </ul>
      )}
      <details class="preview-figures">
        <summary>{t('reviews.preview.figures')}</summary>
        <dl class="facts" data-testid="preview-figures">
          {Object.entries(result.figures).map(([name, value]) => (
            <div key={name} data-name={name}>
              <dt class="mono">{name}</dt>
              <dd>{formatNumber(value, 4)}</dd>
            </div>
          ))}
        </dl>
      </details>
    </div>
  );
}
