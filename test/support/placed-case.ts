import type { Ports } from '../../functions/actions/ports';
import type { apiCaller } from './api';
import { lawfulCase, newPartner, newSite, registeredCase, wholeWindowPlacement } from './cases';
import { uniqueSuffix } from './environment';
import type { seedDirectory } from './fixtures';

type Call = ReturnType<typeof apiCaller>;
type World = Awaited<ReturnType<typeof seedDirectory>>;

/**
 * The fixture supervisor's work site (`world.siteId`) and its non-commercial partner (PKS valid
 * 2026–2028), written straight through the stores because the API gives new ids. Room for 500 clients,
 * so every case of a test file can be placed there. Call once per world.
 */
export async function fixtureSite(deps: Pick<Ports, 'partners' | 'sites'>, world: World) {
  const at = { actor: 'test', at: new Date('2026-02-01T00:00:00Z') };
  const partnerId = `partner-${uniqueSuffix()}`;
  await deps.partners.create(world.home, partnerId, newPartner(), at);
  await deps.sites.create(
    world.home,
    world.siteId,
    { ...newSite(partnerId, { name: 'Masjid Pengawas' }), capacity: 500, active: true },
    at,
  );
  return { partnerId };
}

/**
 * A case placed at the fixture site (see `fixtureSite`) through the API, every day of its whole window
 * (`wholeWindowPlacement`) unless `placement` says otherwise: sessions are recorded only where and when
 * a placement of the case is in force (CR-SESSION-SITE).
 */
export async function placedCase(
  call: Call,
  world: World,
  options: { case?: Record<string, unknown>; placement?: Record<string, unknown> } = {},
) {
  const registered = await registeredCase(call, world, { status: 'assessed', case: options.case });
  const placed = await call('POST', `${registered.base}/cases/${registered.caseId}/placements`, {
    claims: world.claims.officer,
    body: {
      ...wholeWindowPlacement(world.siteId, lawfulCase('', '', options.case).sentence),
      ...options.placement,
    },
  });
  if (placed.status !== 201) throw new Error(`placement: ${JSON.stringify(placed.body)}`);
  return { ...registered, placementId: placed.body.id as string };
}

/**
 * A scheduled slot of the case on `date`, 08:00–12:00 at the fixture site, written straight through the
 * slot store (no plan checks): for tests of what reads slots (reminders, delivery reports), at any clock.
 */
export async function fixtureSlot(
  deps: Pick<Ports, 'cases' | 'slots'>,
  world: World,
  caseId: string,
  date: string,
) {
  const record = (await deps.cases.get(world.home, caseId))!;
  const written = '2026-05-01T00:00:00.000Z';
  await deps.slots.replace({
    case: record,
    from: date,
    until: date,
    before: [],
    after: [
      {
        caseId,
        clientId: record.clientId,
        siteId: world.siteId,
        date,
        startTime: '08:00',
        endTime: '12:00',
        minutes: 240,
        status: 'scheduled',
        scheduledBy: world.people.officer,
        version: 1,
        createdAt: written,
        updatedAt: written,
      },
    ],
    capacity: { [world.siteId]: 500 },
    actor: { actor: world.people.officer, at: new Date(written) },
  });
  return record;
}
