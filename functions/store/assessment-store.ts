import type { AssessmentInput, CaseFlag } from '../domain';
import { CasePartitionStore } from './case-partition';
import type { CaseRecord } from './case-store';
import { keys, withoutKeys } from './keys';
import type { PageRequest } from './paging';
import type { Page } from './paging';
import type { Actor } from './user-store';

/** An assessment (Litmas) as recorded, with what it flagged and who recorded it. */
export interface AssessmentRecord extends AssessmentInput {
  /** `<caseId>-<ulid>`: ids sort by time within the case. */
  readonly id: string;
  readonly caseId: string;
  readonly flags: readonly CaseFlag[];
  readonly recordedBy: string;
  readonly recordedAt: string;
}

const ASSESSMENT = 'ASSESSMENT#';

/**
 * Assessments (Litmas) of a case, in its partition (`ASSESSMENT#<id>`). Each is written with the case
 * change it causes (received → assessed, the latest summary and flags on the case; version check,
 * status counter and one audit entry) in one transaction.
 */
export class AssessmentStore extends CasePartitionStore {
  /**
   * Records `assessment`: the case becomes `next`. Throws `WriteConflict` when the case moved since
   * `current` was read.
   */
  async record(
    current: CaseRecord,
    next: CaseRecord,
    assessment: AssessmentRecord,
    actor: Actor,
  ): Promise<CaseRecord> {
    return this.saveWithCase(
      current,
      next,
      { ...actor, action: 'assessment.create', record: { name: 'assessment', after: assessment } },
      [
        {
          Put: {
            TableName: this.tableName,
            Item: {
              pk: keys.casePartition(current.officeId, assessment.caseId),
              sk: `${ASSESSMENT}${assessment.id}`,
              type: 'assessment',
              ...assessment,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
      'assessment',
    );
  }

  /** A page of the case's assessments, newest first. */
  async list(officeId: string, caseId: string, page: PageRequest): Promise<Page<AssessmentRecord>> {
    const result = await this.queryCase(officeId, caseId, ASSESSMENT, page);
    return {
      items: result.items.map((i) => withoutKeys(i) as unknown as AssessmentRecord),
      lastKey: result.lastKey,
    };
  }
}
