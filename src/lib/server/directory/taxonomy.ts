import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { taxonomyTerm } from './directory.table';

/**
 * The needs of newcomers, from the PLI 2023 diagnostic and the sector's axes, in two levels.
 * Labels are UI strings (needs.<id> in every catalogue); pictograms are Lucide icons
 * (lucide-static, ISC licence, recorded in the legal notice).
 */
export type Term = { id: string; icon: string; children?: { id: string }[] };

export const needs: Term[] = [
	{ id: 'french', icon: 'languages', children: [{ id: 'alpha' }, { id: 'fle' }, { id: 'conversation' }] },
	{ id: 'citizenship', icon: 'landmark', children: [{ id: 'parcours' }, { id: 'citizenship_course' }] },
	{ id: 'work', icon: 'briefcase', children: [{ id: 'isp' }, { id: 'cisp' }, { id: 'equivalence' }, { id: 'forem' }] },
	{ id: 'housing', icon: 'house' },
	{ id: 'health', icon: 'heart-pulse', children: [{ id: 'health_care' }, { id: 'mental_health' }] },
	{ id: 'social_legal', icon: 'scale', children: [{ id: 'social_help' }, { id: 'legal_help' }, { id: 'family_reunification' }] },
	{ id: 'digital', icon: 'monitor', children: [{ id: 'epn' }, { id: 'pmtic' }] },
	{ id: 'childcare', icon: 'baby' },
	{ id: 'youth_school', icon: 'school', children: [{ id: 'daspa' }, { id: 'youth' }] },
	{ id: 'women', icon: 'venus' },
	{ id: 'mena', icon: 'user-round' },
	{ id: 'interpreting', icon: 'speech' },
	{ id: 'meeting', icon: 'users' },
	{ id: 'sport_culture', icon: 'trophy' },
	{ id: 'admin_help', icon: 'file-text' },
	{ id: 'food_emergency', icon: 'utensils' }
];

export const allTermIds: string[] = needs.flatMap((t) => [t.id, ...(t.children ?? []).map((c) => c.id)]);
const parentOf = new Map(needs.flatMap((t) => (t.children ?? []).map((c) => [c.id, t.id] as const)));
const iconOf = new Map(needs.map((t) => [t.id, t.icon]));

export function topLevelOf(termId: string): string {
	return parentOf.get(termId) ?? termId;
}
export function iconFor(termId: string): string {
	return iconOf.get(topLevelOf(termId)) ?? 'circle';
}
/** A term and, for a top-level need, all its children: "french" finds alpha, fle, conversation. */
export function expandTerm(termId: string): string[] {
	const t = needs.find((n) => n.id === termId);
	return t ? [t.id, ...(t.children ?? []).map((c) => c.id)] : [termId];
}

/**
 * Words people type for a need, per language, beyond its label (which is indexed in all 12
 * languages from the catalogues). Lower case; accents do not matter.
 */
export const synonyms: Record<string, Partial<Record<string, string[]>>> = {
	french: {
		fr: ['cours de français', 'apprendre le français', 'français', 'fle', 'français langue étrangère', 'alphabétisation', 'alpha'],
		en: ['french class', 'french course', 'learn french', 'french lessons'],
		nl: ['franse les', 'frans leren', 'cursus frans'],
		de: ['französischkurs', 'französisch lernen'],
		ar: ['دروس اللغة الفرنسية', 'تعلم الفرنسية', 'اللغة الفرنسية', 'الفرنسية', 'دروس الفرنسية'],
		fa: ['کلاس فرانسه', 'یادگیری زبان فرانسه', 'زبان فرانسه'],
		ps: ['فرانسوي ژبه', 'د فرانسوي ژبې زده کړه'],
		uk: ['курси французької', 'французька мова', 'вивчення французької'],
		ru: ['курсы французского', 'французский язык'],
		tr: ['fransızca kursu', 'fransızca öğrenmek'],
		es: ['clases de francés', 'aprender francés'],
		ti: ['ትምህርቲ ፈረንሳይኛ', 'ፈረንሳይኛ']
	},
	alpha: { fr: ['alphabétisation', 'lire et écrire', 'alpha fle'], en: ['literacy', 'reading and writing'], ar: ['محو الأمية'] },
	conversation: { fr: ['table de conversation', 'parler français'], en: ['conversation group', 'speak french'] },
	citizenship: { fr: ['parcours d’intégration', 'parcours d intégration', 'citoyenneté', 'module d’accueil'], en: ['integration path', 'citizenship course'], ar: ['مسار الاندماج', 'المواطنة'], uk: ['інтеграційний курс'] },
	work: { fr: ['emploi', 'travail', 'formation', 'chercher un emploi', 'cv'], en: ['job', 'work', 'training', 'employment'], ar: ['عمل', 'وظيفة', 'تدريب'], uk: ['робота', 'працевлаштування'], ru: ['работа'], tr: ['iş', 'meslek eğitimi'], es: ['empleo', 'trabajo'] },
	equivalence: { fr: ['équivalence de diplôme', 'reconnaissance de diplôme'], en: ['diploma recognition'], ar: ['معادلة الشهادة'] },
	housing: { fr: ['logement', 'appartement', 'loyer', 'maison'], en: ['housing', 'flat', 'rent', 'apartment'], ar: ['سكن', 'شقة', 'إيجار'], uk: ['житло', 'квартира'], ru: ['жильё', 'квартира'], tr: ['konut', 'ev', 'kira'], es: ['vivienda', 'piso', 'alquiler'], fa: ['مسکن', 'خانه'], ps: ['کور', 'استوګنځی'], ti: ['መንበሪ ገዛ'] },
	health: { fr: ['santé', 'médecin', 'soins'], en: ['health', 'doctor'], ar: ['صحة', 'طبيب'], uk: ['здоровʼя', 'лікар'], es: ['salud', 'médico'] },
	mental_health: { fr: ['santé mentale', 'psychologue', 'soutien psychologique', 'trauma'], en: ['mental health', 'psychologist'], ar: ['الصحة النفسية', 'طبيب نفسي'], uk: ['психолог'] },
	social_legal: { fr: ['aide juridique', 'avocat', 'papiers', 'séjour', 'droit'], en: ['legal aid', 'lawyer', 'residence permit'], ar: ['مساعدة قانونية', 'محامي', 'أوراق الإقامة'] },
	family_reunification: { fr: ['regroupement familial'], en: ['family reunification'], ar: ['لم الشمل'] },
	digital: { fr: ['informatique', 'ordinateur', 'internet', 'numérique'], en: ['computer', 'internet', 'digital'], ar: ['حاسوب', 'إنترنت'] },
	childcare: { fr: ['garderie', 'crèche', 'garde d’enfants'], en: ['childcare', 'nursery'], ar: ['حضانة', 'رعاية الأطفال'], uk: ['дитячий садок'] },
	youth_school: { fr: ['école', 'daspa', 'jeunes', 'inscription scolaire'], en: ['school', 'youth'], ar: ['مدرسة', 'شباب'] },
	women: { fr: ['femmes', 'violences', 'groupe de femmes'], en: ['women'], ar: ['نساء', 'المرأة'] },
	mena: { fr: ['mineur non accompagné', 'mena', 'ex-mena'], en: ['unaccompanied minor'], ar: ['قاصر غير مصحوب'] },
	interpreting: { fr: ['interprète', 'traduction', 'setis'], en: ['interpreter', 'translation'], ar: ['مترجم', 'ترجمة'] },
	meeting: { fr: ['rencontre', 'interculturel', 'activités', 'bénévolat'], en: ['meet people', 'intercultural'], ar: ['لقاءات', 'أنشطة'] },
	sport_culture: { fr: ['sport', 'culture', 'musée', 'théâtre'], en: ['sport', 'culture'], ar: ['رياضة', 'ثقافة'] },
	admin_help: { fr: ['démarches administratives', 'formulaire', 'courrier', 'papiers'], en: ['paperwork', 'forms', 'letters'], ar: ['إجراءات إدارية', 'استمارة'] },
	food_emergency: { fr: ['colis alimentaire', 'épicerie sociale', 'repas', 'urgence', 'vêtements'], en: ['food bank', 'food parcel', 'emergency'], ar: ['طرود غذائية', 'طعام', 'طوارئ'], uk: ['продуктові набори'] }
};

/** Writes the taxonomy into taxonomy_term (for the API and foreign keys); cheap when unchanged. */
export async function syncTaxonomy(db: Database): Promise<void> {
	const rows = needs.flatMap((t, i) => [
		{ id: t.id, parentId: null, icon: t.icon, position: i * 100 },
		...(t.children ?? []).map((c, j) => ({ id: c.id, parentId: t.id, icon: t.icon, position: i * 100 + j + 1 }))
	]);
	await db
		.insert(taxonomyTerm)
		.values(rows)
		.onConflictDoUpdate({ target: taxonomyTerm.id, set: { parentId: sql`excluded.parent_id`, icon: sql`excluded.icon`, position: sql`excluded.position` } });
}
