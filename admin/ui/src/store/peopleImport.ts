import { api, type ImportResult } from '../api';
import { setupStatus } from './setupStatus';


/** The CSV header the people import expects, exactly. */
export const PEOPLE_CSV_HEADER =
  'employee_no,name,email,department,manager_email,job_function,timezone,locale,slack_user_id,wecom_userid,role';

/** Imports people from CSV (all rows or none), then refreshes the setup counts. Throws the server's ApiError. */
export async function importPeopleCsv(csv: string): Promise<ImportResult> {
  const result = await api.postText<ImportResult>('/api/people/import', csv, 'text/csv');
  void setupStatus.load();
  return result;
}
