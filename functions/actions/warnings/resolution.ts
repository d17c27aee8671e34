import { resolveOpenWarnings, type CaseStatus, type WarningResolution } from '../../domain';
import type { CaseRecord } from '../../store/case-store';
import type { Ports } from '../ports';

/** The case fields after its open warnings are resolved, and the resolution (none when none was open). */
export interface ClosedWarnings {
  readonly fields: Pick<CaseRecord, 'openWarnings' | 'warningResolutions'>;
  readonly resolution?: WarningResolution;
}

/**
 * Resolves every open warning of `current` by a referral's outcome or the case's end (WARN-RESOLUTION):
 * one read of the newest warning, and a resolution the case (and the outcome) records, however many
 * warnings are open. The caller writes the fields with the case, so the resolution is as current as
 * the case's version.
 */
export async function closeOpenWarnings(
  ports: Pick<Ports, 'warnings'>,
  current: CaseRecord,
  by: { readonly at: string; readonly referralId?: string; readonly endedAs?: CaseStatus },
): Promise<ClosedWarnings> {
  if (current.openWarnings === 0) return { fields: { openWarnings: 0 } };
  const newest = await ports.warnings.newestWarningId(current.officeId, current.id);
  const resolutions = resolveOpenWarnings(current.warningResolutions, current.openWarnings, newest, by);
  return {
    fields: { openWarnings: 0, warningResolutions: resolutions },
    ...(resolutions.length > (current.warningResolutions?.length ?? 0)
      ? { resolution: resolutions.at(-1) }
      : {}),
  };
}
