import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  allows,
  apiTableAccess,
  EVIDENCE_PARTITIONS,
  expiryTableAccess,
  stringLike,
  verifierTableAccess,
  type ItemAction,
  type TableAccess,
} from '../../infra/constructs/table-access';
import { idempotencyTable, mainTable } from '../../functions/tables';
import { keys } from '../../functions/store/keys';
import { auditPartition } from '../../functions/store/audit';
import { deployments, resourcesOf, synthesize } from './support';
import { type Statement } from './iam-statements';

/**
 * Least privilege on the tables (issue 11, item 6): each function's role holds only the DynamoDB item
 * actions its code sends, and the evidence verifier and expiry sweep reach only the partitions they need
 * (IAM `dynamodb:LeadingKeys`): never a membership, a profile or an audit entry other than the verdict's.
 */

/** The DynamoDB actions the code under `dir` sends: its Commands, and the kinds of its transaction items. */
function actionsSentBy(dir: string): Set<ItemAction> {
  const files = (function walk(d: string): string[] {
    return readdirSync(d).flatMap((name) => {
      const path = join(d, name);
      return statSync(path).isDirectory() ? walk(path) : path.endsWith('.ts') ? [path] : [];
    });
  })(dir);
  const commands: Record<string, ItemAction[]> = {
    Get: ['dynamodb:GetItem'],
    GetItem: ['dynamodb:GetItem'],
    BatchGet: ['dynamodb:BatchGetItem'],
    BatchGetItem: ['dynamodb:BatchGetItem'],
    Query: ['dynamodb:Query'],
    Put: ['dynamodb:PutItem'],
    PutItem: ['dynamodb:PutItem'],
    Update: ['dynamodb:UpdateItem'],
    UpdateItem: ['dynamodb:UpdateItem'],
    Delete: ['dynamodb:DeleteItem'],
    DeleteItem: ['dynamodb:DeleteItem'],
    Scan: ['dynamodb:Scan' as ItemAction],
    BatchWrite: ['dynamodb:BatchWriteItem' as ItemAction],
    BatchWriteItem: ['dynamodb:BatchWriteItem' as ItemAction],
    TransactGet: ['dynamodb:GetItem'],
    TransactGetItems: ['dynamodb:GetItem'],
    TransactWrite: [],
    TransactWriteItems: [],
  };
  const sent = new Set<ItemAction>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const [, name] of text.matchAll(/new (\w+?)Command\(/g)) {
      const actions = commands[name!];
      if (actions) actions.forEach((a) => sent.add(a));
    }
    // Items of a TransactWriteItems: `{ Put: {`, `{ Update: {`, `{ Delete: {`, `{ ConditionCheck: {`.
    for (const [, kind] of text.matchAll(/\b(Put|Update|Delete|ConditionCheck)\s*:\s*\{/g)) {
      sent.add(
        kind === 'ConditionCheck' ? 'dynamodb:ConditionCheckItem' : (`dynamodb:${kind}Item` as ItemAction),
      );
    }
  }
  return sent;
}

const dynamoActions = (statements: Statement[]) =>
  statements.flatMap((s) => [s.Action].flat()).filter((a) => a.startsWith('dynamodb:'));

describe('the access lists (infra/constructs/table-access.ts)', () => {
  it('cover every DynamoDB action the stores send, and no Scan, BatchWrite or table management', () => {
    // Act
    const sent = actionsSentBy(new URL('../../functions/store', import.meta.url).pathname);
    const granted = new Set(apiTableAccess(mainTable).flatMap((s) => s.actions));
    // Assess: what the stores send is granted (the idempotency layer's Delete lives on its own table)
    expect([...sent].filter((a) => a !== 'dynamodb:DeleteItem' && !granted.has(a))).toEqual([]);
    expect(sent.has('dynamodb:Scan' as ItemAction)).toBe(false);
    // and nothing is granted that they never send.
    expect([...granted].filter((a) => !sent.has(a))).toEqual([]);
    expect(
      apiTableAccess(idempotencyTable)
        .flatMap((s) => s.actions)
        .sort(),
    ).toEqual(['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
  });

  it('let the evidence workers reach evidence, sessions, sites, offices and the case timeline only', () => {
    // Prepare: real keys from store/keys.ts
    const office = 'palopo';
    const reachable = [
      keys.evidence(office, 'C1', 'E1').pk,
      keys.site(office, 'S1').pk,
      keys.office(office).pk,
    ];
    const unreachable = [
      `${keys.userPartition('admin.palopo')}`, // profile and memberships
      keys.clientPartition('machine-1'), // a machine client's memberships
      keys.client(office, 'K1').pk, // a sentenced person's record
      keys.nikGuard(office, 'hash').pk,
      keys.partner(office, 'P1').pk,
      keys.officeStats(office).pk,
      auditPartition(office, { type: 'user', id: 'admin.palopo' }),
      auditPartition(office, { type: 'client', id: 'K1' }),
      keys.localCredential('admin.palopo').pk,
    ];
    for (const access of [verifierTableAccess, expiryTableAccess]) {
      // Assess
      for (const pk of reachable) {
        expect(allows(access, { action: 'dynamodb:GetItem', partitionKey: pk }), pk).toBe(true);
      }
      for (const pk of unreachable) {
        for (const action of ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'] as const) {
          expect(allows(access, { action, partitionKey: pk }), `${action} ${pk}`).toBe(false);
        }
      }
      // The verdict's audit entry is put into the case timeline; nothing else happens to an audit entry.
      const timeline = auditPartition(office, { type: 'case', id: 'C1' });
      expect(allows(access, { action: 'dynamodb:PutItem', partitionKey: timeline })).toBe(true);
      for (const action of ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'] as const) {
        expect(allows(access, { action, partitionKey: timeline })).toBe(false);
      }
      expect(
        allows(access, { action: 'dynamodb:Query', index: 'gsi1', partitionKey: keys.officeMembers(office) }),
      ).toBe(false);
      expect(access.every((s) => s.leadingKeys !== undefined)).toBe(true);
      expect(access.flatMap((s) => s.actions)).not.toContain('dynamodb:DeleteItem');
    }
  });

  it('match IAM StringLike: * is any text, everything else literal and case-sensitive', () => {
    expect(stringLike(EVIDENCE_PARTITIONS.case, 'O#palopo#CASE#01J')).toBe(true);
    expect(stringLike(EVIDENCE_PARTITIONS.case, 'O#palopo#AUDIT#case#01J')).toBe(false);
    expect(stringLike('O#?#X', 'O#a#X')).toBe(true);
    expect(stringLike('a.b', 'axb')).toBe(false);
  });
});

describe.each(deployments.map((d) => [d.name, d] as const))('roles of deployment %s', (_name, deployment) => {
  const { appTemplate } = synthesize(deployment);

  /** The statements on the role of the function whose description matches. */
  function statementsOf(description: RegExp): Statement[] {
    const [[, fn] = ['', {}]] = resourcesOf(appTemplate, 'AWS::Lambda::Function').filter(([, props]) =>
      description.test(String(props.Description)),
    );
    const role = (fn.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    return resourcesOf(appTemplate, 'AWS::IAM::Policy')
      .filter(([, props]) => JSON.stringify(props.Roles).includes(role))
      .flatMap(([, props]) => (props.PolicyDocument as { Statement: Statement[] }).Statement);
  }

  /** The synthesized DynamoDB statements, reduced to the access-list shape. */
  function accessOf(statements: Statement[]): TableAccess[] {
    return statements
      .filter((s) => dynamoActions([s]).length > 0)
      .map((s) => {
        const resources = JSON.stringify(s.Resource);
        const indexes = [...resources.matchAll(/\/index\/([\w-]+)/g)].map((m) => m[1]!);
        const leadingKeys = s.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'] as
          string[] | undefined;
        return {
          sid: s.Sid ?? '',
          actions: [s.Action].flat().sort() as ItemAction[],
          ...(indexes.length > 0 ? { indexes } : {}),
          ...(leadingKeys ? { leadingKeys } : {}),
        };
      });
  }

  const sorted = (access: readonly TableAccess[]) =>
    access
      .map((s) => ({
        ...s,
        actions: [...s.actions].sort(),
        ...(s.indexes ? { indexes: [...s.indexes].sort() } : {}),
      }))
      .sort((a, b) => a.sid.localeCompare(b.sid));

  it('the verifier and the sweep hold exactly their access lists, each statement bound to partitions', () => {
    for (const [description, expected] of [
      [/evidence verifier/, verifierTableAccess],
      [/evidence sweep/, expiryTableAccess],
    ] as const) {
      // Act
      const statements = statementsOf(description);
      // Assess
      expect(sorted(accessOf(statements))).toEqual(sorted(expected));
      for (const statement of statements.filter((s) => dynamoActions([s]).length > 0)) {
        expect(statement.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys']).toBeDefined();
      }
      expect(dynamoActions(statements).filter((a) => /\*|Scan|Delete|BatchWrite|Describe/.test(a))).toEqual(
        [],
      );
    }
  });

  it('no role holds dynamodb:* or grantReadWriteData-style actions (Scan, BatchWrite, table management)', () => {
    const all = resourcesOf(appTemplate, 'AWS::IAM::Policy').flatMap(
      ([, props]) => (props.PolicyDocument as { Statement: Statement[] }).Statement,
    );
    expect(
      dynamoActions(all).filter((a) => /^dynamodb:(\*|Scan|BatchWriteItem|DescribeTable)$/.test(a)),
    ).toEqual([]);
  });

  it('only the stream consumers (webhook dispatcher, case re-planner) read the table stream, and only that stream', () => {
    // Prepare
    const streamActions = /^dynamodb:(GetRecords|GetShardIterator|DescribeStream|ListStreams)$/;
    const roleOf = (description: RegExp) => {
      const [[, fn] = ['', {}]] = resourcesOf(appTemplate, 'AWS::Lambda::Function').filter(([, props]) =>
        description.test(String(props.Description)),
      );
      return (fn.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    };
    const consumers = [/webhook dispatcher/, /case re-planner/];
    // Act: the roles of every policy with a stream action
    const readers = resourcesOf(appTemplate, 'AWS::IAM::Policy')
      .filter(([, props]) =>
        dynamoActions((props.PolicyDocument as { Statement: Statement[] }).Statement).some((a) =>
          streamActions.test(a),
        ),
      )
      .flatMap(([, props]) => (props.Roles as { Ref: string }[]).map((role) => role.Ref));
    // Assess
    expect(readers.sort()).toEqual(consumers.map(roleOf).sort());
    for (const statement of consumers.flatMap(statementsOf)) {
      const actions = [statement.Action].flat();
      if (!actions.some((a) => /^dynamodb:(GetRecords|GetShardIterator|DescribeStream)$/.test(a))) continue;
      // The main table's stream ARN, published by the Data stack; ListStreams (no resource-level
      // permissions) is the one stream action on `*`.
      expect(JSON.stringify(statement.Resource)).toMatch(/Tablesmain\w*StreamArn/);
    }
  });

  it('the API function holds the access lists of the main and idempotency tables, on named indexes', () => {
    // Act
    const access = accessOf(statementsOf(/^Abdi API/));
    // Assess
    expect(sorted(access)).toEqual(
      sorted([...apiTableAccess(mainTable), ...apiTableAccess(idempotencyTable)]),
    );
    expect([...(access.find((s) => s.sid === 'MainTableIndexes')?.indexes ?? [])].sort()).toEqual(
      mainTable.globalIndexes.map((i) => i.name).sort(),
    );
  });

  it('uses the table key only through DynamoDB', () => {
    for (const description of [
      /^Abdi API/,
      /evidence verifier/,
      /evidence sweep/,
      /webhook dispatcher/,
      /webhook retry/,
      /case re-planner/,
    ]) {
      const kms = statementsOf(description).filter((s) =>
        [s.Action].flat().some((a) => a === 'kms:Encrypt' || a === 'kms:GenerateDataKey*'),
      );
      expect(kms.length).toBeGreaterThan(0);
      for (const statement of kms) {
        expect(JSON.stringify(statement.Condition?.StringEquals?.['kms:ViaService'])).toContain('dynamodb.');
      }
    }
  });
});
