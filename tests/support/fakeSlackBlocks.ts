/**
 * Block Kit checks of the fake Slack, after docs.slack.dev/reference/block-kit and …/views/modal-views.
 * Each problem is reported the way Slack words it in response_metadata.messages: "[ERROR] … [json-pointer:…]".
 */

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

class Problems {
  readonly list: string[] = [];
  add(pointer: string, what: string): void {
    this.list.push(`[ERROR] ${what} [json-pointer:${pointer}]`);
  }
  maxLen(pointer: string, value: unknown, max: number): void {
    if (typeof value === 'string' && value.length > max) this.add(pointer, `must be less than ${max + 1} characters`);
  }
}

function text(p: Problems, at: string, t: unknown, opts: { max: number; plainOnly?: boolean; required?: boolean }): void {
  if (t === undefined) {
    if (opts.required) p.add(at, 'missing required field');
    return;
  }
  if (!isObj(t) || (t.type !== 'plain_text' && t.type !== 'mrkdwn')) return p.add(at, 'must be a text object');
  if (opts.plainOnly && t.type !== 'plain_text') p.add(`${at}/type`, 'must be plain_text');
  if (typeof t.text !== 'string' || t.text.length === 0) return p.add(`${at}/text`, 'must be more than 0 characters');
  p.maxLen(`${at}/text`, t.text, opts.max);
}

function element(p: Problems, at: string, e: unknown, actionIds: Set<string>, inInput: boolean): void {
  if (!isObj(e)) return p.add(at, 'must be an object');
  if (typeof e.action_id === 'string') {
    p.maxLen(`${at}/action_id`, e.action_id, 255);
    if (actionIds.has(e.action_id)) p.add(`${at}/action_id`, `duplicate action_id "${e.action_id}"`);
    actionIds.add(e.action_id);
  }
  if (e.type === 'button') {
    text(p, `${at}/text`, e.text, { max: 75, plainOnly: true, required: true });
    p.maxLen(`${at}/value`, e.value, 2000);
    if (e.style !== undefined && e.style !== 'primary' && e.style !== 'danger') p.add(`${at}/style`, 'must be primary or danger');
  } else if (e.type === 'plain_text_input') {
    if (!inInput) p.add(at, 'plain_text_input is only allowed in input blocks');
    const max = typeof e.max_length === 'number' ? e.max_length : 3000;
    if (max > 3000) p.add(`${at}/max_length`, 'must be at most 3000');
    p.maxLen(`${at}/initial_value`, e.initial_value, max);
    text(p, `${at}/placeholder`, e.placeholder, { max: 150, plainOnly: true });
  } else if (e.type === 'static_select') {
    // As Slack checks it: 1–100 options of plain text (≤ 75 chars) and value (≤ 150); an initial option among them.
    text(p, `${at}/placeholder`, e.placeholder, { max: 150, plainOnly: true });
    const options = Array.isArray(e.options) ? e.options : [];
    if (options.length < 1 || options.length > 100) p.add(`${at}/options`, 'must have 1 to 100 options');
    options.forEach((o: unknown, i: number) => {
      if (!isObj(o)) return p.add(`${at}/options/${i}`, 'must be an object');
      text(p, `${at}/options/${i}/text`, o.text, { max: 75, plainOnly: true, required: true });
      p.maxLen(`${at}/options/${i}/value`, o.value, 150);
    });
    if (e.initial_option !== undefined && !options.some((o: unknown) => isObj(o) && isObj(e.initial_option) && o.value === e.initial_option.value)) {
      p.add(`${at}/initial_option`, 'must be one of the options');
    }
  } else {
    p.add(`${at}/type`, `unsupported element type "${String(e.type)}"`);
  }
}

function block(p: Problems, at: string, b: unknown, blockIds: Set<string>, surface: 'message' | 'modal' | 'home'): boolean {
  if (!isObj(b)) {
    p.add(at, 'must be an object');
    return false;
  }
  if (b.block_id !== undefined) {
    p.maxLen(`${at}/block_id`, b.block_id, 255);
    if (blockIds.has(String(b.block_id))) p.add(`${at}/block_id`, `duplicate block_id "${String(b.block_id)}"`);
    blockIds.add(String(b.block_id));
  }
  const actionIds = new Set<string>();
  switch (b.type) {
    case 'section':
      if (b.text === undefined && b.fields === undefined) p.add(at, 'must provide text or fields');
      text(p, `${at}/text`, b.text, { max: 3000 });
      if (b.fields !== undefined) {
        if (!Array.isArray(b.fields) || b.fields.length > 10) p.add(`${at}/fields`, 'no more than 10 items allowed');
        else b.fields.forEach((f, i) => text(p, `${at}/fields/${i}`, f, { max: 2000, required: true }));
      }
      if (b.accessory !== undefined) element(p, `${at}/accessory`, b.accessory, actionIds, false);
      return false;
    case 'actions':
      if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 25) p.add(`${at}/elements`, 'must have 1 to 25 items');
      else b.elements.forEach((e, i) => element(p, `${at}/elements/${i}`, e, actionIds, false));
      return false;
    case 'context':
      if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 10) p.add(`${at}/elements`, 'must have 1 to 10 items');
      else b.elements.forEach((e, i) => text(p, `${at}/elements/${i}`, e, { max: 3000, required: true }));
      return false;
    case 'header':
      text(p, `${at}/text`, b.text, { max: 150, plainOnly: true, required: true });
      return false;
    case 'divider':
      return false;
    case 'input':
      if (surface === 'message') p.add(`${at}/type`, 'input blocks are not allowed in messages');
      text(p, `${at}/label`, b.label, { max: 2000, plainOnly: true, required: true });
      if (b.element === undefined) p.add(`${at}/element`, 'missing required field');
      else element(p, `${at}/element`, b.element, actionIds, true);
      return true;
    default:
      p.add(`${at}/type`, `unsupported block type "${String(b.type)}"`);
      return false;
  }
}

/** Problems of a message's blocks (at most 50). */
export function messageBlockProblems(blocks: unknown): string[] {
  const p = new Problems();
  if (!Array.isArray(blocks)) p.add('/blocks', 'must be an array');
  else if (blocks.length > 50) p.add('/blocks', 'no more than 50 items allowed');
  else {
    const ids = new Set<string>();
    blocks.forEach((b, i) => block(p, `/blocks/${i}`, b, ids, 'message'));
  }
  return p.list;
}

/** Problems of a modal or Home tab view (at most 100 blocks; modal title/submit/close at most 24 characters). */
export function viewProblems(view: unknown, expected: 'modal' | 'home'): string[] {
  const p = new Problems();
  if (!isObj(view)) {
    p.add('/view', 'must be an object');
    return p.list;
  }
  if (view.type !== expected) p.add('/view/type', `must be ${expected}`);
  const blocks = view.blocks;
  let hasInput = false;
  if (!Array.isArray(blocks)) p.add('/view/blocks', 'missing required field');
  else if (blocks.length > 100) p.add('/view/blocks', 'no more than 100 items allowed');
  else {
    const ids = new Set<string>();
    blocks.forEach((b, i) => (hasInput = block(p, `/view/blocks/${i}`, b, ids, expected) || hasInput));
  }
  p.maxLen('/view/callback_id', view.callback_id, 255);
  p.maxLen('/view/private_metadata', view.private_metadata, 3000);
  if (expected === 'modal') {
    text(p, '/view/title', view.title, { max: 24, plainOnly: true, required: true });
    text(p, '/view/submit', view.submit, { max: 24, plainOnly: true });
    text(p, '/view/close', view.close, { max: 24, plainOnly: true });
    if (hasInput && view.submit === undefined) p.add('/view/submit', 'must provide submit when the view has input blocks');
  }
  return p.list;
}
