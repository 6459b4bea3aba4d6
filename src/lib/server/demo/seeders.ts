import type { DemoSeeder } from '../instance/instance';

/**
 * Demo loaders of every domain, in dependency order. Each writes fictitious rows only.
 * The foundation has none yet beyond the territory (always loaded); the directory, agenda,
 * courses and case files add theirs here.
 */
export const demoSeeders: readonly DemoSeeder[] = [];
