import { sql } from 'drizzle-orm';
import type { Db } from '../../../../db/client';
import type { PathMilestone } from '../../../../db/schema';

export interface PathTemplateView {
  id: number;
  name: string;
  kind: string;
  description: string | null;
  durationWeeks: number;
  milestones: PathMilestone[];
  archived: boolean;
  /** Assignments still running. */
  active: number;
  updatedAt: string;
}

/** Every template with how many people are on it now (one grouped query). */
export function listPathTemplates(db: Db): PathTemplateView[] {
  return db
    .all<Omit<PathTemplateView, 'milestones' | 'archived'> & { milestones: string; archived: number }>(sql`
      select p.id, p.name, p.kind, p.description, p.duration_weeks as durationWeeks, p.milestones, p.archived, p.updated_at as updatedAt,
        (select count(*) from path_assignments a where a.path_id = p.id and a.status = 'active') as active
      from development_paths p order by p.archived, p.name`)
    .map((r) => ({ ...r, milestones: JSON.parse(r.milestones) as PathMilestone[], archived: Boolean(r.archived) }));
}
