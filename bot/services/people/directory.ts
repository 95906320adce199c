/**
 * A company directory as a chat platform knows it (WeCom contacts), in platform-neutral terms. A platform
 * plugin provides the source; `syncContacts` turns a snapshot into departments, people and managers.
 */

export interface DirectoryDepartment {
  /** The platform's id, as text. */
  id: string;
  name: string;
  /** null for a top department (or one whose parent the app cannot see). */
  parentId: string | null;
  /** Members who lead this department, in the platform's order. */
  leaderIds: string[];
}

export interface DirectoryPerson {
  /** The platform user id (WeCom userid). */
  id: string;
  name: string;
  email?: string;
  mainDepartmentId: string | null;
  /** Direct leaders set on the person, in the platform's order (WeCom `direct_leader`). */
  directLeaderIds: string[];
  /** false for disabled, not activated or departed members. */
  active: boolean;
}

export interface DirectorySnapshot {
  departments: DirectoryDepartment[];
  people: DirectoryPerson[];
}

export interface DirectorySource {
  /** The identities platform the person ids belong to ("wecom"). */
  platform: 'wecom' | 'slack';
  /** Reads everything the app can see. */
  read(): Promise<DirectorySnapshot>;
  /** Job function by department: keys are a department's name, full path or id; the nearest department wins. */
  jobFunctions: Record<string, string>;
  /** When the nightly sync runs (cron, in DEFAULT_TIMEZONE). */
  syncCron: string;
}
