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
	 * Courses: {courseA} (published, of A), {courseB} (published, of B), {sessionA} (of courseA, held
	 * yesterday), {sessionAFuture} (of courseA, next week), {enrolmentA} (a waiting request on courseA).
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
/** "Who accessed this file": the owner's admins, coordinators and workers (a second factor first); readers and others 404. */
const accessLogOfA = { anonymous: 'login', workerA_no2fa: 'second-factor', adminA: 'ok', coordinatorA: 'ok', workerA: 'ok', others: 404 } as const;
/** The person's rights on a file of A: its admins and coordinators only; everyone else 404. */
const rightsOfA = (answer: Answer) => ({ anonymous: 'login' as Answer, adminA: answer, coordinatorA: answer, others: 404 as Answer });
const signedIn = (answer: Answer, more: Partial<Record<Persona, Answer>> = {}) => ({ anonymous: 'login' as Answer, others: answer, ...more });
/** Members of organisation A (and platform admins) only; a member of B and outsiders get 403. */
const membersOfA = (answer: Answer) => ({ anonymous: 'login' as Answer, directoryEditor: 403, adminB: 403, others: answer });
/** Organisation A's admins with a second factor, and platform admins. */
const adminsOfA = (answer: Answer) => ({ anonymous: 'login' as Answer, coordinatorA: 403, workerA: 403, workerA_no2fa: 403, readerA: 403, directoryEditor: 403, adminB: 403, others: answer });

/** Directory editors (CRI staff) only. */
const editorsOnly = (answer: Answer) => ({ anonymous: 'login' as Answer, directoryEditor: answer, others: 403 as Answer });
/** Who may confirm organisation A's services: its admins and coordinators, and directory editors. */
const verifiersOfA = (answer: Answer) => ({ anonymous: 'login' as Answer, adminA: answer, coordinatorA: answer, directoryEditor: answer, others: 403 as Answer });

/** Those who may write activities for some organisation (admins, coordinators and workers of one). */
const agendaWriters = (answer: Answer) => ({ anonymous: 'login' as Answer, platformAdmin: 403 as Answer, directoryEditor: 403 as Answer, readerA: 403 as Answer, others: answer });
/** Organisation A's admins, coordinators and workers (second factor or not). */
const agendaWritersOfA = (answer: Answer) => ({ anonymous: 'login' as Answer, adminA: answer, coordinatorA: answer, workerA: answer, workerA_no2fa: answer, others: 403 as Answer });

/** Members of A (readers and a missing second factor included): the course pages show no people. */
const courseMembersOfA = (answer: Answer) => ({ anonymous: 'login' as Answer, adminA: answer, coordinatorA: answer, workerA: answer, workerA_no2fa: answer, readerA: answer, others: 403 as Answer });
/** A's admins, coordinators and workers: create and edit courses, plan sessions. */
const courseWritersOfA = (answer: Answer) => ({ anonymous: 'login' as Answer, adminA: answer, coordinatorA: answer, workerA: answer, workerA_no2fa: answer, others: 403 as Answer });
/** A's admins and coordinators: publish, archive, cancel. */
const courseLeadsOfA = (answer: Answer) => ({ anonymous: 'login' as Answer, adminA: answer, coordinatorA: answer, others: 403 as Answer });

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

	// The agenda: public pages, proposals and feeds (unknown ids are 404 for everyone).
	'GET /[lang=lang]/agenda': { path: '/fr/agenda?category=conversation&free=1', expect: everyone('ok') },
	'GET /[lang=lang]/agenda/[id]': { path: '/fr/agenda/00000000-0000-4000-8000-000000000000', expect: everyone(404) },
	'GET /[lang=lang]/agenda/[id]/evenement.ics': { path: '/fr/agenda/00000000-0000-4000-8000-000000000000/evenement.ics', expect: everyone(404) },
	'GET /[lang=lang]/agenda/proposer': { path: '/ar/agenda/proposer', expect: everyone('ok') },
	'POST /[lang=lang]/agenda/proposer ?/default': { path: '/fr/agenda/proposer', form: { title: 'x' }, expect: everyone(400) },
	'GET /agenda.ics': { path: '/agenda.ics?municipality=62096&category=conversation&lang=ar', expect: everyone('ok') },
	'GET /agenda.rss': { path: '/agenda.rss?locale=ar', expect: everyone('ok') },
	'GET /agenda.atom': { path: '/agenda.atom', expect: everyone('ok') },
	'GET /agenda.json': { path: '/agenda.json?free=1', expect: everyone('ok') },
	'GET /agenda/images/[file]': { path: '/agenda/images/00000000-0000-4000-8000-000000000000-large.jpg', expect: everyone(404) },

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
	// Rights of the person: "who accessed this file" for the owner's admins, coordinators and workers,
	// the rights tab (export, erasure) for its admins and coordinators; a grantee never sees either (404).
	'GET /[lang=lang]/pro/dossiers/[id]/acces': { path: '/fr/pro/dossiers/{fileA}/acces', expect: accessLogOfA },
	'GET /[lang=lang]/pro/dossiers/[id]/acces #granted to A': { path: '/fr/pro/dossiers/{fileBGranted}/acces', expect: { anonymous: 'login', adminB: 'ok', others: 404 } },
	'GET /[lang=lang]/pro/dossiers/[id]/acces #grant revoked': { path: '/fr/pro/dossiers/{fileBRevoked}/acces', expect: { anonymous: 'login', adminB: 'ok', others: 404 } },
	'GET /[lang=lang]/pro/dossiers/[id]/acces/releve.pdf': { path: '/fr/pro/dossiers/{fileA}/acces/releve.pdf?lang=ar', expect: accessLogOfA },
	'GET /[lang=lang]/pro/dossiers/[id]/acces/releve.pdf #granted to A': { path: '/fr/pro/dossiers/{fileBGranted}/acces/releve.pdf', expect: { anonymous: 'login', adminB: 'ok', others: 404 } },
	'GET /[lang=lang]/pro/dossiers/[id]/acces/releve.pdf #unknown language': { path: '/fr/pro/dossiers/{fileA}/acces/releve.pdf?lang=xx', expect: { ...accessLogOfA, adminA: 400, coordinatorA: 400, workerA: 400 } },
	'GET /[lang=lang]/pro/dossiers/[id]/droits': { path: '/fr/pro/dossiers/{fileA}/droits', expect: rightsOfA('ok') },
	'GET /[lang=lang]/pro/dossiers/[id]/droits #granted to A': { path: '/fr/pro/dossiers/{fileBGranted}/droits', expect: { anonymous: 'login', adminB: 'ok', others: 404 } },
	'GET /[lang=lang]/pro/dossiers/[id]/droits/export.pdf': { path: '/fr/pro/dossiers/{fileA}/droits/export.pdf?lang=ti', expect: rightsOfA('ok') },
	'GET /[lang=lang]/pro/dossiers/[id]/droits/export.pdf #granted to A': { path: '/fr/pro/dossiers/{fileBGranted}/droits/export.pdf', expect: { anonymous: 'login', adminB: 'ok', others: 404 } },
	'GET /[lang=lang]/pro/dossiers/[id]/droits/export.json': { path: '/fr/pro/dossiers/{fileA}/droits/export.json', expect: rightsOfA('ok') },
	'GET /[lang=lang]/pro/dossiers/[id]/droits/export.json #granted to A': { path: '/fr/pro/dossiers/{fileBGranted}/droits/export.json', expect: { anonymous: 'login', adminB: 'ok', others: 404 } },
	// Erasure needs the file's reference typed: an empty or wrong one is refused (400), nothing is erased here.
	'POST /[lang=lang]/pro/dossiers/[id]/droits ?/anonymise': { path: '/fr/pro/dossiers/{fileA}/droits', expect: rightsOfA(400) },
	'POST /[lang=lang]/pro/dossiers/[id]/droits ?/anonymise #granted to A': { path: '/fr/pro/dossiers/{fileBGranted}/droits', form: { reference: 'nope' }, expect: { anonymous: 'login', adminB: 400, others: 404 } },

	// Notes, confidential situation and documents of a file (the notes part). The notes and documents
	// tabs open with any notes section (readers: general and social); editing needs the section and
	// a non-reader role; the restricted sections (situation, restricted notes) never open to readers.
	// A grant of identity and parcours only (fileBGranted) does not open them at all.
	'GET /[lang=lang]/pro/dossiers/[id]/notes': { path: '/fr/pro/dossiers/{fileA}/notes', expect: { ...caseFileOfA, others: 404 } },
	'GET /[lang=lang]/pro/dossiers/[id]/notes #not shared': { path: '/fr/pro/dossiers/{fileB}/notes', expect: { anonymous: 'login', adminB: 'ok', others: 404 } },
	'GET /[lang=lang]/pro/dossiers/[id]/notes #granted to A without notes': { path: '/fr/pro/dossiers/{fileBGranted}/notes', expect: { anonymous: 'login', adminB: 'ok', others: 404 } },
	'GET /[lang=lang]/pro/dossiers/[id]/notes #grant revoked': { path: '/fr/pro/dossiers/{fileBRevoked}/notes', expect: { anonymous: 'login', adminB: 'ok', others: 404 } },
	'GET /[lang=lang]/pro/dossiers/[id]/notes #grant expired': { path: '/fr/pro/dossiers/{fileBExpired}/notes', expect: { anonymous: 'login', adminB: 'ok', others: 404 } },
	'POST /[lang=lang]/pro/dossiers/[id]/notes ?/add': { path: '/fr/pro/dossiers/{fileA}/notes', form: { sensitivity: 'general', body: 'Note de la matrice.' }, expect: { ...caseFileOfA, adminA: 'redirect', coordinatorA: 'redirect', workerA: 'redirect', readerA: 404, others: 404 } },
	'POST /[lang=lang]/pro/dossiers/[id]/notes ?/add #restricted': { path: '/fr/pro/dossiers/{fileA}/notes', form: { sensitivity: 'restricted', body: 'Note confidentielle de la matrice.' }, expect: { ...caseFileOfA, adminA: 'redirect', coordinatorA: 'redirect', workerA: 'redirect', readerA: 404, others: 404 } },
	'POST /[lang=lang]/pro/dossiers/[id]/notes ?/add #empty': { path: '/fr/pro/dossiers/{fileA}/notes', form: { sensitivity: 'social', body: ' ' }, expect: { ...caseFileOfA, adminA: 400, coordinatorA: 400, workerA: 400, readerA: 404, others: 404 } },
	'POST /[lang=lang]/pro/dossiers/[id]/notes ?/add #granted to A without notes': { path: '/fr/pro/dossiers/{fileBGranted}/notes', form: { sensitivity: 'general', body: 'x' }, expect: { anonymous: 'login', adminB: 'redirect', others: 404 } },
	'POST /[lang=lang]/pro/dossiers/[id]/notes ?/add #grant revoked': { path: '/fr/pro/dossiers/{fileBRevoked}/notes', form: { sensitivity: 'general', body: 'x' }, expect: { anonymous: 'login', adminB: 'redirect', others: 404 } },
	'POST /[lang=lang]/pro/dossiers/[id]/notes ?/add #grant expired': { path: '/fr/pro/dossiers/{fileBExpired}/notes', form: { sensitivity: 'general', body: 'x' }, expect: { anonymous: 'login', adminB: 'redirect', others: 404 } },
	'POST /[lang=lang]/pro/dossiers/[id]/notes ?/edit': { path: '/fr/pro/dossiers/{fileA}/notes', form: { note: '00000000-0000-4000-8000-000000000000', version: '1', body: 'x' }, expect: { anonymous: 'login', workerA_no2fa: 'second-factor', others: 404 } },
	'POST /[lang=lang]/pro/dossiers/[id]/notes ?/edit #not shared': { path: '/fr/pro/dossiers/{fileB}/notes', form: { note: '00000000-0000-4000-8000-000000000000', version: '1', body: 'x' }, expect: { anonymous: 'login', others: 404 } },
	'POST /[lang=lang]/pro/dossiers/[id]/notes ?/correct': { path: '/fr/pro/dossiers/{fileA}/notes', form: { note: '00000000-0000-4000-8000-000000000000', body: 'x' }, expect: { anonymous: 'login', workerA_no2fa: 'second-factor', others: 404 } },
	'POST /[lang=lang]/pro/dossiers/[id]/notes ?/correct #grant revoked': { path: '/fr/pro/dossiers/{fileBRevoked}/notes', form: { note: '00000000-0000-4000-8000-000000000000', body: 'x' }, expect: { anonymous: 'login', others: 404 } },
	'GET /[lang=lang]/pro/dossiers/[id]/notes/situation': { path: '/fr/pro/dossiers/{fileA}/notes/situation', expect: { ...caseFileOfA, readerA: 404, others: 404 } },
	'GET /[lang=lang]/pro/dossiers/[id]/notes/situation #not shared': { path: '/fr/pro/dossiers/{fileB}/notes/situation', expect: { anonymous: 'login', adminB: 'ok', others: 404 } },
	'GET /[lang=lang]/pro/dossiers/[id]/notes/situation #granted to A without notes': { path: '/fr/pro/dossiers/{fileBGranted}/notes/situation', expect: { anonymous: 'login', adminB: 'ok', others: 404 } },
	'GET /[lang=lang]/pro/dossiers/[id]/notes/situation #grant revoked': { path: '/fr/pro/dossiers/{fileBRevoked}/notes/situation', expect: { anonymous: 'login', adminB: 'ok', others: 404 } },
	'GET /[lang=lang]/pro/dossiers/[id]/notes/situation #grant expired': { path: '/fr/pro/dossiers/{fileBExpired}/notes/situation', expect: { anonymous: 'login', adminB: 'ok', others: 404 } },
	'POST /[lang=lang]/pro/dossiers/[id]/notes/situation ?/save': { path: '/fr/pro/dossiers/{fileA}/notes/situation', form: { section: 'residence', code: '', date: 'not-a-date', text: '', version: '0' }, expect: { ...caseFileOfA, adminA: 400, coordinatorA: 400, workerA: 400, readerA: 404, others: 404 } },
	'POST /[lang=lang]/pro/dossiers/[id]/notes/situation ?/save #granted to A without notes': { path: '/fr/pro/dossiers/{fileBGranted}/notes/situation', form: { section: 'health', code: '', date: 'x', text: '', version: '0' }, expect: { anonymous: 'login', adminB: 400, others: 404 } },
	'POST /[lang=lang]/pro/dossiers/[id]/notes/situation ?/save #grant expired': { path: '/fr/pro/dossiers/{fileBExpired}/notes/situation', form: { section: 'legal', code: '', date: 'x', text: '', version: '0' }, expect: { anonymous: 'login', adminB: 400, others: 404 } },
	'GET /[lang=lang]/pro/dossiers/[id]/documents': { path: '/fr/pro/dossiers/{fileA}/documents', expect: { ...caseFileOfA, others: 404 } },
	'GET /[lang=lang]/pro/dossiers/[id]/documents #not shared': { path: '/fr/pro/dossiers/{fileB}/documents', expect: { anonymous: 'login', adminB: 'ok', others: 404 } },
	'GET /[lang=lang]/pro/dossiers/[id]/documents #granted to A without notes': { path: '/fr/pro/dossiers/{fileBGranted}/documents', expect: { anonymous: 'login', adminB: 'ok', others: 404 } },
	'GET /[lang=lang]/pro/dossiers/[id]/documents #grant revoked': { path: '/fr/pro/dossiers/{fileBRevoked}/documents', expect: { anonymous: 'login', adminB: 'ok', others: 404 } },
	'GET /[lang=lang]/pro/dossiers/[id]/documents #grant expired': { path: '/fr/pro/dossiers/{fileBExpired}/documents', expect: { anonymous: 'login', adminB: 'ok', others: 404 } },
	// Without a file: 400 for those who may upload there; readers may not (404).
	'POST /[lang=lang]/pro/dossiers/[id]/documents ?/upload': { path: '/fr/pro/dossiers/{fileA}/documents', form: { sensitivity: 'general' }, expect: { ...caseFileOfA, adminA: 400, coordinatorA: 400, workerA: 400, readerA: 404, others: 404 } },
	'POST /[lang=lang]/pro/dossiers/[id]/documents ?/upload #granted to A without notes': { path: '/fr/pro/dossiers/{fileBGranted}/documents', form: { sensitivity: 'general' }, expect: { anonymous: 'login', adminB: 400, others: 404 } },
	'POST /[lang=lang]/pro/dossiers/[id]/documents ?/upload #grant revoked': { path: '/fr/pro/dossiers/{fileBRevoked}/documents', form: { sensitivity: 'general' }, expect: { anonymous: 'login', adminB: 400, others: 404 } },
	'POST /[lang=lang]/pro/dossiers/[id]/documents ?/delete': { path: '/fr/pro/dossiers/{fileA}/documents', form: { document: '00000000-0000-4000-8000-000000000000' }, expect: { anonymous: 'login', workerA_no2fa: 'second-factor', others: 404 } },
	'POST /[lang=lang]/pro/dossiers/[id]/documents ?/delete #grant expired': { path: '/fr/pro/dossiers/{fileBExpired}/documents', form: { document: '00000000-0000-4000-8000-000000000000' }, expect: { anonymous: 'login', others: 404 } },
	// A document unknown on this file: 404 to everyone who may open the file (downloads of real documents: tests/e2e/case-documents.test.ts).
	'GET /[lang=lang]/pro/dossiers/[id]/documents/[documentId]': { path: '/fr/pro/dossiers/{fileA}/documents/00000000-0000-4000-8000-000000000000', expect: { anonymous: 'login', workerA_no2fa: 'second-factor', others: 404 } },
	'GET /[lang=lang]/pro/dossiers/[id]/documents/[documentId] #granted to A without notes': { path: '/fr/pro/dossiers/{fileBGranted}/documents/00000000-0000-4000-8000-000000000000', expect: { anonymous: 'login', others: 404 } },
	// Files part: opening a file (admins, coordinators and workers of an organisation), the overview's
	// close and reopen (the owner's editing roles; anything else is a 404), the identity tab and its save.
	'GET /[lang=lang]/pro/dossiers/nouveau': { path: '/fr/pro/dossiers/nouveau', expect: { anonymous: 'login', platformAdmin: 403, directoryEditor: 403, readerA: 403, workerA_no2fa: 'second-factor', others: 'ok' } },
	'POST /[lang=lang]/pro/dossiers/nouveau ?/create': { path: '/fr/pro/dossiers/nouveau', expect: { anonymous: 'login', platformAdmin: 403, directoryEditor: 403, readerA: 403, workerA_no2fa: 'second-factor', others: 400 } },
	'POST /[lang=lang]/pro/dossiers/[id] ?/close': { path: '/fr/pro/dossiers/{fileA}', expect: { anonymous: 'login', workerA_no2fa: 'second-factor', adminA: 400, coordinatorA: 400, workerA: 400, others: 404 } },
	'POST /[lang=lang]/pro/dossiers/[id] ?/close #granted to A': { path: '/fr/pro/dossiers/{fileBGranted}', expect: { anonymous: 'login', adminB: 400, others: 404 } },
	'POST /[lang=lang]/pro/dossiers/[id] ?/close #grant revoked': { path: '/fr/pro/dossiers/{fileBRevoked}', expect: { anonymous: 'login', adminB: 400, others: 404 } },
	'POST /[lang=lang]/pro/dossiers/[id] ?/reopen': { path: '/fr/pro/dossiers/{fileA}', expect: { anonymous: 'login', workerA_no2fa: 'second-factor', adminA: 409, coordinatorA: 409, workerA: 409, others: 404 } },
	'POST /[lang=lang]/pro/dossiers/[id] ?/reopen #granted to A': { path: '/fr/pro/dossiers/{fileBGranted}', expect: { anonymous: 'login', adminB: 409, others: 404 } },
	'GET /[lang=lang]/pro/dossiers/[id]/identite': { path: '/fr/pro/dossiers/{fileA}/identite', expect: { ...caseFileOfA, others: 404 } },
	'GET /[lang=lang]/pro/dossiers/[id]/identite #not shared': { path: '/fr/pro/dossiers/{fileB}/identite', expect: { anonymous: 'login', adminB: 'ok', others: 404 } },
	'GET /[lang=lang]/pro/dossiers/[id]/identite #granted to A': { path: '/fr/pro/dossiers/{fileBGranted}/identite', expect: { ...caseFileOfA, adminB: 'ok', others: 404 } },
	'GET /[lang=lang]/pro/dossiers/[id]/identite #grant revoked': { path: '/fr/pro/dossiers/{fileBRevoked}/identite', expect: { anonymous: 'login', adminB: 'ok', others: 404 } },
	'GET /[lang=lang]/pro/dossiers/[id]/identite #grant expired': { path: '/fr/pro/dossiers/{fileBExpired}/identite', expect: { anonymous: 'login', adminB: 'ok', others: 404 } },
	// Saving the identity: the owner's editing roles (readers and grantees read it only).
	'POST /[lang=lang]/pro/dossiers/[id]/identite ?/save': { path: '/fr/pro/dossiers/{fileA}/identite', expect: { anonymous: 'login', workerA_no2fa: 'second-factor', adminA: 400, coordinatorA: 400, workerA: 400, others: 404 } },
	'POST /[lang=lang]/pro/dossiers/[id]/identite ?/save #granted to A': { path: '/fr/pro/dossiers/{fileBGranted}/identite', expect: { anonymous: 'login', workerA_no2fa: 'second-factor', adminB: 400, others: 404 } },
	'POST /[lang=lang]/pro/dossiers/[id]/identite ?/save #grant expired': { path: '/fr/pro/dossiers/{fileBExpired}/identite', expect: { anonymous: 'login', adminB: 400, others: 404 } },

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
	// A running import's progress; its starter's session is answered from memory (directory/spreadsheet/progress.ts), everyone else as here.
	'GET /[lang=lang]/pro/import/[token]/progress': { path: '/fr/pro/import/{token}/progress', expect: { anonymous: 'login', platformAdmin: 403, readerA: 403, others: 404 } },
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

	// Consents and referrals of a file: its owner's admins, coordinators and workers (cases.file.manage);
	// 404 to anyone else, a grantee of the file included. Empty forms answer 400 to those allowed.
	...caseFileManageRows('/consentements', ['record', 'revoke']),
	'GET /[lang=lang]/pro/dossiers/[id]/consentements/formulaire.pdf': { path: '/fr/pro/dossiers/{fileA}/consentements/formulaire.pdf?purpose=follow_up&language=ar', expect: manageFileOfA('ok') },
	'GET /[lang=lang]/pro/dossiers/[id]/consentements/formulaire.pdf #bad query': { path: '/fr/pro/dossiers/{fileA}/consentements/formulaire.pdf?purpose=referral&language=ar', expect: manageFileOfA(400) },
	'GET /[lang=lang]/pro/dossiers/[id]/consentements/formulaire.pdf #granted to A': { path: '/fr/pro/dossiers/{fileBGranted}/consentements/formulaire.pdf?purpose=follow_up&language=fr', expect: { anonymous: 'login', adminB: 'ok', others: 404 } },
	...caseFileManageRows('/orientations', ['send']),
	// Incoming referrals: members who may answer for an organisation (not readers), with a second factor.
	// The referral named is unknown: 404 for those who may answer; an empty form is 400.
	'GET /[lang=lang]/pro/orientations': { path: '/fr/pro/orientations', expect: answerers('ok') },
	'POST /[lang=lang]/pro/orientations ?/accept': { path: '/fr/pro/orientations', form: { referralId: '00000000-0000-4000-8000-000000000000' }, expect: answerers(404) },
	'POST /[lang=lang]/pro/orientations ?/accept #empty form': { path: '/fr/pro/orientations', expect: answerers(400) },
	// The courses' quarterly report (coursesRules['report.view']: CRI admins/coordinators, platform admins).
	'GET /[lang=lang]/pro/rapports/trimestriel': { path: '/fr/pro/rapports/trimestriel?territory=arr-62000', expect: { anonymous: 'login', platformAdmin: 'ok', others: 403 } },
	'GET /[lang=lang]/pro/rapports/trimestriel #future quarter': { path: '/fr/pro/rapports/trimestriel?quarter=2099-Q1', expect: { anonymous: 'login', platformAdmin: 'ok', others: 403 } },
	'GET /[lang=lang]/pro/rapports/trimestriel/rapport.xlsx': { path: '/fr/pro/rapports/trimestriel/rapport.xlsx?territory=all', expect: { anonymous: 'login', platformAdmin: 'ok', others: 403 } },
	'GET /[lang=lang]/pro/rapports/trimestriel/rapport.pdf': { path: '/ar/pro/rapports/trimestriel/rapport.pdf?territory=mun-62096', expect: { anonymous: 'login', platformAdmin: 'ok', others: 403 } },
	'GET /[lang=lang]/pro/rapports/trimestriel/rapport.pdf #future quarter': { path: '/fr/pro/rapports/trimestriel/rapport.pdf?quarter=2099-Q1', expect: { anonymous: 'login', platformAdmin: 400, others: 403 } },
	'POST /[lang=lang]/pro/orientations ?/decline': { path: '/fr/pro/orientations', form: { referralId: '00000000-0000-4000-8000-000000000000', message: 'Complet', reason: 'no_places' }, expect: answerers(404) },
	'POST /[lang=lang]/pro/orientations ?/decline #no message': { path: '/fr/pro/orientations', form: { referralId: '00000000-0000-4000-8000-000000000000' }, expect: answerers(400) },
	// An accepted referral turned into a course request (courses — demand): unknown referral 404, empty form 400.
	'POST /[lang=lang]/pro/orientations ?/course': { path: '/fr/pro/orientations', form: { referralId: '00000000-0000-4000-8000-000000000000', courseId: '00000000-0000-4000-8000-000000000000' }, expect: answerers(404) },
	'POST /[lang=lang]/pro/orientations ?/course #empty form': { path: '/fr/pro/orientations', expect: answerers(400) },
	'POST /[lang=lang]/pro/orientations ?/done': { path: '/fr/pro/orientations', form: { referralId: '00000000-0000-4000-8000-000000000000' }, expect: answerers(404) },
	// The retention job's runs: counts only, for platform admins.
	'GET /[lang=lang]/pro/admin/conservation': { path: '/fr/pro/admin/conservation', expect: { anonymous: 'login', platformAdmin: 'ok', others: 403 } },
	// The agenda in the pro space: organisations' editors write, members read, directory editors moderate.
	'GET /[lang=lang]/pro/agenda': { path: '/fr/pro/agenda', expect: { anonymous: 'login', platformAdmin: 403, readerA: 403, others: 'ok' } },
	'GET /[lang=lang]/pro/agenda/nouveau': { path: '/fr/pro/agenda/nouveau', expect: agendaWriters('ok') },
	'POST /[lang=lang]/pro/agenda/nouveau ?/default': { path: '/fr/pro/agenda/nouveau', form: { organisation: '{orgA}' }, expect: { ...agendaWritersOfA(400), directoryEditor: 403 } },
	'GET /[lang=lang]/pro/agenda/moderation': { path: '/fr/pro/agenda/moderation', expect: editorsOnly('ok') },
	'GET /[lang=lang]/pro/agenda/[id]': { path: '/fr/pro/agenda/{eventA}', expect: { anonymous: 'login', platformAdmin: 403, adminB: 403, others: 'ok' } },
	'POST /[lang=lang]/pro/agenda/[id] ?/save': { path: '/fr/pro/agenda/{eventA}', expect: agendaWritersOfA(400) },
	'POST /[lang=lang]/pro/agenda/[id] ?/submit': { path: '/fr/pro/agenda/{eventSubmitted}', expect: agendaWritersOfA(409) },
	'POST /[lang=lang]/pro/agenda/[id] ?/image': { path: '/fr/pro/agenda/{eventA}', expect: agendaWritersOfA(400) },
	'POST /[lang=lang]/pro/agenda/[id] ?/removeImage': { path: '/fr/pro/agenda/{eventA}', expect: agendaWritersOfA('ok') },
	'POST /[lang=lang]/pro/agenda/[id] ?/delete': { path: '/fr/pro/agenda/{eventPublished}', expect: agendaWritersOfA(409) },
	'POST /[lang=lang]/pro/agenda/[id] ?/cancel': { path: '/fr/pro/agenda/{eventA}', expect: { ...agendaWritersOfA(409), directoryEditor: 409 } },
	'POST /[lang=lang]/pro/agenda/[id] ?/publish': { path: '/fr/pro/agenda/{eventSubmitted}', form: { comment: 'x'.repeat(2001) }, expect: editorsOnly(400) },
	'POST /[lang=lang]/pro/agenda/[id] ?/return': { path: '/fr/pro/agenda/{eventSubmitted}', expect: editorsOnly(400) },
	'POST /[lang=lang]/pro/agenda/[id] ?/decline': { path: '/fr/pro/agenda/{eventSubmitted}', form: { comment: 'x'.repeat(2001) }, expect: editorsOnly(400) },
	'GET /[lang=lang]/pro/agenda/[id]/traductions': { path: '/fr/pro/agenda/{eventA}/traductions', expect: { anonymous: 'login', platformAdmin: 403, adminB: 403, others: 'ok' } },
	'POST /[lang=lang]/pro/agenda/[id]/traductions ?/save': { path: '/fr/pro/agenda/{eventA}/traductions', expect: { ...agendaWritersOfA('ok'), directoryEditor: 'ok' } },
	'POST /[lang=lang]/pro/agenda/[id]/traductions ?/confirm': { path: '/fr/pro/agenda/{eventA}/traductions', expect: { ...agendaWritersOfA(400), directoryEditor: 400 } },

	// Courses — offer: members of an organisation list and open its courses; writers edit and plan
	// sessions (no second factor: no people on these pages); admins and coordinators publish.
	'GET /[lang=lang]/pro/cours': { path: '/fr/pro/cours?axis=fle&status=published', expect: { anonymous: 'login', platformAdmin: 403, directoryEditor: 403, others: 'ok' } },
	'GET /[lang=lang]/pro/cours/nouveau': { path: '/fr/pro/cours/nouveau', expect: { anonymous: 'login', platformAdmin: 403, directoryEditor: 403, readerA: 403, others: 'ok' } },
	'POST /[lang=lang]/pro/cours/nouveau ?/default': { path: '/fr/pro/cours/nouveau', form: { organisation: '{orgA}', capacity: '0' }, expect: courseWritersOfA(400) },
	'GET /[lang=lang]/pro/cours/[id]': { path: '/fr/pro/cours/{courseA}', expect: courseMembersOfA('ok') },
	'GET /[lang=lang]/pro/cours/[id] #of B': { path: '/fr/pro/cours/{courseB}', expect: { anonymous: 'login', adminB: 'ok', others: 403 } },
	'POST /[lang=lang]/pro/cours/[id] ?/save': { path: '/fr/pro/cours/{courseA}', form: { version: '1', capacity: '0' }, expect: courseWritersOfA(400) },
	// Already published: refused for the state (409); archive and cancel want a ticked confirmation (400).
	'POST /[lang=lang]/pro/cours/[id] ?/publish': { path: '/fr/pro/cours/{courseA}', expect: courseLeadsOfA(409) },
	'POST /[lang=lang]/pro/cours/[id] ?/archive': { path: '/fr/pro/cours/{courseA}', expect: courseLeadsOfA(400) },
	'POST /[lang=lang]/pro/cours/[id] ?/cancel': { path: '/fr/pro/cours/{courseA}', expect: courseLeadsOfA(400) },
	'GET /[lang=lang]/pro/cours/[id]/seances': { path: '/fr/pro/cours/{courseA}/seances', expect: courseMembersOfA('ok') },
	'POST /[lang=lang]/pro/cours/[id]/seances ?/plan': { path: '/fr/pro/cours/{courseA}/seances', form: { start: '18:00', end: '17:00' }, expect: courseWritersOfA(400) },
	'POST /[lang=lang]/pro/cours/[id]/seances ?/add': { path: '/fr/pro/cours/{courseA}/seances', form: { date: '2031-02-30' }, expect: courseWritersOfA(400) },
	'POST /[lang=lang]/pro/cours/[id]/seances ?/cancel': { path: '/fr/pro/cours/{courseA}/seances', form: { session: 'x' }, expect: courseWritersOfA(400) },

	// The exemption and dispensation reasons of the Parcours: platform admins only.
	'GET /[lang=lang]/pro/admin/parcours': { path: '/fr/pro/admin/parcours', expect: { anonymous: 'login', platformAdmin: 'ok', others: 403 } },
	'POST /[lang=lang]/pro/admin/parcours ?/create': { path: '/fr/pro/admin/parcours', form: { kind: 'exemption' }, expect: { anonymous: 'login', platformAdmin: 400, others: 403 } },
	'POST /[lang=lang]/pro/admin/parcours ?/update': { path: '/fr/pro/admin/parcours', form: { code: 'no_such_reason', kind: 'exemption', label_fr: 'x' }, expect: { anonymous: 'login', platformAdmin: 404, others: 403 } },

	// Courses — funding: the rules belong to the sector (the CRI's leads, platform admins); an
	// organisation's justification to its admins and coordinators (second factor) and the sector.
	'GET /[lang=lang]/pro/financement': { path: '/fr/pro/financement', expect: { anonymous: 'login', platformAdmin: 'ok', others: 403 } },
	'POST /[lang=lang]/pro/financement ?/create': { path: '/fr/pro/financement', form: { funder: 'wallonie-ili', amount: 'abc' }, expect: { anonymous: 'login', platformAdmin: 400, others: 403 } },
	'POST /[lang=lang]/pro/financement ?/end': { path: '/fr/pro/financement', form: { id: '00000000-0000-4000-8000-000000000000', endOn: '2026-01-01' }, expect: { anonymous: 'login', platformAdmin: 404, others: 403 } },
	'GET /[lang=lang]/pro/financement/justification': { path: '/fr/pro/financement/justification?organisation={orgA}', expect: fundingOfA('ok') },
	'GET /[lang=lang]/pro/financement/justification #own organisation by default': { path: '/ar/pro/financement/justification', expect: { ...fundingOfA('ok'), adminB: 'ok' } },
	'GET /[lang=lang]/pro/financement/justification #B': { path: '/fr/pro/financement/justification?organisation={orgB}&quarter=2026-Q1', expect: { anonymous: 'login', platformAdmin: 'ok', adminB: 'ok', others: 403 } },
	'GET /[lang=lang]/pro/financement/justification.xlsx': { path: '/fr/pro/financement/justification.xlsx?organisation={orgA}', expect: fundingOfA('ok') },
	'GET /[lang=lang]/pro/financement/justification.xlsx #future quarter': { path: '/fr/pro/financement/justification.xlsx?organisation={orgA}&quarter=2099-Q1', expect: fundingOfA(400) },
	'GET /[lang=lang]/pro/financement/justification.csv': { path: '/fr/pro/financement/justification.csv?organisation={orgA}', expect: fundingOfA('ok') },

	// Courses — attendance. The register shows people: members of A with a second factor (readers
	// included) see it; writers record it; admins and coordinators lock it. No row here changes
	// anything: a trainee not on the register (400), a session not yet held (409).
	'GET /[lang=lang]/pro/cours/[id]/seances/[sid]': { path: '/fr/pro/cours/{courseA}/seances/{sessionA}', expect: registerViewersOfA('ok') },
	'GET /[lang=lang]/pro/cours/[id]/seances/[sid] #not yet held': { path: '/fr/pro/cours/{courseA}/seances/{sessionAFuture}', expect: registerViewersOfA('ok') },
	'GET /[lang=lang]/pro/cours/[id]/seances/[sid] #session of another course': { path: '/fr/pro/cours/{courseB}/seances/{sessionA}', expect: { anonymous: 'login', adminB: 404, others: 403 } },
	'POST /[lang=lang]/pro/cours/[id]/seances/[sid] ?/save': { path: '/fr/pro/cours/{courseA}/seances/{sessionA}', form: { 'status.00000000-0000-4000-8000-00000000000a': 'present', 'hours.00000000-0000-4000-8000-00000000000a': '' }, expect: registerWritersOfA(400) },
	'POST /[lang=lang]/pro/cours/[id]/seances/[sid] ?/save #not yet held': { path: '/fr/pro/cours/{courseA}/seances/{sessionAFuture}', expect: registerWritersOfA(409) },
	'POST /[lang=lang]/pro/cours/[id]/seances/[sid] ?/lock': { path: '/fr/pro/cours/{courseA}/seances/{sessionAFuture}', expect: { anonymous: 'login', adminA: 409, coordinatorA: 409, others: 403 } },
	'POST /[lang=lang]/pro/cours/[id]/seances/[sid] ?/unlock': { path: '/fr/pro/cours/{courseA}/seances/{sessionAFuture}', expect: { anonymous: 'login', adminA: 409, coordinatorA: 409, others: 403 } },
	// The attestation of a waiting request: refused (409) to those who may see it.
	'GET /[lang=lang]/pro/cours/[id]/inscriptions/[eid]/attestation.pdf': { path: '/fr/pro/cours/{courseA}/inscriptions/{enrolmentA}/attestation.pdf', expect: registerViewersOfA(409) },
	'GET /[lang=lang]/pro/cours/[id]/inscriptions/[eid]/attestation.pdf #another course': { path: '/fr/pro/cours/{courseB}/inscriptions/{enrolmentA}/attestation.pdf', expect: { anonymous: 'login', adminB: 404, others: 403 } },

	// Courses — demand. The waiting list shows people: members of the course's organisation with a
	// second factor; changes: its admins, coordinators and workers. Unknown enrolments are 404.
	'GET /[lang=lang]/pro/cours/[id]/inscriptions': { path: '/fr/pro/cours/{courseA}/inscriptions', expect: enrolmentViewersOfA('ok') },
	'GET /[lang=lang]/pro/cours/[id]/inscriptions #of B': { path: '/fr/pro/cours/{courseB}/inscriptions', expect: { anonymous: 'login', adminB: 'ok', others: 403 } },
	'POST /[lang=lang]/pro/cours/[id]/inscriptions ?/add': { path: '/fr/pro/cours/{courseA}/inscriptions', form: { firstName: '' }, expect: enrolmentManagersOfA(400) },
	'POST /[lang=lang]/pro/cours/[id]/inscriptions ?/offer': { path: '/fr/pro/cours/{courseA}/inscriptions', form: { enrolmentId: '00000000-0000-4000-8000-000000000000' }, expect: enrolmentManagersOfA(404) },
	'POST /[lang=lang]/pro/cours/[id]/inscriptions ?/enrol': { path: '/fr/pro/cours/{courseA}/inscriptions', form: { enrolmentId: '00000000-0000-4000-8000-000000000000' }, expect: enrolmentManagersOfA(404) },
	'POST /[lang=lang]/pro/cours/[id]/inscriptions ?/decline': { path: '/fr/pro/cours/{courseA}/inscriptions', form: { enrolmentId: '00000000-0000-4000-8000-000000000000' }, expect: enrolmentManagersOfA(404) },
	'POST /[lang=lang]/pro/cours/[id]/inscriptions ?/withdraw': { path: '/fr/pro/cours/{courseA}/inscriptions', form: { enrolmentId: '00000000-0000-4000-8000-000000000000' }, expect: enrolmentManagersOfA(404) },
	'POST /[lang=lang]/pro/cours/[id]/inscriptions ?/withdraw #empty form': { path: '/fr/pro/cours/{courseA}/inscriptions', expect: enrolmentManagersOfA(400) },
	'POST /[lang=lang]/pro/cours/[id]/inscriptions ?/consent': { path: '/fr/pro/cours/{courseA}/inscriptions', form: { enrolmentId: '{enrolmentA}' }, expect: enrolmentManagersOfA('ok') },
	'POST /[lang=lang]/pro/cours/[id]/inscriptions ?/consent #of B': { path: '/fr/pro/cours/{courseB}/inscriptions', form: { enrolmentId: '{enrolmentA}' }, expect: { anonymous: 'login', adminB: 404, others: 403 } },
	'POST /[lang=lang]/pro/cours/[id]/inscriptions ?/transfer': { path: '/fr/pro/cours/{courseA}/inscriptions', form: { enrolmentId: '00000000-0000-4000-8000-000000000000', targetCourseId: '{courseB}' }, expect: enrolmentManagersOfA(404) },
	// The public "I'm interested" form of a published course: everyone; an empty form is refused.
	'GET /[lang=lang]/cours/[id]/interesse': { path: '/fr/cours/{courseA}/interesse', expect: everyone('ok') },
	'GET /[lang=lang]/cours/[id]/interesse #unknown': { path: '/fr/cours/00000000-0000-4000-8000-000000000000/interesse', expect: everyone(404) },
	'POST /[lang=lang]/cours/[id]/interesse ?/default': { path: '/fr/cours/{courseA}/interesse', form: { firstName: '' }, expect: everyone(400) },
	// A file's courses: the 'parcours' section opens the tab; a request needs to change it.
	'GET /[lang=lang]/pro/dossiers/[id]/cours': { path: '/fr/pro/dossiers/{fileA}/cours', expect: { ...caseFileOfA, others: 404 } },
	'GET /[lang=lang]/pro/dossiers/[id]/cours #granted to A': { path: '/fr/pro/dossiers/{fileBGranted}/cours', expect: { ...caseFileOfA, adminB: 'ok', others: 404 } },
	'GET /[lang=lang]/pro/dossiers/[id]/cours #not shared': { path: '/fr/pro/dossiers/{fileB}/cours', expect: { anonymous: 'login', adminB: 'ok', others: 404 } },
	'POST /[lang=lang]/pro/dossiers/[id]/cours ?/request': { path: '/fr/pro/dossiers/{fileA}/cours', form: { courseId: 'x' }, expect: { anonymous: 'login', workerA_no2fa: 'second-factor', adminA: 400, coordinatorA: 400, workerA: 400, others: 404 } },
	'POST /[lang=lang]/pro/dossiers/[id]/cours ?/request #course of B': { path: '/fr/pro/dossiers/{fileA}/cours', form: { courseId: '{courseB}' }, expect: { anonymous: 'login', workerA_no2fa: 'second-factor', adminA: 403, coordinatorA: 403, workerA: 403, others: 404 } },
};
/** Members of A with a second factor (readers included) see registers and print attestations. */
function registerViewersOfA(answer: Answer): Row['expect'] {
	return { anonymous: 'login', workerA_no2fa: 'second-factor', adminA: answer, coordinatorA: answer, workerA: answer, readerA: answer, others: 403 };
}
/** A's admins, coordinators and workers with a second factor record registers. */
function registerWritersOfA(answer: Answer): Row['expect'] {
	return { anonymous: 'login', workerA_no2fa: 'second-factor', adminA: answer, coordinatorA: answer, workerA: answer, others: 403 };
}

/** Organisation A's funding justification: its admins and coordinators (second factor), and platform admins (the sector). */
function fundingOfA(answer: Answer): Row['expect'] {
	return { anonymous: 'login', platformAdmin: answer, adminA: answer, coordinatorA: answer, others: 403 };
}

// Helpers of the consent and referral rows (function declarations: hoisted above the matrix).
/** Consents and referrals of a file of A: its admins, coordinators and workers; its readers and everyone else get 404. */
function manageFileOfA(answer: Answer): Row['expect'] {
	return { anonymous: 'login', workerA_no2fa: 'second-factor', adminA: answer, coordinatorA: answer, workerA: answer, others: 404 };
}
/** The same route on B's files: B's admin only (A's grant, active, revoked or expired, never opens it). */
function manageFileOfB(answer: Answer): Row['expect'] {
	return { anonymous: 'login', adminB: answer, others: 404 };
}
/** A case tab managed by the owner (GET on A's file and on B's private, shared, revoked and expired ones) and its form actions (on A's file and B's shared one). */
function caseFileManageRows(tab: string, actions: string[]): Record<string, Row> {
	const route = `/[lang=lang]/pro/dossiers/[id]${tab}`;
	const rows: Record<string, Row> = {
		[`GET ${route}`]: { path: `/fr/pro/dossiers/{fileA}${tab}`, expect: manageFileOfA('ok') },
		[`GET ${route} #not shared`]: { path: `/fr/pro/dossiers/{fileB}${tab}`, expect: manageFileOfB('ok') },
		[`GET ${route} #granted to A`]: { path: `/fr/pro/dossiers/{fileBGranted}${tab}`, expect: manageFileOfB('ok') },
		[`GET ${route} #grant revoked`]: { path: `/fr/pro/dossiers/{fileBRevoked}${tab}`, expect: manageFileOfB('ok') },
		[`GET ${route} #grant expired`]: { path: `/fr/pro/dossiers/{fileBExpired}${tab}`, expect: manageFileOfB('ok') }
	};
	for (const action of actions) {
		rows[`POST ${route} ?/${action}`] = { path: `/fr/pro/dossiers/{fileA}${tab}`, expect: manageFileOfA(400) };
		rows[`POST ${route} ?/${action} #granted to A`] = { path: `/fr/pro/dossiers/{fileBGranted}${tab}`, expect: manageFileOfB(400) };
	}
	return rows;
}
/** Courses — demand: members of A (second factor) see the people of A's courses. */
function enrolmentViewersOfA(answer: Answer): Row['expect'] {
	return { anonymous: 'login', workerA_no2fa: 'second-factor', adminA: answer, coordinatorA: answer, workerA: answer, readerA: answer, others: 403 };
}
/** Courses — demand: A's admins, coordinators and workers (second factor) change them. */
function enrolmentManagersOfA(answer: Answer): Row['expect'] {
	return { anonymous: 'login', workerA_no2fa: 'second-factor', adminA: answer, coordinatorA: answer, workerA: answer, others: 403 };
}
/** Members who may answer referrals for an organisation (admins, coordinators, workers of A or B). */
function answerers(answer: Answer): Row['expect'] {
	return { anonymous: 'login', platformAdmin: 403, directoryEditor: 403, readerA: 403, workerA_no2fa: 'second-factor', others: answer };
}
