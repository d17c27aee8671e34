/**
 * The contract's tags, declared once with what each groups, in the order a reader meets them in a
 * case's life. Every route's tag must be one of these (test/unit/api/openapi.test.ts).
 */
export const API_TAGS = [
  { name: 'system', description: 'Health and this contract.' },
  {
    name: 'identity',
    description:
      'Who the caller is, the offices they may work in, their invitations, and an office with its policy.',
  },
  { name: 'users', description: "An office's people: invite, change roles and sites, disable." },
  {
    name: 'integrations',
    description:
      'Machine clients of partner systems (client-credentials tokens), per office, with their scopes.',
  },
  {
    name: 'webhooks',
    description:
      'Signed event deliveries (Standard Webhooks) to partner systems, per office: subscriptions, the delivery log, replay and skip.',
  },
  {
    name: 'partners',
    description:
      'Partners (a Pemda, a mosque, a school) and their cooperation agreement (PKS, Perjanjian Kerja Sama).',
  },
  { name: 'sites', description: "A partner's work sites, with capacity, weekdays and a supervisor." },
  {
    name: 'clients',
    description: 'The sentenced person. The NIK shows masked except in an audited reveal.',
  },
  {
    name: 'cases',
    description:
      'A court order of pidana kerja sosial (adults, 8–240 hours) or pelayanan masyarakat (children, 7–120 hours), from the decision to closure.',
  },
  { name: 'assessments', description: "The PK's (probation officer's) Litmas and assessment of the client." },
  { name: 'placements', description: 'A case placed at a work site, on given weekdays and hours.' },
  {
    name: 'plans',
    description:
      "A proposed schedule that credits a case's remaining hours by its deadline, and its feasibility.",
  },
  {
    name: 'schedule',
    description:
      "Accepted slots: a case's schedule (accepted six weeks at a time), the office's day, and the load per site per week.",
  },
  {
    name: 'reminders',
    description:
      "A case's reminders: the SMS to the client and the emails to the supervisor, the PK and the admins, each sent, delivered or failed.",
  },
  { name: 'sessions', description: 'Work sessions recorded, verified and corrected; the hours they credit.' },
  { name: 'evidence', description: 'Photos and documents: upload, checks (EXIF, place, hash), download.' },
  {
    name: 'offline-records',
    description:
      'Sessions and photos the field app recorded without signal that the API refused on sync, kept for the PK until resolved (ADR 0024).',
  },
  {
    name: 'imports',
    description:
      "Spreadsheet imports of an office's partners, sites and caseload: template, upload, dry run with a row-by-row report, commit, history and undo.",
  },
  { name: 'warnings', description: 'Warnings (teguran) to the client for missed or poor work.' },
  {
    name: 'referrals',
    description:
      'Referrals to the prosecutor (jaksa), or for a child the supervising judge, and their outcome.',
  },
  { name: 'payments', description: 'Part-payments of a fine converted to hours (KUHP Pasal 82).' },
  { name: 'audit', description: "A case's audit trail, and the office's NIK reveals." },
  {
    name: 'retention',
    description:
      'The retention schedule (UU 27/2022 Pasal 43-44, ADR 0020): the dry run of what the nightly job deletes or anonymises by a date, and its deletion records.',
  },
  {
    name: 'data-requests',
    description:
      "Data subjects' requests (UU 27/2022 Pasal 5-13, 30-32): the office's log with each request's 3×24-hour deadline, answers and refusals, and a subject's export of everything held about them.",
  },
  {
    name: 'breaches',
    description:
      'The breach register (UU 27/2022 Pasal 46): breaches, the 3×24-hour notice clock, notices to the data subjects and the authority, affected clients from the audit log, closing with evidence.',
  },
  {
    name: 'summary',
    description: "An office's figures for its dashboard; a region's offices compared, for the Kanwil.",
  },
  {
    name: 'documents',
    description:
      "Official documents (berita acara, reports, letters, attendance sheets): numbered from the office's register, stored under Object Lock with their SHA-256, and checkable by anyone at their verification link.",
  },
] as const;
