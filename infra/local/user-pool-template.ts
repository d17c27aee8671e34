/**
 * The user pool local mode and the tests run in cognito-local, read from the template the CDK synthesizes
 * for a deployment's Data stack, so that the emulated pool cannot drift from the deployed one: a new pool
 * property either maps onto the Cognito API here or fails loudly (`unmapped`).
 */
import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import {
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  SetUserPoolMfaConfigCommand,
  type CognitoIdentityProviderClient,
  type CreateUserPoolCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import type { DeploymentConfig } from '../config/schema';
import { DataStack } from '../stacks/data-stack';
import { stackNames } from '../stacks/deployment';

type Properties = Record<string, unknown>;

export interface UserPoolTemplate {
  /** `AWS::Cognito::UserPool` properties as synthesized. */
  readonly pool: Properties;
  readonly groups: readonly { name: string; precedence?: number; description?: string }[];
}

/** Synthesizes the deployment's Data stack (no assets, so no bundling) and returns its user pool. */
export function synthesizeUserPool(deployment: DeploymentConfig): UserPoolTemplate {
  const context = (
    JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
      context: Record<string, unknown>;
    }
  ).context;
  const app = new App({ context });
  const stack = new DataStack(app, stackNames(deployment).data, {
    env: { account: deployment.account, region: deployment.region },
    deployment,
  });
  return userPoolOf(Template.fromStack(stack));
}

export function userPoolOf(template: Template): UserPoolTemplate {
  const pools = Object.values(template.findResources('AWS::Cognito::UserPool'));
  if (pools.length !== 1) throw new Error(`expected one user pool, found ${pools.length}`);
  const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup')).map((resource) => {
    const p = (resource.Properties ?? {}) as Properties;
    return {
      name: String(p.GroupName),
      ...(typeof p.Precedence === 'number' ? { precedence: p.Precedence } : {}),
      ...(typeof p.Description === 'string' ? { description: p.Description } : {}),
    };
  });
  return { pool: (pools[0]?.Properties ?? {}) as Properties, groups };
}

/** CloudFormation property → CreateUserPool field, where the API has the same shape under a name. */
const SAME_SHAPE: Record<string, keyof CreateUserPoolCommandInput> = {
  UserPoolName: 'PoolName',
  Policies: 'Policies',
  AliasAttributes: 'AliasAttributes',
  UsernameAttributes: 'UsernameAttributes',
  AutoVerifiedAttributes: 'AutoVerifiedAttributes',
  Schema: 'Schema',
  AdminCreateUserConfig: 'AdminCreateUserConfig',
  AccountRecoverySetting: 'AccountRecoverySetting',
  MfaConfiguration: 'MfaConfiguration',
  UsernameConfiguration: 'UsernameConfiguration',
  UserAttributeUpdateSettings: 'UserAttributeUpdateSettings',
  DeletionProtection: 'DeletionProtection',
  UserPoolTier: 'UserPoolTier',
  VerificationMessageTemplate: 'VerificationMessageTemplate',
  EmailVerificationMessage: 'EmailVerificationMessage',
  EmailVerificationSubject: 'EmailVerificationSubject',
  SmsVerificationMessage: 'SmsVerificationMessage',
  EmailConfiguration: 'EmailConfiguration',
  DeviceConfiguration: 'DeviceConfiguration',
};

/**
 * Properties cognito-local cannot honour, each with the reason; what they do is what the emulator
 * tests cannot prove (see ADR 0008).
 */
export const NOT_EMULATED: Readonly<Record<string, string>> = {
  UserPoolAddOns: 'threat protection (Plus tier) is not emulated',
  LambdaConfig: 'no Lambda triggers run locally',
  UserPoolTags: 'tags have no behaviour',
  EnabledMfas: 'set with SetUserPoolMfaConfig below, as the API does it',
  EmailAuthenticationMessage: 'email MFA codes (ADR 0018) are not emulated',
  EmailAuthenticationSubject: 'email MFA codes (ADR 0018) are not emulated',
};

/** The CreateUserPool request for a synthesized pool; throws on a property neither mapped nor excused. */
export function createUserPoolInput(pool: Properties, poolName: string): CreateUserPoolCommandInput {
  const unmapped = Object.keys(pool).filter((key) => !(key in SAME_SHAPE) && !(key in NOT_EMULATED));
  if (unmapped.length > 0) {
    throw new Error(`user pool properties not mapped for cognito-local: ${unmapped.join(', ')}`);
  }
  const input: Record<string, unknown> = { PoolName: poolName };
  for (const [property, field] of Object.entries(SAME_SHAPE)) {
    if (pool[property] !== undefined && field !== 'PoolName') input[field] = pool[property];
  }
  return input as unknown as CreateUserPoolCommandInput;
}

export interface ProvisionedPool {
  readonly userPoolId: string;
  /** A local-only app client that may sign in with a password (the hosted UI does not exist locally). */
  readonly clientId: string;
}

/**
 * Creates the pool, its MFA settings and groups in cognito-local, plus a password-sign-in client; or
 * finds them, when the data folder already holds a pool of that name.
 */
export async function provisionUserPool(
  cognito: CognitoIdentityProviderClient,
  template: UserPoolTemplate,
  names: { pool: string; client: string },
): Promise<ProvisionedPool> {
  const { UserPools } = await cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  let userPoolId = UserPools?.find((p) => p.Name === names.pool)?.Id;
  if (!userPoolId) {
    const created = await cognito.send(
      new CreateUserPoolCommand(createUserPoolInput(template.pool, names.pool)),
    );
    userPoolId = String(created.UserPool?.Id);
    const mfas = (template.pool.EnabledMfas as string[] | undefined) ?? [];
    await cognito.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: userPoolId,
        MfaConfiguration: template.pool.MfaConfiguration as 'OFF' | 'ON' | 'OPTIONAL' | undefined,
        SoftwareTokenMfaConfiguration: { Enabled: mfas.includes('SOFTWARE_TOKEN_MFA') },
      }),
    );
    for (const group of template.groups) {
      await cognito.send(
        new CreateGroupCommand({
          UserPoolId: userPoolId,
          GroupName: group.name,
          Precedence: group.precedence,
          Description: group.description,
        }),
      );
    }
  }
  const { UserPoolClients } = await cognito.send(
    new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }),
  );
  let clientId = UserPoolClients?.find((c) => c.ClientName === names.client)?.ClientId;
  if (!clientId) {
    const created = await cognito.send(
      new CreateUserPoolClientCommand({
        UserPoolId: userPoolId,
        ClientName: names.client,
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        AccessTokenValidity: 1,
        TokenValidityUnits: { AccessToken: 'hours' },
      }),
    );
    clientId = String(created.UserPoolClient?.ClientId);
  }
  return { userPoolId, clientId };
}
