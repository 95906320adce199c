import { pulseRequests } from '../../../db/schema';
import { asLocale, t } from '../../i18n';
import type { OutboxItem } from '../../outbox/enqueue';
import type { ServiceDeps } from '../context';
import { enterPulse, pulseQuestion } from './pulseChat';

/**
 * After a release with the pulse on: each person released is asked, once (a request row per cycle and person),
 * inside the release's transaction. People in the middle of another chat flow are not interrupted: the message tells
 * them to type "调研" / "pulse" when they are ready. Returns the outbox items to send.
 */
export function askPulse(deps: ServiceDeps, cycleId: number, cycleName: string, people: { personId: number; locale: string }[]): OutboxItem[] {
  const at = deps.now().toISOString();
  const items: OutboxItem[] = [];
  for (const p of people) {
    const fresh = deps.db.insert(pulseRequests).values({ cycleId, personId: p.personId, askedAt: at }).onConflictDoNothing().run().changes;
    if (fresh === 0) continue;
    enterPulse(deps, p.personId, cycleId, true);
    const locale = asLocale(p.locale, deps.settings.defaultLocale);
    items.push({ dedupeKey: `pulse-ask:${cycleId}:${p.personId}`, target: { kind: 'person', personId: p.personId }, message: { text: `${t(locale, 'pulse.intro')}\n${pulseQuestion(locale, 0, cycleName)}` } });
  }
  return items;
}
