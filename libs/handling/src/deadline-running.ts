import { type DeadlineState, registerDeadlineRunning } from '#app/reminders';
import { AssignmentStatus } from './assignment.entity.js';
import { DeadlineStatus } from './deadline.entity.js';
import { isOpen } from './handling.service.js';

/**
 * A deadline runs while it is open and its assignment still owes its work (assigned or accepted); the
 * feedback window runs on after the reply (its assignment is replied by then). Registered with reminders,
 * which sits below handling and asks this before it delivers a reminder.
 */
export function deadlineRuns(state: DeadlineState): boolean {
  return state.deadlineStatus === DeadlineStatus.Open && (state.kind === 'feedback' || isOpen({ status: state.assignmentStatus as AssignmentStatus }));
}

registerDeadlineRunning(deadlineRuns);
