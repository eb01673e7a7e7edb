/** Roles and permissions: the full matrix, so a widened role shows up as a failing line. */
import { describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLES, ROLE_PERMISSIONS, roleHas, type Permission, type Role } from '../../shared/domain/roles';

const MATRIX: Record<Permission, Role[]> = {
  'office.read': ['admin', 'supervisor', 'clerk', 'viewer'],
  'records.read': ['admin', 'supervisor', 'clerk', 'viewer'],
  'records.write': ['admin', 'supervisor', 'clerk'],
  'records.revealId': ['admin', 'supervisor', 'clerk'],
  'records.approve': ['admin', 'supervisor'],
  'system.maintain': ['admin', 'supervisor'],
  'audit.read': ['admin', 'supervisor'],
  'office.manage': ['admin'],
  'accounts.manage': ['admin'],
};

describe('roleHas', () => {
  it.each(PERMISSIONS.flatMap((p) => ROLES.map((r) => [r, p, MATRIX[p].includes(r)] as const)))('%s has %s: %s', (role, permission, expected) => {
    expect(roleHas(role, permission)).toBe(expected);
  });

  it('the matrix covers every permission', () => {
    expect(Object.keys(MATRIX).sort()).toEqual([...PERMISSIONS].sort());
  });

  it('a viewer cannot write records; a clerk cannot manage accounts; an admin has every permission', () => {
    expect(roleHas('viewer', 'records.write')).toBe(false);
    expect(roleHas('clerk', 'accounts.manage')).toBe(false);
    expect([...ROLE_PERMISSIONS.admin].sort()).toEqual([...PERMISSIONS].sort());
  });

  it('roles are nested: each has everything the one below it has', () => {
    const order: Role[] = ['viewer', 'clerk', 'supervisor', 'admin'];
    for (let i = 1; i < order.length; i += 1) {
      expect(ROLE_PERMISSIONS[order[i]]).toEqual(expect.arrayContaining([...ROLE_PERMISSIONS[order[i - 1]]]));
    }
  });
});
