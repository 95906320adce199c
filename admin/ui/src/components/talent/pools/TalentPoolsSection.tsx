import { PoolList } from './PoolList';
import { PoolPage } from './PoolPage';
import { PoolReportView } from './PoolReportView';

/** `#/talent/pools` the pools, `#/talent/pools/:id` one pool, `#/talent/pools/report` sizes, flow and retention. */
export function TalentPoolsSection({ path }: { path: string }) {
  const num = Number(path);
  if (path === 'report') return <PoolReportView />;
  if (num > 0) return <PoolPage key={num} poolId={num} />;
  return <PoolList />;
}
