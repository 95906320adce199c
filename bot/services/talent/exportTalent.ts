import { csvTable } from '../exports/csvTable';
import { writeWorkbook, type CellValue, type SheetSpec } from '../exports/xlsxWorkbook';
import { t, type Locale } from '../../i18n';
import { gradeOfPoints } from '../../domain/talentProfile';
import type { NineBoxHistory } from './nineBoxHistory';
import type { ProfileView } from './profileView';

const col = (locale: Locale, key: string) => t(locale, `talent.col.${key}`);
const level = (locale: Locale, l: string | null) => (l ? t(locale, `talent.level.${l}`) : '');
const names = (locale: Locale, list: { name: string }[]) => list.map((p) => p.name).join(locale === 'zh-CN' ? '、' : ', ');

/** The 9-box cells, one row per cycle and box: a hidden box (under the minimum group) says so, with no count or names. */
function cellsSheet(box: NineBoxHistory, locale: Locale): SheetSpec {
  const rows: CellValue[][] = box.cycles.flatMap((c) =>
    c.cells.map((cell) => [c.name, level(locale, cell.performance), level(locale, cell.potential), cell.count ?? t(locale, 'talent.col.hidden', { n: box.minGroup }), cell.people ? names(locale, cell.people) : '']),
  );
  return { name: t(locale, 'talent.sheet.nineBox'), header: ['cycle', 'performance', 'potential', 'count', 'people'].map((k) => col(locale, k)), rows };
}

function movesSheet(box: NineBoxHistory, locale: Locale): SheetSpec {
  const name = (id: number) => box.cycles.find((c) => c.id === id)?.name ?? String(id);
  return {
    name: t(locale, 'talent.sheet.moves'),
    header: ['from', 'to', 'fromPerformance', 'fromPotential', 'toPerformance', 'toPotential', 'count'].map((k) => col(locale, k)),
    rows: box.transitions.map((m) => [name(m.fromCycleId), name(m.toCycleId), level(locale, m.from.performance), level(locale, m.from.potential), level(locale, m.to.performance), level(locale, m.to.potential), m.count]),
  };
}

/** CSV: the cells (the moves are in the XLSX). */
export function nineBoxCsv(box: NineBoxHistory, locale: Locale): string {
  const sheet = cellsSheet(box, locale);
  return csvTable(sheet.header, sheet.rows);
}

/** XLSX: the cells per cycle and the moves between cycles, both with groups under the minimum left out. */
export function nineBoxXlsx(box: NineBoxHistory, locale: Locale): Promise<Buffer> {
  return writeWorkbook([cellsSheet(box, locale), movesSheet(box, locale)]);
}

/** The results per cycle: final grade, the manager's before a change, potential, the 9-box, each skill's rating. */
function resultsSheet(view: ProfileView, locale: Locale): SheetSpec {
  const scale = view.scale.map((g) => ({ key: g.key, label: { 'zh-CN': g.key, en: g.key }, min: 0 }));
  const skills = view.profile.skills.map((s) => s.skill);
  return {
    name: t(locale, 'talent.sheet.results'),
    header: [...['cycle', 'periodStart', 'periodEnd', 'grade', 'managerGrade', 'potential', 'performanceLevel', 'potentialLevel'].map((k) => col(locale, k)), ...skills],
    rows: view.profile.results.map((r, i) => [
      r.cycleName, r.periodStart, r.periodEnd, r.grade, r.managerGrade ?? '', gradeOfPoints(scale, r.potential) ?? '',
      level(locale, view.boxes[i]?.performance ?? null), level(locale, view.boxes[i]?.potential ?? null),
      ...view.profile.skills.map((s) => gradeOfPoints(scale, s.scores.find((x) => x.cycleId === r.cycleId)?.points) ?? ''),
    ]),
  };
}

/** CSV: the results per cycle (the explanation and goals are in the XLSX). */
export function profileCsv(view: ProfileView, locale: Locale): string {
  const sheet = resultsSheet(view, locale);
  return csvTable(sheet.header, sheet.rows);
}

/** XLSX: the explanation, results per cycle, skills, goal attainment per period. */
export function profileXlsx(view: ProfileView, locale: Locale): Promise<Buffer> {
  const p = view.profile;
  return writeWorkbook([
    { name: t(locale, 'talent.sheet.explanation'), header: [view.person.name], rows: view.explanation.map((line) => [line]), widths: [90] },
    resultsSheet(view, locale),
    { name: t(locale, 'talent.sheet.skills'), header: ['skill', 'mean', 'latest', 'ratings'].map((k) => col(locale, k)), rows: p.skills.map((s) => [s.skill, s.mean, s.latest, s.scores.length]) },
    {
      name: t(locale, 'talent.sheet.goals'),
      header: ['period', 'attainment'].map((k) => col(locale, k)),
      rows: [...p.goals.periods.map((g): CellValue[] => [g.period, g.attainment]), [col(locale, 'mean'), p.goals.mean], [col(locale, 'variance'), p.goals.variance], [col(locale, 'onTimeRate'), p.onTimeRate], [col(locale, 'sharedGoals'), p.collaboration.sharedGoals], [col(locale, 'projects'), p.collaboration.projects]],
      formats: { 1: '0.0%' },
    },
  ]);
}
