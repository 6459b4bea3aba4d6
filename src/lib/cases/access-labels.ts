import type { Translate } from '$lib/i18n/translator';

/**
 * Labels of an audit row about a case file, shared by the access tab and the printed statement.
 * A code without a label (an action or purpose added later) is shown as its code, never hidden.
 */
const orCode = (t: Translate, key: string, code: string) => {
	const label = t(key);
	return label === key ? code : label;
};

/** What was done: reads are "Consultation", changes use the timeline's labels (`pro.cases.timeline.<action>`). */
export function actionLabel(t: Translate, action: string): string {
	if (action === 'case_file.viewed') return t('pro.cases.access.viewed');
	return orCode(t, `pro.cases.timeline.${action}`, action);
}

/** The section concerned, or "the whole file". */
export function sectionLabel(t: Translate, section: string | null): string {
	return section ? orCode(t, `pro.cases.section.${section}`, section) : t('pro.cases.access.wholeFile');
}

/** Why (the audit row's purpose: view, edit, export, print…). */
export function purposeLabel(t: Translate, purpose: string | null): string {
	return purpose ? orCode(t, `pro.cases.access.purpose.${purpose}`, purpose) : '—';
}

/** Changes are every action but reads and prints (for the statement's summary per organisation). */
export function isRead(action: string): boolean {
	return action === 'case_file.viewed' || action === 'case_file.exported' || action === 'case_file.access_log.printed';
}
