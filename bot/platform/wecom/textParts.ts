/** WeCom app text messages and robot text messages take at most 2048 bytes of UTF-8. */
export const TEXT_LIMIT_BYTES = 2048;

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/**
 * Splits text into pieces of at most `maxBytes` UTF-8 bytes, at line breaks where possible, never inside a
 * character. A manager digest of a big team runs to several pieces; each is sent as its own message, in order.
 */
export function splitText(text: string, maxBytes = TEXT_LIMIT_BYTES): string[] {
  if (bytes(text) <= maxBytes) return [text];
  const pieces: string[] = [];
  let current = '';
  const flush = () => {
    if (current.trim() !== '') pieces.push(current.replace(/\n+$/, ''));
    current = '';
  };
  for (const line of text.split('\n')) {
    const candidate = current === '' ? line : `${current}\n${line}`;
    if (bytes(candidate) <= maxBytes) {
      current = candidate;
      continue;
    }
    flush();
    if (bytes(line) <= maxBytes) {
      current = line;
      continue;
    }
    // One line longer than the limit: cut it by characters (code points, so no character is broken).
    for (const ch of line) {
      if (bytes(current) + bytes(ch) > maxBytes) flush();
      current += ch;
    }
  }
  flush();
  return pieces;
}

/** At most `max` characters (code points), with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
