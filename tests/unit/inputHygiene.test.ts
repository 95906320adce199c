import { describe, expect, it } from 'vitest';
import { stripControl } from '../../bot/domain/stripControl';
import { safeCell } from '../../bot/services/exports/safeCell';

describe('stripControl', () => {
  it.each([
    ['plain text', 'hello 你好', 'hello 你好'],
    ['NUL inside', 'a\u0000b', 'ab'],
    ['keeps tab, line feed, carriage return', 'a\tb\nc\r\nd', 'a\tb\nc\r\nd'],
    ['other C0 controls', '\u0001\u0007\u0008x\u000B\u000C\u000E\u001B[31m\u001F', 'x[31m'],
    ['DEL', 'a\u007Fb', 'ab'],
    ['C1 controls', 'a\u0080\u0085\u009Bb\u009F', 'ab'],
    ['keeps the first character after C1 (U+00A0 no-break space)', 'a\u00A0b', 'a\u00A0b'],
    ['keeps emoji and zero-width joiners', '👩‍💻 ok', '👩‍💻 ok'],
    ['only controls', '\u0000\u0001', ''],
  ])('%s', (_name, input, expected) => {
    expect(stripControl(input)).toBe(expected);
  });
});

describe('safeCell', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ["+1+cmd|' /C calc'!A0", `'+1+cmd|' /C calc'!A0`],
    ['@SUM(A1:A9)', `'@SUM(A1:A9)`],
    ['-2+3', `'-2+3`],
    ['\t=1+1', `'\t=1+1`],
    ['\r=1+1', `'\r=1+1`],
    ['finished the report', 'finished the report'],
    ['a=b later', 'a=b later'],
    ['', ''],
    ['完成了 = 100%', '完成了 = 100%'],
  ])('%j → %j', (input, expected) => {
    expect(safeCell(input)).toBe(expected);
  });
});
