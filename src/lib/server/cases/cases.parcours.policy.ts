import { defineRules, hasPlatformRole, isSignedIn, type Actor, type Decision } from '../policy/policy';
import { caseAccess, type FileSubject } from './cases.policy';

/**
 * Rules of the Parcours d'Intégration beyond the sections' own (cases.section.view/edit on
 * 'parcours' open and change the tab; cases.file.list opens the worklist).
 */
export const parcoursRules = defineRules('cases.parcours', {
	/**
	 * The attestation de fréquentation names the person and is handed to them: those who may
	 * change the Parcours (not readers) and also see the identity section, on a file not anonymised.
	 */
	attestation: (a: Actor, f: FileSubject): Decision => {
		const access = caseAccess(a, f);
		if (!access || !isSignedIn(a) || f.status === 'anonymised') return false;
		if (access.role === 'reader' || !access.sections.has('parcours') || !access.sections.has('identity')) return false;
		return a.secondFactorPassed ? true : 'second-factor';
	},
	/** The list of exemption and dispensation reasons: platform admins, with a second factor passed. */
	'reasons.manage': (a: Actor): Decision => (hasPlatformRole(a, 'platform_admin') ? (isSignedIn(a) && a.secondFactorPassed ? true : 'second-factor') : false)
});
