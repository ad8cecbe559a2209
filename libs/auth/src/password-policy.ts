/** The least a new password must be: long, not one kind of character only, not the username. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

/** What is wrong with a new password, in words the user can act on; empty when it is acceptable. */
export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    problems.push(`newPassword must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long`);
  }
  const kinds = [/\p{L}/u, /\p{N}/u, /[^\p{L}\p{N}]/u].filter((kind) => kind.test(password)).length;
  if (kinds < 2) problems.push('newPassword must mix at least two of letters, digits and other characters');
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) problems.push('newPassword must not contain the username');
  if (/^(.)\1*$/u.test(password)) problems.push('newPassword must not repeat one character');
  return problems;
}
