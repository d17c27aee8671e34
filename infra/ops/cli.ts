import '../local/quiet-sdk-warning';
import { parseArgs } from 'node:util';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { AuditStore } from '../../functions/store/audit-store';
import { CognitoIdentityProvider } from '../../functions/store/cognito-identity-provider';
import { DirectoryStore } from '../../functions/store/directory-store';
import { createDocumentClient } from '../../functions/store/dynamo-client';
import { RetentionStore } from '../../functions/store/retention-store';
import { UpgradeStore } from '../../functions/store/upgrade-store';
import { UserStore } from '../../functions/store/user-store';
import { mainTable, physicalName } from '../../functions/tables';
import { deployments, selectDeployments } from '../config/deployments';
import { backfillDeployment } from './backfill';
import { inviteFirstAdmin, syncOffices } from './offices';

const USAGE = `Operator commands for one deployment (AWS credentials from the environment):

  npm run ops -- sync-offices --deployment <name>
      Adds or updates the offices listed for the deployment in infra/config/offices/<name>.json
      (each in the deployment's regionId, or its own). Offices are never deleted.
  npm run ops -- invite-admin --deployment <name> --office <id> --username <u> --email <e> --full-name <n> \\
      --user-pool-id <id>
      Invites the first admin of an office through Cognito; they manage everyone else in the dashboard.
  npm run ops -- backfill --deployment <name> [--office <id>] [--dry-run]
      After an upgrade: gives records written before a feature the data it keeps (clients' case lists and
      child marks, closed cases' closure dates and retention listing, active placements' housekeeping
      listing). Every office of the deployment, or one. Safe to repeat; --dry-run writes nothing.

Deployments: ${deployments.map((d) => d.name).join(', ')}`;

/** `npm run ops`: tenant administration without a redeploy. Errors end in one line and exit code 1. */
async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      deployment: { type: 'string' },
      office: { type: 'string' },
      username: { type: 'string' },
      email: { type: 'string' },
      'full-name': { type: 'string' },
      'user-pool-id': { type: 'string' },
      'dry-run': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  const [command] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!values.deployment) throw new Error('--deployment is required');
  const [deployment] = selectDeployments(values.deployment);
  const db = createDocumentClient({ region: deployment!.region });
  // The table the App stack uses: a restored one when `tables.nameOverride.main` says so (ADR 0016).
  const tableName =
    deployment!.tables.nameOverride?.main ?? physicalName(`abdi-${deployment!.name}`, mainTable);
  const directory = new DirectoryStore(db, tableName);

  if (command === 'sync-offices') {
    for (const result of await syncOffices(directory, deployment!)) {
      process.stdout.write(`${result.action.padEnd(9)} ${result.id}\n`);
    }
    return;
  }
  if (command === 'invite-admin') {
    const required = (name: 'office' | 'username' | 'email' | 'full-name' | 'user-pool-id') => {
      const value = values[name];
      if (!value) throw new Error(`--${name} is required`);
      return value;
    };
    const identityProvider = new CognitoIdentityProvider(
      new CognitoIdentityProviderClient({ region: deployment!.region }),
      required('user-pool-id'),
    );
    const invitation = await inviteFirstAdmin(
      { directory, users: new UserStore(db, tableName), identityProvider },
      {
        officeId: required('office'),
        username: required('username'),
        email: required('email'),
        fullName: required('full-name'),
        operator: process.env.USER ?? 'operator',
        now: new Date(),
      },
    );
    process.stdout.write(
      invitation
        ? `Invited ${values.username}: Cognito has emailed a temporary password.\n`
        : `${values.username} already has an account: made admin of the office; their password is unchanged.\n`,
    );
    return;
  }
  if (command === 'backfill') {
    const ports = {
      upgrade: new UpgradeStore(db, tableName),
      clients: new RetentionStore(db, tableName),
      audit: new AuditStore(db, tableName),
    };
    const options = { office: values.office, dryRun: values['dry-run'] ?? false };
    for (const line of await backfillDeployment(ports, directory, deployment!, options)) {
      process.stdout.write(`${line}\n`);
    }
    return;
  }
  throw new Error(`Unknown command "${command}". Run npm run ops -- --help.`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
