// Every domain's tables, for Drizzle's typed queries and for `npm run db:generate`.
export * from '../territory/territory.table';
export * from '../instance/instance.table';
export * from '../identity/identity.table';
export * from '../audit/audit.table';
export * from '../notify/notify.table';
export * from '../directory/directory.table';
export * from '../directory/campaign.table';
export * from '../cases/cases.table';
export * from '../broadcast/broadcast.table';
export * from '../cases/cases.referrals.table';
export * from '../cases/rights/retention.table';
export * from '../cases/cases.notes.table';
export * from '../agenda/agenda.table';
export * from '../cases/cases.parcours.table';
export * from '../courses/courses.table';
export * from '../courses/courses.funding.table';
