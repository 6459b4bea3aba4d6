// Registers every domain's rules: import this module (the guard does) before deciding anything.
export { identityRules } from '../identity/identity.policy';
export { directoryRules } from '../directory/directory.policy';
export { casesRules } from '../cases/cases.policy';
export { referralRules } from '../cases/cases.referrals.policy';
export { casesRightsRules } from '../cases/rights/rights.policy';
export { caseNotesRules } from '../cases/cases.notes.policy';
export { agendaRules } from '../agenda/agenda.policy';
export { parcoursRules } from '../cases/cases.parcours.policy';
export { coursesRules } from '../courses/courses.policy';
