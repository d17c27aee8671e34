/**
 * Every place Abdi runs. One entry becomes one pair of stacks (`Abdi-<name>-Data`, `Abdi-<name>-App`).
 *
 * Both examples stay in ap-southeast-3 (Jakarta): the records are criminal and children's data, and
 * Indonesian rules for public-sector systems (PP 71/2019, UU 27/2022) expect them to stay in the country.
 * Add an `account` to pin a deployment to one AWS account; without it the CLI's credentials decide.
 */
import { parseDeployments, type DeploymentConfig, type DeploymentInput, type OfficeConfig } from './schema';

const MB = 1024 * 1024;

/** The Bapas of one Kanwil by city and class, all in its time zone, named as Ditjenpas names them. */
function bapas(timeZone: OfficeConfig['timeZone'], ...offices: [city: string, cls: 'I' | 'II'][]) {
  return offices.map(([city, cls]) => ({
    id: `bapas-${city.toLowerCase()}`,
    name: `Bapas Kelas ${cls} ${city}`,
    class: cls,
    timeZone,
  }));
}

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
    description: 'South Sulawesi (Kanwil Ditjenpas Sulawesi Selatan)',
    offices: bapas('Asia/Makassar', ['Palopo', 'II'], ['Makassar', 'I'], ['Watampone', 'II']),
    retention: {
      // Five years: long enough to outlive an appeal and a completion record being challenged.
      evidenceObjectLockDays: 1825,
      logRetentionDays: 365,
      pointInTimeRecoveryDays: 35,
    },
  },
  {
    ...inJakarta('jawa-timur'),
    description: 'East Java (Kanwil Ditjenpas Jawa Timur)',
    offices: bapas('Asia/Jakarta', ['Surabaya', 'I'], ['Malang', 'I'], ['Kediri', 'II']),
    retention: { evidenceObjectLockDays: 1825, logRetentionDays: 731 },
    alarmEmail: 'ops-abdi-jatim@example.go.id',
    // Kanwil staff read every office of the region, so East Java asks them for TOTP too.
    mfa: { requiredFor: ['admin', 'officer', 'regional'] },
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
