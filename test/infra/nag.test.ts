import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { deploymentWith, deployments, synthesize } from './support';

/** Every acknowledgement in the tree: construct path, rule id, reason. */
function acknowledgements(root: IConstruct): { path: string; id: string; reason: string }[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

const withOptions = deploymentWith({
  name: 'all-options',
  authDomainPrefix: 'abdi-all-options',
  tracing: true,
  alarms: { email: 'ops@example.go.id' },
  webOrigins: ['https://abdi.example.go.id'],
  reminders: {
    senderEmail: 'abdi@bapas.example.go.id',
    configurationSet: 'abdi-reminders',
    smsOriginationIdentity: 'arn:aws:sms-voice:ap-southeast-3:123456789012:pool/pool-abdi',
  },
});

describe.each([...deployments, withOptions].map((d) => [d.name, d] as const))(
  'cdk-nag, deployment %s',
  (_name, deployment) => {
    const synthesized = synthesize(deployment);

    it.each(['data', 'app', 'edge'] as const)(
      'the %s stack has no unacknowledged AwsSolutions finding',
      (which) => {
        // Prepare
        const stack = synthesized[which];

        // Act
        const { violations } = new AwsSolutionsChecks(synthesized.appScope).validateScope(stack);

        // Assess
        expect(
          violations.map(
            (v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
          ),
        ).toEqual([]);
      },
    );

    it('acknowledges one finding at a time, never a whole stack, always with a reason', () => {
      // Act
      const acks = acknowledgements(synthesized.appScope);

      // Assess
      expect(acks.length).toBeGreaterThan(0);
      for (const ack of acks) {
        expect(ack.id, ack.path).not.toMatch(/^AwsSolutions-IAM5$/);
        expect(ack.path.split('/').length, `${ack.id} on a whole stack`).toBeGreaterThan(1);
        expect(ack.reason.length, `${ack.id} at ${ack.path}`).toBeGreaterThanOrEqual(60);
      }
    });
  },
);
