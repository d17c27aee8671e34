import { m } from '../paraglide/messages.js';
import { labelsOf } from './labels';
import type { Role } from './me';

/** The role's name as Bapas staff know it (e.g. "Pembimbing Kemasyarakatan (PK)"). */
export const roleLabel = labelsOf({
  admin: m.role_admin,
  officer: m.role_officer,
  supervisor: m.role_supervisor,
  prosecutor: m.role_prosecutor,
  regional: m.role_regional,
  integration: m.role_integration,
} satisfies Record<Role, () => string>);
