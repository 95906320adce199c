import { subRoute } from '../../store/route';
import { DevelopmentPage } from './development/DevelopmentPage';

/**
 * The Talent area (issue 16), by sub-route: `#/talent/paths` and `#/talent/mentors` (development paths and mentors).
 * The profile and 9-box views (`#/talent`, `#/talent/person/:id`) join here from the talent-profile work.
 */
export function TalentPage() {
  const [part] = subRoute.value.split('/');
  return <DevelopmentPage part={part === 'mentors' ? 'mentors' : 'paths'} />;
}
