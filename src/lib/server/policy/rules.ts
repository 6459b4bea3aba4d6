// Registers every domain's rules: import this module (the guard does) before deciding anything.
export { identityRules } from '../identity/identity.policy';
export { directoryRules } from '../directory/directory.policy';
export { casesRules } from '../cases/cases.policy';
export { parcoursRules } from '../cases/cases.parcours.policy';
