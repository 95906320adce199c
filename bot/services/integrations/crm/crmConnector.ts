import { z } from 'zod';
import { localDate } from '../../../domain/localTime';
import { dealFigures, type Deal } from '../../../domain/dealMetrics';
import type { Collected, Connector, MetricValueInput, QuarantineInput } from '../connector';
import { describeKey, PersonResolver } from '../resolvePeople';
import { refOf } from '../writeMetricValues';
import { fetchRestJson, valueAt } from './restJsonSource';
import { SalesforceClient } from './salesforceClient';

const path = z.string().trim().max(200);

export const crmSettings = z.object({
  kind: z.enum(['salesforce', 'rest']).default('salesforce'),
  /** Salesforce My Domain (https://acme.my.salesforce.com). */
  baseUrl: z.union([z.url(), z.literal('')]).default(''),
  clientId: z.string().trim().max(300).default(''),
  apiVersion: z.string().regex(/^v\d{2,3}\.\d$/, 'like v62.0').default('v62.0'),
  /** {from} and {to} are replaced by the first and last local date of the months read. */
  soql: z
    .string()
    .trim()
    .min(1)
    .max(4000)
    .default('SELECT Id, Amount, CloseDate, IsWon, AccountId, OwnerId, Owner.Email FROM Opportunity WHERE IsWon = true AND CloseDate >= {from} AND CloseDate <= {to}'),
  /** The generic REST JSON source. */
  restUrl: z.union([z.url(), z.literal('')]).default(''),
  recordsPath: path.default('data'),
  nextPath: path.default(''),
  cursorParam: z.string().trim().max(50).default('cursor'),
  /** Where each field is in a record (dotted paths). */
  fields: z
    .object({
      id: path.default('Id'),
      ownerEmail: path.default('Owner.Email'),
      ownerId: path.default('OwnerId'),
      amount: path.default('Amount'),
      closeDate: path.default('CloseDate'),
      won: path.default('IsWon'),
      customer: path.default('AccountId'),
      collected: path.default(''),
    })
    .default({ id: 'Id', ownerEmail: 'Owner.Email', ownerId: 'OwnerId', amount: 'Amount', closeDate: 'CloseDate', won: 'IsWon', customer: 'AccountId', collected: '' }),
  /** Months before the current one read again each night (late changes to last month's deals). */
  monthsBack: z.number().int().min(0).max(12).default(1),
});
type CrmSettings = z.infer<typeof crmSettings>;

function monthRange(now: Date, tz: string, monthsBack: number): { from: string; to: string; months: string[] } {
  const [y, m] = localDate(now, tz).split('-').map(Number);
  const months: string[] = [];
  for (let i = monthsBack; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    months.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${months[0]}-01`, to: `${months.at(-1)}-${String(last).padStart(2, '0')}`, months };
}

/**
 * Turns CRM records into deals. A record that would distort a figure (a won deal without a number for its amount, a
 * close date that is no date) refuses the whole run; a deal whose owner nobody maps is quarantined and the others go
 * on (each owner's figures stand alone).
 */
export function dealsOf(records: Record<string, unknown>[], s: CrmSettings, resolver: PersonResolver, months: string[]): { deals: Deal[]; quarantine: QuarantineInput[]; bad: QuarantineInput[] } {
  const f = s.fields;
  const deals: Deal[] = [];
  const quarantine: QuarantineInput[] = [];
  const bad: QuarantineInput[] = [];
  records.forEach((r, i) => {
    const ref = String(valueAt(r, f.id) ?? `#${i + 1}`);
    const won = f.won ? valueAt(r, f.won) : true;
    if (won === false || won === 'false' || won === 0) return; // not a won deal: not counted, nothing wrong
    const amountRaw = valueAt(r, f.amount);
    const amount = typeof amountRaw === 'string' && amountRaw.trim() !== '' ? Number(amountRaw) : amountRaw;
    const close = valueAt(r, f.closeDate);
    if (typeof amount !== 'number' || !Number.isFinite(amount)) return void bad.push({ ref, reason: `amount "${String(amountRaw)}" at ${f.amount} is not a number`, record: r });
    if (typeof close !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(close)) return void bad.push({ ref, reason: `close date "${String(close)}" at ${f.closeDate} is not a date`, record: r });
    if (!months.includes(close.slice(0, 7))) return;
    const key = { id: f.ownerId ? String(valueAt(r, f.ownerId) ?? '') || null : null, email: f.ownerEmail ? ((valueAt(r, f.ownerEmail) as string | null) ?? null) : null };
    const personId = resolver.resolve(key);
    if (personId === undefined) return void quarantine.push({ ref, reason: `unknown person: ${describeKey(key)}`, record: r });
    const collectedRaw = f.collected ? valueAt(r, f.collected) : null;
    const collected = collectedRaw == null || collectedRaw === '' ? null : Number(collectedRaw);
    if (collected !== null && !Number.isFinite(collected)) return void bad.push({ ref, reason: `collected amount "${String(collectedRaw)}" is not a number`, record: r });
    const customer = f.customer ? valueAt(r, f.customer) : null;
    deals.push({ ref, personId, closeDate: close.slice(0, 10), amount, customer: customer == null ? null : String(customer), collected });
  });
  return { deals, quarantine, bad };
}

/** CRM, nightly: Salesforce (client credentials + SOQL) or a generic REST JSON source; per-owner sales figures by month. */
export const crmConnector: Connector = {
  key: 'crm',
  source: 'crm',
  defaultSchedule: '0 2 * * *',
  settingsSchema: crmSettings,
  secretKeys: ['clientSecret', 'restToken'],
  envDefaults: (env) => ({
    enabled: Boolean(env.CRM_BASE_URL && env.CRM_CLIENT_ID),
    settings: { baseUrl: env.CRM_BASE_URL ?? '', clientId: env.CRM_CLIENT_ID ?? '' },
    secrets: env.CRM_CLIENT_SECRET ? { clientSecret: env.CRM_CLIENT_SECRET } : ({} as Record<string, string>),
  }),
  configured: (st) => {
    const s = crmSettings.parse(st.settings);
    return s.kind === 'salesforce' ? Boolean(s.baseUrl && s.clientId && st.secrets.clientSecret) : Boolean(s.restUrl);
  },
  async collect(deps, state): Promise<Collected> {
    const s = crmSettings.parse(state.settings);
    const tz = deps.settings.defaultTimezone;
    const { from, to, months } = monthRange(deps.now(), tz, s.monthsBack);
    let records: Record<string, unknown>[];
    let notes: Record<string, unknown>;
    if (s.kind === 'salesforce') {
      const client = new SalesforceClient({ baseUrl: s.baseUrl, clientId: s.clientId, clientSecret: state.secrets.clientSecret ?? '', apiVersion: s.apiVersion });
      const r = await client.query(s.soql.replaceAll('{from}', from).replaceAll('{to}', to));
      records = r.records;
      notes = { pages: r.pages, tokenRefreshes: r.tokenRefreshes, from, to };
    } else {
      const r = await fetchRestJson({ url: s.restUrl, token: state.secrets.restToken, recordsPath: s.recordsPath, nextPath: s.nextPath, cursorParam: s.cursorParam });
      records = r.records;
      notes = { pages: r.pages, from, to };
    }
    const resolver = new PersonResolver(deps.db, state.userMap);
    const { deals, quarantine, bad } = dealsOf(records, s, resolver, months);
    if (bad.length) return { rowsRead: records.length, values: [], records: [], quarantine: [...bad, ...quarantine], refused: `${bad.length} record(s) would distort the sales figures`, notes };
    const values: MetricValueInput[] = dealFigures(deals).map((f) => ({ personId: f.personId, metric: f.metric, period: f.period, value: f.value, ref: refOf('crm', f.refs) }));
    // an owner whose deals all moved away in a month read again: their sums for that month are now zero
    const have = new Set(values.map((v) => `${v.personId}|${v.period}`));
    const stale = deps.db.$client
      .prepare<string[], { personId: number; period: string }>(
        `select distinct person_id as personId, period from metric_values where source = 'crm' and metric_key = 'signed_amount' and period in (${months.map(() => '?').join(',')})`,
      )
      .all(...months);
    for (const st of stale) {
      if (have.has(`${st.personId}|${st.period}`)) continue;
      values.push({ personId: st.personId, metric: 'signed_amount', period: st.period, value: 0, ref: 'crm:' }, { personId: st.personId, metric: 'customers', period: st.period, value: 0, ref: 'crm:' });
    }
    const rawById = new Map(records.map((r) => [String(valueAt(r, s.fields.id)), r]));
    const at = deps.now().toISOString();
    const dealRecords = deals.map((d) => ({ ref: d.ref, personId: d.personId, sourceUpdated: at, data: d, raw: rawById.get(d.ref) }));
    return { rowsRead: records.length, values, records: dealRecords, quarantine, notes };
  },
};
