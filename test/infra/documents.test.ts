import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { documentFunctionRoutes } from '../../functions/api/route-table';
import { documentRoutes } from '../../infra/constructs/document-issuing';
import { deployments, resourcesOf, synthesize } from './support';

/**
 * The documents function (ADR 0015) as CloudFormation gets it: its routes are the route table's
 * `runsIn: 'documents'` rows and go to it, not to the API function; it may write only its own bucket's
 * objects; the documents bucket is under Object Lock like evidence.
 */
describe('documents', () => {
  const deployment = deployments.find((d) => d.name === 'sulsel') ?? deployments[0]!;
  const { appTemplate: template, dataTemplate: data } = synthesize(deployment);

  it('serves exactly the route table rows that render', () => {
    // Assess
    expect(documentRoutes.map((r) => `${r.method} ${r.path}`).sort()).toEqual(
      documentFunctionRoutes.map((r) => `${r.method} ${r.path}`).sort(),
    );
  });

  it('integrates those routes with the documents function, behind the authorizer', () => {
    // Prepare
    const routes = resourcesOf(template, 'AWS::ApiGatewayV2::Route').map(([, props]) => props);
    const integrations = new Map(resourcesOf(template, 'AWS::ApiGatewayV2::Integration'));
    // A route's target names its integration; the integration's URI names the function.
    const functionOf = (target: unknown) => {
      const integration = /"Ref":"([^"]+)"/.exec(JSON.stringify(target))?.[1] ?? '';
      return JSON.stringify(integrations.get(integration)?.IntegrationUri);
    };

    // Assess
    for (const { method, path } of documentRoutes) {
      const route = routes.find((r) => r.RouteKey === `${method} ${path}`);
      expect(route?.AuthorizationType).toBe('CUSTOM');
      expect(functionOf(route?.Target)).toMatch(/DocumentsFunction/);
    }
    const proxy = routes.find((r) => r.RouteKey === 'ANY /v1/{proxy+}');
    expect(functionOf(proxy?.Target)).not.toMatch(/DocumentsFunction/);
  });

  it('gives the function its fonts folder, the bucket and the links it prints', () => {
    // Assess
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('Abdi documents'),
      Environment: {
        Variables: Match.objectLike({
          DOCUMENTS_BUCKET: Match.anyValue(),
          PUBLIC_URL: Match.anyValue(),
        }),
      },
    });
  });

  it('keeps issued files under Object Lock in a bucket of their own, retained', () => {
    // Prepare: the name joins the account id, so it is found in the name's parts.
    const buckets = Object.values(data.findResources('AWS::S3::Bucket')).filter((bucket) =>
      String(JSON.stringify(bucket.Properties?.BucketName)).includes('-documents-'),
    );

    // Assess
    expect(buckets).toHaveLength(1);
    expect(buckets[0]).toMatchObject({
      DeletionPolicy: 'Retain',
      Properties: {
        ObjectLockEnabled: true,
        ObjectLockConfiguration: {
          ObjectLockEnabled: 'Enabled',
          Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 3650 } },
        },
        VersioningConfiguration: { Status: 'Enabled' },
      },
    });
    // No CORS: browsers open a document's link as a page; no script reads the bucket.
    expect(buckets[0]?.Properties?.CorsConfiguration).toBeUndefined();
  });
});
