/**
 * The tabs of a case file page. Each tab belongs to one route under /{lang}/pro/dossiers/{id};
 * the server says which ones the actor may open (`visibleTabs`), the header shows only those.
 */
export type CaseTabKey = 'overview' | 'identity' | 'parcours' | 'courses' | 'notes' | 'documents' | 'consents' | 'referrals' | 'access' | 'rights';

export const caseTabs: { key: CaseTabKey; path: string }[] = [
	{ key: 'overview', path: '' },
	{ key: 'identity', path: '/identite' },
	{ key: 'parcours', path: '/parcours' },
	{ key: 'courses', path: '/cours' },
	{ key: 'notes', path: '/notes' },
	{ key: 'documents', path: '/documents' },
	{ key: 'consents', path: '/consentements' },
	{ key: 'referrals', path: '/orientations' },
	{ key: 'access', path: '/acces' },
	{ key: 'rights', path: '/droits' }
];

/** What the header of every case page receives from its load (see cases.presenter.ts). */
export type CaseHeader = {
	id: string;
	displayName: string;
	pseudonymous: boolean;
	status: string;
	owner: boolean;
	ownerOrganisationName: string;
	tabs: CaseTabKey[];
};
