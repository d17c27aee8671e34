/**
 * `node --import tsx infra/ops/deployment-matrix.ts`: the pipeline's matrices as JSON, from
 * infra/config/deployments.ts. `--github` prints `name=value` lines for `$GITHUB_OUTPUT` instead.
 */
import { deployments } from '../config/deployments';
import { deliveryMatrices, githubOutputs } from './delivery-plan';

const matrices = deliveryMatrices(deployments);
process.stdout.write(
  process.argv.includes('--github')
    ? `${githubOutputs(matrices)}\n`
    : `${JSON.stringify(matrices, null, 2)}\n`,
);
