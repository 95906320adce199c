/**
 * Slack text conventions (https://docs.slack.dev/messaging/formatting-message-text): &, < and > are escaped,
 * and mentions/links arrive as <@U123>, <#C123|name>, <https://x|label>.
 */

/** Our text into Slack mrkdwn: escaped, so an answer containing "<!channel>" pings nobody. */
export function toSlackText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** What a person typed in Slack, as plain text: mentions and links become readable, entities unescaped. */
export function fromSlackText(text: string): string {
  return text
    .replace(/<([^<>|]+)\|([^<>]+)>/g, (_, target: string, label: string) =>
      target.startsWith('http') ? `${label} (${target})` : /^[@#]/.test(target) ? `${target[0]}${label}` : label,
    )
    .replace(/<([@#!])([^<>]+)>/g, (_, sigil: string, id: string) => `${sigil === '!' ? '@' : sigil}${id}`)
    .replace(/<([^<>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Cuts text to a Slack field limit, marking the cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Splits long text into pieces of at most `max` characters, preferring paragraph and line breaks. */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    const cut = Math.max(window.lastIndexOf('\n\n'), window.lastIndexOf('\n'));
    const at = cut > max / 2 ? cut : max;
    pieces.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^\n+/, '');
  }
  if (rest.length > 0 || pieces.length === 0) pieces.push(rest);
  return pieces;
}
