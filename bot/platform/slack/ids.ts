/** Slack-side identifiers of our UI: one place, so listeners, views and tests agree. */

/** The "Answer now" / "Edit" buttons (messages, App Home): open the standup modal. */
export const OPEN_STANDUP_FORM = 'slack.standup.open';
/** callback_id of the standup modal. */
export const STANDUP_FORM = 'slack.standup.form';
/** callback_id of the self-review modal (its inputs are q0, q1 … like the standup's). */
export const SELF_REVIEW_FORM = 'slack.review.self';
/** callback_id of the goal check-in modal, and its inputs (block id = action id). */
export const CHECKIN_FORM = 'slack.goal.form';
export const CHECKIN_INPUTS = { value: 'value', status: 'status', note: 'note' } as const;
/** Block and action ids of the modal's inputs: q0, q1, q2 … each with one `answer` element. */
export const questionBlockId = (index: number): string => `q${index}`;
export const ANSWER_ACTION = 'answer';

/**
 * Buttons of platform-neutral messages carry their neutral action id plus "#n": Slack wants action ids
 * unique within a message, and several neutral buttons may share one (Edit 1, Edit 2 …).
 */
export const encodeActionId = (actionId: string, index: number): string => `${actionId}#${index}`;
export const NEUTRAL_ACTION = /^(.+)#\d+$/;
export const decodeActionId = (slackActionId: string): string | undefined => NEUTRAL_ACTION.exec(slackActionId)?.[1];

export const PERF_COMMAND = '/perf';
