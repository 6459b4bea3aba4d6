// The README's run command: builds the app when its sources changed, then starts it in this
// process. Spreadsheet imports accept files up to 5 MB, so request bodies may be 6 MB unless
// BODY_SIZE_LIMIT says otherwise (adapter-node's own default is 512 KB).
import { ensureBuild } from './ensure-build.js';

ensureBuild();
process.env.BODY_SIZE_LIMIT ||= '6M';
await import('../build/index.js');
