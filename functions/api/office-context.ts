// Kept for the routes not yet moved onto use cases; the homes are domain/office.ts and identity/grant.ts.
export { officeToday } from '../domain';
export { actorOf } from '../identity/grant';
