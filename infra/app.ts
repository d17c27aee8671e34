/**
 * CDK entry. `cdk synth` builds every deployment in infra/config/deployments.ts; `cdk synth -c
 * deployment=sulsel` builds one. cdk-nag's AWS Solutions pack runs as a policy-validation plugin: an
 * unacknowledged finding fails the synth, and the details land in cdk.out.
 *
 * Context keys (tests and quick checks only; a real synth uses the defaults):
 * - `abdi:skipBundling=true`: stub Lambda code instead of bundling functions/handlers/api.ts.
 * - `abdi:siteDir=<dir>`: the built dashboard, default web/dist.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { selectDeployments } from './config/deployments';
import { addDeployment } from './stacks/deployment';

const app = new App();
const context = (key: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  return value === undefined || value === null ? undefined : String(value);
};

for (const deployment of selectDeployments(context('deployment'))) {
  const siteDir = context('abdi:siteDir');
  addDeployment(app, deployment, {
    skipBundling: context('abdi:skipBundling') === 'true',
    ...(siteDir && { siteDir }),
  });
}

Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
app.synth();
