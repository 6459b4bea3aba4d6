// Pictograms of the needs: Lucide icons (lucide-static, ISC licence), inlined so that pages
// need no icon request. Decorative: hidden from assistive technology.

import languages from 'lucide-static/icons/languages.svg?raw';
import landmark from 'lucide-static/icons/landmark.svg?raw';
import briefcase from 'lucide-static/icons/briefcase.svg?raw';
import house from 'lucide-static/icons/house.svg?raw';
import heartPulse from 'lucide-static/icons/heart-pulse.svg?raw';
import scale from 'lucide-static/icons/scale.svg?raw';
import monitor from 'lucide-static/icons/monitor.svg?raw';
import baby from 'lucide-static/icons/baby.svg?raw';
import school from 'lucide-static/icons/school.svg?raw';
import venus from 'lucide-static/icons/venus.svg?raw';
import userRound from 'lucide-static/icons/user-round.svg?raw';
import speech from 'lucide-static/icons/speech.svg?raw';
import users from 'lucide-static/icons/users.svg?raw';
import trophy from 'lucide-static/icons/trophy.svg?raw';
import fileText from 'lucide-static/icons/file-text.svg?raw';
import utensils from 'lucide-static/icons/utensils.svg?raw';

const raw: Record<string, string> = {
	'languages': languages,
	'landmark': landmark,
	'briefcase': briefcase,
	'house': house,
	'heart-pulse': heartPulse,
	'scale': scale,
	'monitor': monitor,
	'baby': baby,
	'school': school,
	'venus': venus,
	'user-round': userRound,
	'speech': speech,
	'users': users,
	'trophy': trophy,
	'file-text': fileText,
	'utensils': utensils,
};

/** The SVG markup of an icon, sized, without Lucide's comment and classes. */
export function iconSvg(name: string, size = 24): string {
	const svg = raw[name] ?? raw['file-text']!;
	return svg
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/\s*class="[^"]*"/, '')
		.replace(/width="24"/, `width="${size}"`)
		.replace(/height="24"/, `height="${size}" aria-hidden="true" focusable="false"`)
		.replace(/\n\s*/g, ' ')
		.trim();
}
