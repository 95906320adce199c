import { useEffect } from 'preact/hooks';
import { t } from '../../i18n';
import { myGoals } from '../../store/myGoals';
import { myPoints } from '../../store/myPoints';
import { myStandup } from '../../store/myStandup';
import { myReviews } from '../../store/reviews';
import { hrefOf } from '../../store/route';
import { LOG_WEEKS } from '../../store/progressLog';
import type { User } from '../../types';
import { MyGoalsPanel } from './MyGoalsPanel';
import { MyDevelopmentCard } from './MyDevelopmentCard';
import { MyPointsPanel } from './MyPointsPanel';
import { PersonLog } from './PersonLog';
import { MyResultsCard } from './MyResultsCard';
import { SelfReviewCard } from './SelfReviewCard';
import { StandupCard } from './StandupCard';

/** My page (phone first): my self-review when one is due, my released results (and appeals), this week's standup, my goals, my points, my progress log. */
export function MyPage({ user }: { user: User }) {
  useEffect(() => {
    void myStandup.load();
    void myGoals.load();
    void myPoints.load();
    void myReviews.load();
  }, [user.id]);

  return (
    <div class="page my-page" data-testid="my-page">
      <div class="page-head">
        <h2>{t('me.title', { name: user.name || user.email })}</h2>
        <a href={hrefOf('file')} class="small" data-testid="my-file-link">
          {t('me.myFile')}
        </a>
      </div>
      <SelfReviewCard />
      <MyResultsCard />
      <StandupCard />
      <MyGoalsPanel />
      <MyDevelopmentCard />
      <MyPointsPanel />
      <section class="card panel" data-testid="my-log" aria-labelledby="my-log-title">
        <h3 id="my-log-title">{t('me.log.title', { weeks: LOG_WEEKS })}</h3>
        <PersonLog email={user.email} />
      </section>
    </div>
  );
}
