/**
 * A cases row, judged and planned (issue 22). The row walks the use cases' own path, in their order and
 * with their rules: the client's registration (registerClient), the case's (registerCase), its Litmas
 * (recordAssessment), its placement (placeCase), then what was done on paper (the opening credit, the
 * warnings, the status reached; domain/imports/paper-history.ts). Each step's input goes through the
 * API's own schema and the domain's own validator, with the paper dates as "today", so a row passes
 * exactly when the same records typed into the dashboard on those dates would have.
 *
 * Two differences, both because the office's caseload already exists on paper: a site over capacity is
 * a warning, not a refusal (the client already works there), and a case already in Abdi (same client,
 * court and decision number) is `existing`, not an error: the import is idempotent by natural keys.
 */
import {
  assessCase,
  checkCaseParties,
  committedAsChild,
  DEFAULT_LAWFUL_BASIS,
  flagsAfterPlacement,
  INITIAL_STATUS,
  occupancyByIsoWeekday,
  OPEN_STATUSES,
  policyOf,
  remainingMinutes,
  Rule,
  validateCaseRegistration,
  validateClientRegistration,
  validateNewPlacement,
  type AssessmentSummary,
  type CaseFlag,
  type LocalDate,
} from '../../domain';
import {
  foldKeyText,
  keyString,
  planPaperHistory,
  rowNaturalKey,
  type RowReading,
} from '../../domain/imports';
import type { CaseRecord } from '../../store/case-store';
import type { ImportedCaseRow } from '../../store/import-case-store';
import type { ImportProblem, ImportedRecordRef } from '../../store/import-store';
import type { WarningRecord } from '../../store/warning-store';
import { recordedVerdict } from '../cases/case-law';
import type { CaseChunk } from './case-chunk';
import { siteLookupKey } from './office-lookups';
import { fromIssues, fromReading, fromViolations, nested, problemOf } from './row-problems';
import { verdict, type Judged, type RowJob } from './row-kind';

const KIND = 'cases';
/** Stands in for the id of a client the row will register, while its case is checked. */
const NEW_CLIENT = '00000000000000000000000000';

const PAPER_WARNING_REASON = 'Teguran diterbitkan di atas kertas sebelum Abdi (dibawa oleh impor).';

export interface CasePlan {
  readonly judged: Judged;
  /** What the commit writes; absent for a row with errors or one already in Abdi. */
  readonly write?: ImportedCaseRow;
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** What the report shows for the row: its decision number, never a name or a NIK. */
export const caseRowLabel = (values: Readonly<Record<string, unknown>>) =>
  str(values['case.decision.number']) ?? str(values['case.diversion.penetapanNumber']);

const judged = (
  reading: RowReading,
  errors: ImportProblem[],
  warnings: ImportProblem[],
  records?: ImportedRecordRef[],
  existing = false,
): Judged => verdict(caseRowLabel(reading.values), errors, warnings, records, existing);

export function planCaseRow(job: RowJob, chunk: CaseChunk, reading: RowReading): CasePlan {
  const { inputs } = job;
  const errors = fromReading(reading.errors);
  const warnings = fromReading(reading.warnings);
  if (errors.length > 0) return { judged: judged(reading, errors, warnings) };
  const values = reading.values;
  const today = job.today;

  // 1. The client, as registerClient checks it; an office's client with this NIK is the same person.
  const clientInput = inputs.client({ ...nested(values, 'client.') });
  if (!clientInput.ok)
    return { judged: judged(reading, fromIssues(KIND, 'client.', clientInput.issues, inputs), warnings) };
  const nik = clientInput.value.nik;
  const existingClientId = chunk.clientIdsByNik.get(nik);
  const existingClient = existingClientId ? chunk.clients.get(existingClientId) : undefined;
  if (!existingClient) {
    const verdict = validateClientRegistration(clientInput.value, today);
    if (!verdict.ok) errors.push(...fromViolations(KIND, 'client.', verdict.violations, inputs));
  }
  const birthDate = existingClient?.birthDate ?? clientInput.value.birthDate;

  // 2. The case, as registerCase checks it.
  const caseInput = inputs.case({ ...nested(values, 'case.'), clientId: existingClientId ?? NEW_CLIENT });
  if (!caseInput.ok) {
    errors.push(...fromIssues(KIND, 'case.', caseInput.issues, inputs));
    return { judged: judged(reading, errors, warnings) };
  }
  const input = caseInput.value;
  const officer = chunk.lookups.members.get(input.officerUsername);
  const parties = checkCaseParties({ client: { birthDate }, officer });
  if (!parties.ok)
    errors.push(
      ...fromViolations(
        KIND,
        'case.',
        parties.violations.map((v) => ({ ...v, path: 'officerUsername' })),
        inputs,
      ),
    );
  const registration = validateCaseRegistration(
    { ...input, client: { birthDate } },
    { policy: policyOf(job.grant.office) },
  );
  if (!registration.ok) {
    errors.push(...fromViolations(KIND, 'case.', registration.violations, inputs));
    return { judged: judged(reading, errors, warnings) };
  }
  warnings.push(...fromViolations(KIND, 'case.', registration.value.flags, inputs));

  // Already in Abdi: the same client's case under the same court and number.
  const keyOf = (v: Readonly<Record<string, unknown>>) => {
    const k = rowNaturalKey('cases', v);
    return k ? keyString(k) : undefined;
  };
  const key = keyOf(values);
  const found = existingClientId
    ? (chunk.casesByClient.get(existingClientId) ?? []).find((c) => keyOf(valuesOfCase(c, nik)) === key)
    : undefined;
  if (found) {
    const records: ImportedRecordRef[] = [
      { type: 'client', id: found.clientId },
      { type: 'case', id: found.id },
    ];
    return { judged: judged(reading, errors, warnings, records, true) };
  }

  // 3. The Litmas, as recordAssessment checks it, on its own date.
  let flags: readonly CaseFlag[] = registration.value.flags;
  let assessment: AssessmentSummary | undefined;
  const litmas = nested(values, 'assessment.');
  if (Object.keys(litmas).length > 0) {
    const consent = input.consent
      ? { status: input.consent.given ? 'given' : 'refused', recordedOn: input.consent.recordedOn }
      : { status: 'not_asked', recordedOn: (litmas.litmas as { date?: string } | undefined)?.date };
    const checked = inputs.assessment({
      ...litmas,
      recommendation: 'Litmas di atas kertas sebelum Abdi.',
      consent,
    });
    if (!checked.ok) errors.push(...fromIssues(KIND, 'assessment.', checked.issues, inputs));
    else {
      const decided = assessCase(INITIAL_STATUS, flags, checked.value, checked.value.litmas.date);
      if (!decided.ok) errors.push(...fromViolations(KIND, 'assessment.', decided.violations, inputs));
      else {
        flags = decided.value.flags;
        warnings.push(...fromViolations(KIND, 'assessment.', decided.value.raised, inputs));
        assessment = {
          id: '',
          litmas: checked.value.litmas,
          recommendation: checked.value.recommendation,
          consent: checked.value.consent,
          recordedAt: job.now.toISOString(),
        };
      }
    }
  }

  // 4. The placement, as placeCase checks it, on its first day.
  const siteName = str(values['placement.site.name']);
  let placement: ImportedCaseRow['placement'];
  let siteId: string | undefined;
  if (siteName) {
    const partner = chunk.lookups.partnersByAgreement.get(
      foldKeyText(str(values['placement.site.partner']) ?? ''),
    );
    const site = partner ? chunk.lookups.sitesByName.get(siteLookupKey(partner.id, siteName)) : undefined;
    if (!partner || !site) {
      errors.push(
        problemOf(
          KIND,
          partner ? 'placement.site.name' : 'placement.site.partner',
          Rule.PL_SITE_ACTIVE,
          'No such work site of this office.',
          inputs,
        ),
      );
    } else if (!assessment && input.sentence.kind === 'pelayanan_masyarakat') {
      errors.push(
        problemOf(
          KIND,
          'assessment.litmas.number',
          Rule.CHILD_LITMAS,
          "A child's case is placed only once a Litmas is on record.",
          inputs,
        ),
      );
    } else {
      const { site: _site, ...fields } = nested(values, 'placement.');
      const weekdays = ((values['placement.weekdays'] as string[] | undefined) ?? []).map(Number);
      const request = inputs.placement({ ...fields, siteId: site.id, weekdays });
      if (!request.ok) errors.push(...fromIssues(KIND, 'placement.', request.issues, inputs));
      else {
        const planned = chunk.planned.places.get(site.id) ?? {};
        const occupancy = occupancyByIsoWeekday(site.occupancy);
        for (const [day, n] of Object.entries(planned))
          occupancy[Number(day)] = (occupancy[Number(day)] ?? 0) + n;
        const verdict = validateNewPlacement(request.value, {
          partner: { nonCommercial: partner.nonCommercial, agreement: partner.agreement },
          site: { active: site.active, capacity: site.capacity },
          case: {
            startDate: input.sentence.startDate,
            deadline: input.sentence.deadline,
            maxHoursPerDay: input.sentence.maxHoursPerDay,
          },
          occupancyByWeekday: occupancy,
          today: request.value.from as LocalDate,
          others: [],
        });
        const violations = verdict.ok ? [] : verdict.violations;
        const full = violations.filter((v) => v.rule === Rule.PL_CAPACITY);
        errors.push(
          ...fromViolations(
            KIND,
            'placement.',
            violations.filter((v) => v.rule !== Rule.PL_CAPACITY),
            inputs,
          ),
        );
        warnings.push(
          ...fromViolations(
            KIND,
            'placement.',
            full.slice(0, 1).map((v) => ({ ...v, path: 'site.name' })),
            inputs,
          ),
        );
        flags = flagsAfterPlacement(flags, assessment, partner.kind);
        siteId = site.id;
        placement = {
          id: '',
          officeId: job.grant.office.id,
          caseId: '',
          siteId: site.id,
          weekdays: [...request.value.weekdays].sort((a, b) => a - b),
          startTime: request.value.startTime,
          endTime: request.value.endTime,
          from: request.value.from,
          until: request.value.until,
          status: 'active',
          createdAt: job.now.toISOString(),
        };
      }
    }
  }

  // 5. What was done on paper.
  const creditMinutes = Math.round(((values['paper.credit.hours'] as number | undefined) ?? 0) * 60);
  const paper = planPaperHistory({
    orderedMinutes: input.sentence.hours * 60,
    placed: siteName !== undefined,
    creditMinutes,
    warningDates: (values['paper.warnings.dates'] as string[] | undefined) ?? [],
    ...(values['paper.status'] ? { status: values['paper.status'] as CaseRecord['status'] } : {}),
  });
  if (!paper.ok) errors.push(...fromViolations(KIND, '', paper.violations, inputs));
  if (errors.length > 0 || !paper.ok) return { judged: judged(reading, errors, warnings) };

  // The records, as the use cases would have left them.
  const ids = job.ids;
  const caseId = ids.newId();
  const clientId = existingClientId ?? ids.newId();
  const now = job.now.toISOString();
  const status = paper.value.status;
  const open = OPEN_STATUSES.includes(status) && status !== 'referred';
  const warningRecords: WarningRecord[] = paper.value.warnings.map((w) => ({
    id: ids.warningId(new Date(`${w.issuedOn}T00:00:00.000Z`)),
    caseId,
    level: w.level,
    reason: PAPER_WARNING_REASON,
    sessionIds: [],
    status: paper.value.warningsOpen ? 'open' : 'resolved',
    issuedBy: job.actor,
    issuedAt: `${w.issuedOn}T00:00:00.000Z`,
    ...(paper.value.warningsOpen ? {} : { resolvedAt: now, resolvedByCaseStatus: status }),
  }));
  const assessmentId = assessment ? ids.recordId(caseId) : undefined;
  const record: CaseRecord = {
    ...input,
    ...recordedVerdict(input, registration.value, flags),
    clientId,
    id: caseId,
    officeId: job.grant.office.id,
    clientName: existingClient?.fullName ?? clientInput.value.fullName,
    status,
    version: 1,
    createdAt: now,
    updatedAt: now,
    creditedMinutes: creditMinutes,
    remainingMinutes: remainingMinutes(input.sentence.hours, creditMinutes),
    openWarnings: paper.value.warningsOpen ? warningRecords.length : 0,
    ...(siteId ? { currentSiteId: siteId } : {}),
    ...(assessment ? { assessment: { ...assessment, id: assessmentId! } } : {}),
    ...(creditMinutes > 0 ? { openingCredit: openingCredit(values, creditMinutes) } : {}),
    imported: { importId: job.importId, row: reading.row },
  };
  if (placement) {
    placement = {
      ...placement,
      id: ids.recordId(caseId),
      caseId,
      ...(open ? {} : { status: 'ended', endedAt: now }),
    };
    const days = chunk.planned.places.get(placement.siteId) ?? {};
    if (open) for (const d of placement.weekdays) days[d] = (days[d] ?? 0) + 1;
    chunk.planned.places.set(placement.siteId, days);
  }
  if (!existingClientId) chunk.planned.clients.set(nik, reading.row);
  const write: ImportedCaseRow = {
    client: existingClient
      ? { existingId: existingClient.id, caseIds: existingClient.caseIds ?? [] }
      : {
          created: {
            ...clientInput.value,
            lawfulBasis: clientInput.value.lawfulBasis ?? DEFAULT_LAWFUL_BASIS,
            id: clientId,
            officeId: job.grant.office.id,
            version: 1,
            createdAt: now,
          },
        },
    record,
    ...(assessment && assessmentId
      ? {
          assessment: {
            ...nested(values, 'assessment.'),
            litmas: assessment.litmas,
            recommendation: assessment.recommendation,
            consent: assessment.consent,
            id: assessmentId,
            caseId,
            flags: [],
            recordedBy: job.actor,
            recordedAt: now,
          },
        }
      : {}),
    ...(placement ? { placement } : {}),
    warnings: warningRecords,
    childAtOffence: committedAsChild(birthDate, input),
  };
  const records: ImportedRecordRef[] = [
    { type: 'client', id: clientId, ...(existingClientId ? {} : { createdVersion: 1 }) },
    { type: 'case', id: caseId, createdVersion: 1 },
  ];
  return { judged: judged(reading, errors, warnings, records), write };
}

function openingCredit(values: Readonly<Record<string, unknown>>, minutes: number) {
  const documentNumber = str(values['paper.credit.documentNumber']);
  const documentDate = str(values['paper.credit.date']);
  const signedBy = str(values['paper.credit.signedBy']);
  return {
    minutes,
    ...(documentNumber ? { documentNumber } : {}),
    ...(documentDate ? { documentDate } : {}),
    ...(signedBy ? { signedBy } : {}),
  };
}

/** A stored case's natural-key values, to compare with a row's. */
const valuesOfCase = (c: CaseRecord, nik: string) => ({
  'client.nik': nik,
  'case.decision.court': c.decision.court,
  ...(c.decision.number ? { 'case.decision.number': c.decision.number } : {}),
  ...(c.diversion ? { 'case.diversion.penetapanNumber': c.diversion.penetapanNumber } : {}),
});
