import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Membership, Scope } from '../../functions/identity/principal';
import { DirectoryStore, type Office } from '../../functions/store/directory-store';
import { IntegrationStore } from '../../functions/store/integration-store';
import { keys } from '../../functions/store/keys';
import type { ApiLambda } from './http-adapter';
import type { LocalAuth } from './local-auth';
import { seedDemoCases } from './seed-cases';
import { seedPartnersAndSites } from './seed-partners';

/** Bump when the demo data changes shape, so an old .data folder is reseeded on the next start. */
const SEED_VERSION = 5;
export const DEMO_PASSWORD = 'demo-password';
/**
 * The demo partner system: a machine client owned by the Palopo office, as its admin would create it in
 * the dashboard, but with a known secret so the README's curl works. Rotate it there to see rotation.
 */
export const DEMO_CLIENT = { clientId: 'demo-integration', secret: 'demo-secret' } as const;

export const demoOffices: readonly Office[] = [
  {
    id: 'bapas-palopo',
    name: 'Bapas Kelas II Palopo',
    class: 'II',
    timeZone: 'Asia/Makassar',
    regionId: 'sulsel',
    address: 'Jl. Andi Djemma, Kota Palopo, Sulawesi Selatan',
  },
  {
    id: 'bapas-makassar',
    name: 'Bapas Kelas I Makassar',
    class: 'I',
    timeZone: 'Asia/Makassar',
    regionId: 'sulsel',
    address: 'Jl. Sultan Alauddin, Kota Makassar, Sulawesi Selatan',
  },
];

/** Site ids are fixed so the supervisor's grant and later demo placements can name them. */
export const DEMO_SITE_MASJID_BARA = 'site-palopo-masjid-bara';

/** A demo account with one membership; every demo address is the username at example.invalid. */
const demoUser = (username: string, fullName: string, membership: Membership) => ({
  username,
  fullName,
  email: `${username}@example.invalid`,
  memberships: [membership],
});

export const demoUsers: readonly {
  username: string;
  fullName: string;
  email: string;
  memberships: Membership[];
}[] = [
  demoUser('admin.palopo', 'Andi Nurhayati', { role: 'admin', officeId: 'bapas-palopo' }),
  demoUser('pk.palopo', 'Muhammad Ridwan', { role: 'officer', officeId: 'bapas-palopo' }),
  demoUser('pengawas.bara', 'Haji Baso Lallo', {
    role: 'supervisor',
    officeId: 'bapas-palopo',
    siteIds: [DEMO_SITE_MASJID_BARA],
  }),
  demoUser('jaksa.palopo', 'Rahmawati Said', { role: 'prosecutor', officeId: 'bapas-palopo' }),
  demoUser('kanwil.sulsel', 'Syamsul Bachri', { role: 'regional', regionId: 'sulsel' }),
  demoUser('admin.makassar', 'Daeng Sikki', { role: 'admin', officeId: 'bapas-makassar' }),
];

const DEMO_CLIENT_SCOPES: Scope[] = ['cases:read'];

/**
 * Writes the demo data once per data folder (a marker item records the seed version), so a restart
 * keeps what users entered and `--fresh` starts over.
 */
export async function seedIfNeeded(options: {
  db: DynamoDBDocumentClient;
  tableName: string;
  auth: LocalAuth;
  /** The real API handler: demo cases are entered through it, as the demo PK would. */
  api: ApiLambda;
  now: Date;
}): Promise<boolean> {
  const marker = { pk: 'SEED', sk: 'SEED' };
  const { Item } = await options.db.send(new GetCommand({ TableName: options.tableName, Key: marker }));
  if (Item?.version === SEED_VERSION) return false;

  const directory = new DirectoryStore(options.db, options.tableName);
  for (const office of demoOffices) await directory.putOffice(office);
  await seedPartnersAndSites({ db: options.db, tableName: options.tableName });
  for (const user of demoUsers) {
    await directory.putUser(
      { username: user.username, fullName: user.fullName, email: user.email, status: 'active' },
      user.memberships,
    );
    await options.auth.setPassword(`user:${user.username}`, DEMO_PASSWORD);
  }
  const integrations = new IntegrationStore(options.db, options.tableName);
  if (!(await integrations.get(DEMO_CLIENT.clientId))) {
    // A data folder seeded before v4 holds the client as an operator-made profile no office owns.
    await options.db.send(
      new DeleteCommand({
        TableName: options.tableName,
        Key: { pk: keys.clientPartition(DEMO_CLIENT.clientId), sk: keys.profile },
      }),
    );
    await integrations.create(
      {
        clientId: DEMO_CLIENT.clientId,
        name: 'Demo integration (Kejaksaan Negeri Palopo)',
        ownerOfficeId: 'bapas-palopo',
        offices: ['bapas-palopo'],
        scopes: DEMO_CLIENT_SCOPES,
      },
      { actor: 'admin.palopo', at: options.now },
    );
    await options.auth.setPassword(`client:${DEMO_CLIENT.clientId}`, DEMO_CLIENT.secret, DEMO_CLIENT_SCOPES);
  }

  await seedDemoCases(options.api, options.now);

  await options.db.send(
    new PutCommand({
      TableName: options.tableName,
      Item: { ...marker, version: SEED_VERSION, seededAt: new Date().toISOString() },
    }),
  );
  return true;
}
