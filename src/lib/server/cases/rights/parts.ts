// Every provider of the export (export-parts.ts) and every erasure step (erasure-steps.ts), like
// policy/rules.ts for rules: the rights use-cases import this module, so each part is registered
// before a file is exported or erased. A new part adds one import line here.
import './export-parts.core';
import '../cases.referrals.rights';
import '../cases.notes.rights';
import '../cases.parcours.rights';
import '../../courses/courses.demand.rights';
