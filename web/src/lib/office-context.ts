/**
 * The office a screen works in, with the user's roles and capabilities there. Provided by
 * `OfficeFrame` for every `/o/<officeId>/…` route once `/v1/me` shows the user belongs to it.
 */
import { getContext, setContext } from 'svelte';
import type { Me, Office, Role } from './me';
import type { Capabilities } from './office';

export interface OfficeContext {
  readonly office: Office;
  readonly me: Me;
  readonly roles: readonly Role[];
  readonly can: Capabilities;
}

const KEY = Symbol('office');

export function provideOffice(context: OfficeContext): void {
  setContext(KEY, context);
}

export function useOffice(): OfficeContext {
  const context = getContext<OfficeContext | undefined>(KEY);
  if (!context) throw new Error('useOffice() called outside OfficeFrame');
  return context;
}
