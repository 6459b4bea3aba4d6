import { error, type RequestEvent } from '@sveltejs/kit';
import { createTranslator } from '$lib/i18n/translator';
import { requestContext } from '../../http/guard';
import { messagesFor } from '../../i18n/catalogues';
import { toFundingCsv, toFundingXlsx } from './export';
import { openJustification } from './open-justification';
import { quarterKey } from '../quarter';

const types = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv; charset=utf-8' } as const;

/** A justification download (in French, the funders' language); the export is audited with it. */
export async function fundingDownload(event: RequestEvent, format: keyof typeof types): Promise<Response> {
	const { actor, funding, organisation, quarter, quarterError, now } = await openJustification(event);
	if (!organisation) error(404, 'Not Found');
	if (quarterError) error(400, 'Bad Request');
	const { justification, trainees } = await funding.exportData(organisation, quarter, format, { actorUserId: actor.userId, ipHash: requestContext(event).ipHash }, now);
	const t = createTranslator('fr', messagesFor('fr', ['courses.']));
	const body = format === 'xlsx' ? new Uint8Array(await toFundingXlsx(justification, trainees, { t })) : toFundingCsv(justification, { t });
	return new Response(body, {
		headers: { 'content-type': types[format], 'content-disposition': `attachment; filename="financement-${quarterKey(quarter)}.${format}"`, 'cache-control': 'private, no-store' }
	});
}
