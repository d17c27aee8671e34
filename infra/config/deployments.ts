/**
 * Every place Abdi runs. One entry becomes one pair of stacks (`Abdi-<name>-Data`, `Abdi-<name>-App`).
 *
 * Both examples stay in ap-southeast-3 (Jakarta): the records are criminal and children's data, and
 * Indonesian rules for public-sector systems (PP 71/2019, UU 27/2022) expect them to stay in the country.
 * Add an `account` to pin a deployment to one AWS account; without it the CLI's credentials decide.
 */
import { parseDeployments, type DeploymentConfig, type DeploymentInput } from './schema';

const MB = 1024 * 1024;

const input: DeploymentInput[] = [
  {
    name: 'sulsel',
    description: 'South Sulawesi (Kanwil Ditjenpas Sulawesi Selatan)',
    region: 'ap-southeast-3',
    offices: [
      { id: 'bapas-palopo', name: 'Bapas Kelas II Palopo', class: 'II', timeZone: 'Asia/Makassar' },
      { id: 'bapas-makassar', name: 'Bapas Kelas I Makassar', class: 'I', timeZone: 'Asia/Makassar' },
      { id: 'bapas-watampone', name: 'Bapas Kelas II Watampone', class: 'II', timeZone: 'Asia/Makassar' },
    ],
    retention: {
      // Five years: long enough to outlive an appeal and a completion record being challenged.
      evidenceObjectLockDays: 1825,
      logRetentionDays: 365,
      pointInTimeRecoveryDays: 35,
    },
    authDomainPrefix: 'abdi-sulsel',
    evidence: { maxUploadBytes: 20 * MB },
    webOrigins: [],
  },
  {
    name: 'jawa-timur',
    description: 'East Java (Kanwil Ditjenpas Jawa Timur)',
    region: 'ap-southeast-3',
    offices: [
      { id: 'bapas-surabaya', name: 'Bapas Kelas I Surabaya', class: 'I', timeZone: 'Asia/Jakarta' },
      { id: 'bapas-malang', name: 'Bapas Kelas I Malang', class: 'I', timeZone: 'Asia/Jakarta' },
      { id: 'bapas-kediri', name: 'Bapas Kelas II Kediri', class: 'II', timeZone: 'Asia/Jakarta' },
    ],
    retention: {
      evidenceObjectLockDays: 1825,
      logRetentionDays: 731,
    },
    authDomainPrefix: 'abdi-jawa-timur',
    alarmEmail: 'ops-abdi-jatim@example.go.id',
    evidence: { maxUploadBytes: 20 * MB },
    webOrigins: [],
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
