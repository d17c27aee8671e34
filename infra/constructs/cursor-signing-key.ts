/**
 * The HMAC key that signs list cursors (the opaque, tamper-evident `LastEvaluatedKey`s the API hands to
 * clients). Secrets Manager generates it, so the value never appears in the template, the function's
 * environment or the repository; the function reads it by ARN (Powertools `getSecret`, cached for an hour).
 *
 * Losing or replacing the key only invalidates cursors that clients are holding: their next page request
 * fails with a bad-cursor error and the list starts again from the first page. Nothing stored depends on it.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledge } from './nag';

export interface CursorSigningKeyProps {
  /** Shown in the Secrets Manager console, e.g. which deployment the key belongs to. */
  readonly description?: string;
  /** Characters of the generated key (letters and digits, about 6 bits each). @default 64 */
  readonly length?: number;
}

export class CursorSigningKey extends Construct {
  readonly secret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: CursorSigningKeyProps = {}) {
    super(scope, id);
    this.secret = new secretsmanager.Secret(this, 'Secret', {
      description: props.description ?? 'Abdi list cursor signing key (HMAC)',
      // Generated once, when CloudFormation creates the secret; later deploys keep the value.
      generateSecretString: {
        passwordLength: props.length ?? 64,
        excludePunctuation: true,
        includeSpace: false,
      },
      // No secretName: a generated name lets a recreated stack make a new secret while the old one is
      // still in its deletion recovery window. The AWS managed key (aws/secretsmanager) is enough: access
      // is decided by the IAM grant below, and a customer-managed key would add cost and no control.
      // Deleted with the stack: the key protects nothing that outlives the stack (see above).
      removalPolicy: RemovalPolicy.DESTROY,
    });
    acknowledge(
      this.secret,
      'AwsSolutions-SMG4',
      'The secret is a random HMAC key that only makes list-pagination cursors tamper-evident; it grants no access by itself and is read only by the API function. Rotating it would merely invalidate open cursors, so it is rotated by hand if ever exposed (put-secret-value with a new random string) instead of by a rotation Lambda.',
    );
  }

  /** Lets `grantee` read the key value: `secretsmanager:GetSecretValue` on this secret, nothing else. */
  grantRead(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['secretsmanager:GetSecretValue'],
      resourceArns: [this.secret.secretArn],
    });
  }
}
