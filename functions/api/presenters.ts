import type { CaseView, Page, PageRequest } from '../actions/cases/queries';
import { minutesToHours } from '../domain';
import type { ClientView } from '../actions/clients/queries';
import type { OfficeGrant } from '../identity/grant';
import type { CursorCodec } from './cursor';

/**
 * A case as the API shows it: supervisors get the work-facing part only (no decision, no prosecutor,
 * and only the flags about the sentence they supervise).
 */
export function presentCase(view: CaseView, grant: Pick<OfficeGrant, 'siteIds'>) {
  const common = {
    id: view.id,
    status: view.status,
    version: view.version,
    createdAt: view.createdAt,
    updatedAt: view.updatedAt,
    client: { id: view.clientId, fullName: view.clientName },
    officerUsername: view.officerUsername,
    origin: view.origin,
    sentence: view.sentence,
    ...(view.currentSiteId ? { currentSiteId: view.currentSiteId } : {}),
    openWarnings: view.openWarnings,
    terms: view.terms,
    clock: view.clock,
    progress: view.progress,
  };
  if (grant.siteIds) return { ...common, flags: view.flags.filter((f) => f.path.startsWith('sentence.')) };
  return {
    ...common,
    flags: view.flags,
    prosecutor: view.prosecutor,
    decision: view.decision,
    ...(view.diversion ? { diversion: view.diversion } : {}),
    ...(view.conversion ? { conversion: view.conversion } : {}),
    ...(view.consent ? { consent: view.consent } : {}),
    ...(view.assessment ? { assessment: view.assessment } : {}),
    ...(view.plan ? { plan: presentPlanSummary(view.plan) } : {}),
    ...(view.completionRecord ? { completionRecord: view.completionRecord } : {}),
    ...(view.notes ? { notes: view.notes } : {}),
    ...(view.openingCredit ? { openingCredit: presentOpeningCredit(view.openingCredit) } : {}),
    ...(view.imported ? { imported: view.imported } : {}),
  };
}

/** Hours served on paper before Abdi, in the API's hours. */
const presentOpeningCredit = ({ minutes, ...source }: NonNullable<CaseView['openingCredit']>) => ({
  hours: minutesToHours(minutes),
  ...source,
});

/** The stored plan summary in the API's hours. */
const presentPlanSummary = ({
  possibleMinutes,
  remainingMinutes,
  ...plan
}: NonNullable<CaseView['plan']>) => ({
  ...plan,
  hoursPossible: minutesToHours(possibleMinutes),
  hoursRemaining: minutesToHours(remainingMinutes),
});

/**
 * A client as the API shows them. What of the NIK and birth date the caller sees was decided by the use
 * case (CL-NIK-MASK): the view holds nothing more, so this only chooses the fields and their order.
 */
export function presentClient(client: ClientView) {
  return {
    id: client.id,
    fullName: client.fullName,
    nik: client.nik,
    nikMasked: client.nikMasked,
    birthYear: client.birthYear,
    ...(client.birthDate ? { birthDate: client.birthDate } : {}),
    sex: client.sex,
    ...(client.isChild === undefined ? {} : { isChild: client.isChild }),
    address: client.address,
    ...(client.phone ? { phone: client.phone } : {}),
    ...(client.guardian ? { guardian: client.guardian } : {}),
    ...(client.smsPreference ? { smsPreference: client.smsPreference } : {}),
    lawfulBasis: client.lawfulBasis,
    childAtOffence: client.childAtOffence,
    caseIds: client.caseIds ?? [],
    version: client.version,
    createdAt: client.createdAt,
  };
}

/** The list a cursor belongs to: a cursor is only valid for the office and list it came from. */
export interface ListScope {
  readonly officeId: string;
  readonly list: string;
}

/**
 * A 200 with one page of a list: decodes the request's cursor for `scope`, reads the page through
 * the use case, presents each item and binds the cursor to the next page to the same scope.
 */
export async function pageResponse<T>(
  cursors: CursorCodec,
  scope: ListScope,
  query: { readonly limit: number; readonly cursor?: string },
  read: (page: PageRequest) => Promise<Page<T>>,
  present: (item: T) => unknown = (item) => item,
) {
  const page = await read({ limit: query.limit, startKey: await cursors.decode(scope, query.cursor) });
  return {
    status: 200,
    body: {
      items: page.items.map((item) => present(item)),
      nextCursor: await cursors.encode(scope, page.lastKey),
    },
  };
}

/** An office as the API shows it: its holiday calendar has its own route (`…/holidays`), not every read. */
export function presentOffice<O extends { holidays?: unknown }>(office: O): Omit<O, 'holidays'> {
  const { holidays: _holidays, ...shown } = office;
  return shown;
}
