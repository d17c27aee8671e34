/**
 * One deployment = three stacks in the deployment's account: `Abdi-<name>-Data` (stateful, retained,
 * termination-protected) and `Abdi-<name>-App` (stateless) in the deployment's region, and
 * `Abdi-<name>-Edge` (the WAF web ACL and the CloudFront alarm) in us-east-1, CloudFront's region.
 * Deploy order: Data, Edge, App (`cdk deploy` follows the dependencies).
 */
import { Tags, type App } from 'aws-cdk-lib';
import type { DeploymentConfig } from '../config/schema';
import { AppStack, type AppStackProps } from './app-stack';
import { DataStack } from './data-stack';
import { EDGE_REGION, EdgeStack } from './edge-stack';

export type DeploymentOptions = Pick<AppStackProps, 'apiEntry' | 'siteDir' | 'skipBundling'>;

export interface DeploymentStacks {
  readonly data: DataStack;
  readonly app: AppStack;
  readonly edge: EdgeStack;
}

export function stackNames(deployment: Pick<DeploymentConfig, 'name'>): {
  data: string;
  app: string;
  edge: string;
} {
  return {
    data: `Abdi-${deployment.name}-Data`,
    app: `Abdi-${deployment.name}-App`,
    edge: `Abdi-${deployment.name}-Edge`,
  };
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
  const edge = new EdgeStack(app, names.edge, {
    env: { account: deployment.account, region: EDGE_REGION },
    tags,
    deployment,
    description: `Abdi ${label}: WAF web ACL and CloudFront alarm (us-east-1)`,
    // The App stack reads the ACL's ARN across regions (ADR 0017).
    crossRegionReferences: true,
  });
  const appStack = new AppStack(app, names.app, {
    env,
    tags,
    data,
    edge,
    crossRegionReferences: true,
    description: `Abdi ${label}: API, functions, dashboard (stateless)`,
    ...options,
  });
  for (const stack of [data, edge, appStack]) {
    for (const [key, value] of Object.entries(tags)) Tags.of(stack).add(key, value);
  }
  return { data, app: appStack, edge };
}
