import type { Ports } from '../ports';

/**
 * What the re-planner needs: the case (read and its plan written), its office (zone, policy, holidays),
 * its placements, their sites, the client's days and slots, the sites' load, and the clock. Nothing of the API's identity,
 * evidence or webhooks, so its bundle stays small (platform/replan-workers.ts builds it).
 */
export type ReplanWorkerPorts = Pick<Ports, 'placements' | 'sites' | 'sessions' | 'now'> & {
  readonly slots: Pick<Ports['slots'], 'loadBetween' | 'ofClient' | 'ofCase' | 'release'>;
  readonly cases: Pick<Ports['cases'], 'get' | 'writePlan'>;
  readonly directory: Pick<Ports['directory'], 'getOffice'>;
};
