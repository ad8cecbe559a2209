import { type Actor, permissionsOf } from '#app/auth';
import { Role } from '#app/org';
import { visibleProposals } from './proposals.policy.js';
// The ways a unit (handling) and an office (replies) see a proposal are registered by those libs' indexes.
import '#app/handling';
import '#app/replies';

const actor = (roles: Role[], scopes: Partial<Pick<Actor, 'handlingUnitIds' | 'officeUnitIds'>> = {}): Actor => ({
  userId: 'u1',
  displayName: 'x',
  committeeId: 'c1',
  roles: new Set(roles),
  permissions: permissionsOf(roles),
  handlingUnitIds: scopes.handlingUnitIds ?? [],
  signingUnitIds: [],
  officeUnitIds: scopes.officeUnitIds ?? [],
});

describe('which proposals an actor sees', () => {
  it('always stays inside the actor’s committee', () => {
    for (const roles of [[Role.Staff], [Role.Member], [Role.Drafter], [Role.Office]]) {
      const { sql, params } = visibleProposals(actor(roles, { handlingUnitIds: ['unit'], officeUnitIds: ['office'] }));
      expect(sql.startsWith('p.committee_id = :policyCommitteeId')).toBe(true);
      expect(params.policyCommitteeId).toBe('c1');
    }
  });

  it('gives staff the whole committee but members’ private drafts', () => {
    const { sql } = visibleProposals(actor([Role.Staff]));
    expect(sql).toContain("p.status NOT IN ('draft', 'cosigning') OR p.entered_by_user_id IS NOT NULL");
    expect(sql).not.toContain('assignments');
  });

  it('gives a member only proposals they propose', () => {
    const { sql } = visibleProposals(actor([Role.Member]));
    expect(sql).toContain('pr.user_id = :policyUserId');
    expect(sql).toContain('ci.user_id = :policyUserId');
    expect(sql).not.toContain('assignments');
    expect(sql).not.toContain('reply_copies');
  });

  it('adds assigned proposals for a unit, and copied ones for an office', () => {
    const unit = visibleProposals(actor([Role.Drafter], { handlingUnitIds: ['unit'] }));
    expect(unit.sql).toContain('a.unit_id = ANY(:policyUnitIds::uuid[])');
    expect(unit.sql).toContain('COALESCE(p.merged_into_id, p.id)');
    expect(unit.params.policyUnitIds).toEqual(['unit']);
    expect(unit.sql).not.toContain('reply_copies');
    const office = visibleProposals(actor([Role.Office], { officeUnitIds: ['office'] }));
    expect(office.sql).toContain('rc.unit_id = ANY(:policyOfficeIds::uuid[])');
    expect(office.sql).not.toContain('assignments');
  });
});
