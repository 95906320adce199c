import { localDate } from '../../../domain/localTime';
import type { WorkItem } from '../../../domain/workItemMetrics';

/** How Jira's issues become work items: which issues are production incidents, and where the review result is. */
export interface JiraRules {
  incidentIssueTypes: string[];
  incidentLabels: string[];
  incidentPriorities: string[];
  /** A field id such as customfield_10050 whose value says whether the review passed. */
  reviewField: string;
  reviewPassValues: string[];
  reviewFailValues: string[];
}

interface JiraUser {
  accountId?: string;
  emailAddress?: string | null;
  displayName?: string;
}

/** The issue as Jira sends it in webhooks and search results (developer.atlassian.com; see the fact sheet §3.5). */
export interface JiraIssue {
  id?: string;
  key: string;
  fields: {
    created?: string;
    updated?: string;
    duedate?: string | null;
    resolutiondate?: string | null;
    status?: { statusCategory?: { key?: string } };
    assignee?: JiraUser | null;
    issuetype?: { name?: string };
    priority?: { name?: string } | null;
    labels?: string[];
    [field: string]: unknown;
  };
}

/** Jira's "2026-11-18T10:00:00.000+0800" → an ISO string Date.parse reads. */
function instant(value: string | null | undefined): Date | null {
  if (!value) return null;
  const d = new Date(value.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** A custom field's value as text: a plain string, an option {value}, or a list of options. */
function fieldText(value: unknown): string[] {
  if (value == null) return [];
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  if (Array.isArray(value)) return value.flatMap(fieldText);
  if (typeof value === 'object') {
    const o = value as { value?: unknown; name?: unknown };
    return fieldText(o.value ?? o.name);
  }
  return [];
}

/** Null when the issue lacks what every figure needs (key and updated): such a record is quarantined, not guessed. */
export function jiraWorkItem(issue: JiraIssue, rules: JiraRules, tz: string): WorkItem | null {
  const f = issue.fields ?? {};
  const updated = instant(f.updated);
  if (!issue.key || !updated) return null;
  const created = instant(f.created);
  const resolved = instant(f.resolutiondate);
  const done = f.status?.statusCategory?.key === 'done';
  const labels = (f.labels ?? []).map((l) => l.toLowerCase());
  const lower = (xs: string[]) => xs.map((x) => x.toLowerCase());
  const incident =
    lower(rules.incidentIssueTypes).includes((f.issuetype?.name ?? '').toLowerCase()) ||
    lower(rules.incidentLabels).some((l) => labels.includes(l)) ||
    lower(rules.incidentPriorities).includes((f.priority?.name ?? '').toLowerCase());
  let review: WorkItem['review'] = null;
  if (rules.reviewField) {
    const texts = lower(fieldText(f[rules.reviewField]));
    if (texts.some((t) => lower(rules.reviewPassValues).includes(t))) review = 'pass';
    else if (texts.some((t) => lower(rules.reviewFailValues).includes(t))) review = 'fail';
  }
  const a = f.assignee;
  return {
    ref: issue.key,
    assignee: a ? { id: a.accountId ?? null, email: a.emailAddress ?? null, name: a.displayName ?? null } : null,
    updated: updated.toISOString(),
    created: created ? localDate(created, tz) : null,
    done,
    resolved: done ? (resolved ? localDate(resolved, tz) : localDate(updated, tz)) : null,
    due: f.duedate && /^\d{4}-\d{2}-\d{2}$/.test(f.duedate) ? f.duedate : null,
    incident,
    review,
  };
}
