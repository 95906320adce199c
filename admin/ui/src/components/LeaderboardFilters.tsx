import { t } from '../i18n';
import { department, month, setDepartment, setMonth } from '../store/leaderboard';

export function LeaderboardFilters() {
  return (
    <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
      <label>
        <span>{t('leaderboard.month')}</span>
        <input
          type="month"
          data-testid="leaderboard-month"
          pattern="\d{4}-\d{2}"
          value={month.value}
          onInput={(e) => setMonth(e.currentTarget.value)}
        />
      </label>
      <label>
        <span>{t('leaderboard.department')}</span>
        <input
          type="search"
          data-testid="leaderboard-department"
          placeholder={t('leaderboard.departmentPlaceholder')}
          value={department.value}
          onInput={(e) => setDepartment(e.currentTarget.value)}
        />
      </label>
    </form>
  );
}
