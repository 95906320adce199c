import { api } from '../api';
import { setupStatus } from './setupStatus';

/** What POST /api/people/import answers (the server may add more counts). */
export type PeopleImportResult = { created: number; updated: number; total?: number } & Record<string, unknown>;

/** The CSV header the people import expects, exactly. */
export const PEOPLE_CSV_HEADER =
  'employee_no,name,email,department,manager_email,job_function,timezone,locale,slack_user_id,wecom_userid,role';

/** Imports people from CSV (all rows or none), then refreshes the setup counts. Throws the server's ApiError. */
export async function importPeopleCsv(csv: string): Promise<PeopleImportResult> {
  const result = await api.postText<PeopleImportResult>('/api/people/import', csv, 'text/csv');
  void setupStatus.load();
  return result;
}
