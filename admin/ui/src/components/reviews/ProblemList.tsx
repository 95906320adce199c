import type { PathProblem } from '../../api';

/** What the server refused, one line per problem with where it is (`sections.0.weight: …`). */
export function ProblemList({ problems, testId = 'template-problem' }: { problems: PathProblem[]; testId?: string }) {
  if (problems.length === 0) return null;
  return (
    <ul class="problem-list" role="alert">
      {problems.map((p, i) => (
        <li key={i} class="error small" data-testid={testId} data-path={p.path}>
          {p.path ? <code>{p.path}</code> : null}
          {p.path ? ' ' : ''}
          {p.message}
        </li>
      ))}
    </ul>
  );
}
