import type { z } from 'zod';

/**
 * One problem with one request field, as every 400 lists them: `field` (a dotted path), an English `message`,
 * and a stable `code` with its `params` that the console translates into the reader's language.
 */
export interface FieldProblem {
  field: string;
  code: string;
  message: string;
  params?: Record<string, string | number>;
}

/** zod's issues as field problems: the issue's code (or a refinement's own `params.code`) and its bounds. */
export function problemsOf(issues: readonly z.core.$ZodIssue[]): FieldProblem[] {
  return issues.map((issue) => {
    const raw = issue as unknown as Record<string, unknown>;
    const own = (raw.params as { code?: unknown } | undefined)?.code;
    const params: Record<string, string | number> = {};
    for (const key of ['minimum', 'maximum', 'expected', 'origin', 'format'] as const) {
      const v = raw[key];
      if (typeof v === 'string' || typeof v === 'number') params[key] = v;
      if (typeof v === 'bigint') params[key] = Number(v);
    }
    if (Array.isArray(raw.keys)) params.keys = raw.keys.join(', ');
    return { field: issue.path.join('.'), code: typeof own === 'string' ? own : issue.code, message: issue.message, ...(Object.keys(params).length ? { params } : {}) };
  });
}
