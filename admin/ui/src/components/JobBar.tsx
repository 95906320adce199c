import { errorText } from '../errors';
import { t } from '../i18n';
import { JOB_NAMES, jobOutcome, runJob, runningJob } from '../store/jobs';

export function JobBar() {
  const outcome = jobOutcome.value;
  return (
    <section class="job-bar" aria-label={t('jobs.title')}>
      <span class="job-bar-title">{t('jobs.title')}</span>
      {JOB_NAMES.map((job) => (
        <button
          key={job}
          type="button"
          data-testid="run-job"
          data-job={job}
          title={job}
          disabled={runningJob.value !== null}
          onClick={() => void runJob(job)}
        >
          {runningJob.value === job ? t('jobs.running') : t(`jobs.name.${job}`)}
        </button>
      ))}
      {outcome && (
        <output
          class={outcome.error ? 'job-result error' : 'job-result'}
          data-testid="job-result"
          data-job={outcome.job}
          data-status={outcome.error ? 'error' : 'ok'}
        >
          {outcome.error
            ? t('jobs.failed', { job: t(`jobs.name.${outcome.job}`), error: errorText(outcome.error) })
            : t('jobs.done', {
                job: t(`jobs.name.${outcome.job}`),
                result: JSON.stringify(outcome.result ?? null),
              })}
        </output>
      )}
    </section>
  );
}
