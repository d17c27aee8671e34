/**
 * The shared secret that proves a request came through the deployment's CloudFront distribution (ADR
 * 0017). CloudFront adds it to every request it forwards to the HTTP API as the `x-origin-verify` header;
 * the API's Lambda authorizer refuses any request without it. The execute-api host cannot be switched off
 * while it is CloudFront's origin, so this is what keeps callers from going around the WAF.
 *
 * Secrets Manager generates the value, so it is in no template, repository or build artifact; it is
 * visible to whoever may read the secret or the distribution's configuration in the account.
 */
import { RemovalPolicy, SecretValue } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { ORIGIN_VERIFY_HEADER } from '../../functions/authorizer/origin-verify';
import { acknowledge } from './nag';

export { ORIGIN_VERIFY_HEADER };

export interface OriginVerifyProps {
  /** Shown in the Secrets Manager console. */
  readonly description: string;
  /**
   * The version CloudFront sends. Left out, the version current at the deploy. CloudFormation re-reads a
   * secret only when the text referring to it changes, so a rotation names the new version here.
   */
  readonly versionId?: string;
}

export class OriginVerify extends Construct {
  readonly secret: secretsmanager.Secret;
  /** What CloudFront sends as `x-origin-verify`: a dynamic reference, resolved by CloudFormation. */
  readonly headerValue: string;

  constructor(scope: Construct, id: string, props: OriginVerifyProps) {
    super(scope, id);
    this.secret = new secretsmanager.Secret(this, 'Secret', {
      description: props.description,
      generateSecretString: { passwordLength: 48, excludePunctuation: true, includeSpace: false },
      // Generated name, as the cursor key's: a recreated App stack makes a new secret (and the new
      // distribution sends it) while the old one waits out its recovery window.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    acknowledge(
      this.secret,
      'AwsSolutions-SMG4',
      'The origin secret is rotated by hand (docs/runbook.md): a new value must reach the CloudFront distribution, which only a deploy of the App stack can change without drift, and the authorizer accepts the previous version meanwhile. A rotation Lambda could not update the distribution without fighting CloudFormation.',
    );
    // The value is written into the distribution's origin headers by CloudFormation at deploy time; it is
    // never in the synthesized template, which holds only the {{resolve:secretsmanager:…}} reference.
    this.headerValue = SecretValue.secretsManager(this.secret.secretArn, {
      ...(props.versionId && { versionId: props.versionId }),
    }).unsafeUnwrap();
  }

  /** The authorizer reads both the current and the previous version (GetSecretValue on this secret only). */
  grantRead(grantee: iam.IGrantable): iam.Grant {
    return this.secret.grantRead(grantee);
  }
}
