import { api } from '../api';
import type { SetupStatus } from '../apiShapes';
import { resource } from './resource';

/** What is set up: people, departments, sign-in ways, platforms, the public address. */
export const setupStatus = resource(() => api.get<SetupStatus>('/api/setup/status'));
