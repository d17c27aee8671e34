/**
 * Names of the planner's and the reminders' codes (issue 15), apart from `labels.ts` so that only the
 * screens that show them download these messages.
 */
import { m } from '../paraglide/messages.js';
import { labelsOf } from './labels';
import type {
  FeasibilityState,
  HolidayKind,
  ReminderEntry,
  ReminderKind,
  ReminderRecipient,
  SlotStatus,
} from './api-types';

export const feasibilityLabel = labelsOf({
  on_track: m.plan_state_on_track,
  at_risk: m.plan_state_at_risk,
  impossible: m.plan_state_impossible,
} satisfies Record<FeasibilityState, () => string>);

/** Badge tones: impossible reads as danger, at risk as a warning. */
export const feasibilityTone = (state: FeasibilityState): 'ok' | 'warn' | 'danger' =>
  state === 'on_track' ? 'ok' : state === 'at_risk' ? 'warn' : 'danger';

export const slotStatusLabel = labelsOf({
  scheduled: m.slot_status_scheduled,
  fulfilled: m.slot_status_fulfilled,
  missed: m.slot_status_missed,
} satisfies Record<SlotStatus, () => string>);

export const slotStatusTone = (status: SlotStatus): 'info' | 'ok' | 'danger' =>
  status === 'scheduled' ? 'info' : status === 'fulfilled' ? 'ok' : 'danger';

export const holidayKindLabel = labelsOf({
  libur_nasional: m.holiday_kind_libur_nasional,
  cuti_bersama: m.holiday_kind_cuti_bersama,
  local: m.holiday_kind_local,
} satisfies Record<HolidayKind, () => string>);

export const reminderKindLabel = labelsOf({
  'day-before': m.reminder_kind_day_before,
  'end-of-day': m.reminder_kind_end_of_day,
  'at-risk': m.reminder_kind_at_risk,
  impossible: m.reminder_kind_impossible,
} satisfies Record<ReminderKind, () => string>);

export const reminderRecipientLabel = labelsOf({
  client: m.reminder_to_client,
  supervisor: m.reminder_to_supervisor,
  officer: m.reminder_to_officer,
  admin: m.reminder_to_admin,
} satisfies Record<ReminderRecipient, () => string>);

export const reminderStatusLabel = labelsOf({
  sent: m.reminder_status_sent,
  delivered: m.reminder_status_delivered,
  failed: m.reminder_status_failed,
} satisfies Record<ReminderEntry['status'], () => string>);

export const reminderStatusTone = (status: ReminderEntry['status']): 'info' | 'ok' | 'danger' =>
  status === 'sent' ? 'info' : status === 'delivered' ? 'ok' : 'danger';

export const channelLabel = labelsOf({
  sms: m.reminder_channel_sms,
  email: m.reminder_channel_email,
} satisfies Record<ReminderEntry['channel'], () => string>);
