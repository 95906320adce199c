import { useSignal } from '@preact/signals';
import { t } from '../../i18n';
import type { CompanySettings } from '../../store/settings';
import { FieldProblem } from '../FieldProblem';
import { SaveBar } from './SaveBar';
import { useSave } from './useSave';

type Values = Pick<CompanySettings, 'points' | 'leaderboard' | 'reviews' | 'talent'> & { mentoring: NonNullable<CompanySettings['mentoring']> };
const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));

/** Points per deed, the monthly leaderboard (share, time, channel), the review defaults, who sees talent profiles and mentor matching. */
export function PointsForm({ value }: { value: Pick<CompanySettings, 'points' | 'leaderboard' | 'reviews' | 'talent' | 'mentoring'> }) {
  const draft = useSignal<Values>({
    points: { developmentCheckin: 5, ...value.points },
    leaderboard: value.leaderboard,
    reviews: value.reviews,
    talent: value.talent ?? { profileVisibleToSelf: false },
    mentoring: value.mentoring ?? { capacity: 3, separateLine: true },
  });
  const state = useSave('points');
  const problems = state.problems();
  const d = draft.value;
  const set = <K extends keyof Values>(key: K, change: Partial<Values[K]>) => (draft.value = { ...draft.value, [key]: { ...draft.value[key], ...change } });
  const field = (name: string, label: string, input: preact.JSX.Element) => (
    <label>
      <span>{label}</span>
      {input}
      <FieldProblem field={name} problems={problems} />
    </label>
  );
  return (
    <form
      class="card panel adjust-form settings-form"
      data-testid="points-settings"
      onSubmit={(e) => {
        e.preventDefault();
        void state.save(draft.value);
      }}
    >
      <h3>{t('settings.points.title')}</h3>
      <div class="settings-grid">
        {field('points.standupOnTime', t('settings.points.standupOnTime'), <input type="number" min={0} data-testid="points-standup" value={d.points.standupOnTime} onInput={(e) => set('points', { standupOnTime: num(e.currentTarget.value) })} />)}
        {field('points.checkinOnTime', t('settings.points.checkinOnTime'), <input type="number" min={0} data-testid="points-checkin" value={d.points.checkinOnTime} onInput={(e) => set('points', { checkinOnTime: num(e.currentTarget.value) })} />)}
        {field('points.developmentCheckin', t('settings.points.developmentCheckin'), <input type="number" min={0} data-testid="points-development" value={d.points.developmentCheckin} onInput={(e) => set('points', { developmentCheckin: num(e.currentTarget.value) })} />)}
        {field('leaderboard.topPercent', t('settings.leaderboard.topPercent'), <input type="number" min={1} max={100} data-testid="leaderboard-share" value={d.leaderboard.topPercent} onInput={(e) => set('leaderboard', { topPercent: num(e.currentTarget.value) })} />)}
        {field('leaderboard.time', t('settings.leaderboard.time'), <input type="time" data-testid="leaderboard-time" value={d.leaderboard.time} onInput={(e) => set('leaderboard', { time: e.currentTarget.value })} />)}
        {field('leaderboard.announceChannel', t('settings.leaderboard.channel'), <input data-testid="leaderboard-channel" value={d.leaderboard.announceChannel} onInput={(e) => set('leaderboard', { announceChannel: e.currentTarget.value })} />)}
      </div>
      <h3>{t('settings.reviews.title')}</h3>
      <div class="settings-grid">
        {field('reviews.openTime', t('settings.reviews.openTime'), <input type="time" data-testid="reviews-open-time" value={d.reviews.openTime} onInput={(e) => set('reviews', { openTime: e.currentTarget.value })} />)}
        {field('reviews.managerLeadDays', t('settings.reviews.managerLeadDays'), <input type="number" min={0} max={20} value={d.reviews.managerLeadDays} onInput={(e) => set('reviews', { managerLeadDays: num(e.currentTarget.value) })} />)}
        {field('reviews.remindAfterDays', t('settings.reviews.remindAfterDays'), <input type="number" min={1} max={20} value={d.reviews.remindAfterDays} onInput={(e) => set('reviews', { remindAfterDays: num(e.currentTarget.value) })} />)}
        {field('reviews.appealDays', t('settings.reviews.appealDays'), <input type="number" min={0} max={90} value={d.reviews.appealDays} onInput={(e) => set('reviews', { appealDays: num(e.currentTarget.value) })} />)}
        {field('reviews.appealResponseDays', t('settings.reviews.appealResponseDays'), <input type="number" min={1} max={60} value={d.reviews.appealResponseDays} onInput={(e) => set('reviews', { appealResponseDays: num(e.currentTarget.value) })} />)}
      </div>
      <h3>{t('settings.talent.title')}</h3>
      <label class="inline">
        <input type="checkbox" data-testid="talent-visible-to-self" checked={d.talent.profileVisibleToSelf} onChange={(e) => set('talent', { profileVisibleToSelf: e.currentTarget.checked })} />
        <span>{t('settings.talent.profileVisibleToSelf')}</span>
      </label>
      <h3>{t('settings.mentoring.title')}</h3>
      <div class="settings-grid">
        {field('mentoring.capacity', t('settings.mentoring.capacity'), <input type="number" min={1} max={20} data-testid="mentoring-capacity" value={d.mentoring.capacity} onInput={(e) => set('mentoring', { capacity: num(e.currentTarget.value) })} />)}
        <label class="checkbox">
          <input type="checkbox" data-testid="mentoring-separate-line" checked={d.mentoring.separateLine} onChange={(e) => set('mentoring', { separateLine: e.currentTarget.checked })} />
          <span>{t('settings.mentoring.separateLine')}</span>
        </label>
      </div>
      <SaveBar state={state} testId="points-save" shown={(f) => /^(points|leaderboard|reviews|talent|mentoring)\./.test(f)} />
    </form>
  );
}
