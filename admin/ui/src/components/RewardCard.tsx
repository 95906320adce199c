import { kindLabel, localName } from '../format';
import { t } from '../i18n';
import { editingReward, savedReward } from '../store/rewards';
import type { Reward } from '../types';

export function RewardCard({ reward, editable, selected }: { reward: Reward; editable: boolean; selected: boolean }) {
  const classes = ['card', 'reward-card', reward.kind === 'time_off' ? 'kind-time-off' : 'kind-gift'];
  if (!reward.active) classes.push('inactive');
  if (selected) classes.push('selected');
  return (
    <li class={classes.join(' ')} data-testid="reward-card" data-reward-id={reward.id} data-active={String(reward.active)}>
      <div class="reward-head">
        <h3 class="reward-name" data-testid="reward-name">
          {localName(reward.nameZh, reward.nameEn)}
        </h3>
        {!reward.active && <span class="badge badge-muted">{t('rewards.inactive')}</span>}
      </div>
      <div class="reward-cost" data-testid="reward-cost">
        {t('points.value', { points: reward.cost })}
      </div>
      <div class="reward-facts">
        <span class="badge" data-testid="reward-kind">
          {kindLabel(reward.kind, reward.hours)}
        </span>
        <span class="muted" data-testid="reward-stock">
          {reward.stock === null ? t('rewards.stockUnlimited') : t('rewards.stock', { stock: reward.stock })}
        </span>
      </div>
      {editable && (
        <button
          type="button"
          class="reward-edit"
          data-testid="reward-edit"
          aria-pressed={selected}
          onClick={() => {
            savedReward.value = null;
            editingReward.value = reward;
          }}
        >
          {t('rewards.edit')}
        </button>
      )}
    </li>
  );
}
