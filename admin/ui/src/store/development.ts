import { api } from '../api';
import type { Assignment, MentorLoad, Mentorship, MyDevelopment, PathReport, PathTemplate, Proposals } from '../developmentShapes';
import { keyedResource } from './keyedResource';
import { resource } from './resource';

/** HR's path templates. */
export const pathTemplates = resource(async () => (await api.get<{ paths: PathTemplate[] }>('/api/talent/paths')).paths);
/** Every assignment the reader may see (HR: everyone). */
export const assignments = resource(async () => (await api.get<{ assignments: Assignment[] }>('/api/talent/assignments')).assignments);
export const pathReport = resource(() => api.get<PathReport>('/api/talent/reports/paths'));
export const mentorships = resource(() => api.get<{ mentorships: Mentorship[]; load: MentorLoad[] }>('/api/talent/mentorships'));
export const proposalsFor = keyedResource((personId: number) => api.get<Proposals>(`/api/talent/mentors/proposals?personId=${personId}`));
export const myDevelopment = resource(() => api.get<MyDevelopment>('/api/me/development'));
export const reportFile = (report: 'paths' | 'mentors', format: 'csv' | 'xlsx'): string => `/api/talent/reports/${report}?format=${format}`;

/** Saves a template (new without id); ApiError invalid_path with field problems, path_name_taken. */
export async function savePath(id: number | null, body: unknown): Promise<PathTemplate> {
  const { path } = id === null ? await api.post<{ path: PathTemplate }>('/api/talent/paths', body) : await api.put<{ path: PathTemplate }>(`/api/talent/paths/${id}`, body);
  await pathTemplates.load();
  return path;
}

export async function assignPath(body: { pathId: number; personId: number; startDate?: string; note?: string }): Promise<void> {
  await api.post('/api/talent/assignments', body);
  await Promise.all([assignments.load(), pathTemplates.load(), pathReport.load()]);
}

export async function cancelAssignment(id: number, reason: string): Promise<void> {
  await api.post(`/api/talent/assignments/${id}/cancel`, { reason });
  await Promise.all([assignments.load(), pathReport.load()]);
}

export async function confirmMentor(menteeId: number, mentorId: number, goals: string): Promise<void> {
  await api.post('/api/talent/mentorships', { menteeId, mentorId, goals });
  await Promise.all([mentorships.load(), proposalsFor.of(menteeId).load()]);
}

export async function endMentorship(id: number, reason: string): Promise<void> {
  await api.post(`/api/talent/mentorships/${id}/end`, { reason });
  await mentorships.load();
}
