import { agendaRepo } from '$server/agenda/agenda.http';
import { agendaRules } from '$server/agenda/agenda.policy';
import { authorize } from '$server/http/guard';
import type { PageServerLoad } from './$types';

// The queue: activities sent for review and public proposals, oldest first (directory editors).
export const load: PageServerLoad = async (event) => {
	authorize(event, agendaRules.moderate);
	return { queue: await agendaRepo().queue() };
};
