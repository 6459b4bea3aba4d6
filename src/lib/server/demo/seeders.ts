import { hash } from '@node-rs/argon2';
import { parcoursDemoSeeder } from '../cases/cases.parcours.demo';
import { directoryDemoSeeder } from '../directory/directory.demo';
import { identityDemoSeeder } from '../identity/identity.demo';
import type { DemoSeeder } from '../instance/instance';

/**
 * Demo loaders of every domain, in dependency order, run once on a new database in demo mode.
 * Each writes fictitious rows only. The territory is reference data, loaded in every mode.
 */
// parcoursDemoSeeder attaches to the demo case files: keep it after the case files' seeder.
export const demoSeeders: readonly DemoSeeder[] = [identityDemoSeeder((p) => hash(p)), directoryDemoSeeder, parcoursDemoSeeder];
