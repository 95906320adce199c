/**
 * What the demo company writes in its standups, by job function and language: what got done, what is in the way,
 * what comes next. Templates with {slots} so two weeks rarely read the same; `{n}` is a small number.
 */
import { fill, type Rand } from './demoRandom';

type Lines = { done: string[]; plan: string[]; blockers: string[] };
type Texts = Record<'zh-CN' | 'en', Lines>;

const SLOTS_ZH = {
  feature: ['订单导出', '权限管理', '消息推送', '报表中心', '单点登录', '计费模块', '审批流', '数据看板', '移动端首页', '开放 API'],
  customer: ['杭州云帆', '上海启明', '宁波海纳', '苏州恒信', '南京微石', '无锡智造', '深圳拓新', '广州远航'],
  team: ['后端组', '前端组', '测试组', '基础架构组', '产品部', '法务', '财务'],
  amount: ['12', '18', '25', '36', '48', '60'],
  topic: ['续约', '扩容', '上线培训', '季度回顾', '需求调研'],
};
const SLOTS_EN = {
  feature: ['order export', 'permissions', 'push notifications', 'the reporting center', 'SSO', 'billing', 'approval flows', 'the dashboard', 'the mobile home page', 'the public API'],
  customer: ['Acme Pacific', 'Brightline', 'Northwind', 'Globex Asia', 'Initech', 'Harbor Logistics'],
  team: ['backend', 'frontend', 'QA', 'infra', 'product', 'legal', 'finance'],
  amount: ['120k', '180k', '250k', '360k'],
  topic: ['renewal', 'expansion', 'onboarding', 'the quarterly review', 'discovery'],
};

const RND: Texts = {
  'zh-CN': {
    done: ['完成了{feature}接口的开发和自测，提测了', '修复了 {n} 个线上 bug，主要是{feature}相关的', '{feature}的代码评审通过，已经合并到主干', '和{team}对齐了{feature}的技术方案，写完了设计文档', '把{feature}的单元测试覆盖率提到了 80% 以上', '排查了周三的慢查询问题，加了索引后响应从 2 秒降到 200 毫秒'],
    plan: ['继续做{feature}，周三前提测', '配合测试回归{feature}，处理遗留问题', '开始{feature}的重构，先拆分模块', '准备下周的上线，和{team}确认发布窗口', '补齐{feature}的监控和告警'],
    blockers: ['等{team}的接口文档，已经等了三天', '测试环境不稳定，{feature}联调卡住了', '{feature}的需求还有两处没定，需要产品确认', '线上数据库权限还没批下来', 'CI 流水线经常超时，合并要排队'],
  },
  en: {
    done: ['Finished the {feature} endpoints and handed them to QA', 'Fixed {n} production bugs, mostly around {feature}', 'Got the {feature} review approved and merged', 'Agreed the {feature} design with {team} and wrote it up', 'Raised test coverage on {feature} above 80%'],
    plan: ['Keep going on {feature}, ready for QA by Wednesday', 'Regression testing of {feature} with QA', 'Start refactoring {feature}, splitting the module first', 'Prepare next week’s release with {team}'],
    blockers: ['Still waiting on {team} for the API spec (three days now)', 'The staging environment keeps falling over, {feature} integration is stuck', 'Two open questions on {feature} need a product decision', 'CI pipeline times out, merges are queueing'],
  },
};

const SALES: Texts = {
  'zh-CN': {
    done: ['拜访了 {n} 家客户，{customer}进入商务谈判阶段', '签下{customer}，合同金额 {amount} 万', '给{customer}做了产品演示，对方技术负责人反馈不错', '跟进了{customer}的回款，本周到账 {amount} 万', '整理了华东区的商机清单，更新了 CRM'],
    plan: ['推进{customer}的合同评审，争取月底签约', '约{customer}的 CIO 做第二次演示', '催{customer}的尾款', '准备{customer}的报价方案', '参加下周的行业展会，提前约好 {n} 家客户'],
    blockers: ['{customer}法务审合同比较慢，卡在付款条款', '{customer}要的定制功能需要研发评估工期', '报价审批流程要等总监出差回来', '{customer}预算冻结，项目可能推迟到下季度'],
  },
  en: {
    done: ['Met {n} prospects; {customer} moved to negotiation', 'Closed {customer}, {amount} contract value', 'Demoed to {customer}, their tech lead liked it', 'Collected {amount} from {customer}', 'Cleaned up the pipeline in the CRM'],
    plan: ['Push the {customer} contract through legal review', 'Second demo with the {customer} CIO', 'Chase the final payment from {customer}', 'Prepare the quote for {customer}'],
    blockers: ['{customer} legal is slow on the payment terms', '{customer} wants a custom feature, need an estimate from R&D', '{customer} froze budgets, deal may slip to next quarter'],
  },
};

const CS: Texts = {
  'zh-CN': {
    done: ['完成了{customer}的{topic}，客户满意度 4.8 分', '回访了 {n} 家重点客户，整理了反馈', '帮{customer}完成了新模块的上线培训', '处理了{customer}的续约询价，已提交报价'],
    plan: ['跟进{customer}的{topic}', '整理本月的续约名单，提前两个月沟通', '准备{customer}的季度业务回顾材料', '和产品部一起梳理客户反馈的前五个需求'],
    blockers: ['{customer}的使用率下降，对接人离职了，需要重新建立联系', '{customer}反馈的数据同步问题还没修复，客户催得紧', '续约折扣需要销售总监审批'],
  },
  en: {
    done: ['Ran {topic} with {customer}, CSAT 4.8', 'Checked in with {n} key accounts and wrote up their feedback', 'Onboarded {customer} onto the new module'],
    plan: ['Follow up on {topic} with {customer}', 'Start renewal conversations for next month', 'Prepare the QBR deck for {customer}'],
    blockers: ['Our champion at {customer} left, usage is dropping', 'The sync bug {customer} reported is still open and they are pushing'],
  },
};

const SUPPORT: Texts = {
  'zh-CN': {
    done: ['处理工单 {n}0 张，48 小时闭环率 95%', '解决了{customer}的登录异常，定位到是证书过期', '整理了{feature}常见问题，更新到知识库', '值了周末的班，处理了 {n} 个紧急工单'],
    plan: ['继续清理积压工单', '把{feature}的排查手册补完整', '和研发过一遍本周的升级工单', '培训两位新同事使用工单系统'],
    blockers: ['{feature}的问题需要研发支持，升级后还没人接', '工单系统周二宕机两小时，积压了不少', '{customer}的问题复现不了，需要远程协助'],
  },
  en: {
    done: ['Closed {n}0 tickets, 95% within 48 hours', 'Fixed the {customer} login issue (an expired certificate)', 'Wrote up the {feature} FAQ for the knowledge base'],
    plan: ['Keep burning down the backlog', 'Finish the {feature} troubleshooting guide', 'Review escalations with R&D'],
    blockers: ['{feature} issue escalated to R&D, nobody has picked it up yet', 'Cannot reproduce the {customer} issue, need a remote session'],
  },
};

const PRODUCT: Texts = {
  'zh-CN': {
    done: ['写完了{feature}的需求文档，组织了评审', '访谈了 {n} 个客户，整理了{feature}的痛点', '出了{feature}的交互稿，和设计对齐了', '梳理了下个版本的需求优先级'],
    plan: ['跟进{feature}的开发进度', '准备下周的版本发布说明', '做{feature}的竞品分析', '和客户成功部一起看客户反馈'],
    blockers: ['{feature}的范围研发和销售意见不一致，需要拍板', '设计资源不够，{feature}的交互稿要排到下周'],
  },
  en: {
    done: ['Wrote the {feature} spec and ran the review', 'Interviewed {n} customers about {feature}', 'Prioritised the next release'],
    plan: ['Track {feature} development', 'Draft the release notes', 'Competitive analysis for {feature}'],
    blockers: ['R&D and sales disagree on the {feature} scope, need a decision'],
  },
};

const HR: Texts = {
  'zh-CN': {
    done: ['完成了 {n} 场面试，发了两个 offer', '办理了本月的入职和离职手续', '整理了月度考核的数据，发给各部门负责人', '组织了新员工培训'],
    plan: ['推进研发岗位的招聘', '准备月度考核的校准会材料', '更新员工手册的请假制度', '安排下个月的团建'],
    blockers: ['后端岗位候选人太少，需要加渠道预算', '社保基数调整的政策还没出细则'],
  },
  en: {
    done: ['Ran {n} interviews, made two offers', 'Handled this month’s joiners and leavers'],
    plan: ['Keep hiring for R&D', 'Prepare the calibration meeting'],
    blockers: ['Too few backend candidates, need more channel budget'],
  },
};

const MANAGEMENT: Texts = {
  'zh-CN': {
    done: ['和各部门负责人过了季度目标进展', '见了{customer}的高层，续约意向明确', '审批了下季度的招聘计划', '参加了投资人沟通会'],
    plan: ['准备季度经营分析会', '跟进重点客户{customer}的签约', '和 HR 讨论考核制度的调整'],
    blockers: ['研发和销售对{feature}的交付时间有分歧，需要协调'],
  },
  en: {
    done: ['Reviewed quarterly goals with every department head', 'Met the {customer} leadership, renewal looks likely'],
    plan: ['Prepare the quarterly business review', 'Follow up the {customer} deal'],
    blockers: ['R&D and sales disagree on the {feature} delivery date'],
  },
};

const BY_FUNCTION: Record<string, Texts> = { rnd: RND, sales: SALES, customer_success: CS, support: SUPPORT, product: PRODUCT, hr: HR, management: MANAGEMENT };

/** Ways of saying "nothing in the way" that the bot reads as no blocker (see isBlocker). */
const NONE = { 'zh-CN': ['无', '暂无', '没有', '暂时没有', '没有障碍'], en: ['None', 'Nothing', 'No', 'n/a'] } as const;

export type AnswerKind = 'done' | 'plan' | 'blocker' | 'none';

/** One answer in the person's language, for their job function. */
export function standupText(jobFunction: string, locale: 'zh-CN' | 'en', kind: AnswerKind, rand: Rand): string {
  if (kind === 'none') return rand.pick(NONE[locale]);
  const texts = (BY_FUNCTION[jobFunction] ?? RND)[locale];
  const list = kind === 'done' ? texts.done : kind === 'plan' ? texts.plan : texts.blockers;
  return fill(rand.pick(list), locale === 'en' ? SLOTS_EN : SLOTS_ZH, rand);
}
