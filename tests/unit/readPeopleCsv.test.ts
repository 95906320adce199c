import { describe, expect, it } from 'vitest';
import { readPeopleCsv, readPeopleCsvForPreview, readPeopleCsvInSlices } from '../../bot/services/people/readPeopleCsv';
import { AppError } from '../../bot/errors';
import { isValidTimeZone } from '../../bot/config';

const HEADER = 'employee_no,name,email,department,manager_email,job_function,timezone,locale,slack_user_id,wecom_userid,role';

/** The problems a refused file carries (AppError details). */
function problemsOf(fn: () => unknown): { line: number; field?: string; message: string }[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return (err as AppError).details as { line: number; field?: string; message: string }[];
  }
  throw new Error('the file was not refused');
}

describe('reading a people CSV (each cell checked by its column)', () => {
  it('trims and lower-cases as before, and a value repeated on later rows comes out the same', async () => {
    const csv = [
      HEADER,
      ' E1 , 王芳 , Wang.Fang@Example.com ,研发中心,,rnd, Asia/Shanghai ,zh-CN,,,manager',
      'E2,李四,li@example.com,研发中心, WANG.FANG@example.com ,rnd, Asia/Shanghai ,en,W0LI,li.si,',
      'E3,韩梅梅,han@example.com, 研发中心 , WANG.FANG@example.com ,rnd, Asia/Shanghai ,en,,,employee',
    ].join('\n');
    const rows = await readPeopleCsvInSlices(csv);
    expect(rows).toEqual([
      { employee_no: 'E1', name: '王芳', email: 'wang.fang@example.com', department: '研发中心', manager_email: '', job_function: 'rnd', timezone: 'Asia/Shanghai', locale: 'zh-CN', slack_user_id: '', wecom_userid: '', role: 'manager', line: 2 },
      { employee_no: 'E2', name: '李四', email: 'li@example.com', department: '研发中心', manager_email: 'wang.fang@example.com', job_function: 'rnd', timezone: 'Asia/Shanghai', locale: 'en', slack_user_id: 'W0LI', wecom_userid: 'li.si', role: '', line: 3 },
      { employee_no: 'E3', name: '韩梅梅', email: 'han@example.com', department: '研发中心', manager_email: 'wang.fang@example.com', job_function: 'rnd', timezone: 'Asia/Shanghai', locale: 'en', slack_user_id: '', wecom_userid: '', role: 'employee', line: 4 },
    ]);
    expect(readPeopleCsv(csv)).toEqual(rows);
  });

  it('names every bad cell of a row in the header order, with the messages of each column', () => {
    const csv = [HEADER, `,${'x'.repeat(201)},not-an-email,,BAD,Sales!,Mars/Olympus,fr,u123,bad id!,boss`].join('\n');
    expect(problemsOf(() => readPeopleCsv(csv))).toEqual([
      { line: 2, field: 'employee_no', message: 'employee_no is required' },
      { line: 2, field: 'name', message: 'name Too big: expected string to have <=200 characters' },
      { line: 2, field: 'email', message: 'email is not a valid e-mail' },
      { line: 2, field: 'department', message: 'department is required' },
      { line: 2, field: 'manager_email', message: 'manager_email is not a valid e-mail' },
      { line: 2, field: 'job_function', message: 'job_function must be a lowercase slug such as rnd or sales' },
      { line: 2, field: 'timezone', message: 'timezone is not an IANA time zone' },
      { line: 2, field: 'locale', message: 'locale must be zh-CN or en' },
      { line: 2, field: 'slack_user_id', message: 'slack_user_id must look like U0123ABCD' },
      { line: 2, field: 'wecom_userid', message: 'wecom_userid must be 1-64 letters, digits or _ . @ -' },
      { line: 2, field: 'role', message: 'role must be employee, manager, hr or admin' },
    ]);
  });

  it('reports a bad value on every line it appears on, not only the first', async () => {
    const lines = [HEADER];
    for (let i = 0; i < 6; i++) lines.push(`E${i},P${i},p${i}@example.com,Sales,,sales,${i % 2 ? 'Mars/Olympus' : 'Asia/Shanghai'},${i % 3 ? 'fr' : 'en'},,,`);
    const { rows, problems } = await readPeopleCsvForPreview(lines.join('\n'));
    expect(rows.map((r) => r.line)).toEqual([2]);
    expect(problems).toEqual([
      { line: 3, field: 'timezone', message: 'timezone is not an IANA time zone' },
      { line: 3, field: 'locale', message: 'locale must be zh-CN or en' },
      { line: 4, field: 'locale', message: 'locale must be zh-CN or en' },
      { line: 5, field: 'timezone', message: 'timezone is not an IANA time zone' },
      { line: 6, field: 'locale', message: 'locale must be zh-CN or en' },
      { line: 7, field: 'timezone', message: 'timezone is not an IANA time zone' },
      { line: 7, field: 'locale', message: 'locale must be zh-CN or en' },
    ]);
  });

  it('still checks every cell of a column with more distinct values than it remembers', async () => {
    // 6,000 distinct Slack ids (more than a column remembers), the bad one near the end
    const lines = [HEADER];
    for (let i = 0; i < 6000; i++) lines.push(`E${i},P${i},p${i}@example.com,Team ${i},,,,,${i === 5990 ? 'x' : `U${i.toString(36).toUpperCase().padStart(4, '0')}`},w.${i},`);
    const { rows, problems } = await readPeopleCsvForPreview(lines.join('\n'));
    expect(problems).toEqual([{ line: 5992, field: 'slack_user_id', message: 'slack_user_id must look like U0123ABCD' }]);
    expect(rows).toHaveLength(5999);
    expect(rows[5998]).toMatchObject({ line: 6001, department: 'Team 5999', slack_user_id: 'U04MN', wecom_userid: 'w.5999' });
  });

  it('accepts exactly the time zones Intl accepts: listed names, aliases, other cases', async () => {
    const zones = ['Asia/Shanghai', 'America/Los_Angeles', 'UTC', 'Etc/UTC', 'Asia/Kolkata', 'Asia/Calcutta', 'asia/shanghai', 'Mars/Olympus', 'Asia/Shanghai2', 'GMT+8'];
    const lines = [HEADER, ...zones.map((z, i) => `E${i},P${i},p${i}@example.com,Sales,,sales,${z},,,,`)];
    const { rows, problems } = await readPeopleCsvForPreview(lines.join('\n'));
    const accepted = zones.filter(isValidTimeZone);
    expect(accepted).toContain('UTC');
    expect(accepted).not.toContain('Mars/Olympus');
    expect(rows.map((r) => r.timezone)).toEqual(accepted);
    expect(problems.map((p) => zones[p.line - 2])).toEqual(zones.filter((z) => !isValidTimeZone(z)));
  });
});
