import { locale, t } from '../../i18n';
import type { TemplatePreview } from '../../reviewShapes';

type Outcome = TemplatePreview['rules'][number];
const STATE = (o: Outcome) => (o.applies === true ? 'yes' : o.applies === false ? 'no' : 'undecided');

/** What the preview says of one rule: applies / does not / undecided (a figure is missing), and why, in the UI language. */
export function RuleOutcome({ outcome }: { outcome: Outcome }) {
  const state = STATE(outcome);
  const badge = { yes: 'badge-late', no: 'badge-muted', undecided: 'status-pending' }[state];
  return (
    <p class="rule-outcome" data-testid="rule-outcome" data-applies={state} data-index={outcome.index}>
      <span class={`badge ${badge}`}>{t(`reviews.rules.applies.${state}`)}</span>{' '}
      <span data-testid="rule-explanation">{outcome.explanation?.[locale.value] ?? ''}</span>
      {outcome.missing.length > 0 && <span class="muted small"> · {t('reviews.rules.missing', { names: outcome.missing.join(', ') })}</span>}
    </p>
  );
}
