import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { t } from '../../../i18n';
import { mentorships } from '../../../store/development';
import { loadPeople } from '../../../store/people';
import type { Person } from '../../../types';
import { PersonPicker } from '../../PersonPicker';
import { MentorLoadCard } from './MentorLoadCard';
import { MentorshipList } from './MentorshipList';
import { ProposalList } from './ProposalList';

/** `#/talent/mentors` (HR, admin): pick a person → proposed mentors with scores and reasons → confirm with goals; pairings and load. */
export function MentorsView() {
  const mentee = useSignal<Person | null>(null);
  useEffect(() => {
    void loadPeople();
    void mentorships.load();
  }, []);
  return (
    <div class="talent-mentors stack" data-testid="talent-mentors">
      <h3 class="sr-only">{t('talent.mentors.title')}</h3>
      <section class="card panel stack" aria-labelledby="mentee-title">
        <h3 id="mentee-title">{t('talent.mentors.pick')}</h3>
        <div class="template-preview">
          <PersonPicker selected={mentee.value?.email ?? null} onSelect={(p) => (mentee.value = p)} />
        </div>
      </section>
      {mentee.value ? <ProposalList key={mentee.value.id} mentee={mentee.value} /> : null}
      <MentorshipList />
      <MentorLoadCard />
    </div>
  );
}
