import { useSignal, type Signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { errorText } from '../../errors';
import { t } from '../../i18n';
import { orgChart, type OrgNode } from '../../store/peopleDirectory';
import { personHref } from '../../store/route';

/** How many people report to a node, at every depth. */
function sizes(children: Map<number | null, OrgNode[]>): Map<number, number> {
  const out = new Map<number, number>();
  const size = (n: OrgNode): number => {
    const known = out.get(n.id);
    if (known !== undefined) return known;
    const s = (children.get(n.id) ?? []).reduce((sum, c) => sum + 1 + size(c), 0);
    out.set(n.id, s);
    return s;
  };
  for (const list of children.values()) list.forEach(size);
  return out;
}

function Node({ node, children, total, open, depth }: { node: OrgNode; children: Map<number | null, OrgNode[]>; total: Map<number, number>; open: Signal<Set<number>>; depth: number }) {
  const kids = children.get(node.id) ?? [];
  const expanded = open.value.has(node.id);
  const toggle = () => {
    const next = new Set(open.value);
    if (expanded) next.delete(node.id);
    else next.add(node.id);
    open.value = next;
  };
  return (
    <li class="org-node" data-testid="org-node" data-id={node.id} data-expanded={kids.length ? String(expanded) : undefined}>
      <div class="org-card">
        {kids.length > 0 ? (
          <button type="button" class="goal-toggle" data-testid="org-toggle" aria-expanded={expanded} aria-label={t(expanded ? 'people.org.collapse' : 'people.org.expand', { name: node.name })} onClick={toggle}>
            {expanded ? '−' : '+'}
          </button>
        ) : (
          <span class="goal-toggle-spacer" />
        )}
        <a href={personHref(node.id)} class="org-name">{node.name}</a>
        <span class="muted small">{node.department ?? ''}</span>
        {kids.length > 0 && <span class="count-chip small" title={t('people.org.teamSize', { count: total.get(node.id) ?? 0 })}>{kids.length} / {total.get(node.id) ?? 0}</span>}
      </div>
      {expanded && kids.length > 0 && (
        <ul class="org-children">
          {kids.map((k) => <Node key={k.id} node={k} children={children} total={total} open={open} depth={depth + 1} />)}
        </ul>
      )}
    </li>
  );
}

/** The org chart by manager, collapsible; the first two levels open. Only the people the reader may see. */
export function OrgChart() {
  useEffect(() => {
    void orgChart.load();
  }, []);
  const nodes = orgChart.data.value?.nodes ?? null;
  const open = useSignal<Set<number>>(new Set());
  const seeded = useSignal(false);
  useEffect(() => {
    if (!nodes || seeded.value) return;
    seeded.value = true;
    const roots = nodes.filter((n) => n.managerId === null).map((n) => n.id);
    const rootSet = new Set(roots);
    open.value = new Set([...roots, ...nodes.filter((n) => n.managerId !== null && rootSet.has(n.managerId)).map((n) => n.id)]);
  }, [nodes]);
  if (orgChart.error.value) return <p class="error" role="alert">{errorText(orgChart.error.value)}</p>;
  if (!nodes) return <p class="muted">{t('app.loading')}</p>;
  const children = new Map<number | null, OrgNode[]>();
  for (const n of nodes) children.set(n.managerId, [...(children.get(n.managerId) ?? []), n]);
  const roots = children.get(null) ?? [];
  const total = sizes(children);
  const all = () => (open.value = new Set(nodes.filter((n) => children.has(n.id)).map((n) => n.id)));
  return (
    <section class="card panel org-chart" data-testid="org-chart">
      <div class="form-actions">
        <button type="button" data-testid="org-expand-all" onClick={all}>{t('people.org.expandAll')}</button>
        <button type="button" data-testid="org-collapse-all" onClick={() => (open.value = new Set())}>{t('people.org.collapseAll')}</button>
        <span class="muted small">{t('people.total', { total: nodes.length })}</span>
      </div>
      {roots.length === 0 ? <p class="muted">{t('people.empty')}</p> : (
        <ul class="org-tree">
          {roots.map((r) => <Node key={r.id} node={r} children={children} total={total} open={open} depth={0} />)}
        </ul>
      )}
    </section>
  );
}
