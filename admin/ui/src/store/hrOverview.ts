import { api } from '../api';
import type { HrOverview } from '../apiShapes';
import { resource } from './resource';

/** This week's participation and the open work of HR, company-wide. */
export const hrOverview = resource(() => api.get<HrOverview>('/api/hr/overview'));
