/**
 * Partners (with their agreement) and work sites, row by row (issue 22): each row through the API's own
 * schema (createPartnerBody, createSiteBody) and written as recordPartner and recordSite write, with the
 * row's outcome in the same transaction. A partner already in the office (same agreement number) or a
 * site already at its partner (same name) is `existing`.
 */
import { foldKeyText, type RowReading } from '../../domain/imports';
import { RowAlreadyDone } from '../../store/import-case-store';
import type { ImportProblem } from '../../store/import-store';
import { ExtraRefused } from '../../store/office-records';
import type { KindRunner, ImportJobPorts, RowPlan } from './kind-runners';
import { siteLookupKey, type OfficeLookups } from './office-lookups';
import { fromIssues, fromReading, nested, problemOf } from './row-problems';
import { verdict, type Judged, type RowJob } from './row-kind';

/** A partner or site row's verdict; one found already in the office is `existing`. */
const judged = (
  label: string | undefined,
  errors: ImportProblem[],
  warnings: ImportProblem[],
  existing?: { type: 'partner' | 'site'; id: string },
): Judged => verdict(label, errors, warnings, existing ? [existing] : undefined, existing !== undefined);

/** Writes through the store's own create, with the row's outcome joining its transaction. */
async function written(create: () => Promise<unknown>) {
  try {
    await create();
  } catch (error) {
    if (error instanceof ExtraRefused) throw new RowAlreadyDone();
    throw error;
  }
}

export function partnerRunner(ports: ImportJobPorts, job: RowJob, lookups: OfficeLookups): KindRunner {
  const officeId = job.grant.office.id;
  const plannedAgreements = new Set<string>();
  return {
    prepare: () => Promise.resolve(),
    plan(reading: RowReading): RowPlan {
      const errors = fromReading(reading.errors);
      const warnings = fromReading(reading.warnings);
      const label =
        typeof reading.values['partner.name'] === 'string' ? reading.values['partner.name'] : undefined;
      if (errors.length > 0) return { judged: judged(label, errors, warnings) };
      const input = job.inputs.partner(nested(reading.values, 'partner.'));
      if (!input.ok)
        return {
          judged: judged(label, fromIssues('partners', 'partner.', input.issues, job.inputs), warnings),
        };
      const agreement = foldKeyText(input.value.agreement.number);
      const found = lookups.partnersByAgreement.get(agreement);
      if (found) return { judged: judged(label, [], warnings, { type: 'partner', id: found.id }) };
      plannedAgreements.add(agreement);
      const id = job.ids.newId();
      return {
        judged: {
          ...judged(label, [], warnings),
          records: [{ type: 'partner', id, createdVersion: 1 }],
        },
        write: (outcome) =>
          written(() =>
            ports.partners.create(
              officeId,
              id,
              input.value,
              { actor: job.actor, at: job.now, reason: `import ${job.importId}` },
              [ports.imports.rowOutcomeItem(officeId, job.importId, outcome, ['ready', 'warning'])],
            ),
          ),
      };
    },
  };
}

export function siteRunner(ports: ImportJobPorts, job: RowJob, lookups: OfficeLookups): KindRunner {
  const officeId = job.grant.office.id;
  return {
    prepare: () => Promise.resolve(),
    plan(reading: RowReading): RowPlan {
      const errors = fromReading(reading.errors);
      const warnings = fromReading(reading.warnings);
      const values = reading.values;
      const label = typeof values['site.name'] === 'string' ? values['site.name'] : undefined;
      if (errors.length > 0) return { judged: judged(label, errors, warnings) };
      const partner = lookups.partnersByAgreement.get(foldKeyText(String(values['site.partner'] ?? '')));
      if (!partner) {
        const problem = problemOf(
          'sites',
          'site.partner',
          'SITE-PARTNER',
          'No partner of this office has this agreement number.',
          job.inputs,
        );
        return { judged: judged(label, [problem], warnings) };
      }
      const { partner: _partner, ...fields } = nested(values, 'site.');
      const input = job.inputs.site({ ...fields, partnerId: partner.id });
      if (!input.ok)
        return {
          judged: judged(label, fromIssues('sites', 'site.', input.issues, job.inputs), warnings),
        };
      const found = lookups.sitesByName.get(siteLookupKey(partner.id, input.value.name));
      if (found) return { judged: judged(label, [], warnings, { type: 'site', id: found.id }) };
      const id = job.ids.newId();
      return {
        judged: {
          ...judged(label, [], warnings),
          records: [{ type: 'site', id, createdVersion: 1 }],
        },
        write: (outcome) =>
          written(() =>
            ports.sites.create(
              officeId,
              id,
              input.value,
              { actor: job.actor, at: job.now, reason: `import ${job.importId}` },
              [ports.imports.rowOutcomeItem(officeId, job.importId, outcome, ['ready', 'warning'])],
            ),
          ),
      };
    },
  };
}
