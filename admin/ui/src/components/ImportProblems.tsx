import type { LineProblem } from '../api';
import { t } from '../i18n';

/** A refused import's problems, one per line of the file (as the server words them). */
export function ImportProblems({ problems }: { problems: LineProblem[] }) {
  return (
    <ul class="import-problems" data-testid="import-problems">
      {problems.map((p, i) => (
        <li key={i} data-testid="import-problem" data-line={p.line} data-field={p.field ?? ''}>
          <span class="import-line">{t('goals.import.line', { line: p.line })}</span> {p.message}
        </li>
      ))}
    </ul>
  );
}
