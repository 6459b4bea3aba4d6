import { hash } from '@node-rs/argon2';
import { referralsDemoSeeder } from '../cases/cases.referrals.demo';
import { casesDemoSeeder } from '../cases/cases.demo';
import { agendaDemoSeeder } from '../agenda/agenda.demo';
import { parcoursDemoSeeder } from '../cases/cases.parcours.demo';
import { directoryDemoSeeder } from '../directory/directory.demo';
import { rightsDemoSeeder } from '../cases/rights/rights.demo';
import { identityDemoSeeder } from '../identity/identity.demo';
import { casesNotesDemoSeeder } from '../cases/cases.notes.demo';
import type { DemoSeeder } from '../instance/instance';
import { coursesDemoSeeder } from '../courses/courses.demo';
import { fundingDemoSeeder } from '../courses/courses.funding.demo';
import { coursesReportDemoSeeder } from '../courses/courses.report.demo';
import { coursesAttendanceDemoSeeder } from '../courses/courses.attendance.demo';
import { coursesDemandDemoSeeder } from '../courses/courses.demand.demo';

/**
 * Demo loaders of every domain, in dependency order, run once on a new database in demo mode.
 * Each writes fictitious rows only. The territory is reference data, loaded in every mode.
 */
// coursesAttendanceDemoSeeder records registers of every course with a class: keep it last.
// parcoursDemoSeeder attaches to the demo case files: keep it after the case files' seeder.
export const demoSeeders: readonly DemoSeeder[] = [identityDemoSeeder((p) => hash(p)), directoryDemoSeeder, agendaDemoSeeder, casesDemoSeeder, parcoursDemoSeeder, referralsDemoSeeder, casesNotesDemoSeeder, rightsDemoSeeder, coursesDemoSeeder, coursesDemandDemoSeeder, coursesReportDemoSeeder, fundingDemoSeeder, coursesAttendanceDemoSeeder];
