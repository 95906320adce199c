import type { types } from '@slack/bolt';
import { t, type Locale } from '../../i18n';
import type { MyWeek } from '../../services/people/myWeek';
import { GOAL_ACTIONS } from '../../services/goals/goalChat';
import { encodeActionId } from './ids';
import { openFormButton } from './messageBlocks';
import { clip, splitText, toSlackText } from './slackText';

type Block = types.KnownBlock;

const header = (text: string): Block => ({ type: 'header', text: { type: 'plain_text', text: clip(text, 150), emoji: true } });

/**
 * The App Home tab: my week (standup status and answers, with the modal button while it can be answered),
 * then my goals (each with an Update button opening the check-in modal), then my points and rank this month.
 */
export function homeView(week: MyWeek, locale: Locale, updatedAt: string): types.HomeView {
  return {
    type: 'home',
    blocks: [
      ...standupSection(week, locale), { type: 'divider' }, ...goalsSection(week, locale), { type: 'divider' }, ...pointsSection(week, locale),
      context(t(locale, 'slack.home.updated', { at: updatedAt })),
    ],
  };
}

/** For someone the directory does not know: say so instead of an empty tab. */
export function unknownHomeView(locale: Locale): types.HomeView {
  return { type: 'home', blocks: [header(t(locale, 'slack.home.title')), { type: 'section', text: { type: 'plain_text', text: t(locale, 'slack.unknownUser') } }] };
}

function standupSection(week: MyWeek, locale: Locale): Block[] {
  const blocks: Block[] = [header(t(locale, 'slack.home.title'))];
  const s = week.standup;
  if (!s) return [...blocks, { type: 'section', text: { type: 'plain_text', text: t(locale, 'slack.home.standupNone') } }];
  const params = { week: s.periodKey, answered: s.answered, total: s.total, closesAt: s.closesAt };
  const status = s.open
    ? t(locale, s.completed ? 'slack.home.standupDone' : 'slack.home.standupOpen', params)
    : t(locale, s.completed ? (s.late ? 'slack.home.standupClosedLate' : 'slack.home.standupClosed') : 'slack.home.standupMissed', params);
  // The modal answers what is open; after close only a late answer to unanswered questions is still possible.
  const canAnswer = s.open || s.answered < s.total;
  const label = t(locale, s.answered > 0 ? 'slack.button.edit' : 'slack.button.answerNow');
  blocks.push({
    type: 'section',
    text: { type: 'mrkdwn', text: toSlackText(status) },
    ...(canAnswer ? { accessory: openFormButton(label, s.answered > 0 ? undefined : 'primary') } : {}),
  });
  if (s.answered > 0) {
    const body = s.fields.map((f) => `*${toSlackText(f.label)}*\n${toSlackText(f.value)}`).join('\n\n');
    for (const piece of splitText(body, 3000)) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: piece } });
  }
  return blocks;
}

function goalsSection(week: MyWeek, locale: Locale): Block[] {
  const blocks: Block[] = [header(t(locale, 'slack.home.goalsTitle'))];
  if (week.goals.length === 0) return [...blocks, { type: 'section', text: { type: 'plain_text', text: t(locale, 'goals.none') } }];
  // Slack allows 100 blocks in a Home tab; the first 20 goals are plenty, the console shows the rest.
  week.goals.slice(0, 20).forEach((g, i) => {
    const line = t(locale, 'goals.line', {
      n: i + 1, title: g.title, current: g.current, target: g.target, unit: g.unit, progress: g.progress,
      status: t(locale, `goals.status.${g.status}`), next: g.nextCheckpoint ? t(locale, 'goals.nextCheckpoint', { date: g.nextCheckpoint }) : '',
    });
    blocks.push({
      type: 'section',
      text: { type: 'plain_text', text: clip(line, 3000), emoji: true },
      accessory: { type: 'button', action_id: encodeActionId(GOAL_ACTIONS.checkin, i), text: { type: 'plain_text', text: clip(t(locale, 'goals.button.updateNow'), 75), emoji: true }, value: String(g.id) },
    });
  });
  return blocks;
}

function pointsSection(week: MyWeek, locale: Locale): Block[] {
  const p = week.points;
  const rank = p.rank ? t(locale, 'slack.home.rank', p.rank) : t(locale, 'slack.home.unranked');
  return [
    header(t(locale, 'slack.home.pointsTitle')),
    { type: 'section', text: { type: 'mrkdwn', text: toSlackText(t(locale, 'slack.home.points', { balance: p.balance, month: p.month, score: p.score, rank })) } },
  ];
}

const context = (text: string): Block => ({ type: 'context', elements: [{ type: 'plain_text', text, emoji: true }] });
