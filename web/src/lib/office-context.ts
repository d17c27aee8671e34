/**
 * The office a screen works in, with the user's roles and capabilities there. Provided by
 * `OfficeFrame` for every `/o/<officeId>/…` route once `/v1/me` shows the user belongs to it.
 */
import { sharedContext } from './context';
import { todayIn } from './format';
import { locale } from './labels';
import type { Me, Office, Role } from './me';
import type { Capabilities } from './office';
import { useSession } from './session.svelte';

export interface OfficeContext {
  readonly office: Office;
  readonly me: Me;
  readonly roles: readonly Role[];
  readonly can: Capabilities;
}

const context = sharedContext<OfficeContext>('Office', 'OfficeFrame');

export const provideOffice = context.provide;
export const useOffice = context.use;

/**
 * What an office screen starts from: the office context, the API session, the user's language and the
 * office's date today (fixed for the screen's lifetime).
 */
export function useOfficeScreen() {
  const context = useOffice();
  return {
    ...context,
    session: useSession(),
    lang: locale(),
    today: todayIn(context.office.timeZone, new Date()),
  };
}
