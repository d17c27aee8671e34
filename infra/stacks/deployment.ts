/**
 * One deployment = two stacks in the deployment's account and region:
 * `Abdi-<name>-Data` (stateful, retained, termination-protected) and `Abdi-<name>-App` (stateless).
 */
import { Tags, type App } from 'aws-cdk-lib';
import type { DeploymentConfig } from '../config/schema';
import { AppStack, type AppStackProps } from './app-stack';
import { DataStack } from './data-stack';

export type DeploymentOptions = Pick<AppStackProps, 'apiEntry' | 'siteDir' | 'skipBundling'>;

export interface DeploymentStacks {
  readonly data: DataStack;
  readonly app: AppStack;
}

export function stackNames(deployment: Pick<DeploymentConfig, 'name'>): { data: string; app: string } {
  return { data: `Abdi-${deployment.name}-Data`, app: `Abdi-${deployment.name}-App` };
}

export function addDeployment(
  app: App,
  deployment: DeploymentConfig,
  options: DeploymentOptions = {},
): DeploymentStacks {
  const env = { account: deployment.account, region: deployment.region };
  const names = stackNames(deployment);
  const label = deployment.description ?? deployment.name;
  // Stack tags (CloudFormation copies them to every taggable resource) plus Tags.of for what the CDK
  // tags itself; cost reports and IAM conditions can then select by Project and Deployment.
  const tags = { Project: 'Abdi', Deployment: deployment.name };
  const data = new DataStack(app, names.data, {
    env,
    tags,
    deployment,
    description: `Abdi ${label}: tables, evidence, users (stateful)`,
  });
  const appStack = new AppStack(app, names.app, {
    env,
    tags,
    data,
    description: `Abdi ${label}: API, functions, dashboard (stateless)`,
    ...options,
  });
  for (const stack of [data, appStack]) {
    for (const [key, value] of Object.entries(tags)) Tags.of(stack).add(key, value);
  }
  return { data, app: appStack };
}
