/**
 * A generic REST JSON source for CRMs without a Salesforce API (纷享销客, 销售易…): GET a URL (with an optional
 * bearer token), take the records at a dotted path (`data.items`), and follow the next page from another dotted
 * path (a full URL, or a cursor put into `cursorParam`) until it is empty. No code per CRM: the paths are settings.
 */
export interface RestJsonOptions {
  url: string;
  token?: string;
  recordsPath: string;
  nextPath: string;
  cursorParam: string;
}

/** The value at a dotted path ("data.items", "Owner.Email"); undefined when any step is missing. */
export function valueAt(obj: unknown, path: string): unknown {
  if (!path) return obj;
  let cur: unknown = obj;
  for (const step of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, step)) return undefined;
    cur = (cur as Record<string, unknown>)[step];
  }
  return cur;
}

export async function fetchRestJson(opts: RestJsonOptions): Promise<{ records: Record<string, unknown>[]; pages: number }> {
  const records: Record<string, unknown>[] = [];
  let url: string | null = opts.url;
  let pages = 0;
  while (url && pages < 1000) {
    const res: Response = await fetch(url, { headers: { accept: 'application/json', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) }, signal: AbortSignal.timeout(60_000) });
    if (!res.ok) throw new Error(`CRM source answered ${res.status}`);
    const body = (await res.json()) as unknown;
    const page = valueAt(body, opts.recordsPath);
    if (!Array.isArray(page)) throw new Error(`CRM source: no list at "${opts.recordsPath}"`);
    records.push(...(page as Record<string, unknown>[]));
    pages++;
    const next = opts.nextPath ? valueAt(body, opts.nextPath) : undefined;
    if (next === undefined || next === null || next === '') url = null;
    else if (typeof next === 'string' && /^https?:\/\//.test(next)) {
      // the token goes only where the first page came from
      if (new URL(next).origin !== new URL(opts.url).origin) throw new Error('CRM source: the next page is on another host');
      url = next;
    }
    else {
      const u = new URL(opts.url);
      u.searchParams.set(opts.cursorParam, String(next));
      url = u.toString();
    }
  }
  return { records, pages };
}
