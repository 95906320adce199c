import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_METRICS } from '../../db/seed/demoTemplates';
import { Client, PEOPLE_HEADER, TestApp } from '../support/harness';

const ORG = [
  PEOPLE_HEADER,
  'H1,赵人事,zhao.hr@example.com,人力资源部,,hr,Asia/Shanghai,zh-CN,,,hr',
  'M1,陈销售,chen.sales@example.com,销售部,,sales,Asia/Shanghai,zh-CN,,,manager',
  'S1,周一,zhou.yi@example.com,销售部,chen.sales@example.com,sales,Asia/Shanghai,zh-CN,,,employee',
  'M2,王芳,wang.fang@example.com,研发中心,,rnd,Asia/Shanghai,zh-CN,,,manager',
  'R1,李雷,li.lei@example.com,研发中心/后端组,wang.fang@example.com,rnd,Asia/Shanghai,zh-CN,,,employee',
].join('\n');

const SALES = {
  name: '销售 / Sales',
  jobFunction: 'sales',
  sections: [
    {
      title: { 'zh-CN': '业绩', en: 'Results' },
      weight: 70,
      items: [
        { kind: 'metric', metric: 'signed_amount', target: 1_000_000, weight: 60 },
        { kind: 'metric', metric: 'collection_rate', target: 1, floor: 0.5, weight: 40 },
      ],
    },
    {
      title: '能力 / Competencies',
      weight: 30,
      items: [
        { kind: 'goals', weight: 50 },
        { kind: 'rating', label: { 'zh-CN': '成长潜力', en: 'Growth potential' }, weight: 50, potential: true },
        { kind: 'text', label: '本期亮点 / Highlights' },
      ],
    },
  ],
  rules: [{ when: 'collection_rate < 0.8', effect: 'cap', grade: 'B', reason: { 'zh-CN': '回款完成率低于 80%，最高 B', en: 'collection rate below 80%: at most B' } }],
};

const RND = {
  name: '研发 / R&D',
  jobFunction: 'rnd',
  sections: [
    { title: '交付 / Delivery', weight: 80, items: [{ kind: 'metric', metric: 'task_completion_rate', target: 1, floor: 0.5, weight: 100 }] },
    { title: '潜力 / Potential', weight: 20, items: [{ kind: 'rating', label: '成长潜力 / growth potential', weight: 100, potential: true }, { kind: 'text', label: '总结' }] },
  ],
  rules: [
    { when: 'major_incidents > 2', effect: 'flag', flag: 'needs-improvement', reason: { 'zh-CN': '重大事故超过 2 次', en: 'more than two major incidents' } },
    { when: 'collection_rate < 0.8', effect: 'cap', grade: 'B', reason: '回款 / collection' },
  ],
};

interface Preview {
  figures: Record<string, number>;
  rules: { index: number; applies: boolean | null; missing: string[]; explanation: { 'zh-CN': string; en: string } }[];
  total: number | null;
  byTotal: string | null;
  suggested: string | null;
  cap: string | null;
  floor: string | null;
  flags: { flag: string; index: number }[];
}

const GRADES = ['S', 'A', 'B', 'C', 'D'];

describe('review templates', () => {
  let t: TestApp;
  let hr: Client;
  let manager: Client;
  let employee: Client;
  const admin = () => new Client(t.url, t.cookie, t.csrf);

  beforeAll(async () => {
    t = await TestApp.start();
    expect((await t.importPeople(ORG)).status).toBe(200);
    // the metric catalogue (its API is another use case): the demo definitions, straight into the table
    for (const d of DEMO_METRICS) {
      t.sql(
        `insert into metric_definitions (key, label_zh, label_en, unit, direction, aggregation, created_at, updated_at) values (?, ?, ?, ?, ?, ?, '2026-11-01', '2026-11-01')`,
        d.key, d.labelZh, d.labelEn, d.unit, d.direction, d.aggregation,
      );
    }
    const metric = (email: string, key: string, value: number) =>
      t.sql(
        `insert into metric_values (person_id, metric_key, period, value, source, created_at, updated_at)
         select id, ?, '2026-Q4', ?, 'crm', '2026-11-01', '2026-11-01' from people where email = ?`,
        key, value, email,
      );
    metric('zhou.yi@example.com', 'collection_rate', 0.72);
    metric('zhou.yi@example.com', 'signed_amount', 1_200_000);
    metric('li.lei@example.com', 'major_incidents', 3);
    metric('li.lei@example.com', 'task_completion_rate', 0.9);
    hr = await t.signInAs('zhao.hr@example.com');
    manager = await t.signInAs('chen.sales@example.com');
    employee = await t.signInAs('zhou.yi@example.com');
  });
  afterAll(async () => t.destroy());

  it('saves a valid template as version 1, audited', async () => {
    const res = await hr.json<{ id: number; version: number }>('POST', '/api/review-templates', SALES);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(Number), version: 1 });
    const got = await hr.json<{ name: string; jobFunction: string; version: number; body: unknown; versions: { version: number; createdBy: string }[] }>('GET', `/api/review-templates/${res.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id: res.body.id, name: '销售 / Sales', jobFunction: 'sales', version: 1, body: SALES });
    expect(got.body.versions).toEqual([{ version: 1, createdAt: expect.any(String), createdBy: expect.stringMatching(/^account:/) }]);
    expect(t.sql(`select action, entity, entity_id as entityId, after from audit_log where entity = 'review_template'`)).toEqual([
      { action: 'review_template.create', entity: 'review_template', entityId: String(res.body.id), after: JSON.stringify({ name: '销售 / Sales', jobFunction: 'sales', version: 1 }) },
    ]);
    const list = await hr.json<{ templates: unknown[] }>('GET', '/api/review-templates');
    expect(list.body.templates).toEqual([{ id: res.body.id, name: '销售 / Sales', jobFunction: 'sales', version: 1, updatedAt: expect.any(String) }]);
  });

  it('refuses a body with several problems, listing every one, and stores nothing', async () => {
    const before = t.sql('select count(*) as n from review_template_versions');
    const bad = {
      name: 'broken',
      jobFunction: 'broken',
      sections: [
        { title: 'a', weight: 60, items: [{ kind: 'metric', metric: 'collection_rate', target: 1, weight: 50 }, { kind: 'metric', metric: 'foo_rate', target: 1, weight: 50 }] },
        { title: 'b', weight: 30, items: [{ kind: 'goals', weight: 100 }] },
      ],
      rules: [
        { when: 'collection_rate <', effect: 'cap', grade: 'B', reason: 'syntax' },
        { when: 'collection_rate < 0.5', effect: 'cap', grade: 'X', reason: 'not a grade' },
      ],
    };
    const res = await hr.json<{ error: { code: string; details: { path: string; message: string }[] } }>('POST', '/api/review-templates', bad);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_template');
    const details = res.body.error.details;
    expect(details.map((d) => d.path).sort()).toEqual(['rules.0.when', 'rules.1.grade', 'sections', 'sections.0.items.1.metric']);
    expect(details.find((d) => d.path === 'sections')!.message).toContain('90');
    expect(details.find((d) => d.path === 'sections.0.items.1.metric')!.message).toContain('foo_rate');
    expect(details.find((d) => d.path === 'rules.0.when')!.message).toMatch(/^syntax/);
    expect(details.find((d) => d.path === 'rules.1.grade')!.message).toContain('"X"');
    expect(t.sql('select count(*) as n from review_template_versions')).toEqual(before);
    // a flag rule without a flag, and a schema problem next to a semantic one
    const more = await hr.json<{ error: { details: { path: string }[] } }>('POST', '/api/review-templates', {
      ...SALES, jobFunction: 'other', sections: [SALES.sections[0], { ...SALES.sections[1], title: '' }], rules: [{ when: 'major_incidents > 2', effect: 'flag', reason: 'x' }, { when: 'nope > 1', effect: 'cap', grade: 'B', reason: 'x' }],
    });
    expect(more.status).toBe(400);
    expect(more.body.error.details.map((d) => d.path).sort()).toEqual(['rules.0.flag', 'rules.1.when', 'sections.1.title']);
  });

  it('PUT makes version 2 and leaves version 1 as it was', async () => {
    const { body: created } = await hr.json<{ id: number }>('POST', '/api/review-templates', { ...SALES, jobFunction: 'sales_v', name: 'v1' });
    const v1 = t.sql(`select * from review_template_versions where template_id = ? and version = 1`, created.id);
    const changed = { ...SALES, jobFunction: 'sales_v', name: 'v2', rules: [{ ...SALES.rules[0], grade: 'C' }] };
    const res = await hr.json('PUT', `/api/review-templates/${created.id}`, changed);
    expect(res).toEqual({ status: 200, body: { id: created.id, version: 2 } });
    expect(t.sql(`select * from review_template_versions where template_id = ? and version = 1`, created.id)).toEqual(v1);
    expect(t.sql(`select name, current_version as v from review_templates where id = ?`, created.id)).toEqual([{ name: 'v2', v: 2 }]);
    const got = await hr.json<{ version: number; body: { rules: { grade: string }[] }; versions: { version: number }[] }>('GET', `/api/review-templates/${created.id}`);
    expect(got.body.version).toBe(2);
    expect(got.body.body.rules[0].grade).toBe('C');
    expect(got.body.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(t.sql(`select action, before, after from audit_log where entity = 'review_template' and entity_id = ? order by id`, String(created.id)).at(-1)).toEqual({
      action: 'review_template.revise',
      before: JSON.stringify({ name: 'v1', jobFunction: 'sales_v', version: 1 }),
      after: JSON.stringify({ name: 'v2', jobFunction: 'sales_v', version: 2 }),
    });
    // a bad PUT changes nothing; an unknown id is 404
    expect((await hr.json('PUT', `/api/review-templates/${created.id}`, { ...changed, sections: [] })).status).toBe(400);
    expect(t.sql(`select current_version as v from review_templates where id = ?`, created.id)).toEqual([{ v: 2 }]);
    expect((await hr.json('PUT', '/api/review-templates/99999', changed)).status).toBe(404);
    // moving to a job function that has a template: 409
    expect((await hr.json<{ error: { code: string } }>('PUT', `/api/review-templates/${created.id}`, { ...changed, jobFunction: 'sales' })).body.error.code).toBe('template_exists');
  });

  it('duplicates a template for another job function; a job function taken → 409', async () => {
    const sales = (await hr.json<{ templates: { id: number; jobFunction: string }[] }>('GET', '/api/review-templates')).body.templates.find((x) => x.jobFunction === 'sales')!;
    const dup = await hr.json<{ id: number; version: number }>('POST', `/api/review-templates/${sales.id}/duplicate`, { name: '客户成功 / CS', jobFunction: 'customer_success' });
    expect(dup.status).toBe(201);
    expect(dup.body).toEqual({ id: expect.any(Number), version: 1 });
    const got = await hr.json<{ name: string; jobFunction: string; body: typeof SALES }>('GET', `/api/review-templates/${dup.body.id}`);
    expect(got.body.body).toEqual({ ...SALES, name: '客户成功 / CS', jobFunction: 'customer_success' });
    expect(t.sql(`select action, after from audit_log where entity = 'review_template' and entity_id = ?`, String(dup.body.id))).toEqual([
      { action: 'review_template.duplicate', after: JSON.stringify({ name: '客户成功 / CS', jobFunction: 'customer_success', version: 1, duplicateOf: { id: sales.id, version: 1 } }) },
    ]);

    const taken = await hr.json<{ error: { code: string } }>('POST', '/api/review-templates', SALES);
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('template_exists');
    expect((await hr.json('POST', `/api/review-templates/${sales.id}/duplicate`, { name: 'again', jobFunction: 'customer_success' })).status).toBe(409);
    expect((await hr.json('POST', '/api/review-templates/99999/duplicate', { name: 'x', jobFunction: 'x' })).status).toBe(404);
  });

  const preview = (body: unknown, email: string) =>
    hr.json<Preview>('POST', '/api/review-templates/preview', { body, email, periodStart: '2026-10-01', periodEnd: '2026-12-31' });

  it('previews a sales body against a real person: collection rate 72% caps the grade at B', async () => {
    const res = await preview(SALES, 'zhou.yi@example.com');
    expect(res.status).toBe(200);
    expect(res.body.figures).toMatchObject({ collection_rate: 0.72, signed_amount: 1_200_000, points: 0 });
    expect(res.body.rules).toEqual([{ index: 0, applies: true, missing: [], explanation: expect.any(Object) }]);
    expect(res.body.rules[0].explanation['zh-CN']).toMatch(/^回款完成率 72% < 80%：最高 B/);
    expect(res.body.rules[0].explanation.en).toMatch(/^collection rate 72% < 80%: at most B/);
    expect(res.body.cap).toBe('B');
    // results: signed amount full marks, collection rate 44 → 60·1 + 40·0.44 = 77.6; no goals, no ratings yet
    expect(res.body.total).toBe(77.6);
    expect(res.body.byTotal).toBe('B');
    expect(GRADES.indexOf(res.body.suggested!)).toBeGreaterThanOrEqual(GRADES.indexOf('B'));
    // without the cap the same figures would earn A: the cap decides
    const generous = { ...SALES, sections: [{ ...SALES.sections[0], items: [{ kind: 'metric', metric: 'signed_amount', target: 1_000_000, weight: 100 }] }, SALES.sections[1]] };
    const capped = await preview(generous, 'zhou.yi@example.com');
    expect(capped.body).toMatchObject({ total: 100, byTotal: 'S', cap: 'B', suggested: 'B' });
  });

  it('previews an R&D body: three major incidents raise the flag; a missing figure leaves its rule undecided', async () => {
    const res = await preview(RND, 'li.lei@example.com');
    expect(res.status).toBe(200);
    expect(res.body.rules[0]).toMatchObject({ index: 0, applies: true, missing: [] });
    expect(res.body.rules[0].explanation['zh-CN']).toBe('重大事故 3 > 2：标记「needs-improvement」（重大事故超过 2 次）');
    expect(res.body.flags).toEqual([{ flag: 'needs-improvement', index: 0 }]);
    expect(res.body.rules[1]).toMatchObject({ index: 1, applies: null, missing: ['collection_rate'] });
    expect(res.body.rules[1].explanation.en).toContain('collection rate');
    expect(res.body.cap).toBeNull();
    // the sales person has no incidents figure: undecided there, not silently false
    const other = await preview(RND, 'zhou.yi@example.com');
    expect(other.body.rules[0]).toMatchObject({ applies: null, missing: ['major_incidents'] });
    expect(other.body.flags).toEqual([]);
  });

  it('refuses a preview whose rules cannot be evaluated, an unknown person, a backwards period', async () => {
    const bad = await preview({ ...SALES, rules: [{ ...SALES.rules[0], when: 'collection_rate <' }] }, 'zhou.yi@example.com');
    expect(bad.status).toBe(400);
    expect((bad.body as unknown as { error: { code: string; details: { path: string }[] } }).error).toMatchObject({ code: 'invalid_template', details: [{ path: 'rules.0.when' }] });
    // weights still being edited are fine in a preview
    expect((await preview({ ...SALES, sections: [{ ...SALES.sections[0], weight: 10 }, SALES.sections[1]] }, 'zhou.yi@example.com')).status).toBe(200);
    expect((await preview(SALES, 'nobody@example.com')).status).toBe(404);
    const backwards = await hr.json('POST', '/api/review-templates/preview', { body: SALES, email: 'zhou.yi@example.com', periodStart: '2026-12-31', periodEnd: '2026-10-01' });
    expect(backwards.status).toBe(400);
  });

  it('employees may not touch templates; managers read one but change nothing', async () => {
    const id = (await admin().json<{ templates: { id: number }[] }>('GET', '/api/review-templates')).body.templates[0].id;
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/review-templates'],
      ['GET', `/api/review-templates/${id}`],
      ['POST', '/api/review-templates', { ...SALES, jobFunction: 'support' }],
      ['PUT', `/api/review-templates/${id}`, SALES],
      ['POST', `/api/review-templates/${id}/duplicate`, { name: 'x', jobFunction: 'support' }],
      ['POST', '/api/review-templates/preview', { body: SALES, email: 'zhou.yi@example.com', periodStart: '2026-10-01', periodEnd: '2026-12-31' }],
    ];
    for (const [method, path, body] of routes) {
      const res = await employee.json<{ error: { code: string } }>(method, path, body);
      expect([method, path, res.status, res.body.error.code]).toEqual([method, path, 403, 'forbidden']);
    }
    const read = await manager.json<{ jobFunction: string }>('GET', `/api/review-templates/${id}`);
    expect(read.status).toBe(200);
    for (const [method, path, body] of routes.filter(([m, p]) => !(m === 'GET' && p !== '/api/review-templates'))) {
      expect((await manager.json(method, path, body)).status, `${method} ${path}`).toBe(403);
    }
    expect(t.sql(`select count(*) as n from review_templates where job_function = 'support'`)).toEqual([{ n: 0 }]);
  });
});
