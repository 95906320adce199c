import { Router } from 'express';
import { AppError } from '../../bot/errors';
import { authRoutes } from './authRoutes';
import type { ApiContext } from './context';
import { calendarRoutes } from './calendarRoutes';
import { goalRoutes } from './goalRoutes';
import { jobRoutes } from './jobRoutes';
import { localChatRoutes } from './localChatRoutes';
import { peopleRoutes } from './peopleRoutes';
import { pointsRoutes } from './pointsRoutes';
import { progressLogRoutes } from './progressLogRoutes';
import { requireUser } from './session';
import { systemRoutes } from './systemRoutes';

/** The JSON API under /api. Body parsers are route-local so platform receivers can read raw bodies. */
export function apiRouter(ctx: ApiContext): Router {
  const api = Router();
  api.use(authRoutes(ctx));
  api.use(requireUser(ctx));
  api.use(peopleRoutes(ctx));
  api.use(jobRoutes(ctx));
  api.use(localChatRoutes(ctx));
  api.use(pointsRoutes(ctx));
  api.use(goalRoutes(ctx));
  api.use(calendarRoutes(ctx));
  api.use(progressLogRoutes(ctx));
  api.use(systemRoutes(ctx));
  api.use((_req, _res, next) => next(new AppError('not_found', 'No such API endpoint.', { status: 404 })));
  return api;
}
