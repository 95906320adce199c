import { stripControl } from '../../domain/stripControl';
import { inTransaction } from '../../../db/client';
import type { GoalStatus } from '../../../db/schema';
import { asLocale } from '../../i18n';
import { enqueue } from '../../outbox/enqueue';
import type { ServiceDeps } from '../context';
import { claimInbound } from '../chat/inboundEvents';
import { checkInAndConfirm, checkinFormFor } from './goalChat';

export interface CheckinSubmission {
  platform: string;
  /** Platform-unique id of the submission (Slack: trigger_id), so a repeat is dropped. */
  eventKey: string;
  personId: number;
  locale: string;
  goalId: number;
  value: string;
  status: GoalStatus | null;
  note: string | null;
}

export type CheckinOutcome = { kind: 'saved'; duplicate: boolean } | { kind: 'invalid'; field: 'value' } | { kind: 'refused' };

/** A check-in from a form (value, status, note at once); the confirmation goes to the person's chat. */
export function submitCheckinForm(deps: ServiceDeps, input: CheckinSubmission): CheckinOutcome {
  const value = Number(input.value.trim().replace(/[,，%％\s]/g, ''));
  if (!input.value.trim() || !Number.isFinite(value)) return { kind: 'invalid', field: 'value' };
  return inTransaction(deps.db, () => {
    if (!checkinFormFor(deps, input.personId, input.goalId)) return { kind: 'refused' } as const;
    if (!claimInbound(deps, input.platform, input.eventKey)) return { kind: 'saved', duplicate: true } as const;
    const message = checkInAndConfirm(deps, input.personId, asLocale(input.locale, deps.settings.defaultLocale), input.goalId, { value, status: input.status, note: stripControl(input.note ?? '').trim() || null });
    enqueue(deps, [{ dedupeKey: `checkin-form:${input.platform}:${input.eventKey}`, target: { kind: 'person', personId: input.personId }, message }]);
    return { kind: 'saved', duplicate: false } as const;
  });
}
