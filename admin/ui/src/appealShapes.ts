export type { AppealRow as Appeal } from '../../../bot/services/appeals/listAppeals';
export type { CycleReport, GradeGroup } from '../../../bot/services/calibration/cycleReport';

interface AppealCount {
  reviews: number;
  appeals: number;
  rate: number;
}

/** GET /api/appeals/report */
export interface AppealReport {
  cycles: (AppealCount & { cycleId: number; name: string; releasedAt: string; open: number; upheld: number; changed: number; departments: (AppealCount & { department: string })[] })[];
  change: number | null;
}

interface PulseFigures {
  responses: number;
  acceptance: number;
  clarity: number;
  clarityAgree: number;
}

/** GET /api/pulse/report */
export interface PulseReport {
  minGroup: number;
  cycles: { cycleId: number; name: string; releasedAt: string | null; asked: number; overall: PulseFigures | null; departments: (PulseFigures & { department: string })[]; hiddenGroups: number }[];
  change: { from: number; to: number } | null;
}
