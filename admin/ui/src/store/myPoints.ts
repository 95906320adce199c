import { api } from '../api';
import type { MyPoints } from '../apiShapes';
import { resource } from './resource';

/** The signed-in person's balance, this month's score and rank, and their redemptions. */
export const myPoints = resource(() => api.get<MyPoints>('/api/me/points'));
