/**
 * Demo company of the source case: a ~180-person SaaS company in East China
 * (Hangzhou/Shanghai), R&D and sales heavy. Emitted as a people-import CSV so the
 * demo exercises the same import path as a real customer would.
 *
 * Output must be byte-identical on every run (tests, screenshots and demo scripts
 * rely on stable names/emails), so all randomness comes from a fixed-seed PRNG.
 */

export const DEMO_EMAIL_DOMAIN = 'demo-saas.cn';

const HEADER =
  'employee_no,name,email,department,manager_email,job_function,timezone,locale,slack_user_id,wecom_userid,role';

// Hanzi followed by its pinyin; pinyin feeds the email/wecom ids.
const SURNAMES = (
  '王wang 李li 张zhang 刘liu 陈chen 杨yang 黄huang 赵zhao 吴wu 周zhou 徐xu 孙sun 马ma 朱zhu 胡hu ' +
  '郭guo 何he 高gao 林lin 罗luo 郑zheng 梁liang 谢xie 宋song 唐tang 许xu 韩han 冯feng 邓deng 曹cao ' +
  '彭peng 曾zeng 萧xiao 田tian 董dong 潘pan 袁yuan 蒋jiang 蔡cai 余yu 杜du 叶ye 程cheng 沈shen 钱qian'
).split(' ');
const GIVEN = (
  '伟wei 芳fang 娜na 敏min 静jing 丽li 强qiang 磊lei 军jun 洋yang 勇yong 艳yan 杰jie 涛tao 明ming ' +
  '超chao 秀xiu 霞xia 平ping 刚gang 华hua 飞fei 鹏peng 辉hui 婷ting 宇yu 浩hao 凯kai 晨chen 欣xin ' +
  '雪xue 琳lin 颖ying 佳jia 思si 雨yu 子zi 博bo 文wen 斌bin 亮liang 帆fan 悦yue 萱xuan 然ran ' +
  '睿rui 晗han 瑶yao 怡yi 彤tong 诗shi 梦meng 俊jun 毅yi 峰feng 振zhen 晓xiao 嘉jia 倩qian 蕾lei ' +
  '航hang 哲zhe 琪qi 璐lu 昊hao 泽ze 一yi 欢huan 慧hui 志zhi 春chun 海hai 建jian 永yong 家jia'
).split(' ');

type JobFunction = 'management' | 'rnd' | 'sales' | 'customer_success' | 'support' | 'product' | 'hr';
type Role = 'employee' | 'manager' | 'hr';

/** Colleagues abroad get a fixed English name, timezone and locale `en`. */
interface Abroad {
  name: string;
  timezone: string;
}

interface Team {
  name: string; // sub-department name; '' = members sit directly under the department head
  members: number; // excluding the lead (and including any abroad people)
  abroad?: Abroad[];
}

interface Department {
  name: string;
  fn: JobFunction;
  teams: Team[];
}

// Sizes chosen to match the case: R&D 70, sales 45, CS 20, support 20, product 12, HR 6, CEO office 3.
const DEPARTMENTS: Department[] = [
  {
    name: '研发中心',
    fn: 'rnd',
    teams: [
      { name: '后端组', members: 25, abroad: [{ name: 'Kevin Li', timezone: 'America/Los_Angeles' }] },
      { name: '前端组', members: 17 },
      { name: '测试组', members: 12 },
      { name: '基础架构组', members: 11 },
    ],
  },
  {
    name: '销售部',
    fn: 'sales',
    teams: [
      { name: '华东大区', members: 20 },
      { name: '华南大区', members: 12 },
      {
        name: '海外业务组',
        members: 9,
        abroad: [
          { name: 'Emily Zhang', timezone: 'America/Los_Angeles' },
          { name: 'Lukas Wang', timezone: 'Europe/Berlin' },
          { name: 'Grace Tan', timezone: 'Asia/Singapore' },
        ],
      },
    ],
  },
  {
    name: '客户成功部',
    fn: 'customer_success',
    teams: [
      { name: '大客户组', members: 8, abroad: [{ name: 'Jason Lim', timezone: 'Asia/Singapore' }] },
      { name: '成长客户组', members: 9 },
    ],
  },
  {
    name: '技术支持部',
    fn: 'support',
    teams: [
      { name: '一线支持组', members: 11 },
      { name: '二线支持组', members: 6 },
    ],
  },
  // Small departments are flat: everyone reports to the head directly.
  { name: '产品部', fn: 'product', teams: [{ name: '', members: 11 }] },
  { name: '人力资源部', fn: 'hr', teams: [{ name: '', members: 5 }] },
];

/** mulberry32: tiny, well-known, deterministic 32-bit PRNG. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** RFC 4180: quote only when needed, doubling embedded quotes. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

interface Person {
  name: string;
  email: string;
  department: string;
  managerEmail: string;
  fn: JobFunction;
  timezone: string;
  locale: 'zh-CN' | 'en';
}

export function buildDemoCompanyCsv(): string {
  const rand = mulberry32(20240601);
  const pick = (list: string[]): string => list[Math.floor(rand() * list.length)];
  const usedLocals = new Map<string, number>();
  const people: Person[] = [];

  // Collisions (two 张伟) are realistic; disambiguate the email like IT would: zhang.wei2.
  const emailFor = (base: string): string => {
    const n = (usedLocals.get(base) ?? 0) + 1;
    usedLocals.set(base, n);
    return `${n === 1 ? base : base + n}@${DEMO_EMAIL_DOMAIN}`;
  };

  const add = (department: string, managerEmail: string, fn: JobFunction, abroad?: Abroad): string => {
    let name: string;
    let local: string;
    if (abroad) {
      name = abroad.name;
      local = abroad.name.toLowerCase().replace(/\s+/g, '.');
    } else {
      const s = pick(SURNAMES);
      // ~60% of Chinese names have a two-character given name.
      const given = rand() < 0.6 ? [pick(GIVEN), pick(GIVEN)] : [pick(GIVEN)];
      name = s[0] + given.map((g) => g[0]).join('');
      local = `${s.slice(1)}.${given.map((g) => g.slice(1)).join('')}`;
    }
    const email = emailFor(local);
    people.push({
      name,
      email,
      department,
      managerEmail,
      fn,
      timezone: abroad?.timezone ?? 'Asia/Shanghai',
      locale: abroad ? 'en' : 'zh-CN',
    });
    return email;
  };

  // CEO office: CEO plus two staff (e.g. COO, chief of staff) reporting to the CEO.
  const ceo = add('总经办', '', 'management');
  add('总经办', ceo, 'management');
  add('总经办', ceo, 'management');

  for (const dept of DEPARTMENTS) {
    const head = add(dept.name, ceo, dept.fn);
    for (const team of dept.teams) {
      const path = team.name ? `${dept.name}/${team.name}` : dept.name;
      const lead = team.name ? add(path, head, dept.fn) : head;
      const abroad = team.abroad ?? [];
      // Abroad colleagues are placed last in their team so Chinese name draws stay stable.
      for (let i = 0; i < team.members - abroad.length; i++) add(path, lead, dept.fn);
      for (const a of abroad) add(path, lead, dept.fn, a);
    }
  }

  const managers = new Set(people.map((p) => p.managerEmail).filter(Boolean));
  const roleOf = (p: Person): Role =>
    p.fn === 'hr' ? 'hr' : managers.has(p.email) ? 'manager' : 'employee';

  const lines = people.map((p, i) => {
    const employeeNo = `E${String(i + 1).padStart(4, '0')}`;
    const wecomUserId = p.email.split('@')[0]; // pinyin-ish, unique because emails are
    return [
      employeeNo,
      p.name,
      p.email,
      p.department,
      p.managerEmail,
      p.fn,
      p.timezone,
      p.locale,
      '', // slack_user_id: demo runs on WeCom
      wecomUserId,
      roleOf(p),
    ]
      .map(csvField)
      .join(',');
  });

  return [HEADER, ...lines].join('\n') + '\n';
}

/** Number of data rows (excluding header) in the demo CSV. */
export const DEMO_COMPANY_SIZE: number = buildDemoCompanyCsv().trimEnd().split('\n').length - 1;
