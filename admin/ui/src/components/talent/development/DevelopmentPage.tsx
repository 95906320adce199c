import { useEffect } from 'preact/hooks';
import { t } from '../../../i18n';
import { assignments } from '../../../store/development';
import { isStaff } from '../../../store/route';
import { AssignmentList } from './AssignmentList';
import { MentorsView } from './MentorsView';
import { PathsView } from './PathsView';

/**
 * The development part of the Talent area: `#/talent/paths` and `#/talent/mentors` for HR and admin; a manager sees
 * the paths of their reporting subtree (read only) and no mentor matching.
 */
export function DevelopmentPage({ part }: { part: 'paths' | 'mentors' }) {
  if (isStaff.value) return part === 'mentors' ? <MentorsView /> : <PathsView />;
  return <TeamPaths />;
}

function TeamPaths() {
  useEffect(() => {
    void assignments.load();
  }, []);
  return (
    <div class="stack" data-testid="talent-paths-team">
      <h3 class="sr-only">{t('talent.paths.title')}</h3>
      <AssignmentList readOnly />
    </div>
  );
}
