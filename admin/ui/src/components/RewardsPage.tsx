import { useEffect } from 'preact/hooks';
import { errorText } from '../errors';
import { t } from '../i18n';
import { editingReward, loadRewards, rewards, rewardsError, rewardsLoading } from '../store/rewards';
import { isStaff } from '../store/route';
import { RewardCard } from './RewardCard';
import { RewardForm } from './RewardForm';

export function RewardsPage() {
  useEffect(() => {
    void loadRewards();
    return () => {
      editingReward.value = null;
    };
  }, []);

  const staff = isStaff.value;
  const list = rewards.value;
  const editing = editingReward.value;
  return (
    <div class="page rewards-page" data-testid="rewards-page">
      <div class="page-head">
        <h2>{t('rewards.title')}</h2>
        <p class="muted">{t('rewards.subtitle')}</p>
      </div>
      {rewardsError.value ? (
        <p class="error" role="alert">
          {errorText(rewardsError.value)}
        </p>
      ) : null}
      <div class={staff ? 'rewards-layout with-form' : 'rewards-layout'}>
        <section aria-label={t('rewards.title')}>
          {list.length === 0 ? (
            <p class="muted empty card" data-testid="rewards-empty">
              {rewardsLoading.value ? t('app.loading') : t('rewards.empty')}
            </p>
          ) : (
            <ul class="reward-grid">
              {list.map((r) => (
                <RewardCard key={r.id} reward={r} editable={staff} selected={editing?.id === r.id} />
              ))}
            </ul>
          )}
        </section>
        {staff && <RewardForm key={editing ? `edit-${editing.id}` : 'new'} reward={editing} />}
      </div>
    </div>
  );
}
