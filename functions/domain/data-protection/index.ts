/** Data protection under UU 27/2022 (issue 17): retention, lawful basis, subject requests, breaches. */
export * from './retention-schedule';
export * from './retention';
export * from './lawful-basis';
export * from './child-protection';
export * from './breaches';
export * from './subject-requests';
