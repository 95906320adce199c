import { signal } from '@preact/signals';
import { api } from '../api';
import type { Reward, RewardInput } from '../types';

export const rewards = signal<Reward[]>([]);
export const rewardsLoading = signal(false);
export const rewardsError = signal<unknown>(null);
/** The reward open in the form; null means the form adds a new one. */
export const editingReward = signal<Reward | null>(null);

let seq = 0;

export async function loadRewards(): Promise<void> {
  const mine = ++seq;
  rewardsLoading.value = true;
  try {
    const res = await api.get<{ rewards: Reward[] }>('/api/rewards');
    if (mine !== seq) return;
    rewards.value = res.rewards ?? [];
    rewardsError.value = null;
  } catch (err) {
    if (mine === seq) rewardsError.value = err;
  } finally {
    if (mine === seq) rewardsLoading.value = false;
  }
}

/** Creates (no id) or replaces a reward, then reloads the list. Throws the server's ApiError. */
export async function saveReward(input: RewardInput, id?: number): Promise<Reward> {
  const saved =
    id === undefined
      ? await api.post<Reward>('/api/rewards', input)
      : await api.put<Reward>(`/api/rewards/${encodeURIComponent(id)}`, input);
  savedReward.value = { reward: saved, created: id === undefined };
  await loadRewards();
  return saved;
}

export function resetRewards(): void {
  seq++;
  rewards.value = [];
  rewardsError.value = null;
  editingReward.value = null;
  savedReward.value = null;
}

/** The last reward the form saved, for its confirmation line. */
export const savedReward = signal<{ reward: Reward; created: boolean } | null>(null);
