import sharp from 'sharp';
import type { Database } from '../db/client';
import { createIdentityRepository } from '../identity/identity.repository';
import type { DemoSeeder } from '../instance/instance';
import { processImage } from './agenda.images';
import { readEventForm } from './agenda.schemas';
import { createEventTranslations } from './agenda.translations';
import { createAgenda } from './agenda.usecases';
import { addDays, brusselsToday, isoWeekday } from './brussels-time';

type Demo = {
	org: string;
	form: Record<string, string | string[]>;
	/** Reviewed translations of the title. */
	titles?: Record<string, string>;
	image?: { svg: string; alt: string };
	/** published (default), submitted (waits in the queue) */
	state?: 'published' | 'submitted';
};

// Simple drawings (no text, no photo of anyone) for the demo's images.
const bubbles = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675"><rect width="1200" height="675" fill="#fdf3e1"/><ellipse cx="470" cy="300" rx="300" ry="190" fill="#1f6f8b"/><path d="M330 450 L280 590 L450 470 Z" fill="#1f6f8b"/><ellipse cx="790" cy="380" rx="260" ry="165" fill="#e07a5f"/><path d="M900 510 L980 630 L830 530 Z" fill="#e07a5f"/></svg>`;
const museum = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675"><rect width="1200" height="675" fill="#e8eef2"/><polygon points="600,90 1000,260 200,260" fill="#3d5a80"/><rect x="250" y="280" width="700" height="40" fill="#3d5a80"/>${[300, 430, 560, 690, 820].map((x) => `<rect x="${x}" y="330" width="70" height="240" fill="#98c1d9"/>`).join('')}<rect x="200" y="580" width="800" height="50" fill="#3d5a80"/></svg>`;

/** The next date (from tomorrow) that falls on an ISO weekday, plus some weeks. */
function next(today: string, weekday: number, weeksLater = 0): string {
	let d = addDays(today, 1);
	while (isoWeekday(d) !== weekday) d = addDays(d, 1);
	return addDays(d, 7 * weeksLater);
}

function formData(values: Record<string, string | string[]>): FormData {
	const data = new FormData();
	for (const [k, v] of Object.entries(values)) for (const x of Array.isArray(v) ? v : [v]) data.append(k, x);
	return data;
}

/** A dozen believable, fictitious activities over the coming weeks, some of them recurring. */
function demos(today: string): Demo[] {
	const common = { free: 'on', registration: 'none', audience: 'all', mode: 'place', languages: ['fr'] };
	return [
		{
			org: 'Maison des Langues de Seraing (fictive)',
			form: { ...common, title: 'Table de conversation en français', category: 'conversation', description: 'Vous apprenez le français ? Venez le parler ! Chaque mardi, on discute de la vie de tous les jours autour d’un thé, en petits groupes, avec des bénévoles. Tous les niveaux sont les bienvenus, même les grands débutants.', startDate: next(today, 2), startTime: '18:00', endTime: '19:30', repeat: 'weekly', until: addDays(next(today, 2), 7 * 11), placeName: 'Maison des Langues', street: 'Rue de la Fictive 12', postalCode: '4100', nisCode: '62096', languages: ['fr', 'ar', 'uk'], childcare: 'on' },
			titles: { ar: 'طاولة محادثة باللغة الفرنسية', en: 'French conversation table', uk: 'Розмовний клуб французькою', nl: 'Conversatietafel Frans' },
			image: { svg: bubbles, alt: 'Dessin de deux bulles de dialogue, une bleue et une orange.' }
		},
		{
			org: 'Espace Rencontres Herstal (fictif)',
			form: { ...common, title: 'Café-conversation du samedi', category: 'conversation', description: 'Un moment convivial pour pratiquer le français le samedi matin, avec café et biscuits. Garderie sur place pour les enfants de 2 à 6 ans.', startDate: next(today, 6), startTime: '10:00', endTime: '11:30', repeat: 'weekly', count: '8', placeName: 'Espace Rencontres', street: 'Rue Imaginaire 3', postalCode: '4040', nisCode: '62051', languages: ['fr', 'ar', 'ps', 'fa'], childcare: 'on' },
			titles: { ar: 'مقهى المحادثة يوم السبت', en: 'Saturday conversation café' }
		},
		{
			org: 'CRIPEL (démo)',
			form: { ...common, title: 'Séance d’information : le Parcours d’intégration', category: 'information', description: 'Qu’est-ce que le Parcours d’intégration ? Qui doit le suivre, dans quels délais, et quelles sont les étapes (accueil, cours de français, citoyenneté, orientation) ? Une séance pour poser toutes vos questions. Des interprètes sont présents.', startDate: next(today, 4, 1), startTime: '09:30', endTime: '12:00', repeat: 'monthly', count: '3', placeName: 'CRIPEL, salle du rez-de-chaussée', street: 'Place Xavier Neujean 19b', postalCode: '4000', nisCode: '62063', languages: ['fr', 'ar', 'en', 'uk', 'fa', 'ti'], interpreter: 'on', wheelchair: 'on', registration: 'required', registrationPhone: '04 220 01 20' },
			titles: { ar: 'جلسة إعلامية: مسار الاندماج (Parcours d’intégration)', en: 'Information session: the Integration Path (Parcours d’intégration)', uk: 'Інформаційна сесія: шлях інтеграції (Parcours d’intégration)', ti: 'ኣኼባ ሓበሬታ፦ መስርሕ ምውህሃድ (Parcours d’intégration)' }
		},
		{
			org: 'CRIPEL (démo)',
			form: { ...common, title: 'Visite guidée du musée La Boverie', category: 'visit', description: 'Découvrez le musée des beaux-arts de Liège avec une guide qui parle lentement et simplement. Rendez-vous à l’entrée du musée. Entrée gratuite pour le groupe.', startDate: next(today, 6, 2), startTime: '14:00', endTime: '16:00', placeName: 'Musée La Boverie', street: 'Parc de la Boverie 3', postalCode: '4020', nisCode: '62063', languages: ['fr', 'en'], wheelchair: 'on', registration: 'required', registrationUrl: 'https://www.example.be/inscription-boverie' },
			titles: { en: 'Guided tour of La Boverie museum', ar: 'زيارة مع مرشدة لمتحف لا بوفري' },
			image: { svg: museum, alt: 'Dessin de la façade d’un musée à colonnes.' }
		},
		{
			org: 'Atelier Tremplin Huy (fictif)',
			form: { ...common, title: 'Football en salle pour tous', category: 'sport', description: 'Foot en salle mixte, tous niveaux. Apportez des chaussures de sport propres. Les vestiaires ont des douches.', startDate: next(today, 3), startTime: '17:00', endTime: '18:30', repeat: 'weekly', until: addDays(next(today, 3), 7 * 7), exdates: addDays(next(today, 3), 14), placeName: 'Hall omnisports (fictif)', street: 'Quai Inventé 8', postalCode: '4500', nisCode: '61031', audience: 'youth', languages: ['fr', 'ar', 'es'] },
			titles: { en: 'Indoor football for everyone', ar: 'كرة القدم داخل القاعة للجميع' }
		},
		{
			org: 'Espace Rencontres Herstal (fictif)',
			form: { ...common, title: 'Balade sur les coteaux de la Citadelle', category: 'visit', description: 'Une promenade de 5 km entre escaliers, vergers et points de vue sur Liège. Prévoyez de bonnes chaussures et de l’eau. Retour vers 12 h 30.', startDate: next(today, 7, 1), startTime: '10:00', endTime: '12:30', placeName: 'Départ : pied de la Montagne de Bueren', street: 'Montagne de Bueren', postalCode: '4000', nisCode: '62063', languages: ['fr', 'nl'], audience: 'families' }
		},
		{
			org: 'Maison des Langues de Seraing (fictive)',
			form: { ...common, title: 'Cuisine du monde entre femmes', category: 'intercultural', description: 'Chaque participante apporte une recette de chez elle ; on cuisine et on mange ensemble. Garderie pour les enfants pendant l’atelier.', startDate: next(today, 5, 1), startTime: '13:30', endTime: '16:30', placeName: 'Maison des Langues, cuisine', street: 'Rue de la Fictive 12', postalCode: '4100', nisCode: '62096', audience: 'women', childcare: 'on', free: '', price: '3 € (ingrédients)', languages: ['fr', 'ar', 'tr', 'ru'] },
			titles: { ar: 'مطبخ العالم بين النساء', tr: 'Kadınlar arasında dünya mutfağı', en: 'World cuisine among women' }
		},
		{
			org: 'Atelier Tremplin Huy (fictif)',
			form: { ...common, title: 'Ciné-débat « Partir, rester »', category: 'cultural', description: 'Projection d’un court documentaire sur l’exil et l’arrivée en Belgique, suivie d’une discussion avec les spectateurs. Sous-titres en français.', startDate: next(today, 5, 2), startTime: '19:00', endTime: '21:30', placeName: 'Salle communale (fictive)', street: 'Quai Inventé 8', postalCode: '4500', nisCode: '61031', free: '', price: '2 €', languages: ['fr'] }
		},
		{
			org: 'Atelier Tremplin Huy (fictif)',
			form: { ...common, title: 'Atelier CV et recherche d’emploi', category: 'training', description: 'Écrire son CV, préparer un entretien, comprendre les offres d’emploi. Apportez vos documents si vous en avez.', startDate: next(today, 1), startTime: '13:30', endTime: '16:00', repeat: 'biweekly', count: '4', placeName: 'Atelier Tremplin', street: 'Quai Inventé 8', postalCode: '4500', nisCode: '61031', languages: ['fr', 'en'], registration: 'required', registrationPhone: '085 00 00 00' }
		},
		{
			org: 'CPAS de Waremme (démo)',
			form: { ...common, title: 'En ligne : ouvrir un compte bancaire', category: 'information', description: 'Quels documents faut-il, quelles banques acceptent quels titres de séjour, et que faire en cas de refus ? Séance en ligne d’une heure, avec questions.', startDate: next(today, 2, 1), startTime: '14:00', endTime: '15:00', mode: 'online', onlineUrl: 'https://visio.example.be/compte-bancaire', languages: ['fr', 'en'] }
		},
		{
			org: 'Service des étrangers d’Ans (démo)',
			form: { ...common, title: 'Tournoi de volley interculturel', category: 'sport', description: 'Formez une équipe ou venez seul : on vous trouvera une équipe. Toute la journée, buvette et musique.', startDate: next(today, 6, 3), placeName: 'Complexe sportif (fictif)', street: 'Place Exemple 2', postalCode: '4430', nisCode: '62003', languages: ['fr', 'ar', 'es', 'uk'] }
		},
		{
			org: 'Espace Rencontres Herstal (fictif)',
			form: { ...common, title: 'Fête des voisins du monde', category: 'intercultural', description: 'Musiques, jeux pour les enfants et buffet où chacun apporte un plat. Une fête pour se rencontrer entre voisins, d’ici et d’ailleurs.', startDate: next(today, 6, 4), startTime: '15:00', endTime: '20:00', placeName: 'Place du quartier (fictive)', street: 'Rue Imaginaire 3', postalCode: '4040', nisCode: '62051', audience: 'families', childcare: 'on', languages: ['fr', 'ar', 'tr', 'ps'] },
			titles: { ar: 'حفل الجيران من كل العالم', tr: 'Dünyanın komşuları şenliği', en: 'World neighbours’ party' }
		},
		{
			org: 'Maison des Langues de Seraing (fictive)',
			form: { ...common, title: 'Apprendre à rouler à vélo (adultes)', category: 'training', description: 'Vous n’avez jamais fait de vélo ? En quatre séances, on apprend l’équilibre, le freinage et les règles de la route. Vélos et casques prêtés.', startDate: next(today, 4, 2), startTime: '10:00', endTime: '12:00', repeat: 'weekly', count: '4', placeName: 'Cour de l’école (fictive)', street: 'Rue de la Fictive 14', postalCode: '4100', nisCode: '62096', audience: 'all', languages: ['fr'] },
			state: 'submitted'
		}
	];
}

/** Fictitious activities of the demo organisations, published by the demo directory editor. */
export const agendaDemoSeeder: DemoSeeder = {
	name: 'agenda',
	async seed(db: Database) {
		const identity = createIdentityRepository({ db });
		const editor = await identity.users.byEmail('editeur@demo.passerelle.be');
		if (!editor) return;
		const organisations = await identity.organisations.list();
		const agenda = createAgenda({ db });
		const translations = createEventTranslations({ db });
		const editorCtx = { actorUserId: editor.id, ipHash: 'demo' };
		for (const d of demos(brusselsToday(new Date()))) {
			const org = organisations.find((o) => o.name === d.org);
			if (!org) continue;
			const read = readEventForm(formData(d.form));
			if (!read.data) throw new Error(`demo activity "${String(d.form.title)}": ${JSON.stringify(read.errors)}`);
			const id = await agenda.create(org.id, read.data, editorCtx);
			if (d.titles) await translations.review(id, Object.fromEntries(Object.entries(d.titles).map(([l, text]) => [translations.inputName(`agenda_event.${id}.title`, l), text])), editorCtx);
			if (d.image) {
				const result = await processImage(await sharp(Buffer.from(d.image.svg)).png().toBuffer());
				if (result.ok) await agenda.setImage(id, result.image, d.image.alt, editorCtx);
			}
			await agenda.submit(id, editorCtx);
			if ((d.state ?? 'published') === 'published') await agenda.publish(id, editorCtx, null);
		}
		// A proposal from the public form, waiting for a directory editor.
		const proposal = readEventForm(
			formData({ title: 'Pique-nique solidaire au parc', category: 'intercultural', description: 'Chacun apporte quelque chose à partager. Jeux de ballon pour les enfants.', startDate: next(brusselsToday(new Date()), 7, 2), startTime: '12:00', endTime: '15:00', mode: 'place', placeName: 'Parc de la Boverie', street: 'Parc de la Boverie', postalCode: '4020', nisCode: '62063', free: 'on', registration: 'none', audience: 'families', languages: ['fr', 'ar'] })
		);
		if (proposal.data) await agenda.propose(proposal.data, { organiserName: 'Collectif des voisins (fictif)', contact: null }, 'fr', 'demo-proposal');
	}
};
