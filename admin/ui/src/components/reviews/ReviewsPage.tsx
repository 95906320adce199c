import { t } from '../../i18n';
import { isStaff, subRoute } from '../../store/route';
import { AppealsView } from '../appeals/AppealsView';
import { TrendsView } from '../appeals/TrendsView';
import { CalibrationPage } from '../calibration/CalibrationPage';
import { CycleReportView } from '../calibration/CycleReportView';
import { CycleList } from './CycleList';
import { CycleReviews } from './CycleReviews';
import { ReviewPage } from './ReviewPage';
import { ReviewsViewSwitch } from './ReviewsViewSwitch';
import { TemplateEditor } from './TemplateEditor';
import { TemplatesView } from './TemplatesView';

/**
 * Reviews: `#/reviews` the cycles → `#/reviews/cycles/:id` the team's reviews → `#/reviews/review/:id` one review;
 * `#/reviews/report/:id` a cycle's report (before/after calibration; a manager sees their team) and
 * `#/reviews/calibration/:id` a calibration session (HR, admin and the department heads HR invited; the API decides);
 * for HR and admin also `#/reviews/templates` (templates, rating scale), `#/reviews/templates/:id|new` (the editor),
 * `#/reviews/appeals` (the appeal queue) and `#/reviews/trends` (acceptance and appeals over cycles).
 */
export function ReviewsPage() {
  const [part, id] = subRoute.value.split('/');
  const staff = isStaff.value;
  const view = staff && (part === 'templates' || part === 'appeals' || part === 'trends') ? part : 'cycles';
  const num = Number(id);
  return (
    <div class="page reviews-page" data-testid="reviews-page" data-view={view}>
      <div class="page-head">
        <h2>{t('reviews.title')}</h2>
        {staff && <ReviewsViewSwitch active={view} />}
      </div>
      {view === 'appeals' ? (
        <AppealsView />
      ) : view === 'trends' ? (
        <TrendsView />
      ) : view === 'templates' ? (
        id === 'new' ? <TemplateEditor key="new" id={null} /> : id && num > 0 ? <TemplateEditor key={num} id={num} /> : <TemplatesView />
      ) : part === 'cycles' && num > 0 ? (
        <CycleReviews key={num} cycleId={num} />
      ) : part === 'calibration' && num > 0 ? (
        <CalibrationPage key={num} sessionId={num} />
      ) : part === 'report' && num > 0 ? (
        <CycleReportView key={num} cycleId={num} />
      ) : part === 'review' && num > 0 ? (
        <ReviewPage key={num} reviewId={num} />
      ) : (
        <CycleList />
      )}
    </div>
  );
}
