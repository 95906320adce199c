import { api } from '../api';
import type { CalibrationSession } from '../calibrationShapes';
import { keyedResource } from './keyedResource';

/** Calibration sessions (HR, admin), by id; every write answers the whole session, which replaces the loaded one. */
export const calibrationSession = keyedResource((id: number) => api.get<CalibrationSession>(`/api/calibration-sessions/${id}`));

const keep = (id: number, session: CalibrationSession): CalibrationSession => {
  calibrationSession.of(id).data.value = session;
  return session;
};

/** Starts a session over an open cycle; ApiError `cycle_not_open` for a planned one. */
export async function startCalibration(cycleId: number): Promise<number> {
  return (await api.post<{ id: number }>('/api/calibration-sessions', { cycleId })).id;
}

export interface GradeChange {
  reviewId: number;
  grade: string;
  reason: string;
  overrideReason?: string;
}

/** No reason → 400; not submitted → 409 not_submitted; above the cap without an override reason → 422 above-cap; locked → 409 session_locked. */
export async function changeCalibratedGrade(id: number, change: GradeChange): Promise<CalibrationSession> {
  return keep(id, await api.post<CalibrationSession>(`/api/calibration-sessions/${id}/changes`, change));
}

export async function saveCalibrationMinutes(id: number, minutes: string): Promise<CalibrationSession> {
  return keep(id, await api.put<CalibrationSession>(`/api/calibration-sessions/${id}/minutes`, { minutes }));
}

export async function lockCalibration(id: number): Promise<CalibrationSession> {
  return keep(id, await api.post<CalibrationSession>(`/api/calibration-sessions/${id}/lock`));
}

export async function reopenCalibration(id: number, reason: string): Promise<CalibrationSession> {
  return keep(id, await api.post<CalibrationSession>(`/api/calibration-sessions/${id}/reopen`, { reason }));
}
