/** The new-case hints (case-hints.ts) in the user's language, with their numbers and dates formatted. */
import type { SentenceKind } from '../../lib/api-types';
import { formatDate, formatNumber, formatRupiah, type AppLocale } from '../../lib/format';
import { fieldErrorText } from '../../lib/labels';
import { m } from '../../paraglide/messages.js';
import type { Hint } from './case-hints';

/** The hint's sentence in the user's language, with its numbers and dates formatted. */
export function hintText(hint: Hint, kind: SentenceKind, lang: AppLocale): string {
  const v = hint.values;
  const n = (key: string) => formatNumber(Number(v[key]), lang);
  const adult = kind === 'kerja_sosial';
  switch (hint.code) {
    case 'hours':
      return (adult ? m.hint_hours_adult : m.hint_hours_child)({ min: n('min'), max: n('max') });
    case 'perDay':
      return adult
        ? m.hint_per_day_adult({ max: n('max') })
        : m.hint_per_day_child({ max: n('max'), advisory: n('advisory') });
    case 'window': {
      const latest = v.latest ? formatDate(String(v.latest), lang) : '';
      if (v.scope === 'child')
        return latest
          ? m.hint_window_child({ days: n('days'), latest })
          : m.hint_window_child_empty({ years: n('years') });
      if (v.scope === 'diversion')
        return latest
          ? m.hint_window_diversion({ days: n('days'), max: n('max'), latest })
          : m.hint_window_diversion_empty({ max: n('max') });
      return latest
        ? m.hint_window({ days: n('days'), max: n('max'), latest })
        : m.hint_window_empty({ max: n('max') });
    }
    case 'conversion':
      return m.hint_conversion_max({ max: formatRupiah(Number(v.max), lang) });
    case 'flag':
      return hint.flag ? m.hint_flag({ text: fieldErrorText(hint.flag) }) : '';
    case 'windowOrder':
      return m.hint_window_order();
    case 'feasible':
      return m.hint_feasible({ hours: n('hours'), workDays: n('workDays'), capacity: n('capacity') });
    case 'start':
      return m.hint_start();
    case 'consent':
      return m.hint_consent();
    case 'threatened':
      return m.hint_threatened({ limit: n('limit') });
    case 'imposed':
      return m.hint_imposed({ prison: n('prison'), fine: formatRupiah(Number(v.fine), lang) });
    case 'decisionNumber':
      return m.hint_decision_number();
    case 'childDecision':
      return m.hint_child_decision();
    case 'adultDecision':
      return m.hint_adult_decision();
    case 'childAge':
      return m.hint_child_age({ age: n('age'), min: n('min'), max: n('max') });
    case 'rule':
      return hint.violation ? fieldErrorText(hint.violation) : '';
  }
}
