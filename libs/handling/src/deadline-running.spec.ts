import { deadlineRuns as askedByReminders } from '#app/reminders';
import { AssignmentStatus } from './assignment.entity.js';
import { DeadlineStatus } from './deadline.entity.js';
import { deadlineRuns } from './deadline-running.js';

describe('whether a deadline still runs (handling’s rule, asked by reminders before each delivery)', () => {
  it('runs while open and the assignment owes its work; the feedback window runs on after the reply', () => {
    const state = (deadlineStatus: string | null, assignmentStatus: string | null, kind: 'reply' | 'feedback' = 'reply') => ({ deadlineStatus, assignmentStatus, kind });
    expect(deadlineRuns(state(DeadlineStatus.Open, AssignmentStatus.Assigned))).toBe(true);
    expect(deadlineRuns(state(DeadlineStatus.Open, AssignmentStatus.Accepted))).toBe(true);
    expect(deadlineRuns(state(DeadlineStatus.Paused, AssignmentStatus.Accepted))).toBe(false);
    expect(deadlineRuns(state(DeadlineStatus.Met, AssignmentStatus.Accepted))).toBe(false);
    expect(deadlineRuns(state(DeadlineStatus.Cancelled, AssignmentStatus.Assigned))).toBe(false);
    expect(deadlineRuns(state(DeadlineStatus.Open, AssignmentStatus.Replied))).toBe(false);
    expect(deadlineRuns(state(DeadlineStatus.Open, AssignmentStatus.Reassigned))).toBe(false);
    expect(deadlineRuns(state(DeadlineStatus.Open, AssignmentStatus.Replied, 'feedback'))).toBe(true);
    expect(deadlineRuns(state(DeadlineStatus.Met, AssignmentStatus.Replied, 'feedback'))).toBe(false);
    expect(deadlineRuns(state(null, null))).toBe(false);
  });

  it('is the rule reminders asks once handling is loaded', () => {
    expect(askedByReminders({ deadlineStatus: DeadlineStatus.Open, assignmentStatus: AssignmentStatus.Accepted, kind: 'reply' })).toBe(true);
    expect(askedByReminders({ deadlineStatus: DeadlineStatus.Open, assignmentStatus: AssignmentStatus.Closed, kind: 'reply' })).toBe(false);
  });
});
