import type { ItemAction, TableAccess } from '../../infra/constructs/table-access';

/** A statement of a synthesized IAM policy, as the infra tests read it. */
export interface Statement {
  readonly Sid?: string;
  readonly Effect?: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

/** A synthesized statement in the access-list shape (infra/constructs/table-access.ts). */
export function toAccess(s: Statement): TableAccess {
  const indexes = [...JSON.stringify(s.Resource).matchAll(/\/index\/([\w-]+)/g)].map((m) => m[1]!);
  const leadingKeys = s.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'] as
    string[] | undefined;
  return {
    sid: s.Sid ?? '',
    actions: [s.Action].flat() as ItemAction[],
    ...(indexes.length > 0 ? { indexes } : {}),
    ...(leadingKeys ? { leadingKeys } : {}),
  };
}

/** Access lists in one order (statements by sid, their actions and indexes sorted), for comparing. */
export const sorted = (access: readonly TableAccess[]) =>
  access
    .map((s) => ({
      ...s,
      actions: [...s.actions].sort(),
      ...(s.indexes && { indexes: [...s.indexes].sort() }),
    }))
    .sort((a, b) => a.sid.localeCompare(b.sid));
