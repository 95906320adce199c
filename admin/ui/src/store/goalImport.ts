import { api, type ImportResult } from '../api';
import { refreshDetail } from './goalDetail';
import { loadGoals } from './goals';


/** The CSV header the import expects, exactly. */
export const GOALS_CSV_HEADER =
  'ref,parent_ref,level,title,owner_email,department,unit,start_value,target_value,weight,period_start,period_end,checkin_every_days';

/** Imports goals from CSV (all rows or none; admin/HR), then reloads the tree. Throws the server's ApiError. */
export async function importGoalsCsv(csv: string): Promise<ImportResult> {
  const result = await api.postText<ImportResult>('/api/goals/import', csv, 'text/csv');
  await loadGoals();
  refreshDetail();
  return result;
}
