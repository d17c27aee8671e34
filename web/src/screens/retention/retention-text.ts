/** The retention screen's words for the API's vocabulary (steps and actions). */
import { m } from '../../paraglide/messages.js';
import type { RetentionAction, RetentionStepId } from './retention-types';

/** What each step removes, as an admin would name it. */
export function stepLabel(step: RetentionStepId): string {
  const labels: Record<RetentionStepId, () => string> = {
    thumbnails: m.retention_step_thumbnails,
    evidence: m.retention_step_evidence,
    accessLogs: m.retention_step_access_logs,
    clientAccessLogs: m.retention_step_client_access_logs,
    guardian: m.retention_step_guardian,
    audit: m.retention_step_audit,
    clientAudit: m.retention_step_client_audit,
    case: m.retention_step_case,
    client: m.retention_step_client,
  };
  return labels[step]();
}

export const actionLabel = (action: RetentionAction): string =>
  action === 'delete' ? m.retention_action_delete() : m.retention_action_anonymise();
