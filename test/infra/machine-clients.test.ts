import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { authorizerCacheTtl } from '../../infra/constructs/http-api';
import { machineClientAdministrationActions } from '../../infra/stacks/app-stack';
import { deployments, resourcesOf, synthesize } from './support';

interface Statement {
  readonly Sid?: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
}

/**
 * Partners' machine clients in the cloud (ADR 0010): the API's Lambda authorizer accepts any app client
 * of the deployment's pool, so a client an admin creates at runtime works without a redeploy; the API
 * function may make, rotate and delete app clients on its own pool only.
 */
describe.each(deployments.map((d) => [d.name, d] as const))(
  'Abdi-%s-App machine clients',
  (_name, deployment) => {
    const { appTemplate: template } = synthesize(deployment);
    const functions = resourcesOf(template, 'AWS::Lambda::Function');
    const [[authorizerFnId, authorizerFn] = ['', {}]] = functions.filter(([id]) =>
      id.startsWith('ApiAuthorizerFunction'),
    );
    const [, apiFn = {}] = functions.find(([id]) => id.startsWith('ApiFunction')) ?? [];
    const poolIdOf = (fn: Record<string, unknown>) =>
      (fn as { Environment: { Variables: Record<string, unknown> } }).Environment.Variables
        .COGNITO_USER_POOL_ID;
    const policiesOf = (rolePrefix: string) =>
      resourcesOf(template, 'AWS::IAM::Policy')
        .filter(([id]) => id.startsWith(rolePrefix))
        .flatMap(([, props]) => (props.PolicyDocument as { Statement: Statement[] }).Statement);

    it('authorizes with a Lambda REQUEST authorizer on the Authorization header, simple responses, a short cache', () => {
      // Assess: the token authorizer, and the same function for the public routes' origin check (edge.test.ts).
      template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 2);
      template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
        AuthorizerType: 'REQUEST',
        AuthorizerPayloadFormatVersion: '2.0',
        EnableSimpleResponses: true,
        IdentitySource: ['$request.header.Authorization', '$request.header.x-origin-verify'],
        AuthorizerResultTtlInSeconds: authorizerCacheTtl.toSeconds(),
        AuthorizerUri: Match.objectLike({
          'Fn::Join': Match.arrayWith([
            Match.arrayWith([Match.objectLike({ 'Fn::GetAtt': [authorizerFnId, 'Arn'] })]),
          ]),
        }),
        // No audience list: that fixed list is what kept runtime-made clients out.
        JwtConfiguration: Match.absent(),
      });
      expect(authorizerCacheTtl.toSeconds()).toBeLessThanOrEqual(300);
      template.hasResourceProperties('AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
        FunctionName: { 'Fn::GetAtt': [authorizerFnId, 'Arn'] },
      });
    });

    it("verifies tokens of the deployment's own pool: the same pool id as the API function", () => {
      // Assess
      expect(authorizerFnId).not.toBe('');
      expect(poolIdOf(authorizerFn)).toEqual(poolIdOf(apiFn));
      expect(authorizerFn).toMatchObject({ Architectures: ['arm64'], MemorySize: 256 });
    });

    it('gives the authorizer no rights but writing its own log and reading the origin secret', () => {
      // Act
      const actions = policiesOf('ApiAuthorizerFunctionRole').flatMap((s) => [s.Action].flat());

      // Assess: the secret's statement is checked in test/infra/edge.test.ts.
      expect(actions.length).toBeGreaterThan(0);
      expect(actions.filter((a) => !a.startsWith('logs:')).sort()).toEqual([
        'secretsmanager:DescribeSecret',
        'secretsmanager:GetSecretValue',
      ]);
    });

    it('lets the API function make, rotate and delete app clients on the user pool ARN only', () => {
      // Act
      const statements = policiesOf('ApiFunctionRole').filter((s) => s.Sid === 'MachineClientAdministration');

      // Assess
      expect(statements).toHaveLength(1);
      const [statement] = statements;
      expect([statement?.Action].flat().sort()).toEqual(
        [
          'cognito-idp:AddUserPoolClientSecret',
          'cognito-idp:CreateUserPoolClient',
          'cognito-idp:DeleteUserPoolClient',
          'cognito-idp:DeleteUserPoolClientSecret',
          'cognito-idp:ListUserPoolClientSecrets',
        ].sort(),
      );
      expect([...machineClientAdministrationActions].sort()).toEqual([statement?.Action].flat().sort());
      expect(statement?.Resource).toEqual({
        'Fn::Join': [
          '',
          [`arn:aws:cognito-idp:${deployment.region}:${deployment.account}:userpool/`, poolIdOf(apiFn)],
        ],
      });
      // And nobody else may.
      const elsewhere = resourcesOf(template, 'AWS::IAM::Policy')
        .filter(([id]) => !id.startsWith('ApiFunctionRole'))
        .flatMap(([, props]) => (props.PolicyDocument as { Statement: Statement[] }).Statement)
        .filter((s) => [s.Action].flat().some((a) => /UserPoolClient/.test(a)));
      expect(elsewhere).toEqual([]);
    });

    it('logs the verified subject and client id, read from the authorizer context', () => {
      // Act
      const [[, stage] = ['', {}]] = resourcesOf(template, 'AWS::ApiGatewayV2::Stage');
      const format = JSON.parse(String((stage.AccessLogSettings as { Format: string }).Format)) as Record<
        string,
        string
      >;

      // Assess
      expect(format).toMatchObject({
        sub: '$context.authorizer.sub',
        clientId: '$context.authorizer.client_id',
      });
      expect(Object.values(format).some((v) => /username|email|name/.test(v))).toBe(false);
    });
  },
);
