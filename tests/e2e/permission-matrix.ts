/**
 * The expected answer of every route and method, for every kind of visitor. A route or form
 * action missing here fails the suite: declare its row when you add it.
 *
 * Answers: a status number, 'login' (303 to the sign-in page), 'second-factor' (303 to the
 * second-factor set-up or verification page), 'redirect' (another 303/302), 'ok' (200).
 */
export const personas = [
	'anonymous',
	'platformAdmin',
	'directoryEditor',
	'adminA',
	'coordinatorA',
	'workerA',
	'workerA_no2fa',
	'readerA',
	'adminB'
] as const;
export type Persona = (typeof personas)[number];
export type Answer = number | 'ok' | 'login' | 'second-factor' | 'redirect';

type Row = {
	/**
	 * The concrete path, with {orgA}, {orgB}, {serviceA}, {serviceSubmitted} and {token} filled by the
	 * test, and case files: {fileA} (of A), {fileB} (of B, never shared), {fileBGranted} (B's, granted
	 * to A: identity and parcours), {fileBRevoked} and {fileBExpired} (B's, A's grant revoked/expired).
	 * A key may add a variant after ' #' to check the same route on another subject.
	 */
	path: string;
	/** Form fields for POST rows (empty means an empty form). */
	form?: Record<string, string>;
	expect: Partial<Record<Persona, Answer>> & { others: Answer };
};

const everyone = (answer: Answer) => ({ others: answer });
/** A file of A: its members (with a second factor) open it; others get 404; anonymous signs in. */
const caseFileOfA = { anonymous: 'login', workerA_no2fa: 'second-factor', adminA: 'ok', coordinatorA: 'ok', workerA: 'ok', readerA: 'ok' } as const;
const signedIn = (answer: Answer, more: Partial<Record<Persona, Answer>> = {}) => ({ anonymous: 'login' as Answer, others: answer, ...more });
/** Members of organisation A (and platform admins) only; a member of B and outsiders get 403. */
const membersOfA = (answer: Answer) => ({ anonymous: 'login' as Answer, directoryEditor: 403, adminB: 403, others: answer });
/** Organisation A's admins with a second factor, and platform admins. */
const adminsOfA = (answer: Answer) => ({ anonymous: 'login' as Answer, coordinatorA: 403, workerA: 403, workerA_no2fa: 403, readerA: 403, directoryEditor: 403, adminB: 403, others: answer });

/** Directory editors (CRI staff) only. */
const editorsOnly = (answer: Answer) => ({ anonymous: 'login' as Answer, directoryEditor: answer, others: 403 as Answer });
/** Who may confirm organisation A's services: its admins and coordinators, and directory editors. */
const verifiersOfA = (answer: Answer) => ({ anonymous: 'login' as Answer, adminA: answer, coordinatorA: answer, directoryEditor: answer, others: 403 as Answer });

// Keys: "METHOD route-id" for loads and endpoints, "POST route-id ?/action" for form actions.
export const matrix: Record<string, Row> = {
	'GET /': { path: '/', expect: everyone(302) },
	'GET /healthz': { path: '/healthz', expect: everyone('ok') },

	'GET /[lang=lang]': { path: '/fr', expect: everyone('ok') },
	'GET /[lang=lang]/parcours': { path: '/fr/parcours', expect: everyone('ok') },
	'GET /[lang=lang]/communes': { path: '/fr/communes?q=seraing', expect: everyone('ok') },
	'GET /[lang=lang]/accessibilite': { path: '/ar/accessibilite', expect: everyone('ok') },
	'GET /[lang=lang]/vie-privee': { path: '/fr/vie-privee', expect: everyone('ok') },
	'GET /[lang=lang]/mentions-legales': { path: '/fr/mentions-legales', expect: everyone('ok') },
	'GET /[lang=lang]/annuaire': { path: '/fr/annuaire?q=logement&evening=1', expect: everyone('ok') },
	'GET /[lang=lang]/annuaire/[id]': { path: '/fr/annuaire/00000000-0000-4000-8000-000000000000', expect: everyone(404) },
	'POST /[lang=lang]/annuaire/[id] ?/report': { path: '/fr/annuaire/00000000-0000-4000-8000-000000000000', form: { topic: 'other', message: 'Le numéro a changé.' }, expect: everyone(404) },
	'GET /[lang=lang]/annuaire/[id]/fiche.pdf': { path: '/fr/annuaire/00000000-0000-4000-8000-000000000000/fiche.pdf', expect: everyone(404) },
	// Campaign links: an unknown token is a 404 for everyone (a page in the visitor's language).
	'GET /[lang=lang]/verification/[token]': { path: '/fr/verification/{token}', expect: everyone(404) },
	'POST /[lang=lang]/verification/[token] ?/confirm': { path: '/fr/verification/{token}', form: { service: '00000000-0000-4000-8000-000000000000' }, expect: everyone(404) },
	'POST /[lang=lang]/verification/[token] ?/correct': { path: '/fr/verification/{token}', form: { service: '00000000-0000-4000-8000-000000000000', correction: 'Nouvelle adresse.' }, expect: everyone(404) },
	'GET /[lang=lang]/annuaire/livret': { path: '/ar/annuaire/livret', expect: everyone('ok') },
	'GET /[lang=lang]/annuaire/livret.pdf': { path: '/fr/annuaire/livret.pdf?municipality=62096&need=fle', expect: everyone('ok') },

	'GET /api/v1/services': { path: '/api/v1/services?q=logement&evening=1', expect: everyone('ok') },
	'GET /api/v1/services/[id]': { path: '/api/v1/services/00000000-0000-4000-8000-000000000000', expect: everyone(404) },
	'GET /api/v1/taxonomy': { path: '/api/v1/taxonomy', expect: everyone('ok') },
	'GET /api/v1/openapi.json': { path: '/api/v1/openapi.json', expect: everyone('ok') },

	'GET /api/hsds': { path: '/api/hsds/', expect: everyone('ok') },
	'GET /api/hsds/openapi.json': { path: '/api/hsds/openapi.json', expect: everyone('ok') },
	'GET /api/hsds/services': { path: '/api/hsds/services?search=logement&per_page=5', expect: everyone('ok') },
	'GET /api/hsds/services/[id]': { path: '/api/hsds/services/00000000-0000-4000-8000-000000000000', expect: everyone(404) },
	'GET /api/hsds/organizations': { path: '/api/hsds/organizations', expect: everyone('ok') },
	'GET /api/hsds/organizations/[id]': { path: '/api/hsds/organizations/{orgA}', expect: everyone(404) },
	'GET /api/hsds/service_at_locations': { path: '/api/hsds/service_at_locations?per_page=5', expect: everyone('ok') },
	'GET /api/hsds/service_at_locations/[id]': { path: '/api/hsds/service_at_locations/00000000-0000-4000-8000-000000000000', expect: everyone(404) },
	'GET /api/hsds/taxonomies': { path: '/api/hsds/taxonomies', expect: everyone('ok') },
	'GET /api/hsds/taxonomies/[id]': { path: '/api/hsds/taxonomies/00000000-0000-4000-8000-000000000000', expect: everyone(404) },
	'GET /api/hsds/taxonomy_terms': { path: '/api/hsds/taxonomy_terms', expect: everyone('ok') },
	'GET /api/hsds/taxonomy_terms/[id]': { path: '/api/hsds/taxonomy_terms/fle', expect: everyone('ok') },

	'GET /[lang=lang]/pro': { path: '/fr/pro', expect: signedIn('ok') },
	'GET /[lang=lang]/pro/connexion': { path: '/fr/pro/connexion', expect: { anonymous: 'ok', others: 'redirect' } },
	'POST /[lang=lang]/pro/connexion ?/default': { path: '/fr/pro/connexion', form: { email: 'nobody@example.be', password: 'wrong-password' }, expect: { anonymous: 400, others: 'redirect' } },
	'GET /[lang=lang]/pro/connexion/verification': { path: '/fr/pro/connexion/verification', expect: { anonymous: 'login', others: 'redirect' } },
	'POST /[lang=lang]/pro/connexion/verification ?/default': { path: '/fr/pro/connexion/verification', form: { code: '000000' }, expect: { anonymous: 'login', others: 'redirect' } },
	'GET /[lang=lang]/pro/deconnexion': { path: '/fr/pro/deconnexion', expect: signedIn('ok') },
	'POST /[lang=lang]/pro/deconnexion ?/default': { path: '/fr/pro/deconnexion', expect: everyone('login') },
	'GET /[lang=lang]/pro/mot-de-passe-oublie': { path: '/fr/pro/mot-de-passe-oublie', expect: everyone('ok') },
	'POST /[lang=lang]/pro/mot-de-passe-oublie ?/default': { path: '/fr/pro/mot-de-passe-oublie', form: { email: 'not-an-address' }, expect: everyone(400) },
	'GET /[lang=lang]/pro/mot-de-passe/[token]': { path: '/fr/pro/mot-de-passe/{token}', expect: everyone(404) },
	'POST /[lang=lang]/pro/mot-de-passe/[token] ?/default': { path: '/fr/pro/mot-de-passe/{token}', form: { password: 'long-enough-password', confirm: 'long-enough-password' }, expect: everyone(404) },
	'GET /[lang=lang]/pro/invitation/[token]': { path: '/fr/pro/invitation/{token}', expect: everyone(404) },
	'POST /[lang=lang]/pro/invitation/[token] ?/create': { path: '/fr/pro/invitation/{token}', form: { name: 'X', password: 'long-enough-password', confirm: 'long-enough-password' }, expect: everyone(404) },
	'POST /[lang=lang]/pro/invitation/[token] ?/join': { path: '/fr/pro/invitation/{token}', expect: { anonymous: 'login', others: 404 } },

	'GET /[lang=lang]/pro/compte': { path: '/fr/pro/compte', expect: signedIn('ok') },
	'POST /[lang=lang]/pro/compte ?/password': { path: '/fr/pro/compte', expect: signedIn(400) },
	'POST /[lang=lang]/pro/compte ?/locale': { path: '/fr/pro/compte', form: { locale: 'xx' }, expect: signedIn(400) },
	'POST /[lang=lang]/pro/compte ?/revokeSession': { path: '/fr/pro/compte', form: { ref: 'nothing' }, expect: signedIn(404) },
	'POST /[lang=lang]/pro/compte ?/signOutEverywhere': { path: '/fr/pro/compte', expect: signedIn('login') },
	'GET /[lang=lang]/pro/compte/securite': { path: '/fr/pro/compte/securite', expect: signedIn('ok') },
	'POST /[lang=lang]/pro/compte/securite ?/start': { path: '/fr/pro/compte/securite', expect: signedIn(409, { workerA_no2fa: 'ok' }) },
	'POST /[lang=lang]/pro/compte/securite ?/confirm': { path: '/fr/pro/compte/securite', form: { code: 'abc' }, expect: signedIn(400) },
	'POST /[lang=lang]/pro/compte/securite ?/regenerate': { path: '/fr/pro/compte/securite', expect: signedIn('ok', { workerA_no2fa: 403 }) },

	'GET /[lang=lang]/pro/dossiers': { path: '/fr/pro/dossiers', expect: { anonymous: 'login', platformAdmin: 403, directoryEditor: 403, workerA_no2fa: 'second-factor', others: 'ok' } },
	// A case file answers 404 to anyone its policy refuses: whether a file exists is itself private.
	'GET /[lang=lang]/pro/dossiers/[id]': { path: '/fr/pro/dossiers/{fileA}', expect: { ...caseFileOfA, others: 404 } },
	'GET /[lang=lang]/pro/dossiers/[id] #not shared': { path: '/fr/pro/dossiers/{fileB}', expect: { anonymous: 'login', adminB: 'ok', others: 404 } },
	'GET /[lang=lang]/pro/dossiers/[id] #granted to A': { path: '/fr/pro/dossiers/{fileBGranted}', expect: { ...caseFileOfA, adminB: 'ok', others: 404 } },
	'GET /[lang=lang]/pro/dossiers/[id] #grant revoked': { path: '/fr/pro/dossiers/{fileBRevoked}', expect: { anonymous: 'login', adminB: 'ok', others: 404 } },
	'GET /[lang=lang]/pro/dossiers/[id] #grant expired': { path: '/fr/pro/dossiers/{fileBExpired}', expect: { anonymous: 'login', adminB: 'ok', others: 404 } },

	// Parcours d'Intégration: the tab needs the 'parcours' section ({fileBGranted} carries it for A);
	// changes need cases.section.edit (readers get 404 like any refusal); the attestation is refused
	// (409) while the module d'accueil is not done, which is the case of every fixture file.
	'GET /[lang=lang]/pro/dossiers/echeances': { path: '/fr/pro/dossiers/echeances?n=15', expect: { anonymous: 'login', platformAdmin: 403, directoryEditor: 403, workerA_no2fa: 'second-factor', others: 'ok' } },
	'GET /[lang=lang]/pro/dossiers/[id]/parcours': { path: '/fr/pro/dossiers/{fileA}/parcours', expect: { ...caseFileOfA, others: 404 } },
	'GET /[lang=lang]/pro/dossiers/[id]/parcours #not shared': { path: '/fr/pro/dossiers/{fileB}/parcours', expect: { anonymous: 'login', adminB: 'ok', others: 404 } },
	'GET /[lang=lang]/pro/dossiers/[id]/parcours #granted to A': { path: '/fr/pro/dossiers/{fileBGranted}/parcours', expect: { ...caseFileOfA, adminB: 'ok', others: 404 } },
	'GET /[lang=lang]/pro/dossiers/[id]/parcours #grant revoked': { path: '/fr/pro/dossiers/{fileBRevoked}/parcours', expect: { anonymous: 'login', adminB: 'ok', others: 404 } },
	'GET /[lang=lang]/pro/dossiers/[id]/parcours #grant expired': { path: '/fr/pro/dossiers/{fileBExpired}/parcours', expect: { anonymous: 'login', adminB: 'ok', others: 404 } },
	'POST /[lang=lang]/pro/dossiers/[id]/parcours ?/obligation': { path: '/fr/pro/dossiers/{fileA}/parcours', expect: { anonymous: 'login', workerA_no2fa: 'second-factor', adminA: 400, coordinatorA: 400, workerA: 400, others: 404 } },
	'POST /[lang=lang]/pro/dossiers/[id]/parcours ?/obligation #not shared': { path: '/fr/pro/dossiers/{fileB}/parcours', expect: { anonymous: 'login', adminB: 400, others: 404 } },
	'POST /[lang=lang]/pro/dossiers/[id]/parcours ?/obligation #granted to A': { path: '/fr/pro/dossiers/{fileBGranted}/parcours', expect: { anonymous: 'login', workerA_no2fa: 'second-factor', adminA: 400, coordinatorA: 400, workerA: 400, adminB: 400, others: 404 } },
	'POST /[lang=lang]/pro/dossiers/[id]/parcours ?/obligation #grant revoked': { path: '/fr/pro/dossiers/{fileBRevoked}/parcours', expect: { anonymous: 'login', adminB: 400, others: 404 } },
	'POST /[lang=lang]/pro/dossiers/[id]/parcours ?/obligation #grant expired': { path: '/fr/pro/dossiers/{fileBExpired}/parcours', expect: { anonymous: 'login', adminB: 400, others: 404 } },
	'POST /[lang=lang]/pro/dossiers/[id]/parcours ?/step': { path: '/fr/pro/dossiers/{fileA}/parcours', expect: { anonymous: 'login', workerA_no2fa: 'second-factor', adminA: 400, coordinatorA: 400, workerA: 400, others: 404 } },
	'POST /[lang=lang]/pro/dossiers/[id]/parcours ?/step #not shared': { path: '/fr/pro/dossiers/{fileB}/parcours', expect: { anonymous: 'login', adminB: 400, others: 404 } },
	'POST /[lang=lang]/pro/dossiers/[id]/parcours ?/step #granted to A': { path: '/fr/pro/dossiers/{fileBGranted}/parcours', expect: { anonymous: 'login', workerA_no2fa: 'second-factor', adminA: 400, coordinatorA: 400, workerA: 400, adminB: 400, others: 404 } },
	'POST /[lang=lang]/pro/dossiers/[id]/parcours ?/step #grant revoked': { path: '/fr/pro/dossiers/{fileBRevoked}/parcours', expect: { anonymous: 'login', adminB: 400, others: 404 } },
	'POST /[lang=lang]/pro/dossiers/[id]/parcours ?/step #grant expired': { path: '/fr/pro/dossiers/{fileBExpired}/parcours', expect: { anonymous: 'login', adminB: 400, others: 404 } },
	'GET /[lang=lang]/pro/dossiers/[id]/parcours/attestation.pdf': { path: '/fr/pro/dossiers/{fileA}/parcours/attestation.pdf?lang=ar', expect: { anonymous: 'login', workerA_no2fa: 'second-factor', adminA: 409, coordinatorA: 409, workerA: 409, others: 404 } },
	'GET /[lang=lang]/pro/dossiers/[id]/parcours/attestation.pdf #not shared': { path: '/fr/pro/dossiers/{fileB}/parcours/attestation.pdf?lang=ar', expect: { anonymous: 'login', adminB: 409, others: 404 } },
	'GET /[lang=lang]/pro/dossiers/[id]/parcours/attestation.pdf #granted to A': { path: '/fr/pro/dossiers/{fileBGranted}/parcours/attestation.pdf?lang=ar', expect: { anonymous: 'login', workerA_no2fa: 'second-factor', adminA: 409, coordinatorA: 409, workerA: 409, adminB: 409, others: 404 } },
	'GET /[lang=lang]/pro/dossiers/[id]/parcours/attestation.pdf #grant revoked': { path: '/fr/pro/dossiers/{fileBRevoked}/parcours/attestation.pdf?lang=ar', expect: { anonymous: 'login', adminB: 409, others: 404 } },
	'GET /[lang=lang]/pro/dossiers/[id]/parcours/attestation.pdf #grant expired': { path: '/fr/pro/dossiers/{fileBExpired}/parcours/attestation.pdf?lang=ar', expect: { anonymous: 'login', adminB: 409, others: 404 } },

	'GET /[lang=lang]/pro/organisations': { path: '/fr/pro/organisations', expect: signedIn('ok') },
	'POST /[lang=lang]/pro/organisations ?/create': { path: '/fr/pro/organisations', expect: { anonymous: 'login', platformAdmin: 400, others: 403 } },
	'GET /[lang=lang]/pro/organisations/[id]': { path: '/fr/pro/organisations/{orgA}', expect: membersOfA('ok') },
	'POST /[lang=lang]/pro/organisations/[id] ?/update': { path: '/fr/pro/organisations/{orgA}', expect: adminsOfA(400) },
	'GET /[lang=lang]/pro/organisations/[id]/membres': { path: '/fr/pro/organisations/{orgA}/membres', expect: membersOfA('ok') },
	'POST /[lang=lang]/pro/organisations/[id]/membres ?/invite': { path: '/fr/pro/organisations/{orgA}/membres', form: { email: 'x' }, expect: adminsOfA(400) },
	'POST /[lang=lang]/pro/organisations/[id]/membres ?/role': { path: '/fr/pro/organisations/{orgA}/membres', expect: adminsOfA(400) },
	'POST /[lang=lang]/pro/organisations/[id]/membres ?/remove': { path: '/fr/pro/organisations/{orgA}/membres', expect: adminsOfA(400) },
	'POST /[lang=lang]/pro/organisations/[id]/membres ?/revokeInvitation': { path: '/fr/pro/organisations/{orgA}/membres', expect: adminsOfA(400) },
	'GET /[lang=lang]/pro/organisations/[id]/journal': { path: '/fr/pro/organisations/{orgA}/journal', expect: { ...adminsOfA('ok'), platformAdmin: 403 } },

	'GET /[lang=lang]/pro/organisations/[id]/services': { path: '/fr/pro/organisations/{orgA}/services', expect: { anonymous: 'login', platformAdmin: 403, adminB: 403, others: 'ok' } },
	'POST /[lang=lang]/pro/organisations/[id]/services ?/create': { path: '/fr/pro/organisations/{orgA}/services', expect: { anonymous: 'login', platformAdmin: 403, directoryEditor: 403, readerA: 403, adminB: 403, others: 'redirect' } },
	'GET /[lang=lang]/pro/services/[id]': { path: '/fr/pro/services/{serviceA}', expect: { anonymous: 'login', platformAdmin: 403, adminB: 403, others: 'ok' } },
	'POST /[lang=lang]/pro/services/[id] ?/save': { path: '/fr/pro/services/{serviceA}', expect: { anonymous: 'login', platformAdmin: 403, directoryEditor: 403, readerA: 403, adminB: 403, others: 400 } },
	'POST /[lang=lang]/pro/services/[id] ?/submit': { path: '/fr/pro/services/{serviceSubmitted}', expect: { anonymous: 'login', platformAdmin: 403, directoryEditor: 403, readerA: 403, adminB: 403, others: 409 } },
	'POST /[lang=lang]/pro/services/[id] ?/verify': { path: '/fr/pro/services/{serviceA}', expect: { anonymous: 'login', platformAdmin: 403, workerA: 403, workerA_no2fa: 403, readerA: 403, adminB: 403, others: 'ok' } },
	'GET /[lang=lang]/pro/services/[id]/traductions': { path: '/fr/pro/services/{serviceA}/traductions', expect: { anonymous: 'login', platformAdmin: 403, adminB: 403, others: 'ok' } },
	'POST /[lang=lang]/pro/services/[id]/traductions ?/save': { path: '/fr/pro/services/{serviceA}/traductions', expect: { anonymous: 'login', platformAdmin: 403, readerA: 403, adminB: 403, others: 'ok' } },
	'POST /[lang=lang]/pro/services/[id]/traductions ?/confirm': { path: '/fr/pro/services/{serviceA}/traductions', expect: { anonymous: 'login', platformAdmin: 403, readerA: 403, adminB: 403, others: 400 } },
	'GET /[lang=lang]/pro/organisations/[id]/services/export.xlsx': { path: '/fr/pro/organisations/{orgA}/services/export.xlsx', expect: { anonymous: 'login', platformAdmin: 403, adminB: 403, others: 'ok' } },
	'GET /[lang=lang]/pro/organisations/[id]/services/export.csv': { path: '/fr/pro/organisations/{orgA}/services/export.csv', expect: { anonymous: 'login', platformAdmin: 403, adminB: 403, others: 'ok' } },
	'GET /[lang=lang]/pro/moderation/export.xlsx': { path: '/fr/pro/moderation/export.xlsx', expect: { anonymous: 'login', directoryEditor: 'ok', others: 403 } },
	'GET /[lang=lang]/pro/moderation/export.csv': { path: '/fr/pro/moderation/export.csv', expect: { anonymous: 'login', directoryEditor: 'ok', others: 403 } },
	// Import: whoever may edit an organisation's services (readers and platform admins may not); the whole directory: directory editors.
	'GET /[lang=lang]/pro/import': { path: '/fr/pro/import', expect: { anonymous: 'login', platformAdmin: 403, readerA: 403, others: 'ok' } },
	'POST /[lang=lang]/pro/import ?/upload': { path: '/fr/pro/import', form: { scope: 'all' }, expect: { anonymous: 'login', directoryEditor: 400, others: 403 } },
	'GET /[lang=lang]/pro/import/[token]': { path: '/fr/pro/import/{token}', expect: { anonymous: 'login', platformAdmin: 403, readerA: 403, others: 404 } },
	'POST /[lang=lang]/pro/import/[token] ?/map': { path: '/fr/pro/import/{token}', expect: { anonymous: 'login', platformAdmin: 403, readerA: 403, others: 404 } },
	'POST /[lang=lang]/pro/import/[token] ?/remap': { path: '/fr/pro/import/{token}', expect: { anonymous: 'login', platformAdmin: 403, readerA: 403, others: 404 } },
	'POST /[lang=lang]/pro/import/[token] ?/apply': { path: '/fr/pro/import/{token}', expect: { anonymous: 'login', platformAdmin: 403, readerA: 403, others: 404 } },
	'GET /[lang=lang]/pro/moderation': { path: '/fr/pro/moderation', expect: { anonymous: 'login', directoryEditor: 'ok', others: 403 } },
	'POST /[lang=lang]/pro/moderation ?/handled': { path: '/fr/pro/moderation', expect: { anonymous: 'login', directoryEditor: 400, others: 403 } },
	'GET /[lang=lang]/pro/moderation/[id]': { path: '/fr/pro/moderation/{serviceSubmitted}', expect: { anonymous: 'login', directoryEditor: 'ok', others: 403 } },
	'POST /[lang=lang]/pro/moderation/[id] ?/publish': { path: '/fr/pro/moderation/{serviceSubmitted}', form: { comment: 'x'.repeat(2001) }, expect: { anonymous: 'login', directoryEditor: 400, others: 403 } },
	'POST /[lang=lang]/pro/moderation/[id] ?/return': { path: '/fr/pro/moderation/{serviceSubmitted}', expect: { anonymous: 'login', directoryEditor: 400, others: 403 } },

	// Verification campaigns and the freshness dashboard: directory editors only (the campaign id is unknown: 404).
	'GET /[lang=lang]/pro/campagnes': { path: '/fr/pro/campagnes', expect: editorsOnly('ok') },
	'GET /[lang=lang]/pro/campagnes/nouvelle': { path: '/fr/pro/campagnes/nouvelle', expect: editorsOnly('ok') },
	'POST /[lang=lang]/pro/campagnes/nouvelle ?/default': { path: '/fr/pro/campagnes/nouvelle', expect: editorsOnly(400) },
	'GET /[lang=lang]/pro/campagnes/[id]': { path: '/fr/pro/campagnes/00000000-0000-4000-8000-000000000000', expect: editorsOnly(404) },
	'POST /[lang=lang]/pro/campagnes/[id] ?/launch': { path: '/fr/pro/campagnes/00000000-0000-4000-8000-000000000000', expect: editorsOnly(404) },
	'POST /[lang=lang]/pro/campagnes/[id] ?/send': { path: '/fr/pro/campagnes/00000000-0000-4000-8000-000000000000', expect: editorsOnly(404) },
	'POST /[lang=lang]/pro/campagnes/[id] ?/resend': { path: '/fr/pro/campagnes/00000000-0000-4000-8000-000000000000', expect: editorsOnly(404) },
	'POST /[lang=lang]/pro/campagnes/[id] ?/record': { path: '/fr/pro/campagnes/00000000-0000-4000-8000-000000000000', form: { method: 'phone' }, expect: editorsOnly(404) },
	'POST /[lang=lang]/pro/campagnes/[id] ?/close': { path: '/fr/pro/campagnes/00000000-0000-4000-8000-000000000000', expect: editorsOnly(404) },
	'GET /[lang=lang]/pro/fraicheur': { path: '/fr/pro/fraicheur', expect: editorsOnly('ok') },
	// A member's own answers: those who may verify the organisation's services (admins, coordinators, directory editors).
	'GET /[lang=lang]/pro/organisations/[id]/verification': { path: '/fr/pro/organisations/{orgA}/verification', expect: verifiersOfA('ok') },
	'POST /[lang=lang]/pro/organisations/[id]/verification ?/confirm': { path: '/fr/pro/organisations/{orgA}/verification', expect: verifiersOfA(400) },
	'POST /[lang=lang]/pro/organisations/[id]/verification ?/correct': { path: '/fr/pro/organisations/{orgA}/verification', form: { service: '00000000-0000-4000-8000-000000000000', correction: 'x' }, expect: verifiersOfA(400) },

	'GET /[lang=lang]/pro/admin/courriels': { path: '/fr/pro/admin/courriels', expect: { anonymous: 'login', platformAdmin: 'ok', others: 403 } },
	// The exemption and dispensation reasons of the Parcours: platform admins only.
	'GET /[lang=lang]/pro/admin/parcours': { path: '/fr/pro/admin/parcours', expect: { anonymous: 'login', platformAdmin: 'ok', others: 403 } },
	'POST /[lang=lang]/pro/admin/parcours ?/create': { path: '/fr/pro/admin/parcours', form: { kind: 'exemption' }, expect: { anonymous: 'login', platformAdmin: 400, others: 403 } },
	'POST /[lang=lang]/pro/admin/parcours ?/update': { path: '/fr/pro/admin/parcours', form: { code: 'no_such_reason', kind: 'exemption', label_fr: 'x' }, expect: { anonymous: 'login', platformAdmin: 404, others: 403 } }
};
