import type { types } from '@slack/bolt';
import { t, type Locale } from '../../i18n';
import type { MyWeek } from '../../services/myWeek';
import { openFormButton } from './messageBlocks';
import { clip, splitText, toSlackText } from './slackText';

type Block = types.KnownBlock;

const header = (text: string): Block => ({ type: 'header', text: { type: 'plain_text', text: clip(text, 150), emoji: true } });

/**
 * The App Home tab: my week (standup status and answers, with the modal button while it can be answered),
 * then my points and rank this month. Later features (goals) add their own section here.
 */
export function homeView(week: MyWeek, locale: Locale, updatedAt: string): types.HomeView {
  return { type: 'home', blocks: [...standupSection(week, locale), { type: 'divider' }, ...pointsSection(week, locale), context(t(locale, 'slack.home.updated', { at: updatedAt }))] };
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

function pointsSection(week: MyWeek, locale: Locale): Block[] {
  const p = week.points;
  const rank = p.rank ? t(locale, 'slack.home.rank', p.rank) : t(locale, 'slack.home.unranked');
  return [
    header(t(locale, 'slack.home.pointsTitle')),
    { type: 'section', text: { type: 'mrkdwn', text: toSlackText(t(locale, 'slack.home.points', { balance: p.balance, month: p.month, score: p.score, rank })) } },
  ];
}

const context = (text: string): Block => ({ type: 'context', elements: [{ type: 'plain_text', text, emoji: true }] });
