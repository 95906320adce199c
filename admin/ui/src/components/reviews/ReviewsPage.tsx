import { t } from '../../i18n';
import { isStaff, subRoute } from '../../store/route';
import { CalibrationPage } from '../calibration/CalibrationPage';
import { CycleList } from './CycleList';
import { CycleReviews } from './CycleReviews';
import { ReviewPage } from './ReviewPage';
import { ReviewsViewSwitch } from './ReviewsViewSwitch';
import { TemplateEditor } from './TemplateEditor';
import { TemplatesView } from './TemplatesView';

/**
 * Reviews: `#/reviews` the cycles → `#/reviews/cycles/:id` the team's reviews → `#/reviews/review/:id` one review;
 * for HR and admin also `#/reviews/templates` (templates, rating scale), `#/reviews/templates/:id|new` (the editor) and
 * `#/reviews/calibration/:id` (a calibration session).
 */
export function ReviewsPage() {
  const [part, id] = subRoute.value.split('/');
  const staff = isStaff.value;
  const view = part === 'templates' && staff ? 'templates' : 'cycles';
  const num = Number(id);
  return (
    <div class="page reviews-page" data-testid="reviews-page" data-view={view}>
      <div class="page-head">
        <h2>{t('reviews.title')}</h2>
        {staff && <ReviewsViewSwitch active={view} />}
      </div>
      {view === 'templates' ? (
        id === 'new' ? <TemplateEditor key="new" id={null} /> : id && num > 0 ? <TemplateEditor key={num} id={num} /> : <TemplatesView />
      ) : part === 'cycles' && num > 0 ? (
        <CycleReviews key={num} cycleId={num} />
      ) : part === 'calibration' && staff && num > 0 ? (
        <CalibrationPage key={num} sessionId={num} />
      ) : part === 'review' && num > 0 ? (
        <ReviewPage key={num} reviewId={num} />
      ) : (
        <CycleList />
      )}
    </div>
  );
}
