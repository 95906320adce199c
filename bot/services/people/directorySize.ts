import { sql } from 'drizzle-orm';
import type { ServiceDeps } from '../context';

/** How many active people and departments the directory holds. */
export function directorySize(deps: ServiceDeps): { people: number; departments: number } {
  return deps.db.get<{ people: number; departments: number }>(sql`
    select (select count(*) from people where active = 1) as people, (select count(*) from departments) as departments`);
}
