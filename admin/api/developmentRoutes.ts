import { Router, type Request } from 'express';
import { z } from 'zod';
import { DEVELOPMENT_DEFAULTS } from '../../bot/domain/companySettings';
import { localDate } from '../../bot/domain/localTime';
import { AppError } from '../../bot/errors';
import { asLocale } from '../../bot/i18n';
import { XLSX_TYPE } from '../../bot/services/exports/xlsxWorkbook';
import { assignPath } from '../../bot/services/talent/development/assignPath';
import { cancelAssignment } from '../../bot/services/talent/development/cancelAssignment';
import { mentorLoadCsv, mentorLoadXlsx, pathReportCsv, pathReportXlsx } from '../../bot/services/talent/development/exportDevelopment';
import { listAssignments } from '../../bot/services/talent/development/listAssignments';
import { listPathTemplates } from '../../bot/services/talent/development/listPathTemplates';
import { pathReport } from '../../bot/services/talent/development/pathReport';
import { savePathTemplate } from '../../bot/services/talent/development/savePathTemplate';
import { confirmMentorship } from '../../bot/services/talent/mentors/confirmMentorship';
import { endMentorship } from '../../bot/services/talent/mentors/endMentorship';
import { listMentorships } from '../../bot/services/talent/mentors/listMentorships';
import { mentorLoad } from '../../bot/services/talent/mentors/mentorLoad';
import { mentorProposals } from '../../bot/services/talent/mentors/mentorProposals';
import { talentProfiles } from '../../bot/services/talent/talentProfiles';
import type { ApiContext } from './context';
import { parseWith } from './http';
import { jsonBody } from './jsonBody';
import { accessOf, actorOf, requireCapability } from './session';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const assignBody = z.strictObject({
  pathId: z.number().int().positive(),
  personId: z.number().int().positive(),
  startDate: z.string().regex(DATE, 'a date YYYY-MM-DD').optional(),
  note: z.string().trim().max(2000).nullish(),
});
const reasonBody = z.strictObject({ reason: z.string().trim().min(1, 'a reason is required').max(2000) });
const confirmBody = z.strictObject({
  menteeId: z.number().int().positive(),
  mentorId: z.number().int().positive(),
  goals: z.string().trim().min(1, 'the goals of the mentorship are required').max(4000),
});
const assignmentQuery = z.strictObject({ personId: z.coerce.number().int().positive().optional(), status: z.enum(['active', 'completed', 'cancelled']).optional() });
const proposalQuery = z.strictObject({ personId: z.coerce.number().int().positive() });
const mentorshipQuery = z.strictObject({ status: z.enum(['active', 'ended']).optional() });
const formatQuery = z.strictObject({ format: z.enum(['json', 'csv', 'xlsx']).default('json') });
const idOf = (req: Request) => {
  const n = Number(req.params.id);
  if (!Number.isInteger(n) || n <= 0) throw new AppError('not_found', 'Not found.', { status: 404 });
  return n;
};

/**
 * Development paths and mentors (issue 16) under /api/talent: path templates, assignments, mentor proposals, pairings,
 * the two reports (HR and admin: talent.paths.manage); assignments are also read by the people who may see the
 * person (their manager chain, themselves); My page reads `/api/me/development`.
 */
export function developmentRoutes(ctx: ApiContext): Router {
  const r = Router();
  const { deps } = ctx;
  const json = jsonBody('256kb');
  const manage = requireCapability('talent.paths.manage');
  const today = () => localDate(deps.now(), deps.settings.defaultTimezone);
  const localeOf = (req: Request) => asLocale(req.user!.locale, deps.settings.defaultLocale);

  r.get('/talent/paths', manage, (_req, res) => {
    res.json({ paths: listPathTemplates(deps.db) });
  });
  r.post('/talent/paths', manage, json, (req, res) => {
    res.status(201).json({ path: savePathTemplate(deps, { body: req.body, actor: actorOf(req) }) });
  });
  r.put('/talent/paths/:id', manage, json, (req, res) => {
    res.json({ path: savePathTemplate(deps, { id: idOf(req), body: req.body, actor: actorOf(req) }) });
  });

  // Everyone reads the assignments of the people they may see (their own; their subtree; HR and admin everyone).
  r.get('/talent/assignments', (req, res) => {
    const q = parseWith(assignmentQuery, req.query);
    if (q.personId !== undefined) accessOf(req).requireRead(q.personId);
    res.json({ assignments: listAssignments(deps.db, { personIds: accessOf(req).visiblePeople(), personId: q.personId, status: q.status }, today()) });
  });
  r.post('/talent/assignments', manage, json, async (req, res) => {
    const body = parseWith(assignBody, req.body);
    const result = assignPath(deps, { ...body, actor: actorOf(req) });
    await ctx.flushOutbox();
    res.status(201).json(result);
  });
  r.post('/talent/assignments/:id/cancel', manage, json, (req, res) => {
    const { reason } = parseWith(reasonBody, req.body);
    res.json(cancelAssignment(deps, { id: idOf(req), reason, actor: actorOf(req) }));
  });

  r.get('/talent/mentors/proposals', manage, (req, res) => {
    const { personId } = parseWith(proposalQuery, req.query);
    res.json(mentorProposals(deps, personId, talentProfiles));
  });
  r.get('/talent/mentorships', manage, (req, res) => {
    const q = parseWith(mentorshipQuery, req.query);
    const capacity = deps.settings.mentoring?.capacity ?? DEVELOPMENT_DEFAULTS.mentoring.capacity;
    res.json({ mentorships: listMentorships(deps.db, { personIds: null, status: q.status }), load: mentorLoad(deps.db, capacity) });
  });
  r.post('/talent/mentorships', manage, json, async (req, res) => {
    const body = parseWith(confirmBody, req.body);
    const result = confirmMentorship(deps, { ...body, actor: actorOf(req) }, talentProfiles);
    await ctx.flushOutbox();
    res.status(result.created ? 201 : 200).json(result);
  });
  r.post('/talent/mentorships/:id/end', manage, json, (req, res) => {
    const { reason } = parseWith(reasonBody, req.body);
    res.json(endMentorship(deps, { id: idOf(req), reason, actor: actorOf(req) }));
  });

  r.get('/talent/reports/paths', manage, async (req, res) => {
    const { format } = parseWith(formatQuery, req.query);
    const report = pathReport(deps.db, today());
    if (format === 'csv') res.type('text/csv; charset=utf-8').attachment('development-paths.csv').send(pathReportCsv(report, localeOf(req)));
    else if (format === 'xlsx') res.type(XLSX_TYPE).attachment('development-paths.xlsx').send(await pathReportXlsx(report, localeOf(req)));
    else res.json(report);
  });
  r.get('/talent/reports/mentors', manage, async (req, res) => {
    const { format } = parseWith(formatQuery, req.query);
    const rows = mentorLoad(deps.db, deps.settings.mentoring?.capacity ?? DEVELOPMENT_DEFAULTS.mentoring.capacity);
    if (format === 'csv') res.type('text/csv; charset=utf-8').attachment('mentor-load.csv').send(mentorLoadCsv(rows, localeOf(req)));
    else if (format === 'xlsx') res.type(XLSX_TYPE).attachment('mentor-load.xlsx').send(await mentorLoadXlsx(rows, localeOf(req)));
    else res.json({ mentors: rows });
  });

  // My page: my paths and my mentorships (as mentee or mentor).
  r.get('/me/development', (req, res) => {
    const personId = req.user!.personId;
    if (personId == null) throw new AppError('no_person', 'This account is not a person in the directory.', { status: 409 });
    const mine = listMentorships(deps.db, { personIds: [personId], status: 'active' }).map((m) => ({
      id: m.id,
      role: m.mentee.id === personId ? ('mentee' as const) : ('mentor' as const),
      other: m.mentee.id === personId ? m.mentor : m.mentee,
      goals: m.goals,
      confirmedAt: m.confirmedAt,
    }));
    res.json({ assignments: listAssignments(deps.db, { personIds: [personId] }, today()).filter((a) => a.status !== 'cancelled'), mentorships: mine });
  });
  return r;
}
