/**
 * Official documents (issue 14), pure: the office's number register, the content model every document
 * shares, and the builders of each kind. The PDF renderer is at the edge (functions/documents/).
 */
export * from './document-number';
export * from './official-document';
export * from './words';
export * from './completion-record';
export * from './placement-letter';
export * from './attendance-sheet';
export * from './document-parts';
export * from './document-blocks';
export * from './referral-report';
export * from './progress-report';
export * from './document-settings';
export * from './office-figures';
export * from './office-monthly-report';
export * from './regional-rollup';
