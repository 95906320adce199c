import { Router } from 'express';
import { z } from 'zod';
import { templateBody } from '../../bot/domain/reviewTemplate';
import { forbidden } from '../../bot/services/auth/policy';
import { duplicateTemplate } from '../../bot/services/reviews/duplicateTemplate';
import { listTemplates, templateDetail } from '../../bot/services/reviews/listTemplates';
import { previewTemplate } from '../../bot/services/reviews/previewTemplate';
import { createTemplate, reviseTemplate, templateNotFound } from '../../bot/services/reviews/saveTemplate';
import type { ApiContext } from './context';
import { parseWith } from './http';
import { jsonBody } from './jsonBody';
import { accessOf, actorOf, requireCapability } from './session';

const id = z.coerce.number().int().positive();
const duplicateRequest = z.strictObject({ name: templateBody.shape.name, jobFunction: templateBody.shape.jobFunction });
const previewRequest = z
  .strictObject({ body: z.unknown(), email: z.email(), periodStart: z.iso.date(), periodEnd: z.iso.date() })
  .refine((p) => p.periodStart <= p.periodEnd, { path: ['periodEnd'], message: 'the period ends before it starts' });

/** Review templates per job function (docs/reviews.md): HR and admins manage them, managers read them. */
export function reviewTemplateRoutes(ctx: ApiContext): Router {
  const r = Router();
  const { deps } = ctx;
  // a template of 20 sections × 40 items with long labels in both languages fits
  const json = jsonBody('512kb');
  const manage = requireCapability('templates.manage');

  r.get('/review-templates', manage, (_req, res) => {
    res.json({ templates: listTemplates(deps.db) });
  });
  r.get('/review-templates/:id', (req, res) => {
    if (!accessOf(req).canReadTemplates()) throw forbidden('Only HR, admins and managers read review templates.');
    const templateId = parseWith(id, req.params.id);
    const detail = templateDetail(deps.db, templateId);
    if (!detail) throw templateNotFound(templateId);
    const { updatedAt: _updatedAt, ...shown } = detail;
    res.json(shown);
  });
  // before /:id so "preview" is never taken for an id
  r.post('/review-templates/preview', manage, json, (req, res) => {
    res.json(previewTemplate(deps.db, parseWith(previewRequest, req.body)));
  });
  r.post('/review-templates', manage, json, (req, res) => {
    res.status(201).json(createTemplate(deps, actorOf(req), req.body));
  });
  r.put('/review-templates/:id', manage, json, (req, res) => {
    res.json(reviseTemplate(deps, actorOf(req), parseWith(id, req.params.id), req.body));
  });
  r.post('/review-templates/:id/duplicate', manage, json, (req, res) => {
    res.status(201).json(duplicateTemplate(deps, actorOf(req), parseWith(id, req.params.id), parseWith(duplicateRequest, req.body)));
  });
  return r;
}
