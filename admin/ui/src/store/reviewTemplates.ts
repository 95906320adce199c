import { api } from '../api';
import type { TemplateBody, TemplateDetail, TemplatePreview, TemplateSummary } from '../reviewShapes';
import { keyedResource } from './keyedResource';
import { resource } from './resource';

export const templates = resource(async () => (await api.get<{ templates: TemplateSummary[] }>('/api/review-templates')).templates ?? []);

export const templateDetail = keyedResource((id: number) => api.get<TemplateDetail>(`/api/review-templates/${id}`));

/** Saves a template: a new one (POST) or a new version of one (PUT). Throws the server's ApiError. */
export async function saveTemplate(id: number | null, body: TemplateBody): Promise<{ id: number; version: number }> {
  const saved =
    id === null
      ? await api.post<{ id: number; version: number }>('/api/review-templates', body)
      : await api.put<{ id: number; version: number }>(`/api/review-templates/${id}`, body);
  void templates.load();
  void templateDetail.of(saved.id).load();
  return saved;
}

export async function duplicateTemplate(id: number, name: string, jobFunction: string): Promise<{ id: number; version: number }> {
  const made = await api.post<{ id: number; version: number }>(`/api/review-templates/${id}/duplicate`, { name, jobFunction });
  void templates.load();
  return made;
}

export interface PreviewInput {
  body: TemplateBody;
  email: string;
  periodStart: string;
  periodEnd: string;
}

export const previewTemplate = (input: PreviewInput) => api.post<TemplatePreview>('/api/review-templates/preview', input);
