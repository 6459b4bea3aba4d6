import { can, type Actor } from '../policy/policy';
import { formatHours } from './courses.attendance.schemas';
import { registerClosed, type RegisterClosed } from './courses.attendance.usecases';
import type { RegisterRow, TraineeHours } from './courses.attendance.repository';
import { coursesRules } from './courses.policy';
import type { CourseRow, SessionRow } from './load-course';

export type RegisterTrainee = {
	enrolmentId: string;
	name: string;
	/** enrolled | completed | withdrawn (a withdrawn trainee stays on the sessions before they left). */
	enrolmentStatus: string;
	/** What is recorded: present | absent | excused, or '' when nothing yet. */
	status: string;
	/** The time recorded, as the hours field shows it ("2:30"), '' when nothing yet or 0. */
	hours: string;
};

/** The register page's data: the session, its state, the trainees, and what the actor may do. */
export function presentRegister(actor: Actor, row: CourseRow, session: SessionRow, rows: RegisterRow[], now: Date) {
	const subject = { organisationId: row.organisationId };
	const closed: RegisterClosed | null = registerClosed(session, now);
	return {
		session: {
			id: session.id,
			startsAt: session.startsAt,
			endsAt: session.endsAt,
			minutes: session.minutes,
			length: formatHours(session.minutes),
			savedAt: session.registerSavedAt,
			lockedAt: session.lockedAt,
			closed
		},
		trainees: rows.map(
			(r): RegisterTrainee => ({
				enrolmentId: r.enrolmentId,
				name: [r.firstName, r.lastName].filter(Boolean).join(' ') || '—',
				enrolmentStatus: r.enrolmentStatus,
				status: r.attendanceStatus ?? '',
				hours: r.attendanceStatus === 'present' && r.minutes ? formatHours(r.minutes) : ''
			})
		),
		canRecord: closed === null && can(actor, coursesRules['register.record'], subject),
		canLock: closed !== 'notYetHeld' && closed !== 'cancelled' && can(actor, coursesRules['register.lock'], subject)
	};
}

/** Trainee hours as the enrolments page and the attestation show them: hours with one decimal. */
export function presentTraineeHours(h: TraineeHours) {
	const hours = (minutes: number) => Math.round(minutes / 6) / 10;
	return { enrolmentId: h.enrolmentId, sessionsHeld: h.sessionsHeld, presentCount: h.presentCount, hoursAttended: hours(h.minutesAttended), hoursPlanned: hours(h.minutesPlanned) };
}
