/** What the fake Slack workspace holds: people, channels with their messages, views, trigger ids. */

export interface FakeUser {
  id: string;
  email: string;
  name: string;
}

export interface FakeMessage {
  ts: string;
  text: string;
  blocks?: Record<string, unknown>[];
  threadTs?: string;
  /** How many times chat.update changed it. */
  updates: number;
}

export interface FakeChannel {
  id: string;
  name?: string;
  kind: 'im' | 'channel';
  /** For a DM: the person on the other side. */
  user?: string;
  messages: FakeMessage[];
}

export interface FakeView {
  id: string;
  user: string;
  view: Record<string, unknown>;
}

/** How long a trigger_id can be exchanged for a modal (Slack: 3 seconds). */
export const TRIGGER_TTL_MS = 3000;

export class FakeSlackState {
  readonly team = { id: 'T0FAKE', domain: 'fake-workspace' };
  readonly bot = { userId: 'UBOTFAKE', botId: 'BBOTFAKE', appId: 'AFAKEAPP' };
  readonly users = new Map<string, FakeUser>();
  readonly channels = new Map<string, FakeChannel>();
  /** Modals opened, oldest first, and each person's published Home tab. */
  readonly modals: FakeView[] = [];
  readonly homes = new Map<string, FakeView>();
  readonly triggers = new Map<string, { user: string; at: number; used: boolean }>();
  private seq = 0;

  constructor(readonly now: () => number) {}

  /** Message timestamps are unique and increasing, like Slack's "1700000000.000100". */
  nextTs(): string {
    this.seq++;
    return `${Math.floor(this.now() / 1000)}.${String(this.seq).padStart(6, '0')}`;
  }

  nextId(prefix: string): string {
    this.seq++;
    return `${prefix}${this.seq.toString(36).toUpperCase().padStart(8, '0')}`;
  }

  /** The bot's DM with a user, created on first use. */
  dm(userId: string): FakeChannel {
    const id = `D${userId.slice(1)}`;
    let c = this.channels.get(id);
    if (!c) this.channels.set(id, (c = { id, kind: 'im', user: userId, messages: [] }));
    return c;
  }

  /** What chat.postMessage accepts as `channel`: an id, a user id (their DM), or a channel name with or without '#'. */
  resolve(ref: string): FakeChannel | undefined {
    const direct = this.channels.get(ref);
    if (direct) return direct;
    if (/^[UW]/.test(ref) && this.users.has(ref)) return this.dm(ref);
    const name = ref.replace(/^#/, '');
    return [...this.channels.values()].find((c) => c.name === name);
  }

  issueTrigger(userId: string): string {
    const id = `${++this.seq}.${Math.floor(this.now() / 1000)}.${Math.random().toString(16).slice(2, 18)}`;
    this.triggers.set(id, { user: userId, at: this.now(), used: false });
    return id;
  }
}
