import type { FieldProblem as Problem } from '../api';
import { hasKey, t } from '../i18n';

/**
 * A server problem in the reader's language: the server sends a stable code and its values (`too_small` with
 * `origin: number, minimum: 0`); the console has a sentence per code (`problem.too_small.number`, else
 * `problem.too_small`). A code it does not know shows the server's (English) message.
 */
export function problemText(p: Problem): string {
  if (!p.code) return p.message;
  const params = p.params ?? {};
  const origin = typeof params.origin === 'string' ? params.origin : '';
  // A required text ("at least 1 character") reads better as "required".
  if (p.code === 'too_small' && origin === 'string' && Number(params.minimum) === 1) return t('problem.required');
  for (const key of [`problem.${p.code}.${origin}`, `problem.${p.code}`]) if (hasKey(key)) return t(key, params);
  return p.message;
}

/** The server's validation message(s) for one form field, shown under it. */
export function FieldProblem({ field, problems }: { field: string; problems: Problem[] }) {
  const mine = problems.filter((p) => p.field === field);
  if (mine.length === 0) return null;
  return (
    <span class="field-error" role="alert" data-testid="field-problem" data-field={field}>
      {mine.map(problemText).join('; ')}
    </span>
  );
}

/** The server's validation messages for fields the form does not show (so nothing the server said is lost). */
export function OtherProblems({ fields, problems }: { fields: readonly string[]; problems: Problem[] }) {
  return (
    <>
      {problems
        .filter((p) => !fields.includes(p.field))
        .map((p, i) => (
          <p key={i} class="error small" data-testid="field-problem" data-field={p.field}>
            {p.field ? `${p.field}: ${problemText(p)}` : problemText(p)}
          </p>
        ))}
    </>
  );
}
