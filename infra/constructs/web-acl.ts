/**
 * The WAF web ACL in front of the deployment's CloudFront distribution (ADR 0017). Scope CLOUDFRONT, so
 * it must be created in us-east-1 (the Edge stack). Requests are allowed unless a rule blocks them:
 * AWS's IP reputation list, a rate limit per client address, a rate limit per API token, AWS's common
 * rule set and its known-bad-inputs set. Every rule publishes CloudWatch metrics and sampled requests;
 * there are no full WAF logs (see the ADR: their destination would have to be in us-east-1, outside
 * Indonesia, and they would hold tokens and addresses).
 */
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface EdgeWebAclProps {
  /** The ACL's name and metric prefix, e.g. `abdi-sulsel`. */
  readonly name: string;
  /** Requests per window from one IP address, before it gets 429. */
  readonly requestsPerIp: number;
  /** Requests per window under `/v1/` with one `Authorization` header, before it gets 429. */
  readonly requestsPerToken: number;
  /** 60, 120, 300 or 600 seconds. */
  readonly rateWindowSeconds: number;
}

/** The AWS managed rule groups, in evaluation order after the IP reputation list. */
export const managedRuleGroups = [
  'AWSManagedRulesAmazonIpReputationList',
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
] as const;

/** The path the per-token limit counts: every API route but the health check. */
export const apiPathPrefix = '/v1/';

const TOO_MANY_REQUESTS = 'too-many-requests';

export class EdgeWebAcl extends Construct {
  readonly acl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: EdgeWebAclProps) {
    super(scope, id);
    const visibility = (metric: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      metricName: `${props.name}-${metric}`,
      sampledRequestsEnabled: true,
    });
    const managed = (name: (typeof managedRuleGroups)[number], priority: number) => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
      visibilityConfig: visibility(name),
    });
    // A problem+json-shaped 429, as the API's own errors; WAF cannot set Retry-After (it prefixes custom
    // response headers with x-amzn-waf-), and the window is the client's hint.
    const tooMany: wafv2.CfnWebACL.RuleActionProperty = {
      block: { customResponse: { responseCode: 429, customResponseBodyKey: TOO_MANY_REQUESTS } },
    };

    this.acl = new wafv2.CfnWebACL(this, 'Acl', {
      name: props.name,
      description: 'Abdi: dashboard and API behind CloudFront',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('all'),
      customResponseBodies: {
        [TOO_MANY_REQUESTS]: {
          contentType: 'APPLICATION_JSON',
          content: JSON.stringify({
            type: 'about:blank',
            title: 'Too Many Requests',
            status: 429,
            detail: `Too many requests; wait up to ${props.rateWindowSeconds} seconds and try again.`,
          }),
        },
      },
      rules: [
        // Addresses AWS has seen attacking: cheapest to drop before anything else runs.
        managed('AWSManagedRulesAmazonIpReputationList', 0),
        {
          name: 'RatePerIp',
          priority: 1,
          action: tooMany,
          statement: {
            rateBasedStatement: {
              limit: props.requestsPerIp,
              aggregateKeyType: 'IP',
              evaluationWindowSec: props.rateWindowSeconds,
            },
          },
          visibilityConfig: visibility('RatePerIp'),
        },
        {
          // Per API client. WAF cannot read the client id inside a JWT, so the key is the whole
          // Authorization header: one token of one partner client or one person. Tokens live an hour
          // and clients reuse them; one that fetched a token per request would still meet RatePerIp,
          // Cognito's token-endpoint quota and the stage throttle. Requests without the header (the
          // public routes) are not counted here, only per IP.
          name: 'RatePerToken',
          priority: 2,
          action: tooMany,
          statement: {
            rateBasedStatement: {
              limit: props.requestsPerToken,
              aggregateKeyType: 'CUSTOM_KEYS',
              customKeys: [
                { header: { name: 'authorization', textTransformations: [{ priority: 0, type: 'NONE' }] } },
              ],
              evaluationWindowSec: props.rateWindowSeconds,
              scopeDownStatement: {
                byteMatchStatement: {
                  fieldToMatch: { uriPath: {} },
                  positionalConstraint: 'STARTS_WITH',
                  searchString: apiPathPrefix,
                  textTransformations: [{ priority: 0, type: 'NONE' }],
                },
              },
            },
          },
          visibilityConfig: visibility('RatePerToken'),
        },
        managed('AWSManagedRulesCommonRuleSet', 3),
        managed('AWSManagedRulesKnownBadInputsRuleSet', 4),
      ],
    });
  }

  get arn(): string {
    return this.acl.attrArn;
  }
}
