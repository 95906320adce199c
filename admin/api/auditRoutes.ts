import { Router } from 'express';
import { z } from 'zod';
import { verifyAuditChain } from '../../bot/services/audit';
import { listAudit } from '../../bot/services/auditLog';
import type { ApiContext } from './context';
import { parseWith } from './http';
import { requireCapability } from './session';

const when = z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: 'must be an ISO date (YYYY-MM-DD) or timestamp' });

const auditQuery = z.strictObject({
  entity: z.string().regex(/^[a-z][a-z_]{0,63}$/, 'must be an entity name such as review or reward').optional(),
  id: z.string().min(1).max(200).optional(),
  person: z.email().max(320).optional(),
  actor: z.string().trim().min(1).max(320).optional(),
  from: when.optional(),
  to: when.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().positive().optional(),
});

/** The audit trail (HR, admins): the filtered list and the hash-chain check. */
export function auditRoutes(ctx: ApiContext): Router {
  const r = Router();
  const { deps } = ctx;
  r.get('/audit', requireCapability('audit.read'), (req, res) => {
    const q = parseWith(auditQuery, req.query);
    res.json(listAudit(deps.db, { entity: q.entity, entityId: q.id, person: q.person, actor: q.actor, from: q.from, to: q.to, before: q.before, limit: q.limit }));
  });
  r.get('/audit/verify', requireCapability('audit.verify'), (_req, res) => {
    res.json(verifyAuditChain(deps.db));
  });
  return r;
}
