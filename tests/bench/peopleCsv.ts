/** The exact people-import header (see bot/services/people/importPeople.ts). */
export const PEOPLE_HEADER = 'employee_no,name,email,department,manager_email,job_function,timezone,locale,slack_user_id,wecom_userid,role';

export interface BenchPerson {
  index: number;
  email: string;
  name: string;
  timezone: string;
  locale: 'zh-CN' | 'en';
  manager: boolean;
}

/** Person i's e-mail in every directory buildPeople makes. */
export const benchEmail = (i: number) => `p${String(i).padStart(5, '0')}@bench.example.com`;

/** A bench directory as the clients need it, without holding a row per person in the bench's own memory. */
export interface BenchDirectory {
  count: number;
  email: (i: number) => string;
}

const TEAM = 10; // one manager and nine reports: ~1 manager per 10 people
const DIVISIONS = ['研发中心', '销售部', '客户成功部', '技术支持部', '产品部', 'Operations', 'Finance', 'Marketing'];
const FUNCTIONS = ['rnd', 'sales', 'customer_success', 'support', 'product', 'ops', 'finance', 'marketing'];

/**
 * `count` people in teams of ten. Team t's manager reports to the manager of team floor((t-1)/10)
 * (a tree a few levels deep); team 0's manager is the top. 90% Shanghai/zh-CN, 5% Los Angeles, 5% Berlin.
 * Deterministic: the same count gives the same bytes. With `identities`, everyone has a Slack id and a WeCom
 * userid (the Slack scenarios); without, they are on the built-in local chat, where the simulator may type for them.
 */
export function buildPeople(count: number, opts: { identities: boolean } = { identities: true }): { csv: string; people: BenchPerson[] } {
  const people: BenchPerson[] = [];
  const lines = [PEOPLE_HEADER];
  const email = benchEmail;
  for (let i = 0; i < count; i++) {
    const team = Math.floor(i / TEAM);
    const isManager = i % TEAM === 0;
    const managerIndex = isManager ? (team === 0 ? -1 : Math.floor((team - 1) / TEAM) * TEAM) : team * TEAM;
    const division = team % DIVISIONS.length;
    const zone = i % 20 === 7 ? 'America/Los_Angeles' : i % 20 === 13 ? 'Europe/Berlin' : 'Asia/Shanghai';
    const locale = zone === 'Asia/Shanghai' ? 'zh-CN' : 'en';
    const name = locale === 'en' ? `Bench Person ${i}` : `测试员工${i}`;
    const person: BenchPerson = { index: i, email: email(i), name, timezone: zone, locale, manager: isManager };
    people.push(person);
    lines.push(
      [
        `B${String(i).padStart(6, '0')}`,
        name,
        person.email,
        `${DIVISIONS[division]}/Team ${team}`,
        managerIndex >= 0 ? email(managerIndex) : '',
        FUNCTIONS[division],
        zone,
        locale,
        opts.identities ? `U${i.toString(36).toUpperCase().padStart(6, '0')}` : '',
        opts.identities ? `bench.${i}` : '',
        isManager ? 'manager' : 'employee',
      ].join(','),
    );
  }
  // one flat string, as an upload's decoded body is (join + '\\n' made a cons string whose flattening, ~20 MB at
  // 100,000 people, landed in the import's first slice)
  lines.push('');
  return { csv: lines.join('\n'), people };
}
