import { Router } from 'express';
import { z } from 'zod';
import { nationalCalendar } from '../../bot/services/calendar/nationalCalendar';
import { addLeave, holidayInput, leaveInput, listHolidays, listLeaves, removeHoliday, removeLeave, setHoliday } from '../../bot/services/calendar/calendarAdmin';
import type { ApiContext } from './context';
import { parseWith } from './http';
import { jsonBody } from './jsonBody';
import { accessOf, actorOf, requireCapability } from './session';

/** Company holidays and make-up days, and people's leave: what the working-day calendar is made of. */
export function calendarRoutes(ctx: ApiContext): Router {
  const r = Router();
  const { deps } = ctx;
  const json = jsonBody('16kb');

  r.get('/holidays', (req, res) => {
    const { year } = parseWith(z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }), req.query);
    res.json({ holidays: listHolidays(deps, year) });
  });
  // China's national days of a year: published (chinese-days) or provisional (computed from the lunar calendar)
  r.get('/holidays/national', (req, res) => {
    const { year } = parseWith(z.object({ year: z.coerce.number().int().min(2000).max(2100) }), req.query);
    res.json(nationalCalendar(year));
  });
  r.put('/holidays/:date', requireCapability('calendar.edit'), json, (req, res) => {
    res.json(setHoliday(deps, actorOf(req), parseWith(holidayInput, { ...req.body, date: req.params.date })));
  });
  r.delete('/holidays/:date', requireCapability('calendar.edit'), (req, res) => {
    removeHoliday(deps, actorOf(req), parseWith(z.iso.date(), req.params.date));
    res.status(204).end();
  });
  r.get('/leaves', (req, res) => {
    const q = parseWith(z.object({ email: z.email().optional(), from: z.iso.date().optional(), to: z.iso.date().optional() }), req.query);
    res.json({ leaves: listLeaves(deps, { ...q, personIds: accessOf(req).visiblePeople() }) });
  });
  r.post('/leaves', requireCapability('calendar.edit'), json, (req, res) => {
    res.status(201).json(addLeave(deps, parseWith(leaveInput, req.body)));
  });
  r.delete('/leaves/:id', requireCapability('calendar.edit'), (req, res) => {
    removeLeave(deps, parseWith(z.coerce.number().int().positive(), req.params.id));
    res.status(204).end();
  });
  return r;
}
