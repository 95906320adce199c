import { messageBlockProblems, viewProblems } from './fakeSlackBlocks';
import { TRIGGER_TTL_MS, type FakeSlackState } from './fakeSlackState';

/** Arguments as the Web API receives them: strings from a form (objects only in a JSON body). */
export type Args = Record<string, unknown>;
export type Result = { ok: true; [k: string]: unknown } | { ok: false; error: string; [k: string]: unknown };

const fail = (error: string, messages?: string[]): Result => ({ ok: false, error, ...(messages ? { response_metadata: { messages } } : {}) });
const missing = (field: string): Result => fail('invalid_arguments', [`[ERROR] missing required field: ${field}`]);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Form arguments carry objects as JSON strings (`blocks`, `view`); anything else is a format error. */
function jsonArg(args: Args, name: string): { value?: unknown; error?: true } {
  const raw = args[name];
  if (raw === undefined || raw === '') return {};
  if (typeof raw !== 'string') return { value: raw };
  try {
    return { value: JSON.parse(raw) };
  } catch {
    return { error: true };
  }
}

/** Blocks of chat.postMessage / chat.update: parsed and checked, or the error Slack gives. */
function readBlocks(args: Args): { blocks?: Record<string, unknown>[]; error?: Result } {
  const { value, error } = jsonArg(args, 'blocks');
  if (error) return { error: fail('invalid_blocks_format') };
  if (value === undefined) return {};
  const problems = messageBlockProblems(value);
  if (problems.length) return { error: { ...fail('invalid_blocks', problems), errors: problems } };
  return { blocks: value as Record<string, unknown>[] };
}

function readView(args: Args, kind: 'modal' | 'home'): { view?: Record<string, unknown>; error?: Result } {
  const { value, error } = jsonArg(args, 'view');
  if (error) return { error: fail('invalid_arguments', ['[ERROR] failed to parse json [json-pointer:/view]']) };
  if (value === undefined) return { error: missing('view') };
  const problems = viewProblems(value, kind);
  return problems.length ? { error: fail('invalid_arguments', problems) } : { view: value as Record<string, unknown> };
}

export type Handler = (s: FakeSlackState, args: Args) => Result;

export const METHODS: Record<string, Handler> = {
  'auth.test': (s) => ({ ok: true, url: `https://${s.team.domain}.slack.com/`, team: 'Fake Workspace', user: 'perf-bot', team_id: s.team.id, user_id: s.bot.userId, bot_id: s.bot.botId }),

  'chat.postMessage': (s, args) => {
    const ref = str(args.channel);
    const channel = ref ? s.resolve(ref) : undefined;
    if (!channel) return fail('channel_not_found');
    const { blocks, error } = readBlocks(args);
    if (error) return error;
    const text = str(args.text) ?? '';
    if (!text && !blocks?.length) return fail('no_text');
    if (text.length > 40_000) return fail('msg_too_long');
    const threadTs = str(args.thread_ts);
    // Slack is lenient with unknown thread_ts; the fake is strict so a wrong thread shows up in tests.
    if (threadTs && !channel.messages.some((m) => m.ts === threadTs && !m.threadTs)) return fail('thread_not_found');
    const message = { ts: s.nextTs(), text, blocks, threadTs, updates: 0 };
    channel.messages.push(message);
    return { ok: true, channel: channel.id, ts: message.ts, message: { type: 'message', user: s.bot.userId, bot_id: s.bot.botId, text, blocks, ts: message.ts, ...(threadTs ? { thread_ts: threadTs } : {}) } };
  },

  'chat.update': (s, args) => {
    const channel = str(args.channel) ? s.channels.get(str(args.channel)!) : undefined;
    if (!channel) return fail('channel_not_found');
    const ts = str(args.ts);
    if (!ts) return missing('ts');
    const message = channel.messages.find((m) => m.ts === ts);
    if (!message) return fail('message_not_found');
    const { blocks, error } = readBlocks(args);
    if (error) return error;
    const text = str(args.text) ?? '';
    if (!text && !blocks?.length) return fail('no_text');
    Object.assign(message, { text, blocks, updates: message.updates + 1 });
    return { ok: true, channel: channel.id, ts, text };
  },

  'conversations.open': (s, args) => {
    const users = str(args.users)?.split(',');
    if (!users?.length) return fail('users_list_not_supplied');
    if (users.length > 1) return fail('not_implemented_in_fake');
    if (!s.users.has(users[0])) return fail('user_not_found');
    return { ok: true, channel: { id: s.dm(users[0]).id } };
  },

  'users.lookupByEmail': (s, args) => {
    const email = str(args.email)?.toLowerCase();
    if (!email) return missing('email');
    const user = [...s.users.values()].find((u) => u.email.toLowerCase() === email);
    return user ? { ok: true, user: userJson(s, user) } : fail('users_not_found');
  },

  'users.info': (s, args) => {
    const user = str(args.user) ? s.users.get(str(args.user)!) : undefined;
    return user ? { ok: true, user: userJson(s, user) } : fail('user_not_found');
  },

  'views.open': (s, args) => {
    const triggerId = str(args.trigger_id);
    if (!triggerId) return missing('trigger_id');
    const trigger = s.triggers.get(triggerId);
    if (!trigger) return fail('invalid_trigger_id');
    if (trigger.used) return fail('exchanged_trigger_id');
    if (s.now() - trigger.at > TRIGGER_TTL_MS) return fail('expired_trigger_id');
    const { view, error } = readView(args, 'modal');
    if (error) return error;
    trigger.used = true;
    const opened = { id: s.nextId('V'), user: trigger.user, view: view! };
    s.modals.push(opened);
    return { ok: true, view: { id: opened.id, team_id: s.team.id, app_id: s.bot.appId, bot_id: s.bot.botId, ...view } };
  },

  'views.publish': (s, args) => {
    const userId = str(args.user_id);
    if (!userId) return missing('user_id');
    if (!s.users.has(userId)) return fail('user_not_found');
    const { view, error } = readView(args, 'home');
    if (error) return error;
    const published = { id: s.homes.get(userId)?.id ?? s.nextId('V'), user: userId, view: view! };
    s.homes.set(userId, published);
    return { ok: true, view: { id: published.id, team_id: s.team.id, ...view } };
  },
};

function userJson(s: FakeSlackState, u: { id: string; email: string; name: string }) {
  return { id: u.id, team_id: s.team.id, name: u.name, deleted: false, is_bot: false, profile: { email: u.email, real_name: u.name, display_name: u.name } };
}
