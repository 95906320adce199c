import { describe, it, expect } from 'vitest';
import { parse } from 'csv-parse/sync';
import { buildDemoCompanyCsv, DEMO_COMPANY_SIZE } from '../../db/seed/demoCompany';

const HEADER =
  'employee_no,name,email,department,manager_email,job_function,timezone,locale,slack_user_id,wecom_userid,role';
const TOP_LEVEL = ['总经办', '研发中心', '销售部', '客户成功部', '技术支持部', '产品部', '人力资源部'];
const FUNCTIONS = ['management', 'rnd', 'sales', 'customer_success', 'support', 'product', 'hr'];

type Row = Record<string, string>;

const csv = buildDemoCompanyCsv();
const rows = parse(csv, { columns: true }) as Row[];
const byEmail = new Map(rows.map((r) => [r.email, r]));

describe('demo company CSV', () => {
  it('has the exact header and trailing newline', () => {
    expect(csv.split('\n')[0]).toBe(HEADER);
    expect(csv.endsWith('\n')).toBe(true);
    expect(csv).not.toContain('\r');
  });

  it('has 175–185 rows matching DEMO_COMPANY_SIZE, each with 11 columns', () => {
    expect(rows.length).toBeGreaterThanOrEqual(175);
    expect(rows.length).toBeLessThanOrEqual(185);
    expect(rows.length).toBe(DEMO_COMPANY_SIZE);
    const raw = parse(csv) as string[][];
    for (const r of raw) expect(r).toHaveLength(11);
    for (const r of rows) expect(Object.keys(r)).toHaveLength(11);
  });

  it('has unique employee_no, email and wecom_userid', () => {
    for (const key of ['employee_no', 'email', 'wecom_userid']) {
      const values = rows.map((r) => r[key]);
      expect(values.every((v) => v.length > 0)).toBe(true);
      expect(new Set(values).size).toBe(rows.length);
    }
    for (const r of rows) {
      expect(r.employee_no).toMatch(/^E\d{4}$/);
      expect(r.email).toMatch(/^[a-z0-9.]+@demo-saas\.cn$/);
      expect(r.slack_user_id).toBe('');
    }
  });

  it('has a single root and every manager_email refers to an existing person', () => {
    const roots = rows.filter((r) => r.manager_email === '');
    expect(roots).toHaveLength(1);
    expect(roots[0].department).toBe('总经办');
    for (const r of rows) {
      if (r.manager_email) expect(byEmail.has(r.manager_email), r.manager_email).toBe(true);
    }
  });

  it('has no cycles in the reporting chain', () => {
    for (const r of rows) {
      let cur: Row | undefined = r;
      let steps = 0;
      while (cur && cur.manager_email) {
        cur = byEmail.get(cur.manager_email);
        steps++;
        expect(steps).toBeLessThanOrEqual(rows.length);
      }
      expect(cur?.manager_email).toBe('');
    }
  });

  it('uses only the expected departments, functions and roles', () => {
    for (const r of rows) {
      expect(TOP_LEVEL).toContain(r.department.split('/')[0]);
      expect(FUNCTIONS).toContain(r.job_function);
      expect(['employee', 'manager', 'hr']).toContain(r.role);
      if (r.job_function === 'management') expect(r.department).toBe('总经办');
    }
    expect(new Set(rows.map((r) => r.department.split('/')[0]))).toEqual(new Set(TOP_LEVEL));
  });

  it('gives manager role to people with reports, hr role to HR staff', () => {
    const managers = new Set(rows.map((r) => r.manager_email).filter(Boolean));
    for (const r of rows) {
      if (r.department.startsWith('人力资源部')) expect(r.role).toBe('hr');
      else expect(r.role).toBe(managers.has(r.email) ? 'manager' : 'employee');
    }
  });

  it('has 4–6 people abroad, all with locale en; everyone else zh-CN', () => {
    const abroad = rows.filter((r) => r.timezone !== 'Asia/Shanghai');
    expect(abroad.length).toBeGreaterThanOrEqual(4);
    expect(abroad.length).toBeLessThanOrEqual(6);
    for (const r of abroad) expect(r.locale).toBe('en');
    for (const r of rows.filter((x) => x.timezone === 'Asia/Shanghai')) expect(r.locale).toBe('zh-CN');
  });

  it('is deterministic', () => {
    expect(buildDemoCompanyCsv()).toBe(buildDemoCompanyCsv());
    expect(buildDemoCompanyCsv()).toBe(csv);
  });
});
