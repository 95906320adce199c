/**
 * What the fake qyapi checks in a message/send body, as WeCom documents it (path/90236): the errcode it
 * would answer, or undefined when the message is acceptable.
 */

export const TASK_ID = /^[0-9A-Za-z_\-@]+$/;
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

export interface SendBody {
  touser?: string;
  msgtype?: string;
  agentid?: number;
  text?: { content?: string };
  markdown?: { content?: string };
  template_card?: {
    card_type?: string;
    task_id?: string;
    main_title?: { title?: string };
    sub_title_text?: string;
    button_list?: { text?: string; key?: string; style?: number }[];
  };
}

export function checkSend(body: SendBody, agentId: number, usedTaskIds: Set<string>): { errcode: number; errmsg: string } | undefined {
  if (body.agentid !== agentId) return { errcode: 40056, errmsg: `invalid agentid ${String(body.agentid)}` };
  const to = (body.touser ?? '').split('|').filter(Boolean);
  if (to.length === 0) return { errcode: 40058, errmsg: 'touser is empty' };
  if (to.length > 1000) return { errcode: 40058, errmsg: `touser has ${to.length} members, at most 1000` };
  if (body.msgtype === 'text' || body.msgtype === 'markdown') {
    const content = (body.msgtype === 'text' ? body.text : body.markdown)?.content ?? '';
    if (content === '') return { errcode: 44004, errmsg: 'empty content' };
    if (bytes(content) > 2048) return { errcode: 45002, errmsg: `content is ${bytes(content)} bytes, at most 2048` };
    return undefined;
  }
  if (body.msgtype === 'template_card') {
    const card = body.template_card;
    if (card?.card_type !== 'button_interaction') return { errcode: 40058, errmsg: 'card_type must be button_interaction' };
    const taskId = card.task_id ?? '';
    if (!TASK_ID.test(taskId) || bytes(taskId) > 128) return { errcode: 40058, errmsg: `invalid task_id "${taskId}"` };
    if (usedTaskIds.has(taskId)) return { errcode: 40058, errmsg: `task_id "${taskId}" was used before` };
    if (!card.main_title?.title && !card.sub_title_text) return { errcode: 40058, errmsg: 'main_title.title or sub_title_text is required' };
    const buttons = card.button_list ?? [];
    if (buttons.length < 1 || buttons.length > 6) return { errcode: 40058, errmsg: `button_list has ${buttons.length} buttons, 1 to 6 allowed` };
    for (const b of buttons) {
      if (!b.text || !b.key) return { errcode: 40058, errmsg: 'a button needs text and key' };
      if (bytes(b.key) > 1024) return { errcode: 40058, errmsg: 'button key longer than 1024 bytes' };
      if (b.style !== undefined && (b.style < 1 || b.style > 4)) return { errcode: 40058, errmsg: 'button style must be 1-4' };
    }
    return undefined;
  }
  return { errcode: 40008, errmsg: `invalid msgtype ${String(body.msgtype)}` };
}
