import { useEffect } from 'preact/hooks';
import { errorText } from '../../errors';
import { formatDateTime } from '../../format';
import { t } from '../../i18n';
import { hrefOf } from '../../store/route';
import { templates } from '../../store/reviewTemplates';
import { RatingScaleCard } from './RatingScaleCard';

/** The templates, one per job function (open one to edit it), a new one, and the rating scale. */
export function TemplatesView() {
  useEffect(() => {
    void templates.load();
  }, []);
  const list = templates.data.value;
  return (
    <div class="reviews-columns">
      <section class="card panel" data-testid="template-list" aria-labelledby="template-list-title">
        <div class="panel-head">
          <h3 id="template-list-title">{t('reviews.templates.title')}</h3>
          <a href={hrefOf('reviews', 'templates/new')} class="small" data-testid="template-new">
            {t('reviews.templates.new')}
          </a>
        </div>
        {templates.error.value ? <p class="error" role="alert">{errorText(templates.error.value)}</p> : null}
        {!list ? (
          !templates.error.value && <p class="muted">{t('app.loading')}</p>
        ) : list.length === 0 ? (
          <p class="muted">{t('reviews.templates.empty')}</p>
        ) : (
          <ul class="plain-list">
            {list.map((tpl) => (
              <li key={tpl.id} class="plain-item" data-testid="template-row" data-id={tpl.id} data-function={tpl.jobFunction}>
                <a class="plain-main" href={hrefOf('reviews', `templates/${tpl.id}`)} data-testid="template-open">
                  {tpl.name}
                </a>
                <span class="badge">{tpl.jobFunction}</span>
                <span class="cell-sub">{t('reviews.templates.versionAt', { version: tpl.version, time: formatDateTime(tpl.updatedAt) })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <RatingScaleCard />
    </div>
  );
}
