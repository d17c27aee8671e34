import { m } from '../paraglide/messages.js';
import type { Role } from './me';

/** The role's name as Bapas staff know it (e.g. "Pembimbing Kemasyarakatan (PK)"). */
export function roleLabel(role: Role): string {
  switch (role) {
    case 'admin':
      return m.role_admin();
    case 'officer':
      return m.role_officer();
    case 'supervisor':
      return m.role_supervisor();
    case 'prosecutor':
      return m.role_prosecutor();
    case 'regional':
      return m.role_regional();
    case 'integration':
      return m.role_integration();
    default:
      return role satisfies never;
  }
}
