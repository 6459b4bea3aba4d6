import { defineRules, hasPlatformRole, isSignedIn, type Actor } from '../../policy/policy';

/**
 * Rules of the person's rights beyond one file (a file's own pages use cases.file.access-log and
 * cases.file.rights): the retention runs are for platform admins, who see counts, never files.
 */
export const casesRightsRules = defineRules('cases.rights', {
	'retention.view': (a: Actor) => (hasPlatformRole(a, 'platform_admin') ? (isSignedIn(a) && a.secondFactorPassed ? true : 'second-factor') : false)
});
