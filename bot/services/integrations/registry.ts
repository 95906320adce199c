import type { Connector, ConnectorKey } from './connector';
import { crmConnector } from './crm/crmConnector';
import { helpdeskConnector } from './helpdesk/helpdeskConnector';
import { jiraConnector } from './jira/jiraConnector';
import { tapdConnector } from './tapd/tapdConnector';

/** Every connector plugin, in the console's order. A new source is one more entry here. */
export const CONNECTORS: readonly Connector[] = [crmConnector, jiraConnector, tapdConnector, helpdeskConnector];

export function connectorOf(key: string): Connector | undefined {
  return CONNECTORS.find((c) => c.key === (key as ConnectorKey));
}
