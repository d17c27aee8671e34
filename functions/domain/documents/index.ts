/**
 * Official documents (issue 14), pure: the office's number register, the content model every document
 * shares, and the builders of each kind. The PDF renderer is at the edge (functions/documents/).
 */
export * from './document-number';
export * from './official-document';
export * from './words';
export * from './completion-record';
