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
  CaseOrigin,
  CaseStatus,
  ConsentStatus,
  DecisionLevel,
  PartnerKind,
  ReferralDecision,
  Sanction,
  SentenceKind,
  SessionOutcome,
} from './api-types';

export const locale = (): AppLocale => getLocale();

/**
 * The labels of one vocabulary, one message per code. Spelled out rather than looked up by a name built
 * at run time (`m[\`status_${code}\`]`): a computed lookup keeps every message of the app in the first
 * download, since the bundler cannot tell which ones it needs. `satisfies` keeps the other guarantee:
 * a code the domain adds without a translation fails the build rather than showing a raw code.
 */
export const labelsOf =
  <C extends string>(messages: Readonly<Record<C, () => string>>) =>
  (code: C): string =>
    messages[code]();

export const statusLabel = labelsOf({
  received: m.status_received,
  assessed: m.status_assessed,
  placed: m.status_placed,
  active: m.status_active,
  warned: m.status_warned,
  referred: m.status_referred,
  repeated: m.status_repeated,
  completed: m.status_completed,
  converted: m.status_converted,
  terminated: m.status_terminated,
  closed: m.status_closed,
} satisfies Record<CaseStatus, () => string>);
export const outcomeLabel = labelsOf({
  attended: m.outcome_attended,
  partial: m.outcome_partial,
  excused_absence: m.outcome_excused_absence,
  unexcused_absence: m.outcome_unexcused_absence,
} satisfies Record<SessionOutcome, () => string>);
export const kindLabel = labelsOf({
  kerja_sosial: m.kind_kerja_sosial,
  pelayanan_masyarakat: m.kind_pelayanan_masyarakat,
} satisfies Record<SentenceKind, () => string>);
export const sanctionLabel = labelsOf({
  repeat: m.sanction_repeat,
  serve_prison: m.sanction_serve_prison,
  pay_fine: m.sanction_pay_fine,
} satisfies Record<Sanction, () => string>);
export const consentLabel = labelsOf({
  given: m.consent_given,
  refused: m.consent_refused,
  not_asked: m.consent_not_asked,
} satisfies Record<ConsentStatus, () => string>);
export const levelLabel = labelsOf({
  first_instance: m.level_first_instance,
  appeal: m.level_appeal,
  cassation: m.level_cassation,
  review: m.level_review,
} satisfies Record<DecisionLevel, () => string>);
export const originLabel = labelsOf({
  decision: m.origin_decision,
  fine_conversion: m.origin_fine_conversion,
  diversion: m.origin_diversion,
} satisfies Record<CaseOrigin, () => string>);
export const partnerKindLabel = labelsOf({
  government: m.partner_kind_government,
  religious: m.partner_kind_religious,
  education: m.partner_kind_education,
  health: m.partner_kind_health,
  social: m.partner_kind_social,
  ngo: m.partner_kind_ngo,
  other: m.partner_kind_other,
} satisfies Record<PartnerKind, () => string>);
export const agreementLabel = labelsOf({
  valid: m.agreement_valid,
  expiring: m.agreement_expiring,
  expired: m.agreement_expired,
  not_yet_valid: m.agreement_not_yet_valid,
} satisfies Record<AgreementStatus, () => string>);

export function decisionLabel(decision: ReferralDecision): string {
  return decision === 'continue' ? m.referral_decision_continue() : sanctionLabel(decision);
}

/** A colour family per status for badges: all pass AA as dark text on a light tint. */
const STATUS_TONES = {
  received: 'neutral',
  assessed: 'neutral',
  placed: 'info',
  active: 'info',
  warned: 'warn',
  repeated: 'warn',
  referred: 'danger',
  converted: 'danger',
  terminated: 'danger',
  completed: 'ok',
  closed: 'done',
} as const satisfies Record<CaseStatus, string>;

export const statusTone = (status: CaseStatus): (typeof STATUS_TONES)[CaseStatus] => STATUS_TONES[status];

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
    'client.create': m.audit_client_create,
    'client.correct': m.audit_client_correct,
    'client.reveal-nik': m.audit_client_reveal_nik,
    'client.sms-preference': m.audit_client_sms_preference,
    'client.export': m.audit_client_export,
    'client.export-link': m.audit_client_export_link,
    'offline-refusal.record': m.audit_offline_refusal_record,
    'offline-refusal.resolve': m.audit_offline_refusal_resolve,
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
  'KS-REPLACES': m.rule_ks_replaces,
  'KS-FINE-SUBSTITUTE': m.rule_ks_fine_substitute,
  'CHILD-OFFENCE-AGE': m.rule_child_offence_age,
  'CHILD-UNDER-14': m.rule_child_under_14,
  'CHILD-ADULT-AT-DECISION': m.rule_child_adult_at_decision,
  'CHILD-PERIOD': m.rule_child_period,
  'CHILD-SANCTION': m.rule_child_sanction,
  'CHILD-ADVISORY-HOURS': m.rule_child_advisory_hours,
  'CHILD-SCHOOL-HOURS': m.rule_child_school_hours,
  'OFFICE-POLICY': m.rule_office_policy,
  'ORIGIN-DIVERSION': m.rule_origin_diversion,
  'DIV-PERIOD': m.rule_div_period,
  'CONV-LEGAL-BASIS': m.rule_conv_legal_basis,
  'KS-DAYS-PER-WEEK': m.rule_ks_days_per_week,
  'CR-DAILY-CAP': m.rule_cr_daily_cap,
  'CR-CASE-STATUS': m.rule_cr_case_status,
  'CR-SESSION-SITE': m.rule_cr_session_site,
  'CR-SESSION-PARTNER': m.rule_cr_session_partner,
  'CR-DAYS-PER-WEEK': m.rule_cr_days_per_week,
  'LC-VIA-ASSESSMENT': m.rule_lc_via_assessment,
  'LC-VIA-PLACEMENT': m.rule_lc_via_placement,
  'LC-VIA-WARNING': m.rule_lc_via_warning,
  'LC-VIA-REFERRAL': m.rule_lc_via_referral,
  'LC-CLOSE': m.rule_lc_close,
  'AS-LITMAS': m.rule_as_litmas,
  'AS-AVOID-KIND': m.rule_as_avoid_kind,
  'CHILD-LITMAS': m.rule_child_litmas,
  'OUTCOME-ALLOWED': m.rule_outcome_allowed,
  'OUTCOME-DECIDED-BY': m.rule_outcome_decided_by,
  'OUTCOME-TERMS': m.rule_outcome_terms,
  'PAY-CONVERSION': m.rule_pay_conversion,
  'PAY-AMOUNT': m.rule_pay_amount,
  'PAY-DATE': m.rule_pay_date,
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
