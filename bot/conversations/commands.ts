/** Text commands people can type in any chat, in either language. */
export type Command =
  | { name: 'points' }
  | { name: 'leaderboard' }
  | { name: 'redeem' }
  | { name: 'goals' }
  | { name: 'help' }
  | { name: 'standup' }
  | { name: 'skip' }
  | { name: 'login' }
  | { name: 'review' }
  | { name: 'pulse' }
  | { name: 'mentoring' }
  | { name: 'appeal'; reason: string }
  | { name: 'edit'; n: number };

const WORDS: Record<string, Command['name']> = {
  points: 'points', 积分: 'points', 我的积分: 'points',
  leaderboard: 'leaderboard', 排行: 'leaderboard', 排行榜: 'leaderboard',
  redeem: 'redeem', 兑换: 'redeem',
  goals: 'goals', 目标: 'goals', 我的目标: 'goals', okr: 'goals',
  help: 'help', 帮助: 'help', '?': 'help', '？': 'help',
  standup: 'standup', 站会: 'standup', 周报: 'standup',
  skip: 'skip', 跳过: 'skip',
  review: 'review', 评估: 'review', 自评: 'review', 考核: 'review',
  pulse: 'pulse', 调研: 'pulse', 问卷: 'pulse',
  mentoring: 'mentoring', mentor: 'mentoring', 导师: 'mentoring', 导师制: 'mentoring',
  login: 'login', 登录: 'login', 登陆: 'login', signin: 'login', 'sign in': 'login',
};

export function parseCommand(text: string): Command | undefined {
  // "申诉 <reason>" / "appeal: <reason>": the reason keeps its case and its lines.
  const appeal = /^\/?(?:申诉|appeal)(?=$|[\s:：])[\s:：]*([\s\S]*)$/iu.exec(text.trim());
  if (appeal) return { name: 'appeal', reason: appeal[1].trim() };
  const normalised = text.trim().toLowerCase().replace(/^\/+/, '');
  const edit = /^(?:edit|修改)\s*(\d{1,2})$/u.exec(normalised);
  if (edit) return { name: 'edit', n: Number(edit[1]) };
  const name = WORDS[normalised];
  return name ? ({ name } as Command) : undefined;
}
