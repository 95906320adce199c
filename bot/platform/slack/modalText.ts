import type { types } from '@slack/bolt';
import { clip } from './slackText';

/** Modal limits (docs.slack.dev/reference/views/modal-views): title, submit and close at most 24 characters. */
export const MODAL_TEXT_CHARS = 24;

/** A plain_text object, clipped to Slack's limit for where it goes (3,000 by default). */
export const plain = (text: string, max = 3000): types.PlainTextElement => ({ type: 'plain_text', text: clip(text, max), emoji: true });
