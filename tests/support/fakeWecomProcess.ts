/**
 * The fake qyapi in a process of its own (the bench): like the real WeCom, it does not share the app's event loop,
 * CPU or memory. Started with fork(); driven over IPC: start → ready, summary, close.
 */
import { FakeWecom, type FakeUser } from './fakeWecom';

export type FakeWecomRequest = { type: 'start'; corpId: string; secret: string; agentId: number; users: FakeUser[] } | { type: 'summary' } | { type: 'close' };

export interface FakeWecomSummary {
  /** The bodies of the accepted message/send calls, in order. */
  sends: unknown[];
  /** Users by the number of messages they got: { "1": 10000 } when everyone got exactly one. */
  inboxCounts: Record<string, number>;
  /** Sends refused by the per-member limits. */
  dropped: number;
}

let fake: FakeWecom | undefined;
const reply = (m: unknown) => process.send!(m);

process.on('message', async (m: FakeWecomRequest) => {
  if (m.type === 'start') {
    fake = await FakeWecom.start({ corpId: m.corpId, secret: m.secret, agentId: m.agentId, now: () => new Date() });
    fake.addUsers(...m.users);
    reply({ type: 'ready', url: fake.url, robotUrl: fake.robotUrl });
  } else if (m.type === 'summary' && fake) {
    const inboxCounts: Record<string, number> = {};
    for (const u of fake.users.keys()) {
      const n = String(fake.messagesTo(u).length);
      inboxCounts[n] = (inboxCounts[n] ?? 0) + 1;
    }
    reply({ type: 'summary', sends: fake.sends().map((s) => s.body), inboxCounts, dropped: fake.dropped } satisfies FakeWecomSummary & { type: string });
  } else if (m.type === 'close') {
    await fake?.close();
    process.exit(0);
  }
});

// The parent went away (finished, crashed, was killed): so does the fake.
process.on('disconnect', () => process.exit(0));
