/**
 * The new case as the officer types it: one reactive object the form's sections bind to, shaped like the
 * `POST /cases` body so each input's name is its request path; the hints the domain validator gives on it
 * (case-hints.ts), the fields still missing, and the body to send.
 */
import type { FieldError } from '../../lib/api';
import type {
  CaseOrigin,
  Client,
  ConversionBasis,
  CreateCaseBody,
  ReplacedPenalty,
  Sanction,
  SentenceKind,
} from '../../lib/api-types';
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
  'origin',
  'clientId',
  'officerUsername',
  'prosecutor.name',
  'prosecutor.office',
  'decision.number',
  'decision.court',
  'decision.date',
  'decision.offenceDate',
  'decision.offenceArticles',
  'decision.threatenedMaxMonths',
  'decision.imposed.prisonMonths',
  'decision.imposed.fineRupiah',
  'decision.replaces',
  'decision.nonComplianceSanction',
  'diversion.penetapanNumber',
  'diversion.agreementDate',
  'diversion.withoutVictim',
  'conversion.fineRupiah',
  'conversion.legalBasis',
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
  origin = $state<CaseOrigin>('decision');
  client = $state<Client | null>(null);
  officerUsername = $state('');
  prosecutor = $state({ name: '', office: '' });
  decision = $state({ number: '', court: '', date: '', offenceDate: '', offenceArticles: '' });
  replaces = $state<ReplacedPenalty | ''>('');
  diversion = $state({ penetapanNumber: '', agreementDate: '', withoutVictim: false });
  conversion = $state<{ fineRupiah: number | null; legalBasis: ConversionBasis | '' }>({
    fineRupiah: null,
    legalBasis: '',
  });
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
  /** The office's advisory hours a day for a child, once its policy has loaded. */
  childMaxHoursPerDay = $state<number | undefined>(undefined);

  readonly hints = $derived(
    caseHints({
      origin: this.origin,
      kind: this.kind,
      hours: num(this.sentence.hours),
      maxHoursPerDay: num(this.sentence.maxHoursPerDay),
      daysPerWeek: num(this.sentence.daysPerWeek),
      startDate: this.sentence.startDate,
      deadline: this.sentence.deadline,
      decisionNumber: this.decision.number,
      decisionDate: this.decision.date,
      offenceDate: this.decision.offenceDate,
      replaces: this.replaces,
      diversion: this.diversion,
      conversion: { ...this.conversion, fineRupiah: num(this.conversion.fineRupiah) },
      threatenedMaxMonths: num(this.threatened.threatenedMaxMonths),
      prisonMonths: num(this.imposed.prisonMonths),
      fineRupiah: num(this.imposed.fineRupiah),
      sanction: this.sanction,
      consentGiven: this.consentGiven,
      clientBirthDate: this.client?.birthDate,
      childMaxHoursPerDay: this.childMaxHoursPerDay,
    }),
  );

  /** What the validator flags on the finished draft: warnings that do not block saving. */
  readonly flags = $derived(
    Object.values(this.hints).flatMap((h) => (h?.code === 'flag' && h.flag ? [h.flag] : [])),
  );

  readonly #lang: AppLocale;

  constructor(options: { officerUsername: string; today: string; lang: AppLocale }) {
    this.officerUsername = options.officerUsername;
    this.consentOn = options.today;
    this.#lang = options.lang;
  }

  /**
   * A field's hint props for `Field` and its kin: `{...draft.hint('sentence.hours')}`; `fallback` is
   * the field's own help while the validator has nothing to say about it.
   */
  hint(field: string, fallback?: string): { hint: string | undefined; hintBad: boolean } {
    const hint = this.hints[field];
    return { hint: hint ? hintText(hint, this.kind, this.#lang) : fallback, hintBad: hint?.ok === false };
  }

  /** A client chosen (searched, or handed over by the new-client form) sets the sentence's kind. */
  choose(client: Client): void {
    this.client = client;
    this.kind = client.isChild ? 'pelayanan_masyarakat' : 'kerja_sosial';
    this.#childSanction();
  }

  /** The kind chosen by hand (a client's age chooses it otherwise). */
  setKind(kind: SentenceKind): void {
    this.kind = kind;
    this.#childSanction();
  }

  /** A child's non-compliance can only be repeated (SPPA 76(2)): the one choice is made for the PK. */
  #childSanction(): void {
    if (this.kind === 'pelayanan_masyarakat') this.sanction = 'repeat';
  }

  /**
   * The way into the case: a diversion is a child's (pelayanan masyarakat), a conversion an adult's
   * kerja sosial (ORIGIN-DIVERSION, CONV-LEGAL-BASIS); a child's non-compliance can only be repeated.
   */
  setOrigin(origin: CaseOrigin): void {
    this.origin = origin;
    if (origin === 'diversion') this.kind = 'pelayanan_masyarakat';
    if (origin === 'fine_conversion') this.kind = 'kerja_sosial';
    this.#childSanction();
  }

  get child(): boolean {
    return this.kind === 'pelayanan_masyarakat';
  }

  /** What the submit refuses before sending: required fields left empty. */
  missing(): FieldError[] {
    const { daysPerWeek: _optional, ...sentence } = this.sentence;
    const { number, offenceDate, ...decision } = this.decision;
    const byDecision = this.origin === 'decision';
    const missing = missingFields(
      {
        clientId: this.client !== null,
        ...filled({ officerUsername: this.officerUsername }),
        ...filled(this.prosecutor, 'prosecutor.'),
        ...filled(
          {
            ...decision,
            ...(this.origin !== 'diversion' ? { number } : {}),
            ...(this.child ? { offenceDate } : {}),
            ...(byDecision && !this.child ? this.threatened : {}),
          },
          'decision.',
        ),
        'decision.nonComplianceSanction': this.sanction !== '',
        ...(this.origin === 'diversion'
          ? filled(
              {
                penetapanNumber: this.diversion.penetapanNumber,
                agreementDate: this.diversion.agreementDate,
              },
              'diversion.',
            )
          : {}),
        ...(this.origin === 'fine_conversion'
          ? {
              'conversion.fineRupiah': num(this.conversion.fineRupiah) !== null,
              'conversion.legalBasis': this.conversion.legalBasis !== '',
            }
          : {}),
        ...filled(sentence, 'sentence.'),
      },
      m.form_required(),
    );
    const noPenalty = num(this.imposed.prisonMonths) === null && num(this.imposed.fineRupiah) === null;
    if (byDecision && !this.child && noPenalty) {
      missing.push({ path: 'decision.imposed.prisonMonths', message: m.case_imposed_required() });
    }
    return missing;
  }

  /** The request body; call only once `missing()` is empty. */
  body(): CreateCaseBody {
    const { offenceArticles, number, offenceDate, ...decision } = trimmed(this.decision);
    const byDecision = this.origin === 'decision';
    const imposed = {
      ...maybe('prisonMonths', num(this.imposed.prisonMonths)),
      ...maybe('fineRupiah', num(this.imposed.fineRupiah)),
    };
    return {
      origin: this.origin,
      clientId: this.client!.id,
      officerUsername: this.officerUsername.trim(),
      prosecutor: trimmed(this.prosecutor),
      decision: {
        ...decision,
        ...(this.origin !== 'diversion' ? { number } : {}),
        ...maybe('offenceDate', offenceDate || null),
        offenceArticles: offenceArticles.split('\n').flatMap((a) => a.trim() || []),
        ...(byDecision ? maybe('threatenedMaxMonths', num(this.threatened.threatenedMaxMonths)) : {}),
        ...(byDecision && Object.keys(imposed).length ? { imposed } : {}),
        ...(byDecision ? maybe('replaces', this.replaces || null) : {}),
        nonComplianceSanction: this.sanction as Sanction,
      },
      ...(this.origin === 'diversion'
        ? {
            diversion: {
              penetapanNumber: this.diversion.penetapanNumber.trim(),
              agreementDate: this.diversion.agreementDate,
              ...(this.diversion.withoutVictim ? { withoutVictim: true } : {}),
            },
          }
        : {}),
      ...(this.origin === 'fine_conversion'
        ? {
            conversion: {
              fineRupiah: num(this.conversion.fineRupiah)!,
              legalBasis: this.conversion.legalBasis as ConversionBasis,
            },
          }
        : {}),
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
