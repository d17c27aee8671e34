/**
 * Every place Abdi runs. One entry becomes one pair of stacks (`Abdi-<name>-Data`, `Abdi-<name>-App`).
 *
 * Both examples stay in ap-southeast-3 (Jakarta): the records are criminal and children's data, and
 * Indonesian rules for public-sector systems (PP 71/2019, UU 27/2022) expect them to stay in the country.
 * Each names its AWS account (the ids here are placeholders) and its stage: `sulsel` is the staging
 * deployment every change reaches first, `jawa-timur` a production one (its own domain, alarms to a
 * person). A real rollout keeps one staging deployment beside the production ones.
 */
import { readOffices } from './office-files';
import { parseDeployments, type DeploymentConfig, type DeploymentInput } from './schema';

const MB = 1024 * 1024;

/** What every deployment shares: Jakarta, its own login domain and the evidence upload limit. */
const inJakarta = (name: string) => ({
  name,
  region: 'ap-southeast-3',
  authDomainPrefix: `abdi-${name}`,
  evidence: { maxUploadBytes: 20 * MB },
  webOrigins: [],
});

const input: DeploymentInput[] = [
  {
    ...inJakarta('sulsel'),
    stage: 'staging',
    account: '111111111111',
    description: 'South Sulawesi (Kanwil Ditjenpas Sulawesi Selatan)',
    // The Kanwil its Bapas report to; the offices themselves are data: infra/config/offices/sulsel.json.
    regionId: 'sulsel',
    offices: readOffices('sulsel'),
    retention: {
      // Five years: long enough to outlive an appeal and a completion record being challenged.
      evidenceObjectLockDays: 1825,
      logRetentionDays: 365,
      pointInTimeRecoveryDays: 35,
    },
  },
  {
    ...inJakarta('jawa-timur'),
    stage: 'production',
    account: '222222222222',
    description: 'East Java (Kanwil Ditjenpas Jawa Timur)',
    regionId: 'jawa-timur',
    offices: readOffices('jawa-timur'),
    retention: { evidenceObjectLockDays: 1825, logRetentionDays: 731 },
    alarms: { email: 'ops-abdi-jatim@example.go.id' },
    domain: {
      web: 'abdi-jatim.example.go.id',
      certificateArn: 'arn:aws:acm:us-east-1:222222222222:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789',
    },
    // Kanwil staff read every office of the region, so East Java asks them for TOTP too.
    mfa: { requiredFor: ['admin', 'officer', 'regional'] },
    // Sign-in mail through SES from the region's verified domain; email codes become a second factor.
    identity: {
      sesSender: {
        email: 'no-reply@abdi-jatim.example.go.id',
        domain: 'abdi-jatim.example.go.id',
        fromName: 'Abdi Bapas Jawa Timur',
      },
    },
    api: { rateLimit: 200, burstLimit: 400 },
  },
];

/** The validated deployments, defaults filled in. Importing this module fails fast on a bad entry. */
export const deployments: readonly DeploymentConfig[] = parseDeployments(input);

/**
 * The deployments to synthesize: all of them, or the one named by `cdk synth -c deployment=<name>`.
 * @throws Error naming the known deployments when `name` matches none.
 */
export function selectDeployments(
  name: string | undefined,
  from: readonly DeploymentConfig[] = deployments,
): readonly DeploymentConfig[] {
  if (name === undefined || name === '') return from;
  const found = from.filter((deployment) => deployment.name === name);
  if (found.length === 0) {
    const known = from.map((deployment) => deployment.name).join(', ');
    throw new Error(`Unknown deployment "${name}" (-c deployment=…). Known deployments: ${known}.`);
  }
  return found;
}
