/**
 * The vocabulary of the courses domain: axes, levels, statuses. Labels are catalogue keys
 * `courses.axis.<axis>`, `courses.level.<level>`, `courses.status.<status>`,
 * `courses.enrolment.status.<status>`, `courses.attendance.<status>`.
 */

/** The sector's axes (the PLI's): FLE, citizenship, socio-professional insertion, interculturality, digital. */
export const courseAxes = ['fle', 'citizenship', 'isp', 'interculturality', 'digital', 'other'] as const;
export type CourseAxis = (typeof courseAxes)[number];

/** FLE levels, from literacy (Alpha) to B2; null for other axes. */
export const fleLevels = ['alpha', 'a1', 'a2', 'b1', 'b2'] as const;
export type FleLevel = (typeof fleLevels)[number];

/** What an FLE course works on. */
export const fleFocuses = ['oral', 'written', 'both'] as const;
export type FleFocus = (typeof fleFocuses)[number];

/** How people register: walk in on the first day, by appointment, after a positioning test, only on referral. */
export const registrationModes = ['open', 'appointment', 'test', 'referral'] as const;
export type RegistrationMode = (typeof registrationModes)[number];

/** draft → published → (archived | cancelled). Only published courses take requests and appear in the directory. */
export const courseStatuses = ['draft', 'published', 'archived', 'cancelled'] as const;
export type CourseStatus = (typeof courseStatuses)[number];

/**
 * An enrolment's life. A request waits (waiting list, ordered by `requested_at`); when a seat frees it
 * is offered; the person takes it (enrolled) or not (declined). An enrolled person completes the
 * course or leaves it (withdrawn). A waiting request moved to another organisation's equivalent course
 * becomes `transferred` (the new course holds a new enrolment, `transferred_from_id` pointing back).
 * `cancelled`: the course was cancelled or the request was withdrawn before any seat.
 */
export const enrolmentStatuses = ['waiting', 'offered', 'enrolled', 'completed', 'withdrawn', 'declined', 'transferred', 'cancelled'] as const;
export type EnrolmentStatus = (typeof enrolmentStatuses)[number];
/** Statuses that hold a place on the waiting list or in the class: one per person and course. */
export const activeEnrolmentStatuses = ['waiting', 'offered', 'enrolled'] as const satisfies readonly EnrolmentStatus[];
/** Statuses that take a seat (capacity). */
export const seatStatuses = ['offered', 'enrolled'] as const satisfies readonly EnrolmentStatus[];

/** Where the demand came from. */
export const enrolmentSources = ['case_file', 'referral', 'public', 'transfer', 'direct'] as const;
export type EnrolmentSource = (typeof enrolmentSources)[number];

export const attendanceStatuses = ['present', 'absent', 'excused'] as const;
export type AttendanceStatus = (typeof attendanceStatuses)[number];

/** A session starting at or after this Brussels hour is an evening session. */
export const EVENING_FROM_HOUR = 17;
