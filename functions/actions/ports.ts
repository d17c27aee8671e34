import type { OfficialDocument } from '../domain/documents';
import type { ImportKind } from '../domain/imports';
import type { IdentityProvider } from '../identity/identity-provider';
import type { MachineClientProvider } from '../identity/machine-client-provider';
import type { AssessmentStore } from '../store/assessment-store';
import type { AuditStore } from '../store/audit-store';
import type { BreachStore } from '../store/breach-store';
import type { CaseStore } from '../store/case-store';
import type { ClientStore } from '../store/client-store';
import type { DirectoryStore } from '../store/directory-store';
import type { DocumentFiles } from '../store/document-files';
import type { DocumentStore } from '../store/document-store';
import type { EvidenceObjects } from '../store/evidence-objects';
import type { ExportFiles } from '../store/export-files';
import type { SubjectExportStore } from '../store/subject-export-store';
import type { SubjectRequestStore } from '../store/subject-request-store';
import type { OfflineRefusalStore } from '../store/offline-refusal-store';
import type { EvidenceStore } from '../store/evidence-store';
import type { RetentionStore } from '../store/retention-store';
import type { RetentionSettings } from '../domain/data-protection/retention-schedule';
import type { IntegrationStore } from '../store/integration-store';
import type { OfficePolicyStore } from '../store/office-policy-store';
import type { IdempotencyPort } from '../store/idempotency';
import type { PartnerStore } from '../store/partner-store';
import type { RecordKeys } from '../store/record-keys';
import type { ReminderLog } from '../store/reminder-log';
import type { PaymentStore } from '../store/payment-store';
import type { PlacementStore } from '../store/placement-store';
import type { SessionStore } from '../store/session-store';
import type { SiteStore } from '../store/site-store';
import type { SlotStore } from '../store/slot-store';
import type { SummaryStore } from '../store/summary-store';
import type { UserStore } from '../store/user-store';
import type { WarningStore } from '../store/warning-store';
import type { WebhookDeliveryStore } from '../store/webhook-deliveries';
import type { WebhookSubscriptionStore } from '../store/webhook-subscriptions';
import type { ImportFiles, ImportJobs } from './imports/import-ports';
import type { ImportStore } from '../store/import-store';

/** Lays a document model out as a PDF, deterministically (ADR 0015). */
export interface DocumentRenderer {
  /** `draft`: marked DRAF across every page (a preview, never stored). */
  render(
    model: OfficialDocument,
    options?: { draft?: boolean },
  ): Promise<{ bytes: Uint8Array; pages: number }>;
  /** The same model as a workbook: its fields, tables and charts (the reports' XLSX). */
  spreadsheet(model: OfficialDocument): Promise<Uint8Array>;
  /** An import kind's template workbook (issue 22), generated from the column model. */
  importTemplate(kind: ImportKind, locale: 'id' | 'en'): Promise<Uint8Array>;
  /** SHA-256 (hex) of the model's canonical content: the fingerprint printed on the paper. */
  fingerprint(model: OfficialDocument): string;
  /** pdfmake's version and the fonts': the same version renders the same bytes. */
  readonly version: string;
}

/**
 * Outcomes the deployment counts (platform/business-metrics.ts: CloudWatch metrics in namespace `Abdi`).
 * Counts and minutes only, with no office, case or person: a per-office dimension would multiply the
 * metrics' cost by the offices, and the table answers per-office questions. Called after the write
 * that made the outcome committed, once per outcome (never on a retried attempt or a replayed request).
 */
export interface BusinessEvents {
  /** A session was recorded, crediting `creditedMinutes` (0 while a supervisor's awaits verification). */
  sessionRecorded(creditedMinutes: number): void;
  /** A session was verified or corrected: the case's credited minutes moved by `delta` (may be negative). */
  sessionCorrected(delta: number): void;
  /** Stored evidence got its verdict from its bytes. */
  evidenceDecided(verdict: 'verified' | 'rejected'): void;
}

/**
 * What a use case may reach outside itself: the stores, the identity provider, the evidence bucket and
 * the clock. Built once per cold start (`platform/dependencies.ts`); tests build it over DynamoDB Local.
 */
export interface Ports {
  readonly directory: DirectoryStore;
  /** An office's own settings, on the office item the guard reads. */
  readonly officePolicies: OfficePolicyStore;
  readonly users: UserStore;
  readonly clients: ClientStore;
  readonly cases: CaseStore;
  readonly sessions: SessionStore;
  readonly partners: PartnerStore;
  readonly sites: SiteStore;
  /** Placements, in the case partition; written with the case and the site's occupancy. */
  readonly placements: PlacementStore;
  /** Accepted schedule slots (case partition) and the per-day site load (ADR 0014). */
  readonly slots: SlotStore;
  /** Warnings and referrals to the jaksa, in the case partition. */
  readonly warnings: WarningStore;
  /** Assessments (Litmas), in the case partition; written with the case. */
  readonly assessments: AssessmentStore;
  /** Payments toward a converted fine (KUHP 82), in the case partition; written with the case. */
  readonly payments: PaymentStore;
  /** The reminder log (ADR 0014): claims, outcomes, and a case's reminders for its route. */
  readonly reminders: ReminderLog;
  readonly audit: AuditStore;
  /** The retention listing, marks and deletion log (issue 17, ADR 0020), read by the dry run. */
  readonly retention: RetentionStore;
  /** The retention schedule in force (`RETENTION_SCHEDULE`) and how far ahead the dry run looks. */
  readonly retentionSettings: RetentionSettings;
  /** The breach register (UU 27/2022 Pasal 46): the breach and each affected office's copy (ADR 0022). */
  readonly breaches: BreachStore;
  readonly summary: SummaryStore;
  /** Evidence records (in the case partition) and the evidence bucket (presigned URLs only). */
  readonly evidence: EvidenceStore;
  readonly evidenceObjects: EvidenceObjects;
  /** Deployment settings for evidence: the largest upload (`MAX_UPLOAD_BYTES`). */
  readonly evidenceSettings: { readonly maxUploadBytes: number };
  readonly identityProvider: IdentityProvider;
  /** Partner systems' machine clients: Abdi's records of them, and the provider holding their secrets. */
  readonly integrations: IntegrationStore;
  /** An office's webhook subscriptions and their delivery logs (ADR 0013). */
  readonly webhooks: WebhookSubscriptionStore;
  readonly webhookDeliveries: WebhookDeliveryStore;
  /**
   * Where webhooks may go (WH-URL): in the cloud public https hosts only (`isPublicHost` tells an
   * address literal's range); local mode allows a receiver on the laptop.
   */
  readonly webhookTargets: { readonly mode: 'cloud' | 'local'; isPublicHost(host: string): boolean };
  readonly machineClients: MachineClientProvider;
  /** Issued documents, their register counters and verification records (ADR 0015). */
  readonly documents: DocumentStore;
  /** The documents bucket: stored files, read back through presigned links only. */
  readonly documentFiles: DocumentFiles;
  /** The office's log of data subjects' requests (issue 17, UU 27/2022). */
  readonly subjectRequests: SubjectRequestStore;
  /** Subjects' exports: their records (the case partition read whole) and the export's transaction. */
  readonly subjectExports: SubjectExportStore;
  /** Offline records the API refused on sync, kept for the PK (issue 20, ADR 0024). */
  readonly offlineRefusals: OfflineRefusalStore;
  /**
   * The exports bucket and how long an export is kept: only the documents function (and local mode) has
   * them; an export refuses to run without.
   */
  readonly exportFiles?: ExportFiles;
  readonly exportsRetentionDays: number;
  /** The imports bucket (issue 22): presigned uploads, the uploaded file, the report workbook. */
  readonly importFiles: ImportFiles;
  /** Starts or resumes an import's job after the request (a queue in the cloud, in-process locally). */
  readonly importJobs: ImportJobs;
  /** Imports, their rows' report and the office's saved header mappings (issue 22). */
  readonly imports: ImportStore;
  /**
   * The PDF renderer: only the documents function has one (pdfmake and its fonts stay out of the API
   * bundle); a use case that renders refuses to run without it.
   */
  readonly documentRenderer?: DocumentRenderer;
  /**
   * The dashboard's public origin (`https://abdi.example.go.id`) for the verification links printed on
   * documents: set where documents are issued (the documents function, local mode).
   */
  readonly publicUrl?: string;
  /**
   * How this deployment's invitations reach people (`email` from Cognito, a `link` in local mode), so an
   * invitation that must not create an account can still answer in the same shape (USER-GLOBAL-USERNAME).
   */
  readonly invitationDelivery: 'email' | 'link';
  /** The keys of records a route reads first, for the guard's read-ahead (ADR 0011). */
  readonly recordKeys: RecordKeys;
  /** `Idempotency-Key` records, written by the request's own transaction (ADR 0011). */
  readonly idempotency: IdempotencyPort;
  /** Runs one request with its own read-ahead, so what the guard read answers the route's first reads. */
  readonly withReadAhead: <T>(run: () => Promise<T>) => Promise<T>;
  /** The only clock a use case reads; the domain receives instants from here, never reads one itself. */
  readonly now: () => Date;
  /** Business metrics: sessions recorded, minutes credited, evidence verified or rejected. */
  readonly businessEvents: BusinessEvents;
}
