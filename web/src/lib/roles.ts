import { codeLabels } from './labels';
import type { Role } from './me';

/** The role's name as Bapas staff know it (e.g. "Pembimbing Kemasyarakatan (PK)"). */
export const roleLabel: (role: Role) => string = codeLabels('role');
