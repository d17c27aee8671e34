/**
 * Reads what a case's documents say (issue 14) and hands it to their pure builders: the case, its
 * sessions, sites, warnings, referral, evidence, slots and placements, the PK's name. Every list is a
 * few Queries of the case's own partition (a case has at most a few hundred sessions: 240 hours), and
 * the sites a handful of GetItems, so the cost grows with the case, never with the office.
 */
import {
  buildCompletionRecord,
  buildPlacementLetter,
  buildProgressReport,
  buildReferralReport,
  monthPeriod,
  type Official,
  type OfficialDocument,
  type ReportPeriod,
} from '../../domain/documents';
import { compareDates } from '../../domain';
import type { CaseRecord } from '../../store/case-store';
import type { SessionRecord } from '../../store/session-store';
import type { Site } from '../../store/site-store';
import type { Ports } from '../ports';
import { refuse } from '../refusal';
import { allPages } from './all-pages';
import type { DocumentFrame } from './document-frame';

export type CaseSourcePorts = Pick<
  Ports,
  'cases' | 'sessions' | 'sites' | 'partners' | 'warnings' | 'evidence' | 'slots' | 'placements' | 'users'
>;

export type CaseDocumentRequest =
  | { readonly kind: 'completion_record' }
  | { readonly kind: 'referral_report'; readonly referralId?: string }
  | { readonly kind: 'progress_report'; readonly month?: string }
  | { readonly kind: 'placement_letter' };

/** The PK by the name the office knows them by (their username if they left the office since). */
export async function officerOf(
  ports: Pick<Ports, 'users'>,
  officeId: string,
  username: string,
): Promise<Official> {
  const { member } = await ports.users.get(officeId, username);
  return { name: member?.fullName ?? username };
}

const sessionsOf = (ports: CaseSourcePorts, record: CaseRecord) =>
  allPages((page) => ports.sessions.list(record.officeId, record.id, page));

/** The sites the sessions (and the current placement) name, each read once. */
async function sitesOf(ports: CaseSourcePorts, officeId: string, ids: readonly string[]): Promise<Site[]> {
  const found = await Promise.all([...new Set(ids)].map((id) => ports.sites.get(officeId, id)));
  return found.filter((site): site is Site => site !== undefined);
}

/** The office-local date the last credited session was worked: when the ordered hours were done. */
const lastCreditedDate = (sessions: readonly SessionRecord[]): string | undefined =>
  sessions
    .filter((s) => s.creditedMinutes > 0)
    .map((s) => s.date)
    .sort(compareDates)
    .at(-1);

/**
 * The model of a case document. Refuses invalid where the document cannot be written yet (a completion
 * record while hours remain: LC-COMPLETE-HOURS; a placement letter without a placement; a referral
 * report without a referral), naming the rule or the field.
 */
export async function caseDocument(
  ports: CaseSourcePorts,
  record: CaseRecord,
  request: CaseDocumentRequest,
  frame: DocumentFrame,
): Promise<{ model: OfficialDocument; period?: string; siteId?: string }> {
  const officer = await officerOf(ports, record.officeId, record.officerUsername);
  const common = { ...frame.numbered, officer, letterhead: frame.settings.letterhead };
  switch (request.kind) {
    case 'completion_record': {
      const sessions = await sessionsOf(ports, record);
      const sites = await sitesOf(
        ports,
        record.officeId,
        sessions.map((s) => s.siteId),
      );
      const built = buildCompletionRecord({
        ...common,
        case: record,
        sessions,
        sites,
        head: frame.settings.head,
        completedOn: lastCreditedDate(sessions) ?? frame.numbered.issuedOn,
      });
      if (!built.ok) throw refuse.invalid(built.violations, 'The completion record cannot be issued yet.');
      return { model: built.value };
    }
    case 'referral_report': {
      const referral = await referralOf(ports, record, request.referralId);
      const [sessions, warnings, evidence] = await Promise.all([
        sessionsOf(ports, record),
        allPages((page) => ports.warnings.listWarnings(record.officeId, record.id, page)),
        allPages((page) => ports.evidence.list(record.officeId, record.id, { status: 'verified' }, page)),
      ]);
      const cited = new Set(referral.warningIds);
      const sites = await sitesOf(
        ports,
        record.officeId,
        sessions.map((s) => s.siteId),
      );
      const model = buildReferralReport({
        ...common,
        timeZone: frame.timeZone,
        case: record,
        reason: referral.reason,
        warnings: warnings.filter((w) => cited.has(w.id)),
        sessions,
        evidence,
        sites,
        head: frame.settings.head,
      });
      return { model };
    }
    case 'progress_report': {
      const [sessions, warnings, slots] = await Promise.all([
        sessionsOf(ports, record),
        allPages((page) => ports.warnings.listWarnings(record.officeId, record.id, page)),
        ports.slots.ofCase(record.officeId, record.id),
      ]);
      const period: ReportPeriod = request.month
        ? monthPeriod(request.month)
        : { from: record.sentence.startDate, to: frame.numbered.issuedOn };
      const sites = await sitesOf(ports, record.officeId, [
        ...sessions.map((s) => s.siteId),
        ...slots.map((s) => s.siteId),
      ]);
      const model = buildProgressReport({
        ...common,
        timeZone: frame.timeZone,
        case: record,
        period,
        sessions,
        warnings,
        slots,
        sites,
      });
      return { model, ...(request.month ? { period: request.month } : {}) };
    }
    case 'placement_letter':
      return placementLetter(ports, record, frame, officer);
  }
}

async function referralOf(ports: CaseSourcePorts, record: CaseRecord, referralId?: string) {
  const referral = referralId
    ? await ports.warnings.getReferral(record.officeId, record.id, referralId)
    : (await ports.warnings.listReferrals(record.officeId, record.id, { limit: 1 })).items[0];
  if (!referral) {
    throw refuse.invalid(
      [
        {
          path: 'referralId',
          message: referralId ? 'No such referral of this case.' : 'The case has no referral yet.',
        },
      ],
      'A referral report reports a referral: refer the case first.',
    );
  }
  return referral;
}

/** The letter for the case's current placement, to the partner whose site it is. */
async function placementLetter(
  ports: CaseSourcePorts,
  record: CaseRecord,
  frame: DocumentFrame,
  officer: Official,
): Promise<{ model: OfficialDocument; siteId: string }> {
  const placements = await allPages((page) => ports.placements.list(record.officeId, record.id, page));
  const placement = placements
    .filter((p) => p.status === 'active')
    .sort((a, b) => b.from.localeCompare(a.from))[0];
  if (!placement) {
    throw refuse.invalid(
      [{ path: 'caseId', message: 'The case has no active placement.' }],
      'A placement letter is written for a placement: place the client first.',
    );
  }
  const site = await ports.sites.get(record.officeId, placement.siteId);
  const partner = site ? await ports.partners.get(record.officeId, site.partnerId) : undefined;
  if (!site || !partner) throw refuse.notFound("The placement's site or partner is no longer recorded.");
  const model = buildPlacementLetter({
    ...frame.numbered,
    letterhead: frame.settings.letterhead,
    head: frame.settings.head,
    officer,
    case: {
      clientName: record.clientName,
      ...(record.origin ? { origin: record.origin } : {}),
      decision: record.decision,
      ...(record.diversion ? { diversion: record.diversion } : {}),
      sentence: record.sentence,
      ...(record.creditedMinutes > 0 ? { hoursRemaining: record.remainingMinutes / 60 } : {}),
    },
    placement,
    site,
    partner: { name: partner.name, city: site.kabupatenKota },
  });
  return { model, siteId: site.id };
}
