/** The names an admin reads for the API's scopes (the scopes themselves are the server's). */
import type { IntegrationScope } from '../../lib/api-types';
import { m } from '../../paraglide/messages.js';

export const SCOPE_CHOICES: readonly IntegrationScope[] = ['cases:read', 'cases:write', 'evidence:write'];

export function scopeLabel(scope: IntegrationScope): string {
  if (scope === 'cases:write') return m.integrations_scope_cases_write();
  if (scope === 'evidence:write') return m.integrations_scope_evidence_write();
  return m.integrations_scope_cases_read();
}
