/**
 * The new case as the officer types it: one reactive object the form's sections bind to, shaped like the
 * `POST /cases` body so each input's name is its request path; the hints the domain validator gives on it
 * (case-hints.ts), the fields still missing, and the body to send.
 */
import type { FieldError } from '../../lib/api';
import type { Client, CreateCaseBody, Sanction, SentenceKind } from '../../lib/api-types';
import type { AppLocale } from '../../lib/format';
import { m } from '../../paraglide/messages.js';
import {
  filled,
  maybe,
  missingFields,
  numberOrNull as num,
  textOrNull,
  trimmed,
} from '../../components/form-helpers';
import { caseHints } from './case-hints';
import { hintText } from './hint-text';

/** The form's fields: the request paths the API reports errors on, in the order they are shown. */
export const CASE_FIELDS = [
  'clientId',
  'officerUsername',
  'prosecutor.name',
  'prosecutor.office',
  'decision.number',
  'decision.court',
  'decision.date',
  'decision.offenceArticles',
  'decision.threatenedMaxMonths',
  'decision.imposed.prisonMonths',
  'decision.imposed.fineRupiah',
  'decision.nonComplianceSanction',
  'sentence.kind',
  'sentence.hours',
  'sentence.maxHoursPerDay',
  'sentence.daysPerWeek',
  'sentence.startDate',
  'sentence.deadline',
  'consent.given',
  'consent.recordedOn',
  'notes',
] as const;

type Numbers<K extends string> = Record<K, number | null>;

export class CaseDraftState {
  client = $state<Client | null>(null);
  officerUsername = $state('');
  prosecutor = $state({ name: '', office: '' });
  decision = $state({ number: '', court: '', date: '', offenceArticles: '' });
  threatened = $state<Numbers<'threatenedMaxMonths'>>({ threatenedMaxMonths: null });
  imposed = $state<Numbers<'prisonMonths' | 'fineRupiah'>>({ prisonMonths: null, fineRupiah: null });
  sanction = $state<Sanction | ''>('');
  kind = $state<SentenceKind>('kerja_sosial');
  sentence = $state<
    Numbers<'hours' | 'maxHoursPerDay' | 'daysPerWeek'> & Record<'startDate' | 'deadline', string>
  >({ hours: null, maxHoursPerDay: null, daysPerWeek: null, startDate: '', deadline: '' });
  consentGiven = $state(false);
  consentOn = $state('');
  notes = $state('');

  readonly hints = $derived(
    caseHints({
      kind: this.kind,
      hours: num(this.sentence.hours),
      maxHoursPerDay: num(this.sentence.maxHoursPerDay),
      daysPerWeek: num(this.sentence.daysPerWeek),
      startDate: this.sentence.startDate,
      deadline: this.sentence.deadline,
      decisionNumber: this.decision.number,
      decisionDate: this.decision.date,
      threatenedMaxMonths: num(this.threatened.threatenedMaxMonths),
      prisonMonths: num(this.imposed.prisonMonths),
      fineRupiah: num(this.imposed.fineRupiah),
      sanction: this.sanction,
      consentGiven: this.consentGiven,
      clientBirthDate: this.client?.birthDate,
    }),
  );

  readonly #lang: AppLocale;

  constructor(options: { officerUsername: string; today: string; lang: AppLocale }) {
    this.officerUsername = options.officerUsername;
    this.consentOn = options.today;
    this.#lang = options.lang;
  }

  /** A field's hint props for `Field` and its kin: `{...draft.hint('sentence.hours')}`. */
  hint(field: string): { hint: string | undefined; hintBad: boolean } {
    const hint = this.hints[field];
    return { hint: hint && hintText(hint, this.kind, this.#lang), hintBad: hint?.ok === false };
  }

  /** A client chosen (searched, or handed over by the new-client form) sets the sentence's kind. */
  choose(client: Client): void {
    this.client = client;
    this.kind = client.isChild ? 'pelayanan_masyarakat' : 'kerja_sosial';
  }

  /** What the submit refuses before sending: required fields left empty. */
  missing(): FieldError[] {
    const { daysPerWeek: _optional, ...sentence } = this.sentence;
    const missing = missingFields(
      {
        clientId: this.client !== null,
        ...filled({ officerUsername: this.officerUsername }),
        ...filled(this.prosecutor, 'prosecutor.'),
        ...filled({ ...this.decision, ...this.threatened }, 'decision.'),
        'decision.nonComplianceSanction': this.sanction !== '',
        ...filled(sentence, 'sentence.'),
      },
      m.form_required(),
    );
    if (num(this.imposed.prisonMonths) === null && num(this.imposed.fineRupiah) === null) {
      missing.push({ path: 'decision.imposed.prisonMonths', message: m.case_imposed_required() });
    }
    return missing;
  }

  /** The request body; call only once `missing()` is empty. */
  body(): CreateCaseBody {
    const { offenceArticles, ...decision } = trimmed(this.decision);
    return {
      clientId: this.client!.id,
      officerUsername: this.officerUsername.trim(),
      prosecutor: trimmed(this.prosecutor),
      decision: {
        ...decision,
        offenceArticles: offenceArticles.split('\n').flatMap((a) => a.trim() || []),
        threatenedMaxMonths: num(this.threatened.threatenedMaxMonths)!,
        imposed: {
          ...maybe('prisonMonths', num(this.imposed.prisonMonths)),
          ...maybe('fineRupiah', num(this.imposed.fineRupiah)),
        },
        nonComplianceSanction: this.sanction as Sanction,
      },
      sentence: {
        kind: this.kind,
        hours: num(this.sentence.hours)!,
        maxHoursPerDay: num(this.sentence.maxHoursPerDay)!,
        ...maybe('daysPerWeek', num(this.sentence.daysPerWeek)),
        startDate: this.sentence.startDate,
        deadline: this.sentence.deadline,
      },
      consent: { given: this.consentGiven, recordedOn: this.consentOn },
      ...maybe('notes', textOrNull(this.notes)),
    };
  }
}
