import { errorText } from '../errors';
import { hasKey, t } from '../i18n';
import { askToRun, cancelRun, JOB_NAMES, jobConfirmation, jobOutcome, runJob, runningJob, TESTABLE_JOBS, testJob, type JobOutcome } from '../store/jobs';

/** A job's answer as a sentence: `jobs.result.<job>` filled from the result's counts (lists by their length and names). */
function outcomeText(outcome: JobOutcome): string {
  const name = t(`jobs.name.${outcome.job}`);
  if (outcome.error) return t('jobs.failed', { job: name, error: errorText(outcome.error) });
  if (outcome.test) return t('jobs.testSent', { job: name });
  const params: Record<string, string | number> = { job: name };
  for (const [key, value] of Object.entries(outcome.result ?? {})) {
    if (typeof value === 'number') params[key] = value;
    else if (Array.isArray(value)) {
      params[key] = value.length ? value.join(', ') : '—';
      params[`${key}Count`] = value.length;
    }
  }
  const key = `jobs.result.${outcome.job}`;
  return hasKey(key) ? t(key, params) : t('jobs.doneShort', { job: name });
}

/**
 * Run-now for every job: a click first counts who would be messaged (a dry run, nothing sent) and asks to confirm;
 * prompts, reminders and digests can instead be sent as a test to the admin alone. Results read as sentences.
 */
export function JobBar() {
  const outcome = jobOutcome.value;
  const pending = jobConfirmation.value;
  const busy = runningJob.value !== null;
  return (
    <section class="job-bar" aria-label={t('jobs.title')}>
      <span class="job-bar-title">{t('jobs.title')}</span>
      {JOB_NAMES.map((job) => (
        <span key={job} class="job-item">
          <button type="button" data-testid="run-job" data-job={job} title={job} disabled={busy} onClick={() => void askToRun(job)}>
            {runningJob.value === job ? t('jobs.running') : t(`jobs.name.${job}`)}
          </button>
          {TESTABLE_JOBS.includes(job) && (
            <button type="button" class="link-button" data-testid="test-job" data-job={job} disabled={busy} onClick={() => void testJob(job)}>
              {t('jobs.testToMe')}
            </button>
          )}
        </span>
      ))}
      {pending && (
        <div class="job-confirm" role="alertdialog" aria-labelledby="job-confirm-text" data-testid="job-confirmation" data-job={pending.job} data-count={pending.wouldMessage}>
          <p id="job-confirm-text">
            {pending.wouldMessage + pending.channels === 0
              ? t('jobs.confirmNobody', { job: t(`jobs.name.${pending.job}`) })
              : t(pending.channels ? 'jobs.confirmWithChannels' : 'jobs.confirm', { job: t(`jobs.name.${pending.job}`), count: pending.wouldMessage, channels: pending.channels })}
          </p>
          <button type="button" class="primary" data-testid="job-confirm" onClick={() => void runJob(pending.job)}>
            {t('jobs.confirmRun')}
          </button>
          {TESTABLE_JOBS.includes(pending.job) && (
            <button type="button" data-testid="job-confirm-test" onClick={() => void testJob(pending.job)}>
              {t('jobs.testToMe')}
            </button>
          )}
          <button type="button" data-testid="job-cancel" onClick={cancelRun}>
            {t('jobs.cancel')}
          </button>
        </div>
      )}
      {outcome && (
        <output class={outcome.error ? 'job-result error' : 'job-result'} data-testid="job-result" data-job={outcome.job} data-status={outcome.error ? 'error' : 'ok'} data-test={outcome.test ? 'yes' : 'no'}>
          {outcomeText(outcome)}
        </output>
      )}
    </section>
  );
}
