// Registers every domain's rules: import this module (the guard does) before deciding anything.
export { identityRules } from '../identity/identity.policy';
export { directoryRules } from '../directory/directory.policy';
export { agendaRules } from '../agenda/agenda.policy';
