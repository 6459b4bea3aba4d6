import type { Database } from '../db/client';
import { createIdentityRepository } from '../identity/identity.repository';
import type { OrganisationKind } from '../identity/identity.schemas';
import type { DemoSeeder } from '../instance/instance';
import { readMunicipalities } from '../territory/territory.data';
import { createDirectoryRepository } from './directory.repository';
import { location, schedule, scheduleException, service, serviceAtLocation, serviceTaxonomy, translation } from './directory.table';

/** A small deterministic random generator: the same demo directory on every machine. */
function prng(seed: number) {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

type Hours = { weekday: number; opensAt: string; closesAt: string }[];
const office: Hours = [1, 2, 3, 4, 5].flatMap((d) => [
	{ weekday: d, opensAt: '09:00', closesAt: '12:00' },
	{ weekday: d, opensAt: '13:00', closesAt: '16:30' }
]);
const mornings: Hours = [1, 2, 4].map((d) => ({ weekday: d, opensAt: '09:00', closesAt: '12:00' }));
const eveningClasses: Hours = [2, 4].map((d) => ({ weekday: d, opensAt: '18:00', closesAt: '20:30' }));
const dayClasses: Hours = [1, 2, 3, 4].map((d) => ({ weekday: d, opensAt: '09:00', closesAt: '12:30' }));
const saturday: Hours = [{ weekday: 6, opensAt: '09:30', closesAt: '12:30' }];
const afternoons: Hours = [1, 3, 5].map((d) => ({ weekday: d, opensAt: '13:30', closesAt: '17:00' }));

type Template = {
	needs: string[];
	name: Record<string, string>;
	description: Record<string, string>;
	hours: Hours[];
	childcare?: number;
	undocumented?: number;
	access: string[];
	free?: number;
	kinds: OrganisationKind[];
};

// Fictitious services: realistic in kind, invented in name and detail.
const templates: Template[] = [
	{
		needs: ['fle'],
		name: { fr: 'Cours de français (FLE) pour adultes', en: 'French classes (FLE) for adults', ar: 'دروس اللغة الفرنسية للكبار', uk: 'Курси французької мови для дорослих', nl: 'Franse les (FLE) voor volwassenen' },
		description: {
			fr: 'Cours de français langue étrangère, niveaux A1 à B1, en petits groupes. Inscription sur place, test de niveau au premier rendez-vous.',
			en: 'French as a foreign language, levels A1 to B1, in small groups. Register on site; a level test at the first meeting.',
			ar: 'دروس الفرنسية كلغة أجنبية من المستوى A1 إلى B1 في مجموعات صغيرة. التسجيل في المكان، واختبار للمستوى في الموعد الأول.',
			uk: 'Французька як іноземна, рівні A1–B1, у невеликих групах. Реєстрація на місці, тест рівня на першій зустрічі.'
		},
		hours: [eveningClasses, dayClasses, [...dayClasses, ...eveningClasses]],
		childcare: 0.5,
		undocumented: 0.7,
		access: ['registration'],
		kinds: ['ili', 'association', 'school']
	},
	{
		needs: ['alpha'],
		name: { fr: 'Alphabétisation : apprendre à lire et écrire', en: 'Literacy: learning to read and write', ar: 'محو الأمية: تعلم القراءة والكتابة' },
		description: { fr: 'Pour les personnes peu ou pas scolarisées : lire, écrire et parler le français, à son rythme.', en: 'For people who went little or never to school: read, write and speak French at your own pace.' },
		hours: [dayClasses, mornings],
		childcare: 0.6,
		undocumented: 0.8,
		access: ['registration', 'walk_in'],
		kinds: ['ili', 'association']
	},
	{
		needs: ['conversation', 'meeting'],
		name: { fr: 'Table de conversation en français', en: 'French conversation table', ar: 'طاولة محادثة بالفرنسية', nl: 'Conversatietafel Frans' },
		description: { fr: 'Un moment convivial pour parler français avec des bénévoles, autour d’un café. Sans inscription.', en: 'A friendly time to speak French with volunteers over coffee. No registration needed.' },
		hours: [eveningClasses, saturday, afternoons],
		undocumented: 1,
		access: ['walk_in'],
		kinds: ['association', 'ili']
	},
	{
		needs: ['parcours', 'citizenship_course'],
		name: { fr: 'Formation à la citoyenneté', en: 'Citizenship training', ar: 'تدريب على المواطنة', uk: 'Курс громадянства' },
		description: { fr: 'Soixante heures pour comprendre la Belgique : institutions, droits et devoirs, vie quotidienne. Avec interprètes si besoin.', en: 'Sixty hours to understand Belgium: institutions, rights and duties, daily life. With interpreters if needed.' },
		hours: [dayClasses, eveningClasses],
		childcare: 0.3,
		access: ['registration', 'referral'],
		kinds: ['ili', 'cri']
	},
	{
		needs: ['isp', 'forem'],
		name: { fr: 'Accompagnement vers l’emploi', en: 'Support to find a job', ar: 'مرافقة للبحث عن عمل', uk: 'Супровід у пошуку роботи' },
		description: { fr: 'CV, lettre, préparation aux entretiens, inscription au FOREM : un conseiller vous suit pas à pas.', en: 'CV, letters, interview preparation, registering with FOREM: an adviser follows you step by step.' },
		hours: [office, afternoons],
		access: ['appointment'],
		kinds: ['cisp', 'ili', 'cpas']
	},
	{
		needs: ['cisp'],
		name: { fr: 'Formation qualifiante en cuisine de collectivité', en: 'Vocational training in catering' },
		description: { fr: 'Six mois de formation avec stage en entreprise, pour demandeurs d’emploi. Indemnité de formation.', en: 'Six months of training with a work placement, for job seekers. Training allowance.' },
		hours: [office],
		access: ['registration'],
		kinds: ['cisp']
	},
	{
		needs: ['equivalence'],
		name: { fr: 'Aide à l’équivalence des diplômes', en: 'Help with diploma recognition', ar: 'مساعدة في معادلة الشهادات' },
		description: { fr: 'Nous vous aidons à préparer le dossier d’équivalence de votre diplôme étranger.', en: 'We help you prepare the recognition file for your foreign diploma.' },
		hours: [mornings],
		access: ['appointment'],
		kinds: ['ili', 'cri']
	},
	{
		needs: ['housing'],
		name: { fr: 'Permanence logement', en: 'Housing help desk', ar: 'مكتب المساعدة في السكن', uk: 'Допомога з житлом', nl: 'Woonloket' },
		description: { fr: 'Recherche de logement, bail, garantie locative, problèmes avec le propriétaire : venez avec vos documents.', en: 'Finding a home, leases, rental deposit, problems with the landlord: come with your documents.' },
		hours: [mornings, afternoons],
		undocumented: 0.6,
		access: ['walk_in', 'appointment'],
		kinds: ['association', 'cpas', 'municipal_service']
	},
	{
		needs: ['mental_health'],
		name: { fr: 'Soutien psychologique pour personnes exilées', en: 'Psychological support for exiled people', ar: 'دعم نفسي للمنفيين', uk: 'Психологічна підтримка для людей у вигнанні' },
		description: { fr: 'Consultations gratuites avec un psychologue, avec interprète. Confidentiel.', en: 'Free sessions with a psychologist, with an interpreter. Confidential.' },
		hours: [office],
		undocumented: 1,
		access: ['appointment', 'referral'],
		kinds: ['association']
	},
	{
		needs: ['health_care'],
		name: { fr: 'Consultation médicale sans rendez-vous', en: 'Walk-in medical consultation', ar: 'استشارة طبية بدون موعد' },
		description: { fr: 'Médecins et infirmiers pour les personnes sans couverture médicale. Aide médicale urgente.', en: 'Doctors and nurses for people without health cover. Urgent medical aid.' },
		hours: [mornings, afternoons],
		undocumented: 1,
		access: ['walk_in'],
		kinds: ['association', 'cpas']
	},
	{
		needs: ['legal_help', 'family_reunification'],
		name: { fr: 'Permanence juridique droit des étrangers', en: 'Legal help desk on migration law', ar: 'مكتب المساعدة القانونية لقانون الأجانب', uk: 'Юридична допомога з міграційного права' },
		description: { fr: 'Séjour, asile, regroupement familial : un juriste répond à vos questions et vérifie vos documents.', en: 'Residence, asylum, family reunification: a lawyer answers your questions and checks your documents.' },
		hours: [afternoons, mornings],
		undocumented: 1,
		access: ['walk_in', 'appointment'],
		kinds: ['ili', 'association']
	},
	{
		needs: ['social_help'],
		name: { fr: 'Service social', en: 'Social service', ar: 'الخدمة الاجتماعية', uk: 'Соціальна служба' },
		description: { fr: 'Aide sociale, revenu d’intégration, carte médicale, aide aux démarches. Premier accueil sans rendez-vous.', en: 'Social aid, integration income, medical card, help with formalities. First visit without appointment.' },
		hours: [office],
		access: ['walk_in', 'appointment'],
		kinds: ['cpas']
	},
	{
		needs: ['epn', 'pmtic'],
		name: { fr: 'Espace public numérique', en: 'Public digital space', ar: 'فضاء رقمي عمومي' },
		description: { fr: 'Ordinateurs et internet gratuits, aide pour les démarches en ligne, formations PMTIC.', en: 'Free computers and internet, help with online formalities, PMTIC courses.' },
		hours: [afternoons, [...afternoons, ...saturday]],
		undocumented: 0.8,
		access: ['walk_in'],
		kinds: ['municipal_service', 'association']
	},
	{
		needs: ['daspa', 'youth'],
		name: { fr: 'Accueil des élèves primo-arrivants (DASPA)', en: 'Reception classes for newly arrived pupils (DASPA)', ar: 'أقسام استقبال التلاميذ الوافدين الجدد', uk: 'Класи для новоприбулих учнів (DASPA)' },
		description: { fr: 'Classes passerelles pour apprendre le français et rejoindre l’école. Inscription à l’école.', en: 'Bridge classes to learn French and join school. Register at the school.' },
		hours: [office],
		undocumented: 1,
		access: ['registration'],
		kinds: ['school']
	},
	{
		needs: ['women', 'meeting'],
		name: { fr: 'Groupe de femmes : échanges et ateliers', en: 'Women’s group: talks and workshops', ar: 'مجموعة نسائية: لقاءات وورشات', uk: 'Жіноча група: зустрічі та майстерні' },
		description: { fr: 'Un espace entre femmes pour se rencontrer, parler français, faire des sorties. Garderie pour les enfants.', en: 'A space for women to meet, speak French and go on outings. Childcare for children.' },
		hours: [afternoons, mornings],
		childcare: 1,
		undocumented: 1,
		access: ['walk_in'],
		kinds: ['association', 'ili']
	},
	{
		needs: ['mena'],
		name: { fr: 'Accompagnement des jeunes MENA et ex-MENA', en: 'Support for unaccompanied minors', ar: 'مرافقة القاصرين غير المصحوبين' },
		description: { fr: 'Tutelle, école, logement à 18 ans, regroupement familial : un éducateur vous accompagne.', en: 'Guardianship, school, housing at 18, family reunification: a youth worker supports you.' },
		hours: [office],
		undocumented: 1,
		access: ['appointment', 'referral'],
		kinds: ['association']
	},
	{
		needs: ['interpreting'],
		name: { fr: 'Interprétariat en milieu social', en: 'Community interpreting', ar: 'الترجمة الفورية في الوسط الاجتماعي' },
		description: { fr: 'Des interprètes pour vos rendez-vous au CPAS, à l’hôpital ou à l’école, sur demande des services.', en: 'Interpreters for your appointments at the CPAS, hospital or school, booked by the services.' },
		hours: [office],
		access: ['referral'],
		kinds: ['setis']
	},
	{
		needs: ['sport_culture', 'meeting'],
		name: { fr: 'Club de football ouvert à tous', en: 'Football club open to everyone', ar: 'نادي كرة قدم مفتوح للجميع' },
		description: { fr: 'Entraînements le samedi, équipe mixte, équipement prêté. Venez essayer !', en: 'Training on Saturdays, mixed team, kit lent. Come and try!' },
		hours: [saturday],
		undocumented: 1,
		access: ['walk_in'],
		kinds: ['association']
	},
	{
		needs: ['admin_help'],
		name: { fr: 'Aide aux démarches administratives', en: 'Help with paperwork', ar: 'مساعدة في الإجراءات الإدارية', uk: 'Допомога з документами' },
		description: { fr: 'Courriers, formulaires, rendez-vous : nous vous aidons à comprendre et à répondre.', en: 'Letters, forms, appointments: we help you understand and reply.' },
		hours: [mornings, office],
		undocumented: 0.9,
		access: ['walk_in'],
		kinds: ['ili', 'municipal_service', 'association']
	},
	{
		needs: ['food_emergency'],
		name: { fr: 'Épicerie sociale et colis alimentaires', en: 'Social grocery and food parcels', ar: 'بقالة اجتماعية وطرود غذائية', uk: 'Соціальний магазин і продуктові набори' },
		description: { fr: 'Produits à petit prix et colis alimentaires, sur orientation d’un service social.', en: 'Low-cost products and food parcels, on referral by a social service.' },
		hours: [afternoons],
		undocumented: 1,
		access: ['referral'],
		kinds: ['association', 'cpas']
	},
	{
		needs: ['childcare'],
		name: { fr: 'Halte-garderie', en: 'Drop-in childcare', ar: 'حضانة مؤقتة' },
		description: { fr: 'Garde d’enfants de 0 à 3 ans quelques heures par semaine, pendant vos cours ou démarches.', en: 'Childcare for 0 to 3-year-olds a few hours a week, during your classes or appointments.' },
		hours: [mornings],
		childcare: 1,
		access: ['registration'],
		kinds: ['association', 'municipal_service']
	}
];

const orgPatterns: Record<OrganisationKind, (m: string) => string> = {
	cri: (m) => `Antenne du CRI à ${m} (démo)`,
	ili: (m) => `Le Pont – ILI de ${m} (fictive)`,
	cisp: (m) => `Cap Métiers ${m} (fictif)`,
	cpas: (m) => `CPAS de ${m} (démo)`,
	municipal_service: (m) => `Espace citoyen de ${m} (démo)`,
	setis: (m) => `SeTIS – antenne de ${m} (démo)`,
	association: (m) => `Maison des Cultures de ${m} (fictive)`,
	school: (m) => `Athénée de ${m} (fictif)`,
	other: (m) => `Service de ${m} (démo)`
};

const otherLanguages = ['ar', 'en', 'nl', 'uk', 'ru', 'tr', 'es', 'fa', 'ps', 'ti', 'sgn-BE-fr', 'de', 'ln', 'so'];

/**
 * About 60 fictitious organisations (every municipality has at least one) and 200 services,
 * published. Names are marked as demo or fictitious.
 */
export const directoryDemoSeeder: DemoSeeder = {
	name: 'directory',
	async seed(db: Database) {
		const random = prng(2026);
		const pickOne = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
		const municipalities = readMunicipalities();
		const identity = createIdentityRepository({ db });
		const directory = createDirectoryRepository({ db });
		const big = ['62063', '62096', '62051', '61031', '64074'];
		const places = [...municipalities.map((m) => m.nisCode), ...big];
		const kinds: OrganisationKind[] = ['ili', 'association', 'cpas', 'municipal_service', 'cisp', 'school', 'association', 'ili'];
		const orgs: { id: string; kind: OrganisationKind; nis: string; locationId: string }[] = [];
		// Organisations that already exist (the demo accounts' ones) get services too.
		for (const org of await identity.organisations.list()) {
			const m = municipalities.find((x) => x.nisCode === org.nisCode)!;
			const [loc] = await db
				.insert(location)
				.values({ organisationId: org.id, street: org.street ?? 'Rue de la Démo', postalCode: org.postalCode ?? m.mainPostalCode, nisCode: org.nisCode, lat: m.lat + (random() - 0.5) * 0.02, lon: m.lon + (random() - 0.5) * 0.02 })
				.returning({ id: location.id });
			orgs.push({ id: org.id, kind: org.kind as OrganisationKind, nis: org.nisCode, locationId: loc!.id });
		}
		for (let i = 0; i < places.length; i++) {
			const nis = places[i]!;
			const m = municipalities.find((x) => x.nisCode === nis)!;
			const kind = i === 0 ? 'setis' : kinds[i % kinds.length]!;
			const org = await identity.organisations.create({ name: orgPatterns[kind](m.nameFr) + (i >= 55 ? ' II' : ''), kind, nisCode: nis, postalCode: m.mainPostalCode, street: `Rue de la Démo ${i + 1}` });
			const [loc] = await db
				.insert(location)
				.values({ organisationId: org.id, street: `Rue de la Démo ${i + 1}`, postalCode: m.mainPostalCode, nisCode: nis, lat: m.lat + (random() - 0.5) * 0.02, lon: m.lon + (random() - 0.5) * 0.02 })
				.returning({ id: location.id });
			orgs.push({ id: org.id, kind, nis, locationId: loc!.id });
		}

		const services: { template: Template; org: (typeof orgs)[number] }[] = [];
		// The walk-through of the issue: evening French classes with childcare in Seraing.
		const seraing = orgs.find((o) => o.nis === '62096')!;
		services.push({ template: { ...templates[0]!, hours: [eveningClasses], childcare: 1 }, org: seraing });
		while (services.length < 200) {
			const org = orgs[services.length % orgs.length]!;
			const fitting = templates.filter((t) => t.kinds.includes(org.kind));
			services.push({ template: pickOne(fitting.length ? fitting : templates), org });
		}

		for (const [n, { template: t, org }] of services.entries()) {
			const [row] = await db
				.insert(service)
				.values({
					organisationId: org.id,
					status: 'draft',
					childcare: random() < (t.childcare ?? 0),
					free: random() < (t.free ?? 0.9),
					audiences: random() < (t.undocumented ?? 0) ? ['undocumented', 'asylum_seeker', 'refugee'] : ['refugee'],
					accessModes: t.access,
					wheelchair: random() < 0.6,
					capacity: pickOne(['available', 'available', 'waiting_list', 'full', null]),
					languages: ['fr', ...otherLanguages.filter(() => random() < 0.25)],
					phone: `04 ${String(200 + n).padStart(3, '0')} ${String(10 + (n % 90)).padStart(2, '0')} ${String(10 + ((n * 7) % 90)).padStart(2, '0')}`,
					email: `contact${n}@demo.passerelle.be`,
					// Checked within the year before the demo starts, except each organisation's third
					// service (12 to 20 months): a campaign, the freshness dashboard and the notice on
					// services unchecked for over 18 months have something to show.
					lastVerifiedAt: new Date(Date.now() - ((n >= 2 * orgs.length ? 12 + Math.floor(random() * 8) : Math.floor(random() * 12)) * 30 + Math.floor(random() * 27)) * 86_400_000)
				})
				.returning({ id: service.id });
			const id = row!.id;
			await db.insert(serviceTaxonomy).values(t.needs.map((termId) => ({ serviceId: id, termId })));
			await db.insert(serviceAtLocation).values({ serviceId: id, locationId: org.locationId });
			const hours = pickOne(t.hours);
			await db.insert(schedule).values(hours.map((h) => ({ serviceId: id, ...h })));
			const texts = [
				...Object.entries(t.name).map(([locale, text]) => ({ field: 'name', locale, text })),
				...Object.entries(t.description).map(([locale, text]) => ({ field: 'description', locale, text }))
			];
			await db.insert(translation).values(texts.map((x) => ({ entityType: 'service', entityId: id, ...x, status: x.locale === 'fr' ? 'source' : 'reviewed' })));
			if (n % 37 === 5) {
				const [ex] = await db
					.insert(scheduleException)
					.values({ serviceId: id, startsOn: '2026-12-24', endsOn: '2027-01-03', kind: 'closed', noticeFrom: '2026-12-09' })
					.returning({ id: scheduleException.id });
				await db.insert(translation).values({ entityType: 'schedule_exception', entityId: ex!.id, field: 'message', locale: 'fr', text: 'Fermé pendant les vacances d’hiver.', status: 'source' });
			}
			await directory.publish(id, null, 'demo');
		}
	}
};
