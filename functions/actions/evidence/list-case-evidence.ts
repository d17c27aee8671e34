import type { EvidenceStatus } from '../../domain';
import type { OfficeGrant } from '../../identity/grant';
import { loadVisibleCase } from '../cases/visible-case';
import type { Ports } from '../ports';
import { auditRead, viewOf, type EvidenceView } from './queries';

export interface CaseEvidenceQuery {
  readonly caseId: string;
  readonly status?: EvidenceStatus;
  readonly sessionId?: string;
  readonly limit: number;
  /** Where the previous page ended (opaque; the API carries it in a signed cursor). */
  readonly startKey?: Record<string, unknown>;
}

/**
 * A page of a case's evidence, newest first, with thumbnails; a site supervisor's only of sessions at
 * their sites. Every list is audited on the case's evidence trail.
 * @throws Refusal not-found (no such case for the caller)
 */
export async function listCaseEvidence(
  ports: Ports,
  grant: OfficeGrant,
  query: CaseEvidenceQuery,
): Promise<{ items: EvidenceView[]; lastKey?: Record<string, unknown> }> {
  const visible = await loadVisibleCase(ports, grant, query.caseId);
  const page = await ports.evidence.list(
    grant.office.id,
    visible.id,
    {
      ...(query.status ? { status: query.status } : {}),
      ...(query.sessionId ? { sessionId: query.sessionId } : {}),
      ...(grant.siteIds ? { siteIds: grant.siteIds } : {}),
    },
    { limit: query.limit, startKey: query.startKey },
  );
  await auditRead(ports, grant, { type: 'case-evidence', id: visible.id }, 'evidence.list', ports.now());
  return {
    items: await Promise.all(page.items.map((record) => viewOf(ports, record))),
    lastKey: page.lastKey,
  };
}
