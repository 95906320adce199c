import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dealFigures } from '../../bot/domain/dealMetrics';
import { median, ticketFigures } from '../../bot/domain/helpdeskMetrics';
import { monthsOf, workFigures, type WorkItem } from '../../bot/domain/workItemMetrics';
import { valueAt } from '../../bot/services/integrations/crm/restJsonSource';
import { jiraWorkItem, type JiraRules } from '../../bot/services/integrations/jira/jiraIssue';
import { verifyJiraSignature } from '../../bot/services/integrations/jira/verifyJiraSignature';
import { lastDue } from '../../bot/services/integrations/syncIntegrations';
import { tapdWorkItem } from '../../bot/services/integrations/tapd/tapdItem';
import { refOf } from '../../bot/services/integrations/writeMetricValues';

const item = (o: Partial<WorkItem> & { ref: string }): WorkItem => ({ assignee: null, updated: '2026-11-20T00:00:00Z', created: null, done: false, resolved: null, due: null, incident: false, review: null, ...o });
const RULES: JiraRules = { incidentIssueTypes: ['Incident'], incidentLabels: ['prod'], incidentPriorities: ['Highest'], reviewField: 'customfield_1', reviewPassValues: ['passed'], reviewFailValues: ['failed'] };

describe('work-item figures', () => {
  it('counts completions, on-time rate of the items due, delays (late or still open after the due day), incidents and review pass rate by month', () => {
    const items = [
      item({ ref: 'A', done: true, resolved: '2026-11-05', due: '2026-11-10', review: 'pass' }),
      item({ ref: 'B', done: true, resolved: '2026-11-12', due: '2026-11-10', review: 'fail' }),
      item({ ref: 'C', due: '2026-11-15' }), // open, past due on the 20th
      item({ ref: 'D', due: '2026-11-25' }), // open, not due yet
      item({ ref: 'E', created: '2026-11-02', incident: true }),
      item({ ref: 'F', done: true, resolved: '2026-10-30', due: '2026-11-01', deleted: true }),
    ];
    const f = Object.fromEntries(workFigures(items, '2026-11', '2026-11-20').map((x) => [x.metric, x]));
    expect(f.tasks_completed).toMatchObject({ value: 2, refs: ['A', 'B'] });
    expect(f.task_completion_rate).toMatchObject({ value: 0.25, refs: ['A', 'B', 'C', 'D'] });
    expect(f.delays).toMatchObject({ value: 2, refs: ['B', 'C'] });
    expect(f.major_incidents).toMatchObject({ value: 1, refs: ['E'] });
    expect(f.code_review_pass_rate.value).toBe(0.5);
    // a month with nothing due has no rates, only counts (zeros)
    expect(workFigures(items, '2026-09', '2026-11-20').map((x) => `${x.metric}=${x.value}`)).toEqual(['tasks_completed=0', 'delays=0', 'major_incidents=0']);
    expect(monthsOf(item({ ref: 'X', created: '2026-10-30', due: '2026-11-02', resolved: '2026-12-01' })).sort()).toEqual(['2026-10', '2026-11', '2026-12']);
  });

  it('reads a Jira issue in the company time zone: a resolution late on 30 November UTC is 1 December in Shanghai', () => {
    const w = jiraWorkItem(
      {
        key: 'P-1',
        fields: {
          created: '2026-11-30T01:00:00.000+0000',
          updated: '2026-11-30T20:00:00.000+0000',
          resolutiondate: '2026-11-30T20:00:00.000+0000',
          duedate: '2026-11-30',
          status: { statusCategory: { key: 'done' } },
          assignee: { accountId: 'a1', emailAddress: null, displayName: 'X' },
          issuetype: { name: 'Bug' },
          priority: { name: 'Highest' },
          labels: [],
          customfield_1: { value: 'Passed' },
        },
      },
      RULES,
      'Asia/Shanghai',
    )!;
    expect(w).toMatchObject({ ref: 'P-1', resolved: '2026-12-01', due: '2026-11-30', incident: true, review: 'pass', assignee: { id: 'a1', email: null, name: 'X' }, updated: '2026-11-30T20:00:00.000Z' });
    expect(jiraWorkItem({ key: 'P-2', fields: {} }, RULES, 'Asia/Shanghai')).toBeNull();
  });

  it('reads a TAPD story and bug: first owner of "a;b;", completion time, severity incidents', () => {
    const rules = { doneStatuses: ['done', 'closed'], incidentSeverities: ['fatal'], incidentPriorities: [], reviewField: '', reviewPassValues: [], reviewFailValues: [] };
    expect(tapdWorkItem('story', { id: '115', owner: 'lilei;hanmm;', status: 'done', completed: '2026-11-18 23:30:00', modified: '2026-11-18 23:30:00', created: '2026-11-01 10:00:00', due: '2026-11-19' }, rules, 'Asia/Shanghai', null)).toMatchObject({
      ref: 'story:115',
      assignee: { id: 'lilei' },
      done: true,
      resolved: '2026-11-18',
      due: '2026-11-19',
      updated: '2026-11-18T15:30:00.000Z',
    });
    expect(tapdWorkItem('bug', { id: '9', current_owner: 'lilei;', status: 'new', severity: 'fatal', created: '2026-11-19 08:00:00' }, rules, 'Asia/Shanghai', new Date('2026-11-19T00:00:00Z'))).toMatchObject({ incident: true, done: false, created: '2026-11-19' });
  });
});

describe('sales and helpdesk figures', () => {
  it('sums, counts customers, averages and measures the swing of won deals per owner and month', () => {
    const f = dealFigures([
      { ref: 'a', personId: 1, closeDate: '2026-11-01', amount: 100, customer: 'x', collected: 100 },
      { ref: 'b', personId: 1, closeDate: '2026-11-20', amount: 300, customer: 'x', collected: 0 },
      { ref: 'c', personId: 1, closeDate: '2026-10-20', amount: 50, customer: null, collected: null },
    ]);
    const nov = Object.fromEntries(f.filter((x) => x.period === '2026-11').map((x) => [x.metric, x.value]));
    expect(nov).toEqual({ signed_amount: 400, customers: 1, avg_deal_size: 200, deal_size_swing: 0.5, collection_rate: 0.25 });
    const oct = Object.fromEntries(f.filter((x) => x.period === '2026-10').map((x) => [x.metric, x.value]));
    expect(oct).toEqual({ signed_amount: 50, customers: 1, avg_deal_size: 50, deal_size_swing: 0 }); // no collected amounts: no collection rate
  });

  it('takes medians of reply and resolution times and the mean rating', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const f = ticketFigures([
      { ref: '1', personId: 7, period: '2026-W47', firstReplyMinutes: 60, resolutionMinutes: null, satisfaction: 5 },
      { ref: '2', personId: 7, period: '2026-W47', firstReplyMinutes: 180, resolutionMinutes: 120, satisfaction: null },
    ]);
    expect(f.map((x) => `${x.metric}=${x.value}`)).toEqual(['response_time_hours=2', 'resolution_time_hours=2', 'satisfaction=5']);
  });
});

describe('integration helpers', () => {
  it('verifies Jira signatures on the raw bytes only, refusing malformed headers', () => {
    const body = Buffer.from('{"webhookEvent":"jira:issue_updated"}');
    const sig = `sha256=${createHmac('sha256', 's3cret').update(body).digest('hex')}`;
    expect(verifyJiraSignature('s3cret', body, sig)).toBe(true);
    expect(verifyJiraSignature('s3cret', body, sig.toUpperCase().replace('SHA256', 'sha256'))).toBe(true);
    expect(verifyJiraSignature('other', body, sig)).toBe(false);
    expect(verifyJiraSignature('s3cret', Buffer.from(`${body.toString()} `), sig)).toBe(false);
    expect(verifyJiraSignature('s3cret', body, sig.slice(0, -2))).toBe(false);
    expect(verifyJiraSignature('s3cret', body, sig.replace('sha256=', 'sha1='))).toBe(false);
    expect(verifyJiraSignature('', body, sig)).toBe(false);
    expect(verifyJiraSignature('s3cret', body, undefined)).toBe(false);
  });

  it('reads dotted paths, own properties only', () => {
    expect(valueAt({ data: { items: [1] } }, 'data.items')).toEqual([1]);
    expect(valueAt({ Owner: { Email: 'a@b' } }, 'Owner.Email')).toBe('a@b');
    expect(valueAt({}, 'constructor')).toBeUndefined();
    expect(valueAt({ a: null }, 'a.b')).toBeUndefined();
  });

  it('knows when a cron last fell due in the company time zone', () => {
    // Monday 09:00 in Shanghai = 01:00 UTC
    expect(lastDue('0 9 * * 1', new Date('2026-11-23T01:00:30Z'), 'Asia/Shanghai')?.toISOString()).toBe('2026-11-23T01:00:00.000Z');
    expect(lastDue('0 2 * * *', new Date('2026-11-20T17:59:00Z'), 'Asia/Shanghai')?.toISOString()).toBe('2026-11-19T18:00:00.000Z');
    expect(lastDue('', new Date(), 'Asia/Shanghai')).toBeNull();
    expect(lastDue('not a cron', new Date(), 'Asia/Shanghai')).toBeNull();
  });

  it('cuts a long reference list and says how many were left out', () => {
    const refs = Array.from({ length: 200 }, (_, i) => `PROJ-${i}`);
    const ref = refOf('jira', refs);
    expect(ref.length).toBeLessThanOrEqual(500);
    expect(ref).toMatch(/^jira:PROJ-0,PROJ-1,.* \(\+\d+\)$/);
    expect(refOf('jira', ['A'])).toBe('jira:A');
  });
});
