/**
 * Names of the API's codes in the user's language: case statuses, session outcomes, sentence kinds,
 * sanctions, referral decisions, audit actions and rule ids. Legal terms stay in Indonesian in both
 * languages (pidana kerja sosial, putusan, jaksa, Litmas).
 */
import { m } from '../paraglide/messages.js';
import { getLocale } from '../paraglide/runtime.js';
import type { FieldError } from './api';
import type { AppLocale } from './format';
import type {
  AgreementStatus,
  CaseStatus,
  PartnerKind,
  ReferralDecision,
  Sanction,
  SentenceKind,
  SessionOutcome,
} from './api-types';

export const locale = (): AppLocale => getLocale();

export function statusLabel(status: CaseStatus): string {
  switch (status) {
    case 'received':
      return m.status_received();
    case 'assessed':
      return m.status_assessed();
    case 'placed':
      return m.status_placed();
    case 'active':
      return m.status_active();
    case 'warned':
      return m.status_warned();
    case 'referred':
      return m.status_referred();
    case 'repeated':
      return m.status_repeated();
    case 'completed':
      return m.status_completed();
    case 'converted':
      return m.status_converted();
    case 'terminated':
      return m.status_terminated();
    case 'closed':
      return m.status_closed();
    default:
      return status satisfies never;
  }
}

/** A colour family per status for badges: all pass AA as dark text on a light tint. */
export function statusTone(status: CaseStatus): 'neutral' | 'info' | 'ok' | 'warn' | 'danger' | 'done' {
  switch (status) {
    case 'received':
    case 'assessed':
      return 'neutral';
    case 'placed':
    case 'active':
      return 'info';
    case 'warned':
    case 'repeated':
      return 'warn';
    case 'referred':
    case 'converted':
    case 'terminated':
      return 'danger';
    case 'completed':
      return 'ok';
    case 'closed':
      return 'done';
    default:
      return status satisfies never;
  }
}

export function outcomeLabel(outcome: SessionOutcome): string {
  switch (outcome) {
    case 'attended':
      return m.outcome_attended();
    case 'partial':
      return m.outcome_partial();
    case 'excused_absence':
      return m.outcome_excused_absence();
    case 'unexcused_absence':
      return m.outcome_unexcused_absence();
    default:
      return outcome satisfies never;
  }
}

export function kindLabel(kind: SentenceKind): string {
  return kind === 'kerja_sosial' ? m.kind_kerja_sosial() : m.kind_pelayanan_masyarakat();
}

export function sanctionLabel(sanction: Sanction): string {
  switch (sanction) {
    case 'repeat':
      return m.sanction_repeat();
    case 'serve_prison':
      return m.sanction_serve_prison();
    case 'pay_fine':
      return m.sanction_pay_fine();
    default:
      return sanction satisfies never;
  }
}

export function decisionLabel(decision: ReferralDecision): string {
  return decision === 'continue' ? m.referral_decision_continue() : sanctionLabel(decision);
}

export function auditActionLabel(action: string): string {
  const labels: Record<string, () => string> = {
    'case.create': m.audit_case_create,
    'case.update': m.audit_case_update,
    'case.transition': m.audit_case_transition,
    'placement.create': m.audit_placement_create,
    'placement.end': m.audit_placement_end,
    'session.create': m.audit_session_create,
    'session.update': m.audit_session_update,
    'session.verify': m.audit_session_verify,
    'warning.create': m.audit_warning_create,
    'referral.create': m.audit_referral_create,
    'referral.outcome': m.audit_referral_outcome,
  };
  return labels[action]?.() ?? action;
}

const RULE_TEXT: Record<string, () => string> = {
  'KS-HOURS': m.rule_ks_hours,
  'KS-ELIGIBILITY': m.rule_ks_eligibility,
  'KS-SANCTION': m.rule_ks_sanction,
  'KS-START': m.rule_ks_start,
  'KS-DEADLINE': m.rule_ks_deadline,
  'KS-PER-DAY': m.rule_ks_per_day,
  'KS-CONSENT': m.rule_ks_consent,
  'KS-FEASIBLE': m.rule_ks_feasible,
  'CHILD-CASE': m.rule_child_case,
  'ID-DECISION-NUMBER': m.rule_id_decision_number,
  'ID-NIK': m.rule_id_nik,
  'ID-NIK-MATCH': m.rule_id_nik_match,
  'TIME-RANGE': m.rule_time_range,
  'CR-WINDOW': m.rule_cr_window,
  'CR-NOT-FUTURE': m.rule_cr_not_future,
  'CR-OVERLAP': m.rule_cr_overlap,
  'LC-TRANSITION': m.rule_lc_transition,
  'LC-COMPLETE-HOURS': m.rule_lc_complete_hours,
  'LC-REASON': m.rule_lc_reason,
  'LC-REFERRAL-OUTCOME': m.rule_lc_referral_outcome,
  'WARN-SESSIONS': m.rule_warn_sessions,
  'REFERRAL-NEEDS-WARNING': m.rule_referral_needs_warning,
  'PL-NONCOMMERCIAL': m.rule_pl_noncommercial,
  'PL-AGREEMENT': m.rule_pl_agreement,
  'PL-SITE-ACTIVE': m.rule_pl_site_active,
  'PL-CAPACITY': m.rule_pl_capacity,
  'PL-PER-DAY': m.rule_pl_per_day,
  'PL-WINDOW': m.rule_pl_window,
  'PL-WEEKDAYS': m.rule_pl_weekdays,
  'EV-TYPE': m.rule_ev_type,
  'EV-SIZE': m.rule_ev_size,
};

/**
 * The sentence shown for a field error. In Indonesian, a known rule's own sentence (the API's messages
 * are English); in English, the API's message, which names the exact values.
 */
export function fieldErrorText(error: FieldError): string {
  if (locale() === 'id' && error.rule) {
    const text = RULE_TEXT[error.rule];
    if (text) return text();
  }
  return error.message;
}

export function partnerKindLabel(kind: PartnerKind): string {
  switch (kind) {
    case 'government':
      return m.partner_kind_government();
    case 'religious':
      return m.partner_kind_religious();
    case 'education':
      return m.partner_kind_education();
    case 'health':
      return m.partner_kind_health();
    case 'social':
      return m.partner_kind_social();
    case 'ngo':
      return m.partner_kind_ngo();
    case 'other':
      return m.partner_kind_other();
    default:
      return kind satisfies never;
  }
}

export function agreementLabel(status: AgreementStatus): string {
  switch (status) {
    case 'valid':
      return m.agreement_valid();
    case 'expiring':
      return m.agreement_expiring();
    case 'expired':
      return m.agreement_expired();
    case 'not_yet_valid':
      return m.agreement_not_yet_valid();
    default:
      return status satisfies never;
  }
}

/** Expired and expiring agreements stand out; a placement needs a valid one (PL-AGREEMENT). */
export function agreementTone(status: AgreementStatus): 'ok' | 'warn' | 'danger' | 'neutral' {
  return status === 'valid'
    ? 'ok'
    : status === 'expiring'
      ? 'warn'
      : status === 'expired'
        ? 'danger'
        : 'neutral';
}
