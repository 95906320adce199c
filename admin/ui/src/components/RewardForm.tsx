import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { fieldProblems } from '../api';
import { errorText } from '../errors';
import { localName } from '../format';
import { t } from '../i18n';
import { editingReward, saveReward, savedReward } from '../store/rewards';
import type { Reward, RewardKind } from '../types';
import { FieldProblem } from './FieldProblem';
import { useSubmit } from '../useSubmit';

/** '' → null (the server decides whether that is allowed), else the number typed. */
const numberOrNull = (value: string): number | null => (value.trim() === '' ? null : Number(value));

/** Adds a reward, or edits `reward` when given (admin/HR). */
export function RewardForm({ reward }: { reward: Reward | null }) {
  const nameZh = useSignal(reward?.nameZh ?? '');
  const nameEn = useSignal(reward?.nameEn ?? '');
  const cost = useSignal(reward ? String(reward.cost) : '');
  const kind = useSignal<RewardKind>(reward?.kind ?? 'gift');
  const hours = useSignal(reward?.hours != null ? String(reward.hours) : '');
  const stock = useSignal(reward?.stock != null ? String(reward.stock) : '');
  const active = useSignal(reward?.active ?? true);
  const { busy, error, submit } = useSubmit();
  const formRef = useRef<HTMLFormElement>(null);

  // Opening a reward for editing brings the form into view (it sits below the list on a phone).
  useEffect(() => {
    if (!reward || !formRef.current) return;
    formRef.current.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
    formRef.current.querySelector<HTMLInputElement>('input')?.focus({ preventScroll: true });
  }, []);

  async function onSubmit(e: Event) {
    e.preventDefault();
    savedReward.value = null;
    await submit(async () => {
      await saveReward(
        {
          nameZh: nameZh.value.trim(),
          nameEn: nameEn.value.trim(),
          cost: numberOrNull(cost.value),
          kind: kind.value,
          hours: kind.value === 'time_off' ? numberOrNull(hours.value) : null,
          stock: numberOrNull(stock.value),
          active: active.value,
        },
        reward?.id,
      );
      if (reward) {
        editingReward.value = null; // back to "add"; this form is replaced
      } else {
        nameZh.value = '';
        nameEn.value = '';
        cost.value = '';
        hours.value = '';
        stock.value = '';
        kind.value = 'gift';
        active.value = true;
      }
    });
  }

  const problems = fieldProblems(error.value);
  const saved = savedReward.value;
  const invalid = (field: string) => problems.some((p) => p.field === field) || undefined;

  return (
    <form class="card panel reward-form" data-testid="reward-form" data-mode={reward ? 'edit' : 'add'} ref={formRef} onSubmit={onSubmit}>
      <h3>{reward ? t('rewards.form.editTitle', { name: localName(reward.nameZh, reward.nameEn) }) : t('rewards.form.addTitle')}</h3>
      <label>
        <span>{t('rewards.field.nameZh')}</span>
        <input data-testid="reward-name-zh" required maxLength={100} aria-invalid={invalid('nameZh')} value={nameZh.value} onInput={(e) => (nameZh.value = e.currentTarget.value)} />
        <FieldProblem field="nameZh" problems={problems} />
      </label>
      <label>
        <span>{t('rewards.field.nameEn')}</span>
        <input data-testid="reward-name-en" required maxLength={100} aria-invalid={invalid('nameEn')} value={nameEn.value} onInput={(e) => (nameEn.value = e.currentTarget.value)} />
        <FieldProblem field="nameEn" problems={problems} />
      </label>
      <div class="form-row">
        <label>
          <span>{t('rewards.field.cost')}</span>
          <input data-testid="reward-cost-input" type="number" inputMode="numeric" min={1} step={1} required aria-invalid={invalid('cost')} value={cost.value} onInput={(e) => (cost.value = e.currentTarget.value)} />
          <FieldProblem field="cost" problems={problems} />
        </label>
        <label>
          <span>{t('rewards.field.kind')}</span>
          <select data-testid="reward-kind-input" value={kind.value} onChange={(e) => (kind.value = e.currentTarget.value as RewardKind)}>
            <option value="gift">{t('rewards.kind.gift')}</option>
            <option value="time_off">{t('rewards.kind.time_off')}</option>
          </select>
          <FieldProblem field="kind" problems={problems} />
        </label>
      </div>
      <div class="form-row">
        {kind.value === 'time_off' && (
          <label>
            <span>{t('rewards.field.hours')}</span>
            <input data-testid="reward-hours-input" type="number" inputMode="numeric" step={1} aria-invalid={invalid('hours')} value={hours.value} onInput={(e) => (hours.value = e.currentTarget.value)} />
            <FieldProblem field="hours" problems={problems} />
          </label>
        )}
        <label>
          <span>{t('rewards.field.stock')}</span>
          <input data-testid="reward-stock-input" type="number" inputMode="numeric" min={0} step={1} placeholder={t('rewards.field.stockPlaceholder')} aria-invalid={invalid('stock')} value={stock.value} onInput={(e) => (stock.value = e.currentTarget.value)} />
          <FieldProblem field="stock" problems={problems} />
        </label>
      </div>
      <label class="checkbox">
        <input type="checkbox" data-testid="reward-active-input" checked={active.value} onChange={(e) => (active.value = e.currentTarget.checked)} />
        <span>{t('rewards.field.active')}</span>
      </label>
      {error.value ? (
        <p class="error" role="alert" data-testid="reward-form-error">
          {errorText(error.value)}
        </p>
      ) : null}
      {problems.filter((p) => !['nameZh', 'nameEn', 'cost', 'kind', 'hours', 'stock'].includes(p.field)).map((p, i) => (
        <p key={i} class="error" data-testid="field-problem" data-field={p.field}>
          {p.field ? `${p.field}: ${p.message}` : p.message}
        </p>
      ))}
      {saved && !error.value && (
        <p class="success" role="status" data-testid="reward-form-saved">
          {t(saved.created ? 'rewards.form.created' : 'rewards.form.updated', { name: localName(saved.reward.nameZh, saved.reward.nameEn) })}
        </p>
      )}
      <div class="form-actions">
        <button class="primary" type="submit" data-testid="reward-submit" disabled={busy.value}>
          {busy.value ? t('form.saving') : reward ? t('rewards.form.save') : t('rewards.form.add')}
        </button>
        {reward && (
          <button type="button" data-testid="reward-cancel" onClick={() => (editingReward.value = null)}>
            {t('form.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
