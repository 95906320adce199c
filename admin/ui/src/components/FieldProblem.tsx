import type { FieldProblem as Problem } from '../api';

/** The server's validation message(s) for one form field, shown under it. */
export function FieldProblem({ field, problems }: { field: string; problems: Problem[] }) {
  const mine = problems.filter((p) => p.field === field);
  if (mine.length === 0) return null;
  return (
    <span class="field-error" role="alert" data-testid="field-problem" data-field={field}>
      {mine.map((p) => p.message).join('; ')}
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
            {p.field ? `${p.field}: ${p.message}` : p.message}
          </p>
        ))}
    </>
  );
}
