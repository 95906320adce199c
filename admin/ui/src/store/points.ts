import { api } from '../api';

export interface AdjustInput {
  email: string;
  amount: number;
  reason: string;
}

/** A manual points correction by admin/HR; answers the person's new balance. Throws the server's ApiError. */
export function adjustPoints(input: AdjustInput): Promise<{ balance: number; sourceKey: string }> {
  return api.post('/api/points/adjust', input);
}
