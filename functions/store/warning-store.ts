import { decodeTime } from 'ulidx';
import type {
  CaseStatus,
  CaseTerms,
  OutcomeDecider,
  OutcomeScope,
  ReferralDecision,
  ReferralStatus,
  SessionForWarning,
  SessionOutcome,
  WarningLevel,
  WarningState,
  WarningResolution,
  WarningStatus,
} from '../domain';
import { newId } from './audit';
import { CasePartitionStore } from './case-partition';
import type { CaseRecord } from './case-store';
import { getItem } from './read-ahead';
import { keys, withoutKeys } from './keys';
import type { Page, PageRequest } from './paging';
import type { TransactItem } from './transactions';
import type { Actor } from './user-store';

export interface WarningRecord {
  readonly id: string;
  readonly caseId: string;
  readonly level: WarningLevel;
  readonly reason: string;
  readonly sessionIds: readonly string[];
  /**
   * As stored: `open`. What resolved it is named by the resolving record (`WarningResolution`, on the
   * case and the referral); warnings resolved before that are stored `resolved` with what resolved them.
   */
  readonly status: WarningStatus;
  readonly issuedBy: string;
  readonly issuedAt: string;
  readonly resolvedAt?: string;
  readonly resolvedByReferralId?: string;
  readonly resolvedByCaseStatus?: CaseStatus;
}

export interface ReferralOutcome {
  readonly decision: ReferralDecision;
  readonly decidedOn: string;
  /** The jaksa's or court's document (penetapan, surat), as written on it. */
  readonly reference: string;
  /** Who decided, and their name (absent on outcomes recorded before it was asked). */
  readonly decidedBy?: OutcomeDecider;
  readonly deciderName?: string;
  readonly scope?: OutcomeScope;
  /** The terms the case follows after the outcome. */
  readonly terms?: CaseTerms;
  /** The open warnings the outcome resolved, named by the newest of them and their number. */
  readonly resolvedWarnings?: WarningResolution;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

export interface ReferralRecord {
  /** `<caseId>-<ulid>` (`newId`): the outcome finds the case from the id alone. */
  readonly id: string;
  readonly caseId: string;
  readonly reason: string;
  readonly warningIds: readonly string[];
  readonly status: ReferralStatus;
  readonly referredBy: string;
  readonly referredAt: string;
  readonly outcome?: ReferralOutcome;
}

/**
 * The office's open-warning counter. It is its own item, not an attribute of `keys.officeStats`, because
 * a warning or a referral outcome usually changes the case status too, and the status counter already
 * updates `officeStats` in the same transaction: DynamoDB refuses two operations on one item in one
 * transaction. Same partition, so the summary still reads all counters with one BatchGet.
 */
export const warningStats = (officeId: string) => ({ pk: `O#${officeId}#STATS`, sk: 'WARNINGS' });

const WARNING = 'WARNING#';
const REFERRAL = 'REFERRAL#';

/** A referral's key, in its case's partition. */
export const referralKey = (officeId: string, caseId: string, referralId: string) => ({
  pk: keys.casePartition(officeId, caseId),
  sk: `${REFERRAL}${referralId}`,
});

/**
 * Warnings (teguran) and referrals to the jaksa. Both live in the case partition (`WARNING#<ulid>`,
 * `REFERRAL#<caseId>-<ulid>`), so a case's history is one partition and ids sort by time. Each is
 * written with the case change it causes (version check, status counter, audit entry) in one
 * transaction, so a warning never exists without the case change it caused, or the reverse.
 *
 * Resolving warnings never writes the warnings: the outcome or the case's end names them in its own
 * record (WARN-RESOLUTION), so a transaction has the same few items however many warnings a case has
 * (DynamoDB allows 100 per transaction).
 */
export class WarningStore extends CasePartitionStore {
  /**
   * A new warning's id: a ULID (a warning is only ever reached through its case), later than `after`
   * (the newest warning a resolution named) even when this machine's clock is behind.
   */
  newWarningId(at: Date, after?: string): string {
    const floor = after === undefined ? 0 : decodeTime(after) + 1;
    return newId(new Date(Math.max(at.getTime(), floor)));
  }

  /**
   * Issues `warning`: the case becomes `next` (warned, one more open warning) and the office counts one
   * more open warning. Throws `WriteConflict` when the case moved since `current` was read.
   */
  async issue(
    current: CaseRecord,
    next: CaseRecord,
    warning: WarningRecord,
    actor: Actor,
  ): Promise<CaseRecord> {
    return this.saveWithCase(
      current,
      next,
      { ...actor, action: 'warning.create', record: { name: 'warning', after: warning } },
      [
        this.putNew(current.officeId, `${WARNING}${warning.id}`, 'warning', warning),
        this.countOpenWarnings(current.officeId, 1),
      ],
      'warning',
    );
  }

  /** Refers the case to the jaksa: the case becomes `next` (referred). Throws `WriteConflict` as `issue`. */
  async refer(
    current: CaseRecord,
    next: CaseRecord,
    referral: ReferralRecord,
    actor: Actor,
  ): Promise<CaseRecord> {
    return this.saveWithCase(
      current,
      next,
      { ...actor, action: 'referral.create', record: { name: 'referral', after: referral } },
      [this.putNew(current.officeId, `${REFERRAL}${referral.id}`, 'referral', referral)],
      'referral',
    );
  }

  /**
   * Records the jaksa/court outcome of `referral`: the case becomes `next` (its status and terms after
   * the outcome, no open warnings, the outcome's resolution of them), and the office's counter drops by
   * the case's own. Throws `WriteConflict` when the case moved or the referral was decided meanwhile.
   */
  async decide(
    current: CaseRecord,
    next: CaseRecord,
    referral: ReferralRecord,
    outcome: ReferralOutcome,
    actor: Actor,
  ): Promise<CaseRecord> {
    const { officeId } = current;
    return this.saveWithCase(
      current,
      next,
      {
        ...actor,
        action: 'referral.outcome',
        record: { name: 'referral', before: { id: referral.id }, after: { id: referral.id, outcome } },
      },
      [this.decideReferral(officeId, referral, outcome), ...this.closeOpenWarnings(current)],
      'referral',
    );
  }

  /**
   * Ends the case with its open warnings: the case becomes `next` (completed, converted or terminated;
   * `actor.reason` says why; its resolutions name the warnings its end resolved), since nothing is left
   * to act on: they stop counting as open on the case and in the office summary. Throws `WriteConflict`
   * when the case moved meanwhile.
   */
  async endCase(current: CaseRecord, next: CaseRecord, actor: Actor): Promise<CaseRecord> {
    return this.saveWithCase(
      current,
      next,
      { ...actor, action: 'case.transition' },
      this.closeOpenWarnings(current),
      'warning',
    );
  }

  /** The id of the case's newest warning (one item read, however many it has), or undefined. */
  async newestWarningId(officeId: string, caseId: string): Promise<string | undefined> {
    const page = await this.queryCase(officeId, caseId, WARNING, {
      limit: 1,
      consistent: true,
      projection: 'id',
    });
    return page.items[0] ? String(page.items[0].id) : undefined;
  }

  /** Every session of the case, as far as a warning cares (id, outcome, misconduct flag). */
  async sessionsOf(officeId: string, caseId: string): Promise<SessionForWarning[]> {
    const items = await this.all(officeId, caseId, 'SESSION#', 'id, outcome, misconduct');
    return items.map((i) => ({
      id: String(i.id),
      outcome: i.outcome as SessionOutcome,
      ...(i.misconduct === true ? { misconduct: true } : {}),
    }));
  }

  /** Every warning of the case (ids and status as stored), for referrals. */
  async warningStatesOf(officeId: string, caseId: string): Promise<WarningState[]> {
    const items = await this.all(officeId, caseId, WARNING, 'id, #status');
    return items.map((i) => ({ id: String(i.id), status: i.status as WarningRecord['status'] }));
  }

  /** A page of the case's warnings, newest first. */
  async listWarnings(officeId: string, caseId: string, page: PageRequest): Promise<Page<WarningRecord>> {
    return this.pageOf<WarningRecord>(officeId, caseId, WARNING, page);
  }

  /** A page of the case's referrals, newest first, with their outcomes. */
  async listReferrals(officeId: string, caseId: string, page: PageRequest): Promise<Page<ReferralRecord>> {
    return this.pageOf<ReferralRecord>(officeId, caseId, REFERRAL, page);
  }

  async getReferral(
    officeId: string,
    caseId: string,
    referralId: string,
  ): Promise<ReferralRecord | undefined> {
    const item = await getItem(this.db, this.tableName, referralKey(officeId, caseId, referralId), {
      consistent: true,
    });
    return item ? strip<ReferralRecord>(item) : undefined;
  }

  /** Transaction item: the recorded outcome; the condition makes a second outcome fail. */
  private decideReferral(officeId: string, referral: ReferralRecord, outcome: ReferralOutcome): TransactItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: { pk: keys.casePartition(officeId, referral.caseId), sk: `${REFERRAL}${referral.id}` },
        UpdateExpression: 'SET #status = :decided, outcome = :outcome',
        ConditionExpression: '#status = :awaiting',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':decided': 'decided',
          ':awaiting': 'awaiting_outcome',
          ':outcome': outcome,
        },
      },
    };
  }

  /**
   * Transaction items closing the case's open warnings: the office counter moves by the case's own
   * counter, so it stays the sum over cases.
   */
  private closeOpenWarnings(current: CaseRecord): TransactItem[] {
    return current.openWarnings !== 0
      ? [this.countOpenWarnings(current.officeId, -current.openWarnings)]
      : [];
  }

  /** Transaction item: moves the office's open-warning counter by `delta`. */
  countOpenWarnings(officeId: string, delta: number): TransactItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: warningStats(officeId),
        UpdateExpression: 'ADD openWarnings :delta',
        ExpressionAttributeValues: { ':delta': delta },
      },
    };
  }

  private async pageOf<T>(
    officeId: string,
    caseId: string,
    prefix: string,
    page: PageRequest,
  ): Promise<Page<T>> {
    const result = await this.queryCase(officeId, caseId, prefix, page);
    return { items: result.items.map((i) => strip<T>(i)), lastKey: result.lastKey };
  }

  /**
   * All items of one kind in the case partition. A case has at most a few hundred sessions and a handful
   * of warnings, so this is one page in practice; the loop only guards against the 1 MB page limit.
   */
  private async all(officeId: string, caseId: string, prefix: string, projection: string) {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.queryCase(officeId, caseId, prefix, { startKey, projection, consistent: true });
      items.push(...page.items);
      startKey = page.lastKey;
    } while (startKey);
    return items;
  }
}

function strip<T>(item: Record<string, unknown>): T {
  return withoutKeys(item) as T;
}
