import type { CaseFlag, CaseStatus } from '../domain';
import { RECORDING_STATUSES } from '../domain';
import { caseItem, type CaseRecord } from './case-store';
import { keys } from './keys';
import type { TransactItem } from './transactions';

/**
 * The case's totals move by `delta` atomically. A positive delta needs that much left: the
 * condition is what makes 50 concurrent sessions unable to over-credit.
 */
export function caseTotalsItem(
  tableName: string,
  current: CaseRecord,
  delta: number,
  at: Date,
  status: CaseStatus,
  flags?: readonly CaseFlag[],
): TransactItem {
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = {
    ':delta': delta,
    ':negDelta': -delta,
    ':now': at.toISOString(),
  };
  const sets = [
    'creditedMinutes = creditedMinutes + :delta',
    'remainingMinutes = remainingMinutes + :negDelta',
    'updatedAt = :now',
  ];
  const conditions = ['remainingMinutes >= :delta'];
  if (flags) {
    // Conditioned on the flags read, so a concurrent assessment's or placement's flags are not lost.
    names['#flags'] = 'flags';
    sets.push('#flags = :flags');
    values[':flags'] = flags;
    if (current.flags) {
      values[':flagsBefore'] = current.flags;
      conditions.push('#flags = :flagsBefore');
    } else {
      conditions.push('attribute_not_exists(#flags)');
    }
  }
  if (status !== current.status) {
    // The status moves with the totals (a placed case's first session): its index key follows it.
    const moved = caseItem({ ...current, status });
    sets.push('#status = :to', 'gsi1pk = :gsi1pk', 'version = version + :one');
    Object.assign(values, { ':to': status, ':gsi1pk': moved.gsi1pk, ':one': 1, ':from': current.status });
    conditions.push('#status = :from');
  } else {
    // CR-CASE-STATUS, as the domain states it: the case still takes sessions when the write lands.
    const allowed = [...RECORDING_STATUSES];
    allowed.forEach((status, i) => (values[`:s${i}`] = status));
    conditions.push(`#status IN (${allowed.map((_, i) => `:s${i}`).join(', ')})`);
  }
  return {
    Update: {
      TableName: tableName,
      Key: { pk: keys.casePartition(current.officeId, current.id), sk: keys.caseRoot },
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: conditions.join(' AND '),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}
