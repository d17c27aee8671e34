/**
 * The edge of a deployment (ADR 0017): what CloudFront needs in us-east-1. The WAF web ACL that the App
 * stack's distribution uses, and the CloudFront alarm with its topic (CloudFront's metrics are only in
 * us-east-1). It holds no data; deploy it before the App stack, which reads the ACL's ARN from its output.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { DeploymentConfig } from '../config/schema';
import { EdgeAlarms } from '../constructs/edge-alarms';
import { EdgeWebAcl } from '../constructs/web-acl';

/** CloudFront's region: web ACLs of scope CLOUDFRONT and CloudFront's metrics exist only here. */
export const EDGE_REGION = 'us-east-1';

export interface EdgeStackProps extends StackProps {
  readonly deployment: DeploymentConfig;
}

export class EdgeStack extends Stack {
  readonly webAcl: EdgeWebAcl;
  readonly alarms: EdgeAlarms;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    if (this.region !== EDGE_REGION) {
      throw new Error(`The Edge stack must be in ${EDGE_REGION} (CloudFront's region), not ${this.region}`);
    }
    const { deployment } = props;
    this.webAcl = new EdgeWebAcl(this, 'WebAcl', {
      name: `abdi-${deployment.name}`,
      requestsPerIp: deployment.edge.requestsPerIp,
      requestsPerToken: deployment.edge.requestsPerToken,
      rateWindowSeconds: deployment.edge.rateWindowSeconds,
    });
    this.alarms = new EdgeAlarms(this, 'Alarms', {
      alarms: deployment.alarms,
      cloudFront5xxRatePercent: deployment.edge.cloudFront5xxRatePercent,
      logRetention: deployment.retention.logRetentionDays,
    });
    new CfnOutput(this, 'WebAclArn', { value: this.webAcl.arn });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn });
  }
}
