/**
 * Small helpers around cdk-nag 3's acknowledgements, so every exception in the stacks reads the same way
 * and IAM5 wildcards are acknowledged one finding at a time, never for a whole rule.
 */
import { CfnResource, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
// cdk-nag flattens `{ Ref }`, `Fn::GetAtt` and `Fn::Join` into the text of its IAM5 finding ids; using
// the same function here keeps our ids in step with the ones the rule reports.
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';

/** Acknowledges one cdk-nag finding on `scope` and its children. The reason is for a security reviewer. */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

/**
 * Acknowledges one IAM5 wildcard finding: an action such as `kms:ReEncrypt*`, or a resource ARN that may
 * contain tokens (`${bucket.bucketArn}/*`). Tokens are resolved in the scope's stack, so only pass values
 * built from the stack's own resources or pseudo parameters, not from another stack (those resolve to an
 * `Fn::ImportValue` only later in synthesis).
 */
export function acknowledgeWildcard(
  scope: IConstruct,
  kind: 'Action' | 'Resource',
  value: string,
  reason: string,
): void {
  const flat = kind === 'Action' ? value : flattenCfnReference(Stack.of(scope).resolve(value));
  acknowledge(scope, `AwsSolutions-IAM5[${kind}::${flat}]`, reason);
}

/**
 * The IAM5 finding ids (`Action::…`, `Resource::…`) that cdk-nag will report for an `iam.Policy` or
 * `CfnPolicy`, computed the way the rule computes them. Used to acknowledge findings of CDK-provided
 * constructs against an explicit list of expected patterns, so that anything unexpected still fails.
 */
export function wildcardFindings(policy: IConstruct): string[] {
  const cfn = CfnResource.isCfnResource(policy) ? policy : policy.node.defaultChild;
  if (!(cfn instanceof iam.CfnPolicy)) throw new Error(`${policy.node.path} is not an IAM policy`);
  const document = Stack.of(cfn).resolve(cfn.policyDocument) as { Statement?: PolicyStatementJson[] };
  const findings = new Set<string>();
  for (const statement of document.Statement ?? []) {
    if (statement.Effect !== 'Allow') continue;
    for (const action of [statement.Action ?? []].flat()) {
      if (action.includes('*')) findings.add(`Action::${action}`);
    }
    for (const resource of [statement.Resource ?? []].flat()) {
      const flat = flattenCfnReference(resource);
      if (flat.includes('*')) findings.add(`Resource::${flat}`);
    }
  }
  return [...findings];
}

interface PolicyStatementJson {
  readonly Effect?: string;
  readonly Action?: string | string[];
  readonly Resource?: unknown;
}
