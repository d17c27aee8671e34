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
