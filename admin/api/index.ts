import { Router } from 'express';
import { AppError } from '../../bot/errors';
import { auditRoutes } from './auditRoutes';
import { authRoutes } from './authRoutes';
import type { ApiContext } from './context';
import { calendarRoutes } from './calendarRoutes';
import { goalRoutes } from './goalRoutes';
import { jobRoutes } from './jobRoutes';
import { localChatRoutes, localMessagePost } from './localChatRoutes';
import { metricRoutes } from './metricRoutes';
import { peopleRoutes } from './peopleRoutes';
import { pointsRoutes } from './pointsRoutes';
import { progressLogRoutes } from './progressLogRoutes';
import { ratingScaleRoutes } from './ratingScaleRoutes';
import { reviewTemplateRoutes } from './reviewTemplateRoutes';
import { reportRoutes } from './reportRoutes';
import { requireUser } from './session';
import { systemRoutes } from './systemRoutes';
import { meRoutes } from './meRoutes';
import { setupRoutes } from './setupRoutes';
import { teamRoutes } from './teamRoutes';
import { reviewRoutes } from './reviewRoutes';
import { calibrationRoutes } from './calibrationRoutes';
import { integrationRoutes } from './integrationRoutes';
import { settingsRoutes } from './settingsRoutes';
import { appealRoutes } from './appealRoutes';
import { talentPoolRoutes } from './talentPoolRoutes';
import { developmentRoutes } from './developmentRoutes';
import { talentRoutes } from './talentRoutes';

/** The JSON API under /api. Body parsers are route-local so platform receivers can read raw bodies. */
export function apiRouter(ctx: ApiContext): Router {
  const api = Router();
  // First: every message of the chat simulator (and the answers bench) is this post, and each layer or router before
  // it costs a walk of its path patterns per request; a route of the API itself, not in a router of its own. It and
  // the local chat's GET check the session themselves (their paths only).
  api.post('/local/messages', ...localMessagePost(ctx));
  api.use(localChatRoutes(ctx));
  api.use(authRoutes(ctx));
  api.use(requireUser(ctx));
  api.use(peopleRoutes(ctx));
  api.use(jobRoutes(ctx));
  api.use(pointsRoutes(ctx));
  api.use(goalRoutes(ctx));
  api.use(calendarRoutes(ctx));
  api.use(progressLogRoutes(ctx));
  api.use(systemRoutes(ctx));
  api.use(meRoutes(ctx));
  api.use(teamRoutes(ctx));
  api.use(setupRoutes(ctx));
  api.use(reviewRoutes(ctx));
  api.use(calibrationRoutes(ctx));
  api.use(appealRoutes(ctx));
  api.use(metricRoutes(ctx));
  api.use(ratingScaleRoutes(ctx));
  api.use(reviewTemplateRoutes(ctx));
  api.use(auditRoutes(ctx));
  api.use(integrationRoutes(ctx));
  api.use(settingsRoutes(ctx));
  api.use(reportRoutes(ctx));
  api.use(talentPoolRoutes(ctx));
  api.use(developmentRoutes(ctx));
  api.use(talentRoutes(ctx));
  api.use((_req, _res, next) => next(new AppError('not_found', 'No such API endpoint.', { status: 404 })));
  return api;
}
