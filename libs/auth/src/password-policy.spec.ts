import { passwordProblems } from './password-policy.js';

describe('password policy', () => {
  it('accepts a long password mixing kinds of characters', () => {
    expect(passwordProblems('提案办理-2026-安全', 'yuanyuan')).toEqual([]);
    expect(passwordProblems('correct horse battery', 'yuanyuan')).toEqual([]);
  });

  it('names each problem with the field', () => {
    expect(passwordProblems('short1', 'yuanyuan')).toEqual(['newPassword must be 10 to 128 characters long']);
    expect(passwordProblems('onlyletterslong', 'yuanyuan')).toEqual(['newPassword must mix at least two of letters, digits and other characters']);
    expect(passwordProblems('YuanYuan-2026', 'yuanyuan')).toEqual(['newPassword must not contain the username']);
    expect(passwordProblems('x'.repeat(129), 'yuanyuan')).toHaveLength(3);
  });
});
