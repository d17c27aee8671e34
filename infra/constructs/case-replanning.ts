/**
 * Case re-planning in the stateless stack: a second consumer of the main table's stream. Every inserted
 * audit entry of a case (a placement added, a site's hours changed, a transition, …) invokes the
 * re-planner, which reads the case, its office, placements, sites and the client's days again and writes
 * the new plan onto the case item with one conditional update (functions/handlers/case-replan.ts).
 *
 * The stream is read as every audit-stream consumer reads it (audit-stream.ts); re-planning recomputes
 * from the items as they are now, so a replayed range is harmless.
 * - A filter lets only inserted audit entries of cases invoke the function: audit entries of users,
 *   clients or webhooks and every other change never need a new plan.
 *
 * Its own event source mapping rather than a branch in the dispatcher: each consumer keeps its own
 * position, retries and dead letters, so a receiver that is down cannot hold up plans, nor the reverse.
 * DynamoDB Streams advises no more than two readers per shard (more are throttled): with the
 * dispatcher, this is the second; a third consumer needs a fan-out, not another mapping.
 */
import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import type { TableDefinition } from '../../functions/tables';
import { AbdiFunction } from './abdi-function';
import { consumeAuditStream, grantWorkerTableAccess } from './audit-stream';
import { grantMessaging, messagingEnvironment, type RemindersProps } from './reminders';
import {
  caseReplannerTableAccess,
  feasibilityAlertTableAccess,
  slotReleaseTableAccess,
} from './table-access';

export const caseReplanEntry = fileURLToPath(
  new URL('../../functions/handlers/case-replan.ts', import.meta.url),
);

/**
 * Only inserted audit items of cases (store/audit.ts `auditItem`: `type: 'audit'`, `subjectType` the
 * subject's type) reach the re-planner. The keys of one pattern must all match.
 */
export const caseAuditInsertFilter = lambda.FilterCriteria.filter({
  eventName: lambda.FilterRule.isEqual('INSERT'),
  dynamodb: {
    NewImage: {
      type: { S: lambda.FilterRule.isEqual('audit') },
      subjectType: { S: lambda.FilterRule.isEqual('case') },
    },
  },
});

export interface CaseReplanningProps {
  /** The main table (imported with its key): cases, offices, sites and client days live there. */
  readonly table: dynamodb.ITable;
  readonly tableDefinition: TableDefinition;
  /** The main table's stream ARN, from the Data stack (see WebhookDeliveryProps.tableStreamArn). */
  readonly tableStreamArn: string;
  /** Runtime configuration shared with the other functions (table names, mode, …). */
  readonly environment: Readonly<Record<string, string>>;
  readonly logRetention: logs.RetentionDays;
  /**
   * The deployment's reminder settings, when it sends reminders: the re-planner then alerts the PK and the
   * office's admins when a case turns at risk or impossible (ADR 0014), with the channels' rights.
   */
  readonly reminders?: RemindersProps['settings'];
  /** Tests only: stub code instead of bundling (see AbdiFunctionProps.skipBundling). */
  readonly skipBundling?: boolean;
}

export class CaseReplanning extends Construct {
  readonly replanner: AbdiFunction;
  /**
   * Stream batches the re-planner gave up on after its retries. A message holds the batch's shard and
   * sequence range, not the records; the audit entries themselves are still in the table.
   */
  readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: CaseReplanningProps) {
    super(scope, id);

    this.replanner = new AbdiFunction(this, 'Replanner', {
      entry: caseReplanEntry,
      description: 'Abdi case re-planner: case audit entries from the table stream re-plan their case',
      logRetention: props.logRetention,
      environment: {
        ...props.environment,
        ...(props.reminders ? messagingEnvironment(props.reminders) : {}),
        POWERTOOLS_SERVICE_NAME: 'abdi-case-replan',
      },
      // Up to 100 cases a batch, each a handful of strongly consistent reads and one update.
      timeout: Duration.minutes(5),
      skipBundling: props.skipBundling,
    });

    // Least privilege: the planning reads and the case update (table-access.ts); with reminders, the
    // alert's reads of the office's people, its log in the case partition, and its channels.
    grantWorkerTableAccess(this.replanner, props.table, props.tableDefinition.id, [
      ...caseReplannerTableAccess,
      ...slotReleaseTableAccess,
      ...(props.reminders ? feasibilityAlertTableAccess : []),
    ]);
    if (props.reminders) grantMessaging(this.replanner, props.reminders);
    this.deadLetterQueue = consumeAuditStream(this, this.replanner, props, {
      filter: caseAuditInsertFilter,
      name: 'case re-planner',
    });
  }
}
