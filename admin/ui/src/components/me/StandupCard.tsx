import { errorText } from '../../errors';
import { t } from '../../i18n';
import { myStandup } from '../../store/myStandup';
import { StandupForm } from './StandupForm';
import { StandupStatus } from './StandupStatus';

/** This week's standup: its state and the questions to answer. */
export function StandupCard() {
  const standup = myStandup.data.value;
  return (
    <section class="card panel" data-testid="my-standup" aria-labelledby="my-standup-title">
      <h3 id="my-standup-title">{t('me.standup.title')}</h3>
      {myStandup.error.value ? (
        <p class="error" role="alert">
          {errorText(myStandup.error.value)}
        </p>
      ) : standup ? (
        <>
          <StandupStatus standup={standup} />
          <StandupForm key={standup.periodKey} standup={standup} />
        </>
      ) : (
        <p class="muted" data-testid="standup-none">
          {myStandup.loading.value ? t('app.loading') : t('me.standup.none')}
        </p>
      )}
    </section>
  );
}
