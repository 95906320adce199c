import { useEffect } from 'preact/hooks';
import { errorText } from '../../errors';
import { formatDateTime } from '../../format';
import { hasKey, t } from '../../i18n';
import { personFile } from '../../store/reviews';
import { subRoute } from '../../store/route';
import { currentUser } from '../../store/session';

const KIND_BADGE: Record<string, string> = { review: 'badge-ok', feedback: 'badge-late', goal: '', points: 'badge-muted' };

/** A person's file (档案): reviews, feedback, goals and points on one timeline, newest first. `#/file/:id`, `#/file` = mine. */
export function PersonFilePage() {
  const id = Number(subRoute.value.split('/')[0]) || currentUser.value?.personId || 0;
  const file = id ? personFile.of(id) : null;
  useEffect(() => {
    if (file) void file.load();
  }, [id]);
  const data = file?.data.value;
  return (
    <div class="page file-page" data-testid="file-page" data-person={id}>
      <div class="page-head">
        <h2>{data ? t('file.titleOf', { name: data.person.name }) : t('file.title')}</h2>
        {data?.person.department && <p class="muted">{String(data.person.department)}</p>}
      </div>
      {!file ? (
        <p class="muted">{t('file.none')}</p>
      ) : file.error.value ? (
        <p class="error" role="alert">{errorText(file.error.value)}</p>
      ) : !data ? (
        <p class="muted">{t('app.loading')}</p>
      ) : data.entries.length === 0 ? (
        <p class="muted card panel" data-testid="file-empty">{t('file.empty')}</p>
      ) : (
        <ol class="card panel timeline" data-testid="file-timeline">
          {data.entries.map((e, i) => (
            <li key={i} class="timeline-entry" data-testid="file-entry" data-kind={e.kind}>
              <span class="muted small">{formatDateTime(e.at) || e.at}</span>
              <span class={`badge ${KIND_BADGE[e.kind] ?? ''}`}>{hasKey(`file.kind.${e.kind}`) ? t(`file.kind.${e.kind}`) : e.kind}</span>
              <strong class="timeline-title">{e.title}</strong>
              {e.detail && <p class="timeline-detail pre-wrap">{e.detail}</p>}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
