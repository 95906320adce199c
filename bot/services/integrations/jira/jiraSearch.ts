import type { JiraIssue } from './jiraIssue';

export const JIRA_FIELDS = ['created', 'updated', 'duedate', 'resolutiondate', 'status', 'assignee', 'issuetype', 'priority', 'labels'];

/**
 * Every issue a JQL finds, through Jira Cloud's enhanced search `POST /rest/api/3/search/jql` (the old /search is
 * gone, 410), paging with `nextPageToken` until it is absent; Basic auth with an e-mail and API token. The default
 * field list is only `id`, so the fields are named.
 */
export async function searchJiraIssues(opts: { baseUrl: string; email: string; apiToken: string; jql: string; extraFields: string[]; pageSize?: number }): Promise<{ issues: JiraIssue[]; pages: number }> {
  const url = `${opts.baseUrl.replace(/\/+$/, '')}/rest/api/3/search/jql`;
  const auth = `Basic ${Buffer.from(`${opts.email}:${opts.apiToken}`).toString('base64')}`;
  const issues: JiraIssue[] = [];
  let nextPageToken: string | undefined;
  let pages = 0;
  do {
    const res = await fetch(url, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ jql: opts.jql, fields: [...JIRA_FIELDS, ...opts.extraFields], maxResults: opts.pageSize ?? 100, ...(nextPageToken ? { nextPageToken } : {}) }),
      signal: AbortSignal.timeout(30_000),
    });
    if (!res.ok) throw new Error(`Jira search answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
    const body = (await res.json()) as { issues?: JiraIssue[]; nextPageToken?: string | null };
    issues.push(...(body.issues ?? []));
    nextPageToken = body.nextPageToken ?? undefined;
    pages++;
  } while (nextPageToken && pages < 1000);
  return { issues, pages };
}
