/**
 * Text people send us, without the characters nobody types: NUL and the other C0 controls, DEL and the C1 controls
 * (U+0080–U+009F). They break CSV and terminal output, hide text from reviewers and NUL truncates strings in some
 * tools. Tab, line feed and carriage return stay: answers, notes and CSV files are multi-line. Applied once where
 * text enters — the API's JSON parser, CSV imports, chat (handleInbound) and the
 * Slack modals (submitStandupForm, submitCheckinForm) — so nothing stored carries them.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

export function stripControl(text: string): string {
  return text.replace(CONTROL, '');
}
