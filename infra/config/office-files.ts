/**
 * Each deployment's offices as data (issue 16): `infra/config/offices/<deployment>.json`, a JSON array
 * checked with the same schema as the rest of the config (`officeSchema`). Adding or renaming a Bapas
 * is an edit of that file and `npm run ops -- sync-offices`, not a code change: the stacks never read
 * the list (only the time zones, for the timed jobs).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { officeSchema, type OfficeConfig } from './schema';

/** The folder of the office files, beside this module (independent of the working directory). */
export const officesDir = fileURLToPath(new URL('./offices/', import.meta.url));

/** Where a deployment's office list lives. */
export const officeFileOf = (deployment: string, dir = officesDir) => `${dir}${deployment}.json`;

/**
 * The offices listed for `deployment`, validated.
 * @throws Error naming the file and, for a bad entry, its index and field (`[2].timeZone: …`).
 */
export function readOffices(deployment: string, dir = officesDir): OfficeConfig[] {
  const file = officeFileOf(deployment, dir);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new Error(
      `No office list for deployment "${deployment}": create ${file} (a JSON array of offices).`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const result = z.array(officeSchema).min(1).safeParse(data);
  if (!result.success) {
    const lines = result.error.issues.map(
      (issue) =>
        `  - ${issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}: ${issue.message}`,
    );
    throw new Error(`Invalid office list ${file}:\n${lines.join('\n')}`);
  }
  return result.data;
}
