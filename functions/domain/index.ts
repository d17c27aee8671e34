/**
 * Abdi's domain core: the law of community-service sentences as pure functions.
 *
 * No AWS, no I/O, no clock: the caller passes "now" in as values. Every refusal carries a rule id from
 * rules.ts and the request path of the offending field.
 */
export * from './rules';
export * from './calendar';
export * from './hours';
export * from './nik';
export * from './decision-number';
export * from './sentence';
export * from './attendance';
export * from './crediting';
export * from './progress';
export * from './lifecycle';
export * from './warnings';
export * from './placement';
export * from './recording';
export * from './session-reality';
export * from './work-sites';
export * from './membership';
export * from './integration-clients';
export * from './evidence';
export * from './evidence-context';
export * from './office';
export * from './office-policy';
export * from './client';
export * from './client-disclosure';
export * from './case-parties';
export * from './case-registration';
export * from './referral-outcome';
export * from './fine-payments';
export * from './assessment';
export * from './webhook-events';
export * from './webhook-delivery';
export * from './holiday-calendar';
export * from './plan-feasibility';
export * from './planner';
export * from './plan-check';
export * from './scheduled-slots';
export * from './office-holidays';
export * from './indonesian-format';
export * from './date-text';
export * from './reminders';
export * from './reminder-messages';
export * from './delivery-reports';
export * from './offline-records';
export * from './data-protection';
